//! What school staff do from the command line: platforms, students and their letters, terms of use,
//! news and calendar events.
use super::{
    entities::{event, news, parent_slot, platform, platform_admin, student, terms_version},
    passwords,
};
use crate::domain::{
    contact::is_valid_email,
    identifier::{base_identifier, numbered_identifier},
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
        description: Set(None),
        starts_at: Set(starts_at),
        ends_at: Set(ends_at),
        all_day: Set(all_day),
        ..Default::default()
    }
    .insert(db)
    .await?)
}
