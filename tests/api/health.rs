//! What a load balancer asks: `/healthz` (the process answers) and `/readyz` (its database
//! answers, its schema is this build's, its outbox worker goes round).
use crate::helpers::*;
use reqwest::StatusCode;
use serde_json::Value;

#[tokio::test]
async fn healthz_answers_and_readyz_checks_the_database_the_schema_and_the_worker() {
    let app = spawn_app().await;
    let client = browser();
    let live = client
        .get(format!("{}/healthz", app.address))
        .send()
        .await
        .unwrap();
    assert_eq!(live.status(), StatusCode::OK);
    assert_eq!(live.text().await.unwrap(), "ok");
    let ready = client
        .get(format!("{}/readyz", app.address))
        .send()
        .await
        .unwrap();
    assert_eq!(ready.status(), StatusCode::OK);
    assert_eq!(ready.headers()["cache-control"], "no-store");
    let checks: Value = ready.json().await.unwrap();
    assert_eq!(
        checks,
        serde_json::json!({ "database": "ok", "migrations": "ok", "outbox_worker": "ok" })
    );
}
