//! The language of every page and server function, decided once per request and put in its
//! extensions (`language::current` reads it back): a `/nl/…` link first, then the `cartable_lang`
//! cookie, then the browser's `Accept-Language`, then French.
//!
//! A link with a language in front (`/de/connexion`, the language switch's links, or one a school
//! sends) sets the cookie, remembers the choice in the account of a signed-in parent, and comes back
//! to the same page without it, so that every page keeps one address.
use super::RouterState;
use crate::{
    language::{self, Locale},
    server::{
        accounts,
        cookies::{self, SiteCookie},
        sessions,
    },
};
use axum::{
    extract::{Request, State},
    http::{HeaderMap, HeaderValue, Method, header},
    middleware::Next,
    response::{IntoResponse, Redirect, Response},
};

const COOKIE: SiteCookie = cookies::LANGUAGE;

pub async fn language(
    State(state): State<RouterState>,
    mut request: Request,
    next: Next,
) -> Response {
    let https = state.app.settings.https();
    let reads = matches!(*request.method(), Method::GET | Method::HEAD);
    if let Some((locale, back)) = reads.then(|| switch(request.uri())).flatten() {
        if chosen_here(&request)
            && let Ok(Some(session)) = sessions::from_headers(&state.app, request.headers()).await
            && let Err(error) =
                accounts::set_language(&state.app.db, session.account_id, locale).await
        {
            // The cookie still carries the choice on this device.
            tracing::warn!(%error, "the account's language was not saved");
        }
        let cookie = COOKIE.set(https, language::tag(locale), cookies::LANGUAGE_SECONDS);
        return ([(header::SET_COOKIE, cookie)], Redirect::to(&back)).into_response();
    }
    let locale = resolve(https, request.headers());
    request.extensions_mut().insert(locale);
    let mut response = next.run(request).await;
    let tag = HeaderValue::from_static(language::tag(locale));
    response.headers_mut().insert(header::CONTENT_LANGUAGE, tag);
    response
}

/// Whether the parent clicked the switch on one of our pages (or typed the link): only then is the
/// choice written into their account. A link on another site (`Sec-Fetch-Site: cross-site`) still
/// switches this browser, but cannot change the language of the parent's mails.
fn chosen_here(request: &Request) -> bool {
    let site = request
        .headers()
        .get("sec-fetch-site")
        .and_then(|v| v.to_str().ok());
    request.method() == Method::GET && matches!(site, None | Some("same-origin" | "none"))
}

/// The language of a request that does not switch: its cookie, else what its browser accepts.
fn resolve(https: bool, headers: &HeaderMap) -> Locale {
    COOKIE
        .read(https, headers)
        .and_then(language::parse)
        .or_else(|| {
            headers
                .get(header::ACCEPT_LANGUAGE)
                .and_then(|value| value.to_str().ok())
                .and_then(language::from_accept_language)
        })
        .unwrap_or_default()
}

/// `/nl/enfants?x=1` → Dutch, then `/enfants?x=1`. Only a path on this site comes back: a
/// `/nl//other.example` must not send the browser elsewhere.
fn switch(uri: &axum::http::Uri) -> Option<(Locale, String)> {
    let path = uri.path().strip_prefix('/')?;
    let (tag, rest) = path
        .split_once('/')
        .map_or((path, ""), |(tag, rest)| (tag, rest));
    let locale = language::ALL
        .into_iter()
        .find(|l| language::tag(*l) == tag)?;
    let rest = match rest {
        rest if rest.starts_with(['/', '\\']) => "",
        rest => rest,
    };
    let query = uri.query().map(|q| format!("?{q}")).unwrap_or_default();
    Some((locale, format!("/{rest}{query}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn switched(uri: &str) -> Option<(Locale, String)> {
        switch(&uri.parse().unwrap())
    }

    #[test]
    fn a_language_in_front_of_a_path_switches_and_comes_back_to_the_page() {
        assert_eq!(
            switched("/nl/connexion"),
            Some((Locale::nl, "/connexion".into()))
        );
        assert_eq!(switched("/de"), Some((Locale::de, "/".into())));
        assert_eq!(switched("/en/"), Some((Locale::en, "/".into())));
        assert_eq!(
            switched("/fr/calendrier?mois=2026-12"),
            Some((Locale::fr, "/calendrier?mois=2026-12".into()))
        );
        assert_eq!(switched("/connexion"), None);
        assert_eq!(switched("/es/connexion"), None);
        assert_eq!(switched("/nlx/connexion"), None);
    }

    #[test]
    fn a_switch_never_leaves_the_site() {
        assert_eq!(
            switched("/nl//evil.example/x"),
            Some((Locale::nl, "/".into()))
        );
        assert_eq!(
            switched("/nl/%2F%2Fevil.example"),
            Some((Locale::nl, "/%2F%2Fevil.example".into()))
        );
    }
}
