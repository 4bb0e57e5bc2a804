//! Behind a reverse proxy (`CARTABLE_TRUSTED_PROXIES`): the client is the address the trusted
//! proxy forwarded, for the throttle, the devices page and the security log alike; from anyone
//! else, `X-Forwarded-For` is a forgery and is ignored.
use crate::helpers::*;
use reqwest::StatusCode;
use serde_json::Value;

/// A forgotten-password request for an unknown address, as a proxy forwards it for
/// `forwarded_for`: its status. Every such request counts against the address.
async fn reset_request(app: &TestApp, forwarded_for: &str, who: &str) -> StatusCode {
    let response = browser()
        .post(format!("{}/api/request_password_reset", app.address))
        .header("X-Forwarded-For", forwarded_for)
        .form(&[("who", who)])
        .send()
        .await
        .unwrap();
    if response.status().is_success() {
        next_page(&response);
    }
    response.status()
}

/// The address's hundred free requests and one more, each for another unknown address (so that
/// only the address's count grows), the client forging what it likes to the left of the hop the
/// proxy appends.
async fn exhaust(app: &TestApp, forwarded_for: &str) {
    for attempt in 0..=100 {
        let header = format!("10.{attempt}.0.1, {forwarded_for}");
        let who = format!("inconnu{attempt}@example.org");
        assert_eq!(
            reset_request(app, &header, &who).await,
            StatusCode::OK,
            "attempt {attempt}"
        );
    }
    let status = reset_request(app, forwarded_for, "encore@example.org").await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test]
async fn behind_a_trusted_proxy_each_forwarded_client_is_throttled_on_its_own() {
    let app = spawn_app_trusting("127.0.0.1").await;
    exhaust(&app, "203.0.113.9").await;
    let other = reset_request(&app, "198.51.100.7", "autre@example.org").await;
    assert_eq!(
        other,
        StatusCode::OK,
        "another parent behind the same proxy"
    );
    // Another address of the same IPv6 /64 is the same client.
    exhaust(&app, "2001:db8:1:2::1").await;
    let rotated = reset_request(&app, "2001:db8:1:2::2", "v6@example.org").await;
    assert_eq!(rotated, StatusCode::TOO_MANY_REQUESTS);
    let next = reset_request(&app, "2001:db8:1:3::1", "v6@example.org").await;
    assert_eq!(next, StatusCode::OK, "the next /64");
}

#[tokio::test]
async fn without_trusting_the_peer_a_forged_forwarded_address_changes_nothing() {
    let app = spawn_app().await;
    exhaust(&app, "203.0.113.9").await;
    let forged = reset_request(&app, "198.51.100.7", "autre@example.org").await;
    assert_eq!(forged, StatusCode::TOO_MANY_REQUESTS, "the peer is locked");

    let app = spawn_app().await;
    let parent = app.settled_parent().await;
    sign_in_forwarded_for(&app, "203.0.113.9").await;
    let html = app.get(&parent, "/appareils").await.text().await.unwrap();
    assert!(html.contains("127.0.0.1") && !html.contains("203.0.113.9"));
    let (devices, events) = addresses(&app, &parent).await;
    assert_eq!(devices, ["127.0.0.1", "127.0.0.1"]);
    assert!(events.iter().all(|ip| ip == "127.0.0.1"), "{events:?}");
}

#[tokio::test]
async fn behind_a_trusted_proxy_the_devices_page_and_the_log_show_the_forwarded_address() {
    let app = spawn_app_trusting("127.0.0.1").await;
    let parent = app.settled_parent().await;
    sign_in_forwarded_for(&app, "192.0.2.1, 2001:db8:1:2::17").await;
    let html = app.get(&parent, "/appareils").await.text().await.unwrap();
    assert!(html.contains("2001:db8:1:2::17") && !html.contains("192.0.2.1"));
    let (mut devices, events) = addresses(&app, &parent).await;
    devices.sort();
    // The parent's own device came without a proxy header: the peer is the client.
    assert_eq!(devices, ["127.0.0.1", "2001:db8:1:2::17"]);
    assert_eq!(
        events[0], "2001:db8:1:2::17",
        "the newest event: {events:?}"
    );
}

/// Albert's parent signs in on another device, through the proxy.
async fn sign_in_forwarded_for(app: &TestApp, forwarded_for: &str) {
    let response = browser()
        .post(format!("{}/api/sign_in", app.address))
        .header("X-Forwarded-For", forwarded_for)
        .header("Forwarded", "for=198.51.100.99")
        .form(&[("identifier", ALBERT), ("password", NEW_PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(next_page(&response), "/");
}

/// The addresses of the account's devices, and of its recent events (newest first).
async fn addresses(app: &TestApp, parent: &Browser) -> (Vec<String>, Vec<String>) {
    let response = app.call(parent, "account", &[]).await;
    assert_eq!(response.status(), StatusCode::OK);
    let account: Value = response.json().await.unwrap();
    let ips = |list: &str| -> Vec<String> {
        account[list]
            .as_array()
            .unwrap()
            .iter()
            .map(|item| item["ip"].as_str().unwrap_or("-").to_owned())
            .collect()
    };
    (ips("devices"), ips("events"))
}
