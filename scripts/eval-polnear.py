#!/usr/bin/env python3
"""Scores `newslens quotes --indirect` against PolNeAR (../shared/data/polnear_quotes_dev.jsonl:
924 US political news articles with 22,024 attributions: source, cue and content offsets).

- direct: the gold attributions whose content is wholly inside quotation marks. A quotation
  newslens reports matches the first unused gold one covering more than half of it.
- other: every other gold attribution (paraphrase, partial quotes, beliefs), scored against the
  `indirect` speech newslens reports.
- speaker accuracy counts only gold sources that name someone (pronoun sources are counted
  apart). PolNeAR's source is the surface mention, often an apposition (`his wife, Gabriela
  Lazar,`) or a name with a description (`Meenakshi Ganguly of Human Rights Watch`): a speaker is
  right when it equals, or is the end of, the mention or one part of its apposition; an epithet
  that newslens resolves to the name (`the president` -> Barack Obama) counts wrong, since the
  gold keeps `the president`.
- also printed: the share of direct quotations reported that lie inside some gold attribution
  (PolNeAR marks direct quotations only when the whole content is quoted).

    scripts/eval-polnear.py [path/to/newslens] [-v]   (-v lists speaker errors)
"""
import json, os, re, subprocess, sys, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, '..', 'shared', 'data', 'polnear_quotes_dev.jsonl')
args = [a for a in sys.argv[1:] if a != '-v']
BIN = args[0] if args else os.path.join(ROOT, 'target', 'release', 'newslens')
if not os.path.exists(DATA):
    sys.exit(f'skipping: {DATA} is not present')

arts = [json.loads(l) for l in open(DATA, encoding='utf-8')]
with tempfile.NamedTemporaryFile('w', suffix='.jsonl', delete=False, encoding='utf-8') as f:
    for a in arts:
        f.write(json.dumps({'id': a['id'], 'title': a['title'], 'body': a['text']}) + '\n')
    path = f.name
out = subprocess.run([BIN, 'quotes', '--indirect', '--format', 'json', path],
                     capture_output=True, text=True, check=False).stdout
os.unlink(path)
got = {}
for line in out.splitlines():
    d = json.loads(line)
    got[d['id']] = d

HONORIFICS = ('mr. ', 'ms. ', 'mrs. ', 'dr. ', 'sen. ', 'rep. ', 'gov. ', 'president ')
PRONOUNS = {'he', 'she', 'they', 'him', 'her', 'it', 'i', 'we', 'his', 'them', 'you'}


def norm(s):
    s = s.strip().strip(',').strip().lower()
    for p in HONORIFICS:
        if s.startswith(p):
            s = s[len(p):]
    return s


def same(found, gold):
    f = norm(found)
    if not f:
        return False
    gold = gold.split(' (')[0]
    parts = [gold] + re.split(r',\s*', gold)
    parts += [re.split(r' (?:of|at|from|with) ', p)[0] for p in parts]
    for g in map(norm, parts):
        if g and (f == g or g.endswith(' ' + f) or f.endswith(' ' + g) or g.endswith(f) or f.endswith(g)):
            return True
    return False


stats = {'direct': [0, 0, 0, 0, 0, 0], 'other': [0, 0, 0, 0, 0, 0]}  # gold found matched speaker pron pron-given
bad, inside = [], 0
for a in arts:
    text = a['text']
    d = got.get(a['id'])
    if not d:
        continue
    body = text.strip()
    lead = text.find(body)
    enc = body.encode()

    def c(b):
        return lead + len(enc[:b].decode('utf-8', errors='ignore'))

    ours_direct = [(c(q['start']), c(q['end']), q['speaker']) for q in d['quotes']]
    ours_other = [(c(q['start']), c(q['end']), q['speaker']) for q in d.get('indirect', [])]
    gold_direct = [q for q in a['quotes'] if q['direct']]
    gold_other = [q for q in a['quotes'] if not q['direct']]
    for kind, gold, ours in (('direct', gold_direct, ours_direct), ('other', gold_other, ours_other)):
        s = stats[kind]
        s[0] += len(gold)
        s[1] += len(ours)
        used = set()
        for (start, end, speaker) in ours:
            if kind == 'direct' and any(min(end, g['end']) - max(start, g['start']) > 0.5 * (end - start)
                                        for g in a['quotes']):
                inside += 1
            best = next((i for i, g in enumerate(gold) if i not in used
                         and min(end, g['end']) - max(start, g['start']) > 0.5 * (end - start)), None)
            if best is None:
                continue
            used.add(best)
            s[2] += 1
            gold_speaker = gold[best]['speaker'] or ''
            if norm(gold_speaker) in PRONOUNS:
                s[4] += 1
                s[5] += bool(speaker)
            elif same(speaker, gold_speaker):
                s[3] += 1
            elif kind == 'direct':
                bad.append((a['id'], text[start:end][:40], speaker, gold_speaker))

for kind, (g, f, m, sp, pr, prs) in stats.items():
    print(f'{kind}: {g} gold, {f} found, {m} matched: precision {m / max(f, 1):.3f} recall {m / max(g, 1):.3f} '
          f'speaker accuracy {sp / max(m - pr, 1):.3f} (of {m - pr} with a named gold source; '
          f'{pr} gold pronouns, {prs} of them given a speaker)')
print(f'direct quotations reported inside some gold attribution: {inside} of {stats["direct"][1]} '
      f'= {inside / max(stats["direct"][1], 1):.3f}')
if '-v' in sys.argv:
    for b in bad:
        print(*b, sep=' | ')
