//! The second factor: time-based one-time codes (RFC 6238: SHA-1, 6 digits, 30 s, one step of
//! drift either way) from an authenticator app, and ten single-use recovery codes for a lost phone.
//! The secret is set up in two steps: shown (QR code and typed form), then confirmed with a code, so
//! that an authenticator that scanned it wrongly never locks anyone out.
use crate::server::{
    clock::Clock,
    entities::{staff_account, staff_recovery_code},
    error::{ServiceError, ServiceResult},
    tokens,
};
use base64::{Engine, engine::general_purpose::STANDARD};
use rand::RngCore;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set,
    TransactionTrait, sea_query::Expr,
};
use totp_rs::{Algorithm, Builder, Secret, Totp};

/// How many recovery codes an account gets.
pub const RECOVERY_CODES: usize = 10;

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

fn secret_bytes(account: &staff_account::Model) -> ServiceResult<Vec<u8>> {
    let encoded = account
        .totp_secret
        .as_deref()
        .ok_or(ServiceError::NotFound("a TOTP secret"))?;
    Secret::try_from_base32(encoded)
        .map(|secret| secret.to_vec())
        .map_err(|_| ServiceError::NotFound("a readable TOTP secret"))
}

/// The set-up page of an account without a second factor: its secret (a new 160-bit one the first
/// time, then the same until confirmed, so that an authenticator that scanned it stays right), and
/// its ten recovery codes, the same at every showing until confirmed.
pub async fn prepare(
    db: &DatabaseConnection,
    account: &staff_account::Model,
    issuer: &str,
) -> ServiceResult<Setup> {
    let encoded = match &account.totp_secret {
        Some(kept) => kept.clone(),
        None => {
            let mut bytes = [0u8; 20];
            rand::rng().fill_bytes(&mut bytes);
            Secret::from(bytes.to_vec()).to_base32()
        }
    };
    if account.totp_secret.is_none() {
        let mut row: staff_account::ActiveModel = account.clone().into();
        row.totp_secret = Set(Some(encoded.clone()));
        row.update(db).await?;
    }
    let bytes = Secret::try_from_base32(&encoded)
        .map(|secret| secret.to_vec())
        .map_err(|_| ServiceError::NotFound("a readable TOTP secret"))?;
    let codes = recovery_codes(&bytes);
    let url = totp(&bytes, issuer, &account.email)?
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

/// The time step `code` is valid for with this account's secret, if any, and not used before.
fn accepted_step(
    account: &staff_account::Model,
    clock: &Clock,
    code: &str,
) -> ServiceResult<Option<i64>> {
    let digits: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    if digits.len() != 6 || !digits.chars().all(|c| c.is_ascii_digit()) {
        return Ok(None);
    }
    let bytes = secret_bytes(account)?;
    let now = clock.now().timestamp().max(0) as u64;
    let step = totp(&bytes, "", &account.email)?
        .check(&digits, now)
        .map(|step| step as i64);
    Ok(step.filter(|step| account.totp_last_step.is_none_or(|last| *step > last)))
}

/// Turns the second factor on with a first code from the authenticator; the recovery codes shown
/// with the secret work from now on.
pub async fn confirm(
    db: &DatabaseConnection,
    clock: &Clock,
    account: &staff_account::Model,
    code: &str,
) -> ServiceResult<()> {
    let step = accepted_step(account, clock, code)?.ok_or(ServiceError::WrongCode)?;
    let codes = recovery_codes(&secret_bytes(account)?);
    let txn = db.begin().await?;
    let mut row: staff_account::ActiveModel = account.clone().into();
    row.totp_enabled_at = Set(Some(clock.now()));
    row.totp_last_step = Set(Some(step));
    row.update(&txn).await?;
    staff_recovery_code::Entity::delete_many()
        .filter(staff_recovery_code::Column::StaffId.eq(account.id))
        .exec(&txn)
        .await?;
    for code in &codes {
        staff_recovery_code::ActiveModel {
            staff_id: Set(account.id),
            code_hash: Set(tokens::digest(&normalised(code))),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
    }
    txn.commit().await?;
    Ok(())
}

/// How a second factor was given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Given {
    Code,
    RecoveryCode,
}

/// Checks a code at sign-in: the authenticator's (each works once), or one of the recovery codes
/// (used up). Anything else is [`ServiceError::WrongCode`].
pub async fn check(
    db: &DatabaseConnection,
    clock: &Clock,
    account: &staff_account::Model,
    code: &str,
) -> ServiceResult<Given> {
    if account.totp_enabled_at.is_none() {
        return Err(ServiceError::WrongCode);
    }
    if let Some(step) = accepted_step(account, clock, code)? {
        // Only the first of two racing uses of one code moves the step on.
        let moved = staff_account::Entity::update_many()
            .col_expr(staff_account::Column::TotpLastStep, Expr::value(step))
            .filter(staff_account::Column::Id.eq(account.id))
            .filter(
                sea_orm::Condition::any()
                    .add(staff_account::Column::TotpLastStep.is_null())
                    .add(staff_account::Column::TotpLastStep.lt(step)),
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
    let used = staff_recovery_code::Entity::update_many()
        .col_expr(
            staff_recovery_code::Column::UsedAt,
            Expr::value(clock.now()),
        )
        .filter(staff_recovery_code::Column::StaffId.eq(account.id))
        .filter(staff_recovery_code::Column::CodeHash.eq(tokens::digest(&typed)))
        .filter(staff_recovery_code::Column::UsedAt.is_null())
        .exec(db)
        .await?;
    match used.rows_affected {
        1 => Ok(Given::RecoveryCode),
        _ => Err(ServiceError::WrongCode),
    }
}

/// Turns a staff member's second factor off (a lost phone and lost codes): the secret and the
/// recovery codes are forgotten and every session ends; an administrator sets a new one up at their
/// next sign-in.
pub async fn reset(db: &DatabaseConnection, staff_id: i32) -> ServiceResult<()> {
    let txn = db.begin().await?;
    staff_account::Entity::update_many()
        .col_expr(
            staff_account::Column::TotpSecret,
            Expr::value(Option::<String>::None),
        )
        .col_expr(
            staff_account::Column::TotpEnabledAt,
            Expr::value(Option::<chrono::DateTime<chrono::Utc>>::None),
        )
        .col_expr(
            staff_account::Column::TotpLastStep,
            Expr::value(Option::<i64>::None),
        )
        .filter(staff_account::Column::Id.eq(staff_id))
        .exec(&txn)
        .await?;
    staff_recovery_code::Entity::delete_many()
        .filter(staff_recovery_code::Column::StaffId.eq(staff_id))
        .exec(&txn)
        .await?;
    super::sessions::end_all(&txn, staff_id, None).await?;
    txn.commit().await?;
    Ok(())
}

/// How many recovery codes are left unused.
pub async fn recovery_codes_left(db: &DatabaseConnection, staff_id: i32) -> ServiceResult<u64> {
    use sea_orm::PaginatorTrait;
    Ok(staff_recovery_code::Entity::find()
        .filter(staff_recovery_code::Column::StaffId.eq(staff_id))
        .filter(staff_recovery_code::Column::UsedAt.is_null())
        .count(db)
        .await?)
}

/// Letters and digits of a recovery code, without look-alikes.
const RECOVERY_ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
/// Ten characters of 31: about 50 bits each, and each works once, behind the password.
const RECOVERY_LENGTH: usize = 10;

/// The ten recovery codes of a secret, as shown: `abcde-fghjk`. Drawn from the secret (SHA-256 of
/// it and the code's number), so that the set-up page shows the same ones however often it is
/// reloaded before the second factor is confirmed; only their digests are kept, and whoever could
/// read the secret could make codes of the authenticator anyway.
fn recovery_codes(secret: &[u8]) -> Vec<String> {
    use sha2::{Digest, Sha256};
    (0..RECOVERY_CODES)
        .map(|number| {
            let digest = Sha256::new()
                .chain_update(b"cartable recovery code")
                .chain_update(secret)
                .chain_update([number as u8])
                .finalize();
            let code: String = digest
                .iter()
                .take(RECOVERY_LENGTH)
                .map(|byte| RECOVERY_ALPHABET[*byte as usize % RECOVERY_ALPHABET.len()] as char)
                .collect();
            format!("{}-{}", &code[..5], &code[5..])
        })
        .collect()
}

/// A recovery code as typed, in the form its digest was taken of: lower case, no dash nor space.
fn normalised(code: &str) -> String {
    code.chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_lowercase())
        .collect()
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

    #[test]
    fn recovery_codes_read_well_are_typed_loosely_and_differ() {
        let codes = recovery_codes(&[1u8; 20]);
        assert_eq!(codes.len(), RECOVERY_CODES);
        let code = &codes[0];
        assert_eq!(code.len(), RECOVERY_LENGTH + 1);
        assert_eq!(&code[5..6], "-");
        assert_eq!(
            normalised(&code.to_uppercase().replace('-', " ")),
            normalised(code)
        );
        let mut unique = codes.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), RECOVERY_CODES);
        assert_eq!(recovery_codes(&[1u8; 20]), codes);
        assert_ne!(recovery_codes(&[2u8; 20]), codes);
    }
}
