//! SeaORM entities, one per table of `migrations/`. Relations are queried explicitly by id in the
//! services, so the entities stay plain rows.
pub mod audit_event;
pub mod consent;
pub mod course;
pub mod course_student;
pub mod course_teacher;
pub mod event;
pub mod event_class;
pub mod known_browser;
pub mod mailed_link;
pub mod news;
pub mod news_class;
pub mod parent_account;
pub mod parent_slot;
pub mod platform;
pub mod platform_admin;
pub mod session;
pub mod sign_in_code;
pub mod staff_account;
pub mod staff_import;
pub mod staff_link;
pub mod staff_membership;
pub mod staff_recovery_code;
pub mod staff_session;
pub mod student;
pub mod terms_version;
pub mod throttle;
