//! "Intradesk" on the school's side: a new folder, a document shared with the whole school or
//! chosen classes (a plain `multipart/form-data` form, with or without JavaScript), and each
//! folder's documents with who has opened them.
use super::news::ClassBoxes;
use crate::{
    api::staff::intradesk::{
        AddFolder, RemoveDocument, RemoveFolder, ShareDocument, StaffIntradesk,
        load_staff_intradesk,
    },
    components::{
        DocumentList, Field, FileField, FormErrors, FormMessage, Loaded, MainContent, StaffHeader,
        StaffSection,
    },
    domain::{
        intradesk::{DOCUMENT_EXTENSIONS, FOLDER_NAME, TITLE},
        messages::ATTACHMENT_BYTES,
    },
    i18n::td_string,
    language,
};
use leptos::{prelude::*, server_fn::ServerFn};
use leptos_meta::Title;

#[component]
pub fn StaffIntradeskPage() -> impl IntoView {
    let locale = language::current();
    let intradesk = Resource::new(|| (), |_| load_staff_intradesk());
    view! {
        <Title text=td_string!(locale, intradesk.title)/>
        <Loaded data=intradesk let:intradesk>
            <IntradeskView intradesk/>
        </Loaded>
    }
}

#[component]
fn IntradeskView(intradesk: StaffIntradesk) -> impl IntoView {
    let locale = language::current();
    let add_folder = ServerAction::<AddFolder>::new();
    let remove_folder = ServerAction::<RemoveFolder>::new();
    let remove = ServerAction::<RemoveDocument>::new();
    let folder_errors = FormErrors::of(add_folder);
    let removal = FormErrors::of(remove).or(FormErrors::of(remove_folder));
    let admin = intradesk.frame.admin;
    let folders: Vec<(i32, String)> = intradesk
        .folders
        .iter()
        .map(|f| (f.id, f.name.clone()))
        .collect();
    view! {
        <StaffHeader frame=intradesk.frame current=StaffSection::Intradesk/>
        <MainContent>
            <section class="card">
                <h1>{td_string!(locale, intradesk.title)}</h1>
                <p class="hint">{td_string!(locale, intradesk.staff_intro)}</p>
                <FormMessage message=removal.any()/>
                {(!folders.is_empty()).then(|| view! {
                    <ShareForm folders=folders.clone() classes=intradesk.classes/>
                })}
                <h2>{td_string!(locale, intradesk.new_folder)}</h2>
                <ActionForm action=add_folder attr:class="form" attr:novalidate=true>
                    <FormMessage message=folder_errors.general()/>
                    <Field label=td_string!(locale, intradesk.folder_label) name="name" required=true maxlength=FOLDER_NAME
                        value=folder_errors.typed("name", String::new()) error=folder_errors.under("name")/>
                    <button type="submit">{td_string!(locale, intradesk.add_folder)}</button>
                </ActionForm>
            </section>
            {intradesk.folders.into_iter().map(|folder| view! {
                <section class="card folder">
                    <h2>{folder.name}</h2>
                    <DocumentList documents=folder.documents remove/>
                    {admin.then(|| view! {
                        <ActionForm action=remove_folder>
                            <input type="hidden" name="id" value=folder.id.to_string()/>
                            <button type="submit" class="link">{td_string!(locale, intradesk.remove_folder)}</button>
                        </ActionForm>
                    })}
                </section>
            }).collect_view()}
        </MainContent>
    }
}

#[component]
fn ShareForm(folders: Vec<(i32, String)>, classes: Vec<String>) -> impl IntoView {
    let locale = language::current();
    let errors = FormErrors::of_plain_form(ShareDocument::url());
    let chosen = errors.typed("folder", String::new()).get_untracked();
    view! {
        <h2>{td_string!(locale, intradesk.share_title)}</h2>
        <FormMessage message=errors.general()/>
        <form class="form" method="post" action=ShareDocument::url() enctype="multipart/form-data" novalidate=true>
            <div class="field">
                <label for="folder">{td_string!(locale, intradesk.folder_label)}</label>
                <select id="folder" name="folder">
                    {folders.into_iter().map(|(id, name)| {
                        let selected = id.to_string() == chosen;
                        view! { <option value=id.to_string() selected=selected>{name}</option> }
                    }).collect_view()}
                </select>
            </div>
            <Field label=td_string!(locale, intradesk.title_label) name="title" required=true maxlength=TITLE
                value=errors.typed("title", String::new()) error=errors.under("title")/>
            <ClassBoxes classes error=errors.under("classes") ticked=errors.typed("classes", "")/>
            <FileField errors label=td_string!(locale, intradesk.file_label) accept=DOCUMENT_EXTENSIONS.to_owned()
                hint=td_string!(locale, intradesk.file_hint, mb = ATTACHMENT_BYTES / 1024 / 1024).to_string()/>
            <button type="submit" class="primary">{td_string!(locale, intradesk.share)}</button>
        </form>
    }
}
