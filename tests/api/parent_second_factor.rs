//! A parent's own second factor: turned on in "Mon compte" with a code computed by an independent
//! RFC 6238 implementation (`totp-lite`), then asked after the password on a browser the account
//! does not know, and there only; recovery codes; turning it off takes the password and tells the
//! parent; the school's administrator, and no one else, turns it off for a parent who lost all.
use crate::helpers::*;
use crate::staff::school_with_staff;
use reqwest::StatusCode;
use serde_json::Value;

/// Albert's first parent, confirmed, who turned the second factor on: the secret and the ten
/// recovery codes the set-up page showed.
async fn parent_with_second_factor(app: &TestApp) -> (Browser, String, Vec<String>) {
    let parent = app.confirmed_parent().await;
    // A laptop the parent signed in with before (password and mailed code) knows the account...
    let laptop = browser();
    let opened = app.sign_in_new_browser(&laptop, ALBERT, NEW_PASSWORD).await;
    assert_eq!(next_page(&opened), "/");
    assert_eq!(password_on(app, &laptop).await, "/");
    let (secret, codes) = turn_on(app, &parent).await;
    // ...and gives the second factor all the same once it is on: only the browser that turned it
    // on is spared.
    assert_eq!(password_on(app, &laptop).await, "/connexion/second-facteur");
    (parent, secret, codes)
}

/// Turns the signed-in parent's second factor on, as the set-up page does.
async fn turn_on(app: &TestApp, parent: &Browser) -> (String, Vec<String>) {
    let setup: Value = app
        .call(parent, "own_second_factor", &[])
        .await
        .json()
        .await
        .unwrap();
    let setup = &setup["setup"];
    assert_eq!(setup["enabled"], false);
    let secret = setup["secret"].as_str().unwrap().replace(' ', "");
    let codes: Vec<String> = setup["recovery_codes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|code| code.as_str().unwrap().to_owned())
        .collect();
    assert_eq!(codes.len(), 10);
    // Shown again, the same secret: an authenticator that scanned it stays right.
    let again: Value = app
        .call(parent, "own_second_factor", &[])
        .await
        .json()
        .await
        .unwrap();
    let shown_again = again["setup"]["secret"].as_str().unwrap().replace(' ', "");
    assert_eq!(shown_again, secret);
    // A wrong first code turns nothing on, and says so under the field.
    let wrong = [("code", "000000")];
    let (status, body) = error(app.call(parent, "enable_own_second_factor", &wrong).await).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(!field_message(&body, "code").is_empty(), "{body}");
    let code = authenticator_code(app, &secret, 0);
    let sent = app.outbox().await.len();
    let on = app
        .call(parent, "enable_own_second_factor", &[("code", &code)])
        .await;
    assert_eq!(next_page(&on), "/appareils?second-facteur=active");
    // A confirmed address is told: whoever held the session could lock the parent out.
    let notice = quoted_printable(&app.mails(sent + 1).await.pop().unwrap());
    assert!(notice.contains("vient d'être activée"), "{notice}");
    let account: Value = app.call(parent, "account", &[]).await.json().await.unwrap();
    assert_eq!(account["second_factor"], true);
    (secret, codes)
}

/// Signs in on `browser` with Albert's parent's password, and returns where it was sent.
async fn password_on(app: &TestApp, browser: &Browser) -> String {
    next_page(&app.sign_in(browser, ALBERT, NEW_PASSWORD).await)
}

#[tokio::test]
async fn a_new_browser_gives_the_authenticators_code_after_the_password_and_only_once() {
    let app = spawn_app().await;
    let (parent, secret, _) = parent_with_second_factor(&app).await;
    // The browser that turned it on knows the account: the password is enough there.
    assert_eq!(password_on(&app, &parent).await, "/");

    let phone = browser();
    let mailed = app.outbox().await.len();
    assert_eq!(password_on(&app, &phone).await, "/connexion/second-facteur");
    // The authenticator replaces the code that would be mailed to a new browser.
    assert_eq!(app.outbox().await.len(), mailed);
    // Nothing is open until the code is given; the code's page is shown.
    let home = app.get(&phone, "/").await;
    assert!(home.status().is_redirection(), "{}", home.status());
    let page = app.get(&phone, "/connexion/second-facteur").await;
    assert_eq!(page.status(), StatusCode::OK);
    assert!(page.text().await.unwrap().contains("name=\"code\""));

    let (status, body) = error(
        app.call(&phone, "second_factor", &[("code", "000000")])
            .await,
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(!field_message(&body, "code").is_empty(), "{body}");
    app.clock.advance(chrono::Duration::seconds(31));
    let code = authenticator_code(&app, &secret, 0);
    let opened = app.call(&phone, "second_factor", &[("code", &code)]).await;
    assert_eq!(next_page(&opened), "/");
    assert_eq!(app.get(&phone, "/").await.status(), StatusCode::OK);

    // The same code, seen over a shoulder, opens nothing on a third browser.
    let tablet = browser();
    assert_eq!(
        password_on(&app, &tablet).await,
        "/connexion/second-facteur"
    );
    let replayed = app.call(&tablet, "second_factor", &[("code", &code)]).await;
    assert_eq!(replayed.status(), StatusCode::BAD_REQUEST);

    // The phone is now known: signed out, it signs in again with the password alone.
    app.call(&phone, "sign_out", &[]).await;
    assert_eq!(password_on(&app, &phone).await, "/");
    let kinds = app.audit_kinds().await;
    for kind in ["second_factor_enabled", "second_factor_failed"] {
        assert!(kinds.contains(&kind.to_owned()), "{kind}: {kinds:?}");
    }
}

#[tokio::test]
async fn a_recovery_code_works_once_and_a_waiting_sign_in_ends() {
    let app = spawn_app().await;
    let (_, _, codes) = parent_with_second_factor(&app).await;
    let phone = browser();
    assert_eq!(password_on(&app, &phone).await, "/connexion/second-facteur");
    // Typed loosely: capitals, a space instead of the dash.
    let typed = codes[0].to_uppercase().replace('-', " ");
    let opened = app.call(&phone, "second_factor", &[("code", &typed)]).await;
    assert_eq!(next_page(&opened), "/");
    assert!(
        app.audit_kinds()
            .await
            .contains(&"recovery_code_used".to_owned())
    );

    let tablet = browser();
    assert_eq!(
        password_on(&app, &tablet).await,
        "/connexion/second-facteur"
    );
    let used = app
        .call(&tablet, "second_factor", &[("code", &codes[0])])
        .await;
    assert_eq!(used.status(), StatusCode::BAD_REQUEST);
    // Ten minutes later the waiting sign-in is over: even a good code opens nothing, and the
    // page sends the browser back to the sign-in page.
    app.clock.advance(chrono::Duration::minutes(11));
    let late = app
        .call(&tablet, "second_factor", &[("code", &codes[1])])
        .await;
    assert!(late.status().is_client_error(), "{}", late.status());
    let page = app.get(&tablet, "/connexion/second-facteur").await;
    assert_eq!(next_page(&page), "/connexion");
    assert!(app.get(&tablet, "/").await.status().is_redirection());
}

#[tokio::test]
async fn turning_it_off_takes_the_password_and_tells_the_parent() {
    let app = spawn_app().await;
    let (parent, _, _) = parent_with_second_factor(&app).await;
    let wrong = [("current_password", "pas le bon mot de passe")];
    let (status, body) = error(app.call(&parent, "disable_own_second_factor", &wrong).await).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        !field_message(&body, "current_password").is_empty(),
        "{body}"
    );
    assert_eq!(
        password_on(&app, &browser()).await,
        "/connexion/second-facteur"
    );

    let sent = app.outbox().await.len();
    let right = [("current_password", NEW_PASSWORD)];
    let off = app.call(&parent, "disable_own_second_factor", &right).await;
    assert_eq!(next_page(&off), "/appareils?second-facteur=desactive");
    let notice = quoted_printable(&app.mails(sent + 1).await.pop().unwrap());
    assert!(
        notice.contains("To: antoinette.dupond@example.be"),
        "{notice}"
    );
    assert!(notice.contains("vient d'être désactivée"), "{notice}");
    // A new browser of a confirmed address is back to the mailed code.
    assert_eq!(password_on(&app, &browser()).await, "/connexion/code");
    assert!(
        app.audit_kinds()
            .await
            .contains(&"second_factor_disabled".to_owned())
    );
}

#[tokio::test]
async fn only_the_childs_school_administrator_turns_a_parents_second_factor_off() {
    let app = spawn_app().await;
    let callers = school_with_staff(&app).await;
    // The matrix's parent is Albert's first: their address confirmed, the second factor on.
    let token = token_in(&app.mails(1).await[0]);
    let confirmed = app
        .call(&browser(), "confirm_email", &[("token", &token)])
        .await;
    assert_eq!(next_page(&confirmed), "/email-confirme");
    turn_on(&app, &callers.parent).await;
    let albert = app.student_id(ALBERT).await.to_string();
    let form = [("student", albert.as_str()), ("parent_slot", "1")];
    // What the administrator sees of the parent: the second factor is on.
    let student: Value = app
        .call(&callers.admin_here, "staff_student", &[("id", &albert)])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(student["slots"][0]["second_factor"], true);
    // A teacher of the child sees no such thing.
    let seen: Value = app
        .call(&callers.teacher_here, "staff_student", &[("id", &albert)])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(seen["slots"][0]["second_factor"], Value::Null);
    for (who, expected) in [
        (&callers.teacher_here, StatusCode::FORBIDDEN),
        (&callers.admin_other, StatusCode::FORBIDDEN),
        (&callers.nobody, StatusCode::UNAUTHORIZED),
    ] {
        let answer = app
            .call(who, "staff_reset_parent_second_factor", &form)
            .await;
        assert_eq!(answer.status(), expected);
    }
    assert_eq!(
        password_on(&app, &browser()).await,
        "/connexion/second-facteur"
    );
    let reset = app
        .call(
            &callers.admin_here,
            "staff_reset_parent_second_factor",
            &form,
        )
        .await;
    assert_eq!(next_page(&reset), format!("/ecole/eleves/{albert}"));
    let told = quoted_printable(&app.outbox().await.pop().unwrap());
    assert!(told.contains("l'école vient de désactiver"), "{told}");
    assert_eq!(password_on(&app, &browser()).await, "/connexion/code");
    assert!(
        app.audit_kinds()
            .await
            .contains(&"second_factor_reset".to_owned())
    );
}

#[tokio::test]
async fn a_parents_sign_in_left_waiting_does_not_hold_a_staff_sign_in_on_the_same_computer() {
    use crate::staff::{SECRET, STAFF_PASSWORD, add_staff};
    use cartable::server::staff::Role;
    let app = spawn_app().await;
    parent_with_second_factor(&app).await;
    let shared = browser();
    assert_eq!(
        password_on(&app, &shared).await,
        "/connexion/second-facteur"
    );
    // The parent walks away; the school's administrator signs in on the same computer.
    add_staff(
        &app.db,
        "isu-dour",
        "admin@isu-dour.be",
        Role::Administrator,
        true,
    )
    .await;
    let answer = app
        .sign_in(&shared, "admin@isu-dour.be", STAFF_PASSWORD)
        .await;
    assert_eq!(next_page(&answer), "/connexion/second-facteur");
    app.clock.advance(chrono::Duration::seconds(31));
    let code = authenticator_code(&app, SECRET, 0);
    let verified = app.call(&shared, "second_factor", &[("code", &code)]).await;
    assert_eq!(next_page(&verified), "/ecole");
}
