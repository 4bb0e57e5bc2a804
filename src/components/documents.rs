//! A folder's documents, as parents and staff read them: the title (a download), the file and its
//! size, when it was shared; for staff also who it is for, who has opened it, and "Retirer".
use crate::{
    api::{intradesk::DocumentLine, staff::intradesk::RemoveDocument},
    i18n::td_string,
    language,
};
use leptos::prelude::*;

#[component]
pub fn DocumentList(
    documents: Vec<DocumentLine>,
    /// Staff: the action that removes a document they manage, and the openers shown.
    #[prop(optional)]
    remove: Option<ServerAction<RemoveDocument>>,
) -> impl IntoView {
    let locale = language::current();
    if documents.is_empty() {
        return view! { <p class="empty">{td_string!(locale, intradesk.folder_empty)}</p> }
            .into_any();
    }
    view! {
        <ul class="documents">
            {documents.into_iter().map(|document| {
                let opened = document.opened_by.len();
                view! {
                    <li>
                        <a href=document.url download=document.file_name.clone()>{document.title}</a>
                        <span class="hint">" "{document.file_name}" ("{document.size}") · "{document.added}</span>
                        {remove.map(|action| view! {
                            <p class="hint">{document.audience}</p>
                            <details class="opened">
                                <summary>{td_string!(locale, intradesk.opened_by, count = opened)}</summary>
                                <ul>{document.opened_by.into_iter().map(|name| view! { <li>{name}</li> }).collect_view()}</ul>
                            </details>
                            {document.removable.then(|| view! {
                                <ActionForm action=action>
                                    <input type="hidden" name="id" value=document.id.to_string()/>
                                    <button type="submit" class="link">{td_string!(locale, intradesk.remove)}</button>
                                </ActionForm>
                            })}
                        })}
                    </li>
                }
            }).collect_view()}
        </ul>
    }
    .into_any()
}
