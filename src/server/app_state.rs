//! What every service may need besides its arguments: the database, the settings, the outbox,
//! the clock and the school cache. Built once at start-up; the command line builds one too.
use super::{
    clock::Clock,
    config::Settings,
    mail::{Mail, Mailer},
    outbox::{self, Outbox},
    push::Pusher,
    school_cache::SchoolCache,
};
use sea_orm::{DatabaseConnection, DbErr};
use std::sync::Arc;

#[derive(Clone)]
pub struct AppState {
    pub db: DatabaseConnection,
    pub settings: Arc<Settings>,
    /// Only the outbox's worker sends: services write mails to the outbox ([`AppState::mail`]).
    pub mailer: Arc<Mailer>,
    /// Web push, sent by the outbox's worker too.
    pub pusher: Arc<Pusher>,
    /// Wakes this process's outbox worker.
    pub outbox: Outbox,
    pub clock: Clock,
    /// What a school's home pages share, for at most a second.
    pub school_cache: Arc<SchoolCache>,
}

impl AppState {
    /// The state of `settings`: their mailer (SMTP or the outbox folder), the pusher and the system
    /// clock.
    pub fn new(db: DatabaseConnection, settings: Settings) -> anyhow::Result<Self> {
        let mailer = Mailer::new(settings.smtp_url.as_deref(), settings.outbox_dir.clone())?;
        let pusher = Pusher::new(&settings.public_url, &settings.mail_from)?;
        Ok(Self {
            db,
            settings: Arc::new(settings),
            mailer: Arc::new(mailer),
            pusher: Arc::new(pusher),
            outbox: Outbox::default(),
            clock: Clock::default(),
            school_cache: Arc::default(),
        })
    }

    /// What the outbox's worker sends with.
    pub fn delivery(&self) -> outbox::Delivery<'_> {
        outbox::Delivery {
            db: &self.db,
            mailer: &self.mailer,
            pusher: &self.pusher,
            from: &self.settings.mail_from,
            clock: &self.clock,
        }
    }

    /// Writes a mail to the outbox and wakes the worker, which sends it at once.
    pub async fn mail(&self, mail: Mail) -> Result<(), DbErr> {
        outbox::enqueue(&self.db, self.clock.now(), mail).await?;
        self.outbox.wake();
        Ok(())
    }
}
