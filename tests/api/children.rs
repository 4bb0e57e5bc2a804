//! "Ajouter des enfants": linking a child with its letter, the new child's terms and password step,
//! one password for every child, and each refusal leaving everything as it was.
use crate::helpers::*;
use cartable::{api::error as refusals, server::entities::parent_slot};
use reqwest::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

/// How many slots are claimed by any account: a refused link must not change it.
async fn claimed_slots(app: &TestApp) -> u64 {
    parent_slot::Entity::find()
        .filter(parent_slot::Column::AccountId.is_not_null())
        .count(&app.db)
        .await
        .unwrap()
}

#[tokio::test]
async fn a_linked_child_appears_at_once_and_its_letter_never_works_again() {
    let app = spawn_app().await;
    let parent = app.settled_parent().await;
    let marie = app.student_id(MARIE).await;

    let response = app
        .link_child(
            &parent,
            " ISU-Dour ",
            "Marie.Durant@isu-dour.be ",
            MARIE_LETTER,
        )
        .await;
    assert_eq!(next_page(&response), format!("/enfants?ajoute={marie}"));

    let page = app.get(&parent, &format!("/enfants?ajoute={marie}")).await;
    assert_eq!(page.status(), StatusCode::OK);
    let html = page.text().await.unwrap();
    for text in [
        "Albert",
        "Marie",
        "Institut La Sainte-Union",
        "a été ajouté(e) à vos enfants",
        "À finaliser",
    ] {
        assert!(html.contains(text), "{text} missing");
    }
    // The home page lists her too, while Albert stays the child shown.
    let home = app.get(&parent, "/").await.text().await.unwrap();
    assert!(home.contains("Marie") && home.contains("Mère de Durant Albert"));

    // Her letter no longer opens anything, for anyone.
    let stranger = browser();
    let (status, _) = error(app.sign_in(&stranger, MARIE, MARIE_LETTER).await).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn a_new_child_asks_for_its_terms_then_the_accounts_password() {
    let app = spawn_app().await;
    let parent = app.settled_parent().await;
    let marie = app.student_id(MARIE).await;
    next_page(
        &app.link_child(&parent, "isu-dour", MARIE, MARIE_LETTER)
            .await,
    );

    assert_eq!(
        next_page(&app.select_child(&parent, marie).await),
        "/conditions"
    );
    // No page of Marie's school before the steps are done.
    let news = app.get(&parent, "/actualites").await;
    assert_eq!(news.headers()["location"], "/conditions");
    let (status, _) = error(app.call(&parent, "news", &[]).await).await;
    assert_eq!(status, StatusCode::CONFLICT);

    assert_eq!(
        next_page(&app.call(&parent, "accept_terms", &[("version", "1")]).await),
        "/confirmer-mot-de-passe"
    );
    let page = app
        .get(&parent, "/confirmer-mot-de-passe")
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains(MARIE) && page.contains("recopiez le mot de passe"));

    // The letter's password is not the account's password.
    let (status, body) = error(
        app.call(
            &parent,
            "confirm_link_password",
            &[("password", MARIE_LETTER)],
        )
        .await,
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(field_message(&body, "password").contains("Ce n'est pas le mot de passe"));

    assert_eq!(
        next_page(
            &app.call(
                &parent,
                "confirm_link_password",
                &[("password", NEW_PASSWORD)]
            )
            .await
        ),
        "/"
    );
    let home = app.get(&parent, "/").await.text().await.unwrap();
    assert!(home.contains("Mère de Durant Marie"), "Marie is shown now");

    // Back to Albert: nothing to do again for him.
    let albert = app.student_id(ALBERT).await;
    assert_eq!(next_page(&app.select_child(&parent, albert).await), "/");
}

#[tokio::test]
async fn one_password_opens_the_account_with_either_childs_identifier() {
    let app = spawn_app().await;
    app.parent_of_albert_and_marie().await;
    for identifier in [ALBERT, MARIE] {
        let device = browser();
        let response = app.sign_in(&device, identifier, NEW_PASSWORD).await;
        assert_eq!(next_page(&response), "/", "{identifier}");
        let home = app.get(&device, "/").await.text().await.unwrap();
        let shown = if identifier == ALBERT {
            "Mère de Durant Albert"
        } else {
            "Mère de Durant Marie"
        };
        assert!(home.contains(shown), "{identifier} opens on its child");
    }
}

#[tokio::test]
async fn a_child_of_another_school_is_linked_the_same_way_and_brings_its_school() {
    let app = spawn_app().await;
    let parent = app.settled_parent().await;
    let leon = app.student_id(LEON).await;
    assert_eq!(
        next_page(&app.link_child(&parent, "ecd-dour", LEON, LEON_LETTER).await),
        format!("/enfants?ajoute={leon}")
    );
    assert_eq!(
        next_page(&app.select_child(&parent, leon).await),
        "/conditions"
    );
    let terms = app.get(&parent, "/conditions").await.text().await.unwrap();
    assert!(
        terms.contains("Conditions de l&#x27;école communale")
            || terms.contains("Conditions de l'école communale")
    );
    next_page(&app.call(&parent, "accept_terms", &[("version", "1")]).await);
    next_page(
        &app.call(
            &parent,
            "confirm_link_password",
            &[("password", NEW_PASSWORD)],
        )
        .await,
    );
    let home = app.get(&parent, "/").await.text().await.unwrap();
    assert!(home.contains("École communale de Dour") && home.contains("Fancy-fair"));
    assert!(
        !home.contains("Institut La Sainte-Union"),
        "only Léon's school is shown"
    );
}

#[tokio::test]
async fn each_refusal_has_its_own_message_and_changes_nothing() {
    let app = spawn_app().await;
    let parent = app.settled_parent().await;
    // Marie's second letter was used by her other parent.
    app.settled_parent_of(MARIE, MARIE_SECOND_LETTER).await;
    let before = claimed_slots(&app).await;

    let cases: [(&str, &str, &str, &str, &str); 6] = [
        (
            "inconnue",
            MARIE,
            MARIE_LETTER,
            "platform",
            refusals::unknown_platform(FR),
        ),
        (
            "isu-dour",
            "personne@isu-dour.be",
            MARIE_LETTER,
            "password",
            refusals::letter_refused(FR),
        ),
        (
            "isu-dour",
            MARIE,
            "mauvais",
            "password",
            refusals::letter_refused(FR),
        ),
        // Léon exists, but not on this platform.
        (
            "isu-dour",
            LEON,
            LEON_LETTER,
            "password",
            refusals::letter_refused(FR),
        ),
        (
            "isu-dour",
            MARIE,
            MARIE_SECOND_LETTER,
            "password",
            refusals::letter_used(FR),
        ),
        (
            "isu-dour",
            ALBERT,
            ALBERT_SECOND_LETTER,
            "identifier",
            refusals::already_linked(FR),
        ),
    ];
    for (platform, identifier, password, field, message) in cases {
        let (status, body) = error(
            app.link_child(&parent, platform, identifier, password)
                .await,
        )
        .await;
        assert_eq!(
            status,
            StatusCode::BAD_REQUEST,
            "{platform} {identifier} {password}"
        );
        assert_eq!(field_message(&body, field), message);
        // What was typed comes back, but never the password.
        let typed = body["Invalid"]["typed"].to_string();
        assert!(
            typed.contains(identifier) && !typed.contains(password),
            "{typed}"
        );
    }
    let (status, body) = error(app.link_child(&parent, "", "", "").await).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(field_message(&body, "platform").contains("Indiquez"));
    assert_eq!(claimed_slots(&app).await, before);
    let children = app.get(&parent, "/enfants").await.text().await.unwrap();
    assert!(!children.contains("Marie"));
}

#[tokio::test]
async fn two_parents_of_one_child_are_two_accounts_each_with_their_own_children() {
    let app = spawn_app().await;
    let mother = app.parent_of_albert_and_marie().await;
    let father = app.settled_parent_of(ALBERT, ALBERT_SECOND_LETTER).await;
    let marie = app.student_id(MARIE).await;

    let fathers = app.get(&father, "/enfants").await.text().await.unwrap();
    assert!(fathers.contains("Albert") && !fathers.contains("Marie"));
    let (status, body) = error(app.select_child(&father, marie).await).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(body["Refused"], refusals::not_your_child(FR));

    let mothers = app.get(&mother, "/enfants").await.text().await.unwrap();
    assert!(mothers.contains("Albert") && mothers.contains("Marie"));
}

#[tokio::test]
async fn the_platform_field_names_the_school_once_it_matches() {
    let app = spawn_app().await;
    let parent = app.settled_parent().await;
    let named = |code: &'static str| {
        let app = &app;
        let parent = &parent;
        async move {
            app.call(parent, "platform_name", &[("code", code)])
                .await
                .json::<serde_json::Value>()
                .await
                .unwrap()
        }
    };
    assert_eq!(named("ecd-dour").await, "École communale de Dour");
    assert_eq!(named("ecd-dou").await, serde_json::Value::Null);
    // Not for strangers: no list of schools for anyone who asks.
    let (status, _) = error(
        app.call(&browser(), "platform_name", &[("code", "ecd-dour")])
            .await,
    )
    .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn without_javascript_a_refused_form_comes_back_filled_in_with_its_message() {
    let app = spawn_app().await;
    let parent = app.settled_parent().await;
    let response = app
        .post_form(
            &parent,
            "link_child",
            &[
                ("platform", "isu-dour"),
                ("identifier", MARIE),
                ("password", "mauvais"),
            ],
            "/enfants/ajouter",
        )
        .await;
    assert_eq!(response.status(), StatusCode::FOUND);
    let back = response.headers()["location"]
        .to_str()
        .unwrap()
        .trim_start_matches(&app.address)
        .to_owned();
    assert!(back.starts_with("/enfants/ajouter"), "{back}");
    let page = app.get(&parent, &back).await.text().await.unwrap();
    assert!(page.contains("Identifiant ou mot de passe incorrect pour cette plateforme"));
    assert!(
        page.contains(&format!("value=\"{MARIE}\"")),
        "the identifier is kept"
    );

    // And a success goes on to "Mes enfants".
    let response = app
        .post_form(
            &parent,
            "link_child",
            &[
                ("platform", "isu-dour"),
                ("identifier", MARIE),
                ("password", MARIE_LETTER),
            ],
            "/enfants/ajouter",
        )
        .await;
    assert!(
        response.headers()["location"]
            .to_str()
            .unwrap()
            .starts_with("/enfants?ajoute=")
    );
}

#[tokio::test]
async fn one_account_never_holds_two_letters_of_one_child() {
    use sea_orm::{ActiveModelTrait, Set};
    let app = spawn_app().await;
    app.settled_parent().await;
    let albert = app.student_id(ALBERT).await;
    let slots = parent_slot::Entity::find()
        .filter(parent_slot::Column::StudentId.eq(albert))
        .all(&app.db)
        .await
        .unwrap();
    let held = slots.iter().find(|slot| slot.account_id.is_some()).unwrap();
    let free = slots.iter().find(|slot| slot.account_id.is_none()).unwrap();
    // Even written straight into the database (as two racing claims would), the second is refused.
    let second_claim = parent_slot::ActiveModel {
        id: Set(free.id),
        account_id: Set(held.account_id),
        ..Default::default()
    }
    .update(&app.db)
    .await;
    assert!(second_claim.is_err(), "the database took a second slot");
}
