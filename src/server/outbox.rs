//! Mail that loses nothing and is sent once. A service never sends: it writes the mail to the
//! `outbox` table ([`enqueue`]), in the transaction of what caused it when there is one, so that a
//! mail exists exactly when its cause does. The worker of `cartable serve` ([`Worker`]) claims due
//! rows, sends them, and marks each sent at once; a failure is retried with exponential back-off,
//! and a row still failing a day after it was written is given up (`dead`), which administrators
//! see. A claim is a lease: a worker that died mid-send lets its rows go when the lease ends, and
//! another sends them (the one mail the dead worker may have handed over just before dying may
//! then go twice; nothing is ever lost). A sent or given-up mail keeps its recipient, subject and
//! times, not its body: the links and codes in it are the parent's alone. Rows are claimed with `FOR UPDATE SKIP LOCKED` on
//! PostgreSQL, so that several instances share the work without waiting on each other; SQLite
//! runs one write at a time, so its single `UPDATE … RETURNING` is a claim already.
use super::{
    clock::Clock,
    entities::outbox_mail::{self, State},
    mail::{Mail, Mailer},
    push::{Outcome, Payload, Pusher},
};
use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseBackend, DatabaseConnection,
    DbErr, EntityTrait, FromQueryResult, QueryFilter, Set, sea_query::Expr,
};
use std::sync::Arc;
use tokio::sync::Notify;

/// How long a claim holds: far longer than one SMTP conversation.
const LEASE: Duration = Duration::minutes(5);
/// The rows one claim takes.
const BATCH: i64 = 20;
/// After this long without success, a row is given up.
const GIVE_UP_AFTER: Duration = Duration::days(1);
/// The longest wait between two attempts.
const LONGEST_WAIT: Duration = Duration::hours(1);

/// Writes a mail to the outbox, in `db`'s transaction if it is one. The worker is woken by the
/// caller once that transaction is committed ([`Outbox::wake`]).
pub async fn enqueue(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
    mail: Mail,
) -> Result<(), DbErr> {
    outbox_mail::ActiveModel {
        recipient: Set(mail.to),
        subject: Set(mail.subject),
        body: Set(mail.body),
        unsubscribe: Set(mail.unsubscribe),
        ..due_now(now)
    }
    .insert(db)
    .await?;
    Ok(())
}

/// A new row, to be sent at once.
fn due_now(now: DateTime<Utc>) -> outbox_mail::ActiveModel {
    outbox_mail::ActiveModel {
        state: Set(State::Pending),
        attempts: Set(0),
        next_attempt_at: Set(now),
        created_at: Set(now),
        ..Default::default()
    }
}

/// Writes a web push message for one device to the outbox, beside the mail of the same
/// notification.
pub async fn enqueue_push(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
    subscription: i32,
    payload: &Payload,
) -> Result<(), DbErr> {
    let body = serde_json::to_string(payload).map_err(|e| DbErr::Custom(e.to_string()))?;
    outbox_mail::ActiveModel {
        recipient: Set(format!("push:{subscription}")),
        subject: Set(payload.title.clone()),
        body: Set(body),
        push_subscription_id: Set(Some(subscription)),
        ..due_now(now)
    }
    .insert(db)
    .await?;
    Ok(())
}

/// The wait before attempt number `attempts + 1`: 30 s, then doubling, at most an hour.
pub fn back_off(attempts: i32) -> Duration {
    let doubled = Duration::seconds(30) * 2_i32.saturating_pow(attempts.clamp(0, 20) as u32);
    doubled.min(LONGEST_WAIT)
}

/// Claims up to [`BATCH`] due rows for `worker` until `now + LEASE`.
pub async fn claim(
    db: &impl ConnectionTrait,
    worker: &str,
    now: DateTime<Utc>,
) -> Result<Vec<outbox_mail::Model>, DbErr> {
    let backend = db.get_database_backend();
    let lock = match backend {
        DatabaseBackend::Postgres => "FOR UPDATE SKIP LOCKED",
        _ => "",
    };
    let sql = format!(
        "UPDATE outbox SET claimed_by = ?, claimed_until = ? \
         WHERE id IN (SELECT id FROM outbox \
           WHERE state = 'pending' AND next_attempt_at <= ? \
             AND (claimed_until IS NULL OR claimed_until <= ?) \
           ORDER BY id LIMIT {BATCH} {lock}) \
         RETURNING *"
    );
    let values = vec![worker.into(), (now + LEASE).into(), now.into(), now.into()];
    let statement = crate::server::db::statement(backend, &sql, values);
    let mut claimed = outbox_mail::Model::find_by_statement(statement)
        .all(db)
        .await?;
    claimed.sort_by_key(|row| row.id);
    Ok(claimed)
}

/// Marks a row this worker claimed as sent.
pub async fn mark_sent(
    db: &impl ConnectionTrait,
    row: &outbox_mail::Model,
    worker: &str,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    end_claim(row, worker)
        .col_expr(outbox_mail::Column::State, Expr::value(State::Sent))
        .col_expr(outbox_mail::Column::SentAt, Expr::value(now))
        // Its links and codes are the parent's alone: kept no longer than needed to send it.
        .col_expr(outbox_mail::Column::Body, Expr::value(""))
        .exec(db)
        .await?;
    Ok(())
}

/// The update that ends this worker's claim on `row`, counting the attempt (a row another worker
/// took over after the lease is left alone).
fn end_claim(row: &outbox_mail::Model, worker: &str) -> sea_orm::UpdateMany<outbox_mail::Entity> {
    outbox_mail::Entity::update_many()
        .col_expr(outbox_mail::Column::Attempts, Expr::value(row.attempts + 1))
        .col_expr(
            outbox_mail::Column::ClaimedUntil,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .filter(outbox_mail::Column::Id.eq(row.id))
        .filter(outbox_mail::Column::ClaimedBy.eq(worker))
}

/// Records a failed attempt: tried again after [`back_off`], or given up a day after the row was
/// written.
pub async fn mark_failed(
    db: &impl ConnectionTrait,
    row: &outbox_mail::Model,
    worker: &str,
    now: DateTime<Utc>,
    error: &str,
) -> Result<(), DbErr> {
    let next = now + back_off(row.attempts);
    let state = if next - row.created_at > GIVE_UP_AFTER {
        State::Dead
    } else {
        State::Pending
    };
    let error: String = error.chars().take(500).collect();
    let body = match state {
        State::Dead => String::new(),
        _ => row.body.clone(),
    };
    end_claim(row, worker)
        .col_expr(outbox_mail::Column::State, Expr::value(state))
        .col_expr(outbox_mail::Column::Body, Expr::value(body))
        .col_expr(outbox_mail::Column::NextAttemptAt, Expr::value(next))
        .col_expr(outbox_mail::Column::LastError, Expr::value(error))
        .exec(db)
        .await?;
    Ok(())
}

/// What sending needs: the rows, the way mail goes, who it is from, and the time.
pub struct Delivery<'a> {
    pub db: &'a DatabaseConnection,
    pub mailer: &'a Mailer,
    pub pusher: &'a Pusher,
    pub from: &'a str,
    pub clock: &'a Clock,
}

/// Claims what is due and sends it, one mail after the other while `go_on` says so; returns how
/// many rows it claimed (those it did not send go back when their lease ends).
pub async fn send_due(
    state: &Delivery<'_>,
    worker: &str,
    go_on: &(dyn Fn() -> bool + Sync),
) -> Result<usize, DbErr> {
    let claimed = claim(state.db, worker, state.clock.now()).await?;
    for row in claimed.iter().take_while(|_| go_on()) {
        // A slow SMTP server may have outlasted the claim: another worker may have the row now.
        if !renew(state.db, row, worker, state.clock.now()).await? {
            continue;
        }
        let sent = match row.push_subscription_id {
            None => send_mail(state, row).await,
            Some(subscription) => push(state, row, subscription).await,
        };
        match sent {
            Ok(()) => mark_sent(state.db, row, worker, state.clock.now()).await?,
            Err(error) => {
                tracing::warn!(id = row.id, attempts = row.attempts + 1, %error, "a mail could not be sent");
                let message = format!("{error:#}");
                mark_failed(state.db, row, worker, state.clock.now(), &message).await?;
            }
        }
    }
    Ok(claimed.len())
}

async fn send_mail(state: &Delivery<'_>, row: &outbox_mail::Model) -> anyhow::Result<()> {
    let mail = Mail {
        unsubscribe: row.unsubscribe.clone(),
        to: row.recipient.clone(),
        subject: row.subject.clone(),
        body: row.body.clone(),
    };
    let message_id = format!("outbox-{}.{}", row.id, row.created_at.timestamp());
    state.mailer.send(state.from, mail, &message_id).await
}

/// Posts a push row to its device; a device deleted since, or gone for its push service, is done
/// with (the service's answer deletes the subscription).
async fn push(
    state: &Delivery<'_>,
    row: &outbox_mail::Model,
    subscription: i32,
) -> anyhow::Result<()> {
    use super::entities::push_subscription;
    let Some(device) = push_subscription::Entity::find_by_id(subscription)
        .one(state.db)
        .await?
    else {
        return Ok(());
    };
    let payload: Payload = serde_json::from_str(&row.body)?;
    let keys = state.pusher.keys(state.db, state.clock.now()).await?;
    if state.pusher.send(keys, &device, &payload).await? == Outcome::Gone {
        push_subscription::Entity::delete_by_id(subscription)
            .exec(state.db)
            .await?;
    }
    Ok(())
}

/// Sends one claim's worth of what is due, for a process without a worker (the command line):
/// what it cannot send waits in the outbox for a server's worker.
pub async fn send_some_due(state: &Delivery<'_>, worker: &str) -> Result<(), DbErr> {
    send_due(state, worker, &|| true).await?;
    Ok(())
}

/// Renews this worker's claim on `row` for a whole lease, just before sending it; false when the
/// claim had ended (the row is someone else's to send now).
async fn renew(
    db: &impl ConnectionTrait,
    row: &outbox_mail::Model,
    worker: &str,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let renewed = outbox_mail::Entity::update_many()
        .col_expr(outbox_mail::Column::ClaimedUntil, Expr::value(now + LEASE))
        .filter(outbox_mail::Column::Id.eq(row.id))
        .filter(outbox_mail::Column::ClaimedBy.eq(worker))
        .filter(outbox_mail::Column::ClaimedUntil.gt(now))
        .exec(db)
        .await?;
    Ok(renewed.rows_affected == 1)
}

/// Lets go of the rows this worker claimed and did not send (a server stopping), so that the next
/// start sends them at once instead of after their lease.
pub async fn release(db: &impl ConnectionTrait, worker: &str) -> Result<(), DbErr> {
    outbox_mail::Entity::update_many()
        .col_expr(
            outbox_mail::Column::ClaimedUntil,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .filter(outbox_mail::Column::ClaimedBy.eq(worker))
        .filter(outbox_mail::Column::State.eq(State::Pending))
        .exec(db)
        .await?;
    Ok(())
}

/// How long sent mails are kept (to answer "did it go?"), and mails given up (for the school to
/// see and act on).
const KEEP_SENT: Duration = Duration::days(30);
const KEEP_DEAD: Duration = Duration::days(90);

/// The rows the purge deletes at `now`: sent a month ago, or given up three months ago.
pub fn spent(now: DateTime<Utc>) -> Condition {
    Condition::any()
        .add(
            Condition::all()
                .add(outbox_mail::Column::State.eq(State::Sent))
                .add(outbox_mail::Column::SentAt.lt(now - KEEP_SENT)),
        )
        .add(
            Condition::all()
                .add(outbox_mail::Column::State.eq(State::Dead))
                .add(outbox_mail::Column::CreatedAt.lt(now - KEEP_DEAD)),
        )
}

/// Wakes the worker of this process when a mail was written, and tells whether it is alive.
#[derive(Clone, Default)]
pub struct Outbox {
    wake: Arc<Notify>,
    /// When the worker last went round its loop (Unix seconds; 0 before it starts).
    beat: Arc<std::sync::atomic::AtomicI64>,
}

/// A worker silent for longer (a whole claim's lease) is stuck.
const SILENT_AT_MOST: Duration = LEASE;

impl Outbox {
    /// The worker is going round its loop.
    pub fn beat(&self) {
        let now = Utc::now().timestamp();
        self.beat.store(now, std::sync::atomic::Ordering::Relaxed);
    }

    /// Whether the worker went round its loop within a lease (readiness).
    pub fn worker_alive(&self) -> bool {
        let last = self.beat.load(std::sync::atomic::Ordering::Relaxed);
        last > 0 && Utc::now().timestamp() - last <= SILENT_AT_MOST.num_seconds()
    }

    /// Tells the worker there is something to send (after the transaction that wrote it).
    pub fn wake(&self) {
        self.wake.notify_one();
    }

    /// Waits until woken, or `most` at the longest.
    pub async fn woken_or(&self, most: std::time::Duration) {
        let _ = tokio::time::timeout(most, self.wake.notified()).await;
    }
}

/// The mails given up on that were meant for a school's people (parents holding a letter of one of
/// its students, its staff), newest first: what its administrators see, to reach those parents
/// another way.
pub async fn dead_for_school(
    db: &impl ConnectionTrait,
    platform_id: i32,
) -> Result<Vec<outbox_mail::Model>, DbErr> {
    use super::entities::{parent_account, parent_slot, staff_account, staff_membership, student};
    use sea_orm::{ExprTrait, QueryOrder, QuerySelect, sea_query::Query};
    let parents = Query::select()
        .column((parent_account::Entity, parent_account::Column::Email))
        .from(parent_account::Entity)
        .inner_join(
            parent_slot::Entity,
            Expr::col((parent_slot::Entity, parent_slot::Column::AccountId))
                .equals((parent_account::Entity, parent_account::Column::Id)),
        )
        .inner_join(
            student::Entity,
            Expr::col((student::Entity, student::Column::Id))
                .equals((parent_slot::Entity, parent_slot::Column::StudentId)),
        )
        .and_where(Expr::col((student::Entity, student::Column::PlatformId)).eq(platform_id))
        .to_owned();
    let staff = Query::select()
        .column((staff_account::Entity, staff_account::Column::Email))
        .from(staff_account::Entity)
        .inner_join(
            staff_membership::Entity,
            Expr::col((staff_membership::Entity, staff_membership::Column::StaffId))
                .equals((staff_account::Entity, staff_account::Column::Id)),
        )
        .and_where(
            Expr::col((
                staff_membership::Entity,
                staff_membership::Column::PlatformId,
            ))
            .eq(platform_id),
        )
        .to_owned();
    outbox_mail::Entity::find()
        .filter(outbox_mail::Column::State.eq(State::Dead))
        .filter(
            Condition::any()
                .add(outbox_mail::Column::Recipient.in_subquery(parents))
                .add(outbox_mail::Column::Recipient.in_subquery(staff)),
        )
        .order_by_desc(outbox_mail::Column::Id)
        .limit(50)
        .all(db)
        .await
}
