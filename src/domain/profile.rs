//! The "Bienvenue" profile: who the parent is and how the school reaches them.
use super::contact::{EmailAddress, is_valid_mobile, phone_digits};
use crate::{i18n::td_string, language::Locale};
#[cfg(feature = "ssr")]
use sea_orm::sea_query::StringLen;
use serde::{Deserialize, Serialize};

pub const MAX_NAME_LENGTH: usize = super::limits::NAME;

/// The parent's role towards the child, as offered in "Votre rôle". On the server it is also a
/// typed column of the account, stored as its [`Role::code`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(
    feature = "ssr",
    sea_orm(rs_type = "String", db_type = "String(StringLen::None)")
)]
pub enum Role {
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "mere"))]
    Mother,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "pere"))]
    Father,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "tuteur"))]
    Guardian,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "beau-parent"))]
    StepParent,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "grand-parent"))]
    GrandParent,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "autre"))]
    Other,
}

impl Role {
    pub const ALL: [Role; 6] = [
        Self::Mother,
        Self::Father,
        Self::Guardian,
        Self::StepParent,
        Self::GrandParent,
        Self::Other,
    ];

    /// The stable value stored and posted by forms.
    pub fn code(self) -> &'static str {
        match self {
            Self::Mother => "mere",
            Self::Father => "pere",
            Self::Guardian => "tuteur",
            Self::StepParent => "beau-parent",
            Self::GrandParent => "grand-parent",
            Self::Other => "autre",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|role| role.code() == code)
    }

    /// The choice in "Votre rôle", in the parent's language.
    pub fn label(self, locale: Locale) -> &'static str {
        match self {
            Self::Mother => td_string!(locale, profile.role_mother),
            Self::Father => td_string!(locale, profile.role_father),
            Self::Guardian => td_string!(locale, profile.role_guardian),
            Self::StepParent => td_string!(locale, profile.role_step_parent),
            Self::GrandParent => td_string!(locale, profile.role_grand_parent),
            Self::Other => td_string!(locale, profile.role_someone_else),
        }
    }

    /// How the home page introduces the parent: "Mère de Durant Albert".
    pub fn relation_to(self, locale: Locale, child: &str) -> String {
        match self {
            Self::Mother => td_string!(locale, profile.relation_mother, child = child).to_string(),
            Self::Father => td_string!(locale, profile.relation_father, child = child).to_string(),
            Self::Guardian => {
                td_string!(locale, profile.relation_guardian, child = child).to_string()
            }
            Self::StepParent => {
                td_string!(locale, profile.relation_step_parent, child = child).to_string()
            }
            Self::GrandParent => {
                td_string!(locale, profile.relation_grand_parent, child = child).to_string()
            }
            Self::Other => td_string!(locale, profile.relation_parent, child = child).to_string(),
        }
    }
}

/// The fields as typed in the form.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ProfileForm {
    pub first_name: String,
    pub last_name: String,
    pub role: String,
    pub email: String,
    pub phone: String,
    pub mobile: String,
}

/// A profile that passed every check, with optional fields made `None` when left empty.
#[derive(Debug, Clone, PartialEq)]
pub struct Profile {
    pub first_name: String,
    pub last_name: String,
    pub role: Role,
    pub email: EmailAddress,
    pub phone: Option<String>,
    pub mobile: Option<String>,
}

/// One field's problem, in the parent's language, for the message next to that field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

impl FieldError {
    pub fn new(field: &str, message: &str) -> Self {
        Self {
            field: field.into(),
            message: message.into(),
        }
    }
}

/// The refusal of a field holding a control character (no keyboard types one).
pub fn control_characters(locale: Locale) -> &'static str {
    td_string!(locale, profile.control_characters)
}

/// A name that must be given; `missing` is the message when it is not.
fn required_name(
    locale: Locale,
    field: &str,
    value: &str,
    missing: &str,
    errors: &mut Vec<FieldError>,
) -> String {
    let value = value.trim();
    if value.is_empty() {
        errors.push(FieldError::new(field, missing));
    } else if value.chars().count() > MAX_NAME_LENGTH {
        errors.push(FieldError::new(
            field,
            &super::limits::too_long(locale, MAX_NAME_LENGTH),
        ));
    } else if value.chars().any(char::is_control) {
        errors.push(FieldError::new(field, control_characters(locale)));
    }
    value.to_string()
}

fn optional_phone(
    field: &str,
    value: &str,
    valid: fn(&str) -> bool,
    message: &str,
    errors: &mut Vec<FieldError>,
) -> Option<String> {
    let value = value.trim();
    if value.is_empty() {
        return None;
    }
    if !valid(value) {
        errors.push(FieldError::new(field, message));
    }
    Some(value.to_string())
}

impl ProfileForm {
    /// Each field's name and what was typed in it, so that a refused form comes back filled in.
    pub fn typed(&self) -> [(&'static str, String); 6] {
        [
            ("first_name", self.first_name.clone()),
            ("last_name", self.last_name.clone()),
            ("role", self.role.clone()),
            ("email", self.email.clone()),
            ("phone", self.phone.clone()),
            ("mobile", self.mobile.clone()),
        ]
    }

    /// Checks every field at once, so the parent sees all problems together, in their language.
    pub fn validate(&self, locale: Locale) -> Result<Profile, Vec<FieldError>> {
        let mut errors = Vec::new();
        let first_name = required_name(
            locale,
            "first_name",
            &self.first_name,
            td_string!(locale, profile.first_name_missing),
            &mut errors,
        );
        let last_name = required_name(
            locale,
            "last_name",
            &self.last_name,
            td_string!(locale, profile.last_name_missing),
            &mut errors,
        );
        let role = Role::from_code(&self.role);
        if role.is_none() {
            errors.push(FieldError::new(
                "role",
                td_string!(locale, profile.role_missing),
            ));
        }
        let email = EmailAddress::parse(&self.email);
        if self.email.trim().is_empty() {
            errors.push(FieldError::new(
                "email",
                td_string!(locale, profile.email_missing),
            ));
        } else if email.is_none() {
            errors.push(FieldError::new(
                "email",
                td_string!(locale, profile.email_invalid),
            ));
        }
        let phone = optional_phone(
            "phone",
            &self.phone,
            |typed| phone_digits(typed).is_some(),
            td_string!(locale, profile.phone_invalid),
            &mut errors,
        );
        let mobile = optional_phone(
            "mobile",
            &self.mobile,
            is_valid_mobile,
            td_string!(locale, profile.mobile_invalid),
            &mut errors,
        );
        match (role, email) {
            (Some(role), Some(email)) if errors.is_empty() => Ok(Profile {
                first_name,
                last_name,
                role,
                email,
                phone,
                mobile,
            }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn antoinette() -> ProfileForm {
        ProfileForm {
            first_name: " Antoinette ".into(),
            last_name: "Dupond".into(),
            role: "mere".into(),
            email: "antoinette.dupond@example.be".into(),
            phone: String::new(),
            mobile: "0475 12 34 56".into(),
        }
    }

    #[test]
    fn a_complete_profile_is_accepted_and_trimmed() {
        let profile = antoinette().validate(Locale::fr).unwrap();
        assert_eq!(profile.first_name, "Antoinette");
        assert_eq!(profile.role, Role::Mother);
        assert_eq!(profile.phone, None);
        assert_eq!(profile.mobile.as_deref(), Some("0475 12 34 56"));
    }

    #[test]
    fn every_problem_is_reported_on_its_field() {
        let form = ProfileForm {
            first_name: "".into(),
            role: "reine".into(),
            email: "antoinette".into(),
            phone: "12".into(),
            ..antoinette()
        };
        let fields: Vec<String> = form
            .validate(Locale::fr)
            .unwrap_err()
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, ["first_name", "role", "email", "phone"]);
    }

    #[test]
    #[cfg(feature = "ssr")]
    fn the_stored_value_is_the_forms_code() {
        use sea_orm::ActiveEnum;
        for role in Role::ALL {
            assert_eq!(role.to_value(), role.code());
        }
    }

    #[test]
    fn the_home_page_phrase_names_the_role() {
        assert_eq!(
            Role::Mother.relation_to(Locale::fr, "Durant Albert"),
            "Mère de Durant Albert"
        );
        assert_eq!(
            Role::Other.relation_to(Locale::fr, "Durant Albert"),
            "Parent de Durant Albert"
        );
        assert_eq!(Role::from_code("tuteur"), Some(Role::Guardian));
    }
}
