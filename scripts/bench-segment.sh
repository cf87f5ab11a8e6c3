#!/usr/bin/env bash
# `newslens segment FILE` next to raw jieba-rs `cut` over the same file (examples/cut_file.rs,
# one core), run interleaved: wall time (best and median of ROUNDS), peak RSS, and the ratio
# jieba time / newslens time for newslens on one thread and on two (NEWSLENS_THREADS).
#
# Usage: scripts/bench-segment.sh FILE [ROUNDS]      (default 7 rounds)
#        BASE=path/to/other/newslens scripts/bench-segment.sh FILE   (adds that binary's rows)
# Targets (issue 27): one thread >= 0.85x, two threads >= 1.6x, peak RSS <= 150 MB.
set -euo pipefail
cd "$(dirname "$0")/.."
file=${1:?usage: scripts/bench-segment.sh FILE [ROUNDS]}
rounds=${2:-7}
target=${CARGO_TARGET_DIR:-target}
cargo build --release --quiet --bin newslens --example cut_file
bin=$target/release/newslens
cut=$target/release/examples/cut_file
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# run NAME command...: one timed run, wall ms appended to $tmp/NAME.ms, peak KiB to NAME.kb
run() {
  local name=$1
  shift
  local t0 t1
  t0=$(date +%s%N)
  /usr/bin/time -f '%M' -o "$tmp/rss" "$@" >/dev/null
  t1=$(date +%s%N)
  echo $(((t1 - t0) / 1000000)) >>"$tmp/$name.ms"
  cat "$tmp/rss" >>"$tmp/$name.kb"
}

names=(jieba newslens-1 newslens-2)
[ -n "${BASE:-}" ] && names+=(base-1 base-2)
for _ in $(seq "$rounds"); do
  run jieba "$cut" "$file"
  NEWSLENS_THREADS=1 run newslens-1 "$bin" segment "$file"
  NEWSLENS_THREADS=2 run newslens-2 "$bin" segment "$file"
  if [ -n "${BASE:-}" ]; then
    NEWSLENS_THREADS=1 run base-1 "$BASE" segment "$file"
    NEWSLENS_THREADS=2 run base-2 "$BASE" segment "$file"
  fi
done

best() { sort -n "$tmp/$1.ms" | head -1; }
median() { sort -n "$tmp/$1.ms" | sed -n "$(((rounds + 1) / 2))p"; }
jb=$(best jieba)
jm=$(median jieba)
echo "segment $file ($(du -h "$file" | cut -f1)), $rounds interleaved rounds"
printf '  %-11s %8s %8s %12s %12s %9s\n' run best_ms median_ms ratio_best ratio_median peak_MB
for n in "${names[@]}"; do
  b=$(best "$n")
  m=$(median "$n")
  rss=$(sort -n "$tmp/$n.kb" | tail -1)
  printf '  %-11s %8d %8d %11.2fx %11.2fx %9d\n' "$n" "$b" "$m" \
    "$(echo "$jb / $b" | bc -l)" "$(echo "$jm / $m" | bc -l)" $((rss / 1024))
done
