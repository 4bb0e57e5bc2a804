//! Staff members' mailed links: the welcome link that chooses a first password, and "Mot de passe
//! oublié ?". Only a token's SHA-256 is stored; a link works once, before it expires, and using it
//! ends every session of the account.
use super::sessions;
use crate::domain::{contact::EmailAddress, password::check_new_password_for, routes};
use crate::i18n::td_string;
use crate::language::Locale;
use crate::server::{
    AppState,
    entities::{staff_account, staff_link},
    error::{ServiceError, ServiceResult},
    mail::Mail,
    passwords, tokens,
};
use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, Set,
    sea_query::Expr,
};

/// How long the link to choose a first password works: a new colleague may open it days later.
pub const WELCOME_LINK_DAYS: i64 = 7;

/// The address of the page where a mailed link's token chooses a password.
pub(super) fn password_link(state: &AppState, token: &str) -> String {
    let site = state.settings.public_url.trim_end_matches('/');
    format!("{site}{}?jeton={token}", routes::STAFF_PASSWORD)
}

/// A new single-use link for `staff_id`; earlier unused ones stop working.
pub(super) async fn issue_link(
    db: &impl sea_orm::ConnectionTrait,
    staff_id: i32,
    now: DateTime<Utc>,
    lifetime: Duration,
) -> Result<String, DbErr> {
    staff_link::Entity::delete_many()
        .filter(staff_link::Column::StaffId.eq(staff_id))
        .filter(staff_link::Column::UsedAt.is_null())
        .exec(db)
        .await?;
    let token = tokens::generate();
    staff_link::ActiveModel {
        staff_id: Set(staff_id),
        token_hash: Set(tokens::digest(&token)),
        expires_at: Set(now + lifetime),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(token)
}

/// The staff member a link's token names, if it may still be used.
pub async fn link_holder(
    db: &DatabaseConnection,
    token: &str,
    now: DateTime<Utc>,
) -> ServiceResult<staff_account::Model> {
    if token.is_empty() || token.len() > crate::domain::limits::TOKEN {
        return Err(ServiceError::StaffLinkInvalid);
    }
    let link = staff_link::Entity::find()
        .filter(staff_link::Column::TokenHash.eq(tokens::digest(token)))
        .filter(staff_link::Column::UsedAt.is_null())
        .filter(staff_link::Column::ExpiresAt.gt(now))
        .one(db)
        .await?
        .ok_or(ServiceError::StaffLinkInvalid)?;
    staff_account::Entity::find_by_id(link.staff_id)
        .one(db)
        .await?
        .ok_or(ServiceError::StaffLinkInvalid)
}

/// Chooses the password with a mailed link (once): the same rule as parents', the person's names
/// and address not allowed in it. Every session of the account ends.
pub async fn choose_password(
    state: &AppState,
    token: &str,
    new_password: &str,
    repeated: &str,
) -> ServiceResult<staff_account::Model> {
    let now = state.clock.now();
    let account = link_holder(&state.db, token, now).await?;
    let local_part = account
        .email
        .split('@')
        .next()
        .unwrap_or_default()
        .to_owned();
    let personal = [
        account.first_name.clone(),
        account.last_name.clone(),
        local_part,
    ];
    check_new_password_for(new_password, repeated, &personal).map_err(ServiceError::Password)?;
    let hash = passwords::hash(new_password.to_owned()).await;
    let txn = crate::server::db::write_transaction(&state.db).await?;
    // Two clicks racing on one link: only the first marks it used.
    let used = staff_link::Entity::update_many()
        .col_expr(staff_link::Column::UsedAt, Expr::value(now))
        .filter(staff_link::Column::TokenHash.eq(tokens::digest(token)))
        .filter(staff_link::Column::UsedAt.is_null())
        .exec(&txn)
        .await?;
    if used.rows_affected != 1 {
        return Err(ServiceError::StaffLinkInvalid);
    }
    let mut row: staff_account::ActiveModel = account.clone().into();
    row.password_hash = Set(Some(hash));
    row.password_changed_at = Set(Some(now));
    let account = row.update(&txn).await?;
    sessions::end_all(&txn, account.id, None).await?;
    txn.commit().await?;
    Ok(account)
}

/// "Mot de passe oublié ?" for a staff member: a link to choose a new one, mailed to their
/// address, valid as long as a parent's. Nothing is said to the page of whether it was staff's.
pub async fn send_reset_link(
    state: &AppState,
    email: &EmailAddress,
    locale: Locale,
) -> ServiceResult<()> {
    use crate::domain::limits::RESET_LINK_MINUTES;
    let found = staff_account::Entity::find()
        .filter(staff_account::Column::Email.eq(email.as_str()))
        .one(&state.db)
        .await?;
    let Some(account) = found.filter(|a| a.password_hash.is_some()) else {
        return Ok(());
    };
    let now = state.clock.now();
    let lifetime = Duration::minutes(RESET_LINK_MINUTES);
    let token = issue_link(&state.db, account.id, now, lifetime).await?;
    let link = password_link(state, &token);
    let mail = Mail {
        unsubscribe: None,
        to: account.email,
        subject: td_string!(locale, mail.staff_reset_subject).into(),
        body: td_string!(
            locale,
            mail.staff_reset_body,
            minutes = RESET_LINK_MINUTES,
            link = link
        )
        .to_string(),
    };
    Ok(state.mail(mail).await?)
}
