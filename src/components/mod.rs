//! Pieces the screens share: form fields and messages, the signed-in parent's header, the month
//! calendar, and adding a child.
mod add_child;
mod child_switch;
mod form;
mod header;
mod month;

pub use add_child::{AddChildForm, AddChildLink};
pub use child_switch::ChildSwitch;
pub use form::{Field, FormMessage, Loading, load_error, route_id};
pub use header::{Section, SiteHeader};
pub use month::MonthGrid;
