//! Server functions: every action of the site, callable from its pages (with or without JavaScript)
//! and, being public HTTP endpoints under `/api`, from anything else. Each one checks its input and
//! who is asking before doing anything, calls the services in `server` (the rules live there and
//! in `domain`), and builds the views the pages show. `error` turns a service's refusal into what
//! the parent reads.
pub mod absences;
pub mod account;
pub mod auth;
pub mod brand;
pub mod calendar;
pub mod children;
pub mod courses;
pub mod error;
pub mod home;
pub mod intradesk;
pub mod journey;
pub mod messages;
pub mod news;
pub mod notifications;
pub mod recovery;
pub mod second_factor;
pub mod staff;
pub mod surveys;
#[cfg(feature = "ssr")]
pub mod uploads;

pub use error::{AppError, AppResult};

#[cfg(feature = "ssr")]
mod guard;
#[cfg(feature = "ssr")]
pub use guard::CheckedPage;
