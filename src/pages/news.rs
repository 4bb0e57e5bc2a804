//! "Actualités": the school's news, newest first, ten a page; and one item on its own page.
use crate::{
    api::news::{NewsArticle, NewsList as NewsListView, NewsSummary, load_news, load_news_item},
    components::{Loaded, MainContent, Section, SiteHeader, route_id},
    domain::routes,
    i18n::td_string,
    language,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// Titles and dates, each a link to its page.
#[component]
pub fn NewsList(items: Vec<NewsSummary>) -> impl IntoView {
    if items.is_empty() {
        let locale = language::current();
        return view! { <p class="empty">{td_string!(locale, school.no_news)}</p> }.into_any();
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
    let locale = language::current();
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
        <Title text=td_string!(locale, school.news_title)/>
        <Loaded data=news let:list>
            <NewsListPage list/>
        </Loaded>
    }
}

#[component]
fn NewsListPage(list: NewsListView) -> impl IntoView {
    let locale = language::current();
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
                <h1>{td_string!(locale, school.news_title)}</h1>
                <NewsList items/>
                {(pages > 1).then(|| view! {
                    <nav class="pager" aria-label=td_string!(locale, school.pager_label)>
                        {(page > 1).then(|| view! { <a href=format!("{}?page={}", routes::NEWS, page - 1) rel="prev">{td_string!(locale, school.newer)}</a> })}
                        <span>{td_string!(locale, school.page_of, page = page, pages = pages)}</span>
                        {(page < pages).then(|| view! { <a href=format!("{}?page={}", routes::NEWS, page + 1) rel="next">{td_string!(locale, school.older)}</a> })}
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
    let locale = language::current();
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
                <p class="link-line"><a href=routes::NEWS>{td_string!(locale, school.all_news)}</a></p>
                <h1>{summary.title}</h1>
                <p class="meta">{td_string!(locale, school.published_on)}<time>{summary.published}</time></p>
                <div class="news-body" inner_html=html></div>
            </article>
        </MainContent>
    }
}
