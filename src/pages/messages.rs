//! "Messages" for parents: the inbox (all children's conversations, or one child's, with their
//! unread counts), search by words, the archive; one conversation with its reply form; a new
//! message to a teacher of the shown child or to the school.
use crate::{
    api::messages::{
        ArchiveConversation, ConversationView, InboxView, NewMessageView, Reply, SendMessage,
        load_conversation, load_inbox, load_new_message,
    },
    components::{
        ArchiveSwitch, ConversationList, FormErrors, FormMessage, InboxSearch, Loaded, MainContent,
        MessageFields, ReplyForm, Section, SiteHeader, SubjectField, Thread, route_id,
    },
    domain::routes,
    i18n::td_string,
    language,
};
use leptos::{prelude::*, server_fn::ServerFn};
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn MessagesPage() -> impl IntoView {
    let locale = language::current();
    let query = use_query_map();
    let asked = move || {
        let query = query.read();
        (
            query.get("mots").unwrap_or_default(),
            query.get("archives").is_some(),
            query.get("enfant").and_then(|id| id.parse().ok()),
        )
    };
    let inbox = Resource::new(asked, |(words, archived, child)| {
        load_inbox(words, archived, child)
    });
    view! {
        <Title text=td_string!(locale, school.messages_title)/>
        <Loaded data=inbox let:inbox>
            <Inbox inbox/>
        </Loaded>
    }
}

#[component]
fn Inbox(inbox: InboxView) -> impl IntoView {
    let locale = language::current();
    let InboxView {
        school,
        children,
        child,
        unread,
        words,
        archived,
        conversations,
    } = inbox;
    view! {
        <SiteHeader school current=Section::Messages/>
        <MainContent>
            <section class="card messages">
                <div class="title-line">
                    <h1>{if archived { td_string!(locale, messages.archive_title) } else { td_string!(locale, school.messages_title) }}</h1>
                    <a class="button primary" href=routes::NEW_MESSAGE>{td_string!(locale, messages.new_message)}</a>
                </div>
                {(children.len() > 1).then(|| view! {
                    <nav class="tabs" aria-label=td_string!(locale, messages.children_label)>
                        <a href=routes::MESSAGES aria-current=child.is_none().then_some("page")>
                            {td_string!(locale, messages.all_children)}<Count unread/>
                        </a>
                        {children.into_iter().map(|c| view! {
                            <a href=format!("{}?enfant={}", routes::MESSAGES, c.id) aria-current=(child == Some(c.id)).then_some("page")>
                                {c.name}<Count unread=c.unread/>
                            </a>
                        }).collect_view()}
                    </nav>
                })}
                <InboxSearch action=routes::MESSAGES words child=child archived/>
                <ConversationList lines=conversations link=routes::conversation/>
                <ArchiveSwitch inbox=routes::MESSAGES archived/>
            </section>
        </MainContent>
    }
}

/// " (3)" after a tab whose child has unread messages.
#[component]
fn Count(unread: i64) -> impl IntoView {
    (unread > 0).then(|| view! { " " <span class="badge">{unread}</span> })
}

#[component]
pub fn ConversationPage() -> impl IntoView {
    let id = route_id();
    let conversation = Resource::new(id, load_conversation);
    view! {
        <Loaded data=conversation let:conversation>
            <ConversationScreen conversation/>
        </Loaded>
    }
}

#[component]
fn ConversationScreen(conversation: ConversationView) -> impl IntoView {
    let locale = language::current();
    let archive = ServerAction::<ArchiveConversation>::new();
    let ConversationView {
        school,
        id,
        subject,
        child,
        with,
        archived,
        messages,
    } = conversation;
    view! {
        <Title text=subject.clone()/>
        <SiteHeader school current=Section::Messages/>
        <MainContent>
            <section class="card conversation">
                <p class="link-line"><a href=routes::MESSAGES>{td_string!(locale, messages.back_to_inbox)}</a></p>
                <h1>{subject}</h1>
                <p class="hint">{td_string!(locale, messages.about, child = child, with = with)}</p>
                <Thread messages/>
                <ActionForm action=archive>
                    <input type="hidden" name="id" value=id.to_string()/>
                    {(!archived).then(|| view! { <input type="hidden" name="archived" value="true"/> })}
                    <button type="submit" class="link">
                        {if archived { td_string!(locale, messages.unarchive) } else { td_string!(locale, messages.archive) }}
                    </button>
                </ActionForm>
            </section>
            <ReplyForm action=Reply::url() conversation=id/>
        </MainContent>
    }
}

#[component]
pub fn NewMessagePage() -> impl IntoView {
    let locale = language::current();
    let form = Resource::new(|| (), |_| load_new_message());
    view! {
        <Title text=td_string!(locale, messages.new_message)/>
        <Loaded data=form let:form>
            <NewMessage form/>
        </Loaded>
    }
}

#[component]
fn NewMessage(form: NewMessageView) -> impl IntoView {
    let locale = language::current();
    let errors = FormErrors::of_plain_form(SendMessage::url());
    let chosen = errors.typed("recipient", String::new()).get_untracked();
    view! {
        <SiteHeader school=form.school current=Section::Messages/>
        <MainContent>
            <section class="card">
                <p class="link-line"><a href=routes::MESSAGES>{td_string!(locale, messages.back_to_inbox)}</a></p>
                <h1>{td_string!(locale, messages.new_message)}</h1>
                <p class="hint">{td_string!(locale, messages.new_about, child = form.child)}</p>
                <FormMessage message=errors.general()/>
                <form class="form" method="post" action=SendMessage::url() enctype="multipart/form-data" novalidate=true>
                    <div class="field">
                        <label for="recipient">{td_string!(locale, messages.recipient_label)}</label>
                        <select id="recipient" name="recipient">
                            {form.recipients.into_iter().map(|(value, label)| {
                                let selected = value == chosen;
                                view! { <option value=value selected=selected>{label}</option> }
                            }).collect_view()}
                        </select>
                    </div>
                    <SubjectField errors/>
                    <MessageFields errors/>
                    <button type="submit" class="primary">{td_string!(locale, messages.send)}</button>
                </form>
            </section>
        </MainContent>
    }
}
