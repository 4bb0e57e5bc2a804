//! "Intradesk" for parents: the documents the schools share with them, by folder; only those
//! meant for a child they are linked to (the whole school, or the child's class). Opening one is
//! remembered (`startup::attachments`), so that the school sees who has.
use super::AppResult;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// A document, as the parents' and the staff's pages list it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocumentLine {
    pub id: i32,
    pub title: String,
    pub file_name: String,
    pub size: String,
    pub added: String,
    pub url: String,
    /// For staff: "Toute l'école" or its classes; the parents who opened it; whether it is
    /// theirs to remove.
    pub audience: String,
    pub opened_by: Vec<String>,
    pub removable: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FolderView {
    pub id: i32,
    pub name: String,
    pub documents: Vec<DocumentLine>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IntradeskView {
    pub school: crate::api::brand::SchoolBrand,
    pub folders: Vec<FolderView>,
}

#[cfg(feature = "ssr")]
pub(crate) fn document_line(document: crate::server::intradesk::Document) -> DocumentLine {
    use crate::domain::{messages::readable_size, routes};
    DocumentLine {
        id: document.id,
        url: routes::document(document.id),
        title: document.title,
        file_name: document.file_name,
        size: readable_size(u64::try_from(document.size).unwrap_or(0)),
        added: super::messages::when(document.added_at),
        audience: String::new(),
        opened_by: Vec::new(),
        removable: false,
    }
}

/// Documents grouped under their folders, in the order they come; `folders` first, so that an
/// empty one shows too (the staff's page).
#[cfg(feature = "ssr")]
pub(crate) fn by_folder(
    folders: Vec<(i32, String)>,
    documents: Vec<(i32, String, DocumentLine)>,
) -> Vec<FolderView> {
    let mut grouped: Vec<FolderView> = folders
        .into_iter()
        .map(|(id, name)| FolderView {
            id,
            name,
            documents: Vec::new(),
        })
        .collect();
    for (folder, name, line) in documents {
        match grouped.iter_mut().find(|f| f.id == folder) {
            Some(found) => found.documents.push(line),
            None => grouped.push(FolderView {
                id: folder,
                name,
                documents: vec![line],
            }),
        }
    }
    grouped
}

#[server(prefix = "/api", endpoint = "intradesk")]
pub async fn load_intradesk() -> AppResult<IntradeskView> {
    use crate::server::{intradesk, lookups};
    let (state, session, standing) = super::guard::settled().await?;
    let documents = intradesk::for_parent(&state.db, session.account_id).await?;
    let school = lookups::platform_of(&state.db, &standing.child).await?;
    let lines = documents
        .into_iter()
        .map(|d| (d.folder_id, d.folder_name.clone(), document_line(d)))
        .collect();
    Ok(IntradeskView {
        school: crate::api::brand::SchoolBrand::for_parent(&state.db, school, session.account_id)
            .await?,
        folders: by_folder(Vec::new(), lines),
    })
}
