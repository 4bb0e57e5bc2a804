//! The one error type of every server function. It crosses the wire (JSON), so it carries only what
//! the parent may see: French messages, never internals.
use crate::domain::{journey::JourneyStep, profile::FieldError};
use leptos::server_fn::{
    codec::JsonEncoding,
    error::{FromServerFnError, ServerFnErrorErr},
};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    /// Some fields are wrong: a message per field, and the non-secret values typed, so that a form
    /// posted without JavaScript comes back filled in.
    #[error("Certains champs sont à corriger.")]
    Invalid {
        errors: Vec<FieldError>,
        typed: Vec<(String, String)>,
    },
    /// A refusal with one message for the whole form (a failed sign-in, an expired link…).
    #[error("{0}")]
    Refused(String),
    #[error("Votre session a expiré : connectez-vous à nouveau.")]
    NotSignedIn,
    /// The first sign-in journey is not finished: this step comes first.
    #[error("Terminez d'abord l'étape en cours.")]
    StepRequired(JourneyStep),
    /// Too many failed attempts: try again in so many seconds.
    #[error("{}", too_many_attempts(*retry_after_seconds))]
    TooManyAttempts { retry_after_seconds: u64 },
    #[error("Un problème technique est survenu. Réessayez dans un instant.")]
    Internal,
    /// The request itself could not be understood (missing or malformed fields, network failure).
    #[error("La demande n'a pas pu être traitée. Réessayez dans un instant.")]
    Request(String),
}

impl AppError {
    pub fn field(field: &str, message: &str) -> Self {
        Self::Invalid {
            errors: vec![FieldError::new(field, message)],
            typed: Vec::new(),
        }
    }

    /// The same error for a form: a refusal becomes the message under `refusal_field`, and the
    /// non-secret values in `typed` come back to their fields (forms posted without JavaScript).
    pub fn for_form(self, refusal_field: &str, typed: &[(&str, &str)]) -> Self {
        let errors = match self {
            Self::Invalid { errors, .. } => errors,
            Self::Refused(message) => vec![FieldError::new(refusal_field, &message)],
            other => return other,
        };
        Self::Invalid {
            errors,
            typed: typed
                .iter()
                .map(|(field, value)| ((*field).to_owned(), value.chars().take(300).collect()))
                .collect(),
        }
    }

    /// The message for `field`, if this error has one.
    pub fn message_for(&self, field: &str) -> Option<String> {
        match self {
            Self::Invalid { errors, .. } => errors
                .iter()
                .find(|e| e.field == field)
                .map(|e| e.message.clone()),
            _ => None,
        }
    }

    /// What the parent had typed in `field` before the form came back.
    pub fn typed(&self, field: &str) -> Option<String> {
        match self {
            Self::Invalid { typed, .. } => typed
                .iter()
                .find(|(name, _)| name == field)
                .map(|(_, v)| v.clone()),
            _ => None,
        }
    }

    /// A message for the top of the form, when the error is not about one field.
    pub fn general_message(&self) -> Option<String> {
        match self {
            Self::Invalid { .. } => None,
            other => Some(other.to_string()),
        }
    }

    /// The HTTP status a script calling the server function sees.
    pub fn status(&self) -> u16 {
        match self {
            Self::Invalid { .. } | Self::Request(_) => 400,
            Self::Refused(_) => 403,
            Self::NotSignedIn => 401,
            Self::StepRequired(_) => 409,
            Self::TooManyAttempts { .. } => 429,
            Self::Internal => 500,
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        Self::Request(value.to_string())
    }
}

fn too_many_attempts(seconds: u64) -> String {
    let wait = if seconds < 60 {
        format!("{seconds} secondes")
    } else {
        let minutes = seconds.div_ceil(60);
        format!("{minutes} minute{}", if minutes > 1 { "s" } else { "" })
    };
    format!(
        "Trop de tentatives ont échoué. Par sécurité, réessayez dans {wait}, ou utilisez « Mot de passe oublié ? »."
    )
}

/// A server function's result.
pub type AppResult<T> = Result<T, AppError>;
