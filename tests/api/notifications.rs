//! Notifications: listed with a counter, delivered as each parent chose per child and kind (at
//! once, in the morning's digest, or not at all), never during their quiet hours unless urgent,
//! bundled when several wait, and turned off in one click from a mail; with the clock moved.
use crate::helpers::*;
use crate::staff::school_with_staff;
use chrono::Duration;
use reqwest::StatusCode;
use serde_json::Value;

/// Moves the server's clock to the next `hour`:`minute` on a Brussels wall.
pub(crate) fn advance_to(app: &TestApp, hour: u32, minute: u32) {
    use cartable::server::clock::{brussels, from_brussels};
    let now = app.clock.now();
    let local = brussels(now).naive_local();
    let mut target = local.date().and_hms_opt(hour, minute, 0).unwrap();
    if target <= local {
        target += Duration::days(1);
    }
    app.clock.advance(from_brussels(target).unwrap() - now);
}

/// Sessions that outlive the night the tests move the clock through.
fn for_days(settings: &mut cartable::server::config::Settings) {
    settings.session_idle = Duration::days(7);
    settings.session_absolute = Duration::days(30);
}

/// The parent's quiet hours, and mail on.
pub(crate) async fn quiet_hours(app: &TestApp, parent: &Browser, from: &str, until: &str) {
    let form = [
        ("by_mail", "true"),
        ("quiet_from", from),
        ("quiet_until", until),
    ];
    let saved = app.call(parent, "save_notification_settings", &form).await;
    assert_eq!(next_page(&saved), "/notifications/reglages?enregistre=1");
}

/// "Écrire aux parents" of class 3B (Albert's), from its teacher.
pub(crate) async fn teacher_writes(app: &TestApp, teacher: &Browser, subject: &str, urgent: bool) {
    let mut form = reqwest::multipart::Form::new()
        .text("audience", "classe:3B")
        .text("subject", subject.to_owned())
        .text("body", "Bonjour.");
    if urgent {
        form = form.text("urgent", "1");
    }
    let sent = teacher
        .post(format!("{}/api/staff_send_message", app.address))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert!(next_page(&sent).starts_with("/ecole/messages?envoyes=1"));
}

/// The mails to Albert's mother so far.
async fn mails_to_mother(app: &TestApp) -> Vec<String> {
    app.outbox()
        .await
        .into_iter()
        .filter(|mail| mail.contains("To: antoinette.dupond@example.be"))
        .collect()
}

fn header<'a>(mail: &'a str, name: &str) -> Option<&'a str> {
    mail.lines()
        .find_map(|line| line.strip_prefix(&format!("{name}: ")))
        .map(str::trim)
}

#[tokio::test]
async fn quiet_hours_hold_all_but_urgent_messages_and_the_morning_brings_one_bundle() {
    let app = spawn_app_with(for_days).await;
    let callers = school_with_staff(&app).await;
    let mother = &callers.parent;
    // Confirmation and other account mails are not the matter here.
    let before = mails_to_mother(&app).await.len();
    advance_to(&app, 21, 0);
    teacher_writes(&app, &callers.teacher_here, "Piscine demain", false).await;
    let news = [
        ("title", "Classe verte"),
        ("body", "Départ lundi."),
        ("classes[0]", "3B"),
    ];
    let published = app
        .call(&callers.teacher_here, "staff_publish_news", &news)
        .await;
    assert!(published.status().is_success(), "{}", published.status());
    assert_eq!(
        mails_to_mother(&app).await.len(),
        before,
        "nothing during quiet hours"
    );
    teacher_writes(&app, &callers.teacher_here, "Sortie annulée", true).await;
    let mails = mails_to_mother(&app).await;
    assert_eq!(mails.len(), before + 1, "an urgent message goes at once");
    assert!(mails[before].contains("URGENT"), "{}", mails[before]);
    // The page lists all three, and the counter counts them until it is shown.
    let home = app
        .call(mother, "home", &[])
        .await
        .json::<Value>()
        .await
        .unwrap();
    assert_eq!(home["header"]["unseen_notifications"], 3);
    let page = app
        .call(mother, "notifications", &[])
        .await
        .json::<Value>()
        .await
        .unwrap();
    let headlines: Vec<&str> = page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|item| item["headline"].as_str().unwrap())
        .collect();
    assert_eq!(
        headlines,
        [
            "URGENT – nouveau message : Sortie annulée",
            "Actualité : Classe verte",
            "Nouveau message : Piscine demain"
        ]
    );
    let home = app
        .call(mother, "home", &[])
        .await
        .json::<Value>()
        .await
        .unwrap();
    assert_eq!(home["header"]["unseen_notifications"], 0);
    // At seven, what waited goes, in one mail: the message held by quiet hours and the news of the
    // digest.
    advance_to(&app, 7, 1);
    let mails = mails_to_mother(&app).await;
    assert_eq!(mails.len(), before + 2, "{mails:#?}");
    let bundle = &mails[before + 1];
    // "2 nouveautés de l'école" (its accents encoded in the header).
    assert!(
        header(bundle, "Subject").unwrap().starts_with("2 "),
        "{bundle}"
    );
    assert!(
        bundle.contains("Piscine demain") && bundle.contains("Classe verte"),
        "{bundle}"
    );
    assert_eq!(
        header(bundle, "List-Unsubscribe-Post"),
        Some("List-Unsubscribe=One-Click")
    );
    // Nothing more the next morning: each notification went once.
    advance_to(&app, 7, 1);
    assert_eq!(mails_to_mother(&app).await.len(), before + 2);
}

#[tokio::test]
async fn each_kind_about_each_child_follows_the_parents_choice_and_one_click_turns_it_off() {
    let app = spawn_app().await;
    let callers = school_with_staff(&app).await;
    let mother = &callers.parent;
    quiet_hours(&app, mother, "00:00", "00:00").await;
    let albert = app.student_id(ALBERT).await;
    let settings = app
        .call(mother, "notification_settings", &[])
        .await
        .json::<Value>()
        .await
        .unwrap();
    assert_eq!(
        settings["children"][0]["kinds"],
        serde_json::json!([
            ["message", "immediately"],
            ["news", "digest"],
            ["event", "digest"],
            ["terms", "immediately"],
            ["survey", "digest"]
        ])
    );
    // Another family's child is refused, whatever id is sent; nothing is saved.
    let marie = app.student_id(MARIE).await;
    let refused = app
        .call(
            mother,
            "save_notification_settings",
            &[
                ("quiet_from", "20:00"),
                ("quiet_until", "07:00"),
                ("choices[0]", &format!("{marie}:message:off")),
            ],
        )
        .await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    let bad_time = app
        .call(
            mother,
            "save_notification_settings",
            &[("quiet_from", "25:00"), ("quiet_until", "07:00")],
        )
        .await;
    let (status, body) = error(bad_time).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(!field_message(&body, "quiet_from").is_empty());
    // A message at once, by mail; with its unsubscribe header.
    let before = mails_to_mother(&app).await.len();
    teacher_writes(&app, &callers.teacher_here, "Réunion de parents", false).await;
    let mails = mails_to_mother(&app).await;
    assert_eq!(mails.len(), before + 1);
    let link = header(&mails[before], "List-Unsubscribe").unwrap();
    let link = link
        .trim_matches(['<', '>'])
        .replace(PUBLIC_URL, &app.address);
    assert!(link.contains("type=message"), "{link}");
    // The mail client's one click (RFC 8058): messages about Albert no longer mailed.
    let clicked = browser()
        .post(&link)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body("List-Unsubscribe=One-Click")
        .send()
        .await
        .unwrap();
    assert_eq!(clicked.status(), StatusCode::OK);
    let settings = app
        .call(mother, "notification_settings", &[])
        .await
        .json::<Value>()
        .await
        .unwrap();
    assert_eq!(
        settings["children"][0]["kinds"][0],
        serde_json::json!(["message", "off"])
    );
    teacher_writes(&app, &callers.teacher_here, "Photos de classe", false).await;
    assert_eq!(mails_to_mother(&app).await.len(), before + 1, "turned off");
    // A forged token changes nothing.
    let forged = browser()
        .post(format!(
            "{}/desabonnement?jeton=forged&type=news",
            app.address
        ))
        .body("List-Unsubscribe=One-Click")
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), StatusCode::NOT_FOUND);
    // The parent turns news about Albert to "at once": the next item is mailed with no wait.
    let choose = [
        ("by_mail", "true".to_owned()),
        ("quiet_from", "00:00".to_owned()),
        ("quiet_until", "00:00".to_owned()),
        ("choices[0]", format!("{albert}:news:immediately")),
    ];
    let choose: Vec<(&str, &str)> = choose.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let saved = app
        .call(mother, "save_notification_settings", &choose)
        .await;
    assert_eq!(next_page(&saved), "/notifications/reglages?enregistre=1");
    let news = [
        ("title", "Fancy-fair"),
        ("body", "Samedi."),
        ("classes[0]", "3B"),
    ];
    app.call(&callers.teacher_here, "staff_publish_news", &news)
        .await;
    let mails = mails_to_mother(&app).await;
    assert_eq!(mails.len(), before + 2);
    assert!(mails[before + 1].contains("Fancy-fair"));
    // Mail off: nothing by mail at all, everything still on the page.
    let off = [("quiet_from", "00:00"), ("quiet_until", "00:00")];
    app.call(mother, "save_notification_settings", &off).await;
    teacher_writes(&app, &callers.teacher_here, "Dernier rappel", true).await;
    assert_eq!(mails_to_mother(&app).await.len(), before + 2);
    let page = app
        .call(mother, "notifications", &[])
        .await
        .json::<Value>()
        .await
        .unwrap();
    assert_eq!(page["items"].as_array().unwrap().len(), 4);
}
