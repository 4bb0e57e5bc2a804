//! Parent accounts: signing in with a letter or one's own password, choosing a password, the
//! profile and its e-mail confirmation.
use super::{
    AppState,
    clock::Clock,
    entities::{mailed_link::Purpose, parent_account, parent_slot},
    error::{ServiceError, ServiceResult},
    letters, lookups,
    mail::Mail,
    mailed_links, passwords,
    sessions::CurrentSession,
};
use crate::domain::routes;
use crate::domain::{
    identifier::Identifier,
    password::{PasswordProblem, check_new_password},
    profile::ProfileForm,
};
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, DbErr, EntityTrait, IntoActiveModel,
    QueryFilter, Set, TransactionTrait, sea_query::Expr,
};

/// A parent who proved who they are.
pub struct SignedIn {
    pub account_id: i32,
    pub student_id: i32,
}

/// Checks an identifier and a password: the letter's temporary password of one of the child's
/// slots, or the own password of the account that claimed a slot. A letter used for the first time
/// creates the parent's account and claims the slot for it, unless it expired.
#[tracing::instrument(skip_all)]
pub async fn sign_in(
    db: &DatabaseConnection,
    clock: &Clock,
    identifier: &Identifier,
    password: &str,
) -> ServiceResult<SignedIn> {
    let child = lookups::child_by_identifier(db, identifier).await?;
    let slots = lookups::slots_of(db, child.as_ref()).await?;

    // Each slot opens with its account's own password once chosen, with its letter before.
    let mut hashes = Vec::new();
    for slot in &slots {
        let account = match slot.account_id {
            Some(id) => lookups::account(db, id).await?,
            None => None,
        };
        let own = account.and_then(|account| account.password_hash);
        hashes.push(own.or_else(|| slot.temporary_password_hash.clone()));
    }
    let matched = passwords::first_match(password, hashes)
        .await?
        .map(|index| slots[index].clone());
    let (Some(child), Some(slot)) = (child, matched) else {
        return Err(ServiceError::SignInRefused);
    };
    let account_id = match slot.account_id {
        Some(id) => id,
        None => {
            letters::still_valid(&slot, clock.now())?;
            claim_with_new_account(db, slot, clock.now()).await?
        }
    };
    Ok(SignedIn {
        account_id,
        student_id: child.id,
    })
}

/// A letter's first use: a new account, which the slot now belongs to. Two first sign-ins racing
/// on one letter end up in the same account: only the first claim counts.
async fn claim_with_new_account(
    db: &DatabaseConnection,
    slot: parent_slot::Model,
    now: DateTime<Utc>,
) -> Result<i32, DbErr> {
    let txn = db.begin().await?;
    let account = parent_account::ActiveModel {
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let claimed = parent_slot::Entity::update_many()
        .col_expr(parent_slot::Column::AccountId, Expr::value(account.id))
        .col_expr(parent_slot::Column::ClaimedAt, Expr::value(now))
        .col_expr(parent_slot::Column::LinkConfirmedAt, Expr::value(now))
        .filter(parent_slot::Column::Id.eq(slot.id))
        .filter(parent_slot::Column::AccountId.is_null())
        .exec(&txn)
        .await?;
    if claimed.rows_affected == 1 {
        txn.commit().await?;
        return Ok(account.id);
    }
    txn.rollback().await?;
    let winner = parent_slot::Entity::find_by_id(slot.id)
        .one(db)
        .await?
        .and_then(|slot| slot.account_id);
    winner.ok_or_else(|| DbErr::RecordNotFound("the claimed slot".into()))
}

/// The account a session belongs to (sessions end with their account, so it exists).
pub async fn of_session(
    db: &DatabaseConnection,
    session: &CurrentSession,
) -> ServiceResult<parent_account::Model> {
    lookups::account(db, session.account_id)
        .await?
        .ok_or(ServiceError::NotSignedIn)
}

/// Replaces the letter's temporary password with the parent's own; from then on no letter of the
/// account's slots opens it any more.
#[tracing::instrument(skip_all, fields(account = session.account_id))]
pub async fn choose_password(
    db: &DatabaseConnection,
    clock: &Clock,
    session: &CurrentSession,
    new_password: &str,
    repeated: &str,
) -> ServiceResult<()> {
    check_new_password(new_password, repeated).map_err(ServiceError::Password)?;
    let letters = parent_slot::Entity::find()
        .filter(parent_slot::Column::AccountId.eq(session.account_id))
        .filter(parent_slot::Column::TemporaryPasswordHash.is_not_null())
        .all(db)
        .await?;
    for slot in &letters {
        let letter = slot.temporary_password_hash.clone();
        if passwords::verify(new_password.to_owned(), letter).await? {
            return Err(ServiceError::Password(PasswordProblem::SameAsTemporary));
        }
    }
    let hash = passwords::hash(new_password.to_owned()).await;
    // The letters' hashes stay: an account's own password takes precedence over them at sign-in,
    // and they let "Ajouter des enfants" tell a letter already used from a wrong one.
    let mut account = of_session(db, session).await?.into_active_model();
    account.password_hash = Set(Some(hash));
    account.password_changed_at = Set(Some(clock.now()));
    account.update(db).await?;
    Ok(())
}

pub fn profile_is_complete(account: &parent_account::Model) -> bool {
    let named = account.first_name.is_some() && account.last_name.is_some();
    named && account.role.is_some() && account.email.is_some()
}

/// Saves the profile; a new (or still unconfirmed) address receives a confirmation link.
#[tracing::instrument(skip_all, fields(account = session.account_id))]
pub async fn save_profile(
    state: &AppState,
    session: &CurrentSession,
    form: ProfileForm,
) -> ServiceResult<()> {
    let profile = form.validate().map_err(ServiceError::Invalid)?;
    let current = of_session(&state.db, session).await?;
    let email_changed = current.email.as_deref() != Some(profile.email.as_str());
    let needs_confirmation = email_changed || current.email_confirmed_at.is_none();
    let mut account = current.into_active_model();
    account.first_name = Set(Some(profile.first_name));
    account.last_name = Set(Some(profile.last_name));
    account.role = Set(Some(profile.role));
    account.phone = Set(profile.phone);
    account.mobile = Set(profile.mobile);
    if email_changed {
        account.email = Set(Some(profile.email.to_string()));
        account.email_confirmed_at = Set(None);
    }
    account.update(&state.db).await?;
    if needs_confirmation {
        send_confirmation(state, session.account_id, profile.email.as_str()).await?;
    }
    Ok(())
}

/// Mails a fresh single-use link to confirm `email`; earlier links of the account stop working.
pub async fn send_confirmation(
    state: &AppState,
    account_id: i32,
    email: &str,
) -> ServiceResult<()> {
    let lifetime = state.settings.email_link_lifetime;
    let (db, now) = (&state.db, state.clock.now());
    let purpose = Purpose::EmailConfirmation;
    let token = mailed_links::issue(db, purpose, account_id, Some(email), now, lifetime).await?;
    let (site, page) = (&state.settings.public_url, routes::CONFIRM_EMAIL);
    let link = format!("{site}{page}?jeton={token}");
    let mail = Mail {
        to: email.to_owned(),
        subject: "Confirmez votre adresse e-mail".into(),
        body: format!(
            "Bonjour,\n\nPour que l'école puisse vous joindre à cette adresse, confirmez-la en ouvrant ce lien \
             (valable {} heures, une seule fois) :\n\n{link}\n\nSi vous n'êtes pas à l'origine de cette demande, \
             ignorez ce message.\n\nCartable",
            lifetime.num_hours()
        ),
    };
    if state.mailer.writes_outbox() {
        tracing::info!(%link, "confirmation link (no SMTP_URL: mail kept in the outbox)");
    }
    if let Err(error) = state.mailer.send(&state.settings.mail_from, mail).await {
        // The profile is saved all the same; the home page offers to send the link again.
        tracing::warn!(%error, "the confirmation e-mail could not be sent");
    }
    Ok(())
}

/// Uses a confirmation link: once, before it expires, for the address the account still has.
#[tracing::instrument(skip_all)]
pub async fn confirm_email(
    db: &DatabaseConnection,
    clock: &Clock,
    token: &str,
) -> ServiceResult<()> {
    let now = clock.now();
    let link = mailed_links::usable(db, Purpose::EmailConfirmation, token, now).await?;
    let txn = db.begin().await?;
    mailed_links::redeem(&txn, &link, now).await?;
    let confirmed = parent_account::Entity::update_many()
        .col_expr(
            parent_account::Column::EmailConfirmedAt,
            Expr::value(Some(now)),
        )
        .filter(parent_account::Column::Id.eq(link.account_id))
        .filter(parent_account::Column::Email.eq(link.email))
        .exec(&txn)
        .await?;
    // The account has another address since: this link confirms nothing.
    if confirmed.rows_affected != 1 {
        return Err(ServiceError::LinkInvalid(Purpose::EmailConfirmation));
    }
    txn.commit().await?;
    Ok(())
}
