//! A revision per school, raised by the database itself whenever what a school's pages share
//! changes: its news, its events, its administrators. Servers keep those rows in memory and check
//! the revision on every request, so a change made anywhere (any instance, the command line, a
//! test) shows at once. Triggers rather than application code, so that no write path can forget.
use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DatabaseBackend;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Platforms {
    Table,
    Revision,
}

/// The tables whose rows a school's pages share; each has a `platform_id`.
const SHARED: [&str; 3] = ["news", "events", "platform_admins"];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(Platforms::Table)
                .add_column(
                    ColumnDef::new(Platforms::Revision)
                        .big_integer()
                        .not_null()
                        .default(0),
                )
                .take(),
        )
        .await?;
        let db = m.get_connection();
        match m.get_database_backend() {
            DatabaseBackend::Postgres => {
                db.execute_unprepared(
                    "CREATE OR REPLACE FUNCTION bump_school_revision() RETURNS trigger \
                     LANGUAGE plpgsql AS $$ BEGIN \
                       IF TG_OP <> 'INSERT' THEN \
                         UPDATE platforms SET revision = revision + 1 WHERE id = OLD.platform_id; \
                       END IF; \
                       IF TG_OP <> 'DELETE' THEN \
                         UPDATE platforms SET revision = revision + 1 WHERE id = NEW.platform_id; \
                       END IF; \
                       RETURN NULL; \
                     END $$",
                )
                .await?;
                for table in SHARED {
                    db.execute_unprepared(&format!(
                        "CREATE TRIGGER {table}_bump_school_revision \
                         AFTER INSERT OR UPDATE OR DELETE ON {table} \
                         FOR EACH ROW EXECUTE FUNCTION bump_school_revision()"
                    ))
                    .await?;
                }
            }
            _ => {
                for table in SHARED {
                    for (operation, rows) in [
                        ("INSERT", "NEW.platform_id"),
                        ("UPDATE", "OLD.platform_id, NEW.platform_id"),
                        ("DELETE", "OLD.platform_id"),
                    ] {
                        db.execute_unprepared(&format!(
                            "CREATE TRIGGER {table}_{op}_bumps_school_revision \
                             AFTER {operation} ON {table} BEGIN \
                               UPDATE platforms SET revision = revision + 1 WHERE id IN ({rows}); \
                             END",
                            op = operation.to_lowercase(),
                        ))
                        .await?;
                    }
                }
            }
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let db = m.get_connection();
        match m.get_database_backend() {
            DatabaseBackend::Postgres => {
                for table in SHARED {
                    db.execute_unprepared(&format!(
                        "DROP TRIGGER IF EXISTS {table}_bump_school_revision ON {table}"
                    ))
                    .await?;
                }
                db.execute_unprepared("DROP FUNCTION IF EXISTS bump_school_revision()")
                    .await?;
            }
            _ => {
                for table in SHARED {
                    for op in ["insert", "update", "delete"] {
                        db.execute_unprepared(&format!(
                            "DROP TRIGGER IF EXISTS {table}_{op}_bumps_school_revision"
                        ))
                        .await?;
                    }
                }
            }
        }
        m.alter_table(
            Table::alter()
                .table(Platforms::Table)
                .drop_column(Platforms::Revision)
                .take(),
        )
        .await
    }
}
