//! The month grid of the home page: whole weeks, Monday first, as Belgian calendars are; and
//! dates in words, in the reader's language (the names and the word order are in
//! `locales/*/calendar.json`).
use crate::{i18n::td_string, language::Locale};
use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, Weekday};
use serde::{Deserialize, Serialize};

/// The grid's column heads, Monday first: "lu", "ma"… in French.
pub fn weekdays_short(locale: Locale) -> [&'static str; 7] {
    [
        td_string!(locale, calendar.weekday_short_1),
        td_string!(locale, calendar.weekday_short_2),
        td_string!(locale, calendar.weekday_short_3),
        td_string!(locale, calendar.weekday_short_4),
        td_string!(locale, calendar.weekday_short_5),
        td_string!(locale, calendar.weekday_short_6),
        td_string!(locale, calendar.weekday_short_7),
    ]
}

/// "lundi", "mardi"… in French.
pub fn weekday_name(locale: Locale, weekday: Weekday) -> &'static str {
    match weekday {
        Weekday::Mon => td_string!(locale, calendar.weekday_1),
        Weekday::Tue => td_string!(locale, calendar.weekday_2),
        Weekday::Wed => td_string!(locale, calendar.weekday_3),
        Weekday::Thu => td_string!(locale, calendar.weekday_4),
        Weekday::Fri => td_string!(locale, calendar.weekday_5),
        Weekday::Sat => td_string!(locale, calendar.weekday_6),
        Weekday::Sun => td_string!(locale, calendar.weekday_7),
    }
}

/// "janvier"… "décembre" in French, for `month` 1 to 12.
pub fn month_name(locale: Locale, month: u32) -> &'static str {
    match month.saturating_sub(1) % 12 {
        0 => td_string!(locale, calendar.month_1),
        1 => td_string!(locale, calendar.month_2),
        2 => td_string!(locale, calendar.month_3),
        3 => td_string!(locale, calendar.month_4),
        4 => td_string!(locale, calendar.month_5),
        5 => td_string!(locale, calendar.month_6),
        6 => td_string!(locale, calendar.month_7),
        7 => td_string!(locale, calendar.month_8),
        8 => td_string!(locale, calendar.month_9),
        9 => td_string!(locale, calendar.month_10),
        10 => td_string!(locale, calendar.month_11),
        _ => td_string!(locale, calendar.month_12),
    }
}

/// "novembre 2026".
pub fn month_title(locale: Locale, year: i32, month: u32) -> String {
    td_string!(
        locale,
        calendar.month_title,
        month = month_name(locale, month),
        year = year
    )
}

/// "mardi 17 novembre 2026" (German "Dienstag, 17. November 2026").
pub fn long_date(locale: Locale, date: NaiveDate) -> String {
    td_string!(
        locale,
        calendar.date_long,
        weekday = weekday_name(locale, date.weekday()),
        day = date.day(),
        month = month_name(locale, date.month()),
        year = date.year()
    )
}

/// "28 février 2027", "1er mars 2027" (German "28. Februar 2027"): a last day, as a letter writes it.
pub fn day_month_year(locale: Locale, date: NaiveDate) -> String {
    // French writes the first of a month "1er".
    let day = match date.day() {
        1 => td_string!(locale, calendar.first_of_month).to_owned(),
        day => day.to_string(),
    };
    td_string!(
        locale,
        calendar.day_month_year,
        day = day,
        month = month_name(locale, date.month()),
        year = date.year()
    )
}

/// When an event takes place, in words: "mardi 17 novembre 2026, 14:00 – 15:30", "du lundi 30
/// novembre 2026 au mercredi 2 décembre 2026", or the day alone. Times are the school's wall-clock
/// (Brussels) times.
pub fn when(
    locale: Locale,
    start: NaiveDateTime,
    end: Option<NaiveDateTime>,
    all_day: bool,
) -> String {
    let clock = |at: NaiveDateTime| at.format("%H:%M").to_string();
    let (first_day, first_time) = (long_date(locale, start.date()), clock(start));
    match (all_day, end) {
        (true, Some(last)) if last.date() > start.date() => td_string!(
            locale,
            calendar.range_days,
            start = first_day,
            end = long_date(locale, last.date())
        ),
        (true, _) => first_day,
        (false, Some(last)) if last.date() == start.date() => td_string!(
            locale,
            calendar.day_time_span,
            day = first_day,
            start = first_time,
            end = clock(last)
        ),
        (false, Some(last)) => td_string!(
            locale,
            calendar.range_times,
            start_day = first_day,
            start_time = first_time,
            end_day = long_date(locale, last.date()),
            end_time = clock(last)
        ),
        (false, None) => td_string!(
            locale,
            calendar.day_time,
            day = first_day,
            time = first_time
        ),
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
    pub fn title(self, locale: Locale) -> String {
        month_title(locale, self.year, self.month)
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
        assert_eq!(month_title(Locale::fr, 2026, 12), "décembre 2026");
        assert_eq!(
            long_date(Locale::fr, date(2020, 11, 17)),
            "mardi 17 novembre 2020"
        );
        assert_eq!(
            weekdays_short(Locale::fr),
            ["lu", "ma", "me", "je", "ve", "sa", "di"]
        );
        assert_eq!(month_name(Locale::fr, 8), "août");
    }

    #[test]
    fn dates_read_in_dutch() {
        assert_eq!(
            long_date(Locale::nl, date(2026, 11, 30)),
            "maandag 30 november 2026"
        );
    }

    #[test]
    fn dates_read_in_german() {
        assert_eq!(
            long_date(Locale::de, date(2026, 11, 30)),
            "Montag, 30. November 2026"
        );
    }

    #[test]
    fn dates_read_in_english() {
        assert_eq!(
            long_date(Locale::en, date(2026, 11, 30)),
            "Monday 30 November 2026"
        );
    }

    #[test]
    fn an_event_is_told_in_words() {
        let at = |text: &str| NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").unwrap();
        let french = Locale::fr;
        let meeting = at("2026-11-17 14:00");
        assert_eq!(
            when(french, meeting, None, false),
            "mardi 17 novembre 2026, 14:00"
        );
        assert_eq!(
            when(french, meeting, Some(at("2026-11-17 15:30")), false),
            "mardi 17 novembre 2026, 14:00 – 15:30"
        );
        let trip = (at("2026-11-30 08:00"), Some(at("2026-12-02 16:00")));
        assert_eq!(
            when(french, trip.0, trip.1, true),
            "du lundi 30 novembre 2026 au mercredi 2 décembre 2026"
        );
        assert_eq!(
            when(french, trip.0, trip.1, false),
            "du lundi 30 novembre 2026, 08:00 au mercredi 2 décembre 2026, 16:00"
        );
        assert_eq!(when(french, meeting, None, true), "mardi 17 novembre 2026");
    }
}
