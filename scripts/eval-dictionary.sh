#!/usr/bin/env bash
# Entity dictionary quality on real news, by scripts/eval-dictionary.py (standard-library Python):
#
#   false-hit audit of short or ambiguous aliases (at most 2 Han characters, Latin with at most
#   4 letters, common English words): the most frequent ones with contexts, on
#   chinanews_2449 (Chinese) and reuters21578 (English)
#   recall of curated tech company/product names on BosonNLP NER (company_name/product_name marks)
#
# Needs ../shared (evaluation data, never committed) and python3; writes only under
# target/eval-dictionary. Extra arguments go to every `newslens entities` run
# (e.g. --dict DIR).  Usage: scripts/eval-dictionary.sh [--dict DIR ...]
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=${SHARED:-../shared}
if [[ ! -d $SHARED/data ]]; then
    echo "eval-dictionary: skipped: $SHARED/data is not present (evaluation data lives outside the repository)"
    exit 0
fi
command -v python3 >/dev/null || { echo "eval-dictionary: skipped: python3 not found"; exit 0; }
cargo build --release --quiet --bin newslens
SHARED=$SHARED exec python3 scripts/eval-dictionary.py --bin target/release/newslens -- "$@"
