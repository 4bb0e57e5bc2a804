//! How much a parent may type in each field, and how long mailed links live, named once: the
//! server functions refuse longer input before any work, the forms' `maxlength` say the same, and
//! the messages quote these numbers rather than typing them again.
use crate::{i18n::td_string, language::Locale};

/// An e-mail address, and so a child's identifier (RFC 5321's longest path).
pub const EMAIL: usize = 254;
/// A first or last name on the profile.
pub const NAME: usize = 100;
/// Any other profile field (role, phones): generous; the field's own rule says more.
pub const PROFILE_FIELD: usize = 300;
/// A password, the parent's own or a letter's: long enough for passphrases and password
/// managers, bounded so that hashing a submitted value stays cheap.
pub const PASSWORD: usize = 256;
/// What "Ajouter un enfant" asks: the platform, the child's identifier, the letter's password.
pub const LETTER_FIELD: usize = 256;
/// A platform's code, as the parent types it ("isu-dour").
pub const PLATFORM_CODE: usize = 60;
/// The token of a mailed link (43 characters as generated).
pub const TOKEN: usize = 100;
/// The handle that names a device on "Mon compte" (16 characters as generated).
pub const DEVICE_HANDLE: usize = 64;
/// A month or a day of the calendar in its URL ("2026-11", "2026-11-17").
pub const CALENDAR_DATE: usize = 20;

/// The most parent slots (letters) a child may have: two parents, and a third adult (a guardian,
/// a step-parent). Every check of a letter or a sign-in verifies this many hashes, whichever
/// child it names, so that its time tells nothing.
pub const PARENT_SLOTS: usize = 3;

/// How long a sign-in code mailed to a parent works (the code page says it).
pub const SIGN_IN_CODE_MINUTES: i64 = 15;

/// How long a forgotten-password link works.
pub const RESET_LINK_MINUTES: i64 = 30;

/// The refusal of a field longer than `max` characters, in the parent's language.
pub fn too_long(locale: Locale, max: usize) -> String {
    td_string!(locale, profile.too_long, max = max).to_string()
}

/// A news item's (or an event's) title.
pub const NEWS_TITLE: usize = 200;
/// A news item's Markdown (or an event's description).
pub const NEWS_BODY: usize = 20_000;
/// The letters a student added from the staff area gets: one per parent.
pub const LETTERS_PER_STUDENT: usize = 2;
