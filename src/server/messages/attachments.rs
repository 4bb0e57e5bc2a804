//! The files of messages: kept once in the database, fetched only by a member of a conversation
//! that carries them (whatever id is asked for, another family's file is the same refusal as none).
use super::{Member, inbox::member_sql, statement};
use crate::{
    domain::messages::Attachment,
    server::{
        entities::{attachment, message_attachment},
        error::{ServiceError, ServiceResult},
    },
};
use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ConnectionTrait, DbErr, EntityTrait, FromQueryResult, Set, Value};

/// The type a file's first bytes say (never its name).
pub fn image_or_pdf(bytes: &[u8]) -> Option<&'static str> {
    infer::get(bytes).map(|kind| kind.mime_type())
}

/// Keeps the files of a message being written; returns their ids.
pub(crate) async fn store(
    db: &impl ConnectionTrait,
    files: &[Attachment],
    now: DateTime<Utc>,
) -> Result<Vec<i32>, DbErr> {
    let mut ids = Vec::with_capacity(files.len());
    for file in files {
        let row = attachment::ActiveModel {
            file_name: Set(file.file_name.clone()),
            content_type: Set(file.content_type.to_owned()),
            size: Set(i32::try_from(file.bytes.len()).unwrap_or(i32::MAX)),
            bytes: Set(file.bytes.clone()),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(db)
        .await?;
        ids.push(row.id);
    }
    Ok(ids)
}

/// Attaches the stored files to a message.
pub(super) async fn attach(
    db: &impl ConnectionTrait,
    message: i32,
    files: &[i32],
) -> Result<(), DbErr> {
    if files.is_empty() {
        return Ok(());
    }
    message_attachment::Entity::insert_many(files.iter().map(|file| {
        message_attachment::ActiveModel {
            message_id: Set(message),
            attachment_id: Set(*file),
        }
    }))
    .exec(db)
    .await?;
    Ok(())
}

/// A file to send back.
#[derive(Debug, FromQueryResult)]
pub struct Download {
    pub file_name: String,
    pub content_type: String,
    pub bytes: Vec<u8>,
}

/// The file `id`, if `member` belongs to a conversation that carries it.
pub async fn download(
    db: &impl ConnectionTrait,
    member: Member,
    id: i32,
) -> ServiceResult<Download> {
    let (who, reach, mut values) = member_sql(member);
    values.insert(0, Value::from(id));
    let sql = format!(
        "SELECT a.file_name, a.content_type, a.bytes FROM attachments a \
         WHERE a.id = ? AND EXISTS (SELECT 1 FROM message_attachments ma \
           JOIN messages x ON x.id = ma.message_id \
           JOIN conversations c ON c.id = x.conversation_id \
           JOIN conversation_members m ON m.conversation_id = c.id \
           WHERE ma.attachment_id = a.id AND {who} AND {reach})"
    );
    let backend = db.get_database_backend();
    Download::find_by_statement(statement(backend, &sql, values))
        .one(db)
        .await?
        .ok_or(ServiceError::Forbidden)
}
