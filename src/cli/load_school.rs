//! `cartable load-school`: the demo school grown to a large school's size, for load tests
//! (`bench/load`): 1,000 more students in 24 classes, each with two parents who finished their
//! first sign-in (one of them with the password printed), 1,000 news items and 1,000 events (a third for
//! one class), and 10,000 messages in 2,500 conversations between a teacher and a parent.
use super::output::Output;
use crate::{
    domain::profile::Role,
    server::{
        clock::Clock,
        db::write_transaction,
        entities::{
            consent, conversation, event, event_class, message, news, news_class, parent_account,
            parent_slot, staff_account, student,
        },
        markdown,
        messages::{Member, add_member},
        passwords, platforms, terms,
    },
};
use chrono::Duration;
use sea_orm::{ActiveModelTrait, DatabaseConnection, EntityTrait, Set};

/// The password every parent of the large school signs in with.
pub const PASSWORD: &str = "la charge du lundi";
const STUDENTS: usize = 1_000;
const ITEMS: usize = 1_000;
const CONVERSATIONS: usize = 2_500;
const MESSAGES_EACH: usize = 4;

pub async fn run(db: &DatabaseConnection, out: Output) -> anyhow::Result<()> {
    super::demo::load(db).await?;
    super::demo_staff::load(db, super::demo::CODE).await?;
    let school = platforms::named(db, super::demo::CODE).await?;
    let terms = terms::current(db, school.id).await?;
    let teacher = staff_account::Entity::find()
        .one(db)
        .await?
        .map(|staff| staff.id);
    let now = Clock::default().now();
    // One parent signs in with the printed password; the others share another one (hashing 2,000
    // passwords would take minutes): a child's identifier then opens exactly one account.
    let hash = passwords::hash(PASSWORD.to_owned()).await;
    let others_hash = passwords::hash(format!("{PASSWORD} (autres parents)")).await;
    let txn = write_transaction(db).await?;
    let classes: Vec<String> = (1..=6)
        .flat_map(|year| ["A", "B", "C", "D"].map(|letter| format!("{year}{letter}")))
        .collect();
    let mut parents = Vec::new();
    for n in 0..STUDENTS {
        let child = student::ActiveModel {
            platform_id: Set(school.id),
            identifier: Set(format!("eleve{n}@charge.isu-dour.be")),
            first_name: Set(format!("Élève{n}")),
            last_name: Set("Charge".into()),
            class_name: Set(Some(classes[n % classes.len()].clone())),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        for slot_number in 1..=2 {
            let account = parent_account::ActiveModel {
                password_hash: Set(Some(if n == 0 && slot_number == 1 {
                    hash.clone()
                } else {
                    others_hash.clone()
                })),
                password_changed_at: Set(Some(now)),
                first_name: Set(Some(format!("Parent{slot_number}"))),
                last_name: Set(Some(format!("Charge{n}"))),
                role: Set(Some(if slot_number == 1 {
                    Role::Mother
                } else {
                    Role::Father
                })),
                email: Set(Some(format!("parent{slot_number}.{n}@charge.example.be"))),
                created_at: Set(now),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
            parent_slot::ActiveModel {
                student_id: Set(child.id),
                slot_number: Set(slot_number),
                account_id: Set(Some(account.id)),
                claimed_at: Set(Some(now)),
                link_confirmed_at: Set(Some(now)),
                created_at: Set(now),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
            if let Some(terms) = &terms {
                consent::ActiveModel {
                    account_id: Set(account.id),
                    student_id: Set(child.id),
                    terms_version_id: Set(terms.id),
                    decision: Set(consent::Decision::Accepted),
                    decided_at: Set(now),
                    ..Default::default()
                }
                .insert(&txn)
                .await?;
            }
            parents.push((child.id, account.id));
        }
    }
    for n in 0..ITEMS {
        let at = now - Duration::hours(n as i64);
        let item = news::ActiveModel {
            platform_id: Set(school.id),
            title: Set(format!("Actualité {n}")),
            body_markdown: Set("Une **nouvelle** de l'école.".into()),
            published_at: Set(at),
            notified_at: Set(Some(at)),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        let happening = event::ActiveModel {
            platform_id: Set(school.id),
            title: Set(format!("Événement {n}")),
            description: Set(None),
            starts_at: Set(now + Duration::hours(n as i64 - 500)),
            ends_at: Set(None),
            all_day: Set(false),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        // A third of them for one class, the rest for the whole school.
        if n % 3 == 0 {
            let class = classes[n % classes.len()].clone();
            news_class::ActiveModel {
                news_id: Set(item.id),
                class_name: Set(class.clone()),
            }
            .insert(&txn)
            .await?;
            event_class::ActiveModel {
                event_id: Set(happening.id),
                class_name: Set(class),
            }
            .insert(&txn)
            .await?;
        }
    }
    for n in 0..CONVERSATIONS {
        let (child, parent) = parents[n % parents.len()];
        let at = now - Duration::minutes(n as i64);
        let id = conversation::ActiveModel {
            platform_id: Set(school.id),
            student_id: Set(child),
            subject: Set(format!("Conversation {n}")),
            created_at: Set(at),
            last_message_at: Set(at),
            ..Default::default()
        }
        .insert(&txn)
        .await?
        .id;
        add_member(&txn, id, Member::Parent(parent)).await?;
        if let Some(staff_id) = teacher {
            let platform_id = school.id;
            add_member(
                &txn,
                id,
                Member::Staff {
                    staff_id,
                    platform_id,
                },
            )
            .await?;
        }
        for m in 0..MESSAGES_EACH {
            let body = format!("Message **{m}** : voir https://isu-dour.be/agenda");
            let by_parent = m % 2 == 1 || teacher.is_none();
            message::ActiveModel {
                conversation_id: Set(id),
                author_staff_id: Set(if by_parent { None } else { teacher }),
                author_account_id: Set(by_parent.then_some(parent)),
                html: Set(markdown::message_to_safe_html(&body)),
                body: Set(body),
                urgent: Set(false),
                created_at: Set(at),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
        }
    }
    txn.commit().await?;
    out.report(
        serde_json::json!({
            "students": STUDENTS, "parents": parents.len(), "news": ITEMS, "events": ITEMS,
            "messages": CONVERSATIONS * MESSAGES_EACH,
            "identifier": "eleve0@charge.isu-dour.be", "password": PASSWORD,
            "others_password": format!("{PASSWORD} (autres parents)"),
        }),
        format!(
            "École chargée : {STUDENTS} élèves, {} parents, {ITEMS} actualités, {ITEMS} événements, \
             {} messages. Un parent : identifiant eleve0@charge.isu-dour.be, mot de passe « {PASSWORD} ».",
            parents.len(),
            CONVERSATIONS * MESSAGES_EACH
        ),
    );
    Ok(())
}
