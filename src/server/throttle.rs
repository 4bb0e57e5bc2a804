//! Progressive delays after failed attempts, in the manner of kanidm's soft lock: a few free tries,
//! then each failure locks the key a little longer, never more than a quarter of an hour, so an
//! attacker can slow a parent down but never lock them out for good. Counters live in the database
//! so that every instance behind a load balancer shares them.
use super::{
    client_address,
    clock::Clock,
    entities::throttle,
    error::{ServiceError, ServiceResult},
};
use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, Set,
    sea_query::Expr,
};

#[derive(Debug, Clone, Copy)]
pub struct Policy {
    /// Failures allowed before the first lock.
    pub free: i32,
    /// The first lock; each further failure doubles it…
    pub first_lock_seconds: i64,
    /// …up to this.
    pub longest_lock_seconds: i64,
    /// A key quiet for this long starts again from zero.
    pub forget_after_hours: i64,
}

/// One parent's login (a child's identifier), or one account linking children.
pub const ACCOUNT: Policy = Policy {
    free: 5,
    first_lock_seconds: 30,
    longest_lock_seconds: 15 * 60,
    forget_after_hours: 24,
};

/// One IP address, whatever it tries. A school's or a library's NAT puts many parents behind one
/// address, so it gets many more tries and forgets within the hour: it stops password spraying,
/// while each parent's own login keeps its tight limit.
pub const IP: Policy = Policy {
    free: 100,
    first_lock_seconds: 10,
    longest_lock_seconds: 15 * 60,
    forget_after_hours: 1,
};

/// Forgotten-password requests, per identifier or address: each one sends a mail.
pub const RESET: Policy = Policy {
    free: 3,
    first_lock_seconds: 60,
    longest_lock_seconds: 15 * 60,
    forget_after_hours: 24,
};

/// A throttled key: its name in the table, and the policy that applies.
pub struct Key {
    pub name: String,
    pub policy: Policy,
}

impl Key {
    pub fn new(kind: &str, value: &str, policy: Policy) -> Self {
        // Long values are cut: a key never grows with what an attacker sends.
        let value: String = value.chars().take(120).collect();
        Self {
            name: format!("{kind}:{value}"),
            policy,
        }
    }

    /// This key and, when the request's address is known, that address's: an IPv6 address counts
    /// as its /64, which an attacker would otherwise rotate through.
    pub fn and_ip(self, ip: Option<&str>) -> Vec<Self> {
        let ip = ip.map(|ip| Self::new("ip", &client_address::throttle_scope(ip), IP));
        std::iter::once(self).chain(ip).collect()
    }
}

fn lock_seconds(policy: Policy, failures: i32) -> Option<i64> {
    let over = failures - policy.free;
    (over > 0).then(|| {
        let doubled = policy
            .first_lock_seconds
            .saturating_mul(1_i64 << (over - 1).min(20));
        doubled.min(policy.longest_lock_seconds)
    })
}

/// Refuses while any of `keys` is locked, saying when to try again.
pub async fn check(db: &DatabaseConnection, clock: &Clock, keys: &[Key]) -> ServiceResult<()> {
    let names: Vec<&str> = keys.iter().map(|key| key.name.as_str()).collect();
    let now = clock.now();
    let locked_until = throttle::Entity::find()
        .filter(throttle::Column::Key.is_in(names))
        .all(db)
        .await?
        .into_iter()
        .filter_map(|row| row.locked_until)
        .filter(|until| *until > now)
        .max();
    match locked_until {
        Some(until) => Err(ServiceError::Locked {
            retry_after_seconds: (until - now).num_seconds().max(1) as u64,
        }),
        None => Ok(()),
    }
}

/// Counts a failure against every key, locking those past their free attempts.
pub async fn fail(db: &DatabaseConnection, clock: &Clock, keys: &[Key]) -> Result<(), DbErr> {
    let now = clock.now();
    for key in keys {
        let forget_before = now - Duration::hours(key.policy.forget_after_hours);
        // Create the row if needed, then count atomically, so that concurrent failures on several
        // instances all count.
        throttle::Entity::insert(throttle::ActiveModel {
            key: Set(key.name.clone()),
            failures: Set(0),
            last_failure_at: Set(now),
            locked_until: Set(None),
        })
        .on_conflict_do_nothing_on([throttle::Column::Key])
        .exec(db)
        .await?;
        throttle::Entity::update_many()
            .col_expr(throttle::Column::Failures, Expr::value(0))
            .filter(throttle::Column::Key.eq(&key.name))
            .filter(throttle::Column::LastFailureAt.lt(forget_before))
            .exec(db)
            .await?;
        throttle::Entity::update_many()
            .col_expr(
                throttle::Column::Failures,
                sea_orm::sea_query::ExprTrait::add(Expr::col(throttle::Column::Failures), 1),
            )
            .col_expr(throttle::Column::LastFailureAt, Expr::value(now))
            .filter(throttle::Column::Key.eq(&key.name))
            .exec(db)
            .await?;
        let Some(row) = throttle::Entity::find_by_id(key.name.clone())
            .one(db)
            .await?
        else {
            continue;
        };
        if let Some(seconds) = lock_seconds(key.policy, row.failures) {
            let until: DateTime<Utc> = now + Duration::seconds(seconds);
            throttle::ActiveModel {
                key: Set(row.key),
                locked_until: Set(Some(until)),
                ..Default::default()
            }
            .update(db)
            .await?;
        }
    }
    Ok(())
}

/// Runs `work` unless a key is locked, and counts a failure against every key when its refusal is
/// one that `counts` (a wrong password, not a malformed form: the caller's rule).
pub async fn attempt<T>(
    db: &DatabaseConnection,
    clock: &Clock,
    keys: &[Key],
    counts: impl Fn(&ServiceError) -> bool,
    work: impl std::future::Future<Output = ServiceResult<T>>,
) -> ServiceResult<T> {
    check(db, clock, keys).await?;
    let result = work.await;
    if result.as_ref().err().is_some_and(counts) {
        fail(db, clock, keys).await?;
    }
    result
}

/// A success clears the key (an IP's count is never cleared by one success).
pub async fn clear(db: &DatabaseConnection, key: &Key) -> Result<(), DbErr> {
    throttle::Entity::delete_by_id(key.name.clone())
        .exec(db)
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locks_start_after_the_free_attempts_double_and_stop_growing() {
        assert_eq!(lock_seconds(ACCOUNT, 5), None);
        assert_eq!(lock_seconds(ACCOUNT, 6), Some(30));
        assert_eq!(lock_seconds(ACCOUNT, 7), Some(60));
        assert_eq!(lock_seconds(ACCOUNT, 9), Some(240));
        assert_eq!(lock_seconds(ACCOUNT, 12), Some(15 * 60));
        assert_eq!(lock_seconds(ACCOUNT, 1000), Some(15 * 60));
    }

    fn ip_key(ip: &str) -> String {
        let keys = Key::new("login", "x", ACCOUNT).and_ip(Some(ip));
        keys[1].name.clone()
    }

    #[test]
    fn two_ipv6_addresses_of_one_64_share_their_key_ipv4_addresses_do_not() {
        assert_eq!(ip_key("2001:db8:1:2::1"), "ip:2001:db8:1:2::/64");
        assert_eq!(
            ip_key("2001:db8:1:2:aaaa:bbbb:cccc:dddd"),
            ip_key("2001:db8:1:2::1")
        );
        assert_ne!(ip_key("2001:db8:1:3::1"), ip_key("2001:db8:1:2::1"));
        assert_eq!(ip_key("203.0.113.9"), "ip:203.0.113.9");
        assert_ne!(ip_key("203.0.113.9"), ip_key("203.0.113.10"));
        assert_eq!(Key::new("login", "x", ACCOUNT).and_ip(None).len(), 1);
    }
}
