//! Web push: a parent's browser subscribes with the key the settings page gives; a notification
//! reaches a real push service on a loopback port encrypted to the browser's keys (decrypted here
//! as the browser would) and signed with that key (the VAPID token verified); a subscription the
//! push service says is gone is deleted; an address that is no push service is refused; a parent
//! removes only their own devices; push turned off sends none.
use crate::helpers::*;
use crate::notifications::teacher_writes;
use crate::staff::school_with_staff;
use axum::{
    Router,
    body::Bytes,
    extract::Path,
    http::{HeaderMap, StatusCode},
    routing::post,
};
use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use reqwest::Response;
use serde_json::Value;
use std::sync::{Arc, Mutex};
use web_push_native::{Auth, p256};

/// What a push service received: the path, the headers and the encrypted body.
type Received = Arc<Mutex<Vec<(String, HeaderMap, Vec<u8>)>>>;

/// A push service on a loopback port that keeps what it is sent, and answers `/gone/…` with 410
/// as a real one does for a browser that unsubscribed.
async fn push_service() -> (String, Received) {
    let received: Received = Arc::default();
    let kept = Arc::clone(&received);
    let app = Router::new().route(
        "/{kind}/{id}",
        post(
            move |Path((kind, id)): Path<(String, String)>, headers: HeaderMap, body: Bytes| {
                let kept = Arc::clone(&kept);
                async move {
                    let path = format!("/{kind}/{id}");
                    kept.lock().unwrap().push((path, headers, body.to_vec()));
                    match kind.as_str() {
                        "gone" => StatusCode::GONE,
                        _ => StatusCode::CREATED,
                    }
                }
            },
        ),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (address, received)
}

/// The keys a browser makes for a subscription: its P-256 key pair and a 16-byte secret.
pub(crate) struct BrowserKeys {
    secret: p256::SecretKey,
    auth: [u8; 16],
}

impl BrowserKeys {
    pub(crate) fn new() -> Self {
        Self {
            secret: p256::SecretKey::from_slice(&rand::random::<[u8; 32]>()).unwrap(),
            auth: rand::random(),
        }
    }

    /// The form `public/push.js` posts.
    pub(crate) fn form(&self, endpoint: &str) -> [(&'static str, String); 3] {
        use p256::elliptic_curve::sec1::ToEncodedPoint;
        let public = self.secret.public_key().to_encoded_point(false);
        [
            ("endpoint", endpoint.to_owned()),
            ("p256dh", URL_SAFE_NO_PAD.encode(public.as_bytes())),
            ("auth", URL_SAFE_NO_PAD.encode(self.auth)),
        ]
    }

    /// The message, decrypted as the browser would.
    fn open(&self, body: &[u8]) -> Value {
        let auth = Auth::clone_from_slice(&self.auth);
        let plain = web_push_native::decrypt(body.to_vec(), &self.secret, &auth).unwrap();
        serde_json::from_slice(&plain).unwrap()
    }
}

async fn subscribe(
    app: &TestApp,
    parent: &Browser,
    keys: &BrowserKeys,
    endpoint: &str,
) -> Response {
    let form = keys.form(endpoint);
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    app.call(parent, "save_push_subscription", &form).await
}

/// Told at once whatever the hour the test runs at (no quiet hours), by mail and push.
async fn no_quiet_hours(app: &TestApp, parent: &Browser) {
    let form = [
        ("by_mail", "true"),
        ("by_push", "true"),
        ("quiet_from", "00:00"),
        ("quiet_until", "00:00"),
    ];
    let saved = app.call(parent, "save_notification_settings", &form).await;
    assert_eq!(next_page(&saved), "/notifications/reglages?enregistre=1");
}

async fn settings(app: &TestApp, parent: &Browser) -> Value {
    let answer = app.call(parent, "notification_settings", &[]).await;
    assert_eq!(answer.status(), StatusCode::OK);
    answer.json().await.unwrap()
}

/// Waits (a few seconds at most) for the push service to have received `count` messages.
async fn pushed(
    app: &TestApp,
    received: &Received,
    count: usize,
) -> Vec<(String, HeaderMap, Vec<u8>)> {
    for _ in 0..100 {
        app.outbox().await;
        let got = received.lock().unwrap().clone();
        if got.len() >= count {
            return got;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!(
        "the push service received {} message(s), not {count}",
        received.lock().unwrap().len()
    );
}

#[tokio::test]
async fn a_message_reaches_the_parents_phone_encrypted_and_signed_and_not_once_push_is_off() {
    let (service, received) = push_service().await;
    let app = spawn_app_with(|s| s.push_services = vec![service.clone()]).await;
    let callers = school_with_staff(&app).await;
    let mother = &callers.parent;
    let before = settings(&app, mother).await;
    assert_eq!(before["by_push"], true);
    assert_eq!(before["devices"], serde_json::json!([]));
    let server_key = before["push_key"].as_str().unwrap().to_owned();
    let phone = BrowserKeys::new();
    let endpoint = format!("{service}/ok/1");
    assert_eq!(
        subscribe(&app, mother, &phone, &endpoint).await.status(),
        StatusCode::OK
    );
    let after = settings(&app, mother).await;
    assert_eq!(after["devices"].as_array().unwrap().len(), 1);
    // The key is made once and kept: the same on every visit.
    assert_eq!(after["push_key"], server_key);

    no_quiet_hours(&app, mother).await;
    teacher_writes(&app, &callers.teacher_here, "Piscine demain", false).await;
    let got = pushed(&app, &received, 1).await;
    let (path, headers, body) = &got[0];
    assert_eq!(path, "/ok/1");
    assert_eq!(headers["content-encoding"], "aes128gcm");
    assert_eq!(headers["ttl"], "86400");
    assert_eq!(headers["urgency"], "normal");
    let message = phone.open(body);
    assert_eq!(message["title"], "Nouveau message : Piscine demain");
    assert!(
        message["url"].as_str().unwrap().starts_with("/messages/"),
        "{message}"
    );
    // Signed with the key the page gave, for this push service (RFC 8292).
    let authorization = headers["authorization"].to_str().unwrap();
    let (token, key) = authorization
        .strip_prefix("vapid t=")
        .and_then(|rest| rest.split_once(", k="))
        .unwrap_or_else(|| panic!("{authorization}"));
    assert_eq!(key, server_key);
    verify_vapid(token, key, &service);

    // Push off: the next message is mailed, not pushed.
    let form = [
        ("by_mail", "true"),
        ("quiet_from", "00:00"),
        ("quiet_until", "00:00"),
    ];
    let saved = app.call(mother, "save_notification_settings", &form).await;
    assert_eq!(next_page(&saved), "/notifications/reglages?enregistre=1");
    let mails = app.outbox().await.len();
    teacher_writes(&app, &callers.teacher_here, "Sortie au musée", false).await;
    assert!(app.mails(mails + 1).await.len() > mails);
    assert_eq!(received.lock().unwrap().len(), 1);
}

/// The VAPID token: ES256 with the server's key, for the push service (its scheme and host:
/// web-push-native leaves the port out, which the push services of browsers, on 443, never have).
fn verify_vapid(token: &str, key: &str, service: &str) {
    use web_push_native::jwt_simple::prelude::*;
    let audience = service.rsplit_once(':').unwrap().0;
    let key = ES256PublicKey::from_bytes(&URL_SAFE_NO_PAD.decode(key).unwrap()).unwrap();
    let options = VerificationOptions {
        allowed_audiences: Some(HashSet::from_strings(&[audience])),
        ..Default::default()
    };
    let claims = key
        .verify_token::<NoCustomClaims>(token, Some(options))
        .expect("a token signed with the server's key, for this push service");
    // Whom the push service may contact about our messages: the site, being HTTPS.
    assert_eq!(claims.subject.as_deref(), Some(PUBLIC_URL));
}

#[tokio::test]
async fn a_subscription_the_push_service_says_is_gone_is_deleted() {
    let (service, received) = push_service().await;
    let app = spawn_app_with(|s| s.push_services = vec![service.clone()]).await;
    let callers = school_with_staff(&app).await;
    let mother = &callers.parent;
    let endpoint = format!("{service}/gone/1");
    let old_phone = BrowserKeys::new();
    assert_eq!(
        subscribe(&app, mother, &old_phone, &endpoint)
            .await
            .status(),
        StatusCode::OK
    );
    no_quiet_hours(&app, mother).await;
    teacher_writes(&app, &callers.teacher_here, "Piscine demain", false).await;
    pushed(&app, &received, 1).await;
    assert_eq!(
        settings(&app, mother).await["devices"],
        serde_json::json!([])
    );
    // The next message goes nowhere near it.
    teacher_writes(&app, &callers.teacher_here, "Sortie au musée", false).await;
    app.outbox().await;
    assert_eq!(received.lock().unwrap().len(), 1);
}

#[tokio::test]
async fn only_push_services_are_accepted_and_a_parent_removes_only_their_own_devices() {
    let (service, _) = push_service().await;
    let app = spawn_app_with(|s| s.push_services = vec![service.clone()]).await;
    let callers = school_with_staff(&app).await;
    let mother = &callers.parent;
    let keys = BrowserKeys::new();
    // The server would post there: its own database, a private address, plain HTTP.
    for endpoint in [
        "http://127.0.0.1:5432/x",
        "https://10.0.0.1/push",
        "http://fcm.googleapis.com/fcm/send/x",
        "https://fcm.googleapis.com.example.net/x",
    ] {
        let (status, error) = error(subscribe(&app, mother, &keys, endpoint).await).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{endpoint}");
        assert_eq!(
            field_errors(&error),
            only(
                "endpoint",
                "Cette adresse n'est pas celle du service de notifications d'un navigateur."
            )
        );
    }
    // Keys no browser makes.
    let mut form = keys.form(&format!("{service}/ok/1"));
    form[1].1 = URL_SAFE_NO_PAD.encode([4u8; 65]);
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let refused = app.call(mother, "save_push_subscription", &form).await;
    assert!(refused.status().is_client_error());
    assert_eq!(
        settings(&app, mother).await["devices"],
        serde_json::json!([])
    );

    // Marie's parent's phone: the mother can't remove it, whatever id she sends.
    let other = app.settled_parent_of(MARIE, MARIE_LETTER).await;
    let endpoint = format!("{service}/ok/2");
    assert_eq!(
        subscribe(&app, &other, &BrowserKeys::new(), &endpoint)
            .await
            .status(),
        StatusCode::OK
    );
    let theirs = settings(&app, &other).await["devices"][0]["id"]
        .as_i64()
        .unwrap();
    let id = theirs.to_string();
    let refused = app.call(mother, "remove_push_device", &[("id", &id)]).await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    assert_eq!(
        settings(&app, &other).await["devices"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    // Their own, yes.
    let removed = app.call(&other, "remove_push_device", &[("id", &id)]).await;
    assert_eq!(next_page(&removed), "/notifications/reglages");
    assert_eq!(
        settings(&app, &other).await["devices"],
        serde_json::json!([])
    );
}
