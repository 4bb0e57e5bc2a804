//! A revision per school, raised by the database itself whenever what a school's pages share
//! changes: its news, its events (and the classes they are for), its administrators. Servers keep
//! those rows in memory and check the revision on every request, so a change made anywhere (any
//! instance, the command line, a test) shows at once. Triggers rather than application code, so
//! that no write path can forget.
use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DatabaseBackend;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Platforms {
    Table,
    Revision,
}

/// The tables whose rows a school's pages share, each with the school of a row (`ROW` stands for
/// `NEW` or `OLD`). A class's share of a news item or event is a row of its own.
const SHARED: [(&str, &str); 5] = [
    ("news", "ROW.platform_id"),
    ("events", "ROW.platform_id"),
    ("platform_admins", "ROW.platform_id"),
    (
        "news_classes",
        "(SELECT platform_id FROM news WHERE id = ROW.news_id)",
    ),
    (
        "event_classes",
        "(SELECT platform_id FROM events WHERE id = ROW.event_id)",
    ),
];

/// Raises the revision of the school of `row` (`NEW` or `OLD`) of `table`.
fn bump(school_of_row: &str, row: &str) -> String {
    format!(
        "UPDATE platforms SET revision = revision + 1 WHERE id = {};",
        school_of_row.replace("ROW", row)
    )
}

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
        for (table, school_of_row) in SHARED {
            let (new, old) = (bump(school_of_row, "NEW"), bump(school_of_row, "OLD"));
            match m.get_database_backend() {
                DatabaseBackend::Postgres => {
                    db.execute_unprepared(&format!(
                        "CREATE OR REPLACE FUNCTION {table}_bump_school_revision() RETURNS trigger \
                         LANGUAGE plpgsql AS $$ BEGIN \
                           IF TG_OP <> 'INSERT' THEN {old} END IF; \
                           IF TG_OP <> 'DELETE' THEN {new} END IF; \
                           RETURN NULL; \
                         END $$"
                    ))
                    .await?;
                    db.execute_unprepared(&format!(
                        "CREATE TRIGGER {table}_bump_school_revision \
                         AFTER INSERT OR UPDATE OR DELETE ON {table} \
                         FOR EACH ROW EXECUTE FUNCTION {table}_bump_school_revision()"
                    ))
                    .await?;
                }
                _ => {
                    for (operation, bumps) in [
                        ("insert", new.clone()),
                        ("update", format!("{old} {new}")),
                        ("delete", old.clone()),
                    ] {
                        db.execute_unprepared(&format!(
                            "CREATE TRIGGER {table}_{operation}_bumps_school_revision \
                             AFTER {operation} ON {table} BEGIN {bumps} END"
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
        for (table, _) in SHARED {
            match m.get_database_backend() {
                DatabaseBackend::Postgres => {
                    db.execute_unprepared(&format!(
                        "DROP TRIGGER IF EXISTS {table}_bump_school_revision ON {table}"
                    ))
                    .await?;
                    db.execute_unprepared(&format!(
                        "DROP FUNCTION IF EXISTS {table}_bump_school_revision()"
                    ))
                    .await?;
                }
                _ => {
                    for operation in ["insert", "update", "delete"] {
                        db.execute_unprepared(&format!(
                            "DROP TRIGGER IF EXISTS {table}_{operation}_bumps_school_revision"
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
