//! The security log: what a parent's session writes to `audit_events`, in order, and what staff
//! read of it with `cartable audit`.
use crate::helpers::*;

/// A parent's first sign-in and journey, a sign-out, a mistake, a sign-in with their own password,
/// a password change that signs the other devices out, and a sign-out.
const SESSION: [&str; 8] = [
    "sign_in",
    "terms_accepted",
    "sign_out",
    "sign_in_failed",
    "sign_in",
    "password_changed",
    "other_sessions_removed",
    "sign_out",
];

async fn scripted_session(app: &TestApp) {
    let parent = app.settled_parent().await;
    next_page(&app.call(&parent, "sign_out", &[]).await);
    error(app.sign_in(&parent, ALBERT, "pas le bon").await).await;
    assert_eq!(
        next_page(&app.sign_in(&parent, ALBERT, NEW_PASSWORD).await),
        "/"
    );
    let new = "un autre chat dort ici";
    let form = [
        ("current_password", NEW_PASSWORD),
        ("new_password", new),
        ("repeat_password", new),
        ("sign_out_others", "on"),
    ];
    next_page(&app.call(&parent, "change_own_password", &form).await);
    next_page(&app.call(&parent, "sign_out", &[]).await);
}

#[tokio::test]
async fn a_session_is_logged_event_by_event_in_order() {
    let app = spawn_app().await;
    scripted_session(&app).await;
    assert_eq!(app.audit_kinds().await, SESSION);
}

#[tokio::test]
async fn staff_read_the_session_with_cartable_audit() {
    let app = spawn_app().await;
    scripted_session(&app).await;
    let data = tempfile::tempdir().unwrap();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_cartable"))
        .args(["audit", "--identifier", ALBERT])
        .env("DATABASE_URL", app.database_url().await)
        .env("CARTABLE_DATA_DIR", data.path())
        .output()
        .expect("cartable runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    let printed = String::from_utf8(output.stdout).unwrap();
    // One line per event, newest first: "2026-11-30 14:05:00  compte 1     sign_in  127.0.0.1 …".
    let kinds: Vec<&str> = printed
        .lines()
        .map(|line| line.split_whitespace().nth(4).unwrap_or(line))
        .collect();
    let newest_first: Vec<&str> = SESSION.iter().rev().copied().collect();
    assert_eq!(kinds, newest_first, "{printed}");
    let failed = printed
        .lines()
        .find(|line| line.contains("sign_in_failed"))
        .unwrap();
    assert!(
        failed.contains("compte -") && failed.contains("127.0.0.1") && failed.ends_with(ALBERT),
        "{failed}"
    );
}
