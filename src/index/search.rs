//! Search: a parsed query → tantivy queries → ranked hits with snippets and facets.

use std::collections::BTreeMap;
use std::ops::Bound;

use serde::Serialize;
use tantivy::collector::{Count, DocSetCollector, TopDocs};
use tantivy::query::{
    BooleanQuery, BoostQuery, ConstScoreQuery, Occur, PhraseQuery, Query, RangeQuery, TermQuery,
};
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{TantivyDocument, Term};

use super::facets::{FacetNames, OrdinalCounts, SegmentCounts};
use super::query::{Clause, ParsedQuery};
use super::schema::ID_KEY;
use super::{NewsIndex, index_error, iso_day, query_terms, snippet};
use crate::error::{Error, Result};
use crate::model::{Document, EntityKind};

/// How deep a search may page: offset plus limit (each segment keeps that many candidates).
pub const MAX_DEPTH: usize = 100_000;

/// Characters in a snippet.
const SNIPPET_CHARS: usize = 80;

/// One search result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    /// 1-based rank.
    pub rank: usize,
    /// Article id, as its feed gives it (the path for a file).
    pub id: String,
    /// The article's key in the index, unique: feed and id (`news.jsonl#77`), or the path of a
    /// file (what `/api/articles/{key}` of `newslens serve` takes).
    pub key: String,
    /// Headline (empty when the article has none).
    pub title: String,
    /// Publication date as given (empty when unknown).
    pub date: String,
    /// The publication day as `YYYY-MM-DD`, when the date reads as one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub day: Option<String>,
    /// Source: the outlet named by the article (empty when unknown).
    pub source: String,
    /// The feed it was indexed from (empty in an index of an older newslens).
    pub feed: String,
    /// The file it was read from, as given to `newslens index`.
    pub path: String,
    /// Its line in that file, for a JSON Lines record.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u64>,
    /// `zh` or `en`.
    pub lang: String,
    /// BM25 score.
    pub score: f32,
    /// About 80 characters of the body around the first match, matches in `**`.
    pub snippet: String,
    /// The article's entities (canonical names), most mentioned first.
    pub entities: Vec<String>,
}

/// Search results.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SearchResults {
    /// Number of matching articles.
    pub total: usize,
    /// The requested page of hits, best first.
    pub hits: Vec<Hit>,
    /// With [`SearchOptions::facets`]: the entities most often found among all matches.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub facets: Vec<Facet>,
    /// With [`SearchOptions::facets`]: the entity kinds (`chip`, `vendor` …) and how many
    /// matches mention one, most first (schema 3 indexes; empty for older ones).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub kinds: Vec<KindFacet>,
}

/// An entity kind and the number of matching articles that mention one of its entities.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct KindFacet {
    /// The kind (`vendor`, `product`, `model`, `chip`, `org`, `media`, `person`).
    pub kind: String,
    /// Matching articles that mention an entity of that kind.
    pub count: usize,
}

/// An entity and the number of matching articles that mention it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Facet {
    /// Canonical name.
    pub entity: String,
    /// Matching articles that mention it.
    pub count: usize,
}

/// Search settings.
#[derive(Debug, Clone, Default)]
pub struct SearchOptions {
    /// Hits per page.
    pub limit: usize,
    /// Hits to skip.
    pub offset: usize,
    /// Only articles dated on or after this day (`YYYY-MM-DD`).
    pub since: Option<String>,
    /// Only articles dated on or before this day (`YYYY-MM-DD`).
    pub until: Option<String>,
    /// Count the entities of all matches and return this many, most frequent first (0: none).
    pub facets: usize,
}

impl NewsIndex {
    /// Searches with a parsed query.
    pub fn search(&self, q: &ParsedQuery, opts: &SearchOptions) -> Result<SearchResults> {
        let (query, highlights) = self.query(q, opts)?;
        // See the last commit, also one made through this handle.
        let searcher = self.searcher()?;
        let limit = opts.limit.max(1);
        // Facets are counted in the pass that ranks the matches.
        let facet_fields = self.facet_fields(opts.facets);
        let counts = OrdinalCounts::new(facet_fields.iter().map(|f| f.0).collect());
        let (top, total, counted) =
            self.top_docs_counting(&searcher, &query, opts.offset, limit, &counts)?;
        let mut hits = Vec::with_capacity(top.len());
        for (k, (score, _, doc)) in top.into_iter().enumerate() {
            hits.push(self.hit(opts.offset + k + 1, score, &doc, &highlights));
        }
        let (facets, kinds) = if opts.facets == 0 {
            (Vec::new(), Vec::new())
        } else if facet_fields.is_empty() {
            self.stored_facets(&searcher, &query, opts.facets)?
        } else {
            let counted = match counted {
                Some(counted) => counted,
                None => searcher
                    .search(&query, &counts)
                    .map_err(|e| index_error(&self.dir, e))?,
            };
            let mut named =
                super::facets::named(searcher.segment_readers(), &counted, &facet_fields)
                    .map_err(|e| index_error(&self.dir, e))?
                    .into_iter();
            let facets = named
                .next()
                .unwrap_or_default()
                .into_iter()
                .map(|(entity, count)| Facet { entity, count })
                .collect();
            let kinds = named
                .next()
                .unwrap_or_default()
                .into_iter()
                .map(|(kind, count)| KindFacet { kind, count })
                .collect();
            (facets, kinds)
        };
        Ok(SearchResults {
            total,
            hits,
            facets,
            kinds,
        })
    }

    /// The best `opts.limit` matches of a search with their articles (rebuilt from the stored
    /// text, for analysis across them), and the number of matches.
    pub fn search_articles(
        &self,
        q: &ParsedQuery,
        opts: &SearchOptions,
    ) -> Result<(usize, Vec<(Hit, Document)>)> {
        let (query, highlights) = self.query(q, opts)?;
        let searcher = self.searcher()?;
        let (top, total) = self.top_docs(&searcher, &query, opts.offset, opts.limit.max(1))?;
        let articles = top
            .into_iter()
            .enumerate()
            .map(|(k, (score, _, stored))| {
                let doc = super::stored::document_of(self.fields, &stored)?;
                Ok((
                    self.hit(opts.offset + k + 1, score, &stored, &highlights),
                    doc,
                ))
            })
            .collect::<Result<_>>()?;
        Ok((total, articles))
    }

    /// The lowercased words and entity names a query looks for (what snippets highlight):
    /// its words and phrases, and every alias of the entities it names.
    pub fn query_words(&self, q: &ParsedQuery) -> Result<Vec<String>> {
        Ok(self.query(q, &SearchOptions::default())?.1)
    }

    /// The article stored under `key` ([`Hit::key`]) as a hit (rank 1, score 0: looked up,
    /// not searched) and a document, if there is one.
    pub fn article(&self, key: &str) -> Result<Option<(Hit, Document)>> {
        let searcher = self.searcher()?;
        let err = |e: tantivy::TantivyError| index_error(&self.dir, e);
        let io = |e: std::io::Error| index_error(&self.dir, e.into());
        // The key's postings, segment by segment: its one live article (no scoring, no
        // collector; a page view costs less than the search machinery around one term).
        let term = Term::from_field_text(self.fields.key, key);
        for (ord, reader) in searcher.segment_readers().iter().enumerate() {
            let postings = reader
                .inverted_index(self.fields.key)
                .map_err(err)?
                .read_postings(&term, IndexRecordOption::Basic)
                .map_err(io)?;
            let Some(mut postings) = postings else {
                continue;
            };
            let mut doc = tantivy::DocSet::doc(&postings);
            while doc != tantivy::TERMINATED && reader.is_deleted(doc) {
                doc = tantivy::DocSet::advance(&mut postings);
            }
            if doc == tantivy::TERMINATED {
                continue;
            }
            let stored: TantivyDocument = searcher
                .doc(tantivy::DocAddress::new(ord as u32, doc))
                .map_err(err)?;
            let document = super::stored::document_of(self.fields, &stored)?;
            return Ok(Some((self.hit(1, 0.0, &stored, &[]), document)));
        }
        Ok(None)
    }

    /// The hit at `rank` for a stored article.
    fn hit(&self, rank: usize, score: f32, doc: &TantivyDocument, highlights: &[String]) -> Hit {
        let f = self.fields;
        let date = self.text(doc, f.date);
        let title = self.text(doc, f.title);
        let body = super::snippet::plain_text(&self.text(doc, f.text), &title);
        Hit {
            rank,
            id: self.text(doc, f.id),
            key: self.text(doc, f.key),
            day: iso_day(&date),
            date,
            source: self.text(doc, f.source),
            feed: f.v2.map(|v2| self.text(doc, v2.feed)).unwrap_or_default(),
            path: self.text(doc, f.path),
            line: f.v2.and_then(|v2| doc.get_first(v2.line)?.as_u64()),
            lang: self.text(doc, f.lang),
            score,
            snippet: snippet(&body, highlights, SNIPPET_CHARS),
            title,
            entities: doc
                .get_all(f.entity)
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect(),
        }
    }

    /// The tantivy query of a parsed query and the date range of `opts`, and the words to
    /// highlight in snippets.
    pub(super) fn query(
        &self,
        q: &ParsedQuery,
        opts: &SearchOptions,
    ) -> Result<(BooleanQuery, Vec<String>)> {
        let mut highlights: Vec<String> = Vec::new();
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for group in &q.must {
            let mut alternatives = Vec::new();
            for c in group {
                alternatives.push((Occur::Should, self.clause_query(c, &mut highlights)?));
            }
            let query: Box<dyn Query> = if alternatives.len() == 1 {
                alternatives.pop().expect("one").1
            } else {
                Box::new(BooleanQuery::new(alternatives))
            };
            clauses.push((Occur::Must, query));
        }
        for c in &q.must_not {
            clauses.push((Occur::MustNot, self.clause_query(c, &mut Vec::new())?));
        }
        let day = |s: &Option<String>, what: &str| -> Result<Option<i64>> {
            Ok(super::date::bound(s, what)?.map(super::date::number))
        };
        let (since, until) = (day(&opts.since, "since")?, day(&opts.until, "until")?);
        if opts.offset.saturating_add(opts.limit) > MAX_DEPTH {
            return Err(Error::Query {
                query: format!("--offset {} -n {}", opts.offset, opts.limit),
                reason: format!("hits past the first {MAX_DEPTH} cannot be paged to"),
            });
        }
        if since.is_some() || until.is_some() {
            let bound = |d: Option<i64>| {
                d.map_or(Bound::Unbounded, |d| {
                    Bound::Included(Term::from_field_i64(self.fields.day, d))
                })
            };
            clauses.push((
                Occur::Must,
                Box::new(RangeQuery::new(bound(since), bound(until))),
            ));
        }
        Ok((BooleanQuery::new(clauses), highlights))
    }

    /// Hits `offset..offset + limit` ranked by score, equal scores by id key (by id in indexes
    /// built before the key): which segment an article landed in depends on thread timing, so
    /// tantivy's tie order (by address) would make the same corpus rank differently from one
    /// build to the next. With the key, one pass ranks by (score, key); without it, the search
    /// fetches past the page until the scores tied with its last hit are all in and sorts them
    /// by id. Only the page's articles are loaded. Also returns the number of matches.
    #[allow(clippy::type_complexity)]
    fn top_docs(
        &self,
        searcher: &tantivy::Searcher,
        query: &dyn Query,
        offset: usize,
        limit: usize,
    ) -> Result<(Vec<(f32, String, TantivyDocument)>, usize)> {
        let none = OrdinalCounts::new(Vec::new());
        let (top, total, _) = self.top_docs_counting(searcher, query, offset, limit, &none)?;
        Ok((top, total))
    }

    /// [`Self::top_docs`], and the matches' term ordinals counted by `counts` in the same pass
    /// when the index allows it (else `None`).
    #[allow(clippy::type_complexity)]
    fn top_docs_counting(
        &self,
        searcher: &tantivy::Searcher,
        query: &dyn Query,
        offset: usize,
        limit: usize,
        counts: &OrdinalCounts,
    ) -> Result<(
        Vec<(f32, String, TantivyDocument)>,
        usize,
        Option<Vec<SegmentCounts>>,
    )> {
        let load = |score: f32, addr| -> Result<(f32, String, TantivyDocument)> {
            let doc: TantivyDocument = searcher.doc(addr).map_err(|e| index_error(&self.dir, e))?;
            Ok((score, self.text(&doc, self.fields.key), doc))
        };
        let keyed = self.fields.id_key.is_some()
            && searcher
                .segment_readers()
                .iter()
                .all(|r| r.fast_fields().u64(ID_KEY).is_ok());
        if keyed {
            // (score, smaller key first): a total order, found in one pass. (A replicated
            // corpus ties dozens of articles on every score; the tie-fetching loop below ran
            // such queries two or three times.)
            let by_score_then_key = TopDocs::with_limit(limit).and_offset(offset).tweak_score(
                |reader: &tantivy::SegmentReader| {
                    let keys = reader
                        .fast_fields()
                        .u64(ID_KEY)
                        .ok()
                        .map(|c| c.first_or_default_col(0));
                    move |doc: tantivy::DocId, score: tantivy::Score| {
                        let key = keys.as_ref().map_or(0, |k| k.get_val(doc));
                        (score, std::cmp::Reverse(key))
                    }
                },
            );
            let (top, total, counted) = searcher
                .search(query, &(by_score_then_key, Count, counts.clone()))
                .map_err(|e| index_error(&self.dir, e))?;
            let page = top
                .into_iter()
                .map(|((score, _), addr)| load(score, addr))
                .collect::<Result<_>>()?;
            return Ok((page, total, Some(counted)));
        }
        let want = offset + limit;
        let mut fetch = want + 16;
        loop {
            let (top, total) = searcher
                .search(query, &(TopDocs::with_limit(fetch).order_by_score(), Count))
                .map_err(|e| index_error(&self.dir, e))?;
            // The score of the page's last hit: everything tied with it must be in.
            let cut = top.get(want.saturating_sub(1)).map(|h| h.0);
            if top.len() < fetch || cut != top.last().map(|h| h.0) {
                let mut docs = top
                    .into_iter()
                    .take_while(|h| cut.is_none_or(|c| h.0 >= c))
                    .map(|(score, addr)| load(score, addr))
                    .collect::<Result<Vec<_>>>()?;
                docs.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
                return Ok((
                    docs.into_iter().skip(offset).take(limit).collect(),
                    total,
                    None,
                ));
            }
            fetch *= 2;
        }
    }

    /// The fast fields facets are counted on, with their names and how many of each to
    /// return: entities (`k`) and kinds (all), or only entities where kinds are not a fast
    /// field (early schema 3); none when no facets are wanted or the index is older than
    /// schema 3 (see [`Self::stored_facets`]).
    fn facet_fields(&self, k: usize) -> Vec<(&'static str, &FacetNames, usize)> {
        if k == 0 || self.fields.published.is_none() {
            return Vec::new();
        }
        let mut fields = vec![(super::schema::ENTITY, &self.entity_names, k)];
        if self
            .index
            .schema()
            .get_field_entry(self.fields.kind)
            .is_fast()
        {
            fields.push((super::schema::KIND, &self.kind_names, 20));
        }
        fields
    }

    /// For an index older than schema 3 (no fast fields): the `k` entities most often
    /// mentioned by the articles matching `query`, read from every match's stored entities,
    /// and no kinds.
    fn stored_facets(
        &self,
        searcher: &tantivy::Searcher,
        query: &dyn Query,
        k: usize,
    ) -> Result<(Vec<Facet>, Vec<KindFacet>)> {
        let docs = searcher
            .search(query, &DocSetCollector)
            .map_err(|e| index_error(&self.dir, e))?;
        let mut counts: BTreeMap<String, usize> = BTreeMap::new();
        for addr in docs {
            let doc: TantivyDocument = searcher.doc(addr).map_err(|e| index_error(&self.dir, e))?;
            for v in doc.get_all(self.fields.entity) {
                if let Some(name) = v.as_str() {
                    *counts.entry(name.to_string()).or_insert(0) += 1;
                }
            }
        }
        let mut facets: Vec<Facet> = counts
            .into_iter()
            .map(|(entity, count)| Facet { entity, count })
            .collect();
        facets.sort_by(|a, b| b.count.cmp(&a.count).then(a.entity.cmp(&b.entity)));
        facets.truncate(k);
        Ok((facets, Vec::new()))
    }

    /// The lowercased query terms of `text` (no sub-words).
    fn query_terms(&self, text: &str) -> Vec<String> {
        query_terms(&self.analyzer, text)
    }

    fn words_query(&self, text: &str, highlights: &mut Vec<String>) -> Result<Box<dyn Query>> {
        let terms = self.query_terms(text);
        if terms.is_empty() {
            return Err(Error::Query {
                query: text.to_string(),
                reason: "no searchable word in it".to_string(),
            });
        }
        // The whole phrase first (`**推理需求**`, not `**推理****需求**`), then its words.
        highlights.push(text.split_whitespace().collect::<String>().to_lowercase());
        highlights.extend(terms.iter().cloned());
        let mut fields: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for (field, boost) in [(self.fields.title, 2.0), (self.fields.body, 1.0)] {
            let q: Box<dyn Query> = if terms.len() == 1 {
                Box::new(TermQuery::new(
                    Term::from_field_text(field, &terms[0]),
                    IndexRecordOption::WithFreqs,
                ))
            } else {
                Box::new(PhraseQuery::new(
                    terms
                        .iter()
                        .map(|t| Term::from_field_text(field, t))
                        .collect(),
                ))
            };
            fields.push((Occur::Should, Box::new(BoostQuery::new(q, boost))));
        }
        Ok(Box::new(BooleanQuery::new(fields)))
    }

    fn entity_term(&self, canonical: &str) -> Box<dyn Query> {
        Box::new(TermQuery::new(
            Term::from_field_text(self.fields.entity, canonical),
            IndexRecordOption::Basic,
        ))
    }

    fn clause_query(&self, c: &Clause, highlights: &mut Vec<String>) -> Result<Box<dyn Query>> {
        let dict = self.analyzer.dictionary();
        let unknown = |what: &str, reason: String| Error::Query {
            query: what.to_string(),
            reason,
        };
        Ok(match c {
            Clause::Word(w) => {
                let words = self.words_query(w, highlights)?;
                // An entity alias also finds the entity's other aliases, ranked lower.
                match dict.lookup(w) {
                    Some(e) => {
                        highlights.extend(e.aliases.iter().map(|a| a.name.to_lowercase()));
                        Box::new(BooleanQuery::new(vec![
                            (Occur::Should, words),
                            (
                                Occur::Should,
                                Box::new(BoostQuery::new(self.entity_term(&e.canonical), 0.3)),
                            ),
                        ]))
                    }
                    None => words,
                }
            }
            Clause::Phrase(p) => self.words_query(p, highlights)?,
            Clause::Entity(name) => {
                let e = dict.lookup(name).ok_or_else(|| {
                    unknown(
                        &format!("entity:{name}"),
                        format!("no entity `{name}` in the dictionary (check the spelling; any alias, Chinese or English, works)"),
                    )
                })?;
                highlights.extend(e.aliases.iter().map(|a| a.name.to_lowercase()));
                self.entity_term(&e.canonical)
            }
            Clause::Kind(k) => {
                EntityKind::parse(k).ok_or_else(|| {
                    unknown(
                        &format!("kind:{k}"),
                        format!(
                            "unknown kind `{k}`; use one of {}",
                            EntityKind::ALL.map(|k| k.as_str()).join(", ")
                        ),
                    )
                })?;
                filter(Term::from_field_text(self.fields.kind, k))
            }
            Clause::Source(s) => filter(Term::from_field_text(
                self.fields.source_key,
                &s.to_lowercase(),
            )),
            Clause::Lang(l) => filter(Term::from_field_text(self.fields.lang, l)),
            Clause::Feed(name) => match self.fields.v2 {
                Some(v2) => filter(Term::from_field_text(v2.feed, name)),
                None => {
                    return Err(unknown(
                        &format!("feed:{name}"),
                        "this index was built by an older newslens and knows no feeds; rebuild it with `newslens index --rebuild`".to_string(),
                    ));
                }
            },
        })
    }
}

/// A filter clause (`kind:`, `source:`, `lang:`): it narrows the matches and leaves the ranking
/// to the words (no score of its own, so nothing to compute per matching article).
fn filter(term: Term) -> Box<dyn Query> {
    Box::new(ConstScoreQuery::new(
        Box::new(TermQuery::new(term, IndexRecordOption::Basic)),
        0.0,
    ))
}
