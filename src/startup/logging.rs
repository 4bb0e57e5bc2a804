//! The logs, on stderr: readable lines by default, one JSON object per line with
//! `CARTABLE_LOG_FORMAT=json` (for a log collector). Each line of a request carries its span, whose
//! `id` is the request's `x-request-id`. Passwords, tokens and letters are never logged: requests
//! are logged by method and path (never a query or a body) and settings print redacted.
use anyhow::bail;
use tracing_subscriber::EnvFilter;

pub fn init() -> anyhow::Result<()> {
    let filter =
        EnvFilter::try_from_default_env().unwrap_or_else(|_| "info,sqlx=warn,sea_orm=warn".into());
    let lines = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    let format = std::env::var("CARTABLE_LOG_FORMAT").unwrap_or_default();
    match format.trim() {
        "" | "text" => lines.init(),
        "json" => lines
            .json()
            .with_current_span(true)
            .with_span_list(false)
            .init(),
        other => bail!("CARTABLE_LOG_FORMAT={other}: expected text or json"),
    }
    Ok(())
}
