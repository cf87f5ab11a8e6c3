#!/usr/bin/env bash
# Large-input stress run (issue 6, item 4 and 5 at scale). Prints figures; asserts the outcomes.
#  1. Indexes a generated JSONL of SIZE_MB (default 1024) MB: time, MB/s, peak RSS, index size,
#     and the progress bar's last line (run under a pseudo-terminal so the bar is drawn).
#  2. Kills a second `newslens index` of the same file with SIGKILL after KILL_AFTER seconds,
#     checks the index holds whole batches of 10,000 articles, the first ones of the input, and
#     that running the command again completes it without duplicates.
#  3. Summarizes a generated 5 MB article: time and peak RSS.
# Articles come from ../shared/data (real news) when present, else from corpus/; ids are
# distinct. Nothing is committed; everything is written under target/stress.
# Usage: scripts/stress-large.sh   (SIZE_MB=… KILL_AFTER=… to change)
set -euo pipefail
cd "$(dirname "$0")/.."
SIZE_MB=${SIZE_MB:-1024}
KILL_AFTER=${KILL_AFTER:-60}
SHARED=${SHARED:-../shared}
W=target/stress
BIN=target/release/newslens
cargo build --release --quiet --bin newslens
rm -rf "$W" && mkdir -p "$W"

python3 - "$SHARED" "$W/big.jsonl" "$SIZE_MB" <<'PY'
import json, os, sys, glob
shared, out, size_mb = sys.argv[1], sys.argv[2], int(sys.argv[3])
rows = []
for name in ("chinanews_2449", "reuters21578"):
    p = f"{shared}/data/{name}.jsonl"
    if os.path.exists(p):
        for l in open(p, encoding="utf-8"):
            r = json.loads(l)
            if r.get("body"):
                rows.append({"title": r.get("title", ""), "body": r["body"], "source": name})
if not rows:
    for p in sorted(glob.glob("corpus/zh/*") + glob.glob("corpus/en/*")):
        rows.append({"title": os.path.basename(p), "body": open(p, encoding="utf-8").read(), "source": "corpus"})
limit, n = size_mb << 20, 0
with open(out, "w", encoding="utf-8") as f:
    while f.tell() < limit:
        r = dict(rows[n % len(rows)]); r["id"] = f"s{n:08d}"
        f.write(json.dumps(r, ensure_ascii=False) + "\n"); n += 1
print(f"generated {out}: {n} articles, {os.path.getsize(out) / 1e6:.0f} MB")
PY
TOTAL=$(wc -l < "$W/big.jsonl")

echo "== 1. index $SIZE_MB MB"
# `script` gives newslens a terminal, so the progress bar is drawn; its last frame is shown.
/usr/bin/time -f "%e %M" -o "$W/time" script -qfec "$BIN index --index $W/ix $W/big.jsonl" /dev/null > "$W/tty.log" &
job=$!
# Peak anonymous memory (heap), apart from the index files tantivy maps while merging, which
# count in RSS but are page cache the kernel can drop.
anon=0
while kill -0 "$job" 2> /dev/null; do
    sleep 0.5
    pid=$(pgrep -f "^$BIN index --index $W/ix" | head -1) || continue
    a=$(awk '/RssAnon/ {print $2}' "/proc/$pid/status" 2> /dev/null) || continue
    if [[ -n $a ]] && (( a > anon )); then anon=$a; fi
done
wait "$job"
read -r secs kb < "$W/time"
tr '\r' '\n' < "$W/tty.log" | grep -a . | tail -2
python3 -c "import sys; mb=$(stat -c %s "$W/big.jsonl")/1e6; print(f'indexed {mb:.0f} MB in {$secs} s: {mb/$secs:.1f} MB/s; peak RSS {$kb/1024:.0f} MB, of it heap (RssAnon) {$anon/1024:.0f} MB; index on disk', end=' ')"
du -sh "$W/ix" | cut -f1

echo "== 2. SIGKILL after $KILL_AFTER s, then the same command again"
"$BIN" index --index "$W/kill" "$W/big.jsonl" 2> /dev/null &
pid=$!
sleep "$KILL_AFTER"
kill -KILL "$pid" 2> /dev/null || { echo "finished before the kill; raise SIZE_MB or lower KILL_AFTER"; exit 1; }
{ wait "$pid"; } 2> /dev/null || true
kept=$(python3 - "$W/kill" <<'PY'
import json, sys
meta = json.load(open(sys.argv[1] + "/meta.json"))
print(sum(s["max_doc"] - (s["deletes"] or {}).get("num_deleted_docs", 0) for s in meta["segments"]))
PY
)
echo "killed with $kept of $TOTAL articles committed (whole 10,000-article batches: $((kept % 10000 == 0)))"
[[ $((kept % 10000)) -eq 0 ]] || { echo "FAIL: not a whole number of batches"; exit 1; }
"$BIN" index --index "$W/kill" "$W/big.jsonl" 2> "$W/rerun.log"
tail -1 "$W/rerun.log"
grep -q "$((TOTAL - kept)) added, 0 updated, $kept unchanged, 0 failed" "$W/rerun.log" || { echo "FAIL: rerun counts"; exit 1; }
after=$(python3 - "$W/kill" <<'PY'
import json, sys
meta = json.load(open(sys.argv[1] + "/meta.json"))
print(sum(s["max_doc"] - (s["deletes"] or {}).get("num_deleted_docs", 0) for s in meta["segments"]))
PY
)
echo "after the rerun: $after live articles for $TOTAL lines (no duplicates: $([[ $after -eq $TOTAL ]] && echo yes || echo NO))"
[[ $after -eq $TOTAL ]] || exit 1

echo "== 3. summarize a 5 MB article"
python3 - "$W/long.txt" <<'PY'
import sys
zh = ["阿里云发布了新一代通义千问大模型，参数规模进一步扩大。", "“算力需求仍在快速增长。”一位云厂商高管表示。", "英伟达A800的报价在过去一个季度上涨了约三成。", "分析师认为，国产芯片的份额正在提升。"]
en = ["Cloud spending rose 30% this year, analysts said.", "\"Demand is strong,\" said Jensen Huang, chief executive of Nvidia.", "Microsoft Azure and Amazon Web Services expanded their regions.", "Power is the new constraint for data centres."]
parts, size, i = ["A very long article"], 0, 0
while size < 5_000_000:
    p = "".join(zh[(i * 7 + k * 3) % 4] for k in range(4)) if i % 2 == 0 else " ".join(en[(i * 7 + k * 3) % 4] for k in range(4))
    parts.append(p); size += len(p.encode()); i += 1
open(sys.argv[1], "w", encoding="utf-8").write("\n\n".join(parts) + "\n")
PY
for cmd in summarize quotes analyze; do
    /usr/bin/time -f "$cmd of 5 MB: %e s, peak RSS %M KB" "$BIN" "$cmd" "$W/long.txt" > /dev/null
done
