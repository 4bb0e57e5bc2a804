//! Attacks on the running server: password guessing (429 and recovery, with the server's clock moved
//! instead of sleeping), cross-site posts, and the headers every response carries.
use crate::helpers::*;
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
    // A success clears the login's count: the parent starts afresh.
    let (status, _) = error(app.sign_in(&attacker, ALBERT, "encore raté").await).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);

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
        let policy = headers["content-security-policy"].to_str().unwrap();
        assert!(
            policy.contains("frame-ancestors 'none'"),
            "{what}: {policy}"
        );
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
    let cookie = response.headers()["set-cookie"].to_str().unwrap();
    assert!(
        cookie.starts_with("__Host-cartable_session=")
            && cookie.contains("Secure")
            && cookie.contains("HttpOnly")
    );
}

#[tokio::test]
async fn oversized_requests_are_refused_before_any_work() {
    let app = spawn_app().await;
    let huge = "a".repeat(100 * 1024);
    let response = app.sign_in(&browser(), ALBERT, &huge).await;
    assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);
    let long = "a".repeat(2000);
    let (status, _) = error(app.sign_in(&browser(), &long, "x").await).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}
