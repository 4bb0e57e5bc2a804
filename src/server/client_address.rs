//! The client's address, behind reverse proxies or not. The TCP peer is the client unless it is
//! one of the proxies the settings trust (`CARTABLE_TRUSTED_PROXIES`); then the client is read
//! from the hops the proxies appended to `X-Forwarded-For` (or, without it, to RFC 7239's
//! `Forwarded`), walked from the right: the right-most hop that is not a trusted proxy is the
//! client, since everything to its left was written by the client itself and may be forged. A
//! header that can't be read leaves the peer's address. Pure functions, no I/O.
use axum::http::{HeaderMap, HeaderName};
use ipnet::IpNet;
use std::net::{IpAddr, Ipv6Addr};

/// The proxies whose forwarding headers are believed: addresses or CIDR ranges, v4 or v6.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TrustedProxies(Vec<IpNet>);

impl TrustedProxies {
    /// A comma-separated list like `127.0.0.1, 10.0.0.0/8, fd00::/8`; empty trusts no one. The
    /// error names the entry that is neither an address nor a range.
    pub fn parse(text: &str) -> Result<Self, String> {
        let mut ranges = Vec::new();
        for entry in text.split(',').map(str::trim).filter(|e| !e.is_empty()) {
            let range = match entry.parse::<IpNet>() {
                Ok(range) => range.trunc(),
                Err(_) => match entry.parse::<IpAddr>() {
                    Ok(ip) => IpNet::from(ip.to_canonical()),
                    Err(_) => return Err(entry.to_owned()),
                },
            };
            ranges.push(range);
        }
        Ok(Self(ranges))
    }

    pub fn contains(&self, ip: IpAddr) -> bool {
        let ip = ip.to_canonical();
        self.0.iter().any(|range| range.contains(&ip))
    }
}

/// The client's address: the peer's, unless the peer is a trusted proxy whose forwarding headers
/// name another. IPv4 clients reached through an IPv6 socket (`::ffff:a.b.c.d`) are IPv4.
pub fn client_ip(peer: IpAddr, headers: &HeaderMap, trusted: &TrustedProxies) -> IpAddr {
    let peer = peer.to_canonical();
    if !trusted.contains(peer) {
        return peer;
    }
    let forwarded_for = joined(headers, &HeaderName::from_static("x-forwarded-for"));
    let hops = match forwarded_for {
        Some(value) => value.split(',').map(parse_hop).collect::<Vec<_>>(),
        None => match joined(headers, &axum::http::header::FORWARDED) {
            Some(value) => forwarded_hops(&value),
            None => return peer,
        },
    };
    walk(&hops, trusted).unwrap_or(peer)
}

/// The right-most hop that isn't a trusted proxy (the left-most when all are); `None` when a hop
/// that must be read before it can't be, or when there is none.
fn walk(hops: &[Option<IpAddr>], trusted: &TrustedProxies) -> Option<IpAddr> {
    let mut last = None;
    for hop in hops.iter().rev() {
        let ip = (*hop)?;
        if !trusted.contains(ip) {
            return Some(ip);
        }
        last = Some(ip);
    }
    last
}

/// Every value of a header, in order, as one comma-separated list; `None` when absent, or when a
/// value isn't text.
fn joined(headers: &HeaderMap, name: &HeaderName) -> Option<String> {
    let mut values = headers.get_all(name).iter().peekable();
    values.peek()?;
    let texts: Option<Vec<&str>> = values.map(|value| value.to_str().ok()).collect();
    Some(texts?.join(","))
}

/// One hop: `192.0.2.1`, `192.0.2.1:443`, `2001:db8::1` or `[2001:db8::1]:443`.
fn parse_hop(text: &str) -> Option<IpAddr> {
    let text = text.trim();
    if let Ok(ip) = text.parse::<IpAddr>() {
        return Some(ip.to_canonical());
    }
    let ip = match text.strip_prefix('[') {
        Some(rest) => {
            let (inside, after) = rest.split_once(']')?;
            if !(after.is_empty() || port(after.strip_prefix(':')?)) {
                return None;
            }
            IpAddr::V6(inside.parse::<Ipv6Addr>().ok()?)
        }
        None => {
            let (address, after) = text.split_once(':')?;
            if !port(after) {
                return None;
            }
            IpAddr::V4(address.parse().ok()?)
        }
    };
    Some(ip.to_canonical())
}

fn port(text: &str) -> bool {
    text.parse::<u16>().is_ok()
}

/// The `for=` of each element of a `Forwarded` header (RFC 7239), `None` for an element without
/// one or whose node isn't an address (`unknown`, `_hidden`).
fn forwarded_hops(value: &str) -> Vec<Option<IpAddr>> {
    split_outside_quotes(value, ',')
        .into_iter()
        .map(|element| {
            let pairs = split_outside_quotes(element, ';');
            let node = pairs.into_iter().find_map(|pair| {
                let (key, value) = pair.split_once('=')?;
                key.trim().eq_ignore_ascii_case("for").then(|| value.trim())
            })?;
            parse_hop(&unquote(node)?)
        })
        .collect()
}

/// `text` cut at each `separator` that is not inside a quoted string.
fn split_outside_quotes(text: &str, separator: char) -> Vec<&str> {
    let (mut parts, mut start, mut quoted, mut escaped) = (Vec::new(), 0, false, false);
    for (at, c) in text.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' if quoted => escaped = true,
            '"' => quoted = !quoted,
            c if c == separator && !quoted => {
                parts.push(&text[start..at]);
                start = at + c.len_utf8();
            }
            _ => {}
        }
    }
    parts.push(&text[start..]);
    parts
}

/// A token as it is, a quoted string without its quotes and escapes; `None` for a lone quote.
fn unquote(value: &str) -> Option<String> {
    let Some(inside) = value.strip_prefix('"') else {
        return (!value.contains('"')).then(|| value.to_owned());
    };
    let inside = inside.strip_suffix('"')?;
    let mut text = String::new();
    let mut chars = inside.chars();
    while let Some(c) = chars.next() {
        text.push(if c == '\\' { chars.next()? } else { c });
    }
    Some(text)
}

/// What the throttle counts an address as: an IPv4 address alone, an IPv6 address by its /64,
/// which one subscriber usually holds whole (`2001:db8:1:2::/64`), so that rotating addresses
/// within it gains nothing. Text that is no address is kept as it is.
pub fn throttle_scope(ip: &str) -> String {
    match ip.parse::<IpAddr>().map(|ip| ip.to_canonical()) {
        Ok(IpAddr::V6(v6)) => {
            let network = IpNet::new(IpAddr::V6(v6), 64).expect("64 fits an IPv6 prefix");
            network.trunc().to_string()
        }
        Ok(IpAddr::V4(v4)) => v4.to_string(),
        Err(_) => ip.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn ip(text: &str) -> IpAddr {
        text.parse().unwrap()
    }

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut headers = HeaderMap::new();
        for (name, value) in pairs {
            headers.append(*name, HeaderValue::from_static(value));
        }
        headers
    }

    fn trusting(text: &str) -> TrustedProxies {
        TrustedProxies::parse(text).unwrap()
    }

    #[test]
    fn trusted_proxies_are_addresses_and_ranges_of_both_families() {
        let trusted = trusting(" 127.0.0.1, 10.0.0.0/8,fd00::/8 , ::1,");
        for inside in ["127.0.0.1", "10.1.2.3", "fd12::7", "::1", "::ffff:10.9.9.9"] {
            assert!(trusted.contains(ip(inside)), "{inside}");
        }
        for outside in ["127.0.0.2", "11.0.0.1", "2001:db8::1", "::2"] {
            assert!(!trusted.contains(ip(outside)), "{outside}");
        }
        assert_eq!(TrustedProxies::parse(""), Ok(TrustedProxies::default()));
        assert!(!TrustedProxies::default().contains(ip("127.0.0.1")));
    }

    #[test]
    fn a_malformed_entry_is_named() {
        assert_eq!(
            TrustedProxies::parse("10.0.0.1, 10.0.0.0/33"),
            Err("10.0.0.0/33".into())
        );
        assert_eq!(
            TrustedProxies::parse("proxy.local"),
            Err("proxy.local".into())
        );
        assert_eq!(
            TrustedProxies::parse("192.168.1.300"),
            Err("192.168.1.300".into())
        );
    }

    #[test]
    fn without_a_trusted_peer_the_headers_are_ignored() {
        let forged = headers(&[
            ("x-forwarded-for", "203.0.113.9"),
            ("forwarded", "for=203.0.113.9"),
        ]);
        let peer = ip("198.51.100.7");
        assert_eq!(client_ip(peer, &forged, &TrustedProxies::default()), peer);
        assert_eq!(client_ip(peer, &forged, &trusting("10.0.0.0/8")), peer);
    }

    #[test]
    fn behind_a_trusted_proxy_the_right_most_untrusted_hop_is_the_client() {
        let trusted = trusting("10.0.0.0/8");
        let proxy = ip("10.0.0.1");
        // The client forged the first entry; the proxies appended the rest.
        let forwarded = headers(&[("x-forwarded-for", "1.1.1.1, 203.0.113.9, 10.0.0.2")]);
        assert_eq!(client_ip(proxy, &forwarded, &trusted), ip("203.0.113.9"));
        // Several header lines are one list, in order.
        let lines = headers(&[
            ("x-forwarded-for", "1.1.1.1"),
            ("x-forwarded-for", "203.0.113.9 ,10.0.0.2"),
        ]);
        assert_eq!(client_ip(proxy, &lines, &trusted), ip("203.0.113.9"));
        // Garbage the client wrote to the left is never read.
        let garbage = headers(&[("x-forwarded-for", "not an address, 203.0.113.9")]);
        assert_eq!(client_ip(proxy, &garbage, &trusted), ip("203.0.113.9"));
        // Only trusted hops: the farthest.
        let inside = headers(&[("x-forwarded-for", "10.0.0.7, 10.0.0.2")]);
        assert_eq!(client_ip(proxy, &inside, &trusted), ip("10.0.0.7"));
        // Ports and brackets, and IPv4 written as IPv6.
        let ports = headers(&[(
            "x-forwarded-for",
            "[2001:db8::5]:4711, 203.0.113.9:80, ::ffff:198.51.100.1",
        )]);
        assert_eq!(client_ip(proxy, &ports, &trusted), ip("198.51.100.1"));
        assert_eq!(parse_hop("203.0.113.9:80"), Some(ip("203.0.113.9")));
        assert_eq!(parse_hop("[2001:db8::5]:4711"), Some(ip("2001:db8::5")));
        assert_eq!(parse_hop("[2001:db8::5]"), Some(ip("2001:db8::5")));
        assert_eq!(parse_hop("2001:db8::5"), Some(ip("2001:db8::5")));
        assert_eq!(parse_hop("203.0.113.9:http"), None);
        assert_eq!(parse_hop("[2001:db8::5]x"), None);
    }

    #[test]
    fn a_header_that_cannot_be_read_leaves_the_peer() {
        let trusted = trusting("10.0.0.0/8");
        let proxy = ip("10.0.0.1");
        for value in [
            "",
            "unknown",
            "203.0.113.9, nonsense",
            "203.0.113.9, 10.0.0.2 x",
        ] {
            let mut malformed = HeaderMap::new();
            malformed.insert("x-forwarded-for", HeaderValue::from_str(value).unwrap());
            assert_eq!(client_ip(proxy, &malformed, &trusted), proxy, "{value:?}");
        }
        let mut binary = HeaderMap::new();
        binary.insert(
            "x-forwarded-for",
            HeaderValue::from_bytes(b"203.0.113.9\xff").unwrap(),
        );
        assert_eq!(client_ip(proxy, &binary, &trusted), proxy);
        let unknown = headers(&[("forwarded", "for=unknown")]);
        assert_eq!(client_ip(proxy, &unknown, &trusted), proxy);
        assert_eq!(client_ip(proxy, &HeaderMap::new(), &trusted), proxy);
    }

    #[test]
    fn forwarded_is_read_when_x_forwarded_for_is_absent() {
        let trusted = trusting("10.0.0.0/8, 2001:db8:ffff::/48");
        let proxy = ip("10.0.0.1");
        let forwarded = headers(&[(
            "forwarded",
            r#"for=198.51.100.1;proto=https, For="[2001:db8:cafe::17]:4711";by=10.0.0.2, for="10.0.0.3:80""#,
        )]);
        assert_eq!(
            client_ip(proxy, &forwarded, &trusted),
            ip("2001:db8:cafe::17")
        );
        let plain = headers(&[("forwarded", "for=192.0.2.60;proto=http;by=203.0.113.43")]);
        assert_eq!(client_ip(proxy, &plain, &trusted), ip("192.0.2.60"));
        // A trusted IPv6 proxy in front.
        let v6 = headers(&[("forwarded", r#"for=192.0.2.60, for="[2001:db8:ffff::1]""#)]);
        assert_eq!(client_ip(proxy, &v6, &trusted), ip("192.0.2.60"));
        // X-Forwarded-For wins when both are there.
        let both = headers(&[
            ("forwarded", "for=192.0.2.60"),
            ("x-forwarded-for", "203.0.113.9"),
        ]);
        assert_eq!(client_ip(proxy, &both, &trusted), ip("203.0.113.9"));
        // Obfuscated or missing nodes, broken quotes.
        for value in [
            "for=_hidden",
            "proto=https",
            r#"for="192.0.2.60"#,
            r#"for=192.0.2"60""#,
        ] {
            let mut malformed = HeaderMap::new();
            malformed.insert("forwarded", HeaderValue::from_str(value).unwrap());
            assert_eq!(client_ip(proxy, &malformed, &trusted), proxy, "{value}");
        }
        assert_eq!(
            split_outside_quotes(r#"a="x,y";b, c"#, ','),
            [r#"a="x,y";b"#, " c"]
        );
        assert_eq!(unquote(r#""a\"b""#).as_deref(), Some(r#"a"b"#));
    }

    #[test]
    fn ipv6_addresses_are_throttled_by_their_64() {
        assert_eq!(throttle_scope("2001:db8:1:2::1"), "2001:db8:1:2::/64");
        assert_eq!(
            throttle_scope("2001:db8:1:2:ffff:eeee:dddd:cccc"),
            throttle_scope("2001:db8:1:2::1")
        );
        assert_ne!(
            throttle_scope("2001:db8:1:3::1"),
            throttle_scope("2001:db8:1:2::1")
        );
        assert_eq!(throttle_scope("203.0.113.9"), "203.0.113.9");
        assert_eq!(throttle_scope("::ffff:203.0.113.9"), "203.0.113.9");
        assert_eq!(throttle_scope("not an address"), "not an address");
    }
}
