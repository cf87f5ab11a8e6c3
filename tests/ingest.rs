//! Ingestion through the binary: encodings, bad files, directories, JSONL.

use crate::util::*;
use predicates::prelude::*;

const ZH: &str =
    "作者 | 测试\n英伟达A800的报价上涨了约30%。“AI革命是云厂商的增量机会。”王立群表示。\n";

fn analyze_one(path: &std::path::Path) -> Analyzed {
    let mut v: Vec<Analyzed> = json_lines(&["analyze", path.to_str().unwrap()]);
    v.remove(0)
}

#[test]
fn encodings_decode_to_the_same_text() {
    let dir = tempfile::tempdir().unwrap();
    let gbk = encoding_rs::GBK.encode(ZH).0.into_owned();
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(ZH.as_bytes());
    let mut le = vec![0xFF, 0xFE];
    ZH.encode_utf16()
        .for_each(|u| le.extend_from_slice(&u.to_le_bytes()));
    let mut be = vec![0xFE, 0xFF];
    ZH.encode_utf16()
        .for_each(|u| be.extend_from_slice(&u.to_be_bytes()));
    let crlf = ZH.replace('\n', "\r\n");
    let cases: &[(&str, &[u8], &str)] = &[
        ("utf8.txt", ZH.as_bytes(), "UTF-8"),
        ("bom.txt", &bom, "UTF-8"),
        ("gbk.txt", &gbk, "GB18030"),
        ("utf16le.txt", &le, "UTF-16LE"),
        ("utf16be.txt", &be, "UTF-16BE"),
        ("crlf.txt", crlf.as_bytes(), "UTF-8"),
    ];
    for (name, bytes, enc) in cases {
        let p = write(dir.path(), name, bytes);
        let a = analyze_one(&p);
        assert_eq!(a.encoding, *enc, "{name}");
        assert_eq!(a.text.replace("\r\n", "\n"), ZH, "{name}");
        assert_eq!(a.meta.author.as_deref(), Some("测试"), "{name}");
        assert_eq!(a.sentences.len(), 2, "{name}");
        let names: Vec<&str> = a.entities.iter().map(|e| e.canonical.as_str()).collect();
        // (The speaker, 王立群, is recognised before `表示`.)
        assert_eq!(names, ["NVIDIA", "A800", "王立群"], "{name}");
    }
}

#[test]
fn bad_files_are_reported_and_the_rest_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a-good.txt", ZH.as_bytes());
    write(
        dir.path(),
        "b-image.txt",
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0",
    );
    write(dir.path(), "c-empty.txt", b"");
    write(dir.path(), "d-blank.md", b"  \n\t\n");
    write(dir.path(), "e-latin1.txt", b"caf\xe9 cr\xe8me br\xfbl\xe9e");
    write(
        dir.path(),
        "sub/f-good.md",
        "---\ntitle: 标题\n---\n阿里云发布通义千问。\n".as_bytes(),
    );
    write(dir.path(), "sub/ignored.png", b"\x89PNG");
    let out = newslens()
        .args(["entities", "--format", "json", dir.path().to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "some inputs failed");
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        stdout.lines().count(),
        2,
        "both good files processed: {stdout}"
    );
    assert!(stdout.contains("通义千问"));
    let stderr = String::from_utf8(out.stderr).unwrap();
    for (file, what) in [
        ("b-image.txt", "binary file"),
        ("c-empty.txt", "empty"),
        ("d-blank.md", "empty"),
        ("e-latin1.txt", "not valid UTF-8"),
    ] {
        assert!(
            stderr.lines().any(|l| l.contains(file) && l.contains(what)),
            "{file}: {what} missing from\n{stderr}"
        );
    }
    assert!(
        !stderr.contains("ignored.png"),
        "unknown extensions are skipped in directories"
    );
    assert!(!stderr.contains("panicked"));
}

#[test]
fn jsonl_records_and_bad_lines() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(
        dir.path(),
        "news.jsonl",
        "{\"id\":\"a\",\"title\":\"T1\",\"content\":\"阿里云发布通义千问。\"}\n\
         {not json}\n\
         \n\
         {\"id\":\"c\",\"content\":\"NVIDIA said H20 shipments rose.\",\"date\":\"2024-05-01\"}\n\
         {\"id\":\"d\",\"title\":\"no body\"}\n"
            .as_bytes(),
    );
    let out = newslens()
        .args([
            "analyze",
            "--format",
            "json",
            "--field",
            "body=content",
            p.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let docs: Vec<Analyzed> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let ids: Vec<&str> = docs.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, ["a", "c"]);
    assert_eq!(docs[0].line, Some(1));
    assert_eq!(docs[0].meta.title.as_deref(), Some("T1"));
    assert_eq!(docs[1].meta.date.as_deref(), Some("2024-05-01"));
    assert_eq!(docs[1].lang, "en");
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("news.jsonl:2: invalid JSON"), "{stderr}");
    assert!(stderr.contains("news.jsonl:5: no article text"), "{stderr}");
}

#[test]
fn bad_field_mapping_is_a_usage_error() {
    newslens()
        .args([
            "analyze",
            "--field",
            "nonsense=x",
            "corpus/jsonl/briefs.jsonl",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown field `nonsense`"));
}

#[test]
fn stdin_jsonl_is_sniffed() {
    let out = newslens()
        .args(["entities", "--format", "json", "-"])
        .write_stdin("{\"id\":\"x\",\"body\":\"英伟达H20\"}\n{\"id\":\"y\",\"body\":\"AWS\"}\n")
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(String::from_utf8(out.stdout).unwrap().lines().count(), 2);
}

#[cfg(unix)]
#[test]
fn symlink_loops_do_not_hang() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", ZH.as_bytes());
    std::os::unix::fs::symlink(dir.path(), dir.path().join("loop")).unwrap();
    let out = newslens()
        .args(["entities", dir.path().to_str().unwrap()])
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("symbolic link loop"), "{stderr}");
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn jsonl_in_utf16_or_binary() {
    let dir = tempfile::tempdir().unwrap();
    let jsonl = "{\"id\":\"a\",\"body\":\"英伟达H20\"}\n{\"id\":\"b\",\"body\":\"AWS\"}\n";
    let mut le = vec![0xFF, 0xFE];
    jsonl
        .encode_utf16()
        .for_each(|u| le.extend_from_slice(&u.to_le_bytes()));
    let p = write(dir.path(), "u16.jsonl", &le);
    let stdout = stdout_ok([
        "entities".as_ref(),
        "--format".as_ref(),
        "json".as_ref(),
        p.as_os_str(),
    ]);
    assert_eq!(stdout.lines().count(), 2);
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png.extend(std::iter::repeat_n(b'\n', 500));
    let p = write(dir.path(), "image.jsonl", &png);
    let out = newslens().args(["entities"]).arg(&p).output().unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr.matches("image.jsonl").count(),
        1,
        "one error per file: {stderr}"
    );
    assert!(stderr.contains("binary file"), "{stderr}");
}

/// Whether the tests run as root (who reads any file, so "permission denied" needs another user).
fn running_as_root() -> bool {
    std::fs::read_to_string("/proc/self/status")
        .map(|s| {
            s.lines()
                .any(|l| l.starts_with("Uid:") && l.split_whitespace().nth(1) == Some("0"))
        })
        .unwrap_or(false)
}

/// The binary run as an unprivileged user (`setpriv` to `nobody` when the tests run as root),
/// or `None` when that is impossible here.
fn unprivileged_newslens() -> Option<assert_cmd::Command> {
    if !running_as_root() {
        return Some(newslens());
    }
    let ok = std::process::Command::new("setpriv")
        .args(["--reuid=65534", "--regid=65534", "--clear-groups", "true"])
        .status()
        .is_ok_and(|s| s.success());
    if !ok {
        eprintln!("skipping the permission case: running as root without setpriv");
        return None;
    }
    let mut cmd = assert_cmd::Command::new("setpriv");
    cmd.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
        .arg(assert_cmd::cargo::cargo_bin!("newslens"))
        .current_dir(crate::util::root());
    Some(cmd)
}

/// Every kind of bad input users have, in one directory and as arguments: each is reported
/// once, naming the file and why; everything else is indexed; exit code 2; no panic.
#[test]
fn bad_input_matrix_is_reported_file_by_file_and_the_rest_indexed() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("in");
    // Good, if unusual: GBK without a BOM, UTF-16 with one, mixed line endings, a 10 MB line.
    write(&dir, "good.txt", ZH.as_bytes());
    write(
        &dir,
        "gbk.txt",
        &encoding_rs::GB18030
            .encode("百度发布文心一言，英伟达供货。\n")
            .0,
    );
    let mut utf16 = vec![0xFF, 0xFE];
    "阿里云发布通义千问。\n"
        .encode_utf16()
        .for_each(|u| utf16.extend_from_slice(&u.to_le_bytes()));
    write(&dir, "utf16.txt", &utf16);
    write(
        &dir,
        "mixed.txt",
        b"Tencent Cloud opened a region.\r\nMicrosoft Azure followed.\nOracle said\rit would too.\n",
    );
    let long = "Samsung ships HBM to SK hynix rivals while cloud demand grows. ".repeat(160_000);
    write(&dir, "long.txt", long.as_bytes());
    // Bad, each for its own reason.
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    png.extend(std::iter::repeat_n(0x7F, 200));
    write(&dir, "png.txt", &png);
    let mut zip = b"PK\x03\x04\x14\0\0\0\x08\0".to_vec();
    zip.extend(b"compressed bytes".repeat(20));
    write(&dir, "archive.txt", &zip);
    write(&dir, "empty.txt", b"");
    write(&dir, "blank.md", b" \n\t\r\n");
    write(&dir, "latin1.txt", b"caf\xe9 cr\xe8me br\xfbl\xe9e");
    write(&dir, "nul.txt", b"NVIDIA said\0 demand rose.\0\0\n");
    write(
        &dir,
        "news.jsonl",
        b"{\"id\":\"j1\",\"body\":\"AMD shipped MI300X.\"}\n{\"id\":\"j2\",\"body\":\n",
    );
    std::os::unix::fs::symlink("loop-b.txt", dir.join("loop-a.txt")).unwrap();
    std::os::unix::fs::symlink("loop-a.txt", dir.join("loop-b.txt")).unwrap();
    let secret = write(&dir, "secret.txt", b"Intel said so.\n");
    std::fs::set_permissions(&secret, std::fs::Permissions::from_mode(0o000)).unwrap();
    let image = write(tmp.path(), "photo.png", &png);
    let missing = tmp.path().join("missing.txt");
    // The unprivileged user must reach the inputs and write the index.
    for d in [tmp.path(), dir.as_path()] {
        std::fs::set_permissions(d, std::fs::Permissions::from_mode(0o777)).unwrap();
    }
    let Some(mut cmd) = unprivileged_newslens() else {
        return;
    };
    let ix = tmp.path().join("ix");
    let out = cmd
        .arg("index")
        .arg("--index")
        .arg(&ix)
        .args([dir.as_path(), image.as_path(), missing.as_path()])
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    for (file, why) in [
        ("png.txt", "binary file, not text (PNG image)"),
        ("photo.png", "binary file, not text (PNG image)"),
        ("archive.txt", "binary file, not text (zip archive)"),
        ("empty.txt", "no article text (empty or whitespace only)"),
        ("blank.md", "no article text (empty or whitespace only)"),
        ("latin1.txt", "not valid UTF-8"),
        ("nul.txt", "binary file, not text (NUL bytes)"),
        ("news.jsonl:2", "invalid JSON"),
        ("loop-a.txt", "Too many levels of symbolic links"),
        ("loop-b.txt", "Too many levels of symbolic links"),
        ("secret.txt", "Permission denied"),
        ("missing.txt", "No such file or directory"),
    ] {
        let lines: Vec<&str> = stderr.lines().filter(|l| l.contains(file)).collect();
        assert_eq!(
            lines.len(),
            1,
            "{file}: one message, got {lines:?}\n{stderr}"
        );
        assert!(lines[0].contains(why), "{file}: want `{why}` in {lines:?}");
    }
    // good, gbk, utf16, mixed, long and the good JSONL record; 12 inputs failed.
    assert!(
        stderr.contains("6 added, 0 updated, 0 unchanged, 12 failed"),
        "{stderr}"
    );
    // What was indexed is searchable, whatever its encoding.
    for (query, file) in [
        ("entity:NVIDIA", "good.txt"),
        ("文心一言", "gbk.txt"),
        ("通义千问", "utf16.txt"),
        ("entity:Oracle", "mixed.txt"),
        ("entity:Samsung", "long.txt"),
        ("MI300X", "news.jsonl"),
    ] {
        let out = newslens()
            .args(["search", "--format", "json", "--index"])
            .arg(&ix)
            .arg(query)
            .output()
            .unwrap();
        let hits = String::from_utf8(out.stdout).unwrap();
        assert!(hits.contains(file), "{query} should find {file}: {hits}");
    }
}

/// Mixed line endings (CRLF, LF, lone CR) split into lines and sentences like LF alone.
#[test]
fn mixed_line_endings_split_like_lf() {
    let dir = tempfile::tempdir().unwrap();
    let lf =
        "Tencent Cloud opened a region.\nMicrosoft Azure followed.\nOracle said it would too.\n";
    let mixed =
        "Tencent Cloud opened a region.\r\nMicrosoft Azure followed.\nOracle said it would too.\r";
    let a = analyze_one(&write(dir.path(), "lf.txt", lf.as_bytes()));
    let b = analyze_one(&write(dir.path(), "mixed.txt", mixed.as_bytes()));
    let texts =
        |a: &Analyzed| -> Vec<String> { a.sentences.iter().map(|s| s.text.clone()).collect() };
    assert_eq!(texts(&a), texts(&b));
    assert_eq!(texts(&b).len(), 3);
    let names =
        |a: &Analyzed| -> Vec<String> { a.entities.iter().map(|e| e.canonical.clone()).collect() };
    assert_eq!(names(&a), names(&b));
}

/// A directory walk reads articles only: the folder's README, LICENSE and CHANGELOG, hidden
/// files, what `.gitignore` / `.ignore` leave out and `--exclude` globs are skipped; a README
/// named on the command line is read.
#[test]
fn directory_walk_skips_what_is_not_news() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "a.txt", ZH.as_bytes());
    write(
        d,
        "README.md",
        "# About this folder\n\nNVIDIA notes.\n".as_bytes(),
    );
    write(
        d,
        "LICENSE.txt",
        "MIT licence text about NVIDIA.\n".as_bytes(),
    );
    write(d, "CHANGELOG.md", "## 1.0\n\nNVIDIA added.\n".as_bytes());
    write(d, ".hidden.txt", ZH.as_bytes());
    std::fs::create_dir(d.join("drafts")).unwrap();
    write(&d.join("drafts"), "b.txt", ZH.as_bytes());
    std::fs::create_dir(d.join("old")).unwrap();
    write(&d.join("old"), "c.txt", ZH.as_bytes());
    write(d, ".gitignore", b"old/\n");
    std::fs::create_dir(d.join("zh")).unwrap();
    write(&d.join("zh"), "d.md", ZH.as_bytes());
    let ids = |extra: &[&str]| -> Vec<String> {
        let mut args = vec!["analyze", "--format", "json"];
        args.extend_from_slice(extra);
        let out = newslens().args(&args).arg(d).output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout)
            .unwrap()
            .lines()
            .map(|l| {
                let v: serde_json::Value = serde_json::from_str(l).unwrap();
                let id = v["id"].as_str().unwrap().to_string();
                id.rsplit_once(d.file_name().unwrap().to_str().unwrap())
                    .map_or(id.clone(), |(_, rest)| rest.to_string())
            })
            .collect()
    };
    assert_eq!(ids(&[]), ["/a.txt", "/drafts/b.txt", "/zh/d.md"]);
    assert_eq!(ids(&["--exclude", "drafts/**"]), ["/a.txt", "/zh/d.md"]);
    assert_eq!(ids(&["--exclude", "*.md"]), ["/a.txt", "/drafts/b.txt"]);
    // Named explicitly, a README is read.
    let out = stdout_ok(["entities", d.join("README.md").to_str().unwrap()]);
    assert!(out.contains("NVIDIA"), "{out}");
    // A bad glob is named.
    let err = failed(newslens().args(["analyze", "--exclude", "[", d.to_str().unwrap()]));
    assert!(err.contains("--exclude [") && err.contains("glob"), "{err}");
}
