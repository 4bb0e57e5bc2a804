//! The accept loop. `axum::serve` (0.8) installs no timer, so hyper's header read timeout never runs
//! there: a client that opens connections and sends half a request (slowloris) holds each one, and
//! its task, for ever. Here every connection gets that timeout on a Tokio timer, which also closes a
//! kept-alive connection left idle, since hyper starts it again after each answer.
//!
//! Connections speak HTTP/1.1 only, what browsers use over plain HTTP and what reverse proxies
//! speak to their backends: guessing the version from the first bytes (hyper-util's `auto`) has no
//! timeout of its own, so a client that sends nothing at all would escape the bound.
use axum::{Router, extract::ConnectInfo, serve::Listener};
use hyper::{body::Incoming, server::conn::http1, service::service_fn};
use hyper_util::{
    rt::{TokioIo, TokioTimer},
    server::graceful::GracefulShutdown,
};
use std::{future::Future, net::SocketAddr, time::Duration};
use tokio::net::TcpListener;
use tower::ServiceExt;

/// Serves `router` until `shutdown` completes; then accepts nothing more, lets each connection
/// finish the request it is answering, and returns once all have closed.
pub async fn serve(
    mut listener: TcpListener,
    router: Router,
    head_timeout: Duration,
    shutdown: impl Future<Output = ()>,
) {
    let mut http = http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(head_timeout);
    let graceful = GracefulShutdown::new();
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        // axum's `Listener` waits out the errors a busy server meets (no file descriptor left).
        let (stream, peer) = tokio::select! {
            accepted = Listener::accept(&mut listener) => accepted,
            () = &mut shutdown => break,
        };
        // Answers go out at once, not held back to be merged with later writes (Nagle).
        if let Err(error) = stream.set_nodelay(true) {
            tracing::debug!(%error, "TCP_NODELAY could not be set");
        }
        let router = router.clone();
        // The peer's address, as `into_make_service_with_connect_info` hands it to the handlers.
        let service = service_fn(move |mut request: hyper::Request<Incoming>| {
            request
                .extensions_mut()
                .insert(ConnectInfo::<SocketAddr>(peer));
            router.clone().oneshot(request)
        });
        let connection = graceful.watch(http.serve_connection(TokioIo::new(stream), service));
        tokio::spawn(async move {
            if let Err(error) = connection.await {
                // A client too slow or gone: theirs to fix, not the server's.
                tracing::debug!(%error, %peer, "connection closed");
            }
        });
    }
    drop(listener);
    graceful.shutdown().await;
}
