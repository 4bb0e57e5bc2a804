//! One family never reaches another's children, whatever ids it sends: every server function that
//! reads or changes a child's data is tried with the other family's ids.
use crate::helpers::*;
use cartable::server::{calendar, news};
use chrono::{Duration, Utc};
use reqwest::StatusCode;

/// A server function, its form, and the status it must answer.
type Attempt = (&'static str, Vec<(&'static str, String)>, StatusCode);

#[tokio::test]
async fn another_familys_ids_are_refused_by_every_server_function() {
    let app = spawn_app().await;
    // Family A: Antoinette, Albert's mother, at the Institut. Family B: Léon's parent, at the École.
    let family_a = app.settled_parent().await;
    let family_b = app.settled_parent_of(LEON, LEON_LETTER).await;
    let albert = app.student_id(ALBERT).await;
    let marie = app.student_id(MARIE).await;
    let institut_news = news::add(&app.db, "isu-dour", "Réservé à l'Institut", "Texte.", None)
        .await
        .unwrap();
    let institut_event = calendar::add_event(
        &app.db,
        "isu-dour",
        "Conseil de classe de l'Institut",
        None,
        Utc::now(),
        None,
        false,
    )
    .await
    .unwrap();

    let refusals: [Attempt; 5] = [
        (
            "select_child",
            vec![("student_id", albert.to_string())],
            StatusCode::FORBIDDEN,
        ),
        // Marie is linked to nobody yet: still not B's.
        (
            "select_child",
            vec![("student_id", marie.to_string())],
            StatusCode::FORBIDDEN,
        ),
        (
            "news_item",
            vec![("id", institut_news.id.to_string())],
            StatusCode::FORBIDDEN,
        ),
        (
            "event",
            vec![("id", institut_event.id.to_string())],
            StatusCode::FORBIDDEN,
        ),
        // Linking Albert needs his letter, which B doesn't have.
        (
            "link_child",
            vec![
                ("platform", "isu-dour".into()),
                ("identifier", ALBERT.into()),
                ("password", NEW_PASSWORD.into()),
            ],
            StatusCode::BAD_REQUEST,
        ),
    ];
    for (function, form, expected) in &refusals {
        let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let response = app.call(&family_b, function, &form).await;
        assert_eq!(response.status(), *expected, "{function} {form:?}");
    }

    // What B does see is its own school only.
    for (path, own, foreign) in [
        ("/", "École communale de Dour", "Institut La Sainte-Union"),
        ("/actualites", "Fancy-fair", "Réservé à l&#x27;Institut"),
        ("/enfants", "Léon", "Albert"),
        (
            "/calendrier",
            "Calendrier",
            "Conseil de classe de l&#x27;Institut",
        ),
    ] {
        let html = app.get(&family_b, path).await.text().await.unwrap();
        assert!(html.contains(own), "{path}: {own} missing");
        assert!(
            !html.contains(foreign) && !html.contains(&foreign.replace("&#x27;", "'")),
            "{path}: {foreign} shown"
        );
    }

    // A still reaches its own.
    let response = app
        .call(
            &family_a,
            "news_item",
            &[("id", &institut_news.id.to_string())],
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
}

#[tokio::test]
async fn a_visitor_without_a_session_reaches_no_childs_data() {
    let app = spawn_app().await;
    let stranger = browser();
    let albert = app.student_id(ALBERT).await;
    for (function, form) in [
        ("home", vec![]),
        ("children", vec![]),
        ("news", vec![]),
        ("news_item", vec![("id", "1".to_owned())]),
        ("calendar", vec![]),
        ("event", vec![("id", "1".to_owned())]),
        ("courses", vec![]),
        ("notifications", vec![]),
        ("inbox", vec![]),
        ("select_child", vec![("student_id", albert.to_string())]),
        (
            "link_child",
            vec![
                ("platform", "isu-dour".into()),
                ("identifier", MARIE.into()),
                ("password", MARIE_LETTER.into()),
            ],
        ),
        ("confirm_link", vec![]),
        (
            "confirm_link_password",
            vec![("password", NEW_PASSWORD.into())],
        ),
    ] {
        let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let response = app.call(&stranger, function, &form).await;
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED, "{function}");
    }
    for page in [
        "/",
        "/actualites",
        "/actualites/1",
        "/calendrier",
        "/cours",
        "/enfants",
        "/enfants/ajouter",
        "/messages",
        "/notifications",
    ] {
        let response = app.get(&stranger, page).await;
        assert_eq!(response.headers()["location"], "/connexion", "{page}");
    }
}

#[tokio::test]
async fn a_scheduled_news_item_stays_hidden_until_its_time() {
    let app = spawn_app().await;
    let parent = app.settled_parent().await;
    let later = news::add(
        &app.db,
        "isu-dour",
        "Annonce de demain",
        "Pas encore.",
        Some(Utc::now() + Duration::days(1)),
    )
    .await
    .unwrap();
    let response = app
        .call(&parent, "news_item", &[("id", &later.id.to_string())])
        .await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    let html = app.get(&parent, "/actualites").await.text().await.unwrap();
    assert!(!html.contains("Annonce de demain"));
}
