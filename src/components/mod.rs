//! Pieces the screens share: loading a page's data, form fields and messages, the signed-in
//! parent's header, the language switch, the month calendar, adding a child, and a second factor's
//! set-up.
mod absences;
mod add_child;
mod browser;
mod child_switch;
mod conversation;
mod documents;
mod form;
mod header;
mod language_switch;
mod loaded;
mod markdown_editor;
mod month;
mod new_password;
mod second_factor_setup;
mod staff_header;

pub use absences::AbsenceList;
pub use add_child::{AddChildForm, AddChildLink};
pub use browser::{field_value, island_awake};
pub use child_switch::ChildSwitch;
pub use conversation::{
    ArchiveSwitch, CheckboxField, ConversationList, FileField, InboxSearch, MessageFields,
    ReplyForm, SubjectField, Thread,
};
pub use documents::DocumentList;
pub use form::{Field, FormErrors, FormMessage};
pub use header::{MAIN_ID, MainContent, Section, SiteHeader};
pub use language_switch::LanguageSwitch;
pub use loaded::{Loaded, route_id};
pub use markdown_editor::MarkdownEditor;
pub use month::{EventLine, MonthGrid};
pub use new_password::NewPasswordFields;
pub use second_factor_setup::{FirstCodeFields, SecondFactorSetupCard};
pub use staff_header::{StaffHeader, StaffSection};
