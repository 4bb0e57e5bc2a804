//! "Intradesk" on the school's side: folders, documents shared with the whole school or chosen
//! classes (a teacher only with their own), who among the parents has opened each, and removing.
//! Every change is written to the school's journal.
use super::StaffFrame;
use crate::api::{AppResult, intradesk::FolderView};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StaffIntradesk {
    pub frame: StaffFrame,
    /// Every folder, empty ones too, with its documents.
    pub folders: Vec<FolderView>,
    /// The classes a document may be for (the caller's own, for a teacher).
    pub classes: Vec<String>,
}

#[server(prefix = "/api", endpoint = "staff_intradesk")]
pub async fn load_staff_intradesk() -> AppResult<StaffIntradesk> {
    use crate::{
        api::intradesk::{by_folder, document_line},
        domain::school_class::audience,
        server::intradesk,
    };
    let locale = crate::language::current();
    let (state, caller) = crate::api::guard::staff().await?;
    let folders = intradesk::folders(&state.db, &caller).await?;
    let shared = intradesk::for_staff(&state.db, &caller).await?;
    let lines = shared
        .into_iter()
        .map(|shared| {
            let document = shared.document;
            let (folder, name) = (document.folder_id, document.folder_name.clone());
            let line = crate::api::intradesk::DocumentLine {
                audience: audience(locale, &shared.classes),
                opened_by: shared.opened_by,
                removable: shared.removable,
                ..document_line(document)
            };
            (folder, name, line)
        })
        .collect();
    let classes = crate::server::staff::students::classes(&state.db, &caller).await?;
    Ok(StaffIntradesk {
        frame: super::frame(&state, &caller).await?,
        folders: by_folder(folders.into_iter().map(|f| (f.id, f.name)).collect(), lines),
        classes,
    })
}

/// "Créer le dossier".
#[server(prefix = "/api", endpoint = "staff_add_folder")]
pub async fn add_folder(name: String) -> AppResult<()> {
    use crate::{
        api::{AppError, guard},
        domain::{intradesk::FOLDER_NAME, routes},
        i18n::td_string,
        server::{audit::Kind, intradesk},
    };
    let locale = crate::language::current();
    let form = |e: AppError| e.for_form("name", &[("name", name.as_str())]);
    guard::plain_text("name", &name, FOLDER_NAME).map_err(form)?;
    let name = name.trim();
    if name.is_empty() {
        let message = td_string!(locale, intradesk.folder_missing);
        return Err(form(AppError::field("name", message)));
    }
    let (state, caller) = guard::staff().await?;
    let added = intradesk::add_folder(&state.db, &caller, name, state.clock.now()).await?;
    if added.is_none() {
        let message = td_string!(locale, intradesk.folder_exists);
        return Err(form(AppError::field("name", message)));
    }
    super::record(&state, &caller, Kind::FolderChanged, Some(name)).await?;
    guard::go_to(routes::STAFF_INTRADESK);
    Ok(())
}

/// "Supprimer le dossier" (administrators), with its documents.
#[server(prefix = "/api", endpoint = "staff_remove_folder")]
pub async fn remove_folder(id: i32) -> AppResult<()> {
    use crate::{
        api::guard,
        domain::routes,
        server::{audit::Kind, intradesk},
    };
    let (state, caller) = guard::staff().await?;
    let removed = intradesk::remove_folder(&state.db, &caller, id).await?;
    super::record(&state, &caller, Kind::FolderChanged, Some(&removed.name)).await?;
    guard::go_to(routes::STAFF_INTRADESK);
    Ok(())
}

/// "Partager", posted as `multipart/form-data` (fields `folder`, `title`, `classes[i]`, and one
/// file `files`).
#[server(prefix = "/api", endpoint = "staff_share_document", input = leptos::server_fn::codec::MultipartFormData)]
pub async fn share_document(data: leptos::server_fn::codec::MultipartData) -> AppResult<()> {
    use crate::{
        api::{
            AppError, guard,
            uploads::{Accepted, read_accepting},
        },
        domain::{intradesk::TITLE, routes},
        i18n::td_string,
        server::{audit::Kind, intradesk},
    };
    const KEPT: &[&str] = &["folder", "title"];
    let locale = crate::language::current();
    let (state, caller) = guard::staff().await?;
    let form = read_accepting(data, Accepted::Documents).await?;
    let refuse = |e: AppError| form.refuse_at("title", e, KEPT);
    let title = form.text("title");
    guard::plain_text("title", &title, TITLE).map_err(refuse)?;
    let folder: i32 = form
        .text("folder")
        .parse()
        .map_err(|_| AppError::Forbidden)?;
    let classes = super::audience(&state, &caller, form.list("classes"))
        .await
        .map_err(refuse)?;
    let mut errors = Vec::new();
    if title.trim().is_empty() {
        let message = td_string!(locale, intradesk.title_missing);
        errors.push(crate::domain::profile::FieldError::new("title", message));
    }
    match (&form.refused_file, form.files.len()) {
        (Some(message), _) => {
            errors.push(crate::domain::profile::FieldError::new("files", message))
        }
        (None, 1) => {}
        (None, 0) => {
            let message = td_string!(locale, intradesk.file_missing);
            errors.push(crate::domain::profile::FieldError::new("files", message));
        }
        (None, _) => {
            let message = td_string!(locale, intradesk.one_file);
            errors.push(crate::domain::profile::FieldError::new("files", message));
        }
    }
    if !errors.is_empty() {
        let typed = Vec::new();
        return Err(refuse(AppError::Invalid { errors, typed }));
    }
    let new = intradesk::NewDocument {
        folder,
        title: &title,
        classes: &classes,
        file: &form.files[0],
    };
    intradesk::add_document(&state.db, &caller, new, state.clock.now()).await?;
    let detail = format!("{} ({})", title.trim(), classes.join(", "));
    super::record(&state, &caller, Kind::DocumentShared, Some(&detail)).await?;
    guard::go_to(routes::STAFF_INTRADESK);
    Ok(())
}

/// "Retirer" a document.
#[server(prefix = "/api", endpoint = "staff_remove_document")]
pub async fn remove_document(id: i32) -> AppResult<()> {
    use crate::{
        api::guard,
        domain::routes,
        server::{audit::Kind, intradesk},
    };
    let (state, caller) = guard::staff().await?;
    let title = intradesk::remove_document(&state.db, &caller, id).await?;
    super::record(&state, &caller, Kind::DocumentRemoved, Some(&title)).await?;
    guard::go_to(routes::STAFF_INTRADESK);
    Ok(())
}
