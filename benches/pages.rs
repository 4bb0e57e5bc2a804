//! How long the server takes to render pages, over real HTTP on loopback: the sign-in page (no
//! session) and the home page of a parent who finished the journey (session, journey check and the
//! home's queries included). `cargo bench --features ssr --bench pages`.
use cartable::server::{admin, config::Settings, http::Application};
use criterion::{Criterion, criterion_group, criterion_main};
use std::time::Duration;

struct Site {
    address: String,
    parent: reqwest::Client,
    _dir: tempfile::TempDir,
}

async fn site_with_a_settled_parent() -> Site {
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
        session_idle: Duration::from_secs(3600),
        session_absolute: Duration::from_secs(3600),
        email_confirmation_ttl: Duration::from_secs(3600),
    };
    let db = cartable::server::db::connect(&settings.database_url)
        .await
        .unwrap();
    cartable::server::demo::load(&db).await.unwrap();
    for n in 0..20 {
        admin::add_news(
            &db,
            "isu-dour",
            &format!("Actualité {n}"),
            "Texte **important**.",
            None,
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
        _dir: dir,
    }
}

async fn page(client: &reqwest::Client, url: &str) -> String {
    client.get(url).send().await.unwrap().text().await.unwrap()
}

fn pages(c: &mut Criterion) {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let site = runtime.block_on(site_with_a_settled_parent());
    let visitor = reqwest::Client::new();
    let mut group = c.benchmark_group("server-rendered page");
    group.bench_function("sign-in page", |b| {
        b.to_async(&runtime).iter(|| async {
            assert!(
                page(&visitor, &format!("{}/connexion", site.address))
                    .await
                    .contains("Identifiant")
            );
        })
    });
    group.bench_function("home page of a signed-in parent", |b| {
        b.to_async(&runtime).iter(|| async {
            assert!(
                page(&site.parent, &format!("{}/", site.address))
                    .await
                    .contains("Mère de Durant Albert")
            );
        })
    });
    group.finish();
}

criterion_group!(benches, pages);
criterion_main!(benches);
