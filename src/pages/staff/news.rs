//! "Actualités" in the staff area: the school's news (scheduled ones marked), writing one for the
//! whole school or chosen classes, now or at a date, and removing one.
pub use crate::domain::school_class::audience;
use crate::{
    api::staff::news::{PublishNews, RemoveNews, StaffNews, load_staff_news},
    components::{
        Field, FormErrors, FormMessage, Loaded, MainContent, MarkdownEditor, StaffHeader,
        StaffSection,
    },
    domain::limits,
    i18n::td_string,
    language,
};
use leptos::prelude::*;
use leptos_meta::Title;

/// The classes to tick (none: the whole school).
#[component]
pub fn ClassBoxes(
    classes: Vec<String>,
    #[prop(into)] error: Signal<Option<String>>,
    /// The classes ticked before a refused post, comma-separated.
    #[prop(into)]
    ticked: Signal<String>,
) -> impl IntoView {
    let locale = language::current();
    view! {
        <fieldset class="classes" class:invalid=move || error.get().is_some()>
            <legend>{td_string!(locale, staff.audience)}</legend>
            <p class="hint">{td_string!(locale, staff.audience_hint)}</p>
            <div class="field-message" aria-live="polite">
                {move || error.get().map(|m| view! { <p class="field-error">{m}</p> })}
            </div>
            {classes.into_iter().enumerate().map(|(index, class)| {
                let id = format!("class-{class}");
                let label_for = id.clone();
                view! {
                    <label for=label_for class="checkbox">
                        <input type="checkbox" id=id name=format!("classes[{index}]") value=class.clone()
                            checked=ticked.get_untracked().split(',').any(|t| t == class)/>
                        {class.clone()}
                    </label>
                }
            }).collect_view()}
        </fieldset>
    }
}

#[component]
pub fn StaffNewsPage() -> impl IntoView {
    let locale = language::current();
    let news = Resource::new(|| (), |_| load_staff_news());
    view! {
        <Title text=td_string!(locale, staff.news_title)/>
        <Loaded data=news let:news>
            <NewsView news/>
        </Loaded>
    }
}

#[component]
fn NewsView(news: StaffNews) -> impl IntoView {
    let locale = language::current();
    let publish = ServerAction::<PublishNews>::new();
    let remove = ServerAction::<RemoveNews>::new();
    let errors = FormErrors::of(publish);
    let removal = FormErrors::of(remove);
    view! {
        <StaffHeader frame=news.frame current=StaffSection::News/>
        <MainContent>
            <section class="card">
                <h1>{td_string!(locale, staff.write_news)}</h1>
                <FormMessage message=errors.general()/>
                <ActionForm action=publish attr:class="form" attr:novalidate=true>
                    <Field label=td_string!(locale, staff.title_label) name="title" required=true maxlength=limits::NEWS_TITLE
                        value=errors.typed("title", "") error=errors.under("title")/>
                    <MarkdownEditor
                        initial=errors.typed("body", "").get_untracked()
                        error=errors.under("body").get_untracked()
                    />
                    <ClassBoxes classes=news.classes error=errors.under("classes") ticked=errors.typed("classes", "")/>
                    <Field label=td_string!(locale, staff.publish_at_label) name="publish_at" kind="datetime-local"
                        hint=td_string!(locale, staff.publish_at_hint)
                        value=errors.typed("publish_at", "") error=errors.under("publish_at")/>
                    <button type="submit" class="primary" disabled=move || publish.pending().get()>
                        {td_string!(locale, staff.publish)}
                    </button>
                </ActionForm>
            </section>
            <section class="card">
                <h2>{td_string!(locale, staff.news_title)}</h2>
                <FormMessage message=removal.any()/>
                {if news.items.is_empty() {
                    view! { <p class="empty">{td_string!(locale, staff.no_items)}</p> }.into_any()
                } else {
                    view! {
                        <ul class="staff-list">
                            {news.items.into_iter().map(|item| view! {
                                <li>
                                    <strong>{item.title}</strong>
                                    " · "<time>{item.published}</time>
                                    {item.scheduled.then(|| view! { " ("{td_string!(locale, staff.scheduled)}")" })}
                                    " · "{audience(locale, &item.classes)}
                                    <ActionForm action=remove attr:class="inline-form">
                                        <input type="hidden" name="id" value=item.id/>
                                        <button type="submit" class="link">{td_string!(locale, staff.remove)}</button>
                                    </ActionForm>
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }}
            </section>
        </MainContent>
    }
}
