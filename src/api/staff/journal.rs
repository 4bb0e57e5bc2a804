//! "Journal" (administrators): the school's audit log, filtered by person and kind; the same lines
//! download as CSV from `/ecole/journal.csv` (see `startup::staff_files`).
use super::StaffFrame;
use crate::api::AppResult;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JournalLine {
    pub at: String,
    pub kind: String,
    pub who: String,
    pub detail: String,
    pub ip: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Journal {
    pub frame: StaffFrame,
    /// Every kind, as (value, label), for the filter.
    pub kinds: Vec<(String, String)>,
    pub lines: Vec<JournalLine>,
}

/// The most lines the page shows; the CSV holds more.
#[cfg(feature = "ssr")]
const PAGE_LINES: u64 = 200;

#[server(prefix = "/api", endpoint = "staff_journal")]
pub async fn load_journal(
    #[server(default)] person: Option<String>,
    #[server(default)] kind: Option<String>,
) -> AppResult<Journal> {
    use crate::{
        domain::calendar,
        language,
        server::{audit::Kind, clock::brussels, staff::journal},
    };
    use sea_orm::{ActiveEnum, Iterable};
    let locale = language::current();
    let (state, caller) = crate::api::guard::staff().await?;
    let kind = kind.and_then(|k| Kind::try_from_value(&k).ok());
    let lines = journal::lines(&state.db, &caller, person.as_deref(), kind, PAGE_LINES).await?;
    Ok(Journal {
        frame: super::frame(&state, &caller).await?,
        kinds: Kind::iter()
            .map(|k| (k.to_value(), k.label(locale).to_owned()))
            .collect(),
        lines: lines
            .into_iter()
            .map(|line| JournalLine {
                at: calendar::when(locale, brussels(line.at).naive_local(), None, false),
                kind: line.kind.label(locale).to_owned(),
                who: line.who,
                detail: line.detail.unwrap_or_default(),
                ip: line.ip.unwrap_or_default(),
            })
            .collect(),
    })
}
