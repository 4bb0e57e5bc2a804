//! Messages between families and the school. A conversation concerns one student; its members are
//! the staff who wrote or were written to and the parents the school addressed. When staff write
//! to the parents of a student, a class, a course or the school, each parent gets a conversation
//! of their own, so that two separated parents never read each other's replies nor learn each
//! other's name or address; a reply goes to the conversation's staff, never to other families.
//!
//! Who may read is decided here, by membership, for every read and write: a parent must also still
//! hold a letter of the conversation's student, a staff member an active membership of its school.
mod attachments;
mod audiences;
mod inbox;
mod reading;
mod telling;
mod writing;

pub(crate) use attachments::store as store_files;
pub use attachments::{Download, download, image_or_pdf};
pub use audiences::{Audience, Recipient, recipients_for};
pub use inbox::{Filter, Summary, inbox, unread_by_child, unread_of};
pub use reading::{Conversation, Entry, FileLink, open};
pub use writing::{Outgoing, Sent, add_member, archive, reply, start_as_parent, start_as_staff};

use super::entities::{conversation, conversation_member, parent_slot, student};
use super::error::{ServiceError, ServiceResult};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

/// Who reads or writes: a parent's account, or a staff member acting in one school.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Member {
    Parent(i32),
    Staff { staff_id: i32, platform_id: i32 },
}

impl Member {
    fn column_filter(self) -> sea_orm::Condition {
        use conversation_member::Column;
        match self {
            Member::Parent(account) => sea_orm::Condition::all().add(Column::AccountId.eq(account)),
            Member::Staff { staff_id, .. } => {
                sea_orm::Condition::all().add(Column::StaffId.eq(staff_id))
            }
        }
    }
}

/// The conversation `id` with the caller's membership, if the caller may read it: a member, and
/// for a parent still linked to its student, for staff of its school. An unknown id and another
/// family's are the same refusal.
pub(super) async fn membership(
    db: &impl ConnectionTrait,
    member: Member,
    id: i32,
) -> ServiceResult<(conversation::Model, conversation_member::Model)> {
    let found = conversation::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(ServiceError::Forbidden)?;
    let row = conversation_member::Entity::find()
        .filter(conversation_member::Column::ConversationId.eq(id))
        .filter(member.column_filter())
        .one(db)
        .await?
        .ok_or(ServiceError::Forbidden)?;
    let allowed = match member {
        Member::Parent(account) => holds_letter(db, account, found.student_id).await?,
        Member::Staff { platform_id, .. } => found.platform_id == platform_id,
    };
    if allowed {
        Ok((found, row))
    } else {
        Err(ServiceError::Forbidden)
    }
}

/// Whether `account` holds a letter of `student` (a parent who unlinked a child reads no more).
pub(super) async fn holds_letter(
    db: &impl ConnectionTrait,
    account: i32,
    student: i32,
) -> Result<bool, sea_orm::DbErr> {
    Ok(parent_slot::Entity::find()
        .filter(parent_slot::Column::AccountId.eq(account))
        .filter(parent_slot::Column::StudentId.eq(student))
        .one(db)
        .await?
        .is_some())
}

/// The columns that name a person joined as `pa` (a parent's account) or `sa` (a staff member).
pub(super) const NAME_COLUMNS: &str = "pa.first_name AS parent_first, pa.last_name AS parent_last, \
     sa.first_name AS staff_first, sa.last_name AS staff_last";

/// A person's name read through [`NAME_COLUMNS`].
#[derive(Debug, sea_orm::FromQueryResult)]
pub(super) struct JoinedName {
    parent_first: Option<String>,
    parent_last: Option<String>,
    staff_first: Option<String>,
    staff_last: Option<String>,
}

impl JoinedName {
    /// The staff member's name, else the parent's.
    pub(super) fn shown(&self) -> String {
        match (&self.staff_first, &self.staff_last) {
            (Some(first), Some(last)) => format!("{first} {last}"),
            _ => self.parent(),
        }
    }

    /// The parent's name.
    pub(super) fn parent(&self) -> String {
        parent_name(self.parent_first.clone(), self.parent_last.clone())
    }
}

/// A parent's name as staff see it ("Parent" until the profile gives one).
pub(super) fn parent_name(first: Option<String>, last: Option<String>) -> String {
    let name = format!("{} {}", first.unwrap_or_default(), last.unwrap_or_default());
    match name.trim() {
        "" => "Parent".to_owned(),
        name => name.to_owned(),
    }
}

/// "Albert Dupont".
pub(super) fn full_name(student: &student::Model) -> String {
    format!("{} {}", student.first_name, student.last_name)
}

pub(super) use crate::server::db::statement;
