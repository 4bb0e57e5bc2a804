//! Integration tests: the real server on a free port, a fresh SQLite file per test (or a fresh
//! PostgreSQL database when `CARTABLE_TEST_POSTGRES_URL` is set), called over HTTP like a browser
//! or a script would.
mod helpers;

mod absences;
mod audit;
mod browser_safety;
mod calendar_feed;
mod children;
mod cluster;
mod concurrency;
mod delivery;
mod devices;
mod email_confirmation;
mod fuzz;
mod health;
mod intradesk;
mod isolation;
mod journey;
mod languages;
mod letters;
mod lockouts;
mod messages;
mod migrations;
mod notifications;
mod outbox;
mod pages;
mod parent_second_factor;
mod personal_data;
mod proxies;
mod purge;
mod push;
mod recovery;
mod school;
mod school_brand;
mod security;
mod sessions;
mod shared_password;
mod sign_in;
mod staff;
mod static_files;
mod surveys;
mod timeouts;
