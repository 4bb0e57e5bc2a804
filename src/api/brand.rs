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
    /// The reader's unread messages, counted in the navigation (0 on the staff's pages).
    pub unread_messages: i64,
    /// The reader's notifications not seen yet, counted in the navigation too.
    pub unseen_notifications: u64,
}

#[cfg(feature = "ssr")]
impl SchoolBrand {
    /// The brand of a parent's page, with their unread messages and unseen notifications (all
    /// three read at once).
    pub(crate) async fn for_parent(
        db: &sea_orm::DatabaseConnection,
        school: crate::server::entities::platform::Model,
        account_id: i32,
    ) -> super::AppResult<Self> {
        use crate::server::{
            messages::{Member, unread_of},
            notifications,
        };
        let unread = async { Ok(unread_of(db, Member::Parent(account_id)).await?) };
        let unseen = async { Ok(notifications::unseen(db, account_id).await?) };
        let (brand, unread, unseen) = tokio::try_join!(Self::of(db, school), unread, unseen)?;
        Ok(Self {
            unread_messages: unread,
            unseen_notifications: unseen,
            ..brand
        })
    }

    pub(crate) async fn of(
        db: &sea_orm::DatabaseConnection,
        school: crate::server::entities::platform::Model,
    ) -> super::AppResult<Self> {
        use crate::{domain::routes, server::school_brand};
        let brand = school_brand::of(db, school.id).await?;
        Ok(Self {
            unread_messages: 0,
            unseen_notifications: 0,
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
