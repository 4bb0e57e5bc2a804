//! "Mot de passe oublié ?": the same answer for everyone, a link that works once for 30 minutes,
//! and the staff's new letter for a lost slot.
use crate::helpers::*;
use cartable::server::students;
use chrono::Duration;
use reqwest::StatusCode;

/// The settled parent, with their address confirmed through the mailed link.
async fn parent_with_confirmed_address(app: &TestApp) -> Browser {
    let parent = app.settled_parent().await;
    confirm_first_address(app, &parent).await;
    parent
}

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
    link_in(&mail).split("jeton=").nth(1).unwrap().to_owned()
}

#[tokio::test]
async fn the_answer_is_the_same_whether_or_not_an_account_matches() {
    let app = spawn_app().await;
    parent_with_confirmed_address(&app).await;
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
    assert_eq!(app.outbox().len(), mails.len());
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
    let parent = parent_with_confirmed_address(&app).await;
    let mails = app.outbox().len();
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
    assert_eq!(next_page(&app.sign_in(&browser(), ALBERT, new).await), "/");
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

#[tokio::test]
async fn a_reset_link_expires_after_30_minutes() {
    let app = spawn_app().await;
    parent_with_confirmed_address(&app).await;
    let mails = app.outbox().len();
    next_page(&request_reset(&app, ALBERT).await);
    let token = reset_token(&app, mails + 1).await;
    app.clock.advance(Duration::minutes(31));
    let new = "les tulipes fleurissent en avril";
    let (status, _) = error(
        app.call(
            &browser(),
            "reset_password",
            &[
                ("token", &token),
                ("new_password", new),
                ("repeat_password", new),
            ],
        )
        .await,
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(
        next_page(&app.sign_in(&browser(), ALBERT, NEW_PASSWORD).await),
        "/"
    );
}

#[tokio::test]
async fn staff_reissue_a_letter_which_detaches_the_slot_from_its_account() {
    let app = spawn_app().await;
    let parent = app.parent_of_albert_and_marie().await;
    let albert = app.student_id(ALBERT).await;
    next_page(&app.select_child(&parent, albert).await);

    let letter = students::reset_slot(&app.db, ALBERT, 1).await.unwrap();
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
