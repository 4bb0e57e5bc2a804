//! The "courrier personnel": one printable page per parent slot, with the school, the child's
//! identifier, the letter's temporary password and how to sign in, in the language the school
//! chooses (`--language`). Rendered by Leptos, so every name is escaped like on the site.
use crate::{
    domain::calendar,
    i18n::td_string,
    language::Locale,
    server::{entities::platform, students::StudentLetters},
};
use leptos::{prelude::*, tachys::view::RenderHtml};
use std::path::{Path, PathBuf};

const LETTER_CSS: &str = "body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;\
line-height:1.5;color:#1f2933}header p{white-space:pre-line}h1{font-size:1.4rem}.codes{border:2px solid #1d4f91;\
border-radius:.5rem;padding:1rem 1.5rem;margin:1.5rem 0}.codes dd{font:1.2rem monospace;\
margin:0 0 .6rem}.letter{break-after:page}@media print{body{margin:0}}";

/// The letter of slot `slot` of `letters`, as a complete HTML page, in `locale`.
pub fn render(
    school: &platform::Model,
    site_url: &str,
    letters: &StudentLetters,
    slot: usize,
    locale: Locale,
) -> String {
    page(locale, &body(school, site_url, letters, slot, locale))
}

/// Every letter of `all`, one per printed page, as one HTML page (the staff area's "Imprimer").
pub fn render_all(
    school: &platform::Model,
    site_url: &str,
    all: &[StudentLetters],
    locale: Locale,
) -> String {
    let mut letters = String::new();
    for student in all {
        for slot in 0..student.slots.len() {
            letters.push_str("<section class=\"letter\">");
            letters.push_str(&body(school, site_url, student, slot, locale));
            letters.push_str("</section>");
        }
    }
    if letters.is_empty() {
        letters = format!("<p>{}</p>", td_string!(locale, staff.letters_none));
    }
    page(locale, &letters)
}

/// The Content-Security-Policy of a page of letters: its own stylesheet, nothing else.
pub fn content_policy() -> String {
    use base64::{Engine, engine::general_purpose::STANDARD};
    use sha2::{Digest, Sha256};
    let style = STANDARD.encode(Sha256::digest(LETTER_CSS.as_bytes()));
    format!(
        "default-src 'none'; style-src 'sha256-{style}'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
    )
}

fn page(locale: Locale, body: &str) -> String {
    let (lang, title) = (
        crate::language::tag(locale),
        td_string!(locale, letter.page_title),
    );
    format!(
        "<!DOCTYPE html><html lang=\"{lang}\"><head><meta charset=\"utf-8\"><title>{title}</title>\
         <style>{LETTER_CSS}</style></head><body>{body}</body></html>"
    )
}

/// One letter's content, escaped by Leptos.
fn body(
    school: &platform::Model,
    site_url: &str,
    letters: &StudentLetters,
    slot: usize,
    locale: Locale,
) -> String {
    let school_name = school.name.clone();
    let address = school.address.clone().unwrap_or_default();
    let identifier = letters.identifier.clone();
    let password = letters.slots[slot].temporary_password.clone();
    let parent = letters.slots[slot].slot;
    // Every letter printed now has a last day; only slots older than letters' expiry have none.
    let valid_until = letters.slots[slot].valid_until.map(|day| {
        let date = calendar::day_month_year(locale, day);
        let until = td_string!(locale, letter.valid_until, date = date).to_string();
        let after = td_string!(locale, letter.after_expiry);
        view! { <p><strong>{until}</strong>" "{after}</p> }
    });
    // The address to open: for a letter in another language than French, one that opens the site
    // in the letter's language (`/nl/`).
    let site = match locale {
        Locale::fr => site_url.to_owned(),
        other => format!(
            "{}/{}/",
            site_url.trim_end_matches('/'),
            crate::language::tag(other)
        ),
    };
    let intro = td_string!(locale, letter.intro, school = school_name.as_str()).to_string();
    let password_label = td_string!(locale, letter.password, parent = parent).to_string();
    let step_sign_in = td_string!(locale, letter.step_sign_in, site = site.as_str()).to_string();
    view! {
        <header>
            <p><strong>{school_name.clone()}</strong><br/>{address}</p>
        </header>
        <h1>{td_string!(locale, letter.heading)}</h1>
        <p>{td_string!(locale, letter.salutation)}</p>
        <p>{intro}</p>
        <dl class="codes">
            <dt>{td_string!(locale, letter.site)}</dt><dd>{site.clone()}</dd>
            <dt>{td_string!(locale, letter.platform)}</dt><dd>{school.code.clone()}</dd>
            <dt>{td_string!(locale, letter.identifier)}</dt><dd>{identifier}</dd>
            <dt>{password_label}</dt><dd>{password}</dd>
        </dl>
        {valid_until}
        <ol>
            <li>{step_sign_in}</li>
            <li>{td_string!(locale, letter.step_terms)}</li>
            <li>{td_string!(locale, letter.step_profile)}</li>
            <li>{td_string!(locale, letter.step_children)}</li>
        </ol>
        <p>{td_string!(locale, letter.languages)}</p>
        <p>{td_string!(locale, letter.personal)}</p>
    }
    .to_html()
}

/// Writes one page per slot into `dir` (`<identifier>-parent-<n>.html`) and returns their paths.
pub fn write_all(
    dir: &Path,
    school: &platform::Model,
    site_url: &str,
    all: &[StudentLetters],
    locale: Locale,
) -> std::io::Result<Vec<PathBuf>> {
    std::fs::create_dir_all(dir)?;
    let mut written = Vec::new();
    for letters in all {
        for (index, slot) in letters.slots.iter().enumerate() {
            let path = dir.join(format!("{}-parent-{}.html", letters.identifier, slot.slot));
            std::fs::write(&path, render(school, site_url, letters, index, locale))?;
            written.push(path);
        }
    }
    Ok(written)
}
