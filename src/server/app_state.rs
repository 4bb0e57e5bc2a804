//! What every request handler and server function shares.
use super::{clock::Clock, config::Settings, mail::Mailer};
use axum::extract::FromRef;
use leptos::prelude::LeptosOptions;
use sea_orm::DatabaseConnection;
use std::sync::Arc;

#[derive(Clone, FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub db: DatabaseConnection,
    pub settings: Arc<Settings>,
    pub mailer: Arc<Mailer>,
    pub clock: Clock,
}

impl AppState {
    /// The state, inside a server function or a page rendered on the server.
    pub fn current() -> Result<Self, crate::api::AppError> {
        leptos::prelude::use_context::<Self>().ok_or(crate::api::AppError::Internal)
    }
}
