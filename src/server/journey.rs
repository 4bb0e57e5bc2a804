//! Where a signed-in parent stands in the first sign-in journey, and the terms of use decisions.
use super::{
    accounts, children,
    entities::{consent, parent_account, parent_slot, platform, student, terms_version},
    sessions::CurrentSession,
};
use crate::{
    api::AppError,
    domain::journey::{JourneyFacts, JourneyStep, TermsStanding, next_step},
};
use chrono::Utc;
use chrono_tz::Europe::Brussels;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, QueryOrder,
    Set,
};

/// The decisions a parent can take on the terms of use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    Accepted,
    Postponed,
    Refused,
}

impl Decision {
    fn code(self) -> &'static str {
        match self {
            Self::Accepted => "accepted",
            Self::Postponed => "postponed",
            Self::Refused => "refused",
        }
    }
}

/// The terms currently in force on the platform of `child`, if the school published any.
pub async fn current_terms(
    db: &DatabaseConnection,
    child: &student::Model,
) -> Result<Option<terms_version::Model>, DbErr> {
    terms_version::Entity::find()
        .filter(terms_version::Column::PlatformId.eq(child.platform_id))
        .order_by_desc(terms_version::Column::Version)
        .one(db)
        .await
}

/// Whether "Ignorer" is still offered for these terms: until their deadline, in Brussels time.
pub fn can_postpone(terms: &terms_version::Model) -> bool {
    let today = Utc::now().with_timezone(&Brussels).date_naive();
    terms
        .postpone_until
        .is_some_and(|deadline| today <= deadline)
}

/// Where the parent stands with `terms` (the current terms of `child`'s school, if any).
async fn terms_standing(
    db: &DatabaseConnection,
    session: &CurrentSession,
    child: &student::Model,
    terms: Option<&terms_version::Model>,
) -> Result<TermsStanding, DbErr> {
    let Some(terms) = terms else {
        return Ok(TermsStanding::NoneToAccept);
    };
    let decisions = consent::Entity::find()
        .filter(consent::Column::AccountId.eq(session.account_id))
        .filter(consent::Column::StudentId.eq(child.id))
        .filter(consent::Column::TermsVersionId.eq(terms.id))
        .all(db)
        .await?;
    let decided = |decision: Decision| {
        decisions
            .iter()
            .filter(move |d| d.decision == decision.code())
    };
    Ok(if decided(Decision::Accepted).next().is_some() {
        TermsStanding::Accepted
    } else if decided(Decision::Postponed).any(|d| d.session_id.as_deref() == Some(&session.id)) {
        TermsStanding::PostponedForThisSession
    } else {
        TermsStanding::Pending
    })
}

/// A signed-in parent as the journey sees them. Loaded once per request, so that the server
/// function that checked the step goes on with the same rows instead of reading them again.
#[derive(Debug, Clone)]
pub struct Standing {
    pub account: parent_account::Model,
    /// The child the session shows: the one whose identifier opened it, or the one chosen since.
    pub child: student::Model,
    /// How the account reaches that child.
    pub slot: parent_slot::Model,
    /// The current terms of the child's school, if it published any.
    pub terms: Option<terms_version::Model>,
    pub facts: JourneyFacts,
}

impl Standing {
    pub fn step(&self) -> JourneyStep {
        next_step(self.facts)
    }
}

/// What the journey middleware found for a page request. It travels in the request's extensions
/// to the server functions that render the page, so that they don't read it all again.
#[derive(Debug, Clone)]
pub struct CheckedPage {
    pub session: CurrentSession,
    pub standing: std::sync::Arc<Standing>,
}

pub async fn standing(
    db: &DatabaseConnection,
    session: &CurrentSession,
) -> Result<Standing, AppError> {
    let account = accounts::account(db, session.account_id).await?;
    // A child whose slot was taken back by the school is no longer reachable from this session.
    let slot = children::linked_slot(db, account.id, session.student_id)
        .await?
        .ok_or(AppError::NotSignedIn)?;
    let child = accounts::child(db, session.student_id).await?;
    let terms = current_terms(db, &child).await?;
    let facts = JourneyFacts {
        terms: terms_standing(db, session, &child, terms.as_ref()).await?,
        has_own_password: account.password_hash.is_some(),
        link_confirmed: slot.link_confirmed_at.is_some(),
        profile_complete: accounts::profile_is_complete(&account),
    };
    Ok(Standing {
        account,
        child,
        slot,
        terms,
        facts,
    })
}

pub async fn step(
    db: &DatabaseConnection,
    session: &CurrentSession,
) -> Result<JourneyStep, AppError> {
    Ok(standing(db, session).await?.step())
}

/// Refuses unless the parent stands exactly at `expected`: a step can't be skipped nor replayed.
pub async fn require_step(
    db: &DatabaseConnection,
    session: &CurrentSession,
    expected: JourneyStep,
) -> Result<Standing, AppError> {
    let standing = standing(db, session).await?;
    match standing.step() {
        current if current == expected => Ok(standing),
        current => Err(AppError::StepRequired(current)),
    }
}

/// Records a decision on the terms `version` shown to the parent. Terms replaced in the meantime
/// are refused, so nobody accepts a text they did not see.
pub async fn decide_terms(
    db: &DatabaseConnection,
    session: &CurrentSession,
    version: i32,
    decision: Decision,
) -> Result<(), AppError> {
    let Standing { child, terms, .. } = require_step(db, session, JourneyStep::Terms).await?;
    let Some(terms) = terms.filter(|terms| terms.version == version) else {
        return Err(AppError::Refused(
            "Les conditions d'utilisation viennent d'être mises à jour : relisez la nouvelle version.".into(),
        ));
    };
    if decision == Decision::Postponed && !can_postpone(&terms) {
        return Err(AppError::Refused("Le délai pour reporter votre réponse est dépassé : acceptez ou refusez les conditions.".into()));
    }
    consent::ActiveModel {
        account_id: Set(session.account_id),
        student_id: Set(child.id),
        terms_version_id: Set(terms.id),
        decision: Set(decision.code().to_owned()),
        session_id: Set((decision == Decision::Postponed).then(|| session.id.clone())),
        decided_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// The platform of a child.
pub async fn platform_of(
    db: &DatabaseConnection,
    child: &student::Model,
) -> Result<platform::Model, AppError> {
    platform::Entity::find_by_id(child.platform_id)
        .one(db)
        .await?
        .ok_or(AppError::Internal)
}
