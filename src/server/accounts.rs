//! Parent accounts: signing in with a letter or one's own password, choosing a password, the
//! profile and its e-mail confirmation.
use super::{
    AppState,
    entities::{email_confirmation, parent_account, parent_slot, student},
    mail::Mail,
    passwords,
    sessions::CurrentSession,
    tokens,
};
use crate::{
    api::AppError,
    domain::{
        identifier::normalize_identifier,
        password::{PasswordProblem, check_new_password},
        profile::{FieldError, ProfileForm},
    },
};
use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, DbErr, EntityTrait, IntoActiveModel,
    QueryFilter, Set, TransactionTrait, sea_query::Expr,
};

/// The one answer to every failed sign-in, whether the identifier exists or not.
pub const SIGN_IN_REFUSED: &str = "Identifiant ou mot de passe incorrect. Vérifiez le courrier de l'école \
     (identifiant tout en minuscules, sans accent) et réessayez.";

/// Every sign-in verifies at least this many hashes (one per parent slot of a child, two by
/// default), so that an unknown identifier takes as long as a known one.
const MIN_VERIFICATIONS: usize = 2;

impl From<DbErr> for AppError {
    fn from(error: DbErr) -> Self {
        tracing::error!(%error, "database error");
        AppError::Internal
    }
}

/// A parent who proved who they are.
pub struct SignedIn {
    pub account_id: i32,
    pub student_id: i32,
}

/// Checks an identifier and a password: the letter's temporary password of one of the child's
/// slots, or the own password of the account that claimed a slot. A letter used for the first time
/// creates the parent's account and claims the slot for it.
pub async fn sign_in(
    db: &DatabaseConnection,
    typed_identifier: &str,
    password: &str,
) -> Result<SignedIn, AppError> {
    let identifier = normalize_identifier(typed_identifier);
    let child = student::Entity::find()
        .filter(student::Column::Identifier.eq(identifier))
        .one(db)
        .await?;
    let slots = super::children::slots_of(db, child.as_ref()).await?;

    // Each slot opens with its account's own password once chosen, with its letter before.
    let mut candidates: Vec<(parent_slot::Model, Option<String>)> = Vec::new();
    for slot in slots {
        let account = match slot.account_id {
            Some(id) => parent_account::Entity::find_by_id(id).one(db).await?,
            None => None,
        };
        let hash = account
            .and_then(|a| a.password_hash)
            .or_else(|| slot.temporary_password_hash.clone());
        candidates.push((slot, hash));
    }
    let hashes = candidates.iter().map(|(_, hash)| hash.clone()).collect();
    let matched = first_match(password, hashes)
        .await
        .map(|index| candidates[index].0.clone());
    let (Some(child), Some(slot)) = (child, matched) else {
        return Err(AppError::Refused(SIGN_IN_REFUSED.into()));
    };
    let account_id = match slot.account_id {
        Some(id) => id,
        None => claim_with_new_account(db, slot).await?,
    };
    Ok(SignedIn {
        account_id,
        student_id: child.id,
    })
}

/// The index of the first of `hashes` that `password` opens. Every hash is verified, and at least
/// [`MIN_VERIFICATIONS`], so the time taken says nothing about which one matched, or whether the
/// identifier exists.
pub async fn first_match(password: &str, hashes: Vec<Option<String>>) -> Option<usize> {
    let mut matched = None;
    for (index, hash) in hashes.iter().enumerate() {
        if passwords::verify(password.to_owned(), hash.clone()).await && matched.is_none() {
            matched = Some(index);
        }
    }
    for _ in hashes.len()..MIN_VERIFICATIONS {
        passwords::verify(password.to_owned(), None).await;
    }
    matched
}

/// A letter's first use: a new account, which the slot now belongs to. Two first sign-ins racing
/// on one letter end up in the same account: only the first claim counts.
async fn claim_with_new_account(
    db: &DatabaseConnection,
    slot: parent_slot::Model,
) -> Result<i32, DbErr> {
    let txn = db.begin().await?;
    let now = Utc::now();
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

pub async fn account(db: &DatabaseConnection, id: i32) -> Result<parent_account::Model, AppError> {
    parent_account::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotSignedIn)
}

pub async fn child(db: &DatabaseConnection, id: i32) -> Result<student::Model, AppError> {
    student::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotSignedIn)
}

/// A broken password rule, as the message under the field it concerns.
pub fn password_error(problem: PasswordProblem) -> AppError {
    let field = if problem == PasswordProblem::Mismatch {
        "repeat_password"
    } else {
        "new_password"
    };
    AppError::field(field, problem.message())
}

/// Replaces the letter's temporary password with the parent's own; from then on no letter of the
/// account's slots opens it any more.
pub async fn choose_password(
    db: &DatabaseConnection,
    session: &CurrentSession,
    new_password: &str,
    repeated: &str,
) -> Result<(), AppError> {
    check_new_password(new_password, repeated).map_err(password_error)?;
    let letters = parent_slot::Entity::find()
        .filter(parent_slot::Column::AccountId.eq(session.account_id))
        .filter(parent_slot::Column::TemporaryPasswordHash.is_not_null())
        .all(db)
        .await?;
    for slot in &letters {
        if passwords::verify(
            new_password.to_owned(),
            slot.temporary_password_hash.clone(),
        )
        .await
        {
            return Err(password_error(PasswordProblem::SameAsTemporary));
        }
    }
    let hash = passwords::hash(new_password.to_owned()).await;
    // The letters' hashes stay: an account's own password takes precedence over them at sign-in,
    // and they let "Ajouter des enfants" tell a letter already used from a wrong one.
    let mut account = account(db, session.account_id).await?.into_active_model();
    account.password_hash = Set(Some(hash));
    account.password_changed_at = Set(Some(Utc::now()));
    account.update(db).await?;
    Ok(())
}

pub fn profile_is_complete(account: &parent_account::Model) -> bool {
    [
        &account.first_name,
        &account.last_name,
        &account.role,
        &account.email,
    ]
    .iter()
    .all(|field| field.is_some())
}

/// Saves the profile; a new (or still unconfirmed) address receives a confirmation link.
pub async fn save_profile(
    state: &AppState,
    session: &CurrentSession,
    form: ProfileForm,
) -> Result<(), AppError> {
    let profile = form
        .validate()
        .map_err(|errors| invalid_profile(errors, &form))?;
    let current = account(&state.db, session.account_id).await?;
    let email_changed = current.email.as_deref() != Some(profile.email.as_str());
    let needs_confirmation = email_changed || current.email_confirmed_at.is_none();
    let mut account = current.into_active_model();
    account.first_name = Set(Some(profile.first_name));
    account.last_name = Set(Some(profile.last_name));
    account.role = Set(Some(profile.role.code().to_owned()));
    account.phone = Set(profile.phone);
    account.mobile = Set(profile.mobile);
    if email_changed {
        account.email = Set(Some(profile.email.clone()));
        account.email_confirmed_at = Set(None);
    }
    account.update(&state.db).await?;
    if needs_confirmation {
        send_confirmation(state, session.account_id, &profile.email).await?;
    }
    Ok(())
}

/// Every field's message, and what was typed, so the form comes back filled in.
fn invalid_profile(errors: Vec<FieldError>, form: &ProfileForm) -> AppError {
    let typed = [
        ("first_name", &form.first_name),
        ("last_name", &form.last_name),
        ("role", &form.role),
        ("email", &form.email),
        ("phone", &form.phone),
        ("mobile", &form.mobile),
    ]
    .into_iter()
    .map(|(name, value)| (name.to_owned(), value.chars().take(300).collect()))
    .collect();
    AppError::Invalid { errors, typed }
}

/// Mails a fresh single-use link to confirm `email`; earlier links of the account stop working.
pub async fn send_confirmation(
    state: &AppState,
    account_id: i32,
    email: &str,
) -> Result<(), AppError> {
    let token = tokens::generate();
    let now = Utc::now();
    let ttl = chrono::Duration::from_std(state.settings.email_confirmation_ttl)
        .unwrap_or(chrono::Duration::hours(48));
    email_confirmation::Entity::delete_many()
        .filter(email_confirmation::Column::AccountId.eq(account_id))
        .filter(email_confirmation::Column::UsedAt.is_null())
        .exec(&state.db)
        .await?;
    email_confirmation::ActiveModel {
        account_id: Set(account_id),
        email: Set(email.to_owned()),
        token_hash: Set(tokens::digest(&token)),
        expires_at: Set(now + ttl),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&state.db)
    .await?;
    let link = format!(
        "{}/confirmer-email?jeton={token}",
        state.settings.public_url
    );
    let mail = Mail {
        to: email.to_owned(),
        subject: "Confirmez votre adresse e-mail".into(),
        body: format!(
            "Bonjour,\n\nPour que l'école puisse vous joindre à cette adresse, confirmez-la en ouvrant ce lien \
             (valable {} heures, une seule fois) :\n\n{link}\n\nSi vous n'êtes pas à l'origine de cette demande, \
             ignorez ce message.\n\nCartable",
            ttl.num_hours()
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
pub async fn confirm_email(db: &DatabaseConnection, token: &str) -> Result<(), AppError> {
    const INVALID: &str = "Ce lien de confirmation n'est pas valide ou a déjà été utilisé. \
         Connectez-vous pour en recevoir un nouveau.";
    if token.is_empty() || token.len() > 100 {
        return Err(AppError::Refused(INVALID.into()));
    }
    let Some(link) = email_confirmation::Entity::find()
        .filter(email_confirmation::Column::TokenHash.eq(tokens::digest(token)))
        .filter(email_confirmation::Column::UsedAt.is_null())
        .one(db)
        .await?
    else {
        return Err(AppError::Refused(INVALID.into()));
    };
    let now = Utc::now();
    if now >= link.expires_at {
        return Err(AppError::Refused(
            "Ce lien de confirmation a expiré. Connectez-vous et demandez-en un nouveau depuis la page d'accueil.".into(),
        ));
    }
    let txn = db.begin().await?;
    let account_id = link.account_id;
    let email = link.email.clone();
    let mut link = link.into_active_model();
    link.used_at = Set(Some(now));
    link.update(&txn).await?;
    parent_account::Entity::update_many()
        .col_expr(
            parent_account::Column::EmailConfirmedAt,
            Expr::value(Some(now)),
        )
        .filter(parent_account::Column::Id.eq(account_id))
        .filter(parent_account::Column::Email.eq(email))
        .exec(&txn)
        .await?;
    txn.commit().await?;
    Ok(())
}
