#!/usr/bin/python3
"""Writes a synthetic EN-RU translation memory and a query file for the
fuzzy-match bench, from the English corpus:

    gen_fuzzy.py CORPUS_DIR UNITS OUT.tmx QUERIES OUT.queries

Units are realistic news sentences: corpus sentences changed by a few word
substitutions, insertions and deletions (words drawn from the corpus
vocabulary), new numbers and dates, or two sentences spliced, so that the
TM holds families of similar sentences as a real one does. The "Russian"
side maps each English word to a word of a fixed Russian list. Queries are
corpus sentences and variants of stored units (1 to 5 edits), and one in
ten a new recombination."""
import glob
import zlib
import random
import re
import sys

corpus_dir, n_units, out_tmx, n_queries, out_q = sys.argv[1:6]
n_units = int(n_units)
n_queries = int(n_queries)
rnd = random.Random(7)

text = ""
for p in sorted(glob.glob(corpus_dir + "/*.txt")):
    text += open(p, encoding="utf-8", errors="replace").read() + "\n"
sents = []
for line in text.split("\n"):
    for s in re.split(r"(?<=[.!?])\s+(?=[A-Z\"«])", line.strip()):
        w = s.split()
        if 5 <= len(w) <= 60:
            sents.append(w)
vocab = sorted({w.strip('.,;:!?"()«»') for s in sents for w in s} - {""})
RU = ("организация договор коллективной безопасности государства члены совет министров "
      "иностранных дел генеральный секретарь провёл рабочую встречу с делегацией учения силы "
      "оперативного реагирования объединённый штаб граница сотрудничество миротворческие "
      "подготовка согласовали обсудили план укрепления внешних границ в минске москве алматы "
      "бишкеке душанбе ереване заседание повестка вопросы доклад").split()


def ru_of(words):
    return " ".join(RU[zlib.crc32(w.lower().encode()) % len(RU)] if not w[:1].isdigit() else w for w in words)


def vary(words, edits):
    w = list(words)
    for _ in range(edits):
        op = rnd.random()
        if op < 0.15 and any(x[:1].isdigit() for x in w):
            i = rnd.choice([k for k, x in enumerate(w) if x[:1].isdigit()])
            w[i] = str(rnd.randint(1, 2030))
        elif op < 0.6 and w:
            w[rnd.randrange(len(w))] = rnd.choice(vocab)
        elif op < 0.8 and len(w) > 4:
            del w[rnd.randrange(len(w))]
        else:
            w.insert(rnd.randrange(len(w) + 1), rnd.choice(vocab))
    return w


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def make():
    r = rnd.random()
    if r < 0.15:
        a, b = rnd.choice(sents), rnd.choice(sents)
        w = a[: max(2, len(a) // 2)] + b[len(b) // 2:]
    else:
        w = rnd.choice(sents)
    w = vary(w, rnd.randint(1, 6))
    if w and rnd.random() < 0.3:
        w.insert(rnd.randrange(len(w) + 1), str(rnd.randint(1, 9999)))
    return w


units = []
with open(out_tmx, "w", encoding="utf-8") as out:
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n'
              '<header creationtool="gen_fuzzy" creationtoolversion="1" segtype="sentence" '
              'o-tmf="gen" adminlang="en" srclang="en" datatype="plaintext"/>\n<body>\n')
    for i in range(n_units):
        w = make()
        if i < 2000:
            units.append(w)
        elif rnd.random() < 2000.0 / n_units:
            units[rnd.randrange(2000)] = w
        out.write('<tu><tuv xml:lang="en"><seg>%s</seg></tuv><tuv xml:lang="ru"><seg>%s</seg>'
                  '</tuv></tu>\n' % (esc(" ".join(w)), esc(ru_of(w))))
    out.write("</body>\n</tmx>\n")
with open(out_q, "w", encoding="utf-8") as q:
    for i in range(n_queries):
        r = i % 10
        if r == 9:
            w = make()
        elif r < 3:
            w = rnd.choice(sents)
        else:
            w = vary(rnd.choice(units), rnd.randint(1, 5))
        q.write(" ".join(w) + "\n")
