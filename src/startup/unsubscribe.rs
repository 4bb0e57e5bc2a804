//! The one-click unsubscribe of a notification's mail (RFC 8058): the mail client posts
//! `List-Unsubscribe=One-Click` to the address in the mail's `List-Unsubscribe` header, and the
//! kind it names is turned off for every child of the parent its token names. A browser opening
//! the same address gets the page with its button instead (a GET never unsubscribes, since link
//! checkers open every address of a mail).
use super::RouterState;
use crate::{domain::notifications::Kind, server::notifications};
use axum::{
    extract::{Query, State},
    http::StatusCode,
};
use serde::Deserialize;

#[derive(Deserialize)]
pub struct Link {
    jeton: String,
    #[serde(rename = "type")]
    kind: String,
}

pub async fn one_click(State(state): State<RouterState>, Query(link): Query<Link>) -> StatusCode {
    let Some(kind) = Kind::parse(&link.kind) else {
        return StatusCode::NOT_FOUND;
    };
    match notifications::unsubscribe(&state.app.db, &link.jeton, kind).await {
        Ok(true) => StatusCode::OK,
        Ok(false) => StatusCode::NOT_FOUND,
        Err(error) => {
            tracing::error!(%error, "an unsubscribe could not be written");
            StatusCode::INTERNAL_SERVER_ERROR
        }
    }
}
