//! Student identifiers: `prenom.nom@<school domain>`, all lower case, without accents or spaces.
use unicode_normalization::UnicodeNormalization;

/// Lower-cases `text` and removes its accents (`Chloë` → `chloe`, `Œ` → `oe`).
pub(crate) fn fold(text: &str) -> String {
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

/// A child's identifier as a parent or a member of staff typed it, normalised once where it
/// enters: trimmed, lower case, no accents, no spaces (parents often type
/// `Albert.Durant@isu-dour.be` or add a trailing space). Past the door, code compares it as is.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Identifier(String);

impl Identifier {
    /// Any text may be typed where an identifier is asked (an unknown one gets the same answer
    /// as a wrong password); `None` only when nothing is left of it.
    pub fn parse(typed: &str) -> Option<Self> {
        let normalized: String = fold(typed.trim())
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        (!normalized.is_empty()).then_some(Self(normalized))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The school domain it ends with (`Albert.Durant@ISU-Dour.be` → `isu-dour.be`), known from
    /// what was typed alone; only domain characters, since it may go into a link.
    pub fn domain(&self) -> Option<&str> {
        let (_, domain) = self.0.rsplit_once('@')?;
        let is_domain = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '.';
        (!domain.is_empty() && domain.chars().all(is_domain)).then_some(domain)
    }
}

impl std::fmt::Display for Identifier {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
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
pub fn base_identifier(first_name: &str, last_name: &str, domain: &str) -> Option<Identifier> {
    let (first, last) = (identifier_part(first_name), identifier_part(last_name));
    (!first.is_empty() && !last.is_empty())
        .then(|| Identifier(format!("{first}.{last}@{}", domain.trim().to_lowercase())))
}

/// The `n`-th candidate when the base identifier is taken: `albert.durant2@isu-dour.be`.
pub fn numbered_identifier(base: &Identifier, n: u32) -> Identifier {
    Identifier(match base.0.split_once('@') {
        Some((local, domain)) => format!("{local}{n}@{domain}"),
        None => format!("{base}{n}"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_ok(typed: &str) -> Identifier {
        Identifier::parse(typed).unwrap()
    }

    fn parsed(typed: &str) -> String {
        parse_ok(typed).to_string()
    }

    #[test]
    fn typed_identifiers_are_trimmed_lowered_and_unaccented() {
        assert_eq!(
            parsed("  Albert.Durant@ISU-dour.be "),
            "albert.durant@isu-dour.be"
        );
        assert_eq!(
            parsed("chloë.vandevelde@isu-dour.be"),
            "chloe.vandevelde@isu-dour.be"
        );
        assert_eq!(
            parsed("Élodie.Hélène@isu-dour.be"),
            "elodie.helene@isu-dour.be"
        );
        assert_eq!(Identifier::parse(" \t "), None);
    }

    #[test]
    fn new_identifiers_drop_accents_spaces_and_apostrophes() {
        assert_eq!(
            base_identifier("Albert", "Durant", "isu-dour.be")
                .unwrap()
                .as_str(),
            "albert.durant@isu-dour.be"
        );
        assert_eq!(
            base_identifier("chloë", "van de velde", "isu-dour.be")
                .unwrap()
                .as_str(),
            "chloe.vandevelde@isu-dour.be"
        );
        assert_eq!(
            base_identifier("Jean-Pierre", "D'Hondt", "ISU-Dour.be")
                .unwrap()
                .as_str(),
            "jean-pierre.dhondt@isu-dour.be"
        );
        assert_eq!(
            base_identifier("Zoé", "Lœuvre", "x.be").unwrap().as_str(),
            "zoe.loeuvre@x.be"
        );
        assert_eq!(base_identifier("  ", "Durant", "x.be"), None);
    }

    #[test]
    fn collisions_get_a_number_before_the_domain() {
        assert_eq!(
            numbered_identifier(&parse_ok("albert.durant@isu-dour.be"), 2).as_str(),
            "albert.durant2@isu-dour.be"
        );
    }

    #[test]
    fn the_school_domain_is_read_from_what_was_typed() {
        let domain = |typed: &str| {
            Identifier::parse(typed)
                .unwrap()
                .domain()
                .map(str::to_owned)
        };
        assert_eq!(
            domain(" Albert.Durant@ISU-Dour.be "),
            Some("isu-dour.be".into())
        );
        assert_eq!(domain("albert.durant@"), None);
        assert_eq!(domain("albert"), None);
        assert_eq!(domain("albert@isu-dour.be&x=1"), None);
    }
}
