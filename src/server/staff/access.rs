//! Who is asking, on the school's side, and what they may reach. A [`Caller`] is read from a live,
//! verified staff session and an active membership of the session's platform; every staff service
//! takes one and checks the platform (and, for a teacher, the classes) of each row it touches.
use super::{Role, sessions::StaffSession};
use crate::server::{
    entities::{course, course_student, course_teacher, staff_account, staff_membership, student},
    error::{ServiceError, ServiceResult},
    second_factor::{self, Owner},
};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QuerySelect};

/// A staff member acting in one platform.
#[derive(Debug, Clone)]
pub struct Caller {
    pub session_id: String,
    pub staff_id: i32,
    pub platform_id: i32,
    pub role: Role,
    pub name: String,
    pub email: String,
    /// Whether the account has a second factor (administrators must).
    pub second_factor: bool,
}

impl Caller {
    pub fn is_admin(&self) -> bool {
        self.role == Role::Administrator
    }

    /// Refuses a teacher: staff accounts, the journal, the school's settings, the terms.
    pub fn require_admin(&self) -> ServiceResult<()> {
        if self.is_admin() {
            Ok(())
        } else {
            Err(ServiceError::Forbidden)
        }
    }
}

/// The caller a staff session stands for: `None` when the membership was suspended or removed, or
/// the account deleted (the session is then worth nothing). A session still waiting for its second
/// factor is no caller either.
pub async fn caller(
    db: &DatabaseConnection,
    session: &StaffSession,
) -> Result<Option<Caller>, sea_orm::DbErr> {
    if !session.verified {
        return Ok(None);
    }
    let Some((membership, account)) = membership(db, session.staff_id, session.platform_id).await?
    else {
        return Ok(None);
    };
    let second_factor = second_factor::enabled_at(db, Owner::Staff(account.id))
        .await?
        .is_some();
    // An administrator without a second factor reaches nothing but its set-up.
    if membership.role == Role::Administrator && !second_factor {
        return Ok(None);
    }
    Ok(Some(Caller {
        session_id: session.id.clone(),
        staff_id: account.id,
        platform_id: membership.platform_id,
        role: membership.role,
        name: format!("{} {}", account.first_name, account.last_name),
        email: account.email,
        second_factor,
    }))
}

/// The active (not suspended) membership of a staff member in a platform, with the account.
pub async fn membership(
    db: &DatabaseConnection,
    staff_id: i32,
    platform_id: i32,
) -> Result<Option<(staff_membership::Model, staff_account::Model)>, sea_orm::DbErr> {
    let found = staff_membership::Entity::find()
        .filter(staff_membership::Column::StaffId.eq(staff_id))
        .filter(staff_membership::Column::PlatformId.eq(platform_id))
        .filter(staff_membership::Column::SuspendedAt.is_null())
        .one(db)
        .await?;
    let Some(membership) = found else {
        return Ok(None);
    };
    let account = staff_account::Entity::find_by_id(staff_id).one(db).await?;
    Ok(account.map(|account| (membership, account)))
}

/// The courses a teacher teaches in the caller's platform.
pub async fn own_courses(
    db: &DatabaseConnection,
    caller: &Caller,
) -> Result<Vec<i32>, sea_orm::DbErr> {
    let taught: Vec<i32> = course_teacher::Entity::find()
        .select_only()
        .column(course_teacher::Column::CourseId)
        .filter(course_teacher::Column::StaffId.eq(caller.staff_id))
        .into_tuple()
        .all(db)
        .await?;
    course::Entity::find()
        .select_only()
        .column(course::Column::Id)
        .filter(course::Column::Id.is_in(taught))
        .filter(course::Column::PlatformId.eq(caller.platform_id))
        .into_tuple()
        .all(db)
        .await
}

/// The students a teacher reaches: those enrolled in their courses.
pub async fn own_students(
    db: &DatabaseConnection,
    caller: &Caller,
) -> Result<Vec<i32>, sea_orm::DbErr> {
    let courses = own_courses(db, caller).await?;
    course_student::Entity::find()
        .select_only()
        .column(course_student::Column::StudentId)
        .filter(course_student::Column::CourseId.is_in(courses))
        .into_tuple()
        .all(db)
        .await
}

/// The classes a teacher may write to: the classes of the students of their courses. An
/// administrator may write to every class of the school (an empty list here means none).
pub async fn own_classes(
    db: &DatabaseConnection,
    caller: &Caller,
) -> Result<Vec<String>, sea_orm::DbErr> {
    let students = own_students(db, caller).await?;
    let mut classes: Vec<String> = student::Entity::find()
        .select_only()
        .column(student::Column::ClassName)
        .filter(student::Column::Id.is_in(students))
        .filter(student::Column::PlatformId.eq(caller.platform_id))
        .filter(student::Column::ClassName.is_not_null())
        .distinct()
        .into_tuple::<Option<String>>()
        .all(db)
        .await?
        .into_iter()
        .flatten()
        .collect();
    classes.sort();
    Ok(classes)
}

/// The student `id` if the caller may see them: of the caller's platform, and for a teacher
/// enrolled in one of their courses. Another school's student and an unknown id are the same
/// refusal.
pub async fn reachable_student(
    db: &DatabaseConnection,
    caller: &Caller,
    id: i32,
) -> ServiceResult<student::Model> {
    let found = student::Entity::find_by_id(id)
        .filter(student::Column::PlatformId.eq(caller.platform_id))
        .one(db)
        .await?
        .ok_or(ServiceError::Forbidden)?;
    if caller.is_admin() || own_students(db, caller).await?.contains(&found.id) {
        Ok(found)
    } else {
        Err(ServiceError::Forbidden)
    }
}

/// Checks that the caller may address `classes` (none: the whole school, administrators only).
pub async fn require_classes(
    db: &DatabaseConnection,
    caller: &Caller,
    classes: &[String],
) -> ServiceResult<()> {
    if caller.is_admin() {
        return Ok(());
    }
    let own = own_classes(db, caller).await?;
    if classes.is_empty() || classes.iter().any(|class| !own.contains(class)) {
        return Err(ServiceError::Forbidden);
    }
    Ok(())
}

/// The classes whose items the caller manages: `None` for an administrator (every item of the
/// school), a teacher's own classes otherwise. Read once, then asked with [`Managed::covers`].
pub struct Managed(Option<Vec<String>>);

impl Managed {
    /// Whether an item for `classes` (none: the whole school) is the caller's to manage: an
    /// administrator's always, a teacher's when it is for some of their classes and no other.
    pub fn covers(&self, classes: &[String]) -> bool {
        match &self.0 {
            None => true,
            Some(own) => !classes.is_empty() && classes.iter().all(|c| own.contains(c)),
        }
    }
}

pub async fn managed(db: &DatabaseConnection, caller: &Caller) -> Result<Managed, sea_orm::DbErr> {
    Ok(Managed(match caller.is_admin() {
        true => None,
        false => Some(own_classes(db, caller).await?),
    }))
}
