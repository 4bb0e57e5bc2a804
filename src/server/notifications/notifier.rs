//! Delivers notifications as each parent chose. Run by the worker of `cartable serve` beside the
//! outbox: it tells parents of the news whose publication date came, then takes the notifications
//! due and, per parent, drops those they turned off, puts off to the morning's digest or past their
//! quiet hours those that must wait, and writes one mail for the rest (several are bundled), and one
//! push message to each device that allowed it. The mail, the push messages and the notifications
//! they carry are marked in one transaction, and the rows are locked
//! while it runs (`FOR UPDATE SKIP LOCKED` on PostgreSQL; SQLite runs one writer at a time), so
//! that two instances never mail one notification twice.
use super::{Settings, preferences, settings};
use crate::{
    domain::{
        notifications::{Delivery, Kind},
        routes,
    },
    i18n::td_string,
    language::Locale,
    server::{
        AppState,
        accounts::language_or,
        audience,
        clock::{brussels, from_brussels},
        db::write_transaction,
        entities::{news, notification, parent_account, student},
        error::ServiceResult,
        mail::Mail,
        outbox,
        push::{self, Payload},
    },
};
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseBackend, EntityTrait, IntoActiveModel,
    QueryFilter, QueryOrder, QuerySelect, Set,
    sea_query::{Expr, LockBehavior, LockType},
};
use std::collections::BTreeMap;

/// The notifications one pass takes.
const BATCH: u64 = 500;

/// One pass: the news come out, then the notifications due. Returns how many were handled.
pub async fn deliver_due(
    state: &AppState,
    db: &sea_orm::DatabaseConnection,
) -> ServiceResult<usize> {
    let now = state.clock.now();
    news_come_out(db, now).await?;
    let due = || {
        notification::Entity::find()
            .filter(notification::Column::HandledAt.is_null())
            .filter(notification::Column::DeliverAfter.lte(now))
    };
    // Most passes find nothing: they take no write lock for it.
    if due().one(db).await?.is_none() {
        return Ok(0);
    }
    let txn = write_transaction(db).await?;
    let mut due = due()
        .order_by_asc(notification::Column::AccountId)
        .order_by_asc(notification::Column::Id)
        .limit(BATCH);
    if txn.get_database_backend() == DatabaseBackend::Postgres {
        due = due.lock_with_behavior(LockType::Update, LockBehavior::SkipLocked);
    }
    let due = due.all(&txn).await?;
    let handled = due.len();
    let mut by_account: BTreeMap<i32, Vec<notification::Model>> = BTreeMap::new();
    for row in due {
        by_account.entry(row.account_id).or_default().push(row);
    }
    for (account, rows) in by_account {
        deliver_to(state, &txn, account, rows, now).await?;
    }
    txn.commit().await?;
    if handled > 0 {
        state.outbox.wake();
    }
    Ok(handled)
}

/// Tells the parents of news whose publication date has come (those published at once were told
/// when written).
async fn news_come_out(db: &sea_orm::DatabaseConnection, now: DateTime<Utc>) -> ServiceResult<()> {
    let out = news::Entity::find()
        .filter(news::Column::NotifiedAt.is_null())
        .filter(news::Column::PublishedAt.lte(now))
        .all(db)
        .await?;
    for item in out {
        let txn = write_transaction(db).await?;
        // Another instance told them first.
        let marked = news::Entity::update_many()
            .col_expr(news::Column::NotifiedAt, Expr::value(now))
            .filter(news::Column::Id.eq(item.id))
            .filter(news::Column::NotifiedAt.is_null())
            .exec(&txn)
            .await?;
        if marked.rows_affected == 1 {
            tell_news(&txn, now, &item).await?;
        }
        txn.commit().await?;
    }
    Ok(())
}

/// Tells the parents of a news item's audience (its classes, or the whole school).
pub async fn tell_news(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
    item: &news::Model,
) -> ServiceResult<usize> {
    let classes = audience::classes_of_news(db, vec![item.id])
        .await?
        .remove(&item.id)
        .unwrap_or_default();
    let students = students_of(db, item.platform_id, &classes).await?;
    let link = routes::news_item(item.id);
    Ok(super::tell_parents_of(db, now, students, Kind::News, &item.title, &link).await?)
}

/// The students of `classes` in a school (all of them when none is named).
pub async fn students_of(
    db: &impl ConnectionTrait,
    platform: i32,
    classes: &[String],
) -> Result<Vec<i32>, sea_orm::DbErr> {
    let mut query = student::Entity::find()
        .select_only()
        .column(student::Column::Id)
        .filter(student::Column::PlatformId.eq(platform));
    if !classes.is_empty() {
        query = query.filter(student::Column::ClassName.is_in(classes.iter().cloned()));
    }
    query.into_tuple().all(db).await
}

/// What becomes of one notification in this pass.
enum Decision {
    /// Turned off (or no address): handled, never sent.
    Drop,
    Now,
    /// Until this time of the school's day.
    Wait(chrono::NaiveDateTime),
}

/// Decides, for one parent, what goes now, what waits, and what is dropped.
async fn deliver_to(
    state: &AppState,
    db: &impl ConnectionTrait,
    account: i32,
    rows: Vec<notification::Model>,
    now: DateTime<Utc>,
) -> ServiceResult<()> {
    let parent = parent_account::Entity::find_by_id(account).one(db).await?;
    let chosen = preferences(db, account).await?;
    let settings = settings(db, account).await?;
    let devices = match settings.by_push {
        true => push::of_account(db, account).await?,
        false => Vec::new(),
    };
    let by_mail = settings.by_mail && parent.as_ref().is_some_and(|p| p.email.is_some());
    let reachable = by_mail || !devices.is_empty();
    let local = brussels(now).naive_local();
    let mut going = Vec::new();
    for row in rows {
        let kind = kind_of(&row);
        let delivery = row
            .student_id
            .and_then(|student| chosen.get(&(student, kind)).copied())
            .unwrap_or(kind.default_delivery());
        let decision = match () {
            _ if !reachable || (delivery == Delivery::Off && !row.urgent) => Decision::Drop,
            _ if row.urgent || row.deferred => Decision::Now,
            _ if delivery == Delivery::Digest => Decision::Wait(settings.quiet.next_digest(local)),
            _ if settings.quiet.contain(local) => Decision::Wait(settings.quiet.end_after(local)),
            _ => Decision::Now,
        };
        match decision {
            // Turned off, or no address: nothing to send, ever.
            Decision::Drop => mark_handled(db, row, now).await?,
            Decision::Now => going.push(row),
            Decision::Wait(local_time) => {
                let at = from_brussels(local_time).unwrap_or(now + chrono::Duration::hours(1));
                let mut later = row.into_active_model();
                later.deliver_after = Set(at);
                later.deferred = Set(true);
                later.update(db).await?;
            }
        }
    }
    if going.is_empty() {
        return Ok(());
    }
    let Some(parent) = parent else {
        return Ok(());
    };
    if by_mail {
        let mail = written(state, &parent, &settings, &going);
        outbox::enqueue(db, now, mail).await?;
    }
    if !devices.is_empty() {
        let payload = pushed(&parent, &going);
        for device in devices {
            outbox::enqueue_push(db, now, device.id, &payload).await?;
        }
    }
    for row in going {
        mark_handled(db, row, now).await?;
    }
    Ok(())
}

async fn mark_handled(
    db: &impl ConnectionTrait,
    row: notification::Model,
    now: DateTime<Utc>,
) -> ServiceResult<()> {
    let mut done = row.into_active_model();
    done.handled_at = Set(Some(now));
    done.update(db).await?;
    Ok(())
}

/// The mail of one notification, or of several bundled, in the parent's language; its unsubscribe
/// link turns off the kind of the first.
fn written(
    state: &AppState,
    parent: &parent_account::Model,
    settings: &Settings,
    rows: &[notification::Model],
) -> Mail {
    let locale = language_or(parent, Locale::fr);
    let site = &state.settings.public_url;
    let lines: Vec<String> = rows
        .iter()
        .map(|row| format!("{}\n{site}{}", headline(locale, row), row.link))
        .collect();
    let unsubscribe = format!(
        "{site}{}?jeton={}&type={}",
        routes::UNSUBSCRIBE,
        settings.unsubscribe_token,
        kind_of(&rows[0]).code()
    );
    let body = td_string!(
        locale,
        notifications.mail_body,
        lines = lines.join("\n\n"),
        settings = format!("{site}{}", routes::NOTIFICATION_SETTINGS),
        unsubscribe = &unsubscribe
    );
    Mail {
        to: parent.email.clone().unwrap_or_default(),
        subject: title(locale, rows),
        body: body.to_string(),
        unsubscribe: Some(unsubscribe),
    }
}

/// The push message of one notification, or of several bundled: a tap opens its page (or the
/// Notifications page for several).
fn pushed(parent: &parent_account::Model, rows: &[notification::Model]) -> Payload {
    let locale = language_or(parent, Locale::fr);
    let (url, body) = match rows {
        [one] => (one.link.clone(), String::new()),
        many => {
            let headlines: Vec<String> = many.iter().map(|row| headline(locale, row)).collect();
            (routes::NOTIFICATIONS.to_owned(), headlines.join("\n"))
        }
    };
    Payload {
        title: title(locale, rows),
        body,
        url,
        urgent: rows.iter().any(|row| row.urgent),
    }
}

/// What a mail's subject and a push's title say: the one notification's headline, or how many
/// were bundled.
fn title(locale: Locale, rows: &[notification::Model]) -> String {
    match rows {
        [one] => headline(locale, one),
        many => td_string!(
            locale,
            notifications.mail_bundle_subject,
            count = many.len()
        )
        .to_string(),
    }
}

/// A notification's kind (a message, should a stored code be unknown).
fn kind_of(row: &notification::Model) -> Kind {
    Kind::parse(&row.kind).unwrap_or(Kind::Message)
}

/// "Nouveau message : Sortie au musée", in the parent's language.
pub fn headline(locale: Locale, row: &notification::Model) -> String {
    let title = row.title.as_str();
    match (kind_of(row), row.urgent) {
        (Kind::Message, true) => {
            td_string!(locale, notifications.urgent_message, title = title).to_string()
        }
        (Kind::Message, false) => {
            td_string!(locale, notifications.message, title = title).to_string()
        }
        (Kind::News, _) => td_string!(locale, notifications.news, title = title).to_string(),
        (Kind::Event, _) => td_string!(locale, notifications.event, title = title).to_string(),
        (Kind::Terms, _) => td_string!(locale, notifications.terms, title = title).to_string(),
        (Kind::Survey, _) => td_string!(locale, notifications.survey, title = title).to_string(),
    }
}
