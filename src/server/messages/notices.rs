//! The mail that tells a member a message is waiting. It names who wrote, about which child and
//! under which subject, and links to the conversation; it never carries the text or the files,
//! which stay behind the sign-in.
use crate::{
    i18n::td_string,
    language::Locale,
    server::{error::ServiceResult, mail::Mail, outbox},
};
use chrono::{DateTime, Utc};
use sea_orm::ConnectionTrait;

/// One mail to write, in the reader's language.
pub(super) struct Notice<'a> {
    pub to: String,
    pub locale: Locale,
    pub from: &'a str,
    pub child: &'a str,
    pub subject: &'a str,
    pub link: String,
    pub urgent: bool,
}

/// Writes the notice to the outbox, in `db`'s transaction (the message and its mail exist
/// together or not at all).
pub(super) async fn write(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
    notice: Notice<'_>,
) -> ServiceResult<()> {
    let locale = notice.locale;
    let title = match notice.urgent {
        true => td_string!(
            locale,
            messages.mail_subject_urgent,
            subject = notice.subject
        ),
        false => td_string!(locale, messages.mail_subject, subject = notice.subject),
    };
    let body = td_string!(
        locale,
        messages.mail_body,
        from = notice.from,
        child = notice.child,
        subject = notice.subject,
        link = &notice.link
    );
    let mail = Mail {
        unsubscribe: None,
        to: notice.to,
        subject: title.to_string(),
        body: body.to_string(),
    };
    outbox::enqueue(db, now, mail).await?;
    Ok(())
}
