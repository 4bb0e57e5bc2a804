//! A parent's data: downloaded by them from "Mon compte" (everything held on them, nobody else's),
//! exported and erased by the school from the command line (their letters' slots freed, their old
//! letter no longer opening them, what they wrote to a shared conversation kept without their name).
use crate::helpers::*;
use crate::notifications::teacher_writes;
use crate::staff::school_with_staff;
use cartable::server::entities::{parent_account, parent_slot};
use reqwest::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::Value;

#[tokio::test]
async fn a_parent_downloads_their_data_and_the_school_exports_then_erases_it() {
    let app = spawn_app().await;
    let callers = school_with_staff(&app).await;
    let mother = &callers.parent;
    teacher_writes(&app, &callers.teacher_here, "Piscine demain", false).await;

    let answer = app.get(mother, "/appareils/mes-donnees").await;
    assert_eq!(answer.status(), StatusCode::OK);
    assert!(
        answer.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .starts_with("attachment")
    );
    let text = answer.text().await.unwrap();
    assert!(
        !text.contains("password_hash") && !text.contains("$argon2"),
        "no secret: {text}"
    );
    let data: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(data["account"]["email"], "antoinette.dupond@example.be");
    assert_eq!(data["children"][0]["identifier"], ALBERT);
    assert_eq!(data["conversations"][0]["subject"], "Piscine demain");
    assert_eq!(data["conversations"][0]["messages"][0]["text"], "Bonjour.");
    assert!(!data["security_log"].as_array().unwrap().is_empty());
    assert!(!data["signed_in_devices"].as_array().unwrap().is_empty());
    // Nobody else's: without a session, the way to sign in.
    let stranger = app.get(&browser(), "/appareils/mes-donnees").await;
    assert_eq!(next_page(&stranger), "/connexion");

    // The school, from its command line: the export, then the erasure.
    let dir = tempfile::tempdir().unwrap();
    let exported = cartable(
        &app,
        &["export", "--parent", "Antoinette.Dupond@example.be", "--to"],
        dir.path(),
    );
    assert!(exported.contains("Données écrites"), "{exported}");
    let id = account_id(&app).await;
    let page =
        std::fs::read_to_string(dir.path().join(format!("donnees-parent-{id}.html"))).unwrap();
    assert!(page.contains("antoinette.dupond@example.be") && page.contains("Piscine demain"));
    let json =
        std::fs::read_to_string(dir.path().join(format!("donnees-parent-{id}.json"))).unwrap();
    assert_eq!(
        serde_json::from_str::<Value>(&json).unwrap()["children"],
        data["children"]
    );

    let erased = cartable(
        &app,
        &["erase", "--parent", "antoinette.dupond@example.be"],
        dir.path(),
    );
    assert!(erased.contains("Places de lettre libérées : 1"), "{erased}");
    let gone = parent_account::Entity::find_by_id(id)
        .one(&app.db)
        .await
        .unwrap();
    assert!(gone.is_none());
    // Her session ends with her account; her slot is free, her old letter opens nothing.
    assert_ne!(app.call(mother, "home", &[]).await.status(), StatusCode::OK);
    let slots = parent_slot::Entity::find()
        .filter(parent_slot::Column::AccountId.eq(id))
        .all(&app.db)
        .await
        .unwrap();
    assert!(slots.is_empty());
    let again = app.sign_in(&browser(), ALBERT, ALBERT_LETTER).await;
    assert!(!again.status().is_redirection() && !again.status().is_success());
    // A second erasure finds nobody.
    let output = command(
        &app,
        &["erase", "--parent", "antoinette.dupond@example.be"],
        dir.path(),
    )
    .output()
    .unwrap();
    assert!(!output.status.success());
}

async fn account_id(app: &TestApp) -> i32 {
    parent_account::Entity::find()
        .filter(parent_account::Column::Email.eq("antoinette.dupond@example.be"))
        .one(&app.db)
        .await
        .unwrap()
        .map_or(0, |account| account.id)
}

/// The school's `cartable` command on the test server's database.
fn command(app: &TestApp, args: &[&str], dir: &std::path::Path) -> std::process::Command {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_cartable"));
    command
        .args(args)
        .env("DATABASE_URL", &app.database_url)
        .env("CARTABLE_DATA_DIR", dir);
    command
}

/// Runs it (with `dir` last for `--to`), and returns what it printed.
fn cartable(app: &TestApp, args: &[&str], dir: &std::path::Path) -> String {
    let mut command = command(app, args, dir);
    if args.last() == Some(&"--to") {
        command.arg(dir);
    }
    let output = command.output().unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}
