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
    /// Too many mails were asked for one account or address: try again in so many seconds.
    #[error("{}", too_many_mails(*retry_after_seconds))]
    TooManyMails { retry_after_seconds: u64 },
    /// Too many passwords are being checked at once: try again in so many seconds.
    #[error("Le service est très sollicité : réessayez dans quelques secondes.")]
    Busy { retry_after_seconds: u64 },
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
            Self::TooManyAttempts { .. } | Self::TooManyMails { .. } => 429,
            Self::Internal => 500,
            Self::Busy { .. } => 503,
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    /// On the server, what the request got wrong (a missing field, a type) goes to the log, not
    /// to the browser: it would only help someone probing the functions. In the browser the text
    /// (a network failure) stays for the console.
    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        #[cfg(feature = "ssr")]
        {
            tracing::info!(error = %value, "a request could not be read");
            Self::Request(String::new())
        }
        #[cfg(not(feature = "ssr"))]
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

fn too_many_mails(seconds: u64) -> String {
    let minutes = seconds.div_ceil(60).max(1);
    format!(
        "Trop d'e-mails ont été demandés pour ce compte ou cette adresse. Par sécurité, réessayez dans {minutes} minute{}.",
        if minutes > 1 { "s" } else { "" }
    )
}

/// A server function's result.
pub type AppResult<T> = Result<T, AppError>;

/// The one place where a service's refusal becomes what the parent reads and the status a script
/// sees, and where it is decided which refusals count as a failed attempt for the throttle.
#[cfg(feature = "ssr")]
mod from_service {
    use super::AppError;
    use crate::{
        domain::password::PasswordProblem,
        server::{entities::mailed_link::Purpose, error::ServiceError},
    };

    /// The one answer to every failed sign-in, whether the identifier exists or not.
    pub const SIGN_IN_REFUSED: &str = "Identifiant ou mot de passe incorrect. Vérifiez le courrier de l'école \
         (identifiant tout en minuscules, sans accent) et réessayez.";
    /// One answer for an unknown identifier and a wrong letter: it tells nothing about which
    /// children a school has.
    pub const LETTER_REFUSED: &str = "Identifiant ou mot de passe incorrect pour cette plateforme. \
         Recopiez-les depuis le courrier de l'école de cet enfant.";
    /// A letter whose password was right but whose validity ran out; only the school can help.
    pub const LETTER_EXPIRED: &str = "Ce courrier a expiré : demandez-en un nouveau aux administrateurs de la plateforme de l'école.";
    pub const UNKNOWN_PLATFORM: &str = "Aucune plateforme ne porte ce nom. Recopiez-le depuis le courrier de l'école (par exemple isu-dour).";
    pub const ALREADY_LINKED: &str = "Cet enfant fait déjà partie de vos enfants.";
    pub const LETTER_USED: &str = "Ce courrier a déjà servi à ouvrir un autre compte parent. \
         Si ce n'était pas vous, contactez les administrateurs de la plateforme.";
    pub const NOT_YOUR_CHILD: &str = "Cet enfant ne fait pas partie de vos enfants.";
    pub const WRONG_CURRENT_PASSWORD: &str = "Ce n'est pas votre mot de passe actuel. Recopiez celui que vous utilisez pour vous connecter.";
    pub const WRONG_ACCOUNT_PASSWORD: &str = "Ce n'est pas le mot de passe de votre compte. Recopiez celui que vous utilisez pour vous connecter.";
    fn reset_link_invalid() -> String {
        format!(
            "Ce lien n'est plus valable : il a déjà servi ou il a expiré \
             (il ne vaut que {} minutes). Demandez-en un nouveau.",
            crate::domain::limits::RESET_LINK_MINUTES
        )
    }
    const CONFIRMATION_LINK_INVALID: &str = "Ce lien de confirmation n'est pas valide ou a déjà été utilisé. \
         Connectez-vous pour en recevoir un nouveau.";
    const CONFIRMATION_LINK_EXPIRED: &str = "Ce lien de confirmation a expiré. Connectez-vous et demandez-en un nouveau depuis la page d'accueil.";
    const WRONG_CODE: &str =
        "Ce code ne correspond pas. Recopiez les 6 chiffres du dernier e-mail reçu.";
    const CODE_EXPIRED: &str = "Ce code n'est plus valable (il a expiré, a déjà servi ou a été mal saisi trop souvent). \
         Connectez-vous à nouveau pour en recevoir un nouveau.";
    const INVALID_EMAIL: &str =
        "Cette adresse e-mail n'est pas valide (exemple : prenom.nom@exemple.be).";

    /// Whether a refusal is a wrong guess of a secret (a password, a letter), which the throttle
    /// counts; a malformed form or a step out of order is not, nor an expired letter (its password
    /// was right: the parent needs a new letter, not a lock).
    pub fn counts_as_failed_attempt(error: &ServiceError) -> bool {
        matches!(
            error,
            ServiceError::SignInRefused
                | ServiceError::WrongCurrentPassword
                | ServiceError::WrongAccountPassword
                | ServiceError::LetterRefused
                | ServiceError::LetterUsed
        )
    }

    /// A broken password rule, as the message under the field it concerns.
    pub fn password_error(problem: PasswordProblem) -> AppError {
        let field = match problem {
            PasswordProblem::Mismatch => "repeat_password",
            _ => "new_password",
        };
        AppError::field(field, &problem.message())
    }

    impl From<ServiceError> for AppError {
        fn from(error: ServiceError) -> Self {
            use ServiceError as S;
            let refused = |message: &str| AppError::Refused(message.to_owned());
            match error {
                S::SignInRefused => refused(SIGN_IN_REFUSED),
                S::WrongCurrentPassword => {
                    AppError::field("current_password", WRONG_CURRENT_PASSWORD)
                }
                S::WrongAccountPassword => AppError::field("password", WRONG_ACCOUNT_PASSWORD),
                S::LetterRefused => refused(LETTER_REFUSED),
                S::LetterUsed => refused(LETTER_USED),
                S::LetterExpired => refused(LETTER_EXPIRED),
                S::UnknownPlatform => AppError::field("platform", UNKNOWN_PLATFORM),
                S::AlreadyLinked => AppError::field("identifier", ALREADY_LINKED),
                S::NotYourChild => refused(NOT_YOUR_CHILD),
                S::NotSignedIn => AppError::NotSignedIn,
                S::StepRequired(step) => AppError::StepRequired(step),
                S::WrongCode => AppError::field("code", WRONG_CODE),
                S::CodeExpired => refused(CODE_EXPIRED),
                S::TooManyMails {
                    retry_after_seconds,
                } => AppError::TooManyMails {
                    retry_after_seconds,
                },
                S::Locked {
                    retry_after_seconds,
                } => AppError::TooManyAttempts {
                    retry_after_seconds,
                },
                S::Busy {
                    retry_after_seconds,
                } => AppError::Busy {
                    retry_after_seconds,
                },
                S::Password(problem) => password_error(problem),
                S::Invalid(errors) => AppError::Invalid {
                    errors,
                    typed: Vec::new(),
                },
                S::InvalidEmail => AppError::field("email", INVALID_EMAIL),
                S::LinkInvalid(Purpose::EmailConfirmation) => refused(CONFIRMATION_LINK_INVALID),
                S::LinkExpired(Purpose::EmailConfirmation) => refused(CONFIRMATION_LINK_EXPIRED),
                S::LinkInvalid(Purpose::PasswordReset) | S::LinkExpired(Purpose::PasswordReset) => {
                    refused(&reset_link_invalid())
                }
                S::TermsReplaced => refused(
                    "Les conditions d'utilisation viennent d'être mises à jour : relisez la nouvelle version.",
                ),
                S::PostponeOver => refused(
                    "Le délai pour reporter votre réponse est dépassé : acceptez ou refusez les conditions.",
                ),
                S::AlreadyConfirmed => refused("Votre adresse e-mail est déjà confirmée."),
                fault @ (S::NotFound(_) | S::Mail(_) | S::Db(_)) => {
                    let source = std::error::Error::source(&fault).map(ToString::to_string);
                    tracing::error!(error = %fault, ?source, "a service failed");
                    AppError::Internal
                }
            }
        }
    }

    impl From<sea_orm::DbErr> for AppError {
        fn from(error: sea_orm::DbErr) -> Self {
            ServiceError::from(error).into()
        }
    }
}

#[cfg(feature = "ssr")]
pub use from_service::*;
