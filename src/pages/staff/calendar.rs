//! "Calendrier" in the staff area: the coming events and adding one (all-day or timed, over one
//! day or several) for the whole school or chosen classes; removing one.
use super::news::{ClassBoxes, audience};
use crate::{
    api::staff::calendar::{AddEvent, RemoveEvent, StaffCalendar, load_staff_calendar},
    components::{Field, FormErrors, FormMessage, Loaded, MainContent, StaffHeader, StaffSection},
    domain::limits,
    i18n::td_string,
    language,
};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn StaffCalendarPage() -> impl IntoView {
    let locale = language::current();
    let calendar = Resource::new(|| (), |_| load_staff_calendar());
    view! {
        <Title text=td_string!(locale, staff.calendar_title)/>
        <Loaded data=calendar let:calendar>
            <CalendarView calendar/>
        </Loaded>
    }
}

#[component]
fn CalendarView(calendar: StaffCalendar) -> impl IntoView {
    let locale = language::current();
    let add = ServerAction::<AddEvent>::new();
    let remove = ServerAction::<RemoveEvent>::new();
    let errors = FormErrors::of(add);
    let removal = FormErrors::of(remove);
    view! {
        <StaffHeader frame=calendar.frame current=StaffSection::Calendar/>
        <MainContent>
            <section class="card">
                <h1>{td_string!(locale, staff.add_event)}</h1>
                <FormMessage message=errors.general()/>
                <ActionForm action=add attr:class="form" attr:novalidate=true>
                    <Field label=td_string!(locale, staff.title_label) name="title" required=true maxlength=limits::NEWS_TITLE
                        value=errors.typed("title", "") error=errors.under("title")/>
                    <Field label=td_string!(locale, staff.description_label) name="description" maxlength=limits::NEWS_BODY
                        value=errors.typed("description", "") error=errors.under("description")/>
                    <label class="checkbox" for="all_day">
                        <input type="checkbox" id="all_day" name="all_day" value="1"/>
                        {td_string!(locale, staff.all_day_label)}
                    </label>
                    <Field label=td_string!(locale, staff.starts_label) name="starts" kind="datetime-local" required=true
                        hint=td_string!(locale, staff.dates_hint)
                        value=errors.typed("starts", "") error=errors.under("starts")/>
                    <Field label=td_string!(locale, staff.ends_label) name="ends" kind="datetime-local"
                        value=errors.typed("ends", "") error=errors.under("ends")/>
                    <ClassBoxes classes=calendar.classes error=errors.under("classes") ticked=errors.typed("classes", "")/>
                    <button type="submit" class="primary" disabled=move || add.pending().get()>
                        {td_string!(locale, staff.add)}
                    </button>
                </ActionForm>
            </section>
            <section class="card">
                <h2>{td_string!(locale, staff.calendar_title)}</h2>
                <FormMessage message=removal.any()/>
                {if calendar.events.is_empty() {
                    view! { <p class="empty">{td_string!(locale, staff.no_items)}</p> }.into_any()
                } else {
                    view! {
                        <ul class="staff-list">
                            {calendar.events.into_iter().map(|event| view! {
                                <li>
                                    <strong>{event.title}</strong>" · "{event.when}" · "{audience(locale, &event.classes)}
                                    <ActionForm action=remove attr:class="inline-form">
                                        <input type="hidden" name="id" value=event.id/>
                                        <button type="submit" class="link">{td_string!(locale, staff.remove)}</button>
                                    </ActionForm>
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }}
            </section>
        </MainContent>
    }
}
