//! How long the server takes to render pages, over real HTTP on loopback: the sign-in page (no
//! session), and the pages of a parent who finished the journey (session, journey check and the
//! page's queries included) in a school with 10 news items and events, then with 1,000 of each: the
//! home page must not slow down as a school's history grows. Also prints how many queries each page
//! runs. `cargo bench --features ssr --bench pages`.
use cartable::{
    cli::demo,
    server::{calendar, config::Settings, news},
    startup::Application,
};
use criterion::{Criterion, criterion_group, criterion_main};

struct Site {
    address: String,
    parent: reqwest::Client,
    queries: cartable::server::db::QueryCounter,
    _dir: tempfile::TempDir,
}

/// A school with `history` news items and `history` events, and a parent at home.
async fn site_with_a_settled_parent(history: usize) -> Site {
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
        _dir: dir,
    }
}

async fn page(client: &reqwest::Client, url: &str) -> String {
    client.get(url).send().await.unwrap().text().await.unwrap()
}

/// The queries one request for `path` runs (after a first one, so that no periodic write counts).
async fn queries_for(site: &Site, path: &str) -> u64 {
    page(&site.parent, &format!("{}{path}", site.address)).await;
    let before = site.queries.count();
    page(&site.parent, &format!("{}{path}", site.address)).await;
    site.queries.count() - before
}

fn pages(c: &mut Criterion) {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let sites = [10, 1000].map(|history| {
        (
            history,
            runtime.block_on(site_with_a_settled_parent(history)),
        )
    });
    let visitor = reqwest::Client::new();
    let mut group = c.benchmark_group("server-rendered page");
    let address = &sites[0].1.address;
    group.bench_function("sign-in page", |b| {
        b.to_async(&runtime).iter(|| async {
            assert!(
                page(&visitor, &format!("{address}/connexion"))
                    .await
                    .contains("Identifiant")
            );
        })
    });
    for (history, site) in &sites {
        for (name, path, expected) in [
            ("home page", "/", "Mère de Durant Albert"),
            ("news, page 1", "/actualites", "Page 1 sur"),
            ("calendar month", "/calendrier", "Agenda de"),
            ("news item", "/actualites/1", "Actualité"),
        ] {
            let queries = runtime.block_on(queries_for(site, path));
            eprintln!("{name} with {history} news and events: {queries} queries");
            group.bench_function(format!("{name}, {history} news and events"), |b| {
                b.to_async(&runtime).iter(|| async {
                    assert!(
                        page(&site.parent, &format!("{}{path}", site.address))
                            .await
                            .contains(expected)
                    );
                })
            });
        }
    }
    group.finish();
}

criterion_group!(benches, pages);
criterion_main!(benches);
