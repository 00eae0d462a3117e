#!/usr/bin/env python3
"""Helper of srx_export.sh: compares the segments of two segmenters line by line.

  srx_export_compare.py KNOWN MIN LABEL TEXT A B [LABEL TEXT A B]...

TEXT is the input (one paragraph a line); A is termin's built-in rules
(termin segment --format jsonl); B is either termin with the exported SRX
file (jsonl) or OmegaT (SrxPeer output: line number, a tab, segments joined
by U+001F). Segments are compared trimmed. KNOWN lists the lines on which
the two knowingly differ (the text of the line, a tab, why); such lines are
counted and reported, not failed.

Prints one line: the agreement per input and in total. Exits 1 when a line
differs that KNOWN does not list, or when the share of equal segments is
below MIN percent; the first differences follow the figure.
"""
import json
import sys
from collections import Counter, defaultdict


def read_segments(path):
    segs = defaultdict(list)
    with open(path, encoding="utf-8") as f:
        first = f.readline()
        f.seek(0)
        if first.startswith("{"):
            for line in f:
                o = json.loads(line)
                if o["text"].strip():
                    segs[o["line"]].append(o["text"].strip())
        else:
            for line in f:
                num, _, rest = line.rstrip("\n").partition("\t")
                segs[int(num)] = [s.strip() for s in rest.split("\x1f") if s.strip()]
    return segs


def read_known(path):
    known = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip() and not line.startswith("#"):
                text, _, why = line.rstrip("\n").partition("\t")
                known[text] = why
    return known


def main(argv):
    if len(argv) < 7 or (len(argv) - 3) % 4:
        sys.exit(__doc__)
    known = read_known(argv[1])
    minimum = float(argv[2])
    parts, diffs = [], []
    all_equal = all_total = all_known = 0
    for i in range(3, len(argv), 4):
        label, text, a_path, b_path = argv[i:i + 4]
        with open(text, encoding="utf-8") as f:
            lines = f.read().split("\n")
        a, b = read_segments(a_path), read_segments(b_path)
        equal = total = nknown = 0
        for num in sorted(set(a) | set(b)):
            x, y = a.get(num, []), b.get(num, [])
            equal += sum((Counter(x) & Counter(y)).values())
            total += max(len(x), len(y))
            if x != y:
                if lines[num - 1] in known:
                    nknown += 1
                else:
                    diffs.append((label, num, x, y))
        parts.append("%s %d/%d%s" % (label, equal, total, " (%d known)" % nknown if nknown else ""))
        all_equal += equal
        all_total += total
        all_known += nknown
    share = 100.0 * all_equal / max(all_total, 1)
    print("%d/%d segments equal (%.2f%%): %s; %d known difference%s" % (
        all_equal, all_total, share, ", ".join(parts), all_known, "" if all_known == 1 else "s"))
    for label, num, x, y in diffs[:int(__import__("os").environ.get("SHOW", "5"))]:
        print("  %s line %d: built-in %s | SRX %s" % (
            label, num, json.dumps(x, ensure_ascii=False)[:400], json.dumps(y, ensure_ascii=False)[:400]))
    return 1 if diffs or share < minimum or not all_total else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
