//! Stage 2, classify: a quotation, or a quoted term, name or slogan (`“抓手”`, the so-called
//! "AI tax").

use super::*;

impl Ctx<'_> {
    /// Is the candidate a quoted term or name rather than a quotation?
    pub(super) fn is_term(&self, c: &Candidate, has_speaker: bool) -> bool {
        if c.continued {
            return false;
        }
        let inner = c.inner.slice(self.text);
        let n = content_units(inner);
        let han = has_han(inner);
        let before = self.text[..c.open]
            .trim_end_matches(|ch: char| ch.is_whitespace() || ch == '(' || ch == '（');
        // `业内常说的“卡脖子”`: a quoted noun after 的 is a term.
        if n <= 12
            && (NAMING.iter().any(|w| before.ends_with(w)) || (han && before.ends_with('的')))
        {
            return true;
        }
        // A term keeps the comma of the sentence inside the marks in American style: "AI tax,".
        let core = inner.trim_end_matches([',', '，', '.']);
        let short = if han { n <= 6 } else { n <= 3 };
        if has_clause_punct(if short { core } else { inner }) {
            return false;
        }
        // The quotation runs on into the clause: `“妙鸭相机”的爆火`, `"AI tax" on`.
        let runs_on = self.text[c.after..]
            .chars()
            .next()
            .is_some_and(|ch| ch.is_alphanumeric() && !ch.is_whitespace());
        let standalone = self.starts_sentence(c.open) && {
            let rest = self.text[c.after..].trim_start();
            rest.is_empty() || rest.starts_with(['。', '！', '？', '.', '!', '?', '\n'])
        };
        if han {
            // Without clause punctuation, only an attached cue makes it a quotation.
            // A short one is a quotation only when its cue is attached and it ends a clause
            // (`表示，“已介入调查”。`).
            let ends_clause = {
                let rest = self.text[c.after..].trim_start();
                rest.is_empty() || rest.starts_with(['。', '！', '？', '，', ',', '；', '\n'])
            };
            (n <= 6 && !(has_speaker && ends_clause))
                || (runs_on && n <= 12)
                || (!has_speaker && !standalone)
        } else {
            n <= 2 || (!has_speaker && !standalone && n < 8)
        }
    }
}
