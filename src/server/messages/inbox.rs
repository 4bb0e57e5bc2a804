//! The inbox: a member's conversations, newest first, with what is unread, found by words, kept or
//! archived; and the unread counts the navigation and the child switcher show.
use super::{JoinedName, Member, NAME_COLUMNS, statement};
use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, DbErr, FromQueryResult, Value};
use std::collections::HashMap;

/// How many conversations one inbox page lists (the newest; words find older ones).
pub const PAGE: u64 = 100;

/// What the inbox shows.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// One child's conversations only.
    pub student: Option<i32>,
    /// Words the subject or a message must hold.
    pub words: Option<String>,
    /// The archive instead of the inbox.
    pub archived: bool,
}

/// One line of the inbox.
#[derive(Debug, Clone)]
pub struct Summary {
    pub id: i32,
    pub subject: String,
    pub student_id: i32,
    pub student_name: String,
    pub last_message_at: DateTime<Utc>,
    pub unread: i64,
    /// Some unread message is marked urgent.
    pub urgent: bool,
    /// The other members, by name.
    pub with: Vec<String>,
}

#[derive(Debug, FromQueryResult)]
struct Row {
    id: i32,
    subject: String,
    student_id: i32,
    first_name: String,
    last_name: String,
    last_message_at: DateTime<Utc>,
    unread: i64,
    urgent_unread: i64,
}

#[derive(Debug, FromQueryResult)]
struct MemberName {
    conversation_id: i32,
    account_id: Option<i32>,
    staff_id: Option<i32>,
    #[sea_orm(nested)]
    name: JoinedName,
}

/// Who the member is in SQL: the column naming them, and the condition on the conversation
/// (a parent still linked to its student; staff of its school).
pub(super) fn member_sql(member: Member) -> (&'static str, &'static str, Vec<Value>) {
    match member {
        Member::Parent(account) => (
            "m.account_id = ?",
            "EXISTS (SELECT 1 FROM parent_slots p \
               WHERE p.student_id = c.student_id AND p.account_id = m.account_id)",
            vec![account.into()],
        ),
        Member::Staff {
            staff_id,
            platform_id,
        } => (
            "m.staff_id = ?",
            "c.platform_id = ?",
            vec![staff_id.into(), platform_id.into()],
        ),
    }
}

/// The member's conversations: [`PAGE`] at most, newest first.
pub async fn inbox(
    db: &impl ConnectionTrait,
    member: Member,
    filter: &Filter,
) -> Result<Vec<Summary>, DbErr> {
    let (who, reach, mut values) = member_sql(member);
    let unread = "x.conversation_id = c.id AND x.id > COALESCE(m.last_read_message_id, 0)";
    let mut sql = format!(
        "SELECT c.id, c.subject, c.student_id, s.first_name, s.last_name, c.last_message_at, \
           (SELECT COUNT(*) FROM messages x WHERE {unread}) AS unread, \
           (SELECT COUNT(*) FROM messages x WHERE {unread} AND x.urgent = ?) AS urgent_unread \
         FROM conversation_members m \
         JOIN conversations c ON c.id = m.conversation_id \
         JOIN students s ON s.id = c.student_id \
         WHERE {who} AND {reach} AND m.archived_at IS {archived}",
        archived = if filter.archived { "NOT NULL" } else { "NULL" },
    );
    values.insert(0, true.into());
    if let Some(student) = filter.student {
        sql.push_str(" AND c.student_id = ?");
        values.push(student.into());
    }
    if let Some(words) = filter
        .words
        .as_deref()
        .map(str::trim)
        .filter(|w| !w.is_empty())
    {
        for word in words.split_whitespace().take(5) {
            sql.push_str(
                " AND (LOWER(c.subject) LIKE ? ESCAPE '\\' OR EXISTS (SELECT 1 FROM messages x \
                   WHERE x.conversation_id = c.id AND LOWER(x.body) LIKE ? ESCAPE '\\'))",
            );
            let pattern = format!("%{}%", escape_like(&word.to_lowercase()));
            values.push(pattern.clone().into());
            values.push(pattern.into());
        }
    }
    sql.push_str(&format!(
        " ORDER BY c.last_message_at DESC, c.id DESC LIMIT {PAGE}"
    ));
    let backend = db.get_database_backend();
    let rows = Row::find_by_statement(statement(backend, &sql, values))
        .all(db)
        .await?;
    let mut names = others(db, member, rows.iter().map(|row| row.id).collect()).await?;
    Ok(rows
        .into_iter()
        .map(|row| Summary {
            with: names.remove(&row.id).unwrap_or_default(),
            id: row.id,
            subject: row.subject,
            student_id: row.student_id,
            student_name: format!("{} {}", row.first_name, row.last_name),
            last_message_at: row.last_message_at,
            unread: row.unread,
            urgent: row.urgent_unread > 0,
        })
        .collect())
}

/// The names of the other members of each conversation.
async fn others(
    db: &impl ConnectionTrait,
    member: Member,
    conversations: Vec<i32>,
) -> Result<HashMap<i32, Vec<String>>, DbErr> {
    let mut names: HashMap<i32, Vec<String>> = HashMap::new();
    if conversations.is_empty() {
        return Ok(names);
    }
    let marks = vec!["?"; conversations.len()].join(", ");
    let sql = format!(
        "SELECT m.conversation_id, m.account_id, m.staff_id, \
{NAME_COLUMNS} \
         FROM conversation_members m \
         LEFT JOIN parent_accounts pa ON pa.id = m.account_id \
         LEFT JOIN staff_accounts sa ON sa.id = m.staff_id \
         WHERE m.conversation_id IN ({marks}) ORDER BY m.id"
    );
    let values = conversations.into_iter().map(Value::from).collect();
    let backend = db.get_database_backend();
    let rows = MemberName::find_by_statement(statement(backend, &sql, values))
        .all(db)
        .await?;
    for row in rows {
        let is_caller = match member {
            Member::Parent(account) => row.account_id == Some(account),
            Member::Staff { staff_id, .. } => row.staff_id == Some(staff_id),
        };
        if is_caller {
            continue;
        }
        let name = row.name.shown();
        names.entry(row.conversation_id).or_default().push(name);
    }
    Ok(names)
}

/// `%` and `_` typed by a parent are letters, not wildcards.
fn escape_like(words: &str) -> String {
    words
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}

#[derive(Debug, FromQueryResult)]
struct Count {
    student_id: i32,
    unread: i64,
}

/// The unread messages of `member`'s conversations, as the `FROM` and `WHERE` of a query.
fn unread_messages(member: Member) -> (String, Vec<Value>) {
    let (who, reach, values) = member_sql(member);
    let from = format!(
        "FROM conversation_members m \
         JOIN conversations c ON c.id = m.conversation_id \
         JOIN messages x ON x.conversation_id = c.id \
           AND x.id > COALESCE(m.last_read_message_id, 0) \
         WHERE {who} AND {reach}"
    );
    (from, values)
}

/// A parent's unread messages, per child.
pub async fn unread_by_child(
    db: &impl ConnectionTrait,
    account: i32,
) -> Result<HashMap<i32, i64>, DbErr> {
    let (from, values) = unread_messages(Member::Parent(account));
    let sql = format!("SELECT c.student_id, COUNT(x.id) AS unread {from} GROUP BY c.student_id");
    let backend = db.get_database_backend();
    let rows = Count::find_by_statement(statement(backend, &sql, values))
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|row| (row.student_id, row.unread))
        .collect())
}

#[derive(Debug, FromQueryResult)]
struct Total {
    unread: i64,
}

/// A member's unread messages in all (the navigation's counter).
pub async fn unread_of(db: &impl ConnectionTrait, member: Member) -> Result<i64, DbErr> {
    let (from, values) = unread_messages(member);
    let sql = format!("SELECT COUNT(x.id) AS unread {from}");
    let backend = db.get_database_backend();
    let total = Total::find_by_statement(statement(backend, &sql, values))
        .one(db)
        .await?;
    Ok(total.map_or(0, |total| total.unread))
}
