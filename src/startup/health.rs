//! What a load balancer or an orchestrator asks: `GET /healthz`, the process answers; `GET
//! /readyz`, it can serve: its database answers, its schema is this build's, and its outbox worker
//! went round its loop lately. Neither reads a session nor writes a log line.
use super::RouterState;
use crate::server::db;
use axum::{Json, extract::State, http::StatusCode, response::IntoResponse};
use sea_orm::ConnectionTrait;
use serde_json::json;

/// The process is up.
pub async fn live() -> &'static str {
    "ok"
}

/// Ready to serve: 200 with each check, or 503 naming those that failed.
pub async fn ready(State(state): State<RouterState>) -> impl IntoResponse {
    let db = &state.app.db;
    let database = db.execute_unprepared("SELECT 1").await.is_ok();
    let migrations = database && db::migrated(db).await.unwrap_or(false);
    let worker = state.app.outbox.worker_alive();
    let word = |ok: bool| if ok { "ok" } else { "failing" };
    let status = match database && migrations && worker {
        true => StatusCode::OK,
        false => StatusCode::SERVICE_UNAVAILABLE,
    };
    let checks = json!({
        "database": word(database),
        "migrations": word(migrations),
        "outbox_worker": word(worker),
    });
    (status, [("cache-control", "no-store")], Json(checks))
}
