//! Why a service refuses. Services speak this language, not the wire's: `api` alone turns a
//! refusal into what the parent reads, its HTTP status, and whether it counts as a failed attempt.
use super::entities::mailed_link::Purpose as LinkPurpose;
use crate::domain::{journey::JourneyStep, password::PasswordProblem, profile::FieldError};
use sea_orm::DbErr;

#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    /// A sign-in with an unknown identifier or a wrong password (one reason, so nothing leaks).
    #[error("wrong identifier or password")]
    SignInRefused,
    /// The current password, asked before changing the password or the e-mail address.
    #[error("wrong current password")]
    WrongCurrentPassword,
    /// The account's password, re-entered to confirm a newly linked child.
    #[error("wrong account password")]
    WrongAccountPassword,
    /// A child's letter that does not open any of its slots on that platform (or no such child).
    #[error("wrong letter for this platform")]
    LetterRefused,
    /// The letter opened a slot that another account already claimed.
    #[error("letter already used")]
    LetterUsed,
    /// The letter's password is right, but its validity ran out: the school must print a new one.
    #[error("letter expired")]
    LetterExpired,
    #[error("no platform with this code")]
    UnknownPlatform,
    #[error("child already linked to this account")]
    AlreadyLinked,
    #[error("not a child of this account")]
    NotYourChild,
    /// The session names nothing any more (ended, expired, or its child taken back by the school).
    #[error("no live session")]
    NotSignedIn,
    /// The first sign-in journey is not finished: this step comes first.
    #[error("the journey's step {0:?} comes first")]
    StepRequired(JourneyStep),
    /// A code mailed at sign-in that does not match the waiting sign-in's.
    #[error("wrong sign-in code")]
    WrongCode,
    /// No sign-in waits for a code in this browser any more (expired, used, too many wrong codes).
    #[error("no sign-in waiting for a code")]
    CodeExpired,
    /// Too many mails were asked for one account or address within the hour.
    #[error("mail limit reached, retry in {retry_after_seconds} s")]
    TooManyMails { retry_after_seconds: u64 },
    #[error("locked for {retry_after_seconds} s")]
    Locked { retry_after_seconds: u64 },
    /// Too many passwords are being checked at once: the request gave up waiting for its turn.
    #[error("password checks busy, retry in {retry_after_seconds} s")]
    Busy { retry_after_seconds: u64 },
    /// A new password breaks the rule.
    #[error("password rule: {0:?}")]
    Password(PasswordProblem),
    /// Fields of a form break their rules (their messages come from `domain`).
    #[error("invalid fields")]
    Invalid(Vec<FieldError>),
    #[error("invalid e-mail address")]
    InvalidEmail,
    /// A mailed link that does not exist or was used.
    #[error("{0:?} link invalid or used")]
    LinkInvalid(LinkPurpose),
    /// A mailed link that exists but expired (`api` says it apart where it helps the parent).
    #[error("{0:?} link expired")]
    LinkExpired(LinkPurpose),
    /// The terms were replaced since the page showed them.
    #[error("terms replaced")]
    TermsReplaced,
    /// "Ignorer" is no longer offered for these terms.
    #[error("the terms can no longer be postponed")]
    PostponeOver,
    #[error("e-mail address already confirmed")]
    AlreadyConfirmed,
    /// A staff function the caller's role or platform does not reach, or an id of another school
    /// (the same refusal as an unknown one).
    #[error("not allowed")]
    Forbidden,
    #[error("a staff member needs a first and a last name")]
    StaffNameMissing,
    #[error("already staff of this platform")]
    AlreadyStaff,
    /// A staff member's mailed link to choose a password that does not exist, was used or expired.
    #[error("staff password link invalid")]
    StaffLinkInvalid,
    /// A student's names give no identifier (no letter nor digit).
    #[error("a student needs a first and a last name")]
    StudentNameMissing,
    /// A class list with lines that cannot be imported, or nothing new: nothing is imported.
    #[error("the class list cannot be imported as it is")]
    ImportRefused,
    #[error("a title is needed")]
    TitleMissing,
    #[error("an event cannot end before it starts")]
    EndsBeforeStart,
    /// An administrator may not suspend or remove themself.
    #[error("not on oneself")]
    NotYourself,
    /// A school's "Applications" list is full.
    #[error("too many applications")]
    TooManyApplications,
    /// Staff wrote to an audience none of whose parents has an account yet.
    #[error("nobody to reach")]
    NobodyToReach,
    /// A survey answered after its closing time (or reminded of then).
    #[error("survey closed")]
    SurveyClosed,
    /// A parent answered a survey for a child a second time.
    #[error("already answered")]
    AlreadyAnswered,
    /// A row that must exist does not (a broken reference): a fault, not the parent's.
    #[error("missing {0}")]
    NotFound(&'static str),
    #[error("database error")]
    Db(#[from] DbErr),
}

pub type ServiceResult<T> = Result<T, ServiceError>;
