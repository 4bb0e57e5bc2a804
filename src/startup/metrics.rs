//! Prometheus metrics, served on their own address (`CARTABLE_METRICS_ADDR`, never the public
//! one): requests by route and status with their latency, security events (sign-in failures,
//! locks), Argon2 verifications waiting for a core, the outbox's backlog and its oldest row's age,
//! and the database pool's connections. Without the variable nothing is recorded.
use crate::server::entities::outbox_mail::{self, State};
use axum::{
    extract::{MatchedPath, Request},
    middleware::Next,
    response::Response,
};
use chrono::Utc;
use sea_orm::{
    ColumnTrait, DatabaseBackend, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder,
};
use std::{net::SocketAddr, time::Instant};

/// Latency buckets, in seconds: a page is a few milliseconds, a sign-in (Argon2) a few tenths.
const BUCKETS: [f64; 12] = [
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0,
];

/// Serves the metrics on `addr` (`GET /metrics`), from now on.
pub fn install(addr: SocketAddr) -> anyhow::Result<()> {
    metrics_exporter_prometheus::PrometheusBuilder::new()
        .with_http_listener(addr)
        .set_buckets(&BUCKETS)?
        .install()?;
    tracing::info!(%addr, "metrics served at /metrics");
    Ok(())
}

/// Counts each request by its route (the pattern, never the ids in it) and status, and times it.
pub async fn track(request: Request, next: Next) -> Response {
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or_else(|| "other".to_owned(), |path| path.as_str().to_owned());
    let method = request.method().as_str().to_owned();
    let started = Instant::now();
    let response = next.run(request).await;
    let status = response.status().as_u16().to_string();
    let labels = [("route", route), ("method", method), ("status", status)];
    metrics::counter!("cartable_http_requests_total", &labels).increment(1);
    metrics::histogram!("cartable_http_request_duration_seconds", &labels[..2])
        .record(started.elapsed().as_secs_f64());
    response
}

/// The outbox's backlog and the pool's use, read by the outbox worker now and then.
pub async fn observe(db: &DatabaseConnection) -> Result<(), sea_orm::DbErr> {
    let pending =
        || outbox_mail::Entity::find().filter(outbox_mail::Column::State.eq(State::Pending));
    let backlog = pending().count(db).await?;
    let oldest = pending()
        .order_by_asc(outbox_mail::Column::CreatedAt)
        .one(db)
        .await?
        .map_or(0.0, |row| {
            (Utc::now() - row.created_at).num_milliseconds() as f64 / 1000.0
        });
    metrics::gauge!("cartable_outbox_pending").set(backlog as f64);
    metrics::gauge!("cartable_outbox_oldest_pending_seconds").set(oldest);
    let (size, idle) = match db.get_database_backend() {
        DatabaseBackend::Sqlite => {
            let pool = db.get_sqlite_connection_pool();
            (pool.size(), pool.num_idle())
        }
        DatabaseBackend::Postgres => {
            let pool = db.get_postgres_connection_pool();
            (pool.size(), pool.num_idle())
        }
        _ => (0, 0),
    };
    metrics::gauge!("cartable_db_pool_connections").set(f64::from(size));
    metrics::gauge!("cartable_db_pool_idle").set(idle as f64);
    Ok(())
}
