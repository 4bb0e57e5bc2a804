//! Letters expire: the seed's letters are printed on the server's clock, valid 90 days (the default
//! of `--valid-days`). Before, a letter opens its slot; after, the right password gets its own
//! message pointing to the school, when signing in and when linking a child, and it counts as no
//! failed attempt. A letter reprinted by `slot reset` works again, for the days it was given.
use crate::helpers::*;
use cartable::{
    api::error::letter_expired,
    server::{letters::Validity, students},
};
use chrono::Duration;
use reqwest::StatusCode;
use serde_json::Value;

/// The message a refusal shows, whether at the top of the form or under one field.
fn refusal(error: &Value) -> String {
    match error["Refused"].as_str() {
        Some(message) => message.to_owned(),
        None => match field_errors(error).as_slice() {
            [(_, message)] => message.clone(),
            other => panic!("not one refusal: {other:?}"),
        },
    }
}

#[tokio::test]
async fn a_letter_signs_in_until_its_last_day_then_points_to_the_school() {
    let app = spawn_app().await;
    app.clock.advance(Duration::days(89));
    assert_eq!(
        next_page(&app.sign_in(&browser(), ALBERT, ALBERT_LETTER).await),
        "/conditions"
    );

    app.clock.advance(Duration::days(3));
    // More refusals than the throttle's free attempts: the password was right, none counts.
    for attempt in 1..=7 {
        let (status, body) = error(app.sign_in(&browser(), MARIE, MARIE_LETTER).await).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "attempt {attempt}");
        assert_eq!(
            field_errors(&body),
            only("password", letter_expired(FR)),
            "attempt {attempt}"
        );
        assert_eq!(
            body["Invalid"]["typed"][0][1], MARIE,
            "the identifier comes back"
        );
    }
    // A wrong password still gets the usual answer: an expired letter tells a guesser nothing.
    let (status, _) = error(app.sign_in(&browser(), MARIE, "pas la lettre").await).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn an_expired_letter_links_no_child() {
    let app = spawn_app().await;
    app.settled_parent().await;
    app.clock.advance(Duration::days(92));
    // The parent's own password does not expire with the letter.
    let parent = browser();
    assert_eq!(
        next_page(&app.sign_in(&parent, ALBERT, NEW_PASSWORD).await),
        "/"
    );
    let (status, body) = error(
        app.link_child(&parent, "isu-dour", MARIE, MARIE_LETTER)
            .await,
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(field_errors(&body), only("password", letter_expired(FR)));
    let children = app.get(&parent, "/enfants").await.text().await.unwrap();
    assert!(!children.contains("Marie"), "Marie was linked");
}

#[tokio::test]
async fn a_reset_slot_gives_a_fresh_letter_for_the_days_it_is_given() {
    let app = spawn_app().await;
    app.clock.advance(Duration::days(92));
    let (_, body) = error(app.sign_in(&browser(), MARIE, MARIE_LETTER).await).await;
    assert_eq!(refusal(&body), letter_expired(FR));

    let thirty_days = students::Issue::now(&app.clock, Validity::days(30).unwrap());
    let mut fresh = Vec::new();
    for slot in [1, 2] {
        let letter = students::reset_slot(&app.db, thirty_days, MARIE, slot)
            .await
            .unwrap();
        let slot = &letter.slots[0];
        assert_eq!(
            slot.valid_until,
            Some(app.clock.today() + Duration::days(30))
        );
        fresh.push(slot.temporary_password.clone());
    }
    assert_eq!(
        next_page(&app.sign_in(&browser(), MARIE, &fresh[0]).await),
        "/conditions"
    );
    app.clock.advance(Duration::days(31));
    let (_, body) = error(app.sign_in(&browser(), MARIE, &fresh[1]).await).await;
    assert_eq!(refusal(&body), letter_expired(FR));
}
