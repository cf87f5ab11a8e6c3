#!/usr/bin/env bash
# Every command on one long text: wall time and peak RSS of `segment`, `entities`, `keywords`,
# `quotes`, `summarize` and `analyze --format json` over a single file of SIZE_MB (default 20)
# MB of real Chinese news (the chinanews bodies of ../shared/data, one after another, as a
# dump or a book arrives), so that a step that scans the whole text once per sentence, name or
# quotation shows up as a jump between sizes. BASE=path/to/other/newslens adds its rows.
# Nothing is committed; the file is written under target/bench-long.
# Usage: scripts/bench-long.sh            SIZE_MB=5 scripts/bench-long.sh
set -euo pipefail
cd "$(dirname "$0")/.."
SIZE_MB=${SIZE_MB:-20}
SHARED=${SHARED:-../shared}
if [[ ! -f $SHARED/data/chinanews_2449.jsonl ]]; then
    echo "bench-long: skipped: $SHARED/data is not present (evaluation data lives outside the repository)"
    exit 0
fi
W=target/bench-long
mkdir -p "$W"
cargo build --release --quiet --bin newslens
file=$W/long-$SIZE_MB.txt
python3 - "$SHARED/data/chinanews_2449.jsonl" "$file" "$SIZE_MB" <<'PY'
import json, sys
src, out, size = sys.argv[1], sys.argv[2], int(sys.argv[3]) << 20
bodies = [json.loads(l)["body"] for l in open(src, encoding="utf-8")]
with open(out, "w", encoding="utf-8") as f:
    n, i = 0, 0
    while n < size:
        b = bodies[i % len(bodies)].strip() + "\n\n"
        f.write(b)
        n += len(b.encode())
        i += 1
PY
bins=(target/release/newslens)
[ -n "${BASE:-}" ] && bins+=("$BASE")
printf '%-22s %-10s %8s %9s\n' command binary seconds peak_MB
for cmd in segment entities keywords quotes summarize "analyze --format json"; do
    for b in "${bins[@]}"; do
        # shellcheck disable=SC2086
        /usr/bin/time -f '%e %M' -o "$W/time" "$b" $cmd "$file" >/dev/null
        read -r secs kb <"$W/time"
        name=$([ "$b" = target/release/newslens ] && echo this || echo base)
        printf '%-22s %-10s %8s %9d\n' "$cmd" "$name" "$secs" $((kb / 1024))
    done
done
