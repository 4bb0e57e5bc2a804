//! Intradesk: the documents a school shares with its families, in folders. A document is for the
//! whole school or chosen classes; a parent sees those meant for a child they are (confirmed)
//! linked to, and opening one is remembered, so that staff see who has opened each. Staff of the
//! school manage the folders; a teacher adds and removes documents for their own classes only, as
//! with news. Every read and write checks the school, whatever id is sent.
use super::{
    db::{statement, write_transaction},
    entities::{
        attachment, intradesk_document, intradesk_document_class, intradesk_folder, intradesk_open,
    },
    error::{ServiceError, ServiceResult},
    messages::{Download, store_files},
    staff::{Caller, access},
};
use crate::domain::messages::Attachment;
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    FromQueryResult, QueryFilter, QueryOrder, Set,
};
use std::collections::HashMap;

/// A folder of the caller's school; another school's is the same refusal as none.
async fn folder_of(
    db: &impl ConnectionTrait,
    caller: &Caller,
    id: i32,
) -> ServiceResult<intradesk_folder::Model> {
    intradesk_folder::Entity::find_by_id(id)
        .filter(intradesk_folder::Column::PlatformId.eq(caller.platform_id))
        .one(db)
        .await?
        .ok_or(ServiceError::Forbidden)
}

/// The school's folders, by name.
pub async fn folders(
    db: &impl ConnectionTrait,
    caller: &Caller,
) -> ServiceResult<Vec<intradesk_folder::Model>> {
    Ok(intradesk_folder::Entity::find()
        .filter(intradesk_folder::Column::PlatformId.eq(caller.platform_id))
        .order_by_asc(intradesk_folder::Column::Name)
        .all(db)
        .await?)
}

/// "Nouveau dossier". `None` when the school already has a folder of that name.
pub async fn add_folder(
    db: &DatabaseConnection,
    caller: &Caller,
    name: &str,
    now: DateTime<Utc>,
) -> ServiceResult<Option<i32>> {
    let exists = intradesk_folder::Entity::find()
        .filter(intradesk_folder::Column::PlatformId.eq(caller.platform_id))
        .filter(intradesk_folder::Column::Name.eq(name))
        .one(db)
        .await?;
    if exists.is_some() {
        return Ok(None);
    }
    let folder = intradesk_folder::ActiveModel {
        platform_id: Set(caller.platform_id),
        name: Set(name.to_owned()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(Some(folder.id))
}

/// Removes a folder with its documents (administrators).
pub async fn remove_folder(
    db: &DatabaseConnection,
    caller: &Caller,
    id: i32,
) -> ServiceResult<intradesk_folder::Model> {
    caller.require_admin()?;
    let folder = folder_of(db, caller, id).await?;
    let txn = write_transaction(db).await?;
    // The files go with their documents (deleting a file deletes its document).
    let files = "DELETE FROM attachments WHERE id IN \
                 (SELECT attachment_id FROM intradesk_documents WHERE folder_id = ?)";
    let query = statement(db.get_database_backend(), files, vec![folder.id.into()]);
    txn.execute_raw(query).await?;
    intradesk_folder::Entity::delete_by_id(folder.id)
        .exec(&txn)
        .await?;
    txn.commit().await?;
    Ok(folder)
}

/// A document to add.
pub struct NewDocument<'a> {
    pub folder: i32,
    pub title: &'a str,
    /// None: the whole school (administrators).
    pub classes: &'a [String],
    pub file: &'a Attachment,
}

/// "Ajouter": the document, its classes and its file, in one transaction.
pub async fn add_document(
    db: &DatabaseConnection,
    caller: &Caller,
    new: NewDocument<'_>,
    now: DateTime<Utc>,
) -> ServiceResult<i32> {
    access::require_classes(db, caller, new.classes).await?;
    let folder = folder_of(db, caller, new.folder).await?;
    let txn = write_transaction(db).await?;
    let stored = store_files(&txn, std::slice::from_ref(new.file), now).await?;
    let document = intradesk_document::ActiveModel {
        folder_id: Set(folder.id),
        attachment_id: Set(stored[0]),
        title: Set(new.title.trim().to_owned()),
        added_by: Set(Some(caller.staff_id)),
        added_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    if !new.classes.is_empty() {
        let rows = new
            .classes
            .iter()
            .map(|class| intradesk_document_class::ActiveModel {
                document_id: Set(document.id),
                class_name: Set(class.clone()),
            });
        intradesk_document_class::Entity::insert_many(rows)
            .exec(&txn)
            .await?;
    }
    txn.commit().await?;
    Ok(document.id)
}

/// One document as the lists show it.
#[derive(Debug, Clone, FromQueryResult)]
pub struct Document {
    pub id: i32,
    pub folder_id: i32,
    pub folder_name: String,
    pub title: String,
    pub file_name: String,
    pub size: i32,
    pub added_at: DateTime<Utc>,
}

const DOCUMENTS: &str = "SELECT d.id, d.folder_id, f.name AS folder_name, d.title, a.file_name, \
      a.size, d.added_at FROM intradesk_documents d \
    JOIN intradesk_folders f ON f.id = d.folder_id JOIN attachments a ON a.id = d.attachment_id";

/// What a parent may open: a document of a confirmed child's school, for the whole school or
/// for that child's class.
const MEANT_FOR_PARENT: &str = "EXISTS (SELECT 1 FROM parent_slots l \
      JOIN students s ON s.id = l.student_id \
      WHERE l.account_id = ? AND l.link_confirmed_at IS NOT NULL AND s.platform_id = f.platform_id \
        AND (NOT EXISTS (SELECT 1 FROM intradesk_document_classes c WHERE c.document_id = d.id) \
          OR EXISTS (SELECT 1 FROM intradesk_document_classes c \
            WHERE c.document_id = d.id AND c.class_name = s.class_name)))";

/// The documents meant for the parent's children, by folder, newest first.
pub async fn for_parent(db: &impl ConnectionTrait, account: i32) -> ServiceResult<Vec<Document>> {
    let sql = format!(
        "{DOCUMENTS} WHERE {MEANT_FOR_PARENT} ORDER BY f.name, f.id, d.added_at DESC, d.id DESC"
    );
    let query = statement(db.get_database_backend(), &sql, vec![account.into()]);
    Ok(Document::find_by_statement(query).all(db).await?)
}

/// Opens document `id` for a parent it is meant for, remembering the first time.
pub async fn open(
    db: &impl ConnectionTrait,
    account: i32,
    id: i32,
    now: DateTime<Utc>,
) -> ServiceResult<Download> {
    let sql = format!(
        "SELECT a.file_name, a.content_type, a.bytes FROM intradesk_documents d \
         JOIN intradesk_folders f ON f.id = d.folder_id JOIN attachments a ON a.id = d.attachment_id \
         WHERE d.id = ? AND {MEANT_FOR_PARENT}"
    );
    let query = statement(
        db.get_database_backend(),
        &sql,
        vec![id.into(), account.into()],
    );
    let file = Download::find_by_statement(query)
        .one(db)
        .await?
        .ok_or(ServiceError::Forbidden)?;
    let opened = intradesk_open::ActiveModel {
        document_id: Set(id),
        account_id: Set(account),
        opened_at: Set(now),
    };
    // Only the first open is kept.
    intradesk_open::Entity::insert(opened)
        .on_conflict_do_nothing()
        .exec_without_returning(db)
        .await?;
    Ok(file)
}

/// Document `id`'s file, for the staff of its school.
pub async fn staff_file(
    db: &impl ConnectionTrait,
    caller: &Caller,
    id: i32,
) -> ServiceResult<Download> {
    let sql = "SELECT a.file_name, a.content_type, a.bytes FROM intradesk_documents d \
         JOIN intradesk_folders f ON f.id = d.folder_id JOIN attachments a ON a.id = d.attachment_id \
         WHERE d.id = ? AND f.platform_id = ?";
    let values = vec![id.into(), caller.platform_id.into()];
    let query = statement(db.get_database_backend(), sql, values);
    Download::find_by_statement(query)
        .one(db)
        .await?
        .ok_or(ServiceError::Forbidden)
}

/// A document as staff see it: its classes, and the parents who opened it (by name).
#[derive(Debug, Clone)]
pub struct Shared {
    pub document: Document,
    pub classes: Vec<String>,
    pub opened_by: Vec<String>,
    /// Whether the caller may remove it.
    pub removable: bool,
}

/// The school's documents, with who opened each.
pub async fn for_staff(db: &DatabaseConnection, caller: &Caller) -> ServiceResult<Vec<Shared>> {
    let sql = format!(
        "{DOCUMENTS} WHERE f.platform_id = ? ORDER BY f.name, f.id, d.added_at DESC, d.id DESC"
    );
    let query = statement(
        db.get_database_backend(),
        &sql,
        vec![caller.platform_id.into()],
    );
    let documents = Document::find_by_statement(query).all(db).await?;
    let ids: Vec<i32> = documents.iter().map(|d| d.id).collect();
    let mut classes: HashMap<i32, Vec<String>> = HashMap::new();
    for row in intradesk_document_class::Entity::find()
        .filter(intradesk_document_class::Column::DocumentId.is_in(ids.clone()))
        .order_by_asc(intradesk_document_class::Column::ClassName)
        .all(db)
        .await?
    {
        classes
            .entry(row.document_id)
            .or_default()
            .push(row.class_name);
    }
    let opened = opened_by(db, &ids).await?;
    let managed = access::managed(db, caller).await?;
    Ok(documents
        .into_iter()
        .map(|document| {
            let classes = classes.remove(&document.id).unwrap_or_default();
            Shared {
                removable: managed.covers(&classes),
                opened_by: opened.get(&document.id).cloned().unwrap_or_default(),
                classes,
                document,
            }
        })
        .collect())
}

#[derive(Debug, FromQueryResult)]
struct Opener {
    document_id: i32,
    first_name: Option<String>,
    last_name: Option<String>,
}

/// The parents who opened each of `documents`, in the order they first did.
async fn opened_by(
    db: &impl ConnectionTrait,
    documents: &[i32],
) -> ServiceResult<HashMap<i32, Vec<String>>> {
    let mut names: HashMap<i32, Vec<String>> = HashMap::new();
    if documents.is_empty() {
        return Ok(names);
    }
    let marks = vec!["?"; documents.len()].join(", ");
    let sql = format!(
        "SELECT o.document_id, p.first_name, p.last_name FROM intradesk_opens o \
         JOIN parent_accounts p ON p.id = o.account_id \
         WHERE o.document_id IN ({marks}) ORDER BY o.opened_at, p.id"
    );
    let values = documents.iter().map(|id| (*id).into()).collect();
    let query = statement(db.get_database_backend(), &sql, values);
    for opener in Opener::find_by_statement(query).all(db).await? {
        let name = format!(
            "{} {}",
            opener.first_name.unwrap_or_default(),
            opener.last_name.unwrap_or_default()
        );
        names
            .entry(opener.document_id)
            .or_default()
            .push(name.trim().to_owned());
    }
    Ok(names)
}

/// Removes a document the caller manages (an administrator any; a teacher those only for their
/// classes). Returns its title, for the journal.
pub async fn remove_document(
    db: &DatabaseConnection,
    caller: &Caller,
    id: i32,
) -> ServiceResult<String> {
    let document = intradesk_document::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(ServiceError::Forbidden)?;
    // Of the caller's school, and for classes the caller manages.
    folder_of(db, caller, document.folder_id).await?;
    let classes: Vec<String> = intradesk_document_class::Entity::find()
        .filter(intradesk_document_class::Column::DocumentId.eq(id))
        .all(db)
        .await?
        .into_iter()
        .map(|row| row.class_name)
        .collect();
    if !access::managed(db, caller).await?.covers(&classes) {
        return Err(ServiceError::Forbidden);
    }
    // Deleting its file deletes the document (and who opened it) with it.
    attachment::Entity::delete_by_id(document.attachment_id)
        .exec(db)
        .await?;
    Ok(document.title)
}
