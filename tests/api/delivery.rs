//! Delivery that loses nothing and sends nothing twice, against a real SMTP server (aiosmtpd, from
//! Debian's python3-aiosmtpd, storing what it accepts in a maildir): an SMTP outage delays mail and
//! loses none; a `cartable serve` killed (SIGKILL) in the middle of a batch and started again
//! delivers every mail once, each under its own `Message-ID`.
use crate::helpers::*;
use cartable::server::{
    entities::outbox_mail::{self, State},
    outbox,
};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, sea_query::Expr};
use std::{
    collections::BTreeMap,
    path::{Path, PathBuf},
    process::{Child, Command, Stdio},
    time::Duration,
};

/// aiosmtpd on a loopback port, writing every message it accepts to a maildir.
pub(crate) struct SmtpSink {
    port: u16,
    maildir: PathBuf,
    process: Child,
}

impl SmtpSink {
    /// Starts one on `port`, and waits until it answers.
    pub(crate) fn start(port: u16, maildir: &Path) -> Self {
        // Debian's package is Debian's Python's: not a pyenv or virtualenv `python3` first on PATH.
        let process = Command::new("/usr/bin/python3")
            .args(["-m", "aiosmtpd", "-n", "-l", &format!("127.0.0.1:{port}")])
            .args(["-c", "aiosmtpd.handlers.Mailbox"])
            .arg(maildir)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("aiosmtpd (apt install python3-aiosmtpd, as .ci/setup does)");
        let up = (0..100).any(|_| {
            std::thread::sleep(Duration::from_millis(50));
            std::net::TcpStream::connect(("127.0.0.1", port)).is_ok()
        });
        assert!(up, "aiosmtpd never listened on {port}");
        Self {
            port,
            maildir: maildir.to_owned(),
            process,
        }
    }

    pub(crate) fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    /// Stops it: nothing listens on its port any more.
    fn stop(mut self) -> (u16, PathBuf) {
        self.process.kill().unwrap();
        self.process.wait().unwrap();
        (self.port, self.maildir.clone())
    }

    /// The `Message-ID` of each message received, with how many times it came.
    pub(crate) fn received(&self) -> BTreeMap<String, usize> {
        received_in(&self.maildir)
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        let _ = self.process.kill();
        let _ = self.process.wait();
    }
}

fn received_in(maildir: &Path) -> BTreeMap<String, usize> {
    let mut ids = BTreeMap::new();
    let Ok(entries) = std::fs::read_dir(maildir.join("new")) else {
        return ids;
    };
    for entry in entries {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap_or_default();
        // aiosmtpd 1.4 stores what arrived of a message whose connection was lost in the middle
        // (a sender killed mid-send), where a real mail server drops it: a beginning cut before
        // the Message-ID is no mail. (Cut after it, it counts, and the mail sent again shows twice.)
        let Some(id) = text
            .lines()
            .find_map(|line| line.strip_prefix("Message-ID: "))
        else {
            continue;
        };
        *ids.entry(id.trim().to_owned()).or_default() += 1;
    }
    ids
}

pub(crate) fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

async fn enqueue(
    db: &DatabaseConnection,
    now: chrono::DateTime<chrono::Utc>,
    range: std::ops::Range<usize>,
) {
    for n in range {
        outbox::enqueue(db, now, numbered_mail(n)).await.unwrap();
    }
}

async fn rows(db: &DatabaseConnection) -> Vec<outbox_mail::Model> {
    outbox_mail::Entity::find().all(db).await.unwrap()
}

/// Waits (`seconds` at most) until `done` holds.
async fn wait_for(seconds: u64, what: &str, mut done: impl AsyncFnMut() -> bool) {
    for _ in 0..seconds * 20 {
        if done().await {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("never: {what}");
}

#[tokio::test]
async fn an_smtp_server_stopped_for_a_minute_delays_mail_and_loses_none() {
    let dir = tempfile::tempdir().unwrap();
    // aiosmtpd makes the maildir itself.
    let sink = SmtpSink::start(free_port(), &dir.path().join("maildir"));
    let url = sink.url();
    let app = spawn_app_with(|settings| settings.smtp_url = Some(url)).await;
    enqueue(&app.db, app.clock.now(), 0..10).await;
    wait_for(10, "the first ten delivered", async || {
        sink.received().len() == 10
    })
    .await;

    // The mail server goes down; the school goes on writing.
    let (port, maildir) = sink.stop();
    enqueue(&app.db, app.clock.now(), 10..40).await;
    wait_for(10, "every new mail tried and refused", async || {
        rows(&app.db)
            .await
            .iter()
            .filter(|row| row.attempts >= 1 && row.state == State::Pending)
            .count()
            == 30
    })
    .await;
    assert_eq!(
        received_in(&maildir).len(),
        10,
        "nothing went while it was down"
    );

    // A minute later it is back: the next attempts deliver everything, once.
    let sink = SmtpSink::start(port, &maildir);
    app.clock.advance(chrono::Duration::seconds(61));
    wait_for(20, "all forty delivered", async || {
        if rows(&app.db)
            .await
            .iter()
            .all(|row| row.state == State::Sent)
        {
            return true;
        }
        // A connection the pool kept from before the outage fails once: the next retry is due later.
        app.clock.advance(chrono::Duration::seconds(61));
        false
    })
    .await;
    let received = sink.received();
    assert_eq!(received.len(), 40, "every mail arrived");
    assert!(
        received.values().all(|&times| times == 1),
        "none twice: {received:?}"
    );
}

#[tokio::test]
async fn a_server_killed_in_the_middle_of_a_batch_and_started_again_delivers_every_mail_once() {
    const MAILS: usize = 300;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("cartable.db");
    let url = format!("sqlite://{}?mode=rwc", file.display());
    let db = cartable::server::db::connect(&url).await.unwrap();
    enqueue(&db, chrono::Utc::now(), 0..MAILS).await;
    let sink = SmtpSink::start(free_port(), &dir.path().join("maildir"));
    let serve = || {
        Command::new(env!("CARGO_BIN_EXE_cartable"))
            .arg("serve")
            .env("DATABASE_URL", &url)
            .env("CARTABLE_DATA_DIR", dir.path())
            .env("CARTABLE_ADDR", format!("127.0.0.1:{}", free_port()))
            .env("SMTP_URL", sink.url())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap()
    };
    let mut server = serve();
    wait_for(30, "the first mails delivered", async || {
        !sink.received().is_empty()
    })
    .await;
    // SIGKILL: no chance to finish the mail in hand or to let its claims go.
    server.kill().unwrap();
    server.wait().unwrap();
    let at_kill = sink.received().len();
    assert!(
        at_kill < MAILS,
        "killed in the middle ({at_kill} of {MAILS} delivered)"
    );

    // Its claims hold for their lease (5 minutes): a separate process's clock can't be moved, so
    // the lease is made to have passed.
    let passed = chrono::Utc::now() - chrono::Duration::minutes(1);
    outbox_mail::Entity::update_many()
        .col_expr(outbox_mail::Column::ClaimedUntil, Expr::value(passed))
        .filter(outbox_mail::Column::ClaimedUntil.is_not_null())
        .exec(&db)
        .await
        .unwrap();
    let mut server = serve();
    wait_for(60, "every mail sent after the restart", async || {
        rows(&db).await.iter().all(|row| row.state == State::Sent)
    })
    .await;
    server.kill().unwrap();
    server.wait().unwrap();
    let received = sink.received();
    assert_eq!(
        received.len(),
        MAILS,
        "every mail arrived, each under its own Message-ID"
    );
    // The mail in hand when the server died may have been handed over and not marked: it goes again,
    // under the same Message-ID, which mail servers and clients take for one message.
    let again: Vec<_> = received.iter().filter(|(_, times)| **times > 1).collect();
    assert!(
        again.len() <= 1 && again.iter().all(|(_, times)| **times == 2),
        "{again:?}"
    );
}
