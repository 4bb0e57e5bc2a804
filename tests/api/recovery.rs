//! "Mot de passe oublié ?": the same answer for everyone, a link that works once for 30 minutes,
//! and the staff's new letter for a lost slot.
use crate::helpers::*;
use cartable::server::students;
use chrono::Duration;
use reqwest::StatusCode;

/// Follows the link of the first confirmation mail.
async fn confirm_first_address(app: &TestApp, parent: &Browser) {
    let link = link_in(&app.mails(1).await[0]);
    let token = link.split("jeton=").nth(1).unwrap();
    next_page(&app.call(parent, "confirm_email", &[("token", token)]).await);
}

async fn request_reset(app: &TestApp, who: &str) -> reqwest::Response {
    app.call(&browser(), "request_password_reset", &[("who", who)])
        .await
}

/// The token of the newest reset mail.
async fn reset_token(app: &TestApp, mails: usize) -> String {
    let mail = app.mails(mails).await.pop().unwrap();
    assert!(mail.contains("Choisir un nouveau mot de passe"), "{mail}");
    token_in(&mail)
}

#[tokio::test]
async fn the_answer_is_the_same_whether_or_not_an_account_matches() {
    let app = spawn_app().await;
    app.confirmed_parent().await;
    let known = request_reset(&app, ALBERT).await;
    let unknown = request_reset(&app, "personne@isu-dour.be").await;
    let unconfirmed = request_reset(&app, MARIE).await;
    for response in [&known, &unknown, &unconfirmed] {
        assert_eq!(
            next_page(response),
            "/mot-de-passe-oublie?envoye=1&domaine=isu-dour.be"
        );
    }
    // Only the confirmed address received a link; the page names the school's administrators.
    let mails = app.mails(2).await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert_eq!(app.outbox().await.len(), mails.len());
    let page = app
        .get(
            &browser(),
            "/mot-de-passe-oublie?envoye=1&domaine=isu-dour.be",
        )
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains("direction@isu-dour.be") && page.contains("valable 30 minutes"));
}

#[tokio::test]
async fn an_address_typed_with_capitals_is_found_whatever_its_case() {
    let app = spawn_app().await;
    let parent = app.parent_at_profile_step().await;
    let mut profile = antoinette();
    profile[3] = ("email", "Antoinette.Dupond@Example.be");
    assert_eq!(
        next_page(&app.call(&parent, "save_profile", &profile).await),
        "/"
    );
    confirm_first_address(&app, &parent).await;
    next_page(&request_reset(&app, "antoinette.DUPOND@example.BE").await);
    reset_token(&app, 2).await;
}

#[tokio::test]
async fn a_reset_link_works_once_ends_every_session_and_tells_the_parent() {
    let app = spawn_app().await;
    let parent = app.confirmed_parent().await;
    let mails = app.outbox().await.len();
    next_page(&request_reset(&app, "antoinette.dupond@example.be").await);
    let token = reset_token(&app, mails + 1).await;
    let new = "les tulipes fleurissent en avril";

    let (status, body) = error(
        app.call(
            &browser(),
            "reset_password",
            &[
                ("token", &token),
                ("new_password", "court"),
                ("repeat_password", "court"),
            ],
        )
        .await,
    )
    .await;
    assert_eq!(
        status,
        StatusCode::BAD_REQUEST,
        "same rule as the first password"
    );
    assert!(field_message(&body, "new_password").contains("trop faible"));

    let response = app
        .call(
            &browser(),
            "reset_password",
            &[
                ("token", &token),
                ("new_password", new),
                ("repeat_password", new),
            ],
        )
        .await;
    assert_eq!(next_page(&response), "/connexion?mot-de-passe=reinitialise");
    assert_eq!(
        app.get(&parent, "/").await.headers()["location"],
        "/connexion",
        "sessions ended"
    );
    let notice = app.mails(mails + 2).await.pop().unwrap();
    assert!(
        notice.contains("Votre mot de passe a") && notice.contains("antoinette.dupond@example.be")
    );
    let signed_in = app.sign_in_new_browser(&browser(), ALBERT, new).await;
    assert_eq!(next_page(&signed_in), "/");
    let (status, _) = error(app.sign_in(&browser(), ALBERT, NEW_PASSWORD).await).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);

    let again = "un tout autre mot de passe";
    let (status, body) = error(
        app.call(
            &browser(),
            "reset_password",
            &[
                ("token", &token),
                ("new_password", again),
                ("repeat_password", again),
            ],
        )
        .await,
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(body["Refused"].as_str().unwrap().contains("plus valable"));
}

/// Chooses `new` through the reset link of `token`.
async fn reset_with(app: &TestApp, token: &str, new: &str) -> reqwest::Response {
    app.call(
        &browser(),
        "reset_password",
        &[
            ("token", token),
            ("new_password", new),
            ("repeat_password", new),
        ],
    )
    .await
}

/// The token of a reset link mailed to Albert's parent, whose address is confirmed.
async fn albert_reset_token(app: &TestApp) -> String {
    app.confirmed_parent().await;
    let mails = app.outbox().await.len();
    next_page(&request_reset(app, ALBERT).await);
    reset_token(app, mails + 1).await
}

#[tokio::test]
async fn a_reset_link_expires_after_30_minutes() {
    let app = spawn_app().await;
    let token = albert_reset_token(&app).await;
    app.clock.advance(Duration::minutes(31));
    let new = "les tulipes fleurissent en avril";
    let (status, _) = error(reset_with(&app, &token, new).await).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let signed_in = app
        .sign_in_new_browser(&browser(), ALBERT, NEW_PASSWORD)
        .await;
    assert_eq!(next_page(&signed_in), "/");
}

#[tokio::test]
async fn a_reset_link_still_works_after_29_minutes() {
    let app = spawn_app().await;
    let token = albert_reset_token(&app).await;
    app.clock.advance(Duration::minutes(29));
    let new = "les tulipes fleurissent en avril";
    assert_eq!(
        next_page(&reset_with(&app, &token, new).await),
        "/connexion?mot-de-passe=reinitialise"
    );
    let signed_in = app.sign_in_new_browser(&browser(), ALBERT, new).await;
    assert_eq!(next_page(&signed_in), "/");
}

#[tokio::test]
async fn an_unconfirmed_address_gets_no_link_until_it_is_confirmed() {
    let app = spawn_app().await;
    // Albert's parent saved their profile; the confirmation mail waits, unopened.
    let parent = app.settled_parent().await;
    let address = "antoinette.dupond@example.be";
    app.mails(1).await;
    for who in [ALBERT, address] {
        assert_eq!(
            next_page(&request_reset(&app, who).await),
            format!(
                "/mot-de-passe-oublie?envoye=1&domaine={}",
                who.split('@').nth(1).unwrap()
            )
        );
    }
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert_eq!(app.outbox().await.len(), 1, "only the confirmation mail");
    // Once confirmed, the same two requests each mail a link.
    confirm_first_address(&app, &parent).await;
    for (who, mails) in [(ALBERT, 2), (address, 3)] {
        next_page(&request_reset(&app, who).await);
        reset_token(&app, mails).await;
    }
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert_eq!(app.outbox().await.len(), 3);
}

/// `count` reset requests for `who`, each from a fresh browser: their statuses.
async fn reset_statuses(app: &TestApp, who: &str, count: usize) -> Vec<StatusCode> {
    let mut statuses = Vec::new();
    for _ in 0..count {
        statuses.push(request_reset(app, who).await.status());
    }
    statuses
}

#[tokio::test]
async fn reset_requests_for_one_address_are_throttled_then_forgotten_after_a_day() {
    let app = spawn_app().await;
    let who = "personne@isu-dour.be";
    // Three free requests; the fourth sets the lock (every request counts), the fifth meets it.
    let allowed = vec![StatusCode::OK; 4];
    let mut expected = allowed.clone();
    expected.push(StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(reset_statuses(&app, who, 5).await, expected);
    let locked = request_reset(&app, who).await;
    assert!((1..=15 * 60).contains(&retry_after(&locked)));
    // Another address is not concerned.
    next_page(&request_reset(&app, "quelquun@isu-dour.be").await);
    // A day and a minute later the count starts afresh: three free requests again.
    app.clock
        .advance(Duration::hours(24) + Duration::minutes(1));
    assert_eq!(reset_statuses(&app, who, 5).await, expected);
}

#[tokio::test]
async fn reset_requests_from_one_ip_are_throttled_after_100() {
    let app = spawn_app().await;
    let mut statuses = Vec::new();
    for n in 0..102 {
        let who = format!("personne{n}@isu-dour.be");
        statuses.push(request_reset(&app, &who).await.status());
    }
    let mut expected = vec![StatusCode::OK; 101];
    expected.push(StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(statuses, expected);
    // An IP's count is forgotten after an hour: had it not been, the next request would set a
    // longer lock and the one after would meet it.
    app.clock.advance(Duration::hours(1) + Duration::minutes(1));
    for who in ["encore@isu-dour.be", "toujours@isu-dour.be"] {
        next_page(&request_reset(&app, who).await);
    }
}

#[tokio::test]
async fn staff_reissue_a_letter_which_detaches_the_slot_from_its_account() {
    let app = spawn_app().await;
    let parent = app.parent_of_albert_and_marie().await;
    let albert = app.student_id(ALBERT).await;
    next_page(&app.select_child(&parent, albert).await);

    let letter = students::reset_slot(&app.db, app.issue(), ALBERT, 1)
        .await
        .unwrap();
    let password = &letter.slots[0].temporary_password;
    assert_eq!(
        app.get(&parent, "/").await.headers()["location"],
        "/connexion"
    );
    let (status, _) = error(app.sign_in(&browser(), ALBERT, NEW_PASSWORD).await).await;
    assert_eq!(
        status,
        StatusCode::BAD_REQUEST,
        "Albert is no longer reached by that account"
    );
    // Marie still is; and the new letter opens a new account for Albert.
    assert_eq!(
        next_page(&app.sign_in(&browser(), MARIE, NEW_PASSWORD).await),
        "/"
    );
    assert_eq!(
        next_page(&app.sign_in(&browser(), ALBERT, password).await),
        "/conditions"
    );
}

#[tokio::test]
async fn a_reset_ends_every_other_reset_link_of_the_account() {
    let app = spawn_app().await;
    app.confirmed_parent().await;
    request_reset(&app, ALBERT).await;
    let first = reset_token(&app, 2).await;
    request_reset(&app, ALBERT).await;
    let second = reset_token(&app, 3).await;
    let reset = reset_with(&app, &second, "une nouvelle phrase de passe").await;
    assert_eq!(next_page(&reset), "/connexion?mot-de-passe=reinitialise");
    // The older link, though never used, can no longer change the password.
    let (status, _) = error(reset_with(&app, &first, "encore une autre phrase").await).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let signed_in = app
        .sign_in_new_browser(&browser(), ALBERT, "une nouvelle phrase de passe")
        .await;
    assert_eq!(next_page(&signed_in), "/");
}

#[tokio::test]
async fn changing_the_password_ends_the_reset_links_mailed_before() {
    let app = spawn_app().await;
    let parent = app.confirmed_parent().await;
    request_reset(&app, ALBERT).await;
    let token = reset_token(&app, 2).await;
    let form = [
        ("current_password", NEW_PASSWORD),
        ("new_password", "une nouvelle phrase de passe"),
        ("repeat_password", "une nouvelle phrase de passe"),
    ];
    let changed = app.call(&parent, "change_own_password", &form).await;
    assert_eq!(next_page(&changed), "/appareils?mot-de-passe=modifie");
    let (status, _) = error(reset_with(&app, &token, "encore une autre phrase").await).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}
