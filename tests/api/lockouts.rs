//! Locks that keep the rightful parent out (issue #9): a child's identifier is predictable, so
//! strangers' failures lock it; a browser that signed in to the account before is held only by its
//! own failures, and a completed password reset lifts the lock.
use crate::helpers::*;
use reqwest::StatusCode;

/// Wrong passwords for Albert from strangers' browsers, until his identifier is locked.
async fn strangers_lock_albert(app: &TestApp) {
    for _ in 0..6 {
        app.sign_in(&browser(), ALBERT, "pas le bon").await;
    }
    let response = app.sign_in(&browser(), ALBERT, NEW_PASSWORD).await;
    assert_eq!(
        response.status(),
        StatusCode::TOO_MANY_REQUESTS,
        "locked, even with the right password"
    );
}

#[tokio::test]
async fn a_browser_that_signed_in_before_is_not_held_by_strangers_failures() {
    let app = spawn_app().await;
    let parent = app.settled_parent().await;
    next_page(&app.call(&parent, "sign_out", &[]).await);
    strangers_lock_albert(&app).await;
    assert_eq!(
        next_page(&app.sign_in(&parent, ALBERT, NEW_PASSWORD).await),
        "/"
    );
    // Its own failures lock it like a login.
    next_page(&app.call(&parent, "sign_out", &[]).await);
    for _ in 0..6 {
        let status = app.sign_in(&parent, ALBERT, "pas le bon").await.status();
        assert_eq!(status, StatusCode::BAD_REQUEST);
    }
    let response = app.sign_in(&parent, ALBERT, NEW_PASSWORD).await;
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
    // And a stranger is still locked out.
    let response = app.sign_in(&browser(), ALBERT, NEW_PASSWORD).await;
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test]
async fn a_completed_password_reset_lifts_the_lock() {
    let app = spawn_app().await;
    let parent = app.confirmed_parent().await;
    strangers_lock_albert(&app).await;

    let elsewhere = browser();
    next_page(
        &app.call(&elsewhere, "request_password_reset", &[("who", ALBERT)])
            .await,
    );
    let token = token_in(&app.mails(2).await.pop().unwrap());
    let new = "un autre chat dort ici";
    let form = [
        ("token", token.as_str()),
        ("new_password", new),
        ("repeat_password", new),
    ];
    next_page(&app.call(&elsewhere, "reset_password", &form).await);
    // The browser that reset is new to the account: it is asked for the mailed code, not locked.
    assert_eq!(
        next_page(&app.sign_in(&elsewhere, ALBERT, new).await),
        "/connexion/code"
    );
    drop(parent);
}
