//! `cartable export --parent EMAIL` and `cartable erase --parent EMAIL`: a parent's right to their
//! data and to be forgotten (GDPR articles 15, 17 and 20), run by the school.
use super::output::Output;
use crate::server::{clock::Clock, personal_data};
use anyhow::Context;
use sea_orm::DatabaseConnection;
use serde_json::Value;
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct ExportArgs {
    /// The parent's e-mail address.
    #[arg(long)]
    parent: String,
    /// The folder the JSON file and the readable page are written to.
    #[arg(long, default_value = ".")]
    to: PathBuf,
}

#[derive(clap::Args)]
pub struct EraseArgs {
    /// The parent's e-mail address.
    #[arg(long)]
    parent: String,
}

pub async fn export(db: &DatabaseConnection, out: Output, args: ExportArgs) -> anyhow::Result<()> {
    let account = personal_data::parent_by_email(db, &args.parent)
        .await?
        .with_context(|| format!("aucun parent n'a l'adresse {}", args.parent))?;
    let export = personal_data::export(db, &account, Clock::default().now()).await?;
    let value = serde_json::to_value(&export)?;
    std::fs::create_dir_all(&args.to)?;
    let json = args.to.join(format!("donnees-parent-{}.json", account.id));
    let page = args.to.join(format!("donnees-parent-{}.html", account.id));
    std::fs::write(&json, serde_json::to_string_pretty(&value)?)?;
    std::fs::write(&page, readable(&args.parent, &value))?;
    out.report(
        serde_json::json!({ "json": json, "page": page }),
        format!("Données écrites : {} et {}", json.display(), page.display()),
    );
    Ok(())
}

pub async fn erase(db: &DatabaseConnection, out: Output, args: EraseArgs) -> anyhow::Result<()> {
    let account = personal_data::parent_by_email(db, &args.parent)
        .await?
        .with_context(|| format!("aucun parent n'a l'adresse {}", args.parent))?;
    let erased = personal_data::erase(db, &account).await?;
    out.report(
        serde_json::to_value(&erased)?,
        format!(
            "Compte effacé. Places de lettre libérées : {} (imprimez de nouvelles lettres avec \
             `cartable slot reset`). Conversations supprimées : {}.",
            erased.slots_freed, erased.conversations_deleted
        ),
    );
    Ok(())
}

/// The export as a page a parent can read in any browser, offline: each field under its name.
fn readable(email: &str, value: &Value) -> String {
    format!(
        "<!doctype html>\n<html lang=\"fr\"><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>Données de {email}</title>\
         <style>body{{font-family:system-ui,sans-serif;max-width:60rem;margin:1rem auto;padding:0 1rem}}\
         dt{{font-weight:600;margin-top:.5rem}}dd{{margin-left:1rem}}</style>\
         <h1>Données conservées par Cartable pour {email}</h1>{}</html>\n",
        html(value),
        email = escape(email)
    )
}

fn html(value: &Value) -> String {
    match value {
        Value::Object(fields) => {
            let items: String = fields
                .iter()
                .map(|(name, field)| {
                    format!(
                        "<dt>{}</dt><dd>{}</dd>",
                        escape(&name.replace('_', " ")),
                        html(field)
                    )
                })
                .collect();
            format!("<dl>{items}</dl>")
        }
        Value::Array(items) if items.is_empty() => "—".to_owned(),
        Value::Array(items) => {
            let items: String = items
                .iter()
                .map(|item| format!("<li>{}</li>", html(item)))
                .collect();
            format!("<ol>{items}</ol>")
        }
        Value::String(text) => escape(text),
        Value::Null => "—".to_owned(),
        other => escape(&other.to_string()),
    }
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
