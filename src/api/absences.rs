//! "Absences" for parents: report one for a linked child (a day, a half-day or a period, a reason,
//! an optional certificate), and follow the state of each child's absences, whichever parent
//! reported them. `server::absences` checks the link for every read and write, whatever id is sent.
use super::AppResult;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// One absence, as the parents' and the staff's lists show it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AbsenceLine {
    pub id: i32,
    pub child: String,
    pub class: Option<String>,
    /// "le 3 décembre 2026 (matin)", "du 3 au 7 décembre 2026".
    pub days: String,
    pub reason: String,
    /// "Signalée le … par vous" (parents never read another parent's name here).
    pub reported: String,
    /// "Bien reçue par l'école le …", or nothing while it waits.
    pub acknowledged: Option<String>,
    /// The certificate's address, if one was sent.
    pub certificate: Option<String>,
    /// Whether the reader may withdraw it: their own report, not yet seen by the school.
    pub withdrawable: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AbsencesView {
    pub school: crate::api::brand::SchoolBrand,
    /// The children a parent may report for, as (id, name); the shown child first.
    pub children: Vec<(i32, String)>,
    /// The kinds of absence, as (code, label).
    pub spans: Vec<(String, String)>,
    pub absences: Vec<AbsenceLine>,
}

/// What a list line says, in the reader's language. `parent`: the account reading, which is told
/// "you" for its own reports and never another parent's name; `None` for staff, who read names.
#[cfg(feature = "ssr")]
pub(crate) fn line(found: crate::server::absences::Line, parent: Option<i32>) -> AbsenceLine {
    use crate::{
        domain::{
            absences::{Span, days},
            routes,
        },
        i18n::td_string,
    };
    let locale = crate::language::current();
    let span = Span::from_code(&found.span).unwrap_or(Span::Day);
    let when = super::messages::when(found.reported_at);
    let by = match parent {
        Some(account) if found.reported_by == Some(account) => {
            td_string!(locale, absences.by_you).to_owned()
        }
        Some(_) => td_string!(locale, absences.by_other_parent).to_owned(),
        None => full_name(found.reporter_first_name, found.reporter_last_name)
            .unwrap_or_else(|| td_string!(locale, absences.by_former_parent).to_owned()),
    };
    let acknowledged = found.acknowledged_at.map(|at| {
        let when = super::messages::when(at);
        match (
            parent,
            full_name(found.acknowledger_first_name, found.acknowledger_last_name),
        ) {
            (None, Some(name)) => {
                td_string!(locale, absences.acknowledged_by, when = when, name = name).to_string()
            }
            _ => td_string!(locale, absences.acknowledged, when = when).to_string(),
        }
    });
    AbsenceLine {
        id: found.id,
        child: format!("{} {}", found.student_first_name, found.student_last_name),
        class: found.class_name,
        days: days(locale, span, found.first_day, found.last_day),
        reason: found.reason,
        reported: td_string!(locale, absences.reported, when = when, by = by).to_string(),
        acknowledged,
        certificate: found
            .certificate_id
            .map(|_| routes::absence_certificate(found.id)),
        withdrawable: parent.is_some()
            && parent == found.reported_by
            && found.acknowledged_at.is_none(),
    }
}

#[cfg(feature = "ssr")]
fn full_name(first: Option<String>, last: Option<String>) -> Option<String> {
    let name = format!("{} {}", first.unwrap_or_default(), last.unwrap_or_default());
    let name = name.trim();
    (!name.is_empty()).then(|| name.to_owned())
}

#[server(prefix = "/api", endpoint = "absences")]
pub async fn load_absences() -> AppResult<AbsencesView> {
    use crate::{
        domain::absences::Span,
        server::{
            absences::{self, Reader},
            children, lookups,
        },
    };
    let locale = crate::language::current();
    let (state, session, standing) = super::guard::settled().await?;
    let account = session.account_id;
    let linked = children::linked_children(&state.db, account).await?;
    let mut children: Vec<(i32, String)> = linked
        .into_iter()
        .filter(|c| c.confirmed)
        .map(|c| {
            (
                c.child.id,
                format!("{} {}", c.child.first_name, c.child.last_name),
            )
        })
        .collect();
    children.sort_by_key(|(id, _)| *id != standing.child.id);
    let found = absences::list(&state.db, Reader::Parent(account), false).await?;
    let school = lookups::platform_of(&state.db, &standing.child).await?;
    Ok(AbsencesView {
        school: crate::api::brand::SchoolBrand::for_parent(&state.db, school, account).await?,
        children,
        spans: Span::ALL
            .iter()
            .map(|span| (span.code().to_owned(), span.label(locale).to_owned()))
            .collect(),
        absences: found
            .into_iter()
            .map(|found| line(found, Some(account)))
            .collect(),
    })
}

/// "Signaler l'absence", posted as `multipart/form-data` (fields `child`, `span`, `first_day`,
/// `last_day`, `reason`, and at most one file `files`, the certificate).
#[server(prefix = "/api", endpoint = "report_absence", input = leptos::server_fn::codec::MultipartFormData)]
pub async fn report_absence(data: leptos::server_fn::codec::MultipartData) -> AppResult<()> {
    use crate::{
        domain::{
            absences::{AbsenceForm, REASON},
            profile::FieldError,
            routes,
        },
        i18n::td_string,
        server::absences,
    };
    const KEPT: &[&str] = &["child", "span", "first_day", "last_day", "reason"];
    let locale = crate::language::current();
    let (state, session, _) = super::guard::settled().await?;
    let form = super::uploads::read(data).await?;
    for field in ["span", "first_day", "last_day"] {
        super::guard::plain_text(field, &form.text(field), 20)
            .map_err(|e| form.refuse_at("reason", e, KEPT))?;
    }
    super::guard::plain_text_multiline("reason", &form.text("reason"), REASON * 4)
        .map_err(|e| form.refuse_at("reason", e, KEPT))?;
    let child: i32 = form
        .text("child")
        .parse()
        .map_err(|_| super::AppError::Forbidden)?;
    let typed = AbsenceForm {
        span: form.text("span"),
        first_day: form.text("first_day"),
        last_day: form.text("last_day"),
        reason: form.text("reason"),
    };
    let checked = typed.validate(locale, state.clock.today());
    let mut errors = checked.as_ref().err().cloned().unwrap_or_default();
    if let Some(message) = &form.refused_file {
        errors.push(FieldError::new("files", message));
    } else if form.files.len() > 1 {
        let most = td_string!(locale, absences.one_certificate);
        errors.push(FieldError::new("files", most));
    }
    let absence = match checked {
        Ok(absence) if errors.is_empty() => absence,
        _ => {
            let invalid = super::AppError::Invalid {
                errors,
                typed: Vec::new(),
            };
            return Err(form.refuse_at("reason", invalid, KEPT));
        }
    };
    let now = state.clock.now();
    let account = session.account_id;
    absences::report(&state.db, account, child, &absence, form.files.first(), now).await?;
    super::guard::go_to(&format!("{}?signalee=1", routes::ABSENCES));
    Ok(())
}

/// "Annuler ce signalement": the parent's own report, while the school has not seen it.
#[server(prefix = "/api", endpoint = "withdraw_absence")]
pub async fn withdraw_absence(id: i32) -> AppResult<()> {
    use crate::{domain::routes, server::absences};
    let (state, session, _) = super::guard::settled().await?;
    absences::withdraw(&state.db, session.account_id, id).await?;
    super::guard::go_to(&format!("{}?retiree=1", routes::ABSENCES));
    Ok(())
}
