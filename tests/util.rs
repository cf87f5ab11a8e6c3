//! Helpers shared by the integration tests.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde::Deserialize;

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The real binary, run from the repository root.
pub fn newslens() -> Command {
    let mut cmd = Command::cargo_bin("newslens").expect("binary built");
    cmd.current_dir(root());
    cmd
}

/// `../shared/<rel>` when the evaluation data is present (it is not on users' machines).
pub fn shared(rel: &str) -> Option<PathBuf> {
    let p = root().join("..").join("shared").join(rel);
    if p.exists() {
        Some(p)
    } else {
        eprintln!(
            "skipping: {} is not present (evaluation data lives outside the repository)",
            p.display()
        );
        None
    }
}

/// Runs `newslens ARGS`, asserts it succeeded (showing its stderr if not) and returns stdout.
pub fn stdout_ok<I, S>(args: I) -> String
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    let args: Vec<std::ffi::OsString> = args.into_iter().map(|a| a.as_ref().to_owned()).collect();
    let out = newslens().args(&args).output().unwrap();
    assert!(
        out.status.success(),
        "newslens {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Runs `newslens ARGS --format json` and decodes every output line as `T`.
pub fn json_lines<T: for<'de> Deserialize<'de>>(args: &[&str]) -> Vec<T> {
    stdout_ok(args.iter().copied().chain(["--format", "json"]))
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("bad JSON line ({e}): {l}")))
        .collect()
}

/// The `analyze` JSON contract, as a consumer would decode it.
#[derive(Debug, Deserialize)]
pub struct Analyzed {
    pub version: u32,
    pub id: String,
    pub path: String,
    pub line: Option<usize>,
    pub encoding: String,
    pub lang: String,
    pub meta: Meta,
    pub text: String,
    pub blocks: Vec<Block>,
    pub sentences: Vec<Spanned>,
    pub tokens: Vec<Tok>,
    pub entities: Vec<Ent>,
    pub keywords: Vec<Kw>,
}

#[derive(Debug, Deserialize, Default)]
pub struct Meta {
    pub title: Option<String>,
    pub author: Option<String>,
    pub date: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    #[serde(default)]
    pub bylines: Vec<Byline>,
}

#[derive(Debug, Deserialize)]
pub struct Byline {
    pub label: String,
    pub value: String,
}

#[derive(Debug, Deserialize)]
pub struct Block {
    pub kind: String,
    pub text: String,
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Deserialize)]
pub struct Spanned {
    pub text: String,
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Deserialize)]
pub struct Tok {
    pub text: String,
    pub kind: String,
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Deserialize)]
pub struct Ent {
    pub text: String,
    pub canonical: String,
    pub kind: String,
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Deserialize)]
pub struct Kw {
    pub term: String,
    pub weight: f64,
    pub count: usize,
    pub entity: Option<String>,
}

/// Writes `bytes` to `dir/name` and returns the path.
pub fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    if let Some(parent) = p.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(&p, bytes).unwrap();
    p
}

/// Runs `newslens index --index DIR INPUTS…`, asserts it succeeded and returns its stderr (the
/// summary line).
pub fn index(dir: &Path, inputs: &[&str]) -> String {
    let out = succeeded(newslens().arg("index").arg("--index").arg(dir).args(inputs));
    String::from_utf8(out.stderr).unwrap()
}

/// `newslens search --format json --index DIR QUERY EXTRA…` (which must exit 0 or 1), decoded as
/// the caller's view of the JSON contract.
pub fn search_as<T: serde::de::DeserializeOwned>(dir: &Path, query: &str, extra: &[&str]) -> T {
    let out = newslens()
        .args(["search", "--format", "json", "--index"])
        .arg(dir)
        .arg(query)
        .args(extra)
        .output()
        .unwrap();
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{query}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{query}: {e}"))
}

/// Runs `cmd`, asserts it succeeded (showing its stderr if not) and returns its output.
pub fn succeeded(cmd: &mut Command) -> std::process::Output {
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// Runs `cmd`, asserts it failed with exit code 2 (showing its stderr if not) and returns its
/// stderr.
pub fn failed(cmd: &mut Command) -> String {
    let out = cmd.output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    stderr
}
