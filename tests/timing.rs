//! Sign-in takes the same work whether or not the identifier exists, in the manner of Django's
//! timing test: it counts the Argon2 verifications each attempt runs. Its own test binary, so that
//! no other test's hashing is counted.
#[allow(dead_code)]
#[path = "api/helpers.rs"]
mod helpers;

use cartable::server::{
    passwords::verifications,
    students::{self, NewStudent},
};
use helpers::*;

/// The count is global: the tests of this file run one at a time, so that none counts another's.
static ONE_AT_A_TIME: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

async fn verifications_for(app: &TestApp, identifier: &str, password: &str) -> u64 {
    let before = verifications();
    app.sign_in(&browser(), identifier, password).await;
    verifications() - before
}

#[tokio::test]
async fn every_sign_in_verifies_as_many_hashes_whether_or_not_the_identifier_exists() {
    let _alone = ONE_AT_A_TIME.lock().await;
    let app = spawn_app().await;
    app.settled_parent().await;
    let unknown = verifications_for(&app, "personne@isu-dour.be", "un mot de passe").await;
    let unknown_school = verifications_for(&app, "personne@ailleurs.be", "un mot de passe").await;
    let wrong = verifications_for(&app, ALBERT, "un mot de passe").await;
    let right = verifications_for(&app, ALBERT, NEW_PASSWORD).await;
    let letter = verifications_for(&app, MARIE, MARIE_LETTER).await;
    assert!(unknown >= 1);
    assert_eq!([unknown_school, wrong, right, letter], [unknown; 4]);
}

#[tokio::test]
async fn a_child_with_three_letters_costs_as_many_verifications_as_an_unknown_identifier() {
    let _alone = ONE_AT_A_TIME.lock().await;
    let app = spawn_app().await;
    let letters = ["Lettre-Zoe-1", "Lettre-Zoe-2", "Lettre-Zoe-3"];
    let zoe = students::add_with_passwords(
        &app.db,
        app.issue(),
        "isu-dour",
        NewStudent::new("Zoé", "Lemaire", None),
        letters.map(String::from).to_vec(),
    )
    .await
    .unwrap()
    .identifier;
    let unknown = verifications_for(&app, "personne@isu-dour.be", "un mot de passe").await;
    let wrong = verifications_for(&app, &zoe, "un mot de passe").await;
    let third_letter = verifications_for(&app, &zoe, letters[2]).await;
    assert_eq!(
        [wrong, third_letter],
        [unknown; 2],
        "a three-letter child against an unknown identifier"
    );
}

#[tokio::test]
async fn parallel_guesses_verify_no_more_hashes_than_the_free_attempts_and_the_locking_one() {
    let _alone = ONE_AT_A_TIME.lock().await;
    let app = spawn_app().await;
    let per_sign_in = verifications_for(&app, "personne@isu-dour.be", "un mot de passe").await;
    let before = verifications();
    let calls: Vec<_> = (0..40)
        .map(|_| {
            let (client, url) = ((*browser()).clone(), format!("{}/api/sign_in", app.address));
            let form = [("identifier", ALBERT), ("password", "pas le bon")];
            tokio::spawn(async move { client.post(url).form(&form).send().await.unwrap() })
        })
        .collect();
    let mut locked = 0;
    for call in calls {
        let status = call.await.unwrap().status();
        locked += usize::from(status == reqwest::StatusCode::TOO_MANY_REQUESTS);
    }
    // The login's policy: 5 free failures, then the one that sets the lock; the rest wait.
    let checked = u64::from(cartable::server::throttle::ACCOUNT.free.unsigned_abs()) + 1;
    assert_eq!(verifications() - before, checked * per_sign_in);
    assert_eq!(locked, 40 - checked as usize);
}

/// Past a short wait for a hashing permit, a sign-in is answered 503 with `Retry-After` instead
/// of queueing behind a flood for minutes; nothing else fails. The wait is shortened for the test
/// so that a small flood is enough, and restored after.
#[tokio::test]
async fn a_flood_of_sign_ins_is_told_to_come_back_rather_than_queued() {
    use cartable::server::passwords::{LONGEST_WAIT, set_longest_wait};
    use reqwest::StatusCode;
    let _alone = ONE_AT_A_TIME.lock().await;
    let app = spawn_app().await;
    set_longest_wait(std::time::Duration::from_millis(1));
    // Each for its own unknown identifier, so that no identifier's lock stops it first.
    let calls: Vec<_> = (0..30)
        .map(|n| {
            let (client, url) = ((*browser()).clone(), format!("{}/api/sign_in", app.address));
            let form = [
                ("identifier", format!("personne{n}@isu-dour.be")),
                ("password", "x".into()),
            ];
            tokio::spawn(async move { client.post(url).form(&form).send().await.unwrap() })
        })
        .collect();
    let mut answers = Vec::new();
    for call in calls {
        let response = call.await.unwrap();
        let retry_after = response.headers().get("retry-after").cloned();
        let status = response.status();
        let body = response.text().await.unwrap();
        answers.push((status, retry_after, body));
    }
    set_longest_wait(LONGEST_WAIT);
    let busy: Vec<_> = answers
        .iter()
        .filter(|(status, ..)| *status == StatusCode::SERVICE_UNAVAILABLE)
        .collect();
    assert!(!busy.is_empty(), "no sign-in was turned away: {answers:?}");
    for (_, retry_after, body) in &busy {
        assert_eq!(retry_after.as_ref().unwrap(), "5");
        assert_eq!(body, r#"{"Busy":{"retry_after_seconds":5}}"#);
    }
    assert!(
        answers.iter().all(|(status, ..)| [
            StatusCode::BAD_REQUEST,
            StatusCode::SERVICE_UNAVAILABLE
        ]
        .contains(status)),
        "{answers:?}"
    );
    // A busy answer does not count as a failure: the next attempt is checked.
    let response = app.sign_in(&browser(), "personne0@isu-dour.be", "x").await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
}
