//! The security log: who signed in (or failed to), changed or reset a password, linked a child,
//! removed a device, decided on the terms — with the time and the device. Staff read it with
//! `cartable audit`, parents their own recent events on the devices page.
use super::{entities::audit_event, lookups, sessions::Client};
use crate::{i18n::td_string, language::Locale};
use anyhow::{Context, bail};
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, DatabaseConnection, DbErr, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
};

pub use super::entities::audit_event::Kind;

impl Kind {
    /// What the parent reads on the devices page, in the words of `locale`.
    pub fn label(self, locale: Locale) -> &'static str {
        match self {
            Kind::SignInSucceeded => td_string!(locale, account.event_sign_in),
            Kind::SignInFailed => td_string!(locale, account.event_sign_in_failed),
            Kind::SignInThrottled => td_string!(locale, account.event_sign_in_throttled),
            Kind::SignInCodeSent => td_string!(locale, account.event_sign_in_code_sent),
            Kind::SignInCodeFailed => td_string!(locale, account.event_sign_in_code_failed),
            Kind::EmailChangeRequested => td_string!(locale, account.event_email_change_requested),
            Kind::EmailConfirmed => td_string!(locale, account.event_email_confirmed),
            Kind::SignedOut => td_string!(locale, account.event_signed_out),
            Kind::PasswordChanged => td_string!(locale, account.event_password_changed),
            Kind::PasswordResetRequested => {
                td_string!(locale, account.event_password_reset_requested)
            }
            Kind::PasswordReset => td_string!(locale, account.event_password_reset),
            Kind::EmailChanged => td_string!(locale, account.event_email_changed),
            Kind::ChildLinked => td_string!(locale, account.event_child_linked),
            Kind::ChildLinkRefused => td_string!(locale, account.event_child_link_refused),
            Kind::SessionRemoved => td_string!(locale, account.event_session_removed),
            Kind::OtherSessionsRemoved => td_string!(locale, account.event_other_sessions_removed),
            Kind::TermsAccepted => td_string!(locale, account.event_terms_accepted),
            Kind::TermsRefused => td_string!(locale, account.event_terms_refused),
            Kind::StaffAdded => td_string!(locale, account.event_staff_added),
            Kind::StaffSuspended => td_string!(locale, account.event_staff_suspended),
            Kind::StaffRestored => td_string!(locale, account.event_staff_restored),
            Kind::StaffRemoved => td_string!(locale, account.event_staff_removed),
            Kind::StaffPasswordChosen => td_string!(locale, account.event_staff_password_chosen),
            Kind::SecondFactorEnabled => td_string!(locale, account.event_second_factor_enabled),
            Kind::SecondFactorFailed => td_string!(locale, account.event_second_factor_failed),
            Kind::RecoveryCodeUsed => td_string!(locale, account.event_recovery_code_used),
            Kind::StudentAdded => td_string!(locale, account.event_student_added),
            Kind::StudentsImported => td_string!(locale, account.event_students_imported),
            Kind::StudentRemoved => td_string!(locale, account.event_student_removed),
            Kind::LettersPrinted => td_string!(locale, account.event_letters_printed),
            Kind::LetterReset => td_string!(locale, account.event_letter_reset),
            Kind::NewsPublished => td_string!(locale, account.event_news_published),
            Kind::NewsRemoved => td_string!(locale, account.event_news_removed),
            Kind::EventAdded => td_string!(locale, account.event_event_added),
            Kind::EventRemoved => td_string!(locale, account.event_event_removed),
            Kind::SecondFactorReset => td_string!(locale, account.event_second_factor_reset),
            Kind::SecondFactorDisabled => {
                td_string!(locale, account.event_second_factor_disabled)
            }
            Kind::CourseChanged => td_string!(locale, account.event_course_changed),
            Kind::TermsPublished => td_string!(locale, account.event_terms_published),
            Kind::SchoolChanged => td_string!(locale, account.event_school_changed),
            Kind::MessageSent => td_string!(locale, account.event_message_sent),
            Kind::CalendarFeedRenewed => td_string!(locale, account.event_calendar_feed_renewed),
            Kind::AbsenceAcknowledged => td_string!(locale, account.event_absence_acknowledged),
            Kind::DocumentShared => td_string!(locale, account.event_document_shared),
            Kind::DocumentRemoved => td_string!(locale, account.event_document_removed),
            Kind::FolderChanged => td_string!(locale, account.event_folder_changed),
            Kind::SurveyPublished => td_string!(locale, account.event_survey_published),
            Kind::SurveyReminded => td_string!(locale, account.event_survey_reminded),
            Kind::SurveyRemoved => td_string!(locale, account.event_survey_removed),
        }
    }
}

/// Writes one event. `detail` says what it concerns (an identifier typed, a child); never a secret.
pub async fn record(
    db: &DatabaseConnection,
    at: DateTime<Utc>,
    kind: Kind,
    account_id: Option<i32>,
    client: &Client,
    detail: Option<&str>,
) -> Result<(), DbErr> {
    // Sign-in failures, locks, codes…: counted for the metrics by kind, never by account.
    metrics::counter!("cartable_security_events_total", "kind" => format!("{kind:?}")).increment(1);
    audit_event::ActiveModel {
        account_id: Set(account_id),
        kind: Set(kind),
        detail: Set(detail.map(|d| d.chars().take(200).collect())),
        ip: Set(client.ip.clone()),
        user_agent: Set(client.user_agent.clone()),
        at: Set(at),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// Writes one event of a staff member acting in a platform, for the school's journal. `detail`
/// names what was touched (a student's identifier, a news title), never a secret nor a message.
pub async fn record_staff(
    db: &DatabaseConnection,
    at: DateTime<Utc>,
    kind: Kind,
    (staff_id, platform_id): (i32, i32),
    client: &Client,
    detail: Option<&str>,
) -> Result<(), DbErr> {
    audit_event::ActiveModel {
        staff_id: Set(Some(staff_id)),
        platform_id: Set(Some(platform_id)),
        kind: Set(kind),
        detail: Set(detail.map(|d| d.chars().take(200).collect())),
        ip: Set(client.ip.clone()),
        user_agent: Set(client.user_agent.clone()),
        at: Set(at),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// The account's latest events, newest first.
pub async fn recent(
    db: &DatabaseConnection,
    account_id: i32,
    limit: u64,
) -> Result<Vec<audit_event::Model>, DbErr> {
    audit_event::Entity::find()
        .filter(audit_event::Column::AccountId.eq(account_id))
        .order_by_desc(audit_event::Column::At)
        .order_by_desc(audit_event::Column::Id)
        .limit(limit)
        .all(db)
        .await
}

/// The security events of the accounts an identifier or an account id names, newest first.
pub async fn of_accounts(
    db: &DatabaseConnection,
    account: Option<i32>,
    identifier: Option<&str>,
    limit: u64,
) -> anyhow::Result<Vec<audit_event::Model>> {
    let mut accounts: Vec<i32> = account.into_iter().collect();
    let typed = identifier.map(super::students::staff_typed).transpose()?;
    if let Some(identifier) = &typed {
        let child = lookups::child_by_identifier(db, identifier)
            .await?
            .with_context(|| format!("aucun élève {identifier}"))?;
        let slots = lookups::slots_of(db, Some(&child)).await?;
        accounts.extend(slots.into_iter().filter_map(|slot| slot.account_id));
    }
    if accounts.is_empty() && typed.is_none() {
        bail!("indiquez un compte (--account) ou l'enfant dont montrer les parents (--identifier)");
    }
    // Failed sign-ins belong to no account: they are found by the identifier typed.
    let mut whose = Condition::any().add(audit_event::Column::AccountId.is_in(accounts));
    if let Some(identifier) = typed {
        whose = whose.add(audit_event::Column::Detail.eq(identifier.as_str()));
    }
    Ok(audit_event::Entity::find()
        .filter(whose)
        .order_by_desc(audit_event::Column::At)
        .order_by_desc(audit_event::Column::Id)
        .limit(limit)
        .all(db)
        .await?)
}
