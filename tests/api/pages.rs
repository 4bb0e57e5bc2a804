use crate::helpers::*;
use cartable::server::news;
use reqwest::StatusCode;

fn location(response: &reqwest::Response) -> &str {
    response
        .headers()
        .get("location")
        .unwrap()
        .to_str()
        .unwrap()
}

#[tokio::test]
async fn pages_bring_the_parent_back_to_their_step() {
    let app = spawn_app().await;
    let visitor = browser();
    for path in ["/", "/conditions", "/mot-de-passe", "/bienvenue"] {
        let response = app.get(&visitor, path).await;
        assert_eq!(
            (response.status(), location(&response)),
            (StatusCode::SEE_OTHER, "/connexion"),
            "{path}"
        );
    }
    app.sign_in(&visitor, ALBERT, ALBERT_LETTER).await;
    for path in ["/", "/connexion", "/mot-de-passe", "/bienvenue"] {
        assert_eq!(
            location(&app.get(&visitor, path).await),
            "/conditions",
            "{path}"
        );
    }
}

#[tokio::test]
async fn pages_render_on_the_server_with_their_labels() {
    let app = spawn_app().await;
    let visitor = browser();
    let html = app.get(&visitor, "/connexion").await.text().await.unwrap();
    for text in [
        "<label for=\"identifier\">Identifiant",
        "<label for=\"password\">Mot de passe",
        ">Connexion</button>",
        "Mot de passe oublié ?",
    ] {
        assert!(html.contains(text), "{text} missing from {html}");
    }
    app.sign_in(&visitor, ALBERT, ALBERT_LETTER).await;
    let terms = app.get(&visitor, "/conditions").await.text().await.unwrap();
    assert!(terms.contains("Texte des conditions."));
    assert!(
        terms.contains("Oui, je les accepte")
            && terms.contains("Non, je ne les accepte pas")
            && terms.contains("Ignorer (possible jusqu")
    );
}

#[tokio::test]
async fn a_form_posted_without_javascript_comes_back_with_its_message_and_values() {
    let app = spawn_app().await;
    let visitor = browser();
    let response = app
        .post_form(
            &visitor,
            "sign_in",
            &[
                ("identifier", "albert.durant@isu-dour.be"),
                ("password", "faux"),
            ],
            "/connexion",
        )
        .await;
    assert_eq!(response.status(), StatusCode::FOUND);
    let back = location(&response).to_owned();
    assert!(
        back.starts_with(&format!("{}/connexion?", app.address)),
        "{back}"
    );
    let html = visitor
        .get(&back)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("Identifiant ou mot de passe incorrect"));
    assert!(html.contains("value=\"albert.durant@isu-dour.be\""));

    let response = app
        .post_form(
            &visitor,
            "sign_in",
            &[("identifier", ALBERT), ("password", ALBERT_LETTER)],
            "/connexion",
        )
        .await;
    assert_eq!(
        (response.status(), location(&response)),
        (StatusCode::FOUND, "/conditions")
    );
}

#[tokio::test]
async fn the_home_page_shows_the_school_the_parent_and_the_calendar() {
    let app = spawn_app().await;
    news::add(
        &app.db,
        "isu-dour",
        "Réunion des parents",
        "Le **12**.",
        None,
    )
    .await
    .unwrap();
    let parent = app.settled_parent().await;
    let response = app.get(&parent, "/").await;
    assert_eq!(response.status(), StatusCode::OK);
    let html = response.text().await.unwrap();
    for text in [
        "Institut La Sainte-Union",
        "Antoinette Dupond",
        "Mère de Durant Albert",
        "Mes enfants",
        "Mes cours",
        "Aucun cours trouvé",
        "Actualités",
        "Réunion des parents",
        "Calendrier",
        "Coordonnées",
        "direction@isu-dour.be",
        "Se déconnecter",
        "Confirmez votre adresse e-mail",
    ] {
        assert!(html.contains(text), "{text} missing from {html}");
    }
}

#[tokio::test]
async fn unknown_pages_answer_404() {
    let app = spawn_app().await;
    let response = app.get(&browser(), "/nulle-part").await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    assert!(response.headers().get("x-content-type-options").is_some());
}
