//! The application shell and its routes. Every route renders completely on the server before it is
//! sent (`SsrMode::Async`), so pages work without JavaScript and a redirect can still be answered.
use crate::components::{LanguageSwitch, MAIN_ID};
use crate::pages::{
    absences::AbsencesPage,
    account::AccountPage,
    calendar::{CalendarPage, EventPage},
    children::{AddChildPage, ChildrenPage, ConfirmLinkPage},
    confirm_email::{ConfirmEmailPage, EmailConfirmedPage},
    courses::CoursesPage,
    help::{HelpPage, NotFoundPage},
    home::HomePage,
    intradesk::IntradeskPage,
    messages::{ConversationPage, MessagesPage, NewMessagePage},
    news::{NewsItemPage, NewsPage},
    notifications::{NotificationSettingsPage, NotificationsPage, UnsubscribePage},
    password::PasswordPage,
    profile::ProfilePage,
    recovery::{ForgotPasswordPage, NewPasswordPage},
    second_factor::{OwnSecondFactorPage, SecondFactorPage},
    sign_in::SignInPage,
    sign_in_code::SignInCodePage,
    staff::{
        absences::StaffAbsencesPage,
        access::{StaffPasswordPage, StaffSecurityPage},
        calendar::StaffCalendarPage,
        courses::StaffCoursesPage,
        home::StaffHomePage,
        intradesk::StaffIntradeskPage,
        journal::StaffJournalPage,
        messages::{StaffConversationPage, StaffMessagesPage, StaffNewMessagePage},
        news::StaffNewsPage,
        school::StaffSchoolPage,
        students::{StaffImportPage, StaffStudentPage, StaffStudentsPage},
        surveys::{StaffSurveyPage, StaffSurveysPage},
        team::StaffTeamPage,
        terms::StaffTermsPage,
    },
    surveys::{SurveyPage, SurveysPage},
    terms::TermsPage,
};
use crate::{i18n::td_string, language};
use leptos::prelude::*;
use leptos_meta::{HashedStylesheet, MetaTags, Title, provide_meta_context};
use leptos_router::{
    SsrMode,
    components::{Route, Router, Routes},
    path,
};

pub fn shell(options: LeptosOptions) -> impl IntoView {
    // The page's Content-Security-Policy names the nonce of its inline scripts.
    #[cfg(feature = "ssr")]
    if let (Some(nonce), Some(response)) = (
        leptos::nonce::use_nonce(),
        use_context::<leptos_axum::ResponseOptions>(),
    ) && let Ok(policy) =
        axum::http::HeaderValue::from_str(&crate::content_policy::page(&nonce.to_string()))
    {
        response.insert_header(axum::http::header::CONTENT_SECURITY_POLICY, policy);
    }
    // Read once from the request, then handed down to every component of the page.
    let locale = language::current();
    provide_context(locale);
    view! {
        <!DOCTYPE html>
        // The islands read the page's language back from here.
        <html lang=language::tag(locale)>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="theme-color" content="#1d4f91"/>
                <meta name="description" content=td_string!(locale, common.description)/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                <link rel="manifest" href="/manifest.webmanifest"/>
                // Added to an iPhone's home screen: its icon, its name, and a full-screen app.
                <link rel="apple-touch-icon" href="/icons/apple-touch-icon.png"/>
                <meta name="apple-mobile-web-app-capable" content="yes"/>
                <meta name="mobile-web-app-capable" content="yes"/>
                <meta name="apple-mobile-web-app-title" content="Cartable"/>
                <meta name="apple-mobile-web-app-status-bar-style" content="default"/>
                <HashedStylesheet options=options.clone() id="leptos"/>
                <AutoReload options=options.clone()/>
                <HydrationScripts options islands=true/>
                <ServiceWorker/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// Registers `/sw.js` (public/sw.js), which keeps the site's files for offline use and shows the
/// offline page when the network is gone. A plain script: registering needs no WebAssembly.
#[component]
fn ServiceWorker() -> impl IntoView {
    let nonce = leptos::nonce::use_nonce();
    view! {
        <script nonce=nonce>
            "if ('serviceWorker' in navigator) navigator.serviceWorker.register('/sw.js');"
        </script>
    }
}

/// The routes are spelled out with `path!`, which takes literals only: they must be the addresses of
/// [`crate::domain::routes`], as the test below checks.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let locale = language::current();
    view! {
        <Title formatter=|title: String| format!("{title} · Cartable")/>
        <Router>
            // The keyboard's first stop: past the header's navigation, to the page's own <main>.
            <a class="skip-link" href=format!("#{MAIN_ID}")>{td_string!(locale, common.skip_link)}</a>
            <LanguageSwitch/>
            <div class="page">
                <Routes fallback=NotFoundPage>
                    <Route path=path!("/") view=HomePage ssr=SsrMode::Async/>
                    <Route path=path!("/connexion") view=SignInPage ssr=SsrMode::Async/>
                    <Route path=path!("/connexion/code") view=SignInCodePage ssr=SsrMode::Async/>
                    <Route path=path!("/conditions") view=TermsPage ssr=SsrMode::Async/>
                    <Route path=path!("/mot-de-passe") view=PasswordPage ssr=SsrMode::Async/>
                    <Route path=path!("/confirmer-mot-de-passe") view=ConfirmLinkPage ssr=SsrMode::Async/>
                    <Route path=path!("/bienvenue") view=ProfilePage ssr=SsrMode::Async/>
                    <Route path=path!("/actualites") view=NewsPage ssr=SsrMode::Async/>
                    <Route path=path!("/actualites/:id") view=NewsItemPage ssr=SsrMode::Async/>
                    <Route path=path!("/calendrier") view=CalendarPage ssr=SsrMode::Async/>
                    <Route path=path!("/calendrier/evenements/:id") view=EventPage ssr=SsrMode::Async/>
                    <Route path=path!("/cours") view=CoursesPage ssr=SsrMode::Async/>
                    <Route path=path!("/enfants") view=ChildrenPage ssr=SsrMode::Async/>
                    <Route path=path!("/enfants/ajouter") view=AddChildPage ssr=SsrMode::Async/>
                    <Route path=path!("/messages") view=MessagesPage ssr=SsrMode::Async/>
                    <Route path=path!("/messages/nouveau") view=NewMessagePage ssr=SsrMode::Async/>
                    <Route path=path!("/messages/:id") view=ConversationPage ssr=SsrMode::Async/>
                    <Route path=path!("/absences") view=AbsencesPage ssr=SsrMode::Async/>
                    <Route path=path!("/intradesk") view=IntradeskPage ssr=SsrMode::Async/>
                    <Route path=path!("/enquetes") view=SurveysPage ssr=SsrMode::Async/>
                    <Route path=path!("/enquetes/:id") view=SurveyPage ssr=SsrMode::Async/>
                    <Route path=path!("/notifications") view=NotificationsPage ssr=SsrMode::Async/>
                    <Route path=path!("/notifications/reglages") view=NotificationSettingsPage ssr=SsrMode::Async/>
                    <Route path=path!("/desabonnement") view=UnsubscribePage ssr=SsrMode::Async/>
                    <Route path=path!("/confirmer-email") view=ConfirmEmailPage ssr=SsrMode::Async/>
                    <Route path=path!("/email-confirme") view=EmailConfirmedPage ssr=SsrMode::Async/>
                    <Route path=path!("/mot-de-passe-oublie") view=ForgotPasswordPage ssr=SsrMode::Async/>
                    <Route path=path!("/nouveau-mot-de-passe") view=NewPasswordPage ssr=SsrMode::Async/>
                    <Route path=path!("/appareils") view=AccountPage ssr=SsrMode::Async/>
                    <Route path=path!("/appareils/second-facteur") view=OwnSecondFactorPage ssr=SsrMode::Async/>
                    <Route path=path!("/aide") view=HelpPage ssr=SsrMode::Async/>
                    <Route path=path!("/connexion/second-facteur") view=SecondFactorPage ssr=SsrMode::Async/>
                    <Route path=path!("/ecole") view=StaffHomePage ssr=SsrMode::Async/>
                    <Route path=path!("/ecole/mot-de-passe") view=StaffPasswordPage ssr=SsrMode::Async/>
                    <Route path=path!("/ecole/securite") view=StaffSecurityPage ssr=SsrMode::Async/>
                    <Route path=path!("/ecole/eleves") view=StaffStudentsPage ssr=SsrMode::Async/>
                    <Route path=path!("/ecole/eleves/importer") view=StaffImportPage ssr=SsrMode::Async/>
                    <Route path=path!("/ecole/eleves/:id") view=StaffStudentPage ssr=SsrMode::Async/>
                    <Route path=path!("/ecole/actualites") view=StaffNewsPage ssr=SsrMode::Async/>
                    <Route path=path!("/ecole/calendrier") view=StaffCalendarPage ssr=SsrMode::Async/>
                    <Route path=path!("/ecole/personnel") view=StaffTeamPage ssr=SsrMode::Async/>
                    <Route path=path!("/ecole/cours") view=StaffCoursesPage ssr=SsrMode::Async/>
                    <Route path=path!("/ecole/conditions") view=StaffTermsPage ssr=SsrMode::Async/>
                    <Route path=path!("/ecole/etablissement") view=StaffSchoolPage ssr=SsrMode::Async/>
                    <Route path=path!("/ecole/journal") view=StaffJournalPage ssr=SsrMode::Async/>
                    <Route path=path!("/ecole/absences") view=StaffAbsencesPage ssr=SsrMode::Async/>
                    <Route path=path!("/ecole/intradesk") view=StaffIntradeskPage ssr=SsrMode::Async/>
                    <Route path=path!("/ecole/enquetes") view=StaffSurveysPage ssr=SsrMode::Async/>
                    <Route path=path!("/ecole/enquetes/:id") view=StaffSurveyPage ssr=SsrMode::Async/>
                    <Route path=path!("/ecole/messages") view=StaffMessagesPage ssr=SsrMode::Async/>
                    <Route path=path!("/ecole/messages/nouveau") view=StaffNewMessagePage ssr=SsrMode::Async/>
                    <Route path=path!("/ecole/messages/:id") view=StaffConversationPage ssr=SsrMode::Async/>
                </Routes>
            </div>
        </Router>
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::App;
    use crate::domain::routes;

    /// The addresses the server answers, as Axum spells them (`/actualites/{id}`).
    fn routed() -> Vec<String> {
        leptos_axum::generate_route_list(App)
            .iter()
            .map(|route| route.path().to_owned())
            .collect()
    }

    /// Every named page is routed, and every route is named.
    #[test]
    fn the_routes_are_the_named_pages() {
        let mut named: Vec<String> = routes::PAGES.iter().map(|page| page.to_string()).collect();
        named.extend(
            [
                routes::NEWS,
                routes::EVENTS,
                routes::STAFF_STUDENTS,
                routes::MESSAGES,
                routes::STAFF_MESSAGES,
                routes::SURVEYS,
                routes::STAFF_SURVEYS,
            ]
            .map(|page| format!("{page}/{{id}}")),
        );
        let mut routed = routed();
        named.sort();
        routed.sort();
        assert_eq!(routed, named);
    }
}
