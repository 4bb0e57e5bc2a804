//! "Personnel" (administrators): the school's staff, adding one, suspending, restoring, removing.
use crate::{
    api::staff::team::{
        AddMember, RemoveMember, ResetSecondFactor, SuspendMember, Team, load_team,
    },
    components::{Field, FormErrors, FormMessage, Loaded, MainContent, StaffHeader, StaffSection},
    domain::limits,
    i18n::td_string,
    language,
};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn StaffTeamPage() -> impl IntoView {
    let locale = language::current();
    let team = Resource::new(|| (), |_| load_team());
    view! {
        <Title text=td_string!(locale, staff.team_title)/>
        <Loaded data=team let:team>
            <TeamView team/>
        </Loaded>
    }
}

#[component]
fn TeamView(team: Team) -> impl IntoView {
    let locale = language::current();
    let add = ServerAction::<AddMember>::new();
    let suspend = ServerAction::<SuspendMember>::new();
    let remove = ServerAction::<RemoveMember>::new();
    let reset = ServerAction::<ResetSecondFactor>::new();
    let errors = FormErrors::of(add);
    let refused = FormErrors::of(suspend)
        .or(FormErrors::of(remove))
        .or(FormErrors::of(reset));
    view! {
        <StaffHeader frame=team.frame current=StaffSection::Team/>
        <MainContent>
            <section class="card">
                <h1>{td_string!(locale, staff.team_title)}</h1>
                <FormMessage message=refused.any()/>
                <ul class="staff-list">
                    {team.members.into_iter().map(|m| {
                        let role = if m.admin { td_string!(locale, staff.role_admin) } else { td_string!(locale, staff.role_teacher) };
                        let factor = if m.second_factor { td_string!(locale, staff.second_factor_short_on) } else { td_string!(locale, staff.second_factor_short_off) };
                        view! {
                            <li>
                                <strong>{m.name}</strong>" <"{m.email}"> · "{role}" · "{factor}
                                {m.invited.then(|| view! { " · "{td_string!(locale, staff.invited)} })}
                                {m.suspended.then(|| view! { " · "<strong>{td_string!(locale, staff.suspended)}</strong> })}
                                {if m.is_caller {
                                    view! { " ("{td_string!(locale, staff.you)}")" }.into_any()
                                } else {
                                    view! {
                                        <ActionForm action=suspend attr:class="inline-form">
                                            <input type="hidden" name="id" value=m.id/>
                                            <input type="hidden" name="suspended" value=if m.suspended { "0" } else { "1" }/>
                                            <button type="submit" class="link">{if m.suspended { td_string!(locale, staff.restore) } else { td_string!(locale, staff.suspend) }}</button>
                                        </ActionForm>
                                        <ActionForm action=remove attr:class="inline-form">
                                            <input type="hidden" name="id" value=m.id/>
                                            <button type="submit" class="link">{td_string!(locale, staff.remove)}</button>
                                        </ActionForm>
                                        {m.second_factor.then(|| view! {
                                            <ActionForm action=reset attr:class="inline-form">
                                                <input type="hidden" name="id" value=m.id/>
                                                <button type="submit" class="link">{td_string!(locale, staff.reset_second_factor)}</button>
                                            </ActionForm>
                                        })}
                                    }.into_any()
                                }}
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </section>
            <section class="card">
                <h2>{td_string!(locale, staff.add_member)}</h2>
                <FormMessage message=errors.general()/>
                <ActionForm action=add attr:class="form" attr:novalidate=true>
                    <Field label=td_string!(locale, staff.first_name_label) name="first_name" required=true maxlength=limits::NAME
                        value=errors.typed("first_name", "") error=errors.under("first_name")/>
                    <Field label=td_string!(locale, staff.last_name_label) name="last_name" required=true maxlength=limits::NAME
                        value=errors.typed("last_name", "") error=errors.under("last_name")/>
                    <Field label=td_string!(locale, staff.email_label) name="email" kind="email" required=true maxlength=limits::EMAIL
                        value=errors.typed("email", "") error=errors.under("email")/>
                    <div class="field">
                        <label for="role">{td_string!(locale, staff.role_label)}</label>
                        <select id="role" name="role">
                            <option value="teacher">{td_string!(locale, staff.role_teacher)}</option>
                            <option value="admin">{td_string!(locale, staff.role_admin)}</option>
                        </select>
                    </div>
                    <button type="submit" class="primary">{td_string!(locale, staff.add)}</button>
                </ActionForm>
            </section>
        </MainContent>
    }
}
