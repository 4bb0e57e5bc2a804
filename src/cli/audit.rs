//! `cartable audit`: the security log of an account or of a child's parents.
use super::output::Output;
use crate::server::{audit, clock};
use sea_orm::{ActiveEnum, DatabaseConnection};

#[derive(clap::Args)]
pub struct Args {
    /// The account's number, as the log shows it.
    #[arg(long)]
    account: Option<i32>,
    /// Or: the accounts of this child's parents.
    #[arg(long)]
    identifier: Option<String>,
    #[arg(long, default_value_t = 50)]
    limit: u64,
}

pub async fn run(db: &DatabaseConnection, out: Output, args: Args) -> anyhow::Result<()> {
    let identifier = args.identifier.as_deref();
    let events = audit::of_accounts(db, args.account, identifier, args.limit).await?;
    out.list(
        &events,
        |e| serde_json::json!({ "at": e.at, "account": e.account_id, "kind": e.kind.to_value(), "ip": e.ip, "detail": e.detail }),
        |e| {
            format!(
                "{}  compte {:<5} {:<26} {:<16} {}",
                clock::brussels(e.at).format("%Y-%m-%d %H:%M:%S"),
                e.account_id.map_or("-".into(), |id| id.to_string()),
                e.kind.to_value(),
                e.ip.as_deref().unwrap_or("-"),
                e.detail.as_deref().unwrap_or("")
            )
        },
    );
    Ok(())
}
