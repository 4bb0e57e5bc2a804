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

impl AppState {
    /// The state of `settings`: their mailer (SMTP or the outbox folder) and the system clock.
    pub fn new(db: DatabaseConnection, settings: Settings) -> anyhow::Result<Self> {
        let mailer = Mailer::new(settings.smtp_url.as_deref(), settings.outbox_dir.clone())?;
        Ok(Self {
            db,
            settings: Arc::new(settings),
            mailer: Arc::new(mailer),
            clock: Clock::default(),
        })
    }
}
