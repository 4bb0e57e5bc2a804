//! "Ajouter un enfant": platform, identifier and the letter's password of another child. With
//! JavaScript the form opens in a dialog over the page; without, the link leads to its own page.
//! Either way it posts as a plain form: a refusal comes back with the page, and the dialog opens
//! again with the messages under their fields.
use crate::{
    api::{
        AppError,
        children::{LinkChild, platform_name},
    },
    components::{Field, FormErrors, FormMessage, field_value, island_awake},
    domain::routes,
    i18n::td_string,
    language,
};
use leptos::{html, prelude::*, server_fn::ServerFn};

/// "+ Ajouter des enfants", with the refusal of the last post if there was one.
#[component]
pub fn AddChildLink() -> impl IntoView {
    let refused = FormErrors::refusal(ServerAction::<LinkChild>::new());
    view! { <AddChildDialog refused/> }
}

/// A link to [`routes::ADD_CHILD`] that, once the island is awake, opens the form in a dialog
/// instead, and opens it at once when the page comes back with a refusal.
#[island]
fn AddChildDialog(refused: Option<AppError>) -> impl IntoView {
    let locale = language::current();
    let dialog = NodeRef::<html::Dialog>::new();
    let open = move |ev: leptos::ev::MouseEvent| {
        if let Some(dialog) = dialog.get() {
            ev.prevent_default();
            let _ = dialog.show_modal();
        }
    };
    let reopen = refused.is_some();
    Effect::new(move |_| {
        if let Some(dialog) = dialog.get()
            && reopen
        {
            let _ = dialog.show_modal();
        }
        island_awake();
    });
    view! {
        <a class="add-child" href=routes::ADD_CHILD on:click=open>{td_string!(locale, children.add_link)}</a>
        <dialog node_ref=dialog class="dialog" aria-labelledby="add-child-title">
            <AddChildFields refused/>
            <form method="dialog" class="cancel">
                <button type="submit" class="secondary">{td_string!(locale, children.close)}</button>
            </form>
        </dialog>
    }
}

/// The form on its own page, for browsers without JavaScript.
#[component]
pub fn AddChildForm() -> impl IntoView {
    let refused = FormErrors::refusal(ServerAction::<LinkChild>::new());
    view! { <AddChildOnItsPage refused/> }
}

/// An island so that the platform's name still shows as it is typed.
#[island]
fn AddChildOnItsPage(refused: Option<AppError>) -> impl IntoView {
    Effect::new(move |_| island_awake());
    view! { <AddChildFields refused own_page=true/> }
}

/// The form itself, filled with what was typed before a refusal.
#[component]
fn AddChildFields(refused: Option<AppError>, #[prop(optional)] own_page: bool) -> impl IntoView {
    let locale = language::current();
    let errors = FormErrors::refused(refused);
    // The ✓ and the school's name, as soon as the typed code matches a platform. Effects run only
    // in the browser, so the server renders the form without waiting on this.
    let code = RwSignal::new(String::new());
    let school = RwSignal::new(None::<String>);
    Effect::new(move |_| code.set(field_value("platform")));
    Effect::new(move |_| {
        let typed = code.get();
        leptos::task::spawn_local(async move {
            let found = if typed.trim().len() < 2 {
                None
            } else {
                platform_name(typed.clone()).await.ok().flatten()
            };
            // Answers may arrive out of order: keep only the one for what is typed now.
            if code.get_untracked() == typed {
                school.set(found);
            }
        });
    });
    view! {
        // The page's title on its own page; under the page's title in the dialog.
        {if own_page {
            view! { <h1 id="add-child-title">{td_string!(locale, children.add_title)}</h1> }.into_any()
        } else {
            view! { <h2 id="add-child-title">{td_string!(locale, children.add_title)}</h2> }.into_any()
        }}
        <FormMessage message=errors.refused_message()/>
        <form method="post" action=LinkChild::url() class="form" novalidate>
            <Field label=td_string!(locale, children.platform) name="platform" required=true autocomplete="off"
                hint=td_string!(locale, children.platform_hint)
                value=errors.typed("platform", "") error=errors.under("platform")
                on_input=Callback::new(move |text| code.set(text))/>
            {move || school.get().map(|name| view! {
                <p class="field-ok" role="status">"✓ "{name}</p>
            })}
            <Field label=td_string!(locale, children.identifier) name="identifier" required=true autocomplete="off"
                hint=td_string!(locale, children.identifier_hint)
                value=errors.typed("identifier", "") error=errors.under("identifier")/>
            <Field label=td_string!(locale, children.password) name="password" kind="password" required=true autocomplete="off"
                hint=td_string!(locale, children.password_hint)
                error=errors.under("password")/>
            <div class="info" role="note">
                <p><strong>{td_string!(locale, children.divorced_title)}</strong></p>
                <p>{td_string!(locale, children.divorced_text)}</p>
            </div>
            <button type="submit" class="primary">{td_string!(locale, children.save)}</button>
        </form>
    }
}
