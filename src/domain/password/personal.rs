//! Personal words in a password: the child's first and last names, the school's code and
//! "cartable", which anyone near the family knows, refused as the main part of a password.
use super::{MIN_PERSONAL_PART, PasswordProblem, SITE_WORD, core, fold, is_passphrase};

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
    use crate::domain::password::check_new_password_for;
    use crate::language::Locale;

    /// No child nor school: "cartable" alone.
    const NO_WORDS: &[&str] = &[];

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
                .message(Locale::fr)
                .contains("le nom de votre enfant")
        );
    }
}
