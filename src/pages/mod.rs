//! One module per screen; each renders on the server, works without JavaScript and hydrates.
pub mod account;
pub mod calendar;
pub mod children;
pub mod confirm_email;
pub mod courses;
pub mod help;
pub mod home;
pub mod inbox;
pub mod news;
pub mod password;
pub mod profile;
pub mod recovery;
pub mod second_factor;
pub mod sign_in;
pub mod sign_in_code;
pub mod staff;
pub mod terms;
