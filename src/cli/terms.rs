//! `cartable terms publish`: a new version of the terms of use.
use super::output::Output;
use crate::server::terms;
use anyhow::Context;
use chrono::NaiveDate;
use sea_orm::DatabaseConnection;

#[derive(clap::Subcommand)]
pub enum Command {
    /// Publish a new version (Markdown): every parent must accept it again.
    Publish {
        #[arg(long)]
        platform: String,
        #[arg(long)]
        file: std::path::PathBuf,
        /// Parents may postpone their answer until this day (YYYY-MM-DD).
        #[arg(long)]
        postpone_until: Option<NaiveDate>,
    },
}

pub async fn run(db: &DatabaseConnection, out: Output, command: Command) -> anyhow::Result<()> {
    let Command::Publish {
        platform,
        file,
        postpone_until,
    } = command;
    let markdown = std::fs::read_to_string(&file)
        .with_context(|| format!("impossible de lire {}", file.display()))?;
    let terms = terms::publish(db, &platform, markdown, postpone_until).await?;
    out.report(
        serde_json::json!({ "platform": platform, "version": terms.version }),
        format!(
            "Conditions d'utilisation publiées : version {}",
            terms.version
        ),
    );
    Ok(())
}
