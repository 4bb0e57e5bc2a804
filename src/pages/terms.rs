//! "Conditions d'utilisation": read to the end, then accept, refuse, or postpone until the deadline.
use crate::{
    api::journey::{AcceptTerms, PostponeTerms, RefuseTerms, TermsView, load_terms},
    components::{FormErrors, FormMessage, Loaded, MainContent, island_awake},
    i18n::td_string,
    language,
};
use leptos::{html, prelude::*, server_fn::ServerFn};
use leptos_meta::Title;

#[component]
pub fn TermsPage() -> impl IntoView {
    let locale = language::current();
    let terms = Resource::new(|| (), |_| load_terms());
    view! {
        <Title text=td_string!(locale, terms.title)/>
        <Loaded data=terms let:view>
            <MainContent>
                <Terms terms=view/>
            </MainContent>
        </Loaded>
    }
}

#[component]
fn Terms(terms: TermsView) -> impl IntoView {
    let locale = language::current();
    let accept = ServerAction::<AcceptTerms>::new();
    let postpone = ServerAction::<PostponeTerms>::new();
    let refuse = ServerAction::<RefuseTerms>::new();
    // The three answers share one message.
    let message = FormErrors::of(accept)
        .or(FormErrors::of(postpone))
        .or(FormErrors::of(refuse))
        .general();
    let version = terms.version;
    view! {
        <section class="card terms">
            <h1>{td_string!(locale, terms.title)}</h1>
            <p class="lead">
                {td_string!(locale, terms.intro, school = &terms.school, identifier = &terms.identifier).to_string()}
            </p>
            <ReadToAccept html=terms.html version message=message.get_untracked()>
                <ActionForm action=refuse>
                    <input type="hidden" name="version" value=version/>
                    <button type="submit" class="secondary">{td_string!(locale, terms.refuse)}</button>
                </ActionForm>
                {terms.postpone_until.map(|deadline| view! {
                        <ActionForm action=postpone>
                            <input type="hidden" name="version" value=version/>
                            <button type="submit" class="secondary">{td_string!(locale, terms.postpone, deadline = deadline).to_string()}</button>
                        </ActionForm>
                })}
            </ReadToAccept>
        </section>
    }
}

/// The text, then the answers (`children`) and "Oui". An island: with JavaScript, "Oui" waits
/// until the text has been scrolled to its end; without it, the button simply works. Every answer
/// posts as a plain form.
#[island]
fn ReadToAccept(
    html: String,
    version: i32,
    message: Option<String>,
    children: Children,
) -> impl IntoView {
    let text = NodeRef::<html::Div>::new();
    let hydrated = RwSignal::new(false);
    let read_to_end = RwSignal::new(false);
    let check_end = move || {
        if let Some(el) = text.get_untracked() {
            // Until laid out, every size is 0: that is not "read to the end".
            let laid_out = el.client_height() > 0;
            if laid_out && el.scroll_top() + el.client_height() >= el.scroll_height() - 8 {
                read_to_end.set(true);
            }
        }
    };
    Effect::new(move |_| {
        hydrated.set(true);
        island_awake();
        // A text short enough to need no scrolling counts as read, once the browser has laid it out.
        if text.get().is_some() {
            request_animation_frame(check_end);
        }
    });
    let waiting = move || hydrated.get() && !read_to_end.get();
    let locale = language::current();
    view! {
        <div class="terms-text" tabindex="0" node_ref=text on:scroll=move |_| check_end() inner_html=html></div>
        <FormMessage message=Signal::stored(message)/>
        <div class="actions">
            {children()}
            <form method="post" action=AcceptTerms::url()>
                <input type="hidden" name="version" value=version/>
                <button
                    type="submit"
                    class="primary"
                    disabled=waiting
                    title=move || waiting().then_some(td_string!(locale, terms.scroll_to_accept))
                >
                    {td_string!(locale, terms.accept)}
                </button>
            </form>
        </div>
    }
}
