//! The time every rule acts on (sessions, links, locks, terms, news, the calendar's today): real
//! time plus an offset that tests move forward to see a session end or a link expire without
//! sleeping. The school's day is Brussels' day: the helpers that convert live here too.
use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use chrono_tz::{Europe::Brussels, Tz};
use std::sync::{
    Arc,
    atomic::{AtomicI64, Ordering},
};

#[derive(Debug, Clone, Default)]
pub struct Clock {
    offset_seconds: Arc<AtomicI64>,
}

impl Clock {
    pub fn now(&self) -> DateTime<Utc> {
        Utc::now() + Duration::seconds(self.offset_seconds.load(Ordering::Relaxed))
    }

    /// Today in Brussels, the school's day.
    pub fn today(&self) -> NaiveDate {
        brussels(self.now()).date_naive()
    }

    /// Moves this clock (and every copy of it) forward.
    pub fn advance(&self, by: Duration) {
        self.offset_seconds
            .fetch_add(by.num_seconds(), Ordering::Relaxed);
    }
}

/// An instant as a clock on a Brussels wall shows it.
pub fn brussels(at: DateTime<Utc>) -> DateTime<Tz> {
    at.with_timezone(&Brussels)
}

/// Midnight in Brussels at the start of `date`, as UTC.
pub fn start_of(date: NaiveDate) -> DateTime<Utc> {
    let midnight = date.and_hms_opt(0, 0, 0).expect("midnight exists");
    Brussels
        .from_local_datetime(&midnight)
        .earliest()
        .map_or_else(|| midnight.and_utc(), |at| at.with_timezone(&Utc))
}

/// A wall-clock time typed by staff in Brussels ("2026-12-01 18:00"), as UTC; `None` for a time
/// that does not exist (the hour skipped when summer time starts).
pub fn from_brussels(local: chrono::NaiveDateTime) -> Option<DateTime<Utc>> {
    Brussels
        .from_local_datetime(&local)
        .earliest()
        .map(|at| at.with_timezone(&Utc))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn midnight_in_brussels_follows_summer_time() {
        let at = |text: &str| {
            DateTime::parse_from_rfc3339(text)
                .unwrap()
                .with_timezone(&Utc)
        };
        let summer = NaiveDate::from_ymd_opt(2026, 7, 1).unwrap();
        assert_eq!(start_of(summer), at("2026-06-30T22:00:00Z"));
        let winter = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        assert_eq!(start_of(winter), at("2026-11-30T23:00:00Z"));
    }

    #[test]
    fn a_moved_clock_moves_its_copies_and_its_day() {
        let clock = Clock::default();
        let copy = clock.clone();
        let today = clock.today();
        clock.advance(Duration::days(2));
        assert_eq!(copy.today(), today + Duration::days(2));
    }
}
