#!/usr/bin/env python3
"""Counts speakers of `newslens quotes` over the 2,449 chinanews articles of ../shared that are
not noun phrases: ending in a position word, an adverb or a speech verb, a bare quantifier,
demonstrative or pronoun, digits glued on, punctuation inside. Personal names that happen to end
in such a character (`吕进中`, `阿兰·梅里尔`, `郭均`) are not counted. Exits 1 when any is found.

    scripts/check-speakers.py [path/to/newslens] [-v]
"""
import json, os, re, subprocess, sys, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, '..', 'shared', 'data', 'chinanews_2449.jsonl')
args = [a for a in sys.argv[1:] if a != '-v']
BIN = args[0] if args else os.path.join(ROOT, 'target', 'release', 'newslens')
if not os.path.exists(DATA):
    sys.exit(f'skipping: {DATA} is not present')

SURNAMES = set("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝萧慕")

def personal(s):
    """A dotted foreign name, or a surname and one or two characters (the tail of a phrase)."""
    if '·' in s:
        return True
    return any(len(s[i:]) in (2, 3) and s[i] in SURNAMES for i in range(max(0, len(s) - 3), len(s) - 1))

RULES = {
    'position word': (re.compile(r'[上下中里内外前后间]$'), True),
    'adverb': (re.compile(r'(也|都|还|就|又|曾|则|更|再|均|亦|仍|已|便|即|如是|一边)$'), True),
    'speech verb': (re.compile(r'(说|表示|称|指出|认为|介绍|透露|强调|告诉|坦言|直言|提到|写道|回忆|感慨|笑着)$'), False),
    'bare quantifier, demonstrative or pronoun': (re.compile(r'^(这|那|该|此|其|一位|一名|一些|多名|多位|有的|他们|她们|我|我们|你)$'), False),
    'digits glued': (re.compile(r'^[0-9０-９]|[0-9０-９]$'), False),
    'punctuation inside': (re.compile(r'[，。、；：“”"（）()《》！？]'), False),
}

with tempfile.NamedTemporaryFile('w', suffix='.jsonl', delete=False) as f:
    for line in open(DATA, encoding='utf-8'):
        r = json.loads(line)
        f.write(json.dumps({'id': str(r['id']), 'title': r['title'], 'body': r['body']}, ensure_ascii=False) + '\n')
    path = f.name
out = subprocess.run([BIN, 'quotes', '--format', 'json', path], capture_output=True, text=True).stdout
os.unlink(path)
total = named = 0
bad = {k: [] for k in RULES}
for line in out.splitlines():
    d = json.loads(line)
    for q in d['quotes']:
        total += 1
        s = q['speaker'].strip()
        if not s:
            continue
        named += 1
        for k, (rule, names_exempt) in RULES.items():
            if rule.search(s) and not (names_exempt and personal(s)):
                bad[k].append((d['id'], s, q['text'][:24]))
print(f'{total} quotations over the chinanews articles, {named} with a speaker')
found = 0
for k, v in bad.items():
    print(f'  {k}: {len(v)}')
    found += len(v)
    if '-v' in sys.argv:
        for x in v:
            print('     ', *x)
sys.exit(1 if found else 0)
