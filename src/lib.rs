//! Cartable, the school–family portal. One crate built twice: for the server (`ssr`) and for the
//! browser as WebAssembly (`hydrate`).
//!
//! - [`domain`]: the rules (identifiers, passwords, profile, journey, calendar), shared by both;
//! - [`api`]: server functions, the only door from a page to the server;
//! - [`pages`] and [`components`]: the screens;
//! - `server` (server only): configuration, database, sessions, mail, services, HTTP and CLI.
#![recursion_limit = "256"]

pub mod api;
pub mod app;
pub mod components;
pub mod domain;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod server;

/// The WebAssembly entry point: takes over the page the server rendered.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(app::App);
}
