//! A school's terms of use: the version in force, whether "Ignorer" is still offered, and
//! publishing a new version (every parent must accept it again).
use super::{entities::terms_version, platforms};
use anyhow::bail;
use chrono::{NaiveDate, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, QueryOrder,
    Set,
};

/// The terms currently in force on a platform, if the school published any.
pub async fn current(
    db: &DatabaseConnection,
    platform_id: i32,
) -> Result<Option<terms_version::Model>, DbErr> {
    terms_version::Entity::find()
        .filter(terms_version::Column::PlatformId.eq(platform_id))
        .order_by_desc(terms_version::Column::Version)
        .one(db)
        .await
}

/// Whether "Ignorer" is still offered for these terms on `today` (Brussels): until their deadline.
pub fn can_postpone(terms: &terms_version::Model, today: NaiveDate) -> bool {
    terms
        .postpone_until
        .is_some_and(|deadline| today <= deadline)
}

/// Publishes a new version of the platform's terms of use: every parent must accept it again.
pub async fn publish(
    db: &DatabaseConnection,
    platform_code: &str,
    markdown: String,
    postpone_until: Option<NaiveDate>,
) -> anyhow::Result<terms_version::Model> {
    if markdown.trim().is_empty() {
        bail!("les conditions d'utilisation sont vides");
    }
    let platform = platforms::named(db, platform_code).await?;
    let latest = current(db, platform.id).await?;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_may_be_postponed_until_their_deadline_included() {
        let day = |d| NaiveDate::from_ymd_opt(2026, 12, d).unwrap();
        let terms = terms_version::Model {
            id: 1,
            platform_id: 1,
            version: 1,
            body_markdown: String::new(),
            postpone_until: Some(day(10)),
            published_at: Utc::now(),
        };
        assert!(can_postpone(&terms, day(10)));
        assert!(!can_postpone(&terms, day(11)));
        let firm = terms_version::Model {
            postpone_until: None,
            ..terms
        };
        assert!(!can_postpone(&firm, day(1)));
    }
}
