//! The demo school's staff: an administrator (second factor already on, its secret printed so that
//! any authenticator, or `oathtool --totp -b`, gives the codes) and a teacher of class 3B's French (Mme Leroy).
use crate::domain::contact::EmailAddress;
use crate::server::{
    courses, platforms,
    staff::{Role, accounts},
};
use sea_orm::DatabaseConnection;

pub const ADMIN_EMAIL: &str = "direction@isu-dour.be";
pub const ADMIN_PASSWORD: &str = "la direction veille";
/// Base32 TOTP secret of the demo administrator: public, as a demo's must be.
pub const ADMIN_TOTP_SECRET: &str = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
pub const TEACHER_EMAIL: &str = "claire.leroy@isu-dour.be";
pub const TEACHER_PASSWORD: &str = "la craie au tableau";

pub async fn load(db: &DatabaseConnection, code: &str) -> anyhow::Result<()> {
    let school = platforms::named(db, code).await?;
    let now = chrono::Utc::now();
    let person = |first: &str, last: &str, email: &str, role| accounts::NewStaff {
        first_name: first.into(),
        last_name: last.into(),
        email: EmailAddress::parse(email).expect("a demo address"),
        role,
    };
    let admin = person("Anne", "Dubois", ADMIN_EMAIL, Role::Administrator);
    accounts::add_ready(
        db,
        school.id,
        admin,
        ADMIN_PASSWORD,
        Some(ADMIN_TOTP_SECRET),
        now,
    )
    .await?;
    let teacher = person("Claire", "Leroy", TEACHER_EMAIL, Role::Teacher);
    let teacher = accounts::add_ready(db, school.id, teacher, TEACHER_PASSWORD, None, now).await?;
    let course = courses::enrol(
        db,
        code,
        "albert.durant@isu-dour.be",
        "Français",
        Some("Mme Leroy"),
    )
    .await?;
    accounts::teach(db, teacher, course.id).await?;
    Ok(())
}

pub fn print() {
    println!("\nPersonnel (espace école, /ecole ; même page de connexion, avec l'adresse) :");
    println!("  Administratrice : {ADMIN_EMAIL:<28} mot de passe : {ADMIN_PASSWORD}");
    println!(
        "    vérification en deux étapes, clé TOTP : {ADMIN_TOTP_SECRET} (oathtool --totp -b {ADMIN_TOTP_SECRET})"
    );
    println!("  Enseignante :     {TEACHER_EMAIL:<28} mot de passe : {TEACHER_PASSWORD}");
}
