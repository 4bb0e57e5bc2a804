//! Writing: a parent starts a conversation with a teacher of their child or the school's
//! administrators; staff write to the parents of a student, a class, a course or the school (one
//! conversation per parent and child); any member replies; each member archives for themself.
//! The message, its members, its files and the mails that announce it are one transaction.
use super::{
    Member, attachments,
    audiences::{Audience, Recipient, active_staff, audience_students, recipients_for},
    full_name, holds_letter, membership,
    telling::{Topic, author_name, tell_parent, tell_staff},
};
use crate::{
    domain::messages::Attachment,
    server::{
        AppState,
        db::write_transaction,
        entities::{
            conversation, conversation_member, message, parent_account, parent_slot, student,
        },
        error::{ServiceError, ServiceResult},
        markdown,
        staff::{Caller, Role},
    },
};
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set, sea_query::Expr,
};

/// What a staff member's message reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sent {
    /// One per parent and child.
    pub conversations: usize,
    /// Students of the audience no parent of whom has an account yet.
    pub unreached: usize,
}

/// A parent starts a conversation about `child` (already checked to be theirs by the caller, and
/// checked again here). Returns the conversation's id.
pub async fn start_as_parent(
    state: &AppState,
    account: &parent_account::Model,
    child: &student::Model,
    to: Recipient,
    subject: &str,
    body: &str,
    files: &[Attachment],
) -> ServiceResult<i32> {
    let db = &state.db;
    if !holds_letter(db, account.id, child.id).await? {
        return Err(ServiceError::Forbidden);
    }
    let staff = match to {
        Recipient::Teacher(id) => recipients_for(db, child)
            .await?
            .into_iter()
            .filter(|(staff, _)| *staff == id)
            .collect::<Vec<_>>(),
        Recipient::Administrators => {
            active_staff(db, child.platform_id, None, Some(Role::Administrator)).await?
        }
    };
    if staff.is_empty() {
        return Err(ServiceError::Forbidden);
    }
    let now = state.clock.now();
    let txn = write_transaction(db).await?;
    let files = attachments::store(&txn, files, now).await?;
    let conversation = new_conversation(&txn, child, subject, now).await?;
    add_member(&txn, conversation, Member::Parent(account.id)).await?;
    for (staff_id, _) in &staff {
        add_member(
            &txn,
            conversation,
            staff_member(*staff_id, child.platform_id),
        )
        .await?;
    }
    let author = Member::Parent(account.id);
    let written = write_message(&txn, conversation, author, body, false, &files, now).await?;
    mark_read(&txn, conversation, author, written).await?;
    let from = super::parent_name(account.first_name.clone(), account.last_name.clone());
    let staff_ids = staff.iter().map(|(id, _)| *id).collect();
    let topic = Topic {
        conversation,
        student: child.id,
        child: &full_name(child),
        subject: subject.trim(),
        urgent: false,
    };
    tell_staff(state, &txn, staff_ids, &from, &topic).await?;
    txn.commit().await?;
    state.outbox.wake();
    Ok(conversation)
}

/// What staff send to an audience.
pub struct Outgoing<'a> {
    pub subject: &'a str,
    pub body: &'a str,
    pub urgent: bool,
    pub files: &'a [Attachment],
    /// The parents of a child share one conversation and read each other's replies (the school's
    /// choice); else each has their own.
    pub together: bool,
}

/// Staff write to the parents of `audience`: one conversation per parent with an account and
/// child, each with this staff member and that parent alone; or, `together`, one per child with
/// all its parents.
pub async fn start_as_staff(
    state: &AppState,
    caller: &Caller,
    audience: &Audience,
    outgoing: &Outgoing<'_>,
) -> ServiceResult<Sent> {
    let (subject, body, urgent) = (outgoing.subject, outgoing.body, outgoing.urgent);
    let db = &state.db;
    let students = audience_students(db, caller, audience).await?;
    let slots = parent_slot::Entity::find()
        .filter(parent_slot::Column::StudentId.is_in(students.iter().map(|s| s.id)))
        .filter(parent_slot::Column::AccountId.is_not_null())
        .all(db)
        .await?;
    let unreached = students
        .iter()
        .filter(|s| !slots.iter().any(|slot| slot.student_id == s.id))
        .count();
    if slots.is_empty() {
        return Err(ServiceError::NobodyToReach);
    }
    let now = state.clock.now();
    let author = staff_member(caller.staff_id, caller.platform_id);
    let txn = write_transaction(db).await?;
    let files = attachments::store(&txn, outgoing.files, now).await?;
    let mut conversations = 0;
    for child in &students {
        let parents: Vec<i32> = slots
            .iter()
            .filter(|slot| slot.student_id == child.id)
            .filter_map(|slot| slot.account_id)
            .collect();
        let groups: Vec<&[i32]> = match outgoing.together {
            true if !parents.is_empty() => vec![&parents],
            _ => parents.chunks(1).collect(),
        };
        for group in groups {
            let conversation = new_conversation(&txn, child, subject, now).await?;
            add_member(&txn, conversation, author).await?;
            for &parent in group {
                add_member(&txn, conversation, Member::Parent(parent)).await?;
            }
            let written =
                write_message(&txn, conversation, author, body, urgent, &files, now).await?;
            mark_read(&txn, conversation, author, written).await?;
            let topic = Topic {
                conversation,
                student: child.id,
                child: &full_name(child),
                subject: subject.trim(),
                urgent,
            };
            for &parent in group {
                tell_parent(state, &txn, parent, &topic).await?;
            }
            conversations += 1;
        }
    }
    txn.commit().await?;
    state.outbox.wake();
    Ok(Sent {
        conversations,
        unreached,
    })
}

/// A member replies in a conversation they belong to. Returns the message's id.
pub async fn reply(
    state: &AppState,
    member: Member,
    id: i32,
    body: &str,
    urgent: bool,
    files: &[Attachment],
) -> ServiceResult<i32> {
    let db = &state.db;
    let (found, _) = membership(db, member, id).await?;
    // Only staff mark a message urgent.
    let urgent = urgent && matches!(member, Member::Staff { .. });
    let now = state.clock.now();
    let child = student::Entity::find_by_id(found.student_id)
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound("student"))?;
    let members = conversation_member::Entity::find()
        .filter(conversation_member::Column::ConversationId.eq(id))
        .all(db)
        .await?;
    let from = author_name(db, member).await?;
    let txn = write_transaction(db).await?;
    let files = attachments::store(&txn, files, now).await?;
    let written = write_message(&txn, id, member, body, urgent, &files, now).await?;
    mark_read(&txn, id, member, written).await?;
    // A new message brings the conversation back to every member's inbox.
    conversation_member::Entity::update_many()
        .col_expr(
            conversation_member::Column::ArchivedAt,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .filter(conversation_member::Column::ConversationId.eq(id))
        .exec(&txn)
        .await?;
    let topic = Topic {
        conversation: id,
        student: child.id,
        child: &full_name(&child),
        subject: &found.subject,
        urgent,
    };
    let others = |m: &&conversation_member::Model| match member {
        Member::Parent(me) => m.account_id != Some(me),
        Member::Staff { staff_id, .. } => m.staff_id != Some(staff_id),
    };
    let staff_ids = members
        .iter()
        .filter(others)
        .filter_map(|m| m.staff_id)
        .collect();
    tell_staff(state, &txn, staff_ids, &from, &topic).await?;
    for parent in members.iter().filter(others).filter_map(|m| m.account_id) {
        tell_parent(state, &txn, parent, &topic).await?;
    }
    txn.commit().await?;
    state.outbox.wake();
    Ok(written)
}

/// Moves a conversation to the member's archive, or back to their inbox.
pub async fn archive(
    db: &sea_orm::DatabaseConnection,
    member: Member,
    id: i32,
    archived: bool,
    now: DateTime<Utc>,
) -> ServiceResult<()> {
    let (_, own) = membership(db, member, id).await?;
    let mut row: conversation_member::ActiveModel = own.into();
    row.archived_at = Set(archived.then_some(now));
    row.update(db).await?;
    Ok(())
}

fn staff_member(staff_id: i32, platform_id: i32) -> Member {
    Member::Staff {
        staff_id,
        platform_id,
    }
}

async fn new_conversation(
    db: &impl ConnectionTrait,
    child: &student::Model,
    subject: &str,
    now: DateTime<Utc>,
) -> ServiceResult<i32> {
    let row = conversation::ActiveModel {
        platform_id: Set(child.platform_id),
        student_id: Set(child.id),
        subject: Set(subject.trim().to_owned()),
        created_at: Set(now),
        last_message_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(row.id)
}

/// Makes `member` one of the conversation's members.
pub async fn add_member(
    db: &impl ConnectionTrait,
    conversation: i32,
    member: Member,
) -> ServiceResult<()> {
    let (account_id, staff_id) = match member {
        Member::Parent(account) => (Some(account), None),
        Member::Staff { staff_id, .. } => (None, Some(staff_id)),
    };
    conversation_member::ActiveModel {
        conversation_id: Set(conversation),
        account_id: Set(account_id),
        staff_id: Set(staff_id),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

async fn write_message(
    db: &impl ConnectionTrait,
    conversation: i32,
    author: Member,
    body: &str,
    urgent: bool,
    files: &[i32],
    now: DateTime<Utc>,
) -> ServiceResult<i32> {
    let (author_account_id, author_staff_id) = match author {
        Member::Parent(account) => (Some(account), None),
        Member::Staff { staff_id, .. } => (None, Some(staff_id)),
    };
    let row = message::ActiveModel {
        conversation_id: Set(conversation),
        author_account_id: Set(author_account_id),
        author_staff_id: Set(author_staff_id),
        body: Set(body.trim_end().to_owned()),
        html: Set(markdown::message_to_safe_html(body.trim_end())),
        urgent: Set(urgent),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    attachments::attach(db, row.id, files).await?;
    conversation::Entity::update_many()
        .col_expr(conversation::Column::LastMessageAt, Expr::value(now))
        .filter(conversation::Column::Id.eq(conversation))
        .exec(db)
        .await?;
    Ok(row.id)
}

/// The author has read what they wrote.
async fn mark_read(
    db: &impl ConnectionTrait,
    conversation: i32,
    member: Member,
    message: i32,
) -> ServiceResult<()> {
    conversation_member::Entity::update_many()
        .col_expr(
            conversation_member::Column::LastReadMessageId,
            Expr::value(message),
        )
        .filter(conversation_member::Column::ConversationId.eq(conversation))
        .filter(member.column_filter())
        .exec(db)
        .await?;
    Ok(())
}
