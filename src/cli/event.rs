//! `cartable event add | list | remove`: the school's calendar.
use super::output::{OnPlatform, Output, PlatformItem, parse_time};
use crate::server::calendar;
use sea_orm::DatabaseConnection;

#[derive(clap::Subcommand)]
pub enum Command {
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
    List(OnPlatform),
    Remove(PlatformItem),
}

pub async fn run(db: &DatabaseConnection, out: Output, command: Command) -> anyhow::Result<()> {
    match command {
        Command::Add {
            platform,
            title,
            description,
            start,
            end,
            all_day,
        } => {
            let (starts_at, ends_at) = (parse_time(&start)?, end.as_deref().map(parse_time));
            let description = description.as_deref();
            let event = calendar::add_event(
                db,
                &platform,
                &title,
                description,
                starts_at,
                ends_at.transpose()?,
                all_day,
            )
            .await?;
            out.report(
                serde_json::json!({ "id": event.id, "title": event.title }),
                format!("Événement {} ajouté : {}", event.id, event.title),
            );
        }
        Command::List(OnPlatform { platform }) => {
            out.list(
                &calendar::list_events(db, &platform).await?,
                |event| serde_json::json!({ "id": event.id, "title": event.title, "starts_at": event.starts_at, "ends_at": event.ends_at, "all_day": event.all_day }),
                |event| {
                    let when = calendar::when(crate::language::Locale::fr, event);
                    format!("{:>5}  {when}  {}", event.id, event.title)
                },
            );
        }
        Command::Remove(PlatformItem { platform, id }) => {
            let event = calendar::remove_event(db, &platform, id).await?;
            out.report(
                serde_json::json!({ "id": event.id, "removed": true }),
                format!("Événement {} supprimé : {}", event.id, event.title),
            );
        }
    }
    Ok(())
}
