//! `cartable slot reset`: a new letter for a parent who lost theirs.
use super::output::Output;
use crate::server::students;
use sea_orm::DatabaseConnection;

#[derive(clap::Subcommand)]
pub enum Command {
    /// Issue a new letter for a slot, detaching it from the account that held it.
    Reset {
        #[arg(long)]
        identifier: String,
        #[arg(long)]
        slot: i32,
    },
}

pub async fn run(db: &DatabaseConnection, out: Output, command: Command) -> anyhow::Result<()> {
    let Command::Reset { identifier, slot } = command;
    let letters = students::reset_slot(db, &identifier, slot).await?;
    out.letters(&[letters])
}
