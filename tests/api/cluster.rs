//! Several instances on one PostgreSQL behind nginx, started by `deploy/cluster`: a parent signs
//! in through one instance and goes on through the other; sessions, throttle counters and push
//! subscriptions are shared; one instance is killed (SIGKILL) under load, and nginx's other keeps
//! serving: every page answered, no acknowledged write lost, no mail sent twice. Runs in the
//! PostgreSQL pass (`.ci/test`): several instances need a database server.
use crate::delivery::{SmtpSink, free_port};
use crate::helpers::*;
use crate::staff::school_with_staff;
use cartable::server::{
    entities::{
        conversation,
        outbox_mail::{self, State},
    },
    outbox,
};
use reqwest::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, sea_query::Expr};
use std::{
    io::{BufRead, BufReader},
    process::{Child, Command, Stdio},
    sync::{
        Arc,
        atomic::{AtomicUsize, Ordering},
    },
};

/// `deploy/cluster` running: nginx's address and each instance's process id and address.
struct Cluster {
    script: Child,
    nginx: String,
    instances: Vec<(u32, String)>,
}

impl Cluster {
    fn start(database_url: &str, smtp_url: &str) -> Self {
        let mut script = Command::new(concat!(env!("CARGO_MANIFEST_DIR"), "/deploy/cluster"))
            .args([database_url, "2"])
            .env("CARTABLE_BIN", env!("CARGO_BIN_EXE_cartable"))
            .env("SMTP_URL", smtp_url)
            .env("CARTABLE_PUSH_SERVICES", "https://push.example.test")
            // The test server's: the same session cookie's name, the same trusted origin.
            .env("CARTABLE_PUBLIC_URL", PUBLIC_URL)
            // The test server's worker sends too: a mail sent again by another process must carry
            // the same Message-ID, whose domain is the sender's.
            .env("CARTABLE_MAIL_FROM", MAIL_FROM)
            .stdout(Stdio::piped())
            .spawn()
            .expect("deploy/cluster (nginx from Debian)");
        let mut lines = BufReader::new(script.stdout.take().unwrap()).lines();
        let (mut nginx, mut instances) = (String::new(), Vec::new());
        for line in lines.by_ref() {
            let line = line.unwrap();
            let words: Vec<&str> = line.split(' ').collect();
            match words.as_slice() {
                ["nginx", address] => nginx = (*address).to_owned(),
                ["instance", pid, address] => {
                    instances.push((pid.parse().unwrap(), (*address).to_owned()));
                }
                ["ready"] => break,
                _ => panic!("deploy/cluster said {line}"),
            }
        }
        assert_eq!(instances.len(), 2, "deploy/cluster did not start");
        Self {
            script,
            nginx,
            instances,
        }
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        let pid = self.script.id().to_string();
        let _ = Command::new("kill").args(["-TERM", &pid]).status();
        let _ = self.script.wait();
    }
}

fn kill(pid: u32) {
    let killed = Command::new("kill")
        .args(["-KILL", &pid.to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
}

#[tokio::test]
async fn instances_behind_nginx_share_everything_and_one_dies_under_load_losing_nothing() {
    if std::env::var("CARTABLE_TEST_POSTGRES_URL").is_err() {
        eprintln!("skipped: several instances need PostgreSQL (the PostgreSQL pass runs this)");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let sink = SmtpSink::start(free_port(), &dir.path().join("maildir"));
    let url = sink.url();
    let app = spawn_app_with(|settings| settings.smtp_url = Some(url)).await;
    let callers = school_with_staff(&app).await;
    let cluster = Cluster::start(&app.database_url, &sink.url());
    let [(first_pid, first), (_, second)] =
        [cluster.instances[0].clone(), cluster.instances[1].clone()];

    // A session opened on one instance goes on on the other.
    let marie = browser();
    let opened = marie
        .post(format!("{first}/api/sign_in"))
        .form(&[("identifier", MARIE), ("password", MARIE_LETTER)])
        .send()
        .await
        .unwrap();
    assert_eq!(next_page(&opened), "/conditions");
    let accepted = marie
        .post(format!("{second}/api/accept_terms"))
        .form(&[("version", "1")])
        .send()
        .await
        .unwrap();
    assert_eq!(next_page(&accepted), "/mot-de-passe");

    // A throttle counter filled on one instance locks the other.
    let guess = |on: String| async move {
        browser()
            .post(format!("{on}/api/sign_in"))
            .form(&[("identifier", ALBERT), ("password", "une mauvaise lettre")])
            .send()
            .await
            .unwrap()
            .status()
    };
    // Five free failures, the sixth sets the lock.
    for _ in 0..6 {
        assert_eq!(guess(first.clone()).await, StatusCode::BAD_REQUEST);
    }
    assert_eq!(guess(second.clone()).await, StatusCode::TOO_MANY_REQUESTS);

    // A push subscription saved through one is the other's too.
    let mother = &callers.parent;
    let form = crate::push::BrowserKeys::new().form("https://push.example.test/abc");
    let subscribed = mother
        .post(format!("{first}/api/save_push_subscription"))
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(subscribed.status(), StatusCode::OK);
    let seen: serde_json::Value = mother
        .post(format!("{second}/api/notification_settings"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(seen["devices"].as_array().unwrap().len(), 1);
    // Push off, so that nothing is posted to that pretend service below.
    let form = [
        ("by_mail", "true"),
        ("quiet_from", "00:00"),
        ("quiet_until", "00:00"),
    ];
    mother
        .post(format!("{second}/api/save_notification_settings"))
        .form(&form)
        .send()
        .await
        .unwrap();

    // Under load through nginx, the first instance dies.
    let now = app.clock.now();
    for n in 0..300 {
        outbox::enqueue(&app.db, now, numbered_mail(n))
            .await
            .unwrap();
    }
    let pages = Arc::new(AtomicUsize::new(0));
    let readers: Vec<_> = (0..4)
        .map(|_| {
            let (nginx, pages) = (cluster.nginx.clone(), pages.clone());
            let cookie: reqwest::Client = (**mother).clone();
            tokio::spawn(async move {
                for _ in 0..50 {
                    let home = cookie.get(format!("{nginx}/")).send().await.unwrap();
                    assert_eq!(home.status(), StatusCode::OK, "a page failed: {home:?}");
                    pages.fetch_add(1, Ordering::Relaxed);
                }
            })
        })
        .collect();
    let mut acknowledged = 0;
    for n in 0..30 {
        if n == 10 {
            kill(first_pid);
        }
        let form = reqwest::multipart::Form::new()
            .text("recipient", "admins")
            .text("subject", format!("Charge {n}"))
            .text("body", "Bonjour.");
        let sent = mother
            .post(format!("{}/api/send_message", cluster.nginx))
            .multipart(form)
            .send()
            .await
            .unwrap();
        // A form posted to the instance that died is not retried by nginx (it may have been
        // written): the parent sees an error and sends again. Whatever was acknowledged is kept.
        if sent.status().is_redirection() || sent.status().is_success() {
            acknowledged += 1;
        }
    }
    for reader in readers {
        reader.await.unwrap();
    }
    assert_eq!(pages.load(Ordering::Relaxed), 200, "every page answered");
    assert!(
        acknowledged >= 25,
        "the other instance took the writes ({acknowledged} of 30)"
    );
    let written = conversation::Entity::find()
        .filter(conversation::Column::Subject.starts_with("Charge "))
        .count(&app.db)
        .await
        .unwrap();
    assert!(
        written as usize >= acknowledged,
        "{written} written, {acknowledged} acknowledged"
    );

    // The dead instance's claims end with their lease (made to have passed), and the others send
    // what it held: every mail once. Only its own claims (a worker's name starts with its process
    // id): cutting a living worker's lease short would let another send its mail in hand again.
    outbox_mail::Entity::update_many()
        .col_expr(
            outbox_mail::Column::ClaimedUntil,
            Expr::value(app.clock.now()),
        )
        .filter(outbox_mail::Column::State.eq(State::Pending))
        .filter(outbox_mail::Column::ClaimedBy.starts_with(format!("{first_pid}-")))
        .exec(&app.db)
        .await
        .unwrap();
    let rows = || outbox_mail::Entity::find().all(&app.db);
    for _ in 0..1800 {
        if rows()
            .await
            .unwrap()
            .iter()
            .all(|row| row.state == State::Sent)
        {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let all = rows().await.unwrap();
    let unsent: Vec<_> = all.iter().filter(|row| row.state != State::Sent).collect();
    assert!(unsent.is_empty(), "every mail sent, but not {unsent:#?}");
    let received = sink.received();
    // A row's Message-IDs beyond the one it should have had, and those of no row at all.
    let strays: Vec<_> = received
        .keys()
        .filter(|id| {
            let row = id
                .strip_prefix("<outbox-")
                .and_then(|rest| rest.split('.').next())
                .and_then(|number| number.parse::<i64>().ok());
            let ids_of_row = |row: i64| {
                received
                    .keys()
                    .filter(|other| other.starts_with(&format!("<outbox-{row}.")))
                    .count()
            };
            row.is_none_or(|row| ids_of_row(row) > 1 || all.iter().all(|r| r.id != row))
        })
        .collect();
    assert_eq!(
        received.len(),
        all.len(),
        "each mail arrived, under its own Message-ID; strays: {strays:?}"
    );
    let twice = received.values().filter(|&&times| times > 1).count();
    assert!(
        twice <= 1,
        "only the mail in the dead instance's hands may go twice, not {twice}: {:?}",
        received
            .iter()
            .filter(|(_, times)| **times > 1)
            .collect::<Vec<_>>()
    );
}
