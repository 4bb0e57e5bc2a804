//! "Mes enfants": the children linked to the account, linking one more ("Ajouter des enfants"),
//! choosing the child the site shows, and the password that closes a new link.
use super::AppResult;
#[cfg(feature = "ssr")]
use crate::domain::routes;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use {
    super::{AppError, error::counts_as_failed_attempt, guard},
    crate::domain::{identifier::Identifier, journey::JourneyStep, limits, platform::PlatformCode},
    crate::server::{
        audit::{self, Kind},
        children,
        error::ServiceError,
        lookups,
        throttle::{self, Key},
    },
    crate::{i18n::td_string, language},
};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChildCard {
    pub id: i32,
    pub first_name: String,
    pub last_name: String,
    pub school: String,
    pub class_name: Option<String>,
    /// "17/11/2026", the day the child was linked to the account.
    pub linked_on: Option<String>,
    /// False until the parent re-entered their password for this child.
    pub confirmed: bool,
    /// The child the site shows now.
    pub selected: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChildrenView {
    /// The selected child's school, for the page's header.
    pub school: crate::api::brand::SchoolBrand,
    pub children: Vec<ChildCard>,
}

#[server(prefix = "/api", endpoint = "children")]
pub async fn load_children() -> AppResult<ChildrenView> {
    use crate::server::clock::brussels;
    let (state, _, standing) = guard::settled().await?;
    let linked = children::linked_children(&state.db, standing.account.id).await?;
    let school = crate::server::lookups::platform_of(&state.db, &standing.child).await?;
    Ok(ChildrenView {
        school: crate::api::brand::SchoolBrand::for_parent(&state.db, school, standing.account.id)
            .await?,
        children: linked
            .into_iter()
            .map(|linked| ChildCard {
                id: linked.child.id,
                selected: linked.child.id == standing.child.id,
                first_name: linked.child.first_name,
                last_name: linked.child.last_name,
                school: linked.school.name,
                class_name: linked.child.class_name,
                linked_on: linked
                    .linked_at
                    .map(|at| brussels(at).format("%d/%m/%Y").to_string()),
                confirmed: linked.confirmed,
            })
            .collect(),
    })
}

/// The name of the school whose platform code the parent is typing, for the ✓ of "Plateforme".
#[server(prefix = "/api", endpoint = "platform_name")]
pub async fn platform_name(code: String) -> AppResult<Option<String>> {
    let (state, _, _) = guard::settled().await?;
    guard::plain_text("platform", &code, limits::PLATFORM_CODE)?;
    let Some(code) = PlatformCode::parse(&code) else {
        return Ok(None);
    };
    Ok(lookups::platform_by_code(&state.db, &code)
        .await?
        .map(|school| school.name))
}

/// "Enregistrer" on "Ajouter un enfant": links the child of a letter to the account.
#[server(prefix = "/api", endpoint = "link_child")]
pub async fn link_child(platform: String, identifier: String, password: String) -> AppResult<()> {
    let typed = [
        ("platform", platform.as_str()),
        ("identifier", identifier.as_str()),
    ];
    let form_error = |error: AppError| error.for_form("password", &typed);
    let (state, session, _) = guard::settled().await?;
    let locale = language::current();
    let required = [
        (
            "platform",
            &platform,
            td_string!(locale, children.platform_required),
        ),
        (
            "identifier",
            &identifier,
            td_string!(locale, children.identifier_required),
        ),
        (
            "password",
            &password,
            td_string!(locale, children.password_required),
        ),
    ];
    for (field, value, message) in required {
        if value.trim().is_empty() {
            return Err(form_error(AppError::field(field, message)));
        }
        guard::plain_text(field, value, limits::LETTER_FIELD).map_err(form_error)?;
    }
    let Some(code) = PlatformCode::parse(&platform) else {
        return Err(form_error(ServiceError::UnknownPlatform.into()));
    };
    let Some(typed_child) = Identifier::parse(&identifier) else {
        return Err(form_error(ServiceError::LetterRefused.into()));
    };
    // Letters' passwords are guessed like sign-in passwords: the same throttle applies.
    let client = guard::client();
    let (db, clock) = (&state.db, &state.clock);
    let account = session.account_id.to_string();
    let keys = Key::new("link", &account, throttle::ACCOUNT).and_ip(client.ip.as_deref());
    // Taken before the letter is checked, so that parallel guesses all count.
    let check = children::link(
        db,
        clock,
        session.account_id,
        &code,
        &typed_child,
        &password,
    );
    let linked = throttle::attempt(db, clock, &keys, counts_as_failed_attempt, check).await;
    let account = Some(session.account_id);
    let wrong_letter = matches!(&linked, Err(refusal) if counts_as_failed_attempt(refusal));
    let logged = match &linked {
        Ok(child) => Some((Kind::ChildLinked, child.identifier.clone())),
        Err(_) if wrong_letter => Some((Kind::ChildLinkRefused, typed_child.to_string())),
        Err(_) => None,
    };
    if let Some((kind, detail)) = logged {
        audit::record(db, clock.now(), kind, account, &client, Some(&detail)).await?;
    }
    let child = linked.map_err(|refusal| form_error(refusal.into()))?;
    guard::go_to(&format!("{}?ajoute={}", routes::CHILDREN, child.id));
    Ok(())
}

/// Choosing a child in "Mes enfants": every page then shows that child and its school, once its
/// terms are accepted and its link confirmed.
#[server(prefix = "/api", endpoint = "select_child")]
pub async fn select_child(student_id: i32) -> AppResult<()> {
    let (state, session) = guard::signed_in().await?;
    let session = children::select(&state.db, &session, student_id).await?;
    guard::go_to_next_step(&state, &session).await
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConfirmLinkView {
    /// The new child's identifier.
    pub identifier: String,
    pub first_name: String,
}

#[server(prefix = "/api", endpoint = "confirm_link")]
pub async fn load_confirm_link() -> AppResult<ConfirmLinkView> {
    let (_, _, standing) = guard::at_step(JourneyStep::ConfirmLink).await?;
    let child = standing.child;
    Ok(ConfirmLinkView {
        identifier: child.identifier,
        first_name: child.first_name,
    })
}

/// "Enregistrer" on the password step of a new child: the parent re-enters their password.
#[server(prefix = "/api", endpoint = "confirm_link_password")]
pub async fn confirm_link_password(password: String) -> AppResult<()> {
    let (state, session) = guard::signed_in().await?;
    if password.is_empty() {
        let locale = language::current();
        return Err(AppError::field(
            "password",
            td_string!(locale, children.confirm_password_required),
        ));
    }
    guard::plain_text("password", &password, limits::PASSWORD)?;
    let account = session.account_id.to_string();
    let keys = [Key::new("link", &account, throttle::ACCOUNT)];
    let (db, clock) = (&state.db, &state.clock);
    let confirm = children::confirm_link(db, clock, &session, &password);
    throttle::attempt(db, clock, &keys, counts_as_failed_attempt, confirm).await?;
    let session = guard::renew_session(&state, &session).await?;
    guard::go_to_next_step(&state, &session).await
}
