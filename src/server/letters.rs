//! How long a parent's letter works. The school chooses a validity when it prints letters (90 days
//! unless said otherwise); the letter reads "Valable jusqu'au 28 février 2027", and from the next
//! day on its temporary password no longer opens its slot: the parent asks the school for a new one.
use super::{
    clock,
    entities::parent_slot,
    error::{ServiceError, ServiceResult},
};
use chrono::{DateTime, Duration, NaiveDate, Utc};

/// For how many days after the day it is printed a new letter works, until that last day ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Validity {
    days: u32,
}

impl Validity {
    pub const DEFAULT_DAYS: u32 = 90;
    /// Ten years: beyond, a letter is as good as one that never expires.
    pub const MOST_DAYS: u32 = 3650;

    pub fn days(days: u32) -> anyhow::Result<Self> {
        if !(1..=Self::MOST_DAYS).contains(&days) {
            anyhow::bail!(
                "un courrier vaut de 1 à {} jours, pas {days}",
                Self::MOST_DAYS
            );
        }
        Ok(Self { days })
    }

    /// When a letter printed at `issued_at` stops working: the end of its last day in Brussels,
    /// so that the day printed on it is a whole day.
    pub fn expiry(self, issued_at: DateTime<Utc>) -> DateTime<Utc> {
        let last_day = clock::brussels(issued_at).date_naive() + Duration::days(self.days.into());
        clock::start_of(last_day + Duration::days(1))
    }
}

impl Default for Validity {
    fn default() -> Self {
        Self {
            days: Self::DEFAULT_DAYS,
        }
    }
}

impl std::fmt::Display for Validity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.days)
    }
}

/// `--valid-days 30`, as staff type it.
impl std::str::FromStr for Validity {
    type Err = anyhow::Error;

    fn from_str(text: &str) -> anyhow::Result<Self> {
        let days = text
            .trim()
            .parse()
            .map_err(|_| anyhow::anyhow!("{text} : attendu un nombre entier de jours, comme 90"))?;
        Self::days(days)
    }
}

/// The last day a letter works, as printed on it (Brussels).
pub fn last_day(expires_at: DateTime<Utc>) -> NaiveDate {
    clock::brussels(expires_at - Duration::seconds(1)).date_naive()
}

/// Refuses a letter past its validity. Only for a letter that matched an unclaimed slot: the
/// password was right, so the refusal tells nothing a guesser could use.
pub fn still_valid(slot: &parent_slot::Model, now: DateTime<Utc>) -> ServiceResult<()> {
    match slot.temporary_password_expires_at {
        Some(expires_at) if now >= expires_at => Err(ServiceError::LetterExpired),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text)
            .unwrap()
            .with_timezone(&Utc)
    }

    #[test]
    fn a_letter_works_until_the_end_of_its_last_day_in_brussels() {
        // Printed on 30 November 2026 at 15:00 in Brussels (UTC+1), valid 90 days.
        let expiry = Validity::default().expiry(at("2026-11-30T14:00:00Z"));
        assert_eq!(expiry, at("2027-02-28T23:00:00Z"));
        assert_eq!(
            last_day(expiry),
            NaiveDate::from_ymd_opt(2027, 2, 28).unwrap()
        );
    }

    #[test]
    fn staff_type_a_validity_of_one_day_to_ten_years() {
        assert_eq!(
            "30".parse::<Validity>().unwrap(),
            Validity::days(30).unwrap()
        );
        for wrong in ["0", "3651", "-1", "trente", "1.5"] {
            assert!(wrong.parse::<Validity>().is_err(), "{wrong}");
        }
    }
}
