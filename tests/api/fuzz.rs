//! Malformed and oversized input thrown at every server function, signed out and signed in: wrong
//! types, missing and unknown fields, huge strings, invalid UTF-8, bodies that are not forms. The
//! server never answers 500, never panics (it keeps answering), and the data parents and schools
//! see is unchanged. (The security log and throttle counters may grow: that is their job.)
use crate::helpers::*;
use cartable::{api::error::sign_in_refused, domain::profile::control_characters};
use proptest::prelude::*;
use reqwest::{Client, StatusCode};
use sea_orm::{ConnectionTrait, Statement};

/// The server's limit on request bodies (`startup::router`).
const MAX_BODY_BYTES: usize = 64 * 1024;

/// Every server function the site registers (`/api/<name>`): read from Leptos' registry, so that
/// a new one cannot escape the fuzzing.
pub(crate) fn functions() -> Vec<&'static str> {
    let mut names: Vec<&'static str> = leptos::server_fn::axum::server_fn_paths()
        .filter_map(|(path, _)| path.strip_prefix("/api/"))
        .collect();
    names.sort_unstable();
    names
}

#[test]
fn the_registry_lists_every_server_function() {
    let names = functions();
    for known in [
        "sign_in",
        "home",
        "link_child",
        "reset_password",
        "reset_admins",
    ] {
        assert!(names.contains(&known), "{known} missing from {names:?}");
    }
    assert!(names.len() >= 33, "{names:?}");
}

/// Field names the functions know, and some they don't.
const FIELDS: [&str; 25] = [
    "identifier",
    "first_name",
    "last_name",
    "role",
    "phone",
    "mobile",
    "current_password",
    "who",
    "domain",
    "sign_out_others",
    "password",
    "version",
    "new_password",
    "repeat_password",
    "email",
    "token",
    "student_id",
    "id",
    "page",
    "mois",
    "jour",
    "platform",
    "code",
    "handle",
    "inconnu",
];

/// What parents and schools see; none of it may change.
const TABLES: [&str; 9] = [
    "parent_accounts",
    "parent_slots",
    "students",
    "consents",
    "mailed_links",
    "news",
    "events",
    "courses",
    "terms_versions",
];

/// A fingerprint of the visible data: each table's row count and the slots' owners.
async fn fingerprint(app: &TestApp) -> Vec<String> {
    let mut rows = Vec::new();
    for table in TABLES {
        let sql = format!("SELECT COUNT(*) AS n FROM {table}");
        let row = app
            .db
            .query_one_raw(Statement::from_string(app.db.get_database_backend(), sql))
            .await
            .unwrap()
            .unwrap();
        rows.push(format!("{table}={}", row.try_get::<i64>("", "n").unwrap()));
    }
    let owners = "SELECT CAST(COALESCE(SUM(COALESCE(account_id, 0) * id), 0) AS BIGINT) AS n FROM parent_slots";
    let row = app
        .db
        .query_one_raw(Statement::from_string(
            app.db.get_database_backend(),
            owners.to_owned(),
        ))
        .await
        .unwrap()
        .unwrap();
    rows.push(format!("owners={}", row.try_get::<i64>("", "n").unwrap()));
    rows
}

/// A value as an attacker would send it.
fn value() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        ".{0,40}".prop_map(String::into_bytes),
        any::<i64>().prop_map(|n| n.to_string().into_bytes()),
        Just(b"%FF%FE%00".to_vec()),
        Just(vec![0xC3, 0x28, 0xFF]),
        (1usize..70_000).prop_map(|n| "é".repeat(n / 2).into_bytes()),
        Just(b"[1,2,3]".to_vec()),
        Just(b"{\"a\":null}".to_vec()),
    ]
}

/// A request body: some fields (known or not, repeated or missing), raw or percent-encoded.
fn body() -> impl Strategy<Value = (Vec<u8>, &'static str)> {
    let field = (proptest::sample::select(&FIELDS[..]), value());
    (
        proptest::collection::vec(field, 0..5),
        proptest::sample::select(
            &[
                "application/x-www-form-urlencoded",
                "application/json",
                "text/plain",
            ][..],
        ),
        any::<bool>(),
    )
        .prop_map(|(fields, content_type, encode)| {
            let mut body = Vec::new();
            for (index, (name, value)) in fields.into_iter().enumerate() {
                if index > 0 {
                    body.push(b'&');
                }
                body.extend_from_slice(name.as_bytes());
                body.push(b'=');
                if encode {
                    for byte in value {
                        body.extend(format!("%{byte:02X}").bytes());
                    }
                } else {
                    body.extend(value);
                }
            }
            (body, content_type)
        })
}

fn no_server_error(status: StatusCode, function: &str) -> Result<(), TestCaseError> {
    prop_assert!(
        status != StatusCode::INTERNAL_SERVER_ERROR && !status.is_server_error(),
        "{function} answered {status}"
    );
    Ok(())
}

#[test]
fn malformed_input_never_breaks_a_server_function() {
    let _alone = HASHING_FLOOD.blocking_lock();
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let (app, parent) = runtime.block_on(async {
        let app = spawn_app().await;
        let parent = app.settled_parent().await;
        (app, parent)
    });
    let before = runtime.block_on(fingerprint(&app));
    // A new connection for every request: after a 413 the server may close one mid-request.
    // An answer that never comes fails the case, naming it, instead of stalling the run.
    let client = reqwest::Client::builder()
        .timeout(std::time::Duration::from_secs(60))
        .pool_max_idle_per_host(0)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let cookie = parent
        .session_cookie(&app.address)
        .expect("the parent's session");
    // More cases on demand: `PROPTEST_CASES=5000 cargo test --features ssr --test api fuzz`.
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok());
    let config = ProptestConfig {
        cases: cases.unwrap_or(300),
        failure_persistence: None,
        ..ProptestConfig::default()
    };
    proptest!(config, |(function in proptest::sample::select(functions()), (body, content_type) in body(), signed_in in any::<bool>())| {
        // Functions that change the account on success are only thrown at by a stranger.
        let changes_on_success = ["sign_out", "refuse_terms", "remove_device", "remove_other_devices"].contains(&function);
        let cookie = (signed_in && !changes_on_success).then(|| cookie.clone());
        // A form that sends a file may be larger: the file(s) and the form around it.
        let limit = match function {
            "staff_upload_logo" => cartable::domain::school_brand::LOGO_BYTES + 16 * 1024,
            // A message: three files and its text.
            upload if crate::security::MULTIPART.contains(&upload) => {
                use cartable::domain::messages::{ATTACHMENTS, ATTACHMENT_BYTES};
                ATTACHMENTS * ATTACHMENT_BYTES + MAX_BODY_BYTES
            }
            _ => MAX_BODY_BYTES,
        };
        let oversized = body.len() > limit;
        let status = runtime.block_on(async {
            let mut request = client
                .post(format!("{}/api/{function}", app.address))
                .header("Content-Type", content_type);
            if let Some(cookie) = cookie {
                request = request.header("Cookie", cookie);
            }
            request
                .body(body)
                .send()
                .await
                .map(|response| response.status())
        });
        match status {
            Ok(status) => {
                no_server_error(status, function)?;
                prop_assert!(!oversized || status == StatusCode::PAYLOAD_TOO_LARGE, "{function}: {status}");
            }
            // The server may answer 413 and close before an oversized body is even sent.
            Err(_) if oversized => {}
            Err(error) => prop_assert!(false, "{function}: {error}"),
        }
    });
    runtime.block_on(async {
        assert_eq!(fingerprint(&app).await, before, "nothing stored changed");
        // Still alive and serving the parent.
        assert_eq!(app.get(&parent, "/").await.status(), StatusCode::OK);
    });
}

/// Sends `form` to `function` once per field, that field holding control characters (NUL among
/// them, which PostgreSQL refuses to store): each time a 400 with only the refusal of control
/// characters under that field (or `shown`: another field and message), and nothing stored
/// changes.
async fn refused_field_by_field(
    app: &TestApp,
    client: &Client,
    function: &str,
    form: &[(&str, &str)],
    shown: Option<(&str, &str)>,
) {
    let before = fingerprint(app).await;
    for (index, (field, _)) in form.iter().enumerate() {
        let mut sent = form.to_vec();
        sent[index].1 = "a\u{0}b\u{7}";
        let (status, error) = error(app.call(client, function, &sent).await).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{function} with {field}");
        let (under, message) = shown.unwrap_or((field, control_characters(FR)));
        assert_eq!(
            field_errors(&error),
            only(under, message),
            "{function} with {field}"
        );
    }
    assert_eq!(fingerprint(app).await, before, "{function} changed nothing");
}

#[tokio::test]
async fn control_characters_are_refused_in_every_text_field() {
    let app = spawn_app().await;
    let stranger = browser();
    let sign_in = [("identifier", ALBERT), ("password", ALBERT_LETTER)];
    // Sign-in never says which field was wrong.
    let refusal = Some(("password", sign_in_refused(FR)));
    refused_field_by_field(&app, &stranger, "sign_in", &sign_in, refusal).await;
    for (function, form) in [
        ("confirm_email", vec![("token", "abc")]),
        ("sign_in_code", vec![("code", "123456")]),
        ("request_password_reset", vec![("who", ALBERT)]),
        ("reset_admins", vec![("domain", "isu-dour.be")]),
        (
            "reset_password",
            vec![
                ("token", "abc"),
                ("new_password", NEW_PASSWORD),
                ("repeat_password", NEW_PASSWORD),
            ],
        ),
    ] {
        refused_field_by_field(&app, &stranger, function, &form, None).await;
    }

    // Each step's form, while the parent is on that step.
    let parent = app.parent_at_password_step().await;
    let passwords = [
        ("new_password", NEW_PASSWORD),
        ("repeat_password", NEW_PASSWORD),
    ];
    refused_field_by_field(&app, &parent, "change_password", &passwords, None).await;
    app.call(&parent, "change_password", &passwords).await;
    refused_field_by_field(&app, &parent, "save_profile", &antoinette(), None).await;
    app.call(&parent, "save_profile", &antoinette()).await;

    // The ✓ of "Plateforme" answers under that field.
    let code = [("code", "isu-dour")];
    let under_platform = Some(("platform", control_characters(FR)));
    refused_field_by_field(&app, &parent, "platform_name", &code, under_platform).await;
    for (function, form) in [
        (
            "link_child",
            vec![
                ("platform", "isu-dour"),
                ("identifier", MARIE),
                ("password", MARIE_LETTER),
            ],
        ),
        ("confirm_link_password", vec![("password", NEW_PASSWORD)]),
        (
            "calendar",
            vec![("mois", "2026-11"), ("jour", "2026-11-30")],
        ),
        ("remove_device", vec![("handle", "0123456789abcdef")]),
        (
            "change_own_password",
            vec![
                ("current_password", NEW_PASSWORD),
                ("new_password", "un autre chat dort"),
                ("repeat_password", "un autre chat dort"),
            ],
        ),
        (
            "change_email",
            vec![
                ("email", "antoinette@example.org"),
                ("current_password", NEW_PASSWORD),
            ],
        ),
    ] {
        refused_field_by_field(&app, &parent, function, &form, None).await;
    }
}
