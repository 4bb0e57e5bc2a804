//! "Élèves": the list and its search, one student with their parents' letters, adding and
//! removing a student, printing letters, and importing a class list with its preview.
use crate::{
    api::staff::students::{
        AddStudent, ConfirmImport, ImportPreview, LineVerdict, RemoveStudent,
        ResetParentSecondFactor, StageImport, StudentList, StudentView, load_import, load_student,
        load_students,
    },
    components::{
        Field, FormErrors, FormMessage, Loaded, MainContent, StaffHeader, StaffSection, route_id,
    },
    domain::{limits, routes},
    i18n::td_string,
    language,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// A form that posts to the letters' page, which answers with the letters to print.
#[component]
fn PrintLetters(
    label: &'static str,
    #[prop(optional)] student: Option<i32>,
    #[prop(optional)] class: Option<String>,
    #[prop(optional)] parent_slot: Option<i32>,
) -> impl IntoView {
    view! {
        <form method="post" action=routes::STAFF_LETTERS class="inline-form">
            {student.map(|id| view! { <input type="hidden" name="eleve" value=id/> })}
            {class.map(|class| view! { <input type="hidden" name="classe" value=class/> })}
            {parent_slot.map(|slot| view! { <input type="hidden" name="acces" value=slot/> })}
            <button type="submit">{label}</button>
        </form>
    }
}

#[component]
pub fn StaffStudentsPage() -> impl IntoView {
    let locale = language::current();
    let query = use_query_map();
    let search = move || {
        let query = query.read();
        (query.get("classe"), query.get("nom"))
    };
    let list = Resource::new(search, |(class, name)| load_students(class, name));
    view! {
        <Title text=td_string!(locale, staff.students)/>
        <Loaded data=list let:list>
            <StudentsView list/>
        </Loaded>
    }
}

#[component]
fn StudentsView(list: StudentList) -> impl IntoView {
    let locale = language::current();
    let query = use_query_map();
    let (class, name) = {
        let query = query.read_untracked();
        (
            query.get("classe").unwrap_or_default(),
            query.get("nom").unwrap_or_default(),
        )
    };
    let imported = query.read_untracked().get("importes");
    let admin = list.frame.admin;
    let add = ServerAction::<AddStudent>::new();
    let errors = FormErrors::of(add);
    let classes = list.classes.clone();
    view! {
        <StaffHeader frame=list.frame current=StaffSection::Students/>
        <MainContent>
            <section class="card">
                <h1>{td_string!(locale, staff.students)}</h1>
                {imported.map(|count| view! {
                    <p class="field-ok" role="status">{td_string!(locale, staff.imported, count = count.as_str()).to_string()}</p>
                })}
                <form method="get" action=routes::STAFF_STUDENTS class="search-form">
                    <label for="classe">{td_string!(locale, staff.class_label)}</label>
                    <select id="classe" name="classe">
                        <option value="">{td_string!(locale, staff.all_classes)}</option>
                        {classes.iter().map(|c| view! { <option value=c.clone() selected=*c == class>{c.clone()}</option> }).collect_view()}
                    </select>
                    <label for="nom">{td_string!(locale, staff.name_label)}</label>
                    <input id="nom" name="nom" type="search" value=name maxlength=limits::NAME/>
                    <button type="submit">{td_string!(locale, staff.search)}</button>
                </form>
                {if list.students.is_empty() {
                    view! { <p class="empty">{td_string!(locale, staff.no_students)}</p> }.into_any()
                } else {
                    view! {
                        <table class="staff-table" tabindex="0">
                            <thead><tr>
                                <th scope="col">{td_string!(locale, staff.name_label)}</th>
                                <th scope="col">{td_string!(locale, staff.class_label)}</th>
                                {admin.then(|| view! { <th scope="col">{td_string!(locale, staff.identifier)}</th> })}
                            </tr></thead>
                            <tbody>
                                {list.students.into_iter().map(|s| view! {
                                    <tr>
                                        <td><a href=routes::staff_student(s.id)>{s.name}</a></td>
                                        <td>{s.class.unwrap_or_default()}</td>
                                        {s.identifier.map(|id| view! { <td>{id}</td> })}
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    }.into_any()
                }}
            </section>
            {admin.then(|| view! {
                <section class="card">
                    <h2>{td_string!(locale, staff.print_letters)}</h2>
                    <p class="hint">{td_string!(locale, staff.print_note)}</p>
                    {classes.iter().map(|c| view! {
                        <PrintLetters label=td_string!(locale, staff.print_class_letters) class=c.clone()/>
                        <span>" "{c.clone()}</span>
                    }).collect_view()}
                    <PrintLetters label=td_string!(locale, staff.print_school_letters)/>
                </section>
                <section class="card">
                    <h2>{td_string!(locale, staff.add_student)}</h2>
                    <FormMessage message=errors.general()/>
                    <ActionForm action=add attr:class="form" attr:novalidate=true>
                        <Field label=td_string!(locale, staff.first_name_label) name="first_name" required=true maxlength=limits::NAME
                            value=errors.typed("first_name", "") error=errors.under("first_name")/>
                        <Field label=td_string!(locale, staff.last_name_label) name="last_name" required=true maxlength=limits::NAME
                            value=errors.typed("last_name", "") error=errors.under("last_name")/>
                        <Field label=td_string!(locale, staff.class_label) name="class_name" maxlength=limits::NAME
                            value=errors.typed("class_name", "") error=errors.under("class_name")/>
                        <button type="submit" class="primary">{td_string!(locale, staff.add)}</button>
                    </ActionForm>
                    <p class="link-line"><a href=routes::STAFF_IMPORT>{td_string!(locale, staff.import)}</a></p>
                </section>
            })}
        </MainContent>
    }
}

#[component]
pub fn StaffStudentPage() -> impl IntoView {
    let id = route_id();
    let student = Resource::new(id, load_student);
    view! {
        <Loaded data=student let:view>
            <StudentDetail view/>
        </Loaded>
    }
}

#[component]
fn StudentDetail(view: StudentView) -> impl IntoView {
    let locale = language::current();
    let remove = ServerAction::<RemoveStudent>::new();
    let errors = FormErrors::of(remove);
    let admin = view.frame.admin;
    let id = view.student.id;
    let title = view.student.name.clone();
    view! {
        <Title text=title.clone()/>
        <StaffHeader frame=view.frame current=StaffSection::Students/>
        <MainContent>
            <section class="card">
                <p class="link-line"><a href=routes::STAFF_STUDENTS>{td_string!(locale, staff.back_to_students)}</a></p>
                <h1>{title}</h1>
                <p>{view.student.class.unwrap_or_default()}" "{view.student.identifier.unwrap_or_default()}</p>
                <p><a class="button" href=format!("{}?eleve={id}", routes::STAFF_NEW_MESSAGE)>{td_string!(locale, messages.write_to_parents)}</a></p>
                <h2>{td_string!(locale, staff.parents)}</h2>
                <ul class="slots">
                    {view.slots.into_iter().map(|slot| {
                        let heading = td_string!(locale, staff.slot, number = slot.number).to_string();
                        let confirmed = slot.email_confirmed.map(|yes| if yes {
                            td_string!(locale, staff.email_confirmed)
                        } else {
                            td_string!(locale, staff.email_unconfirmed)
                        });
                        let last = match (&slot.parent, slot.last_sign_in) {
                            (Some(_), Some(when)) => Some(td_string!(locale, staff.last_sign_in, when = when.as_str()).to_string()),
                            (Some(_), None) if admin => Some(td_string!(locale, staff.never_signed_in).to_owned()),
                            _ => None,
                        };
                        view! {
                            <li class="slot">
                                <strong>{heading}</strong>
                                {slot.parent.map(|name| view! { <span>" · "{name}</span> })}
                                <p>{slot.letter}</p>
                                {confirmed.map(|c| view! { <p>{c}</p> })}
                                {last.map(|l| view! { <p>{l}</p> })}
                                {slot.second_factor.map(|on| view! { <p>{if on {
                                    td_string!(locale, staff.second_factor_short_on)
                                } else {
                                    td_string!(locale, staff.second_factor_short_off)
                                }}</p> })}
                                {admin.then(|| view! { <PrintLetters label=td_string!(locale, staff.reset_letter) student=id parent_slot=slot.number/> })}
                                {(slot.second_factor == Some(true)).then(|| view! { <ResetSecondFactor student=id parent_slot=slot.number/> })}
                            </li>
                        }
                    }).collect_view()}
                </ul>
                {admin.then(|| view! {
                    <p class="hint">{td_string!(locale, staff.reset_letter_note)}</p>
                    <PrintLetters label=td_string!(locale, staff.print_letters) student=id/>
                    <h2>{td_string!(locale, staff.remove_student)}</h2>
                    <p class="hint">{td_string!(locale, staff.remove_student_note)}</p>
                    <FormMessage message=errors.any()/>
                    <ActionForm action=remove>
                        <input type="hidden" name="id" value=id/>
                        <button type="submit" class="danger">{td_string!(locale, staff.remove_student)}</button>
                    </ActionForm>
                })}
            </section>
        </MainContent>
    }
}

#[component]
pub fn StaffImportPage() -> impl IntoView {
    let locale = language::current();
    let query = use_query_map();
    let staged = move || query.read().get("apercu").and_then(|id| id.parse().ok());
    let preview = Resource::new(staged, load_import);
    view! {
        <Title text=td_string!(locale, staff.import_title)/>
        <Loaded data=preview let:preview>
            <ImportView preview/>
        </Loaded>
    }
}

#[component]
fn ImportView(preview: ImportPreview) -> impl IntoView {
    let locale = language::current();
    let stage = ServerAction::<StageImport>::new();
    let confirm = ServerAction::<ConfirmImport>::new();
    let errors = FormErrors::of(stage);
    let refused = FormErrors::of(confirm);
    view! {
        <StaffHeader frame=preview.frame current=StaffSection::Students/>
        <MainContent>
            <section class="card">
                <h1>{td_string!(locale, staff.import_title)}</h1>
                <p>{td_string!(locale, staff.import_intro)}</p>
                <FormMessage message=errors.general()/>
                <ActionForm action=stage attr:class="form" attr:novalidate=true>
                    <div class="field" class:invalid=move || errors.under("list").get().is_some()>
                        <label for="list">{td_string!(locale, staff.list_label)}</label>
                        <textarea id="list" name="list" rows="10" required=true
                            prop:value=errors.typed("list", "")>{errors.typed("list", "").get_untracked()}</textarea>
                        <div class="field-message" aria-live="polite">
                            {move || errors.under("list").get().map(|m| view! { <p class="field-error">{m}</p> })}
                        </div>
                    </div>
                    <button type="submit">{td_string!(locale, staff.preview)}</button>
                </ActionForm>
            </section>
            {preview.id.map(|id| view! {
                <section class="card">
                    <h2>{td_string!(locale, staff.preview_title)}</h2>
                    <FormMessage message=refused.any()/>
                    <ActionForm action=confirm attr:class="form">
                        <input type="hidden" name="id" value=id/>
                        <table class="staff-table import-preview" tabindex="0">
                            <thead><tr>
                                <th scope="col">{td_string!(locale, staff.line)}</th>
                                <th scope="col">{td_string!(locale, staff.name_label)}</th>
                                <th scope="col">{td_string!(locale, staff.class_label)}</th>
                                <th scope="col">{td_string!(locale, staff.preview_label)}</th>
                            </tr></thead>
                            <tbody>
                                {preview.lines.into_iter().map(|line| {
                                    let number = line.number;
                                    let (verdict, tick) = verdict(locale, line.verdict);
                                    view! {
                                        <tr class=if tick { "namesake" } else { "" }>
                                            <td>{number}</td>
                                            <td>{line.name}</td>
                                            <td>{line.class.unwrap_or_default()}</td>
                                            <td>
                                                {verdict}
                                                {tick.then(|| view! {
                                                    " "<input type="checkbox" name=format!("namesakes[{number}]") value=number
                                                        aria-label=format!("{} {number}", td_string!(locale, staff.line))/>
                                                })}
                                            </td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                        {if preview.importable {
                            view! { <button type="submit" class="primary">{td_string!(locale, staff.confirm_import)}</button> }.into_any()
                        } else {
                            view! { <p class="form-error">{td_string!(locale, staff.not_importable)}</p> }.into_any()
                        }}
                    </ActionForm>
                </section>
            })}
        </MainContent>
    }
}

/// A preview line's verdict in words, and whether it has a box to tick (a possible namesake).
fn verdict(locale: crate::i18n::Locale, verdict: LineVerdict) -> (String, bool) {
    match verdict {
        LineVerdict::New => (td_string!(locale, staff.verdict_new).into(), false),
        LineVerdict::AlreadyThere(identifier, Some(class)) => (
            td_string!(
                locale,
                staff.verdict_moves,
                identifier = identifier.as_str(),
                class = class.as_str()
            )
            .to_string(),
            false,
        ),
        LineVerdict::AlreadyThere(identifier, None) => (
            td_string!(
                locale,
                staff.verdict_already,
                identifier = identifier.as_str()
            )
            .to_string(),
            false,
        ),
        LineVerdict::Repeated(line) => (
            td_string!(locale, staff.verdict_repeated, line = line).to_string(),
            false,
        ),
        LineVerdict::PossibleNamesake(identifier) => (
            td_string!(
                locale,
                staff.verdict_namesake,
                identifier = identifier.as_str()
            )
            .to_string(),
            true,
        ),
        LineVerdict::Refused(reason) => (
            td_string!(locale, staff.verdict_refused, reason = reason.as_str()).to_string(),
            false,
        ),
    }
}

/// Turns off a parent's second factor, for a parent who lost their phone and their codes.
#[component]
fn ResetSecondFactor(student: i32, parent_slot: i32) -> impl IntoView {
    let locale = language::current();
    let reset = ServerAction::<ResetParentSecondFactor>::new();
    view! {
        <ActionForm action=reset>
            <input type="hidden" name="student" value=student/>
            <input type="hidden" name="parent_slot" value=parent_slot/>
            <button type="submit" class="link">{td_string!(locale, staff.reset_second_factor)}</button>
        </ActionForm>
    }
}
