//! The address of every page, named once: the router, the links, the redirects and the journey all
//! use these, so a page cannot be renamed in one place and forgotten in another.

/// "Accueil": the signed-in parent's home, also the end of the first sign-in journey.
pub const HOME: &str = "/";
/// "Connexion".
pub const SIGN_IN: &str = "/connexion";
/// "Vérification": the code mailed when a password alone may not open the account.
pub const SIGN_IN_CODE: &str = "/connexion/code";
/// "Conditions d'utilisation": the journey's first step.
pub const TERMS: &str = "/conditions";
/// "Modifiez votre mot de passe": the journey replaces the letter's temporary password.
pub const PASSWORD: &str = "/mot-de-passe";
/// "Confirmez votre mot de passe": closes the link of a newly added child.
pub const CONFIRM_LINK: &str = "/confirmer-mot-de-passe";
/// "Bienvenue": the journey's profile step.
pub const PROFILE: &str = "/bienvenue";
/// "Actualités": the school's news (`?page=2`); one item is at [`news_item`].
pub const NEWS: &str = "/actualites";
/// "Calendrier": a month (`?mois=2026-11`) or a day (`?jour=2026-11-17`); one event is at [`event`].
pub const CALENDAR: &str = "/calendrier";
/// The events of the calendar, each at `/calendrier/evenements/<id>`.
pub const EVENTS: &str = "/calendrier/evenements";
/// "Cours".
pub const COURSES: &str = "/cours";
/// "Mes enfants".
pub const CHILDREN: &str = "/enfants";
/// "Ajouter un enfant", for browsers without JavaScript (others open the form in a dialog).
pub const ADD_CHILD: &str = "/enfants/ajouter";
/// "Messages".
pub const MESSAGES: &str = "/messages";
/// "Nouveau message": a parent writes to a teacher of the shown child or to the school.
pub const NEW_MESSAGE: &str = "/messages/nouveau";
/// The files of messages, each at `/pieces-jointes/<id>`.
pub const ATTACHMENTS: &str = "/pieces-jointes";
/// "Enquêtes": the surveys for the parent's children; one is at [`survey`] (`?enfant=<id>`).
pub const SURVEYS: &str = "/enquetes";
/// "Intradesk": the documents the school shares with the parents of the shown children.
pub const INTRADESK: &str = "/intradesk";
/// The Intradesk's files, each at `/documents/<id>` (parents' opens are remembered).
pub const DOCUMENTS: &str = "/documents";
/// "Absences": report a child's absence, and follow each one's state.
pub const ABSENCES: &str = "/absences";
/// The certificates of absences, each at `/certificats/<absence id>`.
pub const CERTIFICATES: &str = "/certificats";
/// "Notifications".
pub const NOTIFICATIONS: &str = "/notifications";
/// "Ce que je reçois": how each kind of notification reaches the parent, and their quiet hours.
pub const NOTIFICATION_SETTINGS: &str = "/notifications/reglages";
/// The page of a mail's unsubscribe link (`?jeton=…&type=news`), which a mail client may also
/// post to in one click (RFC 8058).
pub const UNSUBSCRIBE: &str = "/desabonnement";
/// "Mon compte": the devices, recent activity, changing the password or the e-mail address.
pub const ACCOUNT: &str = "/appareils";
/// "Télécharger mes données": everything held on the signed-in parent, as a JSON file.
pub const MY_DATA: &str = "/appareils/mes-donnees";
/// A parent's calendar feed (`/agenda/{token}.ics`), which phones' calendars subscribe to.
pub const CALENDAR_FEEDS: &str = "/agenda";
/// A parent's own second factor: setting it up, or turning it off.
pub const ACCOUNT_SECOND_FACTOR: &str = "/appareils/second-facteur";
/// The page of the link mailed to confirm an e-mail address (`?jeton=…`).
pub const CONFIRM_EMAIL: &str = "/confirmer-email";
/// The thanks after an e-mail address was confirmed.
pub const EMAIL_CONFIRMED: &str = "/email-confirme";
/// "Mot de passe oublié ?".
pub const FORGOT_PASSWORD: &str = "/mot-de-passe-oublie";
/// The page of the mailed reset link (`?jeton=…`): a new password.
pub const NEW_PASSWORD: &str = "/nouveau-mot-de-passe";
/// A school's logo (`/logo/{platform}?v={version}`).
pub const LOGO: &str = "/logo";
/// "Aide en ligne".
pub const HELP: &str = "/aide";

/// "Vérification en deux étapes": the code of a staff member's or a parent's authenticator (or a
/// recovery code), after the password.
pub const SECOND_FACTOR: &str = "/connexion/second-facteur";

// The school's side ("Espace école"), for staff.

/// The staff area's home: the sections the caller's role opens.
pub const STAFF: &str = "/ecole";
/// The page of the link mailed to a new staff member (or for a reset): choosing a password.
pub const STAFF_PASSWORD: &str = "/ecole/mot-de-passe";
/// Setting up the second factor (administrators must before anything else).
pub const STAFF_SECURITY: &str = "/ecole/securite";
/// "Élèves": the list, search by class and name (`?classe=3B&nom=dur`).
pub const STAFF_STUDENTS: &str = "/ecole/eleves";
/// Importing a class list, with its preview.
pub const STAFF_IMPORT: &str = "/ecole/eleves/importer";
/// The letters to print (`?classe=3B`, `?eleve=12`, or the whole school), as one printable page.
pub const STAFF_LETTERS: &str = "/ecole/lettres";
/// "Actualités": the school's news, written and scheduled.
pub const STAFF_NEWS: &str = "/ecole/actualites";
/// "Calendrier": the school's events.
pub const STAFF_CALENDAR: &str = "/ecole/calendrier";
/// "Cours": the courses with their teachers and students.
pub const STAFF_COURSES: &str = "/ecole/cours";
/// "Conditions d'utilisation" (administrators): versions, decisions, a new version.
pub const STAFF_TERMS: &str = "/ecole/conditions";
/// "École" (administrators): the school's contact details and administrators' addresses.
pub const STAFF_SCHOOL: &str = "/ecole/etablissement";
/// "Messages": the staff member's conversations with families.
pub const STAFF_MESSAGES: &str = "/ecole/messages";
/// "Écrire aux parents": a student's, a class's, a course's or the whole school's.
pub const STAFF_NEW_MESSAGE: &str = "/ecole/messages/nouveau";
/// "Absences": the absences parents reported, to acknowledge (`?toutes=1`: those done too).
pub const STAFF_ABSENCES: &str = "/ecole/absences";
/// "Enquêtes": writing a survey, the surveys with their answers counted; one's results are at
/// [`staff_survey`], and as CSV at [`staff_survey_csv`].
pub const STAFF_SURVEYS: &str = "/ecole/enquetes";
/// "Intradesk": folders, documents shared with families, and who opened each.
pub const STAFF_INTRADESK: &str = "/ecole/intradesk";
/// "Personnel" (administrators): staff accounts, roles, suspension.
pub const STAFF_TEAM: &str = "/ecole/personnel";
/// "Journal" (administrators): the audit log, filtered (`?personne=…&type=…`).
pub const STAFF_JOURNAL: &str = "/ecole/journal";
/// The same journal as CSV, a download (not a page).
pub const STAFF_JOURNAL_CSV: &str = "/ecole/journal.csv";

/// Every page of the staff area (the staff guard keeps them for signed-in staff).
pub const STAFF_PAGES: [&str; 16] = [
    STAFF_SURVEYS,
    STAFF_INTRADESK,
    STAFF_ABSENCES,
    STAFF_COURSES,
    STAFF_TERMS,
    STAFF_SCHOOL,
    STAFF,
    STAFF_JOURNAL,
    STAFF_SECURITY,
    STAFF_STUDENTS,
    STAFF_IMPORT,
    STAFF_NEWS,
    STAFF_CALENDAR,
    STAFF_TEAM,
    STAFF_MESSAGES,
    STAFF_NEW_MESSAGE,
];

/// Every page without a parameter, for checks that each one is routed.
pub const PAGES: [&str; 45] = [
    SURVEYS,
    STAFF_SURVEYS,
    INTRADESK,
    STAFF_INTRADESK,
    ABSENCES,
    STAFF_ABSENCES,
    STAFF_COURSES,
    STAFF_TERMS,
    STAFF_SCHOOL,
    HOME,
    SIGN_IN,
    SIGN_IN_CODE,
    TERMS,
    PASSWORD,
    CONFIRM_LINK,
    PROFILE,
    NEWS,
    CALENDAR,
    COURSES,
    CHILDREN,
    ADD_CHILD,
    MESSAGES,
    NOTIFICATIONS,
    ACCOUNT,
    ACCOUNT_SECOND_FACTOR,
    CONFIRM_EMAIL,
    EMAIL_CONFIRMED,
    FORGOT_PASSWORD,
    NEW_PASSWORD,
    HELP,
    SECOND_FACTOR,
    STAFF,
    STAFF_PASSWORD,
    STAFF_SECURITY,
    STAFF_STUDENTS,
    STAFF_IMPORT,
    STAFF_NEWS,
    STAFF_CALENDAR,
    STAFF_TEAM,
    STAFF_JOURNAL,
    NEW_MESSAGE,
    STAFF_MESSAGES,
    STAFF_NEW_MESSAGE,
    NOTIFICATION_SETTINGS,
    UNSUBSCRIBE,
];

/// The staff page of one student.
pub fn staff_student(id: i32) -> String {
    format!("{STAFF_STUDENTS}/{id}")
}

/// The page of one news item.
pub fn news_item(id: i32) -> String {
    format!("{NEWS}/{id}")
}

/// The page of one event of the calendar.
pub fn event(id: i32) -> String {
    format!("{EVENTS}/{id}")
}

/// A conversation, as a parent reads it.
pub fn conversation(id: i32) -> String {
    format!("{MESSAGES}/{id}")
}

/// A conversation, as staff read it.
pub fn staff_conversation(id: i32) -> String {
    format!("{STAFF_MESSAGES}/{id}")
}

/// A file of a message, downloaded by a member of its conversation.
pub fn attachment(id: i32) -> String {
    format!("{ATTACHMENTS}/{id}")
}

/// A survey, as a parent answers it.
pub fn survey(id: i32) -> String {
    format!("{SURVEYS}/{id}")
}

/// A survey's results, for staff.
pub fn staff_survey(id: i32) -> String {
    format!("{STAFF_SURVEYS}/{id}")
}

/// A survey's answers as CSV (a download, not a page).
pub fn staff_survey_csv(id: i32) -> String {
    format!("{STAFF_SURVEYS}/{id}/reponses.csv")
}

/// A document of the Intradesk.
pub fn document(id: i32) -> String {
    format!("{DOCUMENTS}/{id}")
}

/// The certificate of an absence, downloaded by the child's parents and the school.
pub fn absence_certificate(id: i32) -> String {
    format!("{CERTIFICATES}/{id}")
}

/// The path of the calendar feed that `token` opens.
pub fn calendar_feed(token: &str) -> String {
    format!("{CALENDAR_FEEDS}/{token}.ics")
}

/// The address of a school's logo; `version` changes with the logo, so that it may be kept a year.
pub fn school_logo(platform_id: i32, version: i64) -> String {
    format!("{LOGO}/{platform_id}?v={version}")
}
