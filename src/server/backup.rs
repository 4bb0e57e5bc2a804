//! Backups of the embedded SQLite database, taken while the server runs (`VACUUM INTO` writes a
//! consistent copy from one read transaction: requests go on meanwhile), and their restoration
//! into a stopped server's place. PostgreSQL is backed up with its own tools (README, Backups).
use anyhow::{Context, bail};
use sea_orm::{ConnectionTrait, DatabaseBackend, DatabaseConnection, Statement};
use std::path::{Path, PathBuf};

/// The first bytes of every SQLite database file.
const SQLITE_HEADER: &[u8] = b"SQLite format 3\0";

/// Writes a consistent copy of the database to `file`, which must not exist yet.
pub async fn to_file(db: &DatabaseConnection, file: &Path) -> anyhow::Result<()> {
    if db.get_database_backend() != DatabaseBackend::Sqlite {
        bail!("PostgreSQL is backed up with pg_dump (see the README, Backups)");
    }
    if file.exists() {
        bail!(
            "{} exists already: a backup never overwrites a file",
            file.display()
        );
    }
    let path = file.to_str().context("the backup's path is not UTF-8")?;
    db.execute_raw(Statement::from_sql_and_values(
        DatabaseBackend::Sqlite,
        "VACUUM INTO ?",
        [path.into()],
    ))
    .await
    .with_context(|| format!("cannot write {}", file.display()))?;
    Ok(())
}

/// The file a `sqlite://…` URL names.
pub fn sqlite_file(database_url: &str) -> anyhow::Result<PathBuf> {
    let Some(rest) = database_url.strip_prefix("sqlite://") else {
        bail!("restore is for SQLite; PostgreSQL is restored with pg_restore (see the README)");
    };
    Ok(PathBuf::from(rest.split('?').next().unwrap_or_default()))
}

/// Puts the backup `from` in the place of the database `to` (the server stopped). An existing
/// database is replaced only when `replace` says so; its write-ahead log goes with it.
pub fn restore(from: &Path, to: &Path, replace: bool) -> anyhow::Result<()> {
    let mut header = [0u8; 16];
    std::io::Read::read_exact(
        &mut std::fs::File::open(from)
            .with_context(|| format!("cannot read {}", from.display()))?,
        &mut header,
    )
    .ok()
    .filter(|()| header == SQLITE_HEADER)
    .with_context(|| format!("{} is not a Cartable backup (not SQLite)", from.display()))?;
    if to.exists() && !replace {
        bail!(
            "{} exists: stop the server, then restore with --replace to overwrite it",
            to.display()
        );
    }
    if let Some(dir) = to.parent().filter(|dir| !dir.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    // Copied aside, then renamed: a database is never half written.
    let partial = to.with_extension("restoring");
    std::fs::copy(from, &partial).with_context(|| format!("cannot write {}", partial.display()))?;
    for stale in ["-wal", "-shm"] {
        let mut name = to.as_os_str().to_owned();
        name.push(stale);
        let _ = std::fs::remove_file(PathBuf::from(name));
    }
    std::fs::rename(&partial, to)?;
    Ok(())
}
