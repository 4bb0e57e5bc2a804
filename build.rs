//! Generates the `i18n` module (the `Locale` type and the typed keys) from the translations in
//! `locales/<language>/<namespace>.json`, and the plural rules of those four languages only, from
//! the CLDR file in `locales/cldr/` (no download, no data for the world's other languages). French
//! is the default: a key missing elsewhere falls back to it, and `tests/translations.rs` fails.
use icu_locale::LocaleFallbacker;
use icu_provider::DataMarker;
use icu_provider_export::{
    DataLocaleFamily, DeduplicationStrategy, ExportDriver,
    baked_exporter::{self, BakedExporter},
};
use icu_provider_source::SourceDataProvider;
use leptos_i18n_build::{Config, ParseOptions, TranslationsInfos};
use std::{error::Error, path::PathBuf};

/// One file per part of the site, so that each file stays readable.
const NAMESPACES: [&str; 21] = [
    "surveys",
    "intradesk",
    "absences",
    "common",
    "errors",
    "sign_in",
    "recovery",
    "terms",
    "password",
    "profile",
    "children",
    "home",
    "account",
    "school",
    "calendar",
    "help",
    "mail",
    "letter",
    "staff",
    "messages",
    "notifications",
];

fn main() -> Result<(), Box<dyn Error>> {
    println!("cargo::rerun-if-changed=build.rs");
    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").ok_or("OUT_DIR is not set")?);
    let config = Config::new("fr")?
        .add_locales(["nl", "de", "en"])?
        .add_namespaces(NAMESPACES)?
        // Strings with values (`{{ name }}`) can then be written outside views too (mails, errors).
        .parse_options(ParseOptions::default().interpolate_display(true));
    let translations = TranslationsInfos::parse(config)?;
    translations.emit_diagnostics();
    translations.rerun_if_locales_changed();
    translations.generate_i18n_module(out_dir.join("i18n"))?;
    plural_rules(&translations, out_dir.join("plural_rules"))
}

/// The ICU data the translations need (the cardinal plural rules) for our languages only, written
/// as Rust code that `language::PluralRules` serves to leptos_i18n.
fn plural_rules(translations: &TranslationsInfos, dir: PathBuf) -> Result<(), Box<dyn Error>> {
    const CLDR: &str = "locales/cldr";
    println!("cargo::rerun-if-changed={CLDR}");
    if dir.exists() {
        std::fs::remove_dir_all(&dir)?;
    }
    let mut options = baked_exporter::Options::default();
    options.overwrite = true;
    // Each language is asked for by its own name: there is nothing to fall back on.
    options.use_internal_fallback = false;
    // Named through icu_plurals, not the `icu` crate, which would compile every ICU component.
    options.use_separate_crates = true;
    let exporter = BakedExporter::new(dir, options)?;
    let cldr = SourceDataProvider::new_custom().with_cldr(std::path::Path::new(CLDR))?;
    // The languages of the translations, and only their plural rules (cardinal: "1 minute",
    // "2 minutes"; ordinal: "1st", which leptos_i18n's provider must also offer):
    // leptos_i18n_build 0.6.2's own driver asks for calendar data instead.
    let languages = translations
        .get_locales()
        .map(|tag| tag.parse::<DataLocaleFamily>());
    let languages = languages.collect::<Result<Vec<_>, _>>()?;
    let fallback = LocaleFallbacker::new_without_data();
    ExportDriver::new(languages, DeduplicationStrategy::None.into(), fallback)
        .with_markers([
            icu_plurals::provider::PluralsCardinalV1::INFO,
            icu_plurals::provider::PluralsOrdinalV1::INFO,
        ])
        .export(&cldr, exporter)?;
    Ok(())
}
