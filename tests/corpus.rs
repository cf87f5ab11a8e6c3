//! Golden snapshots of `newslens analyze` over every article of the sample corpus. Review changes
//! with `cargo insta review` (or `INSTA_UPDATE=always cargo test` and `git diff`).

use crate::util::*;

#[test]
fn analyze_reports() {
    insta::glob!("../corpus", "{zh,en,jsonl}/*.{txt,md,jsonl}", |path| {
        let out = newslens()
            .args(["analyze", "-n", "12"])
            .arg(path)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        insta::assert_snapshot!(String::from_utf8(out.stdout).unwrap());
    });
}
