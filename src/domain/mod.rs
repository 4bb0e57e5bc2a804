//! The rules of the domain, free of I/O. Everything here compiles for the server and for the browser,
//! so a form checks its fields live with the very code the server runs as the authority.
pub mod absences;
pub mod calendar;
pub mod contact;
pub mod identifier;
pub mod intradesk;
pub mod journey;
pub mod limits;
pub mod messages;
pub mod notifications;
pub mod password;
pub mod platform;
pub mod profile;
pub mod push;
pub mod routes;
pub mod school_brand;
pub mod school_class;
pub mod surveys;
