use cartable::{
    server::{
        client_address::TrustedProxies,
        clock::Clock,
        config::{HttpTimeouts, PurgeSchedule, Settings},
        db::QueryCounter,
        letters::Validity,
        news, platforms,
        students::{self, Issue, NewStudent},
        terms,
    },
    startup::Application,
};
use reqwest::{
    Client, Response, StatusCode,
    cookie::{CookieStore, Jar},
    redirect::Policy,
};
use sea_orm::{ConnectionTrait, Database, DatabaseConnection};
use serde_json::Value;
use std::{
    path::PathBuf,
    sync::{Arc, Once},
    time::Duration,
};

/// The language the tests' requests are answered in (they send no `Accept-Language`).
pub const FR: cartable::language::Locale = cartable::language::Locale::fr;
pub const ALBERT: &str = "albert.durant@isu-dour.be";
pub const ALBERT_LETTER: &str = "Lettre-Albert-1";
pub const ALBERT_SECOND_LETTER: &str = "Lettre-Albert-2";
pub const MARIE: &str = "marie.durant@isu-dour.be";
pub const MARIE_LETTER: &str = "Lettre-Marie-1";
pub const MARIE_SECOND_LETTER: &str = "Lettre-Marie-2";
pub const LEON: &str = "leon.durant@ecd-dour.be";
pub const LEON_LETTER: &str = "Lettre-Leon-1";
pub const NEW_PASSWORD: &str = "le chat dort au soleil";
pub const PUBLIC_URL: &str = "https://cartable.example.test";

/// Who the test server's mails are from (the cluster's instances send as it too).
pub const MAIL_FROM: &str = "Cartable <no-reply@cartable.example.test>";

pub struct TestApp {
    pub address: String,
    pub db: DatabaseConnection,
    /// The queries the server ran (not those of `db`).
    pub queries: QueryCounter,
    /// The server's clock: tests move it forward instead of sleeping.
    pub clock: Clock,
    pub outbox: PathBuf,
    /// Its database, for the `cartable` command to run on.
    pub database_url: String,
    _dir: tempfile::TempDir,
}

/// A browser: keeps its cookies, never follows redirects (tests look at them).
pub struct Browser {
    client: Client,
    jar: Arc<Jar>,
}

impl std::ops::Deref for Browser {
    type Target = Client;
    fn deref(&self) -> &Client {
        &self.client
    }
}

impl Browser {
    /// The session cookie (`name=value`) the browser holds for `address`. The tests' public URL is
    /// HTTPS, so its name has the `__Host-` prefix.
    pub fn session_cookie(&self, address: &str) -> Option<String> {
        let header = self.jar.cookies(&address.parse().unwrap())?;
        header
            .to_str()
            .unwrap()
            .split("; ")
            .find(|c| c.starts_with("__Host-cartable_session="))
            .map(str::to_owned)
    }
}

pub fn browser() -> Browser {
    let jar = Arc::new(Jar::default());
    let client = Client::builder()
        .cookie_provider(jar.clone())
        .redirect(Policy::none())
        // A request the server never answers fails its test within a minute, naming the call,
        // instead of holding the whole run until CI's limit.
        .timeout(Duration::from_secs(60))
        .build()
        .unwrap();
    Browser { client, jar }
}

static TRACING: Once = Once::new();

/// Held by the tests that flood the server with sign-ins and by the fuzz test: Argon2's permits
/// are shared by the whole test process, and a flood would make the fuzz test's checks wait past
/// their bound (a 503) where it expects an answer.
pub static HASHING_FLOOD: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// A fresh database URL: a new SQLite file, or a new PostgreSQL database.
async fn fresh_database(dir: &std::path::Path) -> String {
    match std::env::var("CARTABLE_TEST_POSTGRES_URL") {
        Ok(admin_url) => {
            let name = format!(
                "cartable_test_{}",
                cartable::server::tokens::generate()
                    .to_lowercase()
                    .replace(['-', '_'], "")[..16]
                    .to_owned()
            );
            let admin = Database::connect(&admin_url)
                .await
                .expect("PostgreSQL answers");
            admin
                .execute_unprepared(&format!("CREATE DATABASE {name}"))
                .await
                .unwrap();
            let (base, _) = admin_url.rsplit_once('/').expect("a database in the URL");
            format!("{base}/{name}")
        }
        Err(_) => format!("sqlite://{}?mode=rwc", dir.join("cartable.db").display()),
    }
}

/// Starts Cartable on a free port with the demo-like school of the seed: Albert and Marie Durant
/// (two slots each, one per parent), terms of use that may be postponed until tomorrow; and a
/// second school, with Léon Durant. It trusts no proxy: the client is the TCP peer.
pub async fn spawn_app() -> TestApp {
    spawn_app_trusting("").await
}

/// The same, trusting the proxies listed as in `CARTABLE_TRUSTED_PROXIES`.
pub async fn spawn_app_trusting(proxies: &str) -> TestApp {
    let proxies = TrustedProxies::parse(proxies).expect("addresses or ranges");
    spawn_app_with(|settings| settings.trusted_proxies = proxies).await
}

/// The same, with the test's own changes to the settings.
pub async fn spawn_app_with(change: impl FnOnce(&mut Settings)) -> TestApp {
    spawn(change, Site::default()).await
}

/// What a release build puts beside the server: the site's files, and the `hash.txt` that lists
/// the content hashes in their names (`css: 1a2b`).
#[derive(Default)]
pub struct Site<'a> {
    pub files: &'a [(&'a str, &'a [u8])],
    pub hashes: Option<&'a str>,
}

/// The same, serving `site`.
pub async fn spawn_app_with_site(site: Site<'_>) -> TestApp {
    spawn(|_| {}, site).await
}

async fn spawn(change: impl FnOnce(&mut Settings), site: Site<'_>) -> TestApp {
    TRACING.call_once(|| {
        if std::env::var("TEST_LOG").is_ok() {
            tracing_subscriber::fmt()
                .with_env_filter("info")
                .with_test_writer()
                .init();
        }
    });
    let dir = tempfile::tempdir().unwrap();
    let mut settings = Settings {
        database_url: fresh_database(dir.path()).await,
        public_url: PUBLIC_URL.into(),
        smtp_url: None,
        mail_from: MAIL_FROM.into(),
        outbox_dir: dir.path().join("outbox"),
        session_idle: chrono::Duration::hours(1),
        session_absolute: chrono::Duration::hours(24),
        email_link_lifetime: chrono::Duration::hours(1),
        trusted_proxies: TrustedProxies::default(),
        audit_retention: chrono::Duration::days(365),
        // Not while a test runs, unless it asks: the purge tests run it themselves.
        purge_schedule: PurgeSchedule {
            first_after: Duration::from_secs(24 * 60 * 60),
            ..Default::default()
        },
        http_timeouts: HttpTimeouts::default(),
        push_services: Vec::new(),
        metrics_addr: None,
    };
    change(&mut settings);
    let outbox = settings.outbox_dir.clone();
    let database_url = settings.database_url.clone();
    // A static file, as cargo-leptos puts them in the site's root, and the test's own.
    let root = dir.path().join("site");
    let robots: &[u8] = b"User-agent: *\nDisallow: /\n";
    for (path, content) in site.files.iter().chain([&("robots.txt", robots)]) {
        let file = root.join(path);
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(file, content).unwrap();
    }
    let hash_file = dir.path().join("hash.txt");
    if let Some(hashes) = site.hashes {
        std::fs::write(&hash_file, hashes).unwrap();
    }
    let options = leptos::prelude::LeptosOptions::builder()
        .output_name("cartable")
        .site_root(root.to_string_lossy().to_string())
        .hash_files(site.hashes.is_some())
        // Absolute: read as is, instead of beside the test binary.
        .hash_file(std::sync::Arc::from(hash_file.to_string_lossy().as_ref()))
        .build();
    let app = Application::build(settings, options, "127.0.0.1:0".parse().unwrap())
        .await
        .expect("the server starts");
    let address = format!("http://{}", app.local_addr());
    let queries = app.queries();
    let clock = app.clock();
    tokio::spawn(app.run());
    let db = cartable::server::db::connect(&database_url).await.unwrap();
    // The letters are printed on the server's clock, valid for the default 90 days.
    let issue = Issue::now(&clock, Validity::default());
    seed_school(&db, issue).await;
    seed_second_school(&db, issue).await;
    TestApp {
        address,
        db,
        queries,
        clock,
        outbox,
        database_url,
        _dir: dir,
    }
}

async fn seed_school(db: &DatabaseConnection, issue: Issue) {
    platforms::add(
        db,
        platforms::NewPlatform {
            code: "isu-dour".into(),
            name: "Institut La Sainte-Union".into(),
            domain: "isu-dour.be".into(),
            address: Some("Rue du Roi Albert 10\n7370 DOUR".into()),
            admin_emails: vec!["direction@isu-dour.be".into()],
            ..Default::default()
        },
    )
    .await
    .unwrap();
    students::add_with_passwords(
        db,
        issue,
        "isu-dour",
        NewStudent::new("Albert", "Durant", None),
        vec![ALBERT_LETTER.into(), ALBERT_SECOND_LETTER.into()],
    )
    .await
    .unwrap();
    students::add_with_passwords(
        db,
        issue,
        "isu-dour",
        NewStudent::new("Marie", "Durant", None),
        vec![MARIE_LETTER.into(), MARIE_SECOND_LETTER.into()],
    )
    .await
    .unwrap();
    let tomorrow = chrono::Utc::now().date_naive() + chrono::Duration::days(1);
    terms::publish(
        db,
        "isu-dour",
        "# Conditions\n\nTexte des conditions.".into(),
        Some(tomorrow),
    )
    .await
    .unwrap();
}

/// A server function called with a form, and the page it must send the parent to.
pub type Step<'a> = (&'a str, &'a [(&'a str, &'a str)], &'a str);

/// The École communale de Dour (`ecd-dour`): Léon Durant, its own terms, news and event.
async fn seed_second_school(db: &DatabaseConnection, issue: Issue) {
    platforms::add(
        db,
        platforms::NewPlatform {
            code: "ecd-dour".into(),
            name: "École communale de Dour".into(),
            domain: "ecd-dour.be".into(),
            admin_emails: vec!["direction@ecd-dour.be".into()],
            ..Default::default()
        },
    )
    .await
    .unwrap();
    students::add_with_passwords(
        db,
        issue,
        "ecd-dour",
        NewStudent::new("Léon", "Durant", Some("P4")),
        vec![LEON_LETTER.into(), "Lettre-Leon-2".into()],
    )
    .await
    .unwrap();
    terms::publish(
        db,
        "ecd-dour",
        "Conditions de l'école communale.".into(),
        None,
    )
    .await
    .unwrap();
    news::add(db, "ecd-dour", "Fancy-fair", "Samedi.", None)
        .await
        .unwrap();
}

impl TestApp {
    /// Calls a server function as the page's script does (form-encoded POST, JSON answer).
    pub async fn call(&self, client: &Client, name: &str, form: &[(&str, &str)]) -> Response {
        client
            .post(format!("{}/api/{name}", self.address))
            .form(form)
            .send()
            .await
            .unwrap_or_else(|error| panic!("{name} got no answer: {error}"))
    }

    /// Calls a server function as a form posted with JavaScript off.
    pub async fn post_form(
        &self,
        client: &Client,
        name: &str,
        form: &[(&str, &str)],
        from_page: &str,
    ) -> Response {
        client
            .post(format!("{}/api/{name}", self.address))
            .header("Accept", "text/html,application/xhtml+xml")
            .header("Referer", format!("{}{from_page}", self.address))
            .form(form)
            .send()
            .await
            .unwrap()
    }

    pub async fn get(&self, client: &Client, path: &str) -> Response {
        client
            .get(format!("{}{path}", self.address))
            .send()
            .await
            .unwrap()
    }

    /// Signs in and returns the step the server sends the parent to.
    pub async fn sign_in(&self, client: &Client, identifier: &str, password: &str) -> Response {
        self.call(
            client,
            "sign_in",
            &[("identifier", identifier), ("password", password)],
        )
        .await
    }

    /// Signs in from a browser new to an account with a confirmed address: the password, then the
    /// code mailed to it. Returns the answer to the code.
    pub async fn sign_in_new_browser(
        &self,
        client: &Client,
        identifier: &str,
        password: &str,
    ) -> Response {
        let sent = self.outbox().await.len();
        let response = self.sign_in(client, identifier, password).await;
        assert_eq!(next_page(&response), "/connexion/code");
        let code = code_in(&self.mails(sent + 1).await.pop().unwrap());
        self.call(client, "sign_in_code", &[("code", &code)]).await
    }

    /// A parent who signed in with Albert's first letter and accepted the terms.
    pub async fn parent_at_password_step(&self) -> Browser {
        let parent = browser();
        assert_eq!(
            next_page(&self.sign_in(&parent, ALBERT, ALBERT_LETTER).await),
            "/conditions"
        );
        assert_eq!(
            next_page(
                &self
                    .call(&parent, "accept_terms", &[("version", "1")])
                    .await
            ),
            "/mot-de-passe"
        );
        parent
    }

    /// The same parent, once they chose their own password.
    pub async fn parent_at_profile_step(&self) -> Browser {
        let parent = self.parent_at_password_step().await;
        let form = [
            ("new_password", NEW_PASSWORD),
            ("repeat_password", NEW_PASSWORD),
        ];
        assert_eq!(
            next_page(&self.call(&parent, "change_password", &form).await),
            "/bienvenue"
        );
        parent
    }

    /// The same parent at home, having walked the whole journey.
    pub async fn settled_parent(&self) -> Browser {
        let parent = self.parent_at_profile_step().await;
        assert_eq!(
            next_page(&self.call(&parent, "save_profile", &antoinette()).await),
            "/"
        );
        parent
    }

    /// The settled parent, with their address confirmed through the mailed link (in another
    /// browser: the link needs no session).
    pub async fn confirmed_parent(&self) -> Browser {
        let parent = self.settled_parent().await;
        let token = token_in(&self.mails(1).await[0]);
        let confirmed = self
            .call(&browser(), "confirm_email", &[("token", &token)])
            .await;
        assert_eq!(next_page(&confirmed), "/email-confirme");
        parent
    }

    /// Another family's parent, at home after the whole journey with `identifier`'s letter.
    pub async fn settled_parent_of(&self, identifier: &str, letter: &str) -> Browser {
        let parent = browser();
        assert_eq!(
            next_page(&self.sign_in(&parent, identifier, letter).await),
            "/conditions"
        );
        let steps: [Step; 3] = [
            ("accept_terms", &[("version", "1")], "/mot-de-passe"),
            (
                "change_password",
                &[
                    ("new_password", "une autre famille ici"),
                    ("repeat_password", "une autre famille ici"),
                ],
                "/bienvenue",
            ),
            ("save_profile", &antoinette(), "/"),
        ];
        for (function, form, next) in steps {
            assert_eq!(next_page(&self.call(&parent, function, form).await), next);
        }
        parent
    }

    /// Letters printed now on the server's clock, valid for the default 90 days.
    pub fn issue(&self) -> Issue {
        Issue::now(&self.clock, Validity::default())
    }

    /// The id of the student with this identifier.
    pub async fn student_id(&self, identifier: &str) -> i32 {
        use cartable::server::entities::student;
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        student::Entity::find()
            .filter(student::Column::Identifier.eq(identifier))
            .one(&self.db)
            .await
            .unwrap()
            .expect("a seeded student")
            .id
    }

    /// Puts the student with this identifier in `class`, as the school's import would.
    pub async fn put_in_class(&self, identifier: &str, class: &str) {
        use cartable::server::entities::student;
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, sea_query::Expr};
        student::Entity::update_many()
            .col_expr(student::Column::ClassName, Expr::value(class))
            .filter(student::Column::Identifier.eq(identifier))
            .exec(&self.db)
            .await
            .unwrap();
    }

    /// "Ajouter un enfant" → "Enregistrer".
    pub async fn link_child(
        &self,
        parent: &Client,
        platform: &str,
        identifier: &str,
        password: &str,
    ) -> Response {
        self.call(
            parent,
            "link_child",
            &[
                ("platform", platform),
                ("identifier", identifier),
                ("password", password),
            ],
        )
        .await
    }

    /// Chooses a child in "Mes enfants".
    pub async fn select_child(&self, parent: &Client, student_id: i32) -> Response {
        self.call(
            parent,
            "select_child",
            &[("student_id", &student_id.to_string())],
        )
        .await
    }

    /// The settled parent, with Marie linked, her terms accepted and the link confirmed; Marie is
    /// the child shown.
    pub async fn parent_of_albert_and_marie(&self) -> Browser {
        let parent = self.settled_parent().await;
        let marie = self.student_id(MARIE).await;
        assert_eq!(
            next_page(
                &self
                    .link_child(&parent, "isu-dour", MARIE, MARIE_LETTER)
                    .await
            ),
            format!("/enfants?ajoute={marie}")
        );
        assert_eq!(
            next_page(&self.select_child(&parent, marie).await),
            "/conditions"
        );
        assert_eq!(
            next_page(
                &self
                    .call(&parent, "accept_terms", &[("version", "1")])
                    .await
            ),
            "/confirmer-mot-de-passe"
        );
        assert_eq!(
            next_page(
                &self
                    .call(
                        &parent,
                        "confirm_link_password",
                        &[("password", NEW_PASSWORD)]
                    )
                    .await
            ),
            "/"
        );
        parent
    }

    /// Waits (a few seconds at most) until no notification due is left to turn into mail, and no
    /// mail in the outbox table to send now.
    async fn drained(&self) {
        use cartable::server::entities::{
            notification,
            outbox_mail::{self, State},
        };
        use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
        for _ in 0..200 {
            let now = self.clock.now();
            // Upstream first: a notification leaves its table in the transaction that writes its
            // mail to the outbox, so an outbox read after it sees that mail.
            let due = notification::Entity::find()
                .filter(notification::Column::HandledAt.is_null())
                .filter(notification::Column::DeliverAfter.lte(now))
                .count(&self.db)
                .await
                .unwrap();
            let waiting = outbox_mail::Entity::find()
                .filter(outbox_mail::Column::State.eq(State::Pending))
                .filter(outbox_mail::Column::NextAttemptAt.lte(now))
                .count(&self.db)
                .await
                .unwrap();
            if waiting + due == 0 {
                return;
            }
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
    }

    /// Waits (up to five seconds) for the outbox to hold `count` mails; some are sent in the
    /// background, after the answer.
    pub async fn mails(&self, count: usize) -> Vec<String> {
        for _ in 0..100 {
            let mails = self.outbox().await;
            if mails.len() >= count {
                return mails;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!(
            "expected {count} mails, found {}",
            self.outbox().await.len()
        );
    }

    /// The mails the server's outbox worker wrote to its folder, oldest first, once every mail
    /// due in the outbox table has been sent.
    pub async fn outbox(&self) -> Vec<String> {
        self.drained().await;
        let Ok(entries) = std::fs::read_dir(&self.outbox) else {
            return Vec::new();
        };
        let mut paths: Vec<PathBuf> = entries
            .map(|e| e.unwrap().path())
            .filter(|path| path.extension().is_some_and(|ext| ext == "eml"))
            .collect();
        paths.sort();
        paths
            .into_iter()
            .map(|p| std::fs::read_to_string(p).unwrap())
            .collect()
    }
}

pub fn antoinette() -> [(&'static str, &'static str); 6] {
    [
        ("first_name", "Antoinette"),
        ("last_name", "Dupond"),
        ("role", "mere"),
        ("email", "antoinette.dupond@example.be"),
        ("phone", ""),
        ("mobile", "0475 12 34 56"),
    ]
}

/// Where a successful server function sends the browser next.
pub fn next_page(response: &Response) -> String {
    assert!(
        response.status().is_success() || response.status().is_redirection(),
        "unexpected status {}",
        response.status()
    );
    response
        .headers()
        .get("location")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default()
}

/// What a server function answered `who`, which must be a success (a page's view).
pub async fn view(app: &TestApp, who: &Browser, endpoint: &str, form: &[(&str, &str)]) -> Value {
    let answer = app.call(who, endpoint, form).await;
    assert_eq!(answer.status(), StatusCode::OK, "{endpoint}");
    answer.json().await.unwrap()
}

/// The error a server function answered, with its status.
pub async fn error(response: Response) -> (StatusCode, Value) {
    let status = response.status();
    (status, response.json().await.unwrap())
}

/// The message of `field` in an `Invalid` answer.
pub fn field_message<'a>(error: &'a Value, field: &str) -> &'a str {
    error["Invalid"]["errors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["field"] == field)
        .unwrap()["message"]
        .as_str()
        .unwrap()
}

/// The six digits of a sign-in code mail.
pub fn code_in(mail: &str) -> String {
    const BEFORE: &str = "Votre code de connexion : ";
    let start = mail.find(BEFORE).expect("a code mail") + BEFORE.len();
    mail[start..start + 6].to_owned()
}

/// The token of the single-use link a mail holds (`…?jeton=<token>`).
pub fn token_in(mail: &str) -> String {
    let link = link_in(mail);
    link.split("jeton=")
        .nth(1)
        .expect("a link with a token")
        .to_owned()
}

/// The first link to the site a mail holds.
pub fn link_in(mail: &str) -> String {
    // Quoted-printable may wrap long lines with "=\r\n".
    let unwrapped = mail.replace("=\r\n", "").replace("=3D", "=");
    let start = unwrapped
        .find(PUBLIC_URL)
        .expect("a link to the public URL");
    unwrapped[start..]
        .split_whitespace()
        .next()
        .unwrap()
        .to_owned()
}

/// Every `(field, message)` of an `Invalid` answer, in order: tests compare the whole list, so
/// that a refusal for another reason (or under another field) does not pass for the one expected.
pub fn field_errors(error: &Value) -> Vec<(String, String)> {
    error["Invalid"]["errors"]
        .as_array()
        .unwrap_or_else(|| panic!("not an Invalid answer: {error}"))
        .iter()
        .map(|e| {
            (
                e["field"].as_str().unwrap().to_owned(),
                e["message"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

/// The one error expected under `field`, as [`field_errors`] lists it.
pub fn only(field: &str, message: &str) -> Vec<(String, String)> {
    vec![(field.to_owned(), message.to_owned())]
}

/// The `Retry-After` of a 429 answer, in seconds.
pub fn retry_after(response: &Response) -> u64 {
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
    response.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap()
}

impl TestApp {
    /// The kinds of the audit log's events as stored (`audit_events.kind`), oldest first.
    pub async fn audit_kinds(&self) -> Vec<String> {
        use cartable::server::entities::audit_event;
        use sea_orm::{ActiveEnum, EntityTrait, QueryOrder};
        audit_event::Entity::find()
            .order_by_asc(audit_event::Column::Id)
            .all(&self.db)
            .await
            .unwrap()
            .into_iter()
            .map(|event| event.kind.to_value())
            .collect()
    }

    /// The URL of the server's database, for the `cartable` binary.
    pub async fn database_url(&self) -> String {
        match std::env::var("CARTABLE_TEST_POSTGRES_URL") {
            Ok(admin_url) => {
                let row = self
                    .db
                    .query_one_raw(sea_orm::Statement::from_string(
                        self.db.get_database_backend(),
                        "SELECT current_database() AS name",
                    ))
                    .await
                    .unwrap()
                    .unwrap();
                let name: String = row.try_get("", "name").unwrap();
                let (base, _) = admin_url.rsplit_once('/').expect("a database in the URL");
                format!("{base}/{name}")
            }
            Err(_) => format!(
                "sqlite://{}?mode=rwc",
                self._dir.path().join("cartable.db").display()
            ),
        }
    }
}

/// The code an authenticator shows for `secret` (base32, spaces allowed) at the server's clock,
/// `steps` periods of 30 s later: computed by an independent RFC 6238 implementation (`totp-lite`).
pub fn authenticator_code(app: &TestApp, secret: &str, steps: i64) -> String {
    let secret: String = secret.split(' ').collect();
    let bytes = data_encoding::BASE32_NOPAD
        .decode(secret.as_bytes())
        .unwrap();
    let time = (app.clock.now().timestamp() + steps * 30) as u64;
    totp_lite::totp_custom::<totp_lite::Sha1>(30, 6, &bytes, time)
}

/// A mail's text with its quoted-printable encoding undone (`=C3=A9` back to `é`, soft breaks
/// joined).
pub fn quoted_printable(mail: &str) -> String {
    let joined = mail.replace("=\r\n", "").replace("=\n", "");
    let mut bytes = Vec::new();
    let mut rest = joined.as_bytes();
    while let Some((&first, after)) = rest.split_first() {
        let hex = after
            .get(..2)
            .and_then(|h| u8::from_str_radix(std::str::from_utf8(h).ok()?, 16).ok());
        match (first, hex) {
            (b'=', Some(byte)) => {
                bytes.push(byte);
                rest = &after[2..];
            }
            _ => {
                bytes.push(first);
                rest = after;
            }
        }
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

/// Mail number `n` of a batch, to `parent{n}@example.be`, subject `Mail {n}`.
pub fn numbered_mail(n: usize) -> cartable::server::mail::Mail {
    cartable::server::mail::Mail {
        to: format!("parent{n}@example.be"),
        subject: format!("Mail {n}"),
        body: "Bonjour.".into(),
        unsubscribe: None,
    }
}
