//! The files of messages, downloaded by the members of a conversation that carries them, and the
//! certificates of absences, downloaded by the child's parents and the staff who see the absence,
//! and the Intradesk's documents, by the parents they are meant for and the school's staff:
//! the parent's session or the staff member's names the reader, and `server::messages` or
//! `server::absences` decides. The answer always says `attachment` and `nosniff`, so that a file
//! is saved, never run by the site's origin; an unknown file and another family's are the same 404.
use super::RouterState;
use crate::server::{
    absences::{self, Reader},
    error::{ServiceError, ServiceResult},
    intradesk,
    messages::{self, Download, Member},
    sessions,
    staff::{Caller, access, sessions as staff_sessions},
};
use axum::{
    extract::{Path, State},
    http::{HeaderMap, HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};

pub async fn attachment(
    State(state): State<RouterState>,
    Path(id): Path<i32>,
    headers: HeaderMap,
) -> Response {
    let db = &state.app.db;
    let found = async {
        let (parent, staff) = readers(&state, &headers).await?;
        first_allowed(parent, staff.as_ref(), |reader| async move {
            let member = match reader {
                Reader::Parent(account) => Member::Parent(account),
                Reader::Staff(caller) => Member::Staff {
                    staff_id: caller.staff_id,
                    platform_id: caller.platform_id,
                },
            };
            messages::download(db, member, id).await
        })
        .await
    };
    send(found.await)
}

pub async fn certificate(
    State(state): State<RouterState>,
    Path(id): Path<i32>,
    headers: HeaderMap,
) -> Response {
    let db = &state.app.db;
    let found = async {
        let (parent, staff) = readers(&state, &headers).await?;
        first_allowed(parent, staff.as_ref(), |reader| async move {
            absences::certificate(db, reader, id).await
        })
        .await
    };
    send(found.await)
}

/// A document of the Intradesk: a parent it is meant for (the open is remembered), or the staff
/// of its school.
pub async fn document(
    State(state): State<RouterState>,
    Path(id): Path<i32>,
    headers: HeaderMap,
) -> Response {
    let app = &state.app;
    let now = app.clock.now();
    let found = async {
        let (parent, staff) = readers(&state, &headers).await?;
        first_allowed(parent, staff.as_ref(), |reader| async move {
            match reader {
                Reader::Parent(account) => intradesk::open(&app.db, account, id, now).await,
                Reader::Staff(caller) => intradesk::staff_file(&app.db, caller, id).await,
            }
        })
        .await
    };
    send(found.await)
}

fn send(found: anyhow::Result<Option<Download>>) -> Response {
    match found {
        Ok(Some(file)) => {
            let content_type = HeaderValue::from_str(&file.content_type)
                .unwrap_or(HeaderValue::from_static("application/octet-stream"));
            let headers = [
                (header::CONTENT_TYPE, content_type),
                (header::CONTENT_DISPOSITION, disposition(&file.file_name)),
                (
                    header::CACHE_CONTROL,
                    HeaderValue::from_static("private, no-store"),
                ),
            ];
            (headers, file.bytes).into_response()
        }
        Ok(None) => StatusCode::NOT_FOUND.into_response(),
        Err(error) => {
            tracing::error!(%error, "a file could not be read");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

/// Who the cookies name: a parent's account, and a staff member acting in a school.
async fn readers(
    state: &RouterState,
    headers: &HeaderMap,
) -> anyhow::Result<(Option<i32>, Option<Caller>)> {
    let app = &state.app;
    let parent = sessions::from_headers(app, headers).await?;
    let staff = match staff_sessions::from_headers(app, headers).await? {
        Some(session) => access::caller(&app.db, &session).await?,
        None => None,
    };
    Ok((parent.map(|session| session.account_id), staff))
}

/// The file `fetch` finds for the first reader (the parent, then the staff member) that may
/// have it.
async fn first_allowed<'a, F, Fut>(
    parent: Option<i32>,
    staff: Option<&'a Caller>,
    fetch: F,
) -> anyhow::Result<Option<Download>>
where
    F: Fn(Reader<'a>) -> Fut,
    Fut: Future<Output = ServiceResult<Download>>,
{
    let readers = parent
        .map(Reader::Parent)
        .into_iter()
        .chain(staff.map(Reader::Staff));
    for reader in readers {
        match fetch(reader).await {
            Ok(file) => return Ok(Some(file)),
            Err(ServiceError::Forbidden) => continue,
            Err(other) => return Err(other.into()),
        }
    }
    Ok(None)
}

/// `attachment; filename="…"; filename*=UTF-8''…`: the name as typed for browsers that read
/// RFC 6266, and an ASCII fallback for the others.
fn disposition(name: &str) -> HeaderValue {
    let ascii: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_graphic() && c != '"' && c != '\\' || c == ' ' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let encoded: String = name
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'.' | b'-' | b'_' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect();
    HeaderValue::from_str(&format!(
        "attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}"
    ))
    .unwrap_or(HeaderValue::from_static("attachment"))
}
