//! The password rule of the seed: at least 8 characters mixing letters, capitals, digits and/or
//! other characters, or a passphrase of at least 20 characters and 4 words separated by spaces.
//! The browser runs it for live feedback; the server runs it again as the authority, and only the
//! server also refuses common passwords (their list would weigh on the WebAssembly download).
//! Personal words (the child's names, the school's code, "cartable") are refused by
//! [`check_personal`], for the callers that know them.
use super::identifier::fold;

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
            Self::TooPersonal => {
                "Ce mot de passe reprend le nom de votre enfant, le code de l'école ou « cartable » : \
                 choisissez-en un que personne ne devinera."
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

/// A folded text as personal words are compared: its letters and digits only.
fn squash(text: &str) -> String {
    text.chars().filter(|c| c.is_alphanumeric()).collect()
}

/// The words to refuse, squashed: "cartable", and each given word whole (`Jean-Marc` →
/// `jeanmarc`, `isu-dour` → `isudour`) and, when it has several, its parts of at least
/// [`MIN_PERSONAL_PART`] characters (`jean`, `marc`; `isu`, `dour`).
fn personal_tokens(personal_words: &[impl AsRef<str>]) -> Vec<String> {
    let mut tokens = vec![SITE_WORD.to_owned()];
    for word in personal_words {
        let folded = fold(word.as_ref());
        tokens.push(squash(&folded));
        let parts: Vec<&str> = folded
            .split(|c: char| !c.is_alphanumeric())
            .filter(|part| !part.is_empty())
            .collect();
        if parts.len() > 1 {
            let long = parts
                .into_iter()
                .filter(|part| part.chars().count() >= MIN_PERSONAL_PART);
            tokens.extend(long.map(str::to_owned));
        }
    }
    tokens.retain(|token| !token.is_empty());
    tokens.sort();
    tokens.dedup();
    tokens
}

/// How many characters of `folded` the tokens of at least [`MIN_PERSONAL_PART`] characters cover,
/// wherever they appear (punctuation between their letters is skipped: `a.l.b.e.r.t`).
fn personal_cover(folded: &str, tokens: &[String]) -> usize {
    let kept: Vec<char> = folded.chars().filter(|c| c.is_alphanumeric()).collect();
    let mut covered = vec![false; kept.len()];
    for token in tokens {
        let token: Vec<char> = token.chars().collect();
        if token.len() < MIN_PERSONAL_PART {
            continue;
        }
        for start in 0..=kept.len().saturating_sub(token.len()) {
            if kept[start..].starts_with(&token) {
                covered[start..start + token.len()].fill(true);
            }
        }
    }
    covered.into_iter().filter(|c| *c).count()
}

/// Refuses a password made of personal words: the child's first and last names and the school's
/// code, as `personal_words`, and always "cartable". Case and accents do not count. Refused:
/// - a password whose main part (the digits and punctuation around it stripped) is one of them:
///   `Albert2015!`, `chloe2020!` for Chloë, `Li2024!!` for Li;
/// - one where they make up at least half of the characters (`Cartable2024`, `AlbertDurant1!`),
///   counting only words of at least [`MIN_PERSONAL_PART`] characters (`MonAlbertAdoreLesFrites`
///   is allowed, and a child named Li does not forbid every password with "li" in it);
/// - a passphrase only when all its words are personal words or digits (`Albert Durant 2015
///   cartable`).
pub fn check_personal(
    password: &str,
    personal_words: &[impl AsRef<str>],
) -> Result<(), PasswordProblem> {
    let tokens = personal_tokens(personal_words);
    let is_personal = |text: &str| {
        let squashed = squash(core(text));
        !squashed.is_empty() && tokens.contains(&squashed)
    };
    let folded = fold(password);
    let refused = if is_passphrase(password) {
        let words: Vec<&str> = folded.split_whitespace().collect();
        words.iter().any(|word| is_personal(word))
            && words
                .iter()
                .all(|word| core(word).is_empty() || is_personal(word))
    } else {
        let cover = personal_cover(&folded, &tokens);
        is_personal(&folded) || (cover > 0 && cover * 2 >= folded.chars().count())
    };
    if refused {
        return Err(PasswordProblem::TooPersonal);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// No child nor school: "cartable" alone.
    const NO_WORDS: &[&str] = &[];

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

    const ALBERT: [&str; 3] = ["Albert", "Durant", "isu-dour"];

    #[test]
    fn a_password_made_of_the_child_s_name_is_refused() {
        for password in [
            "Albert2015!",
            "ALBERT2015!",
            "aLbErT-2015",
            "2015.Durant!",
            "AlbertDurant1!",
            "Durant-Albert",
        ] {
            assert_eq!(
                check_personal(password, &ALBERT),
                Err(PasswordProblem::TooPersonal),
                "{password}"
            );
        }
        // "albert" is 6 of 23 characters: the password is the parent's own.
        assert_eq!(check_personal("MonAlbertAdoreLesFrites", &ALBERT), Ok(()));
        assert_eq!(check_personal("Glycine7!", &ALBERT), Ok(()));
    }

    #[test]
    fn cartable_is_always_refused_and_the_school_s_code_too() {
        assert_eq!(
            check_personal("Cartable2024", NO_WORDS),
            Err(PasswordProblem::TooPersonal)
        );
        assert_eq!(
            check_personal("CARTABLE-ecole!", NO_WORDS),
            Err(PasswordProblem::TooPersonal)
        );
        for password in ["Isu-Dour2024!", "isudour!!2024", "Dour2024!!"] {
            assert_eq!(
                check_personal(password, &ALBERT),
                Err(PasswordProblem::TooPersonal),
                "{password}"
            );
        }
        assert_eq!(check_personal("LeCartableDeMaFille7", NO_WORDS), Ok(()));
    }

    #[test]
    fn accents_and_case_do_not_hide_a_name() {
        let chloe = ["Chloë", "Vandevelde", "isu-dour"];
        assert_eq!(
            check_personal("chloe2020!", &chloe),
            Err(PasswordProblem::TooPersonal)
        );
        assert_eq!(
            check_personal("CHLOË2020!", &chloe),
            Err(PasswordProblem::TooPersonal)
        );
        assert_eq!(
            check_personal("Chloë2020!", &["Chloe", "Vandevelde", "isu-dour"]),
            Err(PasswordProblem::TooPersonal)
        );
        // A name of several words, whole or by its parts.
        let van_de_velde = ["Jean-Marc", "Van de Velde", "isu-dour"];
        for password in [
            "VanDeVelde2019",
            "Jean-Marc2015!",
            "jeanmarc!!",
            "Marc2015!!",
        ] {
            assert_eq!(
                check_personal(password, &van_de_velde),
                Err(PasswordProblem::TooPersonal),
                "{password}"
            );
        }
        assert_eq!(check_personal("Vanille-Fraise7", &van_de_velde), Ok(()));
    }

    #[test]
    fn a_short_name_refuses_only_passwords_that_are_the_name() {
        let li = ["Li", "Wu", "isu-dour"];
        assert_eq!(
            check_personal("Li2024!!", &li),
            Err(PasswordProblem::TooPersonal)
        );
        for password in [
            "Limonade2024!",
            "Olivier-Lilas7",
            "LiLiLi-2024",
            "Wuwu2024!",
        ] {
            assert_eq!(check_personal(password, &li), Ok(()), "{password}");
        }
        // Empty or blank words refuse nothing.
        assert_eq!(check_personal("Glycine7!", &["", " ", "-"]), Ok(()));
        assert_eq!(check_personal("", &ALBERT), Ok(()));
    }

    #[test]
    fn a_passphrase_is_refused_only_when_all_its_words_are_personal() {
        assert_eq!(
            check_personal("Albert Durant cartable 2015", &ALBERT),
            Err(PasswordProblem::TooPersonal)
        );
        assert_eq!(
            check_personal("albert, durant! isu-dour 2015", &ALBERT),
            Err(PasswordProblem::TooPersonal)
        );
        assert_eq!(
            check_personal("Albert aime les frites au soleil", &ALBERT),
            Ok(())
        );
        assert_eq!(
            check_personal("cartable cartable vert et bleu", &ALBERT),
            Ok(())
        );
        assert_eq!(check_personal("1234 5678 9012 3456 7890", &ALBERT), Ok(()));
    }

    #[test]
    fn the_whole_form_with_personal_words() {
        // A name that is not on the list of common passwords, as "Albert" is.
        let zephyrin = ["Zéphyrin", "Vandamme", "isu-dour"];
        assert_eq!(
            check_new_password_for("zephyrin", "zephyrin", &zephyrin),
            Err(PasswordProblem::TooWeak)
        );
        assert_eq!(
            check_new_password_for("Zephyrin2015!", "Zephyrin2015?", &zephyrin),
            Err(PasswordProblem::Mismatch)
        );
        assert_eq!(
            check_new_password_for("Zephyrin2015!", "Zephyrin2015!", &zephyrin),
            Err(PasswordProblem::TooPersonal)
        );
        assert_eq!(
            check_new_password_for("Glycine7!", "Glycine7!", &zephyrin),
            Ok(())
        );
        assert!(
            PasswordProblem::TooPersonal
                .message()
                .contains("le nom de votre enfant")
        );
    }
}
