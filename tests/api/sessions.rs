//! Sessions end after their idle time and after their absolute time, on the server's clock (the
//! tests' settings: one hour idle, one day in all). The clock is moved, no row is rewritten.
use crate::helpers::*;
use chrono::Duration;
use reqwest::StatusCode;

async fn home_status(app: &TestApp, parent: &Browser) -> StatusCode {
    app.call(parent, "home", &[]).await.status()
}

async fn live_sessions(app: &TestApp) -> i64 {
    use sea_orm::{EntityTrait, PaginatorTrait};
    cartable::server::entities::session::Entity::find()
        .count(&app.db)
        .await
        .unwrap() as i64
}

#[tokio::test]
async fn a_session_ends_after_an_hour_without_use() {
    let app = spawn_app().await;
    let parent = app.settled_parent().await;
    // Used every 59 minutes, it lives on: each use restarts the idle time.
    for _ in 0..3 {
        app.clock.advance(Duration::minutes(59));
        assert_eq!(home_status(&app, &parent).await, StatusCode::OK);
    }
    app.clock.advance(Duration::minutes(61));
    assert_eq!(home_status(&app, &parent).await, StatusCode::UNAUTHORIZED);
    // Ended on sight, and its page sends the parent to the sign-in page.
    assert_eq!(live_sessions(&app).await, 0);
    let page = app.get(&parent, "/").await;
    assert_eq!(next_page(&page), "/connexion");
}

#[tokio::test]
async fn a_session_ends_after_a_day_however_much_it_is_used() {
    let app = spawn_app().await;
    let parent = app.settled_parent().await;
    // 23 h 36 min of steady use, a request every 59 minutes: still signed in.
    for _ in 0..24 {
        app.clock.advance(Duration::minutes(59));
        assert_eq!(home_status(&app, &parent).await, StatusCode::OK);
    }
    // 25 minutes later, the day is over, though the session was used recently.
    app.clock.advance(Duration::minutes(25));
    assert_eq!(home_status(&app, &parent).await, StatusCode::UNAUTHORIZED);
}
