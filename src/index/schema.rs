//! The tantivy schema of a newslens index, its version, and the fields of an index opened from
//! disk (which may have been built by an older newslens).

use tantivy::schema::{
    DateOptions, DateTimePrecision, FAST, Field, INDEXED, IndexRecordOption, STORED, STRING,
    Schema, TextFieldIndexing, TextOptions,
};

use super::TOKENIZER;

/// The schema version this newslens writes.
///
/// 1. Articles keyed by their id alone: two feeds numbering their records alike replaced each
///    other's articles. Readable, not writable.
/// 2. Articles keyed by feed and id (`key`), with the feed, the record's line, the canonical
///    file and the script stored.
/// 3. The publication day as a real date (`published`, a date fast field) and the entities as
///    kinds as fast fields: trends count by day and facets by entity and kind inside tantivy
///    (its aggregations).
pub const SCHEMA_VERSION: u32 = 3;

/// The schema's fields.
#[derive(Debug, Clone, Copy)]
pub(super) struct Fields {
    /// The article's key in the index, unique ([`crate::model::Document::key`]); in a version 1
    /// index the `id` field, which served as the key.
    pub(super) key: Field,
    /// The article's id as its feed gives it.
    pub(super) id: Field,
    pub(super) path: Field,
    pub(super) url: Field,
    pub(super) title: Field,
    /// The body, indexed (not stored: tantivy would store it a second time).
    pub(super) body: Field,
    /// The body, stored for snippets.
    pub(super) text: Field,
    pub(super) date: Field,
    /// The day as `YYYYMMDD` (range filters; every version has it).
    pub(super) day: Field,
    /// The day as a date at midnight UTC (fast: histograms); from schema version 3.
    pub(super) published: Option<Field>,
    pub(super) source: Field,
    /// The outlet, lowercased: what `source:` matches.
    pub(super) source_key: Field,
    pub(super) author: Field,
    pub(super) lang: Field,
    pub(super) entity: Field,
    pub(super) kind: Field,
    pub(super) keywords: Field,
    pub(super) hash: Field,
    /// A 64-bit hash of the key (fast field): the tie-break of equal scores, read without
    /// loading the stored article. Absent from the oldest indexes (`None`).
    pub(super) id_key: Option<Field>,
    /// What version 2 added (all present or all absent).
    pub(super) v2: Option<FieldsV2>,
}

/// The fields of schema version 2.
#[derive(Debug, Clone, Copy)]
pub(super) struct FieldsV2 {
    /// The feed the article came from (indexed for `feed:` and per-feed removal).
    pub(super) feed: Field,
    /// The 1-based line of a JSON Lines record.
    pub(super) line: Field,
    /// The canonical path of the article's file (`-` for standard input): whether a replaced
    /// article came from the same file.
    pub(super) file: Field,
    /// `Hans`, `Hant` or `Latn`.
    pub(super) script: Field,
}

/// The name of [`Fields::id_key`].
pub(super) const ID_KEY: &str = "id_key";
/// The name of [`Fields::published`].
pub(super) const PUBLISHED: &str = "published";
/// The name of [`Fields::kind`].
pub(super) const KIND: &str = "kind";
/// The name of [`Fields::entity`].
pub(super) const ENTITY: &str = "entity";

/// The schema of a new index, and its fields.
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
        key: b.add_text_field("key", STRING | STORED),
        id: b.add_text_field("id", STORED),
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
        published: Some(
            b.add_date_field(
                PUBLISHED,
                DateOptions::from(INDEXED)
                    .set_fast()
                    .set_precision(DateTimePrecision::Seconds),
            ),
        ),
        source: b.add_text_field("source", STORED),
        source_key: b.add_text_field("source_key", STRING),
        author: b.add_text_field("author", STORED),
        lang: b.add_text_field("lang", STRING | STORED),
        entity: b.add_text_field(ENTITY, STRING | STORED | FAST),
        kind: b.add_text_field(KIND, STRING | FAST),
        keywords: b.add_text_field("keywords", STORED),
        hash: b.add_text_field("hash", STORED),
        id_key: Some(b.add_u64_field(ID_KEY, FAST)),
        v2: Some(FieldsV2 {
            feed: b.add_text_field("feed", STRING | STORED),
            line: b.add_u64_field("line", STORED),
            file: b.add_text_field("file", STORED),
            script: b.add_text_field("script", STRING | STORED),
        }),
    };
    (b.build(), fields)
}

impl Fields {
    /// The fields of an index opened from disk, and its schema version; `Err` with the first
    /// missing field when it is not a newslens index.
    pub(super) fn of(schema: &Schema) -> Result<(Fields, u32), String> {
        let field = |name: &str| {
            schema
                .get_field(name)
                .map_err(|_| format!("it has no `{name}` field"))
        };
        let v2 = match (
            schema.get_field("key"),
            schema.get_field("feed"),
            schema.get_field("line"),
            schema.get_field("file"),
            schema.get_field("script"),
        ) {
            (Ok(_), Ok(feed), Ok(line), Ok(file), Ok(script)) => Some(FieldsV2 {
                feed,
                line,
                file,
                script,
            }),
            _ => None,
        };
        let id = field("id")?;
        let fields = Fields {
            key: if v2.is_some() { field("key")? } else { id },
            id,
            path: field("path")?,
            url: field("url")?,
            title: field("title")?,
            body: field("body")?,
            text: field("text")?,
            date: field("date")?,
            day: field("day")?,
            published: schema.get_field(PUBLISHED).ok(),
            source: field("source")?,
            source_key: field("source_key")?,
            author: field("author")?,
            lang: field("lang")?,
            entity: field("entity")?,
            kind: field("kind")?,
            keywords: field("keywords")?,
            hash: field("hash")?,
            id_key: schema.get_field(ID_KEY).ok(),
            v2,
        };
        let version = match (&v2, fields.published) {
            (Some(_), Some(_)) => SCHEMA_VERSION,
            (Some(_), None) => 2,
            _ => 1,
        };
        Ok((fields, version))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_schema_reads_back_as_the_current_version() {
        let (schema, _) = schema();
        let (fields, version) = Fields::of(&schema).expect("newslens schema");
        assert_eq!(version, SCHEMA_VERSION);
        assert!(fields.v2.is_some() && fields.id_key.is_some() && fields.published.is_some());
        assert_ne!(fields.key, fields.id);
    }

    #[test]
    fn an_old_schema_is_version_one_and_a_foreign_one_is_refused() {
        let mut b = Schema::builder();
        for name in [
            "id",
            "path",
            "url",
            "title",
            "body",
            "text",
            "date",
            "source",
            "source_key",
            "author",
            "lang",
            "entity",
            "kind",
            "keywords",
            "hash",
        ] {
            b.add_text_field(name, STRING | STORED);
        }
        b.add_i64_field("day", INDEXED | FAST);
        let (fields, version) = Fields::of(&b.build()).expect("old newslens schema");
        assert_eq!(version, 1);
        assert_eq!(fields.key, fields.id, "the id was the key");
        assert!(fields.v2.is_none() && fields.id_key.is_none());

        let mut b = Schema::builder();
        b.add_text_field("title", STRING | STORED);
        let err = Fields::of(&b.build()).unwrap_err();
        assert_eq!(err, "it has no `id` field");
    }
}
