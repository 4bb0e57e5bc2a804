//! Integration tests: the real server on a free port, a fresh SQLite file per test (or a fresh
//! PostgreSQL database when `CARTABLE_TEST_POSTGRES_URL` is set), called over HTTP like a browser
//! or a script would.
mod helpers;

mod children;
mod email_confirmation;
mod isolation;
mod journey;
mod pages;
mod school;
mod sign_in;
