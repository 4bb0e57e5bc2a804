//! The site's files as a browser receives them: the precompressed copy it accepts, kept a year
//! when the name carries the content's hash, revalidated otherwise, and the service worker told
//! which release it belongs to.
use crate::helpers::*;
use reqwest::{StatusCode, header};

const CSS: &[u8] = b"body { color: #1f2933; }";
const CSS_BROTLI: &[u8] = b"(brotli bytes)";
const CSS_GZIP: &[u8] = b"(gzip bytes)";
const WORKER: &[u8] =
    br#"const VERSION = "__CARTABLE_VERSION__"; const PRECACHE = __CARTABLE_PRECACHE__;"#;

async fn release_site() -> TestApp {
    spawn_app_with_site(Site {
        files: &[
            ("pkg/cartable.5f3e2a.css", CSS),
            ("pkg/cartable.5f3e2a.css.br", CSS_BROTLI),
            ("pkg/cartable.5f3e2a.css.gz", CSS_GZIP),
            ("sw.js", WORKER),
            ("offline.html", b"<!DOCTYPE html><html lang=fr></html>"),
        ],
        hashes: Some("css: 5f3e2a\njs: 77aa01\nwasm: 90bc11\n"),
    })
    .await
}

async fn fetch(
    app: &TestApp,
    path: &str,
    headers: &[(header::HeaderName, &str)],
) -> reqwest::Response {
    let mut request = reqwest::Client::new().get(format!("{}{path}", app.address));
    for (name, value) in headers {
        request = request.header(name, *value);
    }
    request.send().await.unwrap()
}

#[tokio::test]
async fn each_browser_gets_the_precompressed_copy_it_accepts() {
    let app = release_site().await;
    let css = "/pkg/cartable.5f3e2a.css";
    for (accepted, encoding, body) in [
        ("gzip, deflate, br, zstd", Some("br"), CSS_BROTLI),
        ("gzip, deflate", Some("gzip"), CSS_GZIP),
        ("identity", None, CSS),
    ] {
        let answer = fetch(&app, css, &[(header::ACCEPT_ENCODING, accepted)]).await;
        assert_eq!(answer.status(), StatusCode::OK);
        let headers = answer.headers().clone();
        assert_eq!(
            headers
                .get(header::CONTENT_ENCODING)
                .map(|v| v.to_str().unwrap()),
            encoding,
            "{accepted}"
        );
        assert_eq!(headers[header::VARY], "accept-encoding");
        assert_eq!(headers[header::CONTENT_TYPE], "text/css; charset=utf-8");
        assert_eq!(answer.bytes().await.unwrap(), body, "{accepted}");
    }
}

#[tokio::test]
async fn hashed_files_are_kept_a_year_and_others_revalidated() {
    let app = release_site().await;
    let css = fetch(&app, "/pkg/cartable.5f3e2a.css", &[]).await;
    assert_eq!(
        css.headers()[header::CACHE_CONTROL],
        "public, max-age=31536000, immutable"
    );
    // The security headers still come with every file.
    assert_eq!(css.headers()["x-content-type-options"], "nosniff");
    let robots = fetch(&app, "/robots.txt", &[]).await;
    assert_eq!(robots.headers()[header::CACHE_CONTROL], "no-cache");
    // Revalidating costs an empty answer.
    let etag = robots.headers()[header::ETAG].to_str().unwrap().to_owned();
    let again = fetch(&app, "/robots.txt", &[(header::IF_NONE_MATCH, &etag)]).await;
    assert_eq!(again.status(), StatusCode::NOT_MODIFIED);
    assert!(again.bytes().await.unwrap().is_empty());
    // Pages name the hashed stylesheet, are never stored, and are compressed as they are made.
    let compressed = fetch(&app, "/connexion", &[(header::ACCEPT_ENCODING, "gzip, br")]).await;
    assert_eq!(compressed.headers()[header::CONTENT_ENCODING], "br");
    let page = fetch(&app, "/connexion", &[]).await;
    assert_eq!(page.headers()[header::CACHE_CONTROL], "no-store");
    let html = page.text().await.unwrap();
    assert!(html.contains("/pkg/cartable.5f3e2a.css"), "{html}");
    assert!(html.contains("/pkg/cartable.77aa01.js"), "{html}");
    assert!(html.contains("serviceWorker.register('/sw.js')"), "{html}");
}

#[tokio::test]
async fn the_service_worker_knows_its_release_and_the_files_to_keep() {
    let app = release_site().await;
    let answer = fetch(&app, "/sw.js", &[(header::ACCEPT_ENCODING, "br, gzip")]).await;
    let headers = answer.headers().clone();
    assert_eq!(headers[header::CACHE_CONTROL], "no-cache");
    assert!(headers.get(header::CONTENT_ENCODING).is_none());
    assert_eq!(
        headers[header::CONTENT_SECURITY_POLICY],
        "default-src 'self'"
    );
    let script = answer.text().await.unwrap();
    assert!(!script.contains("__CARTABLE"), "{script}");
    assert!(
        script
            .contains(r#"PRECACHE = ["/offline.html","/pkg/cartable.5f3e2a.css","/robots.txt"];"#),
        "{script}"
    );
    // The offline page may use its stylesheet, and nothing else.
    let offline = fetch(&app, "/offline.html", &[]).await;
    let policy = offline.headers()[header::CONTENT_SECURITY_POLICY]
        .to_str()
        .unwrap();
    assert!(
        policy.starts_with("default-src 'none'; style-src 'self';"),
        "{policy}"
    );
    // A file that is not there is the site's page saying so.
    let missing = fetch(&app, "/pkg/cartable.000000.css", &[]).await;
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
}
