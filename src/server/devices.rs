//! "Appareils qui ont accès à votre compte": the account's live sessions, described in plain words,
//! and removing them. A session is named to the browser by a short handle (the start of its
//! digest), always looked up within the signed-in account.
use super::{entities::session, sessions::CurrentSession};
use crate::{i18n::td_string, language::Locale};
use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, QueryOrder,
};

/// Characters of the digest that name a session to the browser: 64 bits, unique within an account.
const HANDLE_LENGTH: usize = 16;

pub fn handle(session_id: &str) -> String {
    session_id.chars().take(HANDLE_LENGTH).collect()
}

/// The account's sessions still alive at `now`, most recently used first.
pub async fn list(
    db: &DatabaseConnection,
    account_id: i32,
    now: DateTime<Utc>,
) -> Result<Vec<session::Model>, DbErr> {
    session::Entity::find()
        .filter(session::Column::AccountId.eq(account_id))
        .filter(session::Column::ExpiresAt.gt(now))
        .order_by_desc(session::Column::LastSeenAt)
        .all(db)
        .await
}

/// Ends the account's session named by `handle`; false when there is none (another account's
/// handle included).
pub async fn remove(db: &DatabaseConnection, account_id: i32, handle: &str) -> Result<bool, DbErr> {
    if handle.len() != HANDLE_LENGTH || !handle.chars().all(|c| c.is_ascii_hexdigit()) {
        return Ok(false);
    }
    let removed = session::Entity::delete_many()
        .filter(session::Column::AccountId.eq(account_id))
        .filter(session::Column::Id.starts_with(handle))
        .exec(db)
        .await?;
    Ok(removed.rows_affected > 0)
}

/// Ends every session of the account but `current`; returns how many.
pub async fn remove_others(
    db: &DatabaseConnection,
    current: &CurrentSession,
) -> Result<u64, DbErr> {
    Ok(session::Entity::delete_many()
        .filter(session::Column::AccountId.eq(current.account_id))
        .filter(session::Column::Id.ne(&current.id))
        .exec(db)
        .await?
        .rows_affected)
}

/// Ends every session of the account (a reset password).
pub async fn remove_all(db: &impl ConnectionTrait, account_id: i32) -> Result<u64, DbErr> {
    Ok(session::Entity::delete_many()
        .filter(session::Column::AccountId.eq(account_id))
        .exec(db)
        .await?
        .rows_affected)
}

/// "Téléphone · Chrome 131 sur Android 14", from a User-Agent header, in the words of `locale`
/// (browser and system names stay as they are).
pub fn describe(user_agent: Option<&str>, locale: Locale) -> String {
    let Some(parsed) = user_agent
        .filter(|ua| !ua.trim().is_empty())
        .and_then(|ua| woothee::parser::Parser::new().parse(ua))
    else {
        return td_string!(locale, account.device_unknown).into();
    };
    let kind = match parsed.category {
        "smartphone" | "mobilephone" => td_string!(locale, account.kind_phone),
        "pc" => td_string!(locale, account.kind_computer),
        "appliance" => td_string!(locale, account.kind_device),
        "crawler" => td_string!(locale, account.kind_robot),
        _ => td_string!(locale, account.kind_device),
    };
    let known = |value: &str| !value.is_empty() && value != "UNKNOWN";
    let browser = match (known(parsed.name), known(parsed.version)) {
        (true, true) => {
            let major = parsed.version.split('.').next().unwrap_or_default();
            format!("{} {major}", parsed.name)
        }
        (true, false) => parsed.name.to_owned(),
        _ => td_string!(locale, account.browser_unknown).to_owned(),
    };
    let system = [parsed.os, &parsed.os_version]
        .iter()
        .filter(|part| known(part))
        .copied()
        .collect::<Vec<_>>()
        .join(" ");
    if system.is_empty() {
        format!("{kind} · {browser}")
    } else {
        td_string!(
            locale,
            account.device_on_system,
            kind = kind,
            browser = browser,
            system = system
        )
    }
}

#[cfg(test)]
mod tests {
    use super::describe;
    use crate::language::Locale;

    const PIXEL: &str = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36";

    #[test]
    fn user_agents_read_in_plain_words() {
        let describe = |ua: Option<&str>| describe(ua, Locale::fr);
        assert_eq!(
            describe(Some(PIXEL)),
            "Téléphone · Chrome 131 sur Android 14"
        );
        let windows =
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0";
        assert!(describe(Some(windows)).starts_with("Ordinateur · Firefox 133 sur Windows"));
        assert_eq!(describe(None), "Appareil inconnu");
        assert_eq!(describe(Some("curl/8.0")), "Appareil · HTTP Library curl");
        assert_eq!(describe(Some("")), "Appareil inconnu");
    }

    #[test]
    fn devices_read_in_the_parents_language() {
        assert_eq!(
            describe(Some(PIXEL), Locale::nl),
            "Telefoon · Chrome 131 op Android 14"
        );
        assert_eq!(
            describe(Some(PIXEL), Locale::de),
            "Telefon · Chrome 131 auf Android 14"
        );
        assert_eq!(
            describe(Some(PIXEL), Locale::en),
            "Phone · Chrome 131 on Android 14"
        );
        assert_eq!(describe(None, Locale::en), "Unknown device");
    }
}
