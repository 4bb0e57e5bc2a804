//! Guesses sent all at once (issue #9): a burst of parallel requests gets no more password checks
//! than the same requests sent one after the other, and pages keep rendering during the flood.
use crate::helpers::*;
use reqwest::StatusCode;
use std::time::{Duration, Instant};

const BURST: usize = 40;

/// Sends `BURST` wrong passwords for one identifier at once, each from its own browser.
pub async fn burst_of_wrong_passwords(app: &TestApp, identifier: &str) -> Vec<StatusCode> {
    let calls: Vec<_> = (0..BURST)
        .map(|_| {
            let (client, url) = ((*browser()).clone(), format!("{}/api/sign_in", app.address));
            let form = [
                ("identifier", identifier.to_owned()),
                ("password", "pas le bon".into()),
            ];
            tokio::spawn(async move { client.post(url).form(&form).send().await.unwrap() })
        })
        .collect();
    let mut statuses = Vec::new();
    for call in calls {
        statuses.push(call.await.unwrap().status());
    }
    statuses
}

#[tokio::test]
async fn parallel_guesses_get_only_the_free_attempts_and_the_one_that_locks() {
    let _flood = HASHING_FLOOD.lock().await;
    let app = spawn_app().await;
    let statuses = burst_of_wrong_passwords(&app, ALBERT).await;
    let checked = statuses
        .iter()
        .filter(|status| **status == StatusCode::BAD_REQUEST)
        .count();
    let locked = statuses
        .iter()
        .filter(|status| **status == StatusCode::TOO_MANY_REQUESTS)
        .count();
    // As in sequence: 5 free failures and the one that sets the lock are checked.
    assert_eq!((checked, locked), (6, BURST - 6), "{statuses:?}");
}

#[tokio::test]
async fn a_page_renders_quickly_while_guesses_flood_in() {
    let _flood = HASHING_FLOOD.lock().await;
    let app = spawn_app().await;
    let flood = burst_of_wrong_passwords(&app, ALBERT);
    let page = async {
        // Let the flood reach the server first.
        tokio::time::sleep(Duration::from_millis(100)).await;
        let started = Instant::now();
        let response = app.get(&browser(), "/connexion").await;
        (response.status(), started.elapsed())
    };
    let (_, (status, took)) = tokio::join!(flood, page);
    assert_eq!(status, StatusCode::OK);
    assert!(took < Duration::from_millis(500), "the page took {took:?}");
}
