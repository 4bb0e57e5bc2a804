//! The second factor: time-based one-time codes (RFC 6238: SHA-1, 6 digits, 30 s, one step of
//! drift either way) from an authenticator app, and ten single-use recovery codes for a lost phone.
//! Staff and parents have the same one, told apart by its [`Owner`]. The secret is set up in two
//! steps: shown (QR code and typed form), then confirmed with a code, so that an authenticator
//! that scanned it wrongly never locks anyone out.
use crate::server::{
    clock::Clock,
    entities::{recovery_code, second_factor},
    error::{ServiceError, ServiceResult},
    tokens,
};
use base64::{Engine, engine::general_purpose::STANDARD};
use chrono::{DateTime, Utc};
use rand::RngCore;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, DbErr,
    EntityTrait, QueryFilter, Set, sea_query::Expr,
};
use totp_rs::{Algorithm, Builder, Secret, Totp};

mod recovery_codes;

pub use recovery_codes::{RECOVERY_CODES, recovery_codes_left};
use recovery_codes::{RECOVERY_LENGTH, normalised, recovery_codes};

/// Whose second factor: a staff member's or a parent account's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Owner {
    Staff(i32),
    Parent(i32),
}

impl Owner {
    /// A second factor of this owner, set up but not on.
    fn new_row(self, secret: &str, now: DateTime<Utc>) -> second_factor::ActiveModel {
        let (staff_id, account_id) = match self {
            Owner::Staff(id) => (Some(id), None),
            Owner::Parent(id) => (None, Some(id)),
        };
        second_factor::ActiveModel {
            staff_id: Set(staff_id),
            account_id: Set(account_id),
            secret: Set(secret.to_owned()),
            created_at: Set(now),
            ..Default::default()
        }
    }

    fn condition(self) -> Condition {
        Condition::all().add(match self {
            Owner::Staff(id) => second_factor::Column::StaffId.eq(id),
            Owner::Parent(id) => second_factor::Column::AccountId.eq(id),
        })
    }
}

/// What the set-up page shows.
pub struct Setup {
    /// The ten recovery codes, shown on this page only (their digests are kept, used once the
    /// second factor is on).
    pub recovery_codes: Vec<String>,
    /// Base32, grouped by four for typing.
    pub secret: String,
    /// `otpauth://totp/…`, what the QR code holds.
    pub url: String,
    /// The QR code, as an SVG `data:` address for an `<img>`.
    pub qr_code: String,
}

/// The owner's second factor, set up or on.
pub async fn find(
    db: &impl ConnectionTrait,
    owner: Owner,
) -> Result<Option<second_factor::Model>, DbErr> {
    second_factor::Entity::find()
        .filter(owner.condition())
        .one(db)
        .await
}

/// When the owner's second factor was turned on, if it is.
pub async fn enabled_at(
    db: &impl ConnectionTrait,
    owner: Owner,
) -> Result<Option<DateTime<Utc>>, DbErr> {
    Ok(find(db, owner).await?.and_then(|found| found.enabled_at))
}

/// Which of these staff members have their second factor on.
pub async fn staff_with_one_on(
    db: &DatabaseConnection,
    staff_ids: &[i32],
) -> ServiceResult<Vec<i32>> {
    let on = second_factor::Entity::find()
        .filter(second_factor::Column::StaffId.is_in(staff_ids.iter().copied()))
        .filter(second_factor::Column::EnabledAt.is_not_null())
        .all(db)
        .await?;
    Ok(on.into_iter().filter_map(|row| row.staff_id).collect())
}

/// The name authenticator apps list the account under: "Cartable (ecole.example.be)", the site's
/// host without scheme nor port (RFC 6238's issuer may not hold a colon).
pub fn issuer(public_url: &str) -> String {
    let host = public_url
        .split("://")
        .last()
        .unwrap_or_default()
        .split(['/', ':'])
        .next()
        .unwrap_or_default();
    format!("Cartable ({host})")
}

fn totp(secret: &[u8], issuer: &str, account: &str) -> ServiceResult<Totp> {
    Builder::new()
        .with_algorithm(Algorithm::SHA1)
        .with_digits(6)
        .with_step_duration(30)
        .with_skew(1)
        .with_secret(secret.to_vec())
        .with_account_name(account)
        .with_issuer(Some(issuer))
        .build()
        .map_err(|error| {
            tracing::error!(%error, issuer, "the TOTP parameters were refused");
            ServiceError::NotFound("a valid TOTP secret")
        })
}

fn secret_bytes(encoded: &str) -> ServiceResult<Vec<u8>> {
    Secret::try_from_base32(encoded)
        .map(|secret| secret.to_vec())
        .map_err(|_| ServiceError::NotFound("a readable TOTP secret"))
}

/// The set-up page of an owner without a second factor on: its secret (a new 160-bit one the
/// first time, then the same until confirmed, so that an authenticator that scanned it stays
/// right), and its ten recovery codes, the same at every showing until confirmed. `account` is the
/// name the authenticator lists it under (an address).
pub async fn prepare(
    db: &DatabaseConnection,
    clock: &Clock,
    owner: Owner,
    issuer: &str,
    account: &str,
) -> ServiceResult<Setup> {
    let encoded = match find(db, owner).await? {
        Some(kept) if kept.enabled_at.is_some() => return Err(ServiceError::WrongCode),
        Some(kept) => kept.secret,
        None => {
            let mut bytes = [0u8; 20];
            rand::rng().fill_bytes(&mut bytes);
            let encoded = Secret::from(bytes.to_vec()).to_base32();
            // Two tabs opening the page at once: the first secret stays, both show it.
            second_factor::Entity::insert(owner.new_row(&encoded, clock.now()))
                .on_conflict_do_nothing()
                .exec_without_returning(db)
                .await?;
            find(db, owner)
                .await?
                .ok_or(ServiceError::NotFound("the secret just set up"))?
                .secret
        }
    };
    let bytes = secret_bytes(&encoded)?;
    let codes = recovery_codes(&bytes);
    let url = totp(&bytes, issuer, account)?
        .to_url()
        .map_err(|_| ServiceError::NotFound("an otpauth URL"))?;
    let svg = qrcode::QrCode::new(url.as_bytes())
        .map_err(|_| ServiceError::NotFound("a QR code"))?
        .render::<qrcode::render::svg::Color<'_>>()
        .min_dimensions(200, 200)
        .quiet_zone(true)
        .build();
    let grouped = encoded
        .as_bytes()
        .chunks(4)
        .map(|chunk| String::from_utf8_lossy(chunk).into_owned())
        .collect::<Vec<_>>()
        .join(" ");
    Ok(Setup {
        recovery_codes: codes,
        secret: grouped,
        url,
        qr_code: format!("data:image/svg+xml;base64,{}", STANDARD.encode(svg)),
    })
}

/// The time step `code` is valid for with this secret, if any, and not used before.
fn accepted_step(
    factor: &second_factor::Model,
    clock: &Clock,
    code: &str,
) -> ServiceResult<Option<i64>> {
    let digits: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    if digits.len() != 6 || !digits.chars().all(|c| c.is_ascii_digit()) {
        return Ok(None);
    }
    let bytes = secret_bytes(&factor.secret)?;
    let now = clock.now().timestamp().max(0) as u64;
    let step = totp(&bytes, "", "")?
        .check(&digits, now)
        .map(|step| step as i64);
    Ok(step.filter(|step| factor.last_step.is_none_or(|last| *step > last)))
}

/// Turns the second factor on with a first code from the authenticator; the recovery codes shown
/// with the secret work from now on.
pub async fn confirm(
    db: &DatabaseConnection,
    clock: &Clock,
    owner: Owner,
    code: &str,
) -> ServiceResult<()> {
    let factor = find(db, owner)
        .await?
        .filter(|factor| factor.enabled_at.is_none())
        .ok_or(ServiceError::WrongCode)?;
    let step = accepted_step(&factor, clock, code)?.ok_or(ServiceError::WrongCode)?;
    let txn = crate::server::db::write_transaction(db).await?;
    turn_on(&txn, factor, clock.now(), Some(step)).await?;
    txn.commit().await?;
    Ok(())
}

async fn turn_on(
    db: &impl ConnectionTrait,
    factor: second_factor::Model,
    now: DateTime<Utc>,
    step: Option<i64>,
) -> ServiceResult<()> {
    let codes = recovery_codes(&secret_bytes(&factor.secret)?);
    let id = factor.id;
    let mut row: second_factor::ActiveModel = factor.into();
    row.enabled_at = Set(Some(now));
    row.last_step = Set(step);
    row.update(db).await?;
    recovery_code::Entity::delete_many()
        .filter(recovery_code::Column::SecondFactorId.eq(id))
        .exec(db)
        .await?;
    for code in &codes {
        recovery_code::ActiveModel {
            second_factor_id: Set(id),
            code_hash: Set(tokens::digest(&normalised(code))),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    Ok(())
}

/// A second factor on at once with a known base32 secret: the demo school's and the tests' staff.
pub async fn turn_on_with(
    db: &impl ConnectionTrait,
    owner: Owner,
    secret: &str,
    now: DateTime<Utc>,
) -> ServiceResult<()> {
    secret_bytes(secret)?;
    let factor = owner.new_row(secret, now).insert(db).await?;
    turn_on(db, factor, now, None).await
}

/// How a second factor was given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Given {
    Code,
    RecoveryCode,
}

/// Checks a code at sign-in: the authenticator's (each works once), or one of the recovery codes
/// (used up). Anything else, or an owner without a second factor on, is
/// [`ServiceError::WrongCode`].
pub async fn check(
    db: &DatabaseConnection,
    clock: &Clock,
    owner: Owner,
    code: &str,
) -> ServiceResult<Given> {
    let factor = find(db, owner)
        .await?
        .filter(|factor| factor.enabled_at.is_some())
        .ok_or(ServiceError::WrongCode)?;
    if let Some(step) = accepted_step(&factor, clock, code)? {
        // Only the first of two racing uses of one code moves the step on.
        let moved = second_factor::Entity::update_many()
            .col_expr(second_factor::Column::LastStep, Expr::value(step))
            .filter(second_factor::Column::Id.eq(factor.id))
            .filter(
                Condition::any()
                    .add(second_factor::Column::LastStep.is_null())
                    .add(second_factor::Column::LastStep.lt(step)),
            )
            .exec(db)
            .await?;
        return match moved.rows_affected {
            1 => Ok(Given::Code),
            _ => Err(ServiceError::WrongCode),
        };
    }
    let typed = normalised(code);
    if typed.len() != RECOVERY_LENGTH {
        return Err(ServiceError::WrongCode);
    }
    let used = recovery_code::Entity::update_many()
        .col_expr(recovery_code::Column::UsedAt, Expr::value(clock.now()))
        .filter(recovery_code::Column::SecondFactorId.eq(factor.id))
        .filter(recovery_code::Column::CodeHash.eq(tokens::digest(&typed)))
        .filter(recovery_code::Column::UsedAt.is_null())
        .exec(db)
        .await?;
    match used.rows_affected {
        1 => Ok(Given::RecoveryCode),
        _ => Err(ServiceError::WrongCode),
    }
}

/// Forgets the owner's second factor, its secret and its recovery codes (they go with it).
pub async fn turn_off(db: &impl ConnectionTrait, owner: Owner) -> ServiceResult<()> {
    second_factor::Entity::delete_many()
        .filter(owner.condition())
        .exec(db)
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_issuer_is_the_host_alone_and_builds_a_valid_secret() {
        assert_eq!(issuer("http://127.0.0.1:3000"), "Cartable (127.0.0.1)");
        assert_eq!(
            issuer("https://cartable.ecole.be/"),
            "Cartable (cartable.ecole.be)"
        );
        let url = totp(&[7u8; 20], &issuer("http://127.0.0.1:3000"), "a@b.be")
            .and_then(|t| t.to_url().map_err(|_| ServiceError::WrongCode));
        assert!(url.is_ok());
    }
}
