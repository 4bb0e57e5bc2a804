//! `cartable serve`: the web site.
use crate::{server::config::Settings, startup::Application};
use std::net::SocketAddr;

#[derive(clap::Parser)]
pub struct Args {
    /// Where to listen [default: CARTABLE_ADDR, `addr` in cartable.toml, or 127.0.0.1:3000].
    #[arg(long)]
    addr: Option<SocketAddr>,
}

pub async fn run(settings: Settings, args: Args) -> anyhow::Result<()> {
    let addr = match args.addr {
        Some(addr) => addr,
        None => crate::server::config::listen_addr()?,
    };
    let public_url = settings.public_url.clone();
    let app = Application::build(settings, site_options(addr), addr).await?;
    tracing::info!(addr = %app.local_addr(), %public_url, "Cartable is listening");
    println!("Cartable écoute sur http://{}", app.local_addr());
    app.run().await?;
    Ok(())
}

/// The Leptos site settings: cargo-leptos sets `LEPTOS_*` when it runs the server; the defaults
/// match its output folder, so the binary also runs on its own. A release build names its files
/// by their content and lists the names in `hash.txt`, next to the binary.
fn site_options(addr: SocketAddr) -> leptos::prelude::LeptosOptions {
    let env =
        |name: &str, default: &str| std::env::var(name).unwrap_or_else(|_| default.to_owned());
    let mut options = leptos::prelude::LeptosOptions::builder()
        .output_name(env("LEPTOS_OUTPUT_NAME", "cartable"))
        .site_root(env("LEPTOS_SITE_ROOT", "target/site"))
        .site_pkg_dir(env("LEPTOS_SITE_PKG_DIR", "pkg"))
        .site_addr(addr)
        .build();
    // A release build names its files by their content, listed beside the binary.
    let hashed = crate::startup::hash_file(&options).is_some_and(|file| file.exists());
    options.hash_files = env("LEPTOS_HASH_FILES", &hashed.to_string()) == "true";
    options
}
