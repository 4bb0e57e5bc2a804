//! Writing: a parent starts a conversation with a teacher of their child or the school's
//! administrators; staff write to the parents of a student, a class, a course or the school (one
//! conversation per parent and child); any member replies; each member archives for themself.
//! The message, its members, its files and the mails that announce it are one transaction.
use super::{
    Member, attachments, full_name, holds_letter, membership,
    notices::{self, Notice},
};
use crate::{
    domain::{messages::Attachment, notifications::Kind, routes},
    language::Locale,
    server::{
        AppState,
        db::write_transaction,
        entities::{
            conversation, conversation_member, course, course_student, course_teacher, message,
            parent_account, parent_slot, staff_account, staff_membership, student,
        },
        error::{ServiceError, ServiceResult},
        markdown, notifications,
        staff::{Caller, Role, access},
    },
};
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect, Set,
    sea_query::Expr,
};

/// Who a parent writes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recipient {
    /// A teacher of one of the child's courses.
    Teacher(i32),
    /// The school's administrators, together.
    Administrators,
}

/// Who staff write to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Audience {
    Student(i32),
    Class(String),
    Course(i32),
    /// Administrators only.
    School,
}

/// What a staff member's message reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sent {
    /// One per parent and child.
    pub conversations: usize,
    /// Students of the audience no parent of whom has an account yet.
    pub unreached: usize,
}

/// The teachers a parent may write to about `child`: those of the child's courses, with an
/// active membership of the child's school, by name.
pub async fn recipients_for(
    db: &impl ConnectionTrait,
    child: &student::Model,
) -> Result<Vec<(i32, String)>, sea_orm::DbErr> {
    let courses: Vec<i32> = course_student::Entity::find()
        .select_only()
        .column(course_student::Column::CourseId)
        .filter(course_student::Column::StudentId.eq(child.id))
        .into_tuple()
        .all(db)
        .await?;
    let teachers: Vec<i32> = course_teacher::Entity::find()
        .select_only()
        .column(course_teacher::Column::StaffId)
        .filter(course_teacher::Column::CourseId.is_in(courses))
        .into_tuple()
        .all(db)
        .await?;
    active_staff(db, child.platform_id, Some(teachers), None).await
}

/// The active staff of a school among `among` (all if `None`), of `role` (any if `None`).
async fn active_staff(
    db: &impl ConnectionTrait,
    platform: i32,
    among: Option<Vec<i32>>,
    role: Option<Role>,
) -> Result<Vec<(i32, String)>, sea_orm::DbErr> {
    let mut members = staff_membership::Entity::find()
        .select_only()
        .column(staff_membership::Column::StaffId)
        .filter(staff_membership::Column::PlatformId.eq(platform))
        .filter(staff_membership::Column::SuspendedAt.is_null());
    if let Some(among) = among {
        members = members.filter(staff_membership::Column::StaffId.is_in(among));
    }
    if let Some(role) = role {
        members = members.filter(staff_membership::Column::Role.eq(role));
    }
    let ids: Vec<i32> = members.into_tuple().all(db).await?;
    let mut staff: Vec<(i32, String)> = staff_account::Entity::find()
        .filter(staff_account::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|a| (a.id, format!("{} {}", a.first_name, a.last_name)))
        .collect();
    staff.sort_by(|a, b| a.1.cmp(&b.1));
    Ok(staff)
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
    let from = super::inbox::parent_name(account.first_name.clone(), account.last_name.clone());
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

/// Staff write to the parents of `audience`: one conversation per parent with an account and
/// child, each with this staff member and that parent alone.
pub async fn start_as_staff(
    state: &AppState,
    caller: &Caller,
    audience: &Audience,
    subject: &str,
    body: &str,
    urgent: bool,
    files: &[Attachment],
) -> ServiceResult<Sent> {
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
    let files = attachments::store(&txn, files, now).await?;
    let mut conversations = 0;
    for child in &students {
        for slot in slots.iter().filter(|slot| slot.student_id == child.id) {
            let Some(parent) = slot.account_id else {
                continue;
            };
            let conversation = new_conversation(&txn, child, subject, now).await?;
            add_member(&txn, conversation, author).await?;
            add_member(&txn, conversation, Member::Parent(parent)).await?;
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
            tell_parent(state, &txn, parent, &topic).await?;
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

/// The students of an audience, if the caller may write to it: a student they reach, one of their
/// classes, one of their courses; the whole school for administrators.
async fn audience_students(
    db: &sea_orm::DatabaseConnection,
    caller: &Caller,
    audience: &Audience,
) -> ServiceResult<Vec<student::Model>> {
    let of_school =
        student::Entity::find().filter(student::Column::PlatformId.eq(caller.platform_id));
    Ok(match audience {
        Audience::Student(id) => vec![access::reachable_student(db, caller, *id).await?],
        Audience::Class(class) => {
            access::require_classes(db, caller, std::slice::from_ref(class)).await?;
            of_school
                .filter(student::Column::ClassName.eq(class.as_str()))
                .all(db)
                .await?
        }
        Audience::Course(id) => {
            let found = course::Entity::find_by_id(*id)
                .filter(course::Column::PlatformId.eq(caller.platform_id))
                .one(db)
                .await?
                .ok_or(ServiceError::Forbidden)?;
            if !caller.is_admin() && !access::own_courses(db, caller).await?.contains(&found.id) {
                return Err(ServiceError::Forbidden);
            }
            let enrolled: Vec<i32> = course_student::Entity::find()
                .select_only()
                .column(course_student::Column::StudentId)
                .filter(course_student::Column::CourseId.eq(found.id))
                .into_tuple()
                .all(db)
                .await?;
            of_school
                .filter(student::Column::Id.is_in(enrolled))
                .all(db)
                .await?
        }
        Audience::School => {
            caller.require_admin()?;
            of_school.all(db).await?
        }
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

async fn add_member(
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

async fn author_name(db: &impl ConnectionTrait, member: Member) -> ServiceResult<String> {
    Ok(match member {
        Member::Parent(account) => {
            let found = parent_account::Entity::find_by_id(account).one(db).await?;
            let (first, last) = found.map_or((None, None), |a| (a.first_name, a.last_name));
            super::inbox::parent_name(first, last)
        }
        Member::Staff { staff_id, .. } => staff_account::Entity::find_by_id(staff_id)
            .one(db)
            .await?
            .map_or_else(String::new, |a| format!("{} {}", a.first_name, a.last_name)),
    })
}

/// What a notice is about.
struct Topic<'a> {
    conversation: i32,
    student: i32,
    child: &'a str,
    subject: &'a str,
    urgent: bool,
}

/// A parent is told through their notifications, delivered as they chose (an urgent message
/// bypasses their quiet hours and the digest).
async fn tell_parent(
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

async fn tell_staff(
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
        notices::write(db, state.clock.now(), notice).await?;
    }
    Ok(())
}
