//! Stage 1, find: the outermost matched quotation marks of each paragraph, and quotations
//! that go on into the next paragraph.

use super::*;

pub(super) fn find_candidates(ctx: &mut Ctx) -> Vec<Candidate> {
    let text = ctx.text;
    let mut out = Vec::new();
    for (p, &para) in ctx.paragraphs.iter().enumerate() {
        let marks = crate::analyze::sentences::quotation_marks(text, para);
        let mut outer_end = 0usize;
        let mut members: Vec<usize> = Vec::new();
        for &(open, close) in &marks {
            members.push(open);
            members.push(close);
            let close_len = crate::analyze::sentences::mark_len(text, close);
            ctx.quoted.push(Span::new(open, close + close_len));
            if open < outer_end {
                continue; // nested
            }
            outer_end = close + close_len;
            let oc = text[open..].chars().next().unwrap_or('"');
            let apostrophes = text[open..].starts_with("''");
            if !is_open_mark(oc) && !apostrophes {
                continue; // ‘…’
            }
            let inner = trim(
                text,
                open + crate::analyze::sentences::mark_len(text, open),
                close,
            );
            if inner.is_empty() {
                continue;
            }
            out.push(Candidate {
                open,
                inner,
                after: close + close_len,
                para: p,
                continued: false,
            });
        }
        // An opening mark left open, with the next paragraph reopening: a continued quotation.
        let next_reopens = ctx.paragraphs.get(p + 1).is_some_and(|n| {
            let next = n.slice(text).trim_start();
            next.chars().next().is_some_and(is_open_mark) || next.starts_with("''")
        });
        if next_reopens {
            let unmatched = para
                .slice(text)
                .char_indices()
                .map(|(i, c)| (para.start + i, c))
                .filter(|&(i, c)| {
                    let apostrophes =
                        c == '\'' && text[i..].starts_with("''") && !text[..i].ends_with('\'');
                    (matches!(c, '“' | '「' | '"') || apostrophes) && !members.contains(&i)
                })
                .find(|&(i, _)| i >= outer_end);
            if let Some((open, _)) = unmatched {
                let inner = trim(
                    text,
                    open + crate::analyze::sentences::mark_len(text, open),
                    para.end,
                );
                if !inner.is_empty() {
                    ctx.quoted.push(Span::new(open, para.end));
                    out.push(Candidate {
                        open,
                        inner,
                        after: para.end,
                        para: p,
                        continued: true,
                    });
                }
            }
        }
    }
    ctx.quoted.sort();
    for &q in &ctx.quoted {
        match ctx.outer.last_mut() {
            Some(last) if q.start < last.end => last.end = last.end.max(q.end),
            _ => ctx.outer.push(q),
        }
    }
    out
}
