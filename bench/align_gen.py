#!/usr/bin/env python3
"""Generates a long EN/RU pair for `make bench` from aligned gold pairs.

  align_gen.py N OUTDIR GOLD.json...

Repeats the gold pairs until the English side has N sentences, perturbing
each copy so that no two are alike: numbers are shifted (the same way on
both sides), and about 2% of the sentences are dropped on one side or the
other, 2% merged, paragraphs re-broken. Writes OUTDIR/en.txt and ru.txt (one
paragraph a line, for `termin align`), en.seg and ru.seg (one sentence a
line, empty lines between paragraphs, for `termin align --segmented`) and
gold.json (the true pairs, for align_f1.py).
"""
import json
import os
import random
import re
import sys


def main():
    n_target = int(sys.argv[1])
    out = sys.argv[2]
    pairs = []
    for path in sys.argv[3:]:
        with open(path, encoding="utf-8") as f:
            for p in json.load(f)["pairs"]:
                if p["en"] and p["ru"]:
                    pairs.append((p["en"], p["ru"]))
    rng = random.Random(20240424)
    os.makedirs(out, exist_ok=True)
    gold, en_paras, ru_paras = [], [[]], [[]]
    n_en = 0
    copy = 0
    while n_en < n_target:
        copy += 1
        shift = copy * 7

        def renum(s):
            return re.sub(r"\d+", lambda m: str(int(m.group()) + shift), s)

        for en, ru in pairs:
            if n_en >= n_target:
                break
            en = [renum(s) for s in en]
            ru = [renum(s) for s in ru]
            x = rng.random()
            if x < 0.01:
                gold.append((en, []))
                ru = []
            elif x < 0.02:
                gold.append(([], ru))
                en = []
            elif x < 0.03 and len(ru) == 1:
                # the translator splits a sentence: English gets two halves
                words = en[0].split()
                if len(words) > 8:
                    h = len(words) // 2
                    en = [" ".join(words[:h]) + ".", words[h][0].upper() + " ".join(words[h:])[1:]]
                gold.append((en, ru))
            else:
                gold.append((en, ru))
            en_paras[-1].extend(en)
            ru_paras[-1].extend(ru)
            n_en += len(en)
            if rng.random() < 0.3:
                en_paras.append([])
                if rng.random() < 0.9:
                    ru_paras.append([])
    for side, paras in (("en", en_paras), ("ru", ru_paras)):
        paras = [p for p in paras if p]
        with open(os.path.join(out, side + ".txt"), "w", encoding="utf-8") as f:
            for p in paras:
                f.write(" ".join(p) + "\n")
        with open(os.path.join(out, side + ".seg"), "w", encoding="utf-8") as f:
            f.write("\n\n".join("\n".join(p) for p in paras) + "\n")
    with open(os.path.join(out, "gold.json"), "w", encoding="utf-8") as f:
        json.dump({"pairs": [{"en": e, "ru": r} for e, r in gold]}, f, ensure_ascii=False)
    print("%d English and %d Russian sentences, %d gold pairs" % (
        sum(len(e) for e, _ in gold), sum(len(r) for _, r in gold), len(gold)))


if __name__ == "__main__":
    main()
