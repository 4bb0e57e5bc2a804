//! Student identifiers: `prenom.nom@<school domain>`, all lower case, without accents or spaces.
use unicode_normalization::UnicodeNormalization;

/// Lower-cases `text` and removes its accents (`Chloë` → `chloe`, `Œ` → `oe`).
fn fold(text: &str) -> String {
    text.nfkd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .flat_map(|c| match c {
            'œ' | 'Œ' => "oe".chars().collect::<Vec<_>>(),
            'æ' | 'Æ' => "ae".chars().collect(),
            'ß' => "ss".chars().collect(),
            other => other.to_lowercase().collect(),
        })
        .collect()
}

/// What a parent typed in the "Identifiant" field, made ready for lookup: trimmed, lower case, no
/// accents (parents often type `Albert.Durant@isu-dour.be` or add a trailing space).
pub fn normalize_identifier(typed: &str) -> String {
    fold(typed.trim())
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// The school domain an identifier ends with (`Albert.Durant@ISU-Dour.be` → `isu-dour.be`), known
/// from what was typed alone.
pub fn domain_of(typed: &str) -> Option<String> {
    let identifier = normalize_identifier(typed);
    let (_, domain) = identifier.rsplit_once('@')?;
    let is_domain = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '.';
    (!domain.is_empty() && domain.chars().all(is_domain)).then(|| domain.to_owned())
}

/// One part of a new identifier: letters and digits kept, accents removed, spaces and apostrophes
/// dropped (`van de Velde` → `vandevelde`, `D'Hondt` → `dhondt`), inner hyphens kept.
fn identifier_part(name: &str) -> String {
    let kept: String = fold(name)
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect();
    kept.trim_matches('-').to_string()
}

/// The identifier a new student receives before collisions are resolved:
/// `chloë`, `van de velde`, `isu-dour.be` → `chloe.vandevelde@isu-dour.be`.
/// `None` when a name has nothing usable left.
pub fn base_identifier(first_name: &str, last_name: &str, domain: &str) -> Option<String> {
    let (first, last) = (identifier_part(first_name), identifier_part(last_name));
    (!first.is_empty() && !last.is_empty())
        .then(|| format!("{first}.{last}@{}", domain.trim().to_lowercase()))
}

/// The `n`-th candidate when the base identifier is taken: `albert.durant2@isu-dour.be`.
pub fn numbered_identifier(base: &str, n: u32) -> String {
    match base.split_once('@') {
        Some((local, domain)) => format!("{local}{n}@{domain}"),
        None => format!("{base}{n}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_identifiers_are_trimmed_lowered_and_unaccented() {
        assert_eq!(
            normalize_identifier("  Albert.Durant@ISU-dour.be "),
            "albert.durant@isu-dour.be"
        );
        assert_eq!(
            normalize_identifier("chloë.vandevelde@isu-dour.be"),
            "chloe.vandevelde@isu-dour.be"
        );
        assert_eq!(
            normalize_identifier("Élodie.Hélène@isu-dour.be"),
            "elodie.helene@isu-dour.be"
        );
    }

    #[test]
    fn new_identifiers_drop_accents_spaces_and_apostrophes() {
        assert_eq!(
            base_identifier("Albert", "Durant", "isu-dour.be").unwrap(),
            "albert.durant@isu-dour.be"
        );
        assert_eq!(
            base_identifier("chloë", "van de velde", "isu-dour.be").unwrap(),
            "chloe.vandevelde@isu-dour.be"
        );
        assert_eq!(
            base_identifier("Jean-Pierre", "D'Hondt", "ISU-Dour.be").unwrap(),
            "jean-pierre.dhondt@isu-dour.be"
        );
        assert_eq!(
            base_identifier("Zoé", "Lœuvre", "x.be").unwrap(),
            "zoe.loeuvre@x.be"
        );
        assert_eq!(base_identifier("  ", "Durant", "x.be"), None);
    }

    #[test]
    fn collisions_get_a_number_before_the_domain() {
        assert_eq!(
            numbered_identifier("albert.durant@isu-dour.be", 2),
            "albert.durant2@isu-dour.be"
        );
    }

    #[test]
    fn the_school_domain_is_read_from_what_was_typed() {
        assert_eq!(
            domain_of(" Albert.Durant@ISU-Dour.be "),
            Some("isu-dour.be".into())
        );
        assert_eq!(domain_of("albert.durant@"), None);
        assert_eq!(domain_of("albert"), None);
        assert_eq!(domain_of("albert@isu-dour.be&x=1"), None);
    }
}
