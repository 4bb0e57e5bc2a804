//! Which addresses a browser's push subscription may name. The server posts to that address, so an
//! address a parent could choose freely would let them make the server reach its own network: only
//! the push services browsers use are accepted, over HTTPS, plus the origins a school adds
//! (`CARTABLE_PUSH_SERVICES`, for a self-hosted push service or the tests' local one).

/// The hosts of the push services of Chrome, Edge, Firefox and Safari (a subdomain of one too).
const KNOWN_SERVICES: [&str; 5] = [
    "fcm.googleapis.com",
    "updates.push.services.mozilla.com",
    "push.services.mozilla.com",
    "notify.windows.com",
    "push.apple.com",
];

/// The longest endpoint kept.
pub const ENDPOINT_BYTES: usize = 1024;

/// Whether a push subscription's `endpoint` may be posted to: HTTPS to a known push service, or
/// under one of the `extra` origins (`http://127.0.0.1:4000`).
pub fn endpoint_allowed(endpoint: &str, extra: &[String]) -> bool {
    if endpoint.len() > ENDPOINT_BYTES || endpoint.contains(char::is_whitespace) {
        return false;
    }
    let under = |origin: &str| {
        endpoint
            .strip_prefix(origin.trim_end_matches('/'))
            .is_some_and(|rest| rest.starts_with('/'))
    };
    if extra.iter().any(|origin| under(origin)) {
        return true;
    }
    let Some(rest) = endpoint.strip_prefix("https://") else {
        return false;
    };
    let host = rest.split('/').next().unwrap_or_default();
    // No user, no port, no IP: a push service is a name on 443.
    if host.contains(['@', ':', '[']) {
        return false;
    }
    KNOWN_SERVICES.iter().any(|known| {
        host == *known
            || host
                .strip_suffix(known)
                .is_some_and(|sub| sub.ends_with('.'))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn browsers_push_services_are_accepted() {
        for endpoint in [
            "https://fcm.googleapis.com/fcm/send/abc:def",
            "https://updates.push.services.mozilla.com/wpush/v2/gAAA",
            "https://web.push.apple.com/QGuN",
            "https://wns2-par02p.notify.windows.com/w/?token=BQYAAA",
        ] {
            assert!(endpoint_allowed(endpoint, &[]), "{endpoint}");
        }
    }

    #[test]
    fn anything_else_is_refused() {
        for endpoint in [
            "http://fcm.googleapis.com/fcm/send/abc",
            "https://fcm.googleapis.com.evil.example/x",
            "https://evilpush.apple.com/x",
            "https://fcm.googleapis.com:8443/x",
            "https://user@fcm.googleapis.com/x",
            "https://127.0.0.1/x",
            "http://127.0.0.1:5432/",
            "https://[::1]/x",
            "javascript:alert(1)",
            "",
        ] {
            assert!(!endpoint_allowed(endpoint, &[]), "{endpoint}");
        }
    }

    #[test]
    fn a_school_may_add_its_own_service() {
        let extra = vec!["http://127.0.0.1:4000".to_owned()];
        assert!(endpoint_allowed("http://127.0.0.1:4000/push/1", &extra));
        assert!(!endpoint_allowed("http://127.0.0.1:40001/push/1", &extra));
        assert!(!endpoint_allowed("http://127.0.0.1:4000", &extra));
    }
}
