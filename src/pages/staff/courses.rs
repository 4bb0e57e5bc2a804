//! "Cours": the courses with their teachers and students; an administrator creates one, adds a
//! teacher, enrols a class at once.
use crate::{
    api::staff::courses::{AddCourse, AssignTeacher, EnrolClass, StaffCourses, load_staff_courses},
    components::{Field, FormErrors, FormMessage, Loaded, MainContent, StaffHeader, StaffSection},
    domain::limits,
    i18n::td_string,
    language,
};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn StaffCoursesPage() -> impl IntoView {
    let locale = language::current();
    let courses = Resource::new(|| (), |_| load_staff_courses());
    view! {
        <Title text=td_string!(locale, staff.courses_title)/>
        <Loaded data=courses let:courses>
            <CoursesView courses/>
        </Loaded>
    }
}

#[component]
fn CoursesView(courses: StaffCourses) -> impl IntoView {
    let locale = language::current();
    let add = ServerAction::<AddCourse>::new();
    let assign = ServerAction::<AssignTeacher>::new();
    let enrol = ServerAction::<EnrolClass>::new();
    let errors = FormErrors::of(add);
    let refused = FormErrors::of(assign).or(FormErrors::of(enrol));
    let admin = courses.frame.admin;
    let (classes, staff) = (courses.classes, courses.staff);
    view! {
        <StaffHeader frame=courses.frame current=StaffSection::Courses/>
        <MainContent>
            <section class="card">
                <h1>{td_string!(locale, staff.courses_title)}</h1>
                <FormMessage message=refused.any()/>
                {if courses.courses.is_empty() {
                    view! { <p class="empty">{td_string!(locale, staff.no_items)}</p> }.into_any()
                } else {
                    view! {
                        <ul class="staff-list courses">
                            {courses.courses.into_iter().map(|course| {
                                let teachers = if course.teachers.is_empty() {
                                    td_string!(locale, staff.no_teacher).to_owned()
                                } else {
                                    td_string!(locale, staff.teachers, names = course.teachers.join(", ")).to_string()
                                };
                                let count = td_string!(locale, staff.enrolled, count = course.students.len()).to_string();
                                let (classes, staff) = (classes.clone(), staff.clone());
                                view! {
                                    <li>
                                        <h2>{course.name}</h2>
                                        <p>{teachers}" · "{count}</p>
                                        <details><summary>{td_string!(locale, staff.students)}</summary>
                                            <ul>{course.students.into_iter().map(|s| view! { <li>{s}</li> }).collect_view()}</ul>
                                        </details>
                                        {admin.then(|| view! {
                                            <ActionForm action=assign attr:class="inline-form">
                                                <input type="hidden" name="course" value=course.id/>
                                                <label>{td_string!(locale, staff.teacher_label)}" "
                                                    <select name="staff">
                                                        {staff.into_iter().map(|(id, name)| view! { <option value=id>{name}</option> }).collect_view()}
                                                    </select>
                                                </label>
                                                <button type="submit">{td_string!(locale, staff.assign_teacher)}</button>
                                            </ActionForm>
                                            <ActionForm action=enrol attr:class="inline-form">
                                                <input type="hidden" name="course" value=course.id/>
                                                <label>{td_string!(locale, staff.class_label)}" "
                                                    <select name="class">
                                                        {classes.into_iter().map(|class| view! { <option value=class.clone()>{class.clone()}</option> }).collect_view()}
                                                    </select>
                                                </label>
                                                <button type="submit">{td_string!(locale, staff.enrol_class)}</button>
                                            </ActionForm>
                                        })}
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }}
            </section>
            {admin.then(|| view! {
                <section class="card">
                    <h2>{td_string!(locale, staff.add_course)}</h2>
                    <FormMessage message=errors.general()/>
                    <ActionForm action=add attr:class="form" attr:novalidate=true>
                        <Field label=td_string!(locale, staff.course_name_label) name="name" required=true
                            maxlength=limits::NEWS_TITLE error=errors.under("title")/>
                        <button type="submit" class="primary">{td_string!(locale, staff.add)}</button>
                    </ActionForm>
                </section>
            })}
        </MainContent>
    }
}
