//! Absences over HTTP: a parent reports one with a certificate; both parents of the child see it
//! (neither reads the other's name), other families see nothing; the child's teacher and the
//! school's administrators see and acknowledge it, a teacher of another class and another school
//! do not; a refused report says why under each field and stores nothing; whatever ids are sent.
use crate::helpers::*;
use crate::messages::{PDF, father, post};
use crate::staff::{Callers, school_with_staff};
use reqwest::{Response, StatusCode};
use serde_json::Value;

fn absences(view: &Value) -> Vec<Value> {
    view["absences"].as_array().unwrap().clone()
}

/// Reports an absence of `child` the way the page posts it.
async fn report(
    app: &TestApp,
    parent: &Browser,
    child: i32,
    fields: &[(&str, &str)],
    files: &[(&str, &[u8], &str)],
) -> Response {
    let child = child.to_string();
    let mut form = vec![("child", child.as_str())];
    form.extend_from_slice(fields);
    post(app, parent, "report_absence", &form, files).await
}

fn day(app: &TestApp, from_today: i64) -> String {
    (app.clock.today() + chrono::Duration::days(from_today)).to_string()
}

#[tokio::test]
async fn both_parents_see_a_childs_absence_and_only_the_childs_school_acknowledges_it() {
    let app = spawn_app().await;
    let callers = school_with_staff(&app).await;
    let Callers {
        admin_here,
        admin_other,
        teacher_here,
        teacher_other,
        parent: mother,
        nobody,
        ..
    } = &callers;
    let father = father(&app).await;
    let marie_parent = app.settled_parent_of(MARIE, MARIE_LETTER).await;
    let albert = app.student_id(ALBERT).await;
    let tomorrow = day(&app, 1);
    let reported = report(
        &app,
        mother,
        albert,
        &[
            ("span", "morning"),
            ("first_day", &tomorrow),
            ("last_day", ""),
            ("reason", "Rendez-vous chez le dentiste"),
        ],
        &[("certificat.pdf", PDF, "application/pdf")],
    )
    .await;
    assert_eq!(next_page(&reported), "/absences?signalee=1");

    // The mother sees it as hers, with its certificate.
    let hers = absences(&view(&app, mother, "absences", &[]).await);
    assert_eq!(hers.len(), 1);
    assert_eq!(hers[0]["reason"], "Rendez-vous chez le dentiste");
    assert!(hers[0]["days"].as_str().unwrap().ends_with("(Le matin)"));
    assert!(hers[0]["reported"].as_str().unwrap().ends_with("par vous"));
    assert!(hers[0]["acknowledged"].is_null());
    let certificate = hers[0]["certificate"].as_str().unwrap().to_owned();
    let id = hers[0]["id"].to_string();
    // The father sees the same absence, without her name; he may fetch the certificate.
    let his = absences(&view(&app, &father, "absences", &[]).await);
    assert_eq!(his.len(), 1);
    assert_eq!(his[0]["id"], hers[0]["id"]);
    let reported_by = his[0]["reported"].as_str().unwrap();
    assert!(reported_by.ends_with("par un autre parent de l'enfant"));
    assert!(!his[0].to_string().contains("Antoinette"));
    for reader in [mother, &father, admin_here, teacher_here] {
        let fetched = app.get(reader, &certificate).await;
        assert_eq!(fetched.status(), StatusCode::OK);
        let disposition = fetched.headers()["content-disposition"].to_str().unwrap();
        assert!(disposition.starts_with("attachment;"), "{disposition}");
        assert_eq!(fetched.headers()["x-content-type-options"], "nosniff");
        assert_eq!(fetched.bytes().await.unwrap(), PDF);
    }
    // Another family, another class's teacher, another school: nothing, whatever id is sent.
    assert!(absences(&view(&app, &marie_parent, "absences", &[]).await).is_empty());
    for outsider in [&marie_parent, teacher_other, admin_other, nobody] {
        let fetched = app.get(outsider, &certificate).await;
        assert_eq!(fetched.status(), StatusCode::NOT_FOUND);
    }
    let seen = |view: &Value| absences(view).len();
    assert_eq!(
        seen(&view(&app, admin_here, "staff_absences", &[]).await),
        1
    );
    assert_eq!(
        seen(&view(&app, teacher_here, "staff_absences", &[]).await),
        1
    );
    assert_eq!(
        seen(&view(&app, teacher_other, "staff_absences", &[]).await),
        0
    );
    assert_eq!(
        seen(&view(&app, admin_other, "staff_absences", &[]).await),
        0
    );
    let staff_home = view(&app, teacher_here, "staff_home", &[]).await;
    assert_eq!(staff_home["pending_absences"], 1);
    // The school sees who reported it.
    let listed = absences(&view(&app, admin_here, "staff_absences", &[]).await);
    assert!(
        listed[0]["reported"]
            .as_str()
            .unwrap()
            .contains("Antoinette")
    );
    assert_eq!(listed[0]["class"], "3B");

    let acknowledge = [("id", id.as_str())];
    for (refused, status) in [
        (teacher_other, StatusCode::FORBIDDEN),
        (admin_other, StatusCode::FORBIDDEN),
        (mother, StatusCode::UNAUTHORIZED),
        (nobody, StatusCode::UNAUTHORIZED),
    ] {
        let answer = app
            .call(refused, "staff_acknowledge_absence", &acknowledge)
            .await;
        assert_eq!(answer.status(), status);
    }
    assert!(absences(&view(&app, mother, "absences", &[]).await)[0]["acknowledged"].is_null());
    let done = app
        .call(teacher_here, "staff_acknowledge_absence", &acknowledge)
        .await;
    assert_eq!(next_page(&done), "/ecole/absences");
    // Both parents read that the school saw it; the school's list of those to see is empty.
    for parent in [mother, &father] {
        let theirs = absences(&view(&app, parent, "absences", &[]).await);
        let acknowledged = theirs[0]["acknowledged"].as_str().unwrap();
        assert!(
            acknowledged.starts_with("Vue par l'école le"),
            "{acknowledged}"
        );
    }
    assert_eq!(
        seen(&view(&app, admin_here, "staff_absences", &[]).await),
        0
    );
    let all = absences(&view(&app, admin_here, "staff_absences", &[("all", "true")]).await);
    let acknowledged = all[0]["acknowledged"].as_str().unwrap();
    assert!(
        acknowledged.starts_with("Vue par Prénom trois"),
        "{acknowledged}"
    );
    assert!(
        app.audit_kinds()
            .await
            .contains(&"absence_acknowledged".to_owned())
    );

    // The mother's data holds her report; once her account is erased, the absence stays the
    // child's, without her name.
    use cartable::server::{entities::parent_account, personal_data};
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let account = parent_account::Entity::find()
        .filter(parent_account::Column::Email.eq("antoinette.dupond@example.be"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let export = personal_data::export(&app.db, &account, app.clock.now())
        .await
        .unwrap();
    assert_eq!(export.absences_reported.len(), 1);
    personal_data::erase(&app.db, &account).await.unwrap();
    assert_eq!(
        absences(&view(&app, &father, "absences", &[]).await).len(),
        1
    );
    let kept = absences(&view(&app, admin_here, "staff_absences", &[("all", "true")]).await);
    let reported = kept[0]["reported"].as_str().unwrap();
    assert!(
        reported.ends_with("un parent dont le compte a été supprimé"),
        "{reported}"
    );
}

#[tokio::test]
async fn a_refused_report_says_why_under_each_field_and_stores_nothing() {
    let app = spawn_app().await;
    let mother = app.settled_parent().await;
    let albert = app.student_id(ALBERT).await;
    let (first, before) = (day(&app, 3), day(&app, 2));
    let refused = report(
        &app,
        &mother,
        albert,
        &[
            ("span", "period"),
            ("first_day", &first),
            ("last_day", &before),
            ("reason", "   "),
        ],
        // A page saved as .pdf is still a page.
        &[(
            "certificat.pdf",
            b"<html><script>x</script>",
            "application/pdf",
        )],
    )
    .await;
    let (status, body) = error(refused).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let fields: Vec<String> = field_errors(&body).into_iter().map(|(f, _)| f).collect();
    assert_eq!(fields, ["last_day", "reason", "files"]);
    assert_eq!(
        field_message(&body, "last_day"),
        "Le dernier jour vient après le premier."
    );
    // What was typed comes back to its fields.
    assert!(body.to_string().contains(&before), "{body}");
    let too_old = report(
        &app,
        &mother,
        albert,
        &[
            ("span", "day"),
            ("first_day", &day(&app, -40)),
            ("reason", "Grippe"),
        ],
        &[],
    )
    .await;
    let (status, body) = error(too_old).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(field_errors(&body)[0].0, "first_day");
    // A child of another family, or a child id that is no child: refused, nothing stored.
    let marie = app.student_id(MARIE).await;
    for child in [marie, 999_999] {
        let answer = report(
            &app,
            &mother,
            child,
            &[
                ("span", "day"),
                ("first_day", &day(&app, 0)),
                ("reason", "Grippe"),
            ],
            &[],
        )
        .await;
        assert_eq!(answer.status(), StatusCode::FORBIDDEN);
    }
    assert!(absences(&view(&app, &mother, "absences", &[]).await).is_empty());
    let stored: Option<i64> = {
        use sea_orm::{ConnectionTrait, Statement};
        let row = app
            .db
            .query_one_raw(Statement::from_string(
                app.db.get_database_backend(),
                "SELECT COUNT(*) AS n FROM absences",
            ))
            .await
            .unwrap()
            .unwrap();
        row.try_get("", "n").ok()
    };
    assert_eq!(stored, Some(0));
}

#[tokio::test]
async fn a_parent_withdraws_their_own_report_until_the_school_has_seen_it() {
    let app = spawn_app().await;
    let callers = school_with_staff(&app).await;
    let mother = &callers.parent;
    let father = father(&app).await;
    let albert = app.student_id(ALBERT).await;
    let tomorrow = day(&app, 1);
    for reason in ["Dentiste", "Grippe"] {
        let fields = [
            ("span", "day"),
            ("first_day", tomorrow.as_str()),
            ("reason", reason),
        ];
        let file = [("certificat.pdf", PDF, "application/pdf")];
        let reported = report(&app, mother, albert, &fields, &file).await;
        assert_eq!(next_page(&reported), "/absences?signalee=1");
    }
    let hers = absences(&view(&app, mother, "absences", &[]).await);
    let (flu, dentist) = (&hers[0], &hers[1]);
    assert_eq!(
        (flu["reason"].as_str(), flu["withdrawable"].as_bool()),
        (Some("Grippe"), Some(true))
    );
    let dentist_id = dentist["id"].to_string();
    let certificate = dentist["certificate"].as_str().unwrap().to_owned();
    // The father sees it but may not withdraw it; nor may another family.
    let his = absences(&view(&app, &father, "absences", &[]).await);
    assert!(his.iter().all(|a| a["withdrawable"] == false));
    let marie_parent = app.settled_parent_of(MARIE, MARIE_LETTER).await;
    for other in [&father, &marie_parent] {
        let refused = app
            .call(other, "withdraw_absence", &[("id", &dentist_id)])
            .await;
        assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    }
    let withdrawn = app
        .call(mother, "withdraw_absence", &[("id", &dentist_id)])
        .await;
    assert_eq!(next_page(&withdrawn), "/absences?retiree=1");
    assert_eq!(
        absences(&view(&app, mother, "absences", &[]).await).len(),
        1
    );
    assert_eq!(
        app.get(mother, &certificate).await.status(),
        StatusCode::NOT_FOUND
    );
    // Once the school has seen it, it stays.
    let flu_id = flu["id"].to_string();
    let seen = app
        .call(
            &callers.teacher_here,
            "staff_acknowledge_absence",
            &[("id", &flu_id)],
        )
        .await;
    assert_eq!(next_page(&seen), "/ecole/absences");
    let refused = app
        .call(mother, "withdraw_absence", &[("id", &flu_id)])
        .await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    assert_eq!(
        absences(&view(&app, mother, "absences", &[]).await).len(),
        1
    );
}
