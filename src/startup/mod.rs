//! Start-up: builds the services' state, binds the listener and assembles the HTTP application
//! (pages rendered by Leptos, server functions under `/api`, static files) with its layers; runs it
//! with its connections' timeouts and the daily purge.
mod attachments;
mod calendar_feed;
mod form_errors;
mod health;
mod http_server;
mod journey_guard;
mod language;
pub mod letters;
pub mod logging;
mod metrics;
mod my_data;
mod outbox_worker;
mod purge_timer;
mod router;
mod school_logo;
mod staff_area;
mod static_files;
mod unsubscribe;

pub use static_files::hash_file;

use crate::server::{AppState, clock::Clock, config::Settings, db};
use axum::{Router, extract::FromRef};
use leptos::prelude::LeptosOptions;
use std::net::SocketAddr;
use tokio::net::TcpListener;

/// What axum's handlers share: the Leptos site settings and the services' state.
#[derive(Clone, FromRef)]
pub struct RouterState {
    pub leptos_options: LeptosOptions,
    pub app: AppState,
}

/// A bound, ready-to-run server: tests start it on port 0 and read the port it got.
pub struct Application {
    listener: TcpListener,
    router: Router,
    queries: db::QueryCounter,
    state: AppState,
    /// The same pool, without the query counter: the outbox worker's queries are not a page's.
    worker_db: sea_orm::DatabaseConnection,
}

impl Application {
    pub async fn build(
        settings: Settings,
        leptos_options: LeptosOptions,
        addr: SocketAddr,
    ) -> anyhow::Result<Self> {
        crate::language::use_our_plural_rules();
        if let Some(addr) = settings.metrics_addr {
            metrics::install(addr)?;
        }
        let mut db = db::connect(&settings.database_url).await?;
        let worker_db = db.clone();
        let queries = db::count_queries(&mut db);
        let app = AppState::new(db, settings)?;
        // Web push's key pair is made at the first start, and read once at each.
        app.pusher.keys(&app.db, app.clock.now()).await?;
        let listener = TcpListener::bind(addr).await?;
        Ok(Self {
            listener,
            router: router::router(RouterState {
                leptos_options,
                app: app.clone(),
            }),
            queries,
            state: app,
            worker_db,
        })
    }

    /// The application's clock, which tests move forward.
    pub fn clock(&self) -> Clock {
        self.state.clock.clone()
    }

    /// Counts the queries the application runs from now on.
    pub fn queries(&self) -> db::QueryCounter {
        self.queries.clone()
    }

    pub fn local_addr(&self) -> SocketAddr {
        self.listener
            .local_addr()
            .expect("a bound listener has an address")
    }

    /// Serves until Ctrl-C or SIGTERM (then lets open requests finish and the outbox worker end
    /// the mail in hand), purging daily meanwhile.
    pub async fn run(self) -> std::io::Result<()> {
        let purge = purge_timer::start(self.state.clone());
        let worker = outbox_worker::start(self.state.clone(), self.worker_db);
        let head_timeout = self.state.settings.http_timeouts.head;
        http_server::serve(self.listener, self.router, head_timeout, stop_asked()).await;
        purge.abort();
        worker.stop().await;
        Ok(())
    }
}

/// Ctrl-C, or SIGTERM (what systemd, Docker and Kubernetes send to stop a service).
async fn stop_asked() {
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(error) => {
                tracing::warn!(%error, "SIGTERM cannot be listened to");
                std::future::pending::<()>().await;
            }
        }
    };
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {}
        () = terminate => {}
    }
    tracing::info!("stopping: open requests finish, the outbox worker ends the mail in hand");
}
