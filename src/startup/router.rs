//! The router and the layers every answer goes through.
use super::{
    RouterState, attachments, calendar_feed,
    form_errors::form_errors,
    health,
    journey_guard::journey_guard,
    language::language,
    my_data, school_logo, staff_area,
    static_files::{StaticFiles, build_hashes},
    unsubscribe,
};
use crate::{
    app::{App, shell},
    content_policy,
    language::Locale,
};
use axum::{
    Router,
    body::Body,
    extract::{Request, State},
    http::{HeaderName, HeaderValue, StatusCode, header},
    middleware::{self, Next},
    response::{IntoResponse, Response},
};
use leptos::prelude::*;
use leptos_axum::{
    AxumRouteListing, LeptosRoutes, generate_route_list, handle_server_fns_with_context,
};
use tower_http::{
    CompressionLevel,
    compression::CompressionLayer,
    csrf::CsrfLayer,
    request_id::{MakeRequestUuid, PropagateRequestIdLayer, RequestId, SetRequestIdLayer},
    set_header::SetResponseHeaderLayer,
    timeout::RequestBodyDeadlineLayer,
    trace::TraceLayer,
};

/// No form of Cartable needs more; larger bodies are refused before any parsing.
const MAX_BODY_BYTES: usize = 64 * 1024;
/// The forms that send a file, and what their bodies may hold: the file and the form around it.
const UPLOADS: [(&str, usize); 7] = [
    (
        "/api/staff_upload_logo",
        crate::domain::school_brand::LOGO_BYTES + 16 * 1024,
    ),
    ("/api/send_message", MESSAGE_BYTES),
    ("/api/reply", MESSAGE_BYTES),
    ("/api/staff_send_message", MESSAGE_BYTES),
    ("/api/staff_reply", MESSAGE_BYTES),
    // A shared document, or an absence with its certificate: one file and the form.
    (
        "/api/staff_share_document",
        crate::domain::messages::ATTACHMENT_BYTES + MAX_BODY_BYTES,
    ),
    (
        "/api/report_absence",
        crate::domain::messages::ATTACHMENT_BYTES + MAX_BODY_BYTES,
    ),
];
/// A message with its files: three of 10 MB at most, and its text.
const MESSAGE_BYTES: usize = crate::domain::messages::ATTACHMENTS
    * crate::domain::messages::ATTACHMENT_BYTES
    + MAX_BODY_BYTES;

/// The app's routes, listed once per process. Listing them runs the app while a process-wide flag
/// holds every resource back (leptos#4773): a page another server of the same process began to
/// render at that moment would wait for ever. A process serves one router, but the tests start
/// many side by side.
fn routes() -> Vec<AxumRouteListing> {
    static ROUTES: std::sync::Mutex<Option<Vec<AxumRouteListing>>> = std::sync::Mutex::new(None);
    let mut routes = ROUTES
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    routes
        .get_or_insert_with(|| generate_route_list(App))
        .clone()
}

pub fn router(state: RouterState) -> Router {
    let routes = routes();
    let leptos_options = state.leptos_options.clone();
    let context = {
        let app = state.app.clone();
        move || provide_context(app.clone())
    };
    let settings = state.app.settings.clone();
    let csrf = CsrfLayer::new()
        .add_trusted_origin(settings.public_url.trim_end_matches('/'))
        .unwrap_or_else(|_| CsrfLayer::new());
    let router = Router::new()
        .leptos_routes_with_context(&state, routes, context, move || {
            shell(leptos_options.clone())
        })
        // Every server function changes or reveals something: POST only, never a link or an image.
        .route("/api/{*name}", axum::routing::post(server_fn))
        .route(
            crate::domain::routes::STAFF_LETTERS,
            axum::routing::post(staff_area::print_letters),
        )
        .route(
            crate::domain::routes::STAFF_JOURNAL_CSV,
            axum::routing::get(staff_area::journal_csv),
        )
        .route(
            &format!(
                "{}/{{id}}/reponses.csv",
                crate::domain::routes::STAFF_SURVEYS
            ),
            axum::routing::get(staff_area::survey_csv),
        )
        .route(
            &format!("{}/{{id}}", crate::domain::routes::ATTACHMENTS),
            axum::routing::get(attachments::attachment),
        )
        .route(
            &format!("{}/{{id}}", crate::domain::routes::DOCUMENTS),
            axum::routing::get(attachments::document),
        )
        .route(
            &format!("{}/{{id}}", crate::domain::routes::CERTIFICATES),
            axum::routing::get(attachments::certificate),
        )
        .route(
            crate::domain::routes::UNSUBSCRIBE,
            axum::routing::post(unsubscribe::one_click),
        )
        .route(
            crate::domain::routes::MY_DATA,
            axum::routing::get(my_data::my_data),
        )
        .route(
            &format!("{}/{{file}}", crate::domain::routes::CALENDAR_FEEDS),
            axum::routing::get(calendar_feed::calendar_feed),
        )
        .fallback(leptos_axum::file_and_error_handler::<RouterState, _>(shell))
        .layer(middleware::from_fn_with_state(state.clone(), journey_guard))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            staff_area::staff_guard,
        ))
        .layer(middleware::from_fn_with_state(state.clone(), form_errors))
        // Outside the two above: a language switch is answered first, and their pages know it.
        .layer(middleware::from_fn_with_state(state.clone(), language))
        .layer(middleware::from_fn(server_fn_status))
        .layer(middleware::from_fn(no_store))
        // A form of another site can't post here: Sec-Fetch-Site / Origin must be ours.
        .layer(csrf)
        .layer(middleware::from_fn(body_limit))
        // A body sent a byte at a time must not hold its request (and connection) for ever.
        .layer(RequestBodyDeadlineLayer::new(settings.http_timeouts.body))
        // Pages are made for each request: compressed quickly (level 4), not as hard as the files.
        .layer(CompressionLayer::new().quality(CompressionLevel::Precise(4)));
    // Files are added after those layers and the trace: they read no session, no form and no body,
    // and log nothing that a request id would find.
    let logo = Router::new().route(
        &format!("{}/{{platform}}", crate::domain::routes::LOGO),
        axum::routing::get(school_logo::school_logo),
    );
    let health = Router::new()
        .route("/healthz", axum::routing::get(health::live))
        .route("/readyz", axum::routing::get(health::ready));
    // Timed only where the metrics are served: otherwise every request would pay for nothing.
    let router = match settings.metrics_addr {
        Some(_) => router.layer(middleware::from_fn(super::metrics::track)),
        None => router,
    };
    let router = traced(router)
        .merge(static_files(&state))
        .merge(logo)
        .merge(health);
    security_headers(router, settings.https()).with_state(state)
}

/// A route for each file of the site, answered from memory.
fn static_files(state: &RouterState) -> Router<RouterState> {
    let options = &state.leptos_options;
    let root = std::path::Path::new(options.site_root.as_ref());
    let files = StaticFiles::of_site(root, &build_hashes(options));
    let mut router = Router::new();
    for path in files.paths() {
        let files = files.clone();
        let answer = move |request: Request| async move {
            let path = request.uri().path();
            files
                .answer(path, request.method(), request.headers())
                .unwrap_or_else(|| StatusCode::NOT_FOUND.into_response())
        };
        router = router.route(path, axum::routing::get(answer));
    }
    router
}

/// A span per request, named by a request id that every log line inside carries and that the
/// answer returns in `x-request-id`, so that a parent's report can be found in the logs.
fn traced(router: Router<RouterState>) -> Router<RouterState> {
    let trace = TraceLayer::new_for_http().make_span_with(|request: &Request| {
        let id = request
            .extensions()
            .get::<RequestId>()
            .and_then(|id| id.header_value().to_str().ok())
            .unwrap_or("-");
        tracing::info_span!("request", %id, method = %request.method(), path = %request.uri().path())
    });
    let request_id = HeaderName::from_static("x-request-id");
    router
        .layer(PropagateRequestIdLayer::new(request_id.clone()))
        .layer(trace)
        .layer(SetRequestIdLayer::new(request_id, MakeRequestUuid))
}

/// The headers every response carries. Pages set their own Content-Security-Policy, with the
/// nonce of their inline scripts (`app::shell`); everything else gets the strictest one.
fn security_headers(router: Router<RouterState>, https: bool) -> Router<RouterState> {
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
            content_policy::EVERYTHING_ELSE,
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

/// Pages and server functions' answers hold a child's data: a shared family computer's cache must
/// keep none of it (`Cache-Control: no-store`), whatever the page. The site's files never come
/// here: they are routed outside these layers (`static_files`), with their own cache policy; what
/// does is a page, a server function, or the fallback's answer to an address that is neither.
async fn no_store(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    response
        .headers_mut()
        .entry(header::CACHE_CONTROL)
        .or_insert(HeaderValue::from_static("no-store"));
    response
}

/// Bodies larger than their route needs are refused before any parsing: the size a body says it
/// has at once (413), and a body that says nothing once it has grown past it (its reader fails).
/// A form that sends a file must say where its parts begin (415 otherwise: the server function's
/// reader would not survive it).
async fn body_limit(request: Request, next: Next) -> Response {
    let path = request.uri().path();
    let upload = UPLOADS.iter().find(|(upload, _)| *upload == path);
    let limit = upload.map_or(MAX_BODY_BYTES, |(_, bytes)| *bytes);
    let content_type = request.headers().get(header::CONTENT_TYPE);
    let readable = || {
        let content_type = content_type.and_then(|value| value.to_str().ok());
        content_type.is_some_and(|value| multer::parse_boundary(value).is_ok())
    };
    if upload.is_some() && !readable() {
        return StatusCode::UNSUPPORTED_MEDIA_TYPE.into_response();
    }
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|value| value.to_str().ok()?.parse::<usize>().ok());
    if declared.is_some_and(|length| length > limit) {
        return StatusCode::PAYLOAD_TOO_LARGE.into_response();
    }
    let (parts, body) = request.into_parts();
    let limited = Body::new(http_body_util::Limited::new(body, limit));
    next.run(Request::from_parts(parts, limited)).await
}

fn header_layer(name: HeaderName, value: &'static str) -> SetResponseHeaderLayer<HeaderValue> {
    SetResponseHeaderLayer::if_not_present(name, HeaderValue::from_static(value))
}

/// A server function, with the services' state and the request's language (`startup::language`
/// put it in the extensions) in its context, so that `language::current` reads it from there.
async fn server_fn(State(state): State<RouterState>, request: Request<Body>) -> impl IntoResponse {
    let locale = request
        .extensions()
        .get::<Locale>()
        .copied()
        .unwrap_or_default();
    let context = move || {
        provide_context(state.app.clone());
        provide_context(locale);
    };
    handle_server_fns_with_context(context, request).await
}

/// Server functions answer every error with 500; give scripts the status that says what happened
/// (400 bad input, 401 signed out, 403 refused, 409 another step first, 429 locked, 503 busy).
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
        }
        | crate::api::AppError::TooManyMails {
            retry_after_seconds,
        }
        | crate::api::AppError::Busy {
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
