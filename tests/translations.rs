//! Every word exists in the four languages. leptos_i18n falls back to French for a key missing in
//! another language (and only warns), so a forgotten translation would show French to a Dutch
//! parent: here it fails instead. Each translation also takes the same values (`{{ email }}`) as
//! the French, so that none is dropped or misspelled.
use serde_json::Value;
use std::{
    collections::{BTreeMap, BTreeSet},
    path::{Path, PathBuf},
};

const DEFAULT: &str = "fr";
const OTHERS: [&str; 3] = ["nl", "de", "en"];

fn locales() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("locales")
}

/// `namespace.key` → its text, for one language.
fn texts(language: &str) -> BTreeMap<String, String> {
    let mut texts = BTreeMap::new();
    let dir = locales().join(language);
    for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.unwrap().path();
        let namespace = path.file_stem().unwrap().to_string_lossy().into_owned();
        let json: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap())
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        flatten(&namespace, &json, &mut texts);
    }
    texts
}

fn flatten(prefix: &str, value: &Value, out: &mut BTreeMap<String, String>) {
    match value {
        Value::Object(map) => {
            for (key, value) in map {
                flatten(&format!("{prefix}.{key}"), value, out);
            }
        }
        Value::String(text) => {
            out.insert(prefix.to_owned(), text.clone());
        }
        other => panic!("{prefix}: expected text, found {other}"),
    }
}

/// The names between `{{ }}` in a text.
fn values(text: &str) -> BTreeSet<String> {
    text.split("{{")
        .skip(1)
        .filter_map(|rest| rest.split_once("}}"))
        .map(|(name, _)| name.trim().to_owned())
        .collect()
}

#[test]
fn every_language_has_every_key_of_the_french_and_no_other() {
    let french = texts(DEFAULT);
    assert!(french.len() > 100, "only {} French keys", french.len());
    let mut problems = Vec::new();
    for language in OTHERS {
        let translated = texts(language);
        for key in french.keys().filter(|key| !translated.contains_key(*key)) {
            problems.push(format!("{language}: {key} is missing"));
        }
        for key in translated.keys().filter(|key| !french.contains_key(*key)) {
            problems.push(format!("{language}: {key} is not in the French"));
        }
    }
    assert!(problems.is_empty(), "\n{}\n", problems.join("\n"));
}

#[test]
fn every_translation_takes_the_values_of_the_french() {
    let french = texts(DEFAULT);
    let mut problems = Vec::new();
    for language in OTHERS {
        for (key, text) in texts(language) {
            let Some(original) = french.get(&key) else {
                continue;
            };
            if values(&text) != values(original) {
                problems.push(format!(
                    "{language}: {key} takes {:?}, the French {:?}",
                    values(&text),
                    values(original)
                ));
            }
            if text.trim().is_empty() {
                problems.push(format!("{language}: {key} is empty"));
            }
        }
    }
    assert!(problems.is_empty(), "\n{}\n", problems.join("\n"));
}

#[test]
fn a_missing_key_is_found() {
    let mut french = BTreeMap::new();
    flatten(
        "ns",
        &serde_json::json!({"a": "x", "b": {"c": "y {{ n }}"}}),
        &mut french,
    );
    assert_eq!(french.keys().collect::<Vec<_>>(), ["ns.a", "ns.b.c"]);
    assert_eq!(
        values("y {{ n }} and {{m}}"),
        BTreeSet::from(["n".into(), "m".into()])
    );
}
