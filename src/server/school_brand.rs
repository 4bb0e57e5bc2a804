//! A school's logo and "Applications", read for every parent's header and changed by its
//! administrators (through `staff::school`, which checks who asks). The logo is kept in the
//! database, so that every instance on one PostgreSQL serves the same one.
use super::{
    entities::{platform, platform_application, platform_logo},
    error::{ServiceError, ServiceResult},
};
use crate::domain::school_brand::{APPLICATIONS, Application, Logo};
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, DbErr, EntityTrait, ExprTrait,
    FromQueryResult, PaginatorTrait, QueryFilter, Set,
    sea_query::{Expr, OnConflict, Order, Query},
};

/// What a school's header shows besides its name.
#[derive(Debug, Clone, Default)]
pub struct Brand {
    /// When the logo last changed (part of its address), if the school has one.
    pub logo_changed_at: Option<DateTime<Utc>>,
    /// In the order they were added.
    pub applications: Vec<Link>,
}

/// One of the "Applications".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub id: i32,
    pub name: String,
    pub url: String,
}

/// A row of [`of`]'s query: the logo's time on each, an application on each but none.
#[derive(Debug, FromQueryResult)]
struct BrandRow {
    logo_changed_at: Option<DateTime<Utc>>,
    application_id: Option<i32>,
    name: Option<String>,
    url: Option<String>,
}

/// The school's brand in one query (every parent's page asks for it): the school, its logo's
/// time and its applications, joined.
pub async fn of(db: &DatabaseConnection, platform_id: i32) -> Result<Brand, DbErr> {
    use platform_application::Column as App;
    let (logos, apps) = (platform_logo::Entity, platform_application::Entity);
    let query = Query::select()
        .expr_as(
            Expr::col((logos, platform_logo::Column::UpdatedAt)),
            "logo_changed_at",
        )
        .expr_as(Expr::col((apps, App::Id)), "application_id")
        .expr_as(Expr::col((apps, App::Name)), "name")
        .expr_as(Expr::col((apps, App::Url)), "url")
        .from(platform::Entity)
        .left_join(
            logos,
            Expr::col((logos, platform_logo::Column::PlatformId))
                .equals((platform::Entity, platform::Column::Id)),
        )
        .left_join(
            apps,
            Expr::col((apps, App::PlatformId)).equals((platform::Entity, platform::Column::Id)),
        )
        .and_where(Expr::col((platform::Entity, platform::Column::Id)).eq(platform_id))
        .order_by((apps, App::Id), Order::Asc)
        .to_owned();
    let rows = BrandRow::find_by_statement(db.get_database_backend().build(&query))
        .all(db)
        .await?;
    Ok(Brand {
        logo_changed_at: rows.first().and_then(|row| row.logo_changed_at),
        applications: rows
            .into_iter()
            .filter_map(|row| {
                Some(Link {
                    id: row.application_id?,
                    name: row.name?,
                    url: row.url?,
                })
            })
            .collect(),
    })
}

/// The type a file's first bytes say it is, whatever its name.
pub fn image_type(bytes: &[u8]) -> Option<&'static str> {
    infer::get(bytes).map(|kind| kind.mime_type())
}

/// The school's logo, to serve.
pub async fn logo(
    db: &DatabaseConnection,
    platform_id: i32,
) -> Result<Option<platform_logo::Model>, DbErr> {
    platform_logo::Entity::find_by_id(platform_id).one(db).await
}

/// Puts a new logo in place of the old one, if any.
pub async fn set_logo(
    db: &DatabaseConnection,
    platform_id: i32,
    logo: Logo,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    platform_logo::Entity::insert(platform_logo::ActiveModel {
        platform_id: Set(platform_id),
        content_type: Set(logo.content_type.to_owned()),
        bytes: Set(logo.bytes),
        updated_at: Set(now),
    })
    .on_conflict(
        OnConflict::column(platform_logo::Column::PlatformId)
            .update_columns([
                platform_logo::Column::ContentType,
                platform_logo::Column::Bytes,
                platform_logo::Column::UpdatedAt,
            ])
            .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    Ok(())
}

pub async fn remove_logo(db: &DatabaseConnection, platform_id: i32) -> Result<(), DbErr> {
    platform_logo::Entity::delete_by_id(platform_id)
        .exec(db)
        .await?;
    Ok(())
}

/// Adds an application at the end of the school's list, which holds [`APPLICATIONS`] at most.
pub async fn add_application(
    db: &DatabaseConnection,
    platform_id: i32,
    application: Application,
    now: DateTime<Utc>,
) -> ServiceResult<()> {
    let listed = platform_application::Entity::find()
        .filter(platform_application::Column::PlatformId.eq(platform_id))
        .count(db)
        .await?;
    if listed as usize >= APPLICATIONS {
        return Err(ServiceError::TooManyApplications);
    }
    platform_application::ActiveModel {
        platform_id: Set(platform_id),
        name: Set(application.name),
        url: Set(application.url),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// Removes one of the school's applications; another school's is not found.
pub async fn remove_application(
    db: &DatabaseConnection,
    platform_id: i32,
    id: i32,
) -> ServiceResult<platform_application::Model> {
    let found = platform_application::Entity::find_by_id(id)
        .filter(platform_application::Column::PlatformId.eq(platform_id))
        .one(db)
        .await?
        .ok_or(ServiceError::Forbidden)?;
    platform_application::Entity::delete_by_id(found.id)
        .exec(db)
        .await?;
    Ok(found)
}
