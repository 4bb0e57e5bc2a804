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

#[tokio::test]
async fn an_account_keeps_at_most_20_sessions_and_the_least_used_ends() {
    let app = spawn_app().await;
    let first = app.settled_parent().await;
    for _ in 0..20 {
        app.clock.advance(Duration::seconds(2));
        let device = browser();
        assert_eq!(
            next_page(&app.sign_in(&device, ALBERT, NEW_PASSWORD).await),
            "/"
        );
    }
    assert_eq!(live_sessions(&app).await, 20);
    assert_eq!(home_status(&app, &first).await, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_password_change_gives_the_session_a_new_id() {
    let app = spawn_app().await;
    let parent = app.settled_parent().await;
    let before = parent.session_cookie(&app.address).unwrap();
    let form = [
        ("current_password", NEW_PASSWORD),
        ("new_password", "une toute nouvelle phrase"),
        ("repeat_password", "une toute nouvelle phrase"),
    ];
    let changed = app.call(&parent, "change_own_password", &form).await;
    assert_eq!(next_page(&changed), "/appareils?mot-de-passe=modifie");
    let after = parent.session_cookie(&app.address).unwrap();
    assert_ne!(before, after);
    assert_eq!(home_status(&app, &parent).await, StatusCode::OK);
    // Whoever held the old id holds nothing.
    let old = reqwest::Client::new()
        .post(format!("{}/api/home", app.address))
        .header("cookie", before)
        .send()
        .await
        .unwrap();
    assert_eq!(old.status(), StatusCode::UNAUTHORIZED);
}
