//! Everything that only runs on the server, below the server functions: configuration, database,
//! sessions, mail, and the services. Services take what they act on (the database, the clock,
//! the caller's session and device) as arguments, refuse with [`error::ServiceError`], and
//! return rows or domain values: they know nothing of Leptos, of the request being answered or of
//! the page being built (`sessions` alone reads a cookie header and writes one).
pub mod absences;
pub mod accounts;
pub mod app_state;
pub mod audience;
pub mod audit;
pub mod backup;
pub mod calendar;
pub mod calendar_feeds;
pub mod children;
pub mod class_list;
pub mod client_address;
pub mod clock;
pub mod config;
pub mod config_file;
pub mod cookies;
pub mod courses;
pub mod credentials;
pub mod db;
pub mod devices;
pub mod entities;
pub mod error;
pub mod hashers;
pub mod home;
pub mod ics;
pub mod intradesk;
pub mod journey;
pub mod known_browsers;
pub mod letters;
pub mod lookups;
pub mod mail;
pub mod mailed_links;
pub mod markdown;
pub mod messages;
pub mod news;
pub mod notifications;
pub mod outbox;
pub mod passwords;
pub mod personal_data;
pub mod platforms;
pub mod purge;
pub mod push;
pub mod school_brand;
pub mod school_cache;
pub mod second_factor;
pub mod second_factor_waits;
pub mod sessions;
pub mod sign_in_codes;
pub mod staff;
pub mod students;
pub mod surveys;
pub mod terms;
pub mod throttle;
pub mod tokens;

pub use app_state::AppState;
