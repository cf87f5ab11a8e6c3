//! Snippets: a window of the body around the first match, matches marked.

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
        assert_eq!(snippet("短文。", &["x".to_string()], 80), "短文。");
    }
}
