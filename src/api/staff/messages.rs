//! "Messages" in the staff area: the staff member's conversations with families, one
//! conversation with who has read each message, writing to the parents of a student, a class, a
//! course or the whole school (administrators), replying, archiving. Every message is written in
//! the school's journal as what it was sent to, never what it said.
use super::StaffFrame;
use crate::api::{
    AppResult,
    messages::{ConversationLine, MessageView},
};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StaffInbox {
    pub frame: StaffFrame,
    pub unread: i64,
    pub words: String,
    pub archived: bool,
    pub conversations: Vec<ConversationLine>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StaffConversation {
    pub frame: StaffFrame,
    pub id: i32,
    pub subject: String,
    pub child: String,
    pub student_id: i32,
    pub with: String,
    pub archived: bool,
    pub messages: Vec<MessageView>,
}

/// Who the caller may write to: `(value, label)` of each audience (`eleve:12`, `classe:3B`,
/// `cours:4`, `ecole`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StaffNewMessage {
    pub frame: StaffFrame,
    pub audiences: Vec<(String, String)>,
    /// The audience chosen by the link that led here (a student's page).
    pub chosen: Option<String>,
}

#[server(prefix = "/api", endpoint = "staff_inbox")]
pub async fn load_staff_inbox(
    #[server(default)] words: String,
    #[server(default)] archived: bool,
) -> AppResult<StaffInbox> {
    use crate::server::messages;
    crate::api::guard::plain_text("words", &words, 200)?;
    let (state, caller) = crate::api::guard::staff().await?;
    let member = member(&caller);
    let filter = messages::Filter {
        student: None,
        words: Some(words.clone()),
        archived,
    };
    let conversations = messages::inbox(&state.db, member, &filter).await?;
    Ok(StaffInbox {
        frame: super::frame(&state, &caller).await?,
        unread: messages::unread_of(&state.db, member).await?,
        words,
        archived,
        conversations: conversations
            .into_iter()
            .map(crate::api::messages::line)
            .collect(),
    })
}

#[cfg(feature = "ssr")]
fn member(caller: &crate::server::staff::Caller) -> crate::server::messages::Member {
    crate::server::messages::Member::Staff {
        staff_id: caller.staff_id,
        platform_id: caller.platform_id,
    }
}

#[server(prefix = "/api", endpoint = "staff_conversation")]
pub async fn load_staff_conversation(id: i32) -> AppResult<StaffConversation> {
    use crate::server::messages;
    let (state, caller) = crate::api::guard::staff().await?;
    let found = messages::open(&state.db, member(&caller), id).await?;
    Ok(StaffConversation {
        frame: super::frame(&state, &caller).await?,
        id: found.id,
        subject: found.subject,
        child: found.student_name,
        student_id: found.student_id,
        with: found.with.join(", "),
        archived: found.archived,
        messages: found
            .entries
            .into_iter()
            .map(crate::api::messages::message_view)
            .collect(),
    })
}

#[server(prefix = "/api", endpoint = "staff_new_message")]
pub async fn load_staff_new_message(
    #[server(default)] student: Option<i32>,
) -> AppResult<StaffNewMessage> {
    use crate::i18n::td_string;
    use crate::server::staff::{access, courses, students};
    let locale = crate::language::current();
    let (state, caller) = crate::api::guard::staff().await?;
    let mut audiences = Vec::new();
    let mut chosen = None;
    if let Some(id) = student {
        let found = access::reachable_student(&state.db, &caller, id).await?;
        let value = format!("eleve:{}", found.id);
        let label = td_string!(
            locale,
            messages.audience_student,
            name = format!("{} {}", found.first_name, found.last_name)
        );
        audiences.push((value.clone(), label.to_string()));
        chosen = Some(value);
    }
    for class in students::classes(&state.db, &caller).await? {
        let label = td_string!(locale, messages.audience_class, class = &class);
        audiences.push((format!("classe:{class}"), label.to_string()));
    }
    for course in courses::list(&state.db, &caller).await? {
        let label = td_string!(
            locale,
            messages.audience_course,
            course = &course.course.name
        );
        audiences.push((format!("cours:{}", course.course.id), label.to_string()));
    }
    if caller.is_admin() {
        let label = td_string!(locale, messages.audience_school);
        audiences.push(("ecole".to_owned(), label.to_owned()));
    }
    Ok(StaffNewMessage {
        frame: super::frame(&state, &caller).await?,
        audiences,
        chosen,
    })
}

/// "Envoyer aux parents", posted as `multipart/form-data` (fields `audience`, `subject`, `body`,
/// `urgent`, and up to three `files`).
#[server(prefix = "/api", endpoint = "staff_send_message", input = leptos::server_fn::codec::MultipartFormData)]
pub async fn staff_send_message(data: leptos::server_fn::codec::MultipartData) -> AppResult<()> {
    use crate::{
        api::{AppError, guard},
        domain::routes,
        server::{audit::Kind, messages},
    };
    const KEPT: &[&str] = &["audience", "subject", "body"];
    let (state, caller) = guard::staff().await?;
    let form = crate::api::uploads::read(data).await?;
    form.check_message(KEPT, true)?;
    let (audience, subject, body) = (
        form.text("audience"),
        form.text("subject"),
        form.text("body"),
    );
    let chosen = parse_audience(&audience).ok_or(AppError::Forbidden)?;
    let urgent = form.ticked("urgent");
    let outgoing = messages::Outgoing {
        subject: &subject,
        body: &body,
        urgent,
        files: &form.files,
        together: form.ticked("together"),
    };
    let sent = messages::start_as_staff(&state, &caller, &chosen, &outgoing)
        .await
        .map_err(|e| form.refuse(e.into(), KEPT))?;
    let detail = format!(
        "{audience}: {} conversation(s){}{}{}",
        sent.conversations,
        if outgoing.together {
            ", parents ensemble"
        } else {
            ""
        },
        if urgent { ", urgent" } else { "" },
        if form.files.is_empty() {
            String::new()
        } else {
            format!(", {} fichier(s)", form.files.len())
        },
    );
    super::record(&state, &caller, Kind::MessageSent, Some(&detail)).await?;
    guard::go_to(&format!(
        "{}?envoyes={}&sans-parent={}",
        routes::STAFF_MESSAGES,
        sent.conversations,
        sent.unreached
    ));
    Ok(())
}

#[cfg(feature = "ssr")]
fn parse_audience(value: &str) -> Option<crate::server::messages::Audience> {
    use crate::server::messages::Audience;
    match value.split_once(':') {
        Some(("eleve", id)) => id.parse().ok().map(Audience::Student),
        Some(("classe", class)) if !class.is_empty() => Some(Audience::Class(class.to_owned())),
        Some(("cours", id)) => id.parse().ok().map(Audience::Course),
        None if value == "ecole" => Some(Audience::School),
        _ => None,
    }
}

/// "Répondre", posted as `multipart/form-data` (fields `conversation`, `body`, `urgent`, `files`).
#[server(prefix = "/api", endpoint = "staff_reply", input = leptos::server_fn::codec::MultipartFormData)]
pub async fn staff_reply(data: leptos::server_fn::codec::MultipartData) -> AppResult<()> {
    use crate::{
        domain::routes,
        server::{audit::Kind, messages},
    };
    let (state, caller) = crate::api::guard::staff().await?;
    let form = crate::api::uploads::read(data).await?;
    let id = crate::api::messages::checked_reply(&form)?;
    let urgent = form.ticked("urgent");
    let body = form.text("body");
    messages::reply(&state, member(&caller), id, &body, urgent, &form.files).await?;
    let detail = format!("conversation {id}{}", if urgent { ", urgent" } else { "" });
    super::record(&state, &caller, Kind::MessageSent, Some(&detail)).await?;
    crate::api::guard::go_to(&format!("{}#dernier", routes::staff_conversation(id)));
    Ok(())
}

/// "Archiver" (or back to the inbox).
#[server(prefix = "/api", endpoint = "staff_archive_conversation")]
pub async fn staff_archive_conversation(
    id: i32,
    #[server(default)] archived: bool,
) -> AppResult<()> {
    use crate::{domain::routes, server::messages};
    let (state, caller) = crate::api::guard::staff().await?;
    messages::archive(&state.db, member(&caller), id, archived, state.clock.now()).await?;
    crate::api::guard::go_to(routes::STAFF_MESSAGES);
    Ok(())
}
