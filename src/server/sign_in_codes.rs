//! The code mailed when a password alone does not say which account to open: it opens more than
//! one account (two parents of a child chose the same password), or it opens an account with a
//! confirmed address from a browser that never signed in to it. The second case is what hides the
//! first: a parent asked for a code cannot tell that another parent shares their password, since
//! every new browser is asked the same. Each account gets its own code at its own address, and the
//! code typed decides the account, so neither parent can ever land in the other's.
use super::{
    AppState,
    accounts::SignedIn,
    cookies::SiteCookie,
    entities::sign_in_code,
    error::{ServiceError, ServiceResult},
    lookups,
    mail::Mail,
    tokens,
};
use crate::{i18n::td_string, language::Locale};
use chrono::Duration;
use rand::Rng;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, DatabaseConnection, DbErr, EntityTrait, QueryFilter,
    Set, sea_query::Expr,
};

/// The waiting browser's cookie.
pub const COOKIE: SiteCookie = SiteCookie {
    plain: "cartable_sign_in",
    https: "__Host-cartable_sign_in",
};

/// How long a mailed code may be typed.
pub const CODE_MINUTES: i64 = crate::domain::limits::SIGN_IN_CODE_MINUTES;
/// Wrong codes a waiting sign-in takes before it ends: 5 guesses out of a million.
pub const MOST_ATTEMPTS: i32 = 5;
/// Digits of a code: short enough to copy from a phone's notification.
const DIGITS: u32 = 6;

fn code_digest(challenge_hash: &str, code: &str) -> String {
    tokens::digest(&format!("{challenge_hash}:{code}"))
}

fn new_code() -> String {
    let code = rand::rng().random_range(0..10_u32.pow(DIGITS));
    format!("{code:0width$}", width = DIGITS as usize)
}

/// Whether the password alone may open the account: it opened exactly one, and that account has
/// no confirmed address (no code could reach it) or this browser signed in to it before.
pub async fn needed(
    db: &DatabaseConnection,
    opened: &[SignedIn],
    known_to_browser: &[i32],
) -> Result<bool, DbErr> {
    let [only] = opened else {
        return Ok(true);
    };
    if known_to_browser.contains(&only.account_id) {
        return Ok(false);
    }
    let account = lookups::account(db, only.account_id).await?;
    Ok(account.is_some_and(|account| account.email_confirmed_at.is_some()))
}

/// Mails a code to each of `candidates` that has a confirmed address, and returns the token of the
/// waiting sign-in, for the browser's cookie. A candidate without a confirmed address gets no code:
/// the page tells the parent where to turn.
/// The mail is written in `locale`, the language of the page where the parent types the code.
pub async fn send(
    state: &AppState,
    candidates: &[SignedIn],
    locale: Locale,
) -> ServiceResult<String> {
    let token = tokens::generate();
    let challenge_hash = tokens::digest(&token);
    let now = state.clock.now();
    let mut codes: Vec<String> = Vec::new();
    for candidate in candidates {
        let Some(account) = lookups::account(&state.db, candidate.account_id).await? else {
            continue;
        };
        let (Some(email), Some(_)) = (account.email, account.email_confirmed_at) else {
            continue;
        };
        // Each account its own code, so that the code typed says which account it is.
        let code = std::iter::repeat_with(new_code)
            .find(|code| !codes.contains(code))
            .expect("an endless supply of codes");
        sign_in_code::ActiveModel {
            challenge_hash: Set(challenge_hash.clone()),
            account_id: Set(candidate.account_id),
            student_id: Set(candidate.student_id),
            code_hash: Set(code_digest(&challenge_hash, &code)),
            attempts: Set(0),
            expires_at: Set(now + Duration::minutes(CODE_MINUTES)),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(&state.db)
        .await?;
        let minutes = CODE_MINUTES;
        let mail = Mail {
            unsubscribe: None,
            to: email,
            subject: td_string!(locale, mail.code_subject, code = code.as_str()).to_string(),
            body: td_string!(
                locale,
                mail.code_body,
                minutes = minutes,
                code = code.as_str()
            )
            .to_string(),
        };
        state.mail(mail).await?;
        codes.push(code);
    }
    Ok(token)
}

/// The account whose code was typed in the browser holding `token`. A wrong code counts against
/// the waiting sign-in, which ends after [`MOST_ATTEMPTS`]; the right one ends it too.
pub async fn redeem(
    db: &DatabaseConnection,
    now: chrono::DateTime<chrono::Utc>,
    token: &str,
    code: &str,
) -> ServiceResult<SignedIn> {
    let challenge_hash = tokens::digest(token);
    let waiting = sign_in_code::Entity::find()
        .filter(sign_in_code::Column::ChallengeHash.eq(&challenge_hash))
        .filter(sign_in_code::Column::ExpiresAt.gt(now))
        .filter(sign_in_code::Column::Attempts.lt(MOST_ATTEMPTS))
        .all(db)
        .await?;
    if waiting.is_empty() {
        return Err(ServiceError::CodeExpired);
    }
    let typed = code_digest(&challenge_hash, code.trim());
    let Some(matched) = waiting.into_iter().find(|row| row.code_hash == typed) else {
        count_wrong_code(db, &challenge_hash).await?;
        return Err(ServiceError::WrongCode);
    };
    // Used once: two tabs racing with the right code open one session.
    let ended = sign_in_code::Entity::delete_many()
        .filter(sign_in_code::Column::ChallengeHash.eq(&challenge_hash))
        .exec(db)
        .await?;
    if ended.rows_affected == 0 {
        return Err(ServiceError::CodeExpired);
    }
    Ok(SignedIn {
        account_id: matched.account_id,
        student_id: matched.student_id,
    })
}

/// The codes that can no longer be used at `now`: expired, or of a sign-in ended by wrong codes.
/// The purge deletes them ([`redeem`] refuses them either way).
pub fn spent(now: chrono::DateTime<chrono::Utc>) -> Condition {
    Condition::any()
        .add(sign_in_code::Column::ExpiresAt.lte(now))
        .add(sign_in_code::Column::Attempts.gte(MOST_ATTEMPTS))
}

async fn count_wrong_code(db: &DatabaseConnection, challenge_hash: &str) -> Result<(), DbErr> {
    sign_in_code::Entity::update_many()
        .col_expr(
            sign_in_code::Column::Attempts,
            sea_orm::sea_query::ExprTrait::add(Expr::col(sign_in_code::Column::Attempts), 1),
        )
        .filter(sign_in_code::Column::ChallengeHash.eq(challenge_hash))
        .exec(db)
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn codes_have_six_digits_and_digests_depend_on_the_challenge() {
        let code = super::new_code();
        assert_eq!(code.len(), 6);
        assert!(code.chars().all(|c| c.is_ascii_digit()));
        assert_ne!(
            super::code_digest("a", &code),
            super::code_digest("b", &code)
        );
    }
}
