//! Where a signed-in parent stands in the first sign-in journey, and their decisions on the terms.
use super::{
    accounts,
    clock::Clock,
    db,
    entities::{
        consent::{self, Decision},
        parent_account, parent_slot, student, terms_version,
    },
    error::{ServiceError, ServiceResult},
    sessions::CurrentSession,
    terms,
};
use crate::domain::journey::{JourneyFacts, JourneyStep, TermsStanding, next_step};
use sea_orm::{
    ActiveEnum, ActiveModelTrait, ConnectionTrait, DatabaseConnection, FromQueryResult, Set,
};
use std::sync::LazyLock;

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
    /// The child's school's revision, raised by the database whenever what its pages share
    /// changes (see `school_cache`).
    pub school_revision: i64,
}

impl Standing {
    pub fn step(&self) -> JourneyStep {
        next_step(self.facts)
    }
}

/// Where the parent of `session` stands, read in one query: every page and server function of a
/// signed-in parent starts here. `NotSignedIn` when the session names nothing any more: a child
/// whose slot the school took back is no longer reachable from it.
pub async fn standing(
    db: &DatabaseConnection,
    session: &CurrentSession,
) -> ServiceResult<Standing> {
    let values = vec![
        Decision::Accepted.to_value().into(),
        Decision::Postponed.to_value().into(),
        session.id.clone().into(),
        session.account_id.into(),
        session.student_id.into(),
    ];
    let query = db::statement(db.get_database_backend(), &STANDING_QUERY, values);
    let row = db
        .query_one_raw(query)
        .await?
        .ok_or(ServiceError::NotSignedIn)?;
    let account = parent_account::Model::from_query_result(&row, "a_")?;
    let terms = terms_version::Model::from_query_result_optional(&row, "t_")?;
    let terms_standing = if terms.is_none() {
        TermsStanding::NoneToAccept
    } else if row.try_get::<bool>("", "accepted")? {
        TermsStanding::Accepted
    } else if row.try_get::<bool>("", "postponed_here")? {
        TermsStanding::PostponedForThisSession
    } else {
        TermsStanding::Pending
    };
    let slot = parent_slot::Model::from_query_result(&row, "l_")?;
    let facts = JourneyFacts {
        terms: terms_standing,
        has_own_password: account.password_hash.is_some(),
        link_confirmed: slot.link_confirmed_at.is_some(),
        profile_complete: accounts::profile_is_complete(&account),
    };
    Ok(Standing {
        child: student::Model::from_query_result(&row, "c_")?,
        account,
        slot,
        terms,
        facts,
        school_revision: row.try_get("", "school_revision")?,
    })
}

/// The account, the slot that links it to the session's child, the child, its school's current
/// terms and the parent's decisions on them. (The five reads it replaces took a sixth of a home
/// page's time under load.)
static STANDING_QUERY: LazyLock<String> = LazyLock::new(|| {
    format!(
        "SELECT {account}, {slot}, {child}, {terms}, \
           EXISTS (SELECT 1 FROM consents d WHERE d.account_id = a.id AND d.student_id = c.id \
             AND d.terms_version_id = t.id AND d.decision = ?) AS accepted, \
           EXISTS (SELECT 1 FROM consents d WHERE d.account_id = a.id AND d.student_id = c.id \
             AND d.terms_version_id = t.id AND d.decision = ? AND d.session_id = ?) AS postponed_here, \
           p.revision AS school_revision \
         FROM parent_slots l \
         JOIN parent_accounts a ON a.id = l.account_id \
         JOIN students c ON c.id = l.student_id \
         JOIN platforms p ON p.id = c.platform_id \
         LEFT JOIN terms_versions t ON t.platform_id = c.platform_id AND t.version = \
           (SELECT MAX(version) FROM terms_versions WHERE platform_id = c.platform_id) \
         WHERE l.account_id = ? AND l.student_id = ?",
        account = db::columns_as::<parent_account::Entity>("a"),
        slot = db::columns_as::<parent_slot::Entity>("l"),
        child = db::columns_as::<student::Entity>("c"),
        terms = db::columns_as::<terms_version::Entity>("t"),
    )
});

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
