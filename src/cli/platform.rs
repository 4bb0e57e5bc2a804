//! `cartable platform add`: a new school.
use super::output::Output;
use crate::server::platforms::{self, NewPlatform};
use sea_orm::DatabaseConnection;

#[derive(clap::Subcommand)]
pub enum Command {
    Add(AddArgs),
}

#[derive(clap::Args)]
pub struct AddArgs {
    /// The platform's short code, e.g. isu-dour.
    #[arg(long)]
    code: String,
    #[arg(long)]
    name: String,
    /// The e-mail domain of students' identifiers, e.g. isu-dour.be.
    #[arg(long)]
    domain: String,
    #[arg(long)]
    address: Option<String>,
    #[arg(long)]
    phone: Option<String>,
    #[arg(long)]
    fax: Option<String>,
    #[arg(long)]
    email: Option<String>,
    #[arg(long)]
    web: Option<String>,
    /// A platform administrator's address, shown to parents (repeat for several).
    #[arg(long = "admin-email")]
    admin_emails: Vec<String>,
}

pub async fn run(db: &DatabaseConnection, out: Output, command: Command) -> anyhow::Result<()> {
    let Command::Add(args) = command;
    let new = NewPlatform {
        code: args.code,
        name: args.name,
        domain: args.domain,
        address: args.address,
        phone: args.phone,
        fax: args.fax,
        email: args.email,
        web: args.web,
        admin_emails: args.admin_emails,
    };
    let platform = platforms::add(db, new).await?;
    out.report(
        serde_json::json!({ "code": platform.code, "name": platform.name, "domain": platform.domain }),
        format!("Plateforme {} créée : {}", platform.code, platform.name),
    );
    Ok(())
}
