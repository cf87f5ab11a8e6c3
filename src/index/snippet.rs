//! Snippets: a window of the body around the first match, matches marked.

/// The text of an article as a reader sees it in a snippet: without its title line (the hit
/// shows the title already) and without Markdown marks — heading, quote and list markers at the
/// start of a line, `**` / `__` emphasis, backticks, and links and images reduced to their text.
pub fn plain_text(body: &str, title: &str) -> String {
    let mut out = String::with_capacity(body.len());
    let mut title_seen = title.trim().is_empty();
    for line in body.lines() {
        let mut l = line.trim();
        // Block marks at the start of the line.
        let hashes = l.len() - l.trim_start_matches('#').len();
        if (1..=6).contains(&hashes) && l[hashes..].starts_with(' ') {
            l = l[hashes..].trim_start();
        }
        for mark in ["> ", "- ", "* ", "+ "] {
            if let Some(rest) = l.strip_prefix(mark) {
                l = rest.trim_start();
            }
        }
        let plain = inline_plain(l);
        if plain.is_empty() {
            continue;
        }
        if !title_seen {
            // The first text line is the title (of a `.txt`, or the `# heading` of a `.md`).
            title_seen = true;
            if plain == title.trim() {
                continue;
            }
        }
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(&plain);
    }
    out
}

/// `**bold**`, `__bold__`, `` `code` `` and `[text](url)` / `![alt](url)` as plain text.
fn inline_plain(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(c) = rest.chars().next() {
        if rest.starts_with("**") || rest.starts_with("__") {
            rest = &rest[2..];
            continue;
        }
        if c == '`' {
            rest = &rest[1..];
            continue;
        }
        // `[text](url)` and `![alt](url)`: the text only.
        let link = rest.strip_prefix("![").or_else(|| rest.strip_prefix('['));
        if let Some(inner) = link
            && let Some(close) = inner.find("](")
            && let Some(end) = inner[close + 2..].find(')')
            && !inner[..close].contains(['[', ']'])
        {
            out.push_str(&inner[..close]);
            rest = &inner[close + 2 + end + 1..];
            continue;
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out.trim().to_string()
}

/// About `width` characters of `body` around the first occurrence of a highlight term, each
/// occurrence wrapped in `**`; whitespace runs become one space; never cuts a character.
pub fn snippet(body: &str, highlights: &[String], width: usize) -> String {
    let flat: String = body.split_whitespace().collect::<Vec<_>>().join(" ");
    // Matched in Simplified form when the body is Traditional (as the index and the query
    // terms are), shown as written: folding keeps every byte offset.
    let lower = crate::script::fold_if_traditional(&flat.to_lowercase()).into_owned();
    // Byte offsets of `lower` equal those of `flat` only when lowercasing keeps lengths.
    let same_len = lower.len() == flat.len();
    let haystack = if same_len {
        lower.as_str()
    } else {
        flat.as_str()
    };
    let mut terms: Vec<&str> = highlights
        .iter()
        .map(String::as_str)
        .filter(|t| !t.is_empty())
        .collect();
    terms.sort_by_key(|t| std::cmp::Reverse(t.len()));
    let first = terms
        .iter()
        .filter_map(|t| haystack.find(t))
        .min()
        .unwrap_or(0);
    let chars: Vec<(usize, char)> = flat.char_indices().collect();
    let at = chars.partition_point(|&(i, _)| i < first);
    let start = at.saturating_sub(width / 4);
    let end = (start + width).min(chars.len());
    let start = end.saturating_sub(width).min(start);
    let byte = |k: usize| chars.get(k).map_or(flat.len(), |x| x.0);
    let (from, to) = (byte(start), byte(end));
    let mut out = String::new();
    if start > 0 {
        out.push('…');
    }
    let window = &flat[from..to];
    let hay = &haystack[from..to];
    let mut i = 0;
    while i < window.len() {
        if let Some(t) = terms.iter().find(|t| hay[i..].starts_with(**t)) {
            out.push_str("**");
            out.push_str(&window[i..i + t.len()]);
            out.push_str("**");
            i += t.len();
        } else {
            let c = window[i..].chars().next().expect("in bounds");
            out.push(c);
            i += c.len_utf8();
        }
    }
    if end < chars.len() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippets_are_character_windows_with_highlights() {
        let zh = "阿里云公布了季度业绩。".repeat(10)
            + "英伟达的A800芯片涨价了。"
            + &"云厂商继续扩张。".repeat(10);
        let s = snippet(&zh, &["英伟达".to_string()], 80);
        assert!(s.contains("**英伟达**"), "{s}");
        let visible = s.replace("**", "");
        assert_eq!(visible.trim_matches('…').chars().count(), 80, "{s}");
        let en = "Cloud spending rose. ".repeat(10)
            + "Nvidia shipped the H20 chip."
            + &" More text.".repeat(20);
        let s = snippet(&en, &["nvidia".to_string()], 80);
        assert!(s.contains("**Nvidia**"), "{s}");
        assert_eq!(s.replace("**", "").trim_matches('…').chars().count(), 80);
        // Short bodies are shown whole; no match shows the start.
        assert_eq!(
            plain_text(
                "# 英伟达H20遇冷\n\n## **英伟达**：Orin 与 `CUDA`\n\n- 见[报道](https://x.y/z)。\n> 引文",
                "英伟达H20遇冷"
            ),
            "英伟达：Orin 与 CUDA\n见报道。\n引文"
        );
        assert_eq!(
            plain_text("Title line\n\nBody text.", "Title line"),
            "Body text."
        );
        assert_eq!(plain_text("Body only.", ""), "Body only.");
        assert_eq!(snippet("短文。", &["x".to_string()], 80), "短文。");
    }
}
