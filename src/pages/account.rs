//! "Mon compte": the devices that have access to the account (the seed's warning points here),
//! recent security events, and changing the password or the e-mail address.
use crate::{
    api::account::{
        AccountView, ChangeEmail, ChangeOwnPassword, DeviceItem, RemoveDevice, RemoveOtherDevices,
        RenewCalendarFeed, load_account,
    },
    components::{Field, FormErrors, FormMessage, Loaded, MainContent, Section, SiteHeader},
    domain::routes,
    i18n::td_string,
    language,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn AccountPage() -> impl IntoView {
    let locale = language::current();
    let query = use_query_map();
    // Read again after each change: the server sends the browser back here with a new query.
    let changed = move || query.read().to_query_string();
    let account = Resource::new(changed, |_| load_account());
    view! {
        <Title text=td_string!(locale, account.title)/>
        <Loaded data=account let:view>
            <Account view/>
        </Loaded>
    }
}

#[component]
fn Account(view: AccountView) -> impl IntoView {
    let locale = language::current();
    let query = use_query_map();
    let notice = move || {
        let query = query.read();
        if query.get("mot-de-passe").is_some() {
            Some(td_string!(locale, account.password_changed))
        } else if query.get("email").is_some() {
            Some(td_string!(locale, account.email_link_sent))
        } else if query.get("second-facteur").as_deref() == Some("active") {
            Some(td_string!(locale, account.second_factor_enabled))
        } else if query.get("second-facteur").is_some() {
            Some(td_string!(locale, account.second_factor_disabled))
        } else if query.get("agenda").is_some() {
            Some(td_string!(locale, account.calendar_feed_renewed))
        } else {
            None
        }
    };
    let remove_others = ServerAction::<RemoveOtherDevices>::new();
    let others = view.devices.iter().filter(|device| !device.current).count();
    view! {
        <SiteHeader school=view.school current=Section::Account/>
        <MainContent>
            {move || notice().map(|text| view! { <p class="field-ok card" role="status">{text}</p> })}
            <section class="card" aria-labelledby="devices-title">
                <h1 id="devices-title">{td_string!(locale, account.devices_title)}</h1>
                <p class="hint">{td_string!(locale, account.devices_hint)}</p>
                <ul class="devices">
                    {view.devices.into_iter().map(|device| view! { <Device device/> }).collect_view()}
                </ul>
                {(others > 0).then(|| view! {
                    <ActionForm action=remove_others>
                        <button type="submit" class="secondary">{td_string!(locale, account.sign_out_other_devices)}</button>
                    </ActionForm>
                })}
            </section>
            <section class="card" aria-labelledby="second-factor-title">
                <h2 id="second-factor-title">{td_string!(locale, staff.second_factor_title)}</h2>
                <p class="hint">{if view.second_factor {
                    td_string!(locale, account.second_factor_on)
                } else {
                    td_string!(locale, account.second_factor_off)
                }}</p>
                <p class="link-line"><a href=routes::ACCOUNT_SECOND_FACTOR>{if view.second_factor {
                    td_string!(locale, account.second_factor_manage)
                } else {
                    td_string!(locale, account.second_factor_enable)
                }}</a></p>
            </section>
            <CalendarFeed address=view.calendar_feed/>
            <div class="account-forms">
                <PasswordForm/>
                <EmailForm email=view.email.unwrap_or_default() confirmed=view.email_confirmed pending=view.pending_email/>
            </div>
            <section class="card" aria-labelledby="events-title">
                <h2 id="events-title">{td_string!(locale, account.events_title)}</h2>
                <ul class="events">
                    {view.events.into_iter().map(|event| view! {
                        <li><time>{event.at}</time>" — "{event.what}{event.ip.map(|ip| format!(" ({ip})"))}</li>
                    }).collect_view()}
                </ul>
            </section>
            <section class="card" aria-labelledby="my-data-title">
                <h2 id="my-data-title">{td_string!(locale, account.my_data_title)}</h2>
                <p class="hint">{td_string!(locale, account.my_data_hint)}</p>
                <a class="button secondary" href=routes::MY_DATA download="cartable-mes-donnees.json">{td_string!(locale, account.my_data_download)}</a>
            </section>
        </MainContent>
    }
}

/// The secret calendar address, to copy or open on this device, and replacing it.
#[component]
fn CalendarFeed(address: String) -> impl IntoView {
    let locale = language::current();
    let renew = ServerAction::<RenewCalendarFeed>::new();
    // webcal: opens the device's calendar with the subscription ready (iOS, macOS, Outlook).
    let webcal = format!("webcal{}", &address[address.find("://").unwrap_or(0)..]);
    view! {
        <section class="card" aria-labelledby="calendar-feed-title">
            <h2 id="calendar-feed-title">{td_string!(locale, account.calendar_feed_title)}</h2>
            <p class="hint">{td_string!(locale, account.calendar_feed_hint)}</p>
            <div class="field">
                <label for="calendar-feed">{td_string!(locale, account.calendar_feed_address)}</label>
                <input id="calendar-feed" type="text" readonly=true value=address spellcheck="false"/>
            </div>
            <p class="link-line"><a href=webcal>{td_string!(locale, account.calendar_feed_subscribe)}</a></p>
            <p class="hint">{td_string!(locale, account.calendar_feed_renew_hint)}</p>
            <ActionForm action=renew>
                <button type="submit" class="secondary">{td_string!(locale, account.calendar_feed_renew)}</button>
            </ActionForm>
        </section>
    }
}

#[component]
fn Device(device: DeviceItem) -> impl IntoView {
    let locale = language::current();
    let remove = ServerAction::<RemoveDevice>::new();
    view! {
        <li class="device" class:current=device.current>
            <p class="device-name">
                <strong>{device.description}</strong>
                {device.current.then(|| view! { <span class="badge">{td_string!(locale, account.this_device)}</span> })}
            </p>
            <p class="hint">
                {td_string!(locale, account.device_details,
                    ip = device.ip.unwrap_or_else(|| td_string!(locale, account.ip_unknown).into()),
                    first_seen = device.first_seen, last_seen = device.last_seen)}
            </p>
            <ActionForm action=remove>
                <input type="hidden" name="handle" value=device.handle/>
                <button type="submit" class="link">{if device.current {
                    td_string!(locale, account.sign_me_out)
                } else {
                    td_string!(locale, account.sign_out_device)
                }}</button>
            </ActionForm>
        </li>
    }
}

#[component]
fn PasswordForm() -> impl IntoView {
    let locale = language::current();
    let change = ServerAction::<ChangeOwnPassword>::new();
    let errors = FormErrors::of(change);
    view! {
        <section class="card" aria-labelledby="password-title">
            <h2 id="password-title">{td_string!(locale, account.password_title)}</h2>
            <FormMessage message=errors.general()/>
            <ActionForm action=change attr:class="form" attr:novalidate=true>
                <Field label=td_string!(locale, account.current_password) name="current_password" kind="password" required=true
                    autocomplete="current-password" error=errors.under("current_password")/>
                <Field label=td_string!(locale, account.new_password) name="new_password" kind="password" required=true
                    autocomplete="new-password" error=errors.under("new_password")
                    hint=td_string!(locale, account.new_password_hint)/>
                <Field label=td_string!(locale, account.repeat_password) name="repeat_password" kind="password" required=true
                    autocomplete="new-password" error=errors.under("repeat_password")/>
                <label class="check">
                    <input type="checkbox" name="sign_out_others" value="on" checked=true/>
                    " "{td_string!(locale, account.sign_out_my_devices)}
                </label>
                <button type="submit" class="primary" disabled=move || change.pending().get()>{td_string!(locale, account.save)}</button>
            </ActionForm>
        </section>
    }
}

#[component]
fn EmailForm(email: String, confirmed: bool, pending: Option<String>) -> impl IntoView {
    let locale = language::current();
    let change = ServerAction::<ChangeEmail>::new();
    let errors = FormErrors::of(change);
    let typed = errors.typed("email", email.clone());
    let password_error = errors.under("current_password");
    view! {
        <section class="card" aria-labelledby="email-title">
            <h2 id="email-title">{td_string!(locale, account.email_title)}</h2>
            <p class="hint">{if confirmed {
                td_string!(locale, account.current_email_confirmed, email = &email)
            } else {
                td_string!(locale, account.current_email_unconfirmed, email = &email)
            }}</p>
            {pending.map(|address| view! {
                <p class="hint">{td_string!(locale, account.email_pending, address = address)}</p>
            })}
            <FormMessage message=errors.general()/>
            <ActionForm action=change attr:class="form" attr:novalidate=true>
                <Field label=td_string!(locale, account.new_email) name="email" kind="email" required=true
                    autocomplete="email" value=typed error=errors.under("email")/>
                // Written out rather than a <Field>, whose id is its name: the password form above
                // has its own "current_password", and a label finds its field by a unique id.
                <div class="field" class:invalid=move || password_error.get().is_some()>
                    <div class="label-line">
                        <label for="email_current_password">{td_string!(locale, account.current_password)}</label>
                        <span class="required" aria-hidden="true">"★"</span>
                    </div>
                    <input id="email_current_password" name="current_password" type="password" required=true
                        autocomplete="current-password"
                        aria-invalid=move || password_error.get().is_some().then_some("true")
                        aria-describedby=move || password_error.get().is_some().then_some("email_current_password-error")/>
                    <div class="field-message" aria-live="polite">
                        {move || password_error.get().map(|text| view! {
                            <p class="field-error" id="email_current_password-error">{text}</p>
                        })}
                    </div>
                </div>
                <button type="submit" class="primary" disabled=move || change.pending().get()>{td_string!(locale, account.save)}</button>
            </ActionForm>
        </section>
    }
}
