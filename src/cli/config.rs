//! `cartable config check`: the settings Cartable would start with (environment, then
//! cartable.toml, then the defaults), secrets hidden; a malformed value fails here as at start.
use super::output::Output;
use crate::server::config::{Settings, listen_addr};

#[derive(clap::Subcommand)]
pub enum Command {
    /// Print the effective settings, without secrets.
    Check,
}

pub fn run(
    file: Option<std::path::PathBuf>,
    out: Output,
    Command::Check: Command,
) -> anyhow::Result<()> {
    let settings = Settings::from_env()?;
    let addr = listen_addr()?;
    let file = file.map(|path| path.display().to_string());
    out.report(
        serde_json::json!({
            "file": file,
            "addr": addr.to_string(),
            "settings": format!("{settings:?}"),
        }),
        format!(
            "Fichier de réglages : {}\nAdresse d'écoute : {addr}\n{settings:#?}",
            file.as_deref().unwrap_or("aucun")
        ),
    );
    Ok(())
}
