//! Text for people about the index: search hits, what indexing did to an article, and what an
//! index holds.

use std::io::{self, Write};

use crate::digest::{Carrier, Digest};
use crate::index::{Change, Hit, IndexStats, ReplacedBecause, SearchResults, Trends, Written};
use crate::model::{Document, Origin};
use unicode_width::UnicodeWidthStr;

/// Search results: a header line, then per hit rank, title, day, source, score, the snippet,
/// the entities and where the article lives (feed, file and line).
pub fn search_text<W: Write>(w: &mut W, query: &str, results: &SearchResults) -> io::Result<()> {
    let shown = results.hits.len();
    match (results.total, results.hits.first()) {
        (0, _) => return writeln!(w, "no article matches `{query}`"),
        (_, Some(first)) => writeln!(
            w,
            "{} article{} match `{query}` (showing {}–{})",
            results.total,
            if results.total == 1 { "" } else { "s" },
            first.rank,
            first.rank + shown - 1
        )?,
        (_, None) => {
            return writeln!(
                w,
                "{} articles match `{query}` (none on this page)",
                results.total
            );
        }
    }
    for h in &results.hits {
        let title = if h.title.is_empty() { &h.id } else { &h.title };
        let mut line = format!("\n{:>3}. {title}", h.rank);
        let date = h.day.as_deref().unwrap_or(&h.date);
        for part in [date, &h.source] {
            if !part.is_empty() {
                line.push_str(" · ");
                line.push_str(part);
            }
        }
        writeln!(w, "{line} · score {:.2}", h.score)?;
        writeln!(w, "     {}", h.snippet)?;
        if !h.entities.is_empty() {
            let list: Vec<&str> = h.entities.iter().take(8).map(String::as_str).collect();
            writeln!(w, "     entities: {}", list.join(", "))?;
        }
        writeln!(w, "     {}", location(h))?;
    }
    if !results.facets.is_empty() {
        writeln!(w, "\nEntities among all {} matches", results.total)?;
        for f in &results.facets {
            writeln!(w, "  {:>5}  {}", f.count, f.entity)?;
        }
    }
    if !results.kinds.is_empty() {
        let kinds: Vec<String> = results
            .kinds
            .iter()
            .map(|k| format!("{} {}", k.kind, k.count))
            .collect();
        writeln!(w, "Kinds: {}", kinds.join(", "))?;
    }
    Ok(())
}

/// A digest for people: the key sentences, then the key quotations, each with the article
/// carrying it (day, outlet, title) and how many others carry it too.
pub fn digest_text<W: Write>(w: &mut W, query: &str, d: &Digest) -> io::Result<()> {
    if d.considered == 0 {
        return writeln!(w, "no article matches `{query}`");
    }
    let order = match d.order {
        crate::digest::Order::Date => "as a timeline",
        crate::digest::Order::Score => "most important first",
    };
    writeln!(
        w,
        "Digest of `{query}`: the best {} of {} matching article{}, {order}",
        d.considered,
        d.matched,
        if d.matched == 1 { "" } else { "s" }
    )?;
    let carriers = |w: &mut W, articles: &[Carrier]| -> io::Result<()> {
        let first = &articles[0];
        let mut line = String::from("     ");
        for part in [&first.date, &first.source, &first.title, &first.id] {
            if !part.is_empty() {
                if line.trim().is_empty() {
                    line.push_str(part);
                } else {
                    line.push_str(" · ");
                    line.push_str(part);
                }
                if std::ptr::eq(part, &first.title) {
                    break;
                }
            }
        }
        writeln!(w, "{line}")?;
        if articles.len() > 1 {
            let others: Vec<String> = articles[1..]
                .iter()
                .map(|a| match a.source.as_str() {
                    "" => a.id.clone(),
                    s => format!("{} ({s})", a.id),
                })
                .collect();
            writeln!(w, "     also in {}: {}", others.len(), others.join(", "))?;
        }
        Ok(())
    };
    if !d.sentences.is_empty() {
        writeln!(w, "\nKey sentences")?;
    }
    for (k, s) in d.sentences.iter().enumerate() {
        writeln!(w, "{:>3}. {}", k + 1, s.text)?;
        carriers(w, &s.articles)?;
    }
    if !d.quotes.is_empty() {
        writeln!(w, "\nKey quotes")?;
    }
    for (k, q) in d.quotes.iter().enumerate() {
        let who = match (q.speaker.as_str(), q.role.as_str()) {
            ("", _) => "(speaker unknown)".to_string(),
            (s, "") => s.to_string(),
            (s, r) => format!("{s}, {r}"),
        };
        writeln!(w, "{:>3}. “{}” — {who}", k + 1, q.text)?;
        carriers(w, &q.articles)?;
    }
    Ok(())
}

/// The eight block characters of a sparkline, lowest first.
const SPARKS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/// `counts` as a sparkline: one block per count, scaled to the largest (a zero is a space).
pub fn sparkline(counts: &[u64]) -> String {
    let top = counts.iter().copied().max().unwrap_or(0).max(1);
    counts
        .iter()
        .map(|&n| match n {
            0 => ' ',
            n => SPARKS[((n * 8 - 1) / top).min(7) as usize],
        })
        .collect()
}

/// Trends for people: per query its totals, a sparkline over the periods and the entities
/// that come with it; then a table of the counts with a bar for each period (the bar is the
/// first query's).
pub fn trends_text<W: Write>(w: &mut W, trends: &Trends) -> io::Result<()> {
    let periods = &trends.periods;
    match (periods.first(), periods.last()) {
        (Some(first), Some(last)) => writeln!(
            w,
            "by {}, {} … {} ({} period{})",
            trends.by.as_str(),
            first.label,
            last.label,
            periods.len(),
            if periods.len() == 1 { "" } else { "s" }
        )?,
        _ => writeln!(w, "no dated article matches")?,
    }
    for s in &trends.series {
        let undated = match s.undated {
            0 => String::new(),
            n => format!(", {n} undated (in no {})", trends.by.as_str()),
        };
        writeln!(
            w,
            "
{}  {} articles{undated}",
            s.query, s.total
        )?;
        if !periods.is_empty() {
            writeln!(w, "  {}", sparkline(&s.counts))?;
        }
        if !s.with.is_empty() {
            let with: Vec<String> = s
                .with
                .iter()
                .map(|f| format!("{} ({})", f.entity, f.count))
                .collect();
            writeln!(w, "  with: {}", with.join(", "))?;
        }
    }
    if periods.is_empty() {
        return Ok(());
    }
    let label_width = periods
        .iter()
        .map(|p| UnicodeWidthStr::width(p.label.as_str()))
        .max()
        .unwrap_or(0)
        .max(6);
    let widths: Vec<usize> = trends
        .series
        .iter()
        .map(|s| UnicodeWidthStr::width(s.query.as_str()).max(5))
        .collect();
    let mut header = super::pad("period", label_width);
    for (s, &width) in trends.series.iter().zip(&widths) {
        header.push_str("  ");
        header.push_str(&super::pad_left(&s.query, width));
    }
    writeln!(
        w,
        "
{}",
        header.trim_end()
    )?;
    let first = trends.series.first();
    let top = first
        .and_then(|s| s.counts.iter().copied().max())
        .unwrap_or(0)
        .max(1);
    for (i, p) in periods.iter().enumerate() {
        let mut line = super::pad(&p.label, label_width);
        for (s, &width) in trends.series.iter().zip(&widths) {
            line.push_str("  ");
            line.push_str(&super::pad_left(&s.counts[i].to_string(), width));
        }
        if let Some(s) = first {
            let bar = (s.counts[i] * 30).div_ceil(top) as usize;
            line.push_str("  ");
            line.push_str(&"█".repeat(bar));
        }
        writeln!(w, "{}", line.trim_end())?;
    }
    Ok(())
}

/// Trends as CSV: `period,start,end`, then one column per query (RFC 4180 quoting); the
/// undated articles are a last row with an empty start and end.
pub fn trends_csv<W: Write>(w: &mut W, trends: &Trends) -> io::Result<()> {
    let mut header = vec!["period".to_string(), "start".to_string(), "end".to_string()];
    header.extend(trends.series.iter().map(|s| s.query.clone()));
    csv_row(w, &header)?;
    for (i, p) in trends.periods.iter().enumerate() {
        let mut row = vec![p.label.clone(), p.start.clone(), p.end.clone()];
        row.extend(trends.series.iter().map(|s| s.counts[i].to_string()));
        csv_row(w, &row)?;
    }
    if trends.series.iter().any(|s| s.undated > 0) {
        let mut row = vec!["undated".to_string(), String::new(), String::new()];
        row.extend(trends.series.iter().map(|s| s.undated.to_string()));
        csv_row(w, &row)?;
    }
    Ok(())
}

/// One CSV record: a field with a comma, quote or line break is quoted, quotes doubled.
fn csv_row<W: Write>(w: &mut W, fields: &[String]) -> io::Result<()> {
    let quoted: Vec<String> = fields
        .iter()
        .map(|f| {
            if f.contains([',', '"', '\n', '\r']) {
                format!("\"{}\"", f.replace('"', "\"\""))
            } else {
                f.clone()
            }
        })
        .collect();
    writeln!(w, "{}", quoted.join(","))
}

/// Where a hit's article lives: `news.jsonl:812 · id 77` for a JSONL record (the file's name,
/// not its whole path; the feed too when it is not that name), the path for a file.
fn location(h: &Hit) -> String {
    let Some(line) = h.line else {
        return h.path.clone();
    };
    let file = std::path::Path::new(&h.path)
        .file_name()
        .map_or(h.path.as_str(), |n| n.to_str().unwrap_or(&h.path));
    let mut out = format!("{file}:{line}");
    if h.id != line.to_string() {
        out.push_str(&format!(" · id {}", h.id));
    }
    if !h.feed.is_empty() && h.feed != file {
        out.push_str(&format!(" · feed {}", h.feed));
    }
    out
}

/// A path for messages: relative to the working directory when it lies under it.
fn shown_path(path: &str) -> String {
    std::env::current_dir()
        .ok()
        .and_then(|cwd| {
            std::path::Path::new(path)
                .strip_prefix(&cwd)
                .ok()
                .map(|p| p.display().to_string())
        })
        .unwrap_or_else(|| path.to_string())
}

/// `news.jsonl:812: id 77` for a JSONL record, the path for a file (the subject of a message).
fn which(doc: &Document) -> String {
    match doc.origin.line {
        Some(_) => format!("{}: id {}", doc.origin, doc.id),
        None => doc.origin.path.clone(),
    }
}

/// Where an earlier article was: `line 5` in the same file, else its path and line.
fn earlier(previous: &Origin, now: &Document) -> String {
    let same_file = std::fs::canonicalize(&now.origin.path)
        .is_ok_and(|p| p.to_string_lossy() == previous.path.as_str());
    match previous.line {
        Some(line) if same_file => format!("line {line}"),
        _ => Origin {
            path: shown_path(&previous.path),
            ..previous.clone()
        }
        .to_string(),
    }
}

/// What to tell the user of one indexed article: nothing for the ordinary outcomes (added,
/// updated, unchanged, moved), a line for a replacement or a duplicate, since neither may go
/// unnoticed.
pub fn change_message(written: &Written) -> Option<String> {
    let doc = written.doc;
    Some(match &written.change {
        Change::Added | Change::Updated | Change::Unchanged | Change::Moved => return None,
        Change::Duplicate(d) if d.replaced => format!(
            "{} already given at {}; this later record replaces it (--replace-duplicates)",
            which(doc),
            earlier(&d.first, doc)
        ),
        Change::Duplicate(d) => format!(
            "{} already given at {}; skipped, the first stays (--replace-duplicates keeps the later)",
            which(doc),
            earlier(&d.first, doc)
        ),
        Change::Replaced(r) => match r.because {
            ReplacedBecause::OtherSource => format!(
                "{} replaces the article of another source with the same feed name `{}`, from {} (“{}”); give each feed its own name with --source NAME",
                which(doc),
                doc.origin.feed,
                earlier(&r.previous, doc),
                r.previous_title
            ),
            ReplacedBecause::OtherArticle => format!(
                "{} is another article under the same id: “{}” replaces “{}”",
                which(doc),
                doc.title(),
                r.previous_title
            ),
        },
    })
}

/// What an index holds, for people.
pub fn stats_text<W: Write>(w: &mut W, s: &IndexStats) -> io::Result<()> {
    let plural = |n: usize| if n == 1 { "" } else { "s" };
    writeln!(w, "index {}", s.path)?;
    writeln!(
        w,
        "  {} article{} in {} feed{}; {:.1} MB on disk in {} segment{}; schema {}{}",
        s.articles,
        plural(s.articles),
        s.feeds.len(),
        plural(s.feeds.len()),
        s.size_bytes as f64 / 1e6,
        s.segments,
        plural(s.segments),
        s.schema_version,
        match &s.last_commit {
            Some(t) => format!("; last commit {t}"),
            None => String::new(),
        }
    )?;
    if s.schema_version < crate::index::SCHEMA_VERSION {
        writeln!(
            w,
            "  built by an older newslens: searchable, not writable; rebuild it with `newslens index --rebuild` to index new articles"
        )?;
    }
    let range = |d: &crate::index::Dates| match (&d.first, &d.last) {
        (Some(first), Some(last)) => format!("{first} to {last}"),
        _ => "no dates".to_string(),
    };
    writeln!(
        w,
        "  dates: {}, {} undated",
        range(&s.dates),
        s.dates.undated
    )?;
    let counts = |list: &[crate::index::NameCount]| {
        list.iter()
            .map(|c| format!("{} {}", c.name, c.articles))
            .collect::<Vec<_>>()
            .join(", ")
    };
    writeln!(w, "  languages: {}", counts(&s.languages))?;
    if !s.scripts.is_empty() {
        writeln!(w, "  scripts: {}", counts(&s.scripts))?;
    }
    if !s.feeds.is_empty() {
        writeln!(w, "\nfeeds")?;
        let width = s
            .feeds
            .iter()
            .map(|f| unicode_width::UnicodeWidthStr::width(f.feed.as_str()))
            .max()
            .unwrap_or(0)
            .clamp(4, 40);
        for f in &s.feeds {
            let name = if f.feed.is_empty() { "(none)" } else { &f.feed };
            writeln!(
                w,
                "  {}  {:>8}  {}, {} undated",
                super::pad(name, width),
                f.articles,
                range(&f.dates),
                f.dates.undated
            )?;
        }
    }
    writeln!(w, "\nentities: {} distinct", s.entities)?;
    for k in &s.kinds {
        writeln!(
            w,
            "  {:<8} {:>5} entities in {:>7} articles{}{}",
            k.kind.as_str(),
            k.entities,
            k.articles,
            if k.top.is_empty() { "" } else { "; top: " },
            counts(&k.top)
        )?;
    }
    Ok(())
}
