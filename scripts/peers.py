"""Times Python jieba on the text the Rust benches use, for scripts/bench.sh.

The text is built as benches/common/mod.rs builds it: the files of corpus/<dir> in name order,
joined with newlines and repeated (each copy followed by a newline) to at least 1 MiB.
Prints one line per figure: `name<TAB>value<TAB>unit`.
"""

import os
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


def main():
    root = sys.argv[1]
    t = time.perf_counter()
    import jieba
    import jieba.analyse

    jieba.setLogLevel(60)
    jieba.initialize()
    print(f"jieba load\t{(time.perf_counter() - t) * 1000:.0f}\tms")
    for lang in ("zh", "en"):
        text = corpus_text(root, lang)
        mib = len(text.encode("utf-8")) / (1 << 20)
        words = []
        secs = best(lambda: words.append(len(jieba.lcut(text))))
        assert words[-1] > 1000
        print(f"jieba lcut {lang}\t{mib / secs:.2f}\tMiB/s")
        articles = [a for a in text.split("\n\n") if a.strip()]
        secs = best(lambda: [jieba.analyse.extract_tags(a, topK=10) for a in articles])
        print(f"jieba extract_tags {lang}\t{mib / secs:.2f}\tMiB/s")


if __name__ == "__main__":
    main()
