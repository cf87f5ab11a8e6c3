"""ROUGE of `newslens summarize` on every dev set, next to Lead-k and the best peer, and a
leave-one-set-out run of the weight search. Called by scripts/eval-summaries.sh.

Dev sets (evaluation data in ../shared, never in the repository):
  bbc     BBC News Summary, first 400 ids in sorted order, 5 sentences, English
  cnndm   CNN/DailyMail validation, 1,000 stories, 3 sentences, English (highlights)
  lcsts   LCSTS part III, human_label >= 3 (725), 1 sentence, Chinese
  zhlong  66 chinanews articles of 1,000+ characters annotated for this project
          (tests/data/summaries-chinanews.jsonl: ids, SHA-1 of each body, the byte
          offsets of the 3 sentences an editor picked, and a written 2-3 sentence reference),
          3 sentences, Chinese; scored against the editor's sentences (zhlong) and against
          the written reference (zhlong-ref)

Usage:
  eval_summaries.py table [--weights W]        the table (default weights, Lead-k, best peer)
  eval_summaries.py loso                       leave-one-set-out over the candidate weights
  eval_summaries.py try W [W ...]              R-1/2/L of each weight override on every set
"""
import hashlib
import importlib.util
import json
import os
import subprocess
import sys
from concurrent.futures import ProcessPoolExecutor

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.environ.get("SHARED", os.path.join(ROOT, "..", "shared"))
WORK = os.path.join(ROOT, "target", "eval-summaries")
BIN = os.path.join(ROOT, "target", "release", "newslens")
ANNOTATIONS = os.path.join(ROOT, "tests", "data", "summaries-chinanews.jsonl")

# set -> (language, sentences, peers from ../shared/README.md: name -> (R-1, R-2, R-L))
SETS = {
    "bbc": ("en", 5, {"sumy TextRank": (74.0, 67.4, 50.7), "sumy LexRank": (63.4, 53.0, 43.8)}),
    "cnndm": ("en", 3, {"sumy LexRank": (26.1, 8.5, 16.9), "sumy TextRank": (22.7, 7.9, 15.3)}),
    "lcsts": ("zh", 1, {"sumy LexRank": (26.3, 14.9, 22.5), "sumy TextRank": (23.9, 13.0, 20.6)}),
    "zhlong": ("zh", 3, {}),
    "zhlong-ref": ("zh", 3, {}),
}


def rouge_module():
    spec = importlib.util.spec_from_file_location("rouge_eval", os.path.join(SHARED, "tools", "rouge_eval.py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def read_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def write_jsonl(path, rows):
    with open(path, "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")


def prepare():
    """Writes each set's input JSONL under target/; returns set -> {id: reference}."""
    os.makedirs(WORK, exist_ok=True)
    refs = {}
    bbc = sorted(read_jsonl(f"{SHARED}/data/bbc_news_summary.jsonl"), key=lambda r: r["id"])[:400]
    write_jsonl(f"{WORK}/bbc.jsonl", [{"id": r["id"], "title": r["title"], "article": r["article"]} for r in bbc])
    refs["bbc"] = {r["id"]: r["summary"] for r in bbc}
    cnn = read_jsonl(f"{SHARED}/data/cnndm_dev.jsonl")
    write_jsonl(f"{WORK}/cnndm.jsonl", [{"id": r["id"], "article": r["article"]} for r in cnn])
    refs["cnndm"] = {r["id"]: r["reference"] for r in cnn}
    lcsts = [r for r in read_jsonl(f"{SHARED}/data/lcsts_part3.jsonl") if r["human_label"] >= 3]
    write_jsonl(f"{WORK}/lcsts.jsonl", [{"id": str(r["id"]), "text": r["text"]} for r in lcsts])
    refs["lcsts"] = {str(r["id"]): r["summary"] for r in lcsts}
    if not os.path.exists(ANNOTATIONS):
        print(f"eval-summaries: {ANNOTATIONS} missing: no zhlong", file=sys.stderr)
        for d in ("zhlong", "zhlong-ref"):
            SETS.pop(d, None)
        return refs
    news = {str(r["id"]): r for r in read_jsonl(f"{SHARED}/data/chinanews_2449.jsonl")}
    rows, editor, written = [], {}, {}
    for a in read_jsonl(ANNOTATIONS):
        body = news[a["id"]]["body"]
        raw = body.encode("utf-8")
        if hashlib.sha1(raw).hexdigest() != a["sha1"]:
            sys.exit(f"zhlong: article {a['id']} differs from the annotated one (SHA-1)")
        rows.append({"id": a["id"], "title": news[a["id"]]["title"], "body": body})
        editor[a["id"]] = "".join(raw[s:e].decode("utf-8") for s, e in a["sentences"])
        written[a["id"]] = a["reference"]
    write_jsonl(f"{WORK}/zhlong.jsonl", rows)
    refs["zhlong"], refs["zhlong-ref"] = editor, written
    return refs


def summaries(dataset, weights):
    """id -> summary of `newslens summarize` with `weights` (None: the defaults)."""
    name = "zhlong" if dataset.startswith("zhlong") else dataset
    _, k, _ = SETS[dataset]
    cmd = [BIN, "summarize", "--jsonl", f"{WORK}/{name}.jsonl", "--sentences", str(k), "--quotes", "0", "--top", "0"]
    if weights:
        cmd += ["--weights", weights]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    return {r["id"]: r["summary"] for r in map(json.loads, out.splitlines())}


_ROUGE = None


def _score_chunk(args):
    global _ROUGE
    if _ROUGE is None:
        _ROUGE = rouge_module()
    lang, pairs = args
    return [_ROUGE.score(s, r, lang) for s, r in pairs]


def mean_rouge(pool, lang, refs, summ):
    ids = sorted(refs)
    pairs = [(summ.get(i, ""), refs[i]) for i in ids]
    chunks = [(lang, pairs[j::2]) for j in range(2)]
    scores = [s for part in pool.map(_score_chunk, chunks) for s in part]
    return tuple(100 * sum(s[k] for s in scores) / len(scores) for k in ("rouge1", "rouge2", "rougeL"))


class Runner:
    """Runs and scores weight settings, remembering what it has scored."""

    def __init__(self, pool, refs):
        self.pool, self.refs, self.cache = pool, refs, {}

    def score(self, dataset, weights):
        key = (dataset, weights)
        if key not in self.cache:
            lang = SETS[dataset][0]
            self.cache[key] = mean_rouge(self.pool, lang, self.refs[dataset], summaries(dataset, weights))
        return self.cache[key]


def fmt(r):
    return " ".join(f"{x:5.1f}" for x in r)


def table(runner, weights):
    print(f"{'set':<11} {'k':>2}  {'newslens R-1/2/L':>18}  {'Lead-k R-1/2/L':>18}  {'R-1 gain':>8}  best peer")
    for dataset, (lang, k, peers) in SETS.items():
        ours, lead = runner.score(dataset, weights), runner.score(dataset, "lead")
        peer = max(peers.items(), key=lambda p: p[1][0], default=None)
        peer_text = f"{peer[0]} {fmt(peer[1])}" if peer else "—"
        print(f"{dataset:<11} {k:>2}  {fmt(ours):>18}  {fmt(lead):>18}  {ours[0] - lead[0]:+8.1f}  {peer_text}")


# The knobs the weight search turns, shared by both languages so that a set left out is scored
# with values chosen on sets of other kinds: where the lead regime ends and the cover regime
# begins (shares of the article), and how strong the lead prior is (a factor on each
# language's own lead.position).
LEAD_POSITION = {"en": 1.0, "zh": 0.5}
GRID = [
    (share_lead, share_cover, factor)
    for share_lead in (0.1, 0.15, 0.2)
    for share_cover in (0.25, 0.3, 0.4)
    for factor in (0.5, 1.0, 2.0)
    if share_cover > share_lead
]
DEFAULT = (0.15, 0.3, 1.0)


def spec(candidate, lang):
    """The --weights override of a grid point for one language (None: the defaults)."""
    if candidate == DEFAULT:
        return None
    share_lead, share_cover, factor = candidate
    return f"share_lead={share_lead},share_cover={share_cover},lead.position={LEAD_POSITION[lang] * factor:g}"


def gains(runner, candidate, sets):
    return [runner.score(d, spec(candidate, SETS[d][0]))[0] - runner.score(d, "lead")[0] for d in sets]


# Floors the issue sets on two of the sets (R-1 they must keep); a grid point below one of them,
# on a set it is chosen on, is not chosen.
FLOORS = {"bbc": 76.0, "lcsts": 28.0}


def choose(runner, sets):
    """The grid point whose worst R-1 gain over Lead-k on `sets` is best (then the mean),
    among those that keep the floors of `sets`."""
    def keeps(c):
        return all(runner.score(d, spec(c, SETS[d][0]))[0] >= FLOORS[d] for d in sets if d in FLOORS)
    allowed = [c for c in GRID if keeps(c)] or GRID
    return max(allowed, key=lambda c: (min(gains(runner, c, sets)), sum(gains(runner, c, sets)), c == DEFAULT))


def loso(runner):
    """For each set: the grid point chosen on all the other sets, scored on the one left out
    (zhlong and zhlong-ref are one set of articles and leave together)."""
    names = list(SETS)
    chosen = choose(runner, names)
    print(f"chosen on all sets: share_lead, share_cover, lead factor = {chosen}"
          f"{' (the defaults)' if chosen == DEFAULT else ' (NOT the defaults)'}")
    print(f"{'left out':<11}  {'chosen on the others':<18}  {'R-1/2/L':>18}  {'Lead-k R-1':>10}  gain")
    for held in names:
        base = held.split("-")[0]
        others = [d for d in names if d.split("-")[0] != base]
        best = choose(runner, others)
        ours, lead = runner.score(held, spec(best, SETS[held][0])), runner.score(held, "lead")
        print(f"{held:<11}  {str(best):<18}  {fmt(ours):>18}  {lead[0]:10.1f}  {ours[0] - lead[0]:+.1f}")


def dump(runner):
    for c in GRID:
        g = gains(runner, c, list(SETS))
        print(c, " ".join(f"{x:+5.1f}" for x in g), f"min {min(g):+.1f}")


def main():
    args = sys.argv[1:]
    if not os.path.exists(f"{SHARED}/data/cnndm_dev.jsonl"):
        print(f"eval-summaries: skipped: {SHARED}/data is not present (evaluation data lives outside the repository)")
        return
    refs = prepare()
    with ProcessPoolExecutor(2) as pool:
        runner = Runner(pool, refs)
        cmd = args[0] if args else "table"
        if cmd == "table":
            weights = args[args.index("--weights") + 1] if "--weights" in args else None
            table(runner, weights)
        elif cmd == "dump":
            dump(runner)
        elif cmd == "loso":
            loso(runner)
        elif cmd == "try":
            for w in args[1:]:
                print(w, {d: fmt(runner.score(d, None if w == "default" else w)) for d in SETS})
        else:
            sys.exit(__doc__)


if __name__ == "__main__":
    main()
