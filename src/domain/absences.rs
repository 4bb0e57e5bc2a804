//! The rules of an absence a parent reports: a whole day, a morning, an afternoon or a period of
//! days, with a reason. Dates are the school's (Brussels) days, as a date field sends them.
use super::profile::FieldError;
use crate::{i18n::td_string, language::Locale};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A reason: a sentence or two for the school, not a medical file.
pub const REASON: usize = 500;
/// How far back an absence may still be reported: a child back at school after a week of flu,
/// a parent who forgot over a holiday.
pub const DAYS_BACK: i64 = 30;
/// How far ahead one may be announced (a planned operation, a family event).
pub const DAYS_AHEAD: i64 = 180;
/// The longest period one report covers.
pub const LONGEST_PERIOD: i64 = 92;

/// How much of the school's time the absence takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Span {
    Day,
    Morning,
    Afternoon,
    /// From one day to another, both included.
    Period,
}

impl Span {
    pub const ALL: [Span; 4] = [Span::Day, Span::Morning, Span::Afternoon, Span::Period];

    /// The value kept in the database and posted by the form.
    pub fn code(self) -> &'static str {
        match self {
            Span::Day => "day",
            Span::Morning => "morning",
            Span::Afternoon => "afternoon",
            Span::Period => "period",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|span| span.code() == code)
    }

    pub fn label(self, locale: Locale) -> &'static str {
        match self {
            Span::Day => td_string!(locale, absences.span_day),
            Span::Morning => td_string!(locale, absences.span_morning),
            Span::Afternoon => td_string!(locale, absences.span_afternoon),
            Span::Period => td_string!(locale, absences.span_period),
        }
    }
}

/// What the form posts, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AbsenceForm {
    pub span: String,
    pub first_day: String,
    pub last_day: String,
    pub reason: String,
}

/// An absence that passed every check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Absence {
    pub span: Span,
    pub first_day: NaiveDate,
    /// The first day again, unless the absence is a period.
    pub last_day: NaiveDate,
    pub reason: String,
}

impl AbsenceForm {
    /// Checks the form against `today` (the school's day), every problem under its own field.
    pub fn validate(&self, locale: Locale, today: NaiveDate) -> Result<Absence, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut refuse = |field: &str, message: &str| errors.push(FieldError::new(field, message));
        let span = Span::from_code(&self.span);
        if span.is_none() {
            refuse("span", td_string!(locale, absences.span_missing));
        }
        let first_day = day(&self.first_day);
        match first_day {
            None => refuse("first_day", td_string!(locale, absences.day_missing)),
            Some(first) if first < today - chrono::Duration::days(DAYS_BACK) => refuse(
                "first_day",
                &td_string!(locale, absences.too_old, days = DAYS_BACK).to_string(),
            ),
            Some(first) if first > today + chrono::Duration::days(DAYS_AHEAD) => refuse(
                "first_day",
                &td_string!(locale, absences.too_far, days = DAYS_AHEAD).to_string(),
            ),
            Some(_) => {}
        }
        let mut last_day = first_day;
        if span == Some(Span::Period) {
            last_day = day(&self.last_day);
            match (first_day, last_day) {
                (_, None) => refuse("last_day", td_string!(locale, absences.day_missing)),
                (Some(first), Some(last)) if last < first => {
                    refuse("last_day", td_string!(locale, absences.last_before_first))
                }
                (Some(first), Some(last)) if (last - first).num_days() >= LONGEST_PERIOD => refuse(
                    "last_day",
                    &td_string!(locale, absences.too_long, days = LONGEST_PERIOD).to_string(),
                ),
                _ => {}
            }
        }
        let reason = self.reason.trim();
        if reason.is_empty() {
            refuse("reason", td_string!(locale, absences.reason_missing));
        } else if reason.chars().count() > REASON {
            refuse("reason", &super::limits::too_long(locale, REASON));
        }
        match (span, first_day, last_day) {
            (Some(span), Some(first_day), Some(last_day)) if errors.is_empty() => Ok(Absence {
                span,
                first_day,
                last_day,
                reason: reason.to_owned(),
            }),
            _ => Err(errors),
        }
    }
}

/// A day as a date field sends it (`2026-12-01`).
fn day(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok()
}

/// "le 3 décembre 2026 (matin)", "du 3 au 7 décembre 2026": the days an absence covers.
pub fn days(locale: Locale, span: Span, first: NaiveDate, last: NaiveDate) -> String {
    let first_text = super::calendar::day_month_year(locale, first);
    match span {
        Span::Period if first != last => {
            let last_text = super::calendar::day_month_year(locale, last);
            td_string!(
                locale,
                absences.from_to,
                first = first_text,
                last = last_text
            )
            .to_string()
        }
        Span::Day | Span::Period => first_text,
        Span::Morning | Span::Afternoon => format!("{first_text} ({})", span.label(locale)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::language::Locale;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()
    }

    fn form(span: &str, first: &str, last: &str, reason: &str) -> AbsenceForm {
        AbsenceForm {
            span: span.into(),
            first_day: first.into(),
            last_day: last.into(),
            reason: reason.into(),
        }
    }

    fn fields(result: Result<Absence, Vec<FieldError>>) -> Vec<String> {
        result.unwrap_err().into_iter().map(|e| e.field).collect()
    }

    #[test]
    fn a_half_day_is_one_day_whatever_last_day_says() {
        let absence = form("morning", "2026-12-03", "2027-01-01", " Dentiste ")
            .validate(Locale::fr, today())
            .unwrap();
        assert_eq!(absence.first_day, absence.last_day);
        assert_eq!(absence.reason, "Dentiste");
    }

    #[test]
    fn a_period_ends_after_it_starts_and_is_not_endless() {
        let backwards = form("period", "2026-12-05", "2026-12-03", "Grippe");
        assert_eq!(
            fields(backwards.validate(Locale::fr, today())),
            ["last_day"]
        );
        let endless = form("period", "2026-12-05", "2027-06-30", "Grippe");
        assert_eq!(fields(endless.validate(Locale::fr, today())), ["last_day"]);
        let week = form("period", "2026-11-30", "2026-12-04", "Grippe");
        assert!(week.validate(Locale::fr, today()).is_ok());
    }

    #[test]
    fn every_problem_is_under_its_own_field() {
        let empty = form("", "", "", "  ");
        assert_eq!(
            fields(empty.validate(Locale::fr, today())),
            ["span", "first_day", "reason"]
        );
        let old = form("day", "2026-10-01", "", "Grippe");
        assert_eq!(fields(old.validate(Locale::fr, today())), ["first_day"]);
        let long = form("day", "2026-12-01", "", &"x".repeat(REASON + 1));
        assert_eq!(fields(long.validate(Locale::fr, today())), ["reason"]);
    }
}
