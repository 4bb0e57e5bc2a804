//! One conversation as its member reads it: every message with its author, its files and, for
//! staff, which parents have read it. Opening it marks it read for this member only.
use super::{JoinedName, Member, NAME_COLUMNS, membership, statement};
use crate::server::{
    entities::{conversation_member, student},
    error::{ServiceError, ServiceResult},
};
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ConnectionTrait, EntityTrait, FromQueryResult, IntoActiveModel, Set, Value,
};

/// A conversation, ready to show.
#[derive(Debug, Clone)]
pub struct Conversation {
    pub id: i32,
    pub subject: String,
    pub student_id: i32,
    pub student_name: String,
    /// The other members, by name.
    pub with: Vec<String>,
    pub archived: bool,
    pub entries: Vec<Entry>,
}

/// One message.
#[derive(Debug, Clone)]
pub struct Entry {
    pub id: i32,
    pub author: String,
    /// Written by the reader.
    pub mine: bool,
    /// Written by the school's staff.
    pub from_school: bool,
    /// Sanitised when written.
    pub html: String,
    pub urgent: bool,
    pub written_at: DateTime<Utc>,
    pub files: Vec<FileLink>,
    /// For staff: the parents of the conversation who have read it (always empty for a parent).
    pub read_by: Vec<String>,
}

/// A file of a message, without its bytes.
#[derive(Debug, Clone, FromQueryResult)]
pub struct FileLink {
    pub message_id: i32,
    pub id: i32,
    pub file_name: String,
    pub content_type: String,
    pub size: i32,
}

#[derive(Debug, FromQueryResult)]
struct MessageRow {
    id: i32,
    html: String,
    urgent: bool,
    created_at: DateTime<Utc>,
    author_account_id: Option<i32>,
    author_staff_id: Option<i32>,
    #[sea_orm(nested)]
    name: JoinedName,
}

#[derive(Debug, FromQueryResult)]
struct MemberRow {
    account_id: Option<i32>,
    staff_id: Option<i32>,
    last_read_message_id: Option<i32>,
    #[sea_orm(nested)]
    name: JoinedName,
}

/// Opens conversation `id` for `member`, and marks it read for them.
pub async fn open(
    db: &impl ConnectionTrait,
    member: Member,
    id: i32,
) -> ServiceResult<Conversation> {
    let (found, own) = membership(db, member, id).await?;
    let backend = db.get_database_backend();
    let child = student::Entity::find_by_id(found.student_id)
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound("student"))?;
    let messages = MessageRow::find_by_statement(statement(
        backend,
        &format!(
            "SELECT x.id, x.html, x.urgent, x.created_at, x.author_account_id, x.author_staff_id, \
           {NAME_COLUMNS} \
         FROM messages x \
         LEFT JOIN parent_accounts pa ON pa.id = x.author_account_id \
         LEFT JOIN staff_accounts sa ON sa.id = x.author_staff_id \
         WHERE x.conversation_id = ? ORDER BY x.id"
        ),
        vec![Value::from(id)],
    ))
    .all(db)
    .await?;
    let mut files = FileLink::find_by_statement(statement(
        backend,
        "SELECT ma.message_id, a.id, a.file_name, a.content_type, a.size \
         FROM message_attachments ma \
         JOIN attachments a ON a.id = ma.attachment_id \
         JOIN messages x ON x.id = ma.message_id \
         WHERE x.conversation_id = ? ORDER BY a.id",
        vec![Value::from(id)],
    ))
    .all(db)
    .await?;
    let members = MemberRow::find_by_statement(statement(
        backend,
        &format!(
            "SELECT m.account_id, m.staff_id, m.last_read_message_id, \
           {NAME_COLUMNS} \
         FROM conversation_members m \
         LEFT JOIN parent_accounts pa ON pa.id = m.account_id \
         LEFT JOIN staff_accounts sa ON sa.id = m.staff_id \
         WHERE m.conversation_id = ? ORDER BY m.id"
        ),
        vec![Value::from(id)],
    ))
    .all(db)
    .await?;
    let is_staff = matches!(member, Member::Staff { .. });
    let is_me = |account: Option<i32>, staff: Option<i32>| match member {
        Member::Parent(me) => account == Some(me),
        Member::Staff { staff_id, .. } => staff == Some(staff_id),
    };
    let with = members
        .iter()
        .filter(|m| !is_me(m.account_id, m.staff_id))
        .map(|m| m.name.shown())
        .collect();
    let readers: Vec<(i32, String)> = members
        .iter()
        .filter(|m| is_staff && m.account_id.is_some())
        .map(|m| (m.last_read_message_id.unwrap_or(0), m.name.parent()))
        .collect();
    let entries = messages
        .into_iter()
        .map(|row| {
            let from_school = row.author_staff_id.is_some();
            Entry {
                id: row.id,
                author: row.name.shown(),
                mine: is_me(row.author_account_id, row.author_staff_id),
                from_school,
                files: take_files(&mut files, row.id),
                read_by: readers
                    .iter()
                    .filter(|(read_up_to, _)| *read_up_to >= row.id)
                    .map(|(_, name)| name.clone())
                    .collect(),
                html: row.html,
                urgent: row.urgent,
                written_at: row.created_at,
            }
        })
        .collect::<Vec<_>>();
    let archived = own.archived_at.is_some();
    let last = entries.last().map(|entry| entry.id);
    if last.is_some() && last > own.last_read_message_id {
        let mut row: conversation_member::ActiveModel = own.into_active_model();
        row.last_read_message_id = Set(last);
        row.update(db).await?;
    }
    Ok(Conversation {
        id,
        subject: found.subject,
        student_id: child.id,
        student_name: super::full_name(&child),
        with,
        archived,
        entries,
    })
}

fn take_files(files: &mut Vec<FileLink>, message: i32) -> Vec<FileLink> {
    let (mine, rest) = std::mem::take(files)
        .into_iter()
        .partition(|file| file.message_id == message);
    *files = rest;
    mine
}
