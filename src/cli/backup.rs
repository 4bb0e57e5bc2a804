//! `cartable backup --to FILE` (while the server runs) and `cartable restore --from FILE` (server
//! stopped): the SQLite database as one file.
use super::output::Output;
use crate::server::{backup, config::Settings, db};
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct BackupArgs {
    /// The file to write (it must not exist).
    #[arg(long)]
    to: PathBuf,
}

#[derive(clap::Args)]
pub struct RestoreArgs {
    /// A file `cartable backup` wrote.
    #[arg(long)]
    from: PathBuf,
    /// Replace the existing database (stop the server first).
    #[arg(long)]
    replace: bool,
}

pub async fn run_backup(settings: &Settings, out: Output, args: BackupArgs) -> anyhow::Result<()> {
    let db = db::connect(&settings.database_url).await?;
    backup::to_file(&db, &args.to).await?;
    let size = std::fs::metadata(&args.to)?.len();
    out.report(
        serde_json::json!({ "backup": args.to, "bytes": size }),
        format!("Sauvegarde écrite : {} ({size} octets)", args.to.display()),
    );
    Ok(())
}

pub async fn run_restore(
    settings: &Settings,
    out: Output,
    args: RestoreArgs,
) -> anyhow::Result<()> {
    let file = backup::sqlite_file(&settings.database_url)?;
    backup::restore(&args.from, &file, args.replace)?;
    // Opened once: a backup from an older version gets this version's migrations now.
    db::connect(&settings.database_url).await?.close().await?;
    out.report(
        serde_json::json!({ "restored": file, "from": args.from }),
        format!(
            "Base restaurée : {} (depuis {})",
            file.display(),
            args.from.display()
        ),
    );
    Ok(())
}
