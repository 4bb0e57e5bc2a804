//! "L'agenda sur votre téléphone": a parent's secret calendar address, read back with an
//! independent iCalendar parser (the `ical` crate), as a phone's calendar would.
use crate::helpers::*;
use cartable::server::{audience, calendar};
use chrono::{DateTime, Duration, Utc};
use ical::parser::ical::component::IcalCalendar;
use reqwest::StatusCode;

/// The parent's calendar address, as "Mon compte" shows it.
async fn feed_address(app: &TestApp, parent: &Browser) -> String {
    let response = app.call(parent, "account", &[]).await;
    assert_eq!(response.status(), StatusCode::OK);
    let view: serde_json::Value = response.json().await.unwrap();
    view["calendar_feed"].as_str().unwrap().to_owned()
}

/// Fetched as a phone's calendar does: no cookie, no session. (The address is on the configured
/// public URL; the test server listens elsewhere.)
async fn fetch(app: &TestApp, address: &str) -> reqwest::Response {
    let path = &address[address.find("/agenda/").expect("a feed address")..];
    reqwest::get(format!("{}{path}", app.address))
        .await
        .unwrap()
}

fn parse(text: &str) -> IcalCalendar {
    let mut calendars = ical::IcalParser::new(text.as_bytes());
    let calendar = calendars
        .next()
        .expect("one calendar")
        .expect("valid iCalendar");
    assert!(calendars.next().is_none(), "a single calendar");
    calendar
}

fn property<'a>(
    properties: &'a [ical::property::Property],
    name: &str,
) -> Option<&'a ical::property::Property> {
    properties.iter().find(|property| property.name == name)
}

/// A TEXT value as written, whether or not the parser already undid the escapes.
fn unescape(value: &str) -> String {
    value
        .replace("\\\\", "\u{0}")
        .replace("\\;", ";")
        .replace("\\,", ",")
        .replace("\\n", "\n")
        .replace('\u{0}', "\\")
}

fn summaries(calendar: &IcalCalendar) -> Vec<String> {
    calendar
        .events
        .iter()
        .filter_map(|event| property(&event.properties, "SUMMARY")?.value.clone())
        .collect()
}

/// The feed's event whose title starts with `start`.
fn event_titled<'a>(
    calendar: &'a IcalCalendar,
    start: &str,
) -> &'a ical::parser::ical::component::IcalEvent {
    calendar
        .events
        .iter()
        .find(|event| {
            property(&event.properties, "SUMMARY")
                .and_then(|summary| summary.value.as_deref())
                .is_some_and(|title| title.starts_with(start))
        })
        .unwrap_or_else(|| panic!("no event {start}"))
}

/// An event of the Institut starting `at`, for `classes` (all when empty).
async fn event(app: &TestApp, title: &str, at: DateTime<Utc>, classes: &[&str]) {
    let event = calendar::add_event(
        &app.db,
        "isu-dour",
        title,
        Some("Salle 2, 1er étage"),
        at,
        Some(at + Duration::hours(2)),
        false,
    )
    .await
    .unwrap();
    let classes: Vec<String> = classes.iter().map(|class| class.to_string()).collect();
    audience::set_event_classes(&app.db, event.id, &classes)
        .await
        .unwrap();
}

#[tokio::test]
async fn the_feed_holds_the_childrens_events_in_brussels_time_and_names_nobody() {
    let app = spawn_app().await;
    app.put_in_class(ALBERT, "3B").await;
    let parent = app.settled_parent().await;
    // 14:30 in Brussels in June (summer time), 10:00 in January (winter time).
    let june = "2027-06-12T12:30:00Z".parse().unwrap();
    let january = "2027-01-15T09:00:00Z".parse().unwrap();
    event(&app, "Fancy-fair; jeux, tombola", june, &[]).await;
    event(&app, "Conseil de classe 3B", january, &["3B"]).await;
    event(&app, "Conseil de classe 4A", january, &["4A"]).await;

    let address = feed_address(&app, &parent).await;
    let response = fetch(&app, &address).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(
        response.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/calendar"),
        "{:?}",
        response.headers()["content-type"]
    );
    let text = response.text().await.unwrap();
    let feed = parse(&text);

    let zone = &feed.timezones[0];
    assert_eq!(
        property(&zone.properties, "TZID").unwrap().value.as_deref(),
        Some("Europe/Brussels")
    );
    // Summer time and winter time, each with its rule.
    let rules: Vec<Option<String>> = zone
        .transitions
        .iter()
        .map(|transition| {
            property(&transition.properties, "RRULE").and_then(|rule| rule.value.clone())
        })
        .collect();
    assert_eq!(
        rules,
        [
            Some("FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU".to_owned()),
            Some("FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU".to_owned())
        ]
    );

    let mut titles: Vec<String> = summaries(&feed)
        .iter()
        .map(|title| unescape(title))
        .collect();
    titles.sort();
    // Escaped on the way out, read back whole; another class's event is not there.
    assert_eq!(
        titles,
        ["Conseil de classe 3B", "Fancy-fair; jeux, tombola"]
    );
    let fair = event_titled(&feed, "Fancy-fair");
    let start = property(&fair.properties, "DTSTART").unwrap();
    assert_eq!(start.value.as_deref(), Some("20270612T143000"));
    let params = start.params.clone().unwrap_or_default();
    assert!(
        params
            .iter()
            .any(|(name, values)| name == "TZID" && values == &["Europe/Brussels"]),
        "{params:?}"
    );
    let end = property(&fair.properties, "DTEND").unwrap();
    assert_eq!(end.value.as_deref(), Some("20270612T163000"));
    let council = event_titled(&feed, "Conseil de classe 3B");
    assert_eq!(
        property(&council.properties, "DTSTART")
            .unwrap()
            .value
            .as_deref(),
        Some("20270115T100000")
    );

    // Neither the address nor the feed names the parent or the child.
    for private in ["Antoinette", "Dupond", "Albert", "Durant", "albert"] {
        assert!(!address.contains(private), "{private} in {address}");
        assert!(!text.contains(private), "{private} in the feed");
    }
    // Lines are folded at 75 bytes and end in CRLF.
    assert!(
        text.split("\r\n")
            .all(|line| line.len() <= 75 && !line.contains('\n'))
    );
}

#[tokio::test]
async fn a_new_address_replaces_the_old_at_once() {
    let app = spawn_app().await;
    let parent = app.settled_parent().await;
    let first = feed_address(&app, &parent).await;
    assert_eq!(
        feed_address(&app, &parent).await,
        first,
        "the same address each time"
    );
    assert_eq!(fetch(&app, &first).await.status(), StatusCode::OK);

    let response = app.call(&parent, "renew_calendar_feed", &[]).await;
    assert!(
        response.status().is_success() || response.status().is_redirection(),
        "{}",
        response.status()
    );
    let second = feed_address(&app, &parent).await;
    assert_ne!(second, first);
    assert_eq!(fetch(&app, &first).await.status(), StatusCode::NOT_FOUND);
    assert_eq!(fetch(&app, &second).await.status(), StatusCode::OK);
    assert!(
        app.audit_kinds()
            .await
            .contains(&"calendar_feed_renewed".to_owned())
    );
}

#[tokio::test]
async fn a_guessed_or_foreign_address_opens_nothing() {
    let app = spawn_app().await;
    let institut = app.settled_parent().await;
    let ecole = app.settled_parent_of(LEON, LEON_LETTER).await;
    let at = Utc::now() + Duration::days(3);
    event(&app, "Réservé à l'Institut", at, &[]).await;
    let ecole_feed = parse(
        &fetch(&app, &feed_address(&app, &ecole).await)
            .await
            .text()
            .await
            .unwrap(),
    );
    assert!(
        !summaries(&ecole_feed)
            .iter()
            .any(|title| title.contains("Institut"))
    );
    let institut_feed = parse(
        &fetch(&app, &feed_address(&app, &institut).await)
            .await
            .text()
            .await
            .unwrap(),
    );
    assert!(
        summaries(&institut_feed)
            .iter()
            .any(|title| title.contains("Institut"))
    );

    for path in [
        "/agenda/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.ics",
        "/agenda/short.ics",
        "/agenda/..%2F..%2Fetc%2Fpasswd",
        "/agenda/' OR 1=1 --.ics",
    ] {
        let response = reqwest::get(format!("{}{path}", app.address))
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{path}");
    }
}
