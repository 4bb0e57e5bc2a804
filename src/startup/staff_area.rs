//! The staff area's answers that are not pages: its guard (a staff page needs a verified staff
//! session; an administrator sets up the second factor first), the printable letters (a form's
//! POST answered with the letters, so that a reload never prints new passwords by surprise), and
//! the journal's CSV.
use super::{RouterState, letters};
use crate::{
    domain::routes,
    language::Locale,
    server::{
        AppState,
        audit::{self, Kind},
        entities::{platform, staff_account},
        second_factor, second_factor_waits,
        sessions::Client,
        staff::{
            self, Caller, access,
            letters::{Scope, issue, reset, validity},
            sessions,
        },
        students::Issue,
    },
};
use axum::{
    Form,
    extract::{ConnectInfo, Query, Request, State},
    http::{HeaderMap, HeaderValue, Method, StatusCode, header},
    middleware::Next,
    response::{IntoResponse, Redirect, Response},
};
use sea_orm::EntityTrait;
use serde::Deserialize;

/// Whether `path` is a page of the staff area that needs a signed-in staff member.
fn is_staff_page(path: &str) -> bool {
    path != routes::STAFF_PASSWORD
        && (path == routes::STAFF
            || path
                .strip_prefix(routes::STAFF)
                .is_some_and(|rest| rest.starts_with('/')))
}

pub async fn staff_guard(
    State(state): State<RouterState>,
    request: Request,
    next: Next,
) -> Response {
    let path = request.uri().path().to_owned();
    let second_factor_page = path == routes::SECOND_FACTOR;
    if request.method() != Method::GET || !(is_staff_page(&path) || second_factor_page) {
        return next.run(request).await;
    }
    let app = &state.app;
    // A parent's sign-in waiting for its second factor is asked on the same page.
    if second_factor_page {
        let token = second_factor_waits::COOKIE.read(app.settings.https(), request.headers());
        let now = app.clock.now();
        match second_factor_waits::waiting(&app.db, now, token.unwrap_or_default()).await {
            Ok(Some(_)) => return next.run(request).await,
            Ok(None) => {}
            Err(error) => return failed(&error),
        }
    }
    let session = match sessions::from_headers(app, request.headers()).await {
        Ok(Some(session)) => session,
        Ok(None) => return Redirect::to(routes::SIGN_IN).into_response(),
        Err(error) => return failed(&error),
    };
    let account = match staff_account::Entity::find_by_id(session.staff_id)
        .one(&app.db)
        .await
    {
        Ok(Some(account)) => account,
        Ok(None) => return Redirect::to(routes::SIGN_IN).into_response(),
        Err(error) => return failed(&error),
    };
    let owner = second_factor::Owner::Staff(account.id);
    let has_second_factor = match second_factor::enabled_at(&app.db, owner).await {
        Ok(enabled_at) => enabled_at.is_some(),
        Err(error) => return failed(&error),
    };
    let setting_up = path == routes::STAFF_SECURITY;
    if !session.verified {
        return match (has_second_factor, second_factor_page, setting_up) {
            (true, true, _) | (false, _, true) => next.run(request).await,
            (true, false, _) => Redirect::to(routes::SECOND_FACTOR).into_response(),
            (false, _, false) => Redirect::to(routes::STAFF_SECURITY).into_response(),
        };
    }
    if second_factor_page {
        return Redirect::to(routes::STAFF).into_response();
    }
    match access::caller(&app.db, &session).await {
        // A suspended or removed member's session is worth nothing: it ends here.
        Ok(None) => {
            let _ = sessions::end(&app.db, &session.id).await;
            let forget = [(
                header::SET_COOKIE,
                sessions::forget_cookie(app.settings.https()),
            )];
            (forget, Redirect::to(routes::SIGN_IN)).into_response()
        }
        Ok(Some(_)) => next.run(request).await,
        Err(error) => failed(&error),
    }
}

fn failed(error: &dyn std::error::Error) -> Response {
    tracing::error!(error = %error, "the staff guard could not read the session");
    StatusCode::INTERNAL_SERVER_ERROR.into_response()
}

/// The verified staff member of a request, if any.
async fn caller_of(app: &AppState, headers: &HeaderMap) -> Result<Option<Caller>, sea_orm::DbErr> {
    match sessions::from_headers(app, headers).await? {
        Some(session) => access::caller(&app.db, &session).await,
        None => Ok(None),
    }
}

fn client_of(
    state: &RouterState,
    headers: &HeaderMap,
    peer: Option<std::net::SocketAddr>,
) -> Client {
    Client::of(
        headers,
        peer.map(|p| p.ip()),
        &state.app.settings.trusted_proxies,
    )
}

/// What "Imprimer les lettres" posts: one student (`eleve`), one of their slots (`acces`, a new
/// letter for it), a class (`classe`), or nothing (the whole school).
#[derive(Debug, Deserialize)]
pub struct LettersForm {
    eleve: Option<i32>,
    acces: Option<i32>,
    classe: Option<String>,
}

pub async fn print_letters(State(state): State<RouterState>, request: Request) -> Response {
    use axum::extract::FromRequest;
    let app = &state.app;
    let locale = request
        .extensions()
        .get::<Locale>()
        .copied()
        .unwrap_or_default();
    let peer = request
        .extensions()
        .get::<ConnectInfo<std::net::SocketAddr>>()
        .map(|c| c.0);
    let headers = request.headers().clone();
    let Ok(Form(form)) = Form::<LettersForm>::from_request(request, &()).await else {
        return StatusCode::BAD_REQUEST.into_response();
    };
    let caller = match caller_of(app, &headers).await {
        Ok(Some(caller)) => caller,
        Ok(None) => return Redirect::to(routes::SIGN_IN).into_response(),
        Err(error) => return failed(&error),
    };
    let now = Issue::now(&app.clock, validity());
    let printed = match (form.eleve, form.acces, form.classe) {
        (Some(student), Some(slot), _) => reset(&app.db, &caller, student, slot, now)
            .await
            .map(|letters| (Kind::LetterReset, vec![letters])),
        (Some(student), None, _) => issue(&app.db, &caller, &Scope::Student(student), now)
            .await
            .map(|letters| (Kind::LettersPrinted, letters)),
        (None, _, Some(class)) => issue(&app.db, &caller, &Scope::Class(class), now)
            .await
            .map(|letters| (Kind::LettersPrinted, letters)),
        (None, _, None) => issue(&app.db, &caller, &Scope::School, now)
            .await
            .map(|letters| (Kind::LettersPrinted, letters)),
    };
    let (kind, letters) = match printed {
        Ok(printed) => printed,
        Err(staff_error) => {
            let status = match staff_error {
                crate::server::error::ServiceError::Forbidden => StatusCode::FORBIDDEN,
                _ => StatusCode::INTERNAL_SERVER_ERROR,
            };
            return status.into_response();
        }
    };
    let school = match platform::Entity::find_by_id(caller.platform_id)
        .one(&app.db)
        .await
    {
        Ok(Some(school)) => school,
        _ => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    };
    let identifiers: Vec<&str> = letters.iter().map(|(s, _)| s.identifier.as_str()).collect();
    let detail = format!(
        "{} lettre(s) : {}",
        letters.iter().map(|(_, l)| l.slots.len()).sum::<usize>(),
        identifiers.join(", ")
    );
    let client = client_of(&state, &headers, peer);
    let who = (caller.staff_id, caller.platform_id);
    if let Err(error) =
        audit::record_staff(&app.db, app.clock.now(), kind, who, &client, Some(&detail)).await
    {
        return failed(&error);
    }
    let all: Vec<_> = letters.into_iter().map(|(_, l)| l).collect();
    let html = letters::render_all(&school, &app.settings.public_url, &all, locale);
    let policy = HeaderValue::from_str(&letters::content_policy())
        .unwrap_or(HeaderValue::from_static("default-src 'none'"));
    (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/html; charset=utf-8"),
            ),
            (header::CONTENT_SECURITY_POLICY, policy),
        ],
        html,
    )
        .into_response()
}

#[derive(Debug, Deserialize)]
pub struct JournalQuery {
    personne: Option<String>,
    #[serde(rename = "type")]
    kind: Option<String>,
}

/// The journal as a CSV download (administrators).
pub async fn journal_csv(
    State(state): State<RouterState>,
    headers: HeaderMap,
    Query(query): Query<JournalQuery>,
) -> Response {
    use sea_orm::ActiveEnum;
    let app = &state.app;
    let caller = match caller_of(app, &headers).await {
        Ok(Some(caller)) => caller,
        Ok(None) => return Redirect::to(routes::SIGN_IN).into_response(),
        Err(error) => return failed(&error),
    };
    let kind = query.kind.and_then(|k| Kind::try_from_value(&k).ok());
    let person = query.personne.filter(|p| p.chars().count() <= 100);
    let lines = staff::journal::lines(
        &app.db,
        &caller,
        person.as_deref(),
        kind,
        staff::journal::MOST_LINES,
    )
    .await;
    match lines {
        Ok(lines) => csv_file("journal.csv", staff::journal::to_csv(&lines)),
        Err(crate::server::error::ServiceError::Forbidden) => StatusCode::FORBIDDEN.into_response(),
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

/// A survey's answers as CSV (`/ecole/enquetes/<id>/reponses.csv`), for the staff who manage it.
pub async fn survey_csv(
    State(state): State<RouterState>,
    headers: HeaderMap,
    axum::extract::Path(id): axum::extract::Path<i32>,
) -> Response {
    let app = &state.app;
    let caller = match caller_of(app, &headers).await {
        Ok(Some(caller)) => caller,
        Ok(None) => return Redirect::to(routes::SIGN_IN).into_response(),
        Err(error) => return failed(&error),
    };
    match crate::server::surveys::results(&app.db, &caller, id).await {
        Ok(results) => csv_file("enquete.csv", crate::server::surveys::to_csv(&results)),
        Err(crate::server::error::ServiceError::Forbidden) => StatusCode::NOT_FOUND.into_response(),
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

/// A CSV download named `name` (ASCII, without quotes).
fn csv_file(name: &str, body: String) -> Response {
    let disposition = HeaderValue::from_str(&format!("attachment; filename=\"{name}\""))
        .unwrap_or(HeaderValue::from_static("attachment"));
    let csv = HeaderValue::from_static("text/csv; charset=utf-8");
    (
        [
            (header::CONTENT_TYPE, csv),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        body,
    )
        .into_response()
}
