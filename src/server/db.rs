//! Opening the database and bringing its schema up to date.
use migration::{Migrator, MigratorTrait};
use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseBackend, DatabaseConnection,
    DatabaseTransaction, DbErr, SqliteTransactionMode, TransactionOptions, TransactionTrait,
};
use std::{
    sync::{
        Arc,
        atomic::{AtomicU64, Ordering},
    },
    time::Duration,
};

/// Connects to `url` and runs the pending migrations. SQLite runs in WAL mode with a busy timeout,
/// so page reads never wait for a write and concurrent writes queue instead of failing.
pub async fn connect(url: &str) -> Result<DatabaseConnection, DbErr> {
    if let Some(path) = url.strip_prefix("sqlite://") {
        let file = path.split('?').next().unwrap_or_default();
        if let Some(dir) = std::path::Path::new(file)
            .parent()
            .filter(|dir| !dir.as_os_str().is_empty())
        {
            std::fs::create_dir_all(dir)
                .map_err(|e| DbErr::Custom(format!("cannot create {}: {e}", dir.display())))?;
        }
    }
    let mut options = ConnectOptions::new(url.to_owned());
    options
        .max_connections(if url.starts_with("sqlite") { 8 } else { 16 })
        .connect_timeout(Duration::from_secs(10))
        .sqlx_logging(false)
        .map_sqlx_sqlite_opts(|opts| {
            opts.journal_mode(sea_orm::sqlx::sqlite::SqliteJournalMode::Wal)
                .synchronous(sea_orm::sqlx::sqlite::SqliteSynchronous::Normal)
                .busy_timeout(Duration::from_secs(5))
                .foreign_keys(true)
        });
    // The schema changes on a pool of its own, closed before the server's opens: a connection
    // opened before an `ALTER TABLE` keeps the old columns of a `RETURNING *` it prepares, and
    // SQLite's silent re-preparation then hands sqlx a row wider than it was told (a panic).
    // One connection: on PostgreSQL the advisory lock belongs to it, and instances starting at
    // once take turns (the second finds nothing left to do).
    let mut one = options.clone();
    one.max_connections(1).min_connections(1);
    let migrating = Database::connect(one).await?;
    let postgres = migrating.get_database_backend() == DatabaseBackend::Postgres;
    if postgres {
        migrating
            .execute_unprepared(&format!("SELECT pg_advisory_lock({MIGRATION_LOCK})"))
            .await?;
    }
    let migrated = Migrator::up(&migrating, None).await;
    if postgres {
        migrating
            .execute_unprepared(&format!("SELECT pg_advisory_unlock({MIGRATION_LOCK})"))
            .await?;
    }
    migrated?;
    migrating.close().await?;
    Database::connect(options).await
}

/// The PostgreSQL advisory lock migrations run under ("cartable" in ASCII).
const MIGRATION_LOCK: i64 = 0x6361_7274_6162_6c65;

/// Whether the schema is the one this build expects: no migration left to apply.
pub async fn migrated(db: &DatabaseConnection) -> Result<bool, DbErr> {
    Ok(Migrator::get_pending_migrations(db).await?.is_empty())
}

/// A transaction that writes. On SQLite it takes the write lock at its start (`BEGIN IMMEDIATE`):
/// a transaction that read first would otherwise fail at once, instead of waiting its turn, when
/// another write (another request's, the outbox worker's) commits between its first read and its
/// first write. PostgreSQL starts it as usual.
pub async fn write_transaction(db: &DatabaseConnection) -> Result<DatabaseTransaction, DbErr> {
    db.begin_with_options(TransactionOptions {
        sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
        ..Default::default()
    })
    .await
}

/// How many queries a connection ran: tests and benchmarks hold the pages to their query budgets
/// with it. Counting is one atomic increment per query.
#[derive(Debug, Clone, Default)]
pub struct QueryCounter(Arc<AtomicU64>);

impl QueryCounter {
    pub fn count(&self) -> u64 {
        self.0.load(Ordering::Relaxed)
    }
}

/// Starts counting the queries `db` runs.
pub fn count_queries(db: &mut DatabaseConnection) -> QueryCounter {
    let counter = QueryCounter::default();
    let inner = counter.0.clone();
    db.set_metric_callback(move |_| {
        inner.fetch_add(1, Ordering::Relaxed);
    });
    counter
}

/// A hand-written statement whose `?` placeholders are numbered (`$1`, `$2`…) for PostgreSQL.
pub fn statement(
    backend: sea_orm::DatabaseBackend,
    sql: &str,
    values: Vec<sea_orm::Value>,
) -> sea_orm::Statement {
    let sql = match backend {
        sea_orm::DatabaseBackend::Postgres => {
            let mut numbered = String::with_capacity(sql.len() + 8);
            let mut n = 0;
            for c in sql.chars() {
                if c == '?' {
                    n += 1;
                    numbered.push_str(&format!("${n}"));
                } else {
                    numbered.push(c);
                }
            }
            numbered
        }
        _ => sql.to_owned(),
    };
    sea_orm::Statement::from_sql_and_values(backend, sql, values)
}

/// An entity's columns for a hand-written statement that reads several tables at once: each column
/// of the table named `alias`, renamed `{alias}_{column}`, so that the entity's model is read back
/// from the row with the prefix `{alias}_` (`Model::from_query_result(&row, "a_")`).
pub fn columns_as<E: sea_orm::EntityTrait>(alias: &str) -> String {
    use sea_orm::{IdenStatic, Iterable};
    E::Column::iter()
        .map(|column| {
            let name = column.as_str();
            format!("{alias}.\"{name}\" AS \"{alias}_{name}\"")
        })
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use sea_orm::{ConnectionTrait, Statement};

    /// A school that ran an earlier version keeps its parents: their saved addresses are lowered.
    #[tokio::test]
    async fn addresses_saved_with_capitals_are_lowered_by_the_migration() {
        let db = Database::connect("sqlite::memory:").await.unwrap();
        Migrator::up(&db, Some(3)).await.unwrap();
        db.execute_unprepared(
            "INSERT INTO parent_accounts (email, created_at) \
             VALUES ('Antoinette.Dupond@Example.be', '2026-11-01T00:00:00Z')",
        )
        .await
        .unwrap();
        Migrator::up(&db, None).await.unwrap();
        let row = db
            .query_one_raw(Statement::from_string(
                db.get_database_backend(),
                "SELECT email FROM parent_accounts",
            ))
            .await
            .unwrap()
            .unwrap();
        let email: String = row.try_get("", "email").unwrap();
        assert_eq!(email, "antoinette.dupond@example.be");
    }
}
