//! The password rule of the seed: at least 8 characters mixing letters, capitals, digits and/or
//! other characters, or a passphrase of at least 20 characters and 4 words separated by spaces.
//! The browser runs it for live feedback; the server runs it again as the authority, and only the
//! server also refuses common passwords (their list would weigh on the WebAssembly download).
//! Personal words (the child's names, the school's code, "cartable") are refused by
//! [`check_personal`], for the callers that know them.
use super::identifier::fold;
use crate::{i18n::td_string, language::Locale};

mod personal;
pub use personal::check_personal;

/// Shortest password the rule accepts.
pub const MIN_LENGTH: usize = 8;
/// Shortest passphrase, and how many space-separated words it needs.
pub const MIN_PASSPHRASE_LENGTH: usize = 20;
pub const MIN_PASSPHRASE_WORDS: usize = 4;
/// Longest accepted (see [`super::limits::PASSWORD`]).
pub const MAX_LENGTH: usize = super::limits::PASSWORD;

/// Shortest main part of a password (what is left once the digits and punctuation around it are
/// stripped) compared with the list of common passwords.
pub const MIN_COMMON_CORE: usize = 4;
/// Shortest personal word looked for inside a password: shorter ones ("Li", "Bo") would refuse
/// too many passwords; they are refused only as the whole main part ("Li2024!!").
pub const MIN_PERSONAL_PART: usize = 3;
/// Added by [`check_personal`] to the personal words callers give.
pub const SITE_WORD: &str = "cartable";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PasswordProblem {
    Empty,
    TooLong,
    TooWeak,
    TooCommon,
    TooPersonal,
    SameAsTemporary,
    Mismatch,
}

impl PasswordProblem {
    /// What the parent reads under the field, in their language.
    pub fn message(self, locale: Locale) -> String {
        let text = match self {
            Self::Empty => td_string!(locale, password.problem_empty),
            Self::TooLong => {
                return td_string!(locale, password.problem_too_long, max = MAX_LENGTH).to_string();
            }
            Self::TooWeak => td_string!(locale, password.problem_too_weak),
            Self::TooCommon => td_string!(locale, password.problem_too_common),
            Self::TooPersonal => td_string!(locale, password.problem_too_personal),
            Self::SameAsTemporary => td_string!(locale, password.problem_same_as_temporary),
            Self::Mismatch => td_string!(locale, password.problem_mismatch),
        };
        text.to_owned()
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

/// The main part of a password: `text` without the digits, punctuation and spaces around it
/// (`!!Soleil2024` → `Soleil`, `Azerty123!` → `Azerty`).
fn core(text: &str) -> &str {
    text.trim_matches(|c: char| !c.is_alphabetic())
}

/// The list of common passwords, on the server only.
#[cfg(feature = "ssr")]
mod common {
    use std::{collections::HashSet, sync::LazyLock};

    /// Passwords among the first an attacker tries: lower case, one a line, no repeats and no
    /// header (every line is an entry). In this order:
    /// - the project's own 88 (seasons and months with the year, "cartable", "smartschool", …);
    /// - the 10,000 of SecLists' `Passwords/Common-Credentials/10k-most-common.txt`
    ///   (<https://github.com/danielmiessler/SecLists>, commit
    ///   4f84b3c29b5f2192cc82ccdeaf655f0c5f0ab547), MIT licence, copyright (c) 2025 Daniel
    ///   Miessler (notice below), less the 17 already listed;
    /// - the 5,000 of Richelieu's `french_passwords_top5000.txt`, the most common passwords of
    ///   French (`.fr`) addresses in public leaks (<https://github.com/tarraschk/richelieu>,
    ///   commit ebcc19c848bf22caa0903f98b7dccc0ac3d7a775), by Maxime Alay-Eddine and Paul
    ///   Barbaste, CC BY 4.0 (<https://creativecommons.org/licenses/by/4.0/>); changed here:
    ///   lower-cased, and the 1,999 already listed left out.
    //
    // SecLists' notice: MIT License. Copyright (c) 2025 Daniel Miessler. Permission is hereby
    // granted, free of charge, to any person obtaining a copy of this software and associated
    // documentation files (the "Software"), to deal in the Software without restriction,
    // including without limitation the rights to use, copy, modify, merge, publish, distribute,
    // sublicense, and/or sell copies of the Software, and to permit persons to whom the Software
    // is furnished to do so, subject to the following conditions: The above copyright notice and
    // this permission notice shall be included in all copies or substantial portions of the
    // Software. THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
    // IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A
    // PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS
    // BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT
    // OR OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER
    // DEALINGS IN THE SOFTWARE.
    pub(super) const LIST: &str = include_str!("common_passwords.txt");

    /// The list as a set, built on first use.
    static SET: LazyLock<HashSet<&'static str>> = LazyLock::new(|| LIST.lines().collect());

    /// Whether the password, in lower case, is on the list, or (but for a passphrase, taken only
    /// whole) its main part of at least [`super::MIN_COMMON_CORE`] characters is:
    /// `Azerty123!` and `!!Soleil2024` are as common as `azerty` and `soleil`.
    pub(super) fn is_common(password: &str) -> bool {
        let lowered = password.to_lowercase();
        if SET.contains(lowered.as_str()) {
            return true;
        }
        let core = super::core(&lowered);
        !super::is_passphrase(password)
            && core.chars().count() >= super::MIN_COMMON_CORE
            && SET.contains(core)
    }
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
    // The browser keeps to the shape above; the server, the authority, also knows the list.
    #[cfg(feature = "ssr")]
    if common::is_common(password) {
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

/// [`check_new_password`], then [`check_personal`] with the words of the parent's child and school.
pub fn check_new_password_for(
    password: &str,
    repeated: &str,
    personal_words: &[impl AsRef<str>],
) -> Result<(), PasswordProblem> {
    check_new_password(password, repeated)?;
    check_personal(password, personal_words)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_mixed_password_of_eight_characters_is_accepted() {
        assert_eq!(check_strength("Glycine7!"), Ok(()));
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

    #[cfg(feature = "ssr")]
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
            check_new_password("Glycine7!", "Glycine7?"),
            Err(PasswordProblem::Mismatch)
        );
        assert_eq!(check_new_password("Glycine7!", "Glycine7!"), Ok(()));
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn the_list_has_ten_thousand_distinct_lower_case_entries() {
        let entries: Vec<&str> = common::LIST.lines().collect();
        assert!(entries.len() >= 10_000, "{} entries", entries.len());
        let distinct: std::collections::HashSet<&str> = entries.iter().copied().collect();
        assert_eq!(distinct.len(), entries.len(), "the list repeats an entry");
        for entry in entries {
            assert!(!entry.is_empty() && entry.trim() == entry, "{entry:?}");
            assert_eq!(
                entry,
                entry.to_lowercase(),
                "{entry:?} is not in lower case"
            );
        }
        // The project's own entries are kept.
        assert!(common::is_common("Cartable123") && common::is_common("Smartschool1"));
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn a_password_from_deep_in_the_list_is_refused() {
        assert_eq!(common::LIST.lines().nth(8_999), Some("montana1"));
        assert_eq!(check_strength("Montana1"), Err(PasswordProblem::TooCommon));
        // And one of the French list, whose main part is "tulipe".
        assert_eq!(check_strength("Tulipe7!"), Err(PasswordProblem::TooCommon));
        let last = common::LIST.lines().last().unwrap();
        assert!(common::is_common(last) && common::is_common(&last.to_uppercase()));
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn a_common_password_with_digits_and_punctuation_around_it_is_refused() {
        for password in [
            "Azerty123!",
            "!!Soleil2024",
            "Doudou2024!",
            "Chouchou-75",
            "MOTDEPASSE!1",
            "2024Love!!",
            "P@ssw0rd!",
        ] {
            assert_eq!(
                check_strength(password),
                Err(PasswordProblem::TooCommon),
                "{password}"
            );
        }
        // A main part shorter than four characters is not looked up ("abc" is on the list), lest
        // every password around a short word be refused.
        assert_eq!(check_strength("Abc12345!"), Ok(()));
        // Nor is the main part of a passphrase, taken only whole.
        assert_eq!(check_strength("12 soleil 34 56 78 90!"), Ok(()));
        // A common word inside a longer main part is not refused.
        assert_eq!(check_strength("SoleilDeMinuit7"), Ok(()));
    }
}
