//! Posting one message to one browser's push service.
use super::keys::{VapidKeys, load_or_create};
use crate::server::entities::push_subscription;
use anyhow::{Context, bail};
use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use sea_orm::DatabaseConnection;
use serde::{Deserialize, Serialize};
use std::time::Duration;
use tokio::sync::OnceCell;
use web_push_native::{Auth, WebPushBuilder, p256::PublicKey};

/// How long a push service keeps a message for a phone that is off: a day, then the mail and the
/// Notifications page say it anyway.
const KEEP_FOR: Duration = Duration::from_secs(24 * 60 * 60);
/// A push service that has not answered by then is tried again later.
const TIMEOUT: Duration = Duration::from_secs(15);

/// What the service worker shows (public/sw.js reads these names).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Payload {
    pub title: String,
    pub body: String,
    /// The page a tap opens, on the site.
    pub url: String,
    /// Shown at once on the lock screen, whatever the phone saves its battery for.
    pub urgent: bool,
}

/// What the push service said.
#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    Delivered,
    /// The browser unsubscribed, or the subscription expired: delete it.
    Gone,
}

/// Sends web push messages, signing with the server's key (read once from the database).
pub struct Pusher {
    client: reqwest::Client,
    keys: OnceCell<VapidKeys>,
    /// Who the push services may contact about our messages: the site, or its mail sender.
    contact: String,
}

impl Pusher {
    /// `public_url` names us to push services when it is HTTPS; else the sender of our mail.
    pub fn new(public_url: &str, mail_from: &str) -> anyhow::Result<Self> {
        let contact = if public_url.starts_with("https://") {
            public_url.to_owned()
        } else {
            let address = mail_from
                .rsplit_once('<')
                .map_or(mail_from, |(_, rest)| rest.trim_end_matches('>'));
            format!("mailto:{}", address.trim())
        };
        let client = reqwest::Client::builder()
            // An endpoint was checked against the push services; a redirect could lead anywhere.
            .redirect(reqwest::redirect::Policy::none())
            .timeout(TIMEOUT)
            .build()?;
        Ok(Self {
            client,
            keys: OnceCell::new(),
            contact,
        })
    }

    /// The server's VAPID keys, read once; made at `now` if the database has none (a server asks
    /// at its start).
    pub async fn keys(
        &self,
        db: &DatabaseConnection,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<&VapidKeys, sea_orm::DbErr> {
        self.keys.get_or_try_init(|| load_or_create(db, now)).await
    }

    /// Posts `payload` to `to`'s push service, encrypted to it and signed with `keys`.
    pub async fn send(
        &self,
        keys: &VapidKeys,
        to: &push_subscription::Model,
        payload: &Payload,
    ) -> anyhow::Result<Outcome> {
        let browser_key = URL_SAFE_NO_PAD.decode(&to.p256dh)?;
        let secret = URL_SAFE_NO_PAD.decode(&to.auth)?;
        if secret.len() != 16 {
            bail!("a push secret of {} bytes", secret.len());
        }
        let request = WebPushBuilder::new(
            to.endpoint.parse().context("the endpoint is not a URI")?,
            PublicKey::from_sec1_bytes(&browser_key).context("the browser's key")?,
            Auth::clone_from_slice(&secret),
        )
        .with_valid_duration(KEEP_FOR)
        .with_vapid(&keys.pair, &self.contact)
        .build(serde_json::to_vec(payload)?)
        .map_err(|error| anyhow::anyhow!("{error}"))?;
        let mut request = reqwest::Request::try_from(request)?;
        let urgency = if payload.urgent { "high" } else { "normal" };
        request.headers_mut().insert(
            "Urgency",
            reqwest::header::HeaderValue::from_static(urgency),
        );
        let answer = self.client.execute(request).await?;
        match answer.status().as_u16() {
            200..=299 => Ok(Outcome::Delivered),
            404 | 410 => Ok(Outcome::Gone),
            status => bail!("the push service answered {status}"),
        }
    }
}
