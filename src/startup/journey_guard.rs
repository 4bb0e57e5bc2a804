//! Keeps every page of the journey in order, before any rendering: a visitor without a session
//! goes to the sign-in page, a parent who has a step left goes to that step, whatever URL they
//! typed. What it read travels to the page's server functions in the request's extensions.
use super::RouterState;
use crate::{
    api::CheckedPage,
    domain::{journey::JourneyStep, routes},
    server::{error::ServiceError, journey, sessions},
};
use axum::{
    extract::{Request, State},
    http::{Method, StatusCode, header},
    middleware::Next,
    response::{IntoResponse, Redirect, Response},
};

/// The pages that show a child's school (and those below them), open once the journey is done
/// for that child.
const SETTLED_PAGES: [&str; 11] = [
    routes::SURVEYS,
    routes::INTRADESK,
    routes::ABSENCES,
    routes::NEWS,
    routes::ACCOUNT,
    routes::CALENDAR,
    routes::COURSES,
    routes::CHILDREN,
    routes::MESSAGES,
    routes::NOTIFICATIONS,
    routes::HOME,
];

fn is_settled_page(path: &str) -> bool {
    SETTLED_PAGES.iter().any(|page| {
        path == *page
            || (*page != routes::HOME
                && path
                    .strip_prefix(page)
                    .is_some_and(|rest| rest.starts_with('/')))
    })
}

pub async fn journey_guard(
    State(state): State<RouterState>,
    mut request: Request,
    next: Next,
) -> Response {
    let path = request.uri().path().to_owned();
    let path = path.as_str();
    let step_page = JourneyStep::of_path(path).filter(|step| *step != JourneyStep::Done);
    let settled_page = is_settled_page(path);
    let guarded = path == routes::SIGN_IN || step_page.is_some() || settled_page;
    if request.method() != Method::GET || !guarded {
        return next.run(request).await;
    }
    let app = &state.app;
    let session = match sessions::from_headers(app, request.headers()).await {
        Ok(session) => session,
        Err(error) => return failed(&error),
    };
    let Some(session) = session else {
        return match path {
            routes::SIGN_IN => next.run(request).await,
            _ => Redirect::to(routes::SIGN_IN).into_response(),
        };
    };
    let standing = match journey::standing(&app.db, &session).await {
        Ok(standing) => standing,
        // A session that names nothing any more is ended, so that it is not bounced around.
        Err(ServiceError::NotSignedIn) => {
            if let Err(error) = sessions::end(&app.db, &session.id).await {
                return failed(&error);
            }
            let forget = [(header::SET_COOKIE, sessions::clear_cookie(&app.settings))];
            return (forget, Redirect::to(routes::SIGN_IN)).into_response();
        }
        Err(error) => return failed(&error),
    };
    let step = standing.step();
    let arrived = (settled_page && step == JourneyStep::Done) || step_page == Some(step);
    request.extensions_mut().insert(CheckedPage {
        session,
        standing: std::sync::Arc::new(standing),
    });
    if arrived {
        next.run(request).await
    } else {
        Redirect::to(step.path()).into_response()
    }
}

/// A fault (the database, most likely) answers 500: sending the parent elsewhere would only loop.
fn failed(error: &dyn std::error::Error) -> Response {
    tracing::error!(error = %error, source = ?error.source(), "the journey guard could not read the session");
    StatusCode::INTERNAL_SERVER_ERROR.into_response()
}

#[cfg(test)]
mod tests {
    use super::is_settled_page;

    #[test]
    fn the_pages_of_a_school_are_told_from_the_others() {
        for page in [
            "/",
            "/actualites",
            "/actualites/12",
            "/calendrier",
            "/enfants/ajouter",
        ] {
            assert!(is_settled_page(page), "{page}");
        }
        for page in [
            "/connexion",
            "/aide",
            "/actualitesx",
            "/mot-de-passe",
            "/pkg/cartable.js",
        ] {
            assert!(!is_settled_page(page), "{page}");
        }
    }
}
