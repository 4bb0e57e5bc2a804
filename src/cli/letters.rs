//! The "courrier personnel": one printable page per parent slot, with the school, the child's
//! identifier, the letter's temporary password and how to sign in. Rendered by Leptos, so every
//! name is escaped like on the site.
use super::output::french_date;
use crate::server::{entities::platform, students::StudentLetters};
use leptos::{prelude::*, tachys::view::RenderHtml};
use std::path::{Path, PathBuf};

const LETTER_CSS: &str = "body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;\
line-height:1.5;color:#1f2933}header p{white-space:pre-line}h1{font-size:1.4rem}.codes{border:2px solid #1d4f91;\
border-radius:.5rem;padding:1rem 1.5rem;margin:1.5rem 0}.codes dd{font:1.2rem monospace;\
margin:0 0 .6rem}@media print{body{margin:0}}";

/// The letter of slot `slot` of `letters`, as a complete HTML page.
pub fn render(
    school: &platform::Model,
    site_url: &str,
    letters: &StudentLetters,
    slot: usize,
) -> String {
    let school_name = school.name.clone();
    let address = school.address.clone().unwrap_or_default();
    let identifier = letters.identifier.clone();
    let password = letters.slots[slot].temporary_password.clone();
    let parent = letters.slots[slot].slot;
    // Every letter printed now has a last day; only slots older than letters' expiry have none.
    let valid_until = letters.slots[slot].valid_until.map(|day| {
        let until = format!("Valable jusqu'au {} inclus.", french_date(day));
        view! { <p><strong>{until}</strong>" Passé ce jour, demandez un nouveau courrier à l'école."</p> }
    });
    let site = site_url.to_owned();
    let body = view! {
        <header>
            <p><strong>{school_name.clone()}</strong><br/>{address}</p>
        </header>
        <h1>"Votre accès à Cartable, le portail de l'école"</h1>
        <p>"Madame, Monsieur,"</p>
        <p>{format!("{school_name} vous donne accès à Cartable, où vous suivez la scolarité de votre enfant : actualités, calendrier, cours et messages de l'école.")}</p>
        <dl class="codes">
            <dt>"Adresse du site"</dt><dd>{site.clone()}</dd>
            <dt>"Plateforme"</dt><dd>{school.code.clone()}</dd>
            <dt>"Identifiant"</dt><dd>{identifier}</dd>
            <dt>{format!("Mot de passe temporaire (parent {parent})")}</dt><dd>{password}</dd>
        </dl>
        {valid_until}
        <ol>
            <li>{format!("Ouvrez {site} et connectez-vous avec l'identifiant et le mot de passe temporaire ci-dessus.")}</li>
            <li>"Acceptez les conditions d'utilisation, puis choisissez votre propre mot de passe."</li>
            <li>"Complétez votre profil et confirmez votre adresse e-mail."</li>
            <li>"Vous avez d'autres enfants à l'école ou dans une autre école utilisant Cartable ? Dans « Mes enfants », choisissez « Ajouter des enfants » et indiquez la plateforme, l'identifiant et le mot de passe de leur courrier."</li>
        </ol>
        <p>"Ce courrier est personnel : chaque parent reçoit le sien. Ne le communiquez à personne."</p>
    }
    .to_html();
    format!(
        "<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\"><title>Courrier Cartable</title>\
         <style>{LETTER_CSS}</style></head><body>{body}</body></html>"
    )
}

/// Writes one page per slot into `dir` (`<identifier>-parent-<n>.html`) and returns their paths.
pub fn write_all(
    dir: &Path,
    school: &platform::Model,
    site_url: &str,
    all: &[StudentLetters],
) -> std::io::Result<Vec<PathBuf>> {
    std::fs::create_dir_all(dir)?;
    let mut written = Vec::new();
    for letters in all {
        for (index, slot) in letters.slots.iter().enumerate() {
            let path = dir.join(format!("{}-parent-{}.html", letters.identifier, slot.slot));
            std::fs::write(&path, render(school, site_url, letters, index))?;
            written.push(path);
        }
    }
    Ok(written)
}
