//! The one error type of every server function. It crosses the wire (JSON), so it carries only what
//! the parent may see, in their language, never internals.
use crate::domain::{journey::JourneyStep, profile::FieldError};
use crate::{i18n::td_string, language::Locale};
use leptos::server_fn::{
    codec::JsonEncoding,
    error::{FromServerFnError, ServerFnErrorErr},
};
use serde::{Deserialize, Serialize};

/// How much of a field's text comes back with a refused form: a news item's text, a pasted class
/// list's first lines. A form posted without JavaScript gets it back in the redirect's address,
/// which stays under the 8 KB a proxy's request line allows.
const TYPED_KEPT: usize = 2_000;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum AppError {
    /// Some fields are wrong: a message per field, and the non-secret values typed, so that a form
    /// posted without JavaScript comes back filled in. The messages are in the request's language.
    Invalid {
        errors: Vec<FieldError>,
        typed: Vec<(String, String)>,
    },
    /// A refusal with one message for the whole form (a failed sign-in, an expired link…), in the
    /// request's language.
    Refused(String),
    NotSignedIn,
    /// The first sign-in journey is not finished: this step comes first.
    StepRequired(JourneyStep),
    /// Too many failed attempts: try again in so many seconds.
    TooManyAttempts {
        retry_after_seconds: u64,
    },
    /// Too many mails were asked for one account or address: try again in so many seconds.
    TooManyMails {
        retry_after_seconds: u64,
    },
    /// Too many passwords are being checked at once: try again in so many seconds.
    Busy {
        retry_after_seconds: u64,
    },
    /// A staff function the caller's role or school does not reach (or an id of another school).
    Forbidden,
    Internal,
    /// The request itself could not be understood (missing or malformed fields, network failure).
    Request(String),
}

/// In French, for the logs; a page shows [`AppError::message`] in the parent's language.
impl std::fmt::Display for AppError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Locale::fr))
    }
}

impl std::error::Error for AppError {}

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
                .map(|(field, value)| {
                    (
                        (*field).to_owned(),
                        value.chars().take(TYPED_KEPT).collect(),
                    )
                })
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
    pub fn general_message(&self, locale: Locale) -> Option<String> {
        match self {
            Self::Invalid { .. } => None,
            other => Some(other.message(locale)),
        }
    }

    /// The same error with its words written now, in `locale`: any error that is not about a
    /// field becomes a refusal carrying its message. An island receives errors so written, and
    /// then carries none of the messages itself.
    pub fn written(self, locale: Locale) -> Self {
        match self {
            Self::Invalid { .. } | Self::Refused(_) => self,
            other => Self::Refused(other.message(locale)),
        }
    }

    /// The error in the parent's words. A refusal and the fields' messages were written by the
    /// server in the request's language; the others are written here.
    pub fn message(&self, locale: Locale) -> String {
        match self {
            Self::Invalid { .. } => td_string!(locale, errors.invalid).into(),
            Self::Refused(message) => message.clone(),
            Self::NotSignedIn => td_string!(locale, errors.not_signed_in).into(),
            Self::StepRequired(_) => td_string!(locale, errors.step_required).into(),
            Self::TooManyAttempts {
                retry_after_seconds,
            } => {
                let wait = wait(locale, *retry_after_seconds);
                td_string!(locale, errors.too_many_attempts, wait = wait).to_string()
            }
            Self::TooManyMails {
                retry_after_seconds,
            } => {
                // Mails are counted by the hour: the wait is always said in minutes.
                let wait = wait(locale, (*retry_after_seconds).max(60));
                td_string!(locale, errors.too_many_mails, wait = wait).to_string()
            }
            Self::Busy { .. } => td_string!(locale, errors.busy).into(),
            Self::Forbidden => td_string!(locale, errors.forbidden).into(),
            Self::Internal => td_string!(locale, errors.internal).into(),
            Self::Request(_) => td_string!(locale, errors.request).into(),
        }
    }

    /// The HTTP status a script calling the server function sees.
    pub fn status(&self) -> u16 {
        match self {
            Self::Invalid { .. } | Self::Request(_) => 400,
            Self::Refused(_) | Self::Forbidden => 403,
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

/// How long to wait, in seconds under a minute, else in whole minutes.
fn wait(locale: Locale, seconds: u64) -> String {
    if seconds < 60 {
        td_string!(locale, errors.wait_seconds, count = seconds).to_string()
    } else {
        td_string!(locale, errors.wait_minutes, count = seconds.div_ceil(60)).to_string()
    }
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
        i18n::td_string,
        language::{self, Locale},
        server::{entities::mailed_link::Purpose, error::ServiceError},
    };

    // The refusals the tests compare with, by the language they are written in.

    /// The one answer to every failed sign-in, whether the identifier exists or not.
    pub fn sign_in_refused(locale: Locale) -> &'static str {
        td_string!(locale, errors.sign_in_refused)
    }
    /// One answer for an unknown identifier and a wrong letter: it tells nothing about which
    /// children a school has.
    pub fn letter_refused(locale: Locale) -> &'static str {
        td_string!(locale, errors.letter_refused)
    }
    /// A letter whose password was right but whose validity ran out; only the school can help.
    pub fn letter_expired(locale: Locale) -> &'static str {
        td_string!(locale, errors.letter_expired)
    }
    pub fn unknown_platform(locale: Locale) -> &'static str {
        td_string!(locale, errors.unknown_platform)
    }
    pub fn already_linked(locale: Locale) -> &'static str {
        td_string!(locale, errors.already_linked)
    }
    pub fn letter_used(locale: Locale) -> &'static str {
        td_string!(locale, errors.letter_used)
    }
    pub fn not_your_child(locale: Locale) -> &'static str {
        td_string!(locale, errors.not_your_child)
    }
    pub fn wrong_current_password(locale: Locale) -> &'static str {
        td_string!(locale, errors.wrong_current_password)
    }

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
        AppError::field(field, &problem.message(language::current()))
    }

    /// A service's refusal in the words of the request's language.
    impl From<ServiceError> for AppError {
        fn from(error: ServiceError) -> Self {
            use ServiceError as S;
            let locale = language::current();
            let refused = |message: &str| AppError::Refused(message.to_owned());
            macro_rules! say {
                ($key:ident) => {
                    td_string!(locale, errors.$key)
                };
            }
            match error {
                S::SignInRefused => refused(say!(sign_in_refused)),
                S::WrongCurrentPassword => {
                    AppError::field("current_password", say!(wrong_current_password))
                }
                S::WrongAccountPassword => {
                    AppError::field("password", say!(wrong_account_password))
                }
                S::LetterRefused => refused(say!(letter_refused)),
                S::LetterUsed => refused(say!(letter_used)),
                S::LetterExpired => refused(say!(letter_expired)),
                S::UnknownPlatform => AppError::field("platform", say!(unknown_platform)),
                S::AlreadyLinked => AppError::field("identifier", say!(already_linked)),
                S::NotYourChild => refused(say!(not_your_child)),
                S::NotSignedIn => AppError::NotSignedIn,
                S::StepRequired(step) => AppError::StepRequired(step),
                S::WrongCode => AppError::field("code", say!(wrong_code)),
                S::CodeExpired => refused(say!(code_expired)),
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
                S::InvalidEmail => AppError::field("email", say!(invalid_email)),
                S::LinkInvalid(Purpose::EmailConfirmation) => {
                    refused(say!(confirmation_link_invalid))
                }
                S::LinkExpired(Purpose::EmailConfirmation) => {
                    refused(say!(confirmation_link_expired))
                }
                S::LinkInvalid(Purpose::PasswordReset) | S::LinkExpired(Purpose::PasswordReset) => {
                    let minutes = crate::domain::limits::RESET_LINK_MINUTES;
                    refused(
                        &td_string!(locale, errors.reset_link_invalid, minutes = minutes)
                            .to_string(),
                    )
                }
                S::TermsReplaced => refused(say!(terms_replaced)),
                S::PostponeOver => refused(say!(postpone_over)),
                S::AlreadyConfirmed => refused(say!(already_confirmed)),
                S::Forbidden => AppError::Forbidden,
                S::StaffNameMissing => AppError::field("last_name", say!(staff_name_missing)),
                S::AlreadyStaff => AppError::field("email", say!(already_staff)),
                S::StaffLinkInvalid => refused(say!(staff_link_invalid)),
                S::NotYourself => refused(say!(not_yourself)),
                S::TooManyApplications => {
                    let most = crate::domain::school_brand::APPLICATIONS;
                    let message = td_string!(locale, errors.too_many_applications, most = most);
                    AppError::field("application_name", &message.to_string())
                }
                S::NobodyToReach => AppError::field("audience", say!(nobody_to_reach)),
                S::SurveyClosed => refused(say!(survey_closed)),
                S::AlreadyAnswered => refused(say!(already_answered)),
                S::StudentNameMissing => AppError::field("last_name", say!(student_name_missing)),
                S::ImportRefused => refused(say!(import_refused)),
                S::TitleMissing => AppError::field("title", say!(title_missing)),
                S::EndsBeforeStart => AppError::field("ends", say!(ends_before_start)),
                fault @ (S::NotFound(_) | S::Db(_)) => {
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

#[cfg(test)]
mod tests {
    use super::{Locale, wait};

    /// Each language's own plural rule, from its CLDR data: French says "1 minute" and
    /// "2 minutes" as English does, Dutch "1 minuut", German "2 Minuten".
    #[test]
    fn a_wait_is_told_with_each_languages_plural() {
        crate::language::use_our_plural_rules();
        assert_eq!(wait(Locale::fr, 30), "30 secondes");
        assert_eq!(wait(Locale::fr, 60), "1 minute");
        assert_eq!(wait(Locale::fr, 61), "2 minutes");
        assert_eq!(wait(Locale::nl, 60), "1 minuut");
        assert_eq!(wait(Locale::nl, 300), "5 minuten");
        assert_eq!(wait(Locale::de, 60), "1 Minute");
        assert_eq!(wait(Locale::de, 120), "2 Minuten");
        assert_eq!(wait(Locale::en, 60), "1 minute");
        assert_eq!(wait(Locale::en, 900), "15 minutes");
    }
}
