//! "École" in the staff area (administrators): the school's name, contact details and the
//! administrators' addresses shown to parents.
use super::StaffFrame;
use crate::api::AppResult;
#[cfg(feature = "ssr")]
use crate::domain::routes;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SchoolDetails {
    pub frame: StaffFrame,
    pub name: String,
    pub address: String,
    pub phone: String,
    pub email: String,
    pub web: String,
    /// One address per line.
    pub admins: String,
}

#[server(prefix = "/api", endpoint = "staff_school")]
pub async fn load_school() -> AppResult<SchoolDetails> {
    use crate::server::staff::school;
    let (state, caller) = crate::api::guard::staff().await?;
    let (details, admins) = school::details(&state.db, &caller).await?;
    Ok(SchoolDetails {
        frame: super::frame(&state, &caller).await?,
        name: details.name,
        address: details.address.unwrap_or_default(),
        phone: details.phone.unwrap_or_default(),
        email: details.email.unwrap_or_default(),
        web: details.web.unwrap_or_default(),
        admins: admins.join("\n"),
    })
}

#[server(prefix = "/api", endpoint = "staff_save_school")]
pub async fn save_school(
    name: String,
    #[server(default)] address: String,
    #[server(default)] phone: String,
    #[server(default)] email: String,
    #[server(default)] web: String,
    #[server(default)] admins: String,
) -> AppResult<()> {
    use crate::api::{AppError, guard};
    use crate::domain::{contact::EmailAddress, limits};
    use crate::i18n::td_string;
    use crate::server::staff::school;
    let typed = [
        ("name", name.as_str()),
        ("address", address.as_str()),
        ("phone", phone.as_str()),
        ("email", email.as_str()),
        ("web", web.as_str()),
        ("admins", admins.as_str()),
    ];
    let form = |e: AppError| e.for_form("name", &typed);
    for (field, value) in [
        ("name", &name),
        ("phone", &phone),
        ("email", &email),
        ("web", &web),
    ] {
        guard::plain_text(field, value, limits::PROFILE_FIELD).map_err(form)?;
    }
    guard::plain_text_multiline("address", &address, limits::PROFILE_FIELD).map_err(form)?;
    guard::plain_text_multiline("admins", &admins, limits::PROFILE_FIELD * 4).map_err(form)?;
    let locale = crate::language::current();
    if name.trim().is_empty() {
        return Err(form(AppError::field(
            "name",
            td_string!(locale, staff.name_missing),
        )));
    }
    let web_ok = web.trim().is_empty() || web.starts_with("https://") || web.starts_with("http://");
    if !web_ok {
        return Err(form(AppError::field(
            "web",
            td_string!(locale, staff.web_invalid),
        )));
    }
    let mut addresses = Vec::new();
    for line in admins.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let parsed = EmailAddress::parse(line).ok_or_else(|| {
            form(AppError::field(
                "admins",
                td_string!(locale, staff.admins_invalid),
            ))
        })?;
        addresses.push(parsed);
    }
    if !email.trim().is_empty() && EmailAddress::parse(&email).is_none() {
        return Err(form(AppError::field(
            "email",
            td_string!(locale, staff.admins_invalid),
        )));
    }
    let (state, caller) = guard::staff().await?;
    let details = school::Details {
        name: name.clone(),
        address: Some(address.replace("\r\n", "\n")),
        phone: Some(phone.clone()),
        email: Some(email.clone()),
        web: Some(web.clone()),
        admins: addresses,
    };
    school::update(&state.db, &caller, details)
        .await
        .map_err(|e| form(e.into()))?;
    super::record(
        &state,
        &caller,
        crate::server::audit::Kind::SchoolChanged,
        None,
    )
    .await?;
    guard::go_to(&format!("{}?enregistre=1", routes::STAFF_SCHOOL));
    Ok(())
}
