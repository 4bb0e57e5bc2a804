//! The `cartable` binary as school staff and scripts use it.
use std::process::Command;

fn cartable(db: &std::path::Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_cartable"))
        .args(args)
        .env(
            "DATABASE_URL",
            format!("sqlite://{}?mode=rwc", db.display()),
        )
        .env("CARTABLE_DATA_DIR", db.parent().unwrap())
        .output()
        .expect("cartable runs")
}

/// The error a failed command printed (it must have failed).
fn failed(output: std::process::Output) -> String {
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(!output.status.success(), "it succeeded: {stderr}");
    stderr
}

fn ok(output: std::process::Output) -> String {
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn staff_create_a_school_and_print_letters_as_json() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cartable.db");
    ok(cartable(
        &db,
        &[
            "platform",
            "add",
            "--code",
            "isu-dour",
            "--name",
            "Institut La Sainte-Union",
            "--domain",
            "isu-dour.be",
            "--admin-email",
            "direction@isu-dour.be",
        ],
    ));
    let letters: serde_json::Value = serde_json::from_str(&ok(cartable(
        &db,
        &[
            "--json",
            "student",
            "add",
            "--platform",
            "isu-dour",
            "--first-name",
            "Chloë",
            "--last-name",
            "van de Velde",
        ],
    )))
    .unwrap();
    assert_eq!(letters["identifier"], "chloe.vandevelde@isu-dour.be");
    let slots = letters["slots"].as_array().unwrap();
    assert_eq!(slots.len(), 2);
    assert_eq!(slots[0]["slot"], 1);
    assert_ne!(
        slots[0]["temporary_password"],
        slots[1]["temporary_password"]
    );

    let again: serde_json::Value = serde_json::from_str(&ok(cartable(
        &db,
        &[
            "student",
            "add",
            "--json",
            "--platform",
            "isu-dour",
            "--first-name",
            "Chloe",
            "--last-name",
            "Van De Velde",
            "--slots",
            "1",
        ],
    )))
    .unwrap();
    assert_eq!(again["identifier"], "chloe.vandevelde2@isu-dour.be");
    assert_eq!(again["slots"].as_array().unwrap().len(), 1);

    let terms = dir.path().join("terms.md");
    std::fs::write(&terms, "# Conditions").unwrap();
    assert!(
        ok(cartable(
            &db,
            &[
                "terms",
                "publish",
                "--platform",
                "isu-dour",
                "--file",
                terms.to_str().unwrap(),
                "--postpone-until",
                "2030-01-31"
            ]
        ))
        .contains("version 1")
    );
    ok(cartable(
        &db,
        &[
            "news",
            "add",
            "--platform",
            "isu-dour",
            "--title",
            "Rentrée",
            "--body",
            "Bonne rentrée",
            "--published-at",
            "2026-09-01 08:00",
        ],
    ));
    ok(cartable(
        &db,
        &[
            "event",
            "add",
            "--platform",
            "isu-dour",
            "--title",
            "Congé",
            "--start",
            "2026-12-21",
            "--end",
            "2027-01-01",
            "--all-day",
        ],
    ));
}

#[test]
fn mistakes_are_reported_without_a_trace() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cartable.db");
    let output = cartable(
        &db,
        &[
            "student",
            "add",
            "--platform",
            "nowhere",
            "--first-name",
            "A",
            "--last-name",
            "B",
        ],
    );
    assert!(failed(output).contains("aucune plateforme ne porte le code nowhere"));
}

#[test]
fn the_demo_loads_once_and_prints_its_letters() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cartable.db");
    let first = ok(cartable(&db, &["demo"]));
    assert!(
        first.contains("albert.durant@isu-dour.be") && first.contains("marie.durant@isu-dour.be")
    );
    assert_eq!(ok(cartable(&db, &["demo"])), first);
    // Its staff too: the administrator's TOTP key, so that any authenticator gives the codes.
    assert!(
        first.contains("direction@isu-dour.be")
            && first.contains("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
    );
    assert!(first.contains("claire.leroy@isu-dour.be"));
}

#[test]
fn staff_add_a_colleague_who_gets_a_link_to_choose_a_password() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cartable.db");
    ok(cartable(&db, &["demo"]));
    let add = |email: &str| {
        cartable(
            &db,
            &[
                "staff",
                "add",
                "--json",
                "--platform",
                "isu-dour",
                "--first-name",
                "Paul",
                "--last-name",
                "Martin",
                "--email",
                email,
                "--role",
                "teacher",
            ],
        )
    };
    let added = json(add("paul.martin@isu-dour.be"));
    let link = added["link"].as_str().unwrap();
    assert!(link.contains("/ecole/mot-de-passe?jeton="), "{added}");
    // Without SMTP the welcome mail waits in the outbox, with the same link.
    let outbox = dir.path().join("outbox");
    let mails: Vec<String> = std::fs::read_dir(&outbox)
        .unwrap()
        .map(|entry| std::fs::read_to_string(entry.unwrap().path()).unwrap())
        .collect();
    let token = link.split("jeton=").nth(1).unwrap();
    assert!(
        mails
            .iter()
            .any(|mail| mail.replace("=\r\n", "").contains(token))
    );
    assert!(failed(add("paul.martin@isu-dour.be")).contains("fait déjà partie du personnel"));
    assert!(failed(add("pas-une-adresse")).contains("adresse e-mail invalide"));
}

fn json(output: std::process::Output) -> serde_json::Value {
    serde_json::from_str(&ok(output)).unwrap()
}

#[test]
fn staff_import_a_class_list_with_printable_letters_and_manage_courses_news_and_events() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cartable.db");
    ok(cartable(&db, &["demo"]));

    let list = dir.path().join("3B.csv");
    std::fs::write(
        &list,
        "Prénom;Nom;Classe\nZoé;Lemaire;3B\nÉlodie;D'Hondt;3B\n",
    )
    .unwrap();
    let letters_dir = dir.path().join("courriers");
    let imported = json(cartable(
        &db,
        &[
            "--json",
            "student",
            "import",
            "--platform",
            "isu-dour",
            list.to_str().unwrap(),
            "--letters",
            letters_dir.to_str().unwrap(),
        ],
    ));
    assert_eq!(imported["students"], 2);
    let mut letters: Vec<_> = std::fs::read_dir(&letters_dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().into_string().unwrap())
        .collect();
    letters.sort();
    assert_eq!(
        letters,
        [
            "elodie.dhondt@isu-dour.be-parent-1.html",
            "elodie.dhondt@isu-dour.be-parent-2.html",
            "zoe.lemaire@isu-dour.be-parent-1.html",
            "zoe.lemaire@isu-dour.be-parent-2.html",
        ]
    );
    let letter =
        std::fs::read_to_string(letters_dir.join("zoe.lemaire@isu-dour.be-parent-1.html")).unwrap();
    assert!(
        letter.contains("Institut La Sainte-Union") && letter.contains("zoe.lemaire@isu-dour.be")
    );
    assert!(letter.contains("Mot de passe temporaire (parent 1)"));

    // A broken list stores nothing.
    std::fs::write(&list, "Léa;Marchal;3B\n;Sans prénom;3B\n").unwrap();
    let output = cartable(
        &db,
        &[
            "student",
            "import",
            "--platform",
            "isu-dour",
            list.to_str().unwrap(),
        ],
    );
    assert!(failed(output).contains("ligne 2 : il faut un prénom et un nom (prénom;nom;classe)"));
    let again = cartable(
        &db,
        &[
            "student",
            "add",
            "--json",
            "--platform",
            "isu-dour",
            "--first-name",
            "Léa",
            "--last-name",
            "Marchal",
        ],
    );
    assert_eq!(json(again)["identifier"], "lea.marchal@isu-dour.be");

    let course = json(cartable(
        &db,
        &[
            "--json",
            "course",
            "add",
            "--platform",
            "isu-dour",
            "--student",
            "zoe.lemaire@isu-dour.be",
            "--name",
            "Histoire",
            "--teacher",
            "M. Roi",
        ],
    ));
    assert_eq!(course["name"], "Histoire");
    let elsewhere = cartable(
        &db,
        &[
            "course",
            "add",
            "--platform",
            "ecd-dour",
            "--student",
            "zoe.lemaire@isu-dour.be",
            "--name",
            "Histoire",
        ],
    );
    assert!(
        failed(elsewhere)
            .contains("aucun élève zoe.lemaire@isu-dour.be sur la plateforme ecd-dour"),
        "Zoé is not at the École communale"
    );

    let news = json(cartable(
        &db,
        &["--json", "news", "list", "--platform", "isu-dour"],
    ));
    let first = news[0]["id"].as_i64().unwrap().to_string();
    assert_eq!(news.as_array().unwrap().len(), 4);
    let refused = cartable(
        &db,
        &["news", "remove", "--platform", "ecd-dour", "--id", &first],
    );
    assert!(
        failed(refused).contains(&format!(
            "aucune actualité {first} sur la plateforme ecd-dour"
        )),
        "an item of another school"
    );
    ok(cartable(
        &db,
        &["news", "remove", "--platform", "isu-dour", "--id", &first],
    ));
    assert_eq!(
        json(cartable(
            &db,
            &["--json", "news", "list", "--platform", "isu-dour"]
        ))
        .as_array()
        .unwrap()
        .len(),
        3
    );

    let events = json(cartable(
        &db,
        &["--json", "event", "list", "--platform", "isu-dour"],
    ));
    assert_eq!(events.as_array().unwrap().len(), 3);
    let id = events[0]["id"].as_i64().unwrap().to_string();
    ok(cartable(
        &db,
        &["event", "remove", "--platform", "isu-dour", "--id", &id],
    ));
    assert!(
        !ok(cartable(&db, &["event", "list", "--platform", "isu-dour"]))
            .contains("Réunion des parents")
    );
}

#[test]
fn staff_reissue_a_lost_letter_and_read_the_security_log() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cartable.db");
    ok(cartable(&db, &["demo"]));
    let letter = json(cartable(
        &db,
        &[
            "--json",
            "slot",
            "reset",
            "--identifier",
            "albert.durant@isu-dour.be",
            "--slot",
            "1",
        ],
    ));
    assert_eq!(letter["identifier"], "albert.durant@isu-dour.be");
    let password = letter["slots"][0]["temporary_password"].as_str().unwrap();
    // Four groups of four, without look-alikes: kfmq-7tzr-wh4p-n3xa.
    assert_eq!(password.len(), 19);
    assert_eq!(password.matches('-').count(), 3);
    assert_ne!(password, "Albert-Lettre-1");
    let missing = cartable(
        &db,
        &[
            "slot",
            "reset",
            "--identifier",
            "albert.durant@isu-dour.be",
            "--slot",
            "9",
        ],
    );
    assert!(failed(missing).contains("albert.durant@isu-dour.be n'a pas d'accès parent 9"));

    let log = json(cartable(
        &db,
        &[
            "--json",
            "audit",
            "--identifier",
            "albert.durant@isu-dour.be",
        ],
    ));
    assert!(log.as_array().unwrap().is_empty(), "nobody signed in yet");
    assert!(
        failed(cartable(&db, &["audit"])).contains(
            "indiquez un compte (--account) ou l'enfant dont montrer les parents (--identifier)"
        ),
        "an account or a child must be named"
    );
}

/// Whether a student has this identifier (`cartable audit` names the unknown ones).
fn student_exists(db: &std::path::Path, identifier: &str) -> bool {
    let output = cartable(db, &["audit", "--identifier", identifier]);
    if output.status.success() {
        return true;
    }
    assert!(failed(output).contains(&format!("aucun élève {identifier}")));
    false
}

/// `cartable student import` of a class list holding `text`, into the demo's Institut.
fn import_list(db: &std::path::Path, text: &str) -> std::process::Output {
    let list = db.with_file_name("3B.csv");
    std::fs::write(&list, text).unwrap();
    let file = list.to_str().unwrap();
    cartable(db, &["student", "import", "--platform", "isu-dour", file])
}

#[test]
fn a_class_list_with_a_bad_line_stores_none_of_its_students() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cartable.db");
    ok(cartable(&db, &["demo"]));
    let output = import_list(&db, "Léa;Marchal;3B\n;Sans prénom;3B\n");
    assert!(failed(output).contains("ligne 2"));
    assert!(!student_exists(&db, "lea.marchal@isu-dour.be"));
}

#[test]
fn a_class_list_that_fails_while_storing_stores_none_of_its_students() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cartable.db");
    ok(cartable(&db, &["demo"]));
    // The reader accepts every line, but the second has no letter to make an identifier of:
    // storing it fails after Léa's.
    let output = import_list(&db, "Léa;Marchal;3B\n€;!!;3B\n");
    assert!(
        failed(output).contains("le prénom et le nom doivent contenir des lettres ou des chiffres")
    );
    assert!(
        !student_exists(&db, "lea.marchal@isu-dour.be"),
        "Léa was stored though the import failed"
    );
}

/// `cartable` run with extra environment variables.
fn cartable_with(db: &std::path::Path, env: &[(&str, &str)], args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_cartable"));
    command
        .args(args)
        .env(
            "DATABASE_URL",
            format!("sqlite://{}?mode=rwc", db.display()),
        )
        .env("CARTABLE_DATA_DIR", db.parent().unwrap())
        .envs(env.iter().copied());
    command
}

#[test]
fn a_malformed_setting_stops_the_start_and_names_its_variable() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cartable.db");
    for (name, value) in [
        ("CARTABLE_SESSION_IDLE_HOURS", "une semaine"),
        ("CARTABLE_SESSION_MAX_HOURS", "-3"),
        ("CARTABLE_EMAIL_LINK_HOURS", "1.5"),
        ("CARTABLE_PUBLIC_URL", "cartable.ecole.be"),
        ("SMTP_URL", "127.0.0.1:2525"),
        ("CARTABLE_TRUSTED_PROXIES", "127.0.0.1, 10.0.0.0/33"),
        ("CARTABLE_AUDIT_RETENTION_DAYS", "un an"),
        ("CARTABLE_PUSH_SERVICES", "push.ecole.be"),
    ] {
        let output = cartable_with(&db, &[(name, value)], &["demo"])
            .output()
            .unwrap();
        let stderr = failed(output);
        assert!(stderr.contains(name), "{name}={value}: {stderr}");
    }
}

#[test]
fn cartable_alone_serves_on_the_address_of_cartable_addr() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cartable.db");
    let addr = free_address();
    let mut server = cartable_with(&db, &[("CARTABLE_ADDR", &addr)], &[])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let answered = answers(&addr);
    server.kill().unwrap();
    server.wait().unwrap();
    assert!(answered, "nothing listens on {addr}");
}

/// The last day a letter printed today works, `days` days on (Brussels), as JSON and the letter
/// write it.
fn valid_until(days: i64) -> (String, String) {
    let day = cartable::server::clock::Clock::default().today() + chrono::Duration::days(days);
    let printed = cartable::domain::calendar::day_month_year(cartable::language::Locale::fr, day);
    (day.to_string(), printed)
}

#[test]
fn letters_work_for_the_days_staff_give_them_90_by_default() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cartable.db");
    ok(cartable(&db, &["demo"]));
    let add = |extra: &[&str]| {
        let mut args = vec!["--json", "student", "add", "--platform", "isu-dour"];
        args.extend(["--first-name", "Zoé", "--last-name", "Lemaire"]);
        args.extend(extra);
        json(cartable(&db, &args))
    };
    let default = add(&[]);
    assert_eq!(default["slots"][1]["valid_until"], valid_until(90).0);
    let thirty = add(&["--valid-days", "30"]);
    assert_eq!(thirty["slots"][0]["valid_until"], valid_until(30).0);

    let identifier = thirty["identifier"].as_str().unwrap();
    let reset = ["slot", "reset", "--identifier", identifier, "--slot", "2"];
    let printed = ok(cartable(
        &db,
        &[&reset[..], &["--valid-days", "10"]].concat(),
    ));
    let until = format!("(valable jusqu'au {})", valid_until(10).1);
    assert!(printed.contains(&until), "{printed}");

    let list = dir.path().join("3B.csv");
    std::fs::write(&list, "Léa;Marchal;3B\n").unwrap();
    let letters = dir.path().join("courriers");
    let (list, letters_dir) = (list.to_str().unwrap(), letters.to_str().unwrap());
    let import = ["student", "import", "--platform", "isu-dour", list];
    ok(cartable(
        &db,
        &[
            &import[..],
            &["--letters", letters_dir, "--valid-days", "7"],
        ]
        .concat(),
    ));
    let letter = std::fs::read_to_string(letters.join("lea.marchal@isu-dour.be-parent-1.html"));
    let until = format!("Valable jusqu'au {} inclus.", valid_until(7).1);
    assert!(letter.unwrap().contains(&until), "{until}");

    // A school that writes to its families in Dutch prints its letters in Dutch.
    std::fs::write(list, "Noor;Peeters;3B\n").unwrap();
    let brieven = dir.path().join("brieven");
    let dutch = ["--letters", brieven.to_str().unwrap(), "--language", "nl"];
    ok(cartable(&db, &[&import[..], &dutch[..]].concat()));
    let letter = std::fs::read_to_string(brieven.join("noor.peeters@isu-dour.be-parent-1.html"));
    let letter = letter.unwrap();
    assert!(letter.contains("<html lang=\"nl\">"), "{letter}");
    assert!(letter.contains("Geldig tot en met"), "{letter}");
    assert!(!letter.contains("Valable"), "{letter}");
    let spanish = ["--letters", brieven.to_str().unwrap(), "--language", "es"];
    assert!(failed(cartable(&db, &[&import[..], &spanish[..]].concat())).contains("--language"));

    for wrong in ["0", "3651", "trois"] {
        let refused = failed(cartable(
            &db,
            &[&reset[..], &["--valid-days", wrong]].concat(),
        ));
        assert!(refused.contains("--valid-days"), "{wrong}: {refused}");
    }
}

/// A security-log event written `days_ago`, as the server writes them.
fn old_event(db: &std::path::Path, days_ago: i64) {
    use cartable::server::{audit, sessions::Client};
    let url = format!("sqlite://{}?mode=rwc", db.display());
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async {
        let db = cartable::server::db::connect(&url).await.unwrap();
        let at = chrono::Utc::now() - chrono::Duration::days(days_ago);
        let kind = audit::Kind::SignInFailed;
        let client = Client::default();
        audit::record(&db, at, kind, None, &client, None)
            .await
            .unwrap();
    });
}

#[test]
fn staff_purge_the_old_security_log_and_read_what_was_deleted() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cartable.db");
    ok(cartable(&db, &["demo"]));
    old_event(&db, 400);
    old_event(&db, 10);

    // CARTABLE_AUDIT_RETENTION_DAYS sets the retention, like for `serve`…
    let kept = ["CARTABLE_AUDIT_RETENTION_DAYS", "500"];
    let output = cartable_with(&db, &[(kept[0], kept[1])], &["--json", "purge"]).output();
    let counts = json(output.unwrap());
    let nothing = r#"{"audit_events":0,"known_browsers":0,"mailed_links":0,"mails":0,"sessions":0,"sign_in_codes":0,"staff_imports":0,"staff_links":0,"throttle_counters":0}"#;
    assert_eq!(
        counts,
        serde_json::from_str::<serde_json::Value>(nothing).unwrap()
    );
    // …365 days without it…
    let printed = ok(cartable(&db, &["purge"]));
    for line in [
        "Sessions terminées supprimées : 0",
        "Événements du journal de plus de 365 jours supprimés : 1",
    ] {
        assert!(printed.contains(line), "{line} missing from:\n{printed}");
    }
    // …and --audit-days says otherwise for one run.
    let week = json(cartable(&db, &["--json", "purge", "--audit-days", "7"]));
    assert_eq!(week["audit_events"], 1);
    assert!(failed(cartable(&db, &["purge", "--audit-days", "0"])).contains("--audit-days"));
}

/// A loopback address nothing listens on.
fn free_address() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    format!("127.0.0.1:{}", listener.local_addr().unwrap().port())
}

/// Whether something starts listening on `address` within ten seconds.
fn answers(address: &str) -> bool {
    (0..100).any(|_| {
        std::thread::sleep(std::time::Duration::from_millis(100));
        std::net::TcpStream::connect(address).is_ok()
    })
}

/// `cartable serve` on `db` and a free loopback port, answering.
struct Serving {
    /// Taken when it is asked to stop.
    process: Option<std::process::Child>,
    address: String,
}

impl Serving {
    fn start(db: &std::path::Path) -> Self {
        Self::start_with(db, &[])
    }

    fn start_with(db: &std::path::Path, env: &[(&str, &str)]) -> Self {
        let address = free_address();
        let mut all = vec![("CARTABLE_ADDR", address.as_str())];
        all.extend_from_slice(env);
        let process = cartable_with(db, &all, &["serve"])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        assert!(answers(&address), "nothing listens on {address}");
        Self {
            process: Some(process),
            address,
        }
    }

    /// Asks it to stop as systemd does (SIGTERM), and returns its exit status and logs.
    fn terminate(mut self) -> (std::process::ExitStatus, String) {
        let process = self.process.take().unwrap();
        let pid = process.id().to_string();
        let sent = Command::new("kill").args(["-TERM", &pid]).status().unwrap();
        assert!(sent.success());
        let output = process.wait_with_output().unwrap();
        (
            output.status,
            String::from_utf8_lossy(&output.stderr).into_owned(),
        )
    }

    /// Posts a server function's form, as a browser without JavaScript does; its status and where
    /// it sends the browser.
    fn call(&self, function: &str, form: &[(&str, &str)]) -> (u16, String) {
        let runtime = tokio::runtime::Runtime::new().unwrap();
        runtime.block_on(async {
            let client = reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .unwrap();
            let answer = client
                .post(format!("http://{}/api/{function}", self.address))
                .form(form)
                .send()
                .await
                .unwrap();
            let location = answer
                .headers()
                .get("location")
                .map(|v| v.to_str().unwrap().to_owned())
                .unwrap_or_default();
            (answer.status().as_u16(), location)
        })
    }
}

impl Drop for Serving {
    fn drop(&mut self) {
        if let Some(mut process) = self.process.take() {
            let _ = process.kill();
            let _ = process.wait();
        }
    }
}

#[test]
fn a_backup_taken_while_serving_restores_into_a_new_server_where_parents_sign_in() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cartable.db");
    ok(cartable(&db, &["demo"]));
    let server = Serving::start(&db);
    // A parent's first sign-in, written before the backup.
    let letter = [
        ("identifier", "albert.durant@isu-dour.be"),
        ("password", "Albert-Lettre-1"),
    ];
    assert_eq!(server.call("sign_in", &letter).1, "/conditions");
    let backup = dir.path().join("sauvegarde.db");
    let written = ok(cartable(&db, &["backup", "--to", backup.to_str().unwrap()]));
    assert!(written.contains("Sauvegarde écrite"), "{written}");
    let again = failed(cartable(&db, &["backup", "--to", backup.to_str().unwrap()]));
    assert!(again.contains("exists already"), "{again}");
    let (status, logs) = server.terminate();
    assert!(
        status.success(),
        "SIGTERM ends the server cleanly: {status}\n{logs}"
    );
    assert!(logs.contains("stopping"), "{logs}");

    // Another machine: the backup restored, then served.
    let elsewhere = dir.path().join("ailleurs").join("cartable.db");
    let from = ["restore", "--from", backup.to_str().unwrap()];
    assert!(ok(cartable(&elsewhere, &from)).contains("Base restaurée"));
    let twice = failed(cartable(&elsewhere, &from));
    assert!(twice.contains("--replace"), "{twice}");
    let restored = Serving::start(&elsewhere);
    assert_eq!(restored.call("sign_in", &letter).1, "/conditions");
    let wrong = [
        ("identifier", "albert.durant@isu-dour.be"),
        ("password", "pas la bonne lettre"),
    ];
    assert_ne!(restored.call("sign_in", &wrong).1, "/conditions");
}

#[test]
fn config_check_prints_the_settings_of_the_file_and_the_environment_without_secrets() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cartable.db");
    let file = dir.path().join("cartable.toml");
    std::fs::write(
        &file,
        "public_url = \"https://cartable.ecole.be\"\n\
         smtp_url = \"smtps://courrier:s3cret@smtp.ecole.be:465\"\n\
         session_idle_hours = 24\n\
         trusted_proxies = [\"127.0.0.1\", \"::1\"]\n",
    )
    .unwrap();
    let config = file.to_str().unwrap();
    let check = |env: &[(&str, &str)]| {
        let mut all = vec![("CARTABLE_CONFIG", config)];
        all.extend_from_slice(env);
        cartable_with(&db, &all, &["config", "check"])
            .output()
            .unwrap()
    };
    let printed = ok(check(&[]));
    assert!(printed.contains("https://cartable.ecole.be"), "{printed}");
    assert!(
        printed.contains("smtps://courrier:***@smtp.ecole.be:465"),
        "{printed}"
    );
    assert!(!printed.contains("s3cret"), "{printed}");
    assert!(
        printed.contains("hours: 24") || printed.contains("86400"),
        "{printed}"
    );
    // The environment wins over the file.
    let printed = ok(check(&[("CARTABLE_PUBLIC_URL", "https://autre.ecole.be")]));
    assert!(printed.contains("https://autre.ecole.be"), "{printed}");
    // A malformed value, in the file or the environment, is named.
    let stderr = failed(check(&[("CARTABLE_SESSION_IDLE_HOURS", "un jour")]));
    assert!(stderr.contains("CARTABLE_SESSION_IDLE_HOURS"), "{stderr}");
    std::fs::write(&file, "public_ulr = \"https://cartable.ecole.be\"\n").unwrap();
    let stderr = failed(check(&[]));
    assert!(stderr.contains("public_ulr"), "{stderr}");
}

#[test]
fn metrics_count_requests_by_route_and_sign_in_failures_on_their_own_address() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cartable.db");
    ok(cartable(&db, &["demo"]));
    let metrics = free_address();
    let server = Serving::start_with(&db, &[("CARTABLE_METRICS_ADDR", &metrics)]);
    let wrong = [
        ("identifier", "albert.durant@isu-dour.be"),
        ("password", "pas la bonne lettre"),
    ];
    server.call("sign_in", &wrong);
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let scraped = runtime.block_on(async {
        let get = |url: String| async move { reqwest::get(url).await.unwrap() };
        assert!(
            get(format!("http://{}/connexion", server.address))
                .await
                .status()
                .is_success()
        );
        // Not on the public address.
        let public = get(format!("http://{}/metrics", server.address)).await;
        assert_eq!(public.status(), 404);
        get(format!("http://{metrics}/metrics"))
            .await
            .text()
            .await
            .unwrap()
    });
    let line = |name: &str, labels: &[&str]| {
        scraped
            .lines()
            .any(|line| line.starts_with(name) && labels.iter().all(|label| line.contains(label)))
    };
    assert!(
        line(
            "cartable_http_requests_total",
            &[r#"route="/connexion""#, r#"status="200""#]
        ),
        "{scraped}"
    );
    assert!(
        line(
            "cartable_http_request_duration_seconds_bucket",
            &[r#"route="/api/sign_in""#, r#"method="POST""#]
        ),
        "{scraped}"
    );
    assert!(
        line(
            "cartable_security_events_total",
            &[r#"kind="SignInFailed""#]
        ),
        "{scraped}"
    );
    for gauge in [
        "cartable_argon2_waiting",
        "cartable_outbox_pending",
        "cartable_outbox_oldest_pending_seconds",
        "cartable_db_pool_connections",
    ] {
        assert!(line(gauge, &[]), "{gauge}: {scraped}");
    }
}

#[test]
fn the_load_test_school_has_its_size_and_its_parents_are_settled() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cartable.db");
    let school = json(cartable(&db, &["load-school", "--json"]));
    assert_eq!(school["students"], 1000);
    assert_eq!(school["parents"], 2000);
    assert_eq!(school["messages"], 10000);
    let server = Serving::start(&db);
    let parent = school["identifier"].as_str().unwrap();
    let password = school["password"].as_str().unwrap();
    let signed_in = server.call("sign_in", &[("identifier", parent), ("password", password)]);
    // Past the whole first sign-in: the home page.
    assert_eq!(signed_in.1, "/");
}
