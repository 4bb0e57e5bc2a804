//! "Actualités": the school's news, newest first, ten a page; and one item on its own page.
use crate::{
    api::news::{NewsArticle, NewsList as NewsListView, NewsSummary, load_news, load_news_item},
    components::{Loaded, MainContent, Section, SiteHeader, route_id},
    domain::routes,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// Titles and dates, each a link to its page.
#[component]
pub fn NewsList(items: Vec<NewsSummary>) -> impl IntoView {
    if items.is_empty() {
        return view! { <p class="empty">"Aucune actualité pour le moment."</p> }.into_any();
    }
    view! {
        <ul class="news-list">
            {items.into_iter().map(|item| view! {
                <li>
                    <a class="news-title" href=routes::news_item(item.id)>{item.title}</a>
                    <time>{item.published}</time>
                </li>
            }).collect_view()}
        </ul>
    }
    .into_any()
}

#[component]
pub fn NewsPage() -> impl IntoView {
    let query = use_query_map();
    let page = move || {
        query
            .read()
            .get("page")
            .and_then(|page| page.parse().ok())
            .unwrap_or(1)
    };
    let news = Resource::new(page, load_news);
    view! {
        <Title text="Actualités"/>
        <Loaded data=news let:list>
            <NewsListPage list/>
        </Loaded>
    }
}

#[component]
fn NewsListPage(list: NewsListView) -> impl IntoView {
    let NewsListView {
        school,
        items,
        page,
        pages,
    } = list;
    view! {
        <SiteHeader school current=Section::News/>
        <MainContent>
            <section class="card news">
                <h1>"Actualités"</h1>
                <NewsList items/>
                {(pages > 1).then(|| view! {
                    <nav class="pager" aria-label="Pages des actualités">
                        {(page > 1).then(|| view! { <a href=format!("{}?page={}", routes::NEWS, page - 1) rel="prev">"‹ Plus récentes"</a> })}
                        <span>{format!("Page {page} sur {pages}")}</span>
                        {(page < pages).then(|| view! { <a href=format!("{}?page={}", routes::NEWS, page + 1) rel="next">"Plus anciennes ›"</a> })}
                    </nav>
                })}
            </section>
        </MainContent>
    }
}

#[component]
pub fn NewsItemPage() -> impl IntoView {
    let id = route_id();
    let item = Resource::new(id, load_news_item);
    view! {
        <Loaded data=item let:article>
            <Article article/>
        </Loaded>
    }
}

#[component]
fn Article(article: NewsArticle) -> impl IntoView {
    let NewsArticle {
        school,
        summary,
        html,
    } = article;
    view! {
        <Title text=summary.title.clone()/>
        <SiteHeader school current=Section::News/>
        <MainContent>
            <article class="card article">
                <p class="link-line"><a href=routes::NEWS>"‹ Toutes les actualités"</a></p>
                <h1>{summary.title}</h1>
                <p class="meta">"Publiée le "<time>{summary.published}</time></p>
                <div class="news-body" inner_html=html></div>
            </article>
        </MainContent>
    }
}
