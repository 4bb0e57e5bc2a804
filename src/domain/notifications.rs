//! What a parent is told of, and when: the kinds of notification, how each is delivered (at once,
//! in the morning's digest, or not at all) and the quiet hours during which nothing is sent but
//! what is urgent. Pure rules on the school's local time (Europe/Brussels), shared by the server,
//! which applies them, and the settings page, which explains them.
use chrono::{Duration, NaiveDateTime, NaiveTime, Timelike};
use serde::{Deserialize, Serialize};

/// What a notification tells of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Kind {
    Message,
    News,
    Event,
    Terms,
    /// A survey to answer (and its reminders).
    Survey,
}

impl Kind {
    pub const ALL: [Kind; 5] = [
        Kind::Message,
        Kind::News,
        Kind::Event,
        Kind::Terms,
        Kind::Survey,
    ];

    /// The kind's name in the database and in addresses.
    pub fn code(self) -> &'static str {
        match self {
            Kind::Message => "message",
            Kind::News => "news",
            Kind::Event => "event",
            Kind::Terms => "terms",
            Kind::Survey => "survey",
        }
    }

    pub fn parse(code: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|kind| kind.code() == code)
    }

    /// What a parent who chose nothing gets: messages and terms at once, the school's news and
    /// events in the morning's digest (parents complain of floods, not of a daily summary).
    pub fn default_delivery(self) -> Delivery {
        match self {
            Kind::Message | Kind::Terms => Delivery::Immediately,
            Kind::News | Kind::Event | Kind::Survey => Delivery::Digest,
        }
    }
}

/// How a kind of notification reaches a parent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Delivery {
    Immediately,
    Digest,
    Off,
}

impl Delivery {
    pub const ALL: [Delivery; 3] = [Delivery::Immediately, Delivery::Digest, Delivery::Off];

    pub fn code(self) -> &'static str {
        match self {
            Delivery::Immediately => "immediately",
            Delivery::Digest => "digest",
            Delivery::Off => "off",
        }
    }

    pub fn parse(code: &str) -> Option<Delivery> {
        Delivery::ALL.into_iter().find(|d| d.code() == code)
    }
}

/// Quiet hours, as minutes after midnight: from `from` until `until`, across midnight when `from`
/// is later than `until` (the default, 20:00 to 07:00). Equal ends mean none.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuietHours {
    pub from: u32,
    pub until: u32,
}

impl Default for QuietHours {
    fn default() -> Self {
        Self {
            from: 20 * 60,
            until: 7 * 60,
        }
    }
}

impl QuietHours {
    /// Whether `local` (the school's time) falls in them.
    pub fn contain(self, local: NaiveDateTime) -> bool {
        let minute = local.hour() * 60 + local.minute();
        match self.from.cmp(&self.until) {
            std::cmp::Ordering::Equal => false,
            std::cmp::Ordering::Less => (self.from..self.until).contains(&minute),
            std::cmp::Ordering::Greater => minute >= self.from || minute < self.until,
        }
    }

    /// When they end, after `local` (in them): when what waited may go.
    pub fn end_after(self, local: NaiveDateTime) -> NaiveDateTime {
        next_time(local, self.until)
    }

    /// The morning's digest: the next end of quiet hours after `local` (07:00 by default; with
    /// no quiet hours, 07:00 all the same).
    pub fn next_digest(self, local: NaiveDateTime) -> NaiveDateTime {
        let at = if self.from == self.until {
            QuietHours::default().until
        } else {
            self.until
        };
        next_time(local, at)
    }

    /// "20:00".
    pub fn format(minutes: u32) -> String {
        format!("{:02}:{:02}", minutes / 60 % 24, minutes % 60)
    }

    /// "07:30" → 450; `None` for anything else.
    pub fn parse(text: &str) -> Option<u32> {
        let time = NaiveTime::parse_from_str(text.trim(), "%H:%M").ok()?;
        Some(time.hour() * 60 + time.minute())
    }
}

/// The first moment after `local` whose time of day is `minutes`.
fn next_time(local: NaiveDateTime, minutes: u32) -> NaiveDateTime {
    let time = NaiveTime::from_hms_opt(minutes / 60 % 24, minutes % 60, 0).unwrap_or_default();
    let today = local.date().and_time(time);
    if today > local {
        today
    } else {
        today + Duration::days(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").unwrap()
    }

    #[test]
    fn quiet_hours_cross_midnight_by_default() {
        let quiet = QuietHours::default();
        assert!(quiet.contain(at("2026-12-01 20:00")));
        assert!(quiet.contain(at("2026-12-01 23:59")));
        assert!(quiet.contain(at("2026-12-02 06:59")));
        assert!(!quiet.contain(at("2026-12-02 07:00")));
        assert!(!quiet.contain(at("2026-12-01 19:59")));
        assert_eq!(
            quiet.end_after(at("2026-12-01 21:30")),
            at("2026-12-02 07:00")
        );
        assert_eq!(
            quiet.end_after(at("2026-12-02 05:00")),
            at("2026-12-02 07:00")
        );
    }

    #[test]
    fn quiet_hours_within_a_day_and_none() {
        let siesta = QuietHours {
            from: 12 * 60,
            until: 14 * 60,
        };
        assert!(siesta.contain(at("2026-12-01 13:00")));
        assert!(!siesta.contain(at("2026-12-01 14:00")));
        let none = QuietHours { from: 0, until: 0 };
        assert!(!none.contain(at("2026-12-01 03:00")));
        assert_eq!(
            none.next_digest(at("2026-12-01 08:00")),
            at("2026-12-02 07:00")
        );
    }

    #[test]
    fn the_digest_comes_with_the_morning() {
        let quiet = QuietHours::default();
        assert_eq!(
            quiet.next_digest(at("2026-12-01 10:00")),
            at("2026-12-02 07:00")
        );
        assert_eq!(
            quiet.next_digest(at("2026-12-01 06:00")),
            at("2026-12-01 07:00")
        );
        assert_eq!(QuietHours::parse("07:30"), Some(450));
        assert_eq!(QuietHours::parse("25:00"), None);
        assert_eq!(QuietHours::format(450), "07:30");
    }
}
