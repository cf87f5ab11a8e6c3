#!/usr/bin/env bash
# Prints newslens performance figures: stage throughput (criterion, next to raw jieba-rs `cut`),
# cold-start wall time of one-article commands, PKU word F1 when ../shared is present, and
# Python jieba (segmentation, keywords) on the same text when python3 and PyPI are at hand.
set -euo pipefail
cd "$(dirname "$0")/.."

cargo build --release --quiet
bin=target/release/newslens
article=corpus/zh/cloud-ai-earnings.txt

median_ms() { # command... → median wall time of 21 runs, in ms
  local times=()
  for _ in $(seq 21); do
    local t0 t1
    t0=$(date +%s%N); "$@" >/dev/null; t1=$(date +%s%N)
    times+=($(( (t1 - t0) / 1000000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | sed -n 11p
}

echo "== cold start (median of 21 runs, dictionary loading included)"
for cmd in entities segment keywords analyze; do
  set +e
  ms=$(median_ms "$bin" "$cmd" "$article")
  set -e
  printf '  newslens %-9s %s  %5s ms\n' "$cmd" "$article" "$ms"
done
if command -v /usr/bin/time >/dev/null; then
  rss=$(/usr/bin/time -f '%M' "$bin" analyze "$article" 2>&1 >/dev/null | tail -1)
  echo "  peak RSS of analyze: ${rss} KiB"
fi

if [ -d ../shared/data/sighan2005 ]; then
  echo "== PKU word F1"
  cargo test --release --quiet --test tests eval::pku -- --nocapture 2>/dev/null | grep -A3 'PKU word segmentation' | sed 's/^/  /'
else
  echo "== PKU word F1: skipped (../shared/data/sighan2005 not present)"
fi

echo "== head to head (interleaved, best of 15)"
ratio=$(cargo bench --bench ratio 2>/dev/null)
printf '%s\n' "$ratio" | sed 's/^/  /'

# Python jieba on the same text, in a throwaway virtualenv under target/ (skipped without
# python3 or when the package cannot be installed).
echo "== Python jieba, same text (best of 3)"
venv=target/bench-venv
if ! command -v python3 >/dev/null; then
  echo "  skipped: no python3"
elif { [ -x "$venv/bin/python" ] && "$venv/bin/python" -c 'import jieba' 2>/dev/null; } ||
  { python3 -m venv "$venv" && "$venv/bin/pip" install -q jieba; } >/dev/null 2>&1; then
  printf '%s\n' "$ratio" | "$venv/bin/python" scripts/peers.py .
else
  echo "  skipped: could not install jieba into $venv (no network to PyPI?)"
fi

echo "== stage throughput (criterion)"
cargo bench --bench pipeline -- --noplot 2>/dev/null | grep -E '^stages|thrpt' | sed 's/^/  /'
