//! What the benchmarks share: a demo school on SQLite, served by a real server on a loopback port,
//! with a parent who finished the first sign-in journey.
use cartable::{
    cli::demo,
    server::{calendar, config::Settings, news},
    startup::Application,
};

pub struct Site {
    pub address: String,
    pub parent: reqwest::Client,
    pub queries: cartable::server::db::QueryCounter,
    /// The database, to fill before measuring.
    #[allow(
        dead_code,
        reason = "the inbox bench fills it; the pages bench does not"
    )]
    pub db: sea_orm::DatabaseConnection,
    _dir: tempfile::TempDir,
}

/// A school with `history` news items and `history` events, and a parent at home.
pub async fn site_with_a_settled_parent(history: usize) -> Site {
    let dir = tempfile::tempdir().unwrap();
    let settings = Settings {
        database_url: format!(
            "sqlite://{}?mode=rwc",
            dir.path().join("bench.db").display()
        ),
        public_url: "http://127.0.0.1".into(),
        smtp_url: None,
        mail_from: "Cartable <bench@cartable.invalid>".into(),
        outbox_dir: dir.path().join("outbox"),
        session_idle: chrono::Duration::hours(1),
        session_absolute: chrono::Duration::hours(1),
        email_link_lifetime: chrono::Duration::hours(1),
        trusted_proxies: Default::default(),
        audit_retention: chrono::Duration::days(365),
        purge_schedule: Default::default(),
        http_timeouts: Default::default(),
        push_services: Vec::new(),
        metrics_addr: None,
    };
    let db = cartable::server::db::connect(&settings.database_url)
        .await
        .unwrap();
    demo::load(&db).await.unwrap();
    // One news item a day going back, one event a day spread around today: a school's history.
    for n in 0..history {
        let at =
            chrono::Utc::now() - chrono::Duration::days(n as i64) - chrono::Duration::minutes(1);
        let event_at = chrono::Utc::now() + chrono::Duration::days(n as i64 - history as i64 / 2);
        news::add(
            &db,
            "isu-dour",
            &format!("Actualité {n}"),
            "Texte **important**.",
            Some(at),
        )
        .await
        .unwrap();
        calendar::add_event(
            &db,
            "isu-dour",
            &format!("Événement {n}"),
            None,
            event_at,
            None,
            false,
        )
        .await
        .unwrap();
    }
    let options = leptos::prelude::LeptosOptions::builder()
        .output_name("cartable")
        .site_root("target/site")
        .build();
    let app = Application::build(settings, options, "127.0.0.1:0".parse().unwrap())
        .await
        .unwrap();
    let address = format!("http://{}", app.local_addr());
    let queries = app.queries();
    tokio::spawn(app.run());

    let parent = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let password = "le chat dort au soleil";
    let steps: [(&str, Vec<(&str, &str)>); 4] = [
        (
            "sign_in",
            vec![
                ("identifier", "albert.durant@isu-dour.be"),
                ("password", "Albert-Lettre-1"),
            ],
        ),
        ("accept_terms", vec![("version", "1")]),
        (
            "change_password",
            vec![("new_password", password), ("repeat_password", password)],
        ),
        (
            "save_profile",
            vec![
                ("first_name", "Antoinette"),
                ("last_name", "Dupond"),
                ("role", "mere"),
                ("email", "a@example.be"),
            ],
        ),
    ];
    for (function, form) in steps {
        let response = parent
            .post(format!("{address}/api/{function}"))
            .form(&form)
            .send()
            .await
            .unwrap();
        assert!(
            response.status().is_success(),
            "{function}: {}",
            response.status()
        );
    }
    Site {
        address,
        parent,
        queries,
        db,
        _dir: dir,
    }
}

pub async fn page(client: &reqwest::Client, url: &str) -> String {
    client.get(url).send().await.unwrap().text().await.unwrap()
}

/// The queries one request for `path` runs (after a first one, so that no periodic write counts).
pub async fn queries_for(site: &Site, path: &str) -> u64 {
    page(&site.parent, &format!("{}{path}", site.address)).await;
    let before = site.queries.count();
    page(&site.parent, &format!("{}{path}", site.address)).await;
    site.queries.count() - before
}
