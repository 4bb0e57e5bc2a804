use crate::helpers::*;
use reqwest::StatusCode;

#[tokio::test]
async fn the_mailed_link_confirms_the_address_once() {
    let app = spawn_app().await;
    let parent = app.settled_parent().await;
    let mails = app.outbox().await;
    assert_eq!(mails.len(), 1);
    assert!(mails[0].contains("To: antoinette.dupond@example.be"));
    // Links use the configured public address, never the request's Host.
    let link = link_in(&mails[0]);
    let token = link.split("jeton=").nth(1).unwrap();
    assert_eq!(
        next_page(
            &app.call(&browser(), "confirm_email", &[("token", token)])
                .await
        ),
        "/email-confirme"
    );
    let home: serde_json::Value = app.call(&parent, "home", &[]).await.json().await.unwrap();
    assert_eq!(home["unconfirmed_email"], serde_json::Value::Null);
    let (status, body) = error(
        app.call(&browser(), "confirm_email", &[("token", token)])
            .await,
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(
        body["Refused"]
            .as_str()
            .unwrap()
            .contains("déjà été utilisé")
    );
}

#[tokio::test]
async fn send_again_replaces_the_previous_link() {
    let app = spawn_app().await;
    let parent = app.settled_parent().await;
    let first = link_in(&app.outbox().await[0]);
    assert_eq!(
        app.call(&parent, "resend_confirmation", &[]).await.status(),
        StatusCode::OK
    );
    let mails = app.outbox().await;
    assert_eq!(mails.len(), 2);
    let second = link_in(&mails[1]);
    assert_ne!(first, second);
    let old_token = first.split("jeton=").nth(1).unwrap();
    assert_eq!(
        app.call(&browser(), "confirm_email", &[("token", old_token)])
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
    let new_token = second.split("jeton=").nth(1).unwrap();
    assert_eq!(
        app.call(&browser(), "confirm_email", &[("token", new_token)])
            .await
            .status(),
        StatusCode::OK
    );
    // Once confirmed, there is nothing to send again.
    assert_eq!(
        app.call(&parent, "resend_confirmation", &[]).await.status(),
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn an_expired_link_is_refused() {
    let app = spawn_app().await;
    app.settled_parent().await;
    let token = token_in(&app.outbox().await[0]);
    // The tests' links live one hour.
    app.clock.advance(chrono::Duration::minutes(61));
    let (status, body) = error(
        app.call(&browser(), "confirm_email", &[("token", &token)])
            .await,
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(body["Refused"].as_str().unwrap().contains("expiré"));
}
