//! Classes as schools name them ("3B", "P4", "1re A"): their year, and whether a line of a class
//! list names a student the school already has. Schools import the same lists every term, so a
//! student already there is recognised, not created again; a real namesake (the same names in
//! another class of the same year) is created only when staff confirm it.

/// The year a class is in: its first number ("3B" → 3, "P4" → 4, "1re A" → 1); none for a class
/// without one.
pub fn year(class: &str) -> Option<u32> {
    let digits: String = class
        .chars()
        .skip_while(|c| !c.is_ascii_digit())
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().ok()
}

/// What a line of a class list is, beside a student of the same names already in the school.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SameNames {
    /// The same student: the same class, a later or earlier year (the list of another term), or a
    /// class missing on one side.
    Recognised,
    /// Another class of the same year: perhaps two children of the same names. Created only when
    /// staff say so.
    PossibleNamesake,
}

/// Compares the class of a student already there with the class a list gives the same names.
pub fn same_names(stored: Option<&str>, listed: Option<&str>) -> SameNames {
    let (Some(stored), Some(listed)) = (stored, listed) else {
        return SameNames::Recognised;
    };
    if normalised(stored) == normalised(listed) {
        return SameNames::Recognised;
    }
    match (year(stored), year(listed)) {
        (Some(a), Some(b)) if a != b => SameNames::Recognised,
        _ => SameNames::PossibleNamesake,
    }
}

/// A class name as compared: no spaces, upper case ("3 b" is "3B").
pub fn normalised(class: &str) -> String {
    class
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_uppercase)
        .collect()
}

/// A person's name as compared: trimmed, lower case, accents kept ("Élodie" is not "Elodie").
pub fn same_name(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

/// "Toute l'école" or the classes an item (news, an event, a shared document) is for.
pub fn audience(locale: crate::language::Locale, classes: &[String]) -> String {
    use crate::i18n::td_string;
    if classes.is_empty() {
        td_string!(locale, staff.whole_school).to_owned()
    } else {
        td_string!(locale, staff.for_classes, classes = classes.join(", ")).to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_class_has_the_year_of_its_first_number() {
        assert_eq!(year("3B"), Some(3));
        assert_eq!(year("P4"), Some(4));
        assert_eq!(year("1re A"), Some(1));
        assert_eq!(year("Maternelle"), None);
    }

    #[test]
    fn the_same_names_in_the_same_or_another_year_are_the_same_student() {
        assert_eq!(same_names(Some("3B"), Some("3 b")), SameNames::Recognised);
        assert_eq!(same_names(Some("3B"), Some("4A")), SameNames::Recognised);
        assert_eq!(same_names(Some("4A"), Some("3B")), SameNames::Recognised);
        assert_eq!(same_names(None, Some("4A")), SameNames::Recognised);
        assert_eq!(
            same_names(Some("3A"), Some("3B")),
            SameNames::PossibleNamesake
        );
        assert_eq!(
            same_names(Some("Accueil"), Some("Garderie")),
            SameNames::PossibleNamesake
        );
    }
}
