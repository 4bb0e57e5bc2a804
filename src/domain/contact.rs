//! E-mail addresses and phone numbers as parents type them.

pub const MAX_EMAIL_LENGTH: usize = super::limits::EMAIL;

/// A character of an address's local part: RFC 5322's unquoted "atext" and dots (quoted local
/// parts are legal but no school parent has one, and mail libraries refuse many), plus letters
/// beyond ASCII (RFC 6531).
fn is_local_char(c: char) -> bool {
    c.is_alphanumeric() || c == '.' || "!#$%&'*+-/=?^_`{|}~".contains(c)
}

/// An e-mail address that passed [`is_valid_email`], kept in lower case as addresses are looked up
/// (no provider tells capitals apart).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmailAddress(String);

impl EmailAddress {
    pub fn parse(typed: &str) -> Option<Self> {
        let address = typed.trim().to_lowercase();
        is_valid_email(&address).then_some(Self(address))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for EmailAddress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// A plausible e-mail address: one `@`, a local part, a domain with a dot and a known-looking TLD,
/// no spaces. The confirmation e-mail is the real proof; this catches typing mistakes early.
pub fn is_valid_email(email: &str) -> bool {
    if email.len() > MAX_EMAIL_LENGTH || email.chars().any(|c| c.is_whitespace() || c.is_control())
    {
        return false;
    }
    let Some((local, domain)) = email.rsplit_once('@') else {
        return false;
    };
    let labels: Vec<&str> = domain.split('.').collect();
    !local.is_empty()
        && local.len() <= 64
        && local.chars().all(is_local_char)
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && labels.len() >= 2
        && labels.iter().all(|label| {
            !label.is_empty()
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.chars().all(|c| c.is_alphanumeric() || c == '-')
        })
        && labels
            .last()
            .is_some_and(|tld| tld.len() >= 2 && tld.chars().all(char::is_alphabetic))
}

/// The digits of a phone number as typed with spaces, dots, slashes, dashes or brackets, with a
/// leading `+` kept; `None` if anything else was typed or the length is not a phone number's.
pub fn phone_digits(typed: &str) -> Option<String> {
    let trimmed = typed.trim();
    let (plus, rest) = match trimmed.strip_prefix('+') {
        Some(rest) => ("+", rest),
        None => ("", trimmed),
    };
    if !rest
        .chars()
        .all(|c| c.is_ascii_digit() || " ./-()".contains(c))
    {
        return None;
    }
    let digits: String = rest.chars().filter(char::is_ascii_digit).collect();
    (8..=15)
        .contains(&digits.len())
        .then(|| format!("{plus}{digits}"))
}

/// A mobile number: a phone number which, when Belgian, starts with 04 (or +324 / 00324).
pub fn is_valid_mobile(typed: &str) -> bool {
    match phone_digits(typed) {
        None => false,
        Some(digits) if digits.starts_with("+32") => digits.starts_with("+324"),
        Some(digits) if digits.starts_with("0032") => digits.starts_with("00324"),
        Some(digits) if digits.starts_with("00") || digits.starts_with('+') => true,
        Some(digits) => digits.starts_with("04") && digits.len() == 10,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_addresses_are_accepted() {
        for email in [
            "antoinette.dupond@example.be",
            "a+ecole@mail.example.com",
            "élodie@exemple.fr",
        ] {
            assert!(is_valid_email(email), "{email}");
        }
    }

    #[test]
    fn typing_mistakes_are_caught() {
        for email in [
            "",
            "antoinette",
            "antoinette@",
            "@example.be",
            "a@example",
            "a b@example.be",
            "a@example.b",
            "a@@example.be",
            "a@exa_mple.be",
            "a..b@example.be",
            "antoinette,dupond@example.be",
            "a(b)@example.be",
            "\"a\"@example.be",
            "a<b@example.be",
            "a;b@example.be",
        ] {
            assert!(!is_valid_email(email), "{email}");
        }
    }

    #[test]
    fn phone_numbers_keep_their_digits() {
        assert_eq!(phone_digits("065 65 12 34").as_deref(), Some("065651234"));
        assert_eq!(
            phone_digits("+32 (0)65/65.12.34").as_deref(),
            Some("+320656512 34".replace(' ', "").as_str())
        );
        assert_eq!(phone_digits("065 6512"), None);
        assert_eq!(phone_digits("call me"), None);
    }

    #[test]
    fn mobile_numbers_are_belgian_mobiles_or_foreign() {
        assert!(is_valid_mobile("0475 12 34 56"));
        assert!(is_valid_mobile("+32 475 12 34 56"));
        assert!(is_valid_mobile("+33 6 12 34 56 78"));
        assert!(!is_valid_mobile("065 65 12 34"));
        assert!(!is_valid_mobile("+32 65 65 12 34"));
    }
}
