//! Stage 4, resolve: pronouns, demonstratives (`这位创始人`, `该人士`) and `it` / `the company`
//! to the nearest fitting mention before them.

use super::*;

/// `Mr. Chen` or `Marsh` → the fuller form mentioned earlier (`Chen Hao`, `Elena Marsh`).
pub(super) fn fuller_name(earlier: &[(usize, String)], name: &str) -> String {
    let short = name
        .trim_start_matches("Mr. ")
        .trim_start_matches("Ms. ")
        .trim_start_matches("Mrs. ")
        .trim_start_matches("Dr. ");
    if short.contains(' ') || !short.is_ascii() {
        return name.to_string();
    }
    earlier
        .iter()
        .rev()
        .map(|(_, n)| n)
        .find(|n| {
            // (`Mr. Chen` is no fuller than `Chen`: a given name is.)
            let words: Vec<&str> = n.split_whitespace().collect();
            words.contains(&short)
                && words
                    .iter()
                    .any(|w| *w != short && !matches!(*w, "Mr." | "Ms." | "Mrs." | "Dr."))
        })
        .cloned()
        .unwrap_or_else(|| name.to_string())
}

/// Heads of the descriptions English news uses for someone it has just named (`the singer`,
/// `the Indiana Republican`): a person's occupation, office or party.
const EN_EPITHET_HEADS: &[&str] = &[
    "singer",
    "star",
    "actor",
    "actress",
    "player",
    "striker",
    "midfielder",
    "goalkeeper",
    "coach",
    "manager",
    "senator",
    "congressman",
    "congresswoman",
    "governor",
    "mayor",
    "candidate",
    "nominee",
    "lawmaker",
    "republican",
    "democrat",
    "billionaire",
    "businessman",
    "businesswoman",
    "entrepreneur",
    "founder",
    "author",
    "writer",
    "director",
    "filmmaker",
    "rapper",
    "musician",
    "comedian",
    "champion",
    "skier",
    "runner",
    "driver",
    "golfer",
    "veteran",
    "pontiff",
    "pope",
    "prince",
    "princess",
    "king",
    "queen",
    "monarch",
    "president",
    "minister",
    "chancellor",
    "premier",
];

/// Offices written as a title before a name (`President Barack Obama`), whose epithet (`the
/// president`) stands for the one who holds it rather than the last one named.
const EN_OFFICES: &[&str] = &[
    "president",
    "minister",
    "chancellor",
    "premier",
    "senator",
    "governor",
    "mayor",
    "pope",
    "pontiff",
    "coach",
];

/// `the 25-year-old`, `the Slovenian`, `the former senator`: a definite description standing
/// for the person last named, as English news writes it (not `the government`, `the company`).
pub(super) fn is_en_epithet(name: &str) -> bool {
    let Some(rest) = name
        .strip_prefix("the ")
        .or_else(|| name.strip_prefix("The "))
    else {
        return false;
    };
    let words: Vec<&str> = rest.split_whitespace().collect();
    let Some(head) = words.last() else {
        return false;
    };
    let head_lower = head.to_ascii_lowercase();
    let age = head.ends_with("-year-old");
    // `the Slovenian`, `the Frenchman`, `the Briton`: a capitalised nationality.
    let nationality = words.len() == 1
        && head.starts_with(|c: char| c.is_uppercase())
        && (head.ends_with("ian")
            || head.ends_with("ese")
            || head.ends_with("man")
            || head.ends_with("woman")
            || matches!(
                *head,
                "Briton"
                    | "Swede"
                    | "Swiss"
                    | "Spaniard"
                    | "Dane"
                    | "Pole"
                    | "Finn"
                    | "Brazilian"
                    | "American"
            ));
    words.len() <= 4 && (age || nationality || EN_EPITHET_HEADS.contains(&head_lower.as_str()))
}

/// `这位创始人` → `创始人`, `该人士` → `人士`, `上述负责人` → `负责人`; `None` when the phrase
/// is not a demonstrative description.
pub(super) fn demonstrative_head(s: &str) -> Option<&str> {
    ["这位", "该位", "这名", "该名", "那位", "上述", "该"]
        .iter()
        .find_map(|d| s.strip_prefix(d))
        .filter(|h| h.chars().count() >= 2)
}

impl Ctx<'_> {
    /// Resolves a pronoun (`他`, `she`), a demonstrative (`这位创始人`) or `it`/`the company` in
    /// `s.name` against the named mentions `named` (sorted by position).
    pub(super) fn resolve(&self, named: &[(usize, String)], s: &mut Speaker) {
        let ctx = self;
        if let Some(head) = demonstrative_head(&s.name) {
            // The antecedent is a description of someone, never a clause that mentions the
            // head as its object (`要求门店安排工作人员`).
            if let Some(found) = ctx.antecedent(head, s.at).filter(|f| {
                !["要求", "安排", "组织", "派出", "通知", "联系", "请"]
                    .iter()
                    .any(|v| f.contains(v))
            }) {
                s.name = found;
            }
        } else if let Some(kinds) = match s.name.to_lowercase().as_str() {
            "it" | "the company" | "the firm" => Some(&[EntityKind::Vendor, EntityKind::Org][..]),
            "the paper" | "the newspaper" | "the broadcaster" | "the network" => {
                Some(&[EntityKind::Media][..])
            }
            _ => None,
        } {
            // The nearest company or organisation (an outlet for `the paper`) mentioned before,
            // outside quotations; without one, the description stands (`it` names nobody).
            let found = ctx
                .entities_from(0, s.at)
                .iter()
                .rfind(|e| {
                    kinds.contains(&e.kind) && e.span.start < s.at && !ctx.in_quote(e.span.start)
                })
                .map(|e| e.canonical.clone());
            s.name = match found {
                Some(name) => name,
                None if s.name.eq_ignore_ascii_case("it") => String::new(),
                None => std::mem::take(&mut s.name),
            };
        } else if let Some(name) = ctx.last_speaker(named, s) {
            s.name = name;
        } else if let Some(name) = ctx.apposed_name(&s.name, s.at) {
            s.name = name;
        } else if is_pronoun(&s.name) || is_en_epithet(&s.name) {
            let before = named.partition_point(|(at, _)| *at < s.at);
            // `the president` stands for the one last named with that title
            // (`President Barack Obama`, `Obama, the president`), else the last one named.
            let head = is_en_epithet(&s.name)
                .then(|| s.name.rsplit(' ').next().unwrap_or("").to_ascii_lowercase())
                .filter(|h| EN_OFFICES.contains(&h.as_str()));
            let titled = |at: usize, name: &str| {
                head.as_ref().is_some_and(|h| {
                    let around = |a: usize, b: usize| {
                        ctx.text
                            .get(floor_char(ctx.text, a)..floor_char(ctx.text, b))
                            .is_some_and(|t| t.to_ascii_lowercase().contains(h.as_str()))
                    };
                    around(at.saturating_sub(30), at)
                        || around(at + name.len(), at + name.len() + 30)
                })
            };
            // (Among the last 50 mentions: an office is named near where it speaks.)
            let found = (before.saturating_sub(50)..before)
                .rev()
                .find(|&i| titled(named[i].0, &named[i].1))
                .or(before.checked_sub(1))
                .map(|i| fuller_name(&named[..i], &named[i].1));
            // A description with nobody named before it is someone new (`the regional
            // manager`); a pronoun without an antecedent names nobody.
            s.name = match found {
                Some(name) => name,
                None if is_en_epithet(&s.name) => std::mem::take(&mut s.name),
                None => String::new(),
            };
        }
    }

    /// `her father` → `Michael Huskins` after `her father, Michael Huskins, said`; `the star` →
    /// `Kylie Minogue` after `pop star Kylie Minogue`: an English description stands for the
    /// name it was set beside before.
    fn apposed_name(&self, desc: &str, before: usize) -> Option<String> {
        let words: Vec<&str> = desc.split_whitespace().collect();
        let first = words.first()?;
        let described = first.starts_with(|c: char| c.is_ascii_lowercase())
            || matches!(*first, "The" | "Her" | "His" | "Their");
        if !desc.is_ascii() || !described || words.len() > 4 || words.len() < 2 || is_pronoun(desc)
        {
            return None;
        }
        // (Within the last 8 KB: the description was set beside the name not long before.)
        let from = floor_char(self.text, before.saturating_sub(8 << 10));
        let prefix = &self.text[..floor_char(self.text, before)];
        let lower = prefix[from..].to_ascii_lowercase();
        // The capitalised name (two or three words) starting at byte `at`, outside quotations.
        let name_at = |at: usize| -> Option<String> {
            let rest = &prefix[at..];
            let name: Vec<&str> = rest
                .split(' ')
                .take(3)
                .take_while(|w| w.starts_with(|c: char| c.is_ascii_uppercase()))
                .collect();
            let name = name.join(" ");
            let name = name.trim_end_matches([',', '.']);
            (name.contains(' ')
                && !self.in_quote(at)
                && english_checked(name).is_some_and(|n| n == name))
            .then(|| name.to_string())
        };
        let desc_lower = desc.to_ascii_lowercase();
        // `her father, Michael Huskins,`
        for (i, _) in lower.rmatch_indices(&format!("{desc_lower}, ")) {
            if let Some(name) = name_at(from + i + desc.len() + 2) {
                return Some(name);
            }
        }
        // `pop star Kylie Minogue`
        let head = format!(" {} ", words.last()?.to_ascii_lowercase());
        for (i, _) in lower.rmatch_indices(&head) {
            if let Some(name) = name_at(from + i + head.len()) {
                return Some(name);
            }
        }
        None
    }

    /// `伯奇表示，……并赞扬局长萨特……。她说：“…”`: a Chinese pronoun stands for the last person
    /// named as the subject of a speech cue in its paragraph or the one before, rather than
    /// someone named since as an object.
    fn last_speaker(&self, named: &[(usize, String)], s: &Speaker) -> Option<String> {
        if !matches!(s.name.as_str(), "他" | "她") {
            return None;
        }
        let para = self.paragraph_of(s.at);
        let prev = self.paragraph_of(para.start.saturating_sub(1));
        let from = if prev.end <= para.start {
            prev.start
        } else {
            para.start
        };
        let before = named.partition_point(|(at, _)| *at < s.at);
        named[..before]
            .iter()
            .rev()
            .take_while(|(at, _)| *at >= from)
            .find(|(at, name)| {
                let end = at + name.len();
                self.text.get(*at..end) == Some(name.as_str())
                    && self
                        .tokens_in(end, s.at)
                        .iter()
                        .take(3)
                        .any(|t| self.is_cue(t))
            })
            .map(|(_, name)| name.clone())
    }

    /// Where a transliterated foreign name that starts at `start` and has been read to `end`
    /// really ends: through the tokens after it made only of transliteration characters, up to
    /// eight characters in all (`斯托尔` + `滕` + `贝格`).
    pub(super) fn transliterated_end(&self, start: usize, end: usize) -> usize {
        let foreign = |s: &str| !s.is_empty() && s.chars().all(|c| TRANSLITERATION.contains(c));
        if !foreign(&self.text[start..end]) || self.text[start..end].chars().count() < 2 {
            return end;
        }
        let mut out = end;
        for t in self.tokens_in(end, self.text.len()) {
            let w = t.span.slice(self.text);
            if t.span.start != out
                || !foreign(w)
                || self.is_cue(t)
                || ZH_SUBJECT_END.contains(&w)
                || self.text[start..t.span.end].chars().count() > 8
            {
                break;
            }
            out = t.span.end;
        }
        out
    }

    /// Named people mentioned outside quotations, by position: dictionary persons, a name after
    /// a title (`创始人王立群`), `Grace Liu, chief executive …`, `Mr. Chen said`.
    pub(super) fn named_mentions(&self) -> Vec<(usize, String)> {
        let text = self.text;
        let mut out: Vec<(usize, String)> = self
            .entities
            .iter()
            .filter(|e| {
                e.kind == EntityKind::Person
                    && !self.in_quote(e.span.start)
                    && !crate::analyze::entity::names::in_credit(text, e.span)
            })
            .map(|e| (e.span.start, e.text.clone()))
            .collect();
        // Names the segmenter's tagger recognises (`马芳菲`), with a dotted foreign name whole
        // (`伊哈布·哈米德`, which it tags in parts).
        // The tagger's guesses count when they look like names: a dotted foreign name, or a
        // surname and one or two characters (`马芳菲`; not `卫星` cut from `张卫星`).
        // Dotted foreign names (`伊哈布·哈米德`): the tagger sees their parts, if any.
        let mut at = 0;
        while let Some(i) = text[at..].find('·').map(|i| at + i) {
            let span = Span::new(i, i + '·'.len_utf8());
            let name = self.dotted_name_at(span);
            // (A dot inside a name the segmenter keeps whole is that name's, listed above.)
            if name.contains('·') && name.chars().count() >= 3 && !self.in_quote(i) {
                let start = i - name.find('·').unwrap_or(0);
                out.push((start, name));
            }
            at = span.end;
        }
        // A surname and a form of address (`许小姐`, `秦先生`); a Latin name right before a
        // Chinese speech cue (`就读的BennyLin表示`).
        for (k, t) in self.tokens.iter().enumerate() {
            let w = t.span.slice(text);
            if self.in_quote(t.span.start) {
                continue;
            }
            let latin_before_cue = w.starts_with(|c: char| c.is_ascii_uppercase())
                && w.chars().all(|c| c.is_ascii_alphabetic())
                && self
                    .tokens
                    .get(k + 1)
                    .is_some_and(|n| has_han(n.span.slice(text)) && self.is_cue(n));
            if is_addressed_name(w) || latin_before_cue {
                out.push((t.span.start, w.to_string()));
            } else if let Some(n) = self.tokens.get(k + 1)
                && n.span.start == t.span.end
                && is_addressed_name(&text[t.span.start..n.span.end])
            {
                // Cut in two by the segmenter (`许|小姐`).
                out.push((t.span.start, text[t.span.start..n.span.end].to_string()));
            }
        }
        // `“老雷”名叫雷明光，是…`: a name introduced as one (a surname and one or two
        // characters, then punctuation or 是).
        for (i, _) in text.match_indices("名叫") {
            let from = i + "名叫".len();
            // (Five characters are enough to tell: a longer run is no name.)
            let run: String = text[from..]
                .chars()
                .take_while(|&c| is_cjk(c))
                .take(5)
                .collect();
            let name = match run.strip_suffix('是') {
                Some(r) if (2..=3).contains(&r.chars().count()) => r,
                _ => run.as_str(),
            };
            if (2..=3).contains(&name.chars().count())
                && name.chars().next().is_some_and(|c| SURNAMES.contains(c))
                && !self.in_quote(from)
            {
                out.push((from, name.to_string()));
            }
        }
        // A guess counts once it is confirmed: named twice outside quotations, or right
        // before a speech cue (`马芳菲说`), not one-off words the tagger took for names (`高坡`).
        let mut guesses: Vec<(usize, String)> = Vec::new();
        for p in self.people.iter().filter(|p| !self.in_quote(p.start)) {
            let name = self.dotted_name_at(*p);
            let name = if name.contains('·') {
                name
            } else {
                self.text[p.start..self.transliterated_end(p.start, p.end)].to_string()
            };
            let n = name.chars().count();
            let surname = name.chars().next().is_some_and(|c| SURNAMES.contains(c));
            let glued = text[..p.start]
                .chars()
                .next_back()
                .is_some_and(|c| SURNAMES.contains(c));
            let looks = name.contains('·') || (surname && (2..=3).contains(&n) && !glued);
            let before_cue = self
                .tokens_in(p.end, text.len())
                .iter()
                .take(3)
                .any(|t| self.is_cue(t));
            // Two characters are too often a word (`游春`, `文明`): those need the cue.
            if looks && (before_cue || name.contains('·')) {
                out.push((p.start, name));
            } else if looks && n >= 3 {
                guesses.push((p.start, name));
            }
        }
        // The rest count when named twice outside quotations: every guess counted in one pass.
        if !guesses.is_empty() {
            let mut names: Vec<&str> = guesses.iter().map(|g| g.1.as_str()).collect();
            names.sort_unstable();
            names.dedup();
            let finder = crate::analyze::literals::Literals::new(&names);
            let mut seen = vec![0u8; names.len()];
            for m in finder.overlapping(text) {
                if !self.in_quote(m.start) {
                    seen[m.pattern] = seen[m.pattern].saturating_add(1);
                }
            }
            for (at, name) in &guesses {
                if names
                    .binary_search(&name.as_str())
                    .is_ok_and(|k| seen[k] >= 2)
                {
                    out.push((*at, name.clone()));
                }
            }
        }
        for (k, t) in self.tokens.iter().enumerate() {
            if self.in_quote(t.span.start) {
                continue;
            }
            let w = t.span.slice(text);
            if is_title(w) && w.chars().all(is_cjk) {
                // The name after a title, which jieba may cut (`卫生部长|穆|拉什科`): one token,
                // or a single character and the token after it.
                let mut end = t.span.end;
                for next in self.tokens[k + 1..].iter().take(2) {
                    let nw = next.span.slice(text);
                    let first = end == t.span.end;
                    if next.span.start != end
                        || !nw.chars().all(is_cjk)
                        || ZH_SUBJECT_END.contains(&nw)
                        || self.is_cue(next)
                        || (!first && text[t.span.end..end].chars().count() > 1)
                    {
                        break;
                    }
                    end = next.span.end;
                }
                let end = self.transliterated_end(t.span.end, end);
                let name = without_adverb(&text[t.span.end..end]);
                // Anywhere in the text a title is followed by all sorts of words (`护士当日`):
                // only a name's shape counts here; before a cue the attribution is looser.
                if looks_like_personal_name(name) || (is_chinese_name(name) && name.contains('·'))
                {
                    out.push((t.span.end, name.to_string()));
                }
            }
            // English: the capitalised words before `said` or before `, role`.
            let cue = is_en_cue(w);
            let appositive = w == ","
                && self.tokens.get(k + 1).is_some_and(|n| {
                    let nw = n.span.slice(text);
                    // An appositive is a noun phrase (`, chief executive of …`), not a verb
                    // or a new clause (`on Saturday, opened …`, `University, he had …`).
                    nw.chars().next().is_some_and(char::is_lowercase)
                        && !matches!(
                            nw,
                            "and"
                                | "but"
                                | "he"
                                | "she"
                                | "it"
                                | "they"
                                | "we"
                                | "i"
                                | "you"
                                | "said"
                                | "says"
                                | "told"
                                | "which"
                                | "where"
                                | "when"
                                | "while"
                                | "that"
                                | "like"
                                | "with"
                                | "as"
                                | "including"
                                | "such"
                                | "then"
                        )
                        && !((nw.ends_with("ed") || nw.ends_with("ing")) && nw.len() > 4)
                });
            if cue || appositive {
                // `her father, Michael Huskins, said`: a name set off by commas before the cue.
                let enclosed = cue && k >= 2 && self.tokens[k - 1].span.slice(text) == ",";
                let mut j = if enclosed { k - 1 } else { k };
                let mut words = Vec::new();
                while j > 0 && words.len() < 3 {
                    let p = self.tokens[j - 1];
                    let pw = p.span.slice(text);
                    // A pronoun right before the cue (`He said`) names nobody; a word ending in
                    // a full stop (`Inc.`) ends the previous sentence.
                    if words.is_empty() && matches!(pw, "He" | "She" | "It" | "They" | "We" | "I") {
                        break;
                    }
                    if p.kind == TokenKind::Word
                        && pw.chars().next().is_some_and(char::is_uppercase)
                        && (words.is_empty() || !pw.ends_with('.'))
                    {
                        words.push(p);
                        j -= 1;
                    } else if pw == "."
                        && j >= 2
                        && matches!(
                            self.tokens[j - 2].span.slice(text),
                            "Mr" | "Ms" | "Mrs" | "Dr"
                        )
                    {
                        j -= 1;
                    } else {
                        break;
                    }
                }
                // `chief executive of Ridgeline Data Centers, who …` names a company.
                // `the Slovenian said`: a description, not a name.
                let org = j > 0
                    && matches!(
                        self.tokens[j - 1].span.slice(text),
                        "of" | "at" | "for" | "the" | "The" | "a" | "an"
                    );
                // `in China, entering …`: a place after a preposition, not an appositive's name.
                let place = appositive
                    && j > 0
                    && matches!(
                        self.tokens[j - 1].span.slice(text),
                        "in" | "from" | "to" | "on" | "with" | "by" | "into" | "across" | "near"
                    );
                // A capitalised function word opening the sentence (`Some, like Zhao`,
                // `For Zhao, …`) is no part of a name.
                while words.last().is_some_and(|w| {
                    matches!(
                        w.span.slice(text),
                        "Some"
                            | "For"
                            | "Like"
                            | "But"
                            | "And"
                            | "In"
                            | "At"
                            | "On"
                            | "When"
                            | "While"
                            | "After"
                            | "Before"
                            | "As"
                            | "If"
                            | "So"
                            | "Yet"
                            | "Also"
                            | "Now"
                            | "Many"
                            | "Most"
                            | "Others"
                            | "Both"
                            | "All"
                            | "With"
                            | "From"
                            | "By"
                            | "To"
                            | "Of"
                    )
                }) {
                    words.pop();
                }
                let set_off = j > 0 && self.tokens[j - 1].span.slice(text) == ",";
                if org || place || (enclosed && !set_off) {
                    continue;
                }
                let organisation = words.first().is_some_and(|w| {
                    let w = w.span.slice(text);
                    ORG_HEADS.contains(&w)
                        || (w.len() > 1 && w.chars().all(|c| c.is_ascii_uppercase()))
                });
                if organisation {
                    continue;
                }
                if let (Some(first), Some(last)) = (words.last(), words.first()) {
                    let name = &text[first.span.start..last.span.end];
                    if !matches!(
                        name,
                        "The" | "But" | "He" | "She" | "It" | "They" | "In" | "On" | "At"
                    ) && english_checked(name).is_some_and(|n| n == name)
                        && !is_en_time(name)
                        && !is_en_epithet(name)
                    {
                        // `President Ann Wu said` names Ann Wu.
                        match super::attribute::en_title_split(name) {
                            Some((_, rest)) => out.push((
                                first.span.start + name.len() - rest.len(),
                                rest.to_string(),
                            )),
                            None => out.push((first.span.start, name.to_string())),
                        }
                    }
                }
            }
        }
        self.sentence_subjects(&mut out);
        out.sort();
        out.dedup();
        out
    }

    /// English news opens a sentence with the person it is about, before the verb
    /// (`U.S. Secretary of State John Kerry expressed …`, `Malik expressed sadness …`): the
    /// name at the start of a sentence outside quotations is a mention. A single word counts
    /// only as the surname of someone already named in full (`Zayn Malik` … `Malik`).
    fn sentence_subjects(&self, out: &mut Vec<(usize, String)>) {
        let text = self.text;
        let surnames: std::collections::BTreeSet<String> = out
            .iter()
            .filter(|(_, n)| n.is_ascii() && n.contains(' '))
            .filter_map(|(_, n)| n.rsplit(' ').next().map(str::to_string))
            .collect();
        let mut found = Vec::new();
        for sentence in &self.sentences {
            if self.in_quote(sentence.start) || has_han(sentence.slice(text)) {
                continue;
            }
            let toks = self.tokens_in(sentence.start, sentence.end);
            let words: Vec<&Token> = toks.iter().take(8).collect();
            // The capitalised run that opens the sentence (with `of` and initials inside).
            let run = words
                .iter()
                .take_while(|t| {
                    let w = t.span.slice(text);
                    t.kind == TokenKind::Word
                        && (w.starts_with(|c: char| c.is_ascii_uppercase()) || w == "of")
                })
                .count();
            let Some(next) = words.get(run) else { continue };
            let verb = next.span.slice(text);
            if run == 0
                || !verb.starts_with(|c: char| c.is_ascii_lowercase())
                || matches!(
                    verb,
                    "of" | "and"
                        | "or"
                        | "in"
                        | "at"
                        | "on"
                        | "for"
                        | "to"
                        | "with"
                        | "from"
                        | "by"
                        | "who"
                        | "which"
                        | "that"
                )
            {
                continue;
            }
            // The name: the last two capitalised words of the run, or one known surname.
            let caps: Vec<&Token> = words[..run]
                .iter()
                .rev()
                .take_while(|t| t.span.slice(text) != "of")
                .copied()
                .collect();
            let take = caps.len().min(2);
            if take == 0 {
                continue;
            }
            let (first, last) = (caps[take - 1], caps[0]);
            let name = &text[first.span.start..last.span.end];
            let single_known = take == 1 && surnames.contains(name);
            let org = ORG_HEADS.contains(&last.span.slice(text));
            let opener = matches!(
                first.span.slice(text),
                "The"
                    | "A"
                    | "An"
                    | "In"
                    | "On"
                    | "At"
                    | "But"
                    | "And"
                    | "He"
                    | "She"
                    | "It"
                    | "They"
                    | "We"
                    | "I"
            );
            if (take == 2 || single_known)
                && !org
                && !opener
                && !name.contains(['\'', '’'])
                && english_checked(name).is_some_and(|n| n == name)
                && !is_en_time(name)
                && !is_en_epithet(name)
            {
                found.push((first.span.start, name.to_string()));
            }
        }
        out.extend(found);
    }

    /// `这位创始人` → the nearest earlier `一位……创始人` (or `……创始人`) outside quotations.
    pub(super) fn antecedent(&self, head: &str, before: usize) -> Option<String> {
        let text = &self.text[..before];
        let mut end = text.len();
        while let Some(i) = text[..end].rfind(head) {
            end = i;
            if self.in_quote(i)
                || text[..i].ends_with(['这', '该', '那'])
                || text[..i].ends_with("这位")
                || text[..i].ends_with("这名")
            {
                continue;
            }
            let stop = i + head.len();
            let clause_start = text[..i]
                .rfind(['，', ',', '。', '；', '：', '\n', '”'])
                .map_or(0, |p| {
                    p + text[p..].chars().next().map_or(1, char::len_utf8)
                });
            return self
                .chinese_subject(clause_start, stop)
                .map(|(_, name, _)| name);
        }
        None
    }
}
