//! Sign-in takes the same work whether or not the identifier exists, in the manner of Django's
//! timing test: it counts the Argon2 verifications each attempt runs. Its own test binary, so that
//! no other test's hashing is counted.
#[allow(dead_code)]
#[path = "api/helpers.rs"]
mod helpers;

use cartable::server::passwords::verifications;
use helpers::*;

async fn verifications_for(app: &TestApp, identifier: &str, password: &str) -> u64 {
    let before = verifications();
    app.sign_in(&browser(), identifier, password).await;
    verifications() - before
}

#[tokio::test]
async fn every_sign_in_verifies_as_many_hashes_whether_or_not_the_identifier_exists() {
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
