//! How a mail leaves: real SMTP when `SMTP_URL` is set, otherwise `.eml` files in the outbox folder
//! so a newcomer sees every message without a mail server. Only the outbox's worker sends
//! (`server::outbox`); services write their mails there.
use lettre::{
    AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor,
    message::{
        Mailbox,
        header::{ContentType, Header, HeaderName, HeaderValue},
    },
};
use std::path::PathBuf;

pub enum Mailer {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    Outbox(PathBuf),
}

/// A message ready to send: plain text, since every mail client shows it and links stay visible.
pub struct Mail {
    pub to: String,
    pub subject: String,
    pub body: String,
    /// The one-click unsubscribe address of a notification's mail (RFC 8058): sent as
    /// `List-Unsubscribe` with `List-Unsubscribe-Post`.
    pub unsubscribe: Option<String>,
}

impl Mailer {
    pub fn new(smtp_url: Option<&str>, outbox: PathBuf) -> anyhow::Result<Self> {
        Ok(match smtp_url {
            Some(url) => Self::Smtp(AsyncSmtpTransport::<Tokio1Executor>::from_url(url)?.build()),
            None => Self::Outbox(outbox),
        })
    }

    /// Sends `mail` as `message_id` (`outbox-12.1764583200`): the same row sent twice (a worker
    /// that died between handing it over and marking it) carries the same `Message-ID`, which mail
    /// servers and clients take for one message.
    pub async fn send(&self, from: &str, mail: Mail, message_id: &str) -> anyhow::Result<()> {
        let from = from.parse::<Mailbox>()?;
        let mut builder = Message::builder()
            .message_id(Some(format!("<{message_id}@{}>", from.email.domain())))
            .from(from)
            .to(mail.to.parse::<Mailbox>()?)
            .subject(mail.subject)
            .header(ContentType::TEXT_PLAIN);
        if let Some(address) = mail.unsubscribe {
            builder = builder
                .header(ListUnsubscribe(address))
                .header(ListUnsubscribePost);
        }
        let message = builder.body(mail.body)?;
        match self {
            Self::Smtp(transport) => {
                transport.send(message).await?;
            }
            Self::Outbox(dir) => {
                tokio::fs::create_dir_all(dir).await?;
                let name = format!(
                    "{}-{}.eml",
                    chrono::Utc::now().format("%Y%m%dT%H%M%S%.3f"),
                    &super::tokens::generate()[..8]
                );
                let path = dir.join(name);
                // Written aside, then renamed: a reader never sees half a mail.
                let partial = path.with_extension("part");
                tokio::fs::write(&partial, message.formatted()).await?;
                tokio::fs::rename(&partial, &path).await?;
                tracing::info!(path = %path.display(), to = %mail.to, "mail written to the outbox");
            }
        }
        Ok(())
    }

    pub fn writes_outbox(&self) -> bool {
        matches!(self, Self::Outbox(_))
    }
}

/// `List-Unsubscribe: <https://…>`: the address a mail client's "unsubscribe" posts to.
#[derive(Clone)]
struct ListUnsubscribe(String);

impl Header for ListUnsubscribe {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("List-Unsubscribe")
    }

    fn parse(text: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(Self(text.trim_matches(['<', '>']).to_owned()))
    }

    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), format!("<{}>", self.0))
    }
}

/// `List-Unsubscribe-Post: List-Unsubscribe=One-Click` (RFC 8058): one click unsubscribes.
#[derive(Clone)]
struct ListUnsubscribePost;

impl Header for ListUnsubscribePost {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("List-Unsubscribe-Post")
    }

    fn parse(_: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(Self)
    }

    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), "List-Unsubscribe=One-Click".to_owned())
    }
}

#[cfg(test)]
mod tests {
    use crate::domain::contact::is_valid_email;
    use lettre::message::Mailbox;
    use proptest::prelude::*;

    proptest! {
        // A failure prints its smallest case; no regression files in the repository.
        #![proptest_config(ProptestConfig { failure_persistence: None, ..ProptestConfig::default() })]

        /// Every address the profile form accepts can be mailed: otherwise a parent would get an
        /// error after saving instead of a message under the field.
        #[test]
        fn every_address_the_forms_accept_can_be_mailed(
            email in "[a-zA-Z0-9éß.,;:()<>\"\\\\\\[\\]!#$%&'*+/=?^_`{|}~-]{1,12}@[a-z0-9éüß.-]{1,12}\\.(be|fr|com|xn|é)"
        ) {
            if is_valid_email(&email) {
                prop_assert!(email.parse::<Mailbox>().is_ok(), "{email}");
            }
        }
    }
}
