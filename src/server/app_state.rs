//! What every service may need besides its arguments: the database, the settings, the mailer and
//! the clock. Built once at start-up; the command line builds one too.
use super::{clock::Clock, config::Settings, mail::Mailer};
use sea_orm::DatabaseConnection;
use std::sync::Arc;

#[derive(Clone)]
pub struct AppState {
    pub db: DatabaseConnection,
    pub settings: Arc<Settings>,
    pub mailer: Arc<Mailer>,
    pub clock: Clock,
}
