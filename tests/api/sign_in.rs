use crate::helpers::*;
use reqwest::StatusCode;

#[tokio::test]
async fn a_letter_opens_the_first_step_of_the_journey() {
    let app = spawn_app().await;
    let response = app.sign_in(&browser(), ALBERT, ALBERT_LETTER).await;
    let cookie = response
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|cookie| cookie.to_str().unwrap())
        .find(|cookie| cookie.starts_with("__Host-cartable_session="))
        .expect("a session cookie")
        .to_owned();
    for attribute in [
        "__Host-cartable_session=",
        "HttpOnly",
        "SameSite=Lax",
        "Secure",
        "Path=/",
    ] {
        assert!(
            cookie.contains(attribute),
            "{attribute} missing in {cookie}"
        );
    }
    assert_eq!(next_page(&response), "/conditions");
}

#[tokio::test]
async fn the_identifier_is_trimmed_lowered_and_unaccented() {
    let app = spawn_app().await;
    let response = app
        .sign_in(&browser(), "  Albert.Durant@ISU-Dour.be ", ALBERT_LETTER)
        .await;
    assert_eq!(next_page(&response), "/conditions");
}

#[tokio::test]
async fn unknown_identifiers_and_wrong_passwords_get_one_generic_answer() {
    let app = spawn_app().await;
    let (status, unknown) = error(
        app.sign_in(&browser(), "nobody@isu-dour.be", ALBERT_LETTER)
            .await,
    )
    .await;
    let (status2, wrong) = error(app.sign_in(&browser(), ALBERT, "Lettre-Albert-9").await).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(status2, StatusCode::BAD_REQUEST);
    assert_eq!(
        field_message(&unknown, "password"),
        field_message(&wrong, "password")
    );
    assert!(field_message(&wrong, "password").starts_with("Identifiant ou mot de passe incorrect"));
    // The identifier comes back so the form keeps it; the password never does.
    assert_eq!(
        wrong["Invalid"]["typed"],
        serde_json::json!([["identifier", ALBERT]])
    );
}

#[tokio::test]
async fn empty_fields_are_named() {
    let app = spawn_app().await;
    let (_, no_identifier) = error(app.sign_in(&browser(), " ", "x").await).await;
    assert!(field_message(&no_identifier, "identifier").contains("identifiant"));
    let (_, no_password) = error(app.sign_in(&browser(), ALBERT, "").await).await;
    assert_eq!(
        field_message(&no_password, "password"),
        "Indiquez votre mot de passe."
    );
}

#[tokio::test]
async fn the_temporary_password_stops_working_once_replaced() {
    let app = spawn_app().await;
    let parent = app.settled_parent().await;
    app.call(&parent, "sign_out", &[]).await;
    let (status, _) = error(app.sign_in(&browser(), ALBERT, ALBERT_LETTER).await).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(
        next_page(&app.sign_in(&browser(), ALBERT, NEW_PASSWORD).await),
        "/"
    );
    // The other parent's letter (second slot) is another account and still works.
    assert_eq!(
        next_page(&app.sign_in(&browser(), ALBERT, ALBERT_SECOND_LETTER).await),
        "/conditions"
    );
}

#[tokio::test]
async fn a_session_stops_working_after_sign_out() {
    let app = spawn_app().await;
    let parent = app.settled_parent().await;
    assert_eq!(
        app.call(&parent, "home", &[]).await.status(),
        StatusCode::OK
    );
    // Replay the old cookie after signing out: the server has forgotten it.
    let cookie = parent.session_cookie(&app.address).unwrap();
    let response = app.call(&parent, "sign_out", &[]).await;
    assert!(
        response
            .headers()
            .get("set-cookie")
            .unwrap()
            .to_str()
            .unwrap()
            .contains("Max-Age=0")
    );
    let replay = reqwest::Client::new()
        .post(format!("{}/api/home", app.address))
        .header("cookie", cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(replay.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn every_sign_in_gets_a_new_session_id() {
    let app = spawn_app().await;
    let parent = app.settled_parent().await;
    let before = parent.session_cookie(&app.address).unwrap();
    app.sign_in(&parent, ALBERT, NEW_PASSWORD).await;
    let after = parent.session_cookie(&app.address).unwrap();
    assert_ne!(before, after);
    let replay = reqwest::Client::new()
        .post(format!("{}/api/home", app.address))
        .header("cookie", before)
        .send()
        .await
        .unwrap();
    assert_eq!(replay.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn malformed_requests_are_refused_and_change_nothing() {
    use cartable::server::entities::parent_account;
    use sea_orm::{EntityTrait, PaginatorTrait};
    let app = spawn_app().await;
    let parent = app.parent_at_password_step().await;
    let cases: [(&str, &[(&str, &str)]); 4] = [
        ("sign_in", &[("identifier", ALBERT)]),
        ("accept_terms", &[("version", "un")]),
        ("change_password", &[("new_password", NEW_PASSWORD)]),
        ("save_profile", &[("first_name", "Antoinette")]),
    ];
    for (function, form) in cases {
        let status = app.call(&parent, function, form).await.status();
        assert_eq!(status, StatusCode::BAD_REQUEST, "{function}");
    }
    let oversized = "x".repeat(100 * 1024);
    let status = app
        .call(
            &parent,
            "sign_in",
            &[("identifier", ALBERT), ("password", &oversized)],
        )
        .await
        .status();
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    let account = parent_account::Entity::find()
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert!(account.password_hash.is_none());
    assert_eq!(
        parent_account::Entity::find().count(&app.db).await.unwrap(),
        1
    );
}
