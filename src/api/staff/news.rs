//! "Actualités" in the staff area: the school's news with who they are for, writing one (Markdown,
//! for the whole school or chosen classes, now or at a date) and removing one.
use super::StaffFrame;
use crate::api::AppResult;
#[cfg(feature = "ssr")]
use crate::domain::routes;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StaffNewsItem {
    pub id: i32,
    pub title: String,
    pub published: String,
    pub scheduled: bool,
    /// Empty: the whole school.
    pub classes: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StaffNews {
    pub frame: StaffFrame,
    pub classes: Vec<String>,
    pub items: Vec<StaffNewsItem>,
}

#[server(prefix = "/api", endpoint = "staff_news")]
pub async fn load_staff_news() -> AppResult<StaffNews> {
    use crate::{
        domain::calendar,
        language,
        server::{
            clock::brussels,
            staff::{news, students},
        },
    };
    let locale = language::current();
    let (state, caller) = crate::api::guard::staff().await?;
    let now = state.clock.now();
    let items = news::list(&state.db, &caller)
        .await?
        .into_iter()
        .map(|(item, classes)| StaffNewsItem {
            id: item.id,
            title: item.title,
            published: calendar::when(
                locale,
                brussels(item.published_at).naive_local(),
                None,
                false,
            ),
            scheduled: item.published_at > now,
            classes,
        })
        .collect();
    Ok(StaffNews {
        frame: super::frame(&state, &caller).await?,
        classes: students::classes(&state.db, &caller).await?,
        items,
    })
}

/// The Markdown of a draft as parents will read it (sanitised HTML), for the live preview.
#[server(prefix = "/api", endpoint = "staff_news_preview")]
pub async fn preview_news(body: String) -> AppResult<String> {
    crate::api::guard::plain_text_multiline("body", &body, crate::domain::limits::NEWS_BODY)?;
    crate::api::guard::staff().await?;
    Ok(crate::server::markdown::to_safe_html(&body))
}

/// "Publier": a news item for the whole school (no class ticked; administrators) or the classes
/// ticked (`classes[0]=3B`), now or at `publish_at` (Brussels time, `2026-12-01T08:00`).
#[server(prefix = "/api", endpoint = "staff_publish_news")]
pub async fn publish_news(
    title: String,
    body: String,
    #[server(default)] classes: Vec<String>,
    #[server(default)] publish_at: String,
) -> AppResult<()> {
    use crate::api::{AppError, guard};
    use crate::server::{audit::Kind, clock, staff::news};
    let ticked = classes.join(",");
    let typed = [
        ("title", title.as_str()),
        ("body", body.as_str()),
        ("publish_at", publish_at.as_str()),
        ("classes", ticked.as_str()),
    ];
    let form = |e: AppError| e.for_form("title", &typed);
    guard::plain_text("title", &title, crate::domain::limits::NEWS_TITLE).map_err(form)?;
    guard::plain_text_multiline("body", &body, crate::domain::limits::NEWS_BODY).map_err(form)?;
    let published_at = match publish_at.trim() {
        "" => None,
        typed_date => Some(
            chrono::NaiveDateTime::parse_from_str(typed_date, "%Y-%m-%dT%H:%M")
                .ok()
                .and_then(clock::from_brussels)
                .ok_or_else(|| {
                    form(AppError::field(
                        "publish_at",
                        crate::i18n::td_string!(crate::language::current(), staff.date_invalid),
                    ))
                })?,
        ),
    };
    let (state, caller) = guard::staff().await?;
    let audience = super::audience(&state, &caller, classes)
        .await
        .map_err(form)?;
    let draft = news::Draft {
        title: title.clone(),
        body_markdown: body.replace("\r\n", "\n"),
        classes: audience,
        published_at,
    };
    let item = news::publish(&state.db, &caller, draft, state.clock.now())
        .await
        .map_err(|e| form(e.into()))?;
    super::record(&state, &caller, Kind::NewsPublished, Some(&item.title)).await?;
    guard::go_to(routes::STAFF_NEWS);
    Ok(())
}

#[server(prefix = "/api", endpoint = "staff_remove_news")]
pub async fn remove_news(id: i32) -> AppResult<()> {
    use crate::api::guard;
    use crate::server::{audit::Kind, staff::news};
    let (state, caller) = guard::staff().await?;
    let removed = news::remove(&state.db, &caller, id).await?;
    super::record(&state, &caller, Kind::NewsRemoved, Some(&removed.title)).await?;
    guard::go_to(routes::STAFF_NEWS);
    Ok(())
}
