//! Telling the other members a message was written: a parent through their notifications
//! (delivered as they chose), staff by a mail at once. Neither carries the message's text or files,
//! which stay behind the sign-in.
use super::{Member, parent_name};
use crate::{
    domain::{notifications::Kind, routes},
    i18n::td_string,
    language::Locale,
    server::{
        AppState,
        entities::{parent_account, staff_account},
        error::ServiceResult,
        mail::Mail,
        notifications, outbox,
    },
};
use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

pub(super) async fn author_name(
    db: &impl ConnectionTrait,
    member: Member,
) -> ServiceResult<String> {
    Ok(match member {
        Member::Parent(account) => {
            let found = parent_account::Entity::find_by_id(account).one(db).await?;
            let (first, last) = found.map_or((None, None), |a| (a.first_name, a.last_name));
            parent_name(first, last)
        }
        Member::Staff { staff_id, .. } => staff_account::Entity::find_by_id(staff_id)
            .one(db)
            .await?
            .map_or_else(String::new, |a| format!("{} {}", a.first_name, a.last_name)),
    })
}

/// What a notice is about.
pub(super) struct Topic<'a> {
    pub conversation: i32,
    pub student: i32,
    pub child: &'a str,
    pub subject: &'a str,
    pub urgent: bool,
}

/// A parent is told through their notifications, delivered as they chose (an urgent message
/// bypasses their quiet hours and the digest).
pub(super) async fn tell_parent(
    state: &AppState,
    db: &impl ConnectionTrait,
    parent: i32,
    topic: &Topic<'_>,
) -> ServiceResult<()> {
    let notice = notifications::Notice {
        account_id: parent,
        student_id: Some(topic.student),
        kind: Kind::Message,
        title: topic.subject.to_owned(),
        link: routes::conversation(topic.conversation),
        urgent: topic.urgent,
    };
    notifications::notify(db, state.clock.now(), vec![notice]).await?;
    Ok(())
}

pub(super) async fn tell_staff(
    state: &AppState,
    db: &impl ConnectionTrait,
    staff: Vec<i32>,
    from: &str,
    topic: &Topic<'_>,
) -> ServiceResult<()> {
    let accounts = staff_account::Entity::find()
        .filter(staff_account::Column::Id.is_in(staff))
        .all(db)
        .await?;
    let link = format!(
        "{}{}",
        state.settings.public_url,
        routes::staff_conversation(topic.conversation)
    );
    for account in accounts {
        let notice = Notice {
            to: account.email,
            locale: Locale::fr,
            from,
            child: topic.child,
            subject: topic.subject,
            link: link.clone(),
            urgent: topic.urgent,
        };
        write(db, state.clock.now(), notice).await?;
    }
    Ok(())
}

/// One mail to write, in the reader's language.
struct Notice<'a> {
    to: String,
    locale: Locale,
    from: &'a str,
    child: &'a str,
    subject: &'a str,
    link: String,
    urgent: bool,
}

/// Writes the notice to the outbox, in `db`'s transaction (the message and its mail exist
/// together or not at all).
async fn write(
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
