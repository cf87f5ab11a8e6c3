//! Golden snapshots of `newslens analyze` over every article of the sample corpus. Review changes
//! with `cargo insta review` (or `INSTA_UPDATE=always cargo test` and `git diff`).

use crate::util::*;

#[test]
fn analyze_reports() {
    insta::glob!(
        "../corpus",
        "{zh,zh-hant,en,jsonl}/*.{txt,md,jsonl}",
        |path| {
            // Relative to the repository root, so the report does not depend on the checkout path.
            let rel = path.strip_prefix(root()).unwrap_or(path);
            let report = stdout_ok([
                "analyze".as_ref(),
                "-n".as_ref(),
                "12".as_ref(),
                rel.as_os_str(),
            ]);
            insta::assert_snapshot!(report);
        }
    );
}
