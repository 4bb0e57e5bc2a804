//! The school's modules as a settled parent sees them: news pages, the calendar, courses, the empty
//! Messages and Notifications, and the home page's fixed query budget.
use crate::helpers::*;
use cartable::server::{audience, calendar, courses, news};
use chrono::{Duration, TimeZone, Utc};
use chrono_tz::Europe::Brussels;
use reqwest::StatusCode;

async fn page(app: &TestApp, parent: &Browser, path: &str) -> String {
    let response = app.get(parent, path).await;
    assert_eq!(response.status(), StatusCode::OK, "{path}");
    response.text().await.unwrap()
}

#[tokio::test]
async fn news_are_listed_newest_first_by_pages_of_ten_and_each_has_its_page() {
    let app = spawn_app().await;
    let parent = app.settled_parent().await;
    let mut ids = Vec::new();
    for n in 1..=12 {
        let at = Utc::now() - Duration::hours(100 - n);
        let item = news::add(
            &app.db,
            "isu-dour",
            &format!("Nouvelle n°{n}"),
            "Texte",
            Some(at),
        )
        .await
        .unwrap();
        ids.push(item.id);
    }
    let first = page(&app, &parent, "/actualites").await;
    assert!(first.contains("Page 1 sur 2"));
    let (newest, oldest_on_page) = (
        first.find("Nouvelle n°12").unwrap(),
        first.find("Nouvelle n°3<").unwrap(),
    );
    assert!(newest < oldest_on_page, "newest first");
    assert!(!first.contains("Nouvelle n°2<"));
    let second = page(&app, &parent, "/actualites?page=2").await;
    assert!(
        second.contains("Nouvelle n°2<")
            && second.contains("Nouvelle n°1<")
            && second.contains("Page 2 sur 2")
    );
    // A page number past the end shows the last page rather than nothing.
    assert!(
        page(&app, &parent, "/actualites?page=99999999999")
            .await
            .contains("Page 2 sur 2")
    );

    let article = news::add(
        &app.db,
        "isu-dour",
        "Sortie au musée",
        "Rendez-vous à **8 h**.\n\n<script>alert('x')</script>\n\n[lien](javascript:alert(1))",
        Some(
            Brussels
                .with_ymd_and_hms(2026, 3, 2, 9, 15, 0)
                .unwrap()
                .with_timezone(&Utc),
        ),
    )
    .await
    .unwrap();
    let html = page(&app, &parent, &format!("/actualites/{}", article.id)).await;
    assert!(html.contains("<strong>8 h</strong>"));
    assert!(
        html.contains("lundi 2 mars 2026, 09:15"),
        "dated in words, in Brussels time"
    );
    assert!(!html.contains("<script>alert") && !html.contains("javascript:alert"));
}

#[tokio::test]
async fn the_calendar_moves_by_month_and_shows_a_days_and_an_events_details() {
    let app = spawn_app().await;
    let parent = app.settled_parent().await;
    let at = |d: u32, h: u32| {
        Brussels
            .with_ymd_and_hms(2027, 2, d, h, 0, 0)
            .unwrap()
            .with_timezone(&Utc)
    };
    let meeting = calendar::add_event(
        &app.db,
        "isu-dour",
        "Réunion de parents",
        Some("Salle **B**"),
        at(9, 18),
        Some(at(9, 20)),
        false,
    )
    .await
    .unwrap();
    // A trip from the end of January into February shows in both months.
    let trip_start = Brussels
        .with_ymd_and_hms(2027, 1, 30, 0, 0, 0)
        .unwrap()
        .with_timezone(&Utc);
    calendar::add_event(
        &app.db,
        "isu-dour",
        "Classes de neige",
        None,
        trip_start,
        Some(at(3, 0)),
        true,
    )
    .await
    .unwrap();

    let february = page(&app, &parent, "/calendrier?mois=2027-02").await;
    for text in [
        "février 2027",
        "Réunion de parents",
        "Classes de neige",
        "mardi 9 février 2027, 18:00 – 20:00",
        "?mois=2027-01",
        "?mois=2027-03",
        ">lu<",
        ">di<",
    ] {
        assert!(february.contains(text), "{text} missing");
    }
    let january = page(&app, &parent, "/calendrier?mois=2027-01").await;
    assert!(january.contains("Classes de neige") && !january.contains("Réunion de parents"));
    // December 2026 → January 2027 across the year.
    assert!(
        page(&app, &parent, "/calendrier?mois=2026-12")
            .await
            .contains("?mois=2027-01")
    );

    let day = page(&app, &parent, "/calendrier?jour=2027-02-09").await;
    assert!(day.contains("mardi 9 février 2027") && day.contains("Réunion de parents"));
    let empty_day = page(&app, &parent, "/calendrier?jour=2027-02-10").await;
    assert!(empty_day.contains("Aucun événement ce jour-là."));

    let event = page(
        &app,
        &parent,
        &format!("/calendrier/evenements/{}", meeting.id),
    )
    .await;
    assert!(
        event.contains("Salle <strong>B</strong>") && event.contains("/calendrier?mois=2027-02")
    );

    for bad in [
        "mois=2027-13",
        "mois=zz",
        "jour=2027-02-30",
        "jour=99999-01-01",
    ] {
        let response = app
            .call(
                &parent,
                "calendar",
                &[(
                    bad.split('=').next().unwrap(),
                    bad.split('=').nth(1).unwrap(),
                )],
            )
            .await;
        assert_eq!(response.status(), StatusCode::FORBIDDEN, "{bad}");
    }
}

#[tokio::test]
async fn courses_list_the_selected_childs_courses_and_teachers() {
    let app = spawn_app().await;
    let parent = app.settled_parent().await;
    assert!(
        page(&app, &parent, "/cours")
            .await
            .contains("Aucun cours trouvé")
    );
    courses::enrol(
        &app.db,
        "isu-dour",
        ALBERT,
        "Mathématiques",
        Some("M. Lambert"),
    )
    .await
    .unwrap();
    courses::enrol(&app.db, "isu-dour", ALBERT, "Français", None)
        .await
        .unwrap();
    courses::enrol(&app.db, "isu-dour", MARIE, "Latin", Some("Mme Petit"))
        .await
        .unwrap();
    // Enrolling twice changes nothing.
    courses::enrol(
        &app.db,
        "isu-dour",
        ALBERT,
        "Mathématiques",
        Some("M. Lambert"),
    )
    .await
    .unwrap();
    assert!(
        courses::enrol(&app.db, "isu-dour", LEON, "Latin", None)
            .await
            .is_err(),
        "Léon is not at the Institut"
    );

    let courses = page(&app, &parent, "/cours").await;
    assert!(
        courses.contains("Mathématiques")
            && courses.contains("M. Lambert")
            && courses.contains("Français")
    );
    assert!(!courses.contains("Latin"), "Marie's course is not Albert's");
    assert_eq!(
        courses
            .matches("class=\"course-name\">Mathématiques")
            .count(),
        1
    );
    let home = page(&app, &parent, "/").await;
    assert!(home.contains("M. Lambert") && !home.contains("Aucun cours trouvé"));
}

#[tokio::test]
async fn messages_and_notifications_say_honestly_that_they_are_empty() {
    let app = spawn_app().await;
    let parent = app.settled_parent().await;
    let messages = page(&app, &parent, "/messages").await;
    assert!(messages.contains("Aucun message ici."), "{messages}");
    assert!(messages.contains("href=\"/messages/nouveau\""));
    let notifications = page(&app, &parent, "/notifications").await;
    assert!(notifications.contains("aucune notification"));
    let home = page(&app, &parent, "/").await;
    for link in [
        "href=\"/messages\"",
        "href=\"/notifications\"",
        "href=\"/actualites\"",
        "href=\"/calendrier\"",
        "href=\"/cours\"",
        "href=\"/enfants\"",
        "href=\"/aide\"",
        "href=\"/enfants/ajouter\"",
    ] {
        assert!(home.contains(link), "{link} missing from the home page");
    }
}

/// Adds `count` news items and `count` events this month to the Institut.
async fn fill_school(app: &TestApp, count: usize) {
    for n in 0..count {
        news::add(
            &app.db,
            "isu-dour",
            &format!("Nouvelle {n}"),
            "Texte",
            Some(Utc::now() - Duration::minutes(n as i64 + 1)),
        )
        .await
        .unwrap();
        calendar::add_event(
            &app.db,
            "isu-dour",
            &format!("Événement {n}"),
            None,
            Utc::now(),
            None,
            false,
        )
        .await
        .unwrap();
    }
}

#[tokio::test]
async fn the_home_page_runs_the_same_few_queries_with_1000_news_and_events_as_with_10() {
    let app = spawn_app().await;
    let parent = app.settled_parent().await;
    // Once first, so that the session's "last seen" write is not counted.
    app.get(&parent, "/").await;
    let queries_for_home = || async {
        let before = app.queries.count();
        let response = app.get(&parent, "/").await;
        assert_eq!(response.status(), StatusCode::OK);
        app.queries.count() - before
    };
    // Right after a change the school's shared rows are read again; within the next second they
    // come from memory. (The least of three tries, in case a slow machine let a second pass.)
    let cold_and_warm = || async {
        let cold = queries_for_home().await;
        let mut warm = u64::MAX;
        for _ in 0..3 {
            warm = warm.min(queries_for_home().await);
        }
        (cold, warm)
    };
    fill_school(&app, 10).await;
    let with_10 = cold_and_warm().await;
    fill_school(&app, 990).await;
    let with_1000 = cold_and_warm().await;
    eprintln!("home page with 1,000 news and events: {with_1000:?} queries (after a change, then)");
    assert_eq!(with_10, with_1000);
    let (cold, warm) = with_1000;
    assert!(cold <= HOME_QUERY_BUDGET, "{cold} queries after a change");
    assert_eq!(
        cold - warm,
        SCHOOL_SHARE_QUERIES,
        "{warm} queries from memory"
    );
}

/// The home page's queries, middleware and server function together (README, "Measurements"):
/// two more since the navigation counts the parent's unread messages and unseen notifications.
const HOME_QUERY_BUDGET: u64 = 11;
/// The school's administrators, news, marked days and coming events, which the school cache saves.
const SCHOOL_SHARE_QUERIES: u64 = 4;

#[tokio::test]
async fn what_another_process_changes_in_a_school_shows_on_the_next_home_page() {
    let app = spawn_app().await;
    let parent = app.settled_parent().await;
    let home = || async { app.get(&parent, "/").await.text().await.unwrap() };
    assert!(!home().await.contains("Fancy-fair"));
    // Written straight to the database, as another instance or the command line would: the
    // cache entry just made must not hide it for the rest of its second.
    news::add(&app.db, "isu-dour", "Fancy-fair", "Samedi.", None)
        .await
        .unwrap();
    assert!(home().await.contains("Fancy-fair"), "the news item");
    let event_at = app.clock.now() + Duration::minutes(1);
    calendar::add_event(
        &app.db,
        "isu-dour",
        "Réunion de parents",
        None,
        event_at,
        None,
        false,
    )
    .await
    .unwrap();
    assert!(home().await.contains("Réunion de parents"), "the event");
}

#[tokio::test]
async fn a_news_item_given_to_another_class_leaves_the_home_page_at_once() {
    let app = spawn_app().await;
    app.put_in_class(ALBERT, "3B").await;
    let parent = app.settled_parent().await;
    let home = || async { app.get(&parent, "/").await.text().await.unwrap() };
    let item = news::add(&app.db, "isu-dour", "Classe de neige", "En mars.", None)
        .await
        .unwrap();
    assert!(
        home().await.contains("Classe de neige"),
        "for the whole school"
    );
    // Only the audience changes, in a table of its own: the school's revision must move too.
    audience::set_news_classes(&app.db, item.id, &["4A".to_owned()])
        .await
        .unwrap();
    assert!(!home().await.contains("Classe de neige"), "for 4A only");
}

/// The titles a server function's news list holds.
async fn news_titles(app: &TestApp, parent: &Browser) -> Vec<String> {
    let response = app.call(parent, "news", &[]).await;
    assert_eq!(response.status(), StatusCode::OK);
    let list: serde_json::Value = response.json().await.unwrap();
    list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|item| item["title"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn a_news_item_scheduled_for_later_appears_once_its_time_has_come() {
    let app = spawn_app().await;
    let parent = app.settled_parent().await;
    news::add(
        &app.db,
        "isu-dour",
        "Journée portes ouvertes",
        "Samedi.",
        Some(Utc::now() + Duration::minutes(30)),
    )
    .await
    .unwrap();
    assert!(news_titles(&app, &parent).await.is_empty(), "not yet");
    // Within the session's idle hour (the tests' setting).
    app.clock.advance(Duration::minutes(31));
    assert_eq!(
        news_titles(&app, &parent).await,
        ["Journée portes ouvertes"]
    );
}

#[tokio::test]
async fn the_home_page_lists_at_most_8_coming_events() {
    let app = spawn_app().await;
    let parent = app.settled_parent().await;
    // All today, so that the count does not depend on how many days the month has left.
    let now = Utc::now();
    for n in 1..=12 {
        let title = format!("Événement {n}");
        calendar::add_event(&app.db, "isu-dour", &title, None, now, None, false)
            .await
            .unwrap();
    }
    let response = app.call(&parent, "home", &[]).await;
    assert_eq!(response.status(), StatusCode::OK);
    let home: serde_json::Value = response.json().await.unwrap();
    assert_eq!(home["calendar"]["events"].as_array().unwrap().len(), 8);
}
