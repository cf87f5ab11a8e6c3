#!/usr/bin/env bash
# Indexing throughput of `newslens index` next to a plain tantivy + jieba-rs index of the same
# JSONL (examples/baseline_index.rs), peak memory, and search latency p50/p99 over a
# 100,000-article index replicated from the real corpora (examples/search_latency.rs), trends
# latency by month (examples/trends_latency.rs), export
# throughput next to index throughput, and the
# same at any other sizes given (index time, peak memory, size on disk, p50/p99 at each size).
# Needs ../shared (evaluation data, not shipped); writes only under target/bench-index.
# Usage: scripts/bench-index.sh [ARTICLES…]        (default: 100000)
#        SCALE_ONLY=1 scripts/bench-index.sh 100000 1000000   (only the scale figures)
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=${SHARED:-../shared}
SIZES=("${@:-100000}")
if [[ ! -f $SHARED/data/chinanews_2449.jsonl || ! -f $SHARED/data/reuters21578.jsonl ]]; then
    echo "bench-index: skipped: $SHARED/data is not present (evaluation data lives outside the repository)"
    exit 0
fi
cargo build --release --quiet --bin newslens --example baseline_index --example search_latency --example trends_latency --example stage_cost
BIN=target/release/newslens
W=target/bench-index
ROUNDS=${ROUNDS:-3}
mkdir -p "$W"
timed() { # command… → prints "seconds peak_kb"
    /usr/bin/time -f "%e %M" -o "$W/time" "$@" > /dev/null 2> "$W/stderr" || { cat "$W/stderr"; exit 1; }
    cat "$W/time"
}
bytes() { python3 -c "import json,sys; print(sum(len((json.loads(l).get('body') or '').encode()) for l in open(sys.argv[1], encoding='utf-8')))" "$1"; }
if [[ -z ${SCALE_ONLY:-} ]]; then
echo "Indexing: best of $ROUNDS interleaved runs; both commit every 10,000 articles (newslens's batch)."
printf "%-16s %9s %9s %10s %8s %9s %9s %7s\n" corpus articles MB "newslens" "MB/s" "baseline" "MB/s" ratio
for set in chinanews_2449 reuters21578; do
    f=$SHARED/data/$set.jsonl
    n=$(grep -c . "$f"); b=$(bytes "$f")
    nt=999; bt=999; nm=0; bm=0
    for _ in $(seq "$ROUNDS"); do
        rm -rf "$W/nl-$set" "$W/base-$set"
        read -r t m <<< "$(timed "$BIN" index --index "$W/nl-$set" "$f")"
        nt=$(python3 -c "print(min($nt, $t))"); nm=$((m > nm ? m : nm))
        read -r t m <<< "$(timed target/release/examples/baseline_index "$f" "$W/base-$set" 10000)"
        bt=$(python3 -c "print(min($bt, $t))"); bm=$((m > bm ? m : bm))
    done
    python3 - "$set" "$n" "$b" "$nt" "$nm" "$bt" "$bm" <<'PY'
import sys
s, n, b, nt, nm, bt, bm = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), *map(float, sys.argv[4:])
mb = b / 1e6
print(f"{s:<16} {n:>9} {mb:>9.1f} {nt:>9.2f}s {mb/nt:>8.2f} {bt:>8.2f}s {mb/bt:>9.2f} {bt/nt:>6.2f}x"
      f"   ({n/nt:.0f} vs {n/bt:.0f} articles/s; peak RSS newslens {nm/1024:.0f} MB, baseline {bm/1024:.0f} MB)")
PY
done
echo
echo "Export (newslens export FILE > /dev/null: everything index computes, plus sentences, the summary"
echo "and the NDJSON) next to newslens index, best of $ROUNDS interleaved runs:"
for set in chinanews_2449 reuters21578; do
    f=$SHARED/data/$set.jsonl
    b=$(bytes "$f"); it=999; et=999; em=0
    for _ in $(seq "$ROUNDS"); do
        rm -rf "$W/nl-$set"
        read -r t _ <<< "$(timed "$BIN" index --index "$W/nl-$set" "$f")"
        it=$(python3 -c "print(min($it, $t))")
        read -r t m <<< "$(timed "$BIN" export "$f")"
        et=$(python3 -c "print(min($et, $t))"); em=$((m > em ? m : em))
    done
    python3 -c "import sys; s,b,i,e,m=sys.argv[1],int(sys.argv[2])/1e6,float(sys.argv[3]),float(sys.argv[4]),int(sys.argv[5]); print(f'{s:<16} export {e:.2f}s {b/e:.2f} MB/s, index {i:.2f}s {b/i:.2f} MB/s: export at {i/e:.2f}x the index throughput; export peak RSS {m/1024:.0f} MB')" "$set" "$b" "$it" "$et" "$em"
done
echo
echo "Where newslens's extra time goes (one thread, per stage, next to jieba-rs cut):"
for set in chinanews_2449 reuters21578; do
    echo "-- $set"
    target/release/examples/stage_cost "$SHARED/data/$set.jsonl" "$ROUNDS"
done
echo
fi
# Large indexes from the real corpora, replicated with distinct ids (one file per size).
printf 'word\t疫情\nword\toil\nword\t经济 增长\nphrase\t"新冠肺炎"\nphrase\t"oil prices"\nentity\tentity:华为\nentity\tentity:IBM\nfiltered\t疫情 lang:zh\nfiltered\ttrade lang:en -oil\n' > "$W/queries.tsv"
for N in "${SIZES[@]}"; do
scripts/replicate-corpora.py "$SHARED" "$W/big.jsonl" "$N"
rm -rf "$W/big"
read -r bt bm <<< "$(timed "$BIN" index --index "$W/big" "$W/big.jsonl")"
echo "index of $N articles ($(du -sh "$W/big.jsonl" | cut -f1) JSONL): $bt s, peak RSS $((bm / 1024)) MB, $(du -sh "$W/big" | cut -f1) on disk"
target/release/examples/search_latency "$W/big" "$W/queries.tsv" 30
target/release/examples/trends_latency "$W/big" 30 entity:华为 entity:IBM 疫情 oil
t0=$(date +%s%N); "$BIN" trends --index "$W/big" entity:华为 > /dev/null; t1=$(date +%s%N)
echo "newslens trends entity:华为 from cold (dictionary loading included): $(( (t1 - t0) / 1000000 )) ms"
done
rm -rf "$W/big" "$W/big.jsonl"
