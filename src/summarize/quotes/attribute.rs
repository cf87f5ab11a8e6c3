//! Stage 3, attribute: the speech cue next to a quotation and the speaker phrase it governs,
//! cut into name and title; quote first, speaker first, or from a neighbouring sentence.

use super::*;

/// `But they` → `they`, `In an interview Smith` stays (only sentence connectives are dropped).
pub(super) fn strip_en_connective(s: &str) -> &str {
    for c in [
        "But ",
        "And ",
        "However ",
        "Yet ",
        "So ",
        "Still ",
        "Meanwhile ",
        "Now ",
        "Also ",
    ] {
        if let Some(rest) = s.strip_prefix(c) {
            return rest.trim_start();
        }
    }
    s
}

/// Abbreviated titles whose full stop ends no sentence (`Rep. Gwen Moore`, `the Rev. Peter
/// Wherry`).
pub(super) fn is_en_abbreviation(w: &str) -> bool {
    matches!(
        w,
        "Mr" | "Mrs"
            | "Ms"
            | "Dr"
            | "Rep"
            | "Reps"
            | "Sen"
            | "Sens"
            | "Gov"
            | "Del"
            | "Rev"
            | "Prof"
            | "Gen"
            | "Lt"
            | "Col"
            | "Capt"
            | "Sgt"
            | "Adm"
            | "Maj"
            | "Cmdr"
            | "Jr"
            | "Sr"
            | "St"
            | "Atty"
            | "Supt"
    )
}

/// `Jensen Huang`, `Chen Hao`, `Mr. Hollis`: one to four capitalised words.
pub(super) fn is_capitalised_name(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    (1..=4).contains(&words.len())
        && words
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase))
}

/// `chief executive of X, which designs …` → `chief executive of X`.
pub(super) fn cut_relative_clause(role: &str) -> &str {
    let mut end = role.len();
    for sep in [
        ", which",
        ", who",
        " who ",
        " which ",
        " (",
        ", a ",
        ", an ",
        ", when",
        ", as ",
        ", after ",
        ", adding",
        ", speaking",
        ", in a ",
        ", in an ",
    ] {
        if let Some(i) = role.find(sep) {
            end = end.min(i);
        }
    }
    role[..end].trim_end_matches(',').trim()
}

/// `a spokesperson for AWS` → `a spokesperson`; other phrases unchanged.
pub(super) fn strip_en_article_tail(phrase: &str) -> String {
    if starts_lower_article(phrase) {
        for sep in [" for ", " at ", " of ", " with ", " from "] {
            if let Some(i) = phrase.find(sep) {
                return phrase[..i].to_string();
            }
        }
    }
    phrase.to_string()
}

/// Drops `in an interview`, `on Tuesday` after a name.
pub(super) fn strip_en_tail(name: &str) -> &str {
    for sep in [" in ", " on ", " at a ", " during ", " last ", " this "] {
        if let Some(i) = name.find(sep) {
            return &name[..i];
        }
    }
    name
}

/// Capitalised titles written before a name in English news.
const EN_TITLES: &[&str] = &[
    "President",
    "Vice",
    "Prime",
    "Minister",
    "Secretary",
    "Chancellor",
    "Premier",
    "Mayor",
    "Governor",
    "Gov.",
    "Senator",
    "Sen.",
    "Rep.",
    "Representative",
    "Judge",
    "Justice",
    "Dr.",
    "Professor",
    "Prof.",
    "General",
    "Gen.",
    "Sheriff",
    "Detective",
    "Officer",
    "Sgt.",
    "Coach",
    "Pope",
    "King",
    "Queen",
    "Prince",
    "Princess",
    "Sir",
    "Dame",
    "Lord",
    "Lady",
    "Chairman",
    "Chief",
    "Executive",
    "Director",
    "Ambassador",
    "Attorney",
    "Commissioner",
    "Inspector",
    "Captain",
    "Capt.",
    "Lt.",
    "Col.",
    "Speaker",
    "Leader",
    "Archbishop",
    "Bishop",
    "Rev.",
];

/// `Mayor Jim Hart` → (`Mayor`, `Jim Hart`): the leading words up to the last title among
/// them, when a name of at least one word follows. `None` when no title leads.
pub(super) fn en_title_split(name: &str) -> Option<(&str, &str)> {
    let words: Vec<(usize, &str)> = name
        .split(' ')
        .scan(0, |at, w| {
            let start = *at;
            *at += w.len() + 1;
            Some((start, w))
        })
        .collect();
    let last_title = words
        .iter()
        .take(words.len().saturating_sub(1).min(4))
        .rposition(|(_, w)| EN_TITLES.contains(w))?;
    let rest = words[last_title + 1].0;
    // Every word before the title is part of it (`U.S. President`, `Prime Minister`).
    words[..last_title]
        .iter()
        .all(|(_, w)| w.starts_with(|c: char| c.is_uppercase()))
        .then(|| (name[..rest].trim_end(), &name[rest..]))
}

/// The name at the end of a long subject: `… grew so heated that New Jersey Gov. Chris
/// Christie (said)` → `New Jersey Gov. Chris Christie`; `As Andrew J. Tabler (noted)` →
/// `Andrew J. Tabler`. A phrase of six words or fewer is kept (`the Slate columnist David
/// Auerbach` describes its speaker).
pub(super) fn trailing_name(phrase: &str) -> &str {
    // `… that Mr. Trump was prompted to (say)`: the verb before the infinitive cue goes.
    let phrase = match phrase.strip_suffix(" to") {
        Some(rest) => {
            // (Lower-case words, up to the noun after a determiner: `The email goes on to`.)
            let words: Vec<&str> = rest.split(' ').collect();
            let verbs = (1..words.len())
                .rev()
                .take_while(|&i| {
                    words[i].starts_with(|c: char| c.is_lowercase())
                        && !matches!(
                            words[i - 1],
                            "The"
                                | "the"
                                | "A"
                                | "a"
                                | "An"
                                | "an"
                                | "His"
                                | "his"
                                | "Her"
                                | "her"
                                | "Its"
                                | "its"
                                | "Their"
                                | "their"
                        )
                })
                .map(|i| words[i].len() + 1)
                .sum::<usize>();
            rest[..rest.len().saturating_sub(verbs)].trim_end()
        }
        None => phrase,
    };
    let phrase = phrase
        .strip_prefix("As ")
        .or_else(|| phrase.strip_prefix("as "))
        .unwrap_or(phrase);
    let words: Vec<&str> = phrase.split(' ').collect();
    if words.len() <= 6 {
        return phrase;
    }
    let capitalised = |w: &&&str| w.starts_with(|c: char| c.is_uppercase());
    let run = words.iter().rev().take_while(capitalised).count();
    if !(2..=5).contains(&run)
        || !words[words.len() - run - 1].starts_with(|c: char| c.is_lowercase())
    {
        return phrase;
    }
    let start = words[..words.len() - run]
        .iter()
        .map(|w| w.len() + 1)
        .sum::<usize>();
    &phrase[start..]
}

/// `R-Ky.`, `D-Mo.`, `(D-Wis.)`, `I-Vt`: a US party and state after a politician's name.
pub(super) fn is_party_tag(s: &str) -> bool {
    let t = s.trim_matches(['(', ')', '.', ',']);
    t.split_once('-').is_some_and(|(party, state)| {
        matches!(party, "R" | "D" | "I")
            && (2..=6).contains(&state.len())
            && state.starts_with(|c: char| c.is_ascii_uppercase())
            && state.chars().all(|c| c.is_ascii_alphabetic() || c == '.')
    })
}

pub(super) fn starts_lower_article(s: &str) -> bool {
    let first = s.split_whitespace().next().unwrap_or("");
    matches!(
        first,
        "a" | "an" | "the" | "one" | "two" | "another" | "several"
    )
}

impl Ctx<'_> {
    /// The speaker of `cue`, looking back to `start` (and, in English, on to `end`).
    pub(super) fn speaker_for(
        &self,
        english: bool,
        start: usize,
        cue: &Token,
        end: usize,
    ) -> Option<Speaker> {
        if english {
            self.english_speaker(start, cue, end)
        } else {
            Some(self.chinese_speaker(start, cue))
        }
    }

    pub(super) fn is_cue(&self, t: &Token) -> bool {
        if t.kind != TokenKind::Word {
            return false;
        }
        let w = t.span.slice(self.text);
        let cue = ZH_CUES.contains(&w) || self.glued_cue(t) || is_en_cue(w);
        // `二话不说`, `没说`: a negated verb reports no words; `从这个意义上说`, `总的来说`,
        // `可以说`: the writer's own turn of phrase.
        let before = &self.text[..self.cue_start(t)];
        cue && !before.ends_with(['不', '没'])
            && ![
                "意义上",
                "程度上",
                "层面上",
                "角度",
                "总的来",
                "一般来",
                "相对来",
                "换句话",
                "可以",
                "应该",
                "也就是",
            ]
            .iter()
            .any(|w| before.ends_with(w))
    }

    /// `超说` in `梁子|超说`: a name's last character and the cue in one token.
    pub(super) fn glued_cue(&self, t: &Token) -> bool {
        let w = t.span.slice(self.text);
        w.chars().count() >= 2
            && w.ends_with(['说', '称'])
            && w.chars().all(is_cjk)
            && !ZH_CUES.contains(&w)
            && !NOT_GLUED_CUES.contains(&w)
    }

    /// Where the cue itself starts (inside a glued token, its last character).
    pub(super) fn cue_start(&self, t: &Token) -> usize {
        if self.glued_cue(t) {
            t.span.end - '说'.len_utf8()
        } else {
            t.span.start
        }
    }

    pub(super) fn cue_text(&self, t: &Token) -> String {
        self.text[self.cue_start(t)..t.span.end].to_string()
    }

    /// `“……”张勇表示` / `"…," said Jensen Huang` / `"…," he said`.
    pub(super) fn quote_first(&self, c: &Candidate) -> Option<Speaker> {
        let after = c.after;
        let sentence_end = self
            .sentence_at(after.saturating_sub(1))
            .map_or(after, |s| s.end);
        let para_end = self.paragraph_of(c.open).end;
        let end = sentence_end.max(after).min(para_end);
        let end = floor_char(self.text, end.min(after + 180));
        let window = &self.text[after..end];
        // Stop at the next sentence end outside quotations.
        let stop = window
            .char_indices()
            .find(|&(i, ch)| matches!(ch, '。' | '！' | '？') && !self.in_quote(after + i))
            .map_or(end, |(i, _)| after + i);
        let english = self.is_english(c);
        if english && let Some(s) = self.dash_attribution(after) {
            return Some(s);
        }
        // `"…," Leonard E. Burman, director of … and a professor at …, said`: a name set off
        // by a comma right after the quotation may carry a long appositive before the cue.
        let apposed = english && {
            let rest = self.text[after..stop].trim_start_matches([',', ' ']);
            rest.starts_with(|ch: char| ch.is_ascii_uppercase())
                && rest.split_once(", ").is_some_and(|(name, _)| {
                    name.split(' ').count() <= 6
                        && name
                            .split(' ')
                            .all(|w| w.starts_with(|c: char| c.is_uppercase()))
                })
        };
        let cue = self
            .tokens_in(after, stop)
            .iter()
            .take(if apposed {
                80
            } else if english {
                14
            } else {
                40
            })
            .find(|t| self.is_cue(t) && !self.in_quote(t.span.start))?;
        let between = self.text[after..cue.span.start]
            .trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '，' | ',' | '、'));
        // Attached only when the quotation opens its clause (`……，“……”张勇说`), not when it
        // sits inside one (`已达到“临界点”，呼吁……`).
        let opens_clause = self.text[..c.open]
            .trim_end()
            .chars()
            .next_back()
            .is_none_or(|ch| {
                is_clause_punct(ch) || matches!(ch, '.' | '”' | '」' | '"' | '\n' | '(' | '（')
            });
        let attached = opens_clause && !between.chars().any(is_clause_punct);
        let speaker = self.speaker_for(english, after, cue, stop);
        speaker.map(|s| Speaker { attached, ..s })
    }

    /// `"…" ― Sonya Herridge`: a name after a dash right after the quotation, alone on the rest
    /// of its line or before a comma (`— Jane Doe, a nurse`); in fact-check copy, a line of
    /// its own after the quotation's paragraph (`- Clinton.`).
    fn dash_attribution(&self, after: usize) -> Option<Speaker> {
        let same_line = self.text[after..].trim_start_matches([' ', '\u{a0}']);
        let rest = match same_line.strip_prefix(['—', '―', '–']) {
            Some(rest) => rest,
            None if same_line.starts_with('\n') => {
                same_line.trim_start().strip_prefix("- ").filter(|r| {
                    let line = r.split('\n').next().unwrap_or("");
                    !line.trim_end().trim_end_matches('.').contains([',', '.'])
                })?
            }
            None => return None,
        }
        .trim_start();
        let line = rest.split('\n').next().unwrap_or("");
        let (name, role) = line.split_once(", ").unwrap_or((line, ""));
        let name = name.trim().trim_end_matches(['.', ',']);
        is_capitalised_name(name).then(|| Speaker {
            name: name.to_string(),
            role: role.trim().trim_end_matches('.').to_string(),
            at: after,
            named: true,
            attached: true,
            ..Speaker::default()
        })
    }

    /// `张勇表示,“……”` / `张勇再度重申“……”` / `Huang said: "…"`.
    pub(super) fn speaker_first(&self, c: &Candidate) -> Option<Speaker> {
        let sentence_start = self.sentence_at(c.open).map_or(c.open, |s| s.start);
        let para_start = self.paragraph_of(c.open).start;
        let start = sentence_start.max(para_start);
        // Not across an earlier quotation of the same sentence.
        let start = self
            .quoted_from(0, c.open)
            .iter()
            .filter(|q| q.end <= c.open && q.end > start)
            .map(|q| q.end)
            .max()
            .unwrap_or(start);
        let toks = self.tokens_in(start, c.open);
        let english = self.is_english(c);
        // English sets off a longer addressee, place and time with a comma or colon before the
        // mark (`told reporters in Nashua last week, "…"`).
        let set_off = english && self.text[start..c.open].trim_end().ends_with([',', ':']);
        // The cue and at most a short addressee (`告诉虎嗅,`, `told reporters:`) before the mark.
        let near = toks
            .iter()
            .enumerate()
            .rev()
            .take(if set_off {
                12
            } else if english {
                7
            } else {
                6
            })
            .find(|(_, t)| self.is_cue(t))
            .filter(|(k, _)| {
                let gap = &toks[k + 1..];
                // `告诉虎嗅,`, `told a press conference,`
                gap.iter().filter(|t| t.kind == TokenKind::Word).count()
                    <= if set_off {
                        8
                    } else if english {
                        3
                    } else {
                        2
                    }
                    && !gap.iter().any(|t| {
                        let w = t.span.slice(self.text);
                        matches!(w, "。" | "！" | "？" | "." | "!" | "?")
                    })
            })
            .map(|(_, t)| t);
        // `孙浩然表示，团队已经……，“……”`: the sentence opens with its attribution and reports
        // a clause before the quotation, which follows a comma.
        let opens = || {
            let before = self.text[start..c.open].trim_end();
            if !before.ends_with(['，', ',', '：', ':']) {
                return None;
            }
            toks.iter().enumerate().take(16).find_map(|(k, t)| {
                let after = toks.get(k + 1..k + 3)?;
                let comma = after
                    .iter()
                    .any(|x| matches!(x.span.slice(self.text), "，" | "," | "：" | ":"));
                (self.is_cue(t) && comma && !self.in_quote(t.span.start)).then_some(t)
            })
        };
        // `他说，凡是……，“我们可以向这些国家汲取经验”。`: a quotation that closes the sentence
        // its speaker opened is attached too.
        let closes_sentence = {
            let rest = self.text[c.after..].trim_start_matches([' ', '\t']);
            rest.is_empty() || rest.starts_with(['。', '！', '？', '.', '!', '?', '\n', '\r'])
        };
        let attached = near.is_some_and(|cue| {
            toks.iter()
                .filter(|t| t.span.start > cue.span.start && t.kind == TokenKind::Word)
                .count()
                <= 1
        }) || (near.is_none() && closes_sentence);
        let Some(cue) = near.or_else(opens) else {
            return english
                .then(|| self.colon_attribution(start, c.open))
                .flatten();
        };
        let speaker = self.speaker_for(english, start, cue, c.open);
        speaker.map(|s| Speaker { attached, ..s })
    }

    /// `Michael Lee: "…"`: a name and a colon alone before the quotation.
    fn colon_attribution(&self, start: usize, open: usize) -> Option<Speaker> {
        let before = self.text[start..open].trim_end().strip_suffix(':')?;
        let name = before
            .rsplit(['\n', '-', '—', '―'])
            .next()
            .unwrap_or(before)
            .trim();
        (is_capitalised_name(name)
            && english_checked(name).is_some_and(|n| n == name)
            && !is_en_time(name))
        .then(|| Speaker {
            name: name.to_string(),
            at: start + before.rfind(name).unwrap_or(0),
            named: true,
            attached: true,
            ..Speaker::default()
        })
    }

    /// The standalone quotation's speaker from the next sentences (same paragraph, else the first
    /// two of the next paragraph), or from a previous sentence that ends with `…说：`.
    pub(super) fn neighbour(&self, c: &Candidate) -> Option<Speaker> {
        let para = self.paragraphs[c.para];
        let english = self.is_english(c);
        // `巴赫说，他要……。“……”`: the sentence before, in the same paragraph, opens with its
        // speaker's cue.
        let before = self.sentences.partition_point(|s| s.end <= c.open);
        if let Some(prev) = self.sentences[..before]
            .last()
            .filter(|s| s.start >= para.start)
            && !self
                .quoted_from(prev.start, prev.end)
                .iter()
                .any(|q| q.end <= prev.end)
            && let Some(cue) = self
                .tokens_in(prev.start, prev.end)
                .iter()
                .take(if english { 16 } else { 12 })
                .find(|t| self.is_cue(t))
        {
            let sp = self.speaker_for(english, prev.start, cue, prev.end);
            if let Some(sp) = sp.filter(|sp| !sp.name.is_empty()) {
                return Some(sp);
            }
        }
        let after = self.sentences.partition_point(|s| s.start < c.after);
        let mut next: Vec<Span> = self.sentences[after..]
            .iter()
            .take_while(|s| s.end <= para.end)
            .take(1)
            .copied()
            .collect();
        if next.is_empty()
            && let Some(np) = self.paragraphs.get(c.para + 1)
        {
            let first = self.sentences.partition_point(|s| s.start < np.start);
            next = self.sentences[first..]
                .iter()
                .take_while(|s| s.end <= np.end)
                .take(2)
                .copied()
                .collect();
        }
        for s in next {
            // Only a sentence that starts with its attribution, not one that quotes someone else.
            let Some(cue) = self
                .tokens_in(s.start, s.end)
                .iter()
                .take(if english { 12 } else { 30 })
                .find(|t| self.is_cue(t) && !self.in_quote(t.span.start))
            else {
                continue;
            };
            if self
                .quoted_from(s.start, cue.span.start)
                .iter()
                .any(|q| q.end <= cue.span.start)
            {
                continue;
            }
            let sp = self.speaker_for(english, s.start, cue, s.end);
            if let Some(sp) = sp.filter(|sp| !sp.name.is_empty()) {
                return Some(sp);
            }
        }
        // `张勇说：` closing the previous paragraph.
        let prev = self.paragraphs.get(c.para.checked_sub(1)?)?;
        let last = prev.slice(self.text).trim_end();
        if last.ends_with(['：', ':']) {
            let toks = self.tokens_in(prev.start, prev.start + last.len());
            let cue = toks.iter().rev().take(3).find(|t| self.is_cue(t))?;
            let s = self
                .sentence_at(cue.span.start)
                .map_or(prev.start, |s| s.start);
            return self.speaker_for(english, s, cue, prev.end);
        }
        None
    }

    /// Words cited from a writer named before the mark: `法国作家雨果的名言“团结定能胜利”`,
    /// `学者谯周的“千里同好，坚于金石”`, `诗人但丁《神曲》中的“……”`. Without a word such as
    /// `名言` or `诗句`, only a sentence of eight characters or more with clause punctuation
    /// after `的` is a citation (`张勇的“新零售”` is a term), and the writer must be named: a
    /// title and a name, or a person's name.
    pub(super) fn citation(&self, c: &Candidate) -> Option<Speaker> {
        let inner = c.inner.slice(self.text);
        if !has_han(inner) {
            return None;
        }
        let sentence = self.sentence_at(c.open).map_or(c.open, |s| s.start);
        let before = self.text[sentence..c.open].trim_end();
        if let Some(s) = self
            .named_after(c)
            .or_else(|| self.work_before(before, sentence))
        {
            return Some(s);
        }
        // (`但丁《神曲》中的“…”`: a work named before the mark is a citation too.)
        let cited = CITED
            .iter()
            .find_map(|w| before.strip_suffix(w))
            .or_else(|| {
                ["》中的", "》里的"]
                    .iter()
                    .any(|w| before.ends_with(w))
                    .then(|| &before[..before.len() - "中的".len()])
            });
        // (`顾瑛的“特别能吃苦，特别能战斗”精神`: a quotation running on is a name.)
        if self.text[c.after..]
            .chars()
            .next()
            .is_some_and(|ch| ch.is_alphanumeric())
        {
            return None;
        }
        let rest = match cited {
            Some(rest) => rest.strip_suffix('的').unwrap_or(rest),
            None if content_units(inner) >= 8 && has_clause_punct(inner) => {
                before.strip_suffix('的')?
            }
            None => return None,
        };
        // `但丁《神曲》中`: the work after its writer.
        let rest = match rest.trim_end_matches(['中', '里']).strip_suffix('》') {
            Some(r) => &r[..r.rfind('《')?],
            None => rest,
        };
        let end = sentence + rest.len();
        let clause = self.text[sentence..end]
            .rfind(['，', ',', '；', ';', '：', ':', '、', '”', '」', '。'])
            .map_or(sentence, |i| {
                sentence
                    + i
                    + self.text[sentence + i..]
                        .chars()
                        .next()
                        .map_or(1, char::len_utf8)
            });
        let mut writer = self.writer(clause, end, true)?;
        // (A writer's name is short unless foreign: `清末诗人巨赞赠日本僧人` names no one.)
        let n = writer.name.chars().count();
        if n > 4
            && !writer.name.contains(NAME_DOTS)
            && !writer.name.chars().all(|c| TRANSLITERATION.contains(c))
        {
            return None;
        }
        // `还引用日本俳句诗人`, `印有出自新罗旅唐学者`: the verb of the sentence is not the role.
        let role = &writer.role;
        writer.role = [
            "引用", "出自", "援引", "借用", "化用", "既有", "也有", "还有", "印有", "写有", "刻有",
            "配有", "写着", "印着",
        ]
        .iter()
        .filter_map(|v| role.rfind(v).map(|i| i + v.len()))
        .max()
        .map_or(role.as_str(), |i| &role[i..])
        .trim_start_matches(['有', '和', '与', '及'])
        .to_string();
        Some(writer)
    }

    /// `“……。”这是长青股份的最新公告提醒`: a quotation that opens its sentence, named right
    /// after it as someone's words.
    fn named_after(&self, c: &Candidate) -> Option<Speaker> {
        if !self.starts_sentence(c.open) {
            return None;
        }
        let rest = self.text[c.after..].strip_prefix("这是")?;
        let i = rest.find('的')?;
        let from = c.after + "这是".len();
        if rest[..i].chars().count() > 16 || rest[..i].chars().any(is_clause_punct) {
            return None;
        }
        self.writer(from, from + i, true)
    }

    /// `明人袁宏道在《雨后游六桥记》中有一段游春文字：“……”`: the writer of the work named
    /// before the colon (`before`: the sentence up to the mark, from byte `sentence`).
    fn work_before(&self, before: &str, sentence: usize) -> Option<Speaker> {
        let clause_at = before
            .strip_suffix(['：', ':'])?
            .rfind(['，', '。', '；'])
            .map_or(0, |i| i + '，'.len_utf8());
        let clause = &before[clause_at..];
        let at = clause.find("在《")?;
        clause[at..].contains("》中").then_some(())?;
        // (Whoever wrote a titled work is a writer: the name need not be known.)
        self.writer(sentence + clause_at, sentence + clause_at + at, false)
    }

    /// The subject of `[start, end)` when it names someone: a title and a name, a person, or an
    /// organisation the dictionary knows (any subject of ten characters or fewer unless
    /// `known_only`).
    fn writer(&self, start: usize, end: usize, known_only: bool) -> Option<Speaker> {
        let (at, name, role) = self.chinese_subject(start, end)?;
        let known = self.entities_from(at, at + 1).iter().any(|e| {
            matches!(
                e.kind,
                EntityKind::Person | EntityKind::Vendor | EntityKind::Org
            ) && e.span.end == at + name.len()
        }) || self
            .people
            .iter()
            .any(|p| p.start == at && p.end == at + name.len());
        let short = name.chars().count() <= 10 && checked(&name).is_some_and(|n| n == name);
        (!role.is_empty() || known || (!known_only && short)).then(|| Speaker {
            name,
            role,
            at,
            named: true,
            attached: true,
            ..Speaker::default()
        })
    }

    /// The subject of the Chinese cue `cue`, looking back to `start`.
    pub(super) fn chinese_speaker(&self, start: usize, cue: &Token) -> Speaker {
        let text = self.text;
        let mut speaker = Speaker {
            cue: self.cue_text(cue),
            ..Speaker::default()
        };
        // The clause before the cue; when it holds only adverbs (`,再度重申`), the one before.
        let seg = &text[start..self.cue_start(cue)];
        let mut clauses: Vec<(usize, &str)> = Vec::new();
        let mut from = 0;
        for (i, ch) in seg.char_indices() {
            if matches!(
                ch,
                '，' | ',' | '；' | ';' | '：' | ':' | '”' | '」' | '"' | '。'
            ) {
                clauses.push((start + from, &seg[from..i]));
                from = i + ch.len_utf8();
            }
        }
        clauses.push((start + from, &seg[from..]));
        for &(at, clause) in clauses.iter().rev().take(2) {
            if let Some((name_at, name, role)) = self.chinese_subject(at, at + clause.len()) {
                speaker.named = self.is_person_name(name_at, &name);
                speaker.name = name;
                speaker.role = role;
                speaker.at = name_at;
                return speaker;
            }
        }
        speaker.at = cue.span.start;
        speaker
    }

    /// The subject phrase of the clause `[start, end)`: (offset, name, role).
    pub(super) fn chinese_subject(
        &self,
        start: usize,
        end: usize,
    ) -> Option<(usize, String, String)> {
        let text = self.text;
        let mut toks: Vec<&Token> = self
            .tokens_in(start, end)
            .iter()
            .filter(|t| t.span.end <= end)
            .collect();
        // `刘长于在当天举行的新闻发布会上(称)`: an adverbial of place or time, 在…上/中/时,
        // follows the subject; its 的 is not the subject's.
        let adverbial = text[start..end]
            .trim_end()
            .ends_with(['上', '中', '里', '时']);
        let whole = toks.len();
        if adverbial
            && let Some(k) = toks.iter().position(|t| t.span.slice(text) == "在")
            && k > 0
        {
            toks.truncate(k);
        }
        // `受访居民对……的工作安排表示“满意”`: what 对 introduces is the topic, not the
        // speaker.
        if let Some(k) = toks
            .iter()
            .position(|t| matches!(t.span.slice(text), "对" | "对于"))
            && k > 0
            // … when a subject stands before it (not `还对社区的群众说`).
            && checked(&text[toks[0].span.start..toks[k - 1].span.end]).is_some()
        {
            toks.truncate(k);
        }
        // The name's tail sits in a token glued to the cue (`梁子|超说`): the Han run before
        // the cue completes the phrase.
        let glued_tail = |e: usize| {
            let rest = &text[e..end];
            !rest.is_empty() && rest.chars().count() <= 3 && rest.chars().all(is_cjk)
        };
        let clause = text[start..end].trim();
        if toks.is_empty() && !clause.is_empty() && glued_tail(end - clause.len()) {
            return Some((end - clause.len(), clause.to_string(), String::new()));
        }
        // After the last 的 (a modifying clause before the head noun), then up to the first word
        // that ends a subject.
        let mut first = toks
            .iter()
            .rposition(|t| t.span.slice(text) == "的")
            .map_or(0, |k| k + 1);
        // `一位不愿具名的行业人士`: an anonymous speaker keeps its own modifier.
        if let Some(q) = toks[..first]
            .iter()
            .rposition(|t| is_quantifier(t.span.slice(text)))
        {
            first = q;
        }
        // Leading words and a date (`31日李丙红向记者介绍`).
        let date_part = |k: usize| {
            let w = toks[k].span.slice(text);
            w.chars().all(|c| c.is_ascii_digit())
                || (k > 0
                    && matches!(w, "日" | "月" | "号" | "年")
                    && toks[k - 1]
                        .span
                        .slice(text)
                        .chars()
                        .all(|c| c.is_ascii_digit()))
        };
        while first < toks.len()
            && (ZH_LEADING.contains(&toks[first].span.slice(text)) || date_part(first))
        {
            first += 1;
        }
        // A leading `在…上,`-type adverbial is its own clause; a leading subject-ending word
        // (`近期`) before a subject is skipped.
        while first < toks.len() && ZH_SUBJECT_END.contains(&toks[first].span.slice(text)) {
            first += 1;
        }
        // `发起者和作曲者、埃及音乐人伊哈布·哈米德`: of appositives listed with `、`, the one
        // that names someone (a title and a name, or a dotted name) is the speaker.
        if let Some(k) = toks[first..]
            .iter()
            .rposition(|t| t.span.slice(text) == "、")
            .map(|k| first + k)
        {
            let rest = &text[toks[k].span.end..end];
            // (`前主席、议员何大仁`: a bare title before the list comma names nobody.)
            let bare_title = is_title(&text[toks[first].span.start..toks[k].span.start]);
            if rest.contains(NAME_DOTS) || ZH_TITLES.iter().any(|t| rest.contains(t)) || bare_title
            {
                first = k + 1;
            }
        }
        let last = toks[first..]
            .iter()
            .position(|t| {
                let w = t.span.slice(text);
                // jieba glues an adverb to the verb after it (`特朗普|曾发|推称`).
                let adverb_glued =
                    w.chars().count() == 2 && w.starts_with(['曾', '也', '均', '仍', '亦']);
                // A dotted name, and an organisation's place in brackets
                // (`松下电子材料(苏州)有限公司副总经理杨明`).
                let name_dot = matches!(w, "·" | "•" | "・" | "(" | ")" | "（" | "）");
                ZH_SUBJECT_END.contains(&w)
                    || adverb_glued
                    || (t.kind == TokenKind::Punct && !name_dot)
            })
            .map_or(toks.len(), |k| first + k);
        if first >= last {
            return None;
        }
        let s = toks[first].span.start;
        let mut e = toks[last - 1].span.end;
        if last == toks.len() && toks.len() == whole && glued_tail(e) {
            e = end;
        }
        let phrase = text[s..e].trim();
        if phrase.is_empty() || NOT_SPEAKERS.contains(&phrase) {
            return None;
        }
        // A dictionary person inside the phrase is the name; what precedes it is the role.
        // (Not when the phrase goes on to someone of theirs: `安德鲁·杰克经纪人`.)
        let theirs = |end: usize| {
            let rest = text[end..e].trim_start_matches('的');
            !rest.is_empty()
                && rest.chars().all(is_cjk)
                && ZH_TITLES
                    .iter()
                    .chain(&["经纪人", "家人", "团队"])
                    .any(|t| rest.ends_with(t))
        };
        if let Some(p) = self
            .entities_from(s, e)
            .iter()
            .find(|x| x.kind == EntityKind::Person && x.span.end <= e && !theirs(x.span.end))
        {
            let role = text[s..p.span.start].trim().to_string();
            return Some((p.span.start, p.text.clone(), role));
        }
        // A title word followed by a 2–4 character name: `钉钉总裁叶军`. The title that ends
        // last is the name's own (`基本法委员会副主任谭惠珠`, not `委员` inside `委员会`).
        let name_after = |end: usize| {
            let rest = &phrase[end..];
            let len = rest.chars().count();
            let latin_name = rest.starts_with(|c: char| c.is_ascii_uppercase())
                && rest
                    .chars()
                    .all(|c| c.is_ascii_alphabetic() || matches!(c, ' ' | '.' | '-'));
            let han_name = rest.chars().all(|c| is_cjk(c) || NAME_DOTS.contains(&c))
                && !rest.starts_with(NAME_DOTS);
            ((2..=8).contains(&len) && han_name) || latin_name
        };
        if let Some(end) = ZH_TITLES
            .iter()
            .filter_map(|title| phrase.rfind(title).map(|i| i + title.len()))
            .filter(|&end| name_after(end))
            .max()
        {
            return Some((
                s + end,
                phrase[end..].to_string(),
                phrase[..end].to_string(),
            ));
        }
        (phrase.chars().count() <= 24).then(|| (s, phrase.to_string(), String::new()))
    }

    pub(super) fn is_person_name(&self, at: usize, name: &str) -> bool {
        if is_pronoun(name) {
            return false;
        }
        self.entities_from(at, at + 1)
            .iter()
            .any(|e| e.kind == EntityKind::Person)
            || is_chinese_name(name)
            || (name.split_whitespace().count() <= 3
                && name
                    .split_whitespace()
                    .all(|w| w.chars().next().is_some_and(char::is_uppercase)))
    }

    /// The English speaker around the cue: `said Jensen Huang, chief executive of Nvidia`,
    /// `Huang said`, `chairman Richard Parsons said`, `Smith, an analyst at Gartner, said`.
    pub(super) fn english_speaker(&self, start: usize, cue: &Token, end: usize) -> Option<Speaker> {
        let text = self.text;
        let cue_word = cue.span.slice(text);
        let according = cue_word.eq_ignore_ascii_case("according");
        if according && !text[cue.span.end..end].trim_start().starts_with("to ") {
            return None;
        }
        let mut speaker = Speaker {
            cue: cue_word.to_string(),
            at: cue.span.start,
            ..Speaker::default()
        };
        // Hard-wrapped copy: one space for any run of whitespace.
        let collapse = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
        let mut before = collapse(
            text[start..cue.span.start]
                .trim_matches(|c: char| c.is_whitespace() || matches!(c, ',' | '"' | '”' | '“')),
        );
        // Not across a sentence end the splitter kept (`… Brothers Inc. He added`).
        if let Some(i) = before.rfind(". ")
            && before[i + 2..].starts_with(|c: char| c.is_uppercase())
            && !before[..i].ends_with(|c: char| c.is_uppercase())
            && !before[..i]
                .rsplit(' ')
                .next()
                .is_some_and(is_en_abbreviation)
        {
            before = before[i + 2..].to_string();
        }
        // `…the economy, said David Wyss of Data Resources`: the name follows the cue.
        let next_word = text[cue.span.end..end]
            .split_whitespace()
            .next()
            .unwrap_or("");
        // (`told` and `asked` are followed by the addressee, never the speaker.)
        let inverted = !matches!(
            cue_word.to_ascii_lowercase().as_str(),
            "told" | "tells" | "asked"
        ) && text[start..cue.span.start].trim_end().ends_with(',')
            && (next_word.starts_with(|c: char| c.is_uppercase())
                || matches!(next_word, "a" | "an" | "one" | "the"))
            && !is_en_time(next_word.trim_end_matches([',', '.', ';', ':']));
        // `Trump was defensive …, saying, "…"`: a participle's speaker is the subject of its
        // sentence, the capitalised name or the pronoun that opens it.
        let participle = cue_word.ends_with("ing");
        if participle {
            // (After an opening adverbial: `During a speech earlier in the day, Trump attacked
            // Clinton …, saying, "…"`.)
            // (After a dateline: `WASHINGTON, Dec. 8 (UPI) — …`.)
            let opened = strip_en_connective(&before);
            let opened = opened
                .rsplit_once(" — ")
                .or_else(|| opened.rsplit_once(" – "))
                .map_or(opened, |(_, rest)| rest);
            let subject = opened
                .split(", ")
                .find(|clause| {
                    let first = clause.split(' ').next().unwrap_or("").to_ascii_lowercase();
                    !EN_NOT_OPENERS.contains(&first.as_str())
                })
                .unwrap_or("");
            // The capitalised words that open it, with the lower-case words of a title between
            // them (`Band member Flea shared …`, `Republican presidential candidate Donald
            // Trump quickly took to Twitter`): a lower-case word belongs when a capitalised one
            // follows within two words.
            let words: Vec<&str> = subject.split_whitespace().take(10).collect();
            let upper = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
            let mut opening: Vec<&str> = Vec::new();
            for (i, w) in words.iter().enumerate() {
                // (Not a verb, `Trump attacked Clinton`, `Blige sings to Clinton`, nor a
                // function word.)
                let titled = !is_pronoun(w)
                    && w.chars().all(|c| c.is_alphabetic() || c == '-')
                    && !w.ends_with("ed")
                    && (!w.ends_with('s') || w.ends_with("ss"))
                    && !matches!(
                        *w,
                        "to" | "with"
                            | "for"
                            | "on"
                            | "at"
                            | "in"
                            | "by"
                            | "of"
                            | "from"
                            | "and"
                            | "but"
                            | "or"
                            | "the"
                            | "a"
                            | "an"
                            | "into"
                            | "about"
                            | "after"
                            | "before"
                            | "then"
                            | "also"
                            | "quickly"
                            | "later"
                    )
                    && words[i + 1..].iter().take(2).any(|n| upper(n));
                if !(upper(w) || (!opening.is_empty() && titled)) {
                    break;
                }
                opening.push(w.trim_end_matches([',', ';', ':']));
                if w.ends_with([',', ';', ':']) {
                    break;
                }
            }
            while opening.last().is_some_and(|w| !upper(w)) {
                opening.pop();
            }
            let first = opening.first().copied().unwrap_or("");
            let opening_participle = first.ends_with("ing");
            let possessive = opening
                .iter()
                .any(|w| w.ends_with("'s") || w.ends_with("’s"));
            if opening.is_empty()
                || possessive
                || opening_participle
                || matches!(first, "The" | "A" | "An" | "In" | "On" | "At" | "As")
            {
                return Some(speaker);
            }
            // A title before the name is its role (`Band member` / `Flea`).
            let run = opening.iter().rev().take_while(|w| upper(w)).count();
            let (role, name) = opening.split_at(opening.len() - run);
            let (role, name) = if role.is_empty() || run == opening.len() {
                (String::new(), opening.join(" "))
            } else {
                (role.join(" "), name.join(" "))
            };
            speaker.named = !is_pronoun(&name);
            speaker.name = if is_pronoun(&name) {
                name.to_lowercase()
            } else {
                name
            };
            speaker.role = role;
            speaker.at = start;
            return Some(speaker);
        }
        let (phrase, at) = if before.is_empty() || inverted || according {
            // `said Jensen Huang, chief executive of Nvidia.`; `according to the sci-fi website
            // Big Shiny Robot, …`
            let after_cue = if according {
                text[cue.span.end..end]
                    .trim_start()
                    .trim_start_matches("to ")
            } else {
                &text[cue.span.end..end]
            };
            let rest = collapse(after_cue);
            let stop = rest
                .char_indices()
                .find(|&(i, c)| match c {
                    ';' | '"' | '“' | '”' | ':' => true,
                    // `E.F. Hutton`: a full stop after an initial does not end the name.
                    '.' => {
                        let at_end = rest[i + 1..].is_empty() || rest[i + 1..].starts_with(' ');
                        let initial = rest[..i]
                            .rsplit([' ', '.'])
                            .next()
                            .is_some_and(|w| w.chars().count() == 1 || is_en_abbreviation(w));
                        at_end && !initial
                    }
                    _ => false,
                })
                .map_or(rest.len(), |(i, _)| i);
            let body = rest[..stop].trim();
            let (name, role) = match body.split_once(", ") {
                Some((n, r)) => (n.trim(), r.trim()),
                None => (body, ""),
            };
            // `the regional manager for one of the major oil companies who spoke …`
            let name = strip_en_article_tail(cut_relative_clause(strip_en_tail(name)));
            let name = name.as_str();
            speaker.role = role.trim_end_matches(',').to_string();
            speaker.role = cut_relative_clause(&speaker.role).to_string();
            (name.to_string(), cue.span.end)
        } else {
            // The last clause before the cue; an appositive (`, an analyst at Gartner,`) is a role.
            let mut parts: Vec<&str> = before.split(", ").map(str::trim).collect();
            // `Mitch McConnell, R-Ky., said`: a party and state tag is no name.
            if parts.len() >= 2 && parts.last().is_some_and(|p| is_party_tag(p)) {
                parts.pop();
            }
            // `Clinton, exasperated, famously responded`: a manner word or two set off by commas
            // after the subject is no part of it.
            // Nor is a place or time set off so (`Hillary Clinton, at a later press gaggle,
            // said`).
            let adverbial = |p: &str| {
                matches!(
                    p.split(' ').next().unwrap_or(""),
                    "at" | "in"
                        | "on"
                        | "during"
                        | "after"
                        | "before"
                        | "speaking"
                        | "earlier"
                        | "later"
                        | "while"
                        | "when"
                )
            };
            while parts.len() >= 2
                && parts.last().is_some_and(|p| {
                    let words: Vec<&str> = p.split_whitespace().collect();
                    (1..=2).contains(&words.len())
                        && words
                            .iter()
                            .all(|w| w.starts_with(|c: char| c.is_lowercase()))
                        && !starts_lower_article(p)
                        && !words.iter().any(|w| is_pronoun(w))
                        && is_capitalised_name(parts[0])
                        || (adverbial(p) && !adverbial(parts[parts.len() - 2]))
                })
            {
                parts.pop();
            }
            let last = strip_en_connective(parts.last()?);
            // `Carson did not mention …, but told his supporters, "…"`: a verb coordinated
            // with the sentence's first one has its subject.
            let coordinated = (last.is_empty()
                || matches!(last, "but" | "and" | "then" | "but then"))
                && parts.len() >= 2
                && {
                    let first = parts[0]
                        .split(' ')
                        .next()
                        .unwrap_or("")
                        .to_ascii_lowercase();
                    !EN_NOT_OPENERS.contains(&first.as_str())
                };
            // (The capitalised words that open the sentence.)
            let subject = coordinated.then(|| {
                let words = parts[0]
                    .split(' ')
                    .take_while(|w| w.starts_with(|c: char| c.is_uppercase()))
                    .take(4)
                    .map(str::len)
                    .collect::<Vec<_>>();
                &parts[0][..(words.iter().sum::<usize>() + words.len()).saturating_sub(1)]
            });
            let last = subject.filter(|s| !s.is_empty()).unwrap_or(last);
            let appositive = !coordinated
                && parts.len() >= 2
                && (starts_lower_article(last)
                    || (is_capitalised_name(parts[parts.len() - 2]) && !is_capitalised_name(last)));
            let (name, role) = if appositive {
                (strip_en_connective(parts[parts.len() - 2]), last)
            } else {
                (last, "")
            };
            speaker.role = cut_relative_clause(role).to_string();
            let name = trailing_name(name);
            // `… although she says`, `… after what he said`: a pronoun right before the cue is
            // its subject, whatever precedes it.
            match name.rsplit_once(' ') {
                Some((_, pronoun)) if is_pronoun(pronoun) && pronoun.len() <= 4 => {
                    speaker.role.clear();
                    (pronoun.to_string(), cue.span.start.saturating_sub(1))
                }
                _ => (name.to_string(), cue.span.start.saturating_sub(1)),
            }
        };
        let phrase = phrase.trim().trim_end_matches(',').to_string();
        // `Explaining his decision, …`: a participle opens a clause, not a speaker (a name
        // such as `Schilling` or `Manning` is alone or followed by capitalised words).
        let mut phrase_words = phrase.split_whitespace();
        if phrase_words.next().is_some_and(|w| {
            w.len() > 5 && w.ends_with("ing") && w.starts_with(|c: char| c.is_uppercase())
        }) && phrase_words
            .next()
            .is_some_and(|w| w.starts_with(|c: char| c.is_lowercase()))
        {
            return Some(speaker);
        }
        if phrase.is_empty() || phrase.split_whitespace().count() > 9 {
            return Some(speaker);
        }
        if NOT_SPEAKERS.contains(&phrase.as_str()) {
            return Some(speaker);
        }
        // `Bill Sullivan of Dean Witter Reynolds` → name + organisation; `Midland Montagu's
        // Maude` → organisation + name.
        for sep in [" of ", " at ", " with ", " from "] {
            if let Some((name, org)) = phrase.split_once(sep)
                && is_capitalised_name(name)
                && org
                    .trim_start_matches("the ")
                    .starts_with(|c: char| c.is_uppercase())
            {
                if speaker.role.is_empty() {
                    speaker.role = org.to_string();
                }
                speaker.named = true;
                speaker.name = name.to_string();
                speaker.at = at;
                return Some(speaker);
            }
        }
        if let Some((org, name)) = phrase
            .rsplit_once("'s ")
            .or_else(|| phrase.rsplit_once("' "))
            && is_capitalised_name(name)
            && is_capitalised_name(org)
        {
            speaker.role = org.to_string();
            speaker.named = true;
            speaker.name = name.to_string();
            speaker.at = at;
            return Some(speaker);
        }
        // `the 29-year-old`, `the Indiana Republican`: someone just named, resolved later.
        if super::resolve::is_en_epithet(&phrase) {
            speaker.name = phrase;
            speaker.at = at;
            return Some(speaker);
        }
        // `chairman and chief executive Richard Parsons` → role + name (a trailing capitalised run).
        let words: Vec<&str> = phrase.split_whitespace().collect();
        let caps = words
            .iter()
            .rev()
            .take_while(|w| w.chars().next().is_some_and(char::is_uppercase))
            .count();
        let (name, role) = if caps > 0 && caps < words.len() && !starts_lower_article(&phrase) {
            let lead = &words[..words.len() - caps];
            let name_words = &words[words.len() - caps..];
            if lead
                .iter()
                .all(|w| w.chars().next().is_some_and(char::is_lowercase))
                || lead.len() <= 4
            {
                (name_words.join(" "), lead.join(" "))
            } else {
                (phrase.clone(), String::new())
            }
        } else {
            (strip_en_article_tail(&phrase), String::new())
        };
        // `Mayor Jim Hart`, `U.S. President Barack Obama`: the capitalised title is a role.
        let (name, role) = match en_title_split(&name) {
            Some((title, rest)) if role.is_empty() => (rest.to_string(), title.to_string()),
            _ => (name, role),
        };
        speaker.named = caps > 0 && !starts_lower_article(&name) && !is_pronoun(&name);
        speaker.at = at;
        if speaker.role.is_empty() {
            speaker.role = role;
        }
        speaker.name = if is_pronoun(&name) {
            name.to_lowercase()
        } else {
            name
        };
        Some(speaker)
    }
}
