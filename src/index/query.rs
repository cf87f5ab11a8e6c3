//! The search query language, parsed into plain data (no tantivy here).
//!
//! ```text
//! 英伟达 A800            both words (all words must match)
//! "exact phrase"         the words next to each other, in order (also “…”)
//! 云计算 OR 人工智能      either
//! -exclude               not this word, phrase or filter
//! entity:NVIDIA          articles that mention the entity, under any alias (英伟达, Nvidia)
//! kind:chip              articles that mention an entity of this kind
//! source:Reuters         the article's source, the outlet (case-insensitive)
//! feed:news.jsonl        the feed it was indexed from (exact name)
//! lang:zh  lang:en       the article's language
//! ```

use crate::error::{Error, Result};

/// One condition of a query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Clause {
    /// A word (segmented like the text; several words in one run behave as a phrase).
    Word(String),
    /// An exact phrase.
    Phrase(String),
    /// `entity:NAME`: any alias of the entity.
    Entity(String),
    /// `kind:KIND`: any entity of this kind.
    Kind(String),
    /// `source:NAME`: the outlet, case-insensitive.
    Source(String),
    /// `feed:NAME`: the feed, exactly.
    Feed(String),
    /// `lang:zh|en`.
    Lang(String),
}

/// A parsed query: every group must match (a group matches when any of its clauses does), and
/// no excluded clause may match.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ParsedQuery {
    /// Groups of alternatives joined by `OR`; all groups must match.
    pub must: Vec<Vec<Clause>>,
    /// `-clause`: must not match.
    pub must_not: Vec<Clause>,
}

impl ParsedQuery {
    /// Every clause, required or alternative or excluded.
    pub fn clauses(&self) -> impl Iterator<Item = &Clause> {
        self.must.iter().flatten().chain(&self.must_not)
    }
}

/// The field names `name:value` accepts.
pub const FIELDS: [&str; 5] = ["entity", "kind", "source", "feed", "lang"];

/// Parses `query`; errors name the query and the problem.
pub fn parse(query: &str) -> Result<ParsedQuery> {
    let bad = |reason: String| Error::Query {
        query: query.to_string(),
        reason,
    };
    let mut parsed = ParsedQuery::default();
    let mut pending_or = false;
    let chars: Vec<(usize, char)> = query.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (at, c) = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        // One item: [-][field:](word | "phrase")
        let negated = c == '-';
        if negated {
            i += 1;
            if i >= chars.len() || chars[i].1.is_whitespace() {
                return Err(bad(format!(
                    "a lone `-` at character {}: put the word to exclude right after it (-word)",
                    char_pos(query, at) + 1
                )));
            }
        }
        let start = i;
        let mut field: Option<String> = None;
        // field prefix: ASCII letters then ':'
        let mut j = i;
        while j < chars.len() && chars[j].1.is_ascii_alphabetic() {
            j += 1;
        }
        if j > i && j < chars.len() && chars[j].1 == ':' {
            let name: String = chars[i..j].iter().map(|x| x.1).collect();
            if !FIELDS.contains(&name.to_ascii_lowercase().as_str()) {
                return Err(bad(format!(
                    "unknown field `{name}:`; use one of {}",
                    FIELDS.map(|f| format!("{f}:")).join(", ")
                )));
            }
            field = Some(name.to_ascii_lowercase());
            i = j + 1;
        }
        let (value, quoted, next) = if i < chars.len() && matches!(chars[i].1, '"' | '“') {
            let close = if chars[i].1 == '"' { '"' } else { '”' };
            let from = i + 1;
            let Some(k) = chars[from..].iter().position(|x| x.1 == close) else {
                return Err(bad(format!(
                    "the quotation mark at character {} is not closed",
                    char_pos(query, chars[i].0) + 1
                )));
            };
            let value: String = chars[from..from + k].iter().map(|x| x.1).collect();
            (value, true, from + k + 1)
        } else {
            let mut k = i;
            while k < chars.len() && !chars[k].1.is_whitespace() {
                if matches!(chars[k].1, '"' | '“' | '”') {
                    return Err(bad(format!(
                        "a quotation mark inside a word at character {}; put phrases in quotes with spaces around them",
                        char_pos(query, chars[k].0) + 1
                    )));
                }
                k += 1;
            }
            (
                chars[i..k].iter().map(|x| x.1).collect::<String>(),
                false,
                k,
            )
        };
        i = next;
        let value = value.trim().to_string();
        if !quoted && field.is_none() && !negated && value == "OR" {
            if parsed.must.is_empty() || pending_or {
                return Err(bad("`OR` needs a word on each side".to_string()));
            }
            pending_or = true;
            continue;
        }
        if value.is_empty() {
            let what = field.map_or("phrase".to_string(), |f| format!("`{f}:`"));
            return Err(bad(format!(
                "empty {what} at character {}",
                char_pos(query, chars[start].0) + 1
            )));
        }
        let clause = match field.as_deref() {
            Some("entity") => Clause::Entity(value),
            Some("kind") => Clause::Kind(value.to_ascii_lowercase()),
            Some("source") => Clause::Source(value),
            Some("feed") => Clause::Feed(value),
            Some("lang") => {
                let lang = crate::model::Lang::parse(&value)
                    .ok_or_else(|| bad(format!("`lang:{value}`: use lang:zh or lang:en")))?;
                Clause::Lang(lang.code().to_string())
            }
            _ if quoted => Clause::Phrase(value),
            _ => Clause::Word(value),
        };
        if negated {
            if pending_or {
                return Err(bad("`OR` cannot join an excluded term".to_string()));
            }
            parsed.must_not.push(clause);
        } else if pending_or {
            parsed.must.last_mut().expect("checked above").push(clause);
            pending_or = false;
        } else {
            parsed.must.push(vec![clause]);
        }
    }
    if pending_or {
        return Err(bad("`OR` needs a word on each side".to_string()));
    }
    if parsed.must.is_empty() {
        return Err(bad(if parsed.must_not.is_empty() {
            "the query is empty".to_string()
        } else {
            "a query needs at least one word, phrase or filter that must match, not only exclusions"
                .to_string()
        }));
    }
    Ok(parsed)
}

fn char_pos(s: &str, byte: usize) -> usize {
    s[..byte].chars().count()
}

#[cfg(test)]
mod tests {
    use super::Clause::*;
    use super::*;

    fn w(s: &str) -> Clause {
        Word(s.into())
    }

    #[test]
    fn parses_the_query_language() {
        /// (query, required groups, excluded clauses)
        type Case = (&'static str, Vec<Vec<Clause>>, Vec<Clause>);
        let cases: &[Case] = &[
            (
                "英伟达 A800",
                vec![vec![w("英伟达")], vec![w("A800")]],
                vec![],
            ),
            (
                "\"exact phrase\" x",
                vec![vec![Phrase("exact phrase".into())], vec![w("x")]],
                vec![],
            ),
            (
                "“云计算 发展”",
                vec![vec![Phrase("云计算 发展".into())]],
                vec![],
            ),
            (
                "云计算 OR 人工智能",
                vec![vec![w("云计算"), w("人工智能")]],
                vec![],
            ),
            (
                "a OR b OR c d",
                vec![vec![w("a"), w("b"), w("c")], vec![w("d")]],
                vec![],
            ),
            ("chips -Intel", vec![vec![w("chips")]], vec![w("Intel")]),
            (
                "x -\"old news\"",
                vec![vec![w("x")]],
                vec![Phrase("old news".into())],
            ),
            (
                "entity:NVIDIA kind:Chip lang:zh-CN source:\"Tech Daily\"",
                vec![
                    vec![Entity("NVIDIA".into())],
                    vec![Kind("chip".into())],
                    vec![Lang("zh".into())],
                    vec![Source("Tech Daily".into())],
                ],
                vec![],
            ),
            (
                "x -entity:英伟达",
                vec![vec![w("x")]],
                vec![Entity("英伟达".into())],
            ),
            (
                "10:30 meeting",
                vec![vec![w("10:30")], vec![w("meeting")]],
                vec![],
            ),
        ];
        for (q, must, must_not) in cases {
            let p = parse(q).unwrap_or_else(|e| panic!("{q}: {e}"));
            assert_eq!(&p.must, must, "{q}");
            assert_eq!(&p.must_not, must_not, "{q}");
        }
    }

    #[test]
    fn bad_queries_say_what_is_wrong() {
        let cases = [
            ("\"unbalanced", "not closed"),
            ("a \"b", "character 3"),
            ("author:x", "unknown field `author:`"),
            ("a - b", "lone `-`"),
            ("-", "lone `-`"),
            ("OR x", "`OR` needs a word"),
            ("x OR", "`OR` needs a word"),
            ("x OR OR y", "`OR` needs a word"),
            ("-x", "not only exclusions"),
            ("   ", "empty"),
            ("lang:fr", "lang:zh or lang:en"),
            ("entity:", "empty `entity:`"),
            ("ab\"c", "inside a word"),
        ];
        for (q, want) in cases {
            let e = parse(q).expect_err(q).to_string();
            assert!(e.contains(want), "{q}: {e}");
        }
    }
}
