//! English (and any non-Han) segmentation with Unicode word boundaries (UAX #29).

use unicode_segmentation::UnicodeSegmentation;

use crate::model::Span;

/// Words, numbers and punctuation of `text[span]` by UAX #29 word boundaries; whitespace is
/// dropped. Joining of `GPT-4o`-style compounds happens afterwards, for all scripts alike.
pub fn segment(text: &str, span: Span, out: &mut Vec<Span>) {
    let piece = span.slice(text);
    for (i, w) in piece.split_word_bound_indices() {
        if w.chars().all(char::is_whitespace) {
            continue;
        }
        out.push(Span::new(span.start + i, span.start + i + w.len()));
    }
}
