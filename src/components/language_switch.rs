//! The four languages, on every page: plain links (`/nl/connexion`) that work without JavaScript.
//! The server remembers the choice in a cookie, and in the account of a signed-in parent, then
//! comes back to the same page (`startup::language`).
use crate::{i18n::td_string, language};
use leptos::prelude::*;
use leptos_router::hooks::use_location;

#[component]
pub fn LanguageSwitch() -> impl IntoView {
    let current = language::current();
    let location = use_location();
    // The page itself, without a refused form's messages (they belong to the post, not the page).
    let here = {
        let mut query = location.query.get_untracked();
        query.remove("__err");
        query.remove("__path");
        format!(
            "{}{}",
            location.pathname.get_untracked(),
            query.to_query_string()
        )
    };
    let links = language::ALL.map(|locale| {
        let tag = language::tag(locale);
        let href = format!("/{tag}{here}");
        let is_current = locale == current;
        view! {
            <li>
                <a href=href hreflang=tag lang=tag aria-current=is_current.then_some("true")>
                    {language::native_name(locale)}
                </a>
            </li>
        }
    });
    view! {
        <nav class="language-switch" aria-label=td_string!(current, common.languages)>
            <ul>{links}</ul>
        </nav>
    }
}
