//! Slow clients cannot hold the server's connections (slowloris): a request head or body sent too
//! slowly, or a kept-alive connection left idle, is closed within the settings' bounds. The tests
//! speak raw TCP, as such a client does, with bounds of one second.
use crate::helpers::*;
use cartable::server::config::HttpTimeouts;
use std::time::{Duration, Instant};
use tokio::{
    io::{AsyncReadExt, AsyncWriteExt},
    net::TcpStream,
};

const BOUND: Duration = Duration::from_secs(1);
/// Room for a busy test machine.
const SLACK: Duration = Duration::from_secs(4);

async fn server_with_one_second_bounds() -> (TestApp, TcpStream) {
    let app = spawn_app_with(|settings| {
        settings.http_timeouts = HttpTimeouts {
            head: BOUND,
            body: BOUND,
        }
    })
    .await;
    let address = app.address.trim_start_matches("http://");
    let stream = TcpStream::connect(address).await.unwrap();
    (app, stream)
}

/// Reads whatever the server sends until it closes the connection: what it sent, and how long
/// after the call it closed. Panics if it is still open after the bound and the slack.
async fn until_closed(stream: &mut TcpStream) -> (String, Duration) {
    let start = Instant::now();
    let (mut received, mut buffer) = (Vec::new(), [0; 4096]);
    loop {
        let read =
            tokio::time::timeout_at((start + BOUND + SLACK).into(), stream.read(&mut buffer));
        match read.await {
            Err(_) => panic!("still open after {:?}", start.elapsed()),
            Ok(Ok(0) | Err(_)) => break,
            Ok(Ok(count)) => received.extend_from_slice(&buffer[..count]),
        }
    }
    (
        String::from_utf8_lossy(&received).into_owned(),
        start.elapsed(),
    )
}

#[tokio::test]
async fn half_a_request_head_is_closed_after_the_bound() {
    let (_app, mut stream) = server_with_one_second_bounds().await;
    stream
        .write_all(b"GET / HTTP/1.1\r\nHost: x\r\n")
        .await
        .unwrap();
    let (_, after) = until_closed(&mut stream).await;
    assert!(
        after >= BOUND / 2,
        "closed after {after:?}: not by the bound"
    );
}

#[tokio::test]
async fn a_connection_that_sends_nothing_is_closed_after_the_bound() {
    let (_app, mut stream) = server_with_one_second_bounds().await;
    until_closed(&mut stream).await;
}

#[tokio::test]
async fn a_kept_alive_connection_answers_then_is_closed_once_idle() {
    let (_app, mut stream) = server_with_one_second_bounds().await;
    let request = "GET /robots.txt HTTP/1.1\r\nHost: x\r\n\r\n";
    stream
        .write_all(request.repeat(2).as_bytes())
        .await
        .unwrap();
    let (answers, after) = until_closed(&mut stream).await;
    assert_eq!(answers.matches("HTTP/1.1 200 OK").count(), 2, "{answers}");
    assert!(after >= BOUND / 2, "closed after {after:?}: not kept alive");
}

#[tokio::test]
async fn a_body_sent_too_slowly_is_not_waited_for() {
    let (_app, mut stream) = server_with_one_second_bounds().await;
    let head = "POST /api/sign_in HTTP/1.1\r\nHost: x\r\n\
                Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\n";
    stream.write_all(head.as_bytes()).await.unwrap();
    stream.write_all(b"identifier=albert").await.unwrap();
    let (answer, after) = until_closed(&mut stream).await;
    // The form cannot be read: refused as any unreadable request is, and the connection closed.
    assert!(answer.starts_with("HTTP/1.1 400"), "{answer}");
    assert!(
        after >= BOUND / 2,
        "closed after {after:?}: not by the bound"
    );
}
