//! A school's logo and "Applications": sent by its administrator alone, the logo's type read from
//! its bytes (never its name), served with the headers that keep it an image, and both shown in
//! the header of its parents' pages, and of no other school's.
use crate::helpers::*;
use crate::staff::{Callers, school_with_staff};
use reqwest::{Response, StatusCode};

/// A 1×1 transparent PNG.
const PNG: [u8; 68] = [
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4,
    0x89, 0x00, 0x00, 0x00, 0x0b, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x60, 0x00, 0x02, 0x00,
    0x00, 0x05, 0x00, 0x01, 0x7a, 0x5e, 0xab, 0x3f, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44,
    0xae, 0x42, 0x60, 0x82,
];

/// Sends `bytes` as the logo, the way the "École" page's form does.
async fn upload(app: &TestApp, who: &Browser, bytes: &[u8], name: &str, mime: &str) -> Response {
    let part = reqwest::multipart::Part::bytes(bytes.to_vec())
        .file_name(name.to_owned())
        .mime_str(mime)
        .unwrap();
    let form = reqwest::multipart::Form::new().part("logo", part);
    who.post(format!("{}/api/staff_upload_logo", app.address))
        .multipart(form)
        .send()
        .await
        .unwrap()
}

/// The home page of a parent, as HTML.
async fn home_of(app: &TestApp, parent: &Browser) -> String {
    let home = app.get(parent, "/").await;
    assert_eq!(home.status(), StatusCode::OK);
    home.text().await.unwrap()
}

/// The logo's address in a page, if it shows one.
fn logo_in(page: &str) -> Option<String> {
    let (_, after) = page.split_once("<img src=\"/logo/")?;
    let (rest, _) = after.split_once('"')?;
    Some(format!("/logo/{}", rest.replace("&amp;", "&")))
}

async fn refused_under_logo(answer: Response) -> String {
    let (status, body) = error(answer).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    field_message(&body, "logo").to_owned()
}

#[tokio::test]
async fn a_logo_is_an_image_read_from_its_bytes_that_the_schools_parents_see() {
    let app = spawn_app().await;
    let callers = school_with_staff(&app).await;
    let Callers {
        admin_here, parent, ..
    } = &callers;
    for (who, expected) in [
        (&callers.nobody, StatusCode::UNAUTHORIZED),
        (parent, StatusCode::UNAUTHORIZED),
        (&callers.teacher_here, StatusCode::FORBIDDEN),
    ] {
        let answer = upload(&app, who, &PNG, "logo.png", "image/png").await;
        assert_eq!(answer.status(), expected);
    }
    // A page, an SVG (which may hold a script) and nothing at all are refused, whatever their
    // names say, with a message under the field.
    let page = b"<html><script>alert(1)</script></html>";
    let svg = b"<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>";
    let wrong_type = cartable::i18n::td_string!(FR, staff.logo_type);
    for (bytes, name) in [(&page[..], "logo.png"), (&svg[..], "logo.svg")] {
        let answer = upload(&app, admin_here, bytes, name, "image/png").await;
        assert_eq!(refused_under_logo(answer).await, wrong_type);
    }
    let empty = upload(&app, admin_here, b"", "logo.png", "image/png").await;
    assert!(!refused_under_logo(empty).await.is_empty());
    // Too large: refused before it is read.
    let mut huge = PNG.to_vec();
    huge.resize(cartable::domain::school_brand::LOGO_BYTES + 20_000, 0);
    let too_large = upload(&app, admin_here, &huge, "logo.png", "image/png").await;
    assert_eq!(too_large.status(), StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(logo_in(&home_of(&app, parent).await), None);

    let sent = upload(&app, admin_here, &PNG, "mon logo.jpg", "image/jpeg").await;
    assert_eq!(next_page(&sent), "/ecole/etablissement?logo=1");
    let home = home_of(&app, parent).await;
    let src = logo_in(&home).unwrap_or_else(|| panic!("no logo in the parent's header: {home}"));
    assert!(src.starts_with("/logo/"), "{src}");
    let served = app.get(&browser(), &src).await;
    assert_eq!(served.status(), StatusCode::OK);
    let header = |name: &str| served.headers()[name].to_str().unwrap().to_owned();
    assert_eq!(header("content-type"), "image/png");
    assert_eq!(header("x-content-type-options"), "nosniff");
    assert!(header("cache-control").contains("immutable"));
    assert_eq!(served.bytes().await.unwrap().as_ref(), &PNG[..]);

    // The other school's parents see none of it; its administrator's logo is its own.
    let leon = app.settled_parent_of(LEON, LEON_LETTER).await;
    assert_eq!(logo_in(&home_of(&app, &leon).await), None);
    let removed = app
        .call(&callers.admin_other, "staff_remove_logo", &[])
        .await;
    assert_eq!(next_page(&removed), "/ecole/etablissement");
    assert!(logo_in(&home_of(&app, parent).await).is_some());
    let removed = app.call(admin_here, "staff_remove_logo", &[]).await;
    assert_eq!(next_page(&removed), "/ecole/etablissement");
    assert_eq!(logo_in(&home_of(&app, parent).await), None);
    assert_eq!(
        app.get(&browser(), &src).await.status(),
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn applications_are_web_links_in_the_menu_of_the_schools_parents() {
    let app = spawn_app().await;
    let callers = school_with_staff(&app).await;
    let admin = &callers.admin_here;
    let add = |name: &'static str, url: &'static str| {
        let app = &app;
        async move {
            app.call(
                admin,
                "staff_add_application",
                &[("application_name", name), ("application_url", url)],
            )
            .await
        }
    };
    // Only a web address with a host: no script can hide behind a link parents trust.
    let (status, body) = error(add("Piège", "javascript:alert(document.cookie)").await).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(
        field_message(&body, "application_url"),
        cartable::i18n::td_string!(FR, staff.web_invalid)
    );
    assert!(
        body.to_string().contains("Piège"),
        "what was typed comes back: {body}"
    );
    let (status, body) = error(add("", "https://cantine.example").await).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(!field_message(&body, "application_name").is_empty());

    let added = add("Cantine", "https://cantine.example/menu?semaine=2").await;
    assert_eq!(next_page(&added), "/ecole/etablissement");
    let home = home_of(&app, &callers.parent).await;
    assert!(home.contains("Applications"), "the menu is there");
    assert!(
        home.contains("href=\"https://cantine.example/menu?semaine=2\""),
        "the link is there"
    );
    let leon = app.settled_parent_of(LEON, LEON_LETTER).await;
    assert!(!home_of(&app, &leon).await.contains("cantine.example"));

    // A menu, not a directory.
    let most = cartable::domain::school_brand::APPLICATIONS;
    for _ in 1..most {
        assert_eq!(
            next_page(&add("Outil", "https://outil.example").await),
            "/ecole/etablissement"
        );
    }
    let (status, body) = error(add("Une de trop", "https://trop.example").await).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        field_message(&body, "application_name").contains(&most.to_string()),
        "{body}"
    );

    let school: serde_json::Value = app
        .call(admin, "staff_school", &[])
        .await
        .json()
        .await
        .unwrap();
    let cantine = school["applications"][0]["id"].to_string();
    let theirs = app
        .call(
            &callers.admin_other,
            "staff_remove_application",
            &[("id", &cantine)],
        )
        .await;
    assert_eq!(theirs.status(), StatusCode::FORBIDDEN);
    let removed = app
        .call(admin, "staff_remove_application", &[("id", &cantine)])
        .await;
    assert_eq!(next_page(&removed), "/ecole/etablissement");
    assert!(
        !home_of(&app, &callers.parent)
            .await
            .contains("cantine.example")
    );
}
