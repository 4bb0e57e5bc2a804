//! `cartable slot reset`: a new letter for a parent who lost theirs.
use super::output::Output;
use crate::server::{
    clock::Clock,
    letters::Validity,
    students::{self, Issue},
};
use sea_orm::DatabaseConnection;

#[derive(clap::Subcommand)]
pub enum Command {
    /// Issue a new letter for a slot, detaching it from the account that held it.
    Reset {
        #[arg(long)]
        identifier: String,
        #[arg(long)]
        slot: i32,
        /// For how many days after today the new letter works (until the end of that day).
        #[arg(long, default_value_t = Validity::default())]
        valid_days: Validity,
    },
}

pub async fn run(db: &DatabaseConnection, out: Output, command: Command) -> anyhow::Result<()> {
    let Command::Reset {
        identifier,
        slot,
        valid_days,
    } = command;
    let issue = Issue::now(&Clock::default(), valid_days);
    let letters = students::reset_slot(db, issue, &identifier, slot).await?;
    out.letters(&[letters])
}
