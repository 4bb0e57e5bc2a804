//! The site's cookies: `HttpOnly`, `SameSite=Lax`, for the whole site, and behind HTTPS `Secure`
//! with the `__Host-` prefix (no subdomain nor plain-HTTP page can then set or read them).
use axum::http::{HeaderMap, HeaderValue, header};

/// The language a browser chose with the language switch (`fr`, `nl`, `de` or `en`), for a year.
pub const LANGUAGE: SiteCookie = SiteCookie {
    plain: "cartable_lang",
    https: "__Host-cartable_lang",
};
pub const LANGUAGE_SECONDS: i64 = 365 * 24 * 60 * 60;

/// One cookie of the site, by its two names: over plain HTTP, and behind HTTPS.
#[derive(Debug, Clone, Copy)]
pub struct SiteCookie {
    pub plain: &'static str,
    pub https: &'static str,
}

impl SiteCookie {
    pub fn name(self, https: bool) -> &'static str {
        if https { self.https } else { self.plain }
    }

    /// The `Set-Cookie` header that hands `value` (URL-safe) to the browser for `max_age_secs`.
    pub fn set(self, https: bool, value: &str, max_age_secs: i64) -> HeaderValue {
        let secure = if https { "; Secure" } else { "" };
        let cookie = format!(
            "{}={value}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age_secs}{secure}",
            self.name(https)
        );
        HeaderValue::from_str(&cookie).expect("cookie values are URL-safe")
    }

    /// The `Set-Cookie` header that makes the browser forget it.
    pub fn forget(self, https: bool) -> HeaderValue {
        self.set(https, "", 0)
    }

    /// Its value among the request's cookies.
    pub fn read(self, https: bool, headers: &HeaderMap) -> Option<&str> {
        let name = self.name(https);
        headers
            .get_all(header::COOKIE)
            .iter()
            .filter_map(|value| value.to_str().ok())
            .flat_map(|value| value.split(';'))
            .filter_map(|pair| pair.trim().split_once('='))
            .find(|(key, _)| *key == name)
            .map(|(_, value)| value)
    }

    /// The digest of the token it holds, as the token's row is stored: none when it is absent,
    /// empty, or longer than any token the site hands out.
    pub fn token_digest(self, https: bool, headers: &HeaderMap) -> Option<String> {
        self.read(https, headers)
            .filter(|t| !t.is_empty() && t.len() <= crate::domain::limits::TOKEN)
            .map(super::tokens::digest)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SESSION: SiteCookie = SiteCookie {
        plain: "cartable_session",
        https: "__Host-cartable_session",
    };

    #[test]
    fn a_cookie_is_found_among_others_by_its_name() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::COOKIE,
            HeaderValue::from_static("theme=dark; cartable_session=abc; x=y"),
        );
        assert_eq!(SESSION.read(false, &headers), Some("abc"));
        assert_eq!(SESSION.read(true, &headers), None);
    }

    #[test]
    fn behind_https_a_cookie_is_secure_and_host_only() {
        let set = SESSION.set(true, "abc", 60);
        assert_eq!(
            set,
            "__Host-cartable_session=abc; Path=/; HttpOnly; SameSite=Lax; Max-Age=60; Secure"
        );
        assert!(
            SESSION
                .forget(false)
                .to_str()
                .unwrap()
                .starts_with("cartable_session=; ")
        );
    }
}
