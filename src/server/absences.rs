//! Absences: a parent reports one for a child they are linked to (confirmed), with an optional
//! certificate; every parent of the child sees it and its state; the school's administrators and
//! the child's teachers (those of its courses) see it and acknowledge it. Who may read is decided
//! here, in the query, for every list, file and acknowledgement, whatever id is sent.
use super::{
    db::{statement, write_transaction},
    entities::{absence, attachment},
    error::{ServiceError, ServiceResult},
    lookups,
    messages::{Download, store_files},
    staff::Caller,
};
use crate::domain::{absences::Absence, messages::Attachment};
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    FromQueryResult, QueryFilter, Set, Value,
};

/// The most absences a list shows (a school's pending ones first).
const LISTED: u64 = 200;

/// Who reads absences.
#[derive(Debug, Clone, Copy)]
pub enum Reader<'a> {
    /// A parent's account: the absences of the children it is (confirmed) linked to.
    Parent(i32),
    /// Staff: an administrator the school's, a teacher the students of their courses.
    Staff(&'a Caller),
}

/// The students `reader` reaches, as SQL on `absences a JOIN students s`, with its values.
fn reach(reader: Reader) -> (&'static str, Vec<Value>) {
    match reader {
        Reader::Parent(account) => (
            "a.student_id IN (SELECT l.student_id FROM parent_slots l \
               WHERE l.account_id = ? AND l.link_confirmed_at IS NOT NULL)",
            vec![account.into()],
        ),
        Reader::Staff(caller) if caller.is_admin() => {
            ("s.platform_id = ?", vec![caller.platform_id.into()])
        }
        Reader::Staff(caller) => (
            "s.platform_id = ? AND a.student_id IN (SELECT cs.student_id FROM course_students cs \
               JOIN course_teachers ct ON ct.course_id = cs.course_id WHERE ct.staff_id = ?)",
            vec![caller.platform_id.into(), caller.staff_id.into()],
        ),
    }
}

/// Reports an absence of `student` by the parent `account`, with its certificate, in one
/// transaction. A child the parent is not (or no longer, or not yet) linked to is refused.
pub async fn report(
    db: &DatabaseConnection,
    account: i32,
    student: i32,
    absence: &Absence,
    certificate: Option<&Attachment>,
    now: DateTime<Utc>,
) -> ServiceResult<i32> {
    let txn = write_transaction(db).await?;
    let slot = lookups::linked_slot(&txn, account, student).await?;
    if !slot.is_some_and(|slot| slot.link_confirmed_at.is_some()) {
        return Err(ServiceError::Forbidden);
    }
    let certificate_id = match certificate {
        Some(file) => store_files(&txn, std::slice::from_ref(file), now)
            .await?
            .first()
            .copied(),
        None => None,
    };
    let row = absence::ActiveModel {
        student_id: Set(student),
        reported_by: Set(Some(account)),
        span: Set(absence.span.code().to_owned()),
        first_day: Set(absence.first_day),
        last_day: Set(absence.last_day),
        reason: Set(absence.reason.clone()),
        certificate_id: Set(certificate_id),
        reported_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    txn.commit().await?;
    Ok(row.id)
}

/// Withdraws a report the parent made, while the school has not acknowledged it: the row and
/// its certificate go. Anything else (another parent's report, an acknowledged one, an unknown
/// id) is the same refusal.
pub async fn withdraw(db: &DatabaseConnection, account: i32, id: i32) -> ServiceResult<()> {
    let found = absence::Entity::find_by_id(id)
        .one(db)
        .await?
        .filter(|row| row.reported_by == Some(account) && row.acknowledged_at.is_none())
        .ok_or(ServiceError::Forbidden)?;
    let txn = write_transaction(db).await?;
    let gone = absence::Entity::delete_many()
        .filter(absence::Column::Id.eq(found.id))
        .filter(absence::Column::AcknowledgedAt.is_null())
        .exec(&txn)
        .await?;
    // Acknowledged in the meantime: it stays.
    if gone.rows_affected == 0 {
        return Err(ServiceError::Forbidden);
    }
    if let Some(file) = found.certificate_id {
        attachment::Entity::delete_by_id(file).exec(&txn).await?;
    }
    txn.commit().await?;
    Ok(())
}

/// One absence as a list shows it.
#[derive(Debug, Clone, FromQueryResult)]
pub struct Line {
    pub id: i32,
    pub student_first_name: String,
    pub student_last_name: String,
    pub class_name: Option<String>,
    pub span: String,
    pub first_day: NaiveDate,
    pub last_day: NaiveDate,
    pub reason: String,
    pub certificate_id: Option<i32>,
    pub reported_by: Option<i32>,
    pub reporter_first_name: Option<String>,
    pub reporter_last_name: Option<String>,
    pub reported_at: DateTime<Utc>,
    pub acknowledged_at: Option<DateTime<Utc>>,
    pub acknowledger_first_name: Option<String>,
    pub acknowledger_last_name: Option<String>,
}

const LINES: &str = "SELECT a.id, s.first_name AS student_first_name, \
      s.last_name AS student_last_name, s.class_name, a.span, a.first_day, a.last_day, a.reason, \
      a.certificate_id, a.reported_by, r.first_name AS reporter_first_name, \
      r.last_name AS reporter_last_name, a.reported_at, a.acknowledged_at, \
      k.first_name AS acknowledger_first_name, k.last_name AS acknowledger_last_name \
    FROM absences a JOIN students s ON s.id = a.student_id \
    LEFT JOIN parent_accounts r ON r.id = a.reported_by \
    LEFT JOIN staff_accounts k ON k.id = a.acknowledged_by";

/// The absences `reader` may see: those still to acknowledge first, then the latest days.
pub async fn list(
    db: &impl ConnectionTrait,
    reader: Reader<'_>,
    pending_only: bool,
) -> ServiceResult<Vec<Line>> {
    let (who, values) = reach(reader);
    let pending = if pending_only {
        " AND a.acknowledged_at IS NULL"
    } else {
        ""
    };
    let sql = format!(
        "{LINES} WHERE {who}{pending} \
         ORDER BY CASE WHEN a.acknowledged_at IS NULL THEN 0 ELSE 1 END, a.first_day DESC, a.id DESC \
         LIMIT {LISTED}"
    );
    let query = statement(db.get_database_backend(), &sql, values);
    Ok(Line::find_by_statement(query).all(db).await?)
}

/// How many absences the caller still has to acknowledge (the staff home's count).
pub async fn pending(db: &impl ConnectionTrait, caller: &Caller) -> ServiceResult<i64> {
    let (who, values) = reach(Reader::Staff(caller));
    let sql = format!(
        "SELECT COUNT(*) AS n FROM absences a JOIN students s ON s.id = a.student_id \
         WHERE {who} AND a.acknowledged_at IS NULL"
    );
    let query = statement(db.get_database_backend(), &sql, values);
    let row = db.query_one_raw(query).await?;
    Ok(row
        .map(|r| r.try_get::<i64>("", "n"))
        .transpose()?
        .unwrap_or(0))
}

/// "Bien reçu": the caller acknowledges absence `id` (once; acknowledging again changes nothing).
/// Returns the student's name and the days, for the school's journal.
pub async fn acknowledge(
    db: &DatabaseConnection,
    caller: &Caller,
    id: i32,
    now: DateTime<Utc>,
) -> ServiceResult<Line> {
    let found = one(db, Reader::Staff(caller), id).await?;
    if found.acknowledged_at.is_none() {
        let sql = "UPDATE absences SET acknowledged_at = ?, acknowledged_by = ? \
                   WHERE id = ? AND acknowledged_at IS NULL";
        let values = vec![now.into(), caller.staff_id.into(), id.into()];
        db.execute_raw(statement(db.get_database_backend(), sql, values))
            .await?;
    }
    Ok(found)
}

/// Absence `id` if `reader` may see it; another school's or family's is the same refusal as none.
async fn one(db: &impl ConnectionTrait, reader: Reader<'_>, id: i32) -> ServiceResult<Line> {
    let (who, mut values) = reach(reader);
    values.insert(0, id.into());
    let sql = format!("{LINES} WHERE a.id = ? AND {who}");
    let query = statement(db.get_database_backend(), &sql, values);
    Line::find_by_statement(query)
        .one(db)
        .await?
        .ok_or(ServiceError::Forbidden)
}

/// The certificate of absence `id`, if `reader` may see the absence.
pub async fn certificate(
    db: &impl ConnectionTrait,
    reader: Reader<'_>,
    id: i32,
) -> ServiceResult<Download> {
    let (who, mut values) = reach(reader);
    values.insert(0, id.into());
    let sql = format!(
        "SELECT f.file_name, f.content_type, f.bytes FROM absences a \
         JOIN students s ON s.id = a.student_id JOIN attachments f ON f.id = a.certificate_id \
         WHERE a.id = ? AND {who}"
    );
    let query = statement(db.get_database_backend(), &sql, values);
    Download::find_by_statement(query)
        .one(db)
        .await?
        .ok_or(ServiceError::Forbidden)
}
