//! The Intradesk over HTTP: staff share documents in folders with the whole school or a class (a
//! teacher only with their own), parents see and download those meant for their children and no
//! other, staff see who opened each; files are checked from their bytes; whatever ids are sent.
use crate::helpers::*;
use crate::messages::{PDF, post};
use crate::staff::{Callers, school_with_staff};
use reqwest::StatusCode;
use serde_json::Value;

/// Every document of a view, as (title, address).
fn documents(view: &Value) -> Vec<(String, String)> {
    view["folders"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|f| f["documents"].as_array().unwrap().clone())
        .map(|d| {
            let title = d["title"].as_str().unwrap().to_owned();
            (title, d["url"].as_str().unwrap().to_owned())
        })
        .collect()
}

async fn folder(app: &TestApp, staff: &Browser, name: &str) -> String {
    let added = app.call(staff, "staff_add_folder", &[("name", name)]).await;
    assert_eq!(next_page(&added), "/ecole/intradesk");
    view(app, staff, "staff_intradesk", &[]).await["folders"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["name"] == name)
        .unwrap()["id"]
        .to_string()
}

/// Shares a PDF titled `title` in `folder`, for `class` (none: the whole school).
async fn share(
    app: &TestApp,
    staff: &Browser,
    folder: &str,
    title: &str,
    class: Option<&str>,
) -> reqwest::Response {
    let mut fields = vec![("folder", folder), ("title", title)];
    if let Some(class) = class {
        fields.push(("classes[0]", class));
    }
    let file = [("programme.pdf", PDF, "application/pdf")];
    post(app, staff, "staff_share_document", &fields, &file).await
}

#[tokio::test]
async fn parents_see_the_documents_meant_for_their_childs_class_and_staff_see_who_opened_them() {
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
    let marie_parent = app.settled_parent_of(MARIE, MARIE_LETTER).await;
    let outings = folder(&app, teacher_here, "Sorties").await;
    // A folder's name is once per school.
    let again = app
        .call(admin_here, "staff_add_folder", &[("name", "Sorties")])
        .await;
    let (status, body) = error(again).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(field_errors(&body)[0].0, "name");

    // The teacher of 3B shares with 3B; not with the whole school nor 4A; nor can other schools.
    let shared = share(
        &app,
        teacher_here,
        &outings,
        "Programme de la sortie",
        Some("3B"),
    )
    .await;
    assert_eq!(next_page(&shared), "/ecole/intradesk");
    let whole = share(&app, teacher_here, &outings, "Pour tous", None).await;
    assert_eq!(whole.status(), StatusCode::BAD_REQUEST);
    for (who, class) in [(teacher_other, "3B"), (teacher_here, "4A")] {
        let refused = share(&app, who, &outings, "Intrus", Some(class)).await;
        assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    }
    let other_school = share(&app, admin_other, &outings, "Intrus", None).await;
    assert_eq!(other_school.status(), StatusCode::FORBIDDEN);
    // The administrator shares with the whole school.
    let rules = share(&app, admin_here, &outings, "Règlement", None).await;
    assert_eq!(next_page(&rules), "/ecole/intradesk");

    // Albert's mother (3B) sees both, newest first; Marie's parent (4A) only the school's.
    let hers = documents(&view(&app, mother, "intradesk", &[]).await);
    let titles: Vec<&str> = hers.iter().map(|(t, _)| t.as_str()).collect();
    assert_eq!(titles, ["Règlement", "Programme de la sortie"]);
    let theirs = documents(&view(&app, &marie_parent, "intradesk", &[]).await);
    assert_eq!(theirs.len(), 1);
    assert_eq!(theirs[0].0, "Règlement");
    let programme = &hers[1].1;
    for outsider in [&marie_parent, admin_other, nobody] {
        assert_eq!(
            app.get(outsider, programme).await.status(),
            StatusCode::NOT_FOUND
        );
    }
    let fetched = app.get(mother, programme).await;
    assert_eq!(fetched.status(), StatusCode::OK);
    let disposition = fetched.headers()["content-disposition"].to_str().unwrap();
    assert!(disposition.starts_with("attachment;"), "{disposition}");
    assert_eq!(fetched.headers()["x-content-type-options"], "nosniff");
    assert_eq!(fetched.bytes().await.unwrap(), PDF);
    // Opened twice, counted once; staff download without counting.
    assert_eq!(app.get(mother, programme).await.status(), StatusCode::OK);
    assert_eq!(
        app.get(teacher_other, programme).await.status(),
        StatusCode::OK
    );
    let staff_view = view(&app, admin_here, "staff_intradesk", &[]).await;
    let line = staff_view["folders"][0]["documents"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["title"] == "Programme de la sortie")
        .unwrap()
        .clone();
    assert_eq!(line["opened_by"].as_array().unwrap().len(), 1);
    assert!(
        line["opened_by"][0]
            .as_str()
            .unwrap()
            .starts_with("Antoinette")
    );
    assert_eq!(line["audience"], "Classes : 3B");

    // Removing: the teacher of 4A may not remove 3B's document, nor a teacher the folder.
    let id = line["id"].to_string();
    let refused = app
        .call(teacher_other, "staff_remove_document", &[("id", &id)])
        .await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    let refused = app
        .call(teacher_here, "staff_remove_folder", &[("id", &outings)])
        .await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    let removed = app
        .call(teacher_here, "staff_remove_document", &[("id", &id)])
        .await;
    assert_eq!(next_page(&removed), "/ecole/intradesk");
    assert_eq!(
        app.get(mother, programme).await.status(),
        StatusCode::NOT_FOUND
    );
    let gone = app
        .call(admin_here, "staff_remove_folder", &[("id", &outings)])
        .await;
    assert_eq!(next_page(&gone), "/ecole/intradesk");
    assert!(documents(&view(&app, mother, "intradesk", &[]).await).is_empty());
    let kinds = app.audit_kinds().await;
    for kind in ["folder_changed", "document_shared", "document_removed"] {
        assert!(kinds.contains(&kind.to_owned()), "{kind}: {kinds:?}");
    }
}

#[tokio::test]
async fn a_refused_document_says_why_under_each_field_and_stores_nothing() {
    let app = spawn_app().await;
    let callers = school_with_staff(&app).await;
    let admin = &callers.admin_here;
    let outings = folder(&app, admin, "Sorties").await;
    let page = b"<html><script>alert(1)</script></html>";
    let refused = post(
        &app,
        admin,
        "staff_share_document",
        &[("folder", &outings), ("title", " ")],
        &[("reglement.pdf", page, "application/pdf")],
    )
    .await;
    let (status, body) = error(refused).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let fields: Vec<String> = field_errors(&body).into_iter().map(|(f, _)| f).collect();
    assert_eq!(fields, ["title", "files"]);
    let no_file = post(
        &app,
        admin,
        "staff_share_document",
        &[("folder", &outings), ("title", "Règlement")],
        &[],
    )
    .await;
    let (status, body) = error(no_file).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(field_errors(&body)[0].0, "files");
    // Another school's folder, whatever id is sent.
    let elsewhere = post(
        &app,
        &callers.admin_other,
        "staff_share_document",
        &[("folder", &outings), ("title", "Intrus")],
        &[("a.pdf", PDF, "application/pdf")],
    )
    .await;
    assert_eq!(elsewhere.status(), StatusCode::FORBIDDEN);
    let staff_view = view(&app, admin, "staff_intradesk", &[]).await;
    assert!(documents(&staff_view).is_empty());
}
