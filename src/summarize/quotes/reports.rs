//! Indirect speech (`据…介绍，…`, `…在报告中指出，…`, `according to …`, `X said (that) …`).

use super::*;

impl Ctx<'_> {
    /// Indirect speech, one report per sentence at most: the reported clause and its speaker.
    pub(super) fn reports(&self) -> Vec<(Span, Speaker)> {
        let text = self.text;
        let mut out = Vec::new();
        for &s in &self.sentences {
            let sentence = s.slice(text);
            let english = !has_han(sentence);
            let found = if english {
                self.english_report(s)
            } else {
                self.chinese_report(s)
            };
            if let Some((span, speaker)) = found {
                let span = trim(text, span.start, span.end);
                let clause = span.slice(text);
                if content_units(clause) >= 4 && !speaker.name.is_empty() {
                    out.push((span, speaker));
                }
            }
        }
        out
    }

    /// `据王立群介绍，……` / `IDC的数据显示，……` / `沈俊峰表示，……` / `援引……称，……`.
    pub(super) fn chinese_report(&self, s: Span) -> Option<(Span, Speaker)> {
        let text = self.text;
        let toks = self.tokens_in(s.start, s.end);
        let is_report_cue = |t: &Token| {
            let w = t.span.slice(text);
            (self.is_cue(t) || matches!(w, "显示" | "看来" | "报道" | "了解" | "统计"))
                && !self.in_quote(t.span.start)
        };
        // The cue near the start, followed by a comma or colon that is not the start of a
        // direct quotation.
        // (Tokens inside a quotation that opens the sentence do not count.)
        let (k, cue) = toks
            .iter()
            .enumerate()
            .filter(|(_, t)| !self.in_quote(t.span.start))
            .take(30)
            .find(|(k, t)| {
                is_report_cue(t)
                    && toks.get(k + 1..k + 3).is_some_and(|after| {
                        after
                            .iter()
                            .any(|x| matches!(x.span.slice(text), "，" | "," | "：" | ":"))
                    })
            })?;
        let comma = toks[k + 1..]
            .iter()
            .find(|x| matches!(x.span.slice(text), "，" | "," | "：" | ":"))?;
        let clause_start = comma.span.end;
        if text[clause_start..]
            .trim_start()
            .starts_with(['“', '「', '『', '"'])
        {
            return None; // a direct quotation
        }
        let clause_end = self
            .quoted_from(clause_start, s.end)
            .iter()
            .find(|q| q.len() > 30)
            .map_or(s.end, |q| q.start);
        let mut start = s.start;
        // `据王立群介绍` / `援引IDC称`: the speaker follows 据 / 援引.
        if let Some(p) = toks[..k]
            .iter()
            .rposition(|t| matches!(t.span.slice(text), "据" | "援引" | "引述" | "根据"))
        {
            start = toks[p].span.end;
        }
        let mut speaker = self.chinese_speaker(start, cue);
        speaker.name = speaker
            .name
            .trim_end_matches("的数据")
            .trim_end_matches("的报告")
            .trim_end_matches("数据")
            .trim_end_matches("报告")
            .trim_end_matches('的')
            .to_string();
        Some((Span::new(clause_start, clause_end), speaker))
    }

    /// `According to IDC, …` / `…, according to IDC.` / `Marsh said (that) …`.
    pub(super) fn english_report(&self, s: Span) -> Option<(Span, Speaker)> {
        let text = self.text;
        let sentence = s.slice(text);
        let collapse = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
        // `a report published last week by Canalys` → `Canalys`.
        let according = |name: &str| Speaker {
            name: collapse(
                name.rsplit_once(" by ")
                    .map_or(name, |(_, by)| by)
                    .trim()
                    .trim_end_matches(['.', ',']),
            ),
            cue: "according to".to_string(),
            at: s.start,
            ..Speaker::default()
        };
        if let Some(rest) = sentence.strip_prefix("According to ")
            && let Some((name, _)) = rest.split_once(", ")
            && name.split_whitespace().count() <= 8
        {
            let start = s.start + "According to ".len() + name.len() + 2;
            return Some((Span::new(start, s.end), according(name)));
        }
        if let Some(i) = sentence.rfind(", according to ") {
            let name = &sentence[i + ", according to ".len()..];
            if name.split_whitespace().count() <= 8 {
                return Some((Span::new(s.start, s.start + i), according(name)));
            }
        }
        if self
            .quoted_from(s.start, s.end)
            .iter()
            .any(|q| q.end <= s.end)
        {
            return None;
        }
        let toks = self.tokens_in(s.start, s.end);
        let cue = toks.iter().take(14).find(|t| {
            let w = t.span.slice(text).to_ascii_lowercase();
            matches!(
                w.as_str(),
                "said"
                    | "says"
                    | "told"
                    | "added"
                    | "noted"
                    | "argued"
                    | "expects"
                    | "estimates"
                    | "predicted"
                    | "warned"
                    | "believes"
                    | "say"
                    | "expect"
                    | "estimated"
                    | "described"
                    | "reported"
                    | "forecast"
                    | "stated"
            )
        })?;
        let speaker = self.english_speaker(s.start, cue, s.end)?;
        let mut start = cue.span.end;
        let rest = &text[start..s.end];
        let lead = rest.len() - rest.trim_start().len();
        if rest.trim_start().starts_with("that ") {
            start += lead + "that ".len();
        }
        Some((Span::new(start, s.end), speaker))
    }
}
