//! The school's journal (administrators): what staff did in the platform, and the security events
//! of the parents of its students, newest first, filtered by person and kind.
use super::Caller;
use crate::server::{
    audit::Kind,
    entities::{audit_event, parent_account, parent_slot, staff_account, student},
    error::ServiceResult,
};
use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, Condition, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
    sea_query::Query,
};
use std::collections::HashMap;

/// The most lines a page (or an export) of the journal holds.
pub const MOST_LINES: u64 = 5000;

#[derive(Debug, Clone)]
pub struct Line {
    pub at: DateTime<Utc>,
    pub kind: Kind,
    /// A staff member's name, a parent's name, or empty (a failed sign-in belongs to nobody).
    pub who: String,
    pub detail: Option<String>,
    pub ip: Option<String>,
}

/// The journal of the caller's platform: lines whose person contains `person` (a name, an
/// address), of `kind`.
pub async fn lines(
    db: &DatabaseConnection,
    caller: &Caller,
    person: Option<&str>,
    kind: Option<Kind>,
    limit: u64,
) -> ServiceResult<Vec<Line>> {
    caller.require_admin()?;
    let parents_here = Query::select()
        .column(parent_slot::Column::AccountId)
        .from(parent_slot::Entity)
        .and_where(
            parent_slot::Column::StudentId.in_subquery(
                Query::select()
                    .column(student::Column::Id)
                    .from(student::Entity)
                    .and_where(student::Column::PlatformId.eq(caller.platform_id))
                    .to_owned(),
            ),
        )
        .and_where(parent_slot::Column::AccountId.is_not_null())
        .to_owned();
    let mut query = audit_event::Entity::find().filter(
        Condition::any()
            .add(audit_event::Column::PlatformId.eq(caller.platform_id))
            .add(audit_event::Column::AccountId.in_subquery(parents_here)),
    );
    if let Some(kind) = kind {
        query = query.filter(audit_event::Column::Kind.eq(kind));
    }
    let rows = query
        .order_by_desc(audit_event::Column::At)
        .order_by_desc(audit_event::Column::Id)
        .limit(MOST_LINES.min(limit))
        .all(db)
        .await?;
    let staff = names_of_staff(db, rows.iter().filter_map(|r| r.staff_id).collect()).await?;
    let parents = names_of_parents(db, rows.iter().filter_map(|r| r.account_id).collect()).await?;
    let wanted = person
        .map(|p| p.trim().to_lowercase())
        .filter(|p| !p.is_empty());
    Ok(rows
        .into_iter()
        .map(|row| {
            let who = row
                .staff_id
                .and_then(|id| staff.get(&id).cloned())
                .or_else(|| row.account_id.and_then(|id| parents.get(&id).cloned()))
                .unwrap_or_default();
            // A parent's event may name a child of another school (the identifier they typed):
            // only staff actions, which belong to this platform, keep their detail.
            let detail = row.staff_id.and(row.detail);
            Line {
                at: row.at,
                kind: row.kind,
                who,
                detail,
                ip: row.ip,
            }
        })
        .filter(|line| match &wanted {
            None => true,
            Some(wanted) => {
                line.who.to_lowercase().contains(wanted)
                    || line
                        .detail
                        .as_deref()
                        .is_some_and(|d| d.to_lowercase().contains(wanted))
            }
        })
        .collect())
}

async fn names_of_staff(
    db: &DatabaseConnection,
    ids: Vec<i32>,
) -> ServiceResult<HashMap<i32, String>> {
    Ok(staff_account::Entity::find()
        .filter(staff_account::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|a| {
            (
                a.id,
                format!("{} {} <{}>", a.first_name, a.last_name, a.email),
            )
        })
        .collect())
}

async fn names_of_parents(
    db: &DatabaseConnection,
    ids: Vec<i32>,
) -> ServiceResult<HashMap<i32, String>> {
    Ok(parent_account::Entity::find()
        .filter(parent_account::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|a| {
            let name = match (a.first_name, a.last_name) {
                (Some(first), Some(last)) => format!("{first} {last}"),
                _ => format!("#{}", a.id),
            };
            (a.id, name)
        })
        .collect())
}

/// The journal as CSV, for a spreadsheet: date (UTC, RFC 3339), kind, person, detail, address.
pub fn to_csv(lines: &[Line]) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let _ = writer.write_record(["date", "type", "personne", "détail", "adresse IP"]);
    for line in lines {
        let kind = line.kind.label(crate::language::Locale::fr);
        let at = line.at.to_rfc3339();
        let _ = writer.write_record([
            at.as_str(),
            kind,
            // A cell a spreadsheet would read as a formula is written as text.
            &spreadsheet_safe(&line.who),
            &spreadsheet_safe(line.detail.as_deref().unwrap_or_default()),
            line.ip.as_deref().unwrap_or_default(),
        ]);
    }
    String::from_utf8(writer.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// A cell starting with `=`, `+`, `-`, `@` (or a tab, a return) would run as a formula in a
/// spreadsheet: a quote before it keeps it text (OWASP's CSV injection advice).
pub(crate) fn spreadsheet_safe(cell: &str) -> String {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}"),
        _ => cell.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_formula_typed_as_a_name_stays_text_in_the_export() {
        assert_eq!(
            super::spreadsheet_safe("=HYPERLINK(\"x\")"),
            "'=HYPERLINK(\"x\")"
        );
        assert_eq!(super::spreadsheet_safe("Marie Durant"), "Marie Durant");
    }
}
