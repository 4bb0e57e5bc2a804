//! The month grid of the home page: whole weeks, Monday first, as Belgian calendars are.
use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, Weekday};
use serde::{Deserialize, Serialize};

pub const WEEKDAYS_SHORT: [&str; 7] = ["lu", "ma", "me", "je", "ve", "sa", "di"];
const MONTHS: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];

pub fn month_name(month: u32) -> &'static str {
    MONTHS[(month as usize).saturating_sub(1) % 12]
}

/// "novembre 2026".
pub fn month_title(year: i32, month: u32) -> String {
    format!("{} {year}", month_name(month))
}

/// "mardi 17 novembre 2026".
pub fn long_date(date: NaiveDate) -> String {
    const DAYS: [&str; 7] = [
        "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
    ];
    format!(
        "{} {} {} {}",
        DAYS[date.weekday().num_days_from_monday() as usize],
        date.day(),
        month_name(date.month()),
        date.year()
    )
}

/// When an event takes place, in words: "mardi 17 novembre 2026, 14:00 – 15:30", "du lundi 30
/// novembre 2026 au mercredi 2 décembre 2026", or the day alone. Times are the school's wall-clock
/// (Brussels) times.
pub fn when(start: NaiveDateTime, end: Option<NaiveDateTime>, all_day: bool) -> String {
    let (day, time) = (long_date(start.date()), start.format("%H:%M"));
    match (all_day, end) {
        (true, Some(end)) if end.date() > start.date() => {
            format!("du {day} au {}", long_date(end.date()))
        }
        (true, _) => day,
        (false, Some(end)) if end.date() == start.date() => {
            format!("{day}, {time} – {}", end.format("%H:%M"))
        }
        (false, Some(end)) => format!(
            "du {day}, {time} au {}, {}",
            long_date(end.date()),
            end.format("%H:%M")
        ),
        (false, None) => format!("{day}, {time}"),
    }
}

/// A month of the calendar, as its pages name it in their URL: `2026-11`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Month {
    year: i32,
    month: u32,
}

impl Month {
    pub fn of(date: NaiveDate) -> Self {
        Self {
            year: date.year(),
            month: date.month(),
        }
    }

    /// Reads `2026-11`; years outside 1900–2200 are refused, as no school plans that far.
    pub fn parse(text: &str) -> Option<Self> {
        let (year, month) = text.trim().split_once('-')?;
        let (year, month) = (year.parse().ok()?, month.parse().ok()?);
        ((1900..=2200).contains(&year) && (1..=12).contains(&month)).then_some(Self { year, month })
    }

    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month, 1).expect("a parsed month has a 1st")
    }

    pub fn next(self) -> Self {
        match self.month {
            12 => Self {
                year: self.year + 1,
                month: 1,
            },
            month => Self {
                month: month + 1,
                ..self
            },
        }
    }

    pub fn previous(self) -> Self {
        match self.month {
            1 => Self {
                year: self.year - 1,
                month: 12,
            },
            month => Self {
                month: month - 1,
                ..self
            },
        }
    }

    pub fn last_day(self) -> NaiveDate {
        self.next().first_day() - Duration::days(1)
    }

    /// "novembre 2026".
    pub fn title(self) -> String {
        month_title(self.year, self.month)
    }

    /// The weeks that show this month (see [`month_grid`]).
    pub fn grid(self, today: NaiveDate, event_days: &[NaiveDate]) -> Vec<Vec<Day>> {
        month_grid(self.year, self.month, today, event_days)
    }
}

impl std::fmt::Display for Month {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Day {
    pub date: NaiveDate,
    pub in_month: bool,
    pub today: bool,
    pub has_events: bool,
}

/// The weeks that show `year`-`month`, from the Monday on or before the 1st to the Sunday on or
/// after the last day. `event_days` are the dates that carry at least one event.
pub fn month_grid(
    year: i32,
    month: u32,
    today: NaiveDate,
    event_days: &[NaiveDate],
) -> Vec<Vec<Day>> {
    let Some(first) = NaiveDate::from_ymd_opt(year, month, 1) else {
        return Vec::new();
    };
    let start = first.week(Weekday::Mon).first_day();
    let next_month = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)
    };
    let last = next_month.map_or(first, |next| next - Duration::days(1));
    let end = last.week(Weekday::Mon).last_day();
    let mut weeks = Vec::new();
    let mut day = start;
    while day <= end {
        let week = (0..7)
            .map(|offset| {
                let date = day + Duration::days(offset);
                Day {
                    date,
                    in_month: date.month() == month,
                    today: date == today,
                    has_events: event_days.contains(&date),
                }
            })
            .collect();
        weeks.push(week);
        day += Duration::days(7);
    }
    weeks
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn november_2020_starts_on_the_monday_before_the_first() {
        // The seed's calendar: November 2020 begins on a Sunday.
        let weeks = month_grid(2020, 11, date(2020, 11, 17), &[date(2020, 11, 16)]);
        assert_eq!(weeks.len(), 6);
        assert_eq!(weeks[0][0].date, date(2020, 10, 26));
        assert!(!weeks[0][0].in_month);
        assert_eq!(weeks[0][6].date, date(2020, 11, 1));
        assert_eq!(weeks[5][6].date, date(2020, 12, 6));
        let today: Vec<_> = weeks
            .iter()
            .flatten()
            .filter(|d| d.today)
            .map(|d| d.date)
            .collect();
        assert_eq!(today, [date(2020, 11, 17)]);
        let marked: Vec<_> = weeks
            .iter()
            .flatten()
            .filter(|d| d.has_events)
            .map(|d| d.date)
            .collect();
        assert_eq!(marked, [date(2020, 11, 16)]);
    }

    #[test]
    fn february_2027_fills_exactly_four_weeks() {
        let weeks = month_grid(2027, 2, date(2027, 2, 1), &[]);
        assert_eq!(weeks.len(), 4);
        assert!(weeks.iter().flatten().all(|d| d.in_month));
    }

    #[test]
    fn months_read_from_urls_and_step_over_years() {
        let december = Month::parse("2026-12").unwrap();
        assert_eq!(
            december.next(),
            Month {
                year: 2027,
                month: 1
            }
        );
        assert_eq!(december.next().previous(), december);
        assert_eq!(december.last_day(), date(2026, 12, 31));
        assert_eq!(december.to_string(), "2026-12");
        assert_eq!(
            Month::parse("2027-02").unwrap().last_day(),
            date(2027, 2, 28)
        );
        for bad in [
            "", "2026", "2026-13", "2026-0", "abcd-01", "99999-01", "2026-1-1",
        ] {
            assert_eq!(Month::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn dates_read_in_french() {
        assert_eq!(month_title(2026, 12), "décembre 2026");
        assert_eq!(long_date(date(2020, 11, 17)), "mardi 17 novembre 2020");
    }

    #[test]
    fn an_event_is_told_in_words() {
        let at = |text: &str| NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").unwrap();
        let meeting = at("2026-11-17 14:00");
        assert_eq!(when(meeting, None, false), "mardi 17 novembre 2026, 14:00");
        assert_eq!(
            when(meeting, Some(at("2026-11-17 15:30")), false),
            "mardi 17 novembre 2026, 14:00 – 15:30"
        );
        let trip = (at("2026-11-30 08:00"), Some(at("2026-12-02 16:00")));
        assert_eq!(
            when(trip.0, trip.1, true),
            "du lundi 30 novembre 2026 au mercredi 2 décembre 2026"
        );
        assert_eq!(
            when(trip.0, trip.1, false),
            "du lundi 30 novembre 2026, 08:00 au mercredi 2 décembre 2026, 16:00"
        );
        assert_eq!(when(meeting, None, true), "mardi 17 novembre 2026");
    }
}
