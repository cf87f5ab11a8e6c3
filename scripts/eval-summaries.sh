#!/usr/bin/env bash
# ROUGE of `newslens summarize` on every dev set next to Lead-k and the best peer, the weight
# search's choice on all sets, and a leave-one-set-out run (scripts/eval_summaries.py):
#
#   bbc         BBC News Summary, first 400 ids in sorted order, 5 sentences   (English)
#   cnndm       CNN/DailyMail validation, 1,000 stories, 3 sentences           (English)
#   lcsts       LCSTS part III, human_label >= 3 (725), 1 sentence             (Chinese)
#   zhlong      66 long chinanews articles, 3 sentences, vs an editor's picks  (Chinese)
#   zhlong-ref  the same, vs a written reference (tests/data/summaries-chinanews.jsonl)
#
# Needs ../shared (evaluation data, not shipped) and python3; installs rouge-score into a
# throwaway virtualenv under target/. Usage: scripts/eval-summaries.sh [--weights W]
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=${SHARED:-../shared}
if [[ ! -f $SHARED/data/cnndm_dev.jsonl || ! -f $SHARED/tools/rouge_eval.py ]]; then
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
export SHARED
"$PY" scripts/eval_summaries.py table "$@"
echo
echo "Weight search (share_lead, share_cover, lead-position factor; the worst R-1 gain over"
echo "Lead-k decides, keeping BBC >= 76 and LCSTS >= 28 on the sets it is chosen on):"
"$PY" scripts/eval_summaries.py loso
echo
BIN=target/release/newslens
"$PY" - "$SHARED" "$WORK" <<'PYEOF'
import json, sys
shared, work = sys.argv[1:3]
with open(f"{work}/chinanews.jsonl", "w", encoding="utf-8") as f:
    for l in open(f"{shared}/data/chinanews_2449.jsonl", encoding="utf-8"):
        r = json.loads(l)
        f.write(json.dumps({"id": str(r["id"]), "title": r["title"], "body": r["body"]}, ensure_ascii=False) + "\n")
PYEOF
for set in chinanews bbc cnndm; do
    start=$(date +%s.%N)
    "$BIN" summarize --jsonl "$WORK/$set.jsonl" > /dev/null
    end=$(date +%s.%N)
    printf "batch: %s (%s articles; 3 sentences, 3 quotes, keywords) in %.2f s\n" "$set" "$(wc -l < "$WORK/$set.jsonl")" "$(echo "$end - $start" | bc)"
done
