//! What a school shows of itself in its parents' header besides its name: a logo, and the
//! "Applications" it links to (outside tools it chose, as in the seed). The rules each must pass,
//! with the message next to the field in the administrator's language.
use super::profile::FieldError;
use crate::{i18n::td_string, language::Locale};

/// A logo's largest size: a header image, not a photograph.
pub const LOGO_BYTES: usize = 512 * 1024;
/// The images a logo may be, as read from its bytes (never from its name). No SVG: it can carry
/// scripts, and a logo is served from the site's own origin.
pub const LOGO_TYPES: [&str; 3] = ["image/png", "image/jpeg", "image/webp"];
/// How many "Applications" a school may list: a menu, not a directory.
pub const APPLICATIONS: usize = 12;
/// An application's name, as the menu shows it.
pub const APPLICATION_NAME: usize = 60;
/// An application's address.
pub const APPLICATION_URL: usize = 500;

/// A logo that passed the rules: its type, read from its content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Logo {
    pub content_type: &'static str,
    pub bytes: Vec<u8>,
}

/// Checks an uploaded logo; `detected` is the type its first bytes say.
pub fn check_logo(
    locale: Locale,
    bytes: Vec<u8>,
    detected: Option<&str>,
) -> Result<Logo, FieldError> {
    if bytes.is_empty() {
        return Err(FieldError::new(
            "logo",
            td_string!(locale, staff.logo_missing),
        ));
    }
    if bytes.len() > LOGO_BYTES {
        let message = td_string!(locale, staff.logo_too_large, kb = LOGO_BYTES / 1024);
        return Err(FieldError::new("logo", &message.to_string()));
    }
    let accepted = LOGO_TYPES.iter().find(|kind| Some(**kind) == detected);
    match accepted {
        Some(content_type) => Ok(Logo {
            content_type,
            bytes,
        }),
        None => Err(FieldError::new("logo", td_string!(locale, staff.logo_type))),
    }
}

/// An application link that passed the rules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Application {
    pub name: String,
    pub url: String,
}

/// Checks a new application link (its fields are named as on the "École" page, beside the school's
/// own name and address): a name, and a web address (`http` or `https`, with a host; no
/// other scheme can hide behind a link parents trust).
pub fn check_application(
    locale: Locale,
    name: &str,
    url: &str,
) -> Result<Application, Vec<FieldError>> {
    let (name, url) = (name.trim(), url.trim());
    let mut errors = Vec::new();
    if name.is_empty() {
        errors.push(FieldError::new(
            "application_name",
            td_string!(locale, staff.application_name_missing),
        ));
    } else if name.chars().count() > APPLICATION_NAME {
        let message = super::limits::too_long(locale, APPLICATION_NAME);
        errors.push(FieldError::new("application_name", &message));
    }
    if !is_web_address(url) {
        errors.push(FieldError::new(
            "application_url",
            td_string!(locale, staff.web_invalid),
        ));
    } else if url.len() > APPLICATION_URL {
        let message = super::limits::too_long(locale, APPLICATION_URL);
        errors.push(FieldError::new("application_url", &message));
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(Application {
        name: name.to_owned(),
        url: url.to_owned(),
    })
}

/// `http://` or `https://`, then a host, and nothing a browser would read differently.
pub fn is_web_address(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"));
    let Some(rest) = rest else {
        return false;
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    !host.is_empty()
        && !host.starts_with(['.', ':', '@'])
        && !url
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '"' | '<' | '>' | '\\'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::language::Locale;

    #[test]
    fn only_web_addresses_with_a_host_are_links() {
        for good in [
            "https://www.isu-dour.be",
            "http://cantine.example/menu?semaine=2",
            "HTTPS://Example.org/a#b",
        ] {
            assert!(is_web_address(good), "{good}");
        }
        for bad in [
            "javascript:alert(1)",
            "https://",
            "https:///path",
            "ftp://example.org",
            "https://exa mple.org",
            "https://example.org/\"onmouseover=x",
            "//example.org",
            "data:text/html,hi",
        ] {
            assert!(!is_web_address(bad), "{bad}");
        }
    }

    #[test]
    fn a_logo_is_a_small_image_of_an_accepted_type() {
        assert!(check_logo(Locale::fr, vec![1, 2, 3], Some("image/png")).is_ok());
        assert!(check_logo(Locale::fr, vec![1, 2, 3], Some("image/svg+xml")).is_err());
        assert!(check_logo(Locale::fr, vec![1, 2, 3], None).is_err());
        assert!(check_logo(Locale::fr, Vec::new(), Some("image/png")).is_err());
        assert!(check_logo(Locale::fr, vec![0; LOGO_BYTES + 1], Some("image/png")).is_err());
    }

    #[test]
    fn an_application_needs_a_name_and_a_web_address() {
        let ok = check_application(Locale::fr, "  Cantine ", " https://cantine.example ");
        assert_eq!(
            ok,
            Ok(Application {
                name: "Cantine".into(),
                url: "https://cantine.example".into()
            })
        );
        let errors = check_application(Locale::fr, "", "javascript:alert(1)").unwrap_err();
        let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["application_name", "application_url"]);
    }
}
