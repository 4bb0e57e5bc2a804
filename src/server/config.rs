//! Settings read from the environment, with defaults that run a demo on one laptop.
use std::{path::PathBuf, time::Duration};

#[derive(Debug, Clone)]
pub struct Settings {
    /// `sqlite://…` (default: `data/cartable.db`) or `postgres://…`.
    pub database_url: String,
    /// The address parents reach Cartable at; every link in a mail starts with it, whatever Host a
    /// request carried.
    pub public_url: String,
    /// `smtp://host:port` (add `?tls=required` for STARTTLS) or `smtps://…`; without it mail is
    /// written to `outbox_dir` as `.eml` files.
    pub smtp_url: Option<String>,
    pub mail_from: String,
    pub outbox_dir: PathBuf,
    /// A session ends after this long without a request…
    pub session_idle: Duration,
    /// …and after this long whatever happens.
    pub session_absolute: Duration,
    /// How long an e-mail confirmation link works.
    pub email_confirmation_ttl: Duration,
}

const HOUR: u64 = 3600;

fn env(name: &str) -> Option<String> {
    std::env::var(name)
        .ok()
        .filter(|value| !value.trim().is_empty())
}

fn env_hours(name: &str, default: u64) -> Duration {
    Duration::from_secs(env(name).and_then(|v| v.parse().ok()).unwrap_or(default) * HOUR)
}

impl Settings {
    pub fn from_env() -> Self {
        let data_dir = PathBuf::from(env("CARTABLE_DATA_DIR").unwrap_or_else(|| "data".into()));
        let database_url = env("DATABASE_URL").unwrap_or_else(|| {
            format!(
                "sqlite://{}?mode=rwc",
                data_dir.join("cartable.db").display()
            )
        });
        Self {
            database_url,
            public_url: env("CARTABLE_PUBLIC_URL")
                .unwrap_or_else(|| "http://127.0.0.1:3000".into())
                .trim_end_matches('/')
                .to_string(),
            smtp_url: env("SMTP_URL"),
            mail_from: env("CARTABLE_MAIL_FROM")
                .unwrap_or_else(|| "Cartable <no-reply@cartable.invalid>".into()),
            outbox_dir: data_dir.join("outbox"),
            session_idle: env_hours("CARTABLE_SESSION_IDLE_HOURS", 7 * 24),
            session_absolute: env_hours("CARTABLE_SESSION_MAX_HOURS", 30 * 24),
            email_confirmation_ttl: env_hours("CARTABLE_EMAIL_LINK_HOURS", 48),
        }
    }

    /// Behind HTTPS the session cookie is `Secure` and `__Host-` prefixed.
    pub fn https(&self) -> bool {
        self.public_url.starts_with("https://")
    }
}
