//! "Cours": the selected child's courses and their teachers.
use crate::{
    api::courses::{CourseItem, load_courses},
    components::{Loaded, MainContent, Section, SiteHeader},
    i18n::td_string,
    language,
};
use leptos::prelude::*;
use leptos_meta::Title;

/// The courses, or the seed's "Aucun cours trouvé".
#[component]
pub fn CourseList(courses: Vec<CourseItem>) -> impl IntoView {
    if courses.is_empty() {
        let locale = language::current();
        return view! { <p class="empty">{td_string!(locale, school.no_courses)}</p> }.into_any();
    }
    view! {
        <ul class="course-list">
            {courses.into_iter().map(|course| view! {
                <li>
                    <span class="course-name">{course.name}</span>
                    {course.teacher.map(|teacher| view! { <span class="teacher">{teacher}</span> })}
                </li>
            }).collect_view()}
        </ul>
    }
    .into_any()
}

#[component]
pub fn CoursesPage() -> impl IntoView {
    let locale = language::current();
    let courses = Resource::new(|| (), |_| load_courses());
    view! {
        <Title text=td_string!(locale, school.courses_title)/>
        <Loaded data=courses let:view>
            <SiteHeader school=view.school current=Section::Courses/>
            <MainContent>
                <section class="card courses">
                    <h1>{td_string!(locale, school.courses_of, child = &view.child)}</h1>
                    <CourseList courses=view.courses/>
                </section>
            </MainContent>
        </Loaded>
    }
}
