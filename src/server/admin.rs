//! What school staff do from the command line: platforms, students (one by one or from a class
//! list) and their letters, terms of use, courses, news and calendar events.
use super::{
    entities::{
        course, course_student, event, news, parent_slot, platform, platform_admin, student,
        terms_version,
    },
    passwords,
};
use crate::domain::{
    contact::is_valid_email,
    identifier::{base_identifier, normalize_identifier, numbered_identifier},
};
use anyhow::{Context, bail};
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set,
    TransactionTrait,
};
use serde::Serialize;

/// A new school, as `cartable platform add` reads it from its arguments.
#[derive(Debug, Default, Clone, clap::Args)]
pub struct NewPlatform {
    /// The platform's short code, e.g. isu-dour.
    #[arg(long)]
    pub code: String,
    #[arg(long)]
    pub name: String,
    /// The e-mail domain of students' identifiers, e.g. isu-dour.be.
    #[arg(long)]
    pub domain: String,
    #[arg(long)]
    pub address: Option<String>,
    #[arg(long)]
    pub phone: Option<String>,
    #[arg(long)]
    pub fax: Option<String>,
    #[arg(long)]
    pub email: Option<String>,
    #[arg(long)]
    pub web: Option<String>,
    /// A platform administrator's address, shown to parents (repeat for several).
    #[arg(long = "admin-email")]
    pub admin_emails: Vec<String>,
}

pub async fn add_platform(
    db: &DatabaseConnection,
    new: NewPlatform,
) -> anyhow::Result<platform::Model> {
    let code = new.code.trim().to_lowercase();
    if code.is_empty() || !code.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        bail!("the platform code may hold only letters, digits and hyphens (e.g. isu-dour)");
    }
    if find_platform(db, &code).await.is_ok() {
        bail!("a platform with code {code} already exists");
    }
    for email in &new.admin_emails {
        if !is_valid_email(email) {
            bail!("not a valid administrator e-mail address: {email}");
        }
    }
    let txn = db.begin().await?;
    let created = platform::ActiveModel {
        code: Set(code),
        name: Set(new.name.trim().to_owned()),
        domain: Set(new.domain.trim().to_lowercase()),
        address: Set(new.address),
        phone: Set(new.phone),
        fax: Set(new.fax),
        email: Set(new.email),
        web: Set(new.web),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    for email in new.admin_emails {
        platform_admin::ActiveModel {
            platform_id: Set(created.id),
            email: Set(email),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
    }
    txn.commit().await?;
    Ok(created)
}

pub async fn find_platform(db: &DatabaseConnection, code: &str) -> anyhow::Result<platform::Model> {
    platform::Entity::find()
        .filter(platform::Column::Code.eq(code.trim().to_lowercase()))
        .one(db)
        .await?
        .with_context(|| format!("no platform with code {code}"))
}

/// One printed letter: the identifier and the temporary password of one parent slot.
#[derive(Debug, Clone, Serialize)]
pub struct SlotLetter {
    pub slot: i32,
    pub temporary_password: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct StudentLetters {
    pub identifier: String,
    pub slots: Vec<SlotLetter>,
}

/// Adds a student with `slots` parent access slots, each with a fresh temporary password, and
/// returns the letters to print. The identifier gets a number when the name is already taken.
pub async fn add_student(
    db: &DatabaseConnection,
    platform_code: &str,
    first_name: &str,
    last_name: &str,
    class_name: Option<String>,
    slots: u32,
) -> anyhow::Result<StudentLetters> {
    if !(1..=10).contains(&slots) {
        bail!("a student has between 1 and 10 parent slots");
    }
    let passwords = (0..slots)
        .map(|_| passwords::generate_temporary())
        .collect();
    add_student_with_passwords(
        db,
        platform_code,
        first_name,
        last_name,
        class_name,
        passwords,
    )
    .await
}

/// [`add_student`] with the letters' passwords given (the demo school prints the same ones each time).
pub async fn add_student_with_passwords(
    db: &DatabaseConnection,
    platform_code: &str,
    first_name: &str,
    last_name: &str,
    class_name: Option<String>,
    passwords: Vec<String>,
) -> anyhow::Result<StudentLetters> {
    let platform = find_platform(db, platform_code).await?;
    let base = base_identifier(first_name, last_name, &platform.domain)
        .context("the first and last names must contain letters or digits")?;
    let mut identifier = base.clone();
    let mut n = 1;
    while student::Entity::find()
        .filter(student::Column::Identifier.eq(&identifier))
        .one(db)
        .await?
        .is_some()
    {
        n += 1;
        identifier = numbered_identifier(&base, n);
    }
    let mut hashes = Vec::new();
    for password in &passwords {
        hashes.push(passwords::hash(password.clone()).await);
    }
    let txn = db.begin().await?;
    let now = Utc::now();
    let created = student::ActiveModel {
        platform_id: Set(platform.id),
        identifier: Set(identifier.clone()),
        first_name: Set(first_name.trim().to_owned()),
        last_name: Set(last_name.trim().to_owned()),
        class_name: Set(class_name),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    for (number, hash) in (1..).zip(hashes) {
        parent_slot::ActiveModel {
            student_id: Set(created.id),
            slot_number: Set(number),
            temporary_password_hash: Set(Some(hash)),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
    }
    txn.commit().await?;
    Ok(StudentLetters {
        identifier,
        slots: (1..)
            .zip(passwords)
            .map(|(slot, temporary_password)| SlotLetter {
                slot,
                temporary_password,
            })
            .collect(),
    })
}

/// Publishes a new version of the platform's terms of use: every parent must accept it again.
pub async fn publish_terms(
    db: &DatabaseConnection,
    platform_code: &str,
    markdown: String,
    postpone_until: Option<NaiveDate>,
) -> anyhow::Result<terms_version::Model> {
    if markdown.trim().is_empty() {
        bail!("the terms of use are empty");
    }
    let platform = find_platform(db, platform_code).await?;
    let latest = terms_version::Entity::find()
        .filter(terms_version::Column::PlatformId.eq(platform.id))
        .order_by_desc(terms_version::Column::Version)
        .one(db)
        .await?;
    Ok(terms_version::ActiveModel {
        platform_id: Set(platform.id),
        version: Set(latest.map_or(1, |terms| terms.version + 1)),
        body_markdown: Set(markdown),
        postpone_until: Set(postpone_until),
        published_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await?)
}

pub async fn add_news(
    db: &DatabaseConnection,
    platform_code: &str,
    title: &str,
    body: &str,
    published_at: Option<DateTime<Utc>>,
) -> anyhow::Result<news::Model> {
    if title.trim().is_empty() {
        bail!("a news item needs a title");
    }
    let platform = find_platform(db, platform_code).await?;
    Ok(news::ActiveModel {
        platform_id: Set(platform.id),
        title: Set(title.trim().to_owned()),
        body_markdown: Set(body.to_owned()),
        published_at: Set(published_at.unwrap_or_else(Utc::now)),
        ..Default::default()
    }
    .insert(db)
    .await?)
}

pub async fn add_event(
    db: &DatabaseConnection,
    platform_code: &str,
    title: &str,
    description: Option<&str>,
    starts_at: DateTime<Utc>,
    ends_at: Option<DateTime<Utc>>,
    all_day: bool,
) -> anyhow::Result<event::Model> {
    if title.trim().is_empty() {
        bail!("an event needs a title");
    }
    if ends_at.is_some_and(|end| end < starts_at) {
        bail!("an event cannot end before it starts");
    }
    let platform = find_platform(db, platform_code).await?;
    Ok(event::ActiveModel {
        platform_id: Set(platform.id),
        title: Set(title.trim().to_owned()),
        description: Set(description
            .map(str::trim)
            .filter(|d| !d.is_empty())
            .map(str::to_owned)),
        starts_at: Set(starts_at),
        ends_at: Set(ends_at),
        all_day: Set(all_day),
        ..Default::default()
    }
    .insert(db)
    .await?)
}

/// Lists the platform's news, newest first, published or scheduled.
pub async fn list_news(
    db: &DatabaseConnection,
    platform_code: &str,
) -> anyhow::Result<Vec<news::Model>> {
    let platform = find_platform(db, platform_code).await?;
    Ok(news::Entity::find()
        .filter(news::Column::PlatformId.eq(platform.id))
        .order_by_desc(news::Column::PublishedAt)
        .all(db)
        .await?)
}

/// Removes a news item of the platform (an id of another school is refused).
pub async fn remove_news(
    db: &DatabaseConnection,
    platform_code: &str,
    id: i32,
) -> anyhow::Result<news::Model> {
    let platform = find_platform(db, platform_code).await?;
    let item = news::Entity::find_by_id(id)
        .filter(news::Column::PlatformId.eq(platform.id))
        .one(db)
        .await?
        .with_context(|| format!("no news item {id} on platform {platform_code}"))?;
    news::Entity::delete_by_id(id).exec(db).await?;
    Ok(item)
}

/// Lists the platform's events by start.
pub async fn list_events(
    db: &DatabaseConnection,
    platform_code: &str,
) -> anyhow::Result<Vec<event::Model>> {
    let platform = find_platform(db, platform_code).await?;
    Ok(event::Entity::find()
        .filter(event::Column::PlatformId.eq(platform.id))
        .order_by_asc(event::Column::StartsAt)
        .all(db)
        .await?)
}

/// Removes an event of the platform (an id of another school is refused).
pub async fn remove_event(
    db: &DatabaseConnection,
    platform_code: &str,
    id: i32,
) -> anyhow::Result<event::Model> {
    let platform = find_platform(db, platform_code).await?;
    let event = event::Entity::find_by_id(id)
        .filter(event::Column::PlatformId.eq(platform.id))
        .one(db)
        .await?
        .with_context(|| format!("no event {id} on platform {platform_code}"))?;
    event::Entity::delete_by_id(id).exec(db).await?;
    Ok(event)
}

/// Enrols a student of the platform in a course, created on first use (a course is its name and
/// teacher within the school). Enrolling twice changes nothing.
pub async fn add_course(
    db: &DatabaseConnection,
    platform_code: &str,
    student_identifier: &str,
    name: &str,
    teacher: Option<&str>,
) -> anyhow::Result<course::Model> {
    let name = name.trim();
    let teacher = teacher.map(str::trim).filter(|t| !t.is_empty());
    if name.is_empty() {
        bail!("a course needs a name");
    }
    let platform = find_platform(db, platform_code).await?;
    let child = student::Entity::find()
        .filter(student::Column::PlatformId.eq(platform.id))
        .filter(student::Column::Identifier.eq(normalize_identifier(student_identifier)))
        .one(db)
        .await?
        .with_context(|| format!("no student {student_identifier} on platform {platform_code}"))?;
    let txn = db.begin().await?;
    let existing = course::Entity::find()
        .filter(course::Column::PlatformId.eq(platform.id))
        .filter(course::Column::Name.eq(name))
        .filter(match teacher {
            Some(teacher) => course::Column::Teacher.eq(teacher),
            None => course::Column::Teacher.is_null(),
        })
        .one(&txn)
        .await?;
    let course = match existing {
        Some(course) => course,
        None => {
            course::ActiveModel {
                platform_id: Set(platform.id),
                name: Set(name.to_owned()),
                teacher: Set(teacher.map(str::to_owned)),
                created_at: Set(Utc::now()),
                ..Default::default()
            }
            .insert(&txn)
            .await?
        }
    };
    let enrolled = course_student::Entity::find_by_id((course.id, child.id))
        .one(&txn)
        .await?;
    if enrolled.is_none() {
        course_student::ActiveModel {
            course_id: Set(course.id),
            student_id: Set(child.id),
        }
        .insert(&txn)
        .await?;
    }
    txn.commit().await?;
    Ok(course)
}

/// One row of a class list: "prénom;nom;classe" (or with commas), an optional header line first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedStudent {
    pub first_name: String,
    pub last_name: String,
    pub class_name: Option<String>,
}

/// Reads a class list as schools export it from a spreadsheet: semicolons or commas, UTF-8, an
/// optional header. Every line is checked before anything is stored.
pub fn read_class_list(text: &str) -> anyhow::Result<Vec<ImportedStudent>> {
    let text = text.trim_start_matches('\u{feff}');
    let first_line = text.lines().next().unwrap_or_default();
    let delimiter = if first_line.contains(';') { b';' } else { b',' };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .delimiter(delimiter)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let mut students = Vec::new();
    for (index, record) in reader.records().enumerate() {
        let record = record.with_context(|| format!("line {}: unreadable", index + 1))?;
        let field = |n: usize| record.get(n).unwrap_or_default().to_owned();
        if record.iter().all(str::is_empty) {
            continue;
        }
        let looks_like_header = index == 0
            && ["prénom", "prenom", "first name", "first_name"]
                .contains(&field(0).to_lowercase().as_str());
        if looks_like_header {
            continue;
        }
        let (first_name, last_name) = (field(0), field(1));
        if first_name.is_empty() || last_name.is_empty() {
            bail!(
                "line {}: a first name and a last name are needed (prénom;nom;classe)",
                index + 1
            );
        }
        let class_name = Some(field(2)).filter(|class| !class.is_empty());
        students.push(ImportedStudent {
            first_name,
            last_name,
            class_name,
        });
    }
    if students.is_empty() {
        bail!("the file holds no student");
    }
    Ok(students)
}

/// Adds every student of a class list, each with `slots` letters.
pub async fn import_students(
    db: &DatabaseConnection,
    platform_code: &str,
    students: Vec<ImportedStudent>,
    slots: u32,
) -> anyhow::Result<Vec<StudentLetters>> {
    find_platform(db, platform_code).await?;
    let mut letters = Vec::new();
    for student in students {
        letters.push(
            add_student(
                db,
                platform_code,
                &student.first_name,
                &student.last_name,
                student.class_name,
                slots,
            )
            .await?,
        );
    }
    Ok(letters)
}

/// A new letter for a parent slot: a new temporary password, and the slot detached from the account
/// that held it (that account keeps its other children; its sessions on this child end).
pub async fn reset_slot(
    db: &DatabaseConnection,
    identifier: &str,
    slot_number: i32,
) -> anyhow::Result<StudentLetters> {
    use super::entities::session;
    let identifier = normalize_identifier(identifier);
    let child = student::Entity::find()
        .filter(student::Column::Identifier.eq(&identifier))
        .one(db)
        .await?
        .with_context(|| format!("no student {identifier}"))?;
    let slot = parent_slot::Entity::find()
        .filter(parent_slot::Column::StudentId.eq(child.id))
        .filter(parent_slot::Column::SlotNumber.eq(slot_number))
        .one(db)
        .await?
        .with_context(|| format!("{identifier} has no parent slot {slot_number}"))?;
    let temporary_password = passwords::generate_temporary();
    let hash = passwords::hash(temporary_password.clone()).await;
    let txn = db.begin().await?;
    if let Some(account_id) = slot.account_id {
        session::Entity::delete_many()
            .filter(session::Column::AccountId.eq(account_id))
            .filter(session::Column::StudentId.eq(child.id))
            .exec(&txn)
            .await?;
    }
    parent_slot::ActiveModel {
        id: Set(slot.id),
        temporary_password_hash: Set(Some(hash)),
        account_id: Set(None),
        claimed_at: Set(None),
        link_confirmed_at: Set(None),
        ..Default::default()
    }
    .update(&txn)
    .await?;
    txn.commit().await?;
    Ok(StudentLetters {
        identifier,
        slots: vec![SlotLetter {
            slot: slot_number,
            temporary_password,
        }],
    })
}

/// The security events of the accounts an identifier or an account id names, newest first.
pub async fn audit_events(
    db: &DatabaseConnection,
    account: Option<i32>,
    identifier: Option<&str>,
    limit: u64,
) -> anyhow::Result<Vec<super::entities::audit_event::Model>> {
    use super::entities::audit_event;
    use sea_orm::QuerySelect;
    let mut accounts: Vec<i32> = account.into_iter().collect();
    let typed = identifier.map(normalize_identifier);
    if let Some(identifier) = &typed {
        let child = student::Entity::find()
            .filter(student::Column::Identifier.eq(identifier))
            .one(db)
            .await?
            .with_context(|| format!("no student {identifier}"))?;
        let slots = super::children::slots_of(db, Some(&child)).await?;
        accounts.extend(slots.into_iter().filter_map(|slot| slot.account_id));
    }
    if accounts.is_empty() && typed.is_none() {
        bail!("name an account (--account) or a child whose parents to show (--identifier)");
    }
    // Failed sign-ins belong to no account: they are found by the identifier typed.
    let mut whose = sea_orm::Condition::any().add(audit_event::Column::AccountId.is_in(accounts));
    if let Some(identifier) = typed {
        whose = whose.add(audit_event::Column::Detail.eq(identifier));
    }
    Ok(audit_event::Entity::find()
        .filter(whose)
        .order_by_desc(audit_event::Column::At)
        .order_by_desc(audit_event::Column::Id)
        .limit(limit)
        .all(db)
        .await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_spreadsheet_export_is_read_with_or_without_header() {
        let students = read_class_list(
            "\u{feff}Prénom;Nom;Classe\nMarie;Durant;3B\n\nChloë ; van de Velde;\n",
        )
        .unwrap();
        assert_eq!(
            students,
            [
                ImportedStudent {
                    first_name: "Marie".into(),
                    last_name: "Durant".into(),
                    class_name: Some("3B".into())
                },
                ImportedStudent {
                    first_name: "Chloë".into(),
                    last_name: "van de Velde".into(),
                    class_name: None
                },
            ]
        );
        assert_eq!(read_class_list("Albert,Durant,1A").unwrap().len(), 1);
    }

    #[test]
    fn a_line_without_a_name_stops_the_whole_import() {
        let error = read_class_list("Marie;Durant;3B\n;Dupont;2A\n").unwrap_err();
        assert!(error.to_string().contains("line 2"), "{error}");
        assert!(read_class_list("\n\n").is_err());
    }
}
