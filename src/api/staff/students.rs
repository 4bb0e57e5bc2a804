//! "Élèves" in the staff area: the list and its search, one student with their parents' letters
//! and accounts, adding and removing a student, importing a class list with its preview.
use super::StaffFrame;
use crate::api::AppResult;
#[cfg(feature = "ssr")]
use crate::domain::routes;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StudentLine {
    pub id: i32,
    pub name: String,
    pub class: Option<String>,
    /// The parents' login; administrators only.
    pub identifier: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StudentList {
    pub frame: StaffFrame,
    pub classes: Vec<String>,
    pub students: Vec<StudentLine>,
}

#[server(prefix = "/api", endpoint = "staff_students")]
pub async fn load_students(
    #[server(default)] class: Option<String>,
    #[server(default)] name: Option<String>,
) -> AppResult<StudentList> {
    use crate::server::staff::students;
    let (state, caller) = crate::api::guard::staff().await?;
    let found = students::search(&state.db, &caller, class.as_deref(), name.as_deref()).await?;
    Ok(StudentList {
        frame: super::frame(&state, &caller).await?,
        classes: students::classes(&state.db, &caller).await?,
        students: found
            .into_iter()
            .map(|s| StudentLine {
                id: s.id,
                name: format!("{} {}", s.first_name, s.last_name),
                class: s.class_name,
                identifier: caller.is_admin().then_some(s.identifier),
            })
            .collect(),
    })
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SlotView {
    pub number: i32,
    /// Where its letter stands, in words.
    pub letter: String,
    pub claimed: bool,
    pub parent: Option<String>,
    /// Administrators only.
    pub email_confirmed: Option<bool>,
    pub last_sign_in: Option<String>,
    /// Administrators only: whether the parent's second factor is on.
    pub second_factor: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StudentView {
    pub frame: StaffFrame,
    pub student: StudentLine,
    pub slots: Vec<SlotView>,
}

#[server(prefix = "/api", endpoint = "staff_student")]
pub async fn load_student(id: i32) -> AppResult<StudentView> {
    use crate::{
        domain::calendar,
        i18n::td_string,
        language,
        server::{
            clock::brussels,
            staff::students::{self, Letter},
        },
    };
    let locale = language::current();
    let (state, caller) = crate::api::guard::staff().await?;
    let detail = students::detail(&state.db, &caller, id, state.clock.now()).await?;
    let when = |at| calendar::when(locale, brussels(at).naive_local(), None, false);
    let slots = detail
        .slots
        .into_iter()
        .map(|slot| {
            let letter = match slot.letter {
                Letter::NotPrinted => td_string!(locale, staff.letter_not_printed).to_owned(),
                Letter::Waiting(Some(end)) => {
                    let date =
                        calendar::day_month_year(locale, crate::server::letters::last_day(end));
                    td_string!(locale, staff.letter_waiting_until, date = date).to_string()
                }
                Letter::Waiting(None) => td_string!(locale, staff.letter_waiting).to_owned(),
                Letter::Expired => td_string!(locale, staff.letter_expired).to_owned(),
                Letter::Claimed => td_string!(locale, staff.letter_claimed).to_owned(),
            };
            let parent = slot.parent;
            SlotView {
                number: slot.number,
                letter,
                claimed: slot.letter == Letter::Claimed,
                parent: parent.as_ref().and_then(|p| p.name.clone()),
                email_confirmed: parent.as_ref().and_then(|p| p.email_confirmed),
                second_factor: parent.as_ref().and_then(|p| p.second_factor),
                last_sign_in: parent.and_then(|p| p.last_sign_in).map(when),
            }
        })
        .collect();
    let s = detail.student;
    Ok(StudentView {
        frame: super::frame(&state, &caller).await?,
        student: StudentLine {
            id: s.id,
            name: format!("{} {}", s.first_name, s.last_name),
            class: s.class_name,
            identifier: caller.is_admin().then_some(s.identifier),
        },
        slots,
    })
}

/// "Ajouter": one student (administrators); their letters are printed from their page.
#[server(prefix = "/api", endpoint = "staff_add_student")]
pub async fn add_student(
    first_name: String,
    last_name: String,
    #[server(default)] class_name: String,
) -> AppResult<()> {
    use crate::api::guard;
    use crate::domain::limits::{LETTERS_PER_STUDENT, NAME};
    use crate::server::{audit::Kind, staff::students, students::NewStudent};
    let typed = [
        ("first_name", first_name.as_str()),
        ("last_name", last_name.as_str()),
        ("class_name", class_name.as_str()),
    ];
    for (field, value) in typed {
        guard::plain_text(field, value, NAME).map_err(|e| e.for_form(field, &typed))?;
    }
    let (state, caller) = guard::staff().await?;
    let class = Some(class_name.trim()).filter(|c| !c.is_empty());
    let new = NewStudent::new(&first_name, &last_name, class);
    let added = students::add(
        &state.db,
        &caller,
        &new,
        LETTERS_PER_STUDENT,
        state.clock.now(),
    )
    .await
    .map_err(|e| crate::api::AppError::from(e).for_form("last_name", &typed))?;
    super::record(&state, &caller, Kind::StudentAdded, Some(&added.identifier)).await?;
    guard::go_to(&routes::staff_student(added.id));
    Ok(())
}

/// "Retirer l'élève": a student who left (administrators).
#[server(prefix = "/api", endpoint = "staff_remove_student")]
pub async fn remove_student(id: i32) -> AppResult<()> {
    use crate::api::guard;
    use crate::server::{audit::Kind, staff::students};
    let (state, caller) = guard::staff().await?;
    let removed = students::remove(&state.db, &caller, id).await?;
    super::record(
        &state,
        &caller,
        Kind::StudentRemoved,
        Some(&removed.identifier),
    )
    .await?;
    guard::go_to(routes::STAFF_STUDENTS);
    Ok(())
}

/// "Désactiver sa vérification en deux étapes": a parent lost their phone and their recovery codes
/// (administrators). Named by the student and the slot, as everything a school does to a parent.
#[server(prefix = "/api", endpoint = "staff_reset_parent_second_factor")]
pub async fn reset_parent_second_factor(student: i32, parent_slot: i32) -> AppResult<()> {
    use crate::api::guard;
    use crate::server::{audit, staff::students};
    let (state, caller) = guard::staff().await?;
    let (found, account_id) =
        students::reset_parent_second_factor(&state, &caller, student, parent_slot).await?;
    let detail = format!("{} #{parent_slot}", found.identifier);
    let kind = audit::Kind::SecondFactorReset;
    super::record(&state, &caller, kind, Some(&detail)).await?;
    let (now, client) = (state.clock.now(), guard::client());
    audit::record(&state.db, now, kind, Some(account_id), &client, None).await?;
    guard::go_to(&routes::staff_student(student));
    Ok(())
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum LineVerdict {
    New,
    /// Already there; and the class they move to, if the list gives another.
    AlreadyThere(String, Option<String>),
    Repeated(usize),
    PossibleNamesake(String),
    Refused(String),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImportLine {
    pub number: usize,
    pub name: String,
    pub class: Option<String>,
    pub verdict: LineVerdict,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImportPreview {
    pub frame: StaffFrame,
    /// The kept list previewed, if any.
    pub id: Option<i32>,
    pub lines: Vec<ImportLine>,
    pub importable: bool,
}

/// The import page: the form, and the preview of a kept list (`apercu`).
#[server(prefix = "/api", endpoint = "staff_import_preview")]
pub async fn load_import(#[server(default)] id: Option<i32>) -> AppResult<ImportPreview> {
    use crate::{
        i18n::td_string,
        language,
        server::{
            class_list::LineProblem,
            staff::imports::{self, Verdict},
        },
    };
    let locale = language::current();
    let (state, caller) = crate::api::guard::staff().await?;
    caller.require_admin()?;
    let frame = super::frame(&state, &caller).await?;
    let Some(id) = id else {
        return Ok(ImportPreview {
            frame,
            id: None,
            lines: Vec::new(),
            importable: false,
        });
    };
    let preview = imports::preview(&state.db, &caller, id).await?;
    let importable = preview.importable();
    let lines = preview
        .lines
        .into_iter()
        .map(|line| ImportLine {
            number: line.number,
            name: line
                .student
                .as_ref()
                .map(|s| format!("{} {}", s.first_name, s.last_name))
                .unwrap_or_default(),
            class: line.student.and_then(|s| s.class_name),
            verdict: match line.verdict {
                Verdict::New => LineVerdict::New,
                Verdict::AlreadyThere {
                    identifier,
                    moves_to,
                } => LineVerdict::AlreadyThere(identifier, moves_to),
                Verdict::Repeated { line } => LineVerdict::Repeated(line),
                Verdict::PossibleNamesake { identifier } => {
                    LineVerdict::PossibleNamesake(identifier)
                }
                Verdict::Refused(LineProblem::Unreadable) => {
                    LineVerdict::Refused(td_string!(locale, staff.line_unreadable).into())
                }
                Verdict::Refused(LineProblem::NameMissing) => {
                    LineVerdict::Refused(td_string!(locale, staff.line_name_missing).into())
                }
                Verdict::Refused(LineProblem::Unusable) => {
                    LineVerdict::Refused(td_string!(locale, staff.line_unusable).into())
                }
            },
        })
        .collect();
    Ok(ImportPreview {
        frame,
        id: Some(id),
        lines,
        importable,
    })
}

/// The longest class list a form may paste: about a thousand students, and what a form's body may
/// hold once encoded (`startup::router`'s limit).
#[cfg(feature = "ssr")]
const MOST_LIST_CHARACTERS: usize = 30_000;

/// "Aperçu": keeps the pasted class list and shows what importing it would do.
#[server(prefix = "/api", endpoint = "staff_stage_import")]
pub async fn stage_import(list: String) -> AppResult<()> {
    use crate::api::{AppError, guard};
    use crate::server::staff::imports;
    let typed = [("list", list.as_str())];
    guard::plain_text_multiline("list", &list, MOST_LIST_CHARACTERS)
        .map_err(|e| e.for_form("list", &typed))?;
    let (state, caller) = guard::staff().await?;
    let id = imports::stage(&state.db, &caller, &list, state.clock.now())
        .await
        .map_err(|e| AppError::from(e).for_form("list", &[("list", list.as_str())]))?;
    guard::go_to(&format!("{}?apercu={id}", routes::STAFF_IMPORT));
    Ok(())
}

/// "Importer": creates what the preview showed, and the namesakes whose lines were ticked
/// (`namesakes[0]=7`).
#[server(prefix = "/api", endpoint = "staff_confirm_import")]
pub async fn confirm_import(id: i32, #[server(default)] namesakes: Vec<usize>) -> AppResult<()> {
    use crate::api::guard;
    use crate::server::{audit::Kind, staff::imports};
    let (state, caller) = guard::staff().await?;
    let created = imports::confirm(&state.db, &caller, id, &namesakes, state.clock.now()).await?;
    let detail = format!("{} élève(s)", created.len());
    super::record(&state, &caller, Kind::StudentsImported, Some(&detail)).await?;
    guard::go_to(&format!(
        "{}?importes={}",
        routes::STAFF_STUDENTS,
        created.len()
    ));
    Ok(())
}
