//! Golden snapshots of `newslens analyze` over every article of the sample corpus. Review changes
//! with `cargo insta review` (or `INSTA_UPDATE=always cargo test` and `git diff`).

use crate::util::*;

#[test]
fn analyze_reports() {
    insta::glob!("../corpus", "{zh,en,jsonl}/*.{txt,md,jsonl}", |path| {
        // Relative to the repository root, so the report does not depend on the checkout path.
        let rel = path.strip_prefix(root()).unwrap_or(path);
        let out = newslens()
            .args(["analyze", "-n", "12"])
            .arg(rel)
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
