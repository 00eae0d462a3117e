#!/usr/bin/python3
"""Writes a realistic EN-RU TMX 1.4b file of N units for the check bench.

    gen_check.py N OUT.tmx PAIRS...

PAIRS are real sentence pairs: .jsonl files with "en" and "ru" keys (the
clean translations of ../shared/dev/clean) or TSV files "en<TAB>ru[<TAB>
confidence]" (what `termin align -f tsv` writes; pairs below 0.9 and a
header line "en ru" are skipped). The generator never invents words: each
unit is one to three real pairs joined (source with source, translation
with translation), with every number replaced consistently on both sides
(the same number gets the same new value in English and Russian, days stay
days and years stay years), so units are distinct but still correct
translations. Then about 3 % of the units get one injected error of a
kind translators make: a number changed in the translation, a doubled
space, a repeated word, two letters swapped in a word, the final full stop
lost, an empty translation, the source copied, a glossary term replaced,
or a source translated differently a second time. The counts of injected
errors are printed on standard error.
"""
import csv
import json
import random
import re
import sys

n = int(sys.argv[1])
out_path = sys.argv[2]
rnd = random.Random(20240424)

pairs = []
for path in sys.argv[3:]:
    if path.endswith(".jsonl"):
        with open(path, encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    o = json.loads(line)
                    pairs.append((o["en"], o["ru"]))
    else:
        with open(path, encoding="utf-8", newline="") as f:
            for row in csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
                if len(row) < 2 or (row[0], row[1]) == ("en", "ru"):
                    continue
                if len(row) >= 3:
                    try:
                        if float(row[2]) < 0.9:
                            continue
                    except ValueError:
                        pass
                pairs.append((row[0], row[1]))
pairs = [(e.strip(), r.strip()) for e, r in pairs if e.strip() and r.strip()]
pairs = sorted(set(pairs))
if len(pairs) < 20:
    sys.exit("gen_check.py: only %d sentence pairs in %s" % (len(pairs), " ".join(sys.argv[3:])))

NUM = re.compile(r"\d+")


def remap(en, ru):
    """Replaces every digit run by a new value of the same kind, the same
    on both sides."""
    table = {}

    def new(m):
        s = m.group(0)
        if s not in table:
            v = int(s)
            if len(s) == 4 and 1900 <= v <= 2099:
                t = str(rnd.randint(1995, 2030))
            elif len(s) == 2 and s[0] == "0":
                t = "%02d" % rnd.randint(1, 9)
            elif len(s) <= 2 and 1 <= v <= 31:
                t = str(rnd.randint(1, 28))
            elif s[0] == "0":
                t = s
            else:
                t = str(rnd.randint(10 ** (len(s) - 1), 10 ** len(s) - 1))
            table[s] = t
        return table[s]

    return NUM.sub(new, en), NUM.sub(new, ru)


def make_unit():
    k = rnd.choices((1, 2, 3), weights=(60, 30, 10))[0]
    chosen = [rnd.choice(pairs) for _ in range(k)]
    en = " ".join(p[0] for p in chosen)
    ru = " ".join(p[1] for p in chosen)
    return remap(en, ru)


WORD = re.compile(r"\w{6,}")
TERMS = (("Генеральный секретарь", "Главный секретарь"),
         ("Совета министров иностранных дел", "Совета глав МИД"),
         ("Объединённого штаба", "Общего штаба"),
         ("государств – членов", "стран-участниц"))


def inject(kind, en, ru, units):
    """Returns (en, ru) with one error of `kind`, or None when the unit
    has no place for it."""
    if kind == "number-mismatch":
        m = list(NUM.finditer(ru))
        if not m:
            return None
        m = rnd.choice(m)
        v = m.group(0)
        w = str(int(v) + rnd.randint(1, 9)).zfill(len(v))
        return en, ru[:m.start()] + w + ru[m.end():]
    if kind == "double-space":
        sp = [i for i, c in enumerate(ru) if c == " "]
        if not sp:
            return None
        i = rnd.choice(sp)
        return en, ru[:i] + " " + ru[i:]
    if kind == "repeated-word":
        m = list(WORD.finditer(ru))
        if not m:
            return None
        m = rnd.choice(m)
        return en, ru[:m.end()] + " " + m.group(0) + ru[m.end():]
    if kind == "spelling":
        side = rnd.choice((0, 1))
        text = (en, ru)[side]
        m = [x for x in WORD.finditer(text) if x.group(0).islower() and x.group(0).isalpha()]
        if not m:
            return None
        m = rnd.choice(m)
        w = m.group(0)
        i = rnd.randint(1, len(w) - 3)
        if w[i] == w[i + 1]:
            return None
        w = w[:i] + w[i + 1] + w[i] + w[i + 2:]
        text = text[:m.start()] + w + text[m.end():]
        return (text, ru) if side == 0 else (en, text)
    if kind == "end-punctuation":
        if not ru.endswith("."):
            return None
        return en, ru[:-1]
    if kind == "untranslated":
        return en, ""
    if kind == "same-as-source":
        return en, en
    if kind == "term-missing":
        for good, bad in TERMS:
            if good in ru:
                return en, ru.replace(good, bad, 1)
        return None
    if kind == "inconsistent-target":
        if not units:
            return None
        pen, pru = rnd.choice(units[-1000:])
        if not pru.endswith("."):
            return None
        # the same source again, its translation reworded
        m = list(WORD.finditer(pru))
        if len(m) < 2:
            return None
        a, b = m[0], m[-1]
        return pen, pru[:a.start()] + b.group(0) + pru[a.end():b.start()] + a.group(0) + pru[b.end():]
    raise ValueError(kind)


KINDS = ("number-mismatch", "double-space", "repeated-word", "spelling", "end-punctuation",
         "untranslated", "same-as-source", "term-missing", "inconsistent-target")
RATE = 0.03

units = []
seen = set()
injected = dict.fromkeys(KINDS, 0)
tries = 0
while len(units) < n:
    tries += 1
    if tries > 50 * n:
        sys.exit("gen_check.py: cannot make %d distinct units from %d pairs" % (n, len(pairs)))
    en, ru = make_unit()
    if en in seen:
        continue
    if rnd.random() < RATE:
        kind = rnd.choice(KINDS)
        bad = inject(kind, en, ru, units)
        if bad is None:
            continue
        en, ru = bad
        if kind != "inconsistent-target" and en in seen:
            continue
        injected[kind] += 1
    seen.add(en)
    units.append((en, ru))


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


with open(out_path, "w", encoding="utf-8") as out:
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n'
              '<header creationtool="gen_check" creationtoolversion="1" segtype="sentence" '
              'o-tmf="gen" adminlang="en" srclang="en" datatype="plaintext" '
              'creationdate="20250101T000000Z"/>\n<body>\n')
    for i, (en, ru) in enumerate(units):
        out.write('<tu tuid="%d">\n<tuv xml:lang="en"><seg>%s</seg></tuv>\n'
                  '<tuv xml:lang="ru"><seg>%s</seg></tuv>\n</tu>\n' % (i + 1, esc(en), esc(ru)))
    out.write("</body>\n</tmx>\n")
sys.stderr.write("gen_check.py: %d units from %d real sentence pairs, %d with an injected error (%s)\n"
                 % (n, len(pairs), sum(injected.values()),
                    ", ".join("%s %d" % kv for kv in injected.items())))
