//! Direct quotations and their speakers.
//!
//! 1. **Find** the outermost matched `“…”`, `「…」`, `『…』` and `"…"` pairs of each paragraph;
//!    an opening mark left open at the end of a paragraph whose successor reopens a quotation
//!    is the first part of a quotation that goes on (English convention).
//! 2. **Filter** quoted terms and names (`“抓手”`, `以“字节云”的身份`, the so-called "AI tax"):
//!    short spans without clause punctuation that run on into the sentence or have no speech cue.
//! 3. **Attribute**: quote first (`“……。”张勇表示`, `"…," he said`), speaker first
//!    (`张勇再度重申“……”`, `Huang said: "…"`), or for a quotation standing alone the neighbouring
//!    sentence or paragraph, or the quotation before it. The speaker phrase is the subject of the
//!    speech cue: adverbials (`在此前接受访问时曾`), addressees (`对虎嗅`, `told reporters`) and
//!    modifying clauses (`近期与虎嗅沟通过的`) are cut off, a title is split from the name
//!    (`钉钉总裁` / `叶军`), and pronouns (`他`, `she`) resolve to the nearest named person outside
//!    any quotation.
//! 4. **Indirect speech** (`据…介绍`, `…在报告中指出`, `according to …`) has no marks and is
//!    never reported as a direct quotation; [`QuoteKind::Indirect`] is reserved for it.

mod attribute;
mod check;
mod classify;
mod find;
mod reports;
mod resolve;
mod words;

use check::*;
use find::*;
use words::*;

use super::{content_units, has_han, is_cjk};
use crate::model::{
    Analysis, Attribution, BlockKind, Document, Entity, EntityKind, Quote, QuoteKind, Span, Token,
    TokenKind,
};

/// A matched pair in a paragraph.
#[derive(Debug, Clone, Copy)]
struct Candidate {
    /// Byte offset of the opening mark.
    open: usize,
    /// The text between the marks (trimmed).
    inner: Span,
    /// One past the closing mark (the paragraph end for a continued quotation).
    after: usize,
    /// Index of the paragraph in `paragraphs`.
    para: usize,
    /// Opened but not closed in this paragraph; the next paragraph reopens.
    continued: bool,
}

/// What the extractor knows about the document.
struct Ctx<'a> {
    text: &'a str,
    tokens: &'a [Token],
    entities: &'a [Entity],
    /// Person names the segmenter recognised ([`Analysis::people`]).
    people: &'a [Span],
    paragraphs: Vec<Span>,
    /// Sentence spans of the analysis, in order.
    sentences: Vec<Span>,
    /// Every matched quoted span (marks included), for "outside any quotation" checks.
    quoted: Vec<Span>,
    /// `quoted` with nested spans merged into their outer one: sorted and disjoint, so
    /// [`Ctx::in_quote`] is a binary search, not a scan per token.
    outer: Vec<Span>,
}

/// A speaker phrase cut into name and title.
#[derive(Debug, Default, Clone)]
struct Speaker {
    name: String,
    role: String,
    cue: String,
    /// Where the name (or the pronoun it replaces) stands, for pronoun resolution.
    at: usize,
    /// True when the name is a person's name, not a pronoun or anonymous description.
    named: bool,
    /// True when the cue is attached to the quotation: right after it (`“……”张勇表示`,
    /// `“……”，赵钧陶说`) or right before it (`表示：“`, `告诉虎嗅,“`). Only an attached cue makes
    /// a short span without clause punctuation a quotation.
    attached: bool,
}

/// Every direct quotation of `doc`, in document order, with its speaker.
pub fn extract(doc: &Document, analysis: &Analysis) -> Vec<Quote> {
    extract_with(doc, analysis, false).0
}

/// The direct quotations and, separately, the indirect speech of `doc` (`据…介绍，…`,
/// `…在报告中指出，…`, `援引…称`, `according to …`, `X said (that) …`), each in document order.
/// An indirect report's `text` is the reported clause.
pub fn extract_all(doc: &Document, analysis: &Analysis) -> (Vec<Quote>, Vec<Quote>) {
    extract_with(doc, analysis, true)
}

/// A Traditional article's quotations are found in its Simplified form (cue words, titles and
/// names as the rules know them; folding keeps every offset), then given back the article's
/// own characters.
fn extract_with(doc: &Document, analysis: &Analysis, indirect: bool) -> (Vec<Quote>, Vec<Quote>) {
    let Some(folded) = &doc.folded else {
        return extract_in(doc, &doc.text, analysis, indirect);
    };
    let mut view = analysis.clone();
    for e in &mut view.entities {
        e.text = e.span.slice(folded).to_string();
    }
    let (quotes, reports) = extract_in(doc, folded, &view, indirect);
    let back = |q: Quote| Quote {
        text: q.span.slice(&doc.text).to_string(),
        speaker: unfold(&doc.text, folded, &q.speaker, q.span.start),
        role: unfold(&doc.text, folded, &q.role, q.span.start),
        cue: unfold(&doc.text, folded, &q.cue, q.span.start),
        ..q
    };
    (
        quotes.into_iter().map(back).collect(),
        reports.into_iter().map(back).collect(),
    )
}

/// `s`, a piece of `folded`, as `original` writes it: the bytes of its occurrence nearest to
/// `near` (folding keeps the layout); `s` itself when it does not occur.
fn unfold(original: &str, folded: &str, s: &str, near: usize) -> String {
    if s.is_empty() {
        return String::new();
    }
    folded
        .match_indices(s)
        .map(|(at, _)| at)
        .min_by_key(|&at| at.abs_diff(near))
        .map_or_else(
            || s.to_string(),
            |at| original[at..at + s.len()].to_string(),
        )
}

/// [`extract_with`] over `text` (the article's text, or its folded form).
fn extract_in(
    doc: &Document,
    text: &str,
    analysis: &Analysis,
    indirect: bool,
) -> (Vec<Quote>, Vec<Quote>) {
    let paragraphs: Vec<Span> = doc
        .blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Paragraph)
        .map(|b| b.span)
        .collect();
    let mut ctx = Ctx {
        text,
        tokens: &analysis.tokens,
        entities: &analysis.entities,
        people: &analysis.people,
        paragraphs,
        sentences: analysis.sentences.iter().map(|s| s.span).collect(),
        quoted: Vec::new(),
        outer: Vec::new(),
    };
    let candidates = find_candidates(&mut ctx);
    let mut quotes: Vec<(Candidate, Option<Speaker>, Attribution)> = Vec::new();
    for c in candidates {
        if let Some(s) = ctx.citation(&c) {
            quotes.push((c, Some(s), Attribution::SpeakerFirst));
            continue;
        }
        // `文章提到“A”、“B”`: a list after a quotation goes on quoting its speaker.
        if let Some((prev, Some(s), _)) = quotes.last()
            && prev.para == c.para
            && prev.after <= c.open
            && ctx.text[prev.after..c.open].trim() == "、"
            && !s.name.is_empty()
        {
            let s = s.clone();
            quotes.push((c, Some(s), Attribution::Series));
            continue;
        }
        let first = ctx.quote_first(&c);
        let speaker_first = ctx.speaker_first(&c);
        let starts_sentence = ctx.starts_sentence(c.open);
        let ((primary, p_how), (secondary, s_how)) = if starts_sentence {
            (
                (first, Attribution::QuoteFirst),
                (speaker_first, Attribution::SpeakerFirst),
            )
        } else {
            (
                (speaker_first, Attribution::SpeakerFirst),
                (first, Attribution::QuoteFirst),
            )
        };
        let (speaker, how) = match (primary, secondary) {
            (Some(p), _) if !p.name.is_empty() => (Some(p), p_how),
            (_, Some(s)) if !s.name.is_empty() => (Some(s), s_how),
            (Some(p), _) => (Some(p), p_how),
            (None, Some(s)) => (Some(s), s_how),
            (None, None) => (None, Attribution::None),
        };
        // `杜根表示，……因为“……”，“……”。`: words quoted inside reported speech.
        let (speaker, how) = match speaker {
            Some(s) if !s.name.is_empty() => (Some(s), how),
            other => match if ctx.is_english(&c) {
                ctx.partial_quote_speaker(&c)
            } else {
                ctx.reported_speaker(&c)
            } {
                Some(s) => (Some(s), Attribution::SpeakerFirst),
                None => (other, how),
            },
        };
        if ctx.is_term(&c, speaker.as_ref().is_some_and(|s| s.attached)) {
            continue;
        }
        quotes.push((c, speaker, how));
    }
    // A series of quotations with nothing between them (`“A！”“B！”……网友这样留言`) shares
    // the speaker its last one is attributed to.
    for k in (0..quotes.len().saturating_sub(1)).rev() {
        let (c, next) = (quotes[k].0, quotes[k + 1].0);
        let adjacent = c.after <= next.open
            && ctx.text[c.after..next.open]
                .chars()
                .all(|ch| ch.is_whitespace() || matches!(ch, '…' | '、'))
            && c.para == next.para;
        if adjacent
            && quotes[k].1.as_ref().is_none_or(|s| s.name.is_empty())
            && let Some(s) = quotes[k + 1].1.clone().filter(|s| !s.name.is_empty())
        {
            quotes[k].1 = Some(s);
            quotes[k].2 = Attribution::Series;
        }
    }
    // Quotations standing alone: the quotation before in the same paragraph, else the
    // neighbouring sentence or paragraph.
    for k in 0..quotes.len() {
        if quotes[k].1.is_some() || quotes[k].0.continued {
            continue;
        }
        let c = quotes[k].0;
        let previous = k
            .checked_sub(1)
            .map(|p| &quotes[p])
            .filter(|p| p.0.para == c.para && p.1.as_ref().is_some_and(|s| !s.name.is_empty()))
            .and_then(|p| p.1.clone());
        // `“…,” Espinoza said Friday.⏎⏎“I am a proven champion …”`: a paragraph that opens
        // with a quotation nobody is named for goes on quoting the speaker of the paragraph
        // before, when that paragraph ended with a quotation of theirs.
        let carried = || {
            let p = quotes[..k].last()?;
            let s = p.1.clone().filter(|s| !s.name.is_empty())?;
            let para = ctx.paragraphs[c.para];
            let prev_para = ctx.paragraphs[p.0.para];
            let opens = ctx.text[para.start..c.open].trim().is_empty();
            let last_words = ctx.text[p.0.after..prev_para.end].chars().count() <= 80;
            (p.0.para + 1 == c.para && opens && last_words).then_some(s)
        };
        let found = previous.or_else(|| ctx.neighbour(&c)).or_else(carried);
        if let Some(s) = found {
            quotes[k].1 = Some(s);
            quotes[k].2 = Attribution::Neighbour;
        }
    }
    // A continued quotation takes the speaker of its rest (the next quotation).
    for k in (0..quotes.len()).rev() {
        if quotes[k].0.continued
            && let Some(next) = quotes.get(k + 1).and_then(|n| n.1.clone())
        {
            quotes[k].1 = Some(next);
            quotes[k].2 = Attribution::Continuation;
        }
    }
    // The rest of a continued quotation takes the speaker of its first part.
    for k in 1..quotes.len() {
        if quotes[k - 1].0.continued
            && quotes[k].0.para == quotes[k - 1].0.para + 1
            && quotes[k].1.as_ref().is_none_or(|s| s.name.is_empty())
            && let Some(first) = quotes[k - 1].1.clone()
        {
            quotes[k].1 = Some(first);
            quotes[k].2 = Attribution::Continuation;
        }
    }
    // Pronouns → the nearest named person before them, outside quotations.
    let mut named = ctx.named_mentions();
    for (_, s, _) in &quotes {
        if let Some(s) = s
            && s.named
            && let Some(name) = checked(&s.name)
            && !is_pronoun(&name)
        {
            named.push((s.at, name));
        }
    }
    // Every later mention of a name already known as a speaker (`梁子超给出……`).
    let names: std::collections::BTreeSet<String> = named
        .iter()
        .map(|(_, n)| n.clone())
        .filter(|n| n.chars().count() >= 2)
        .collect();
    // (One pass over the text for all of them.)
    let names: Vec<String> = names.into_iter().collect();
    let finder = crate::analyze::literals::Literals::new(&names);
    for m in finder.overlapping(ctx.text) {
        if !ctx.in_quote(m.start) {
            named.push((m.start, names[m.pattern].clone()));
        }
    }
    named.sort();
    named.dedup();
    let dotted = dotted_by_recency(&named);
    let known = Known::new(&named, ctx.entities);
    let mut out: Vec<Quote> = Vec::with_capacity(quotes.len());
    let mut previous: Option<(usize, String, usize)> = None;
    for (c, speaker, how) in quotes {
        let mut s = speaker.unwrap_or_default();
        if !s.name.is_empty() {
            s.name = checked(&s.name).unwrap_or_default();
        }
        // `"…," said the regional manager. "…," he added.`: a pronoun right after a quotation
        // of the same paragraph is its speaker, named or not, unless someone else has been
        // named since (`… Le-May said. Marina Pacheco told CNN … "…," she said.`).
        match &previous {
            Some((para, name, since))
                if *para == c.para
                    && is_pronoun(&s.name)
                    && !named[named.partition_point(|(at, _)| at < since)..]
                        .iter()
                        .take_while(|(at, _)| *at < s.at)
                        .any(|(_, n)| !same_person(n, name)) =>
            {
                s.name = name.clone()
            }
            _ => ctx.resolve(&named, &mut s),
        }
        if stands_for_nobody(&s.name) {
            s.name.clear();
        }
        if !s.name.is_empty() && !ctx.is_english(&c) {
            // `在陈晓东看来`
            for part in [&mut s.name, &mut s.role] {
                if let Some(rest) = part.strip_prefix('在') {
                    *part = rest.to_string();
                }
            }
            if !ctx.is_speaker_phrase(&s.name, &known) {
                s.name = ctx.titled_prefix(&s.name, &known).unwrap_or_default();
            } else if let Some((name, title)) = title_after(&s.name) {
                s.name = name;
                s.role = if s.role.is_empty() {
                    title
                } else {
                    format!("{}{title}", s.role)
                };
            }
        }
        s.name = full_dotted_name(&dotted, &s.name);
        // A quotation standing alone in a passage about someone is theirs.
        if s.name.is_empty()
            && !ctx.is_english(&c)
            && let Some(topic) = ctx.topic(&named, &dotted, &c)
            && !is_pronoun(&topic)
            && !stands_for_nobody(&topic)
            && checked(&topic).is_some_and(|t| t == topic)
            && ctx.is_speaker_phrase(&topic, &known)
        {
            s.name = topic;
        }
        previous = (!s.name.is_empty()).then(|| (c.para, s.name.clone(), c.after.max(s.at)));
        let how = if s.name.is_empty() && s.cue.is_empty() {
            Attribution::None
        } else {
            how
        };
        out.push(Quote {
            kind: QuoteKind::Direct,
            text: c.inner.slice(ctx.text).to_string(),
            span: c.inner,
            speaker: s.name,
            role: s.role,
            cue: s.cue,
            attribution: how,
        });
    }
    let reports = if indirect {
        ctx.reports()
            .into_iter()
            .map(|(span, mut s)| {
                ctx.resolve(&named, &mut s);
                Quote {
                    kind: QuoteKind::Indirect,
                    text: span.slice(ctx.text).to_string(),
                    span,
                    speaker: s.name,
                    role: s.role,
                    cue: s.cue,
                    attribution: Attribution::SpeakerFirst,
                }
            })
            .collect()
    } else {
        Vec::new()
    };
    (out, reports)
}

fn trim(text: &str, start: usize, end: usize) -> Span {
    Span::new(start, end).trimmed(text)
}

use crate::analyze::floor_char;

impl Ctx<'_> {
    /// The entity mentions that start in `[start, end)` (mentions are in text order). Lookups
    /// here and below are binary searches: a long article has thousands of candidates, and a
    /// scan of all mentions, sentences or quotations per candidate made it quadratic.
    pub(super) fn entities_from(&self, start: usize, end: usize) -> &[Entity] {
        let a = self.entities.partition_point(|e| e.span.start < start);
        let b = self.entities.partition_point(|e| e.span.start < end);
        &self.entities[a..b.max(a)]
    }

    /// The quoted spans (sorted by start) that start in `[start, end)`.
    pub(super) fn quoted_from(&self, start: usize, end: usize) -> &[Span] {
        let a = self.quoted.partition_point(|q| q.start < start);
        let b = self.quoted.partition_point(|q| q.start < end);
        &self.quoted[a..b.max(a)]
    }

    pub(super) fn in_quote(&self, at: usize) -> bool {
        let k = self.outer.partition_point(|q| q.start < at);
        k > 0 && at < self.outer[k - 1].end
    }

    pub(super) fn sentence_at(&self, at: usize) -> Option<Span> {
        let k = self.sentences.partition_point(|s| s.end <= at);
        self.sentences.get(k).copied().filter(|s| s.start <= at)
    }

    pub(super) fn paragraph_of(&self, at: usize) -> Span {
        let k = self.paragraphs.partition_point(|s| s.end <= at);
        self.paragraphs[k.min(self.paragraphs.len() - 1)]
    }

    /// True when only whitespace or a closed quotation precedes `open` in its sentence.
    pub(super) fn starts_sentence(&self, open: usize) -> bool {
        let start = self.sentence_at(open).map_or(open, |s| s.start);
        let before = &self.text[start..open];
        before.trim().is_empty() || {
            // `“A。”“B。”` or `"A," he said. "B"`: the sentence opened with a quotation.
            self.quoted_from(start, start + 1)
                .iter()
                .any(|q| q.end <= open)
                && !self.text[start..open].contains(['，', ','])
        }
    }

    /// True when the quotation has no Han character (English attribution rules apply).
    pub(super) fn is_english(&self, c: &Candidate) -> bool {
        !has_han(c.inner.slice(self.text))
    }

    pub(super) fn tokens_in(&self, start: usize, end: usize) -> &[Token] {
        let a = self.tokens.partition_point(|t| t.span.start < start);
        let b = self.tokens.partition_point(|t| t.span.start < end);
        &self.tokens[a..b.max(a)]
    }
}

#[cfg(test)]
mod tests;

/// `Pacheco` and `Marina Pacheco`, `Mr. Chen` and `Chen Hao`: one names the other.
fn same_person(a: &str, b: &str) -> bool {
    let last = |s: &str| s.split_whitespace().last().unwrap_or("").to_string();
    a == b
        || a.ends_with(b)
        || b.ends_with(a)
        || (a.is_ascii() && b.is_ascii() && last(a) == last(b))
}
