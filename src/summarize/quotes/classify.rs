//! Stage 2, classify: a quotation, or a quoted term, name or slogan (`“抓手”`, the so-called
//! "AI tax").

use super::*;

/// Two to four clauses of four to seven characters each, all of one length, without the words
/// of speech (`我们`, `的`, `了`, `吧`): a slogan or a couplet (`山川异域，风月同天`), not
/// someone's sentence (`中国好样的，我们一起加油！`).
fn is_parallel(inner: &str) -> bool {
    let core = inner.trim_end_matches(['。', '！', '!']);
    // (and without the connectives of a sentence: `不但不帮忙，还落井下石`).
    if core.contains([
        '我', '你', '他', '她', '们', '的', '了', '吧', '吗', '呢', '啊', '是', '还', '却', '就',
        '也', '都',
    ]) || ["不但", "但是", "因为", "所以", "而且"]
        .iter()
        .any(|w| core.contains(w))
    {
        return false;
    }
    let parts: Vec<usize> = core
        .split(['，', ',', '、', '；', ';'])
        .map(content_units)
        .collect();
    (2..=4).contains(&parts.len()) && parts.iter().all(|&n| (4..=7).contains(&n) && n == parts[0])
}

/// The name of a body, a law or a programme (`立法院交通委员会`, `网络安全法`, `春苗计划`):
/// a quoted term even where someone's words could stand.
fn is_proper_name(inner: &str) -> bool {
    const HEADS: &[&str] = &[
        "委员会",
        "会",
        "院",
        "部",
        "局",
        "厅",
        "署",
        "办",
        "中心",
        "公司",
        "集团",
        "银行",
        "大学",
        "组织",
        "协会",
        "联盟",
        "法",
        "条例",
        "计划",
        "项目",
        "工程",
        "行动",
        "活动",
        "平台",
        "机制",
        "号",
    ];
    const NOT_NAMES: &[&str] = &["办法", "方法", "做法", "想法", "说法", "看法", "手法"];
    HEADS.iter().any(|h| inner.ends_with(h)) && !NOT_NAMES.iter().any(|w| inner.ends_with(w))
}

impl Ctx<'_> {
    /// The speaker of a quotation that closes a clause of a sentence whose speaker said so
    /// earlier in it
    /// (`局长谢伊表示，这种局面“…”。`, `她也表示联邦政府需要“…”，`, `…”李晓玉说，…就是“…”。`,
    /// `杜根表示，…因为“…”，“…”。`): the last speech cue before it in the sentence, with a
    /// speaker (read from the end of any quotation before the cue).
    pub(super) fn reported_speaker(&self, c: &Candidate) -> Option<Speaker> {
        let rest = self.text[c.after..].trim_start();
        if !(rest.is_empty() || rest.starts_with(['。', '！', '？', '\n', '，', '；'])) {
            return None;
        }
        let (start, cue) = self.last_cue_before(c, |t| self.is_cue(t))?;
        Some(self.chinese_speaker(start, cue)).filter(|s| !s.name.is_empty())
    }

    /// The last speech cue (by `is_cue`) before the candidate in its sentence, outside
    /// quotations, and where its speaker phrase may start: after any quotation before the cue.
    fn last_cue_before(
        &self,
        c: &Candidate,
        is_cue: impl Fn(&Token) -> bool,
    ) -> Option<(usize, &Token)> {
        let sentence = self.sentence_at(c.open).map_or(c.open, |s| s.start);
        let cue = self
            .tokens_in(sentence, c.open)
            .iter()
            .rfind(|t| is_cue(t) && !self.in_quote(t.span.start))?;
        let start = self
            .quoted_from(sentence, cue.span.start)
            .iter()
            .filter(|q| q.end <= cue.span.start)
            .map(|q| q.end)
            .max()
            .unwrap_or(sentence);
        Some((start, cue))
    }

    /// `Cameron said the judgment was "disappointing" and …`: English news quotes a speaker's
    /// own words mid-sentence, in lower case, after the cue that names them (not after a
    /// naming word: `so-called "reforms"`, `dubbed "the wall"`).
    pub(super) fn partial_quote_speaker(&self, c: &Candidate) -> Option<Speaker> {
        let inner = c.inner.slice(self.text);
        if !inner.starts_with(|ch: char| ch.is_ascii_lowercase()) {
            return None;
        }
        let before = &self.text[floor_char(self.text, c.open.saturating_sub(24))..c.open];
        let before = before.trim_end().to_ascii_lowercase();
        if [
            "called",
            "dubbed",
            "titled",
            "named",
            "known as",
            "so-called",
            "word",
            "term",
            "phrase",
            "slogan",
            "nicknamed",
        ]
        .iter()
        .any(|w| before.ends_with(w))
        {
            return None;
        }
        let (start, cue) = self.last_cue_before(c, |t| is_en_cue(t.span.slice(self.text)))?;
        self.english_speaker(start, cue, c.open)
            .filter(|s| !s.name.is_empty())
    }

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
        // `以“韩市长的佛心，陈菊的祸心”为题`: a title.
        if han
            && [
                "为题",
                "为主题",
                "为名",
                "为口号",
                "的口号",
                "的标语",
                "一文",
                "一书",
                "一诗",
            ]
            .iter()
            .any(|w| self.text[c.after..].starts_with(w))
        {
            return true;
        }
        // A parallel slogan or couplet without its speaker: `山川异域，风月同天`,
        // `应收尽收，刻不容缓`.
        if han && !has_speaker && is_parallel(inner) {
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
        // `谢伊表示，这种局面“着实令人担忧”。`: words of four characters or more that close a
        // sentence whose speaker said so earlier in it.
        if han && n >= 4 && !runs_on && !is_proper_name(core) && self.reported_speaker(c).is_some()
        {
            return false;
        }
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
        } else if self.partial_quote_speaker(c).is_some() {
            false
        } else {
            n <= 2 || (!has_speaker && !standalone && n < 8)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parallel_slogans_are_told_from_sentences() {
        for (inner, parallel) in [
            ("山川异域，风月同天", true),
            ("应收尽收，刻不容缓", true),
            ("外防输入、内防反弹", true),
            ("岂曰无衣，与子同裳。", true),
            ("人多起来了，生意差不多恢复到以前了。", false),
            ("中国好样的，我们一起加油！", false),
            ("在这个艰难的时刻，俄罗斯与中国同在。", false),
            (
                "过年压了这么多货，只能多送几趟外卖，能赚一点是一点。",
                false,
            ),
            ("液冷已经不是选配，而是下一代机柜的标准规格。", false),
            ("抓手", false),
        ] {
            assert_eq!(is_parallel(inner), parallel, "{inner}");
        }
    }
}
