//! Attacks on the running server: password guessing (429 and recovery, with the server's clock moved
//! instead of sleeping), cross-site posts, and the headers every response carries.
use crate::helpers::*;
use cartable::api::error::sign_in_refused;
use chrono::Duration;
use reqwest::StatusCode;

#[tokio::test]
async fn guessing_a_password_is_slowed_down_then_allowed_again() {
    let app = spawn_app().await;
    app.settled_parent().await;
    let attacker = browser();
    // Five free mistakes; the sixth locks the login for 30 seconds.
    for attempt in 1..=6 {
        let (status, _) = error(
            app.sign_in(&attacker, ALBERT, &format!("essai {attempt}"))
                .await,
        )
        .await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "attempt {attempt}");
    }
    let response = app.sign_in(&attacker, ALBERT, NEW_PASSWORD).await;
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
    let retry_after: u64 = response.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=30).contains(&retry_after), "{retry_after}");
    let (_, body) = error(response).await;
    assert!(
        body["TooManyAttempts"]["retry_after_seconds"]
            .as_u64()
            .is_some()
    );
    // Even the right password waits: the lock is on the login, not on the guess.
    let (status, _) = error(app.sign_in(&browser(), ALBERT, NEW_PASSWORD).await).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);

    app.clock.advance(Duration::seconds(31));
    assert_eq!(
        next_page(&app.sign_in(&browser(), ALBERT, NEW_PASSWORD).await),
        "/"
    );

    // The next lock lasts longer, but never more than a quarter of an hour.
    for attempt in 0..20 {
        app.clock.advance(Duration::minutes(16));
        let (status, _) = error(
            app.sign_in(&attacker, ALBERT, &format!("raté {attempt}"))
                .await,
        )
        .await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
    }
    let response = app.sign_in(&attacker, ALBERT, "encore").await;
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
    let retry_after: u64 = response.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!(retry_after <= 15 * 60);
    app.clock.advance(Duration::minutes(15));
    assert_eq!(
        next_page(&app.sign_in(&browser(), ALBERT, NEW_PASSWORD).await),
        "/"
    );
}

/// A wrong password for Albert: its status, after checking that a 400 is the sign-in refusal.
async fn wrong_guess(app: &TestApp, attacker: &Browser, guess: &str) -> StatusCode {
    let (status, body) = error(app.sign_in(attacker, ALBERT, guess).await).await;
    if status == StatusCode::BAD_REQUEST {
        assert_eq!(
            field_errors(&body),
            only("password", sign_in_refused(FR)),
            "{guess}"
        );
    }
    status
}

#[tokio::test]
async fn a_success_clears_the_failure_count() {
    let app = spawn_app().await;
    let attacker = browser();
    let mut statuses = Vec::new();
    for attempt in 1..=5 {
        statuses.push(wrong_guess(&app, &attacker, &format!("essai {attempt}")).await);
    }
    // The parent signs in with their letter: the login's count starts afresh…
    assert_eq!(
        next_page(&app.sign_in(&browser(), ALBERT, ALBERT_LETTER).await),
        "/conditions"
    );
    // …so five failures are free again, the sixth sets the lock and the seventh meets it. Had the
    // success not cleared the count, the first failure after it would have set the lock.
    for attempt in 6..=12 {
        statuses.push(wrong_guess(&app, &attacker, &format!("essai {attempt}")).await);
    }
    let mut expected = vec![StatusCode::BAD_REQUEST; 11];
    expected.push(StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(statuses, expected);
}

#[tokio::test]
async fn an_unknown_identifier_is_throttled_like_a_known_one() {
    let app = spawn_app().await;
    for attempt in 1..=6 {
        let (status, _) = error(
            app.sign_in(&browser(), "personne@isu-dour.be", &format!("{attempt}"))
                .await,
        )
        .await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
    }
    let (status, body) = error(app.sign_in(&browser(), "personne@isu-dour.be", "x").await).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    let message = serde_json::from_value::<cartable::api::AppError>(body)
        .unwrap()
        .to_string();
    assert!(
        message.starts_with("Trop de tentatives ont échoué"),
        "{message}"
    );
}

#[tokio::test]
async fn guessing_letters_while_linking_children_is_throttled_too() {
    let app = spawn_app().await;
    let parent = app.settled_parent().await;
    for attempt in 1..=6 {
        let (status, _) = error(
            app.link_child(&parent, "isu-dour", MARIE, &format!("essai {attempt}"))
                .await,
        )
        .await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
    }
    let (status, _) = error(
        app.link_child(&parent, "isu-dour", MARIE, MARIE_LETTER)
            .await,
    )
    .await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    app.clock.advance(Duration::seconds(31));
    next_page(
        &app.link_child(&parent, "isu-dour", MARIE, MARIE_LETTER)
            .await,
    );
}

#[tokio::test]
async fn a_post_from_another_site_is_refused() {
    let app = spawn_app().await;
    let form = [("identifier", ALBERT), ("password", ALBERT_LETTER)];
    let post = |headers: &'static [(&'static str, &'static str)]| {
        let mut request = browser()
            .post(format!("{}/api/sign_in", app.address))
            .form(&form);
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        request.send()
    };
    for headers in [
        &[("Sec-Fetch-Site", "cross-site")][..],
        &[("Sec-Fetch-Site", "same-site")][..],
        &[("Origin", "https://evil.example")][..],
    ] {
        let response = post(headers).await.unwrap();
        assert_eq!(response.status(), StatusCode::FORBIDDEN, "{headers:?}");
    }
    // The site's own pages, and scripts that send no browser headers, go through.
    for headers in [
        &[("Sec-Fetch-Site", "same-origin")][..],
        &[("Origin", PUBLIC_URL)][..],
        &[][..],
    ] {
        let response = post(headers).await.unwrap();
        assert_eq!(next_page(&response), "/conditions", "{headers:?}");
    }
}

#[tokio::test]
async fn server_functions_answer_post_only() {
    let app = spawn_app().await;
    let parent = app.settled_parent().await;
    let response = parent
        .get(format!("{}/api/sign_out", app.address))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(
        app.get(&parent, "/").await.status(),
        StatusCode::OK,
        "still signed in"
    );
}

#[tokio::test]
async fn every_response_carries_the_security_headers() {
    let app = spawn_app().await;
    let page = app.get(&browser(), "/connexion").await;
    let function = app.sign_in(&browser(), ALBERT, "faux").await;
    let file = app.get(&browser(), "/robots.txt").await;
    assert_eq!(file.status(), StatusCode::OK);
    for (what, response) in [
        ("page", &page),
        ("server function", &function),
        ("static file", &file),
    ] {
        let headers = response.headers();
        assert_eq!(headers["x-content-type-options"], "nosniff", "{what}");
        assert_eq!(headers["referrer-policy"], "same-origin", "{what}");
        assert_eq!(headers["x-frame-options"], "DENY", "{what}");
        assert!(
            headers["strict-transport-security"]
                .to_str()
                .unwrap()
                .contains("max-age="),
            "{what}"
        );
        assert_eq!(
            headers["cross-origin-opener-policy"], "same-origin",
            "{what}"
        );
        let permissions = headers["permissions-policy"].to_str().unwrap();
        for feature in ["camera=()", "microphone=()", "geolocation=()"] {
            assert!(permissions.contains(feature), "{what}: {permissions}");
        }
        let policy = headers["content-security-policy"].to_str().unwrap();
        assert!(
            policy.contains("frame-ancestors 'none'"),
            "{what}: {policy}"
        );
    }
    // Whatever is not a page may load nothing at all.
    for (what, response) in [("server function", &function), ("static file", &file)] {
        let policy = response.headers()["content-security-policy"]
            .to_str()
            .unwrap();
        assert!(policy.starts_with("default-src 'none'"), "{what}: {policy}");
    }
    // The page's policy allows its own inline scripts by their nonce, and nothing else inline.
    let policy = page.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_owned();
    let nonce = policy
        .split("'nonce-")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
        .expect("a nonce in the page's policy")
        .to_owned();
    assert!(policy.contains("'wasm-unsafe-eval'") && !policy.contains("unsafe-inline"));
    let html = page.text().await.unwrap();
    assert!(html.contains(&format!("nonce=\"{nonce}\"")));
    // The session cookie is __Host- prefixed, Secure and HttpOnly behind HTTPS.
    let parent = browser();
    let response = app.sign_in(&parent, ALBERT, ALBERT_LETTER).await;
    // The session's cookie and the browser's (known browsers) alike.
    let cookies: Vec<&str> = response
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|c| c.to_str().unwrap())
        .collect();
    for name in ["__Host-cartable_session=", "__Host-cartable_browser="] {
        let cookie = cookies.iter().find(|c| c.starts_with(name)).expect(name);
        assert!(
            cookie.contains("Secure") && cookie.contains("HttpOnly"),
            "{cookie}"
        );
    }
}

#[tokio::test]
async fn oversized_requests_are_refused_before_any_work() {
    let app = spawn_app().await;
    let huge = "a".repeat(100 * 1024);
    let response = app.sign_in(&browser(), ALBERT, &huge).await;
    assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);
    // An identifier of the school's form, 254 characters long (the limit): looked up, and counted
    // as a failed sign-in. One character more: refused before any lookup, with the same message
    // (sign-in never says which field was wrong).
    let identifier = |length: usize| format!("{}@isu-dour.be", "a".repeat(length - 12));
    for (length, logged) in [(255, 0), (254, 1)] {
        let (status, body) = error(app.sign_in(&browser(), &identifier(length), "x").await).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{length}");
        assert_eq!(field_errors(&body), only("password", sign_in_refused(FR)));
        assert_eq!(app.audit_kinds().await.len(), logged, "{length} characters");
    }
    assert_eq!(app.audit_kinds().await, ["sign_in_failed"]);
}

#[tokio::test]
async fn a_field_one_character_too_long_is_refused_for_its_length_alone() {
    let app = spawn_app().await;
    // Otherwise valid: an address of the school's form, a domain ending with the school's.
    let address = |length: usize| format!("{}@isu-dour.be", "a".repeat(length - 12));
    let domain = |length: usize| format!("{}isu-dour.be", "a.".repeat((length - 11) / 2));
    for (function, field, value, max) in [
        ("request_password_reset", "who", address(255), 254),
        ("reset_admins", "domain", domain(255), 254),
    ] {
        assert_eq!(value.chars().count(), max + 1, "{function}");
        let (status, body) = error(app.call(&browser(), function, &[(field, &value)]).await).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{function}");
        assert_eq!(
            field_errors(&body),
            only(field, &format!("{max} caractères au maximum.")),
            "{function}"
        );
        let shorter: String = value.chars().skip(1).collect();
        let response = app.call(&browser(), function, &[(field, &shorter)]).await;
        assert!(
            response.status().is_success() || response.status().is_redirection(),
            "{function}: {}",
            response.status()
        );
    }
}

/// The server functions anyone may call, signed in or not.
const PUBLIC: [&str; 11] = [
    "sign_in",
    "sign_in_code",
    "sign_out",
    "confirm_email",
    "request_password_reset",
    "reset_admins",
    "reset_password",
    // A staff member's mailed link (its token is the proof), and signing out of the staff area.
    "staff_password_link",
    "staff_choose_password",
    "staff_sign_out",
    // A mail's unsubscribe link: its token is the proof.
    "unsubscribe",
];

/// Every other server function (those starting with `guard::signed_in` or `guard::settled`), with
/// a well-formed form, so that only the missing session can refuse it.
const SIGNED_IN: [(&str, &[(&str, &str)]); 97] = [
    ("terms", &[]),
    ("accept_terms", &[("version", "1")]),
    ("postpone_terms", &[("version", "1")]),
    ("refuse_terms", &[("version", "1")]),
    ("password", &[]),
    (
        "change_password",
        &[
            ("new_password", NEW_PASSWORD),
            ("repeat_password", NEW_PASSWORD),
        ],
    ),
    ("profile", &[]),
    (
        "save_profile",
        &[
            ("first_name", "Antoinette"),
            ("last_name", "Dupond"),
            ("email", "antoinette.dupond@example.be"),
        ],
    ),
    ("resend_confirmation", &[]),
    ("home", &[]),
    ("notifications", &[]),
    ("notification_settings", &[]),
    (
        "save_notification_settings",
        &[("quiet_from", "20:00"), ("quiet_until", "07:00")],
    ),
    (
        "save_push_subscription",
        &[
            ("endpoint", "https://fcm.googleapis.com/fcm/send/x"),
            ("p256dh", "x"),
            ("auth", "x"),
        ],
    ),
    ("remove_push_device", &[("id", "1")]),
    ("children", &[]),
    ("platform_name", &[("code", "isu-dour")]),
    (
        "link_child",
        &[
            ("platform", "isu-dour"),
            ("identifier", MARIE),
            ("password", MARIE_LETTER),
        ],
    ),
    ("select_child", &[("student_id", "1")]),
    ("confirm_link", &[]),
    ("confirm_link_password", &[("password", NEW_PASSWORD)]),
    ("news", &[]),
    ("news_item", &[("id", "1")]),
    ("calendar", &[]),
    ("event", &[("id", "1")]),
    ("courses", &[]),
    ("account", &[]),
    ("remove_device", &[("handle", "0123456789abcdef")]),
    ("remove_other_devices", &[]),
    ("renew_calendar_feed", &[]),
    ("absences", &[]),
    ("staff_absences", &[]),
    ("staff_acknowledge_absence", &[("id", "1")]),
    ("withdraw_absence", &[("id", "1")]),
    ("intradesk", &[]),
    ("surveys", &[]),
    ("survey", &[("id", "1"), ("child", "1")]),
    ("answer_survey", &[("survey", "1"), ("child", "1")]),
    ("staff_surveys", &[]),
    ("staff_create_survey", &[("title", "Repas")]),
    ("staff_survey", &[("id", "1")]),
    ("staff_remind_survey", &[("id", "1")]),
    ("staff_remove_survey", &[("id", "1")]),
    ("staff_intradesk", &[]),
    ("staff_add_folder", &[("name", "Sorties")]),
    ("staff_remove_folder", &[("id", "1")]),
    ("staff_remove_document", &[("id", "1")]),
    (
        "change_own_password",
        &[
            ("current_password", NEW_PASSWORD),
            ("new_password", "un autre chat dort"),
            ("repeat_password", "un autre chat dort"),
        ],
    ),
    (
        "change_email",
        &[
            ("email", "antoinette@example.org"),
            ("current_password", NEW_PASSWORD),
        ],
    ),
    ("own_second_factor", &[]),
    ("enable_own_second_factor", &[("code", "123456")]),
    (
        "disable_own_second_factor",
        &[("current_password", NEW_PASSWORD)],
    ),
    // The staff area: a staff session (`guard::staff`), which no parent's session is.
    ("second_factor", &[("code", "123456")]),
    ("staff_second_factor_setup", &[]),
    ("staff_enable_second_factor", &[("code", "123456")]),
    ("staff_home", &[]),
    ("staff_students", &[]),
    ("staff_student", &[("id", "1")]),
    (
        "staff_add_student",
        &[("first_name", "Léa"), ("last_name", "Durant")],
    ),
    ("staff_remove_student", &[("id", "1")]),
    ("staff_import_preview", &[]),
    ("staff_stage_import", &[("list", "Léa;Durant;3B")]),
    ("staff_confirm_import", &[("id", "1")]),
    ("staff_news", &[]),
    ("staff_news_preview", &[("body", "**gras**")]),
    (
        "staff_publish_news",
        &[("title", "Titre"), ("body", "Texte")],
    ),
    ("staff_remove_news", &[("id", "1")]),
    ("staff_calendar", &[]),
    (
        "staff_add_event",
        &[("title", "Réunion"), ("starts", "2026-12-18T19:00")],
    ),
    ("staff_remove_event", &[("id", "1")]),
    ("staff_team", &[]),
    (
        "staff_add_member",
        &[
            ("first_name", "Paul"),
            ("last_name", "Durant"),
            ("email", "paul@example.org"),
            ("role", "teacher"),
        ],
    ),
    ("staff_suspend_member", &[("id", "1"), ("suspended", "1")]),
    ("staff_remove_member", &[("id", "1")]),
    ("staff_journal", &[]),
    ("staff_courses", &[]),
    ("staff_add_course", &[("name", "Latin")]),
    ("staff_assign_teacher", &[("course", "1"), ("staff", "1")]),
    ("staff_enrol_class", &[("course", "1"), ("class", "3B")]),
    ("staff_terms", &[]),
    ("staff_publish_terms", &[("text", "Conditions.")]),
    ("staff_school", &[]),
    ("staff_save_school", &[("name", "École")]),
    ("staff_switch_school", &[("school", "2")]),
    ("staff_reset_second_factor", &[("id", "1")]),
    (
        "staff_reset_parent_second_factor",
        &[("student", "1"), ("parent_slot", "1")],
    ),
    ("staff_remove_logo", &[]),
    (
        "staff_add_application",
        &[
            ("application_name", "Cantine"),
            ("application_url", "https://cantine.example"),
        ],
    ),
    ("staff_remove_application", &[("id", "1")]),
    ("inbox", &[]),
    ("conversation", &[("id", "1")]),
    ("new_message", &[]),
    ("archive_conversation", &[("id", "1")]),
    ("staff_inbox", &[]),
    ("staff_conversation", &[("id", "1")]),
    ("staff_new_message", &[]),
    ("staff_archive_conversation", &[("id", "1")]),
];

/// The server functions that take a file (`multipart/form-data`); `school_brand` and `messages`
/// check that each refuses a caller without a session.
pub(crate) const MULTIPART: [&str; 7] = [
    "staff_upload_logo",
    "staff_share_document",
    "report_absence",
    "send_message",
    "reply",
    "staff_send_message",
    "staff_reply",
];

#[tokio::test]
async fn every_account_function_answers_401_when_signed_out() {
    let app = spawn_app().await;
    // Someone is signed in, so that there are sessions, children and news to reach.
    app.settled_parent().await;
    for (function, form) in SIGNED_IN {
        let (status, body) = error(app.call(&browser(), function, form).await).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{function}: {body}");
    }
    // No server function is left out of the two lists.
    let registered = crate::fuzz::functions();
    for function in &registered {
        let listed = PUBLIC.contains(function)
            || MULTIPART.contains(function)
            || SIGNED_IN.iter().any(|(f, _)| f == function);
        assert!(listed, "{function} is in no list");
    }
    assert_eq!(
        PUBLIC.len() + SIGNED_IN.len() + MULTIPART.len(),
        registered.len()
    );
}

#[tokio::test]
async fn a_malformed_request_is_refused_without_saying_how_it_was_read() {
    let app = spawn_app().await;
    let response = app
        .call(&browser(), "sign_in", &[("identifier", ALBERT)])
        .await;
    let (status, body) = error(response).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body, serde_json::json!({ "Request": "" }));
}
