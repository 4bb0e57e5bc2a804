//! The HTTP application: pages rendered by Leptos, server functions under `/api`, static files, and
//! the layers every response goes through.
use super::{AppState, clock::Clock, config::Settings, db, journey, mail::Mailer, sessions};
use crate::{
    app::{App, shell},
    domain::journey::JourneyStep,
};
use axum::{
    Router,
    body::Body,
    extract::{Request, State},
    http::{HeaderName, HeaderValue, Method, StatusCode, header},
    middleware::{self, Next},
    response::{IntoResponse, Redirect, Response},
};
use leptos::prelude::*;
use leptos_axum::{LeptosRoutes, generate_route_list, handle_server_fns_with_context};
use std::{net::SocketAddr, sync::Arc};
use tokio::net::TcpListener;
use tower_http::{
    csrf::CsrfLayer, limit::RequestBodyLimitLayer, set_header::SetResponseHeaderLayer,
};

/// No form of Cartable needs more; larger bodies are refused before any parsing.
const MAX_BODY_BYTES: usize = 64 * 1024;

/// A bound, ready-to-run server: tests start it on port 0 and read the port it got.
pub struct Application {
    listener: TcpListener,
    router: Router,
    queries: db::QueryCounter,
    clock: Clock,
}

impl Application {
    pub async fn build(
        settings: Settings,
        leptos_options: LeptosOptions,
        addr: SocketAddr,
    ) -> anyhow::Result<Self> {
        let mut db = db::connect(&settings.database_url).await?;
        let queries = db::count_queries(&mut db);
        let mailer = Mailer::new(settings.smtp_url.as_deref(), settings.outbox_dir.clone())?;
        let clock = Clock::default();
        let state = AppState {
            leptos_options,
            db,
            settings: Arc::new(settings),
            mailer: Arc::new(mailer),
            clock: clock.clone(),
        };
        let listener = TcpListener::bind(addr).await?;
        Ok(Self {
            listener,
            router: router(state),
            queries,
            clock,
        })
    }

    /// The application's clock, which tests move forward.
    pub fn clock(&self) -> Clock {
        self.clock.clone()
    }

    /// Counts the queries the application runs from now on.
    pub fn queries(&self) -> db::QueryCounter {
        self.queries.clone()
    }

    pub fn local_addr(&self) -> SocketAddr {
        self.listener
            .local_addr()
            .expect("a bound listener has an address")
    }

    pub async fn run(self) -> std::io::Result<()> {
        axum::serve(
            self.listener,
            self.router
                .into_make_service_with_connect_info::<SocketAddr>(),
        )
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
    }
}

pub fn router(state: AppState) -> Router {
    let routes = generate_route_list(App);
    let leptos_options = state.leptos_options.clone();
    let context = {
        let state = state.clone();
        move || provide_context(state.clone())
    };
    let https = state.settings.https();
    let csrf = CsrfLayer::new()
        .add_trusted_origin(state.settings.public_url.trim_end_matches('/'))
        .unwrap_or_else(|_| CsrfLayer::new());
    let router = Router::new()
        .leptos_routes_with_context(&state, routes, context, move || {
            shell(leptos_options.clone())
        })
        // Every server function changes or reveals something: POST only, never a link or an image.
        .route("/api/{*name}", axum::routing::post(server_fn))
        .fallback(leptos_axum::file_and_error_handler::<AppState, _>(shell))
        .layer(middleware::from_fn_with_state(state.clone(), journey_guard))
        .layer(middleware::from_fn(server_fn_status))
        // A form of another site can't post here: Sec-Fetch-Site / Origin must be ours.
        .layer(csrf)
        .layer(RequestBodyLimitLayer::new(MAX_BODY_BYTES));
    security_headers(router, https).with_state(state)
}

/// The headers every response carries. Pages set their own Content-Security-Policy, with the
/// nonce of their inline scripts (`app::shell`); everything else gets the strictest one.
fn security_headers(router: Router<AppState>, https: bool) -> Router<AppState> {
    let router = router
        .layer(header_layer(header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .layer(header_layer(header::REFERRER_POLICY, "same-origin"))
        .layer(header_layer(header::X_FRAME_OPTIONS, "DENY"))
        .layer(header_layer(
            HeaderName::from_static("cross-origin-opener-policy"),
            "same-origin",
        ))
        .layer(header_layer(
            HeaderName::from_static("permissions-policy"),
            "camera=(), microphone=(), geolocation=(), payment=()",
        ))
        .layer(header_layer(
            header::CONTENT_SECURITY_POLICY,
            "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
        ));
    if https {
        router.layer(header_layer(
            header::STRICT_TRANSPORT_SECURITY,
            "max-age=63072000; includeSubDomains",
        ))
    } else {
        router
    }
}

/// The Content-Security-Policy of a page whose inline scripts carry `nonce`: scripts from the site
/// and those scripts only, WebAssembly compiled from the site's file, nothing framed, nothing inline.
pub fn page_policy(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; \
         object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
    )
}

fn header_layer(name: HeaderName, value: &'static str) -> SetResponseHeaderLayer<HeaderValue> {
    SetResponseHeaderLayer::if_not_present(name, HeaderValue::from_static(value))
}

async fn server_fn(State(state): State<AppState>, request: Request<Body>) -> impl IntoResponse {
    handle_server_fns_with_context(move || provide_context(state.clone()), request).await
}

/// Server functions answer every error with 500; give scripts the status that says what happened
/// (400 bad input, 401 signed out, 403 refused, 409 another step first).
async fn server_fn_status(request: Request, next: Next) -> Response {
    let is_api = request.uri().path().starts_with("/api/");
    let response = next.run(request).await;
    if !is_api
        || response.status() != StatusCode::INTERNAL_SERVER_ERROR
        || !response.headers().contains_key("serverfnerror")
    {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, MAX_BODY_BYTES).await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    if let Ok(error) = serde_json::from_slice::<crate::api::AppError>(&bytes) {
        parts.status =
            StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        if let crate::api::AppError::TooManyAttempts {
            retry_after_seconds,
        } = error
        {
            parts
                .headers
                .insert(header::RETRY_AFTER, HeaderValue::from(retry_after_seconds));
        }
    }
    Response::from_parts(parts, Body::from(bytes))
}

/// The pages that show a child's school, open once the journey is done for that child.
const SETTLED_PAGES: [&str; 8] = [
    "/actualites",
    "/appareils",
    "/calendrier",
    "/cours",
    "/enfants",
    "/messages",
    "/notifications",
    "/",
];

fn is_settled_page(path: &str) -> bool {
    SETTLED_PAGES.iter().any(|page| {
        path == *page
            || (*page != "/"
                && path
                    .strip_prefix(page)
                    .is_some_and(|rest| rest.starts_with('/')))
    })
}

/// Keeps every page of the journey in order, before any rendering: a visitor without a session goes
/// to the sign-in page, a parent who has a step left goes to that step, whatever URL they typed.
async fn journey_guard(
    State(state): State<AppState>,
    mut request: Request,
    next: Next,
) -> Response {
    let path = request.uri().path().to_owned();
    let path = path.as_str();
    let step_page = JourneyStep::of_path(path).filter(|step| *step != JourneyStep::Done);
    let settled_page = is_settled_page(path);
    let guarded = path == "/connexion" || step_page.is_some() || settled_page;
    if request.method() != Method::GET || !guarded {
        return next.run(request).await;
    }
    let session = match sessions::from_headers(&state, request.headers()).await {
        Ok(session) => session,
        Err(error) => {
            tracing::error!(%error, "session lookup failed");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    let target = match session {
        None if path == "/connexion" => None,
        None => Some("/connexion"),
        Some(session) => match journey::standing(&state.db, &session).await {
            Ok(standing) => {
                let step = standing.step();
                let arrived =
                    (settled_page && step == JourneyStep::Done) || step_page == Some(step);
                request.extensions_mut().insert(journey::CheckedPage {
                    session,
                    standing: std::sync::Arc::new(standing),
                });
                (!arrived).then_some(step.path())
            }
            Err(_) => Some("/connexion"),
        },
    };
    match target {
        Some(target) => Redirect::to(target).into_response(),
        None => next.run(request).await,
    }
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
