//! The school as every parent's page shows it in its header: its name, its logo and its
//! "Applications" (the seed's links to outside tools the school chose).
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ApplicationLink {
    pub id: i32,
    pub name: String,
    pub url: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SchoolBrand {
    pub name: String,
    /// The logo's address, which changes with the logo (so that browsers may keep it long).
    pub logo: Option<String>,
    pub applications: Vec<ApplicationLink>,
}

#[cfg(feature = "ssr")]
impl SchoolBrand {
    pub(crate) async fn of(
        db: &sea_orm::DatabaseConnection,
        school: crate::server::entities::platform::Model,
    ) -> super::AppResult<Self> {
        use crate::{domain::routes, server::school_brand};
        let brand = school_brand::of(db, school.id).await?;
        Ok(Self {
            name: school.name,
            logo: brand
                .logo_changed_at
                .map(|at| routes::school_logo(school.id, at.timestamp_millis())),
            applications: brand
                .applications
                .into_iter()
                .map(|app| ApplicationLink {
                    id: app.id,
                    name: app.name,
                    url: app.url,
                })
                .collect(),
        })
    }
}
