//! What Cartable holds on a parent, for them to take away (GDPR articles 15 and 20), and its
//! erasure (article 17, in `erase`). The export is everything tied to their account, readable as
//! JSON.
mod erase;

use super::entities::{
    absence, audit_event, calendar_feed, consent, conversation, conversation_member,
    intradesk_open, message, notification, notification_setting, parent_account, parent_slot,
    platform, push_subscription, second_factor, session, student, survey_answer, survey_response,
};
use chrono::{DateTime, Utc};
pub use erase::{Erased, erase};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder};
use serde::Serialize;
use std::collections::HashMap;

#[derive(Debug, Serialize)]
pub struct Export {
    pub exported_at: DateTime<Utc>,
    pub account: Account,
    pub children: Vec<Child>,
    pub terms_decisions: Vec<TermsDecision>,
    pub signed_in_devices: Vec<Device>,
    pub notification_settings: Option<serde_json::Value>,
    pub notifications: Vec<serde_json::Value>,
    pub push_devices: Vec<serde_json::Value>,
    /// When the parent's calendar address was made, if they have one.
    pub calendar_feed_made_at: Option<DateTime<Utc>>,
    /// The absences the parent reported (the certificates are the school's to keep or not).
    pub absences_reported: Vec<serde_json::Value>,
    /// When the parent first opened each of the school's shared documents (by its id).
    pub documents_opened: Vec<serde_json::Value>,
    /// The parent's answers to the school's surveys (by survey and question ids).
    pub survey_answers: Vec<serde_json::Value>,
    pub conversations: Vec<Conversation>,
    pub security_log: Vec<serde_json::Value>,
}

#[derive(Debug, Serialize)]
pub struct Account {
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub role: Option<String>,
    pub email: Option<String>,
    pub email_confirmed_at: Option<DateTime<Utc>>,
    pub phone: Option<String>,
    pub mobile: Option<String>,
    pub language: Option<String>,
    pub created_at: DateTime<Utc>,
    pub password_changed_at: Option<DateTime<Utc>>,
    pub second_factor: bool,
}

#[derive(Debug, Serialize)]
pub struct Child {
    pub first_name: String,
    pub last_name: String,
    pub identifier: String,
    pub class: Option<String>,
    pub school: String,
    pub linked_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Serialize)]
pub struct TermsDecision {
    pub child: String,
    pub terms_version: i32,
    pub decision: String,
    pub decided_at: DateTime<Utc>,
}

#[derive(Debug, Serialize)]
pub struct Device {
    pub user_agent: Option<String>,
    pub ip: Option<String>,
    pub signed_in_at: DateTime<Utc>,
    pub last_seen_at: DateTime<Utc>,
}

#[derive(Debug, Serialize)]
pub struct Conversation {
    pub subject: String,
    pub child: String,
    pub messages: Vec<Message>,
}

#[derive(Debug, Serialize)]
pub struct Message {
    pub written_at: DateTime<Utc>,
    pub by_me: bool,
    pub text: String,
}

/// The parent whose account has `email`.
pub async fn parent_by_email(
    db: &impl ConnectionTrait,
    email: &str,
) -> Result<Option<parent_account::Model>, DbErr> {
    parent_account::Entity::find()
        .filter(parent_account::Column::Email.eq(email.trim().to_lowercase()))
        .one(db)
        .await
}

/// Everything held on `account`.
pub async fn export(
    db: &impl ConnectionTrait,
    account: &parent_account::Model,
    now: DateTime<Utc>,
) -> Result<Export, DbErr> {
    let id = account.id;
    let slots = parent_slot::Entity::find()
        .filter(parent_slot::Column::AccountId.eq(id))
        .all(db)
        .await?;
    let students: HashMap<i32, student::Model> = student::Entity::find()
        .filter(student::Column::Id.is_in(slots.iter().map(|slot| slot.student_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|child| (child.id, child))
        .collect();
    let schools: HashMap<i32, String> = platform::Entity::find()
        .filter(platform::Column::Id.is_in(students.values().map(|child| child.platform_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|school| (school.id, school.name))
        .collect();
    let name_of = |student: i32| {
        students
            .get(&student)
            .map(|child| format!("{} {}", child.first_name, child.last_name))
            .unwrap_or_default()
    };
    let children = slots
        .iter()
        .filter_map(|slot| {
            let child = students.get(&slot.student_id)?;
            Some(Child {
                first_name: child.first_name.clone(),
                last_name: child.last_name.clone(),
                identifier: child.identifier.clone(),
                class: child.class_name.clone(),
                school: schools.get(&child.platform_id).cloned().unwrap_or_default(),
                linked_at: slot.claimed_at,
            })
        })
        .collect();
    let terms_decisions = consent::Entity::find()
        .filter(consent::Column::AccountId.eq(id))
        .order_by_asc(consent::Column::DecidedAt)
        .all(db)
        .await?
        .into_iter()
        .map(|row| TermsDecision {
            child: name_of(row.student_id),
            terms_version: row.terms_version_id,
            decision: format!("{:?}", row.decision).to_lowercase(),
            decided_at: row.decided_at,
        })
        .collect();
    let signed_in_devices = session::Entity::find()
        .filter(session::Column::AccountId.eq(id))
        .all(db)
        .await?
        .into_iter()
        .map(|row| Device {
            user_agent: row.user_agent,
            ip: row.ip,
            signed_in_at: row.created_at,
            last_seen_at: row.last_seen_at,
        })
        .collect();
    let notification_settings = notification_setting::Entity::find_by_id(id)
        .one(db)
        .await?
        .map(|row| {
            serde_json::json!({
                "by_mail": row.by_mail, "by_push": row.by_push,
                "quiet_from_minute": row.quiet_from, "quiet_until_minute": row.quiet_until,
            })
        });
    let notifications = notification::Entity::find()
        .filter(notification::Column::AccountId.eq(id))
        .order_by_asc(notification::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|row| {
            serde_json::json!({
                "kind": row.kind, "title": row.title, "link": row.link,
                "child": row.student_id.map(name_of), "created_at": row.created_at,
                "seen_at": row.seen_at,
            })
        })
        .collect();
    let push_devices = push_subscription::Entity::find()
        .filter(push_subscription::Column::AccountId.eq(id))
        .all(db)
        .await?
        .into_iter()
        .map(|row| serde_json::json!({ "device": row.device, "added_at": row.created_at }))
        .collect();
    let calendar_feed_made_at = calendar_feed::Entity::find_by_id(id)
        .one(db)
        .await?
        .map(|feed| feed.created_at);
    let absences_reported = absence::Entity::find()
        .filter(absence::Column::ReportedBy.eq(id))
        .order_by_asc(absence::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|row| {
            serde_json::json!({
                "child": name_of(row.student_id), "span": row.span, "first_day": row.first_day,
                "last_day": row.last_day, "reason": row.reason,
                "certificate": row.certificate_id.is_some(), "reported_at": row.reported_at,
                "acknowledged_at": row.acknowledged_at,
            })
        })
        .collect();
    let documents_opened = intradesk_open::Entity::find()
        .filter(intradesk_open::Column::AccountId.eq(id))
        .all(db)
        .await?
        .into_iter()
        .map(|row| serde_json::json!({ "document": row.document_id, "opened_at": row.opened_at }))
        .collect();
    let survey_answers = survey_answers(db, id, &name_of).await?;
    let security_log = audit_event::Entity::find()
        .filter(audit_event::Column::AccountId.eq(id))
        .order_by_asc(audit_event::Column::At)
        .all(db)
        .await?
        .into_iter()
        .map(|row| {
            serde_json::json!({
                "event": format!("{:?}", row.kind), "detail": row.detail, "ip": row.ip,
                "user_agent": row.user_agent, "at": row.at,
            })
        })
        .collect();
    let second_factor = second_factor::Entity::find()
        .filter(second_factor::Column::AccountId.eq(id))
        .filter(second_factor::Column::EnabledAt.is_not_null())
        .one(db)
        .await?
        .is_some();
    Ok(Export {
        exported_at: now,
        account: Account {
            first_name: account.first_name.clone(),
            last_name: account.last_name.clone(),
            role: account.role.map(|role| format!("{role:?}").to_lowercase()),
            email: account.email.clone(),
            email_confirmed_at: account.email_confirmed_at,
            phone: account.phone.clone(),
            mobile: account.mobile.clone(),
            language: account.language.clone(),
            created_at: account.created_at,
            password_changed_at: account.password_changed_at,
            second_factor,
        },
        children,
        terms_decisions,
        signed_in_devices,
        notification_settings,
        notifications,
        push_devices,
        calendar_feed_made_at,
        absences_reported,
        documents_opened,
        survey_answers,
        conversations: conversations(db, id, &name_of).await?,
        security_log,
    })
}

/// The parent's answers to surveys, each with its child.
async fn survey_answers(
    db: &impl ConnectionTrait,
    account: i32,
    name_of: &impl Fn(i32) -> String,
) -> Result<Vec<serde_json::Value>, DbErr> {
    let mut given = Vec::new();
    for response in survey_response::Entity::find()
        .filter(survey_response::Column::AccountId.eq(account))
        .all(db)
        .await?
    {
        let answers: Vec<serde_json::Value> = survey_answer::Entity::find()
            .filter(survey_answer::Column::ResponseId.eq(response.id))
            .all(db)
            .await?
            .into_iter()
            .map(|a| serde_json::json!({ "question": a.question_id, "answer": a.value }))
            .collect();
        given.push(serde_json::json!({
            "survey": response.survey_id, "child": name_of(response.student_id),
            "answered_at": response.answered_at, "answers": answers,
        }));
    }
    Ok(given)
}

/// The conversations the parent is a member of, with every message in them.
async fn conversations(
    db: &impl ConnectionTrait,
    account: i32,
    name_of: &impl Fn(i32) -> String,
) -> Result<Vec<Conversation>, DbErr> {
    let ids: Vec<i32> = conversation_member::Entity::find()
        .filter(conversation_member::Column::AccountId.eq(account))
        .all(db)
        .await?
        .into_iter()
        .map(|member| member.conversation_id)
        .collect();
    let mut found = Vec::new();
    for row in conversation::Entity::find()
        .filter(conversation::Column::Id.is_in(ids))
        .order_by_asc(conversation::Column::Id)
        .all(db)
        .await?
    {
        let messages = message::Entity::find()
            .filter(message::Column::ConversationId.eq(row.id))
            .order_by_asc(message::Column::Id)
            .all(db)
            .await?
            .into_iter()
            .map(|written| Message {
                written_at: written.created_at,
                by_me: written.author_account_id == Some(account),
                text: written.body,
            })
            .collect();
        found.push(Conversation {
            subject: row.subject,
            child: name_of(row.student_id),
            messages,
        });
    }
    Ok(found)
}
