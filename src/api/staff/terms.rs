//! "Conditions d'utilisation" in the staff area (administrators): the versions with their parents'
//! decisions, and publishing a new one.
use super::StaffFrame;
use crate::api::AppResult;
#[cfg(feature = "ssr")]
use crate::domain::routes;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TermsVersion {
    pub version: i32,
    pub published: String,
    pub postpone_until: Option<String>,
    pub accepted: usize,
    pub postponed: usize,
    pub refused: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StaffTerms {
    pub frame: StaffFrame,
    pub versions: Vec<TermsVersion>,
    /// The text in force, to start the next version from.
    pub current_text: String,
}

#[server(prefix = "/api", endpoint = "staff_terms")]
pub async fn load_staff_terms() -> AppResult<StaffTerms> {
    use crate::{
        domain::calendar,
        language,
        server::{clock::brussels, staff::terms},
    };
    let locale = language::current();
    let (state, caller) = crate::api::guard::staff().await?;
    let versions = terms::versions(&state.db, &caller).await?;
    let current_text = versions
        .first()
        .map(|v| v.terms.body_markdown.clone())
        .unwrap_or_default();
    Ok(StaffTerms {
        frame: super::frame(&state, &caller).await?,
        current_text,
        versions: versions
            .into_iter()
            .map(|v| TermsVersion {
                version: v.terms.version,
                published: calendar::when(
                    locale,
                    brussels(v.terms.published_at).naive_local(),
                    None,
                    false,
                ),
                postpone_until: v
                    .terms
                    .postpone_until
                    .map(|d| calendar::day_month_year(locale, d)),
                accepted: v.accepted,
                postponed: v.postponed,
                refused: v.refused,
            })
            .collect(),
    })
}

/// "Publier": a new version; `postpone_until` (`2026-12-31`) lets parents postpone it until then.
#[server(prefix = "/api", endpoint = "staff_publish_terms")]
pub async fn publish_terms(
    text: String,
    #[server(default)] postpone_until: String,
) -> AppResult<()> {
    use crate::api::{AppError, guard};
    use crate::i18n::td_string;
    let typed = [
        ("text", text.as_str()),
        ("postpone_until", postpone_until.as_str()),
    ];
    let form = |e: AppError| e.for_form("text", &typed);
    guard::plain_text_multiline("text", &text, crate::domain::limits::NEWS_BODY).map_err(form)?;
    if text.trim().is_empty() {
        let locale = crate::language::current();
        return Err(form(AppError::field(
            "text",
            td_string!(locale, staff.text_missing),
        )));
    }
    let deadline = match postpone_until.trim() {
        "" => None,
        day => Some(
            chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d").map_err(|_| {
                form(AppError::field(
                    "postpone_until",
                    td_string!(crate::language::current(), staff.date_invalid),
                ))
            })?,
        ),
    };
    let (state, caller) = guard::staff().await?;
    let published = crate::server::staff::terms::publish(
        &state.db,
        &caller,
        text.replace("\r\n", "\n"),
        deadline,
        state.clock.now(),
    )
    .await
    .map_err(|e| form(e.into()))?;
    let detail = format!("version {}", published.version);
    super::record(
        &state,
        &caller,
        crate::server::audit::Kind::TermsPublished,
        Some(&detail),
    )
    .await?;
    guard::go_to(routes::STAFF_TERMS);
    Ok(())
}
