//! The purge deletes what no rule needs any more, and nothing else: rows made through the running
//! server (a journey, a confirmed address, reset requests, failed sign-ins), then the server's
//! clock moved two days on, then live rows made again. `cartable serve` runs the same purge daily.
use crate::helpers::*;
use cartable::server::{
    config::PurgeSchedule,
    entities::{audit_event, mailed_link, session, throttle},
    purge::{self, Purged, Retention},
};
use chrono::Duration;
use sea_orm::EntityTrait;

async fn session_ids(app: &TestApp) -> Vec<String> {
    let all = session::Entity::find().all(&app.db).await.unwrap();
    all.into_iter().map(|row| row.id).collect()
}

async fn links(app: &TestApp) -> Vec<mailed_link::Model> {
    mailed_link::Entity::find().all(&app.db).await.unwrap()
}

async fn throttle_keys(app: &TestApp) -> Vec<String> {
    let all = throttle::Entity::find().all(&app.db).await.unwrap();
    all.into_iter().map(|row| row.key).collect()
}

async fn audit_events(app: &TestApp) -> Vec<audit_event::Model> {
    audit_event::Entity::find().all(&app.db).await.unwrap()
}

/// Requests the `nth` reset link for Albert's parent, and waits until it is mailed and logged (in
/// the background, after the answer, on the server's clock as it was when asked).
async fn request_reset(app: &TestApp, nth: usize) {
    let form = [("who", ALBERT)];
    next_page(&app.call(&browser(), "request_password_reset", &form).await);
    for _ in 0..100 {
        let kinds = app.audit_kinds().await;
        if kinds
            .iter()
            .filter(|kind| *kind == "password_reset_requested")
            .count()
            == nth
        {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("reset request {nth} not logged");
}

async fn wrong_password(app: &TestApp, identifier: &str) {
    error(app.sign_in(&browser(), identifier, "pas le bon").await).await;
}

#[tokio::test]
async fn the_purge_deletes_ended_sessions_spent_links_forgotten_counters_and_old_events_only() {
    let app = spawn_app().await;
    // Two days ago: a journey (a session, a confirmation link used), a reset link left unused,
    // two failed sign-ins of Léon's, and their events in the log.
    app.confirmed_parent().await;
    request_reset(&app, 1).await;
    wrong_password(&app, LEON).await;
    wrong_password(&app, LEON).await;
    let old_session = session_ids(&app).await;
    let old_events = audit_events(&app).await.len();
    assert_eq!(old_session.len(), 1);
    assert_eq!(links(&app).await.len(), 2);
    assert!(throttle_keys(&app).await.contains(&format!("login:{LEON}")));

    // Now: a current session, a fresh reset link, Marie's failed sign-in.
    app.clock.advance(Duration::days(2));
    let current = browser();
    next_page(
        &app.sign_in_new_browser(&current, ALBERT, NEW_PASSWORD)
            .await,
    );
    // A sign-in left waiting for its code, which expires.
    app.sign_in(&browser(), ALBERT, NEW_PASSWORD).await;
    request_reset(&app, 2).await;
    wrong_password(&app, MARIE).await;
    let recent_events = audit_events(&app).await.len() - old_events;

    let retention = Retention {
        session_idle: Duration::hours(1),
        audit_events: Duration::days(1),
    };
    let purged = purge::run(&app.db, &app.clock, retention).await.unwrap();
    assert_eq!(
        purged,
        Purged {
            sessions: 1,
            mailed_links: 2,
            staff_links: 0,
            staff_imports: 0,
            sign_in_codes: 0,
            known_browsers: 0,
            mails: 0,
            throttle_counters: 1,
            audit_events: old_events as u64,
        }
    );
    let live = session_ids(&app).await;
    assert_eq!(live.len(), 1);
    assert_ne!(live, old_session, "the ended session was kept");
    let home = app.call(&current, "home", &[]).await;
    assert!(home.status().is_success(), "the current session was purged");

    let kept = links(&app).await;
    assert_eq!(kept.len(), 1);
    assert!(kept[0].used_at.is_none() && kept[0].expires_at > app.clock.now());

    let keys = throttle_keys(&app).await;
    assert!(!keys.contains(&format!("login:{LEON}")), "{keys:?}");
    assert!(keys.contains(&format!("login:{MARIE}")), "{keys:?}");
    assert_eq!(audit_events(&app).await.len(), recent_events);

    // Nothing more to delete: a second run deletes nothing.
    let again = purge::run(&app.db, &app.clock, retention).await.unwrap();
    assert_eq!(again, Purged::default());
}

#[tokio::test]
async fn a_running_server_purges_on_its_own() {
    let app = spawn_app_with(|settings| {
        settings.purge_schedule = PurgeSchedule {
            first_after: std::time::Duration::from_secs(1),
            every: std::time::Duration::from_secs(1),
        }
    })
    .await;
    app.settled_parent().await;
    assert_eq!(session_ids(&app).await.len(), 1);
    app.clock.advance(Duration::hours(2));
    for _ in 0..100 {
        if session_ids(&app).await.is_empty() {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("the idle session is still there after 10 seconds");
}
