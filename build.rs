//! Generates the `i18n` module (the `Locale` type and the typed keys) from the translations in
//! `locales/<language>/<namespace>.json`. French is the default: a key missing elsewhere falls back
//! to it, and `language::tests` fails the build's tests if one is missing.
use leptos_i18n_build::{Config, ParseOptions, TranslationsInfos};
use std::{error::Error, path::PathBuf};

/// One file per part of the site, so that each file stays readable.
const NAMESPACES: [&str; 15] = [
    "common", "errors", "sign_in", "recovery", "terms", "password", "profile", "children", "home",
    "account", "school", "calendar", "help", "mail", "letter",
];

fn main() -> Result<(), Box<dyn Error>> {
    println!("cargo::rerun-if-changed=build.rs");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").ok_or("OUT_DIR is not set")?).join("i18n");
    let config = Config::new("fr")?
        .add_locales(["nl", "de", "en"])?
        .add_namespaces(NAMESPACES)?
        // Strings with values (`{{ name }}`) can then be written outside views too (mails, errors).
        .parse_options(ParseOptions::default().interpolate_display(true));
    let translations = TranslationsInfos::parse(config)?;
    translations.emit_diagnostics();
    translations.rerun_if_locales_changed();
    translations.generate_i18n_module(out)?;
    Ok(())
}
