//! The school's side ("Espace école"): every page a staff member uses, server-rendered, working
//! without JavaScript like the parents' pages.
pub mod absences;
pub mod access;
pub mod calendar;
pub mod courses;
pub mod home;
pub mod intradesk;
pub mod journal;
pub mod messages;
pub mod news;
pub mod school;
pub mod students;
pub mod surveys;
pub mod team;
pub mod terms;
