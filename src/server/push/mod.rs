//! Web push (RFC 8030): a parent's phones and computers that allowed it are told of a notification
//! as their mail is, through the outbox. Messages are encrypted to each browser (RFC 8291) and
//! signed with the server's VAPID key (RFC 8292), made at first start and kept in the database so
//! that every instance signs alike and subscriptions outlive restarts. A subscription the push
//! service says is gone (404 or 410) is deleted.
mod keys;
mod sending;
mod subscriptions;

pub use keys::{VapidKeys, load_or_create};
pub use sending::{Outcome, Payload, Pusher};
pub use subscriptions::{Subscription, of_account, remove, save};
