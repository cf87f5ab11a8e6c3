//! The tantivy schema of a newslens index.

use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions,
};

use super::TOKENIZER;

/// The schema's fields.
#[derive(Debug, Clone, Copy)]
pub(super) struct Fields {
    pub(super) id: Field,
    pub(super) path: Field,
    pub(super) url: Field,
    pub(super) title: Field,
    /// The body, indexed (not stored: tantivy would store it a second time).
    pub(super) body: Field,
    /// The body, stored for snippets.
    pub(super) text: Field,
    pub(super) date: Field,
    pub(super) day: Field,
    pub(super) source: Field,
    pub(super) source_key: Field,
    pub(super) author: Field,
    pub(super) lang: Field,
    pub(super) entity: Field,
    pub(super) kind: Field,
    pub(super) keywords: Field,
    pub(super) hash: Field,
    /// A 64-bit key of the id (fast field): the tie-break of equal scores, read without
    /// loading the stored article. Absent from indexes built before it (`None`).
    pub(super) id_key: Option<Field>,
}

/// The name of [`Fields::id_key`].
pub(super) const ID_KEY: &str = "id_key";

pub(super) fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let text = TextOptions::default()
        .set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(TOKENIZER)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        )
        .set_stored();
    let fields = Fields {
        id: b.add_text_field("id", STRING | STORED),
        path: b.add_text_field("path", STORED),
        url: b.add_text_field("url", STORED),
        title: b.add_text_field("title", text.clone()),
        body: b.add_text_field(
            "body",
            TextOptions::default().set_indexing_options(
                TextFieldIndexing::default()
                    .set_tokenizer(TOKENIZER)
                    .set_index_option(IndexRecordOption::WithFreqsAndPositions),
            ),
        ),
        text: b.add_text_field("text", STORED),
        date: b.add_text_field("date", STORED),
        day: b.add_i64_field("day", INDEXED | FAST),
        source: b.add_text_field("source", STORED),
        source_key: b.add_text_field("source_key", STRING),
        author: b.add_text_field("author", STORED),
        lang: b.add_text_field("lang", STRING | STORED),
        entity: b.add_text_field("entity", STRING | STORED),
        kind: b.add_text_field("kind", STRING),
        keywords: b.add_text_field("keywords", STORED),
        hash: b.add_text_field("hash", STORED),
        id_key: Some(b.add_u64_field(ID_KEY, FAST)),
    };
    (b.build(), fields)
}
