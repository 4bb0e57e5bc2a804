//! Server functions: every action of the site, callable from its pages (with or without JavaScript)
//! and, being public HTTP endpoints under `/api`, from anything else. Each one checks its input and
//! who is asking before doing anything; the rules themselves live in `domain` and `server`.
pub mod account;
pub mod auth;
pub mod calendar;
pub mod children;
pub mod courses;
pub mod error;
pub mod home;
pub mod journey;
pub mod news;
pub mod recovery;

pub use error::{AppError, AppResult};

/// What the server functions share on the server side.
#[cfg(feature = "ssr")]
mod guard {
    use super::AppError;
    use crate::{
        domain::journey::JourneyStep,
        server::{
            AppState,
            journey::{self, Standing},
            sessions::{self, CurrentSession},
        },
    };

    /// What the journey middleware already checked, when a page is being rendered.
    fn checked_page() -> Option<journey::CheckedPage> {
        leptos::prelude::use_context::<axum::http::request::Parts>()?
            .extensions
            .get::<journey::CheckedPage>()
            .cloned()
    }

    /// The state and the caller's live session, or `NotSignedIn`.
    pub async fn signed_in() -> Result<(AppState, CurrentSession), AppError> {
        let state = AppState::current()?;
        if let Some(checked) = checked_page() {
            return Ok((state, checked.session));
        }
        let session = sessions::current(&state)
            .await?
            .ok_or(AppError::NotSignedIn)?;
        Ok((state, session))
    }

    /// A parent who finished the journey for the child the session shows, with where they stand.
    /// Every server function that reads a child's data starts here: the child is linked to the
    /// account, its terms are accepted (or postponed) and its link confirmed.
    pub async fn settled() -> Result<(AppState, CurrentSession, Standing), AppError> {
        if let Some(checked) = checked_page() {
            let state = AppState::current()?;
            return match checked.standing.step() {
                JourneyStep::Done => Ok((state, checked.session, (*checked.standing).clone())),
                step => Err(AppError::StepRequired(step)),
            };
        }
        let (state, session) = signed_in().await?;
        let standing = journey::require_step(&state.db, &session, JourneyStep::Done).await?;
        Ok((state, session, standing))
    }

    /// Makes the browser forget its session cookie (the session itself is ended by the caller).
    pub fn forget_session_cookie(state: &AppState) {
        leptos::prelude::expect_context::<leptos_axum::ResponseOptions>().append_header(
            axum::http::header::SET_COOKIE,
            sessions::clear_cookie(&state.settings),
        );
    }

    /// Sends the browser on to `path`: a real redirect for a form posted without JavaScript, a
    /// client-side navigation otherwise.
    pub fn go_to(path: &str) {
        leptos_axum::redirect(path);
    }

    /// Refuses, before any work is done on it, a field longer than `max` characters or holding a
    /// control character: no keyboard types one, and PostgreSQL refuses to store NUL.
    pub fn plain_text(field: &str, value: &str, max: usize) -> Result<(), AppError> {
        if value.chars().count() > max {
            return Err(AppError::field(
                field,
                &format!("{max} caractères au maximum."),
            ));
        }
        if value.chars().any(char::is_control) {
            return Err(AppError::field(
                field,
                crate::domain::profile::CONTROL_CHARACTERS,
            ));
        }
        Ok(())
    }
}
