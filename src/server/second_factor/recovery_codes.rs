//! The ten single-use recovery codes of a second factor, for a lost phone: drawn from its secret,
//! kept as digests, typed loosely.
use super::{Owner, find};
use crate::server::{entities::recovery_code, error::ServiceResult};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter};

/// How many recovery codes an account gets.
pub const RECOVERY_CODES: usize = 10;

/// How many recovery codes are left unused.
pub async fn recovery_codes_left(db: &DatabaseConnection, owner: Owner) -> ServiceResult<u64> {
    let Some(factor) = find(db, owner).await? else {
        return Ok(0);
    };
    Ok(recovery_code::Entity::find()
        .filter(recovery_code::Column::SecondFactorId.eq(factor.id))
        .filter(recovery_code::Column::UsedAt.is_null())
        .count(db)
        .await?)
}

/// Letters and digits of a recovery code, without look-alikes.
const RECOVERY_ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
/// Ten characters of 31: about 50 bits each, and each works once, behind the password.
pub(super) const RECOVERY_LENGTH: usize = 10;

/// The ten recovery codes of a secret, as shown: `abcde-fghjk`. Drawn from the secret (SHA-256 of
/// it and the code's number), so that the set-up page shows the same ones however often it is
/// reloaded before the second factor is confirmed; only their digests are kept, and whoever could
/// read the secret could make codes of the authenticator anyway.
pub(super) fn recovery_codes(secret: &[u8]) -> Vec<String> {
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
pub(super) fn normalised(code: &str) -> String {
    code.chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

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
