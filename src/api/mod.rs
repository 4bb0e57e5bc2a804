//! Server functions: every action of the site, callable from its pages (with or without JavaScript)
//! and, being public HTTP endpoints under `/api`, from anything else. Each one checks its input and
//! who is asking before doing anything; the rules themselves live in `domain` and `server`.
pub mod auth;
pub mod error;
pub mod home;
pub mod journey;

pub use error::{AppError, AppResult};

/// What the server functions share on the server side.
#[cfg(feature = "ssr")]
mod guard {
    use super::AppError;
    use crate::server::{
        AppState,
        sessions::{self, CurrentSession},
    };

    /// The state and the caller's live session, or `NotSignedIn`.
    pub async fn signed_in() -> Result<(AppState, CurrentSession), AppError> {
        let state = AppState::current()?;
        let session = sessions::current(&state)
            .await?
            .ok_or(AppError::NotSignedIn)?;
        Ok((state, session))
    }

    /// Sends the browser on to `path`: a real redirect for a form posted without JavaScript, a
    /// client-side navigation otherwise.
    pub fn go_to(path: &str) {
        leptos_axum::redirect(path);
    }

    /// Refuses a field longer than `max` characters before any work is done on it.
    pub fn bounded(field: &str, value: &str, max: usize) -> Result<(), AppError> {
        if value.chars().count() > max {
            return Err(AppError::field(
                field,
                &format!("{max} caractères au maximum."),
            ));
        }
        Ok(())
    }
}
