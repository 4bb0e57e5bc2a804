//! "Vérification": the code mailed to the parent's address when their password alone may not open
//! the account (a browser it never signed in from, or a password that opens more than one account).
use crate::{
    api::auth::SignInCode,
    components::{Field, FormErrors, FormMessage, MainContent},
    domain::routes,
};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn SignInCodePage() -> impl IntoView {
    let confirm = ServerAction::<SignInCode>::new();
    let errors = FormErrors::of(confirm);
    view! {
        <Title text="Vérification"/>
        <MainContent>
            <section class="card narrow">
                <h1>"Vérification"</h1>
                <p>
                    "Pour protéger votre compte, nous avons envoyé un code à 6 chiffres à l'adresse e-mail confirmée de votre "
                    "compte. Saisissez-le ci-dessous : il est valable 15 minutes. Ce navigateur sera ensuite reconnu."
                </p>
                <FormMessage message=errors.general()/>
                <ActionForm action=confirm attr:class="form" attr:novalidate=true>
                    <Field
                        label="Code reçu par e-mail"
                        name="code"
                        autocomplete="one-time-code"
                        inputmode="numeric"
                        required=true
                        maxlength=20
                        error=errors.under("code")
                    />
                    <button type="submit" class="primary" disabled=move || confirm.pending().get()>"Valider"</button>
                </ActionForm>
                <p class="hint">
                    "Pas de code après quelques minutes ? Regardez dans les courriers indésirables, ou "
                    <a href=routes::SIGN_IN>"connectez-vous à nouveau"</a>
                    " pour en recevoir un autre. Si votre adresse e-mail n'est pas encore confirmée, aucun code ne peut vous "
                    "parvenir : ouvrez d'abord le lien de confirmation qui vous a été envoyé, ou contactez les administrateurs "
                    "de la plateforme de l'école."
                </p>
            </section>
        </MainContent>
    }
}
