//! Choosing the child the site shows: a plain form posted to the server function, so the whole
//! page (school, terms, news, calendar) is rebuilt for that child, with JavaScript or without.
use leptos::prelude::*;

#[component]
pub fn ChildSwitch(id: i32, first_name: String, selected: bool) -> impl IntoView {
    view! {
        <form method="post" action="/api/select_child" class="child-switch">
            <input type="hidden" name="student_id" value=id.to_string()/>
            <button type="submit" class="child" class:selected=selected
                aria-current=selected.then_some("true")>{first_name}</button>
        </form>
    }
}
