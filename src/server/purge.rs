//! Deleting what no rule needs any more: sessions past their end, mailed links used or expired,
//! sign-in codes and second-factor waits spent, mails sent a month ago, browsers unseen for a year, throttle counters every policy has forgotten,
//! and audit events past their retention. Staff run
//! it with `cartable purge`; `cartable serve` runs it every day. Each kind follows the rule its own
//! module applies, so that the purge never deletes a row that could still change an answer.
use super::{
    clock::Clock,
    config::Settings,
    entities::{
        audit_event, known_browser, mailed_link, outbox_mail, second_factor_wait, session,
        sign_in_code, throttle as throttle_counter,
    },
    known_browsers, mailed_links, outbox, second_factor_waits, sessions, sign_in_codes, throttle,
};
use chrono::Duration;
use sea_orm::{ColumnTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter};
use serde::Serialize;

/// How long rows are kept: a session's idle time (its absolute end is on its row), and the audit
/// log's retention.
#[derive(Debug, Clone, Copy)]
pub struct Retention {
    pub session_idle: Duration,
    pub audit_events: Duration,
}

impl Retention {
    pub fn of(settings: &Settings) -> Self {
        Self {
            session_idle: settings.session_idle,
            audit_events: settings.audit_retention,
        }
    }
}

/// How many rows of each kind one purge deleted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Purged {
    pub sessions: u64,
    pub mailed_links: u64,
    /// Staff members' password links used or expired.
    pub staff_links: u64,
    /// Class lists pasted more than a day ago and never imported.
    pub staff_imports: u64,
    /// Mailed sign-in codes, and sign-ins that waited for a second factor, spent.
    pub sign_in_codes: u64,
    pub known_browsers: u64,
    /// Mails sent a month ago, or given up three months ago.
    pub mails: u64,
    pub throttle_counters: u64,
    pub audit_events: u64,
}

pub async fn run(
    db: &DatabaseConnection,
    clock: &Clock,
    retention: Retention,
) -> Result<Purged, DbErr> {
    let now = clock.now();
    let sessions = session::Entity::delete_many()
        .filter(sessions::over(now, retention.session_idle))
        .exec(db)
        .await?;
    let links = mailed_link::Entity::delete_many()
        .filter(mailed_links::spent(now))
        .exec(db)
        .await?;
    let codes = sign_in_code::Entity::delete_many()
        .filter(sign_in_codes::spent(now))
        .exec(db)
        .await?;
    let waits = second_factor_wait::Entity::delete_many()
        .filter(second_factor_waits::spent(now))
        .exec(db)
        .await?;
    let mails = outbox_mail::Entity::delete_many()
        .filter(outbox::spent(now))
        .exec(db)
        .await?;
    let browsers = known_browser::Entity::delete_many()
        .filter(known_browsers::forgotten(now))
        .exec(db)
        .await?;
    let counters = throttle_counter::Entity::delete_many()
        .filter(throttle::forgotten(now))
        .exec(db)
        .await?;
    let staff = super::staff::sessions::purge(db, now, retention.session_idle).await?;
    let events = audit_event::Entity::delete_many()
        .filter(audit_event::Column::At.lt(now - retention.audit_events))
        .exec(db)
        .await?;
    Ok(Purged {
        sessions: sessions.rows_affected + staff.sessions,
        staff_links: staff.links,
        staff_imports: staff.imports,
        mailed_links: links.rows_affected,
        sign_in_codes: codes.rows_affected + waits.rows_affected,
        known_browsers: browsers.rows_affected,
        mails: mails.rows_affected,
        throttle_counters: counters.rows_affected,
        audit_events: events.rows_affected,
    })
}
