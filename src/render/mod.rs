//! Render: results → bytes. Text for people (aligned, CJK-width aware), JSON Lines for programs.
//! The only module that writes output.

#[cfg(feature = "charts")]
pub mod chart;
mod index;
pub mod json;

pub use index::{
    change_message, digest_text, search_text, sparkline, stats_text, trends_csv, trends_text,
};

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde::Serialize;
use unicode_width::UnicodeWidthStr;

use crate::model::{
    Analysis, Attribution, BlockKind, Document, Entity, EntityKind, Keyword, Quote, Summary, Token,
};
use crate::model::{EntityDef, KindStats, Suggestion};
use crate::summarize::Summarizer;

/// Output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// Human-readable text.
    #[default]
    Text,
    /// One JSON object per document per line.
    Json,
}

/// A writer that makes terminal control characters visible, so that article text cannot move
/// the cursor, retitle the window or ring the bell: C0 controls other than newline and tab,
/// DEL and the C1 controls (U+0080–U+009F) are written as `\x1b` / `\u009b`. JSON output
/// stays valid JSON with the same strings: serde escapes the C0 controls itself, and DEL and the
/// C1 controls, which serde writes raw, become the JSON escapes `\u007f` / `\u009b`.
pub struct Escaped<W: Write> {
    inner: W,
    /// The last byte written was 0xC2, the lead byte of a C1 control or of U+00A0–U+00BF.
    lead: bool,
}

impl<W: Write> Escaped<W> {
    /// Wraps `inner`.
    pub fn new(inner: W) -> Self {
        Escaped { inner, lead: false }
    }
}

/// Whether byte `b` is written other than as itself by [`Escaped`] (a C0 control other than
/// newline and tab, DEL, or the lead byte 0xC2 of a possible C1 control).
fn escaped_byte(b: u8) -> bool {
    (b < 0x20 && b != b'\n' && b != b'\t') | (b == 0x7f) | (b == 0xc2)
}

/// The length of the prefix of `buf` that [`Escaped`] writes as it is: tested 32 bytes at a
/// time in a loop the compiler vectorizes, since nearly all text is such bytes.
fn plain_prefix(buf: &[u8]) -> usize {
    const BLOCK: usize = 32;
    let mut at = 0;
    for block in buf.chunks_exact(BLOCK) {
        if block.iter().fold(false, |any, &b| any | escaped_byte(b)) {
            break;
        }
        at += BLOCK;
    }
    at + buf[at..]
        .iter()
        .position(|&b| escaped_byte(b))
        .unwrap_or(buf.len() - at)
}

impl<W: Write> Write for Escaped<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let mut i = 0;
        if !buf.is_empty() && std::mem::take(&mut self.lead) {
            if (0x80..=0x9f).contains(&buf[0]) {
                write!(self.inner, "\\u{:04x}", buf[0])?;
                i = 1;
            } else {
                self.inner.write_all(&[0xc2])?;
            }
        }
        // Runs of plain bytes go through as they are; only the bytes between them are looked at.
        while i < buf.len() {
            let plain = plain_prefix(&buf[i..]);
            self.inner.write_all(&buf[i..i + plain])?;
            i += plain;
            let Some(&b) = buf.get(i) else { break };
            i += 1;
            match b {
                0xc2 => match buf.get(i) {
                    Some(&next) if (0x80..=0x9f).contains(&next) => {
                        write!(self.inner, "\\u{next:04x}")?;
                        i += 1;
                    }
                    Some(_) => self.inner.write_all(&[0xc2])?,
                    None => self.lead = true,
                },
                0x7f => self.inner.write_all(b"\\u007f")?,
                _ => write!(self.inner, "\\x{b:02x}")?,
            }
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if std::mem::take(&mut self.lead) {
            self.inner.write_all(&[0xc2])?;
        }
        self.inner.flush()
    }
}

/// `s` with terminal control characters made visible, as [`Escaped`] writes them (for messages
/// that quote file names, ids or text).
pub fn visible(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.chars().any(|c| c.is_control() && c != '\n' && c != '\t') {
        return s.into();
    }
    let mut out = Escaped::new(Vec::with_capacity(s.len() + 8));
    // Writing to a Vec cannot fail.
    let _ = out.write_all(s.as_bytes()).and_then(|()| out.flush());
    String::from_utf8_lossy(&out.inner).into_owned().into()
}

/// Writes `value` as one compact JSON line.
pub fn json_line<W: Write, T: Serialize>(w: &mut W, value: &T) -> io::Result<()> {
    serde_json::to_writer(&mut *w, value).map_err(io::Error::other)?;
    w.write_all(b"\n")
}

/// Pads `s` with spaces to `width` display columns (CJK characters count two).
pub(crate) fn pad(s: &str, width: usize) -> String {
    let w = UnicodeWidthStr::width(s);
    let mut out = s.to_string();
    out.extend(std::iter::repeat_n(' ', width.saturating_sub(w)));
    out
}

/// Pads `s` on the left with spaces to `width` display columns (numbers in a table).
pub(crate) fn pad_left(s: &str, width: usize) -> String {
    let w = UnicodeWidthStr::width(s);
    let mut out: String = std::iter::repeat_n(' ', width.saturating_sub(w)).collect();
    out.push_str(s);
    out
}

/// A header line naming the document, used when several documents are printed.
pub fn header<W: Write>(w: &mut W, doc: &Document) -> io::Result<()> {
    match doc.origin.line {
        Some(line) => writeln!(w, "==> {} ({}:{}) <==", doc.id, doc.origin.path, line),
        None => writeln!(w, "==> {} <==", doc.id),
    }
}

/// Tokens separated by spaces, one output line per input line.
pub fn segment_text<W: Write>(w: &mut W, text: &str, tokens: &[Token]) -> io::Result<()> {
    let mut buf = Vec::with_capacity(text.len() + text.len() / 4);
    segment_bytes(&mut buf, text, tokens);
    w.write_all(&buf)
}

/// [`segment_text`] appended to `buf`: the output built in memory and written in one call, not
/// token by token (what a caller rendering on a worker thread uses).
pub fn segment_bytes(buf: &mut Vec<u8>, text: &str, tokens: &[Token]) {
    let mut prev_end = 0;
    // Where the current output line starts in `buf` (the line is empty while nothing follows).
    let mut line = buf.len();
    for t in tokens {
        if buf.len() > line && text.as_bytes()[prev_end..t.span.start].contains(&b'\n') {
            buf.push(b'\n');
            line = buf.len();
        }
        if buf.len() > line {
            buf.push(b' ');
        }
        buf.extend_from_slice(t.span.slice(text).as_bytes());
        prev_end = t.span.end;
    }
    if buf.len() > line {
        buf.push(b'\n');
    }
}

/// One mention per line: offsets, kind, canonical name, surface text.
pub fn entities_text<W: Write>(w: &mut W, entities: &[Entity]) -> io::Result<()> {
    let canon_w = entities
        .iter()
        .map(|e| UnicodeWidthStr::width(e.canonical.as_str()))
        .max()
        .unwrap_or(0);
    for e in entities {
        writeln!(
            w,
            "{:>6}-{:<6} {} {} {}",
            e.span.start,
            e.span.end,
            pad(e.kind.as_str(), 7),
            pad(&e.canonical, canon_w),
            // (A name wrapped over two lines shows on one.)
            e.text.split_whitespace().collect::<Vec<_>>().join(" ")
        )?;
    }
    Ok(())
}

/// Ranked keywords: rank, weight, count, term, entity.
pub fn keywords_text<W: Write>(w: &mut W, keywords: &[Keyword]) -> io::Result<()> {
    let term_w = keywords
        .iter()
        .map(|k| UnicodeWidthStr::width(k.term.as_str()))
        .max()
        .unwrap_or(0);
    for (i, k) in keywords.iter().enumerate() {
        let ent = match &k.entity {
            Some(c) if *c != k.term => format!("  [{c}]"),
            Some(_) => "  [entity]".to_string(),
            None => String::new(),
        };
        writeln!(
            w,
            "{:>3}. {} {:>9.4} ×{}{}",
            i + 1,
            pad(&k.term, term_w),
            k.weight,
            k.count,
            ent
        )?;
    }
    Ok(())
}

/// Entities grouped by canonical name with mention counts, most mentioned first.
pub(crate) fn entity_summary(entities: &[Entity]) -> Vec<(&str, EntityKind, usize, Vec<&str>)> {
    let mut by: BTreeMap<&str, (EntityKind, usize, Vec<&str>)> = BTreeMap::new();
    for e in entities {
        let slot = by.entry(&e.canonical).or_insert((e.kind, 0, Vec::new()));
        slot.1 += 1;
        if !slot.2.contains(&e.text.as_str()) {
            slot.2.push(&e.text);
        }
    }
    let mut v: Vec<_> = by.into_iter().map(|(c, (k, n, s))| (c, k, n, s)).collect();
    v.sort_by(|a, b| b.2.cmp(&a.2).then(a.0.cmp(b.0)));
    v
}

/// A readable report of one analysed document.
pub fn analyze_text<W: Write>(w: &mut W, doc: &Document, a: &Analysis) -> io::Result<()> {
    let text = &doc.text;
    writeln!(w, "{}", doc.meta.title.as_deref().unwrap_or(&doc.id))?;
    writeln!(
        w,
        "{}",
        "=".repeat(
            UnicodeWidthStr::width(doc.meta.title.as_deref().unwrap_or(&doc.id)).clamp(3, 80)
        )
    )?;
    let m = &doc.meta;
    let fields = [
        ("file", Some(doc.origin.path.as_str())),
        ("author", m.author.as_deref()),
        ("date", m.date.as_deref()),
        ("source", m.source.as_deref()),
        ("url", m.url.as_deref()),
    ];
    for (k, v) in fields {
        if let Some(v) = v {
            writeln!(w, "{k:<9}{v}")?;
        }
    }
    // `zh-Hans` / `zh-Hant` for Chinese (BCP 47), `en` for English.
    let script = match doc.lang {
        crate::model::Lang::Zh => format!("-{}", doc.script.code()),
        crate::model::Lang::En => String::new(),
    };
    writeln!(
        w,
        "{:<9}{}{script} ({}), {} bytes",
        "language",
        doc.lang.code(),
        doc.encoding,
        text.len()
    )?;
    for b in &m.bylines {
        writeln!(w, "{:<9}{} | {}", "byline", b.label, b.value)?;
    }
    let headings: Vec<&str> = doc
        .blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Heading)
        .map(|b| b.span.slice(text))
        .collect();
    if !headings.is_empty() {
        writeln!(w, "\nHeadings")?;
        for h in headings {
            writeln!(w, "  - {h}")?;
        }
    }
    writeln!(w, "\nSentences ({})", a.sentences.len())?;
    let width = a.sentences.len().to_string().len();
    for (i, s) in a.sentences.iter().enumerate() {
        writeln!(w, "  {:>width$}. {}", i + 1, s.span.slice(text))?;
    }
    let summary = entity_summary(&a.entities);
    writeln!(
        w,
        "\nEntities ({} mentions of {} entities)",
        a.entities.len(),
        summary.len()
    )?;
    let cw = summary
        .iter()
        .map(|s| UnicodeWidthStr::width(s.0))
        .max()
        .unwrap_or(0);
    for (canon, kind, n, surfaces) in summary {
        writeln!(
            w,
            "  {} {} ×{:<3} {}",
            pad(canon, cw),
            pad(kind.as_str(), 7),
            n,
            surfaces.join(", ")
        )?;
    }
    writeln!(w, "\nKeywords")?;
    let mut buf = Vec::new();
    keywords_text(&mut buf, &a.keywords)?;
    for line in String::from_utf8_lossy(&buf).lines() {
        writeln!(w, "  {line}")?;
    }
    writeln!(w, "\nTokens: {}", a.tokens.len())?;
    Ok(())
}

/// `dict suggest`: the suggestions as a dictionary file, ready to review and load with
/// `--dict` — entries sorted by canonical name as the loader wants, each after comment lines
/// with its rank, counts, evidence and example passages.
pub fn suggestions_text<W: Write>(
    w: &mut W,
    suggestions: &[Suggestion],
    documents: usize,
) -> io::Result<()> {
    writeln!(
        w,
        "# {} name(s) from {documents} document(s) that the dictionary does not know, suggested by",
        suggestions.len()
    )?;
    writeln!(
        w,
        "# `newslens dict suggest`. Review each entry (kind, aliases), delete what is wrong, save the"
    )?;
    writeln!(
        w,
        "# file in a directory and use it with `--dict DIR`; `newslens dict check DIR` lints it."
    )?;
    writeln!(w, "# kind | canonical | aliases | parent | note")?;
    let mut sorted: Vec<&Suggestion> = suggestions.iter().collect();
    sorted.sort_by_key(|s| crate::analyze::entity::dictionary::sort_key(&s.canonical));
    for s in sorted {
        let evidence: Vec<&str> = s
            .evidence
            .iter()
            .map(|e| match e {
                crate::model::Evidence::Form => "form",
                crate::model::Evidence::Speaker => "speaker",
                crate::model::Evidence::PartOfSpeech => "part of speech",
                crate::model::Evidence::Latin => "capitals",
            })
            .collect();
        writeln!(w)?;
        writeln!(
            w,
            "# #{} — {} mention(s) in {} document(s); found by {}",
            s.rank,
            s.mentions,
            s.documents,
            evidence.join(", ")
        )?;
        for e in &s.examples {
            writeln!(w, "#   {}: {}", e.doc, e.text)?;
        }
        let aliases: Vec<String> = s
            .aliases
            .iter()
            .map(|a| {
                format!(
                    "{}{}{}",
                    if a.contextual { "?" } else { "" },
                    if a.case_sensitive { "=" } else { "" },
                    a.name
                )
            })
            .collect();
        writeln!(
            w,
            "{} | {} | {} |  | suggested: {} mention(s) in {} document(s)",
            s.kind.as_str(),
            s.canonical,
            aliases.join(", "),
            s.mentions,
            s.documents
        )?;
    }
    Ok(())
}

/// `dict stats`: a table of entities and aliases per kind.
pub fn dict_stats_text<W: Write>(w: &mut W, kinds: &[KindStats]) -> io::Result<()> {
    writeln!(
        w,
        "{:<8} {:>8} {:>8} {:>8} {:>8} {:>6} {:>8} {:>7}",
        "kind", "entities", "aliases", "chinese", "latin", "=case", "!exclude", "parent"
    )?;
    let row = |w: &mut W, name: &str, k: &KindStats| {
        writeln!(
            w,
            "{:<8} {:>8} {:>8} {:>8} {:>8} {:>6} {:>8} {:>7}",
            name,
            k.entities,
            k.aliases,
            k.chinese,
            k.latin,
            k.case_sensitive,
            k.exclusions,
            k.with_parent
        )
    };
    let mut total = KindStats::zero(EntityKind::Vendor);
    for k in kinds {
        row(w, k.kind.as_str(), k)?;
        total.add(k);
    }
    row(w, "total", &total)
}

/// `dict lookup`: the entity a name resolves to, with its aliases, parent, children and place.
pub fn dict_entry_text<W: Write>(
    w: &mut W,
    query: &str,
    e: &EntityDef,
    children: &[&EntityDef],
) -> io::Result<()> {
    writeln!(w, "{query} → {} ({})", e.canonical, e.kind.as_str())?;
    let aliases: Vec<String> = e
        .aliases
        .iter()
        .map(|a| {
            format!(
                "{}{}{}",
                if a.exclude { "!" } else { "" },
                if a.case_sensitive { "=" } else { "" },
                a.name
            )
        })
        .collect();
    writeln!(w, "  aliases:  {}", aliases.join(", "))?;
    if let Some(p) = &e.parent {
        writeln!(w, "  parent:   {p}")?;
    }
    if !children.is_empty() {
        let names: Vec<String> = children
            .iter()
            .map(|c| format!("{} ({})", c.canonical, c.kind.as_str()))
            .collect();
        writeln!(w, "  children: {}", names.join(", "))?;
    }
    if let Some(n) = &e.note {
        writeln!(w, "  note:     {n}")?;
    }
    writeln!(w, "  defined:  {}", e.location)
}

/// One line per quotation: number, speaker (role), cue, how it was attributed, then the text.
pub fn quotes_text<W: Write>(w: &mut W, quotes: &[Quote]) -> io::Result<()> {
    let width = quotes.len().to_string().len();
    for (i, q) in quotes.iter().enumerate() {
        let speaker = if q.speaker.is_empty() {
            "(unknown speaker)"
        } else {
            q.speaker.as_str()
        };
        let role = if q.role.is_empty() {
            String::new()
        } else {
            format!(" ({})", q.role)
        };
        let cue = if q.cue.is_empty() {
            String::new()
        } else {
            format!(" {}", q.cue)
        };
        let how = match q.attribution {
            Attribution::QuoteFirst => "quote first",
            Attribution::SpeakerFirst => "speaker first",
            Attribution::Neighbour => "from the neighbouring sentence",
            Attribution::Continuation => "continues in the next paragraph",
            Attribution::Series => "one of a series",
            Attribution::None => "no attribution",
        };
        writeln!(
            w,
            "{:>width$}. {speaker}{role}{cue}  [{how}, bytes {}..{}]",
            i + 1,
            q.span.start,
            q.span.end
        )?;
        writeln!(w, "{:width$}  “{}”", "", q.text)?;
    }
    Ok(())
}

/// Indirect speech: speaker and cue, then the reported clause.
pub fn indirect_text<W: Write>(w: &mut W, reports: &[Quote]) -> io::Result<()> {
    if reports.is_empty() {
        return Ok(());
    }
    writeln!(w, "\nIndirect speech")?;
    let width = reports.len().to_string().len();
    for (i, q) in reports.iter().enumerate() {
        writeln!(
            w,
            "{:>width$}. {} {}  [bytes {}..{}]",
            i + 1,
            q.speaker,
            q.cue,
            q.span.start,
            q.span.end
        )?;
        writeln!(w, "{:width$}  {}", "", q.text)?;
    }
    Ok(())
}

/// A readable summary: title, the selected sentences, key quotes, keywords and entities.
pub fn summary_text<W: Write>(
    w: &mut W,
    doc: &Document,
    a: &Analysis,
    s: &Summary,
) -> io::Result<()> {
    let text = &doc.text;
    let title = doc.meta.title.as_deref().unwrap_or(&doc.id);
    writeln!(w, "{title}")?;
    writeln!(
        w,
        "{}",
        "=".repeat(UnicodeWidthStr::width(title).clamp(3, 80))
    )?;
    let joined = Summarizer::joined(text, &s.sentences);
    writeln!(
        w,
        "\nSummary ({} of {} sentences, {} characters)",
        s.sentences.len(),
        a.sentences.len(),
        joined.chars().count()
    )?;
    for x in &s.sentences {
        writeln!(w, "  {}", x.span.slice(text))?;
    }
    if !s.quotes.is_empty() {
        writeln!(w, "\nKey quotes")?;
        quotes_text(w, &s.quotes)?;
    }
    if !a.keywords.is_empty() {
        let terms: Vec<&str> = a.keywords.iter().map(|k| k.term.as_str()).collect();
        writeln!(w, "\nKeywords: {}", terms.join(", "))?;
    }
    let entities = entity_summary(&a.entities);
    if !entities.is_empty() {
        let list: Vec<String> = entities
            .iter()
            .take(12)
            .map(|(c, k, n, _)| format!("{c} ({} ×{n})", k.as_str()))
            .collect();
        writeln!(w, "Entities: {}", list.join(", "))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// JSON through the escaping writer is still JSON, and decodes to the same strings (serde
    /// writes DEL and the C1 controls raw; article text has them).
    #[test]
    fn json_stays_json_through_the_escaping_writer() {
        let strings = [
            "csi \u{9b}2J",
            "del \x7f",
            "nel \u{85} nbsp \u{a0}",
            "esc \x1b 英伟达",
        ];
        let mut w = Escaped::new(Vec::new());
        json_line(&mut w, &strings).unwrap();
        w.flush().unwrap();
        let back: Vec<String> = serde_json::from_slice(&w.inner).unwrap();
        assert_eq!(back, strings);
        assert!(!w.inner.iter().any(|&b| b == 0x7f || b == 0x1b));
    }

    #[test]
    fn control_characters_are_made_visible() {
        let cases = [
            ("plain 英伟达 text\n\tok", "plain 英伟达 text\n\tok"),
            ("red \x1b[31mRED", "red \\x1b[31mRED"),
            ("title\x1b]0;pwned\x07", "title\\x1b]0;pwned\\x07"),
            (
                "csi \u{9b}2J and nbsp \u{a0} ok",
                "csi \\u009b2J and nbsp \u{a0} ok",
            ),
            ("cr\rover", "cr\\x0dover"),
            ("del \x7f", "del \\u007f"),
        ];
        for (input, want) in cases {
            assert_eq!(visible(input), want, "{input:?}");
            // The writer gives the same, also when the text arrives byte by byte.
            let mut w = Escaped::new(Vec::new());
            for b in input.as_bytes() {
                w.write_all(&[*b]).unwrap();
            }
            w.flush().unwrap();
            assert_eq!(String::from_utf8(w.inner).unwrap(), want, "{input:?}");
        }
    }

    /// The writer's fast path (plain runs written as they are) gives what a byte-by-byte loop
    /// gives, on bytes that mix every escaped kind with long plain runs, however they are split
    /// into writes.
    #[test]
    fn escaping_in_runs_equals_escaping_byte_by_byte() {
        let mut x = 7u32;
        let mut next = || {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
            x >> 16
        };
        let specials = [0x00, 0x1b, b'\n', b'\t', 0x7f, 0xc2, 0x85, 0x9f, 0xa0, 0xe4];
        let bytes: Vec<u8> = (0..5000)
            .map(|_| match next() % 10 {
                0 => specials[(next() % 10) as usize],
                _ => b'a' + (next() % 26) as u8,
            })
            .collect();
        let mut one = Escaped::new(Vec::new());
        for b in &bytes {
            one.write_all(&[*b]).unwrap();
        }
        one.flush().unwrap();
        for split in [1, 2, 3, 31, 32, 33, 100, 5000] {
            let mut w = Escaped::new(Vec::new());
            for chunk in bytes.chunks(split) {
                w.write_all(chunk).unwrap();
            }
            w.flush().unwrap();
            assert_eq!(w.inner, one.inner, "writes of {split} bytes");
        }
    }

    #[test]
    fn segment_lines_follow_input_lines() {
        use crate::model::{Span, TokenKind};
        let text = "阿里云 发布\n\n通义千问 。\n";
        let tok = |s: usize, e: usize| Token {
            kind: TokenKind::Word,
            span: Span::new(s, e),
        };
        let tokens = [tok(0, 9), tok(10, 16), tok(18, 30), tok(31, 34)];
        let mut out = Vec::new();
        segment_text(&mut out, text, &tokens).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "阿里云 发布\n通义千问 。\n"
        );
    }
}
