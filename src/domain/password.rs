//! The password rule of the seed: at least 8 characters mixing letters, capitals, digits and/or
//! other characters, or a passphrase of at least 20 characters and 4 words separated by spaces.
//! The browser runs it for live feedback; the server runs it again as the authority.

/// Shortest password the rule accepts.
pub const MIN_LENGTH: usize = 8;
/// Shortest passphrase, and how many space-separated words it needs.
pub const MIN_PASSPHRASE_LENGTH: usize = 20;
pub const MIN_PASSPHRASE_WORDS: usize = 4;
/// Longest accepted (see [`super::limits::PASSWORD`]).
pub const MAX_LENGTH: usize = super::limits::PASSWORD;

/// Passwords that fit the shape of the rule yet are among the first an attacker tries.
const COMMON: &str = include_str!("common_passwords.txt");

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PasswordProblem {
    Empty,
    TooLong,
    TooWeak,
    TooCommon,
    SameAsTemporary,
    Mismatch,
}

impl PasswordProblem {
    pub fn message(self) -> std::borrow::Cow<'static, str> {
        let text = match self {
            Self::Empty => "Choisissez un nouveau mot de passe.",
            Self::TooLong => {
                return format!(
                    "Ce mot de passe est trop long ({MAX_LENGTH} caractères au maximum)."
                )
                .into();
            }
            Self::TooWeak => {
                "Ce mot de passe est trop faible : utilisez au moins 8 caractères mêlant lettres, \
                 majuscules, chiffres et/ou autres caractères, ou une phrase de passe d'au moins \
                 20 caractères et 4 mots."
            }
            Self::TooCommon => {
                "Ce mot de passe est trop courant : il serait deviné parmi les premiers. Choisissez-en un autre."
            }
            Self::SameAsTemporary => {
                "Choisissez un mot de passe différent du mot de passe temporaire reçu par courrier."
            }
            Self::Mismatch => "Les deux mots de passe ne sont pas identiques.",
        };
        text.into()
    }
}

/// How many of the four kinds of characters (small letters, capitals, digits, others) appear.
fn character_kinds(password: &str) -> usize {
    let has = |test: fn(&char) -> bool| password.chars().any(|c| test(&c));
    [
        has(|c| c.is_lowercase()),
        has(|c| c.is_uppercase()),
        has(|c| c.is_numeric()),
        has(|c| !c.is_alphanumeric()),
    ]
    .into_iter()
    .filter(|present| *present)
    .count()
}

pub fn is_passphrase(password: &str) -> bool {
    password.chars().count() >= MIN_PASSPHRASE_LENGTH
        && password.split(' ').filter(|word| !word.is_empty()).count() >= MIN_PASSPHRASE_WORDS
}

fn is_common(password: &str) -> bool {
    let lowered = password.to_lowercase();
    COMMON.lines().any(|common| common == lowered)
}

/// Checks one new password against the rule (the repetition is checked by [`check_new_password`]).
pub fn check_strength(password: &str) -> Result<(), PasswordProblem> {
    let length = password.chars().count();
    if length == 0 {
        return Err(PasswordProblem::Empty);
    }
    if length > MAX_LENGTH {
        return Err(PasswordProblem::TooLong);
    }
    // A mix of three kinds of characters out of four, as most schools' rules read "combinaison".
    let strong_password = length >= MIN_LENGTH && character_kinds(password) >= 3;
    if !(strong_password || is_passphrase(password)) {
        return Err(PasswordProblem::TooWeak);
    }
    if is_common(password) {
        return Err(PasswordProblem::TooCommon);
    }
    Ok(())
}

/// The whole form: the new password follows the rule and was typed the same twice.
pub fn check_new_password(password: &str, repeated: &str) -> Result<(), PasswordProblem> {
    check_strength(password)?;
    if password != repeated {
        return Err(PasswordProblem::Mismatch);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_mixed_password_of_eight_characters_is_accepted() {
        assert_eq!(check_strength("Tulipe7!"), Ok(()));
        assert_eq!(check_strength("Vélo2024"), Ok(()));
    }

    #[test]
    fn short_or_single_kind_passwords_are_refused() {
        assert_eq!(check_strength("Tulip7!"), Err(PasswordProblem::TooWeak));
        assert_eq!(
            check_strength("tulipesjaunes"),
            Err(PasswordProblem::TooWeak)
        );
        assert_eq!(check_strength("tulipes7"), Err(PasswordProblem::TooWeak));
        assert_eq!(check_strength(""), Err(PasswordProblem::Empty));
    }

    #[test]
    fn a_passphrase_of_four_words_and_twenty_characters_is_accepted() {
        assert_eq!(check_strength("le chat dort au soleil"), Ok(()));
        assert_eq!(check_strength("un deux trois quatre"), Ok(()));
        // Twenty characters but only three words, or four words but too short.
        assert_eq!(
            check_strength("anticonstitutionnel  ab cd"),
            Err(PasswordProblem::TooWeak)
        );
        assert_eq!(
            check_strength("le chat dort ici"),
            Err(PasswordProblem::TooWeak)
        );
    }

    #[test]
    fn common_passwords_are_refused_whatever_their_case() {
        assert_eq!(check_strength("Password1"), Err(PasswordProblem::TooCommon));
        assert_eq!(
            check_strength("AZERTY123!"),
            Err(PasswordProblem::TooCommon)
        );
    }

    #[test]
    fn long_passwords_are_allowed_up_to_the_limit() {
        let long = "Aa1".repeat(MAX_LENGTH / 3);
        assert_eq!(check_strength(&long), Ok(()));
        let too_long = "Aa1".repeat(MAX_LENGTH);
        assert_eq!(check_strength(&too_long), Err(PasswordProblem::TooLong));
    }

    #[test]
    fn the_repetition_must_match() {
        assert_eq!(
            check_new_password("Tulipe7!", "Tulipe7?"),
            Err(PasswordProblem::Mismatch)
        );
        assert_eq!(check_new_password("Tulipe7!", "Tulipe7!"), Ok(()));
    }
}
