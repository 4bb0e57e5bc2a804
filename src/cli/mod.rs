//! The `cartable` command: the web server, and the commands school staff and scripts use. Each
//! group of commands lives in its own file with its arguments and its `run`.
mod audit;
mod backup;
mod config;
mod course;
pub mod demo;
pub mod demo_staff;
mod event;
mod load_school;
mod news;
mod output;
mod personal_data;
mod platform;
mod purge;
mod serve;
mod slot;
mod staff;
mod student;
mod terms;

use crate::server::{config::Settings, db};
use clap::{Parser, Subcommand};
use output::Output;

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
    Serve(serve::Args),
    /// Schools ("platforms").
    #[command(subcommand)]
    Platform(platform::Command),
    /// Students and their parents' letters.
    #[command(subcommand)]
    Student(student::Command),
    /// Terms of use.
    #[command(subcommand)]
    Terms(terms::Command),
    /// The school's news.
    #[command(subcommand)]
    News(news::Command),
    /// The school's calendar.
    #[command(subcommand)]
    Event(event::Command),
    /// The courses students follow.
    #[command(subcommand)]
    Course(course::Command),
    /// The school's staff (administrators and teachers).
    #[command(subcommand)]
    Staff(staff::Command),
    /// Parent slots: a new letter for a parent who lost theirs.
    #[command(subcommand)]
    Slot(slot::Command),
    /// The security log of an account (sign-ins, password changes, children linked…).
    Audit(audit::Args),
    /// Delete ended sessions, used or expired mailed links, forgotten throttle counters and old
    /// security-log events (`serve` does it every day).
    Purge(purge::Args),
    /// Load the demo school (once) and print its letters.
    Demo,
    /// Grow the demo school to a large school's size, for load tests (bench/load).
    LoadSchool,
    /// Everything held on a parent, as JSON and a readable page (GDPR access and portability).
    Export(personal_data::ExportArgs),
    /// Erase a parent's account: their data deleted, their letters' slots freed for re-issue.
    Erase(personal_data::EraseArgs),
    /// The settings: `cartable config check` prints those Cartable would start with.
    #[command(subcommand)]
    Config(config::Command),
    /// Write a consistent copy of the SQLite database to a file, while the server runs.
    Backup(backup::BackupArgs),
    /// Put a backup in the database's place (stop the server first).
    Restore(backup::RestoreArgs),
}

pub async fn run(cli: Cli) -> anyhow::Result<()> {
    let file = crate::server::config_file::load()?;
    let out = Output { json: cli.json };
    // `cartable` alone serves, reading its address from CARTABLE_ADDR like `cartable serve`.
    let command = match cli.command {
        Some(Command::Config(command)) => return config::run(file, out, command),
        Some(command) => command,
        None => Command::Serve(serve::Args::parse_from(["serve"])),
    };
    let settings = Settings::from_env()?;
    // These open the database themselves (restore before anything reads it).
    match command {
        Command::Serve(args) => return serve::run(settings, args).await,
        Command::Backup(args) => return backup::run_backup(&settings, out, args).await,
        Command::Restore(args) => return backup::run_restore(&settings, out, args).await,
        _ => {}
    }
    let db = db::connect(&settings.database_url).await?;
    match command {
        Command::Serve(_) | Command::Backup(_) | Command::Restore(_) | Command::Config(_) => {
            unreachable!("run above")
        }
        Command::Platform(command) => platform::run(&db, out, command).await,
        Command::Student(command) => student::run(&db, &settings, out, command).await,
        Command::Terms(command) => terms::run(&db, out, command).await,
        Command::News(command) => news::run(&db, out, command).await,
        Command::Event(command) => event::run(&db, out, command).await,
        Command::Course(command) => course::run(&db, out, command).await,
        Command::Slot(command) => slot::run(&db, out, command).await,
        Command::Staff(command) => staff::run(&db, &settings, out, command).await,
        Command::Audit(args) => audit::run(&db, out, args).await,
        Command::Purge(args) => purge::run(&db, &settings, out, args).await,
        Command::Demo => demo::run(&db, out).await,
        Command::LoadSchool => load_school::run(&db, out).await,
        Command::Export(args) => personal_data::export(&db, out, args).await,
        Command::Erase(args) => personal_data::erase(&db, out, args).await,
    }
}
