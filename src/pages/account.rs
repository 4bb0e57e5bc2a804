//! "Mon compte": the devices that have access to the account (the seed's warning points here),
//! recent security events, and changing the password or the e-mail address.
use crate::{
    api::account::{
        AccountView, ChangeEmail, ChangeOwnPassword, DeviceItem, RemoveDevice, RemoveOtherDevices,
        load_account,
    },
    components::{Field, FormErrors, FormMessage, Loaded, MainContent, Section, SiteHeader},
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn AccountPage() -> impl IntoView {
    let query = use_query_map();
    // Read again after each change: the server sends the browser back here with a new query.
    let changed = move || query.read().to_query_string();
    let account = Resource::new(changed, |_| load_account());
    view! {
        <Title text="Mon compte"/>
        <Loaded data=account let:view>
            <Account view/>
        </Loaded>
    }
}

#[component]
fn Account(view: AccountView) -> impl IntoView {
    let query = use_query_map();
    let notice = move || {
        let query = query.read();
        if query.get("mot-de-passe").is_some() {
            Some("Votre mot de passe a été modifié.")
        } else if query.get("email").is_some() {
            Some(
                "Un lien de confirmation a été envoyé à la nouvelle adresse : elle remplacera l'actuelle dès que vous l'aurez ouvert.",
            )
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
                <h1 id="devices-title">"Appareils qui ont accès à votre compte"</h1>
                <p class="hint">"Supprimez les appareils et applications que vous ne reconnaissez pas, puis changez votre mot de passe."</p>
                <ul class="devices">
                    {view.devices.into_iter().map(|device| view! { <Device device/> }).collect_view()}
                </ul>
                {(others > 0).then(|| view! {
                    <ActionForm action=remove_others>
                        <button type="submit" class="secondary">"Déconnecter tous les autres appareils"</button>
                    </ActionForm>
                })}
            </section>
            <div class="account-forms">
                <PasswordForm/>
                <EmailForm email=view.email.unwrap_or_default() confirmed=view.email_confirmed pending=view.pending_email/>
            </div>
            <section class="card" aria-labelledby="events-title">
                <h2 id="events-title">"Activité récente"</h2>
                <ul class="events">
                    {view.events.into_iter().map(|event| view! {
                        <li><time>{event.at}</time>" — "{event.what}{event.ip.map(|ip| format!(" ({ip})"))}</li>
                    }).collect_view()}
                </ul>
            </section>
        </MainContent>
    }
}

#[component]
fn Device(device: DeviceItem) -> impl IntoView {
    let remove = ServerAction::<RemoveDevice>::new();
    view! {
        <li class="device" class:current=device.current>
            <p class="device-name">
                <strong>{device.description}</strong>
                {device.current.then(|| view! { <span class="badge">"Cet appareil"</span> })}
            </p>
            <p class="hint">
                {format!("Adresse IP : {} · première connexion le {} · dernière activité le {}",
                    device.ip.unwrap_or_else(|| "inconnue".into()), device.first_seen, device.last_seen)}
            </p>
            <ActionForm action=remove>
                <input type="hidden" name="handle" value=device.handle/>
                <button type="submit" class="link">{if device.current { "Me déconnecter" } else { "Déconnecter cet appareil" }}</button>
            </ActionForm>
        </li>
    }
}

#[component]
fn PasswordForm() -> impl IntoView {
    let change = ServerAction::<ChangeOwnPassword>::new();
    let errors = FormErrors::of(change);
    view! {
        <section class="card" aria-labelledby="password-title">
            <h2 id="password-title">"Modifier mon mot de passe"</h2>
            <FormMessage message=errors.general()/>
            <ActionForm action=change attr:class="form" attr:novalidate=true>
                <Field label="Mot de passe actuel" name="current_password" kind="password" required=true
                    autocomplete="current-password" error=errors.under("current_password")/>
                <Field label="Nouveau mot de passe" name="new_password" kind="password" required=true
                    autocomplete="new-password" error=errors.under("new_password")
                    hint="Au moins 8 caractères mêlant lettres, majuscules, chiffres et/ou autres caractères, ou une phrase de passe de 20 caractères et 4 mots."/>
                <Field label="Répétez le nouveau mot de passe" name="repeat_password" kind="password" required=true
                    autocomplete="new-password" error=errors.under("repeat_password")/>
                <label class="check">
                    <input type="checkbox" name="sign_out_others" value="on" checked=true/>
                    " Déconnecter mes autres appareils"
                </label>
                <button type="submit" class="primary" disabled=move || change.pending().get()>"Enregistrer"</button>
            </ActionForm>
        </section>
    }
}

#[component]
fn EmailForm(email: String, confirmed: bool, pending: Option<String>) -> impl IntoView {
    let change = ServerAction::<ChangeEmail>::new();
    let errors = FormErrors::of(change);
    let typed = errors.typed("email", email.clone());
    let password_error = errors.under("current_password");
    view! {
        <section class="card" aria-labelledby="email-title">
            <h2 id="email-title">"Modifier mon adresse e-mail"</h2>
            <p class="hint">{format!("Adresse actuelle : {email} ({})", if confirmed { "confirmée" } else { "pas encore confirmée" })}</p>
            {pending.map(|address| view! {
                <p class="hint">{format!("En attente de confirmation : {address}. Elle remplacera l'adresse actuelle dès que vous aurez ouvert le lien qui lui a été envoyé.")}</p>
            })}
            <FormMessage message=errors.general()/>
            <ActionForm action=change attr:class="form" attr:novalidate=true>
                <Field label="Nouvelle adresse e-mail" name="email" kind="email" required=true
                    autocomplete="email" value=typed error=errors.under("email")/>
                // Written out rather than a <Field>, whose id is its name: the password form above
                // has its own "current_password", and a label finds its field by a unique id.
                <div class="field" class:invalid=move || password_error.get().is_some()>
                    <div class="label-line">
                        <label for="email_current_password">"Mot de passe actuel"</label>
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
                <button type="submit" class="primary" disabled=move || change.pending().get()>"Enregistrer"</button>
            </ActionForm>
        </section>
    }
}
