//! Which of the four languages a page, a message or a mail is written in. The server decides once
//! per request (`startup::language`: a `/nl/…` link, then the `cartable_lang` cookie, then the
//! browser's `Accept-Language`, then French) and every page, server function and island reads it
//! here. The words themselves are in `locales/`, reached through the generated [`crate::i18n`].
pub use crate::i18n::Locale;
use crate::i18n::td_string;

/// Every language, in the order the switch shows them.
pub const ALL: [Locale; 4] = [Locale::fr, Locale::nl, Locale::de, Locale::en];

/// The language of the page being rendered or of the server function being answered.
///
/// On the server it is the one the request was resolved to; in the browser (islands) it is the
/// page's `<html lang>`, which the server wrote.
pub fn current() -> Locale {
    #[cfg(feature = "ssr")]
    {
        use leptos::prelude::use_context;
        if let Some(locale) = use_context::<Locale>() {
            return locale;
        }
        use_context::<axum::http::request::Parts>()
            .and_then(|parts| parts.extensions.get::<Locale>().copied())
            .unwrap_or_default()
    }
    #[cfg(not(feature = "ssr"))]
    {
        leptos::prelude::document()
            .document_element()
            .and_then(|html| html.get_attribute("lang"))
            .and_then(|lang| parse(&lang))
            .unwrap_or_default()
    }
}

/// A language's tag (`nl`), as `<html lang>`, the cookie and the database write it.
pub fn tag(locale: Locale) -> &'static str {
    leptos_i18n::Locale::as_str(locale)
}

/// A language from its tag (`nl`, `nl-BE`, `de-DE`…), if it is one of ours.
pub fn parse(text: &str) -> Option<Locale> {
    let primary = text.split(['-', '_']).next()?.trim().to_ascii_lowercase();
    ALL.into_iter().find(|locale| tag(*locale) == primary)
}

/// The first of ours among the languages a browser accepts, by preference (`q`), if any.
pub fn from_accept_language(header: &str) -> Option<Locale> {
    let mut accepted: Vec<(f32, usize, &str)> = header
        .split(',')
        .enumerate()
        .filter_map(|(position, item)| {
            let mut parts = item.split(';');
            let tag = parts.next()?.trim();
            let quality = parts
                .find_map(|p| p.trim().strip_prefix("q="))
                .map_or(Some(1.0), |q| q.trim().parse::<f32>().ok())?;
            (quality > 0.0 && !tag.is_empty()).then_some((quality, position, tag))
        })
        .collect();
    // Highest quality first; among equals, the browser's own order.
    accepted.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    accepted.into_iter().find_map(|(_, _, tag)| parse(tag))
}

/// A language's name in itself, as the switch shows it.
pub fn native_name(locale: Locale) -> &'static str {
    td_string!(locale, common.language_name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tag_names_its_language_whatever_its_region_or_case() {
        assert_eq!(parse("nl-BE"), Some(Locale::nl));
        assert_eq!(parse("DE"), Some(Locale::de));
        assert_eq!(parse("en_GB"), Some(Locale::en));
        assert_eq!(parse("es"), None);
        assert_eq!(parse(""), None);
    }

    #[test]
    fn the_browsers_preferred_language_of_ours_wins() {
        assert_eq!(
            from_accept_language("nl-BE,nl;q=0.9,en;q=0.8"),
            Some(Locale::nl)
        );
        assert_eq!(
            from_accept_language("es-ES,de;q=0.5,en;q=0.7"),
            Some(Locale::en)
        );
        assert_eq!(from_accept_language("en;q=0,de"), Some(Locale::de));
        assert_eq!(from_accept_language("es, it;q=0.9"), None);
        assert_eq!(from_accept_language("*"), None);
        assert_eq!(from_accept_language(";;q=x,,"), None);
    }
}
