//! Cartable, the school–family portal. One crate built twice: for the server (`ssr`) and for the
//! browser as WebAssembly (`hydrate`), in islands mode: pages render on the server alone, and only
//! the few `#[island]` components that need the browser (live checks, the terms' scrolling, the
//! add-a-child dialog) are compiled to WebAssembly and brought to life there. Layers, from the top; none imports one above it
//! (`tests/layers.rs` checks):
//!
//! - `cli` (server only): the `cartable` command, per group of commands;
//! - `startup` (server only): the HTTP application, its router and its layers;
//! - [`app`]: the HTML shell and the routes;
//! - [`pages`], then [`components`]: the screens and their pieces;
//! - [`api`]: server functions, the only door from a page to the server: they check the caller
//!   and the input, call the services, and build the views;
//! - `server` (server only): configuration, database, sessions, mail, and the services;
//! - [`domain`]: the rules (identifiers, passwords, profile, journey, calendar), shared by both;
//! - [`language`]: which of the four languages a request is in, and [`i18n`], their words
//!   (generated from `locales/` by `build.rs`).
//!
//! [`content_policy`] is the page's security policy, which the shell and the HTTP layers both read.
#![recursion_limit = "256"]

pub mod api;
pub mod app;
#[cfg(feature = "ssr")]
pub mod cli;
pub mod components;
pub mod content_policy;
pub mod domain;
pub mod language;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod server;
#[cfg(feature = "ssr")]
pub mod startup;

include!(concat!(env!("OUT_DIR"), "/i18n/mod.rs"));

/// The WebAssembly entry point: prepares the islands of the page the server rendered, which the
/// loader script then hydrates one by one.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    // Readable panics while developing; a release leaves the formatting out of the phone's download.
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
}
