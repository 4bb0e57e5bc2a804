//! School events as an iCalendar file (RFC 5545) that a phone's calendar subscribes to. Times are
//! Brussels times, with the zone's own VTIMEZONE so that every calendar shows them right; whole
//! days are dates. Written here rather than with a builder crate: none writes a VTIMEZONE, and the
//! format is a few escaped, folded lines (the tests read it back with an independent parser).
use super::{clock::brussels, entities::event};
use chrono::{DateTime, Duration, Utc};

/// Europe/Brussels since 1996: summer time from the last Sunday of March to that of October.
const BRUSSELS: &str = "BEGIN:VTIMEZONE\r\n\
TZID:Europe/Brussels\r\n\
BEGIN:DAYLIGHT\r\n\
TZOFFSETFROM:+0100\r\n\
TZOFFSETTO:+0200\r\n\
TZNAME:CEST\r\n\
DTSTART:19700329T020000\r\n\
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\n\
END:DAYLIGHT\r\n\
BEGIN:STANDARD\r\n\
TZOFFSETFROM:+0200\r\n\
TZOFFSETTO:+0100\r\n\
TZNAME:CET\r\n\
DTSTART:19701025T030000\r\n\
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\n\
END:STANDARD\r\n\
END:VTIMEZONE\r\n";

/// A calendar named `name` holding `events`; each links to its page under `site` (no trailing
/// slash). `now` stamps the events.
pub fn calendar(name: &str, events: &[event::Model], site: &str, now: DateTime<Utc>) -> String {
    let mut ics = String::with_capacity(1024 + 400 * events.len());
    for line in [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Cartable//Agenda//FR",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "X-WR-TIMEZONE:Europe/Brussels",
        // Calendars that heed it look again every hour (RFC 7986 and its older spelling).
        "REFRESH-INTERVAL;VALUE=DURATION:PT1H",
        "X-PUBLISHED-TTL:PT1H",
    ] {
        push(&mut ics, line);
    }
    push(&mut ics, &format!("X-WR-CALNAME:{}", text(name)));
    ics.push_str(BRUSSELS);
    let stamp = now.format("%Y%m%dT%H%M%SZ");
    let host = site.split("://").nth(1).unwrap_or(site);
    for event in events {
        push(&mut ics, "BEGIN:VEVENT");
        push(&mut ics, &format!("UID:event-{}@{host}", event.id));
        push(&mut ics, &format!("DTSTAMP:{stamp}"));
        for line in times(event) {
            push(&mut ics, &line);
        }
        push(&mut ics, &format!("SUMMARY:{}", text(&event.title)));
        if let Some(description) = event.description.as_deref().filter(|d| !d.is_empty()) {
            push(&mut ics, &format!("DESCRIPTION:{}", text(description)));
        }
        push(
            &mut ics,
            &format!("URL:{site}{}", crate::domain::routes::event(event.id)),
        );
        push(&mut ics, "END:VEVENT");
    }
    push(&mut ics, "END:VCALENDAR");
    ics
}

/// DTSTART and DTEND: dates for a whole-day event (the end is the day after its last), Brussels
/// times otherwise. An event without an end has none (it ends as it starts, RFC 5545 3.6.1).
fn times(event: &event::Model) -> Vec<String> {
    if event.all_day {
        let first = brussels(event.starts_at).date_naive();
        let last = event
            .ends_at
            .map_or(first, |end| brussels(end).date_naive())
            .max(first);
        let date = |day: chrono::NaiveDate| day.format("%Y%m%d");
        vec![
            format!("DTSTART;VALUE=DATE:{}", date(first)),
            format!("DTEND;VALUE=DATE:{}", date(last + Duration::days(1))),
        ]
    } else {
        let local = |at: DateTime<Utc>| brussels(at).format("%Y%m%dT%H%M%S");
        let mut lines = vec![format!(
            "DTSTART;TZID=Europe/Brussels:{}",
            local(event.starts_at)
        )];
        if let Some(end) = event.ends_at.filter(|end| *end > event.starts_at) {
            lines.push(format!("DTEND;TZID=Europe/Brussels:{}", local(end)));
        }
        lines
    }
}

/// A TEXT value: backslashes, semicolons, commas and line breaks escaped (RFC 5545 3.3.11).
fn text(value: &str) -> String {
    let mut escaped = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '\\' => escaped.push_str("\\\\"),
            ';' => escaped.push_str("\\;"),
            ',' => escaped.push_str("\\,"),
            '\n' => escaped.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => {}
            c => escaped.push(c),
        }
    }
    escaped
}

/// Appends `line`, folded after at most 75 bytes without splitting a character, then CRLF.
fn push(ics: &mut String, line: &str) {
    let mut width = 0;
    for c in line.chars() {
        if width + c.len_utf8() > 75 {
            ics.push_str("\r\n ");
            width = 1;
        }
        ics.push(c);
        width += c.len_utf8();
    }
    ics.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_fold_without_splitting_a_character() {
        let mut ics = String::new();
        push(&mut ics, &format!("SUMMARY:{}", "é".repeat(60)));
        for line in ics.split("\r\n") {
            assert!(line.len() <= 75, "{} bytes", line.len());
        }
        let unfolded = ics.replace("\r\n ", "");
        assert_eq!(unfolded, format!("SUMMARY:{}\r\n", "é".repeat(60)));
    }

    #[test]
    fn text_escapes_what_the_format_reserves() {
        assert_eq!(text("a;b,c\\d\r\ne"), "a\\;b\\,c\\\\d\\ne");
    }

    #[test]
    fn a_whole_day_event_ends_the_day_after_its_last() {
        let at = |s: &str| s.parse::<DateTime<Utc>>().unwrap();
        let event = event::Model {
            id: 1,
            platform_id: 1,
            title: "Congé".into(),
            description: None,
            // Midnight in Brussels on 21 and 23 December.
            starts_at: at("2026-12-20T23:00:00Z"),
            ends_at: Some(at("2026-12-22T23:00:00Z")),
            all_day: true,
        };
        assert_eq!(
            times(&event),
            ["DTSTART;VALUE=DATE:20261221", "DTEND;VALUE=DATE:20261224"]
        );
        let summer = event::Model {
            all_day: false,
            starts_at: at("2026-06-12T12:30:00Z"),
            ends_at: Some(at("2026-06-12T14:00:00Z")),
            ..event
        };
        assert_eq!(
            times(&summer),
            [
                "DTSTART;TZID=Europe/Brussels:20260612T143000",
                "DTEND;TZID=Europe/Brussels:20260612T160000"
            ]
        );
    }
}
