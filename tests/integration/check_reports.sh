#!/usr/bin/env bash
# termin check reports read by real parsers: JSON by Python's json module
# (every documented field, types), JUnit by Python's xml.etree (a real XML
# parser) and xmllint, and the HTML page rendered by headless Chromium into
# a screenshot whose pixels show the highlight colour.
set -u
cd "$(dirname "$0")/../.." || exit 2
: "${TERMIN:=build/termin}"
: "${TERMIN_WRAP:=}"
T=$(mktemp -d /tmp/termin-check-XXXXXX)
trap 'rm -rf "$T"' EXIT
ex="examples/check-en-ru.tmx examples/check-en-ru.tsv"

$TERMIN_WRAP "$TERMIN" check --format json -o "$T/r.json" $ex 2>/dev/null
if [ $? -ne 1 ]; then
	echo "FAIL - check json: expected exit 1 (findings)"
elif out=$(python3 - "$T/r.json" <<'PY' 2>&1
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
assert set(d) == {"findings", "summary"}, d.keys()
fields = {"check": str, "severity": str, "tuid": (str, type(None)), "tuids": list, "file": str, "line": int,
          "source": str, "target": (str, type(None)), "match": str, "message": str, "suggestion": (str, type(None))}
assert d["findings"], "no findings"
for f in d["findings"]:
    assert set(f) == set(fields), sorted(f)
    for k, t in fields.items():
        assert isinstance(f[k], t), (k, f[k])
    assert f["severity"] in ("info", "warning", "error")
    assert all(isinstance(x, str) for x in f["tuids"])
checks = {(f["check"], f["tuid"]) for f in d["findings"]}
for want in [("term-missing", "ex-02"), ("number-mismatch", "ex-03"), ("spelling", "ex-04"), ("url-mismatch", "ex-05"),
             ("untranslated", "ex-06"), ("repeated-word", "ex-07"), ("quote-style", "ex-08"), ("spelling", "ex-08"),
             ("inconsistent-target", "ex-09")]:
    assert want in checks, want
s = d["summary"]
assert s["findings"] == len(d["findings"]) and s["units"] == 13, s
assert s["errors"] == sum(f["severity"] == "error" for f in d["findings"])
PY
); then
	echo "ok - check json: every finding has the documented fields and types"
else
	echo "FAIL - check json: $out"
fi

$TERMIN_WRAP "$TERMIN" check --format junit -o "$T/r.xml" $ex 2>/dev/null
if ! xmllint --noout "$T/r.xml" 2>"$T/err"; then
	echo "FAIL - check junit: xmllint: $(head -3 "$T/err")"
elif out=$(python3 - "$T/r.xml" <<'PY' 2>&1
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
assert root.tag == "testsuites"
suites = root.findall("testsuite")
names = {s.get("name") for s in suites}
assert {"term-missing", "number-mismatch", "spelling"} <= names, names
fails = root.findall(".//failure")
assert int(root.get("failures")) == len(fails) > 0
assert sum(int(s.get("tests")) for s in suites) == int(root.get("tests"))
assert any("3,8" in (f.text or "") for f in fails)
PY
); then
	echo "ok - check junit: parsed by xml.etree and xmllint, counts agree"
else
	echo "FAIL - check junit: $out"
fi

$TERMIN_WRAP "$TERMIN" check --format html -o "$T/r.html" $ex 2>/dev/null
if ! grep -q '<mark>вапросы</mark>' "$T/r.html" || ! grep -q 'data-check="number-mismatch"' "$T/r.html"; then
	echo "FAIL - check html: no highlighted word or no filter"
elif grep -Eq '(src|href)="https?:' "$T/r.html"; then
	echo "FAIL - check html: the page fetches something"
else
	echo "ok - check html: self-contained, highlights and filters"
fi

chrome=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$chrome" ]; then
	echo "skip - check html screenshot: chromium is not installed"
elif [ -n "${TERMIN_SANITIZED:-}" ]; then
	echo "skip - check html screenshot: once is enough (not repeated in the sanitizer run)"
else
	timeout 90 "$chrome" --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1200,900 \
		--user-data-dir="$T/chrome" --screenshot="$T/shot.png" "file://$T/r.html" >/dev/null 2>&1
	if [ ! -s "$T/shot.png" ]; then
		echo "FAIL - check html screenshot: chromium wrote no screenshot"
	elif out=$(python3 - "$T/shot.png" <<'PY' 2>&1
import struct, sys, zlib
data = open(sys.argv[1], "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n"
pos, idat, w = 8, b"", 0
while pos < len(data):
    n, typ = struct.unpack(">I4s", data[pos:pos + 8])
    body = data[pos + 8:pos + 8 + n]
    if typ == b"IHDR":
        w, h, depth, ctype = struct.unpack(">IIBB", body[:10])
        assert depth == 8 and ctype in (2, 6), (depth, ctype)
        bpp = 3 if ctype == 2 else 4
    elif typ == b"IDAT":
        idat += body
    pos += 12 + n
raw = zlib.decompress(idat)
stride = w * bpp
prev = bytearray(stride)
header = mark = red = 0
for y in range(h):
    f = raw[y * (stride + 1)]
    line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
    for i in range(stride):
        a = line[i - bpp] if i >= bpp else 0
        b = prev[i]
        c = prev[i - bpp] if i >= bpp else 0
        if f == 1: line[i] = (line[i] + a) & 255
        elif f == 2: line[i] = (line[i] + b) & 255
        elif f == 3: line[i] = (line[i] + (a + b) // 2) & 255
        elif f == 4:
            p = a + b - c; pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    for x in range(0, stride, bpp):
        r, g, bl = line[x], line[x + 1], line[x + 2]
        if (r, g, bl) == (0x1f, 0x3a, 0x5f): header += 1      # the title bar
        if abs(r - 0xff) < 8 and abs(g - 0xd5) < 10 and bl < 0x70: mark += 1   # <mark> highlight
        if abs(r - 0xc6) < 10 and abs(g - 0x28) < 12 and abs(bl - 0x28) < 12: red += 1   # error borders
    prev = line
assert header > 10000, ("no title bar", header)
assert mark > 50, ("no highlighted words", mark)
assert red > 50, ("no error markers", red)
print(f"{w}x{h}: title bar {header} px, highlights {mark} px, error markers {red} px")
PY
); then
		echo "ok - check html screenshot: rendered by chromium, $out"
		if [ -n "${TERMIN_KEEP_SHOT:-}" ]; then cp "$T/shot.png" "$TERMIN_KEEP_SHOT"; fi
	else
		echo "FAIL - check html screenshot: $out"
	fi
fi
exit 0
