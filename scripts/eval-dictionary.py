#!/usr/bin/env python3
"""Entity dictionary quality on the shared evaluation data (run via scripts/eval-dictionary.sh).

1. False-hit audit: `newslens entities` over chinanews_2449.jsonl (Chinese) and
   reuters21578.jsonl (English); mentions are grouped by surface text, and the short or ambiguous
   ones (at most 2 Han characters, Latin with at most 4 letters, or a common English word) are
   listed with three contexts each, next to the most frequent surfaces overall.
2. Recall on BosonNLP NER: the company_name/product_name marks whose name is in TECH_NAMES
   below; a mark counts as found when some entity mention overlaps its span.
3. A summary of the numbers.

Offsets: `newslens entities --format json` gives half-open *byte* offsets into the document
text. For a JSONL record that text is the body field alone, trimmed of leading and trailing
whitespace (src/ingest/mod.rs `jsonl_record`); the title is metadata and is not tagged. On the
two news corpora the body has no surrounding whitespace, so the text is the body verbatim
(checked with `newslens analyze --format json`, whose "text" equals the body for all 2,449 +
19,043 records). The script rebuilds the text the same way (`body.strip()`) and checks every
mention's `text` against its byte slice; the number of mismatches is printed (expected 0).

Standard library only; deterministic output (everything sorted, no sampling). Needs the
evaluation data in $SHARED/data (never committed). Writes only under target/eval-dictionary/.
Usage: eval-dictionary.py [--shared DIR] [--bin PATH] [-- EXTRA NEWSLENS ARGS (e.g. --dict DIR)]
"""

import argparse
import collections
import json
import os
import re
import subprocess
import sys

# ---------------------------------------------------------------------------------------------
# Section 1: what counts as a short or ambiguous alias.

# English words (compared case-insensitively with the whole surface) that are also names in the
# dictionary or likely to become names: the fruit, the river, the sign of the zodiac, ...
COMMON_WORDS = frozenset(
    """
    alexa alphabet amazon ampere apple ascend azure bard bedrock blackwell box cadence canon
    chrome claude codex copilot corning discord dolly edge excel falcon fortune gemini go grace
    grok hopper imagen intel janus kimi kindle kirin llama meta micron mistral nature notion
    office optimus oracle orin pentagon phi pixel quanta quark runway rubin safari seed shell
    slack snap snowflake sora spark square stripe target teams telegram tesla threads whisper
    windows wired word zoom
    """.split()
)


def is_han(ch):
    o = ord(ch)
    return (
        0x3400 <= o <= 0x4DBF
        or 0x4E00 <= o <= 0x9FFF
        or 0xF900 <= o <= 0xFAFF
        or 0x20000 <= o <= 0x3FFFF
        or ch == "\u3007"
    )


def short_reason(surface):
    """Why a surface is short or ambiguous ('' when it is not)."""
    s = surface.strip()
    han = sum(1 for c in s if is_han(c))
    latin = sum(1 for c in s if c.isalpha() and not is_han(c))
    if s.casefold() in COMMON_WORDS:
        return "word"
    if han and han <= 2 and latin <= 4 - 2 * han:  # 1 Han + ≤2 letters, 2 Han + none
        return "han<=2"
    if not han and latin <= 4:
        return "latin<=4"
    return ""


# ---------------------------------------------------------------------------------------------
# Section 2: the curated technology names of BosonNLP.
#
# Rule: every name with at least 6 company_name/product_name marks in bosonnlp_ner.txt (163
# names, the ~150 most frequent; names compared after trimming spaces, case kept) that is a
# technology company or product: computing, internet services and e-commerce platforms,
# telecoms, consumer electronics, games. Left out as not tech: car makers and models, banks,
# retailers and appliance makers (沃尔玛, 苏宁, 美的, 海尔), news sites and the auto/sports
# channels of portals (网易汽车, 腾讯汽车, 腾讯体育), Weibo accounts, and obscure names whose
# nature is unclear from the data (比购宝, Boogle.cn, TOOKY, 汇付天下, 盛大商城).
# 苹果 is kept but reported apart: newslens deliberately does not tag bare 苹果 (the fruit).
TECH_NAMES = (
    # companies
    "华为", "微软", "亚马逊", "苹果", "苹果公司", "腾讯", "百度", "雅虎", "三星", "阿里巴巴",
    "阿里巴巴集团", "阿里", "网易", "谷歌", "Google", "京东", "京东商城", "搜狐", "新浪",
    "夏普", "摩托罗拉", "中国移动", "中国电信", "AT&T", "联想", "盛大", "九城", "索尼",
    "诺基亚", "戴尔", "LG", "HTC", "TCL", "AMD", "乐视网", "Facebook", "Twitter", "Groupon",
    "Chomp", "大富科技", "力美",
    # e-commerce and internet services
    "淘宝", "淘宝网", "淘宝商城", "天猫", "tmall.com", "支付宝", "当当网", "亚马逊中国",
    "卓越亚马逊", "苏宁易购", "凡客诚品", "聚美优品", "拉手网", "窝窝团", "人人网",
    "QQ", "QQ网购", "微信", "微博", "新浪微博", "米聊", "酷狗",
    # devices, platforms, telecom services
    "iPad", "iPhone", "IPhone4", "iMac", "ViewPad 10Pro", "Android", "iOS", "Xbox",
    "XBOX ONE", "PS3", "小灵通",
)
APPLE_BARE = "苹果"
MARK_TYPES = ("company_name", "product_name")

CONTEXT = 15  # characters either side of a mention in contexts


def die(msg):
    print(f"eval-dictionary: error: {msg}", file=sys.stderr)
    sys.exit(2)


def run_entities(binary, path, extra):
    """`newslens entities --format json` over a JSONL file → list of parsed output lines."""
    cmd = [binary, "entities", "--format", "json", "--field", "body=body", "--field", "title=title",
           "--field", "id=id", *extra, path]
    p = subprocess.run(cmd, capture_output=True, text=True, encoding="utf-8")
    if p.returncode not in (0, 1):  # 1 = no entity found anywhere
        die(f"{' '.join(cmd)} exited with {p.returncode}:\n{p.stderr.strip()}")
    return [json.loads(l) for l in p.stdout.splitlines() if l.strip()]


def char_index(text):
    """Byte offset → character offset, for every character boundary of `text`."""
    m, b = {}, 0
    for i, ch in enumerate(text):
        m[b] = i
        b += len(ch.encode("utf-8"))
    m[b] = len(text)
    return m


def tag_texts(binary, texts, work, name, extra):
    """Tag plain texts (one document each) → per text, its mentions with character offsets, and
    the number of mentions whose text differs from the slice it points to."""
    path = os.path.join(work, name)
    with open(path, "w", encoding="utf-8") as f:
        for i, t in enumerate(texts):
            f.write(json.dumps({"id": str(i), "body": t}, ensure_ascii=False) + "\n")
    out = [[] for _ in texts]
    bad = 0
    for d in run_entities(binary, path, extra):
        i = d["line"] - 1
        text = texts[i].strip()
        raw, idx = text.encode("utf-8"), char_index(text)
        for e in d["entities"]:
            if raw[e["start"]:e["end"]].decode("utf-8", "replace") != e["text"]:
                bad += 1
                continue
            out[i].append((idx[e["start"]], idx[e["end"]], e))
    return out, bad


def context(text, start, end):
    left = text[max(0, start - CONTEXT):start]
    right = text[end:end + CONTEXT]
    s = ("…" if start > CONTEXT else "") + left + "[" + text[start:end] + "]" + right
    s += "…" if end + CONTEXT < len(text) else ""
    return re.sub(r"\s+", " ", s)


def spread(items, k):
    """k items evenly spread over a list (first, ..., last), deterministic."""
    if len(items) <= k:
        return list(items)
    return [items[round(i * (len(items) - 1) / (k - 1))] for i in range(k)]


# ---------------------------------------------------------------------------------------------


def audit(binary, shared, name, extra):
    src = os.path.join(shared, "data", name + ".jsonl")
    # Indexed by physical line, as newslens's "line" is (blank lines yield no document).
    rows = [json.loads(l) if l.strip() else {} for l in open(src, encoding="utf-8")]
    ndocs_in = sum(1 for r in rows if r)
    docs = run_entities(binary, src, extra)
    tagged = sum(1 for d in docs if d["entities"])
    by_surface = collections.defaultdict(list)  # surface → [(doc#, start, end, canonical, kind)]
    bad = checked = 0
    for d in docs:
        line = d["line"]
        text = (rows[line - 1].get("body") or "").strip()
        raw, idx = text.encode("utf-8"), char_index(text)
        for e in d["entities"]:
            checked += 1
            if raw[e["start"]:e["end"]].decode("utf-8", "replace") != e["text"]:
                bad += 1
                continue
            by_surface[e["text"]].append((line, idx[e["start"]], idx[e["end"]], e["canonical"], e["kind"]))
    mentions = sum(len(v) for v in by_surface.values())
    short = {s: v for s, v in by_surface.items() if short_reason(s)}
    short_mentions = sum(len(v) for v in short.values())
    rank = lambda d: sorted(d.items(), key=lambda kv: (-len(kv[1]), kv[0]))

    def label(occ):
        c = collections.Counter((o[3], o[4]) for o in occ).most_common()
        c.sort(key=lambda x: (-x[1], x[0]))
        first = f"{c[0][0][0]} ({c[0][0][1]})"
        return first + (" +" + ", ".join(f"{k[0]} ({k[1]}) ×{n}" for k, n in c[1:]) if len(c) > 1 else "")

    print(f"-- {name}: {ndocs_in:,} documents ({len(docs):,} read by newslens, {tagged:,} with a mention), "
          f"{mentions:,} mentions of {len(by_surface):,} surfaces; "
          f"offsets checked: {checked - bad:,}/{checked:,} slices match")
    print(f"   short or ambiguous surfaces: {len(short):,} with {short_mentions:,} mentions "
          f"({100 * short_mentions / max(mentions, 1):.1f}% of all)")
    print(f"   40 most frequent short or ambiguous surfaces (count, documents, why, canonical):")
    for s, occ in rank(short)[:40]:
        ndocs = len({o[0] for o in occ})
        print(f"   {len(occ):6,} {ndocs:5,}  {s!r:<14} {short_reason(s):<8} {label(occ)}")
        per_doc = {}
        for o in occ:
            per_doc.setdefault(o[0], o)
        picks = spread(list(per_doc.values()), 3)
        if len(picks) < 3:  # too few documents: fill with further mentions
            picks += [o for o in occ if o not in picks][:3 - len(picks)]
        for o in picks:
            text = (rows[o[0] - 1].get("body") or "").strip()
            print(f"                 id {rows[o[0] - 1].get('id')}: {context(text, o[1], o[2])}")
    print(f"   25 most frequent surfaces overall (count, documents, canonical):")
    for s, occ in rank(by_surface)[:25]:
        ndocs = len({o[0] for o in occ})
        flag = "  (short)" if s in short else ""
        print(f"   {len(occ):6,} {ndocs:5,}  {s!r:<22} {label(occ)}{flag}")
    print()
    top = [(s, len(o)) for s, o in rank(short)[:5]]
    return dict(docs=ndocs_in, tagged=tagged, mentions=mentions, surfaces=len(by_surface),
                short_surfaces=len(short), short_mentions=short_mentions, bad=bad, top=top)


def parse_marks(line):
    """Strip `{{type:name}}` marks (nested ones too) → plain text, [(type, start, end)] in
    characters of the plain text."""
    out, marks, stack, i = [], [], [], 0
    pos = 0
    while i < len(line):
        m = re.match(r"\{\{([a-z_]+):", line[i:i + 40])
        if m:
            stack.append((m.group(1), pos))
            i += m.end()
        elif line.startswith("}}", i) and stack:
            t, s = stack.pop()
            marks.append((t, s, pos))
            i += 2
        else:
            out.append(line[i])
            pos += 1
            i += 1
    return "".join(out), marks


def recall(binary, shared, work, extra):
    src = os.path.join(shared, "data", "bosonnlp_ner.txt")
    tech = set(TECH_NAMES)
    texts, gold = [], []  # gold: per text, {(start, end): (name, type)}
    all_marks = 0  # distinct company_name/product_name spans
    for raw in open(src, encoding="utf-8"):
        plain, marks = parse_marks(raw.rstrip("\n"))
        lead = len(plain) - len(plain.lstrip())
        plain = plain.strip()
        if not plain:
            continue
        g = {}
        spans = sorted({(max(s - lead, 0), e - lead, t) for t, s, e in marks if t in MARK_TYPES})
        all_marks += len({(s, e) for s, e, _ in spans})
        for s, e, t in spans:
            name = plain[s:e]
            s2 = s + (len(name) - len(name.lstrip()))
            name = name.strip()
            if name in tech:
                g.setdefault((s2, s2 + len(name)), (name, t))  # nested duplicate marks → once
        texts.append(plain)
        gold.append(g)
    tagged, bad = tag_texts(binary, texts, work, "bosonnlp.jsonl", extra)
    # Each curated name on its own: does newslens tag it at all?
    alone, bad_alone = tag_texts(binary, list(TECH_NAMES), work, "names.jsonl", extra)
    alone = {n: sorted({e["canonical"] for _, _, e in a}) for n, a in zip(TECH_NAMES, alone)}

    stat = {n: dict(total=0, found=0, exact=0, types=set(), canon=collections.Counter(), miss=[])
            for n in TECH_NAMES}
    for i, (g, ents) in enumerate(zip(gold, tagged)):
        for (s, e), (name, t) in sorted(g.items()):
            st = stat[name]
            st["total"] += 1
            st["types"].add("c" if t == "company_name" else "p")
            hits = [x for x in ents if x[0] < e and s < x[1]]
            if hits:
                st["found"] += 1
                st["exact"] += any(x[0] == s and x[1] == e for x in hits)
                for x in hits:
                    st["canon"][x[2]["canonical"]] += 1
            else:
                st["miss"].append((i, s, e))

    def pct(a, b):
        return f"{100 * a / b:5.1f}%" if b else "    -"

    names = [n for n in TECH_NAMES if stat[n]["total"]]
    tot = sum(stat[n]["total"] for n in names)
    fnd = sum(stat[n]["found"] for n in names)
    exa = sum(stat[n]["exact"] for n in names)
    ap = stat[APPLE_BARE]
    tot_na, fnd_na = tot - ap["total"], fnd - ap["found"]
    print(f"-- bosonnlp_ner: {len(texts):,} paragraphs, {all_marks:,} company_name/product_name marks, "
          f"{tot:,} of them on the {len(names)} curated tech names; "
          f"offsets checked: {bad + bad_alone} mismatching slices")
    print(f"   recall (a mark is found when a mention overlaps it): {fnd}/{tot} = {pct(fnd, tot).strip()}; "
          f"without bare 苹果 {fnd_na}/{tot_na} = {pct(fnd_na, tot_na).strip()}; "
          f"exact span {exa}/{tot} = {pct(exa, tot).strip()}")
    print(f"   bare 苹果 (deliberately not in the dictionary): {ap['found']}/{ap['total']} found"
          + (f" via {', '.join(sorted(ap['canon']))}" if ap["canon"] else ""))
    print("   per name, most marks first (found/total, recall, exact, marked as c=company p=product, "
          "tagged as, tagged when alone):")
    for n in sorted(names, key=lambda n: (-stat[n]["total"], n)):
        st = stat[n]
        canon = ", ".join(c for c, _ in sorted(st["canon"].items(), key=lambda kv: (-kv[1], kv[0]))) or "-"
        print(f"   {n!r:<16} {st['found']:3}/{st['total']:<3} {pct(st['found'], st['total'])} "
              f"exact {st['exact']:3}  {''.join(sorted(st['types'])):<2} {canon:<28} "
              f"alone: {', '.join(alone[n]) or '-'}")
    def missed(n):
        i, s, e = stat[n]["miss"][0]
        return context(texts[i], s, e)

    never = sorted((n for n in names if stat[n]["found"] == 0), key=lambda n: (-stat[n]["total"], n))
    print(f"   tech names newslens never tags here ({len(never)}; marks, tagged when alone, "
          "first missed context):")
    for n in never:
        print(f"   {n!r:<16} {stat[n]['total']:3}  alone: {', '.join(alone[n]) or '-':<8} {missed(n)}")
    low = sorted((n for n in names if 0 < stat[n]["found"] < stat[n]["total"]),
                 key=lambda n: (stat[n]["found"] / stat[n]["total"], -stat[n]["total"], n))
    print("   lowest recall among the names tagged at least once (first missed context):")
    for n in low[:15]:
        st = stat[n]
        print(f"   {n!r:<16} {st['found']:3}/{st['total']:<3} {pct(st['found'], st['total'])}  {missed(n)}")
    untagged_alone = [n for n in TECH_NAMES if not alone[n]]
    print(f"   curated names not tagged even on their own ({len(untagged_alone)}): "
          + (", ".join(untagged_alone) or "-"))
    print()
    return dict(paragraphs=len(texts), names=len(names), total=tot, found=fnd, exact=exa,
                total_na=tot_na, found_na=fnd_na, apple=(ap["found"], ap["total"]), never=never,
                low=[(n, stat[n]["found"], stat[n]["total"]) for n in low[:5]],
                bad=bad + bad_alone, untagged_alone=untagged_alone)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    rel = os.path.relpath
    ap.add_argument("--shared", default=os.environ.get("SHARED") or rel(os.path.join(root, "..", "shared")))
    ap.add_argument("--bin", default=rel(os.path.join(root, "target", "release", "newslens")))
    ap.add_argument("--work", default=rel(os.path.join(root, "target", "eval-dictionary")))
    ap.add_argument("extra", nargs="*", help="extra arguments for every `newslens entities` run")
    a = ap.parse_args()
    for f in ("chinanews_2449.jsonl", "reuters21578.jsonl", "bosonnlp_ner.txt"):
        if not os.path.isfile(os.path.join(a.shared, "data", f)):
            die(f"{a.shared}/data/{f} is missing")
    if not os.access(a.bin, os.X_OK):
        die(f"{a.bin} is not an executable (build it with cargo build --release)")
    os.makedirs(a.work, exist_ok=True)
    v = subprocess.run([a.bin, "--version"], capture_output=True, text=True).stdout.strip()
    print(f"eval-dictionary: {v}{' ' + ' '.join(a.extra) if a.extra else ''}; data {a.shared}/data")
    print()
    print("== 1. Short or ambiguous aliases on real news (possible false hits) ==")
    print(f"short or ambiguous = at most 2 Han characters, or Latin with at most 4 letters, or one of "
          f"{len(COMMON_WORDS)} common English words (case-insensitive); contexts ±{CONTEXT} characters")
    print()
    zh = audit(a.bin, a.shared, "chinanews_2449", a.extra)
    en = audit(a.bin, a.shared, "reuters21578", a.extra)
    print("== 2. Recall of curated tech company/product names on BosonNLP NER ==")
    rc = recall(a.bin, a.shared, a.work, a.extra)

    print("== 3. Summary ==")
    for name, r in (("chinanews_2449", zh), ("reuters21578", en)):
        print(f"{name:<15} {r['mentions']:6,} mentions in {r['tagged']:,} of {r['docs']:,} documents, "
              f"{r['surfaces']:,} surfaces; "
              f"short/ambiguous {r['short_mentions']:,} mentions ({100 * r['short_mentions'] / max(r['mentions'], 1):.1f}%) "
              f"of {r['short_surfaces']} surfaces; top: "
              + ", ".join(f"{s} {n}" for s, n in r["top"]))
    print(f"bosonnlp_ner    recall {rc['found']}/{rc['total']} = {100 * rc['found'] / max(rc['total'], 1):.1f}% "
          f"over {rc['names']} tech names (without bare 苹果 {rc['found_na']}/{rc['total_na']} = "
          f"{100 * rc['found_na'] / max(rc['total_na'], 1):.1f}%; exact span {100 * rc['exact'] / max(rc['total'], 1):.1f}%; "
          f"bare 苹果 {rc['apple'][0]}/{rc['apple'][1]})")
    print(f"                never tagged: {len(rc['never'])} names: {', '.join(rc['never']) or '-'}")
    print(f"                lowest recall of the others: "
          + (", ".join(f"{n} {f}/{t}" for n, f, t in rc["low"]) or "-"))
    bad = zh["bad"] + en["bad"] + rc["bad"]
    print(f"offset check    {bad} mention(s) whose text differs from its byte slice"
          + ("" if not bad else "  <-- the offset convention or the text reconstruction is off"))


if __name__ == "__main__":
    try:
        main()
    except BrokenPipeError:  # `eval-dictionary.py | head`
        sys.stderr.close()
