//! "Messages" in the staff area: the conversations with families, one conversation (with who has
//! read each message the staff member wrote), writing to the parents of a student, a class, a
//! course or the whole school, and replying.
use crate::{
    api::{
        messages::ConversationLine,
        staff::messages::{
            StaffArchiveConversation, StaffConversation, StaffInbox, StaffNewMessage, StaffReply,
            StaffSendMessage, load_staff_conversation, load_staff_inbox, load_staff_new_message,
        },
    },
    components::{
        ArchiveSwitch, CheckboxField, ConversationList, FormErrors, FormMessage, InboxSearch,
        Loaded, MainContent, MessageFields, ReplyForm, StaffHeader, StaffSection, SubjectField,
        Thread, route_id,
    },
    domain::routes,
    i18n::td_string,
    language,
};
use leptos::{prelude::*, server_fn::ServerFn};
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn StaffMessagesPage() -> impl IntoView {
    let locale = language::current();
    let query = use_query_map();
    let asked = move || {
        let query = query.read();
        (
            query.get("mots").unwrap_or_default(),
            query.get("archives").is_some(),
        )
    };
    let inbox = Resource::new(asked, |(words, archived)| load_staff_inbox(words, archived));
    view! {
        <Title text=td_string!(locale, school.messages_title)/>
        <Loaded data=inbox let:inbox>
            <Inbox inbox/>
        </Loaded>
    }
}

#[component]
fn Inbox(inbox: StaffInbox) -> impl IntoView {
    let locale = language::current();
    let StaffInbox {
        frame,
        unread,
        words,
        archived,
        conversations,
    } = inbox;
    let query = use_query_map().read_untracked();
    let count = |name: &str| query.get(name).and_then(|n| n.parse::<u64>().ok());
    let sent = count("envoyes").map(|sent| (sent, count("sans-parent").unwrap_or(0)));
    let lines: Vec<ConversationLine> = conversations;
    view! {
        <StaffHeader frame current=StaffSection::Messages/>
        <MainContent>
            <section class="card messages">
                <div class="title-line">
                    <h1>
                        {if archived { td_string!(locale, messages.archive_title) } else { td_string!(locale, school.messages_title) }}
                        {(unread > 0).then(|| view! { " " <span class="badge">{unread}</span> })}
                    </h1>
                    <a class="button primary" href=routes::STAFF_NEW_MESSAGE>{td_string!(locale, messages.write_to_parents)}</a>
                </div>
                {sent.map(|(count, unreached)| view! {
                    <p class="field-ok" role="status">
                        {td_string!(locale, messages.sent, count = count)}
                        {(unreached > 0).then(|| view! {
                            " " {td_string!(locale, messages.unreached, count = unreached)}
                        })}
                    </p>
                })}
                <InboxSearch action=routes::STAFF_MESSAGES words child=None archived/>
                <ConversationList lines link=routes::staff_conversation/>
                <ArchiveSwitch inbox=routes::STAFF_MESSAGES archived/>
            </section>
        </MainContent>
    }
}

#[component]
pub fn StaffConversationPage() -> impl IntoView {
    let id = route_id();
    let conversation = Resource::new(id, load_staff_conversation);
    view! {
        <Loaded data=conversation let:conversation>
            <ConversationScreen conversation/>
        </Loaded>
    }
}

#[component]
fn ConversationScreen(conversation: StaffConversation) -> impl IntoView {
    let locale = language::current();
    let archive = ServerAction::<StaffArchiveConversation>::new();
    let StaffConversation {
        frame,
        id,
        subject,
        child,
        student_id,
        with,
        archived,
        messages,
    } = conversation;
    view! {
        <Title text=subject.clone()/>
        <StaffHeader frame current=StaffSection::Messages/>
        <MainContent>
            <section class="card conversation">
                <p class="link-line"><a href=routes::STAFF_MESSAGES>{td_string!(locale, messages.back_to_inbox)}</a></p>
                <h1>{subject}</h1>
                <p class="hint">
                    <a href=routes::staff_student(student_id)>{child.clone()}</a>" · "{with}
                </p>
                <Thread messages receipts=true/>
                <ActionForm action=archive>
                    <input type="hidden" name="id" value=id.to_string()/>
                    {(!archived).then(|| view! { <input type="hidden" name="archived" value="true"/> })}
                    <button type="submit" class="link">
                        {if archived { td_string!(locale, messages.unarchive) } else { td_string!(locale, messages.archive) }}
                    </button>
                </ActionForm>
            </section>
            <ReplyForm action=StaffReply::url() conversation=id urgent_box=true/>
        </MainContent>
    }
}

#[component]
pub fn StaffNewMessagePage() -> impl IntoView {
    let locale = language::current();
    let query = use_query_map();
    let student = move || query.read().get("eleve").and_then(|id| id.parse().ok());
    let form = Resource::new(student, load_staff_new_message);
    view! {
        <Title text=td_string!(locale, messages.write_to_parents)/>
        <Loaded data=form let:form>
            <NewMessage form/>
        </Loaded>
    }
}

#[component]
fn NewMessage(form: StaffNewMessage) -> impl IntoView {
    let locale = language::current();
    let errors = FormErrors::of_plain_form(StaffSendMessage::url());
    let chosen = errors
        .typed("audience", form.chosen.unwrap_or_default())
        .get_untracked();
    let audience_error = errors.under("audience");
    view! {
        <StaffHeader frame=form.frame current=StaffSection::Messages/>
        <MainContent>
            <section class="card">
                <p class="link-line"><a href=routes::STAFF_MESSAGES>{td_string!(locale, messages.back_to_inbox)}</a></p>
                <h1>{td_string!(locale, messages.write_to_parents)}</h1>
                <p class="hint">{td_string!(locale, messages.one_conversation_each)}</p>
                <FormMessage message=errors.general()/>
                <form class="form" method="post" action=StaffSendMessage::url() enctype="multipart/form-data" novalidate=true>
                    <div class="field" class:invalid=move || audience_error.get().is_some()>
                        <label for="audience">{td_string!(locale, messages.audience_label)}</label>
                        <select id="audience" name="audience">
                            {form.audiences.into_iter().map(|(value, label)| {
                                let selected = value == chosen;
                                view! { <option value=value selected=selected>{label}</option> }
                            }).collect_view()}
                        </select>
                        <div class="field-message" aria-live="polite">
                            {move || audience_error.get().map(|m| view! { <p class="field-error">{m}</p> })}
                        </div>
                    </div>
                    <SubjectField errors/>
                    <MessageFields errors urgent_box=true/>
                    <CheckboxField name="together" label=td_string!(locale, messages.together_label)
                        hint=td_string!(locale, messages.together_hint)/>
                    <button type="submit" class="primary">{td_string!(locale, messages.send)}</button>
                </form>
            </section>
        </MainContent>
    }
}
