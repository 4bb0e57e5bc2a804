//! "Ajouter un enfant": platform, identifier and the letter's password of another child. With
//! JavaScript the form opens in a dialog over the page; without, the link leads to its own page.
use crate::{
    api::children::{LinkChild, platform_name},
    components::{Field, FormErrors, FormMessage},
    domain::routes,
};
use leptos::{html, prelude::*};

/// "+ Ajouter des enfants": a link to [`routes::ADD_CHILD`] that, once the page is hydrated, opens the
/// form in a dialog instead.
#[component]
pub fn AddChildLink() -> impl IntoView {
    let dialog = NodeRef::<html::Dialog>::new();
    let open = move |ev: leptos::ev::MouseEvent| {
        if let Some(dialog) = dialog.get() {
            ev.prevent_default();
            let _ = dialog.show_modal();
        }
    };
    let close = Callback::new(move |()| {
        if let Some(dialog) = dialog.get() {
            dialog.close();
        }
    });
    view! {
        <a class="add-child" href=routes::ADD_CHILD on:click=open>"+ Ajouter des enfants"</a>
        <dialog node_ref=dialog class="dialog" aria-labelledby="add-child-title">
            <AddChildForm on_done=close/>
            <form method="dialog" class="cancel">
                <button type="submit" class="secondary">"Fermer"</button>
            </form>
        </dialog>
    }
}

/// The form itself. `on_done` is called after a child was linked (the dialog closes); the
/// server then sends the browser to "Mes enfants".
#[component]
pub fn AddChildForm(#[prop(optional)] on_done: Option<Callback<()>>) -> impl IntoView {
    let link = ServerAction::<LinkChild>::new();
    let errors = FormErrors::of(link);
    // The ✓ and the school's name, as soon as the typed code matches a platform. Effects run only
    // in the browser, so the server renders the form without waiting on this.
    let code = RwSignal::new(String::new());
    let school = RwSignal::new(None::<String>);
    Effect::new(move |_| {
        let typed = code.get();
        leptos::task::spawn_local(async move {
            let found = if typed.trim().len() < 2 {
                None
            } else {
                platform_name(typed.clone()).await.ok().flatten()
            };
            // Answers may arrive out of order: keep only the one for what is typed now.
            if code.get_untracked() == typed {
                school.set(found);
            }
        });
    });
    Effect::new(move |_| {
        if matches!(link.value().get(), Some(Ok(())))
            && let Some(done) = on_done
        {
            done.run(());
        }
    });
    view! {
        <h2 id="add-child-title">"Ajouter un enfant"</h2>
        <FormMessage message=errors.general()/>
        <ActionForm action=link attr:class="form" attr:novalidate=true>
            <Field label="Plateforme" name="platform" required=true autocomplete="off"
                hint="Le nom de la plateforme de l'école, indiqué dans le courrier (par exemple isu-dour)."
                value=errors.typed("platform", "") error=errors.under("platform")
                on_input=Callback::new(move |text| code.set(text))/>
            {move || school.get().map(|name| view! {
                <p class="field-ok" role="status">"✓ "{name}</p>
            })}
            <Field label="Identifiant" name="identifier" required=true autocomplete="off"
                hint="L'identifiant de l'enfant, c'est-à-dire son adresse e-mail à l'école : prénom.nom@…"
                value=errors.typed("identifier", "") error=errors.under("identifier")/>
            <Field label="Mot de passe" name="password" kind="password" required=true autocomplete="off"
                hint="Le mot de passe reçu dans le courrier de l'école pour cet enfant."
                error=errors.under("password")/>
            <div class="info" role="note">
                <p><strong>"Informations pour les parents divorcés"</strong></p>
                <p>"Si votre ex-partenaire utilise aussi ce compte, il/elle peut voir tous les enfants que vous associez. N'ajoutez donc aucun enfant de la famille recomposée dans ce compte partagé. Veuillez contacter votre école pour obtenir un compte secondaire séparé."</p>
            </div>
            <button type="submit" class="primary" disabled=move || link.pending().get()>"Enregistrer"</button>
        </ActionForm>
    }
}
