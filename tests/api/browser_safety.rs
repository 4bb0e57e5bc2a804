//! What a browser keeps and shows: a crafted link cannot put words in the site's mouth nor fill a
//! field, signed-in answers stay out of the cache, and signing out clears what the site stored.
use crate::helpers::*;
use base64::{Engine, engine::general_purpose::URL_SAFE};
use reqwest::{StatusCode, header};

/// A link such as Leptos builds for a form posted without JavaScript, with words of our own.
fn crafted(page: &str, function: &str, error: serde_json::Value) -> String {
    let encoded = URL_SAFE.encode(error.to_string());
    let query = [("__path", format!("/api/{function}")), ("__err", encoded)];
    let query: Vec<String> = query
        .iter()
        .map(|(key, value)| format!("{key}={}", value.replace('/', "%2F").replace('=', "%3D")))
        .collect();
    format!("{page}?{}", query.join("&"))
}

#[tokio::test]
async fn a_crafted_link_shows_no_message_and_fills_no_field() {
    let app = spawn_app().await;
    let phishing =
        serde_json::json!({ "Refused": "Votre compte est suspendu : appelez le 0900 12 34 56." });
    let link = crafted("/connexion", "sign_in", phishing);
    let visitor = browser();
    let response = app.get(&visitor, &link).await;
    assert_eq!(next_page(&response), "/connexion");
    let page = app.get(&visitor, "/connexion").await.text().await.unwrap();
    assert!(!page.contains("suspendu"));

    let parent = app.settled_parent().await;
    let prefill = serde_json::json!({ "Invalid": {
        "errors": [{ "field": "current_password", "message": "Confirmez pour continuer." }],
        "typed": [["email", "pirate@example.com"]],
    }});
    let response = app
        .get(&parent, &crafted("/appareils", "change_email", prefill))
        .await;
    assert_eq!(next_page(&response), "/appareils");
}

#[tokio::test]
async fn a_genuine_refusal_comes_back_once() {
    let app = spawn_app().await;
    let visitor = browser();
    let form = [(("identifier"), ALBERT), ("password", "faux")];
    let response = app
        .post_form(&visitor, "sign_in", &form, "/connexion")
        .await;
    let back = response.headers()[header::LOCATION]
        .to_str()
        .unwrap()
        .to_owned();
    let first = visitor.get(&back).send().await.unwrap();
    assert_eq!(first.status(), StatusCode::OK);
    assert!(
        first
            .text()
            .await
            .unwrap()
            .contains("Identifiant ou mot de passe incorrect")
    );
    // The same link again (from the history, or sent to someone else) shows the bare page.
    let again = visitor.get(&back).send().await.unwrap();
    assert_eq!(again.status(), StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn signed_in_answers_are_never_cached_and_signing_out_clears_the_browser() {
    let app = spawn_app().await;
    let parent = app.settled_parent().await;
    let page = app.get(&parent, "/").await;
    assert_eq!(page.headers()[header::CACHE_CONTROL], "no-store");
    let data = app.call(&parent, "home", &[]).await;
    assert_eq!(data.headers()[header::CACHE_CONTROL], "no-store");
    // A file of the site may be kept, but is checked again before each use.
    let file = app.get(&parent, "/robots.txt").await;
    assert_eq!(file.status(), StatusCode::OK);
    assert_eq!(file.headers()[header::CACHE_CONTROL], "no-cache");
    let out = app.call(&parent, "sign_out", &[]).await;
    assert_eq!(out.headers()["clear-site-data"], "\"cache\", \"storage\"");
}
