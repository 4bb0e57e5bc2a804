//! Schools ("platforms"): adding one with its administrators, and finding one by the code staff
//! type.
use super::{
    entities::{platform, platform_admin},
    lookups,
};
use crate::domain::{contact::EmailAddress, platform::PlatformCode};
use anyhow::{Context, bail};
use chrono::Utc;
use sea_orm::{ActiveModelTrait, DatabaseConnection, Set};

/// A new school.
#[derive(Debug, Default, Clone)]
pub struct NewPlatform {
    /// The platform's short code, e.g. isu-dour.
    pub code: String,
    pub name: String,
    /// The e-mail domain of students' identifiers, e.g. isu-dour.be.
    pub domain: String,
    pub address: Option<String>,
    pub phone: Option<String>,
    pub fax: Option<String>,
    pub email: Option<String>,
    pub web: Option<String>,
    /// The administrators' addresses, shown to parents.
    pub admin_emails: Vec<String>,
}

pub async fn add(db: &DatabaseConnection, new: NewPlatform) -> anyhow::Result<platform::Model> {
    let Some(code) = PlatformCode::parse(&new.code) else {
        bail!(
            "le code d'une plateforme ne contient que des lettres, des chiffres et des tirets (par exemple isu-dour)"
        );
    };
    if lookups::platform_by_code(db, &code).await?.is_some() {
        bail!("une plateforme porte déjà le code {code}");
    }
    let mut admins = Vec::new();
    for typed in &new.admin_emails {
        let email = EmailAddress::parse(typed)
            .with_context(|| format!("adresse e-mail d'administrateur non valide : {typed}"))?;
        admins.push(email);
    }
    let txn = crate::server::db::write_transaction(db).await?;
    let created = platform::ActiveModel {
        code: Set(code.to_string()),
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
    for email in admins {
        platform_admin::ActiveModel {
            platform_id: Set(created.id),
            email: Set(email.to_string()),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
    }
    txn.commit().await?;
    Ok(created)
}

/// The platform a member of staff named by its code, or an error that names it.
pub async fn named(
    db: &impl sea_orm::ConnectionTrait,
    code: &str,
) -> anyhow::Result<platform::Model> {
    let found = match PlatformCode::parse(code) {
        Some(code) => lookups::platform_by_code(db, &code).await?,
        None => None,
    };
    found.with_context(|| format!("aucune plateforme ne porte le code {code}"))
}
