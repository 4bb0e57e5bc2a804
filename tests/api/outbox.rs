//! The outbox, on SQLite and PostgreSQL alike: a mail is a row first; the server's worker sends it
//! once; workers side by side never claim the same row; a mail the SMTP server refuses waits and
//! is tried again later, then given up after a day; a row claimed by a worker that died is sent by
//! another once its lease has passed, and purged a month later.
use crate::helpers::*;
use cartable::server::{
    entities::outbox_mail::{self, State},
    outbox,
    purge::{self, Retention},
};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use std::collections::BTreeSet;

/// The subjects of the mails the server wrote to its outbox folder.
async fn subjects_written(app: &TestApp) -> Vec<String> {
    app.outbox()
        .await
        .iter()
        .filter_map(|mail| {
            let line = mail.lines().find(|line| line.starts_with("Subject: "))?;
            Some(line.trim_start_matches("Subject: ").to_owned())
        })
        .collect()
}

async fn rows(app: &TestApp) -> Vec<outbox_mail::Model> {
    outbox_mail::Entity::find().all(&app.db).await.unwrap()
}

/// Waits (a few seconds at most) until `done` holds of the outbox's rows.
async fn until(app: &TestApp, done: impl Fn(&[outbox_mail::Model]) -> bool) {
    for _ in 0..200 {
        if done(&rows(app).await) {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("the outbox never got there: {:?}", rows(app).await);
}

#[tokio::test]
async fn workers_side_by_side_send_each_of_1000_mails_once() {
    let app = spawn_app().await;
    let now = app.clock.now();
    for n in 0..1000 {
        outbox::enqueue(&app.db, now, numbered_mail(n))
            .await
            .unwrap();
    }
    // Two more workers beside the server's own, claiming as fast as they can.
    let claim_all = |worker: &'static str| {
        let (db, clock) = (app.db.clone(), app.clock.clone());
        async move {
            let mut subjects = Vec::new();
            loop {
                let claimed = outbox::claim(&db, worker, clock.now()).await.unwrap();
                if claimed.is_empty() {
                    return subjects;
                }
                for row in claimed {
                    outbox::mark_sent(&db, &row, worker, clock.now())
                        .await
                        .unwrap();
                    subjects.push(row.subject);
                }
            }
        }
    };
    let (first, second) = tokio::join!(claim_all("first"), claim_all("second"));
    until(&app, |rows| rows.iter().all(|row| row.state == State::Sent)).await;
    let mut all: Vec<String> = first;
    all.extend(second);
    all.extend(subjects_written(&app).await);
    let unique: BTreeSet<&String> = all.iter().collect();
    assert_eq!(unique.len(), 1000, "every mail sent");
    assert_eq!(all.len(), 1000, "none sent twice");
}

#[tokio::test]
async fn a_refused_mail_is_tried_again_later_then_given_up_after_a_day() {
    // Nothing listens on port 9 of the loopback: every SMTP conversation fails.
    let app =
        spawn_app_with(|settings| settings.smtp_url = Some("smtp://127.0.0.1:9".into())).await;
    outbox::enqueue(&app.db, app.clock.now(), numbered_mail(1))
        .await
        .unwrap();
    until(&app, |rows| rows[0].attempts == 1).await;
    let first = &rows(&app).await[0];
    assert_eq!(first.state, State::Pending);
    assert!(first.last_error.is_some());
    // The next attempt in 30 s (less the moment since).
    let wait = first.next_attempt_at - app.clock.now();
    assert!(
        wait <= outbox::back_off(0) && wait > outbox::back_off(0) - chrono::Duration::seconds(5)
    );
    // Not before its time.
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert_eq!(rows(&app).await[0].attempts, 1);
    app.clock.advance(chrono::Duration::seconds(31));
    until(&app, |rows| rows[0].attempts == 2).await;
    // A day of failures later, it is given up.
    app.clock.advance(chrono::Duration::days(1));
    until(&app, |rows| rows[0].state == State::Dead).await;
    assert!(outbox::back_off(30) <= chrono::Duration::hours(1));
}

#[tokio::test]
async fn a_mail_claimed_by_a_worker_that_died_is_sent_once_its_lease_has_passed() {
    let app = spawn_app().await;
    let now = app.clock.now();
    outbox::enqueue(&app.db, now, numbered_mail(7))
        .await
        .unwrap();
    // A worker claims it, and dies before sending.
    let claimed = outbox::claim(&app.db, "died", now).await.unwrap();
    assert_eq!(claimed.len(), 1);
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    assert_eq!(
        rows(&app).await[0].state,
        State::Pending,
        "held by its lease"
    );
    app.clock.advance(chrono::Duration::minutes(6));
    until(&app, |rows| rows[0].state == State::Sent).await;
    assert_eq!(subjects_written(&app).await, ["Mail 7"]);
    let sent = outbox_mail::Entity::find()
        .filter(outbox_mail::Column::ClaimedBy.ne("died"))
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(sent.len(), 1, "sent by the server's own worker");
    // Kept a month, to answer "did it go?", then purged.
    let retention = Retention {
        session_idle: chrono::Duration::hours(1),
        audit_events: chrono::Duration::days(365),
    };
    app.clock.advance(chrono::Duration::days(29));
    let purged = purge::run(&app.db, &app.clock, retention).await.unwrap();
    assert_eq!(purged.mails, 0);
    app.clock.advance(chrono::Duration::days(2));
    let purged = purge::run(&app.db, &app.clock, retention).await.unwrap();
    assert_eq!(purged.mails, 1);
    assert!(rows(&app).await.is_empty());
}

#[tokio::test]
async fn a_mail_given_up_is_shown_to_the_administrators_of_its_parents_school_only() {
    use sea_orm::{ActiveModelTrait, Set};
    let app = spawn_app().await;
    let callers = crate::staff::school_with_staff(&app).await;
    let now = app.clock.now();
    outbox_mail::ActiveModel {
        recipient: Set("antoinette.dupond@example.be".into()),
        subject: Set("Nouveau message : Piscine".into()),
        body: Set(String::new()),
        state: Set(State::Dead),
        attempts: Set(30),
        next_attempt_at: Set(now),
        last_error: Set(Some("550 mailbox unavailable".into())),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .unwrap();
    let here = app.call(&callers.admin_here, "staff_school", &[]).await;
    let here: serde_json::Value = here.json().await.unwrap();
    let dead = &here["dead_letters"][0];
    assert_eq!(dead[0], "antoinette.dupond@example.be");
    assert_eq!(dead[3], "550 mailbox unavailable");
    let other = app.call(&callers.admin_other, "staff_school", &[]).await;
    let other: serde_json::Value = other.json().await.unwrap();
    assert_eq!(other["dead_letters"], serde_json::json!([]));
}
