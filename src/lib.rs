//! Cartable, the school–family portal. One crate built twice: for the server (`ssr`) and for the
//! browser as WebAssembly (`hydrate`). Layers, from the top; none imports one above it
//! (`tests/layers.rs` checks):
//!
//! - `cli` (server only): the `cartable` command, per group of commands;
//! - `startup` (server only): the HTTP application, its router and its layers;
//! - [`app`]: the HTML shell and the routes;
//! - [`pages`], then [`components`]: the screens and their pieces;
//! - [`api`]: server functions, the only door from a page to the server: they check the caller
//!   and the input, call the services, and build the views;
//! - `server` (server only): configuration, database, sessions, mail, and the services;
//! - [`domain`]: the rules (identifiers, passwords, profile, journey, calendar), shared by both.
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
pub mod pages;
#[cfg(feature = "ssr")]
pub mod server;
#[cfg(feature = "ssr")]
pub mod startup;

/// The WebAssembly entry point: takes over the page the server rendered.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(app::App);
}
