//! `cartable staff add`: a staff member of a school, with a role; the link to choose a password is
//! mailed, and printed too (without SMTP it is the only way to hand it over).
use super::output::Output;
use crate::domain::contact::EmailAddress;
use crate::server::{
    AppState,
    config::Settings,
    platforms,
    staff::{Role, accounts},
};
use anyhow::Context;
use sea_orm::DatabaseConnection;

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum RoleArg {
    Admin,
    Teacher,
}

#[derive(clap::Subcommand)]
pub enum Command {
    /// Add a staff member to a platform (administrator or teacher).
    Add {
        #[arg(long)]
        platform: String,
        #[arg(long)]
        first_name: String,
        #[arg(long)]
        last_name: String,
        #[arg(long)]
        email: String,
        #[arg(long, value_enum)]
        role: RoleArg,
    },
    /// Turn off a staff member's second factor (a lost phone and lost recovery codes); an
    /// administrator sets a new one up at their next sign-in.
    ResetSecondFactor {
        #[arg(long)]
        email: String,
    },
}

pub async fn run(
    db: &DatabaseConnection,
    settings: &Settings,
    out: Output,
    command: Command,
) -> anyhow::Result<()> {
    let (platform, first_name, last_name, email, role) = match command {
        Command::Add {
            platform,
            first_name,
            last_name,
            email,
            role,
        } => (platform, first_name, last_name, email, role),
        Command::ResetSecondFactor { email } => return reset_second_factor(db, out, &email).await,
    };
    let email = EmailAddress::parse(&email).context("adresse e-mail invalide")?;
    let school = platforms::named(db, &platform).await?;
    let state = AppState::new(db.clone(), settings.clone())?;
    let role = match role {
        RoleArg::Admin => Role::Administrator,
        RoleArg::Teacher => Role::Teacher,
    };
    let new = accounts::NewStaff {
        first_name,
        last_name,
        email: email.clone(),
        role,
    };
    let added = accounts::add(&state, None, &school, new, crate::language::Locale::fr)
        .await
        .map_err(|error| anyhow::anyhow!(staff_refusal(&error)))?;
    // No worker runs here: the welcome goes now, or waits in the outbox for the server's.
    crate::server::outbox::send_some_due(&state.delivery(), "command-line").await?;
    let link = added.link.clone().unwrap_or_default();
    out.report(
        serde_json::json!({ "id": added.staff_id, "email": email.as_str(), "link": added.link }),
        match added.link {
            Some(_) => format!(
                "{email} ajouté·e à {} ; lien pour choisir le mot de passe : {link}",
                school.name
            ),
            None => format!(
                "{email} ajouté·e à {} (son mot de passe reste le même)",
                school.name
            ),
        },
    );
    Ok(())
}

/// A staff service's refusal, in the command line's French.
fn staff_refusal(error: &crate::server::error::ServiceError) -> String {
    use crate::server::error::ServiceError as S;
    match error {
        S::AlreadyStaff => "cette adresse fait déjà partie du personnel de la plateforme".into(),
        S::StaffNameMissing => "indiquez le prénom et le nom".into(),
        other => format!("ajout impossible : {other}"),
    }
}

async fn reset_second_factor(
    db: &DatabaseConnection,
    out: Output,
    email: &str,
) -> anyhow::Result<()> {
    use crate::server::entities::staff_account;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let account = staff_account::Entity::find()
        .filter(staff_account::Column::Email.eq(email.trim().to_lowercase()))
        .one(db)
        .await?
        .with_context(|| format!("aucun membre du personnel n'a l'adresse {email}"))?;
    crate::server::staff::accounts::forget_second_factor(db, account.id)
        .await
        .map_err(|error| anyhow::anyhow!(staff_refusal(&error)))?;
    out.report(
        serde_json::json!({ "id": account.id, "email": account.email }),
        format!(
            "Vérification en deux étapes désactivée pour {} ; ses sessions sont terminées",
            account.email
        ),
    );
    Ok(())
}
