//! What every parent's home page in a school and class shares (the administrators, the latest
//! news, the month's marked days and its coming events) kept in memory for at most a second.
//!
//! An entry serves only requests that read the same school revision with the parent's standing.
//! The database raises that revision in the same transaction as any change to those rows
//! (migration `school_revisions`), so every instance, the command line's changes and the tests'
//! included, shows a change on its next request. The second bounds only what time alone changes:
//! a news item scheduled for now.
use super::{
    calendar,
    clock::Clock,
    entities::{event, news},
    error::ServiceResult,
    lookups,
};
use crate::domain::calendar::Month;
use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use sea_orm::DatabaseConnection;
use std::{
    collections::HashMap,
    sync::{Arc, Mutex, PoisonError},
};
use tokio::sync::OnceCell;

/// How many news items the home page lists.
const HOME_NEWS: u64 = 5;
/// How many of this month's coming events the home page lists under its grid.
const HOME_EVENTS: u64 = 8;
/// How long an entry serves, by the clock, even while the school's revision stays the same.
const FRESH_FOR: TimeDelta = TimeDelta::seconds(1);
/// Past this many entries, the stale ones are dropped before a new one is made.
const TIDY_ABOVE: usize = 1024;

/// The rows a school's home pages share, for one class (or none) and one day.
pub struct SchoolShare {
    /// "En cas de problèmes": the platform administrators' addresses.
    pub admins: Vec<String>,
    pub news: Vec<news::Model>,
    /// The days of today's month that have events, and the first of those events to come.
    pub marked: Vec<NaiveDate>,
    pub coming: Vec<event::Model>,
}

#[derive(Default)]
pub struct SchoolCache {
    entries: Mutex<HashMap<Key, Entry>>,
}

#[derive(Hash, PartialEq, Eq)]
struct Key {
    platform_id: i32,
    class: Option<String>,
    today: NaiveDate,
}

struct Entry {
    revision: i64,
    made_at: DateTime<Utc>,
    /// Filled by the first request that needs it; those arriving meanwhile wait for that read
    /// instead of running the same queries.
    share: Arc<OnceCell<Arc<SchoolShare>>>,
}

impl Entry {
    fn serves(&self, revision: i64, now: DateTime<Utc>) -> bool {
        self.revision == revision && self.is_recent(now)
    }

    /// Within a second either way: a request may have read the clock just before the one that
    /// made the entry, and a clock moved back (tests do) makes an entry stale too.
    fn is_recent(&self, now: DateTime<Utc>) -> bool {
        (now - self.made_at).abs() < FRESH_FOR
    }
}

impl SchoolCache {
    /// The share of `platform_id`'s `class` today, read from the database unless an entry made
    /// at `revision` less than a second ago has it.
    pub async fn share(
        &self,
        db: &DatabaseConnection,
        clock: &Clock,
        platform_id: i32,
        class: Option<&str>,
        revision: i64,
    ) -> ServiceResult<Arc<SchoolShare>> {
        let (now, today) = (clock.now(), clock.today());
        let key = Key {
            platform_id,
            class: class.map(str::to_owned),
            today,
        };
        let cell = self.cell(key, revision, now);
        let share = cell
            .get_or_try_init(|| async {
                read(db, platform_id, class, now, today).await.map(Arc::new)
            })
            .await?;
        Ok(Arc::clone(share))
    }

    fn cell(&self, key: Key, revision: i64, now: DateTime<Utc>) -> Arc<OnceCell<Arc<SchoolShare>>> {
        // Held for a map lookup only, never across a query.
        let mut entries = self.entries.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(entry) = entries.get(&key)
            && entry.serves(revision, now)
        {
            return Arc::clone(&entry.share);
        }
        if entries.len() >= TIDY_ABOVE {
            entries.retain(|_, entry| entry.is_recent(now));
        }
        let share = Arc::new(OnceCell::new());
        let made_at = now;
        entries.insert(
            key,
            Entry {
                revision,
                made_at,
                share: Arc::clone(&share),
            },
        );
        share
    }
}

/// Four queries, whatever the amount of news and events.
async fn read(
    db: &DatabaseConnection,
    platform_id: i32,
    class: Option<&str>,
    now: DateTime<Utc>,
    today: NaiveDate,
) -> ServiceResult<SchoolShare> {
    let month = Month::of(today);
    Ok(SchoolShare {
        admins: lookups::admins_of(db, platform_id).await?,
        news: super::news::latest(db, platform_id, class, now, HOME_NEWS).await?,
        marked: calendar::marked_days(db, platform_id, class, month).await?,
        coming: calendar::coming_in_month(db, platform_id, class, month, today, HOME_EVENTS)
            .await?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(revision: i64, made_at: DateTime<Utc>) -> Entry {
        Entry {
            revision,
            made_at,
            share: Arc::new(OnceCell::new()),
        }
    }

    #[test]
    fn an_entry_serves_its_revision_for_less_than_a_second() {
        let made_at = Utc::now();
        let made = entry(7, made_at);
        assert!(made.serves(7, made_at));
        assert!(made.serves(7, made_at + TimeDelta::milliseconds(999)));
        assert!(!made.serves(7, made_at + FRESH_FOR), "a second later");
        assert!(!made.serves(8, made_at), "after a change");
        assert!(
            !made.serves(7, made_at - TimeDelta::seconds(1)),
            "a clock moved back"
        );
    }

    #[test]
    fn requests_share_a_fresh_entry_and_a_change_makes_a_new_one() {
        let cache = SchoolCache::default();
        let now = Utc::now();
        let key = |class: &str| Key {
            platform_id: 1,
            class: Some(class.to_owned()),
            today: now.date_naive(),
        };
        let first = cache.cell(key("3B"), 1, now);
        assert!(Arc::ptr_eq(&first, &cache.cell(key("3B"), 1, now)));
        assert!(
            !Arc::ptr_eq(&first, &cache.cell(key("4A"), 1, now)),
            "another class"
        );
        assert!(
            !Arc::ptr_eq(&first, &cache.cell(key("3B"), 2, now)),
            "a new revision"
        );
    }
}
