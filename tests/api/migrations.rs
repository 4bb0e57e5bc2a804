//! Migrations go both ways: the last ones (one table of mailed links, one slot of a child per
//! account) can be undone and done again, and a link waiting in the mailbox keeps working across.
use crate::helpers::*;
use migration::{Migrator, MigratorTrait};
use sea_orm::{ConnectionTrait, Statement};

async fn rows(app: &TestApp, table: &str) -> i64 {
    let sql = format!("SELECT COUNT(*) AS n FROM {table}");
    let statement = Statement::from_string(app.db.get_database_backend(), sql);
    let row = app.db.query_one_raw(statement).await.unwrap().unwrap();
    row.try_get::<i64>("", "n").unwrap()
}

#[tokio::test]
async fn the_mailed_links_migration_is_undone_and_redone_with_the_waiting_links() {
    let app = spawn_app().await;
    app.settled_parent().await;
    let token = token_in(&app.outbox()[0]);
    assert_eq!(rows(&app, "mailed_links").await, 1);

    // Every migration after 000005, then 000005 itself.
    let after_000004 = Migrator::migrations().len() as u32 - 4;
    Migrator::down(&app.db, Some(after_000004)).await.unwrap();
    assert_eq!(rows(&app, "email_confirmations").await, 1);
    assert_eq!(rows(&app, "password_resets").await, 0);

    Migrator::up(&app.db, None).await.unwrap();
    assert_eq!(rows(&app, "mailed_links").await, 1);
    let confirmed = app
        .call(&browser(), "confirm_email", &[("token", &token)])
        .await;
    assert_eq!(next_page(&confirmed), "/email-confirme");
}
