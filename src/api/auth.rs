//! Signing in and out.
use super::AppResult;
#[cfg(feature = "ssr")]
use crate::domain::routes;
use leptos::prelude::*;

/// Signs a parent in with a child's identifier (or their own confirmed address) and a password (the
/// letter's, or their own), then sends them to the next step of their journey; or, when the password
/// alone may not open the account, to the page where the code mailed to them is typed.
#[server(prefix = "/api", endpoint = "sign_in")]
pub async fn sign_in(identifier: String, password: String) -> AppResult<()> {
    use super::{
        AppError,
        error::{counts_as_failed_attempt, sign_in_refused},
        guard,
    };
    use crate::{
        domain::{identifier::Identifier, limits},
        i18n::td_string,
        language,
        server::{
            accounts,
            audit::{self, Kind},
            error::ServiceError,
            known_browsers, second_factor_waits, sign_in_codes, staff,
            throttle::{self, Key},
        },
    };

    let locale = language::current();
    // A refusal is shown under the password; the identifier comes back to its field.
    let refused =
        |error: AppError| error.for_form("password", &[("identifier", identifier.as_str())]);
    if identifier.trim().is_empty() {
        return Err(AppError::field(
            "identifier",
            td_string!(locale, sign_in.identifier_missing),
        ));
    }
    if password.is_empty() {
        return Err(refused(AppError::Refused(
            td_string!(locale, sign_in.password_missing).into(),
        )));
    }
    let typed_badly = guard::plain_text("identifier", &identifier, limits::EMAIL).is_err()
        || guard::plain_text("password", &password, limits::PASSWORD).is_err();
    let login = Identifier::parse(&identifier).filter(|_| !typed_badly);
    let Some(login) = login else {
        return Err(refused(AppError::Refused(sign_in_refused(locale).into())));
    };
    let state = guard::state()?;
    let (db, clock) = (&state.db, &state.clock);
    let client = guard::client();
    let browser = guard::browser(&state);
    let known = known_browsers::accounts_of(db, &browser, clock.now()).await?;
    // A browser that signed in before to an account this login opens has its own lock: strangers'
    // failures on a predictable identifier never keep the rightful parent out.
    let own_key = match browser.throttle_name() {
        Some(name) if accounts::login_names_any(db, &login, &known).await? => {
            Key::new("browser", name, throttle::ACCOUNT)
        }
        _ => Key::new("login", login.as_str(), throttle::ACCOUNT),
    };
    let keys = own_key.and_ip(client.ip.as_deref());
    let typed = Some(login.as_str());
    let record = |kind, account| audit::record(db, clock.now(), kind, account, &client, typed);
    // The attempt is taken before the password is checked, so that parallel guesses cannot all
    // pass a lock that none of them has set yet; a success gives it back.
    // A school's staff sign in on the same page with their address: checked first, at the cost of
    // one Argon2 verification whether the address is staff's or not.
    let check = async {
        if let Some(staff) = staff::accounts::sign_in(db, login.as_str(), &password).await? {
            return Ok(Opened::Staff(Box::new(staff)));
        }
        accounts::sign_in(db, clock, &login, &password)
            .await
            .map(Opened::Parents)
    };
    let opened = match throttle::attempt(db, clock, &keys, counts_as_failed_attempt, check).await {
        Ok(opened) => opened,
        Err(locked @ ServiceError::Locked { .. }) => {
            record(Kind::SignInThrottled, None).await?;
            return Err(locked.into());
        }
        Err(refusal) if counts_as_failed_attempt(&refusal) => {
            record(Kind::SignInFailed, None).await?;
            return Err(refused(refusal.into()));
        }
        // An expired letter is said under the password too, the identifier kept.
        Err(other) => return Err(refused(other.into())),
    };
    // The password was right: the key is cleared (an address's count is never cleared by one).
    throttle::clear(db, &keys[0]).await?;
    let opened = match opened {
        Opened::Parents(opened) => opened,
        Opened::Staff(staff) => {
            let (account, memberships) = *staff;
            return open_staff_session(&state, &account, &memberships[0], client).await;
        }
    };
    // A parent with a second factor types its code on a new browser instead of a mailed one.
    let asks_second_factor = match opened.as_slice() {
        [only] => second_factor_waits::needed(db, only.account_id, &known).await?,
        _ => false,
    };
    if !asks_second_factor && sign_in_codes::needed(db, &opened, &known).await? {
        let token = sign_in_codes::send(&state, &opened, locale).await?;
        let lifetime = sign_in_codes::CODE_MINUTES * 60;
        guard::set_cookie(sign_in_codes::COOKIE.set(state.settings.https(), &token, lifetime));
        record(Kind::SignInCodeSent, None).await?;
        guard::go_to(routes::SIGN_IN_CODE);
        return Ok(());
    }
    // Past the code, a single account opened (several always get a code to choose by).
    open_or_wait(
        &state,
        opened[0],
        asks_second_factor,
        &browser,
        client,
        typed,
    )
    .await
}

/// "Valider" on the code page: the code mailed to the parent's account decides which account opens.
#[server(prefix = "/api", endpoint = "sign_in_code")]
pub async fn sign_in_code(code: String) -> AppResult<()> {
    use super::{AppError, guard};
    use crate::{
        i18n::td_string,
        language,
        server::{
            audit::{self, Kind},
            error::ServiceError,
            sign_in_codes,
        },
    };
    if code.trim().is_empty() {
        let locale = language::current();
        return Err(AppError::field(
            "code",
            td_string!(locale, sign_in.code_missing),
        ));
    }
    guard::plain_text("code", &code, 20)?;
    let state = guard::state()?;
    let client = guard::client();
    let waiting = guard::cookie(&state, sign_in_codes::COOKIE).unwrap_or_default();
    let now = state.clock.now();
    let opened = match sign_in_codes::redeem(&state.db, now, &waiting, &code).await {
        Ok(opened) => opened,
        Err(wrong @ ServiceError::WrongCode) => {
            audit::record(&state.db, now, Kind::SignInCodeFailed, None, &client, None).await?;
            return Err(wrong.into());
        }
        Err(other) => return Err(other.into()),
    };
    guard::set_cookie(sign_in_codes::COOKIE.forget(state.settings.https()));
    let browser = guard::browser(&state);
    let known = crate::server::known_browsers::accounts_of(&state.db, &browser, now).await?;
    let asks_second_factor =
        crate::server::second_factor_waits::needed(&state.db, opened.account_id, &known).await?;
    open_or_wait(&state, opened, asks_second_factor, &browser, client, None).await
}

/// Opens a session for a parent whose password (and mailed code) said who they are, unless their
/// account has a second factor this browser has not given yet: the sign-in then waits for it on
/// the second-factor page.
#[cfg(feature = "ssr")]
async fn open_or_wait(
    state: &crate::server::AppState,
    opened: crate::server::accounts::SignedIn,
    asks_second_factor: bool,
    browser: &crate::server::known_browsers::Browser,
    client: crate::server::sessions::Client,
    typed: Option<&str>,
) -> AppResult<()> {
    use super::guard;
    use crate::server::second_factor_waits;
    if !asks_second_factor {
        return open_session(state, opened, browser, client, typed).await;
    }
    let (db, now) = (&state.db, state.clock.now());
    let token = second_factor_waits::start(db, now, opened).await?;
    let lifetime = second_factor_waits::MINUTES * 60;
    let https = state.settings.https();
    guard::set_cookie(second_factor_waits::COOKIE.set(https, &token, lifetime));
    guard::go_to(routes::SECOND_FACTOR);
    Ok(())
}

/// Opens a session for a parent who proved who they are, remembers the browser, and sends them on
/// to their next step.
#[cfg(feature = "ssr")]
pub(super) async fn open_session(
    state: &crate::server::AppState,
    opened: crate::server::accounts::SignedIn,
    browser: &crate::server::known_browsers::Browser,
    client: crate::server::sessions::Client,
    typed: Option<&str>,
) -> AppResult<()> {
    use super::guard;
    use crate::server::{
        audit::{self, Kind},
        known_browsers, sessions,
    };
    let (db, now) = (&state.db, state.clock.now());
    let account = Some(opened.account_id);
    audit::record(db, now, Kind::SignInSucceeded, account, &client, typed).await?;
    // Whatever session the browser had is ended: a sign-in always gets a new id.
    if let Some(previous) = guard::session(state).await? {
        sessions::end(db, &previous.id).await?;
    }
    let https = state.settings.https();
    if let Some(cookie) =
        known_browsers::remember(db, browser, opened.account_id, now, https).await?
    {
        guard::set_cookie(cookie);
    }
    let (session, cookie) =
        sessions::start(state, opened.account_id, opened.student_id, client).await?;
    guard::set_cookie(cookie);
    guard::settle_language(state, opened.account_id).await;
    guard::go_to_next_step(state, &session).await
}

/// What a right password opened: parents' accounts, or a staff account with its platforms.
#[cfg(feature = "ssr")]
enum Opened {
    Parents(Vec<crate::server::accounts::SignedIn>),
    Staff(
        Box<(
            crate::server::entities::staff_account::Model,
            Vec<crate::server::entities::staff_membership::Model>,
        )>,
    ),
}

/// Opens a staff session in the first platform of the staff member: verified at once for a
/// teacher without a second factor; otherwise waiting for its code (or, for an administrator who
/// has none yet, for setting it up).
#[cfg(feature = "ssr")]
async fn open_staff_session(
    state: &crate::server::AppState,
    account: &crate::server::entities::staff_account::Model,
    membership: &crate::server::entities::staff_membership::Model,
    client: crate::server::sessions::Client,
) -> AppResult<()> {
    use super::guard;
    use crate::server::{
        audit::{self, Kind},
        staff::{Role, sessions},
    };
    let owner = crate::server::second_factor::Owner::Staff(account.id);
    let has_second_factor = crate::server::second_factor::enabled_at(&state.db, owner)
        .await?
        .is_some();
    let needs_second_factor = has_second_factor || membership.role == Role::Administrator;
    let (db, now) = (&state.db, state.clock.now());
    let who = (account.id, membership.platform_id);
    if let Some(previous) = guard::staff_session(state).await? {
        sessions::end(db, &previous.id).await?;
    }
    // A parent's sign-in left waiting in this browser is not this one's.
    let https = state.settings.https();
    guard::set_cookie(crate::server::second_factor_waits::COOKIE.forget(https));
    let (_, cookie) = sessions::start(
        state,
        account.id,
        membership.platform_id,
        !needs_second_factor,
        &client,
    )
    .await?;
    guard::set_cookie(cookie);
    guard::go_to(match (needs_second_factor, has_second_factor) {
        (false, _) => {
            audit::record_staff(db, now, Kind::SignInSucceeded, who, &client, None).await?;
            routes::STAFF
        }
        (true, true) => routes::SECOND_FACTOR,
        (true, false) => routes::STAFF_SECURITY,
    });
    Ok(())
}

/// Ends the session on the server (the cookie alone would not be enough) and in the browser.
#[server(prefix = "/api", endpoint = "sign_out")]
pub async fn sign_out() -> AppResult<()> {
    use super::guard;
    use crate::server::{audit, sessions};
    let state = guard::state()?;
    if let Some(session) = guard::session(&state).await? {
        sessions::end(&state.db, &session.id).await?;
        let (now, account) = (state.clock.now(), Some(session.account_id));
        let kind = audit::Kind::SignedOut;
        audit::record(&state.db, now, kind, account, &guard::client(), None).await?;
    }
    guard::forget_session_cookie(&state);
    // A shared family computer keeps nothing of the child once the parent signs out.
    expect_context::<leptos_axum::ResponseOptions>().insert_header(
        axum::http::HeaderName::from_static("clear-site-data"),
        axum::http::HeaderValue::from_static("\"cache\", \"storage\""),
    );
    guard::go_to(routes::SIGN_IN);
    Ok(())
}
