//! `cartable student add | import`: students and their parents' letters.
use super::output::Output;
use crate::language::{self, Locale};
use crate::server::{
    class_list,
    clock::Clock,
    config::Settings,
    letters::Validity,
    platforms,
    students::{self, Issue, NewStudent},
};
use crate::startup::letters;
use anyhow::Context;
use sea_orm::DatabaseConnection;
use std::path::PathBuf;

#[derive(clap::Subcommand)]
pub enum Command {
    Add {
        #[arg(long)]
        platform: String,
        #[arg(long)]
        first_name: String,
        #[arg(long)]
        last_name: String,
        #[arg(long)]
        class: Option<String>,
        /// Parent access slots, each with its own letter.
        #[arg(long, default_value_t = 2)]
        slots: u32,
        /// For how many days after today the letters work (until the end of that day).
        #[arg(long, default_value_t = Validity::default())]
        valid_days: Validity,
    },
    /// Add every student of a class list (CSV: first name, last name, class; `;` or `,`).
    Import {
        #[arg(long)]
        platform: String,
        file: PathBuf,
        #[arg(long, default_value_t = 2)]
        slots: u32,
        /// Write one printable letter (HTML) per parent slot into this folder.
        #[arg(long)]
        letters: Option<PathBuf>,
        /// The letters' language: fr, nl, de or en.
        #[arg(long, default_value = "fr", value_parser = parse_language)]
        language: Locale,
        /// For how many days after today the letters work (until the end of that day).
        #[arg(long, default_value_t = Validity::default())]
        valid_days: Validity,
    },
}

pub async fn run(
    db: &DatabaseConnection,
    settings: &Settings,
    out: Output,
    command: Command,
) -> anyhow::Result<()> {
    match command {
        Command::Add {
            platform,
            first_name,
            last_name,
            class,
            slots,
            valid_days,
        } => {
            let student = NewStudent::new(&first_name, &last_name, class.as_deref());
            let issue = Issue::now(&Clock::default(), valid_days);
            let letters = students::add(db, issue, &platform, student, slots).await?;
            out.letters(&[letters])
        }
        Command::Import {
            platform,
            file,
            slots,
            letters: letters_dir,
            language,
            valid_days,
        } => {
            let text = std::fs::read_to_string(&file)
                .with_context(|| format!("impossible de lire {}", file.display()))?;
            let list = class_list::read(&text)?;
            let issue = Issue::now(&Clock::default(), valid_days);
            let letters = students::import(db, issue, &platform, list, slots).await?;
            let Some(dir) = letters_dir else {
                return out.letters(&letters);
            };
            let school = platforms::named(db, &platform).await?;
            let written =
                letters::write_all(&dir, &school, &settings.public_url, &letters, language)?;
            out.report(
                serde_json::json!({ "students": letters.len(), "letters": written }),
                format!(
                    "{} élèves ajoutés ; {} courriers à imprimer dans {}",
                    letters.len(),
                    written.len(),
                    dir.display()
                ),
            );
            Ok(())
        }
    }
}

fn parse_language(tag: &str) -> Result<Locale, String> {
    language::parse(tag).ok_or_else(|| format!("{tag}: expected fr, nl, de or en"))
}
