//! A school's logo, as its parents' header shows it. Its address carries the time it last changed
//! (`?v=`), so that browsers keep it a year and a new logo is a new address; it holds nothing
//! private, and is served to anyone who asks, like the site's own files.
use super::RouterState;
use crate::server::school_brand;
use axum::{
    extract::{Path, State},
    http::{HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};

pub async fn school_logo(State(state): State<RouterState>, Path(platform): Path<i32>) -> Response {
    match school_brand::logo(&state.app.db, platform).await {
        Ok(Some(logo)) => {
            let content_type = HeaderValue::from_str(&logo.content_type)
                .unwrap_or(HeaderValue::from_static("application/octet-stream"));
            let headers = [
                (header::CONTENT_TYPE, content_type),
                (
                    header::CACHE_CONTROL,
                    HeaderValue::from_static("public, max-age=31536000, immutable"),
                ),
            ];
            (headers, logo.bytes).into_response()
        }
        Ok(None) => StatusCode::NOT_FOUND.into_response(),
        Err(error) => {
            tracing::error!(%error, "a school's logo could not be read");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}
