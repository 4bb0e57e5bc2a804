//! "Mon compte": each device of the account, removing one or all others, and the changes that need
//! the current password.
use crate::helpers::*;
use reqwest::StatusCode;
use serde_json::Value;

/// A second device of the settled parent (signed in with the parent's own password).
async fn second_device(app: &TestApp) -> Browser {
    let device = browser();
    let response = app.sign_in(&device, ALBERT, NEW_PASSWORD).await;
    assert_eq!(next_page(&response), "/");
    device
}

async fn account(app: &TestApp, parent: &Browser) -> Value {
    let response = app.call(parent, "account", &[]).await;
    assert_eq!(response.status(), StatusCode::OK);
    response.json().await.unwrap()
}

/// The handle of the first device that is not the caller's.
fn other_handle(account: &Value) -> String {
    account["devices"]
        .as_array()
        .unwrap()
        .iter()
        .find(|device| device["current"] == false)
        .expect("another device")["handle"]
        .as_str()
        .unwrap()
        .to_owned()
}

#[tokio::test]
async fn the_page_lists_every_device_in_plain_words_and_recent_events() {
    let app = spawn_app().await;
    let parent = app.settled_parent().await;
    let phone = browser();
    let response = phone
        .post(format!("{}/api/sign_in", app.address))
        .header(
            "User-Agent",
            "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36",
        )
        .form(&[("identifier", ALBERT), ("password", NEW_PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(next_page(&response), "/");

    let html = app.get(&parent, "/appareils").await.text().await.unwrap();
    for text in [
        "Appareils qui ont accès à votre compte",
        "Téléphone · Chrome 131 sur Android 14",
        "Cet appareil",
        "127.0.0.1",
        "Déconnecter tous les autres appareils",
        "Activité récente",
        "Connexion",
        "utilisation acceptées",
    ] {
        assert!(html.contains(text), "{text} missing");
    }
    let devices = account(&app, &parent).await["devices"]
        .as_array()
        .unwrap()
        .len();
    assert_eq!(devices, 2);
}

#[tokio::test]
async fn a_removed_device_loses_access_at_once() {
    let app = spawn_app().await;
    let parent = app.settled_parent().await;
    let stolen = second_device(&app).await;
    let handle = other_handle(&account(&app, &parent).await);

    assert_eq!(
        next_page(
            &app.call(&parent, "remove_device", &[("handle", &handle)])
                .await
        ),
        format!("/appareils?deconnecte={handle}")
    );
    assert_eq!(
        app.get(&stolen, "/").await.headers()["location"],
        "/connexion"
    );
    let (status, _) = error(app.call(&stolen, "home", &[]).await).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    // The same handle again, or another account's handle: refused, nothing removed.
    let (status, _) = error(
        app.call(&parent, "remove_device", &[("handle", &handle)])
            .await,
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let stranger = app.settled_parent_of(LEON, LEON_LETTER).await;
    let own = account(&app, &parent).await["devices"][0]["handle"]
        .as_str()
        .unwrap()
        .to_owned();
    let (status, _) = error(
        app.call(&stranger, "remove_device", &[("handle", &own)])
            .await,
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(app.get(&parent, "/").await.status(), StatusCode::OK);
}

#[tokio::test]
async fn all_other_devices_can_be_signed_out_in_one_go() {
    let app = spawn_app().await;
    let parent = app.settled_parent().await;
    let (tablet, laptop) = (second_device(&app).await, second_device(&app).await);
    next_page(&app.call(&parent, "remove_other_devices", &[]).await);
    for device in [&tablet, &laptop] {
        assert_eq!(
            app.get(device, "/").await.headers()["location"],
            "/connexion"
        );
    }
    assert_eq!(app.get(&parent, "/").await.status(), StatusCode::OK);
    assert_eq!(
        account(&app, &parent).await["devices"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
}

#[tokio::test]
async fn changing_the_password_needs_the_current_one_and_signs_out_other_devices_by_default() {
    let app = spawn_app().await;
    let parent = app.settled_parent().await;
    let other = second_device(&app).await;
    let new = "un nouveau mot de passe solide";

    let (status, body) = error(
        app.call(
            &parent,
            "change_own_password",
            &[
                ("current_password", "pas le bon"),
                ("new_password", new),
                ("repeat_password", new),
                ("sign_out_others", "on"),
            ],
        )
        .await,
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(field_message(&body, "current_password").contains("pas votre mot de passe actuel"));
    assert_eq!(
        app.get(&other, "/").await.status(),
        StatusCode::OK,
        "nothing changed"
    );

    let response = app
        .call(
            &parent,
            "change_own_password",
            &[
                ("current_password", NEW_PASSWORD),
                ("new_password", new),
                ("repeat_password", new),
                ("sign_out_others", "on"),
            ],
        )
        .await;
    assert_eq!(next_page(&response), "/appareils?mot-de-passe=modifie");
    assert_eq!(
        app.get(&other, "/").await.headers()["location"],
        "/connexion"
    );
    assert_eq!(app.get(&parent, "/").await.status(), StatusCode::OK);
    let (status, _) = error(app.sign_in(&browser(), ALBERT, NEW_PASSWORD).await).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "the old password is gone");
    assert_eq!(next_page(&app.sign_in(&browser(), ALBERT, new).await), "/");

    // Unticked, the other devices stay.
    let kept = second_device_with(&app, new).await;
    let newer = "encore un autre mot de passe";
    next_page(
        &app.call(
            &parent,
            "change_own_password",
            &[
                ("current_password", new),
                ("new_password", newer),
                ("repeat_password", newer),
            ],
        )
        .await,
    );
    assert_eq!(app.get(&kept, "/").await.status(), StatusCode::OK);
}

async fn second_device_with(app: &TestApp, password: &str) -> Browser {
    let device = browser();
    assert_eq!(
        next_page(&app.sign_in(&device, ALBERT, password).await),
        "/"
    );
    device
}

#[tokio::test]
async fn a_new_email_address_needs_the_current_password_and_its_own_confirmation() {
    let app = spawn_app().await;
    let parent = app.settled_parent().await;
    let mails = app.outbox().await.len();
    let (status, body) = error(
        app.call(
            &parent,
            "change_email",
            &[
                ("email", "nouvelle@example.be"),
                ("current_password", "faux"),
            ],
        )
        .await,
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(field_message(&body, "current_password").contains("pas votre mot de passe actuel"));
    assert_eq!(body["Invalid"]["typed"][0][1], "nouvelle@example.be");
    let (status, body) = error(
        app.call(
            &parent,
            "change_email",
            &[
                ("email", "pas-une-adresse"),
                ("current_password", NEW_PASSWORD),
            ],
        )
        .await,
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(field_message(&body, "email").contains("pas valide"));
    assert_eq!(app.outbox().await.len(), mails, "nothing sent");

    let response = app
        .call(
            &parent,
            "change_email",
            &[
                ("email", "Nouvelle@Example.be"),
                ("current_password", NEW_PASSWORD),
            ],
        )
        .await;
    assert_eq!(next_page(&response), "/appareils?email=modifie");
    let mail = app.mails(mails + 1).await.pop().unwrap();
    assert!(mail.contains("To: nouvelle@example.be") && mail.contains("/confirmer-email?jeton="));
    // The new address waits for its confirmation; until then the old one stays the account's.
    let page = account(&app, &parent).await;
    assert_eq!(page["email"], "antoinette.dupond@example.be");
    assert_eq!(page["pending_email"], "nouvelle@example.be");
    let token = token_in(&mail);
    assert_eq!(
        next_page(
            &app.call(&browser(), "confirm_email", &[("token", &token)])
                .await
        ),
        "/email-confirme"
    );
    let page = account(&app, &parent).await;
    assert_eq!(page["email"], "nouvelle@example.be");
    assert_eq!(page["email_confirmed"], true);
    assert_eq!(page["pending_email"], serde_json::Value::Null);
}

/// A confirmed address is never replaced by a change nobody confirmed, and it is told of the
/// change, as it is of a new password.
#[tokio::test]
async fn the_confirmed_address_keeps_the_account_and_hears_of_every_change() {
    let app = spawn_app().await;
    let parent = app.confirmed_parent().await;
    let form = [
        ("email", "quelquun@example.org"),
        ("current_password", NEW_PASSWORD),
    ];
    next_page(&app.call(&parent, "change_email", &form).await);
    let mails = app.mails(3).await;
    let notice = mails
        .iter()
        .find(|mail| {
            mail.contains("To: antoinette.dupond@example.be")
                && mail.contains("quelquun@example.org")
        })
        .expect("a notice to the confirmed address");
    assert!(
        !notice.contains("jeton="),
        "the notice confirms nothing: {notice}"
    );
    // Unconfirmed, the new address opens nothing and receives nothing but its link.
    let page = account(&app, &parent).await;
    assert_eq!(page["email"], "antoinette.dupond@example.be");
    assert_eq!(page["email_confirmed"], true);
    let reset = [("who", "quelquun@example.org")];
    next_page(&app.call(&browser(), "request_password_reset", &reset).await);
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert_eq!(
        app.outbox().await.len(),
        3,
        "no reset link for an unconfirmed address"
    );

    let new = "un autre chat dort ici";
    let change = [
        ("current_password", NEW_PASSWORD),
        ("new_password", new),
        ("repeat_password", new),
    ];
    next_page(&app.call(&parent, "change_own_password", &change).await);
    let notice = app.mails(4).await.pop().unwrap();
    assert!(
        notice.contains("To: antoinette.dupond@example.be"),
        "{notice}"
    );
    assert!(notice.contains("Mon compte"), "{notice}");
}

/// Mails a parent can trigger are limited to five an hour per account and per address.
#[tokio::test]
async fn mails_a_parent_triggers_are_limited_per_hour() {
    let app = spawn_app().await;
    let parent = app.settled_parent().await;
    let sent = app.mails(1).await.len();
    let mut statuses = Vec::new();
    for _ in 0..5 {
        statuses.push(app.call(&parent, "resend_confirmation", &[]).await.status());
    }
    assert_eq!(statuses, [StatusCode::OK; 5]);
    let response = app.call(&parent, "resend_confirmation", &[]).await;
    let wait = retry_after(&response);
    assert!((60..=3600).contains(&wait), "{wait}");
    let (_, body) = error(response).await;
    assert!(body["TooManyMails"].is_object(), "{body}");
    assert_eq!(app.outbox().await.len(), sent + 5);
    // A new address for the same account is refused as well, and nothing is stored.
    let form = [
        ("email", "autre@example.org"),
        ("current_password", NEW_PASSWORD),
    ];
    assert_eq!(
        app.call(&parent, "change_email", &form).await.status(),
        StatusCode::TOO_MANY_REQUESTS
    );
    assert_eq!(
        account(&app, &parent).await["pending_email"],
        serde_json::Value::Null
    );
    // An hour later (the session kept alive half-way: the tests' sessions idle out after an hour).
    app.clock.advance(chrono::Duration::minutes(30));
    account(&app, &parent).await;
    app.clock.advance(chrono::Duration::minutes(31));
    assert_eq!(
        app.call(&parent, "resend_confirmation", &[]).await.status(),
        StatusCode::OK
    );
}

/// The current password is guessed like a sign-in password: five free mistakes, whether made
/// changing the password or the address, then the account's checks wait (even the right one).
#[tokio::test]
async fn guessing_the_current_password_is_slowed_down() {
    let app = spawn_app().await;
    let parent = app.settled_parent().await;
    let new = "un autre chat dort ici";
    let change_password = |current: &'static str| {
        [
            ("current_password", current),
            ("new_password", new),
            ("repeat_password", new),
        ]
        .to_vec()
    };
    let change_email = |current: &'static str| {
        [
            ("email", "antoinette@example.org"),
            ("current_password", current),
        ]
        .to_vec()
    };
    let mut statuses = Vec::new();
    for attempt in 0..6 {
        let (function, form) = if attempt % 2 == 0 {
            ("change_own_password", change_password("pas le bon"))
        } else {
            ("change_email", change_email("pas le bon"))
        };
        let (status, body) = error(app.call(&parent, function, &form).await).await;
        assert_eq!(
            field_errors(&body),
            only("current_password", WRONG_CURRENT_PASSWORD),
            "{function}"
        );
        statuses.push(status);
    }
    assert_eq!(statuses, [StatusCode::BAD_REQUEST; 6]);
    for (function, form) in [
        ("change_own_password", change_password(NEW_PASSWORD)),
        ("change_email", change_email(NEW_PASSWORD)),
    ] {
        let response = app.call(&parent, function, &form).await;
        assert!((1..=30).contains(&retry_after(&response)), "{function}");
    }
    app.clock.advance(chrono::Duration::seconds(31));
    let form = change_password(NEW_PASSWORD);
    assert_eq!(
        next_page(&app.call(&parent, "change_own_password", &form).await),
        "/appareils?mot-de-passe=modifie"
    );
}

/// `credentials::WRONG_CURRENT_PASSWORD`, which the crate keeps to itself.
const WRONG_CURRENT_PASSWORD: &str =
    "Ce n'est pas votre mot de passe actuel. Recopiez celui que vous utilisez pour vous connecter.";
