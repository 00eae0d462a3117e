#!/usr/bin/env python3
"""Helpers of srx_omegat.sh (termin's SRX engine against OmegaT).

  srx_compare.py golden JSONL OUT          golden-rule texts, one per line
  srx_compare.py gen-rules SRX DIR         DIR/rules-LANG.txt for every language
  srx_compare.py compare KNOWN OURS PEER TEXT
        OURS: termin segment --format jsonl; PEER: SrxPeer output; TEXT: the
        input; KNOWN: srx_omegat.known. Prints the agreement figure and the
        first differences; exits 1 when a line differs that KNOWN does not list.
  srx_compare.py compare-many KNOWN LABEL OURS PEER TEXT [LABEL OURS PEER TEXT]...
        the same for several inputs, summed up on one line.
"""
import json
import re
import sys
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict

NS = "{http://www.lisa.org/srx20}"


def golden(src, dst):
    with open(src, encoding="utf-8") as f, open(dst, "w", encoding="utf-8") as o:
        for line in f:
            if line.strip():
                o.write(" ".join(json.loads(line)["text"].split()) + "\n")


def gen_rules(srx, outdir):
    """For each language of the file and each rule whose beforebreak is a
    plain abbreviation (letters, dots, \\b, \\s, (?i)), two lines: the
    abbreviation followed by a lower-case and by an upper-case word; again in
    upper case when the rule ignores case."""
    root = ET.parse(srx).getroot()
    codes = {}
    for m in root.iter(NS + "languagemap"):
        pat = m.get("languagepattern")
        if re.fullmatch(r"[A-Za-z]{2}\.\*", pat):
            codes[m.get("languagerulename")] = pat[:2].lower()
    for lr in root.iter(NS + "languagerule"):
        code = codes.get(lr.get("languagerulename"))
        if not code:
            continue
        out = []
        for r in lr.findall(NS + "rule"):
            b = r.find(NS + "beforebreak")
            if b is None or not b.text:
                continue
            ci = "(?i)" in b.text
            lit = (b.text.replace("(?i)", "").replace("\\b", "").replace("\\s", " ")
                   .replace("\\.", ".").strip())
            if not lit or re.search(r"[][(){}*+?|^$\\]", lit):
                continue
            for v in [lit] + ([lit.upper()] if ci else []):
                out.append("Word %s %s word. End." % (v, ("next", "Next")[len(out) % 2]))
        if not out:
            continue
        with open("%s/rules-%s.txt" % (outdir, code), "w", encoding="utf-8") as f:
            f.write("\n".join(out) + "\n")


def read_known(known_path):
    known = {}
    with open(known_path, encoding="utf-8") as f:
        for line in f:
            if line.strip() and not line.startswith("#"):
                text, _, why = line.rstrip("\n").partition("\t")
                known[text] = why
    return known


def agreement(known, ours_path, peer_path, text_path):
    """Returns (equal, total, same_lines, lines, known_seen, diffs)."""
    with open(text_path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    # both sides trimmed: OmegaT keeps no-break spaces at the ends
    ours = defaultdict(list)
    with open(ours_path, encoding="utf-8") as f:
        for line in f:
            o = json.loads(line)
            if o["text"].strip():
                ours[o["line"]].append(o["text"].strip())
    peer = {}
    with open(peer_path, encoding="utf-8") as f:
        for line in f:
            num, _, segs = line.rstrip("\n").partition("\t")
            peer[int(num)] = [s.strip() for s in segs.split("\x1f") if s.strip()]
    equal = total = same_lines = 0
    diffs, known_seen = [], []
    nums = sorted(set(ours) | set(peer))
    for num in nums:
        a, b = ours.get(num, []), peer.get(num, [])
        equal += sum((Counter(a) & Counter(b)).values())
        total += max(len(a), len(b))
        if a == b:
            same_lines += 1
        elif lines[num - 1] in known:
            known_seen.append(num)
        else:
            diffs.append((num, a, b))
    return equal, total, same_lines, len(nums), known_seen, diffs


def figure_of(equal, total, same_lines, nlines, known_seen):
    figure = "%d/%d segments equal (%.2f%%), %d/%d lines" % (
        equal, total, 100.0 * equal / max(total, 1), same_lines, nlines)
    if known_seen:
        figure += "; %d known OmegaT difference%s (line %s, see srx_omegat.known)" % (
            len(known_seen), "s" if len(known_seen) > 1 else "", ", ".join(map(str, known_seen)))
    return figure


def show(diffs):
    for num, a, b in diffs[:3]:
        print("  line %d: termin %s | OmegaT %s" % (
            num, json.dumps(a, ensure_ascii=False)[:300], json.dumps(b, ensure_ascii=False)[:300]))


def compare(known_path, ours_path, peer_path, text_path):
    equal, total, same, nlines, known_seen, diffs = agreement(
        read_known(known_path), ours_path, peer_path, text_path)
    print(figure_of(equal, total, same, nlines, known_seen))
    show(diffs)
    return 1 if diffs or not total else 0


def compare_many(known_path, groups):
    known = read_known(known_path)
    parts, bad = [], None
    for label, ours_path, peer_path, text_path in groups:
        equal, total, same, nlines, known_seen, diffs = agreement(known, ours_path, peer_path, text_path)
        parts.append("%s %d/%d%s" % (label, equal, total,
                                     " (%d known)" % len(known_seen) if known_seen else ""))
        if (diffs or not total) and bad is None:
            bad = (label, figure_of(equal, total, same, nlines, known_seen), diffs)
    if bad:
        print("%s: %s" % bad[:2])
        show(bad[2])
        return 1
    print("segments equal: " + ", ".join(parts))
    return 0


if __name__ == "__main__":
    cmd = sys.argv[1] if len(sys.argv) > 1 else ""
    if cmd == "golden" and len(sys.argv) == 4:
        golden(sys.argv[2], sys.argv[3])
    elif cmd == "gen-rules" and len(sys.argv) == 4:
        gen_rules(sys.argv[2], sys.argv[3])
    elif cmd == "compare" and len(sys.argv) == 6:
        sys.exit(compare(*sys.argv[2:6]))
    elif cmd == "compare-many" and len(sys.argv) > 3 and (len(sys.argv) - 3) % 4 == 0:
        a = sys.argv[3:]
        sys.exit(compare_many(sys.argv[2], [a[i:i + 4] for i in range(0, len(a), 4)]))
    else:
        sys.exit(__doc__)
