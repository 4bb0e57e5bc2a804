//! The site's files (`pkg/`: the stylesheet, the script and the WebAssembly; `public/`: icons,
//! manifest, service worker, offline page), read once into memory with the brotli and gzip copies
//! `cargo leptos build --release --precompress` wrote beside them, and answered without touching
//! the disk: the copy the browser accepts, an `ETag` for revalidation, and a cache policy by name.
//! A file whose name carries its content hash (listed in `hash.txt` next to the binary) never
//! changes: browsers keep it a year without asking. Any other file is revalidated on each use.
use crate::content_policy;
use axum::{
    body::Body,
    http::{HeaderMap, HeaderValue, Method, StatusCode, header},
    response::{IntoResponse, Response},
};
use sha2::{Digest, Sha256};
use std::{
    collections::HashMap,
    path::{Path, PathBuf},
    sync::{Arc, Mutex},
};

const IMMUTABLE: &str = "public, max-age=31536000, immutable";
const REVALIDATE: &str = "no-cache";

/// The service worker, which learns from the server which release it belongs to and what to keep.
const SERVICE_WORKER: &str = "/sw.js";
const VERSION_MARK: &str = "__CARTABLE_VERSION__";
const PRECACHE_MARK: &str = "__CARTABLE_PRECACHE__";

/// One file, in every encoding the build wrote for it.
struct StaticFile {
    content_type: &'static str,
    cache_control: &'static str,
    etag: HeaderValue,
    /// Documents and workers need their own policy; other files get the site's strictest one.
    content_policy: Option<&'static str>,
    identity: axum::body::Bytes,
    gzip: Option<axum::body::Bytes>,
    brotli: Option<axum::body::Bytes>,
}

/// Every file of the site, by the path browsers ask for (`/pkg/cartable.1a2b.wasm`).
#[derive(Default)]
pub struct StaticFiles {
    files: HashMap<String, StaticFile>,
}

impl StaticFiles {
    /// The files under `root`, read once per process and root: the tests start many servers.
    pub fn of_site(root: &Path, hashes: &[String]) -> Arc<Self> {
        static LOADED: Mutex<Vec<(PathBuf, Arc<StaticFiles>)>> = Mutex::new(Vec::new());
        let mut loaded = LOADED.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((_, files)) = loaded.iter().find(|(path, _)| path == root) {
            return Arc::clone(files);
        }
        let files = Arc::new(Self::load(root, hashes).unwrap_or_else(|error| {
            tracing::warn!(root = %root.display(), %error, "no static files");
            Self::default()
        }));
        loaded.push((root.to_owned(), Arc::clone(&files)));
        files
    }

    fn load(root: &Path, hashes: &[String]) -> std::io::Result<Self> {
        let mut files = HashMap::new();
        for path in files_under(root)? {
            let name = path.to_string_lossy();
            if name.ends_with(".br") || name.ends_with(".gz") {
                continue;
            }
            let relative = path.strip_prefix(root).unwrap_or(&path);
            let url = format!("/{}", relative.to_string_lossy().replace('\\', "/"));
            let identity = std::fs::read(&path)?;
            let sibling = |extension: &str| std::fs::read(format!("{name}.{extension}")).ok();
            let file_name = relative.file_name().unwrap_or_default().to_string_lossy();
            let hashed = hashes
                .iter()
                .any(|hash| file_name.contains(&format!(".{hash}.")));
            let content_policy = if url == SERVICE_WORKER {
                Some(content_policy::SERVICE_WORKER)
            } else if file_name.ends_with(".html") {
                Some(content_policy::OFFLINE_PAGE)
            } else {
                None
            };
            files.insert(
                url,
                StaticFile {
                    content_type: content_type(&file_name),
                    cache_control: if hashed { IMMUTABLE } else { REVALIDATE },
                    etag: etag(&identity),
                    content_policy,
                    identity: identity.into(),
                    gzip: sibling("gz").map(Into::into),
                    brotli: sibling("br").map(Into::into),
                },
            );
        }
        let mut files = Self { files };
        files.version_service_worker();
        Ok(files)
    }

    /// Writes into the service worker the release it belongs to (a digest of every file, so that
    /// any change installs a new worker with a fresh cache) and the files it keeps.
    fn version_service_worker(&mut self) {
        let mut others: Vec<(&String, &StaticFile)> = self
            .files
            .iter()
            .filter(|(path, _)| *path != SERVICE_WORKER)
            .collect();
        others.sort_by_key(|(path, _)| *path);
        let tags: String = others
            .iter()
            .map(|(path, file)| format!("{path}{:?}", file.etag))
            .collect();
        let version = etag(tags.as_bytes());
        let version = version.to_str().unwrap_or_default().trim_matches('"');
        let paths: Vec<&String> = others.iter().map(|(path, _)| *path).collect();
        let precache = serde_json::to_string(&paths).unwrap_or_else(|_| "[]".into());
        let Some(worker) = self.files.get_mut(SERVICE_WORKER) else {
            return;
        };
        let script = String::from_utf8_lossy(&worker.identity)
            .replace(VERSION_MARK, version)
            .replace(PRECACHE_MARK, &precache);
        worker.etag = etag(script.as_bytes());
        worker.identity = script.into_bytes().into();
        // The build compressed the script before it was versioned.
        worker.gzip = None;
        worker.brotli = None;
    }

    /// The paths of every file, for the router.
    pub fn paths(&self) -> impl Iterator<Item = &str> {
        self.files.keys().map(String::as_str)
    }

    /// The answer to a GET or HEAD of `path`, or `None` if the site has no such file.
    pub fn answer(&self, path: &str, method: &Method, headers: &HeaderMap) -> Option<Response> {
        let file = self.files.get(path)?;
        let mut response = if headers
            .get(header::IF_NONE_MATCH)
            .is_some_and(|tags| matches_etag(tags, &file.etag))
        {
            StatusCode::NOT_MODIFIED.into_response()
        } else {
            let accepted = headers
                .get(header::ACCEPT_ENCODING)
                .and_then(|value| value.to_str().ok())
                .unwrap_or_default();
            let (encoding, bytes) = match (&file.brotli, &file.gzip) {
                (Some(br), _) if accepts(accepted, "br") => (Some("br"), br.clone()),
                (_, Some(gz)) if accepts(accepted, "gzip") => (Some("gzip"), gz.clone()),
                _ => (None, file.identity.clone()),
            };
            let length = bytes.len();
            let body = if method == Method::HEAD {
                Body::empty()
            } else {
                Body::from(bytes)
            };
            let mut response = body.into_response();
            let headers = response.headers_mut();
            headers.insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static(file.content_type),
            );
            headers.insert(header::CONTENT_LENGTH, HeaderValue::from(length));
            if let Some(encoding) = encoding {
                headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static(encoding));
            }
            response
        };
        let headers = response.headers_mut();
        headers.insert(header::ETAG, file.etag.clone());
        if let Some(policy) = file.content_policy {
            headers.insert(
                header::CONTENT_SECURITY_POLICY,
                HeaderValue::from_static(policy),
            );
        }
        headers.insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static(file.cache_control),
        );
        if file.brotli.is_some() || file.gzip.is_some() {
            headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
        }
        Some(response)
    }
}

/// Every file below `dir`, at any depth.
fn files_under(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            found.extend(files_under(&path)?);
        } else {
            found.push(path);
        }
    }
    Ok(found)
}

fn content_type(file_name: &str) -> &'static str {
    match file_name.rsplit('.').next().unwrap_or_default() {
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "html" => "text/html; charset=utf-8",
        "json" => "application/json",
        "webmanifest" => "application/manifest+json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

fn etag(content: &[u8]) -> HeaderValue {
    let digest = Sha256::digest(content);
    let hex: String = digest[..12].iter().map(|b| format!("{b:02x}")).collect();
    HeaderValue::from_str(&format!("\"{hex}\"")).expect("hex is a valid header value")
}

/// Whether an `If-None-Match` list names `etag` (or is `*`).
fn matches_etag(tags: &HeaderValue, etag: &HeaderValue) -> bool {
    let (Ok(tags), Ok(etag)) = (tags.to_str(), etag.to_str()) else {
        return false;
    };
    tags.split(',')
        .map(|tag| tag.trim().trim_start_matches("W/"))
        .any(|tag| tag == "*" || tag == etag)
}

/// Whether an `Accept-Encoding` list accepts `coding` (named, not refused with `q=0`).
fn accepts(accept_encoding: &str, coding: &str) -> bool {
    accept_encoding.split(',').any(|item| {
        let mut parts = item.split(';').map(str::trim);
        let name = parts.next().unwrap_or_default();
        let refused = parts.any(|param| {
            param
                .strip_prefix("q=")
                .and_then(|q| q.parse::<f32>().ok())
                .is_some_and(|q| q == 0.0)
        });
        name.eq_ignore_ascii_case(coding) && !refused
    })
}

/// The content hashes of the build's file names, from the `hash.txt` cargo-leptos writes next to
/// the server binary (`js: 1a2b…`); none when the build did not hash.
pub fn build_hashes(options: &leptos::prelude::LeptosOptions) -> Vec<String> {
    let Some(file) = options.hash_files.then(|| hash_file(options)).flatten() else {
        return Vec::new();
    };
    std::fs::read_to_string(file)
        .unwrap_or_default()
        .lines()
        .filter_map(|line| line.split_once(':'))
        .map(|(_, hash)| hash.trim().to_owned())
        .filter(|hash| !hash.is_empty())
        .collect()
}

/// Where cargo-leptos put `hash.txt`: beside the binary (Leptos reads it from there too).
pub fn hash_file(options: &leptos::prelude::LeptosOptions) -> Option<PathBuf> {
    let exe = std::env::current_exe().ok()?;
    Some(exe.parent()?.join(options.hash_file.as_ref()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodings_are_read_as_browsers_send_them() {
        assert!(accepts("gzip, deflate, br, zstd", "br"));
        assert!(accepts("gzip, deflate, br, zstd", "gzip"));
        assert!(!accepts("gzip, deflate", "br"));
        assert!(!accepts("br;q=0, gzip", "br"));
        assert!(accepts("br;q=0.5", "br"));
        assert!(!accepts("", "gzip"));
    }

    #[test]
    fn an_etag_matches_itself_weak_or_in_a_list() {
        let tag = etag(b"body { }");
        let value = tag.to_str().unwrap();
        assert!(matches_etag(&tag, &tag));
        let list = HeaderValue::from_str(&format!("\"other\", W/{value}")).unwrap();
        assert!(matches_etag(&list, &tag));
        assert!(!matches_etag(&HeaderValue::from_static("\"other\""), &tag));
        assert!(matches_etag(&HeaderValue::from_static("*"), &tag));
    }

    #[test]
    fn hashed_names_are_immutable_and_the_rest_revalidated() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("pkg")).unwrap();
        std::fs::write(dir.path().join("pkg/cartable.ab12cd.css"), "body{}").unwrap();
        std::fs::write(dir.path().join("pkg/cartable.ab12cd.css.br"), "BR").unwrap();
        std::fs::write(dir.path().join("favicon.svg"), "<svg/>").unwrap();
        let files = StaticFiles::load(dir.path(), &["ab12cd".into()]).unwrap();
        let get = |path: &str, encoding: &str| {
            let mut headers = HeaderMap::new();
            headers.insert(header::ACCEPT_ENCODING, encoding.parse().unwrap());
            files.answer(path, &Method::GET, &headers).unwrap()
        };
        let css = get("/pkg/cartable.ab12cd.css", "gzip, br");
        assert_eq!(css.headers()[header::CACHE_CONTROL], IMMUTABLE);
        assert_eq!(css.headers()[header::CONTENT_ENCODING], "br");
        assert_eq!(css.headers()[header::CONTENT_LENGTH], "2");
        let plain = get("/pkg/cartable.ab12cd.css", "gzip");
        assert!(plain.headers().get(header::CONTENT_ENCODING).is_none());
        assert_eq!(plain.headers()[header::VARY], "accept-encoding");
        let icon = get("/favicon.svg", "br");
        assert_eq!(icon.headers()[header::CACHE_CONTROL], REVALIDATE);
        assert_eq!(icon.headers()[header::CONTENT_TYPE], "image/svg+xml");
        assert!(
            files
                .answer("/nothing.css", &Method::GET, &HeaderMap::new())
                .is_none()
        );
    }

    #[test]
    fn the_service_worker_learns_its_release_and_what_to_keep() {
        let dir = tempfile::tempdir().unwrap();
        let worker =
            r#"const VERSION = "__CARTABLE_VERSION__"; const PRECACHE = __CARTABLE_PRECACHE__;"#;
        std::fs::write(dir.path().join("sw.js"), worker).unwrap();
        std::fs::write(dir.path().join("sw.js.br"), "stale").unwrap();
        std::fs::write(dir.path().join("offline.html"), "<html/>").unwrap();
        let script = |files: &StaticFiles| {
            let answer = files.answer("/sw.js", &Method::GET, &HeaderMap::new());
            assert!(answer.is_some());
            String::from_utf8(files.files["/sw.js"].identity.to_vec()).unwrap()
        };
        let first = StaticFiles::load(dir.path(), &[]).unwrap();
        let text = script(&first);
        assert!(text.contains(r#"PRECACHE = ["/offline.html"];"#), "{text}");
        assert!(!text.contains("__CARTABLE"), "{text}");
        assert!(first.files["/sw.js"].brotli.is_none());
        assert_eq!(
            first.files["/offline.html"].content_policy,
            Some(content_policy::OFFLINE_PAGE)
        );
        // Another release of any file is another version of the worker.
        std::fs::write(dir.path().join("offline.html"), "<html lang=fr/>").unwrap();
        let second = StaticFiles::load(dir.path(), &[]).unwrap();
        assert_ne!(script(&second), text);
    }
}
