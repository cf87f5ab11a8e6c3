//! Arbitrary bytes → `newslens::ingest::decode`: never panics; a decoded text is NUL-free and
//! in a known encoding; UTF-8 input comes back unchanged; an `Undecodable` offset is in range
//! and marks the end of the valid UTF-8 prefix.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newslens::ingest::{DecodeError, decode};

const ENCODINGS: [&str; 6] = [
    "UTF-8",
    "UTF-16LE",
    "UTF-16BE",
    "GB18030",
    "Big5",
    "Shift_JIS",
];

fuzz_target!(|data: &[u8]| {
    match decode(data) {
        Ok(d) => {
            assert!(
                ENCODINGS.contains(&d.encoding),
                "unknown encoding {}",
                d.encoding
            );
            assert!(!d.text.contains('\0'), "decoded text holds NUL");
            if d.encoding == "UTF-8" {
                let body = data.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(data);
                assert_eq!(d.text.as_bytes(), body, "UTF-8 text changed by decoding");
            }
        }
        Err(e) => {
            assert!(!e.to_string().is_empty(), "empty error message");
            if let DecodeError::Undecodable { offset } = e {
                assert!(
                    offset < data.len(),
                    "offset {offset} out of range ({} bytes)",
                    data.len()
                );
                assert!(
                    std::str::from_utf8(&data[..offset]).is_ok(),
                    "bytes before offset {offset} are not valid UTF-8"
                );
                assert!(
                    std::str::from_utf8(&data[offset..]).is_err() || offset == 0,
                    "offset {offset} is not the first invalid byte"
                );
            }
        }
    }
});
