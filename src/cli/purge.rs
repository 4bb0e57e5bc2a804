//! `cartable purge`: deletes what no rule needs any more, as `cartable serve` does every day.
use super::output::Output;
use crate::server::{
    clock::Clock,
    config::Settings,
    purge::{self, Retention},
};
use sea_orm::DatabaseConnection;

#[derive(clap::Args)]
pub struct Args {
    /// Keep the security log's events this many days [default: CARTABLE_AUDIT_RETENTION_DAYS, or 365].
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..=36600))]
    audit_days: Option<u32>,
}

pub async fn run(
    db: &DatabaseConnection,
    settings: &Settings,
    out: Output,
    args: Args,
) -> anyhow::Result<()> {
    let mut retention = Retention::of(settings);
    if let Some(days) = args.audit_days {
        retention.audit_events = chrono::Duration::days(days.into());
    }
    let purged = purge::run(db, &Clock::default(), retention).await?;
    let days = retention.audit_events.num_days();
    let old_events = format!("Événements du journal de plus de {days} jours supprimés");
    let text = [
        ("Sessions terminées supprimées", purged.sessions),
        (
            "Liens envoyés par e-mail, utilisés ou expirés, supprimés",
            purged.mailed_links,
        ),
        (
            "Liens du personnel, utilisés ou expirés, supprimés",
            purged.staff_links,
        ),
        (
            "Listes de classe collées il y a plus d'un jour et jamais importées supprimées",
            purged.staff_imports,
        ),
        (
            "Codes de connexion expirés ou épuisés supprimés",
            purged.sign_in_codes,
        ),
        (
            "Navigateurs sans connexion depuis un an oubliés",
            purged.known_browsers,
        ),
        (
            "Courriels envoyés il y a plus d'un mois, ou abandonnés il y a plus de trois, supprimés",
            purged.mails,
        ),
        (
            "Compteurs de tentatives oubliés supprimés",
            purged.throttle_counters,
        ),
        (old_events.as_str(), purged.audit_events),
    ]
    .map(|(what, count)| format!("{what} : {count}"))
    .join("\n");
    out.report(serde_json::to_value(purged)?, text);
    Ok(())
}
