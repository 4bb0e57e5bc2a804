//! The layering rule, read from the source: each layer uses only those below it, so the rules
//! (domain) stand without the server, and the server without the screens; and no modules import one
//! another round a loop, so each can be read, tested and moved without the ones that use it.
//!
//!     main/benches → cli → startup → app → pages → components → api → server → domain
//!
//! A module is a file (`server::accounts`; the generated `server::entities::*` count as one), and a
//! reference a `crate::…` or `super::…` path, in a `use` or anywhere in the code.
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

const LAYERS: &str = "cli startup app pages components api server domain language i18n";

/// (from, to) → where the first such reference is.
type Edges = BTreeMap<(String, String), String>;
/// `api::AppError` → `api::error::AppError`: what a `use` brings into a module.
type Imports = BTreeMap<String, Vec<String>>;

#[test]
fn each_layer_uses_only_those_below_it_and_no_modules_import_one_another() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = BTreeMap::new();
    rust_files(&src, "", &mut files);
    let modules: BTreeSet<String> = files.values().cloned().collect();
    // Every reference as (where, referring module, path from the crate root); what `use` brings in.
    let (mut refs, mut imported) = (vec![], Imports::new());
    for (rel, module) in &files {
        // main.rs and csr.rs are crates of their own; the entities are generated and use each other.
        if rel == "main.rs" || rel == "csr.rs" || rel.starts_with("server/entities/") {
            continue;
        }
        let text = std::fs::read_to_string(src.join(rel)).unwrap();
        for (line, written_in, path, by_use) in references(&text, module) {
            if let (true, Some(name)) = (by_use, path.last()) {
                imported.insert(format!("{written_in}::{name}"), path.clone());
            }
            refs.push((format!("src/{rel}:{line}"), module.clone(), path));
        }
    }
    let (mut problems, mut edges) = (vec![], Edges::new());
    for (at, from, path) in refs {
        let to = node(&path, &modules, &imported);
        if matches!((layer(&from), layer(&to)), (Some(a), Some(b)) if b < a) {
            let path = path.join("::");
            problems.push(format!("{at}: {from} uses crate::{path}, of a layer above"));
        }
        if from != to {
            edges.entry((from, to)).or_insert(at);
        }
    }
    problems.extend(cycles(&edges));
    let list = problems.join("\n");
    assert!(problems.is_empty(), "layering problems:\n{list}\n");
}

fn layer(module: &str) -> Option<usize> {
    let top = module.split("::").next();
    LAYERS.split(' ').position(|layer| Some(layer) == top)
}

/// The module a path is in: `server::entities::student::Model` is in `server::entities`, and
/// `server::AppState` in the module `server` imports it from.
fn node(path: &[String], modules: &BTreeSet<String>, imported: &Imports) -> String {
    let two = path[..path.len().min(2)].join("::");
    match imported.get(&two) {
        _ if modules.contains(&two) => two,
        Some(target) => node(target, modules, &Imports::new()),
        None => path.first().cloned().unwrap_or_default(),
    }
}

/// Every set of modules that reach one another, with the imports between them.
fn cycles(edges: &Edges) -> Vec<String> {
    let reach = |start: &String| {
        let (mut seen, mut todo) = (BTreeSet::new(), vec![start]);
        while let Some(at) = todo.pop() {
            for (_, to) in edges.keys().filter(|(from, _)| from == at) {
                if seen.insert(to) {
                    todo.push(to);
                }
            }
        }
        seen
    };
    let reaches: BTreeMap<_, _> = edges.keys().map(|(from, _)| (from, reach(from))).collect();
    let back_to =
        |node: &String, other: &String| reaches.get(other).is_some_and(|r| r.contains(node));
    let mut found = BTreeMap::<BTreeSet<_>, String>::new();
    for ((from, to), at) in edges.iter().filter(|((from, to), _)| back_to(from, to)) {
        let members = reaches[from].iter().filter(|m| back_to(from, m));
        *found.entry(members.collect()).or_default() += &format!("\n    {from} → {to}  ({at})");
    }
    let cycle = |(members, edges)| format!("import cycle among {members:?}:{edges}");
    found.into_iter().map(cycle).collect()
}

/// The `crate::`, `super::` and `use` paths of a file, from the crate root, as (line, module they
/// are written in, path, whether a `use` brings it in). Comments, strings and `#[cfg(test)]`
/// modules are left out; `super` counts from the inline module (`mod guard { … }`) it is in.
fn references(text: &str, file_module: &str) -> Vec<(usize, String, Vec<String>, bool)> {
    // The code, and where each line starts in it with the module it is in.
    let (mut code, mut lines, mut in_str) = (String::new(), vec![], false);
    let (mut depth, mut cfg_test, mut inline, mut test_mod) = (0, false, vec![], None);
    for raw in text.lines() {
        let line = strip(raw, &mut in_str);
        let t = line.trim();
        let opens = t.trim_start_matches("pub ").strip_prefix("mod ");
        match (opens.and_then(|r| r.split_once('{')), test_mod, cfg_test) {
            (Some(_), None, true) => test_mod = Some(depth),
            (Some((name, _)), None, false) => inline.push((name.trim().to_string(), depth)),
            _ => {}
        }
        depth += line.matches('{').count() as i32 - line.matches('}').count() as i32;
        inline.retain(|(_, d)| *d < depth);
        cfg_test = t == "#[cfg(test)]" || (cfg_test && t.starts_with("#["));
        let names: String = inline.iter().map(|(name, _)| format!("::{name}")).collect();
        lines.push((code.len(), format!("{file_module}{names}")));
        if test_mod.is_none() {
            code += &line;
        }
        code.push('\n');
        test_mod = test_mod.filter(|d| depth > *d);
    }
    let (mut out, mut end) = (vec![], 0);
    for (at, _) in code.char_indices() {
        let (by_use, rest) = (code[at..].starts_with("use "), &code[at..]);
        let starts = by_use || rest.starts_with("crate::") || rest.starts_with("super::");
        if !starts || at < end || code[..at].ends_with(is_path) {
            continue; // not a path, inside a `use` already read, or part of a longer name
        }
        let mut paths = vec![];
        end = read(&code, if by_use { at + 4 } else { at }, "", &mut paths);
        for (start, path) in paths {
            let line = lines.partition_point(|(s, _)| *s <= start);
            let module = &lines[line - 1].1;
            out.push((line, module.clone(), resolve(&path, module), by_use));
        }
    }
    out
}

fn is_path(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == ':'
}

/// Reads the path or `use` tree at `code[i..]` into `out` as (where each path starts, path), and
/// returns where it ends: `a::{b, c::{d, e as f}}` is `a::b`, `a::c::d` and `a::c::e`.
fn read(code: &str, mut i: usize, prefix: &str, out: &mut Vec<(usize, String)>) -> usize {
    let (start, mut path) = (i, prefix.to_string());
    while let Some(c) = code[i..].chars().next().filter(|c| is_path(*c)) {
        path.push(c);
        i += c.len_utf8();
    }
    if !code[i..].starts_with('{') {
        out.push((start, path));
        return i;
    }
    while code[i..].starts_with(['{', ',']) {
        i = code.len() - code[i + 1..].trim_start().len();
        if !code[i..].starts_with('}') {
            i = read(code, i, &path, out);
        }
        i += code[i..].find([',', '}']).unwrap_or(code.len() - i);
    }
    (i + 1).min(code.len())
}

/// `crate::a::b` is `a::b`; `super::b` in `x::y` is `x::b`; `use b::c` in `x` is `x::b::c`.
fn resolve(path: &str, module: &str) -> Vec<String> {
    let keep = |s: &&str| !s.is_empty() && *s != "self";
    let path: Vec<&str> = path.split("::").filter(keep).collect();
    let module: Vec<&str> = module.split("::").filter(keep).collect();
    let supers = path.iter().take_while(|s| **s == "super").count();
    let (base, rest) = match path.first() {
        Some(&"crate") => (&[][..], &path[1..]),
        Some(&"super") => (
            &module[..module.len().saturating_sub(supers)],
            &path[supers..],
        ),
        _ => (&module[..], &path[..]),
    };
    base.iter().chain(rest).map(|s| s.to_string()).collect()
}

/// A line's code without its comment nor the contents of its strings (which may span lines).
fn strip(line: &str, in_str: &mut bool) -> String {
    let (chars, mut out, mut i) = (line.chars().collect::<Vec<_>>(), String::new(), 0);
    while i < chars.len() {
        match (chars[i], *in_str) {
            ('\\', true) => i += 1,
            ('"', _) => *in_str = !*in_str,
            (_, true) => {}
            ('/', false) if chars.get(i + 1) == Some(&'/') => break,
            ('\'', false) if chars.get(i + 1) == Some(&'\\') => i += 2, // '\"', '\''
            ('\'', false) if chars.get(i + 2) == Some(&'\'') => i += 2, // '"'
            (c, false) => out.push(c),
        }
        i += 1;
    }
    out
}

/// The `.rs` files under `dir` by their path from `src/`, with their module (`server/mod.rs` is
/// `server`, `lib.rs` the crate root "").
fn rust_files(dir: &Path, prefix: &str, out: &mut BTreeMap<String, String>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let rel = format!("{prefix}{}", path.file_name().unwrap().to_string_lossy());
        if path.is_dir() {
            rust_files(&path, &format!("{rel}/"), out);
        } else if let Some(module) = rel.strip_suffix(".rs") {
            let module = module.strip_suffix("/mod").unwrap_or(module);
            let module = if module == "lib" { "" } else { module };
            out.insert(rel.clone(), module.replace('/', "::"));
        }
    }
}
