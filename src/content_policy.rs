//! The Content-Security-Policy of Cartable's answers, in one place: the page shell names its inline
//! scripts' nonce with [`page`], and the HTTP layers give every other answer [`EVERYTHING_ELSE`].

/// The policy of a page whose inline scripts carry `nonce`: scripts from the site and those scripts
/// only, WebAssembly compiled from the site's file, nothing framed, nothing inline.
pub fn page(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; \
         object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
    )
}

/// Server functions' answers, static files, redirects: nothing may run, load or frame them.
pub const EVERYTHING_ELSE: &str =
    "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

/// The offline page (a static file the service worker shows without a network): its stylesheet
/// and images, nothing else.
pub const OFFLINE_PAGE: &str = "default-src 'none'; style-src 'self'; img-src 'self'; \
     frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

/// The service worker, whose own requests this policy governs: the site's files, nothing else.
pub const SERVICE_WORKER: &str = "default-src 'self'";
