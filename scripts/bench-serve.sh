#!/usr/bin/env bash
# `newslens serve` under load: builds an index of ARTICLES (default 100,000) replicated from the
# real corpora (../shared/data, not shipped), measures start-up to the first served page, then
# runs examples/serve_load.rs (CLIENTS concurrent clients, default 50, for DURATION seconds, default 30)
# over search pages, article pages and API calls, and prints latency, errors and the server's
# peak memory. Writes only under target/bench-serve.
# Usage: scripts/bench-serve.sh [ARTICLES]      (CLIENTS=… DURATION=… to change; SERVE_ARGS=…
#        passes options to `newslens serve`, e.g. SERVE_ARGS="--analysed-articles 0" to analyse
#        every article view afresh)
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=${SHARED:-../shared}
N=${1:-100000}
CLIENTS=${CLIENTS:-50}
DURATION=${DURATION:-30}
if [[ ! -f $SHARED/data/chinanews_2449.jsonl || ! -f $SHARED/data/reuters21578.jsonl ]]; then
    echo "bench-serve: skipped: $SHARED/data is not present"
    exit 0
fi
cargo build --release --quiet --bin newslens --example serve_load
BIN=target/release/newslens
W=target/bench-serve
mkdir -p "$W"
if [[ ! -f $W/ix-$N/meta.json ]]; then
    scripts/replicate-corpora.py "$SHARED" "$W/big.jsonl" "$N"
    rm -rf "$W/ix-$N"
    "$BIN" index --index "$W/ix-$N" "$W/big.jsonl" 2>&1 | tail -1
    rm -f "$W/big.jsonl"
fi
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
t0=$(date +%s%N)
# shellcheck disable=SC2086
"$BIN" serve --index "$W/ix-$N" --port "$PORT" ${SERVE_ARGS:-} > "$W/serve.out" 2> "$W/serve.err" &
PID=$!
trap 'kill $PID 2>/dev/null || true' EXIT
until curl -sf -o /dev/null "http://127.0.0.1:$PORT/"; do sleep 0.01; done
t1=$(date +%s%N)
echo "start-up to the first served page: $(( (t1 - t0) / 1000000 )) ms ($N articles)"
# URLs: searches of several kinds, and the article pages and API of their hits.
python3 - "$PORT" > "$W/urls.tsv" <<'PY'
import json, sys, urllib.parse, urllib.request
port = sys.argv[1]
base = f"http://127.0.0.1:{port}"
queries = ["疫情", "oil", "经济 增长", '"新冠肺炎"', '"oil prices"', "entity:华为", "entity:IBM", "疫情 lang:zh", "trade lang:en -oil", "武汉", "wheat", "美国"]
keys = []
for q in queries:
    enc = urllib.parse.quote(q)
    print(f"search\t/?q={enc}")
    print(f"api\t/api/search?q={enc}")
    hits = json.load(urllib.request.urlopen(f"{base}/api/search?q={enc}&limit=10"))["hits"]
    keys += [h["key"] for h in hits]
for k in keys:
    print(f"article\t/articles/{urllib.parse.quote(k, safe='')}")
PY
echo "$(grep -c . "$W/urls.tsv") URLs: $(cut -f1 "$W/urls.tsv" | sort | uniq -c | tr '\n' ' ')"
target/release/examples/serve_load "http://127.0.0.1:$PORT" "$W/urls.tsv" "$CLIENTS" "$DURATION"
echo "server peak memory (VmHWM): $(awk '/VmHWM/ {print $2, $3}' /proc/$PID/status)"
