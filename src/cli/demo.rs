//! The demo school of the seed: Institut La Sainte-Union (`isu-dour`) with Albert and Marie Durant,
//! its terms of use, a few news items and this month's events. Loading it twice changes nothing.
use super::output::{Output, french_date};
use crate::server::{
    calendar,
    clock::{self, Clock},
    courses,
    letters::{self, Validity},
    lookups, news,
    platforms::{self, NewPlatform},
    students::{self, Issue, NewStudent, SlotLetter, StudentLetters},
    terms,
};
use chrono::{Datelike, Duration, NaiveDate, Utc};
use sea_orm::DatabaseConnection;

pub const CODE: &str = "isu-dour";

/// The demo letters' passwords: fixed, so that the README and a newcomer can rely on them.
const CHILDREN: [(&str, &str, &str, [&str; 2]); 2] = [
    (
        "Albert",
        "Durant",
        "3B",
        ["Albert-Lettre-1", "Albert-Lettre-2"],
    ),
    (
        "Marie",
        "Durant",
        "1A",
        ["Marie-Lettre-1", "Marie-Lettre-2"],
    ),
];

pub const TERMS: &str = include_str!("demo_terms.md");

const COURSES: [(&str, &str, &str); 5] = [
    ("albert.durant@isu-dour.be", "Mathématiques", "M. Lambert"),
    ("albert.durant@isu-dour.be", "Français", "Mme Leroy"),
    ("albert.durant@isu-dour.be", "Sciences", "Mme Dubois"),
    ("marie.durant@isu-dour.be", "Français", "M. Martin"),
    (
        "marie.durant@isu-dour.be",
        "Éducation physique",
        "Mme Petit",
    ),
];

/// A second school, so that a family with children in two schools can be tried: Léon Durant at the
/// École communale de Dour (`ecd-dour`), letters `Leon-Lettre-1` and `Leon-Lettre-2`.
pub const SECOND_CODE: &str = "ecd-dour";
const SECOND_SCHOOL_LETTERS: [&str; 2] = ["Leon-Lettre-1", "Leon-Lettre-2"];

async fn load_second_school(db: &DatabaseConnection, issue: Issue) -> anyhow::Result<()> {
    platforms::add(
        db,
        NewPlatform {
            code: SECOND_CODE.into(),
            name: "École communale de Dour".into(),
            domain: "ecd-dour.be".into(),
            address: Some("Place Verte 1\n7370 DOUR".into()),
            email: Some("ecole@ecd-dour.be".into()),
            admin_emails: vec!["direction@ecd-dour.be".into()],
            ..Default::default()
        },
    )
    .await?;
    students::add_with_passwords(
        db,
        issue,
        SECOND_CODE,
        NewStudent::new("Léon", "Durant", Some("P4")),
        SECOND_SCHOOL_LETTERS.map(String::from).to_vec(),
    )
    .await?;
    terms::publish(
        db,
        SECOND_CODE,
        "# Conditions d'utilisation\n\nL'École communale de Dour utilise Cartable pour communiquer avec les familles. Vos données ne servent qu'à cela.".into(),
        None,
    )
    .await?;
    news::add(
        db,
        SECOND_CODE,
        "Fancy-fair de l'école",
        "La fancy-fair aura lieu le dernier samedi du mois, dans la cour de l'école.",
        Some(Utc::now() - Duration::hours(5)),
    )
    .await?;
    Ok(())
}

/// A letter of the demo, and whether its temporary password still works.
pub struct DemoLetter {
    pub letters: StudentLetters,
    pub used: Vec<bool>,
}

fn brussels(date: NaiveDate, hour: u32, minute: u32) -> chrono::DateTime<Utc> {
    clock::from_brussels(date.and_hms_opt(hour, minute, 0).expect("valid time"))
        .expect("a Brussels time")
}

pub async fn load(db: &DatabaseConnection) -> anyhow::Result<Vec<DemoLetter>> {
    let issue = Issue::now(&Clock::default(), Validity::default());
    if platforms::named(db, CODE).await.is_err() {
        platforms::add(
            db,
            NewPlatform {
                code: CODE.into(),
                name: "Institut La Sainte-Union".into(),
                domain: "isu-dour.be".into(),
                address: Some("Rue du Roi Albert 10\n7370 DOUR".into()),
                phone: Some("065 65 12 34".into()),
                fax: Some("065 65 12 35".into()),
                email: Some("secretariat@isu-dour.be".into()),
                web: Some("http://www.isu-dour.be".into()),
                admin_emails: vec![
                    "direction@isu-dour.be".into(),
                    "educateurs@isu-dour.be".into(),
                ],
            },
        )
        .await?;
        for (first, last, class, passwords) in CHILDREN {
            let passwords = passwords.iter().map(|p| p.to_string()).collect();
            let student = NewStudent::new(first, last, Some(class));
            students::add_with_passwords(db, issue, CODE, student, passwords).await?;
        }
        let today = clock::brussels(Utc::now()).date_naive();
        terms::publish(db, CODE, TERMS.into(), Some(today + Duration::days(30))).await?;
        let news = [
            (
                "Horaire de surveillance des temps de table",
                "Les temps de midi sont surveillés par les éducateurs selon l'horaire affiché aux valves.\n\nMerci de rappeler à vos enfants de **respecter les consignes**.",
                0,
            ),
            (
                "Calendrier de présence des élèves",
                "Le calendrier de présence des élèves jusqu'aux congés d'hiver est disponible au secrétariat.",
                2,
            ),
            (
                "Qu'est-ce que l'hybridation ?",
                "L'enseignement hybride alterne des journées en classe et des travaux à domicile.\n\n- une semaine sur deux à l'école ;\n- des travaux remis via la plateforme.",
                5,
            ),
            (
                "Organiser les apprentissages d'hybridation",
                "Quelques conseils pour organiser le travail à la maison : un lieu calme, un horaire fixe, des pauses.",
                9,
            ),
        ];
        for (title, body, days_ago) in news {
            // In the past, so that every item shows at once.
            let at = Utc::now() - Duration::hours(2 + 24 * days_ago);
            news::add(db, CODE, title, body, Some(at)).await?;
        }
        let month_start = today.with_day(1).expect("the 1st exists");
        let day = |n: u32| month_start.with_day(n).unwrap_or(month_start);
        calendar::add_event(
            db,
            CODE,
            "Réunion des parents",
            Some("Rencontre avec les titulaires, **en classe**. Merci de vous inscrire auprès du secrétariat."),
            brussels(day(12), 18, 30),
            Some(brussels(day(12), 20, 30)),
            false,
        )
        .await?;
        calendar::add_event(
            db,
            CODE,
            "Journée pédagogique (pas de cours)",
            None,
            brussels(day(20), 0, 0),
            None,
            true,
        )
        .await?;
        calendar::add_event(
            db,
            CODE,
            "Classes de dépaysement",
            Some("Trois jours à la mer pour les élèves de 3e année."),
            brussels(day(24), 0, 0),
            Some(brussels(day(26), 0, 0)),
            true,
        )
        .await?;
        for (child, course, teacher) in COURSES {
            courses::enrol(db, CODE, child, course, Some(teacher)).await?;
        }
        load_second_school(db, issue).await?;
    }
    let mut letters = Vec::new();
    let all_children = CHILDREN
        .iter()
        .map(|(first, last, _, passwords)| ("isu-dour.be", *first, *last, *passwords))
        .chain([("ecd-dour.be", "Léon", "Durant", SECOND_SCHOOL_LETTERS)]);
    for (domain, first, last, passwords) in all_children {
        let identifier =
            crate::domain::identifier::base_identifier(first, last, domain).expect("demo names");
        let child = lookups::child_by_identifier(db, &identifier).await?;
        let slots = lookups::slots_of(db, child.as_ref()).await?;
        letters.push(DemoLetter {
            used: (1..=2)
                .map(|n| {
                    slots
                        .iter()
                        .find(|s| s.slot_number == n)
                        .is_none_or(|s| s.account_id.is_some())
                })
                .collect(),
            letters: StudentLetters {
                identifier: identifier.to_string(),
                slots: (1..)
                    .zip(passwords)
                    .map(|(slot, p)| SlotLetter {
                        slot,
                        temporary_password: p.into(),
                        valid_until: slots
                            .iter()
                            .find(|s| s.slot_number == slot)
                            .and_then(|s| s.temporary_password_expires_at)
                            .map(letters::last_day),
                    })
                    .collect(),
            },
        });
    }
    Ok(letters)
}

/// `cartable demo`: loads the demo schools (once) and prints their letters.
pub async fn run(db: &DatabaseConnection, out: Output) -> anyhow::Result<()> {
    let letters = load(db).await?;
    super::demo_staff::load(db, CODE).await?;
    if out.json {
        let all: Vec<&StudentLetters> = letters.iter().map(|l| &l.letters).collect();
        println!("{}", serde_json::to_string_pretty(&all)?);
        return Ok(());
    }
    println!(
        "Écoles de démonstration : Institut La Sainte-Union (isu-dour) et École communale de Dour (ecd-dour)\n"
    );
    let today = Clock::default().today();
    for letter in &letters {
        for (slot, used) in letter.letters.slots.iter().zip(&letter.used) {
            let note = match (used, slot.valid_until) {
                (true, _) => "  (déjà utilisé : le parent a choisi son mot de passe)".into(),
                (false, Some(last)) if last < today => {
                    "  (expiré : `cartable slot reset` en imprime un nouveau)".into()
                }
                (false, Some(last)) => format!("  (valable jusqu'au {})", french_date(last)),
                (false, None) => String::new(),
            };
            println!(
                "  Identifiant : {:<28} mot de passe temporaire : {}{note}",
                letter.letters.identifier, slot.temporary_password
            );
        }
    }
    super::demo_staff::print();
    Ok(())
}
