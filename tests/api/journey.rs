use crate::helpers::*;
use cartable::server::entities::{consent, parent_account};
use cartable::server::terms;
use reqwest::StatusCode;
use sea_orm::{EntityTrait, PaginatorTrait};

#[tokio::test]
async fn a_first_sign_in_walks_terms_password_profile_and_lands_home() {
    let app = spawn_app().await;
    let parent = browser();
    assert_eq!(
        next_page(&app.sign_in(&parent, ALBERT, ALBERT_LETTER).await),
        "/conditions"
    );

    let terms: serde_json::Value = app.call(&parent, "terms", &[]).await.json().await.unwrap();
    assert_eq!(terms["identifier"], ALBERT);
    assert_eq!(terms["version"], 1);
    assert!(
        terms["html"]
            .as_str()
            .unwrap()
            .contains("<h1>Conditions</h1>")
    );
    assert!(terms["postpone_until"].is_string());
    assert_eq!(
        next_page(&app.call(&parent, "accept_terms", &[("version", "1")]).await),
        "/mot-de-passe"
    );

    let step: serde_json::Value = app
        .call(&parent, "password", &[])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(step["identifier"], ALBERT);
    let changed = app
        .call(
            &parent,
            "change_password",
            &[
                ("new_password", NEW_PASSWORD),
                ("repeat_password", NEW_PASSWORD),
            ],
        )
        .await;
    assert_eq!(next_page(&changed), "/bienvenue");

    assert_eq!(
        next_page(&app.call(&parent, "save_profile", &antoinette()).await),
        "/"
    );
    let home: serde_json::Value = app.call(&parent, "home", &[]).await.json().await.unwrap();
    assert_eq!(home["school"]["name"], "Institut La Sainte-Union");
    assert_eq!(home["parent_name"], "Antoinette Dupond");
    assert_eq!(home["parent_relation"], "Mère de Durant Albert");
    assert_eq!(home["children"][0]["first_name"], "Albert");
    assert_eq!(home["school"]["admins"][0], "direction@isu-dour.be");
    assert_eq!(home["unconfirmed_email"], "antoinette.dupond@example.be");

    let accepted = consent::Entity::find().all(&app.db).await.unwrap();
    assert_eq!(accepted.len(), 1);
    assert_eq!(accepted[0].decision, consent::Decision::Accepted);
}

#[tokio::test]
async fn no_step_can_be_skipped() {
    let app = spawn_app().await;
    let parent = browser();
    app.sign_in(&parent, ALBERT, ALBERT_LETTER).await;
    let password = [
        ("new_password", NEW_PASSWORD),
        ("repeat_password", NEW_PASSWORD),
    ];
    for (function, form) in [
        ("change_password", &password[..]),
        ("save_profile", &antoinette()[..]),
        ("home", &[][..]),
        ("password", &[][..]),
    ] {
        let (status, body) = error(app.call(&parent, function, form).await).await;
        assert_eq!(status, StatusCode::CONFLICT, "{function}");
        assert_eq!(
            body,
            serde_json::json!({ "StepRequired": "Terms" }),
            "{function}"
        );
    }
    app.call(&parent, "accept_terms", &[("version", "1")]).await;
    let (status, body) = error(app.call(&parent, "save_profile", &antoinette()).await).await;
    assert_eq!(
        (status, body),
        (
            StatusCode::CONFLICT,
            serde_json::json!({ "StepRequired": "Password" })
        )
    );
    // A step done is not replayed either.
    let (status, _) = error(app.call(&parent, "accept_terms", &[("version", "1")]).await).await;
    assert_eq!(status, StatusCode::CONFLICT);
}

#[tokio::test]
async fn without_a_session_every_function_answers_401() {
    let app = spawn_app().await;
    for function in [
        "terms",
        "accept_terms",
        "password",
        "change_password",
        "profile",
        "save_profile",
        "home",
        "resend_confirmation",
    ] {
        let form = [
            ("version", "1"),
            ("new_password", "x"),
            ("repeat_password", "x"),
            ("first_name", "a"),
            ("last_name", "b"),
            ("email", "c"),
        ];
        let status = app.call(&browser(), function, &form).await.status();
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{function}");
    }
}

#[tokio::test]
async fn refusing_the_terms_ends_the_session() {
    let app = spawn_app().await;
    let parent = browser();
    app.sign_in(&parent, ALBERT, ALBERT_LETTER).await;
    assert_eq!(
        next_page(&app.call(&parent, "refuse_terms", &[("version", "1")]).await),
        "/connexion?conditions=refusees"
    );
    assert_eq!(
        app.call(&parent, "terms", &[]).await.status(),
        StatusCode::UNAUTHORIZED
    );
    let recorded = consent::Entity::find().all(&app.db).await.unwrap();
    assert_eq!(recorded[0].decision, consent::Decision::Refused);
    // The next sign-in asks again.
    assert_eq!(
        next_page(&app.sign_in(&parent, ALBERT, ALBERT_LETTER).await),
        "/conditions"
    );
}

#[tokio::test]
async fn a_postponement_lasts_until_the_next_sign_in() {
    let app = spawn_app().await;
    let parent = browser();
    app.sign_in(&parent, ALBERT, ALBERT_LETTER).await;
    assert_eq!(
        next_page(
            &app.call(&parent, "postpone_terms", &[("version", "1")])
                .await
        ),
        "/mot-de-passe"
    );
    app.call(
        &parent,
        "change_password",
        &[
            ("new_password", NEW_PASSWORD),
            ("repeat_password", NEW_PASSWORD),
        ],
    )
    .await;
    app.call(&parent, "save_profile", &antoinette()).await;
    let home: serde_json::Value = app.call(&parent, "home", &[]).await.json().await.unwrap();
    assert_eq!(home["terms_postponed"], true);
    assert_eq!(
        next_page(&app.sign_in(&parent, ALBERT, NEW_PASSWORD).await),
        "/conditions"
    );
}

#[tokio::test]
async fn no_postponement_after_the_deadline() {
    let app = spawn_app().await;
    let yesterday = chrono::Utc::now().date_naive() - chrono::Duration::days(2);
    terms::publish(&app.db, "isu-dour", "Version 2".into(), Some(yesterday))
        .await
        .unwrap();
    let parent = browser();
    app.sign_in(&parent, ALBERT, ALBERT_LETTER).await;
    let terms: serde_json::Value = app.call(&parent, "terms", &[]).await.json().await.unwrap();
    assert_eq!(terms["postpone_until"], serde_json::Value::Null);
    let (status, body) = error(
        app.call(&parent, "postpone_terms", &[("version", "2")])
            .await,
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(body["Refused"].as_str().unwrap().contains("délai"));
}

#[tokio::test]
async fn accepting_an_outdated_version_is_refused_and_new_terms_are_asked_again() {
    let app = spawn_app().await;
    let parent = app.settled_parent().await;
    terms::publish(&app.db, "isu-dour", "Version 2".into(), None)
        .await
        .unwrap();
    let (status, _) = error(app.call(&parent, "home", &[]).await).await;
    assert_eq!(status, StatusCode::CONFLICT);
    let (status, _) = error(app.call(&parent, "accept_terms", &[("version", "1")]).await).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(
        next_page(&app.call(&parent, "accept_terms", &[("version", "2")]).await),
        "/"
    );
}

#[tokio::test]
async fn weak_common_or_temporary_passwords_are_refused_with_their_reason() {
    let app = spawn_app().await;
    let parent = app.parent_at_password_step().await;
    for (password, repeated, field, expected) in [
        ("tulipes", "tulipes", "new_password", "trop faible"),
        ("Password1", "Password1", "new_password", "trop courant"),
        (
            ALBERT_LETTER,
            ALBERT_LETTER,
            "new_password",
            "mot de passe temporaire",
        ),
        (
            "Glycine7!",
            "Glycine7?",
            "repeat_password",
            "pas identiques",
        ),
        // From the public list of 13,000 shipped with the source, decorations stripped.
        ("Montana1", "Montana1", "new_password", "trop courant"),
        (
            "!!Soleil2024",
            "!!Soleil2024",
            "new_password",
            "trop courant",
        ),
        // The child's names, the school's code and the site's name, as the main part.
        (
            "Durant2015!",
            "Durant2015!",
            "new_password",
            "reprend le nom",
        ),
        (
            "Isu-Dour2024!",
            "Isu-Dour2024!",
            "new_password",
            "reprend le nom",
        ),
        (
            "Cartable2024!",
            "Cartable2024!",
            "new_password",
            "reprend le nom",
        ),
    ] {
        let (status, body) = error(
            app.call(
                &parent,
                "change_password",
                &[("new_password", password), ("repeat_password", repeated)],
            )
            .await,
        )
        .await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert!(
            field_message(&body, field).contains(expected),
            "{password}: {body}"
        );
    }
    let account = parent_account::Entity::find()
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert!(account.password_hash.is_none(), "nothing stored");
    // Long passwords and passphrases are welcome.
    let long = "Un mot de passe très long, collé depuis un gestionnaire: 7f3a9c!".repeat(2);
    assert_eq!(
        next_page(
            &app.call(
                &parent,
                "change_password",
                &[("new_password", &long), ("repeat_password", &long)]
            )
            .await
        ),
        "/bienvenue"
    );
}

#[tokio::test]
async fn an_invalid_profile_is_refused_field_by_field_and_nothing_is_stored() {
    let app = spawn_app().await;
    let parent = app.parent_at_profile_step().await;
    let form = [
        ("first_name", "Antoinette"),
        ("last_name", ""),
        ("role", "reine"),
        ("email", "antoinette@"),
        ("phone", "12"),
        ("mobile", "065 65 12 34"),
    ];
    let (status, body) = error(app.call(&parent, "save_profile", &form).await).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    for field in ["last_name", "role", "email", "phone", "mobile"] {
        assert!(!field_message(&body, field).is_empty(), "{field}");
    }
    assert_eq!(
        body["Invalid"]["typed"][0],
        serde_json::json!(["first_name", "Antoinette"])
    );
    let account = parent_account::Entity::find()
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!((account.first_name, account.email), (None, None));
    assert!(app.outbox().await.is_empty());
    // A field longer than any real one is refused before anything else, for its length alone.
    let huge = "a".repeat(301);
    let (status, body) = error(
        app.call(&parent, "save_profile", &profile_named(&huge))
            .await,
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(
        field_errors(&body),
        only("first_name", "300 caractères au maximum.")
    );
    assert_eq!(consent::Entity::find().count(&app.db).await.unwrap(), 1);
}

/// Antoinette's profile, with another first name.
fn profile_named(first_name: &str) -> Vec<(&'static str, &str)> {
    let mut form = antoinette().to_vec();
    form[0].1 = first_name;
    form
}

#[tokio::test]
async fn a_first_name_may_hold_100_characters_and_no_more() {
    let app = spawn_app().await;
    let parent = app.parent_at_profile_step().await;
    let (status, body) = error(
        app.call(&parent, "save_profile", &profile_named(&"é".repeat(101)))
            .await,
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(
        field_errors(&body),
        only("first_name", "100 caractères au maximum.")
    );
    let longest = "é".repeat(100);
    assert_eq!(
        next_page(
            &app.call(&parent, "save_profile", &profile_named(&longest))
                .await
        ),
        "/"
    );
    let account = parent_account::Entity::find()
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(account.first_name, Some(longest));
}
