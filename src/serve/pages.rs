//! The web app's pages, rendered with maud: every interpolated string is escaped, and the only
//! markup not built here is the chart SVG that plotters writes (it escapes its labels).

use maud::{DOCTYPE, Markup, PreEscaped, html};

use super::{Article, EntityOut, Params, article_href, entity_href, link};
use crate::digest::{Carrier, Digest};
use crate::index::{SearchResults, Trends};

/// The stylesheet, compiled in.
pub(super) const STYLESHEET: &str = include_str!("app.css");

/// A page: the header with the navigation, then `body`.
fn layout(title: &str, active: &str, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="zh" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " · newslens" }
                link rel="stylesheet" href="/assets/app.css";
            }
            body {
                header {
                    a.brand href="/" { "newslens" }
                    nav {
                        @for (href, name) in [("/", "Search"), ("/digest", "Digest"), ("/trends", "Trends")] {
                            a href=(href) class=[(name == active).then_some("active")] { (name) }
                        }
                    }
                }
                main { (body) }
            }
        }
    }
}

/// The query box and filters shared by the search, digest and trends forms.
fn query_form(action: &str, p: &Params, extra: Markup) -> Markup {
    html! {
        form.query action=(action) method="get" {
            input #q type="search" name="q" value=(p.q) placeholder="英伟达 A800 · entity:NVIDIA · \"出口管制\" -训练" autofocus;
            (extra)
            label { "since " input type="date" name="since" value=[p.since.as_deref()]; }
            label { "until " input type="date" name="until" value=[p.until.as_deref()]; }
            button type="submit" { "Go" }
        }
    }
}

fn error_box(error: Option<&str>) -> Markup {
    html! {
        @if let Some(e) = error { p.error role="alert" { (e) } }
    }
}

/// `**match**` marks of a snippet as `<mark>` (the text between escaped).
fn snippet(s: &str) -> Markup {
    html! {
        @for (k, part) in s.split("**").enumerate() {
            @if k % 2 == 1 { mark { (part) } } @else { (part) }
        }
    }
}

/// The search page: the form, then the hits, facets and paging.
pub(super) fn search(p: &Params, results: Option<&SearchResults>, error: Option<&str>) -> Markup {
    let filters = html! {
        select name="lang" {
            @for (value, name) in [("", "any language"), ("zh", "中文"), ("en", "English")] {
                option value=(value) selected[p.lang.as_deref().unwrap_or("") == value] { (name) }
            }
        }
        input type="text" name="source" value=[p.source.as_deref()] placeholder="source";
    };
    let limit = p.limit.unwrap_or(super::PAGE).to_string();
    let page = |offset: usize| {
        let offset = offset.to_string();
        link(
            "/",
            &[
                ("q", &p.q),
                ("lang", p.lang.as_deref().unwrap_or("")),
                ("source", p.source.as_deref().unwrap_or("")),
                ("since", p.since.as_deref().unwrap_or("")),
                ("until", p.until.as_deref().unwrap_or("")),
                ("offset", &offset),
                ("limit", &limit),
            ],
        )
    };
    let narrowed = |clause: &str| {
        let q = format!("{} {clause}", p.q.trim());
        link(
            "/",
            &[
                ("q", q.trim()),
                ("lang", p.lang.as_deref().unwrap_or("")),
                ("source", p.source.as_deref().unwrap_or("")),
                ("since", p.since.as_deref().unwrap_or("")),
                ("until", p.until.as_deref().unwrap_or("")),
            ],
        )
    };
    let body = html! {
        (query_form("/", p, filters))
        (error_box(error))
        @if let Some(r) = results {
            div.results {
                section.hits {
                    p.total { (r.total) " articles match" }
                    @for h in &r.hits {
                        article.hit {
                            h2 { a href=(article_href(&h.key)) { @if h.title.is_empty() { (h.id) } @else { (h.title) } } }
                            p.meta {
                                (h.day.as_deref().unwrap_or(&h.date))
                                @if !h.source.is_empty() { " · " (h.source) }
                                " · " (h.lang) " · score " (format!("{:.2}", h.score))
                            }
                            p.snippet { (snippet(&h.snippet)) }
                            p.entities {
                                @for e in h.entities.iter().take(8) {
                                    a.entity href=(entity_href(e)) { (e) } " "
                                }
                            }
                        }
                    }
                    nav.paging {
                        @if p.offset > 0 {
                            a rel="prev" href=(page(p.offset.saturating_sub(p.limit.unwrap_or(super::PAGE)))) { "← previous" }
                        }
                        @if p.offset + r.hits.len() < r.total {
                            a rel="next" href=(page(p.offset + r.hits.len())) { "next →" }
                        }
                    }
                }
                @if !r.facets.is_empty() {
                    aside.facets {
                        h3 { "Entities" }
                        ul {
                            @for f in &r.facets {
                                li { a.facet href=(narrowed(&format!("entity:\"{}\"", f.entity))) { (f.entity) } " " span.count { (f.count) } }
                            }
                        }
                        @if !r.kinds.is_empty() {
                            h3 { "Kinds" }
                            ul {
                                @for f in &r.kinds {
                                    li { a.kind-facet href=(narrowed(&format!("kind:{}", f.kind))) { (f.kind) } " " span.count { (f.count) } }
                                }
                            }
                        }
                    }
                }
            }
        }
    };
    layout(if p.q.is_empty() { "Search" } else { &p.q }, "Search", body)
}

/// Where each byte range of an article's text is: in a summary sentence, a quotation (its
/// number), an entity mention (its index).
struct Marks {
    bounds: Vec<usize>,
}

impl Marks {
    fn new(len: usize, spans: impl Iterator<Item = (usize, usize)>) -> Self {
        let mut bounds = vec![0, len];
        for (s, e) in spans {
            bounds.push(s.min(len));
            bounds.push(e.min(len));
        }
        bounds.sort_unstable();
        bounds.dedup();
        Marks { bounds }
    }
}

/// The article page: metadata, keywords, the text with entities, summary sentences and
/// quotations marked in place, then the quotations with their speakers.
pub(super) fn article(article: &Article) -> Markup {
    let a = &*article.analysed;
    let hit = &article.hit;
    let text = a.doc.text.as_str();
    let entities = &a.analysis.entities;
    let summary = &a.summary.sentences;
    let quotes = &a.quotes;
    let marks = Marks::new(
        text.len(),
        entities
            .iter()
            .map(|e| (e.span.start, e.span.end))
            .chain(summary.iter().map(|s| (s.span.start, s.span.end)))
            .chain(quotes.iter().map(|q| (q.span.start, q.span.end))),
    );
    // Markdown heading marks (`## `) are hidden: the text keeps its offsets.
    let hidden: Vec<crate::model::Span> = {
        let mut at = 0;
        let mut out = Vec::new();
        for line in text.split_inclusive('\n') {
            let marks = line.bytes().take_while(|&b| b == b'#').count();
            if (1..=6).contains(&marks) && line[marks..].starts_with(' ') {
                out.push(crate::model::Span::new(at, at + marks + 1));
            }
            at += line.len();
        }
        out
    };
    let marks = Marks::new(
        text.len(),
        marks
            .bounds
            .iter()
            .map(|&b| (b, b))
            .chain(hidden.iter().map(|h| (h.start, h.end))),
    );
    let inside = |s: usize, span: crate::model::Span| span.start <= s && s < span.end;
    let title = a.doc.title();
    let url = a
        .doc
        .meta
        .url
        .as_deref()
        .filter(|u| u.starts_with("https://") || u.starts_with("http://"));
    let body = html! {
        article.full {
            h1 { @if title.is_empty() { (hit.id) } @else { (title) } }
            p.meta {
                (hit.day.as_deref().unwrap_or(&hit.date))
                @if !hit.source.is_empty() { " · " (hit.source) }
                @if let Some(author) = &a.doc.meta.author { " · " (author) }
                " · feed " (hit.feed) " · " (hit.id)
                @if let Some(u) = url { " · " a href=(u) rel="noopener noreferrer" { "original" } }
            }
            @if !a.analysis.keywords.is_empty() {
                p.keywords {
                    "Keywords: "
                    @for k in a.analysis.keywords.iter().take(10) { span.keyword { (k.term) } " " }
                }
            }
            p.legend {
                span.summary { "summary sentence" } " "
                @for kind in crate::model::EntityKind::ALL { span class=(format!("entity kind-{}", kind.as_str())) { (kind.as_str()) } " " }
            }
            div.text {
                @for w in marks.bounds.windows(2) {
                    @let (s, e) = (w[0], w[1]);
                    @let piece = &text[s..e];
                    @let in_summary = summary.iter().any(|x| inside(s, x.span));
                    @let quote = quotes.iter().position(|q| inside(s, q.span));
                    @let first_of_quote = quote.filter(|&k| quotes[k].span.start == s);
                    @let entity = entities.iter().find(|x| inside(s, x.span));
                    @if hidden.iter().any(|h| inside(s, *h)) {
                        span.md { (piece) }
                    } @else {
                    span class=[in_summary.then_some("summary")] {
                        span class=[quote.map(|_| "quote")] id=[first_of_quote.map(|k| format!("q{}", k + 1))] {
                            @if let Some(ent) = entity {
                                a class=(format!("entity kind-{}", ent.kind.as_str())) href=(entity_href(&ent.canonical)) title=(format!("{} ({})", ent.canonical, ent.kind.as_str())) data-canonical=(ent.canonical) { (piece) }
                            } @else { (piece) }
                        }
                    }
                    }
                }
            }
            @if !quotes.is_empty() {
                section.quotes {
                    h2 { "Quotations" }
                    ol {
                        @for (k, q) in quotes.iter().enumerate() {
                            li.quote-item {
                                a href=(format!("#q{}", k + 1)) { "“" (q.text) "”" }
                                " — "
                                span.speaker { @if q.speaker.is_empty() { "(speaker unknown)" } @else { (q.speaker) } }
                                @if !q.role.is_empty() { ", " span.role { (q.role) } }
                            }
                        }
                    }
                }
            }
        }
    };
    layout(if title.is_empty() { &hit.id } else { title }, "", body)
}

/// The entity page: names, family, mentions by month (a chart), co-occurring entities, latest
/// articles.
pub(super) fn entity(e: &EntityOut) -> Markup {
    let chart = e
        .trends
        .as_ref()
        .and_then(|t| crate::render::chart::trends_svg(t).ok())
        .unwrap_or_default();
    let series = e.trends.as_ref().and_then(|t| t.series.first());
    let periods = e.trends.as_ref().map_or(0, |t| t.periods.len());
    let body = html! {
        h1 { (e.canonical) " " span.kind { (e.kind.as_str()) } }
        p.aliases { "Names: " @for a in &e.aliases { span.alias { (a) } " " } }
        @if let Some(parent) = &e.parent { p { "Part of " a href=(entity_href(parent)) { (parent) } } }
        @if !e.children.is_empty() {
            p { "Includes " @for c in &e.children { a href=(entity_href(c)) { (c) } " " } }
        }
        @if let Some(s) = series {
            h2 { "Mentions by month" }
            p { (s.total) " articles" @if s.undated > 0 { ", " (s.undated) " undated" } }
            @if periods > 0 { div.chart { (PreEscaped(chart)) } }
            @if !s.with.is_empty() {
                h2 { "Mentioned with" }
                ul.with { @for f in &s.with { li { a href=(entity_href(&f.entity)) { (f.entity) } " " span.count { (f.count) } } } }
            }
        }
        h2 { "Latest articles" }
        ul.latest {
            @for h in &e.latest {
                li { (h.day.as_deref().unwrap_or("undated")) " · " a href=(article_href(&h.key)) { @if h.title.is_empty() { (h.id) } @else { (h.title) } } }
            }
        }
        p { a href=(link("/digest", &[("q", &format!("entity:\"{}\"", e.canonical))])) { "Digest of " (e.canonical) } }
    };
    layout(&e.canonical, "", body)
}

/// A carrier line: day, outlet, title linked to the article.
fn carriers(articles: &[Carrier]) -> Markup {
    html! {
        p.meta {
            @for (k, c) in articles.iter().enumerate() {
                @if k > 0 { " · " }
                (c.date) " " @if !c.source.is_empty() { (c.source) " " }
                a href=(article_href(&c.key)) { @if c.title.is_empty() { (c.id) } @else { (c.title) } }
            }
        }
    }
}

/// The digest page.
pub(super) fn digest(p: &Params, d: Option<&Digest>, error: Option<&str>) -> Markup {
    let extra = html! {
        select name="order" {
            @for (value, name) in [("date", "timeline"), ("score", "most important")] {
                option value=(value) selected[p.order.as_deref().unwrap_or("date") == value] { (name) }
            }
        }
    };
    let body = html! {
        (query_form("/digest", p, extra))
        (error_box(error))
        @if let Some(d) = d {
            p.total { "The best " (d.considered) " of " (d.matched) " matching articles" }
            @if !d.sentences.is_empty() {
                h2 { "Key sentences" }
                ol.digest { @for s in &d.sentences { li { p { (s.text) } (carriers(&s.articles)) } } }
            }
            @if !d.quotes.is_empty() {
                h2 { "Key quotes" }
                ol.digest { @for q in &d.quotes { li { p { "“" (q.text) "” — " @if q.speaker.is_empty() { "(speaker unknown)" } @else { (q.speaker) } } (carriers(&q.articles)) } } }
            }
        }
    };
    layout("Digest", "Digest", body)
}

/// The trends page.
pub(super) fn trends(p: &Params, t: Option<&Trends>, error: Option<&str>) -> Markup {
    let extra = html! {
        select name="by" {
            @for value in ["month", "week", "day"] {
                option value=(value) selected[p.by.as_deref().unwrap_or("month") == value] { (value) }
            }
        }
    };
    let body = html! {
        (query_form("/trends", p, extra))
        (error_box(error))
        @if let Some(t) = t {
            @if let Some(s) = t.series.first() {
                p.total { (s.total) " articles" @if s.undated > 0 { ", " (s.undated) " undated" } }
                @if !t.periods.is_empty() {
                    div.chart { (PreEscaped(crate::render::chart::trends_svg(t).unwrap_or_default())) }
                    table.counts {
                        thead { tr { th { "period" } th { "articles" } } }
                        tbody { @for (period, n) in t.periods.iter().zip(&s.counts) { tr { td { (period.label) } td { (n) } } } }
                    }
                }
                @if !s.with.is_empty() {
                    h2 { "Mentioned with" }
                    ul.with { @for f in &s.with { li { a href=(entity_href(&f.entity)) { (f.entity) } " " span.count { (f.count) } } } }
                }
            }
        }
    };
    layout("Trends", "Trends", body)
}

/// A page saying what went wrong.
pub(super) fn failure(status: axum::http::StatusCode, message: &str) -> Markup {
    layout(
        status.canonical_reason().unwrap_or("Error"),
        "",
        html! { h1 { (status.as_u16()) } p.error role="alert" { (message) } },
    )
}
