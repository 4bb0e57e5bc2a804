//! `cartable news add | list | remove`: the school's news.
use super::output::{OnPlatform, Output, PlatformItem, brussels_minute, parse_time};
use crate::server::news;
use sea_orm::DatabaseConnection;

#[derive(clap::Subcommand)]
pub enum Command {
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
    List(OnPlatform),
    Remove(PlatformItem),
}

pub async fn run(db: &DatabaseConnection, out: Output, command: Command) -> anyhow::Result<()> {
    match command {
        Command::Add {
            platform,
            title,
            body,
            published_at,
        } => {
            let at = published_at.as_deref().map(parse_time).transpose()?;
            let item = news::add(db, &platform, &title, &body, at).await?;
            out.report(
                serde_json::json!({ "id": item.id, "title": item.title }),
                format!("Actualité {} publiée : {}", item.id, item.title),
            );
        }
        Command::List(OnPlatform { platform }) => {
            out.list(
                &news::list_all(db, &platform).await?,
                |item| serde_json::json!({ "id": item.id, "title": item.title, "published_at": item.published_at }),
                |item| {
                    let at = brussels_minute(item.published_at);
                    format!("{:>5}  {at}  {}", item.id, item.title)
                },
            );
        }
        Command::Remove(PlatformItem { platform, id }) => {
            let item = news::remove(db, &platform, id).await?;
            out.report(
                serde_json::json!({ "id": item.id, "removed": true }),
                format!("Actualité {} supprimée : {}", item.id, item.title),
            );
        }
    }
    Ok(())
}
