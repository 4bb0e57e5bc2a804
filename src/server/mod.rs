//! Everything that only runs on the server: configuration, database, sessions, mail, the services
//! behind the server functions, the HTTP application and the command line.
pub mod accounts;
pub mod admin;
pub mod app_state;
pub mod audit;
pub mod calendar;
pub mod children;
pub mod cli;
pub mod clock;
pub mod config;
pub mod courses;
pub mod credentials;
pub mod db;
pub mod demo;
pub mod devices;
pub mod entities;
pub mod home;
pub mod http;
pub mod journey;
pub mod letters;
pub mod mail;
pub mod markdown;
pub mod news;
pub mod passwords;
pub mod sessions;
pub mod throttle;
pub mod tokens;

pub use app_state::AppState;
