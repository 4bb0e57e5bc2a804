//! The four languages: which one a page is in (a `/nl/…` link, the cookie it leaves, the browser's
//! `Accept-Language`, French), the errors of server functions in it, the account that remembers it,
//! and the mails written in it.
use crate::helpers::*;
use cartable::{api::error::sign_in_refused, language::Locale, server::entities::parent_account};
use reqwest::{Response, StatusCode};
use sea_orm::EntityTrait;

async fn page_in(app: &TestApp, parent: &Browser, path: &str, accept: &str) -> (String, String) {
    let response = parent
        .get(format!("{}{path}", app.address))
        .header("Accept-Language", accept)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK, "{path}");
    let content_language = header(&response, "content-language");
    (content_language, response.text().await.unwrap())
}

/// A header's values, joined (a response may set several cookies).
fn header(response: &Response, name: &str) -> String {
    let values: Vec<&str> = response
        .headers()
        .get_all(name)
        .iter()
        .map(|v| v.to_str().unwrap())
        .collect();
    values.join("\n")
}

/// The language `<html lang>` names.
fn lang_of(html: &str) -> &str {
    let start = html.find("<html lang=\"").expect("<html lang>") + 12;
    &html[start..start + html[start..].find('"').unwrap()]
}

#[tokio::test]
async fn a_page_is_in_the_browsers_language_and_else_in_french() {
    let app = spawn_app().await;
    let visitor = browser();
    for (accept, expected, skip_link) in [
        ("nl-BE,nl;q=0.9,fr;q=0.8", "nl", "Naar de inhoud"),
        ("de-BE,de;q=0.9", "de", "Zum Inhalt"),
        ("en-GB,en;q=0.9", "en", "Skip to content"),
        ("es-ES,es;q=0.9,it;q=0.5", "fr", "Aller au contenu"),
        ("", "fr", "Aller au contenu"),
    ] {
        let (content_language, html) = page_in(&app, &visitor, "/connexion", accept).await;
        assert_eq!(lang_of(&html), expected, "{accept}");
        assert_eq!(content_language, expected, "{accept}");
        assert!(html.contains(skip_link), "{accept}: {skip_link}");
    }
}

#[tokio::test]
async fn a_language_link_switches_for_good_and_comes_back_to_the_page() {
    let app = spawn_app().await;
    let visitor = browser();
    let switched = app.get(&visitor, "/de/mot-de-passe-oublie?x=1").await;
    assert_eq!(switched.status(), StatusCode::SEE_OTHER);
    assert_eq!(header(&switched, "location"), "/mot-de-passe-oublie?x=1");
    assert!(header(&switched, "set-cookie").starts_with("__Host-cartable_lang=de;"));
    // The choice outweighs the browser's settings from then on.
    let (_, html) = page_in(&app, &visitor, "/connexion", "nl-BE,nl").await;
    assert_eq!(lang_of(&html), "de");
    // Every page offers the four, each pointing back to the same page.
    for tag in ["fr", "nl", "de", "en"] {
        assert!(
            html.contains(&format!("href=\"/{tag}/connexion\"")),
            "{tag}"
        );
    }
}

#[tokio::test]
async fn a_language_link_never_leads_off_the_site() {
    let app = spawn_app().await;
    for crafted in ["/nl//evil.example/", "/en//evil.example"] {
        let switched = app.get(&browser(), crafted).await;
        assert_eq!(header(&switched, "location"), "/", "{crafted}");
    }
}

#[tokio::test]
async fn a_refusal_is_written_in_the_requests_language() {
    let app = spawn_app().await;
    for (accept, locale) in [("nl", Locale::nl), ("de", Locale::de), ("en", Locale::en)] {
        let response = browser()
            .post(format!("{}/api/sign_in", app.address))
            .header("Accept-Language", accept)
            .form(&[("identifier", ALBERT), ("password", "pas-le-bon")])
            .send()
            .await
            .unwrap();
        let (_, body) = error(response).await;
        assert_eq!(field_message(&body, "password"), sign_in_refused(locale));
        assert_ne!(sign_in_refused(locale), sign_in_refused(FR));
    }
}

#[tokio::test]
async fn the_account_remembers_the_language_and_a_new_device_takes_it() {
    let app = spawn_app().await;
    let parent = app.settled_parent().await;
    // Chosen while signed in: kept in the account.
    app.get(&parent, "/nl/").await;
    let account = parent_account::Entity::find()
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(account.language.as_deref(), Some("nl"));
    // Another browser, set to French, signs in: the account's Dutch comes with the session.
    let phone = browser();
    let signed_in = app.sign_in(&phone, ALBERT, NEW_PASSWORD).await;
    assert_eq!(next_page(&signed_in), "/");
    assert!(header(&signed_in, "set-cookie").contains("cartable_lang=nl"));
    let (_, html) = page_in(&app, &phone, "/", "fr-BE,fr").await;
    assert_eq!(lang_of(&html), "nl");
}

/// "Mot de passe oublié ?" for Albert's parent, from a new browser set to `accept`: the mail.
async fn reset_mail_asked_in(app: &TestApp, accept: &str) -> String {
    let sent = app.outbox().await.len();
    let asked = browser()
        .post(format!("{}/api/request_password_reset", app.address))
        .header("Accept-Language", accept)
        .form(&[("who", ALBERT)])
        .send()
        .await
        .unwrap();
    assert!(asked.status().is_success(), "{}", asked.status());
    app.mails(sent + 1).await.pop().unwrap()
}

#[tokio::test]
async fn mails_go_out_in_the_parents_language() {
    let app = spawn_app().await;
    let parent = app.confirmed_parent().await;
    app.get(&parent, "/de/").await;
    // Asked from a French browser, the reset link is still written in German.
    let mail = reset_mail_asked_in(&app, "fr").await;
    // (Quoted-printable keeps ASCII words as they are.)
    assert!(mail.contains("Passwort"), "{mail}");
    assert!(!mail.contains("mot de passe"), "{mail}");
    assert!(link_in(&mail).contains("jeton="));
}

#[tokio::test]
async fn a_link_from_another_site_switches_the_browser_but_not_the_account() {
    let app = spawn_app().await;
    let parent = app.settled_parent().await;
    let switched = parent
        .get(format!("{}/de/", app.address))
        .header("Sec-Fetch-Site", "cross-site")
        .send()
        .await
        .unwrap();
    assert!(header(&switched, "set-cookie").contains("cartable_lang=de"));
    let account = parent_account::Entity::find()
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(account.language.as_deref(), Some("fr"));
}

#[tokio::test]
async fn an_account_that_chose_no_language_gets_mail_in_the_language_it_was_asked_in() {
    use sea_orm::{ActiveModelTrait, IntoActiveModel, Set};
    let app = spawn_app().await;
    app.confirmed_parent().await;
    // As accounts opened before languages existed.
    let account = parent_account::Entity::find()
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let mut account = account.into_active_model();
    account.language = Set(None);
    account.update(&app.db).await.unwrap();
    let mail = reset_mail_asked_in(&app, "nl-BE").await;
    assert!(mail.contains("Goedendag"), "{mail}");
}
