//! What the parents' and the staff's messages share: the list of conversations, a conversation's
//! messages, and the form that writes one (a plain `multipart/form-data` form, since files travel
//! no other way; the server function answers it with a redirect, with or without JavaScript).
use crate::{
    api::messages::{ConversationLine, MessageView},
    components::{FormErrors, FormMessage},
    domain::messages::{ATTACHMENT_BYTES, ATTACHMENT_TYPES, BODY, SUBJECT},
    i18n::td_string,
    language,
};
use leptos::prelude::*;

/// The conversations, newest first, each a link; an unread one is marked and counted.
#[component]
pub fn ConversationList(lines: Vec<ConversationLine>, link: fn(i32) -> String) -> impl IntoView {
    let locale = language::current();
    if lines.is_empty() {
        return view! { <p class="empty">{td_string!(locale, messages.none)}</p> }.into_any();
    }
    view! {
        <ul class="conversations">
            {lines.into_iter().map(|line| {
                let unread = line.unread > 0;
                view! {
                    <li class:unread=unread>
                        <a href=link(line.id)>
                            <span class="conversation-subject">{line.subject}</span>
                            {line.urgent.then(|| view! { <span class="badge urgent">{td_string!(locale, messages.urgent)}</span> })}
                            {unread.then(|| view! {
                                <span class="badge">{td_string!(locale, messages.unread, count = line.unread)}</span>
                            })}
                        </a>
                        <span class="conversation-meta">{line.child}" · "{line.with}</span>
                        <time>{line.when}</time>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
    .into_any()
}

/// A conversation's messages, oldest first; the last one is `#dernier`, where a reply leads.
#[component]
pub fn Thread(messages: Vec<MessageView>, #[prop(optional)] receipts: bool) -> impl IntoView {
    let locale = language::current();
    let count = messages.len();
    view! {
        <ol class="thread">
            {messages.into_iter().enumerate().map(|(index, message)| {
                let last = index + 1 == count;
                let read_by = message.read_by.join(", ");
                view! {
                    <li class="message" class:mine=message.mine class:from-school=message.from_school
                        class:urgent=message.urgent id=last.then_some("dernier")>
                        <p class="message-meta">
                            <strong>{message.author}</strong>" "
                            <time>{message.when}</time>
                            {message.urgent.then(|| view! { " " <span class="badge urgent">{td_string!(locale, messages.urgent)}</span> })}
                        </p>
                        <div class="message-body" inner_html=message.html></div>
                        {(!message.files.is_empty()).then(|| view! {
                            <ul class="files">
                                {message.files.into_iter().map(|file| {
                                    let label = file.name.clone();
                                    view! { <li><a href=file.url download=file.name>{label}</a>" ("{file.size}")"</li> }
                                }).collect_view()}
                            </ul>
                        })}
                        {(receipts && message.mine).then(|| view! {
                            <p class="receipt">
                                {if read_by.is_empty() {
                                    td_string!(locale, messages.read_by_nobody).to_owned()
                                } else {
                                    td_string!(locale, messages.read_by, names = read_by).to_string()
                                }}
                            </p>
                        })}
                    </li>
                }
            }).collect_view()}
        </ol>
    }
}

/// The text and files of a message: the body (kept when the server refused the form) and up to
/// three files, each with its message under the field.
#[component]
pub fn MessageFields(errors: FormErrors, #[prop(optional)] urgent_box: bool) -> impl IntoView {
    let locale = language::current();
    let body_error = errors.under("body");
    let types = ATTACHMENT_TYPES.join(",");
    view! {
        <div class="field" class:invalid=move || body_error.get().is_some()>
            <label for="body">{td_string!(locale, messages.body_label)}</label>
            <p class="hint" id="body-hint">{td_string!(locale, messages.body_hint)}</p>
            <textarea id="body" name="body" rows="6" required=true maxlength=BODY aria-describedby="body-hint"
                aria-invalid=move || body_error.get().is_some().then_some("true")>
                {errors.typed("body", String::new()).get_untracked()}
            </textarea>
            <div class="field-message" aria-live="polite">
                {move || body_error.get().map(|m| view! { <p class="field-error">{m}</p> })}
            </div>
        </div>
        <FileField errors label=td_string!(locale, messages.files_label) accept=types multiple=true
            hint=td_string!(locale, messages.files_hint, mb = ATTACHMENT_BYTES / 1024 / 1024).to_string()/>
        {urgent_box.then(|| view! {
            <CheckboxField name="urgent" label=td_string!(locale, messages.urgent_label)
                hint=td_string!(locale, messages.urgent_hint)/>
        })}
    }
}

/// A form's file input (`files`), with its hint and the server's message under it.
#[component]
pub fn FileField(
    errors: FormErrors,
    label: &'static str,
    hint: String,
    /// What the file picker offers (the server reads the bytes anyway).
    accept: String,
    #[prop(optional)] multiple: bool,
) -> impl IntoView {
    let error = errors.under("files");
    view! {
        <div class="field" class:invalid=move || error.get().is_some()>
            <label for="files">{label}</label>
            <p class="hint" id="files-hint">{hint}</p>
            <input id="files" name="files" type="file" multiple=multiple accept=accept aria-describedby="files-hint"
                aria-invalid=move || error.get().is_some().then_some("true")/>
            <div class="field-message" aria-live="polite">
                {move || error.get().map(|m| view! { <p class="field-error">{m}</p> })}
            </div>
        </div>
    }
}

/// A checkbox with its hint under it (posted as `name=1` when ticked).
#[component]
pub fn CheckboxField(name: &'static str, label: &'static str, hint: &'static str) -> impl IntoView {
    let hint_id = format!("{name}-hint");
    view! {
        <div class="field">
            <label class="checkbox" for=name>
                <input id=name name=name type="checkbox" value="1" aria-describedby=hint_id.clone()/>
                {label}
            </label>
            <p class="hint" id=hint_id>{hint}</p>
        </div>
    }
}

/// The inbox's search by words, keeping the child and archive it was asked from.
#[component]
pub fn InboxSearch(
    action: &'static str,
    words: String,
    child: Option<i32>,
    archived: bool,
) -> impl IntoView {
    let locale = language::current();
    view! {
        <form class="search-form" method="get" action=action role="search">
            <label for="mots" class="visually-hidden">{td_string!(locale, messages.search_label)}</label>
            <input id="mots" name="mots" type="search" value=words maxlength="200"
                placeholder=td_string!(locale, messages.search_label)/>
            {child.map(|id| view! { <input type="hidden" name="enfant" value=id.to_string()/> })}
            {archived.then(|| view! { <input type="hidden" name="archives" value="1"/> })}
            <button type="submit">{td_string!(locale, messages.search)}</button>
        </form>
    }
}

/// The link from the inbox to the archive, or back.
#[component]
pub fn ArchiveSwitch(inbox: &'static str, archived: bool) -> impl IntoView {
    let locale = language::current();
    let (href, text) = match archived {
        true => (inbox.to_owned(), td_string!(locale, messages.inbox)),
        false => (
            format!("{inbox}?archives=1"),
            td_string!(locale, messages.archive_link),
        ),
    };
    view! { <p class="link-line"><a href=href>{text}</a></p> }
}

/// A new conversation's subject, kept when the server refused the form.
#[component]
pub fn SubjectField(errors: FormErrors) -> impl IntoView {
    let locale = language::current();
    let error = errors.under("subject");
    view! {
        <div class="field" class:invalid=move || error.get().is_some()>
            <label for="subject">{td_string!(locale, messages.subject_label)}</label>
            <input id="subject" name="subject" type="text" required=true maxlength=SUBJECT
                value=errors.typed("subject", String::new()).get_untracked()
                aria-invalid=move || error.get().is_some().then_some("true")/>
            <div class="field-message" aria-live="polite">
                {move || error.get().map(|m| view! { <p class="field-error">{m}</p> })}
            </div>
        </div>
    }
}

/// "Répondre": a reply to conversation `id`, posted to `action`.
#[component]
pub fn ReplyForm(
    action: &'static str,
    conversation: i32,
    #[prop(optional)] urgent_box: bool,
) -> impl IntoView {
    let locale = language::current();
    let errors = FormErrors::of_plain_form(action);
    view! {
        <section class="card" aria-labelledby="reply-title">
            <h2 id="reply-title">{td_string!(locale, messages.reply_title)}</h2>
            <FormMessage message=errors.general()/>
            <form class="form" method="post" action=action enctype="multipart/form-data" novalidate=true>
                <input type="hidden" name="conversation" value=conversation.to_string()/>
                <MessageFields errors urgent_box/>
                <button type="submit" class="primary">{td_string!(locale, messages.send)}</button>
            </form>
        </section>
    }
}
