//! Importing a class list from the staff area: the pasted list is kept, its preview says line by
//! line what will be created and what is refused or already there, and confirming creates all of
//! it in one transaction, or nothing. A student already in the school (the same names, the same
//! class or another year's) is left alone, and so is a line repeated in the list; a possible
//! namesake is created only when the administrator ticks it.
use super::{Caller, students};
use crate::domain::limits::LETTERS_PER_STUDENT;
use crate::domain::school_class::{self, SameNames};
use crate::server::{
    class_list::{self, LineProblem},
    entities::{staff_import, student},
    error::{ServiceError, ServiceResult},
    students::NewStudent,
};
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set,
    sea_query::Expr,
};

/// The longest class list a paste may hold (a whole school's, with room).
pub const MOST_LINES: usize = 3000;

/// What a line of the list will do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// A new student: created.
    New,
    /// The school has this student already (`identifier`): left alone, but for their class when
    /// the list gives them another one (a new school year): `moves_to`.
    AlreadyThere {
        identifier: String,
        moves_to: Option<String>,
    },
    /// The same student as an earlier line of the list: left alone.
    Repeated { line: usize },
    /// The same names as `identifier` (a student, or an earlier line of the list), in another
    /// class of the same year: created only if ticked.
    PossibleNamesake { identifier: String },
    /// Cannot be imported.
    Refused(LineProblem),
}

#[derive(Debug, Clone)]
pub struct PreviewLine {
    pub number: usize,
    pub student: Option<NewStudent>,
    pub verdict: Verdict,
}

pub struct Preview {
    pub id: i32,
    pub lines: Vec<PreviewLine>,
}

impl Preview {
    /// Whether the list can be imported: no refused line.
    pub fn importable(&self) -> bool {
        !self
            .lines
            .iter()
            .any(|l| matches!(l.verdict, Verdict::Refused(_)))
    }
}

/// Keeps a pasted class list for its preview (administrators).
pub async fn stage(
    db: &DatabaseConnection,
    caller: &Caller,
    text: &str,
    now: DateTime<Utc>,
) -> ServiceResult<i32> {
    caller.require_admin()?;
    if class_list::lines(text).is_empty() || text.lines().count() > MOST_LINES {
        return Err(ServiceError::ImportRefused);
    }
    let staged = staff_import::ActiveModel {
        platform_id: Set(caller.platform_id),
        staff_id: Set(caller.staff_id),
        list_text: Set(text.to_owned()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(staged.id)
}

/// The kept list `id`, if it is the caller's school's.
async fn staged(
    db: &DatabaseConnection,
    caller: &Caller,
    id: i32,
) -> ServiceResult<staff_import::Model> {
    caller.require_admin()?;
    staff_import::Entity::find_by_id(id)
        .filter(staff_import::Column::PlatformId.eq(caller.platform_id))
        .one(db)
        .await?
        .ok_or(ServiceError::Forbidden)
}

/// What importing the kept list `id` would do, line by line, against the school as it is now.
pub async fn preview(db: &DatabaseConnection, caller: &Caller, id: i32) -> ServiceResult<Preview> {
    let staged = staged(db, caller, id).await?;
    let school: Vec<student::Model> = student::Entity::find()
        .filter(student::Column::PlatformId.eq(caller.platform_id))
        .all(db)
        .await?;
    let mut lines: Vec<PreviewLine> = Vec::new();
    for line in class_list::lines(&staged.list_text) {
        let (number, new) = match line {
            Ok(line) => (line.number, line.student),
            Err((number, problem)) => {
                lines.push(PreviewLine {
                    number,
                    student: None,
                    verdict: Verdict::Refused(problem),
                });
                continue;
            }
        };
        let verdict = verdict(&school, &lines, &new);
        lines.push(PreviewLine {
            number,
            student: Some(new),
            verdict,
        });
    }
    Ok(Preview { id, lines })
}

fn verdict(school: &[student::Model], earlier: &[PreviewLine], new: &NewStudent) -> Verdict {
    let names = |first: &str, last: &str| {
        school_class::same_name(first, &new.first_name)
            && school_class::same_name(last, &new.last_name)
    };
    let repeated = earlier.iter().find(|line| {
        line.student.as_ref().is_some_and(|s| {
            names(&s.first_name, &s.last_name)
                && school_class::same_names(s.class_name.as_deref(), new.class_name.as_deref())
                    == SameNames::Recognised
        })
    });
    if let Some(line) = repeated {
        return Verdict::Repeated { line: line.number };
    }
    // Two lines of one list with the same names in two classes of one year: two children, or one
    // typed twice; the second waits for a tick like any namesake.
    let earlier_namesake = earlier.iter().find(|line| {
        line.student
            .as_ref()
            .is_some_and(|s| names(&s.first_name, &s.last_name))
    });
    if let Some(line) = earlier_namesake {
        return Verdict::PossibleNamesake {
            identifier: format!("#{}", line.number),
        };
    }
    let same: Vec<&student::Model> = school
        .iter()
        .filter(|s| names(&s.first_name, &s.last_name))
        .collect();
    let recognised = same.iter().find(|s| {
        school_class::same_names(s.class_name.as_deref(), new.class_name.as_deref())
            == SameNames::Recognised
    });
    match (recognised, same.first()) {
        (Some(s), _) => {
            let stored = s.class_name.as_deref().map(school_class::normalised);
            let listed = new.class_name.as_deref().map(school_class::normalised);
            let moves = listed.is_some() && listed != stored;
            Verdict::AlreadyThere {
                identifier: s.identifier.clone(),
                moves_to: new.class_name.clone().filter(|_| moves),
            }
        }
        (None, Some(s)) => Verdict::PossibleNamesake {
            identifier: s.identifier.clone(),
        },
        (None, None) => Verdict::New,
    }
}

/// Imports the kept list `id`: its new students, and the possible namesakes whose line numbers
/// are in `namesakes`, each with [`LETTERS_PER_STUDENT`] parent slots, and moves the students
/// already there to the class the list gives them, in one transaction. Refused when a line is
/// refused or nothing would change. Returns the students created.
pub async fn confirm(
    db: &DatabaseConnection,
    caller: &Caller,
    id: i32,
    namesakes: &[usize],
    now: DateTime<Utc>,
) -> ServiceResult<Vec<student::Model>> {
    let preview = preview(db, caller, id).await?;
    if !preview.importable() {
        return Err(ServiceError::ImportRefused);
    }
    let wanted: Vec<&NewStudent> = preview
        .lines
        .iter()
        .filter(|line| match line.verdict {
            Verdict::New => true,
            Verdict::PossibleNamesake { .. } => namesakes.contains(&line.number),
            _ => false,
        })
        .filter_map(|line| line.student.as_ref())
        .collect();
    let moves: Vec<(&String, &String)> = preview
        .lines
        .iter()
        .filter_map(|line| match &line.verdict {
            Verdict::AlreadyThere {
                identifier,
                moves_to: Some(class),
            } => Some((identifier, class)),
            _ => None,
        })
        .collect();
    if wanted.is_empty() && moves.is_empty() {
        return Err(ServiceError::ImportRefused);
    }
    let txn = crate::server::db::write_transaction(db).await?;
    // Used up first: a second confirmation of the same list (a double click) imports nothing.
    let claimed = staff_import::Entity::delete_by_id(id).exec(&txn).await?;
    if claimed.rows_affected != 1 {
        return Err(ServiceError::ImportRefused);
    }
    let mut created = Vec::new();
    for new in wanted {
        created.push(students::add(&txn, caller, new, LETTERS_PER_STUDENT, now).await?);
    }
    for (identifier, class) in moves {
        student::Entity::update_many()
            .col_expr(student::Column::ClassName, Expr::value(class.clone()))
            .filter(student::Column::PlatformId.eq(caller.platform_id))
            .filter(student::Column::Identifier.eq(identifier.as_str()))
            .exec(&txn)
            .await?;
    }
    txn.commit().await?;
    Ok(created)
}
