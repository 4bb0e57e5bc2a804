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
    ColumnTrait, Condition, DatabaseConnection, DbErr, EntityTrait, QueryFilter, Set,
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

/// Mails a parent can make the site send (a confirmation again, a new address, a reset link), per
/// account and per address: five in an hour, then none until the hour is over. Nobody can use
/// Cartable to flood a mailbox, nor get its mails marked as spam.
pub const MAIL: Policy = Policy {
    free: 4,
    first_lock_seconds: 60 * 60,
    longest_lock_seconds: 60 * 60,
    forget_after_hours: 1,
};

/// Counts one mail to `address` (for `account_id`, when one asked), or refuses past the hour's
/// allowance of either.
pub async fn count_mail(
    db: &DatabaseConnection,
    clock: &Clock,
    account_id: Option<i32>,
    address: &str,
) -> ServiceResult<()> {
    let mut keys = vec![Key::new("mail-to", address, MAIL)];
    if let Some(id) = account_id {
        keys.push(Key::new("mail-account", &id.to_string(), MAIL));
    }
    match reserve(db, clock, &keys).await {
        // Every mail counts: the reservation is never given back.
        Ok(_counted) => Ok(()),
        Err(ServiceError::Locked {
            retry_after_seconds,
        }) => Err(ServiceError::TooManyMails {
            retry_after_seconds,
        }),
        Err(other) => Err(other),
    }
}

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
async fn check(db: &DatabaseConnection, clock: &Clock, keys: &[Key]) -> ServiceResult<()> {
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

/// One attempt taken from a key, and what is needed to give it back.
struct Taken {
    name: String,
    free: i32,
    /// The key's count with this attempt.
    count: i32,
    /// The key's lock before this attempt (none, or one that had run out).
    locked_before: Option<DateTime<Utc>>,
}

/// Attempts taken from the keys' allowances before the secret is checked: the attempt counts as a
/// failure unless it is given back ([`give_back`]).
#[must_use = "an attempt is counted as failed unless given back"]
pub struct Reservation(Vec<Taken>);

/// Takes one attempt from `key` unless it is locked. The count is compared and swapped in one
/// UPDATE, so that concurrent requests on every instance each take their own attempt, and the one
/// that uses the last free attempt sets the lock before any other request can pass.
async fn take(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    key: &Key,
) -> Result<Option<Taken>, DbErr> {
    let forget_before = now - Duration::hours(key.policy.forget_after_hours);
    loop {
        throttle::Entity::insert(throttle::ActiveModel {
            key: Set(key.name.clone()),
            failures: Set(0),
            last_failure_at: Set(now),
            locked_until: Set(None),
        })
        .on_conflict_do_nothing_on([throttle::Column::Key])
        .exec(db)
        .await?;
        // A concurrent success may have deleted the row: then start again.
        let Some(row) = throttle::Entity::find_by_id(key.name.clone())
            .one(db)
            .await?
        else {
            continue;
        };
        if row.locked_until.is_some_and(|until| until > now) {
            return Ok(None);
        }
        let forgotten = row.last_failure_at < forget_before;
        let count = if forgotten { 0 } else { row.failures } + 1;
        let locked_until = lock_seconds(key.policy, count).map(|s| now + Duration::seconds(s));
        let swapped = throttle::Entity::update_many()
            .col_expr(throttle::Column::Failures, Expr::value(count))
            .col_expr(throttle::Column::LastFailureAt, Expr::value(now))
            .col_expr(throttle::Column::LockedUntil, Expr::value(locked_until))
            .filter(throttle::Column::Key.eq(&key.name))
            .filter(throttle::Column::Failures.eq(row.failures))
            .filter(
                Condition::any()
                    .add(throttle::Column::LockedUntil.is_null())
                    .add(throttle::Column::LockedUntil.lte(now)),
            )
            .exec(db)
            .await?;
        // Another request took an attempt in between: read the key again.
        if swapped.rows_affected == 1 {
            return Ok(Some(Taken {
                name: key.name.clone(),
                free: key.policy.free,
                count,
                locked_before: row.locked_until,
            }));
        }
    }
}

/// Takes one attempt from every key before the secret is checked, or refuses (taking none) while
/// any key is locked, saying when to try again.
pub async fn reserve(
    db: &DatabaseConnection,
    clock: &Clock,
    keys: &[Key],
) -> ServiceResult<Reservation> {
    let now = clock.now();
    let mut taken = Vec::new();
    for key in keys {
        match take(db, now, key).await? {
            Some(attempt) => taken.push(attempt),
            None => {
                give_back(db, Reservation(taken)).await?;
                // The longest lock among the keys; one just lifted still says "locked".
                check(db, clock, keys).await?;
                return Err(ServiceError::Locked {
                    retry_after_seconds: 1,
                });
            }
        }
    }
    Ok(Reservation(taken))
}

/// Gives the attempts back: the outcome was a success or did not count (a malformed form, a step
/// out of order, a busy server).
async fn give_back(db: &DatabaseConnection, reservation: Reservation) -> Result<(), DbErr> {
    for taken in reservation.0 {
        // Nobody took an attempt since ours: the lock we may have set is undone. Otherwise the
        // lock stays only while the remaining attempts are past the free ones.
        let lock = Expr::case(
            throttle::Column::Failures.eq(taken.count),
            Expr::value(taken.locked_before),
        )
        .case(
            throttle::Column::Failures.lte(taken.free + 1),
            Expr::value(None::<DateTime<Utc>>),
        )
        .finally(Expr::col(throttle::Column::LockedUntil));
        throttle::Entity::update_many()
            .col_expr(
                throttle::Column::Failures,
                sea_orm::sea_query::ExprTrait::sub(Expr::col(throttle::Column::Failures), 1),
            )
            .col_expr(throttle::Column::LockedUntil, lock.into())
            .filter(throttle::Column::Key.eq(&taken.name))
            .filter(throttle::Column::Failures.gt(0))
            .exec(db)
            .await?;
    }
    Ok(())
}

/// Runs `work` if an attempt can be taken from every key, and gives the attempt back unless its
/// refusal is one that `counts` (a wrong password, not a malformed form: the caller's rule).
pub async fn attempt<T>(
    db: &DatabaseConnection,
    clock: &Clock,
    keys: &[Key],
    counts: impl Fn(&ServiceError) -> bool,
    work: impl std::future::Future<Output = ServiceResult<T>>,
) -> ServiceResult<T> {
    let reservation = reserve(db, clock, keys).await?;
    let result = work.await;
    if !result.as_ref().err().is_some_and(counts) {
        give_back(db, reservation).await?;
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

/// Every policy, so that the purge keeps a row as long as any of them may still count it: a new
/// policy belongs here too.
const POLICIES: [Policy; 4] = [ACCOUNT, IP, RESET, MAIL];

/// The rows no policy remembers at `now`: quiet for longer than the longest forget time, and not
/// locked. Deleting them changes no answer ([`take`] would start them again from zero).
pub fn forgotten(now: DateTime<Utc>) -> Condition {
    let longest = POLICIES.iter().map(|p| p.forget_after_hours).max();
    let quiet_since = now - Duration::hours(longest.unwrap_or_default());
    Condition::all()
        .add(throttle::Column::LastFailureAt.lt(quiet_since))
        .add(
            Condition::any()
                .add(throttle::Column::LockedUntil.is_null())
                .add(throttle::Column::LockedUntil.lte(now)),
        )
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
