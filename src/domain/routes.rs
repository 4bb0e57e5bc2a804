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
/// "Notifications".
pub const NOTIFICATIONS: &str = "/notifications";
/// "Mon compte": the devices, recent activity, changing the password or the e-mail address.
pub const ACCOUNT: &str = "/appareils";
/// The page of the link mailed to confirm an e-mail address (`?jeton=…`).
pub const CONFIRM_EMAIL: &str = "/confirmer-email";
/// The thanks after an e-mail address was confirmed.
pub const EMAIL_CONFIRMED: &str = "/email-confirme";
/// "Mot de passe oublié ?".
pub const FORGOT_PASSWORD: &str = "/mot-de-passe-oublie";
/// The page of the mailed reset link (`?jeton=…`): a new password.
pub const NEW_PASSWORD: &str = "/nouveau-mot-de-passe";
/// "Aide en ligne".
pub const HELP: &str = "/aide";

/// Every page without a parameter, for checks that each one is routed.
pub const PAGES: [&str; 20] = [
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
    CONFIRM_EMAIL,
    EMAIL_CONFIRMED,
    FORGOT_PASSWORD,
    NEW_PASSWORD,
    HELP,
];

/// The page of one news item.
pub fn news_item(id: i32) -> String {
    format!("{NEWS}/{id}")
}

/// The page of one event of the calendar.
pub fn event(id: i32) -> String {
    format!("{EVENTS}/{id}")
}
