//! How a mail leaves: real SMTP when `SMTP_URL` is set, otherwise `.eml` files in the outbox folder
//! so a newcomer sees every message without a mail server. Only the outbox's worker sends
//! (`server::outbox`); services write their mails there.
use lettre::{
    AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor,
    message::{Mailbox, header::ContentType},
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
}

impl Mailer {
    pub fn new(smtp_url: Option<&str>, outbox: PathBuf) -> anyhow::Result<Self> {
        Ok(match smtp_url {
            Some(url) => Self::Smtp(AsyncSmtpTransport::<Tokio1Executor>::from_url(url)?.build()),
            None => Self::Outbox(outbox),
        })
    }

    pub async fn send(&self, from: &str, mail: Mail) -> anyhow::Result<()> {
        let message = Message::builder()
            .from(from.parse::<Mailbox>()?)
            .to(mail.to.parse::<Mailbox>()?)
            .subject(mail.subject)
            .header(ContentType::TEXT_PLAIN)
            .body(mail.body)?;
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
