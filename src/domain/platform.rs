//! A school's platform code ("isu-dour"), as its letters print it.
use super::limits;

/// A platform code, normalised once where it enters: trimmed, lower case, only ASCII letters,
/// digits and hyphens.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PlatformCode(String);

impl PlatformCode {
    pub fn parse(typed: &str) -> Option<Self> {
        let code = typed.trim().to_lowercase();
        let allowed = |c: char| c.is_ascii_alphanumeric() || c == '-';
        let fits = !code.is_empty() && code.len() <= limits::PLATFORM_CODE;
        (fits && code.chars().all(allowed)).then_some(Self(code))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for PlatformCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::PlatformCode;

    #[test]
    fn codes_are_trimmed_lowered_and_plain() {
        assert_eq!(
            PlatformCode::parse(" ISU-Dour ").unwrap().as_str(),
            "isu-dour"
        );
        for typed in ["", "isu dour", "isu_dour", "écd", "a/b"] {
            assert_eq!(PlatformCode::parse(typed), None, "{typed}");
        }
    }
}
