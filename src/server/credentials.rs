//! A settled parent's credentials: changing the password or the e-mail address (both need the
//! current password), and the forgotten-password link mailed to a confirmed address.
use super::{
    AppState, accounts,
    audit::{self, Kind},
    devices,
    entities::{parent_account, password_reset, platform, student},
    home,
    mail::Mail,
    passwords,
    sessions::{Client, CurrentSession},
    tokens,
};
use crate::{
    api::AppError,
    domain::{
        contact::is_valid_email, identifier::normalize_identifier, password::check_new_password,
    },
};
use chrono::Duration;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, Set,
    sea_query::Expr,
};

/// How long a forgotten-password link works.
pub const RESET_LINK_MINUTES: i64 = 30;

const WRONG_CURRENT_PASSWORD: &str =
    "Ce n'est pas votre mot de passe actuel. Recopiez celui que vous utilisez pour vous connecter.";
pub const RESET_LINK_INVALID: &str = "Ce lien n'est plus valable : il a déjà servi ou il a expiré \
     (il ne vaut que 30 minutes). Demandez-en un nouveau.";

/// Checks the account's current password, under `field`.
async fn require_current_password(
    account: &parent_account::Model,
    password: &str,
    field: &str,
) -> Result<(), AppError> {
    if passwords::verify(password.to_owned(), account.password_hash.clone()).await {
        Ok(())
    } else {
        Err(AppError::field(field, WRONG_CURRENT_PASSWORD))
    }
}

/// "Modifier mon mot de passe": the current one, then a new one by the rule of the first sign-in.
/// Other devices are signed out when the parent asks for it (the page's default).
pub async fn change_password(
    state: &AppState,
    session: &CurrentSession,
    current: &str,
    new_password: &str,
    repeated: &str,
    sign_out_others: bool,
) -> Result<(), AppError> {
    let account = accounts::account(&state.db, session.account_id).await?;
    require_current_password(&account, current, "current_password").await?;
    check_new_password(new_password, repeated).map_err(accounts::password_error)?;
    let hash = passwords::hash(new_password.to_owned()).await;
    let mut row: parent_account::ActiveModel = account.into();
    row.password_hash = Set(Some(hash));
    row.password_changed_at = Set(Some(state.clock.now()));
    row.update(&state.db).await?;
    let client = Client::of_request();
    let now = state.clock.now();
    let account_id = Some(session.account_id);
    audit::record(
        &state.db,
        now,
        Kind::PasswordChanged,
        account_id,
        &client,
        None,
    )
    .await?;
    if sign_out_others {
        let removed = devices::remove_others(&state.db, session).await?;
        let detail = format!("{removed} appareil(s)");
        audit::record(
            &state.db,
            now,
            Kind::OtherSessionsRemoved,
            account_id,
            &client,
            Some(&detail),
        )
        .await?;
    }
    Ok(())
}

/// A new e-mail address, confirmed by the link mailed to it; the current password is asked first.
pub async fn change_email(
    state: &AppState,
    session: &CurrentSession,
    email: &str,
    current: &str,
) -> Result<String, AppError> {
    let email = email.trim().to_lowercase();
    if !is_valid_email(&email) {
        return Err(AppError::field(
            "email",
            "Cette adresse e-mail n'est pas valide (exemple : prenom.nom@exemple.be).",
        ));
    }
    let account = accounts::account(&state.db, session.account_id).await?;
    require_current_password(&account, current, "current_password").await?;
    let mut row: parent_account::ActiveModel = account.into();
    row.email = Set(Some(email.clone()));
    row.email_confirmed_at = Set(None);
    row.update(&state.db).await?;
    accounts::send_confirmation(state, session.account_id, &email).await?;
    let (now, client) = (state.clock.now(), Client::of_request());
    audit::record(
        &state.db,
        now,
        Kind::EmailChanged,
        Some(session.account_id),
        &client,
        Some(&email),
    )
    .await?;
    Ok(email)
}

/// The accounts a forgotten-password request names: through a child's identifier (any linked
/// child's), or through a confirmed address.
async fn accounts_named_by(
    db: &DatabaseConnection,
    who: &str,
) -> Result<Vec<parent_account::Model>, DbErr> {
    let by_child = student::Entity::find()
        .filter(student::Column::Identifier.eq(normalize_identifier(who)))
        .one(db)
        .await?;
    let ids: Vec<i32> = super::children::slots_of(db, by_child.as_ref())
        .await?
        .into_iter()
        .filter_map(|slot| slot.account_id)
        .collect();
    let by_email = parent_account::Entity::find()
        .filter(parent_account::Column::Email.eq(who.trim().to_lowercase()))
        .filter(parent_account::Column::EmailConfirmedAt.is_not_null())
        .all(db)
        .await?;
    let by_child = parent_account::Entity::find()
        .filter(parent_account::Column::Id.is_in(ids))
        .filter(parent_account::Column::EmailConfirmedAt.is_not_null())
        .all(db)
        .await?;
    let mut accounts = by_child;
    for account in by_email {
        if !accounts.iter().any(|known| known.id == account.id) {
            accounts.push(account);
        }
    }
    Ok(accounts)
}

/// Mails a reset link to every account `who` names that has a confirmed address. Runs after the
/// answer was sent, so that the answer and its timing say nothing about what exists.
pub async fn send_reset_links(
    state: AppState,
    who: String,
    client: Client,
) -> Result<(), AppError> {
    for account in accounts_named_by(&state.db, &who).await? {
        let Some(email) = account.email.clone() else {
            continue;
        };
        let token = tokens::generate();
        let now = state.clock.now();
        password_reset::ActiveModel {
            account_id: Set(account.id),
            token_hash: Set(tokens::digest(&token)),
            expires_at: Set(now + Duration::minutes(RESET_LINK_MINUTES)),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(&state.db)
        .await?;
        let link = format!(
            "{}/nouveau-mot-de-passe?jeton={token}",
            state.settings.public_url
        );
        let mail = Mail {
            to: email,
            subject: "Choisir un nouveau mot de passe".into(),
            body: format!(
                "Bonjour,\n\nQuelqu'un (vous, sans doute) a demandé un nouveau mot de passe pour votre compte Cartable. \
                 Pour le choisir, ouvrez ce lien (valable {RESET_LINK_MINUTES} minutes, une seule fois) :\n\n{link}\n\n\
                 Si vous n'êtes pas à l'origine de cette demande, ignorez ce message : votre mot de passe ne change pas.\n\nCartable"
            ),
        };
        state
            .mailer
            .send(&state.settings.mail_from, mail)
            .await
            .map_err(|error| {
                tracing::error!(%error, "reset mail not sent");
                AppError::Internal
            })?;
        audit::record(
            &state.db,
            now,
            Kind::PasswordResetRequested,
            Some(account.id),
            &client,
            None,
        )
        .await?;
    }
    Ok(())
}

/// The administrators to write to when no link can come: those of the platform whose students'
/// identifiers end with `domain`.
pub async fn admins_for(db: &DatabaseConnection, domain: &str) -> Result<Vec<String>, DbErr> {
    let school = platform::Entity::find()
        .filter(platform::Column::Domain.eq(domain.trim().to_lowercase()))
        .one(db)
        .await?;
    match school {
        Some(school) => home::admins_of(db, school.id).await,
        None => Ok(Vec::new()),
    }
}

/// "Nouveau mot de passe" from a mailed link: once, within 30 minutes. Every session of the account
/// ends, and the parent is told by mail.
pub async fn reset_password(
    state: &AppState,
    token: &str,
    new_password: &str,
    repeated: &str,
) -> Result<(), AppError> {
    let now = state.clock.now();
    let link = password_reset::Entity::find()
        .filter(password_reset::Column::TokenHash.eq(tokens::digest(token)))
        .one(&state.db)
        .await?
        .filter(|link| link.used_at.is_none() && link.expires_at > now)
        .ok_or_else(|| AppError::Refused(RESET_LINK_INVALID.into()))?;
    check_new_password(new_password, repeated).map_err(accounts::password_error)?;
    let hash = passwords::hash(new_password.to_owned()).await;
    // Used up first, and only if nobody used it in the meantime: a link works once.
    let used = password_reset::Entity::update_many()
        .col_expr(password_reset::Column::UsedAt, Expr::value(now))
        .filter(password_reset::Column::Id.eq(link.id))
        .filter(password_reset::Column::UsedAt.is_null())
        .exec(&state.db)
        .await?;
    if used.rows_affected != 1 {
        return Err(AppError::Refused(RESET_LINK_INVALID.into()));
    }
    let account = accounts::account(&state.db, link.account_id).await?;
    let email = account.email.clone();
    let mut row: parent_account::ActiveModel = account.into();
    row.password_hash = Set(Some(hash));
    row.password_changed_at = Set(Some(now));
    row.update(&state.db).await?;
    devices::remove_all(&state.db, link.account_id).await?;
    let client = Client::of_request();
    audit::record(
        &state.db,
        now,
        Kind::PasswordReset,
        Some(link.account_id),
        &client,
        None,
    )
    .await?;
    if let Some(email) = email {
        let mail = Mail {
            to: email,
            subject: "Votre mot de passe a été modifié".into(),
            body: "Bonjour,\n\nLe mot de passe de votre compte Cartable vient d'être modifié à l'aide d'un lien \
                   envoyé à cette adresse, et tous vos appareils ont été déconnectés.\n\nSi ce n'était pas vous, \
                   demandez tout de suite un nouveau mot de passe depuis la page de connexion et prévenez les \
                   administrateurs de la plateforme de l'école.\n\nCartable"
                .into(),
        };
        if let Err(error) = state.mailer.send(&state.settings.mail_from, mail).await {
            tracing::error!(%error, "password-changed notice not sent");
        }
    }
    Ok(())
}
