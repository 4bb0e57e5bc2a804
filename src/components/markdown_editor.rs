//! A news item's text with its live preview: what parents will read appears beside the Markdown as
//! staff type, rendered and sanitised by the server (the same code that renders it for parents, so
//! the preview cannot differ). Without JavaScript the field posts as a plain textarea.
use crate::{api::staff::news::preview_news, components::island_awake, i18n::td_string, language};
use leptos::prelude::*;
use std::time::Duration;

/// Waits this long after the last keystroke before asking for a preview.
const QUIET: Duration = Duration::from_millis(300);

#[island]
pub fn MarkdownEditor(initial: String, error: Option<String>) -> impl IntoView {
    let locale = language::current();
    let invalid = error.is_some();
    let html = RwSignal::new(String::new());
    let typed_at = RwSignal::new(0u32);
    let preview = Action::new(|body: &String| {
        let body = body.clone();
        async move { preview_news(body).await }
    });
    Effect::new(move |_| {
        if let Some(Ok(rendered)) = preview.value().get() {
            html.set(rendered);
        }
    });
    Effect::new(move |_| island_awake());
    let on_input = move |ev| {
        let body = event_target_value(&ev);
        let keystroke = typed_at.get_untracked().wrapping_add(1);
        typed_at.set(keystroke);
        set_timeout(
            move || {
                if typed_at.get_untracked() == keystroke {
                    preview.dispatch(body);
                }
            },
            QUIET,
        );
    };
    view! {
        <div class="field" class:invalid=invalid>
            <label for="body">{td_string!(locale, staff.body_label)}</label>
            <p class="hint" id="body-hint">{td_string!(locale, staff.body_hint)}</p>
            <textarea id="body" name="body" rows="8" aria-describedby="body-hint" on:input=on_input>{initial}</textarea>
            <div class="field-message" aria-live="polite">
                {error.map(|m| view! { <p class="field-error">{m}</p> })}
            </div>
        </div>
        <div class="markdown-preview" aria-live="polite">
            <p class="hint">{td_string!(locale, staff.preview_label)}</p>
            <div class="news-body" inner_html=move || html.get()></div>
        </div>
    }
}
