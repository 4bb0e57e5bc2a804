//! The files of messages, downloaded by the members of a conversation that carries them: the
//! parent's session or the staff member's names the member, and `server::messages` decides. The
//! answer always says `attachment` and `nosniff`, so that a file is saved, never run by the site's
//! origin; an unknown file and another family's are the same 404.
use super::RouterState;
use crate::server::{
    error::ServiceError,
    messages::{self, Member},
    sessions,
    staff::{access, sessions as staff_sessions},
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
    match find(&state, id, &headers).await {
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
            tracing::error!(%error, "a message's file could not be read");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

/// The file, if the parent or the staff member the cookies name may have it.
async fn find(
    state: &RouterState,
    id: i32,
    headers: &HeaderMap,
) -> anyhow::Result<Option<messages::Download>> {
    let app = &state.app;
    let mut members = Vec::new();
    if let Some(session) = sessions::from_headers(app, headers).await? {
        members.push(Member::Parent(session.account_id));
    }
    if let Some(session) = staff_sessions::from_headers(app, headers).await?
        && let Some(caller) = access::caller(&app.db, &session).await?
    {
        members.push(Member::Staff {
            staff_id: caller.staff_id,
            platform_id: caller.platform_id,
        });
    }
    for member in members {
        match messages::download(&app.db, member, id).await {
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
