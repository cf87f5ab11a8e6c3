//! Sentence splitting for Chinese, English and mixed text, aware of quotations.
//!
//! Rules (each has a named test case below):
//! - `。！？!?` and `……` end a sentence; runs (`？！`, `!!`) and the closing quotes and brackets
//!   that follow stay with it: `“……。”` ends after `”`.
//! - Inside a matched quotation (`“”`, `「」`, `『』`, paired ASCII `"` or `''`) nothing ends a sentence,
//!   so `“A。B。”` stays whole and `“……。”他说。` is one sentence. An unmatched quote mark is
//!   ignored, so a missing closing quote cannot swallow a paragraph.
//! - `.` ends a sentence only before whitespace (or a closing quote then whitespace) or the end
//!   of the paragraph, and not after a known abbreviation (`Mr.`, `U.S.`, `No. 1`, `Inc.`),
//!   an initial (`J. Smith`), or inside a number or version (`3.87`, `v2.1`).
//! - `...` and `…` end an English sentence only before an upper-case word.
//! - Half-width commas in Chinese text (`,`) never end anything.

use crate::model::{Sentence, Span};

/// Abbreviations after which `.` never ends a sentence (compared case-sensitively, without the
/// final dot). `No.`/`Vol.`/`Fig.` before a number, dotted initials (`U.S.`) and
/// [`TERMINAL_ABBREVIATIONS`] have rules of their own.
const ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "Prof", "Sr", "Jr", "St", "Gen", "Gov", "Govs", "Sen", "Sens", "Rep",
    "Reps", "Rev", "Capt", "Col", "Lt", "Sgt", "vs", "approx", "est", "dept", "Mon", "Tue", "Wed",
    "Thu", "Fri", "Sat", "Sun", "Ph.D", "Mt", "Ft", "Ave", "Blvd", "Adm", "Maj", "Cmdr", "Atty",
    "Supt",
];

/// Abbreviations that may also be the last word of a sentence (`… in the U.S. The company …`,
/// `… fell in Dec. It …`): they end one only when a typical sentence opener follows.
const TERMINAL_ABBREVIATIONS: &[&str] = &[
    "etc", "Inc", "Corp", "Ltd", "Co", "Bros", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug",
    "Sep", "Sept", "Oct", "Nov", "Dec", "Del",
];

/// Words that typically open an English news sentence; after an ambiguous abbreviation
/// (`U.S.`, `Inc.`, `Dec.`) only these start a new one (`the U.S. Federal Reserve` does not).
const OPENERS: &[&str] = &[
    "A",
    "After",
    "Also",
    "An",
    "Analysts",
    "And",
    "As",
    "At",
    "Before",
    "Both",
    "But",
    "Earlier",
    "For",
    "He",
    "Her",
    "His",
    "However",
    "I",
    "If",
    "In",
    "It",
    "Its",
    "Last",
    "Later",
    "Many",
    "Meanwhile",
    "Most",
    "No",
    "On",
    "Our",
    "Shares",
    "She",
    "Since",
    "So",
    "Some",
    "Still",
    "That",
    "The",
    "Their",
    "There",
    "These",
    "They",
    "This",
    "Those",
    "Under",
    "We",
    "When",
    "While",
    "With",
    "Yet",
];

/// `U.S`, `J.P`, `E.U`: single letters joined by dots.
fn is_dotted_initials(word: &str) -> bool {
    word.contains('.')
        && word
            .split('.')
            .all(|p| p.chars().count() == 1 && p.chars().all(char::is_alphabetic))
}

fn is_opening_quote(c: char) -> bool {
    matches!(c, '“' | '「' | '『' | '‘')
}

fn closing_for(c: char) -> Option<char> {
    match c {
        '“' => Some('”'),
        '「' => Some('」'),
        '『' => Some('』'),
        '‘' => Some('’'),
        _ => None,
    }
}

/// Characters that may trail a terminator and still belong to the sentence.
fn is_trailer(c: char) -> bool {
    matches!(
        c,
        '”' | '’' | '"' | '\'' | '」' | '』' | '）' | ')' | '】' | ']' | '》'
    )
}

fn is_strong_terminator_or_period(c: char) -> bool {
    is_strong_terminator(c) || c == '.' || c == '…'
}

fn is_strong_terminator(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '!' | '?' | '｡')
}

/// Matched quotations in `s`: (byte offset of the opening mark, byte offset of the closing mark).
fn quote_ranges(chars: &[(usize, char)]) -> Vec<(usize, usize)> {
    let mut ranges = Vec::new();
    let mut stack: Vec<(char, usize)> = Vec::new();
    let mut ascii_open: Option<usize> = None;
    let mut apostrophes_open: Option<usize> = None;
    for (k, &(i, c)) in chars.iter().enumerate() {
        // Nearly every character is no quotation mark at all.
        if !matches!(
            c,
            '"' | '“' | '”' | '‘' | '’' | '「' | '」' | '『' | '』' | '\''
        ) {
            continue;
        }
        if c == '\'' {
            // Two apostrophes stand for a straight double quote in some archives
            // (`''We won,'' he said.`); a single one is an apostrophe or a single quote.
            let run = chars[k..].iter().take_while(|x| x.1 == '\'').count();
            let first_of_run = k == 0 || chars[k - 1].1 != '\'';
            if run < 2 || !first_of_run {
                continue;
            }
            let prev = k.checked_sub(1).map(|j| chars[j].1);
            let next = chars.get(k + run).map(|x| x.1);
            let can_open = prev.is_none_or(|p| p.is_whitespace() || "([{—–-:：，,".contains(p))
                && next.is_some_and(|n| !n.is_whitespace());
            let can_close = prev.is_some_and(|p| !p.is_whitespace());
            match apostrophes_open {
                // The closing pair is the last two of the run (`'no.'''`).
                Some(start) if can_close => {
                    ranges.push((start, chars[k + run - 2].0));
                    apostrophes_open = None;
                }
                _ if can_open => apostrophes_open = Some(i),
                _ => {}
            }
            continue;
        }
        // `"` or `’` between two letters is an apostrophe (country"s, we’re).
        if matches!(c, '"' | '’')
            && k > 0
            && chars[k - 1].1.is_alphabetic()
            && chars.get(k + 1).is_some_and(|x| x.1.is_alphabetic())
        {
            continue;
        }
        if is_opening_quote(c) {
            stack.push((c, i));
        } else if let Some(pos) = stack.iter().rposition(|(o, _)| closing_for(*o) == Some(c)) {
            let (_, start) = stack[pos];
            stack.truncate(pos);
            ranges.push((start, i));
        } else if c == '"' {
            // Straight quotes have no direction: an opening one follows a space or a bracket
            // and precedes text, a closing one follows text. A quotation left unclosed (a
            // typo in the copy) is dropped at the next opening mark instead of shifting every
            // later pair.
            let prev = k.checked_sub(1).map(|j| chars[j].1);
            let next = chars.get(k + 1).map(|x| x.1);
            let can_open = prev.is_none_or(|p| p.is_whitespace() || "([{—–-:：，,".contains(p))
                && next.is_some_and(|n| !n.is_whitespace());
            let can_close = prev.is_some_and(|p| !p.is_whitespace());
            match ascii_open {
                Some(start) if can_close => {
                    ranges.push((start, i));
                    ascii_open = None;
                }
                _ if can_open => ascii_open = Some(i),
                _ => {}
            }
        }
        // A `’` without an opening `‘` is an apostrophe (it’s), nothing to do.
    }
    ranges.sort_unstable();
    ranges
}

/// The length in bytes of the quotation mark at byte `at` of `text`: 2 for `''`, else the
/// character's.
pub fn mark_len(text: &str, at: usize) -> usize {
    if text[at..].starts_with("''") {
        2
    } else {
        text[at..].chars().next().map_or(1, char::len_utf8)
    }
}

/// Matched quotation marks in the paragraph `span` of `text`: for each pair, the byte offsets
/// (into `text`) of the opening and of the closing mark, ordered by the opening mark. A mark
/// of two apostrophes (`''`) is reported at its first; [`mark_len`] gives its length. Nested
/// pairs are included; apostrophes (`we’re`, `country"s`) and unmatched marks are not.
pub fn quotation_marks(text: &str, span: Span) -> Vec<(usize, usize)> {
    let chars: Vec<(usize, char)> = span.slice(text).char_indices().collect();
    quote_ranges(&chars)
        .into_iter()
        .map(|(o, c)| (span.start + o, span.start + c))
        .collect()
}

/// Splits one paragraph `span` of `text` into sentences.
pub fn split_paragraph(text: &str, span: Span) -> Vec<Sentence> {
    let para = span.slice(text);
    let chars: Vec<(usize, char)> = para.char_indices().collect();
    let quotes = quote_ranges(&chars);
    // depth[i] > 0 when byte i lies strictly inside a matched quotation.
    let mut depth = vec![0i32; para.len() + 1];
    for &(open, close) in &quotes {
        depth[open + 1] += 1;
        depth[close] -= 1;
    }
    for i in 1..depth.len() {
        depth[i] += depth[i - 1];
    }
    let inside_quote = |i: usize| depth[i] > 0;
    let mut by_close: Vec<(usize, usize)> = quotes.iter().map(|&(o, c)| (c, o)).collect();
    by_close.sort_unstable();
    let opening_of = |close: usize| {
        by_close
            .binary_search_by_key(&close, |&(c, _)| c)
            .ok()
            .map(|k| by_close[k].1)
    };
    let mut out = Vec::new();
    let mut start = 0usize;
    let mut i = 0usize;
    while i < chars.len() {
        let (pos, c) = chars[i];
        let ends_here = if let Some(open) = opening_of(pos) {
            // A quotation that closes with a terminator (`。”`) ends the sentence when it was
            // introduced mid-sentence (`张勇表示,“……。”`); one that opened the sentence keeps
            // its attribution (`“……。”他说。`).
            let closes_sentence = i > 0 && is_strong_terminator_or_period(chars[i - 1].1);
            // (A series of quotations opening the sentence, `“A！”“B！”他说。`, is no speaker.)
            let speaker_first = para[start..open].char_indices().any(|(k, c)| {
                let at = start + k;
                !(c.is_whitespace()
                    || matches!(c, '…' | '、')
                    || inside_quote(at)
                    || opening_of(at).is_some()
                    || quotes.binary_search_by_key(&at, |&(o, _)| o).is_ok())
            });
            // English puts a comma before the attribution ("…," he said), so a quotation
            // ending in a full stop followed by a capitalised word is a sentence of its own.
            let next_is_capital = chars.get(i + 1).is_some_and(|x| x.1.is_whitespace())
                && starts_new_sentence(
                    para,
                    &chars,
                    skip_while(&chars, i + 1, char::is_whitespace),
                );
            closes_sentence && !inside_quote(pos) && (speaker_first || next_is_capital)
        } else if is_strong_terminator(c) {
            !inside_quote(pos)
        } else if c == '…' || (c == '.' && para[pos..].starts_with("...")) {
            let run_end = skip_while(&chars, i, |c| c == '…' || c == '.');
            let is_double = para[pos..chars.get(run_end).map_or(para.len(), |x| x.0)]
                .chars()
                .filter(|&c| c == '…')
                .count()
                >= 2;
            let ok = !inside_quote(pos)
                && (is_double || next_word_starts_sentence(para, &chars, run_end));
            if !ok {
                i = run_end;
                continue;
            }
            i = run_end - 1;
            true
        } else if c == '.' {
            !inside_quote(pos) && period_ends_sentence(para, &chars, i)
        } else {
            false
        };
        if ends_here {
            // Absorb further terminators and closing quotes/brackets.
            let mut j = i + 1;
            while j < chars.len() {
                let c = chars[j].1;
                if is_strong_terminator(c) || c == '…' || is_trailer(c) {
                    j += 1;
                } else {
                    break;
                }
            }
            let end = chars.get(j).map_or(para.len(), |x| x.0);
            push(&mut out, text, span.start + start, span.start + end);
            start = end;
            i = j;
        } else {
            i += 1;
        }
    }
    push(&mut out, text, span.start + start, span.end);
    out
}

fn skip_while(chars: &[(usize, char)], mut i: usize, f: impl Fn(char) -> bool) -> usize {
    while i < chars.len() && f(chars[i].1) {
        i += 1;
    }
    i
}

fn push(out: &mut Vec<Sentence>, text: &str, start: usize, end: usize) {
    let span = Span::new(start, end).trimmed(text);
    if span.slice(text).chars().any(|c| c.is_alphanumeric()) {
        out.push(Sentence { span });
    } else if let Some(last) = out.last_mut() {
        // Stray punctuation (a lone closing quote) belongs to the previous sentence.
        if !span.is_empty() {
            last.span.end = span.end;
        }
    } else if !span.is_empty() {
        out.push(Sentence { span });
    }
}

/// After an ellipsis: does the next word start a new sentence (capital letter, CJK, a quote)?
fn next_word_starts_sentence(para: &str, chars: &[(usize, char)], from: usize) -> bool {
    let mut j = from;
    while j < chars.len() && is_trailer(chars[j].1) {
        j += 1;
    }
    if j >= chars.len() {
        return true;
    }
    if !chars[j].1.is_whitespace() {
        return !chars[j].1.is_ascii_alphanumeric()
            && !para.is_empty()
            && !chars[j].1.is_ascii_punctuation();
    }
    let j = skip_while(chars, j, char::is_whitespace);
    chars
        .get(j)
        .is_none_or(|&(_, c)| c.is_uppercase() || !c.is_ascii() || c == '"')
}

/// Decides whether the `.` at `chars[i]` ends an English sentence.
fn period_ends_sentence(para: &str, chars: &[(usize, char)], i: usize) -> bool {
    let (pos, _) = chars[i];
    // Next non-trailer character.
    let mut j = i + 1;
    while j < chars.len() && is_trailer(chars[j].1) {
        j += 1;
    }
    if j >= chars.len() {
        return true; // end of paragraph
    }
    let next = chars[j].1;
    if !next.is_whitespace() {
        // "3.87", "v2.1", "U.S", "example.com": no end. After a closing bracket or quote it
        // ends unless the sentence goes on ("(Kan.), said"); a CJK character right after an
        // English sentence ("… in 2023.阿里云…") ends it too.
        return (j > i + 1 && !matches!(next, ',' | ';' | ':') && !next.is_lowercase())
            || is_cjk(next);
    }
    let word = word_before(para, pos);
    let k = skip_while(chars, j, char::is_whitespace);
    let Some(&(_, after)) = chars.get(k) else {
        return true;
    };
    if word == "No" || word == "Nos" || word == "Vol" || word == "Fig" {
        return !after.is_ascii_digit();
    }
    if TERMINAL_ABBREVIATIONS.contains(&word) || is_dotted_initials(word) {
        return opener_follows(para, chars, k);
    }
    if ABBREVIATIONS.contains(&word) {
        return false;
    }
    // Initials: "J. Smith", "A. I." — a single upper-case letter.
    let mut wc = word.chars();
    if let (Some(c), None) = (wc.next(), wc.next())
        && c.is_uppercase()
    {
        return false;
    }
    // Lower-case continuation ("approx. two") is not a new sentence.
    !after.is_lowercase()
}

/// True when a typical sentence opener, a quotation or CJK text starts at `chars[k]`.
fn opener_follows(para: &str, chars: &[(usize, char)], k: usize) -> bool {
    let Some(&(at, c)) = chars.get(k) else {
        return true;
    };
    if is_cjk(c) || matches!(c, '"' | '“') {
        return true;
    }
    let word: &str = para[at..]
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    OPENERS.contains(&word)
}

/// True when the word at `chars[k]` is capitalised and not itself a continuation.
fn starts_new_sentence(_para: &str, chars: &[(usize, char)], k: usize) -> bool {
    chars
        .get(k)
        .is_some_and(|&(_, c)| c.is_uppercase() || is_cjk(c) || c == '"' || c == '“')
}

/// The run of letters, digits and inner dots ending at byte `pos` (exclusive).
fn word_before(para: &str, pos: usize) -> &str {
    let head = &para[..pos];
    let start = head
        .char_indices()
        .rev()
        .find(|(_, c)| !(c.is_alphanumeric() || *c == '.'))
        .map_or(0, |(i, c)| i + c.len_utf8());
    &head[start..]
}

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{3000}'..='\u{303F}' | '\u{FF00}'..='\u{FFEF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (name, paragraph, expected sentences). Sources: the seed article's patterns, Reuters and
    /// BBC style English, and the rules.
    const CASES: &[(&str, &str, &[&str])] = &[
        (
            "zh full stop",
            "阿里云收入增长4%。张勇表示满意。",
            &["阿里云收入增长4%。", "张勇表示满意。"],
        ),
        (
            "zh question and exclamation",
            "云厂商靠什么赚钱？答案是AI！真的",
            &["云厂商靠什么赚钱？", "答案是AI！", "真的"],
        ),
        (
            "en question and exclamation",
            "Is it over? Not yet! Wait",
            &["Is it over?", "Not yet!", "Wait"],
        ),
        (
            "zh quote then attribution",
            "“AI革命是云厂商的增量机会。”张勇表示。下一句。",
            &["“AI革命是云厂商的增量机会。”张勇表示。", "下一句。"],
        ),
        (
            "zh multi-sentence quote kept whole",
            "“在AI时代,很难预测。这个行业正在变化。”他说。",
            &["“在AI时代,很难预测。这个行业正在变化。”他说。"],
        ),
        (
            "zh quote at paragraph end",
            "他说:“A。B。”",
            &["他说:“A。B。”"],
        ),
        (
            "zh speaker-first quote ends sentence",
            "张勇表示,“未来会更好。”阿里云随后公布了数据。",
            &["张勇表示,“未来会更好。”", "阿里云随后公布了数据。"],
        ),
        (
            "en speaker-first quote ends sentence",
            "Chen said: \"Investors will wait. Not forever.\" The stock fell.",
            &[
                "Chen said: \"Investors will wait. Not forever.\"",
                "The stock fell.",
            ],
        ),
        (
            "zh quote with comma continues",
            "“未来会更好”,他说。",
            &["“未来会更好”,他说。"],
        ),
        (
            "zh corner brackets",
            "他说「第一。第二。」然后离开。再见。",
            &["他说「第一。第二。」", "然后离开。", "再见。"],
        ),
        (
            "zh ellipsis",
            "目前还没有人能给出答案……市场仍在观望。",
            &["目前还没有人能给出答案……", "市场仍在观望。"],
        ),
        (
            "zh unmatched quote ignored",
            "他说“第一句。第二句。第三句。",
            &["他说“第一句。", "第二句。", "第三句。"],
        ),
        (
            "zh half-width commas",
            "8月10日晚间,阿里巴巴公布了业绩,收入增长4%。",
            &["8月10日晚间,阿里巴巴公布了业绩,收入增长4%。"],
        ),
        (
            "zh decimal",
            "利润增长106%至3.87亿元。",
            &["利润增长106%至3.87亿元。"],
        ),
        (
            "en basic",
            "Shares rose 3.5% on Tuesday. Analysts were surprised.",
            &["Shares rose 3.5% on Tuesday.", "Analysts were surprised."],
        ),
        (
            "en U.S. mid-sentence",
            "The U.S. government said no. It did not elaborate.",
            &["The U.S. government said no.", "It did not elaborate."],
        ),
        (
            "en U.S. at end",
            "Sales grew in the U.S. The company expects more.",
            &["Sales grew in the U.S.", "The company expects more."],
        ),
        (
            "en Mr.",
            "Mr. Hollis said the plan worked. He smiled.",
            &["Mr. Hollis said the plan worked.", "He smiled."],
        ),
        (
            "en No. 1",
            "It is the No. 1 provider. Rivals lag.",
            &["It is the No. 1 provider.", "Rivals lag."],
        ),
        (
            "en version numbers",
            "Llama 3.1 and GPT-4o v2.0 shipped. Then more.",
            &["Llama 3.1 and GPT-4o v2.0 shipped.", "Then more."],
        ),
        (
            "en initials",
            "J. R. Smith joined in 2020. He left.",
            &["J. R. Smith joined in 2020.", "He left."],
        ),
        (
            "en quote with said",
            "\"We will grow,\" said Sarah Chen. \"Next year too.\" She left.",
            &[
                "\"We will grow,\" said Sarah Chen.",
                "\"Next year too.\"",
                "She left.",
            ],
        ),
        (
            "en quote multi sentence",
            "\"We signed more. Almost all is inference,\" Mr. Hollis said.",
            &["\"We signed more. Almost all is inference,\" Mr. Hollis said."],
        ),
        (
            "en curly quotes",
            "“The line moved,” said Laura. “Anyone who bought lost.”",
            &["“The line moved,” said Laura.", "“Anyone who bought lost.”"],
        ),
        (
            "en ellipsis mid-sentence",
            "It was... fine, mostly. Then it broke.",
            &["It was... fine, mostly.", "Then it broke."],
        ),
        (
            "en ellipsis end",
            "We will see... The market decides.",
            &["We will see...", "The market decides."],
        ),
        (
            "mixed en then zh",
            "Revenue hit $1.2 billion.阿里云表示满意。",
            &["Revenue hit $1.2 billion.", "阿里云表示满意。"],
        ),
        (
            "url and domain",
            "See example.com for more. Done.",
            &["See example.com for more.", "Done."],
        ),
        ("never starts with closing quote", "“好。”", &["“好。”"]),
        (
            "two apostrophes are a quotation mark",
            "''We won. Again,'' Tom Lee said. Next one.",
            &["''We won. Again,'' Tom Lee said.", "Next one."],
        ),
        (
            "a series of quotations keeps its attribution",
            "“真及时！”“是好事！”读者李明说。下一句。",
            &["“真及时！”“是好事！”读者李明说。", "下一句。"],
        ),
        (
            "question then quote close",
            "“为什么？”他问。",
            &["“为什么？”他问。"],
        ),
        (
            "en question quote lower-case attribution",
            "\"What now?\" he asked. Nobody knew.",
            &["\"What now?\" he asked.", "Nobody knew."],
        ),
        (
            "en U.S. before a name",
            "The U.S. Federal Reserve raised rates. Shares of Apple Inc. Chief Executive Tim Cook said no.",
            &[
                "The U.S. Federal Reserve raised rates.",
                "Shares of Apple Inc. Chief Executive Tim Cook said no.",
            ],
        ),
        (
            "en month abbreviation",
            "Prices fell in Dec. It was cold. On Dec. 5 they rose.",
            &[
                "Prices fell in Dec.",
                "It was cold.",
                "On Dec. 5 they rose.",
            ],
        ),
        (
            "en dotted initials",
            "He met J.P. Morgan staff. They agreed.",
            &["He met J.P. Morgan staff.", "They agreed."],
        ),
        (
            "en abbreviation in brackets",
            "Sen. Robert Dole (Kan.), said they would. Then left.",
            &["Sen. Robert Dole (Kan.), said they would.", "Then left."],
        ),
        (
            "en plural abbreviation",
            "Sens. Dole and Helms agreed. Then left.",
            &["Sens. Dole and Helms agreed.", "Then left."],
        ),
        (
            "en quote as apostrophe",
            "Brazil\"s output fell. Prices rose. Analysts said \"yes.\" Then it ended.",
            &[
                "Brazil\"s output fell.",
                "Prices rose.",
                "Analysts said \"yes.\"",
                "Then it ended.",
            ],
        ),
        (
            "en curly apostrophe",
            "He said ‘we’re fine. Really.’ Then left.",
            &["He said ‘we’re fine. Really.’", "Then left."],
        ),
    ];

    #[test]
    fn table() {
        for (name, para, want) in CASES {
            let got: Vec<&str> = split_paragraph(para, Span::new(0, para.len()))
                .iter()
                .map(|s| s.span.slice(para))
                .collect();
            assert_eq!(&got, want, "case `{name}`");
        }
    }

    #[test]
    fn no_sentence_starts_with_closing_quote() {
        for (name, para, _) in CASES {
            for s in split_paragraph(para, Span::new(0, para.len())) {
                let first = s.span.slice(para).chars().next().unwrap();
                assert!(!matches!(first, '”' | '」' | '』' | '’'), "case `{name}`");
            }
        }
    }

    #[test]
    fn spans_are_offsets_into_the_whole_text() {
        let text = "标题\n第一句。第二句。";
        let sents = split_paragraph(text, Span::new(7, text.len()));
        assert_eq!(sents.len(), 2);
        assert_eq!(sents[1].span.slice(text), "第二句。");
    }
}
