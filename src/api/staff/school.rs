//! "École" in the staff area (administrators): the school's name, contact details and the
//! administrators' addresses shown to parents, its logo and its "Applications".
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
    pub logo: Option<String>,
    pub applications: Vec<crate::api::brand::ApplicationLink>,
    /// Mails to the school's people given up on after a day: `(to, subject, when, why)`.
    pub dead_letters: Vec<(String, String, String, String)>,
}

#[server(prefix = "/api", endpoint = "staff_school")]
pub async fn load_school() -> AppResult<SchoolDetails> {
    use crate::{api::brand::SchoolBrand, server::staff::school};
    let (state, caller) = crate::api::guard::staff().await?;
    let (details, admins) = school::details(&state.db, &caller).await?;
    // What parents see of it, read the way their pages read it.
    let brand = SchoolBrand::of(&state.db, details.clone()).await?;
    let dead_letters = school::dead_letters(&state.db, &caller)
        .await?
        .into_iter()
        .map(|mail| {
            let when = crate::api::messages::when(mail.created_at);
            (
                mail.recipient,
                mail.subject,
                when,
                mail.last_error.unwrap_or_default(),
            )
        })
        .collect();
    Ok(SchoolDetails {
        dead_letters,
        frame: super::frame(&state, &caller).await?,
        logo: brand.logo,
        applications: brand.applications,
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

/// "Envoyer le logo": a form posted as `multipart/form-data` (a file cannot travel otherwise), with
/// one field, `logo`. Its type is read from its bytes; its size is bounded while it is read.
#[server(prefix = "/api", endpoint = "staff_upload_logo", input = leptos::server_fn::codec::MultipartFormData)]
pub async fn upload_logo(data: leptos::server_fn::codec::MultipartData) -> AppResult<()> {
    use crate::api::{AppError, guard};
    use crate::domain::school_brand::{LOGO_BYTES, check_logo};
    use crate::i18n::td_string;
    use crate::server::{audit::Kind, school_brand, staff::school};
    let (state, caller) = guard::staff().await?;
    let locale = crate::language::current();
    let mut fields = data.into_inner().ok_or(AppError::Internal)?;
    // A body cut short by the size limit (or broken) is refused as too large, never half-read.
    let too_large = || {
        let message = td_string!(locale, staff.logo_too_large, kb = LOGO_BYTES / 1024);
        AppError::field("logo", &message.to_string())
    };
    let mut bytes = Vec::new();
    while let Some(mut field) = fields.next_field().await.map_err(|_| too_large())? {
        if field.name() != Some("logo") {
            continue;
        }
        while let Some(chunk) = field.chunk().await.map_err(|_| too_large())? {
            // One byte more than allowed is enough to say it is too large.
            let room = (LOGO_BYTES + 1).saturating_sub(bytes.len());
            bytes.extend_from_slice(&chunk[..chunk.len().min(room)]);
        }
    }
    let detected = school_brand::image_type(&bytes);
    let logo = check_logo(locale, bytes, detected)
        .map_err(|problem| AppError::field("logo", &problem.message))?;
    school::set_logo(&state.db, &caller, logo, state.clock.now()).await?;
    super::record(&state, &caller, Kind::SchoolChanged, Some("logo")).await?;
    guard::go_to(&format!("{}?logo=1", routes::STAFF_SCHOOL));
    Ok(())
}

/// "Retirer le logo".
#[server(prefix = "/api", endpoint = "staff_remove_logo")]
pub async fn remove_logo() -> AppResult<()> {
    use crate::api::guard;
    use crate::server::{audit::Kind, staff::school};
    let (state, caller) = guard::staff().await?;
    school::remove_logo(&state.db, &caller).await?;
    super::record(&state, &caller, Kind::SchoolChanged, Some("logo")).await?;
    guard::go_to(routes::STAFF_SCHOOL);
    Ok(())
}

/// "Ajouter l'application": a name and a web address, at the end of the parents' menu.
#[server(prefix = "/api", endpoint = "staff_add_application")]
pub async fn add_application(application_name: String, application_url: String) -> AppResult<()> {
    use crate::api::{AppError, guard};
    use crate::domain::school_brand::{APPLICATION_NAME, APPLICATION_URL, check_application};
    use crate::server::{audit::Kind, staff::school};
    let (name, url) = (&application_name, &application_url);
    let typed = [
        ("application_name", name.as_str()),
        ("application_url", url.as_str()),
    ];
    let form = |e: AppError| e.for_form("application_name", &typed);
    guard::plain_text("application_name", name, APPLICATION_NAME * 4).map_err(form)?;
    guard::plain_text("application_url", url, APPLICATION_URL).map_err(form)?;
    let locale = crate::language::current();
    let application = check_application(locale, name, url).map_err(|errors| {
        form(AppError::Invalid {
            errors,
            typed: Vec::new(),
        })
    })?;
    let (state, caller) = guard::staff().await?;
    let detail = application.name.clone();
    school::add_application(&state.db, &caller, application, state.clock.now())
        .await
        .map_err(|e| form(e.into()))?;
    super::record(&state, &caller, Kind::SchoolChanged, Some(&detail)).await?;
    guard::go_to(routes::STAFF_SCHOOL);
    Ok(())
}

/// "Retirer" beside one application.
#[server(prefix = "/api", endpoint = "staff_remove_application")]
pub async fn remove_application(id: i32) -> AppResult<()> {
    use crate::api::guard;
    use crate::server::{audit::Kind, staff::school};
    let (state, caller) = guard::staff().await?;
    let removed = school::remove_application(&state.db, &caller, id).await?;
    super::record(&state, &caller, Kind::SchoolChanged, Some(&removed.name)).await?;
    guard::go_to(routes::STAFF_SCHOOL);
    Ok(())
}
