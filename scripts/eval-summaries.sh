#!/usr/bin/env bash
# ROUGE of `newslens summarize` on the shared dev sets, next to the Lead-k baseline computed by
# the same script (same sentence splitter, position-only weights).
#
#   BBC News Summary, first 400 ids in sorted order, 5 sentences   (English)
#   LCSTS part III, human_label >= 3, 1 sentence                    (Chinese)
#
# Needs ../shared (evaluation data, not shipped) and python3; installs rouge-score into a
# throwaway virtualenv under target/. Extra arguments go to every `newslens summarize` run
# (e.g. --weights position=1.2).  Usage: scripts/eval-summaries.sh [--weights ...]
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=${SHARED:-../shared}
if [[ ! -f $SHARED/data/bbc_news_summary.jsonl || ! -f $SHARED/tools/rouge_eval.py ]]; then
    echo "eval-summaries: skipped: $SHARED/data is not present (evaluation data lives outside the repository)"
    exit 0
fi
command -v python3 >/dev/null || { echo "eval-summaries: skipped: python3 not found"; exit 0; }
WORK=target/eval-summaries
mkdir -p "$WORK"
PY=python3
if ! python3 -c 'import rouge_score' 2>/dev/null; then
    if [[ ! -x $WORK/venv/bin/python ]] || ! "$WORK/venv/bin/python" -c 'import rouge_score' 2>/dev/null; then
        echo "eval-summaries: installing rouge-score into $WORK/venv" >&2
        python3 -m venv "$WORK/venv"
        "$WORK/venv/bin/pip" install -q rouge-score
    fi
    PY=$WORK/venv/bin/python
fi
cargo build --release --quiet
BIN=target/release/newslens

# Inputs: the first 400 BBC ids in sorted order; LCSTS records with human_label >= 3.
"$PY" - "$SHARED" "$WORK" <<'PYEOF'
import json, sys
shared, work = sys.argv[1], sys.argv[2]
bbc = [json.loads(l) for l in open(f"{shared}/data/bbc_news_summary.jsonl", encoding="utf-8")]
bbc.sort(key=lambda r: r["id"])
with open(f"{work}/bbc.jsonl", "w", encoding="utf-8") as f:
    for r in bbc[:400]:
        f.write(json.dumps({"id": r["id"], "title": r["title"], "article": r["article"]}, ensure_ascii=False) + "\n")
with open(f"{work}/bbc-all.jsonl", "w", encoding="utf-8") as f:
    for r in bbc:
        f.write(json.dumps({"id": r["id"], "title": r["title"], "article": r["article"]}, ensure_ascii=False) + "\n")
n = 0
with open(f"{work}/lcsts.jsonl", "w", encoding="utf-8") as f:
    for l in open(f"{shared}/data/lcsts_part3.jsonl", encoding="utf-8"):
        r = json.loads(l)
        if r["human_label"] >= 3:
            f.write(json.dumps({"id": str(r["id"]), "text": r["text"]}, ensure_ascii=False) + "\n")
            n += 1
PYEOF

score() { # name dataset reference-file lang args...
    local name=$1 set=$2 lang=$3; shift 3
    "$BIN" summarize --jsonl "$WORK/$set.jsonl" --quotes 0 --top 0 "$@" > "$WORK/$set-$name.out"
    "$PY" - "$SHARED" "$WORK/$set-$name.out" "$set" "$lang" > "$WORK/$set-$name.scored" <<'PYEOF'
import json, sys
shared, out, dataset, lang = sys.argv[1:5]
refs = {}
if dataset == "bbc":
    for l in open(f"{shared}/data/bbc_news_summary.jsonl", encoding="utf-8"):
        r = json.loads(l); refs[r["id"]] = r["summary"]
else:
    for l in open(f"{shared}/data/lcsts_part3.jsonl", encoding="utf-8"):
        r = json.loads(l); refs[str(r["id"])] = r["summary"]
for l in open(out, encoding="utf-8"):
    r = json.loads(l)
    print(json.dumps({"id": r["id"], "summary": r["summary"], "reference": refs[r["id"]], "lang": lang}, ensure_ascii=False))
PYEOF
    "$PY" "$SHARED/tools/rouge_eval.py" "$WORK/$set-$name.scored" --quiet | awk -v n="$name" -v s="$set" '
        /^MEAN/ { for (i = 1; i <= NF; i++) if (split($i, kv, "=") == 2) v[kv[1]] = kv[2] * 100
                  printf "%-6s %-9s %6.1f %6.1f %6.1f\n", s, n, v["rouge1"], v["rouge2"], v["rougeL"] }'
}

echo "set    system       R-1    R-2    R-L"
score lead-5   bbc en --sentences 5 --weights lead
score newslens bbc en --sentences 5 "$@"
score lead-1   lcsts zh --sentences 1 --weights lead
score newslens lcsts zh --sentences 1 "$@"
echo "peers (../shared/README.md): BBC sumy TextRank 74.0/67.4/50.7, LexRank 63.4/53.0/43.8;"
echo "                             LCSTS Lead-1 and LexRank 26.3/14.9/22.5, TextRank 23.9/13.0/20.6"
start=$(date +%s.%N)
"$BIN" summarize --jsonl "$WORK/bbc-all.jsonl" --sentences 5 > /dev/null
end=$(date +%s.%N)
printf "batch: all 2,225 BBC articles (5 sentences, 3 quotes, keywords) in %.1f s\n" "$(echo "$end - $start" | bc)"
