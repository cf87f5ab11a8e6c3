//! Arbitrary bytes → (lossy) UTF-8 → `Ingester::document_from_text` as plain text and as Markdown
//! (front matter, `#` headings): never panics; errors have a message; a document's block spans
//! are valid byte ranges on char boundaries, in order and non-overlapping.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use newslens::ingest::InputFormat;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    for format in [InputFormat::Text, InputFormat::Markdown] {
        match common::document_as(&text, format) {
            Ok(doc) => {
                assert!(
                    !doc.text.trim().is_empty(),
                    "document with no text accepted"
                );
                common::check_document(&doc);
            }
            Err(e) => assert!(!e.to_string().is_empty(), "empty error message"),
        }
    }
});
