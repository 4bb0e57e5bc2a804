//! The school's staff: their accounts and roles per platform ([`accounts`]), their sessions
//! ([`sessions`]), and what each role may reach ([`access`]); their second factor is
//! [`crate::server::second_factor`], shared with parents. Every staff service takes the [`access::Caller`] and checks the
//! platform and the role of what it touches itself, whatever ids it was sent.
pub mod access;
pub mod accounts;
pub mod courses;
pub mod events;
pub mod imports;
pub mod journal;
pub mod letters;
pub mod links;
pub mod news;
pub mod school;
pub mod sessions;
pub mod students;
pub mod terms;

pub use super::entities::staff_membership::Role;
pub use access::Caller;
