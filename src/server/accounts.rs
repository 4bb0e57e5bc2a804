//! Parent accounts: signing in with a letter or one's own password, choosing a password, the
//! profile and its e-mail confirmation.
use super::{
    AppState, audit,
    clock::Clock,
    entities::{mailed_link::Purpose, parent_account, parent_slot},
    error::{ServiceError, ServiceResult},
    letters, lookups,
    mail::Mail,
    mailed_links, passwords,
    sessions::{Client, CurrentSession},
};
use crate::domain::routes;
use crate::domain::{
    identifier::Identifier,
    password::{PasswordProblem, check_new_password_for},
    profile::ProfileForm,
};
use crate::{
    i18n::td_string,
    language::{self, Locale},
};
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, DbErr, EntityTrait, IntoActiveModel,
    QueryFilter, Set, sea_query::Expr,
};

mod doors;

/// A parent who proved who they are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SignedIn {
    pub account_id: i32,
    pub student_id: i32,
}

/// Checks a login and a password, and returns every account they open. The login is a child's
/// identifier (each of the child's slots opens with its account's own password once chosen, with
/// its letter before) or a parent's own confirmed address. A letter used for the first time creates
/// the parent's account and claims the slot for it. More than one account comes back when two
/// parents of a child chose the same password: the caller must then ask which (see
/// [`super::sign_in_codes`]), never pick one. An expired letter claims nothing.
#[tracing::instrument(skip_all)]
pub async fn sign_in(
    db: &DatabaseConnection,
    clock: &Clock,
    login: &Identifier,
    password: &str,
) -> ServiceResult<Vec<SignedIn>> {
    let doors = match lookups::child_by_identifier(db, login).await? {
        Some(child) => doors::of_child(db, &child).await?,
        None => doors::of_address(db, login.as_str()).await?,
    };
    let letter = passwords::letter_candidate(password);
    let pairs = doors
        .iter()
        .map(|door| {
            let typed = if door.letter { &letter } else { password };
            (typed.to_owned(), door.hash.clone())
        })
        .collect();
    let opened = passwords::matches_each(pairs).await?;
    if opened.is_empty() {
        return Err(ServiceError::SignInRefused);
    }
    let mut signed_in = Vec::new();
    for door in opened.into_iter().map(|index| &doors[index]) {
        let account_id = match (door.account_id, &door.slot) {
            (Some(id), _) => id,
            (None, Some(slot)) => {
                letters::still_valid(slot, clock.now())?;
                claim_with_new_account(db, slot.clone(), clock.now()).await?
            }
            (None, None) => continue,
        };
        signed_in.push(SignedIn {
            account_id,
            student_id: door.student_id,
        });
    }
    Ok(signed_in)
}

/// Whether `login` names one of `accounts`: the child it identifies is linked to one, or it is
/// one's confirmed address. A browser that signed in to such an account is the rightful parent's.
pub async fn login_names_any(
    db: &DatabaseConnection,
    login: &Identifier,
    accounts: &[i32],
) -> Result<bool, DbErr> {
    if accounts.is_empty() {
        return Ok(false);
    }
    if let Some(child) = lookups::child_by_identifier(db, login).await? {
        let slots = lookups::slots_of(db, Some(&child)).await?;
        let linked =
            |slot: &parent_slot::Model| slot.account_id.is_some_and(|id| accounts.contains(&id));
        return Ok(slots.iter().any(linked));
    }
    let named = parent_account::Entity::find()
        .filter(parent_account::Column::Id.is_in(accounts.iter().copied()))
        .filter(parent_account::Column::Email.eq(login.as_str()))
        .filter(parent_account::Column::EmailConfirmedAt.is_not_null())
        .one(db)
        .await?;
    Ok(named.is_some())
}

/// A letter's first use: a new account, which the slot now belongs to. Two first sign-ins racing
/// on one letter end up in the same account: only the first claim counts.
async fn claim_with_new_account(
    db: &DatabaseConnection,
    slot: parent_slot::Model,
    now: DateTime<Utc>,
) -> Result<i32, DbErr> {
    let txn = crate::server::db::write_transaction(db).await?;
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
    check_new_password_for(
        new_password,
        repeated,
        &personal_words(db, session.account_id).await?,
    )
    .map_err(ServiceError::Password)?;
    let letters = parent_slot::Entity::find()
        .filter(parent_slot::Column::AccountId.eq(session.account_id))
        .filter(parent_slot::Column::TemporaryPasswordHash.is_not_null())
        .all(db)
        .await?;
    for slot in &letters {
        let letter = slot.temporary_password_hash.clone();
        let typed = passwords::letter_candidate(new_password);
        if passwords::verify(typed, letter).await? {
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

/// What a password must not be made of, besides "cartable": the first and last names of the
/// account's children and their schools' codes, which anyone near the family knows.
pub async fn personal_words(
    db: &DatabaseConnection,
    account_id: i32,
) -> ServiceResult<Vec<String>> {
    let mut words = Vec::new();
    for child in lookups::children_of(db, account_id).await? {
        let school = lookups::platform_of(db, &child).await?;
        words.extend([child.first_name, child.last_name, school.code]);
    }
    Ok(words)
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
    locale: Locale,
) -> ServiceResult<()> {
    let profile = form.validate(locale).map_err(ServiceError::Invalid)?;
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
        send_confirmation(state, session.account_id, profile.email.as_str(), locale).await?;
    }
    Ok(())
}

/// Mails a fresh single-use link to confirm `email`; earlier links of the account stop working.
/// Written in the account's language, else in `requested`.
pub async fn send_confirmation(
    state: &AppState,
    account_id: i32,
    email: &str,
    requested: Locale,
) -> ServiceResult<()> {
    let lifetime = state.settings.email_link_lifetime;
    let (db, now) = (&state.db, state.clock.now());
    let purpose = Purpose::EmailConfirmation;
    let token = mailed_links::issue(db, purpose, account_id, Some(email), now, lifetime).await?;
    let (site, page) = (&state.settings.public_url, routes::CONFIRM_EMAIL);
    let link = format!("{site}{page}?jeton={token}");
    let locale = language_of(db, account_id, requested).await?;
    let hours = td_string!(locale, mail.hours, count = lifetime.num_hours()).to_string();
    let mail = Mail {
        unsubscribe: None,
        to: email.to_owned(),
        subject: td_string!(locale, mail.confirm_subject).into(),
        body: td_string!(locale, mail.confirm_body, hours = hours, link = &link).to_string(),
    };
    if state.mailer.writes_outbox() {
        tracing::info!(%link, "confirmation link (no SMTP_URL: mail kept in the outbox)");
    }
    state.mail(mail).await?;
    Ok(())
}

/// Uses a confirmation link: once, before it expires, and only the last one asked. The address it
/// was mailed to becomes the account's, confirmed: a new address replaces the old one only here.
#[tracing::instrument(skip_all)]
pub async fn confirm_email(
    db: &DatabaseConnection,
    clock: &Clock,
    client: &Client,
    token: &str,
) -> ServiceResult<()> {
    let now = clock.now();
    let link = mailed_links::usable(db, Purpose::EmailConfirmation, token, now).await?;
    let Some(address) = link.email.clone() else {
        return Err(ServiceError::LinkInvalid(Purpose::EmailConfirmation));
    };
    let txn = crate::server::db::write_transaction(db).await?;
    mailed_links::redeem(&txn, &link, now).await?;
    parent_account::Entity::update_many()
        .col_expr(parent_account::Column::Email, Expr::value(address.clone()))
        .col_expr(
            parent_account::Column::EmailConfirmedAt,
            Expr::value(Some(now)),
        )
        .filter(parent_account::Column::Id.eq(link.account_id))
        .exec(&txn)
        .await?;
    txn.commit().await?;
    let (kind, account) = (audit::Kind::EmailConfirmed, Some(link.account_id));
    audit::record(db, now, kind, account, client, Some(&address)).await?;
    Ok(())
}

/// Every login that names the account: its children's identifiers and its confirmed address.
pub async fn logins_of(db: &DatabaseConnection, account_id: i32) -> Result<Vec<String>, DbErr> {
    let children = lookups::children_of(db, account_id).await?;
    let mut logins: Vec<String> = children.into_iter().map(|child| child.identifier).collect();
    if let Some(account) = lookups::account(db, account_id).await?
        && let (Some(email), Some(_)) = (account.email, account.email_confirmed_at)
    {
        logins.push(email);
    }
    Ok(logins)
}

/// Remembers the language a parent chose, for their other devices and their mails.
pub async fn set_language(
    db: &DatabaseConnection,
    account_id: i32,
    locale: Locale,
) -> Result<(), DbErr> {
    parent_account::Entity::update_many()
        .col_expr(
            parent_account::Column::Language,
            Expr::value(language::tag(locale)),
        )
        .filter(parent_account::Column::Id.eq(account_id))
        .exec(db)
        .await?;
    Ok(())
}

/// The language to write to an account in: the one its parent chose, else `otherwise` (the
/// language of the request that causes the mail).
pub fn language_or(account: &parent_account::Model, otherwise: Locale) -> Locale {
    let chosen = account.language.as_deref().and_then(language::parse);
    chosen.unwrap_or(otherwise)
}

/// [`language_or`] for an account known by its id only.
pub async fn language_of(
    db: &DatabaseConnection,
    account_id: i32,
    otherwise: Locale,
) -> Result<Locale, DbErr> {
    let account = lookups::account(db, account_id).await?;
    Ok(account.map_or(otherwise, |account| language_or(&account, otherwise)))
}
