//! "Mes enfants": every linked child with its school, class and the day it was linked; adding a
//! child; and the password step that closes a new child's link.
use crate::{
    api::{
        auth::SignOut,
        children::{
            ChildCard, ChildrenView, ConfirmLinkPassword, ConfirmLinkView, load_children,
            load_confirm_link,
        },
    },
    components::{
        AddChildForm, AddChildLink, ChildSwitch, Field, FormErrors, FormMessage, Loaded,
        MainContent, Section, SiteHeader,
    },
    domain::routes,
    i18n::td_string,
    language,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn ChildrenPage() -> impl IntoView {
    let locale = language::current();
    let query = use_query_map();
    // `?ajoute=<id>` after a child was linked: read again, and greet the new child.
    let added = move || {
        query
            .read()
            .get("ajoute")
            .and_then(|id| id.parse::<i32>().ok())
    };
    let children = Resource::new(added, |_| load_children());
    view! {
        <Title text=td_string!(locale, children.title)/>
        <Loaded data=children let:view>
            <Children view added=added()/>
        </Loaded>
    }
}

#[component]
fn Children(view: ChildrenView, added: Option<i32>) -> impl IntoView {
    let locale = language::current();
    let ChildrenView { school, children } = view;
    let added = added.and_then(|id| children.iter().find(|child| child.id == id).cloned());
    view! {
        <SiteHeader school current=Section::Children/>
        <MainContent>
            <section class="card children-page">
                <h1>{td_string!(locale, children.title)}</h1>
                {added.map(|child| view! {
                    <p class="field-ok" role="status">{td_string!(
                        locale, children.added, first_name = child.first_name
                    )}</p>
                })}
                <ul class="child-cards">
                    {children.into_iter().map(|child| view! { <ChildRow child/> }).collect_view()}
                </ul>
                <AddChildLink/>
            </section>
        </MainContent>
    }
}

#[component]
fn ChildRow(child: ChildCard) -> impl IntoView {
    let locale = language::current();
    view! {
        <li class="child-card">
            <ChildSwitch id=child.id first_name=child.first_name.clone() selected=child.selected/>
            <dl>
                <dt>{td_string!(locale, children.name)}</dt><dd>{format!("{} {}", child.first_name, child.last_name)}</dd>
                <dt>{td_string!(locale, children.school)}</dt><dd>{child.school}</dd>
                <dt>{td_string!(locale, children.class_name)}</dt><dd>{child.class_name.unwrap_or_else(|| "—".into())}</dd>
                <dt>{td_string!(locale, children.linked_on)}</dt><dd>{child.linked_on.unwrap_or_else(|| "—".into())}</dd>
            </dl>
            {(!child.confirmed).then(|| view! {
                <p class="hint">{td_string!(locale, children.to_finish)}</p>
            })}
        </li>
    }
}

/// The page of the form, for browsers without JavaScript (others open it in a dialog).
#[component]
pub fn AddChildPage() -> impl IntoView {
    let locale = language::current();
    view! {
        <Title text=td_string!(locale, children.add_title)/>
        <MainContent>
            <section class="card narrow">
                <AddChildForm/>
                <p class="link-line"><a href=routes::CHILDREN>{td_string!(locale, children.back)}</a></p>
            </section>
        </MainContent>
    }
}

#[component]
pub fn ConfirmLinkPage() -> impl IntoView {
    let locale = language::current();
    let page = Resource::new(|| (), |_| load_confirm_link());
    view! {
        <Title text=td_string!(locale, children.confirm_title)/>
        <Loaded data=page let:view>
            <ConfirmLinkForm page=view/>
        </Loaded>
    }
}

#[component]
fn ConfirmLinkForm(page: ConfirmLinkView) -> impl IntoView {
    let locale = language::current();
    let confirm = ServerAction::<ConfirmLinkPassword>::new();
    let cancel = ServerAction::<SignOut>::new();
    let errors = FormErrors::of(confirm);
    view! {
        <MainContent>
            <section class="card narrow">
                <h1>{td_string!(locale, children.confirm_title)}</h1>
                <p class="identifier">{td_string!(locale, children.confirm_identifier)}" " <strong>{page.identifier}</strong></p>
                <p>{td_string!(locale, children.confirm_text, first_name = page.first_name)}</p>
                <FormMessage message=errors.general()/>
                <ActionForm action=confirm attr:class="form" attr:novalidate=true>
                    <Field label=td_string!(locale, children.password) name="password" kind="password" required=true
                        autocomplete="current-password"
                        error=errors.under("password")/>
                    <button type="submit" class="primary" disabled=move || confirm.pending().get()>{td_string!(locale, children.save)}</button>
                </ActionForm>
                <ActionForm action=cancel attr:class="cancel">
                    <button type="submit" class="secondary">{td_string!(locale, children.cancel)}</button>
                </ActionForm>
            </section>
        </MainContent>
    }
}
