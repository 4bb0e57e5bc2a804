//! "Notifications": what the parent was told of, newest first; "Ce que je reçois", where they
//! choose how each kind about each child reaches them and their quiet hours; and the page a mail's
//! unsubscribe link opens.
use crate::{
    api::notifications::{
        NotificationSettingsView, NotificationsView, PushDevice, RemovePushDevice,
        SaveNotificationSettings, Unsubscribe, load_notification_settings, load_notifications,
    },
    components::{FormErrors, FormMessage, Loaded, MainContent, Section, SiteHeader},
    domain::routes,
    i18n::td_string,
    language::{self, Locale},
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn NotificationsPage() -> impl IntoView {
    let locale = language::current();
    let list = Resource::new(|| (), |_| load_notifications());
    view! {
        <Title text=td_string!(locale, notifications.title)/>
        <Loaded data=list let:list>
            <Notifications list/>
        </Loaded>
    }
}

#[component]
fn Notifications(list: NotificationsView) -> impl IntoView {
    let locale = language::current();
    view! {
        <SiteHeader school=list.school current=Section::Notifications/>
        <MainContent>
            <section class="card">
                <div class="title-line">
                    <h1>{td_string!(locale, notifications.title)}</h1>
                    <a href=routes::NOTIFICATION_SETTINGS>{td_string!(locale, notifications.settings_link)}</a>
                </div>
                {list.items.is_empty().then(|| view! { <p class="empty">{td_string!(locale, notifications.none)}</p> })}
                <ul class="conversations notifications">
                    {list.items.into_iter().map(|item| view! {
                        <li class:unread=item.new>
                            <a href=item.link>
                                <span class="conversation-subject">{item.headline}</span>
                                {item.new.then(|| view! { " " <span class="badge">{td_string!(locale, notifications.fresh)}</span> })}
                            </a>
                            <span class="conversation-meta">{item.child.unwrap_or_default()}</span>
                            <time>{item.when}</time>
                        </li>
                    }).collect_view()}
                </ul>
            </section>
        </MainContent>
    }
}

/// A kind's name on the settings page.
fn kind_label(locale: Locale, code: &str) -> &'static str {
    match code {
        "message" => td_string!(locale, notifications.kind_message),
        "news" => td_string!(locale, notifications.kind_news),
        "event" => td_string!(locale, notifications.kind_event),
        "survey" => td_string!(locale, notifications.kind_survey),
        _ => td_string!(locale, notifications.kind_terms),
    }
}

fn delivery_label(locale: Locale, code: &str) -> &'static str {
    match code {
        "immediately" => td_string!(locale, notifications.delivery_immediately),
        "digest" => td_string!(locale, notifications.delivery_digest),
        _ => td_string!(locale, notifications.delivery_off),
    }
}

#[component]
pub fn NotificationSettingsPage() -> impl IntoView {
    let locale = language::current();
    let settings = Resource::new(|| (), |_| load_notification_settings());
    view! {
        <Title text=td_string!(locale, notifications.settings_title)/>
        <Loaded data=settings let:settings>
            <SettingsForm settings/>
        </Loaded>
    }
}

#[component]
fn SettingsForm(settings: NotificationSettingsView) -> impl IntoView {
    let locale = language::current();
    let save = ServerAction::<SaveNotificationSettings>::new();
    let errors = FormErrors::of(save);
    let saved = use_query_map().read_untracked().get("enregistre").is_some();
    let mut index = 0;
    let children = settings
        .children
        .into_iter()
        .map(|child| {
            let rows = child
                .kinds
                .into_iter()
                .map(|(kind, delivery)| {
                    let (name, id) = (format!("choices[{index}]"), format!("choice-{}-{kind}", child.id));
                    index += 1;
                    let label_for = id.clone();
                    let options = ["immediately", "digest", "off"].map(|code| {
                        let value = format!("{}:{kind}:{code}", child.id);
                        view! { <option value=value selected=code == delivery>{delivery_label(locale, code)}</option> }
                    });
                    view! {
                        <div class="field">
                            <label for=label_for>{kind_label(locale, &kind)}</label>
                            <select id=id name=name>{options.into_iter().collect_view()}</select>
                        </div>
                    }
                })
                .collect_view();
            view! {
                <fieldset class="choices">
                    <legend>{child.name}</legend>
                    {rows}
                </fieldset>
            }
        })
        .collect_view();
    let (from_error, until_error) = (errors.under("quiet_from"), errors.under("quiet_until"));
    view! {
        <SiteHeader school=settings.school current=Section::Notifications/>
        <MainContent>
            <section class="card">
                <p class="link-line"><a href=routes::NOTIFICATIONS>{td_string!(locale, notifications.title)}</a></p>
                <h1>{td_string!(locale, notifications.settings_title)}</h1>
                {saved.then(|| view! { <p class="field-ok" role="status">{td_string!(locale, notifications.saved)}</p> })}
                <p class="hint">{td_string!(locale, notifications.settings_intro)}</p>
                <FormMessage message=errors.general()/>
                <ActionForm action=save attr:class="form" attr:novalidate=true>
                    {children}
                    <label class="checkbox" for="by_mail">
                        <input id="by_mail" name="by_mail" type="checkbox" value="true" checked=settings.by_mail/>
                        {td_string!(locale, notifications.by_mail)}
                    </label>
                    <label class="checkbox" for="by_push">
                        <input id="by_push" name="by_push" type="checkbox" value="true" checked=settings.by_push/>
                        {td_string!(locale, notifications.by_push)}
                    </label>
                    <fieldset class="choices">
                        <legend>{td_string!(locale, notifications.quiet_title)}</legend>
                        <p class="hint">{td_string!(locale, notifications.quiet_hint)}</p>
                        <div class="field" class:invalid=move || from_error.get().is_some()>
                            <label for="quiet_from">{td_string!(locale, notifications.quiet_from)}</label>
                            <input id="quiet_from" name="quiet_from" type="time" required=true
                                value=errors.typed("quiet_from", settings.quiet_from).get_untracked()/>
                            <div class="field-message" aria-live="polite">
                                {move || from_error.get().map(|m| view! { <p class="field-error">{m}</p> })}
                            </div>
                        </div>
                        <div class="field" class:invalid=move || until_error.get().is_some()>
                            <label for="quiet_until">{td_string!(locale, notifications.quiet_until)}</label>
                            <input id="quiet_until" name="quiet_until" type="time" required=true
                                value=errors.typed("quiet_until", settings.quiet_until).get_untracked()/>
                            <div class="field-message" aria-live="polite">
                                {move || until_error.get().map(|m| view! { <p class="field-error">{m}</p> })}
                            </div>
                        </div>
                    </fieldset>
                    <button type="submit" class="primary">{td_string!(locale, notifications.save)}</button>
                </ActionForm>
            </section>
            <PushDevices key=settings.push_key devices=settings.devices/>
        </MainContent>
    }
}

/// The devices told by web push, each with "Retirer", and the button that adds this one. The button
/// is public/push.js's: it stays hidden where the browser cannot receive push (or runs no script).
#[component]
fn PushDevices(key: String, devices: Vec<PushDevice>) -> impl IntoView {
    let locale = language::current();
    let remove = ServerAction::<RemovePushDevice>::new();
    let listed = if devices.is_empty() {
        view! { <p class="empty">{td_string!(locale, notifications.push_none)}</p> }.into_any()
    } else {
        let rows = devices
            .into_iter()
            .map(|device| {
                view! {
                    <li class="device">
                        <p class="device-name"><strong>{device.name}</strong></p>
                        <p class="hint">{td_string!(locale, notifications.push_since, when = device.since)}</p>
                        <ActionForm action=remove>
                            <input type="hidden" name="id" value=device.id/>
                            <button type="submit" class="link">{td_string!(locale, notifications.push_remove)}</button>
                        </ActionForm>
                    </li>
                }
            })
            .collect_view();
        view! { <ul class="devices">{rows}</ul> }.into_any()
    };
    view! {
        <section class="card" aria-labelledby="push-title">
            <h2 id="push-title">{td_string!(locale, notifications.push_title)}</h2>
            <p class="hint">{td_string!(locale, notifications.push_hint)}</p>
            {listed}
            <button type="button" id="push-subscribe" class="secondary" hidden=true data-key=key
                data-done=td_string!(locale, notifications.push_done)
                data-denied=td_string!(locale, notifications.push_denied)
                data-failed=td_string!(locale, notifications.push_failed)
                data-unsupported=td_string!(locale, notifications.push_unsupported)>
                {td_string!(locale, notifications.push_subscribe)}
            </button>
            <p id="push-status" class="hint" role="status"></p>
            <script src="/push.js" defer=true></script>
        </section>
    }
}

/// The page a mail's unsubscribe link opens (`?jeton=…&type=news`): one button, no session needed.
#[component]
pub fn UnsubscribePage() -> impl IntoView {
    let locale = language::current();
    let query = use_query_map().read_untracked();
    let token = query.get("jeton").unwrap_or_default();
    let kind = query.get("type").unwrap_or_default();
    let done = query.get("fait").is_some();
    let unsubscribe = ServerAction::<Unsubscribe>::new();
    let errors = FormErrors::of(unsubscribe);
    let label = kind_label(locale, &kind);
    view! {
        <Title text=td_string!(locale, notifications.unsubscribe_title)/>
        <MainContent>
            <section class="card narrow">
                <h1>{td_string!(locale, notifications.unsubscribe_title)}</h1>
                {if done {
                    view! { <p class="field-ok" role="status">{td_string!(locale, notifications.unsubscribe_done)}</p> }.into_any()
                } else {
                    view! {
                        <p>{td_string!(locale, notifications.unsubscribe_text, kind = label)}</p>
                        <FormMessage message=errors.general()/>
                        <ActionForm action=unsubscribe>
                            <input type="hidden" name="token" value=token.clone()/>
                            <input type="hidden" name="kind" value=kind.clone()/>
                            <button type="submit" class="primary">{td_string!(locale, notifications.unsubscribe_button)}</button>
                        </ActionForm>
                    }.into_any()
                }}
            </section>
        </MainContent>
    }
}
