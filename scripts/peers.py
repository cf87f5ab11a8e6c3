"""Times Python jieba on the text the Rust benches use, for scripts/bench.sh.

The text is built as benches/common/mod.rs builds it: the files of corpus/<dir> in name order,
joined with newlines and repeated (each copy followed by a newline) to at least 1 MiB.
Reads the output of `cargo bench --bench ratio` on stdin and prints each Python figure with
newslens's ratio to it (segmentation to `lcut`, segmentation + keywords to `extract_tags`).
"""

import os
import re
import sys
import time

TARGET = 1 << 20
ROUNDS = 3


def corpus_text(root, lang):
    d = os.path.join(root, "corpus", lang)
    one = "\n".join(open(os.path.join(d, f), encoding="utf-8").read() for f in sorted(os.listdir(d)))
    out = []
    size = 0
    while size < TARGET:
        out.append(one + "\n")
        size += len((one + "\n").encode("utf-8"))
    return "".join(out)


def best(f):
    times = []
    for _ in range(ROUNDS):
        t = time.perf_counter()
        f()
        times.append(time.perf_counter() - t)
    return min(times)


def newslens_figures(ratio_output):
    """(figure, lang) -> MiB/s from the ratio bench's output."""
    ours, lang = {}, None
    for line in ratio_output.splitlines():
        m = re.match(r"(zh|en):", line)
        if m:
            lang = m.group(1)
        m = re.match(r"\s+(newslens segment|segment \+ keywords)\s+([\d.]+) MiB/s", line)
        if m and lang:
            ours[(m.group(1), lang)] = float(m.group(2))
    return ours


def show(name, mibs, mine):
    ratio = f"   newslens {mine / mibs:5.1f}x" if mine else ""
    print(f"  {name:<24} {mibs:8.2f} MiB/s{ratio}")


def main():
    root = sys.argv[1]
    ours = newslens_figures(sys.stdin.read())
    t = time.perf_counter()
    import jieba
    import jieba.analyse

    jieba.setLogLevel(60)
    jieba.initialize()
    print(f"  {'jieba load':<24} {(time.perf_counter() - t) * 1000:8.0f} ms")
    for lang in ("zh", "en"):
        text = corpus_text(root, lang)
        mib = len(text.encode("utf-8")) / (1 << 20)
        words = []
        secs = best(lambda: words.append(len(jieba.lcut(text))))
        assert words[-1] > 1000
        show(f"jieba lcut {lang}", mib / secs, ours.get(("newslens segment", lang)))
        articles = [a for a in text.split("\n\n") if a.strip()]
        secs = best(lambda: [jieba.analyse.extract_tags(a, topK=10) for a in articles])
        show(f"jieba extract_tags {lang}", mib / secs, ours.get(("segment + keywords", lang)))


if __name__ == "__main__":
    main()
