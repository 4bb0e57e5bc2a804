//! Surveys over HTTP: staff write one for a class (a teacher only her own), the class's parents
//! are told and answer once per child, other families neither see nor answer it whatever ids they
//! send; results and the CSV count each answer; a reminder reaches only those who have not
//! answered; a closed survey takes no answer.
use crate::helpers::*;
use crate::staff::{Callers, school_with_staff};
use reqwest::StatusCode;

/// The closing time half an hour after the server's clock (sessions of the tests end after an
/// hour unused), as the form sends it (Brussels).
fn soon(app: &TestApp) -> String {
    let at = cartable::server::clock::brussels(app.clock.now() + chrono::Duration::minutes(30));
    at.format("%Y-%m-%dT%H:%M").to_string()
}

/// A survey for 3B: a single choice, several choices, a short text.
async fn christmas_meal(app: &TestApp, staff: &Browser, class: &str) -> reqwest::Response {
    let closes = soon(app);
    let form = [
        ("title", "Repas de Noël"),
        ("closes_at", closes.as_str()),
        ("classes[0]", class),
        ("questions[0][prompt]", "Quel menu ?"),
        ("questions[0][kind]", "single"),
        ("questions[0][choices]", "Viande\nPoisson\nVégétarien"),
        ("questions[1][prompt]", "Quels jours ?"),
        ("questions[1][kind]", "multiple"),
        ("questions[1][choices]", "Lundi\nMardi"),
        ("questions[2][prompt]", "Allergies ?"),
        ("questions[2][kind]", "text"),
        ("questions[3][prompt]", ""),
    ];
    app.call(staff, "staff_create_survey", &form).await
}

#[tokio::test]
async fn a_class_answers_a_survey_once_per_child_and_staff_read_the_results() {
    let app = spawn_app().await;
    let callers = school_with_staff(&app).await;
    let Callers {
        admin_here,
        admin_other,
        teacher_here,
        teacher_other,
        parent: mother,
        ..
    } = &callers;
    let marie_parent = app.settled_parent_of(MARIE, MARIE_LETTER).await;
    let father = crate::messages::father(&app).await;
    // A teacher writes only to her classes.
    let refused = christmas_meal(&app, teacher_other, "3B").await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    let created = christmas_meal(&app, teacher_here, "3B").await;
    let results_page = next_page(&created);
    assert!(
        results_page.starts_with("/ecole/enquetes/"),
        "{results_page}"
    );
    let id = results_page.rsplit('/').next().unwrap().to_owned();

    // Albert's mother is told and sees it; Marie's parent (4A) does not, whatever id is sent.
    let notes = view(&app, mother, "notifications", &[]).await.to_string();
    assert!(notes.contains("Enquête : Repas de Noël"), "{notes}");
    let hers = view(&app, mother, "surveys", &[]).await;
    assert_eq!(hers["surveys"].as_array().unwrap().len(), 1);
    assert!(
        view(&app, &marie_parent, "surveys", &[]).await["surveys"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    let albert = app.student_id(ALBERT).await.to_string();
    let marie = app.student_id(MARIE).await.to_string();
    // The notification's link names no child: the survey opens for the child it is meant for.
    let from_link = view(&app, mother, "survey", &[("id", &id), ("child", "0")]).await;
    assert_eq!(from_link["child_id"].to_string(), albert);
    for (who, child) in [
        (&marie_parent, &albert),
        (&marie_parent, &marie),
        (mother, &marie),
    ] {
        let answer = app
            .call(who, "survey", &[("id", &id), ("child", child)])
            .await;
        assert_eq!(answer.status(), StatusCode::FORBIDDEN);
        let answer = app
            .call(
                who,
                "answer_survey",
                &[("survey", &id), ("child", child), ("answers[q0]", "0")],
            )
            .await;
        assert_eq!(answer.status(), StatusCode::FORBIDDEN);
    }

    // Unanswered questions are refused under each, what was chosen kept.
    let partial = [
        ("survey", id.as_str()),
        ("child", albert.as_str()),
        ("answers[q0]", "7"),
        ("answers[q1_1]", "1"),
    ];
    let (status, body) = error(app.call(mother, "answer_survey", &partial).await).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let fields: Vec<String> = field_errors(&body).into_iter().map(|(f, _)| f).collect();
    assert_eq!(fields, ["q0", "q2"]);
    let answers = [
        ("survey", id.as_str()),
        ("child", albert.as_str()),
        ("answers[q0]", "1"),
        ("answers[q1_0]", "0"),
        ("answers[q1_1]", "1"),
        ("answers[q2]", "=SOMME(A1:A9) arachides"),
    ];
    let answered = app.call(mother, "answer_survey", &answers).await;
    assert_eq!(
        next_page(&answered),
        format!("/enquetes/{id}?enfant={albert}")
    );
    let (status, body) = error(app.call(mother, "answer_survey", &answers).await).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(body.to_string().contains("déjà répondu"), "{body}");
    let mine = view(&app, mother, "survey", &[("id", &id), ("child", &albert)]).await;
    assert_eq!(mine["questions"][0]["answer"], "Poisson");
    assert_eq!(mine["questions"][1]["answer"], "Lundi; Mardi");

    // The results: counted per choice, the text kept; the CSV is a file that runs no formula.
    for outsider in [teacher_other, admin_other] {
        let refused = app.call(outsider, "staff_survey", &[("id", &id)]).await;
        assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    }
    let results = view(&app, admin_here, "staff_survey", &[("id", &id)]).await;
    assert_eq!(
        results["questions"][0]["counts"][1],
        serde_json::json!(["Poisson", 1])
    );
    assert_eq!(
        results["questions"][2]["texts"][0],
        "=SOMME(A1:A9) arachides"
    );
    assert_eq!(results["responses"].as_array().unwrap().len(), 1);
    let csv = app
        .get(teacher_here, &format!("/ecole/enquetes/{id}/reponses.csv"))
        .await;
    assert_eq!(csv.status(), StatusCode::OK);
    assert!(
        csv.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .starts_with("attachment;")
    );
    let csv = csv.text().await.unwrap();
    assert!(
        csv.contains("Poisson") && csv.contains("Lundi; Mardi"),
        "{csv}"
    );
    assert!(csv.contains("'=SOMME"), "{csv}");
    let other_csv = app
        .get(teacher_other, &format!("/ecole/enquetes/{id}/reponses.csv"))
        .await;
    assert_eq!(other_csv.status(), StatusCode::NOT_FOUND);

    // A reminder goes to the families with no answer yet: Albert's has one.
    let reminded = app
        .call(teacher_here, "staff_remind_survey", &[("id", &id)])
        .await;
    assert_eq!(
        next_page(&reminded),
        format!("/ecole/enquetes/{id}?rappel=0")
    );
    // Closed: the father's late answer is refused.
    app.clock.advance(chrono::Duration::minutes(40));
    let late = [
        ("survey", id.as_str()),
        ("child", albert.as_str()),
        ("answers[q0]", "0"),
        ("answers[q1_0]", "0"),
        ("answers[q2]", "Aucune"),
    ];
    let (status, body) = error(app.call(&father, "answer_survey", &late).await).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(body.to_string().contains("close"), "{body}");
    let closed = view(&app, mother, "survey", &[("id", &id), ("child", &albert)]).await;
    assert_eq!(closed["open"], false);
    let kinds = app.audit_kinds().await;
    assert!(kinds.contains(&"survey_published".to_owned()), "{kinds:?}");
    // The mother's answers are in her data; erased, they stay the school's results, nameless.
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
    assert_eq!(export.survey_answers.len(), 1);
    personal_data::erase(&app.db, &account).await.unwrap();
    let kept = view(&app, admin_here, "staff_survey", &[("id", &id)]).await;
    assert_eq!(kept["responses"][0]["parent"], "");
    let removed = app
        .call(teacher_here, "staff_remove_survey", &[("id", &id)])
        .await;
    assert_eq!(next_page(&removed), "/ecole/enquetes");
    assert!(
        view(&app, &father, "surveys", &[]).await["surveys"]
            .as_array()
            .unwrap()
            .is_empty()
    );
}

#[tokio::test]
async fn a_refused_survey_says_why_under_each_field() {
    let app = spawn_app().await;
    let callers = school_with_staff(&app).await;
    let form = [
        ("title", " "),
        ("closes_at", "2020-01-01T10:00"),
        ("questions[0][prompt]", "Quel menu ?"),
        ("questions[0][kind]", "single"),
        ("questions[0][choices]", "Viande"),
    ];
    let (status, body) = error(
        app.call(&callers.admin_here, "staff_create_survey", &form)
            .await,
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let fields: Vec<String> = field_errors(&body).into_iter().map(|(f, _)| f).collect();
    assert_eq!(fields, ["title", "closes_at", "prompt_0"]);
    assert!(
        body.to_string().contains("Viande"),
        "what was typed comes back: {body}"
    );
    let listed = view(&app, &callers.admin_here, "staff_surveys", &[]).await;
    assert!(listed["surveys"].as_array().unwrap().is_empty());
}

#[tokio::test]
async fn a_survey_reminds_the_families_without_an_answer_a_day_before_it_closes() {
    use cartable::server::entities::notification;
    use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
    let app = spawn_app().await;
    let callers = school_with_staff(&app).await;
    let closes = cartable::server::clock::brussels(app.clock.now() + chrono::Duration::days(3));
    let closes = closes.format("%Y-%m-%dT%H:%M").to_string();
    let form = [
        ("title", "Sortie au musée"),
        ("closes_at", closes.as_str()),
        ("classes[0]", "3B"),
        ("questions[0][prompt]", "Participera ?"),
        ("questions[0][kind]", "single"),
        ("questions[0][choices]", "Oui\nNon"),
    ];
    let created = app
        .call(&callers.teacher_here, "staff_create_survey", &form)
        .await;
    assert!(next_page(&created).starts_with("/ecole/enquetes/"));
    let told = || async {
        notification::Entity::find()
            .filter(notification::Column::Kind.eq("survey"))
            .count(&app.db)
            .await
            .unwrap()
    };
    // Announced to Albert's mother; two days later, nothing more.
    assert_eq!(told().await, 1);
    app.clock.advance(chrono::Duration::days(1));
    tokio::time::sleep(std::time::Duration::from_millis(2500)).await;
    assert_eq!(told().await, 1);
    // A day before it closes, the outbox worker reminds her, once.
    app.clock.advance(chrono::Duration::hours(25));
    let mut waited = 0;
    while told().await < 2 && waited < 50 {
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
        waited += 1;
    }
    assert_eq!(told().await, 2);
    tokio::time::sleep(std::time::Duration::from_millis(2500)).await;
    assert_eq!(told().await, 2);
}
