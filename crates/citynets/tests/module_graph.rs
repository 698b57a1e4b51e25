//! The core crate's modules form layers: no file reaches, through its `use` declarations and
//! the `crate::…` / `super::…` paths in its code, a file that reaches it back.
//!
//! A cycle between files means neither can be read, tested or replaced without the other, which
//! is how the validator once grew two knots (checks ↔ engine ↔ fast ↔ view and
//! csv ↔ csv_chunks ↔ csv_row ↔ json_place). This test reads the source as text, so it needs
//! no build of its own and runs in milliseconds:
//! - each file is a module (`lib.rs` is the crate, `a/mod.rs` and `a.rs` are `a`);
//! - every path that starts with `crate::`, `super::` or `self::`, in a `use` or in code, is
//!   resolved to the file that *defines* the name, following `use` re-exports (so a child that
//!   takes `super::Code` depends on `problem.rs`, where `Code` is defined, not on `mod.rs`,
//!   which only re-exports it);
//! - comments and unit-test modules (`#[cfg(test)]` to the end of the file) are left out.
//!
//! A failure names the files of one cycle and, for each step, the name that ties them.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// One source file: its module path and its text without comments and tests.
struct Module {
    file: String,
    code: String,
}

fn modules() -> BTreeMap<Vec<String>, Module> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    collect(&root, &mut files);
    let mut out = BTreeMap::new();
    for path in files {
        let rel = path.strip_prefix(&root).unwrap_or(&path);
        let mut parts: Vec<String> = rel
            .iter()
            .map(|p| p.to_string_lossy().into_owned())
            .collect();
        let last = parts.pop().unwrap_or_default();
        match last.as_str() {
            "lib.rs" | "mod.rs" | "main.rs" => {}
            other => parts.push(other.trim_end_matches(".rs").to_owned()),
        }
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        out.insert(
            parts,
            Module {
                file: rel.to_string_lossy().into_owned(),
                code: without_tests_and_comments(&text),
            },
        );
    }
    out
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            collect(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// The text before the file's unit tests, with `//` comments (doc comments included) and
/// string literals blanked out.
fn without_tests_and_comments(text: &str) -> String {
    let mut code = String::new();
    let mut lines = text.lines().peekable();
    while let Some(line) = lines.next() {
        let t = line.trim_start();
        if t.starts_with("#[cfg(test)]") && opens_test_module(lines.clone()) {
            break;
        }
        code.push_str(&strip_line(line));
        code.push('\n');
    }
    inline_modules_as_self(&code)
}

/// Inside an inline `mod name { … }`, `super::` names the file's own module: written so here,
/// the file is read as one module.
fn inline_modules_as_self(code: &str) -> String {
    let mut out = String::with_capacity(code.len());
    let mut rest = code;
    while let Some(i) = rest.find("mod ") {
        let start_ok = i == 0 || !rest[..i].ends_with(|c: char| c.is_alphanumeric() || c == '_');
        let after = &rest[i + 4..];
        let name_len = after
            .find(|c: char| !(c.is_alphanumeric() || c == '_'))
            .unwrap_or(after.len());
        let open = after[name_len..].trim_start().starts_with('{');
        if !(start_ok && name_len > 0 && open) {
            out.push_str(&rest[..i + 4]);
            rest = &rest[i + 4..];
            continue;
        }
        let brace = i + 4 + name_len + after[name_len..].find('{').unwrap_or(0);
        let mut depth = 0usize;
        let mut end = rest.len();
        for (j, c) in rest[brace..].char_indices() {
            match c {
                '{' => depth += 1,
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        end = brace + j + 1;
                        break;
                    }
                }
                _ => {}
            }
        }
        out.push_str(&rest[..brace]);
        out.push_str(&rest[brace..end].replace("super::", "self::"));
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// A line without its comment and without the contents of its string literals (a string can
/// hold `crate::` in a message).
fn strip_line(line: &str) -> String {
    let mut out = String::new();
    let mut chars = line.chars().peekable();
    let mut in_str = false;
    while let Some(c) = chars.next() {
        if in_str {
            match c {
                '\\' => {
                    chars.next();
                }
                '"' => {
                    in_str = false;
                    out.push('"');
                }
                _ => {}
            }
            continue;
        }
        match c {
            '"' => {
                in_str = true;
                out.push('"');
            }
            '\'' => {
                // A char literal such as '"' must not open a string; a lifetime is left as is.
                let rest: Vec<char> = chars.clone().take(12).collect();
                // '\x…' (an escape: skip the escaped char, then find the close) or 'x'.
                let close = match rest.first() {
                    Some('\\') => rest.iter().skip(2).position(|c| *c == '\'').map(|p| p + 2),
                    Some(_) if rest.get(1) == Some(&'\'') => Some(1),
                    _ => None,
                };
                if let Some(close) = close {
                    for _ in 0..=close {
                        chars.next();
                    }
                    out.push_str("' '");
                    continue;
                }
                out.push(c);
            }
            '/' if chars.peek() == Some(&'/') => break,
            _ => out.push(c),
        }
    }
    out
}

/// The `use` declarations of a module: every leaf of each use tree as a full path (relative to
/// the module, as written), with the name it is known by in the module.
fn use_items(code: &str) -> Vec<(Vec<String>, String)> {
    let mut out = Vec::new();
    let mut rest = code;
    while let Some(i) = find_use(rest) {
        let after = &rest[i..];
        let Some(end) = after.find(';') else { break };
        let tree: String = after[4..end]
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        expand(&tree, &[], &mut out);
        rest = &after[end + 1..];
    }
    out
}

/// The byte index of the next `use ` that starts a declaration (at a line start, possibly after
/// `pub`, `pub(crate)` or `pub(super)`).
fn find_use(code: &str) -> Option<usize> {
    let mut offset = 0;
    for line in code.split_inclusive('\n') {
        let t = line.trim_start();
        let t2 = t
            .strip_prefix("pub(crate) ")
            .or_else(|| t.strip_prefix("pub(super) "))
            .or_else(|| t.strip_prefix("pub "))
            .unwrap_or(t);
        if t2.starts_with("use ") {
            return Some(offset + (line.len() - t2.len()));
        }
        offset += line.len();
    }
    None
}

fn expand(tree: &str, prefix: &[String], out: &mut Vec<(Vec<String>, String)>) {
    let tree = tree.trim();
    if let Some(open) = tree.find('{') {
        let head: Vec<String> = tree[..open]
            .split("::")
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect();
        let mut base = prefix.to_vec();
        base.extend(head);
        let inner = &tree[open + 1..tree.rfind('}').unwrap_or(tree.len())];
        for part in split_top(inner) {
            expand(&part, &base, out);
        }
        return;
    }
    let (path, alias) = match tree.split_once(" as ") {
        Some((p, a)) => (p, Some(a.trim().to_owned())),
        None => (tree, None),
    };
    let mut full = prefix.to_vec();
    full.extend(
        path.split("::")
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned),
    );
    if full.last().is_some_and(|l| l == "self") {
        full.pop();
    }
    let name = alias.unwrap_or_else(|| full.last().cloned().unwrap_or_default());
    if !full.is_empty() {
        out.push((full, name));
    }
}

/// Splits a use-tree list at its top-level commas.
fn split_top(s: &str) -> Vec<String> {
    let mut parts = Vec::new();
    let mut depth = 0;
    let mut cur = String::new();
    for c in s.chars() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(std::mem::take(&mut cur));
                continue;
            }
            _ => {}
        }
        cur.push(c);
    }
    if !cur.trim().is_empty() {
        parts.push(cur);
    }
    parts
}

/// Every `crate::…`, `super::…` and `self::…` path written in the code (uses included).
fn code_paths(code: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let bytes = code.as_bytes();
    for start in ["crate::", "super::", "self::"] {
        let mut from = 0;
        while let Some(i) = code[from..].find(start) {
            let at = from + i;
            from = at + start.len();
            if at > 0 && (bytes[at - 1].is_ascii_alphanumeric() || bytes[at - 1] == b'_') {
                continue;
            }
            if at > 1 && &code[at - 2..at] == "::" {
                continue; // the middle of a longer path, e.g. super::super::x
            }
            let mut end = at;
            while end < bytes.len()
                && (bytes[end].is_ascii_alphanumeric() || bytes[end] == b'_' || bytes[end] == b':')
            {
                end += 1;
            }
            let path: Vec<String> = code[at..end]
                .split("::")
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect();
            out.push(path);
        }
    }
    out
}

/// The paths written `child::…` in the code (not after `::`, so not `crate::child::…`), as
/// `self::child::…`.
fn relative_paths(code: &str, child: &str) -> Vec<Vec<String>> {
    let bytes = code.as_bytes();
    let needle = format!("{child}::");
    let mut out = Vec::new();
    for (at, _) in code.match_indices(&needle) {
        let before = code[..at].chars().last();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
            continue;
        }
        let mut end = at;
        while end < bytes.len()
            && (bytes[end].is_ascii_alphanumeric() || bytes[end] == b'_' || bytes[end] == b':')
        {
            end += 1;
        }
        let mut path = vec!["self".to_owned()];
        path.extend(
            code[at..end]
                .split("::")
                .filter(|s| !s.is_empty())
                .map(str::to_owned),
        );
        out.push(path);
    }
    out
}

/// The names a module defines itself.
fn defines(code: &str, name: &str) -> bool {
    [
        "fn", "struct", "enum", "trait", "const", "static", "type", "mod", "union",
    ]
    .iter()
    .any(|kw| {
        code.match_indices(&format!("{kw} {name}")).any(|(i, _)| {
            let after = code[i + kw.len() + 1 + name.len()..].chars().next();
            let before = code[..i].chars().last();
            !after.is_some_and(|c| c.is_alphanumeric() || c == '_')
                && !before.is_some_and(|c| c.is_alphanumeric() || c == '_')
        })
    }) || code.contains(&format!("macro_rules! {name}"))
}

struct Graph {
    modules: BTreeMap<Vec<String>, Module>,
    uses: BTreeMap<Vec<String>, Vec<(Vec<String>, String)>>,
}

impl Graph {
    fn new() -> Self {
        let modules = modules();
        let uses = modules
            .iter()
            .map(|(k, m)| (k.clone(), use_items(&m.code)))
            .collect();
        Graph { modules, uses }
    }

    /// A path as written in module `here`, made absolute (`crate`-relative).
    fn absolute(&self, here: &[String], path: &[String]) -> Option<Vec<String>> {
        let mut base: Vec<String> = here.to_vec();
        let mut rest = path;
        match rest.first().map(String::as_str) {
            Some("crate") => {
                base.clear();
                rest = &rest[1..];
            }
            Some("super") => {
                while rest.first().map(String::as_str) == Some("super") {
                    base.pop()?;
                    rest = &rest[1..];
                }
            }
            Some("self") => rest = &rest[1..],
            // A path relative to the module: a child module or an item in scope.
            _ => {}
        }
        base.extend(rest.iter().cloned());
        Some(base)
    }

    /// The file that defines what `path` (absolute) names, following re-exports; `None` when
    /// it leaves the crate.
    fn resolve(&self, path: &[String], hops: usize) -> Option<Vec<String>> {
        // The longest prefix that is a module.
        let mut m = path.len();
        while m > 0 && !self.modules.contains_key(&path[..m]) {
            m -= 1;
        }
        let module = path[..m].to_vec();
        let Some(name) = path.get(m) else {
            return Some(module);
        };
        if hops > 16 || defines(&self.modules[&module].code, name) {
            return Some(module);
        }
        // A name the module takes from elsewhere with `use`.
        for (target, alias) in self.uses.get(&module).into_iter().flatten() {
            if alias == name {
                let first = target[0].as_str();
                let mut child = module.clone();
                child.push(target[0].clone());
                if !matches!(first, "crate" | "super" | "self")
                    && !self.modules.contains_key(&child)
                {
                    return None; // std, serde, …
                }
                let mut next = self.absolute(&module, target)?;
                next.extend(path[m + 1..].iter().cloned());
                return self.resolve(&next, hops + 1);
            }
        }
        Some(module)
    }

    /// Edges: file → file, with a name that ties them.
    fn edges(&self) -> BTreeMap<Vec<String>, BTreeMap<Vec<String>, String>> {
        let mut edges: BTreeMap<Vec<String>, BTreeMap<Vec<String>, String>> = BTreeMap::new();
        for (here, m) in &self.modules {
            let mut paths: Vec<Vec<String>> = code_paths(&m.code);
            // `child::item` written in code: a path relative to this module.
            for (other, _) in self.modules.range(here.clone()..) {
                if other.len() == here.len() + 1 && other.starts_with(here) {
                    let child = &other[here.len()];
                    for p in relative_paths(&m.code, child) {
                        paths.push(p);
                    }
                } else if !other.starts_with(here) {
                    break;
                }
            }
            for (target, _) in &self.uses[here] {
                if !matches!(target[0].as_str(), "crate" | "super" | "self") {
                    // `use engine::Engine` in a parent: a child module, if there is one.
                    let mut child = here.clone();
                    child.push(target[0].clone());
                    if self.modules.contains_key(&child) {
                        let mut p = vec!["self".to_owned()];
                        p.extend(target.iter().cloned());
                        paths.push(p);
                    }
                    continue;
                }
                paths.push(target.clone());
            }
            for p in paths {
                let Some(abs) = self.absolute(here, &p) else {
                    continue;
                };
                let Some(to) = self.resolve(&abs, 0) else {
                    continue;
                };
                // A module's own parents are where it is declared; naming one (`super::`)
                // with nothing after it is no use of its code.
                if &to != here && !(to.len() < here.len() && abs == to) {
                    let tie = p.last().cloned().unwrap_or_default();
                    edges
                        .entry(here.clone())
                        .or_default()
                        .entry(to)
                        .or_insert(tie);
                }
            }
        }
        edges
    }
}

/// One cycle of the graph, if there is one.
fn find_cycle(
    edges: &BTreeMap<Vec<String>, BTreeMap<Vec<String>, String>>,
) -> Option<Vec<Vec<String>>> {
    // Depth-first search with colours; the stack gives the cycle.
    let mut state: BTreeMap<&Vec<String>, u8> = BTreeMap::new();
    fn visit<'a>(
        n: &'a Vec<String>,
        edges: &'a BTreeMap<Vec<String>, BTreeMap<Vec<String>, String>>,
        state: &mut BTreeMap<&'a Vec<String>, u8>,
        stack: &mut Vec<&'a Vec<String>>,
    ) -> Option<Vec<Vec<String>>> {
        state.insert(n, 1);
        stack.push(n);
        for next in edges.get(n).into_iter().flat_map(|e| e.keys()) {
            match state.get(next).copied().unwrap_or(0) {
                1 => {
                    let from = stack.iter().position(|s| *s == next).unwrap_or(0);
                    return Some(stack[from..].iter().map(|s| (*s).clone()).collect());
                }
                0 => {
                    if let Some(c) = visit(next, edges, state, stack) {
                        return Some(c);
                    }
                }
                _ => {}
            }
        }
        stack.pop();
        state.insert(n, 2);
        None
    }
    for n in edges.keys() {
        if state.get(n).copied().unwrap_or(0) == 0 {
            let mut stack = Vec::new();
            if let Some(c) = visit(n, edges, &mut state, &mut stack) {
                return Some(c);
            }
        }
    }
    None
}

/// The groups of files that reach each other (strongly connected components of two or more).
fn knots(edges: &BTreeMap<Vec<String>, BTreeMap<Vec<String>, String>>) -> Vec<Vec<Vec<String>>> {
    let nodes: BTreeSet<&Vec<String>> = edges
        .iter()
        .flat_map(|(a, bs)| std::iter::once(a).chain(bs.keys()))
        .collect();
    let reach = |from: &Vec<String>| {
        let mut seen = BTreeSet::new();
        let mut todo = vec![from.clone()];
        while let Some(n) = todo.pop() {
            for next in edges.get(&n).into_iter().flat_map(|e| e.keys()) {
                if seen.insert(next.clone()) {
                    todo.push(next.clone());
                }
            }
        }
        seen
    };
    let reached: BTreeMap<&Vec<String>, BTreeSet<Vec<String>>> =
        nodes.iter().map(|n| (*n, reach(n))).collect();
    let mut done = BTreeSet::new();
    let mut out = Vec::new();
    for n in &nodes {
        if done.contains(*n) {
            continue;
        }
        let knot: Vec<Vec<String>> = nodes
            .iter()
            .filter(|m| reached[n].contains(**m) && reached[**m].contains(*n))
            .map(|m| (*m).clone())
            .collect();
        if knot.len() > 1 {
            done.extend(knot.iter().cloned());
            out.push(knot);
        }
    }
    out
}

#[test]
fn the_core_crates_modules_have_no_import_cycle() {
    let g = Graph::new();
    assert!(
        g.modules.len() > 20,
        "read only {} files of the core crate",
        g.modules.len()
    );
    let edges = g.edges();
    let file = |m: &Vec<String>| g.modules[m].file.clone();
    let mut shown = Vec::new();
    for knot in knots(&edges) {
        let mut lines = vec![format!(
            "files that reach each other: {}",
            knot.iter().map(file).collect::<Vec<_>>().join(", ")
        )];
        for a in &knot {
            for (b, tie) in edges.get(a).into_iter().flatten() {
                if knot.contains(b) {
                    lines.push(format!("  {} -> {} (takes {tie})", file(a), file(b)));
                }
            }
        }
        shown.push(lines.join("\n"));
    }
    assert!(
        find_cycle(&edges).is_none() && shown.is_empty(),
        "import cycles in crates/citynets/src:\n{}",
        shown.join("\n")
    );
}

#[test]
fn the_reader_of_the_graph_finds_a_cycle_when_there_is_one() {
    // Two modules that take from each other, and a third beside them.
    let a = vec!["a".to_owned()];
    let b = vec!["b".to_owned()];
    let c = vec!["c".to_owned()];
    let mut edges: BTreeMap<Vec<String>, BTreeMap<Vec<String>, String>> = BTreeMap::new();
    edges
        .entry(a.clone())
        .or_default()
        .insert(b.clone(), "B".into());
    edges
        .entry(c.clone())
        .or_default()
        .insert(a.clone(), "A".into());
    assert!(find_cycle(&edges).is_none());
    edges
        .entry(b.clone())
        .or_default()
        .insert(a.clone(), "A".into());
    let cycle = find_cycle(&edges).unwrap_or_default();
    let set: BTreeSet<_> = cycle.into_iter().collect();
    assert_eq!(set, BTreeSet::from([a.clone(), b.clone()]));
    assert_eq!(knots(&edges), vec![vec![a, b]]);
}

#[test]
fn use_trees_and_paths_are_read_as_written() {
    let code = "use super::{Code, engine::{Engine, Seg as S}};\nconst Q: [char; 3] = ['\"', '\\'', '\\u{22}'];\npub(crate) use crate::fnv::BuildFnv;\nfn f() { let x = \"crate::no\"; crate::ghent(); } // super::not\n";
    let code = without_tests_and_comments(code);
    let uses = use_items(&code);
    let names: Vec<&str> = uses.iter().map(|(_, n)| n.as_str()).collect();
    assert_eq!(names, ["Code", "Engine", "S", "BuildFnv"]);
    assert_eq!(uses[2].0, ["super", "engine", "Seg"]);
    let paths = code_paths(&code);
    assert!(paths.contains(&vec!["crate".to_owned(), "ghent".to_owned()]));
    assert!(!paths.iter().any(|p| p.contains(&"no".to_owned())));
    assert!(!paths.iter().any(|p| p.contains(&"not".to_owned())));
}

/// Whether the lines after a `#[cfg(test)]` open a module (other attributes may come first).
fn opens_test_module<'a>(mut rest: impl Iterator<Item = &'a str>) -> bool {
    rest.find(|l| !l.trim_start().starts_with("#["))
        .is_some_and(|l| l.trim_start().starts_with("mod "))
}
