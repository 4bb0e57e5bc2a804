//! A form posted without JavaScript comes back to its page with its errors and typed values in the
//! URL (`?__path=/api/…&__err=…`, as Leptos does it). Anyone could craft such a link and make a real
//! page show their words as the site's ("Votre compte est suspendu, appelez le …"). So the answer
//! to the post also hands the browser a short-lived cookie holding the digest of those errors, and
//! a page shows errors from its URL only when that browser's cookie matches them, once. A crafted
//! link is sent on to the same page without them.
use super::RouterState;
use crate::server::{cookies::SiteCookie, tokens};
use axum::{
    extract::{Request, State},
    http::{Method, header},
    middleware::Next,
    response::{IntoResponse, Redirect, Response},
};

/// Long enough to follow the redirect, short enough not to linger.
const COOKIE_SECONDS: i64 = 300;

/// Holds the digest of the errors the server sent this browser back with.
const COOKIE: SiteCookie = SiteCookie {
    plain: "cartable_form",
    https: "__Host-cartable_form",
};

/// The `__err` parameter of a query or of a URL, decoded.
fn form_error_in(url_or_query: &str) -> Option<String> {
    let query = url_or_query
        .split_once('?')
        .map_or(url_or_query, |(_, q)| q);
    form_urlencoded::parse(query.as_bytes())
        .find(|(key, _)| key == "__err")
        .map(|(_, value)| value.into_owned())
}

/// `path?query` without the parameters Leptos uses to carry a form's errors.
fn without_form_error(path: &str, query: &str) -> String {
    let kept: Vec<(String, String)> = form_urlencoded::parse(query.as_bytes())
        .filter(|(key, _)| key != "__err" && key != "__path")
        .map(|(key, value)| (key.into_owned(), value.into_owned()))
        .collect();
    if kept.is_empty() {
        return path.to_owned();
    }
    let query = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(kept)
        .finish();
    format!("{path}?{query}")
}

pub async fn form_errors(
    State(state): State<RouterState>,
    request: Request,
    next: Next,
) -> Response {
    let https = state.app.settings.https();
    let is_api = request.uri().path().starts_with("/api/");
    if request.method() == Method::POST && is_api {
        let mut response = next.run(request).await;
        let errors = response
            .headers()
            .get(header::LOCATION)
            .and_then(|location| location.to_str().ok())
            .and_then(form_error_in);
        if let Some(errors) = errors {
            let set = COOKIE.set(https, &tokens::digest(&errors), COOKIE_SECONDS);
            response.headers_mut().append(header::SET_COOKIE, set);
        }
        return response;
    }
    let query = request.uri().query().unwrap_or_default().to_owned();
    let Some(errors) = form_error_in(&query).filter(|_| request.method() == Method::GET) else {
        return next.run(request).await;
    };
    let issued = COOKIE
        .read(https, request.headers())
        .is_some_and(|digest| digest == tokens::digest(&errors));
    if !issued {
        let path = request.uri().path().to_owned();
        return Redirect::to(&without_form_error(&path, &query)).into_response();
    }
    // Shown once: the next visit of the same URL shows the page without them.
    let mut response = next.run(request).await;
    let forget = COOKIE.forget(https);
    response.headers_mut().append(header::SET_COOKIE, forget);
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_form_error_parameters_are_found_and_removed() {
        let url = "https://x.be/connexion?page=2&__path=%2Fapi%2Fsign_in&__err=eyJh%3D";
        assert_eq!(form_error_in(url).as_deref(), Some("eyJh="));
        let query = url.split_once('?').unwrap().1;
        assert_eq!(without_form_error("/connexion", query), "/connexion?page=2");
        assert_eq!(
            without_form_error("/connexion", "__err=x&__path=y"),
            "/connexion"
        );
        assert_eq!(form_error_in("/connexion?page=2"), None);
    }
}
