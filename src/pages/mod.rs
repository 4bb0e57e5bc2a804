//! One module per screen; each renders on the server, works without JavaScript and hydrates.
pub mod confirm_email;
pub mod help;
pub mod home;
pub mod password;
pub mod profile;
pub mod sign_in;
pub mod terms;
