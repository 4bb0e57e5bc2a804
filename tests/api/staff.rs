//! The school's side over HTTP: staff sign-in with the second factor (codes computed by an
//! independent RFC 6238 implementation, `totp-lite`), the access matrix of every staff function ×
//! six kinds of caller, the class list's preview and re-import, news for one class, letters.
use crate::helpers::*;
use cartable::domain::contact::EmailAddress;
use cartable::server::{
    courses, platforms,
    staff::{Role, accounts},
};
use reqwest::StatusCode;
use sea_orm::DatabaseConnection;

pub(crate) const SECRET: &str = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
pub(crate) const STAFF_PASSWORD: &str = "la direction veille";

/// The six kinds of caller of the matrix.
pub(crate) struct Callers {
    pub(crate) admin_here: Browser,
    pub(crate) admin_other: Browser,
    pub(crate) teacher_here: Browser,
    pub(crate) teacher_other: Browser,
    pub(crate) parent: Browser,
    pub(crate) nobody: Browser,
    pub(crate) teacher_here_id: i32,
    pub(crate) teacher_other_id: i32,
    /// Albert's course, taught by the teacher of 3B.
    french: i32,
}

pub(crate) async fn add_staff(
    db: &DatabaseConnection,
    platform: &str,
    email: &str,
    role: Role,
    second_factor: bool,
) -> i32 {
    let school = platforms::named(db, platform).await.unwrap();
    let new = accounts::NewStaff {
        first_name: "Prénom".into(),
        last_name: email.split('@').next().unwrap().into(),
        email: EmailAddress::parse(email).unwrap(),
        role,
    };
    let secret = second_factor.then_some(SECRET);
    accounts::add_ready(
        db,
        school.id,
        new,
        STAFF_PASSWORD,
        secret,
        chrono::Utc::now(),
    )
    .await
    .unwrap()
}

/// Albert in 3B and Marie in 4A at the Sainte-Union; Mme Trois teaches Albert's course, M. Quatre
/// Marie's.
pub(crate) async fn school_with_staff(app: &TestApp) -> Callers {
    let db = &app.db;
    app.put_in_class(ALBERT, "3B").await;
    app.put_in_class(MARIE, "4A").await;
    add_staff(
        db,
        "isu-dour",
        "admin@isu-dour.be",
        Role::Administrator,
        true,
    )
    .await;
    add_staff(
        db,
        "ecd-dour",
        "admin@ecd-dour.be",
        Role::Administrator,
        true,
    )
    .await;
    let trois = add_staff(db, "isu-dour", "trois@isu-dour.be", Role::Teacher, false).await;
    let quatre = add_staff(db, "isu-dour", "quatre@isu-dour.be", Role::Teacher, false).await;
    let francais = courses::enrol(db, "isu-dour", ALBERT, "Français", None)
        .await
        .unwrap();
    let maths = courses::enrol(db, "isu-dour", MARIE, "Maths", None)
        .await
        .unwrap();
    accounts::teach(db, trois, francais.id).await.unwrap();
    accounts::teach(db, quatre, maths.id).await.unwrap();
    Callers {
        admin_here: staff_signed_in(app, "admin@isu-dour.be", true).await,
        admin_other: staff_signed_in(app, "admin@ecd-dour.be", true).await,
        teacher_here: staff_signed_in(app, "trois@isu-dour.be", false).await,
        teacher_other: staff_signed_in(app, "quatre@isu-dour.be", false).await,
        parent: app.settled_parent().await,
        nobody: browser(),
        teacher_here_id: trois,
        teacher_other_id: quatre,
        french: francais.id,
    }
}

/// A staff member signed in (with the second factor when they have one).
async fn staff_signed_in(app: &TestApp, email: &str, second_factor: bool) -> Browser {
    let staff = browser();
    let answer = app.sign_in(&staff, email, STAFF_PASSWORD).await;
    if second_factor {
        assert_eq!(next_page(&answer), "/connexion/second-facteur");
        // Each code works once: the clock moves a step on between two sign-ins.
        app.clock.advance(chrono::Duration::seconds(31));
        let code = authenticator_code(app, SECRET, 0);
        let verified = app.call(&staff, "second_factor", &[("code", &code)]).await;
        assert_eq!(next_page(&verified), "/ecole");
    } else {
        assert_eq!(next_page(&answer), "/ecole");
    }
    staff
}

#[tokio::test]
async fn an_administrator_signs_in_with_a_code_that_works_once_or_a_recovery_code() {
    let app = spawn_app().await;
    add_staff(
        &app.db,
        "isu-dour",
        "admin@isu-dour.be",
        Role::Administrator,
        true,
    )
    .await;
    let staff = browser();
    let answer = app
        .sign_in(&staff, "admin@isu-dour.be", STAFF_PASSWORD)
        .await;
    assert_eq!(next_page(&answer), "/connexion/second-facteur");
    // The password alone opens nothing.
    let home = app.call(&staff, "staff_home", &[]).await;
    assert_eq!(home.status(), StatusCode::UNAUTHORIZED);
    let wrong = app
        .call(&staff, "second_factor", &[("code", "000000")])
        .await;
    assert_eq!(wrong.status(), StatusCode::BAD_REQUEST);
    let code = authenticator_code(&app, SECRET, 0);
    let right = app.call(&staff, "second_factor", &[("code", &code)]).await;
    assert_eq!(next_page(&right), "/ecole");
    assert_eq!(
        app.call(&staff, "staff_home", &[]).await.status(),
        StatusCode::OK
    );
    // The same code again, from another browser: refused (RFC 6238 §5.2).
    let other = browser();
    app.sign_in(&other, "admin@isu-dour.be", STAFF_PASSWORD)
        .await;
    let replayed = app.call(&other, "second_factor", &[("code", &code)]).await;
    assert_eq!(replayed.status(), StatusCode::BAD_REQUEST);
    // The next step's code works.
    let next = authenticator_code(&app, SECRET, 1);
    let answer = app.call(&other, "second_factor", &[("code", &next)]).await;
    assert_eq!(next_page(&answer), "/ecole");
    assert!(
        app.audit_kinds()
            .await
            .contains(&"second_factor_failed".to_owned())
    );
}

#[tokio::test]
async fn a_new_administrator_sets_up_the_second_factor_and_a_recovery_code_works_once() {
    let app = spawn_app().await;
    let school = platforms::named(&app.db, "isu-dour").await.unwrap();
    let state_like = add_invited(&app, school.id).await;
    // The mailed link chooses the password.
    let mail = app.mails(1).await.pop().unwrap();
    let token = token_in(&mail);
    let chosen = app
        .call(
            &state_like,
            "staff_choose_password",
            &[
                ("token", &token),
                ("new_password", "un jardin sous la pluie"),
                ("repeat_password", "un jardin sous la pluie"),
            ],
        )
        .await;
    assert_eq!(next_page(&chosen), "/connexion?mot-de-passe=choisi");
    let used_again = app
        .call(
            &state_like,
            "staff_choose_password",
            &[
                ("token", &token),
                ("new_password", "un autre jardin fleuri"),
                ("repeat_password", "un autre jardin fleuri"),
            ],
        )
        .await;
    assert_eq!(used_again.status(), StatusCode::FORBIDDEN);
    // An administrator without a second factor must set one up before anything else.
    let staff = browser();
    let answer = app
        .sign_in(&staff, "nouvelle@isu-dour.be", "un jardin sous la pluie")
        .await;
    assert_eq!(next_page(&answer), "/ecole/securite");
    assert_eq!(
        app.call(&staff, "staff_home", &[]).await.status(),
        StatusCode::UNAUTHORIZED
    );
    let setup: serde_json::Value = app
        .call(&staff, "staff_second_factor_setup", &[])
        .await
        .json()
        .await
        .unwrap();
    let secret: String = setup["secret"].as_str().unwrap().split(' ').collect();
    let codes: Vec<String> = serde_json::from_value(setup["recovery_codes"].clone()).unwrap();
    assert_eq!(codes.len(), 10);
    let code = authenticator_code(&app, &secret, 0);
    let enabled = app
        .call(&staff, "staff_enable_second_factor", &[("code", &code)])
        .await;
    assert_eq!(next_page(&enabled), "/ecole");
    assert_eq!(
        app.call(&staff, "staff_home", &[]).await.status(),
        StatusCode::OK
    );
    // A recovery code, typed loosely, signs in once.
    for (attempt, expected) in [(1, StatusCode::OK), (2, StatusCode::BAD_REQUEST)] {
        let phone_lost = browser();
        app.sign_in(
            &phone_lost,
            "nouvelle@isu-dour.be",
            "un jardin sous la pluie",
        )
        .await;
        let typed = codes[0].to_uppercase().replace('-', " ");
        let answer = app
            .call(&phone_lost, "second_factor", &[("code", &typed)])
            .await;
        let status = if answer.status().is_redirection() {
            StatusCode::OK
        } else {
            answer.status()
        };
        assert_eq!(status, expected, "attempt {attempt}");
    }
}

/// An administrator invited by the command line's service: the welcome mail holds the link.
async fn add_invited(app: &TestApp, _platform_id: i32) -> Browser {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_cartable"))
        .args([
            "staff",
            "add",
            "--platform",
            "isu-dour",
            "--first-name",
            "Nina",
            "--last-name",
            "Nouvelle",
            "--email",
            "nouvelle@isu-dour.be",
            "--role",
            "admin",
        ])
        .env("DATABASE_URL", app.database_url().await)
        .env("CARTABLE_DATA_DIR", app.outbox.parent().unwrap())
        .env("CARTABLE_PUBLIC_URL", PUBLIC_URL)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(String::from_utf8_lossy(&output.stdout).contains("/ecole/mot-de-passe?jeton="));
    browser()
}

/// An application added to the school's list by its administrator, and its id.
async fn school_application(app: &TestApp, admin: &Browser) -> i64 {
    let form = [
        ("application_name", "Séjour pédagogique"),
        ("application_url", "https://sejour.example/inscription"),
    ];
    let added = app.call(admin, "staff_add_application", &form).await;
    assert_eq!(next_page(&added), "/ecole/etablissement");
    let school: serde_json::Value = app
        .call(admin, "staff_school", &[])
        .await
        .json()
        .await
        .unwrap();
    school["applications"][0]["id"].as_i64().unwrap()
}

/// The expected answer of a staff function for each caller, in the order of [`Callers`].
type Row<'a> = (&'a str, Vec<(&'a str, String)>, [u16; 6]);

async fn status_of(app: &TestApp, who: &Browser, name: &str, form: &[(&str, String)]) -> u16 {
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let status = app.call(who, name, &form).await.status();
    // A server function that went on to another page answered with a redirect: it was allowed.
    if status.is_redirection() {
        200
    } else {
        status.as_u16()
    }
}

#[tokio::test]
async fn every_staff_function_reaches_only_its_school_and_role() {
    let app = spawn_app().await;
    let callers = school_with_staff(&app).await;
    let albert = app.student_id(ALBERT).await.to_string();
    let marie = app.student_id(MARIE).await.to_string();
    let leon = app.student_id(LEON).await.to_string();
    // The staff member the administrators' functions act on, and whom suspension signs out.
    add_staff(
        &app.db,
        "isu-dour",
        "cinq@isu-dour.be",
        Role::Teacher,
        false,
    )
    .await;
    let cinq = staff_signed_in(&app, "cinq@isu-dour.be", false).await;
    let target = app
        .call(&callers.admin_here, "staff_team", &[])
        .await
        .json::<serde_json::Value>()
        .await
        .unwrap()["members"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["email"] == "cinq@isu-dour.be")
        .unwrap()["id"]
        .to_string();
    let _ = callers.teacher_here_id;
    let news_3b = staff_news(&app, &callers.admin_here, "3B").await;
    let (french, other_teacher) = (
        callers.french.to_string(),
        callers.teacher_other_id.to_string(),
    );
    let application = school_application(&app, &callers.admin_here)
        .await
        .to_string();
    let s = |v: &str| v.to_owned();
    // admin here, admin of another school, teacher of 3B, teacher of 4A, parent, nobody.
    let rows: Vec<Row> = vec![
        ("staff_home", vec![], [200, 200, 200, 200, 401, 401]),
        ("staff_students", vec![], [200, 200, 200, 200, 401, 401]),
        (
            "staff_student",
            vec![("id", albert.clone())],
            [200, 403, 200, 403, 401, 401],
        ),
        (
            "staff_student",
            vec![("id", leon.clone())],
            [403, 200, 403, 403, 401, 401],
        ),
        ("staff_news", vec![], [200, 200, 200, 200, 401, 401]),
        ("staff_calendar", vec![], [200, 200, 200, 200, 401, 401]),
        ("staff_team", vec![], [200, 200, 403, 403, 401, 401]),
        ("staff_journal", vec![], [200, 200, 403, 403, 401, 401]),
        (
            "staff_import_preview",
            vec![],
            [200, 200, 403, 403, 401, 401],
        ),
        (
            "staff_stage_import",
            vec![("list", s("Zoé;Neuve;3B"))],
            [200, 200, 403, 403, 401, 401],
        ),
        (
            "staff_add_student",
            vec![("first_name", s("Léa")), ("last_name", s("Matrice"))],
            [200, 200, 403, 403, 401, 401],
        ),
        (
            "staff_publish_news",
            // The other school has no class 3B: it is told so under the boxes (400).
            vec![
                ("title", s("Sortie")),
                ("body", s("Texte")),
                ("classes[0]", s("3B")),
            ],
            [200, 400, 200, 403, 401, 401],
        ),
        (
            "staff_publish_news",
            // A teacher is told to tick their own classes (a message under the boxes).
            vec![("title", s("Pour tous")), ("body", s("Texte"))],
            [200, 200, 400, 400, 401, 401],
        ),
        (
            "staff_add_event",
            vec![
                ("title", s("Réunion")),
                ("starts", s("2026-12-18T19:00")),
                ("classes[0]", s("4A")),
            ],
            [200, 400, 403, 200, 401, 401],
        ),
        // The teacher of 3B removes the 3B item; the administrator, asking after, finds it gone.
        (
            "staff_remove_news",
            vec![("id", news_3b.to_string())],
            [403, 403, 200, 403, 401, 401],
        ),
        (
            "staff_add_member",
            vec![
                ("first_name", s("Paul")),
                ("last_name", s("Intrus")),
                ("email", s("intrus@example.test")),
                ("role", s("admin")),
            ],
            [200, 200, 403, 403, 401, 401],
        ),
        (
            "staff_suspend_member",
            vec![("id", target.clone()), ("suspended", s("1"))],
            [200, 403, 403, 403, 401, 401],
        ),
        (
            "staff_suspend_member",
            vec![("id", target.clone()), ("suspended", s("0"))],
            [200, 403, 403, 403, 401, 401],
        ),
        (
            "staff_remove_student",
            vec![("id", marie.clone())],
            [200, 403, 403, 403, 401, 401],
        ),
        (
            "staff_reset_second_factor",
            vec![("id", target.clone())],
            [200, 403, 403, 403, 401, 401],
        ),
        (
            "staff_remove_member",
            vec![("id", target.clone())],
            [200, 403, 403, 403, 401, 401],
        ),
        // Only its own staff may open a session in the other school.
        (
            "staff_switch_school",
            vec![("school", s("2"))],
            [403, 200, 403, 403, 401, 401],
        ),
        ("staff_courses", vec![], [200, 200, 200, 200, 401, 401]),
        (
            "staff_add_course",
            vec![("name", s("Latin"))],
            [200, 200, 403, 403, 401, 401],
        ),
        ("staff_terms", vec![], [200, 200, 403, 403, 401, 401]),
        (
            "staff_publish_terms",
            vec![("text", s("Nouvelles conditions."))],
            [200, 200, 403, 403, 401, 401],
        ),
        ("staff_school", vec![], [200, 200, 403, 403, 401, 401]),
        // Each administrator edits their own school: there is no id to send.
        (
            "staff_save_school",
            vec![
                ("name", s("Institut La Sainte-Union")),
                ("admins", s("direction@isu-dour.be")),
            ],
            [200, 200, 403, 403, 401, 401],
        ),
        // Each administrator lists their own school's applications; the other's id is refused.
        (
            "staff_add_application",
            vec![
                ("application_name", s("Cantine")),
                ("application_url", s("https://cantine.example")),
            ],
            [200, 200, 403, 403, 401, 401],
        ),
        (
            "staff_remove_application",
            vec![("id", application.clone())],
            [200, 403, 403, 403, 401, 401],
        ),
        ("staff_remove_logo", vec![], [200, 200, 403, 403, 401, 401]),
        // Albert's first parent: named by the student and the slot, never by an account's id.
        (
            "staff_reset_parent_second_factor",
            vec![("student", albert.clone()), ("parent_slot", s("1"))],
            [200, 403, 403, 403, 401, 401],
        ),
        // Last: they change which classes the teachers reach.
        (
            "staff_enrol_class",
            vec![("course", french.clone()), ("class", s("4A"))],
            [200, 403, 403, 403, 401, 401],
        ),
        (
            "staff_assign_teacher",
            vec![("course", french.clone()), ("staff", other_teacher.clone())],
            [200, 403, 403, 403, 401, 401],
        ),
    ];
    let who = [
        &callers.admin_here,
        &callers.admin_other,
        &callers.teacher_here,
        &callers.teacher_other,
        &callers.parent,
        &callers.nobody,
    ];
    let mut wrong = Vec::new();
    for (name, form, expected) in &rows {
        // The administrator here asks last: a removal it is allowed would change the others'
        // answers.
        for (caller, expected) in who.iter().zip(expected).rev() {
            let status = status_of(&app, caller, name, form).await;
            if status != *expected {
                wrong.push(format!(
                    "{name} {form:?}: expected {expected}, got {status}"
                ));
            }
        }
        if *name == "staff_suspend_member" && form[1].1 == "1" {
            // A suspension ends the member's sessions at once.
            let after = app.call(&cinq, "staff_home", &[]).await;
            assert_eq!(after.status(), StatusCode::UNAUTHORIZED);
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    // Every staff write allowed above is in the journal.
    let kinds = app.audit_kinds().await;
    for kind in [
        "student_added",
        "news_published",
        "news_removed",
        "event_added",
        "staff_added",
        "staff_suspended",
        "staff_restored",
        "second_factor_reset",
        "student_removed",
        "staff_removed",
        "course_changed",
        "terms_published",
        "school_changed",
    ] {
        assert!(
            kinds.contains(&kind.to_owned()),
            "{kind} not in the journal: {kinds:?}"
        );
    }
    // The other school's administrator sees only their own staff.
    let theirs: serde_json::Value = app
        .call(&callers.admin_other, "staff_team", &[])
        .await
        .json()
        .await
        .unwrap();
    assert!(!theirs.to_string().contains("isu-dour.be"), "{theirs}");
    // Letters and the journal's CSV: outside server functions, the same rules.
    for (who, expected, expected_csv) in [
        (&callers.admin_here, 200, 200),
        (&callers.admin_other, 403, 200),
        (&callers.teacher_other, 403, 403),
    ] {
        let printed = who
            .post(format!("{}/ecole/lettres", app.address))
            .header("Origin", &app.address)
            .form(&[("eleve", albert.as_str())])
            .send()
            .await
            .unwrap();
        assert_eq!(printed.status().as_u16(), expected);
        let csv = app.get(who, "/ecole/journal.csv").await;
        assert_eq!(csv.status().as_u16(), expected_csv);
        if expected_csv == 200 {
            let text = csv.text().await.unwrap();
            let own = text.contains("admin@isu-dour.be");
            // Each administrator reads their own school's journal only.
            assert_eq!(own, std::ptr::eq(who, &callers.admin_here), "{text}");
        }
    }
    let nobody = app.get(&callers.nobody, "/ecole/journal.csv").await;
    assert!(nobody.status().is_redirection());
}

/// Publishes a news item for one class as `admin`; returns its id.
async fn staff_news(app: &TestApp, admin: &Browser, class: &str) -> i32 {
    let key = "classes[0]".to_owned();
    let title = format!("Pour la {class}");
    let answer = app
        .call(
            admin,
            "staff_publish_news",
            &[
                ("title", title.as_str()),
                ("body", "Texte"),
                (key.as_str(), class),
            ],
        )
        .await;
    next_page(&answer);
    let list: serde_json::Value = app
        .call(admin, "staff_news", &[])
        .await
        .json()
        .await
        .unwrap();
    list["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["title"] == title.as_str())
        .unwrap()["id"]
        .as_i64()
        .unwrap() as i32
}

#[tokio::test]
async fn news_for_a_class_reaches_its_parents_only() {
    let app = spawn_app().await;
    let callers = school_with_staff(&app).await;
    staff_news(&app, &callers.teacher_here, "3B").await;
    let albert_parent = callers.parent; // settled on Albert (3B)
    let marie_parent = app.settled_parent_of(MARIE, MARIE_LETTER).await;
    let titles = |v: serde_json::Value| -> Vec<String> {
        v["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["title"].as_str().unwrap().to_owned())
            .collect()
    };
    let seen_3b = titles(
        app.call(&albert_parent, "news", &[])
            .await
            .json()
            .await
            .unwrap(),
    );
    let seen_4a = titles(
        app.call(&marie_parent, "news", &[])
            .await
            .json()
            .await
            .unwrap(),
    );
    assert!(seen_3b.contains(&"Pour la 3B".to_owned()), "{seen_3b:?}");
    assert!(!seen_4a.contains(&"Pour la 3B".to_owned()), "{seen_4a:?}");
}

#[tokio::test]
async fn a_class_list_imported_twice_creates_each_student_once() {
    let app = spawn_app().await;
    let callers = school_with_staff(&app).await;
    let admin = &callers.admin_here;
    let list = "Prénom;Nom;Classe\nZoé;Lemaire;3B\nZoé;Lemaire;3B\nAlbert;Durant;4B\nMarie;Durant;4B\nHugo;Petit;3B\n";
    let staged = app
        .call(admin, "staff_stage_import", &[("list", list)])
        .await;
    let preview_page = next_page(&staged);
    let id = preview_page.split("apercu=").nth(1).unwrap().to_owned();
    let preview: serde_json::Value = app
        .call(admin, "staff_import_preview", &[("id", &id)])
        .await
        .json()
        .await
        .unwrap();
    let verdicts: Vec<String> = preview["lines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            let v = &l["verdict"];
            v.as_str()
                .map(str::to_owned)
                .unwrap_or_else(|| v.as_object().unwrap().keys().next().unwrap().clone())
        })
        .collect();
    // Zoé new, Zoé again ignored, Albert (3B → 4B) already there, Marie (4A → 4B) a possible namesake, Hugo new.
    assert_eq!(
        verdicts,
        ["New", "Repeated", "AlreadyThere", "PossibleNamesake", "New"]
    );
    let before = count_students(&app).await;
    // Marie of 4B is another child than Marie of 4A: the administrator ticks her line (5).
    let imported = app
        .call(
            admin,
            "staff_confirm_import",
            &[("id", &id), ("namesakes[5]", "5")],
        )
        .await;
    assert_eq!(next_page(&imported), "/ecole/eleves?importes=3");
    assert_eq!(count_students(&app).await, before + 3);
    // The same list again: nothing new to create, nothing created.
    let again = app
        .call(admin, "staff_stage_import", &[("list", list)])
        .await;
    let id = next_page(&again)
        .split("apercu=")
        .nth(1)
        .unwrap()
        .to_owned();
    let refused = app
        .call(admin, "staff_confirm_import", &[("id", &id)])
        .await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    assert_eq!(count_students(&app).await, before + 3);
    // A list with a line without a name imports nothing, even what is right in it.
    let broken = app
        .call(
            admin,
            "staff_stage_import",
            &[("list", "Eva;Neuve;3B\n;Sans-prénom;3B\n")],
        )
        .await;
    let id = next_page(&broken)
        .split("apercu=")
        .nth(1)
        .unwrap()
        .to_owned();
    let refused = app
        .call(admin, "staff_confirm_import", &[("id", &id)])
        .await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    assert_eq!(count_students(&app).await, before + 3);
}

async fn count_students(app: &TestApp) -> i64 {
    use sea_orm::{EntityTrait, PaginatorTrait};
    cartable::server::entities::student::Entity::find()
        .count(&app.db)
        .await
        .unwrap() as i64
}

#[tokio::test]
async fn printed_letters_open_their_slot_with_the_grouped_password_typed_loosely() {
    let app = spawn_app().await;
    let callers = school_with_staff(&app).await;
    let admin = &callers.admin_here;
    let added = app
        .call(
            admin,
            "staff_add_student",
            &[
                ("first_name", "Nora"),
                ("last_name", "Lettre"),
                ("class_name", "3B"),
            ],
        )
        .await;
    let page = next_page(&added);
    let id = page.rsplit('/').next().unwrap().to_owned();
    let printed = admin
        .post(format!("{}/ecole/lettres", app.address))
        .header("Origin", &app.address)
        .form(&[("eleve", id.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(printed.status(), StatusCode::OK);
    let html = printed.text().await.unwrap();
    assert_eq!(html.matches("class=\"letter\"").count(), 2);
    let password = html
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
        .find(|w| {
            w.len() == 19 && w.split('-').all(|g| g.len() == 4) && w.matches('-').count() == 3
        })
        .expect("a grouped password")
        .to_owned();
    let parent = browser();
    let typed = password.replace('-', "").to_uppercase();
    let answer = app
        .sign_in(&parent, "nora.lettre@isu-dour.be", &typed)
        .await;
    assert_eq!(next_page(&answer), "/conditions");
}

#[tokio::test]
async fn a_staff_member_who_forgot_their_password_gets_a_link_by_mail() {
    let app = spawn_app().await;
    add_staff(
        &app.db,
        "isu-dour",
        "trois@isu-dour.be",
        Role::Teacher,
        false,
    )
    .await;
    let asked = app
        .call(
            &browser(),
            "request_password_reset",
            &[("who", "trois@isu-dour.be")],
        )
        .await;
    assert!(asked.status().is_redirection() || asked.status().is_success());
    let mail = app.mails(1).await.pop().unwrap();
    assert!(mail.contains("/ecole/mot-de-passe?jeton="), "{mail}");
    let token = token_in(&mail);
    let new = "une nouvelle craie blanche";
    let chosen = app
        .call(
            &browser(),
            "staff_choose_password",
            &[
                ("token", &token),
                ("new_password", new),
                ("repeat_password", new),
            ],
        )
        .await;
    assert_eq!(next_page(&chosen), "/connexion?mot-de-passe=choisi");
    let staff = browser();
    assert_eq!(
        next_page(&app.sign_in(&staff, "trois@isu-dour.be", new).await),
        "/ecole"
    );
    // The old password opens nothing any more.
    let old = app
        .sign_in(&browser(), "trois@isu-dour.be", STAFF_PASSWORD)
        .await;
    assert_eq!(old.status(), StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn staff_of_two_schools_switch_from_one_to_the_other_with_their_role_there() {
    let app = spawn_app().await;
    add_staff(
        &app.db,
        "isu-dour",
        "deux@isu-dour.be",
        Role::Teacher,
        false,
    )
    .await;
    let ecd = platforms::named(&app.db, "ecd-dour").await.unwrap();
    let staff_id = add_staff(
        &app.db,
        "isu-dour",
        "deux@isu-dour.be",
        Role::Teacher,
        false,
    )
    .await;
    {
        use sea_orm::{ActiveModelTrait, Set};
        cartable::server::entities::staff_membership::ActiveModel {
            staff_id: Set(staff_id),
            platform_id: Set(ecd.id),
            role: Set(Role::Teacher),
            created_at: Set(chrono::Utc::now()),
            ..Default::default()
        }
        .insert(&app.db)
        .await
        .unwrap();
    }
    let staff = staff_signed_in(&app, "deux@isu-dour.be", false).await;
    let home: serde_json::Value = app
        .call(&staff, "staff_home", &[])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(home["frame"]["school"], "Institut La Sainte-Union");
    assert_eq!(
        home["frame"]["other_schools"][0][1],
        "École communale de Dour"
    );
    let switched = app
        .call(
            &staff,
            "staff_switch_school",
            &[("school", &ecd.id.to_string())],
        )
        .await;
    assert_eq!(next_page(&switched), "/ecole");
    let home: serde_json::Value = app
        .call(&staff, "staff_home", &[])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(home["frame"]["school"], "École communale de Dour");
}

#[tokio::test]
async fn the_second_factor_is_set_up_on_a_site_served_from_a_port_over_http() {
    let app = spawn_app_with(|settings| settings.public_url = "http://127.0.0.1:3000".into()).await;
    add_staff(
        &app.db,
        "isu-dour",
        "porte@isu-dour.be",
        Role::Administrator,
        false,
    )
    .await;
    let staff = browser();
    let answer = app
        .sign_in(&staff, "porte@isu-dour.be", STAFF_PASSWORD)
        .await;
    assert_eq!(next_page(&answer), "/ecole/securite");
    let setup = app.call(&staff, "staff_second_factor_setup", &[]).await;
    assert_eq!(
        setup.status(),
        StatusCode::OK,
        "{}",
        setup.text().await.unwrap()
    );
}
