//! "Actualités": the school's news of the selected child, by pages, and one item at a time.
use super::AppResult;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewsSummary {
    pub id: i32,
    pub title: String,
    /// Brussels time, "2020-11-17 11:45" as the seed shows it.
    pub published: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewsList {
    pub school: crate::api::brand::SchoolBrand,
    pub items: Vec<NewsSummary>,
    /// From 1.
    pub page: u64,
    pub pages: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewsArticle {
    pub school: crate::api::brand::SchoolBrand,
    pub summary: NewsSummary,
    /// The school's Markdown, rendered and sanitised on the server.
    pub html: String,
}

#[cfg(feature = "ssr")]
pub(crate) fn summary(item: &crate::server::entities::news::Model) -> NewsSummary {
    // "lundi 30 novembre 2026, 14:05", in the parent's language, at the school's time.
    let published = crate::server::clock::brussels(item.published_at).naive_local();
    let locale = crate::language::current();
    NewsSummary {
        id: item.id,
        title: item.title.clone(),
        published: crate::domain::calendar::when(locale, published, None, false),
    }
}

#[server(prefix = "/api", endpoint = "news")]
pub async fn load_news(#[server(default)] page: u64) -> AppResult<NewsList> {
    use crate::server::{lookups, news};
    let (state, _, standing) = super::guard::settled().await?;
    let school = lookups::platform_of(&state.db, &standing.child).await?;
    let page = news::page(
        &state.db,
        school.id,
        standing.child.class_name.as_deref(),
        state.clock.now(),
        page,
    )
    .await?;
    Ok(NewsList {
        school: crate::api::brand::SchoolBrand::for_parent(&state.db, school, standing.account.id)
            .await?,
        items: page.items.iter().map(summary).collect(),
        page: page.number,
        pages: page.count,
    })
}

#[server(prefix = "/api", endpoint = "news_item")]
pub async fn load_news_item(id: i32) -> AppResult<NewsArticle> {
    use crate::{
        i18n::td_string,
        language,
        server::{lookups, markdown, news},
    };
    let locale = language::current();
    let (state, _, standing) = super::guard::settled().await?;
    let school = lookups::platform_of(&state.db, &standing.child).await?;
    // The same answer for an unknown item and for another school's.
    let item = news::item(
        &state.db,
        school.id,
        standing.child.class_name.as_deref(),
        state.clock.now(),
        id,
    )
    .await?
    .ok_or_else(|| super::AppError::Refused(td_string!(locale, school.news_not_found).into()))?;
    Ok(NewsArticle {
        school: crate::api::brand::SchoolBrand::for_parent(&state.db, school, standing.account.id)
            .await?,
        summary: summary(&item),
        html: markdown::to_safe_html(&item.body_markdown),
    })
}
