//! The `cartable` command: the web server, and the commands school staff and scripts use.
use super::{
    admin::{self, NewPlatform, StudentLetters},
    config::Settings,
    db, demo,
    http::Application,
    letters,
};
use anyhow::Context;
use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Europe::Brussels;
use clap::{Parser, Subcommand};
use std::net::SocketAddr;

#[derive(Parser)]
#[command(
    name = "cartable",
    version,
    about = "Cartable, the school–family portal"
)]
pub struct Cli {
    /// Print results as JSON, for scripts.
    #[arg(long, global = true)]
    json: bool,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the site (the default).
    Serve {
        #[arg(long, default_value = "127.0.0.1:3000", env = "CARTABLE_ADDR")]
        addr: SocketAddr,
    },
    /// Schools ("platforms").
    #[command(subcommand)]
    Platform(PlatformCommand),
    /// Students and their parents' letters.
    #[command(subcommand)]
    Student(StudentCommand),
    /// Terms of use.
    #[command(subcommand)]
    Terms(TermsCommand),
    /// The school's news.
    #[command(subcommand)]
    News(NewsCommand),
    /// The school's calendar.
    #[command(subcommand)]
    Event(EventCommand),
    /// The courses students follow.
    #[command(subcommand)]
    Course(CourseCommand),
    /// Parent slots: a new letter for a parent who lost theirs.
    #[command(subcommand)]
    Slot(SlotCommand),
    /// The security log of an account (sign-ins, password changes, children linked…).
    Audit {
        /// The account's number, as the log shows it.
        #[arg(long)]
        account: Option<i32>,
        /// Or: the accounts of this child's parents.
        #[arg(long)]
        identifier: Option<String>,
        #[arg(long, default_value_t = 50)]
        limit: u64,
    },
    /// Load the demo school (once) and print its letters.
    Demo,
}

#[derive(Subcommand)]
enum PlatformCommand {
    Add(NewPlatform),
}

#[derive(Subcommand)]
enum StudentCommand {
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
    },
    /// Add every student of a class list (CSV: first name, last name, class; `;` or `,`).
    Import {
        #[arg(long)]
        platform: String,
        file: std::path::PathBuf,
        #[arg(long, default_value_t = 2)]
        slots: u32,
        /// Write one printable letter (HTML) per parent slot into this folder.
        #[arg(long)]
        letters: Option<std::path::PathBuf>,
    },
}

#[derive(Subcommand)]
enum TermsCommand {
    /// Publish a new version (Markdown): every parent must accept it again.
    Publish {
        #[arg(long)]
        platform: String,
        #[arg(long)]
        file: std::path::PathBuf,
        /// Parents may postpone their answer until this day (YYYY-MM-DD).
        #[arg(long)]
        postpone_until: Option<NaiveDate>,
    },
}

#[derive(Subcommand)]
enum NewsCommand {
    Add {
        #[arg(long)]
        platform: String,
        #[arg(long)]
        title: String,
        /// Markdown.
        #[arg(long, default_value = "")]
        body: String,
        /// Brussels time, "YYYY-MM-DD HH:MM" or RFC 3339; default now. A later time schedules it.
        #[arg(long)]
        published_at: Option<String>,
    },
    /// The platform's news, newest first, with their ids.
    List {
        #[arg(long)]
        platform: String,
    },
    Remove {
        #[arg(long)]
        platform: String,
        #[arg(long)]
        id: i32,
    },
}

#[derive(Subcommand)]
enum EventCommand {
    Add {
        #[arg(long)]
        platform: String,
        #[arg(long)]
        title: String,
        /// Markdown, shown on the event's page.
        #[arg(long)]
        description: Option<String>,
        /// Brussels time: "YYYY-MM-DD HH:MM", or "YYYY-MM-DD" for an all-day event.
        #[arg(long)]
        start: String,
        #[arg(long)]
        end: Option<String>,
        #[arg(long)]
        all_day: bool,
    },
    /// The platform's events by start, with their ids.
    List {
        #[arg(long)]
        platform: String,
    },
    Remove {
        #[arg(long)]
        platform: String,
        #[arg(long)]
        id: i32,
    },
}

#[derive(Subcommand)]
enum SlotCommand {
    /// Issue a new letter for a slot, detaching it from the account that held it.
    Reset {
        #[arg(long)]
        identifier: String,
        #[arg(long)]
        slot: i32,
    },
}

#[derive(Subcommand)]
enum CourseCommand {
    /// Enrol a student in a course (created on first use).
    Add {
        #[arg(long)]
        platform: String,
        /// The student's identifier, e.g. albert.durant@isu-dour.be.
        #[arg(long)]
        student: String,
        #[arg(long)]
        name: String,
        #[arg(long)]
        teacher: Option<String>,
    },
}

/// "2026-12-01 18:30", "2026-12-01" (midnight) in Brussels time, or RFC 3339.
fn parse_time(text: &str) -> anyhow::Result<DateTime<Utc>> {
    if let Ok(at) = DateTime::parse_from_rfc3339(text) {
        return Ok(at.with_timezone(&Utc));
    }
    let local = NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M")
        .or_else(|_| NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M"))
        .or_else(|_| {
            NaiveDate::parse_from_str(text, "%Y-%m-%d")
                .map(|d| d.and_hms_opt(0, 0, 0).expect("midnight"))
        })
        .with_context(|| format!("not a date: {text} (expected YYYY-MM-DD or YYYY-MM-DD HH:MM)"))?;
    Brussels
        .from_local_datetime(&local)
        .earliest()
        .map(|at| at.with_timezone(&Utc))
        .context("that time does not exist in Brussels")
}

/// Prints `value` as JSON for scripts, or `text` for people.
fn report(json: bool, value: serde_json::Value, text: String) {
    if json {
        println!("{value}");
    } else {
        println!("{text}");
    }
}

fn print_letters(json: bool, letters: &[StudentLetters]) -> anyhow::Result<()> {
    if json {
        let value = if letters.len() == 1 {
            serde_json::to_string_pretty(&letters[0])?
        } else {
            serde_json::to_string_pretty(letters)?
        };
        println!("{value}");
    } else {
        for letter in letters {
            for slot in &letter.slots {
                println!(
                    "Identifiant : {}   parent {} — mot de passe temporaire : {}",
                    letter.identifier, slot.slot, slot.temporary_password
                );
            }
        }
    }
    Ok(())
}

pub async fn run(cli: Cli) -> anyhow::Result<()> {
    let settings = Settings::from_env();
    let json = cli.json;
    let command = cli.command.unwrap_or(Command::Serve {
        addr: "127.0.0.1:3000".parse().expect("valid address"),
    });
    if let Command::Serve { addr } = command {
        return serve(settings, addr).await;
    }
    let db = db::connect(&settings.database_url).await?;
    match command {
        Command::Serve { .. } => unreachable!("handled above"),
        Command::Platform(PlatformCommand::Add(args)) => {
            let platform = admin::add_platform(&db, args).await?;
            let value = serde_json::json!({ "code": platform.code, "name": platform.name, "domain": platform.domain });
            report(
                json,
                value,
                format!("Plateforme {} créée : {}", platform.code, platform.name),
            );
        }
        Command::Student(StudentCommand::Add {
            platform,
            first_name,
            last_name,
            class,
            slots,
        }) => {
            let letters =
                admin::add_student(&db, &platform, &first_name, &last_name, class, slots).await?;
            print_letters(json, &[letters])?;
        }
        Command::Student(StudentCommand::Import {
            platform,
            file,
            slots,
            letters: letters_dir,
        }) => {
            let text = std::fs::read_to_string(&file)
                .with_context(|| format!("cannot read {}", file.display()))?;
            let students = admin::read_class_list(&text)?;
            let letters = admin::import_students(&db, &platform, students, slots).await?;
            match letters_dir {
                Some(dir) => {
                    let school = admin::find_platform(&db, &platform).await?;
                    let written =
                        letters::write_all(&dir, &school, &settings.public_url, &letters)?;
                    report(
                        json,
                        serde_json::json!({ "students": letters.len(), "letters": written }),
                        format!(
                            "{} élèves ajoutés ; {} courriers à imprimer dans {}",
                            letters.len(),
                            written.len(),
                            dir.display()
                        ),
                    );
                }
                None => print_letters(json, &letters)?,
            }
        }
        Command::Terms(TermsCommand::Publish {
            platform,
            file,
            postpone_until,
        }) => {
            let markdown = std::fs::read_to_string(&file)
                .with_context(|| format!("cannot read {}", file.display()))?;
            let terms = admin::publish_terms(&db, &platform, markdown, postpone_until).await?;
            report(
                json,
                serde_json::json!({ "platform": platform, "version": terms.version }),
                format!(
                    "Conditions d'utilisation publiées : version {}",
                    terms.version
                ),
            );
        }
        Command::News(NewsCommand::Add {
            platform,
            title,
            body,
            published_at,
        }) => {
            let at = published_at.as_deref().map(parse_time).transpose()?;
            let item = admin::add_news(&db, &platform, &title, &body, at).await?;
            report(
                json,
                serde_json::json!({ "id": item.id, "title": item.title }),
                format!("Actualité {} publiée : {}", item.id, item.title),
            );
        }
        Command::News(NewsCommand::List { platform }) => {
            let items = admin::list_news(&db, &platform).await?;
            let value = items
                .iter()
                .map(|item| serde_json::json!({ "id": item.id, "title": item.title, "published_at": item.published_at }))
                .collect();
            let text = items
                .iter()
                .map(|item| {
                    let at = item.published_at.with_timezone(&Brussels);
                    format!(
                        "{:>5}  {}  {}",
                        item.id,
                        at.format("%Y-%m-%d %H:%M"),
                        item.title
                    )
                })
                .collect::<Vec<_>>()
                .join("\n");
            report(json, serde_json::Value::Array(value), text);
        }
        Command::News(NewsCommand::Remove { platform, id }) => {
            let item = admin::remove_news(&db, &platform, id).await?;
            report(
                json,
                serde_json::json!({ "id": item.id, "removed": true }),
                format!("Actualité {} supprimée : {}", item.id, item.title),
            );
        }
        Command::Event(EventCommand::Add {
            platform,
            title,
            description,
            start,
            end,
            all_day,
        }) => {
            let event = admin::add_event(
                &db,
                &platform,
                &title,
                description.as_deref(),
                parse_time(&start)?,
                end.as_deref().map(parse_time).transpose()?,
                all_day,
            )
            .await?;
            report(
                json,
                serde_json::json!({ "id": event.id, "title": event.title }),
                format!("Événement {} ajouté : {}", event.id, event.title),
            );
        }
        Command::Event(EventCommand::List { platform }) => {
            let events = admin::list_events(&db, &platform).await?;
            let value = events
                .iter()
                .map(|event| serde_json::json!({ "id": event.id, "title": event.title, "starts_at": event.starts_at, "ends_at": event.ends_at, "all_day": event.all_day }))
                .collect();
            let text = events
                .iter()
                .map(|event| {
                    format!(
                        "{:>5}  {}  {}",
                        event.id,
                        super::calendar::when(event),
                        event.title
                    )
                })
                .collect::<Vec<_>>()
                .join("\n");
            report(json, serde_json::Value::Array(value), text);
        }
        Command::Event(EventCommand::Remove { platform, id }) => {
            let event = admin::remove_event(&db, &platform, id).await?;
            report(
                json,
                serde_json::json!({ "id": event.id, "removed": true }),
                format!("Événement {} supprimé : {}", event.id, event.title),
            );
        }
        Command::Course(CourseCommand::Add {
            platform,
            student,
            name,
            teacher,
        }) => {
            let course =
                admin::add_course(&db, &platform, &student, &name, teacher.as_deref()).await?;
            report(
                json,
                serde_json::json!({ "id": course.id, "name": course.name, "teacher": course.teacher, "student": student }),
                format!(
                    "{student} suit le cours {} ({})",
                    course.name,
                    course.teacher.as_deref().unwrap_or("sans titulaire")
                ),
            );
        }
        Command::Slot(SlotCommand::Reset { identifier, slot }) => {
            let letters = admin::reset_slot(&db, &identifier, slot).await?;
            print_letters(json, &[letters])?;
        }
        Command::Audit {
            account,
            identifier,
            limit,
        } => {
            let events = admin::audit_events(&db, account, identifier.as_deref(), limit).await?;
            let value = events
                .iter()
                .map(|e| serde_json::json!({ "at": e.at, "account": e.account_id, "kind": e.kind, "ip": e.ip, "detail": e.detail }))
                .collect();
            let text = events
                .iter()
                .map(|e| {
                    format!(
                        "{}  compte {:<5} {:<26} {:<16} {}",
                        e.at.with_timezone(&Brussels).format("%Y-%m-%d %H:%M:%S"),
                        e.account_id.map_or("-".into(), |id| id.to_string()),
                        e.kind,
                        e.ip.as_deref().unwrap_or("-"),
                        e.detail.as_deref().unwrap_or("")
                    )
                })
                .collect::<Vec<_>>()
                .join("\n");
            report(json, serde_json::Value::Array(value), text);
        }
        Command::Demo => {
            let letters = demo::load(&db).await?;
            if json {
                let all: Vec<&StudentLetters> = letters.iter().map(|l| &l.letters).collect();
                println!("{}", serde_json::to_string_pretty(&all)?);
            } else {
                println!(
                    "Écoles de démonstration : Institut La Sainte-Union (isu-dour) et École communale de Dour (ecd-dour)\n"
                );
                for letter in &letters {
                    for (slot, used) in letter.letters.slots.iter().zip(&letter.used) {
                        let note = if *used {
                            "  (déjà utilisé : le parent a choisi son mot de passe)"
                        } else {
                            ""
                        };
                        println!(
                            "  Identifiant : {:<28} mot de passe temporaire : {}{note}",
                            letter.letters.identifier, slot.temporary_password
                        );
                    }
                }
            }
        }
    }
    Ok(())
}

async fn serve(settings: Settings, addr: SocketAddr) -> anyhow::Result<()> {
    let public_url = settings.public_url.clone();
    let app = Application::build(settings, site_options(addr), addr).await?;
    tracing::info!(addr = %app.local_addr(), %public_url, "Cartable is listening");
    println!("Cartable écoute sur http://{}", app.local_addr());
    app.run().await?;
    Ok(())
}

/// The Leptos site settings: cargo-leptos sets `LEPTOS_*` when it runs the server; the defaults
/// match its output folder, so the binary also runs on its own.
fn site_options(addr: SocketAddr) -> leptos::prelude::LeptosOptions {
    let env =
        |name: &str, default: &str| std::env::var(name).unwrap_or_else(|_| default.to_owned());
    leptos::prelude::LeptosOptions::builder()
        .output_name(env("LEPTOS_OUTPUT_NAME", "cartable"))
        .site_root(env("LEPTOS_SITE_ROOT", "target/site"))
        .site_pkg_dir(env("LEPTOS_SITE_PKG_DIR", "pkg"))
        .site_addr(addr)
        .build()
}
