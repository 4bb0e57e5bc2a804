//! Messages between families and the school: each parent's own conversation (two separated
//! parents never read each other), who may write to whom, files checked from their bytes and
//! fetched by members only, unread counts, search and archive; whatever ids are sent.
use crate::helpers::*;
use crate::staff::{Callers, school_with_staff};
use reqwest::{Response, StatusCode, multipart};
use serde_json::Value;

/// The smallest file `infer` reads as a PDF.
pub(crate) const PDF: &[u8] = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n";

/// Posts a message form the way its page does (`multipart/form-data`), with `files` as
/// `(name, bytes, declared type)`.
pub(crate) async fn post(
    app: &TestApp,
    who: &Browser,
    endpoint: &str,
    fields: &[(&str, &str)],
    files: &[(&str, &[u8], &str)],
) -> Response {
    let mut form = multipart::Form::new();
    for (name, value) in fields {
        form = form.text(name.to_string(), value.to_string());
    }
    for (name, bytes, mime) in files {
        let part = multipart::Part::bytes(bytes.to_vec())
            .file_name(name.to_string())
            .mime_str(mime)
            .unwrap();
        form = form.part("files", part);
    }
    who.post(format!("{}/api/{endpoint}", app.address))
        .multipart(form)
        .send()
        .await
        .unwrap()
}

/// The conversations of a parent's inbox, as `(id, unread)`.
async fn inbox(app: &TestApp, parent: &Browser) -> Vec<(i64, i64)> {
    let view = view(app, parent, "inbox", &[]).await;
    view["conversations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["id"].as_i64().unwrap(), c["unread"].as_i64().unwrap()))
        .collect()
}

/// Albert's second parent, separated from the first: their own letter, name and address.
pub(crate) async fn father(app: &TestApp) -> Browser {
    let father = browser();
    let first = app.sign_in(&father, ALBERT, ALBERT_SECOND_LETTER).await;
    assert_eq!(next_page(&first), "/conditions");
    let password = [
        ("new_password", "mon propre mot de passe"),
        ("repeat_password", "mon propre mot de passe"),
    ];
    let profile = [
        ("first_name", "Bernard"),
        ("last_name", "Durant"),
        ("role", "pere"),
        ("email", "bernard.durant@example.be"),
        ("phone", ""),
        ("mobile", ""),
    ];
    let steps: [Step; 3] = [
        ("accept_terms", &[("version", "1")], "/mot-de-passe"),
        ("change_password", &password, "/bienvenue"),
        ("save_profile", &profile, "/"),
    ];
    for (function, form, next) in steps {
        assert_eq!(next_page(&app.call(&father, function, form).await), next);
    }
    father
}

/// The files of a conversation's messages, as addresses.
fn files_of(conversation: &Value) -> Vec<String> {
    conversation["messages"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|m| m["files"].as_array().unwrap().clone())
        .map(|f| f["url"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn a_teacher_writes_to_a_class_and_separated_parents_each_read_only_their_own_copy() {
    let app = spawn_app().await;
    let callers = school_with_staff(&app).await;
    let Callers {
        teacher_here,
        parent: mother,
        ..
    } = &callers;
    let father = father(&app).await;
    // Told at once whatever the hour the test runs at.
    crate::notifications::quiet_hours(&app, &father, "00:00", "00:00").await;
    let marie_parent = app.settled_parent_of(MARIE, MARIE_LETTER).await;
    let sent = post(
        &app,
        teacher_here,
        "staff_send_message",
        &[
            ("audience", "classe:3B"),
            ("subject", "Excursion à Mons"),
            (
                "body",
                "Bonjour,\nle car part à **8 h**. Programme : https://isu-dour.be/mons",
            ),
        ],
        &[("programme.pdf", PDF, "application/pdf")],
    )
    .await;
    assert_eq!(next_page(&sent), "/ecole/messages?envoyes=2&sans-parent=0");
    // One conversation each, unread.
    let (mothers, fathers) = (inbox(&app, mother).await, inbox(&app, &father).await);
    assert_eq!((mothers.len(), fathers.len()), (1, 1));
    assert_ne!(mothers[0].0, fathers[0].0);
    assert_eq!((mothers[0].1, fathers[0].1), (1, 1));
    assert!(inbox(&app, &marie_parent).await.is_empty());
    let mother_id = mothers[0].0.to_string();
    // The mother reads it: formatted, the address a link, the file hers to fetch.
    let read = view(&app, mother, "conversation", &[("id", &mother_id)]).await;
    let html = read["messages"][0]["html"].as_str().unwrap();
    assert!(html.contains("<strong>8 h</strong>"), "{html}");
    assert!(
        html.contains(r#"href="https://isu-dour.be/mons""#),
        "{html}"
    );
    let programme = &files_of(&read)[0];
    let fetched = app.get(mother, programme).await;
    assert_eq!(fetched.status(), StatusCode::OK);
    let disposition = fetched.headers()["content-disposition"].to_str().unwrap();
    assert!(disposition.starts_with("attachment;"), "{disposition}");
    assert_eq!(fetched.headers()["x-content-type-options"], "nosniff");
    assert_eq!(fetched.headers()["content-type"], "application/pdf");
    assert_eq!(fetched.bytes().await.unwrap(), PDF);
    assert_eq!(inbox(&app, mother).await[0].1, 0);
    // She replies with a file of her own.
    let reply = post(
        &app,
        mother,
        "reply",
        &[("conversation", &mother_id), ("body", "Merci, il sera là.")],
        &[("autorisation.pdf", PDF, "application/pdf")],
    )
    .await;
    assert_eq!(next_page(&reply), format!("/messages/{mother_id}#dernier"));
    let hers = view(&app, mother, "conversation", &[("id", &mother_id)]).await;
    let her_file = files_of(&hers)[1].clone();
    // The father sees his own copy, not her reply, her name or her file; whatever id he sends.
    let his = view(
        &app,
        &father,
        "conversation",
        &[("id", &fathers[0].0.to_string())],
    )
    .await;
    assert_eq!(his["messages"].as_array().unwrap().len(), 1);
    let his_text = his.to_string();
    assert!(
        !his_text.contains("Antoinette") && !his_text.contains("Merci"),
        "{his_text}"
    );
    for outsider in [&father, &marie_parent] {
        let refused = app
            .call(outsider, "conversation", &[("id", &mother_id)])
            .await;
        assert_eq!(refused.status(), StatusCode::FORBIDDEN);
        let replied = post(
            &app,
            outsider,
            "reply",
            &[("conversation", &mother_id), ("body", "Intrusion")],
            &[],
        )
        .await;
        assert_eq!(replied.status(), StatusCode::FORBIDDEN);
        assert_eq!(
            app.get(outsider, &her_file).await.status(),
            StatusCode::NOT_FOUND
        );
    }
    assert_eq!(
        app.get(&callers.nobody, programme).await.status(),
        StatusCode::NOT_FOUND
    );
    // The teacher sees her reply, and that she read the message; the father has not yet.
    let teacher_view = view(
        &app,
        teacher_here,
        "staff_conversation",
        &[("id", &mother_id)],
    )
    .await;
    assert_eq!(
        teacher_view["messages"][0]["read_by"],
        serde_json::json!(["Antoinette Dupond"])
    );
    assert_eq!(teacher_view["messages"][1]["author"], "Antoinette Dupond");
    assert_eq!(
        app.get(teacher_here, &her_file).await.status(),
        StatusCode::OK
    );
    let staff_inbox = view(&app, teacher_here, "staff_inbox", &[]).await;
    assert_eq!(staff_inbox["unread"], 0, "opened just now");
    // Another teacher and another school's administrator reach neither conversation nor file.
    for stranger in [
        &callers.teacher_other,
        &callers.admin_other,
        &callers.admin_here,
    ] {
        let refused = app
            .call(stranger, "staff_conversation", &[("id", &mother_id)])
            .await;
        assert_eq!(refused.status(), StatusCode::FORBIDDEN);
        assert_eq!(
            app.get(stranger, &her_file).await.status(),
            StatusCode::NOT_FOUND
        );
    }
    // The mails say who wrote and where to read, never what was written.
    let mails = app.outbox().await;
    let to_parents: Vec<&String> = mails.iter().filter(|m| m.contains("Excursion")).collect();
    assert!(
        to_parents
            .iter()
            .any(|m| m.contains("bernard.durant@example.be"))
    );
    assert!(
        mails
            .iter()
            .all(|m| !m.contains("car part") && !m.contains("Merci, il"))
    );
}

/// "Écrire aux parents" of `audience`, with a short message.
async fn write_to(app: &TestApp, who: &Browser, audience: &str) -> Response {
    let form = [
        ("audience", audience),
        ("subject", "Réunion"),
        ("body", "Jeudi à 18 h."),
    ];
    post(app, who, "staff_send_message", &form, &[]).await
}

#[tokio::test]
async fn staff_write_only_to_the_families_their_role_reaches() {
    let app = spawn_app().await;
    let callers = school_with_staff(&app).await;
    let albert = format!("eleve:{}", app.student_id(ALBERT).await);
    let cases = [
        // The teacher of 3B: not 4A, not the whole school; Marie's teacher: not Albert.
        (&callers.teacher_here, "classe:4A", StatusCode::FORBIDDEN),
        (&callers.teacher_here, "ecole", StatusCode::FORBIDDEN),
        (&callers.teacher_other, &albert, StatusCode::FORBIDDEN),
        (&callers.teacher_other, "classe:3B", StatusCode::FORBIDDEN),
        (&callers.admin_other, &albert, StatusCode::FORBIDDEN),
        (
            &callers.teacher_here,
            "n'importe quoi",
            StatusCode::FORBIDDEN,
        ),
        (&callers.parent, "classe:3B", StatusCode::UNAUTHORIZED),
        (&callers.nobody, "classe:3B", StatusCode::UNAUTHORIZED),
    ];
    for (who, audience, expected) in cases {
        let answer = write_to(&app, who, audience).await;
        assert_eq!(answer.status(), expected, "{audience}");
    }
    assert!(inbox(&app, &callers.parent).await.is_empty());
    // Marie's class has no parent with an account yet: said under the field, nothing written.
    let (status, body) = error(write_to(&app, &callers.admin_here, "classe:4A").await).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(!field_message(&body, "audience").is_empty());
    // The administrator writes to the whole school; the teacher to a student of their course.
    let school = write_to(&app, &callers.admin_here, "ecole").await;
    assert_eq!(
        next_page(&school),
        "/ecole/messages?envoyes=1&sans-parent=1"
    );
    let one = write_to(&app, &callers.teacher_here, &albert).await;
    assert_eq!(next_page(&one), "/ecole/messages?envoyes=1&sans-parent=0");
    assert_eq!(inbox(&app, &callers.parent).await.len(), 2);
    // Every message is in the school's journal, as what it was sent to.
    let kinds = app.audit_kinds().await;
    assert_eq!(kinds.iter().filter(|k| *k == "message_sent").count(), 2);
}

#[tokio::test]
async fn a_parent_writes_to_a_teacher_of_their_child_or_to_the_school() {
    let app = spawn_app().await;
    let callers = school_with_staff(&app).await;
    let parent = &callers.parent;
    let choices = view(&app, parent, "new_message", &[]).await;
    let values: Vec<String> = choices["recipients"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r[0].as_str().unwrap().to_owned())
        .collect();
    let (trois, quatre) = (
        callers.teacher_here_id.to_string(),
        callers.teacher_other_id.to_string(),
    );
    assert_eq!(values, vec!["admins".to_owned(), trois.clone()]);
    let send = |to: String| {
        let app = &app;
        async move {
            let form = [
                ("recipient", to.as_str()),
                ("subject", "Absence"),
                ("body", "Albert sera absent lundi."),
            ];
            post(app, parent, "send_message", &form, &[]).await
        }
    };
    // Marie's teacher is not Albert's: refused, nothing written.
    assert_eq!(send(quatre).await.status(), StatusCode::FORBIDDEN);
    let to_teacher = send(trois).await;
    assert!(next_page(&to_teacher).starts_with("/messages/"));
    let to_school = send("admins".into()).await;
    assert!(next_page(&to_school).starts_with("/messages/"));
    let teacher = view(&app, &callers.teacher_here, "staff_inbox", &[]).await;
    assert_eq!(teacher["unread"], 1);
    let admin = view(&app, &callers.admin_here, "staff_inbox", &[]).await;
    assert_eq!(admin["conversations"].as_array().unwrap().len(), 1);
    let other = view(&app, &callers.teacher_other, "staff_inbox", &[]).await;
    assert!(other["conversations"].as_array().unwrap().is_empty());
    // The teacher answers; the parent's counter shows it in every page's header.
    let id = teacher["conversations"][0]["id"]
        .as_i64()
        .unwrap()
        .to_string();
    let answer = post(
        &app,
        &callers.teacher_here,
        "staff_reply",
        &[
            ("conversation", &id),
            ("body", "Bien noté."),
            ("urgent", "1"),
        ],
        &[],
    )
    .await;
    assert_eq!(next_page(&answer), format!("/ecole/messages/{id}#dernier"));
    let home = view(&app, parent, "home", &[]).await;
    assert_eq!(home["header"]["unread_messages"], 1);
    let lines = view(&app, parent, "inbox", &[]).await;
    assert_eq!(lines["conversations"][0]["urgent"], true);
    assert!(app.outbox().await.iter().any(|m| m.contains("URGENT")));
}

#[tokio::test]
async fn files_are_checked_from_their_bytes_and_a_refused_message_keeps_its_text() {
    let app = spawn_app().await;
    let callers = school_with_staff(&app).await;
    let form = [
        ("audience", "classe:3B"),
        ("subject", "Photos"),
        ("body", "Voici les photos."),
    ];
    let html = b"<html><script>alert(1)</script></html>";
    let wrong_type = cartable::i18n::td_string!(FR, messages.attachment_type);
    for (bytes, name, mime) in [
        (&html[..], "photos.pdf", "application/pdf"),
        (&html[..], "photos.html", "text/html"),
        (b"just words".as_slice(), "photos.png", "image/png"),
    ] {
        let answer = post(
            &app,
            &callers.teacher_here,
            "staff_send_message",
            &form,
            &[(name, bytes, mime)],
        )
        .await;
        let (status, body) = error(answer).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{name}");
        assert_eq!(field_message(&body, "files"), wrong_type);
        let typed = body["Invalid"]["typed"].to_string();
        assert!(typed.contains("Voici les photos."), "{typed}");
    }
    // Over 10 MB: refused under the field.
    let mut huge = PDF.to_vec();
    huge.resize(cartable::domain::messages::ATTACHMENT_BYTES + 1, b' ');
    let answer = post(
        &app,
        &callers.teacher_here,
        "staff_send_message",
        &form,
        &[("gros.pdf", &huge, "application/pdf")],
    )
    .await;
    let (status, body) = error(answer).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(field_message(&body, "files").contains("10"));
    // An empty message is refused under its field.
    let empty = [("audience", "classe:3B"), ("subject", ""), ("body", "  ")];
    let (status, body) = error(
        post(
            &app,
            &callers.teacher_here,
            "staff_send_message",
            &empty,
            &[],
        )
        .await,
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(!field_message(&body, "subject").is_empty());
    assert!(!field_message(&body, "body").is_empty());
    assert!(
        inbox(&app, &callers.parent).await.is_empty(),
        "nothing was written"
    );
    // A JPEG named .pdf is a JPEG: accepted, and served as what it is.
    let jpeg = [
        0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, b'J', b'F', b'I', b'F', 0x00,
    ];
    let answer = post(
        &app,
        &callers.teacher_here,
        "staff_send_message",
        &form,
        &[("photo.pdf", &jpeg, "application/pdf")],
    )
    .await;
    assert!(next_page(&answer).starts_with("/ecole/messages?envoyes=1"));
    let id = inbox(&app, &callers.parent).await[0].0.to_string();
    let read = view(&app, &callers.parent, "conversation", &[("id", &id)]).await;
    let fetched = app.get(&callers.parent, &files_of(&read)[0]).await;
    assert_eq!(fetched.headers()["content-type"], "image/jpeg");
}

#[tokio::test]
async fn a_parent_finds_a_conversation_by_its_words_and_archives_it_until_the_next_message() {
    let app = spawn_app().await;
    let callers = school_with_staff(&app).await;
    let parent = &callers.parent;
    for (subject, body) in [
        ("Piscine", "Apportez un bonnet."),
        ("Bulletin", "Remis vendredi, 100% des notes."),
    ] {
        let form = [
            ("audience", "classe:3B"),
            ("subject", subject),
            ("body", body),
        ];
        post(
            &app,
            &callers.teacher_here,
            "staff_send_message",
            &form,
            &[],
        )
        .await;
    }
    let found = |words: &'static str| {
        let app = &app;
        async move {
            let view = view(app, parent, "inbox", &[("words", words)]).await;
            view["conversations"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| c["subject"].as_str().unwrap().to_owned())
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(found("BONNET").await, vec!["Piscine"]);
    assert_eq!(found("bulletin").await, vec!["Bulletin"]);
    assert_eq!(found("100%").await, vec!["Bulletin"]);
    assert_eq!(
        found("0%_").await,
        Vec::<String>::new(),
        "% and _ are letters, not wildcards"
    );
    let piscine = inbox(&app, parent)
        .await
        .into_iter()
        .map(|c| c.0)
        .max()
        .unwrap();
    let piscine = piscine.min(
        inbox(&app, parent)
            .await
            .into_iter()
            .map(|c| c.0)
            .min()
            .unwrap(),
    );
    let archived = app
        .call(
            parent,
            "archive_conversation",
            &[("id", &piscine.to_string()), ("archived", "true")],
        )
        .await;
    assert_eq!(next_page(&archived), "/messages");
    assert_eq!(inbox(&app, parent).await.len(), 1);
    let archive = view(&app, parent, "inbox", &[("archived", "true")]).await;
    assert_eq!(archive["conversations"].as_array().unwrap().len(), 1);
    // Another family's conversation cannot be archived by id.
    let stranger = app.settled_parent_of(MARIE, MARIE_LETTER).await;
    let refused = app
        .call(
            &stranger,
            "archive_conversation",
            &[("id", &piscine.to_string()), ("archived", "true")],
        )
        .await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    // The teacher writes again: back in the inbox.
    let again = [
        ("conversation", piscine.to_string()),
        ("body", "Et un essuie.".to_owned()),
    ];
    let again: Vec<(&str, &str)> = again.iter().map(|(k, v)| (*k, v.as_str())).collect();
    post(&app, &callers.teacher_here, "staff_reply", &again, &[]).await;
    assert_eq!(inbox(&app, parent).await.len(), 2);
}

#[tokio::test]
async fn every_message_form_refuses_a_browser_without_a_session() {
    let app = spawn_app().await;
    let form = [
        ("conversation", "1"),
        ("recipient", "admins"),
        ("audience", "ecole"),
        ("subject", "Bonjour"),
        ("body", "Bonjour"),
    ];
    for function in crate::security::MULTIPART {
        let answer = post(
            &app,
            &browser(),
            function,
            &form,
            &[("a.pdf", PDF, "application/pdf")],
        )
        .await;
        assert_eq!(answer.status(), StatusCode::UNAUTHORIZED, "{function}");
    }
}

#[tokio::test]
async fn both_parents_share_one_conversation_only_when_the_school_chooses_it() {
    let app = spawn_app().await;
    let callers = school_with_staff(&app).await;
    let (teacher, mother) = (&callers.teacher_here, &callers.parent);
    let father = father(&app).await;
    let sent = post(
        &app,
        teacher,
        "staff_send_message",
        &[
            ("audience", "classe:3B"),
            ("subject", "Réunion de parents"),
            ("body", "Mardi à 18 h."),
            ("together", "1"),
        ],
        &[],
    )
    .await;
    assert_eq!(next_page(&sent), "/ecole/messages?envoyes=1&sans-parent=0");
    let (mothers, fathers) = (inbox(&app, mother).await, inbox(&app, &father).await);
    assert_eq!(mothers.len(), 1);
    assert_eq!(mothers[0].0, fathers[0].0, "one conversation for both");
    let id = mothers[0].0.to_string();
    let reply = post(
        &app,
        mother,
        "reply",
        &[
            ("conversation", &id),
            ("body", "Nous serons là tous les deux."),
        ],
        &[],
    )
    .await;
    assert_eq!(next_page(&reply), format!("/messages/{id}#dernier"));
    // The father reads her reply, and sees whom he shares the conversation with.
    let read = view(&app, &father, "conversation", &[("id", &id)]).await;
    let messages = read["messages"].as_array().unwrap();
    assert_eq!(messages.len(), 2);
    assert!(
        messages[1]["html"]
            .as_str()
            .unwrap()
            .contains("Nous serons là tous les deux.")
    );
    let with = read["with"].as_str().unwrap();
    assert!(with.contains("Antoinette"), "{with}");
    // The teacher sees both parents' receipts on her message.
    let hers = view(&app, teacher, "staff_conversation", &[("id", &id)]).await;
    let readers = hers["messages"][0]["read_by"].as_array().unwrap().len();
    assert_eq!(readers, 2);
}
