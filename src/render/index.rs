//! Text for people about the index: search hits, what indexing did to an article, and what an
//! index holds.

use std::io::{self, Write};

use crate::index::{Change, Hit, IndexStats, ReplacedBecause, SearchResults, Written};
use crate::model::{Document, Origin};

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
    Ok(())
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
