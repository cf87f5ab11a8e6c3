//! Arbitrary UTF-8 → `index::query::parse`: never panics; an error has a non-empty message; a
//! parsed query has at least one required group and no empty group.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newslens::index::query::parse;

fuzz_target!(|q: &str| {
    match parse(q) {
        Ok(p) => {
            assert!(
                !p.must.is_empty(),
                "query {q:?} parsed with no required clause"
            );
            assert!(
                p.must.iter().all(|g| !g.is_empty()),
                "empty OR group in {q:?}"
            );
        }
        Err(e) => assert!(!e.to_string().is_empty(), "empty error message for {q:?}"),
    }
});
