//! Reading a class list as schools export it from a spreadsheet. Pure: nothing is stored here, so
//! every line is checked before any student is added.
use super::students::NewStudent;
use anyhow::bail;

/// One line of a class list, numbered as a spreadsheet shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub number: usize,
    pub student: NewStudent,
}

/// Why a line of a class list cannot be imported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineProblem {
    /// Not readable as CSV (a quote left open).
    Unreadable,
    /// Without a first or a last name.
    NameMissing,
    /// A name or a class longer than a name may be, or holding a control character.
    Unusable,
}

/// Reads a class list line by line: semicolons or commas (as the first line uses), UTF-8 with or
/// without a byte order mark, an optional header line, blank lines skipped. Each line comes back
/// as a student or as the problem that stops it.
pub fn lines(text: &str) -> Vec<Result<Line, (usize, LineProblem)>> {
    let text = text.trim_start_matches('\u{feff}');
    let first_line = text.lines().next().unwrap_or_default();
    let delimiter = if first_line.contains(';') { b';' } else { b',' };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .delimiter(delimiter)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let mut read = Vec::new();
    for (index, record) in reader.records().enumerate() {
        let number = index + 1;
        let Ok(record) = record else {
            read.push(Err((number, LineProblem::Unreadable)));
            continue;
        };
        let field = |n: usize| record.get(n).unwrap_or_default().to_owned();
        if record.iter().all(str::is_empty) {
            continue;
        }
        let looks_like_header = index == 0
            && [
                "prénom",
                "prenom",
                "first name",
                "first_name",
                "voornaam",
                "vorname",
            ]
            .contains(&field(0).to_lowercase().as_str());
        if looks_like_header {
            continue;
        }
        let (first_name, last_name) = (field(0), field(1));
        if first_name.is_empty() || last_name.is_empty() {
            read.push(Err((number, LineProblem::NameMissing)));
            continue;
        }
        let class_name = Some(field(2)).filter(|class| !class.is_empty());
        let class = class_name.as_deref().unwrap_or_default();
        let unusable = |text: &str| {
            text.chars().count() > crate::domain::limits::NAME || text.chars().any(char::is_control)
        };
        if [first_name.as_str(), last_name.as_str(), class]
            .into_iter()
            .any(unusable)
        {
            read.push(Err((number, LineProblem::Unusable)));
            continue;
        }
        let student = NewStudent {
            first_name,
            last_name,
            class_name,
        };
        read.push(Ok(Line { number, student }));
    }
    read
}

/// Reads a whole class list for the command line: a line without both names refuses the whole
/// list, naming the line.
pub fn read(text: &str) -> anyhow::Result<Vec<NewStudent>> {
    let mut students = Vec::new();
    for line in lines(text) {
        match line {
            Ok(line) => students.push(line.student),
            Err((number, LineProblem::Unreadable)) => bail!("ligne {number} : illisible"),
            Err((number, LineProblem::NameMissing)) => {
                bail!("ligne {number} : il faut un prénom et un nom (prénom;nom;classe)")
            }
            Err((number, LineProblem::Unusable)) => {
                bail!(
                    "ligne {number} : un nom ou une classe trop long, ou un caractère de contrôle"
                )
            }
        }
    }
    if students.is_empty() {
        bail!("le fichier ne contient aucun élève");
    }
    Ok(students)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_spreadsheet_export_is_read_with_or_without_header() {
        let students =
            read("\u{feff}Prénom;Nom;Classe\nMarie;Durant;3B\n\nChloë ; van de Velde;\n").unwrap();
        assert_eq!(
            students,
            [
                NewStudent {
                    first_name: "Marie".into(),
                    last_name: "Durant".into(),
                    class_name: Some("3B".into())
                },
                NewStudent {
                    first_name: "Chloë".into(),
                    last_name: "van de Velde".into(),
                    class_name: None
                },
            ]
        );
        assert_eq!(read("Albert,Durant,1A").unwrap().len(), 1);
    }

    #[test]
    fn a_line_without_a_name_stops_the_whole_import() {
        let error = read("Marie;Durant;3B\n;Dupont;2A\n").unwrap_err();
        assert!(error.to_string().contains("ligne 2"), "{error}");
        assert!(read("\n\n").is_err());
    }

    #[test]
    fn quoted_fields_keep_their_commas_and_a_missing_last_name_is_named() {
        let students = read("first_name,last_name,class\n\"Anne, Marie\",Lambert,1A\n").unwrap();
        assert_eq!(students[0].first_name, "Anne, Marie");
        assert_eq!(students[0].class_name.as_deref(), Some("1A"));
        let error = read("Marie;Durant\nAlbert\n").unwrap_err();
        assert!(error.to_string().starts_with("ligne 2 : "), "{error}");
    }
}
