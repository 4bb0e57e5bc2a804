//! How long the parents' messages take to render, over real HTTP on loopback, in a school with
//! 10,000 conversations: the inbox of a parent with 50 of them, and one conversation of 200
//! messages. Also prints how many queries each runs. `cargo bench --features ssr --bench inbox`.
mod support;

use cartable::server::{
    entities::{conversation, message, parent_slot, staff_account, student},
    messages::{Member, add_member},
};
use chrono::{Duration, Utc};
use criterion::{Criterion, criterion_group, criterion_main};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set,
    TransactionTrait,
};
use support::{page, queries_for, site_with_a_settled_parent};

/// Conversations in the school, all but the parent's between staff and other families.
const SCHOOL: usize = 10_000;
/// The parent's own.
const PARENTS: usize = 50;
/// Messages in the long conversation.
const LONG: usize = 200;

/// Fills the school; returns the id of the parent's long conversation.
async fn fill(db: &DatabaseConnection) -> i32 {
    let albert = student::Entity::find()
        .filter(student::Column::Identifier.eq("albert.durant@isu-dour.be"))
        .one(db)
        .await
        .unwrap()
        .unwrap();
    let others: Vec<student::Model> = student::Entity::find()
        .filter(student::Column::Id.ne(albert.id))
        .all(db)
        .await
        .unwrap();
    let parent = parent_slot::Entity::find()
        .filter(parent_slot::Column::StudentId.eq(albert.id))
        .filter(parent_slot::Column::AccountId.is_not_null())
        .one(db)
        .await
        .unwrap()
        .unwrap()
        .account_id;
    // The demo's staff: its administrator and Mme Leroy, who writes.
    cartable::cli::demo_staff::load(db, "isu-dour")
        .await
        .unwrap();
    let teacher = staff_account::Entity::find()
        .one(db)
        .await
        .unwrap()
        .unwrap()
        .id;
    let txn = db.begin().await.unwrap();
    let mut long = 0;
    for n in 0..SCHOOL {
        let (child, with_parent) = match n {
            n if n < PARENTS => (&albert, true),
            n => (&others[n % others.len()], false),
        };
        let at = Utc::now() - Duration::minutes(n as i64);
        let id = conversation::ActiveModel {
            platform_id: Set(child.platform_id),
            student_id: Set(child.id),
            subject: Set(format!("Conversation {n}")),
            created_at: Set(at),
            last_message_at: Set(at),
            ..Default::default()
        }
        .insert(&txn)
        .await
        .unwrap()
        .id;
        let platform_id = child.platform_id;
        let staff = Member::Staff {
            staff_id: teacher,
            platform_id,
        };
        add_member(&txn, id, staff).await.unwrap();
        if let Some(parent) = with_parent.then_some(parent).flatten() {
            add_member(&txn, id, Member::Parent(parent)).await.unwrap();
        }
        let count = if n == 0 { LONG } else { 3 };
        if n == 0 {
            long = id;
        }
        for m in 0..count {
            let body = format!("Message **{m}** : voir https://isu-dour.be/agenda");
            message::ActiveModel {
                conversation_id: Set(id),
                author_staff_id: Set((m % 2 == 0).then_some(teacher)),
                author_account_id: Set(if m % 2 == 1 && with_parent {
                    parent
                } else {
                    None
                }),
                html: Set(cartable::server::markdown::message_to_safe_html(&body)),
                body: Set(body),
                urgent: Set(false),
                created_at: Set(at),
                ..Default::default()
            }
            .insert(&txn)
            .await
            .unwrap();
        }
    }
    txn.commit().await.unwrap();
    long
}

fn inbox(c: &mut Criterion) {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let site = runtime.block_on(site_with_a_settled_parent(10));
    let long = runtime.block_on(fill(&site.db));
    let mut group = c.benchmark_group("messages");
    let conversation = format!("/messages/{long}");
    for (name, path, expected) in [
        (
            "inbox (50 of 10,000 conversations)",
            "/messages",
            "Conversation 49",
        ),
        (
            "conversation of 200 messages",
            conversation.as_str(),
            "Message <strong>199</strong>",
        ),
    ] {
        let queries = runtime.block_on(queries_for(&site, path));
        eprintln!("{name}: {queries} queries");
        group.bench_function(name, |b| {
            b.to_async(&runtime).iter(|| async {
                let html = page(&site.parent, &format!("{}{path}", site.address)).await;
                assert!(html.contains(expected), "{name}");
            })
        });
    }
    group.finish();
}

criterion_group!(benches, inbox);
criterion_main!(benches);
