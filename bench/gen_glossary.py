#!/usr/bin/env python3
"""gen_glossary.py - a synthetic glossary of N entries for bench-glossary.sh.

    python3 bench/gen_glossary.py N CORPUS_FILE... > big.tsv

OmegaT TSV (term, translation, comment), deterministic (fixed seed). The
English terms are built from the corpus's own words so that the matcher
really works on them: every entry combines two to four corpus words at
random, so a trie walk starts at almost every token of the text and often
goes on to a second word, but whole terms rarely match and the number of
hits (and of output lines) stays close to that of the shipped glossary:
the figure measures the glossary's size, not more output. One entry in
five hundred is a real phrase of the corpus (three or four consecutive
words), so some do match. Russian translations are random Cyrillic words, one to four
of them.
"""
import random
import re
import sys


def main():
    n = int(sys.argv[1])
    rnd = random.Random(20240501)
    words = []
    for path in sys.argv[2:]:
        with open(path, encoding="utf-8") as f:
            words += re.findall(r"[A-Za-z][A-Za-z'-]*", f.read())
    vocab = sorted(set(words))
    cyr = "абвгдежзийклмнопрстуфхцчшщыэюя"
    seen = set()
    out = sys.stdout
    out.write("# synthetic glossary for bench/bench-glossary.sh\n")
    while len(seen) < n:
        if rnd.random() < 0.002:
            k = rnd.randint(3, 4)
            i = rnd.randrange(len(words) - k)
            en = " ".join(words[i:i + k])
        else:
            en = " ".join(rnd.choice(vocab) for _ in range(rnd.randint(2, 4)))
        key = en.lower()
        if key in seen:
            continue
        seen.add(key)
        ru = " ".join("".join(rnd.choice(cyr) for _ in range(rnd.randint(3, 10)))
                      for _ in range(rnd.randint(1, 4)))
        out.write("%s\t%s\tsynthetic %d\n" % (en, ru, len(seen)))


if __name__ == "__main__":
    main()
