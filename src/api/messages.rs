//! "Messages" for parents: the inbox (every linked child's conversations, or one child's), one
//! conversation, a new message to a teacher of the shown child or to the school, a reply, the
//! archive. Every conversation and file is reached through `server::messages`, which checks that
//! the parent is a member and still linked to its child, whatever id is sent.
use super::AppResult;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// One line of an inbox (the parents' and the staff's).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConversationLine {
    pub id: i32,
    pub subject: String,
    pub child: String,
    /// The other members, by name.
    pub with: String,
    pub when: String,
    pub unread: i64,
    pub urgent: bool,
}

/// A child with its unread messages, for the inbox's tabs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChildUnread {
    pub id: i32,
    pub name: String,
    pub unread: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InboxView {
    pub school: crate::api::brand::SchoolBrand,
    pub children: Vec<ChildUnread>,
    /// The child whose conversations are listed, if one was chosen.
    pub child: Option<i32>,
    pub unread: i64,
    pub words: String,
    pub archived: bool,
    pub conversations: Vec<ConversationLine>,
}

/// A file of a message.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FileView {
    pub url: String,
    pub name: String,
    pub size: String,
}

/// One message of a conversation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MessageView {
    pub id: i32,
    pub author: String,
    pub mine: bool,
    pub from_school: bool,
    /// Sanitised on the server when written.
    pub html: String,
    pub urgent: bool,
    pub when: String,
    pub files: Vec<FileView>,
    /// For staff: the parents who have read it.
    pub read_by: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConversationView {
    pub school: crate::api::brand::SchoolBrand,
    pub id: i32,
    pub subject: String,
    pub child: String,
    pub with: String,
    pub archived: bool,
    pub messages: Vec<MessageView>,
}

/// Who a parent may write to about the shown child.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewMessageView {
    pub school: crate::api::brand::SchoolBrand,
    pub child: String,
    /// `(value, label)`: `admins`, or a teacher's id.
    pub recipients: Vec<(String, String)>,
}

/// "Brussels time, in the reader's language".
#[cfg(feature = "ssr")]
pub(crate) fn when(at: chrono::DateTime<chrono::Utc>) -> String {
    let local = crate::server::clock::brussels(at).naive_local();
    crate::domain::calendar::when(crate::language::current(), local, None, false)
}

#[cfg(feature = "ssr")]
pub(crate) fn line(summary: crate::server::messages::Summary) -> ConversationLine {
    ConversationLine {
        id: summary.id,
        subject: summary.subject,
        child: summary.student_name,
        with: summary.with.join(", "),
        when: when(summary.last_message_at),
        unread: summary.unread,
        urgent: summary.urgent,
    }
}

#[cfg(feature = "ssr")]
pub(crate) fn message_view(entry: crate::server::messages::Entry) -> MessageView {
    use crate::domain::{messages::readable_size, routes};
    MessageView {
        id: entry.id,
        author: entry.author,
        mine: entry.mine,
        from_school: entry.from_school,
        html: entry.html,
        urgent: entry.urgent,
        when: when(entry.written_at),
        files: entry
            .files
            .into_iter()
            .map(|file| FileView {
                url: routes::attachment(file.id),
                size: readable_size(u64::try_from(file.size).unwrap_or(0)),
                name: file.file_name,
            })
            .collect(),
        read_by: entry.read_by,
    }
}

#[server(prefix = "/api", endpoint = "inbox")]
pub async fn load_inbox(
    #[server(default)] words: String,
    #[server(default)] archived: bool,
    #[server(default)] child: Option<i32>,
) -> AppResult<InboxView> {
    use crate::server::{children, lookups, messages};
    super::guard::plain_text("words", &words, 200)?;
    let (state, session, standing) = super::guard::settled().await?;
    let member = messages::Member::Parent(session.account_id);
    let linked = children::linked_children(&state.db, session.account_id).await?;
    let unread = messages::unread_by_child(&state.db, session.account_id).await?;
    // A child of someone else's is no filter at all.
    let child = child.filter(|id| linked.iter().any(|c| c.child.id == *id));
    let filter = messages::Filter {
        student: child,
        words: Some(words.clone()),
        archived,
    };
    let conversations = messages::inbox(&state.db, member, &filter).await?;
    let school = lookups::platform_of(&state.db, &standing.child).await?;
    Ok(InboxView {
        school: crate::api::brand::SchoolBrand::for_parent(&state.db, school, standing.account.id)
            .await?,
        unread: unread.values().sum(),
        children: linked
            .iter()
            .map(|c| ChildUnread {
                id: c.child.id,
                name: format!("{} {}", c.child.first_name, c.child.last_name),
                unread: unread.get(&c.child.id).copied().unwrap_or(0),
            })
            .collect(),
        child,
        words,
        archived,
        conversations: conversations.into_iter().map(line).collect(),
    })
}

#[server(prefix = "/api", endpoint = "conversation")]
pub async fn load_conversation(id: i32) -> AppResult<ConversationView> {
    use crate::server::{lookups, messages};
    let (state, session, standing) = super::guard::settled().await?;
    let member = messages::Member::Parent(session.account_id);
    let found = messages::open(&state.db, member, id)
        .await
        .map_err(|e| not_found(e.into()))?;
    let school = lookups::platform_of(&state.db, &standing.child).await?;
    Ok(ConversationView {
        school: crate::api::brand::SchoolBrand::for_parent(&state.db, school, standing.account.id)
            .await?,
        id: found.id,
        subject: found.subject,
        child: found.student_name,
        with: found.with.join(", "),
        archived: found.archived,
        messages: found.entries.into_iter().map(message_view).collect(),
    })
}

/// Another family's conversation and an unknown one get the same words.
#[cfg(feature = "ssr")]
fn not_found(error: super::AppError) -> super::AppError {
    use crate::i18n::td_string;
    match error {
        super::AppError::Forbidden => {
            let locale = crate::language::current();
            super::AppError::Refused(td_string!(locale, messages.not_found).into())
        }
        other => other,
    }
}

#[server(prefix = "/api", endpoint = "new_message")]
pub async fn load_new_message() -> AppResult<NewMessageView> {
    use crate::{
        i18n::td_string,
        server::{lookups, messages},
    };
    let locale = crate::language::current();
    let (state, _, standing) = super::guard::settled().await?;
    let teachers = messages::recipients_for(&state.db, &standing.child).await?;
    let mut recipients = vec![(
        "admins".to_owned(),
        td_string!(locale, messages.to_administrators).to_owned(),
    )];
    recipients.extend(
        teachers
            .into_iter()
            .map(|(id, name)| (id.to_string(), name)),
    );
    let school = lookups::platform_of(&state.db, &standing.child).await?;
    Ok(NewMessageView {
        school: crate::api::brand::SchoolBrand::for_parent(&state.db, school, standing.account.id)
            .await?,
        child: format!("{} {}", standing.child.first_name, standing.child.last_name),
        recipients,
    })
}

/// "Envoyer": a new conversation about the shown child, posted as `multipart/form-data` (fields
/// `recipient`, `subject`, `body`, and up to three `files`).
#[server(prefix = "/api", endpoint = "send_message", input = leptos::server_fn::codec::MultipartFormData)]
pub async fn send_message(data: leptos::server_fn::codec::MultipartData) -> AppResult<()> {
    use crate::{
        domain::routes,
        server::messages::{self, Recipient},
    };
    const KEPT: &[&str] = &["recipient", "subject", "body"];
    let (state, _, standing) = super::guard::settled().await?;
    let form = super::uploads::read(data).await?;
    form.check_message(KEPT, true)?;
    let to = match form.text("recipient").as_str() {
        "admins" => Recipient::Administrators,
        id => Recipient::Teacher(id.parse().map_err(|_| super::AppError::Forbidden)?),
    };
    let id = messages::start_as_parent(
        &state,
        &standing.account,
        &standing.child,
        to,
        &form.text("subject"),
        &form.text("body"),
        &form.files,
    )
    .await
    .map_err(|e| form.refuse(e.into(), KEPT))?;
    super::guard::go_to(&routes::conversation(id));
    Ok(())
}

/// "Répondre", posted as `multipart/form-data` (fields `conversation`, `body`, `files`).
#[server(prefix = "/api", endpoint = "reply", input = leptos::server_fn::codec::MultipartFormData)]
pub async fn reply(data: leptos::server_fn::codec::MultipartData) -> AppResult<()> {
    use crate::{domain::routes, server::messages};
    let (state, session, _) = super::guard::settled().await?;
    let form = super::uploads::read(data).await?;
    let id = checked_reply(&form)?;
    let member = messages::Member::Parent(session.account_id);
    let body = form.text("body");
    messages::reply(&state, member, id, &body, false, &form.files)
        .await
        .map_err(|e| not_found(e.into()))?;
    super::guard::go_to(&format!("{}#dernier", routes::conversation(id)));
    Ok(())
}

/// The conversation a reply form names, once its text and files passed the rules.
#[cfg(feature = "ssr")]
pub(crate) fn checked_reply(form: &super::uploads::PostedForm) -> AppResult<i32> {
    form.check_message(&["body"], false)?;
    form.text("conversation")
        .parse()
        .map_err(|_| super::AppError::Forbidden)
}

/// "Archiver" (or "Remettre dans la boîte de réception").
#[server(prefix = "/api", endpoint = "archive_conversation")]
pub async fn archive_conversation(id: i32, #[server(default)] archived: bool) -> AppResult<()> {
    use crate::{domain::routes, server::messages};
    let (state, session, _) = super::guard::settled().await?;
    let member = messages::Member::Parent(session.account_id);
    messages::archive(&state.db, member, id, archived, state.clock.now())
        .await
        .map_err(|e| not_found(e.into()))?;
    super::guard::go_to(routes::MESSAGES);
    Ok(())
}
