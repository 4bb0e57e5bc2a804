//! `GET /agenda/{token}.ics`: a parent's calendar feed, fetched by phones' calendars without any
//! session. An unknown or replaced address gets a 404 and tells nothing more.
use super::RouterState;
use crate::server::{calendar_feeds, ics};
use axum::{
    extract::{Path, State},
    http::{HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};

pub async fn calendar_feed(State(state): State<RouterState>, Path(file): Path<String>) -> Response {
    let app = &state.app;
    let Some(token) = file.strip_suffix(".ics").filter(|token| plausible(token)) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let now = app.clock.now();
    match calendar_feeds::feed(&app.db, token, now).await {
        Ok(Some(feed)) => {
            let site = app.settings.public_url.trim_end_matches('/');
            let body = ics::calendar(&feed.name, &feed.events, site, now);
            let headers = [
                (
                    header::CONTENT_TYPE,
                    HeaderValue::from_static("text/calendar; charset=utf-8"),
                ),
                // The address is the secret: no shared cache keeps what it opens.
                (
                    header::CACHE_CONTROL,
                    HeaderValue::from_static("private, max-age=300"),
                ),
            ];
            (headers, body).into_response()
        }
        Ok(None) => StatusCode::NOT_FOUND.into_response(),
        Err(error) => {
            tracing::error!(%error, "a calendar feed could not be read");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

/// The shape of a token (43 base64url characters): anything else is not looked up.
fn plausible(token: &str) -> bool {
    token.len() == 43
        && token
            .bytes()
            .all(|byte| byte.is_ascii_alphanumeric() || byte == b'-' || byte == b'_')
}
