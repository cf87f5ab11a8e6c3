//! What a summary never shows: datelines and credits before the news (`中新网北京3月30日电
//! (记者 张三)`, `LONDON (CNN) --`), and sentences that are boilerplate (`（完）`, `责任编辑：…`,
//! `原标题：…`, `CNN's Jane Doe contributed to this report.`, `Scroll down for video`).
//!
//! Rules from how news is laid out, not from any data set: a dateline is a place and a day
//! ending in `电`/`讯` (Chinese) or an agency in parentheses after an optional place (English),
//! and it always opens the first paragraph.

/// The bytes at the start of sentence `s` that are a dateline, a column tag or a credit rather
/// than news (0 when there are none). What follows is the sentence a summary shows.
pub(crate) fn lead_in(s: &str) -> usize {
    let mut at = 0;
    // A column tag or credit in brackets: `(抗击新冠肺炎)`, `【地评线】`, `（记者 张三）`.
    at += bracketed(&s[at..]);
    at += chinese_dateline(&s[at..])
        .or_else(|| english_dateline(&s[at..]))
        .unwrap_or(0);
    if at > 0 {
        at += spaces(&s[at..]);
        at += bracketed(&s[at..]);
        at += separators(&s[at..]);
    }
    at
}

/// A sentence no summary should show.
pub(crate) fn is_boilerplate(s: &str) -> bool {
    let t = s.trim();
    const STARTS: &[&str] = &[
        // Chinese: credits, original titles, end marks, sources, restated headlines.
        "责任编辑",
        "编辑：",
        "编辑:",
        "【编辑",
        "[编辑",
        "原标题",
        "(完)",
        "（完）",
        "本文来源",
        "文章来源",
        "稿件来源",
        "转载",
        "声明：",
        "免责声明",
        "题：",
        "题:",
        "扫码",
        "点击",
        // English: page furniture and credits.
        "Scroll down",
        "SCROLL DOWN",
        "PUBLISHED:",
        "UPDATED:",
        "Last updated",
        "By . ",
        "Follow @",
        "Follow us",
        "Click here",
        "CLICK HERE",
        "Read more",
        "READ MORE",
        "Read:",
        "READ:",
        "Watch:",
        "WATCH:",
        "Photos:",
        "PHOTOS:",
        "Copyright",
        "All rights reserved",
        "E-mail to a friend",
        "Share this",
        "Sign up",
    ];
    if STARTS.iter().any(|p| t.starts_with(p)) {
        return true;
    }
    const ANYWHERE: &[&str] = &[
        "contributed to this report",
        "contributed reporting",
        "contributed to this story",
        "All rights reserved",
        "（完）",
        "(完)",
    ];
    if ANYWHERE.iter().any(|p| t.contains(p)) && t.chars().count() < 120 {
        return true;
    }
    // A sentence that is all credit: `（记者 张三 李四）`, `(郭军 周群能)`.
    let b = bracketed(t);
    b > 0 && b == t.len()
}

/// A leading bracketed segment of at most 24 characters without sentence punctuation
/// (`(抗击新冠肺炎)`, `【地评线】`, `（记者 张三）`, `[Photos]`): its length in bytes with
/// the space after it, else 0.
fn bracketed(s: &str) -> usize {
    let mut chars = s.char_indices();
    let Some((_, open)) = chars.next() else {
        return 0;
    };
    let close = match open {
        '(' | '（' => [')', '）'],
        '【' => ['】', '】'],
        '[' => [']', ']'],
        _ => return 0,
    };
    for (k, (i, c)) in chars.enumerate() {
        if k > 24 || matches!(c, '。' | '！' | '？' | '!' | '?' | '\n') {
            return 0;
        }
        if close.contains(&c) {
            let end = i + c.len_utf8();
            return end + spaces(&s[end..]);
        }
    }
    0
}

/// Leading white space, in bytes.
fn spaces(s: &str) -> usize {
    s.len() - s.trim_start().len()
}

/// Separators after a dateline: white space, `：`, `:`, `，`, `,`, `--`, `—`, `-`.
fn separators(s: &str) -> usize {
    let rest = s.trim_start_matches(|c: char| {
        c.is_whitespace() || matches!(c, '：' | ':' | '，' | ',' | '-' | '—' | '–')
    });
    s.len() - rest.len()
}

/// A Chinese dateline: up to 24 characters naming the agency (a news agency, site, paper or
/// station) and place, then a day
/// (`3月30日`, `30日`) and `电`, `讯` or `消息` (`新华社莫斯科3月30日电`, `中新网河源3月30日电`,
/// `本报北京4月1日讯`), or `本报讯`. Its length in bytes.
fn chinese_dateline(s: &str) -> Option<usize> {
    if let Some(rest) = s.strip_prefix("本报讯") {
        return Some(s.len() - rest.len());
    }
    let head: String = s.chars().take(32).collect();
    for marker in ["日电", "日讯", "日消息"] {
        let Some(k) = head.find(marker) else {
            continue;
        };
        // The day right before: one or two digits (ASCII or full width).
        let before = &head[..k];
        let digits = before
            .chars()
            .rev()
            .take_while(|c| c.is_ascii_digit() || ('０'..='９').contains(c))
            .count();
        let place = before.chars().count() - digits;
        // Who sends it: an agency or a paper (`新华社`, `中新网`, `本报`, `人民日报`, `央视新闻`).
        let agency = ["社", "网", "报", "台", "新闻", "客户端", "记者"]
            .iter()
            .any(|m| before.contains(m));
        if (1..=2).contains(&digits) && place <= 24 && agency && !before.contains(['。', '，', ','])
        {
            return Some(k + marker.len());
        }
    }
    None
}

/// An English dateline: an optional place (`LONDON`, `Sanaa, Yemen`, `WASHINGTON, March 3`)
/// and an agency in parentheses (`(CNN)`, `(Reuters)`, `(AP)`, `(The Hollywood Reporter)`),
/// with the dash after it. Its length in bytes.
fn english_dateline(s: &str) -> Option<usize> {
    let open = s.find('(')?;
    let close = open + s[open..].find(')')?;
    let (place, agency) = (&s[..open], &s[open + 1..close]);
    let place_ok = place.len() <= 48
        && place
            .split([' ', ','])
            .filter(|w| !w.is_empty())
            .all(|w| w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()));
    let after = close + 1;
    let dash = s[after..].trim_start().starts_with(['-', '—', '–']);
    // A wire service, or any capitalised name when a dash follows (`Nvidia (NVDA) shares` is
    // news, `(Mashable) -- The` is a dateline).
    let agency_ok = WIRES.contains(&agency)
        || dash
            && (2..=32).contains(&agency.len())
            && agency
                .split(' ')
                .all(|w| w.starts_with(|c: char| c.is_ascii_uppercase()));
    (place_ok && agency_ok).then_some(after)
}

/// News agencies and outlets that open a story with their name in parentheses.
const WIRES: &[&str] = &[
    "CNN",
    "CNNMoney",
    "Reuters",
    "AP",
    "AFP",
    "UPI",
    "Bloomberg",
    "Xinhua",
    "dpa",
    "EFE",
    "PA",
    "CBS",
    "NBC",
    "ABC",
    "BBC",
    "EW.com",
    "Mashable",
    "The Hollywood Reporter",
    "Variety",
    "Billboard",
];

#[cfg(test)]
mod tests {
    use super::*;

    /// (sentence, what a summary shows of it).
    #[test]
    fn datelines_and_credits_are_trimmed() {
        for (s, want) in [
            (
                "新华社莫斯科3月30日电综合报道：疫情持续扩散。",
                "综合报道：疫情持续扩散。",
            ),
            (
                "中新网河源3月30日电(郭军周群能黄诗伟)第五座隧道贯通。",
                "第五座隧道贯通。",
            ),
            (
                "中新社北京4月1日电 （记者 张三） 国务院召开会议。",
                "国务院召开会议。",
            ),
            (
                "本报讯 记者从市政府获悉，新政策出台。",
                "记者从市政府获悉，新政策出台。",
            ),
            ("(抗击新冠肺炎)郑州全面复工复产。", "郑州全面复工复产。"),
            ("【地评线】南方网评：稳就业。", "南方网评：稳就业。"),
            (
                "(CNN)Share, and your gift will be multiplied.",
                "Share, and your gift will be multiplied.",
            ),
            (
                "London (CNN) -- The talks ended on Friday.",
                "The talks ended on Friday.",
            ),
            (
                "Sanaa, Yemen (CNN) The fighting spread.",
                "The fighting spread.",
            ),
            (
                "WASHINGTON, March 3 (Reuters) - Stocks rose.",
                "Stocks rose.",
            ),
            // Not datelines: news that mentions a day, parentheses inside the sentence.
            (
                "3月30日，阿里云发布了新模型。",
                "3月30日，阿里云发布了新模型。",
            ),
            ("截至30日电力供应恢复正常。", "截至30日电力供应恢复正常。"),
            ("截至3月30日电网负荷回落。", "截至3月30日电网负荷回落。"),
            (
                "Nvidia (NVDA) shares rose 3%.",
                "Nvidia (NVDA) shares rose 3%.",
            ),
            (
                "The company said (in a filing) that sales fell.",
                "The company said (in a filing) that sales fell.",
            ),
            ("Share prices rose.", "Share prices rose."),
        ] {
            assert_eq!(&s[lead_in(s)..], want, "{s}");
        }
    }

    #[test]
    fn boilerplate_is_told_from_news() {
        for (s, boilerplate) in [
            ("(完)", true),
            ("【编辑:苑菁菁】", true),
            ("责任编辑：王五", true),
            ("原标题：疫情下的春天", true),
            ("题：武汉战“疫”记：部分商场恢复营业", true),
            ("（记者 张三 李四）", true),
            ("CNN's Jane Doe contributed to this report.", true),
            ("Scroll down for video", true),
            ("READ MORE: The story so far", true),
            ("Follow @janedoe on Twitter.", true),
            (
                "By . Daily Mail Reporter . PUBLISHED: 12:01 EST, 3 March 2014",
                true,
            ),
            (
                "PUBLISHED: 12:01 EST, 3 March 2014 | . UPDATED: 14:10 EST, 3 March 2014 .",
                true,
            ),
            ("By the end of the year, prices had doubled.", false),
            ("国务院召开常务会议，部署稳就业工作。", false),
            ("“我们会继续投入。”张勇表示。", false),
            ("The company contributed $2 million to the fund.", false),
            ("Read the full statement below, the ministry said.", false),
        ] {
            assert_eq!(is_boilerplate(s), boilerplate, "{s}");
        }
    }
}
