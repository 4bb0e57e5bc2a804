//! A list of absences, as parents and staff read it: the child, the days, the reason, the
//! certificate, who reported it and whether the school has seen it.
use crate::{
    api::{
        absences::{AbsenceLine, WithdrawAbsence},
        staff::absences::AcknowledgeAbsence,
    },
    i18n::td_string,
    language,
};
use leptos::prelude::*;

/// The absences, those still waiting for the school first; each says who reported it and when,
/// and whether the school has seen it. `acknowledge`: the staff's button beside a waiting one.
#[component]
pub fn AbsenceList(
    absences: Vec<AbsenceLine>,
    #[prop(optional)] acknowledge: Option<ServerAction<AcknowledgeAbsence>>,
    /// Parents: the action that withdraws their own report, while the school has not seen it.
    #[prop(optional)]
    withdraw: Option<ServerAction<WithdrawAbsence>>,
    #[prop(optional)] with_class: bool,
) -> impl IntoView {
    let locale = language::current();
    if absences.is_empty() {
        return view! { <p class="empty">{td_string!(locale, absences.none)}</p> }.into_any();
    }
    view! {
        <ul class="absences">
            {absences.into_iter().map(|absence| {
                let waiting = absence.acknowledged.is_none();
                let withdrawable = absence.withdrawable.then_some(withdraw).flatten();
                let id = absence.id;
                view! {
                <li class:waiting=waiting>
                    <p class="absence-title">
                        <strong>{absence.child}</strong>
                        {with_class.then_some(absence.class).flatten().map(|class| view! { " (" {class} ")" })}
                        " · " {absence.days}
                    </p>
                    <p class="absence-reason">{absence.reason}</p>
                    {absence.certificate.map(|url| view! {
                        <p><a href=url download="">{td_string!(locale, absences.certificate)}</a></p>
                    })}
                    <p class="hint">{absence.reported}</p>
                    {match (absence.acknowledged, acknowledge) {
                        (Some(text), _) => view! { <p class="badge done">{text}</p> }.into_any(),
                        (None, Some(action)) => view! {
                            <ActionForm action=action>
                                <input type="hidden" name="id" value=absence.id.to_string()/>
                                <button type="submit" class="primary">{td_string!(locale, absences.acknowledge)}</button>
                            </ActionForm>
                        }.into_any(),
                        (None, None) => view! { <p class="badge">{td_string!(locale, absences.waiting)}</p> }.into_any(),
                    }}
                    {withdrawable.map(|action| view! {
                        <ActionForm action=action>
                            <input type="hidden" name="id" value=id.to_string()/>
                            <button type="submit" class="link">{td_string!(locale, absences.withdraw)}</button>
                        </ActionForm>
                    })}
                </li>
                }
            }).collect_view()}
        </ul>
    }
    .into_any()
}
