//! "Télécharger mes données" (Mon compte): everything Cartable holds on the signed-in parent, as a
//! JSON file (GDPR article 20). Without a session the journey guard sends the browser to sign in
//! first; a session whose account is gone gets a 404.
use super::RouterState;
use crate::server::{lookups, personal_data, sessions};
use axum::{
    extract::State,
    http::{HeaderMap, HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};

pub async fn my_data(State(state): State<RouterState>, headers: HeaderMap) -> Response {
    match export(&state, &headers).await {
        Ok(Some(json)) => {
            let headers = [
                (
                    header::CONTENT_TYPE,
                    HeaderValue::from_static("application/json; charset=utf-8"),
                ),
                (
                    header::CONTENT_DISPOSITION,
                    HeaderValue::from_static("attachment; filename=\"cartable-mes-donnees.json\""),
                ),
                (
                    header::CACHE_CONTROL,
                    HeaderValue::from_static("private, no-store"),
                ),
            ];
            (headers, json).into_response()
        }
        Ok(None) => StatusCode::NOT_FOUND.into_response(),
        Err(error) => {
            tracing::error!(%error, "a parent's data could not be exported");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

async fn export(state: &RouterState, headers: &HeaderMap) -> anyhow::Result<Option<String>> {
    let app = &state.app;
    let Some(session) = sessions::from_headers(app, headers).await? else {
        return Ok(None);
    };
    let Some(account) = lookups::account(&app.db, session.account_id).await? else {
        return Ok(None);
    };
    let export = personal_data::export(&app.db, &account, app.clock.now()).await?;
    Ok(Some(serde_json::to_string_pretty(&export)?))
}
