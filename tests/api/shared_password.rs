//! Two parents, one password (issue #9): when both parents of Albert choose the same password,
//! each still lands in their own account only, through the code mailed to their own address; and
//! neither can tell, since every browser new to an account with a confirmed address is asked for a
//! code the same way.
use crate::helpers::*;
use reqwest::StatusCode;
use serde_json::Value;

const BERNARD_EMAIL: &str = "bernard.durant@example.be";
const ANTOINETTE_EMAIL: &str = "antoinette.dupond@example.be";

fn bernard() -> [(&'static str, &'static str); 6] {
    [
        ("first_name", "Bernard"),
        ("last_name", "Durant"),
        ("role", "pere"),
        ("email", BERNARD_EMAIL),
        ("phone", ""),
        ("mobile", ""),
    ]
}

/// The newest mail to `address` that holds `text`.
async fn newest_mail_to(app: &TestApp, address: &str, text: &str) -> Option<String> {
    app.outbox()
        .await
        .into_iter()
        .rev()
        .find(|mail| mail.contains(&format!("To: {address}")) && mail.contains(text))
}

/// The six digits of a sign-in code mail.
fn code_in(mail: &str) -> String {
    let start = mail
        .find("Votre code de connexion : ")
        .expect("a code mail")
        + 26;
    mail[start..start + 6].to_owned()
}

/// Confirms `address` through the newest confirmation link mailed to it.
async fn confirm(app: &TestApp, address: &str) {
    let mail = newest_mail_to(app, address, "/confirmer-email?jeton=")
        .await
        .expect("a link");
    let token = token_in(&mail);
    assert_eq!(
        next_page(
            &app.call(&browser(), "confirm_email", &[("token", &token)])
                .await
        ),
        "/email-confirme"
    );
}

/// Antoinette (Albert's first letter) and Bernard (his second), settled with one password and
/// both addresses confirmed; each in the browser they walked the journey with.
async fn two_parents_with_one_password(app: &TestApp) -> (Browser, Browser) {
    let antoinette = app.settled_parent().await;
    confirm(app, ANTOINETTE_EMAIL).await;
    let bernard_browser = browser();
    // Each server function with its form, and the page it sends Bernard to.
    type Step<'a> = (&'a str, Vec<(&'a str, &'a str)>, &'a str);
    let steps: [Step; 4] = [
        (
            "sign_in",
            vec![("identifier", ALBERT), ("password", ALBERT_SECOND_LETTER)],
            "/conditions",
        ),
        ("accept_terms", vec![("version", "1")], "/mot-de-passe"),
        (
            "change_password",
            vec![
                ("new_password", NEW_PASSWORD),
                ("repeat_password", NEW_PASSWORD),
            ],
            "/bienvenue",
        ),
        ("save_profile", bernard().to_vec(), "/"),
    ];
    for (function, form, next) in steps {
        let response = app.call(&bernard_browser, function, &form).await;
        assert_eq!(next_page(&response), next, "{function}");
    }
    confirm(app, BERNARD_EMAIL).await;
    (antoinette, bernard_browser)
}

/// The address of the account a browser's session opened.
async fn whose_account(app: &TestApp, browser: &Browser) -> String {
    let page: Value = app
        .call(browser, "account", &[])
        .await
        .json()
        .await
        .unwrap();
    page["email"].as_str().unwrap_or_default().to_owned()
}

async fn type_code(app: &TestApp, browser: &Browser, code: &str) -> reqwest::Response {
    app.call(browser, "sign_in_code", &[("code", code)]).await
}

#[tokio::test]
async fn both_parents_with_one_password_each_reach_their_own_account_only() {
    let app = spawn_app().await;
    let (antoinette, bernard) = two_parents_with_one_password(&app).await;
    assert_eq!(whose_account(&app, &antoinette).await, ANTOINETTE_EMAIL);
    assert_eq!(whose_account(&app, &bernard).await, BERNARD_EMAIL);

    // Each parent, in a browser of their own or a new one, is asked for the code mailed to them:
    // the password alone opens neither account, not even in a browser that knows one of them.
    for (who, address) in [(&antoinette, ANTOINETTE_EMAIL), (&bernard, BERNARD_EMAIL)] {
        next_page(&app.call(who, "sign_out", &[]).await);
        let sent = app.outbox().await.len();
        let response = app.sign_in(who, ALBERT, NEW_PASSWORD).await;
        assert_eq!(next_page(&response), "/connexion/code");
        assert_eq!(
            app.call(who, "account", &[]).await.status(),
            StatusCode::UNAUTHORIZED
        );
        let mails = app.mails(sent + 2).await;
        let codes: Vec<String> = mails[sent..].iter().map(|mail| code_in(mail)).collect();
        assert_ne!(codes[0], codes[1], "each account its own code");
        let own = newest_mail_to(&app, address, "Votre code de connexion")
            .await
            .unwrap();
        assert_eq!(next_page(&type_code(&app, who, &code_in(&own)).await), "/");
        assert_eq!(whose_account(&app, who).await, address);
    }

    // In a browser new to both, Bernard's code opens Bernard's account, never Antoinette's.
    let newcomer = browser();
    assert_eq!(
        next_page(&app.sign_in(&newcomer, ALBERT, NEW_PASSWORD).await),
        "/connexion/code"
    );
    let bernard_code = code_in(
        &newest_mail_to(&app, BERNARD_EMAIL, "Votre code")
            .await
            .unwrap(),
    );
    assert_eq!(
        next_page(&type_code(&app, &newcomer, &bernard_code).await),
        "/"
    );
    assert_eq!(whose_account(&app, &newcomer).await, BERNARD_EMAIL);
}

/// What a parent sees when their password is shared is what every parent sees from a new browser:
/// the same page, the same answer, so nobody learns that another parent holds their password.
#[tokio::test]
async fn a_new_browser_is_asked_for_a_code_whether_or_not_the_password_is_shared() {
    let app = spawn_app().await;
    let antoinette = app.settled_parent().await;
    confirm(&app, ANTOINETTE_EMAIL).await;
    let alone = app.sign_in(&browser(), ALBERT, NEW_PASSWORD).await;
    let alone = (alone.status(), next_page(&alone));
    // A browser that signed in before goes straight in.
    next_page(&app.call(&antoinette, "sign_out", &[]).await);
    assert_eq!(
        next_page(&app.sign_in(&antoinette, ALBERT, NEW_PASSWORD).await),
        "/"
    );
    // Antoinette's own address opens the account too; it names no child, so it names no other
    // parent.
    next_page(&app.call(&antoinette, "sign_out", &[]).await);
    assert_eq!(
        next_page(
            &app.sign_in(&antoinette, ANTOINETTE_EMAIL, NEW_PASSWORD)
                .await
        ),
        "/"
    );

    let app = spawn_app().await;
    two_parents_with_one_password(&app).await;
    let shared = app.sign_in(&browser(), ALBERT, NEW_PASSWORD).await;
    assert_eq!((shared.status(), next_page(&shared)), alone);
    let page = |app: &TestApp| {
        let app_address = app.address.clone();
        async move {
            reqwest::get(format!("{app_address}/connexion/code"))
                .await
                .unwrap()
                .text()
                .await
                .unwrap()
        }
    };
    let text = page(&app).await;
    assert!(text.contains("nous avons envoyé un code"), "{text}");
}

#[tokio::test]
async fn a_waiting_sign_in_ends_after_five_wrong_codes_or_fifteen_minutes() {
    let app = spawn_app().await;
    app.settled_parent().await;
    confirm(&app, ANTOINETTE_EMAIL).await;
    let stranger = browser();
    app.sign_in(&stranger, ALBERT, NEW_PASSWORD).await;
    let code = code_in(
        &newest_mail_to(&app, ANTOINETTE_EMAIL, "Votre code")
            .await
            .unwrap(),
    );
    let wrong = if code == "000000" { "111111" } else { "000000" };
    for _ in 0..5 {
        let (status, body) = error(type_code(&app, &stranger, wrong).await).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert!(field_message(&body, "code").contains("ne correspond pas"));
    }
    let (status, body) = error(type_code(&app, &stranger, &code).await).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(
        body["Refused"]
            .as_str()
            .unwrap()
            .contains("n'est plus valable")
    );
    assert!(
        app.audit_kinds()
            .await
            .contains(&"sign_in_code_failed".to_owned())
    );

    // A new sign-in sends a new code, which expires after fifteen minutes.
    let sent = app.outbox().await.len();
    app.sign_in(&stranger, ALBERT, NEW_PASSWORD).await;
    let code = code_in(&app.mails(sent + 1).await.pop().unwrap());
    app.clock.advance(chrono::Duration::minutes(16));
    let (status, _) = error(type_code(&app, &stranger, &code).await).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    // A browser that never waited for a code has none to type.
    let (status, _) = error(type_code(&app, &browser(), &code).await).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn only_a_confirmed_address_signs_in() {
    let app = spawn_app().await;
    let antoinette = app.settled_parent().await;
    next_page(&app.call(&antoinette, "sign_out", &[]).await);
    let (status, body) = error(
        app.sign_in(&antoinette, ANTOINETTE_EMAIL, NEW_PASSWORD)
            .await,
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(field_message(&body, "password").contains("incorrect"));
}
