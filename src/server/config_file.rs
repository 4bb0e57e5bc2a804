//! `cartable.toml`: the settings of the environment, in a file for those who prefer one. Its keys
//! are the variables' names in lower case, without `CARTABLE_` (`public_url`, `smtp_url`,
//! `session_idle_hours`, `trusted_proxies = ["127.0.0.1", "::1"]`…). The environment wins over
//! the file; a key the file should not have stops the start, naming it.
use anyhow::{Context, bail};
use std::{collections::HashMap, path::PathBuf, sync::OnceLock};

/// Each key of the file and the variable it stands for.
pub const KEYS: [(&str, &str); 13] = [
    ("database_url", "DATABASE_URL"),
    ("data_dir", "CARTABLE_DATA_DIR"),
    ("public_url", "CARTABLE_PUBLIC_URL"),
    ("addr", "CARTABLE_ADDR"),
    ("smtp_url", "SMTP_URL"),
    ("mail_from", "CARTABLE_MAIL_FROM"),
    ("session_idle_hours", "CARTABLE_SESSION_IDLE_HOURS"),
    ("session_max_hours", "CARTABLE_SESSION_MAX_HOURS"),
    ("email_link_hours", "CARTABLE_EMAIL_LINK_HOURS"),
    ("trusted_proxies", "CARTABLE_TRUSTED_PROXIES"),
    ("audit_retention_days", "CARTABLE_AUDIT_RETENTION_DAYS"),
    ("push_services", "CARTABLE_PUSH_SERVICES"),
    ("metrics_addr", "CARTABLE_METRICS_ADDR"),
];

/// The file's values, by variable name, once read.
static VALUES: OnceLock<HashMap<&'static str, String>> = OnceLock::new();

/// The file read: `CARTABLE_CONFIG`, else `cartable.toml` in the working directory if there is
/// one. Returns its path, if any.
pub fn load() -> anyhow::Result<Option<PathBuf>> {
    let named = std::env::var("CARTABLE_CONFIG")
        .ok()
        .filter(|p| !p.trim().is_empty());
    let path = match named {
        Some(path) => PathBuf::from(path),
        None if std::path::Path::new("cartable.toml").exists() => PathBuf::from("cartable.toml"),
        None => return Ok(None),
    };
    let text = std::fs::read_to_string(&path)
        .with_context(|| format!("CARTABLE_CONFIG: cannot read {}", path.display()))?;
    let values = parse(&text).with_context(|| format!("{}", path.display()))?;
    let _ = VALUES.set(values);
    Ok(Some(path))
}

fn parse(text: &str) -> anyhow::Result<HashMap<&'static str, String>> {
    let table: toml::Table = text.parse()?;
    let mut values = HashMap::new();
    for (key, value) in table {
        let Some((_, variable)) = KEYS.iter().find(|(name, _)| *name == key) else {
            let known: Vec<&str> = KEYS.iter().map(|(name, _)| *name).collect();
            bail!("unknown key {key} (expected one of {})", known.join(", "));
        };
        let text = match value {
            toml::Value::String(text) => text,
            toml::Value::Integer(number) => number.to_string(),
            toml::Value::Array(items) => items
                .iter()
                .map(|item| {
                    item.as_str()
                        .map(str::to_owned)
                        .unwrap_or_else(|| item.to_string())
                })
                .collect::<Vec<_>>()
                .join(","),
            other => bail!("{key} = {other}: expected a string, a whole number or a list"),
        };
        values.insert(*variable, text);
    }
    Ok(values)
}

/// The value of variable `name`: the environment's, else the file's.
pub fn value(name: &str) -> Option<String> {
    std::env::var(name)
        .ok()
        .filter(|value| !value.trim().is_empty())
        .or_else(|| VALUES.get()?.get(name).cloned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_the_variables_and_lists_are_joined() {
        let values = parse(
            "public_url = \"https://cartable.ecole.be\"\nsession_idle_hours = 24\n\
             trusted_proxies = [\"127.0.0.1\", \"::1\"]\n",
        )
        .unwrap();
        assert_eq!(values["CARTABLE_PUBLIC_URL"], "https://cartable.ecole.be");
        assert_eq!(values["CARTABLE_SESSION_IDLE_HOURS"], "24");
        assert_eq!(values["CARTABLE_TRUSTED_PROXIES"], "127.0.0.1,::1");
    }

    #[test]
    fn an_unknown_key_is_named() {
        let error = parse("public_ulr = \"x\"").unwrap_err().to_string();
        assert!(error.contains("public_ulr"), "{error}");
        assert!(parse("addr = true").is_err());
    }
}
