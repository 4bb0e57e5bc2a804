//! A settled parent's credentials: changing the password or the e-mail address (both need the
//! current password), turning their second factor on or off (off needs the password too), and the
//! forgotten-password link mailed to a confirmed address.
use super::{
    AppState, accounts,
    audit::{self, Kind},
    devices,
    entities::{mailed_link::Purpose, parent_account},
    error::{ServiceError, ServiceResult},
    known_browsers::{self, Browser},
    lookups,
    mail::Mail,
    mailed_links, passwords,
    second_factor::{self, Owner},
    sessions::{Client, CurrentSession},
    throttle,
};
use crate::domain::{
    contact::EmailAddress, identifier::Identifier, password::check_new_password_for,
};
use crate::domain::{limits::RESET_LINK_MINUTES, routes};
use crate::i18n::td_string;
use chrono::Duration;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, Set,
};

/// Checks the account's current password.
async fn require_current_password(
    account: &parent_account::Model,
    password: &str,
) -> ServiceResult<()> {
    if passwords::verify(password.to_owned(), account.password_hash.clone()).await? {
        Ok(())
    } else {
        Err(ServiceError::WrongCurrentPassword)
    }
}

/// "Modifier mon mot de passe": the current one, then a new one by the rule of the first sign-in.
/// Other devices are signed out when the parent asks for it (the page's default).
#[tracing::instrument(skip_all, fields(account = session.account_id))]
pub async fn change_password(
    state: &AppState,
    session: &CurrentSession,
    client: &Client,
    current: &str,
    new_password: &str,
    repeated: &str,
    sign_out_others: bool,
) -> ServiceResult<()> {
    let account = accounts::of_session(&state.db, session).await?;
    require_current_password(&account, current).await?;
    let personal = accounts::personal_words(&state.db, account.id).await?;
    check_new_password_for(new_password, repeated, &personal).map_err(ServiceError::Password)?;
    let hash = passwords::hash(new_password.to_owned()).await;
    let now = state.clock.now();
    let email = account.email.clone();
    let locale = accounts::language_or(&account, client.language);
    let mut row: parent_account::ActiveModel = account.into();
    row.password_hash = Set(Some(hash));
    row.password_changed_at = Set(Some(now));
    row.update(&state.db).await?;
    // A reset link mailed before must not change the new password again.
    mailed_links::revoke_all(&state.db, Purpose::PasswordReset, session.account_id, now).await?;
    let account_id = Some(session.account_id);
    let record = |kind, detail| audit::record(&state.db, now, kind, account_id, client, detail);
    record(Kind::PasswordChanged, None).await?;
    if sign_out_others {
        let removed = devices::remove_others(&state.db, session).await?;
        let detail = format!("{removed} appareil(s)");
        record(Kind::OtherSessionsRemoved, Some(&detail)).await?;
    }
    if let Some(email) = email {
        let subject = td_string!(locale, mail.password_changed_subject);
        let notice = td_string!(locale, mail.password_changed_body);
        tell(state, email, subject, notice.into()).await;
    }
    Ok(())
}

/// Mails a notice that needs no answer: a failure is logged, and what it tells of is done anyway.
async fn tell(state: &AppState, to: String, subject: &str, body: String) {
    let mail = Mail {
        unsubscribe: None,
        to,
        subject: subject.into(),
        body,
    };
    if let Err(error) = state.mail(mail).await {
        tracing::error!(%error, subject, "notice not sent");
    }
}

/// A new e-mail address, asked with the current password. It replaces the old one only once the
/// link mailed to it is opened ([`accounts::confirm_email`]): until then mails keep going to the
/// old address, which is told of the change and how to react.
#[tracing::instrument(skip_all, fields(account = session.account_id))]
pub async fn change_email(
    state: &AppState,
    session: &CurrentSession,
    client: &Client,
    email: &EmailAddress,
    current: &str,
) -> ServiceResult<()> {
    let account = accounts::of_session(&state.db, session).await?;
    require_current_password(&account, current).await?;
    let (db, clock) = (&state.db, &state.clock);
    throttle::count_mail(db, clock, Some(account.id), email.as_str()).await?;
    accounts::send_confirmation(state, session.account_id, email.as_str(), client.language).await?;
    let locale = accounts::language_or(&account, client.language);
    if let (Some(old), Some(_)) = (account.email, account.email_confirmed_at) {
        let subject = td_string!(locale, mail.email_change_subject);
        let notice = td_string!(locale, mail.email_change_body, email = email.as_str());
        tell(state, old, subject, notice.to_string()).await;
    }
    let (now, account) = (clock.now(), Some(session.account_id));
    let detail = Some(email.as_str());
    audit::record(db, now, Kind::EmailChangeRequested, account, client, detail).await?;
    Ok(())
}

/// "Activer" on the set-up page of "Mon compte": the authenticator's first code turns the
/// parent's second factor on; every other browser gives it at its next sign-in, and a confirmed
/// address is told.
pub async fn turn_on_second_factor(
    state: &AppState,
    session: &CurrentSession,
    (client, browser): (&Client, &Browser),
    code: &str,
) -> ServiceResult<()> {
    let owner = Owner::Parent(session.account_id);
    second_factor::confirm(&state.db, &state.clock, owner, code).await?;
    known_browsers::forget_all_but(&state.db, session.account_id, browser).await?;
    // Whoever holds this session could lock the parent out with their own phone: they are told.
    let account = accounts::of_session(&state.db, session).await?;
    let locale = accounts::language_or(&account, client.language);
    if let (Some(address), Some(_)) = (account.email, account.email_confirmed_at) {
        let subject = td_string!(locale, mail.second_factor_on_subject);
        let notice = td_string!(locale, mail.second_factor_on_body);
        tell(state, address, subject, notice.to_string()).await;
    }
    let (now, account) = (state.clock.now(), Some(session.account_id));
    audit::record(
        &state.db,
        now,
        Kind::SecondFactorEnabled,
        account,
        client,
        None,
    )
    .await?;
    Ok(())
}

/// "Désactiver", with the current password: the secret and the recovery codes are forgotten, and
/// a confirmed address is told (whoever did it holds the password; the parent should know).
pub async fn turn_off_second_factor(
    state: &AppState,
    session: &CurrentSession,
    client: &Client,
    current: &str,
) -> ServiceResult<()> {
    let account = accounts::of_session(&state.db, session).await?;
    require_current_password(&account, current).await?;
    second_factor::turn_off(&state.db, Owner::Parent(account.id)).await?;
    let locale = accounts::language_or(&account, client.language);
    if let (Some(address), Some(_)) = (account.email, account.email_confirmed_at) {
        let subject = td_string!(locale, mail.second_factor_off_subject);
        let notice = td_string!(locale, mail.second_factor_off_body);
        tell(state, address, subject, notice.to_string()).await;
    }
    let (now, account) = (state.clock.now(), Some(session.account_id));
    audit::record(
        &state.db,
        now,
        Kind::SecondFactorDisabled,
        account,
        client,
        None,
    )
    .await?;
    Ok(())
}

/// What a forgotten-password request typed, read both ways: as a child's identifier, and as an
/// address.
pub struct ResetRequest {
    pub identifier: Option<Identifier>,
    pub email: Option<EmailAddress>,
}

/// The accounts a forgotten-password request names: through a child's identifier (any linked
/// child's), or through a confirmed address.
async fn accounts_named_by(
    db: &DatabaseConnection,
    who: &ResetRequest,
) -> Result<Vec<parent_account::Model>, DbErr> {
    let by_child = match &who.identifier {
        Some(identifier) => lookups::child_by_identifier(db, identifier).await?,
        None => None,
    };
    let ids: Vec<i32> = lookups::slots_of(db, by_child.as_ref())
        .await?
        .into_iter()
        .filter_map(|slot| slot.account_id)
        .collect();
    let confirmed = || {
        parent_account::Entity::find()
            .filter(parent_account::Column::EmailConfirmedAt.is_not_null())
    };
    let by_email = match &who.email {
        Some(email) => {
            let named = parent_account::Column::Email.eq(email.as_str());
            confirmed().filter(named).all(db).await?
        }
        None => Vec::new(),
    };
    let mut accounts = confirmed()
        .filter(parent_account::Column::Id.is_in(ids))
        .all(db)
        .await?;
    for account in by_email {
        if !accounts.iter().any(|known| known.id == account.id) {
            accounts.push(account);
        }
    }
    Ok(accounts)
}

/// Mails a reset link to every account `who` names that has a confirmed address. Runs after the
/// answer was sent, so that the answer and its timing say nothing about what exists.
#[tracing::instrument(skip_all)]
pub async fn send_reset_links(
    state: AppState,
    who: ResetRequest,
    client: Client,
) -> ServiceResult<()> {
    for account in accounts_named_by(&state.db, &who).await? {
        let Some(email) = account.email.clone() else {
            continue;
        };
        // Past the hour's allowance the request is answered the same, and no mail goes.
        let counted = throttle::count_mail(&state.db, &state.clock, Some(account.id), &email).await;
        if let Err(ServiceError::TooManyMails { .. }) = counted {
            tracing::info!(
                account = account.id,
                "reset link not mailed: too many this hour"
            );
            continue;
        }
        counted?;
        let now = state.clock.now();
        let lifetime = Duration::minutes(RESET_LINK_MINUTES);
        let purpose = Purpose::PasswordReset;
        let token =
            mailed_links::issue(&state.db, purpose, account.id, None, now, lifetime).await?;
        let (site, page) = (&state.settings.public_url, routes::NEW_PASSWORD);
        let link = format!("{site}{page}?jeton={token}");
        let locale = accounts::language_or(&account, client.language);
        let minutes = RESET_LINK_MINUTES;
        let mail = Mail {
            unsubscribe: None,
            to: email,
            subject: td_string!(locale, mail.reset_subject).into(),
            body: td_string!(locale, mail.reset_body, minutes = minutes, link = link).to_string(),
        };
        state.mail(mail).await?;
        let kind = Kind::PasswordResetRequested;
        audit::record(&state.db, now, kind, Some(account.id), &client, None).await?;
    }
    Ok(())
}

/// The administrators to write to when no link can come: those of the platform whose students'
/// identifiers end with `domain`.
pub async fn admins_for(db: &DatabaseConnection, domain: &str) -> Result<Vec<String>, DbErr> {
    match lookups::platform_by_domain(db, domain).await? {
        Some(school) => lookups::admins_of(db, school.id).await,
        None => Ok(Vec::new()),
    }
}

/// "Nouveau mot de passe" from a mailed link: once, within 30 minutes. Every session of the account
/// ends, and the parent is told by mail.
#[tracing::instrument(skip_all)]
pub async fn reset_password(
    state: &AppState,
    client: &Client,
    token: &str,
    new_password: &str,
    repeated: &str,
) -> ServiceResult<()> {
    let now = state.clock.now();
    let link = mailed_links::usable(&state.db, Purpose::PasswordReset, token, now).await?;
    let personal = accounts::personal_words(&state.db, link.account_id).await?;
    check_new_password_for(new_password, repeated, &personal).map_err(ServiceError::Password)?;
    let hash = passwords::hash(new_password.to_owned()).await;
    // Used up, with every other reset link of the account, in the same transaction as the change.
    let txn = crate::server::db::write_transaction(&state.db).await?;
    mailed_links::redeem(&txn, &link, now).await?;
    mailed_links::revoke_all(&txn, Purpose::PasswordReset, link.account_id, now).await?;
    let account = lookups::account(&txn, link.account_id)
        .await?
        .ok_or(ServiceError::NotFound("account of a reset link"))?;
    let email = account.email.clone();
    let locale = accounts::language_or(&account, client.language);
    let mut row: parent_account::ActiveModel = account.into();
    row.password_hash = Set(Some(hash));
    row.password_changed_at = Set(Some(now));
    row.update(&txn).await?;
    devices::remove_all(&txn, link.account_id).await?;
    txn.commit().await?;
    // The parent proved their address: the locks strangers' failures put on their logins end.
    for login in accounts::logins_of(&state.db, link.account_id).await? {
        throttle::clear(
            &state.db,
            &throttle::Key::new("login", &login, throttle::ACCOUNT),
        )
        .await?;
    }
    let account = Some(link.account_id);
    audit::record(&state.db, now, Kind::PasswordReset, account, client, None).await?;
    if let Some(email) = email {
        let subject = td_string!(locale, mail.password_changed_subject);
        let notice = td_string!(locale, mail.reset_done_body);
        tell(state, email, subject, notice.into()).await;
    }
    Ok(())
}
