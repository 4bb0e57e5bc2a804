//! Migrations go both ways: the last ones (one table of mailed links, one slot of a child per
//! account, letters' expiry) can be undone and done again, and a link waiting in the mailbox keeps
//! working across; letters waiting to be used get 90 days from the migration.
use crate::helpers::*;
use cartable::server::entities::parent_slot;
use migration::{Migrator, MigratorTrait};
use sea_orm::{ConnectionTrait, EntityTrait, QueryOrder, Statement};

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
    let token = token_in(&app.outbox().await[0]);
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

#[tokio::test]
async fn letters_waiting_when_letters_began_to_expire_get_90_days_and_used_ones_none() {
    let app = spawn_app().await;
    app.settled_parent().await;
    // Every migration after 000006, down to 000007 included.
    let after_000006 = Migrator::migrations().len() as u32 - 6;
    Migrator::down(&app.db, Some(after_000006)).await.unwrap();
    Migrator::up(&app.db, None).await.unwrap();

    let slots = parent_slot::Entity::find()
        .order_by_asc(parent_slot::Column::Id)
        .all(&app.db)
        .await
        .unwrap();
    let ninety_days = chrono::Utc::now() + chrono::Duration::days(90);
    for slot in slots {
        match (slot.account_id, slot.temporary_password_expires_at) {
            (Some(_), None) => {}
            (None, Some(until)) => {
                let off = (until - ninety_days).num_seconds().abs();
                assert!(off < 60, "slot {}: {until}", slot.id);
            }
            other => panic!("slot {}: {other:?}", slot.id),
        }
    }
    app.clock.advance(chrono::Duration::days(91));
    let (_, body) = error(app.sign_in(&browser(), MARIE, MARIE_LETTER).await).await;
    let expired = cartable::api::error::letter_expired(FR);
    assert_eq!(field_errors(&body), only("password", expired));
}
