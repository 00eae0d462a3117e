#!/usr/bin/env python3
"""Strict pair F1 of a `termin align --format jsonl` output against gold pairs.

  align_f1.py presegment GOLD.json EN.txt RU.txt OUTDIR
      Writes OUTDIR/en.seg and OUTDIR/ru.seg: the gold's own sentences, one a
      line, with an empty line wherever the original text starts a new
      paragraph (line), for `termin align --segmented`.
  align_f1.py score GOLD.json PRED.jsonl [--joined]
      Prints "f1 P R matched predicted gold".
  align_f1.py silent GOLD.json PRED.jsonl [--joined]
      Prints the number of accepted pairs (1-1, 2-1, ... with "accepted":
      true) that are not gold pairs: the errors that are not flagged for
      review.
  align_f1.py drop GOLD.json OUT.json SIDE FIRST N
      Writes a gold where the SIDE (en or ru) sentences of the N pairs from
      pair FIRST on (0-based; N may be "all") are gone: each such pair of
      the kept side becomes a 1-0 (or 0-1) pair of its own. With
      presegment, it makes texts with a block of sentences missing.

Strict pair matching: a predicted bead equals a gold pair when both sides'
sentence lists are equal after white-space normalisation (runs of white
space, NBSP included, become one space; ends stripped). Precision is over
all predicted beads (1-0 and 0-1 included), recall over all gold pairs.

--joined compares each side's sentences joined by one space instead of as
lists: used for end-to-end runs with termin's own segmenter, where a
sentence boundary the gold has inside a pair but our segmenter does not
(or the reverse) is not an alignment error. A gold sentence our segmenter
merges with a sentence of another gold pair still makes both pairs miss.
"""
import json
import os
import re
import sys


def norm(s):
    return re.sub(r"[\s\u00a0\u2000-\u200b\u202f\u205f\u3000]+", " ", s).strip()


def key(pair, joined):
    en, ru = pair
    if joined:
        return (norm(" ".join(en)), norm(" ".join(ru)))
    return (tuple(norm(s) for s in en), tuple(norm(s) for s in ru))


def load_gold(path):
    with open(path, encoding="utf-8") as f:
        g = json.load(f)
    return [(p["en"], p["ru"]) for p in g["pairs"]]


def presegment(gold, text_path, side):
    """Gold sentences of one side, each with the index of the line it is in."""
    sents = [s for p in gold for s in p[side]]
    with open(text_path, encoding="utf-8-sig") as f:
        lines = [norm(l) for l in f.read().replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    out, li, pos = [], 0, 0
    for s in sents:
        n = norm(s)
        k = li
        while k < len(lines):
            at = lines[k].find(n, pos if k == li else 0)
            if at >= 0:
                if k != li:
                    li = k
                pos = at + len(n)
                break
            k += 1
        else:
            sys.exit("align_f1.py: %s: gold sentence not found after line %d: %s" % (text_path, li + 1, s))
        out.append((li, n))
    return out


def write_seg(items, path):
    with open(path, "w", encoding="utf-8") as f:
        last = None
        for line, s in items:
            if last is not None and line != last:
                f.write("\n")
            f.write(s + "\n")
            last = line


def main():
    if len(sys.argv) >= 6 and sys.argv[1] == "presegment":
        gold = load_gold(sys.argv[2])
        os.makedirs(sys.argv[5], exist_ok=True)
        write_seg(presegment(gold, sys.argv[3], 0), os.path.join(sys.argv[5], "en.seg"))
        write_seg(presegment(gold, sys.argv[4], 1), os.path.join(sys.argv[5], "ru.seg"))
        return
    if len(sys.argv) >= 7 and sys.argv[1] == "drop":
        with open(sys.argv[2], encoding="utf-8") as f:
            g = json.load(f)
        side, first = sys.argv[4], int(sys.argv[5])
        other = "ru" if side == "en" else "en"
        last = len(g["pairs"]) if sys.argv[6] == "all" else first + int(sys.argv[6])
        pairs = []
        for k, p in enumerate(g["pairs"]):
            if first <= k < last:
                for s in p[other]:
                    pairs.append({side: [], other: [s]})
            else:
                pairs.append(p)
        g["pairs"] = pairs
        with open(sys.argv[3], "w", encoding="utf-8") as f:
            json.dump(g, f, ensure_ascii=False, indent=1)
        return
    if len(sys.argv) >= 4 and sys.argv[1] == "silent":
        joined = "--joined" in sys.argv[4:]
        gk = set(key(p, joined) for p in load_gold(sys.argv[2]))
        n = 0
        with open(sys.argv[3], encoding="utf-8") as f:
            for line in f:
                b = json.loads(line)
                if b["accepted"] and key((b["src"], b["tgt"]), joined) not in gk:
                    n += 1
        print(n)
        return
    if len(sys.argv) >= 4 and sys.argv[1] == "score":
        joined = "--joined" in sys.argv[4:]
        gold = load_gold(sys.argv[2])
        pred = []
        with open(sys.argv[3], encoding="utf-8") as f:
            for line in f:
                b = json.loads(line)
                pred.append((b["src"], b["tgt"]))
        gk = {}
        for p in gold:
            k = key(p, joined)
            gk[k] = gk.get(k, 0) + 1
        matched = 0
        for p in pred:
            k = key(p, joined)
            if gk.get(k, 0) > 0:
                gk[k] -= 1
                matched += 1
        P = matched / len(pred) if pred else 0.0
        R = matched / len(gold) if gold else 0.0
        F = 2 * P * R / (P + R) if P + R else 0.0
        print("%.4f %.4f %.4f %d %d %d" % (F, P, R, matched, len(pred), len(gold)))
        return
    sys.exit(__doc__)


if __name__ == "__main__":
    main()
