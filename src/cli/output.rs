//! What the commands print: text for people, JSON for scripts; and the times staff type.
use crate::{
    domain::calendar,
    language::Locale,
    server::{clock, students::StudentLetters},
};
use anyhow::Context;
use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};

/// `--platform`: the school a command acts on.
#[derive(clap::Args)]
pub struct OnPlatform {
    #[arg(long)]
    pub platform: String,
}

/// `--platform` and `--id`: one item of a school (another school's id is refused).
#[derive(clap::Args)]
pub struct PlatformItem {
    #[arg(long)]
    pub platform: String,
    #[arg(long)]
    pub id: i32,
}

#[derive(Debug, Clone, Copy)]
pub struct Output {
    pub json: bool,
}

impl Output {
    /// Prints `value` as JSON for scripts, or `text` for people.
    pub fn report(self, value: serde_json::Value, text: String) {
        if self.json {
            println!("{value}");
        } else {
            println!("{text}");
        }
    }

    /// A list of items: one line each for people, an array for scripts.
    pub fn list<T>(
        self,
        items: &[T],
        as_json: impl Fn(&T) -> serde_json::Value,
        as_line: impl Fn(&T) -> String,
    ) {
        let value = serde_json::Value::Array(items.iter().map(as_json).collect());
        let lines: Vec<String> = items.iter().map(as_line).collect();
        self.report(value, lines.join("\n"));
    }

    /// The letters to print: one line per parent slot, or JSON (one object for one student).
    pub fn letters(self, letters: &[StudentLetters]) -> anyhow::Result<()> {
        if self.json {
            let value = match letters {
                [one] => serde_json::to_string_pretty(one)?,
                all => serde_json::to_string_pretty(all)?,
            };
            println!("{value}");
            return Ok(());
        }
        for letter in letters {
            for slot in &letter.slots {
                let until = slot
                    .valid_until
                    .map(|day| format!(" (valable jusqu'au {})", french_date(day)))
                    .unwrap_or_default();
                println!(
                    "Identifiant : {}   parent {} — mot de passe temporaire : {}{until}",
                    letter.identifier, slot.slot, slot.temporary_password
                );
            }
        }
        Ok(())
    }
}

/// "2026-12-01 18:30", "2026-12-01" (midnight) in Brussels time, or RFC 3339.
pub fn parse_time(text: &str) -> anyhow::Result<DateTime<Utc>> {
    if let Ok(at) = DateTime::parse_from_rfc3339(text) {
        return Ok(at.with_timezone(&Utc));
    }
    let local = NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M")
        .or_else(|_| NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M"))
        .or_else(|_| {
            NaiveDate::parse_from_str(text, "%Y-%m-%d")
                .map(|d| d.and_hms_opt(0, 0, 0).expect("midnight"))
        })
        .with_context(|| {
            format!("{text} n'est pas une date (attendu : AAAA-MM-JJ ou AAAA-MM-JJ HH:MM)")
        })?;
    clock::from_brussels(local).context("cette heure n'existe pas à Bruxelles (changement d'heure)")
}

/// "28 février 2027", "1er mars 2027": a day as the command line writes it for staff.
pub fn french_date(day: NaiveDate) -> String {
    calendar::day_month_year(Locale::fr, day)
}

/// A time as staff read it: Brussels, to the minute.
pub fn brussels_minute(at: DateTime<Utc>) -> String {
    clock::brussels(at).format("%Y-%m-%d %H:%M").to_string()
}
