//! Cartable's database schema, as SeaORM migrations. `cartable` runs them at every start, on SQLite
//! and PostgreSQL alike; add a new file for every change, never edit one that has shipped.
pub use sea_orm_migration::prelude::*;

mod m20261130_000001_accounts;
mod m20261130_000002_children_and_courses;
mod m20261130_000003_security;
mod m20261130_000004_lowercase_emails;
mod m20261130_000005_mailed_links;
mod m20261130_000006_one_slot_per_parent;
mod m20261130_000007_letter_expiry;
mod m20261130_000008_known_browsers_and_sign_in_codes;
mod m20261130_000009_account_language;
mod m20261130_000010_staff;
mod m20261201_000011_second_factors;
mod m20261201_000012_school_logo_and_applications;
mod m20261201_000013_outbox;
mod m20261201_000014_messages;
mod m20261201_000015_notifications;
mod m20261201_000016_web_push;
mod m20261201_000017_school_revisions;
mod m20261201_000018_calendar_feeds;
mod m20261201_000019_absences;
mod m20261201_000020_intradesk;
mod m20261201_000021_surveys;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261130_000001_accounts::Migration),
            Box::new(m20261130_000002_children_and_courses::Migration),
            Box::new(m20261130_000003_security::Migration),
            Box::new(m20261130_000004_lowercase_emails::Migration),
            Box::new(m20261130_000005_mailed_links::Migration),
            Box::new(m20261130_000006_one_slot_per_parent::Migration),
            Box::new(m20261130_000007_letter_expiry::Migration),
            Box::new(m20261130_000008_known_browsers_and_sign_in_codes::Migration),
            Box::new(m20261130_000009_account_language::Migration),
            Box::new(m20261130_000010_staff::Migration),
            Box::new(m20261201_000011_second_factors::Migration),
            Box::new(m20261201_000012_school_logo_and_applications::Migration),
            Box::new(m20261201_000013_outbox::Migration),
            Box::new(m20261201_000014_messages::Migration),
            Box::new(m20261201_000015_notifications::Migration),
            Box::new(m20261201_000016_web_push::Migration),
            Box::new(m20261201_000017_school_revisions::Migration),
            Box::new(m20261201_000018_calendar_feeds::Migration),
            Box::new(m20261201_000019_absences::Migration),
            Box::new(m20261201_000020_intradesk::Migration),
            Box::new(m20261201_000021_surveys::Migration),
        ]
    }
}
