#!/usr/bin/env python3
"""Writes N articles replicated from the real corpora (chinanews, Reuters) with distinct ids to
OUT (JSONL: id, title, body, date, source), for scale benchmarks. Usage:
replicate-corpora.py SHARED_DIR OUT N"""
import json
import sys

shared, out, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
rows = []
for name in ("chinanews_2449", "reuters21578"):
    for line in open(f"{shared}/data/{name}.jsonl", encoding="utf-8"):
        r = json.loads(line)
        rows.append({"title": r.get("title", ""), "body": r.get("body", ""),
                     "date": r.get("datetime") or r.get("date", ""), "source": name})
with open(out, "w", encoding="utf-8") as f:
    for i in range(n):
        r = dict(rows[i % len(rows)])
        r["id"] = f"a{i}"
        f.write(json.dumps(r, ensure_ascii=False) + "\n")
