//! Where a signed-in parent stands in the first sign-in journey, and their decisions on the terms.
use super::{
    accounts,
    clock::Clock,
    entities::{
        consent::{self, Decision},
        parent_account, parent_slot, student, terms_version,
    },
    error::{ServiceError, ServiceResult},
    lookups,
    sessions::CurrentSession,
    terms,
};
use crate::domain::journey::{JourneyFacts, JourneyStep, TermsStanding, next_step};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, Set,
};

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
    let decided = |decision: Decision| decisions.iter().filter(move |d| d.decision == decision);
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

/// Where the parent of `session` stands. `NotSignedIn` when the session names nothing any more: a
/// child whose slot the school took back is no longer reachable from it.
pub async fn standing(
    db: &DatabaseConnection,
    session: &CurrentSession,
) -> ServiceResult<Standing> {
    let account = accounts::of_session(db, session).await?;
    let slot = lookups::linked_slot(db, account.id, session.student_id)
        .await?
        .ok_or(ServiceError::NotSignedIn)?;
    let child = lookups::child(db, session.student_id)
        .await?
        .ok_or(ServiceError::NotSignedIn)?;
    let terms = terms::current(db, child.platform_id).await?;
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

pub async fn step(db: &DatabaseConnection, session: &CurrentSession) -> ServiceResult<JourneyStep> {
    Ok(standing(db, session).await?.step())
}

/// Refuses unless the parent stands exactly at `expected`: a step can't be skipped nor replayed.
pub async fn require_step(
    db: &DatabaseConnection,
    session: &CurrentSession,
    expected: JourneyStep,
) -> ServiceResult<Standing> {
    let standing = standing(db, session).await?;
    match standing.step() {
        current if current == expected => Ok(standing),
        current => Err(ServiceError::StepRequired(current)),
    }
}

/// Records a decision on the terms `version` shown to the parent. Terms replaced in the meantime
/// are refused, so nobody accepts a text they did not see.
#[tracing::instrument(skip_all, fields(account = session.account_id, version))]
pub async fn decide_terms(
    db: &DatabaseConnection,
    clock: &Clock,
    session: &CurrentSession,
    version: i32,
    decision: Decision,
) -> ServiceResult<()> {
    let Standing { child, terms, .. } = require_step(db, session, JourneyStep::Terms).await?;
    let Some(terms) = terms.filter(|terms| terms.version == version) else {
        return Err(ServiceError::TermsReplaced);
    };
    if decision == Decision::Postponed && !terms::can_postpone(&terms, clock.today()) {
        return Err(ServiceError::PostponeOver);
    }
    consent::ActiveModel {
        account_id: Set(session.account_id),
        student_id: Set(child.id),
        terms_version_id: Set(terms.id),
        decision: Set(decision),
        session_id: Set((decision == Decision::Postponed).then(|| session.id.clone())),
        decided_at: Set(clock.now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}
