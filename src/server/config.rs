//! Settings read from the environment, with defaults that run a demo on one laptop. A value that
//! is set but malformed stops the start with a message naming the variable: a typo must not
//! silently become the default.
use super::client_address::TrustedProxies;
use anyhow::{Context, bail};
use std::{path::PathBuf, time::Duration};

#[derive(Clone)]
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
    pub session_idle: chrono::Duration,
    /// …and after this long whatever happens.
    pub session_absolute: chrono::Duration,
    /// How long an e-mail confirmation link works.
    pub email_link_lifetime: chrono::Duration,
    /// The reverse proxies whose `X-Forwarded-For` (or `Forwarded`) names the client; no one by
    /// default, so that a client can't forge its address.
    pub trusted_proxies: TrustedProxies,
    /// How long the security log keeps an event (`CARTABLE_AUDIT_RETENTION_DAYS`).
    pub audit_retention: chrono::Duration,
    /// When `serve` purges what no rule needs any more.
    pub purge_schedule: PurgeSchedule,
    /// How long a client may take to send its request.
    pub http_timeouts: HttpTimeouts,
    /// Origins push subscriptions may name besides the browsers' push services
    /// (`CARTABLE_PUSH_SERVICES`, comma-separated).
    pub push_services: Vec<String>,
    /// Where Prometheus metrics are served (`CARTABLE_METRICS_ADDR`); none by default.
    pub metrics_addr: Option<std::net::SocketAddr>,
}

/// The purge of a running server: shortly after start (not during it), then at this interval.
#[derive(Debug, Clone, Copy)]
pub struct PurgeSchedule {
    pub first_after: Duration,
    pub every: Duration,
}

impl Default for PurgeSchedule {
    fn default() -> Self {
        Self {
            first_after: Duration::from_secs(60),
            every: Duration::from_secs(24 * 60 * 60),
        }
    }
}

/// A connection that sends nothing, or a request a byte at a time, holds a task and a socket: these
/// bounds close it, so that a few slow clients (slowloris) cannot exhaust the server.
#[derive(Debug, Clone, Copy)]
pub struct HttpTimeouts {
    /// The request line and headers, counted from the connection's start or from the previous
    /// answer: it also closes a kept-alive connection left idle.
    pub head: Duration,
    /// The body, counted from the end of the headers.
    pub body: Duration,
}

impl Default for HttpTimeouts {
    fn default() -> Self {
        Self {
            head: Duration::from_secs(10),
            body: Duration::from_secs(30),
        }
    }
}

/// Secrets stay out of logs: the SMTP URL may carry a password.
impl std::fmt::Debug for Settings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Settings")
            .field("database_url", &redact_password(&self.database_url))
            .field("public_url", &self.public_url)
            .field("smtp_url", &self.smtp_url.as_deref().map(redact_password))
            .field("mail_from", &self.mail_from)
            .field("outbox_dir", &self.outbox_dir)
            .field("session_idle", &self.session_idle)
            .field("session_absolute", &self.session_absolute)
            .field("email_link_lifetime", &self.email_link_lifetime)
            .field("trusted_proxies", &self.trusted_proxies)
            .field("audit_retention", &self.audit_retention)
            .field("purge_schedule", &self.purge_schedule)
            .field("http_timeouts", &self.http_timeouts)
            .field("push_services", &self.push_services)
            .field("metrics_addr", &self.metrics_addr)
            .finish()
    }
}

/// `scheme://user:secret@host` → `scheme://user:***@host`.
fn redact_password(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    match rest.split_once('@') {
        Some((credentials, host)) if credentials.contains(':') => {
            let user = credentials.split(':').next().unwrap_or_default();
            format!("{scheme}://{user}:***@{host}")
        }
        _ => url.to_owned(),
    }
}

/// A setting's value: its environment variable, else its key in `cartable.toml`.
fn env(name: &str) -> Option<String> {
    super::config_file::value(name)
}

/// A whole number of `unit`s, from 1 to `most`.
fn env_count(name: &str, default: i64, most: i64, unit: &str) -> anyhow::Result<i64> {
    let Some(text) = env(name) else {
        return Ok(default);
    };
    text.trim()
        .parse::<i64>()
        .ok()
        .filter(|count| (1..=most).contains(count))
        .with_context(|| format!("{name}={text} : attendu un nombre entier de {unit} (1 ou plus)"))
}

fn env_hours(name: &str, default: i64) -> anyhow::Result<chrono::Duration> {
    env_count(name, default, 24 * 366, "heures").map(chrono::Duration::hours)
}

fn env_days(name: &str, default: i64) -> anyhow::Result<chrono::Duration> {
    env_count(name, default, 100 * 366, "jours").map(chrono::Duration::days)
}

/// An `http://` or `https://` address, without its trailing slash.
fn public_url(text: &str) -> anyhow::Result<String> {
    let url = text.trim().trim_end_matches('/');
    let host = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"));
    match host {
        Some(host) if !host.is_empty() && !host.contains(['/', '?', '#', ' ']) => {
            Ok(url.to_owned())
        }
        _ => bail!(
            "CARTABLE_PUBLIC_URL={text}: expected the site's address, like https://cartable.ecole.be"
        ),
    }
}

/// Where `cartable serve` listens: `CARTABLE_ADDR` (or `addr` in cartable.toml), else
/// 127.0.0.1:3000.
pub fn listen_addr() -> anyhow::Result<std::net::SocketAddr> {
    Ok(env_addr("CARTABLE_ADDR")?.unwrap_or(([127, 0, 0, 1], 3000).into()))
}

/// An address and port, if the variable is set.
fn env_addr(name: &str) -> anyhow::Result<Option<std::net::SocketAddr>> {
    env(name)
        .map(|text| {
            text.trim().parse().with_context(|| {
                format!("{name}={text}: expected an address and port, like 127.0.0.1:3000")
            })
        })
        .transpose()
}

/// Origins (`https://push.ecole.be`), comma-separated.
fn push_services(text: &str) -> anyhow::Result<Vec<String>> {
    text.split(',')
        .map(str::trim)
        .filter(|origin| !origin.is_empty())
        .map(|origin| {
            public_url(origin).map_err(|_| {
                anyhow::anyhow!(
                    "CARTABLE_PUSH_SERVICES={text}: {origin} is not an origin \
                     (expected a list like https://push.ecole.be)"
                )
            })
        })
        .collect()
}

/// Addresses and CIDR ranges, comma-separated.
fn trusted_proxies(text: &str) -> anyhow::Result<TrustedProxies> {
    TrustedProxies::parse(text).map_err(|entry| {
        anyhow::anyhow!(
            "CARTABLE_TRUSTED_PROXIES={text}: {entry} is neither an IP address nor a CIDR range \
             (expected a list like 127.0.0.1, 10.0.0.0/8, fd00::/8)"
        )
    })
}

impl Settings {
    pub fn from_env() -> anyhow::Result<Self> {
        let data_dir = PathBuf::from(env("CARTABLE_DATA_DIR").unwrap_or_else(|| "data".into()));
        let database_url = env("DATABASE_URL").unwrap_or_else(|| {
            format!(
                "sqlite://{}?mode=rwc",
                data_dir.join("cartable.db").display()
            )
        });
        if !database_url.starts_with("sqlite:") && !database_url.starts_with("postgres") {
            bail!("DATABASE_URL : attendu sqlite://… ou postgres://…");
        }
        let smtp_url = env("SMTP_URL");
        if let Some(url) = &smtp_url
            && !url.starts_with("smtp://")
            && !url.starts_with("smtps://")
        {
            bail!("SMTP_URL : attendu smtp://hôte:port ou smtps://…");
        }
        Ok(Self {
            database_url,
            public_url: public_url(
                &env("CARTABLE_PUBLIC_URL").unwrap_or_else(|| "http://127.0.0.1:3000".into()),
            )?,
            smtp_url,
            mail_from: env("CARTABLE_MAIL_FROM")
                .unwrap_or_else(|| "Cartable <no-reply@cartable.invalid>".into()),
            outbox_dir: data_dir.join("outbox"),
            session_idle: env_hours("CARTABLE_SESSION_IDLE_HOURS", 7 * 24)?,
            session_absolute: env_hours("CARTABLE_SESSION_MAX_HOURS", 30 * 24)?,
            email_link_lifetime: env_hours("CARTABLE_EMAIL_LINK_HOURS", 48)?,
            trusted_proxies: trusted_proxies(&env("CARTABLE_TRUSTED_PROXIES").unwrap_or_default())?,
            audit_retention: env_days("CARTABLE_AUDIT_RETENTION_DAYS", 365)?,
            purge_schedule: PurgeSchedule::default(),
            http_timeouts: HttpTimeouts::default(),
            push_services: push_services(&env("CARTABLE_PUSH_SERVICES").unwrap_or_default())?,
            metrics_addr: env_addr("CARTABLE_METRICS_ADDR")?,
        })
    }

    /// Behind HTTPS the session cookie is `Secure` and `__Host-` prefixed.
    pub fn https(&self) -> bool {
        self.public_url.starts_with("https://")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_in_urls_are_not_printed() {
        assert_eq!(
            redact_password("smtps://mailer:s3cret@smtp.example.be:465"),
            "smtps://mailer:***@smtp.example.be:465"
        );
        assert_eq!(
            redact_password("smtp://127.0.0.1:2525"),
            "smtp://127.0.0.1:2525"
        );
    }

    #[test]
    fn a_public_url_is_an_address() {
        assert_eq!(
            public_url("https://cartable.be/").unwrap(),
            "https://cartable.be"
        );
        assert!(public_url("cartable.be").is_err());
        assert!(public_url("https://").is_err());
    }

    #[test]
    fn a_malformed_trusted_proxy_names_the_variable_and_the_entry() {
        assert_eq!(trusted_proxies("").unwrap(), TrustedProxies::default());
        assert!(trusted_proxies("127.0.0.1, ::1, 10.0.0.0/8").is_ok());
        let message = trusted_proxies("127.0.0.1, 10.0.0/8")
            .unwrap_err()
            .to_string();
        assert!(
            message.starts_with("CARTABLE_TRUSTED_PROXIES=") && message.contains("10.0.0/8 is"),
            "{message}"
        );
    }
}
