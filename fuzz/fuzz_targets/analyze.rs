//! Arbitrary UTF-8 → Document → sentences, entities, tokens, keywords. Every sentence, entity and
//! token span is a valid byte range on char boundaries; sentences, tokens and entities are each in
//! order and non-overlapping; an entity's `text` is the slice of its span.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let Some(doc) = common::document(text) else {
        return;
    };
    common::check_document(&doc);
    let a = common::analyzer();
    let t = doc.text.as_str();

    let sentences = a.sentences(&doc);
    common::check_ordered(t, sentences.iter().map(|s| s.span), "sentence");

    let entities = a.entities(&doc);
    for e in &entities {
        common::check_span(t, e.span, "entity");
        assert_eq!(
            e.text,
            e.span.slice(t),
            "entity text differs from its span {:?}",
            e.span
        );
    }
    common::check_ordered(t, entities.iter().map(|e| e.span), "entity");

    let tokens = a.tokens(&doc, &entities);
    common::check_ordered(t, tokens.iter().map(|k| k.span), "token");
    for k in &tokens {
        assert!(!k.span.is_empty(), "empty token {:?}", k.span);
        assert!(
            !k.span.slice(t).chars().all(char::is_whitespace),
            "whitespace token {:?}",
            k.span
        );
    }

    let keywords = a.keywords(&doc, &tokens, &entities);
    for kw in &keywords {
        assert!(!kw.term.is_empty(), "empty keyword");
        assert!(
            kw.weight.is_finite(),
            "keyword {:?} has weight {}",
            kw.term,
            kw.weight
        );
    }
});
