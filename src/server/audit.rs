//! The security log: who signed in (or failed to), changed or reset a password, linked a child,
//! removed a device, decided on the terms — with the time and the device. Staff read it with
//! `cartable audit`, parents their own recent events on the devices page.
use super::{entities::audit_event, sessions::Client};
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    SignInSucceeded,
    SignInFailed,
    SignInThrottled,
    SignedOut,
    PasswordChanged,
    PasswordResetRequested,
    PasswordReset,
    EmailChanged,
    ChildLinked,
    ChildLinkRefused,
    SessionRemoved,
    OtherSessionsRemoved,
    TermsAccepted,
    TermsRefused,
}

impl Kind {
    const ALL: [Kind; 14] = [
        Kind::SignInSucceeded,
        Kind::SignInFailed,
        Kind::SignInThrottled,
        Kind::SignedOut,
        Kind::PasswordChanged,
        Kind::PasswordResetRequested,
        Kind::PasswordReset,
        Kind::EmailChanged,
        Kind::ChildLinked,
        Kind::ChildLinkRefused,
        Kind::SessionRemoved,
        Kind::OtherSessionsRemoved,
        Kind::TermsAccepted,
        Kind::TermsRefused,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Kind::SignInSucceeded => "sign_in",
            Kind::SignInFailed => "sign_in_failed",
            Kind::SignInThrottled => "sign_in_throttled",
            Kind::SignedOut => "sign_out",
            Kind::PasswordChanged => "password_changed",
            Kind::PasswordResetRequested => "password_reset_requested",
            Kind::PasswordReset => "password_reset",
            Kind::EmailChanged => "email_changed",
            Kind::ChildLinked => "child_linked",
            Kind::ChildLinkRefused => "child_link_refused",
            Kind::SessionRemoved => "session_removed",
            Kind::OtherSessionsRemoved => "other_sessions_removed",
            Kind::TermsAccepted => "terms_accepted",
            Kind::TermsRefused => "terms_refused",
        }
    }

    pub fn of_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.code() == code)
    }

    /// What the parent reads on the devices page.
    pub fn label(self) -> &'static str {
        match self {
            Kind::SignInSucceeded => "Connexion",
            Kind::SignInFailed => "Mot de passe erroné",
            Kind::SignInThrottled => "Connexion bloquée après trop de tentatives",
            Kind::SignedOut => "Déconnexion",
            Kind::PasswordChanged => "Mot de passe modifié",
            Kind::PasswordResetRequested => "Lien de nouveau mot de passe demandé",
            Kind::PasswordReset => "Mot de passe réinitialisé par e-mail",
            Kind::EmailChanged => "Adresse e-mail modifiée",
            Kind::ChildLinked => "Enfant ajouté",
            Kind::ChildLinkRefused => "Ajout d'enfant refusé",
            Kind::SessionRemoved => "Appareil déconnecté",
            Kind::OtherSessionsRemoved => "Autres appareils déconnectés",
            Kind::TermsAccepted => "Conditions d'utilisation acceptées",
            Kind::TermsRefused => "Conditions d'utilisation refusées",
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
    audit_event::ActiveModel {
        account_id: Set(account_id),
        kind: Set(kind.code().to_owned()),
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
