//! "Notifications": what the parent was told of (a message, the school's news and events, terms
//! to accept), newest first, with a counter in the navigation; how each kind about each child
//! reaches them (at once, in the morning's digest, or not at all), by mail or not, and their quiet
//! hours; and the one-click unsubscribe of a mail.
use super::AppResult;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NotificationLine {
    pub headline: String,
    pub child: Option<String>,
    pub when: String,
    pub link: String,
    /// Not seen before this visit.
    pub new: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NotificationsView {
    pub school: crate::api::brand::SchoolBrand,
    pub items: Vec<NotificationLine>,
}

/// One child's choices, kind by kind: `(kind code, delivery code)`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChildChoices {
    pub id: i32,
    pub name: String,
    pub kinds: Vec<(String, String)>,
}

/// A device told by web push: "Chrome sur Android", since when.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PushDevice {
    pub id: i32,
    pub name: String,
    pub since: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NotificationSettingsView {
    pub school: crate::api::brand::SchoolBrand,
    pub by_mail: bool,
    pub by_push: bool,
    /// The server's VAPID public key (base64url), which a browser subscribes with.
    pub push_key: String,
    pub devices: Vec<PushDevice>,
    /// "20:00".
    pub quiet_from: String,
    pub quiet_until: String,
    pub children: Vec<ChildChoices>,
}

#[server(prefix = "/api", endpoint = "notifications")]
pub async fn load_notifications() -> AppResult<NotificationsView> {
    use crate::server::{children, lookups, notifications, notifications::notifier::headline};
    let (state, session, standing) = super::guard::settled().await?;
    let locale = crate::language::current();
    let rows = notifications::latest(&state.db, session.account_id).await?;
    let linked = children::linked_children(&state.db, session.account_id).await?;
    let name_of = |id: i32| {
        linked
            .iter()
            .find(|c| c.child.id == id)
            .map(|c| c.child.first_name.clone())
    };
    let items = rows
        .iter()
        .map(|row| NotificationLine {
            headline: headline(locale, row),
            child: row.student_id.and_then(name_of),
            when: crate::api::messages::when(row.created_at),
            link: row.link.clone(),
            new: row.seen_at.is_none(),
        })
        .collect();
    // Shown now: the counter no longer counts them.
    notifications::mark_seen(&state.db, session.account_id, state.clock.now()).await?;
    let school = lookups::platform_of(&state.db, &standing.child).await?;
    Ok(NotificationsView {
        school: crate::api::brand::SchoolBrand::for_parent(&state.db, school, standing.account.id)
            .await?,
        items,
    })
}

#[server(prefix = "/api", endpoint = "notification_settings")]
pub async fn load_notification_settings() -> AppResult<NotificationSettingsView> {
    use crate::{
        domain::notifications::{Kind, QuietHours},
        server::{children, lookups, notifications, push},
    };
    let (state, session, standing) = super::guard::settled().await?;
    let settings = notifications::settings(&state.db, session.account_id).await?;
    let chosen = notifications::preferences(&state.db, session.account_id).await?;
    let linked = children::linked_children(&state.db, session.account_id).await?;
    let children = linked
        .iter()
        .map(|c| ChildChoices {
            id: c.child.id,
            name: format!("{} {}", c.child.first_name, c.child.last_name),
            kinds: Kind::ALL
                .into_iter()
                .map(|kind| {
                    let delivery = chosen
                        .get(&(c.child.id, kind))
                        .copied()
                        .unwrap_or(kind.default_delivery());
                    (kind.code().to_owned(), delivery.code().to_owned())
                })
                .collect(),
        })
        .collect();
    let devices = push::of_account(&state.db, session.account_id)
        .await?
        .into_iter()
        .map(|device| PushDevice {
            id: device.id,
            name: device.device,
            since: crate::api::messages::when(device.created_at),
        })
        .collect();
    let keys = state.pusher.keys(&state.db, state.clock.now()).await?;
    let school = lookups::platform_of(&state.db, &standing.child).await?;
    Ok(NotificationSettingsView {
        school: crate::api::brand::SchoolBrand::for_parent(&state.db, school, standing.account.id)
            .await?,
        by_mail: settings.by_mail,
        by_push: settings.by_push,
        push_key: keys.public.clone(),
        devices,
        quiet_from: QuietHours::format(settings.quiet.from),
        quiet_until: QuietHours::format(settings.quiet.until),
        children,
    })
}

/// "Enregistrer": mail and push on or off, quiet hours ("20:00" to "07:00"; equal: none), and the choices
/// of the page, each `child:kind:delivery` (`12:news:digest`).
#[server(prefix = "/api", endpoint = "save_notification_settings")]
pub async fn save_notification_settings(
    #[server(default)] by_mail: bool,
    #[server(default)] by_push: bool,
    quiet_from: String,
    quiet_until: String,
    #[server(default)] choices: Vec<String>,
) -> AppResult<()> {
    use crate::{
        domain::{
            notifications::{Delivery, Kind, QuietHours},
            routes,
        },
        i18n::td_string,
        server::notifications,
    };
    let locale = crate::language::current();
    let typed = [
        ("quiet_from", quiet_from.as_str()),
        ("quiet_until", quiet_until.as_str()),
    ];
    let form = |e: super::AppError| e.for_form("quiet_from", &typed);
    let time = |field: &str, text: &str| {
        QuietHours::parse(text).ok_or_else(|| {
            form(super::AppError::field(
                field,
                td_string!(locale, notifications.time_invalid),
            ))
        })
    };
    let quiet = QuietHours {
        from: time("quiet_from", &quiet_from)?,
        until: time("quiet_until", &quiet_until)?,
    };
    if choices.len() > 4 * 50 {
        return Err(super::AppError::Forbidden);
    }
    let mut parsed = Vec::new();
    for choice in &choices {
        let mut parts = choice.splitn(3, ':');
        let (Some(child), Some(kind), Some(delivery)) = (parts.next(), parts.next(), parts.next())
        else {
            return Err(super::AppError::Forbidden);
        };
        let child: i32 = child.parse().map_err(|_| super::AppError::Forbidden)?;
        let kind = Kind::parse(kind).ok_or(super::AppError::Forbidden)?;
        let delivery = Delivery::parse(delivery).ok_or(super::AppError::Forbidden)?;
        parsed.push((child, kind, delivery));
    }
    let (state, session, _) = super::guard::settled().await?;
    let txn = crate::server::db::write_transaction(&state.db).await?;
    for (child, kind, delivery) in parsed {
        notifications::set_preference(&txn, session.account_id, child, kind, delivery).await?;
    }
    let channels = (by_mail, by_push);
    notifications::save_settings(&txn, session.account_id, channels, quiet).await?;
    txn.commit().await?;
    super::guard::go_to(&format!("{}?enregistre=1", routes::NOTIFICATION_SETTINGS));
    Ok(())
}

/// What this browser's `PushSubscription` gives, posted by public/push.js once the parent allowed
/// notifications: kept for the signed-in parent, if its endpoint is a browsers' push service.
#[server(prefix = "/api", endpoint = "save_push_subscription")]
pub async fn save_push_subscription(
    endpoint: String,
    p256dh: String,
    auth: String,
) -> AppResult<()> {
    use crate::{
        domain::push::{ENDPOINT_BYTES, endpoint_allowed},
        i18n::td_string,
        server::{devices, push},
    };
    super::guard::plain_text("endpoint", &endpoint, ENDPOINT_BYTES)?;
    super::guard::plain_text("p256dh", &p256dh, 128)?;
    super::guard::plain_text("auth", &auth, 64)?;
    let (state, session, _) = super::guard::settled().await?;
    let locale = crate::language::current();
    if !endpoint_allowed(&endpoint, &state.settings.push_services) {
        return Err(super::AppError::field(
            "endpoint",
            td_string!(locale, notifications.push_refused),
        ));
    }
    let device = devices::describe(super::guard::client().user_agent.as_deref(), locale);
    let subscription = push::Subscription {
        endpoint: &endpoint,
        p256dh: &p256dh,
        auth: &auth,
    };
    let now = state.clock.now();
    push::save(&state.db, session.account_id, subscription, &device, now).await?;
    Ok(())
}

/// "Ne plus prévenir cet appareil": one of the parent's devices (another's is refused).
#[server(prefix = "/api", endpoint = "remove_push_device")]
pub async fn remove_push_device(id: i32) -> AppResult<()> {
    use crate::{domain::routes, server::push};
    let (state, session, _) = super::guard::settled().await?;
    push::remove(&state.db, session.account_id, id).await?;
    super::guard::go_to(routes::NOTIFICATION_SETTINGS);
    Ok(())
}

/// "Me désabonner", from the page a mail's link opens: the kind off for every child of the parent
/// the token names (no session needed: the token is the mail's).
#[server(prefix = "/api", endpoint = "unsubscribe")]
pub async fn unsubscribe(token: String, kind: String) -> AppResult<()> {
    use crate::{domain::notifications::Kind, i18n::td_string, server::notifications};
    super::guard::plain_text("token", &token, crate::domain::limits::TOKEN)?;
    let state = super::guard::state()?;
    let kind = Kind::parse(&kind).ok_or(super::AppError::Forbidden)?;
    let locale = crate::language::current();
    if !notifications::unsubscribe(&state.db, &token, kind).await? {
        return Err(super::AppError::Refused(
            td_string!(locale, notifications.unsubscribe_unknown).into(),
        ));
    }
    super::guard::go_to(&format!(
        "{}?fait=1&type={}",
        crate::domain::routes::UNSUBSCRIBE,
        kind.code()
    ));
    Ok(())
}
