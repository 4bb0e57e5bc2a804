//! How long the server takes to render pages, over real HTTP on loopback: the sign-in page (no
//! session), and the pages of a parent who finished the journey (session, journey check and the
//! page's queries included) in a school with 10 news items and events, then with 1,000 of each: the
//! home page must not slow down as a school's history grows. Also prints how many queries each page
//! runs. `cargo bench --features ssr --bench pages`.
mod support;

use criterion::{Criterion, criterion_group, criterion_main};
use support::{page, queries_for, site_with_a_settled_parent};

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
