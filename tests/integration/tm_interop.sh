#!/usr/bin/env bash
# tm_interop.sh - termin's TM against real TMX files and real peers:
#   - every sample of ../shared/interop/samples is imported with every unit,
#     variant, prop, note and inline element (checked by tmx_canon.py with
#     Python's own XML parser, not libxml2);
#   - every file of ../shared/interop/negative is either accepted (and then
#     stored as written) or rejected with exit 3 and file:line:column;
#   - every TMX termin writes (tm export in UTF-8 and UTF-16, segment
#     --format tmx, align, glossary export when present) is valid against
#     ../shared/spec/tmx14.dtd (xmllint --dtdvalid);
#   - round trip: import, export, import, export keeps the canonical form
#     of the TM and gives the same bytes; two exports are identical;
#   - translate-toolkit (/usr/bin/python3, translate.storage.tmx) reads our
#     exports with the same units, source first.
# Prints "ok - ...", "FAIL - ...: why" or "skip - ...: why" per case.
set -u
cd "$(dirname "$0")/../.." || exit 2
SRC=$(pwd)
: "${TERMIN:=$SRC/build/termin}"
: "${TERMIN_WRAP:=}"
: "${SHARED:=$SRC/../shared}"
NAME=tm-interop
DTD="$SHARED/spec/tmx14.dtd"
CANON="$SRC/tests/integration/tmx_canon.py"
PY=/usr/bin/python3
export SOURCE_DATE_EPOCH=1700000000

termin() { $TERMIN_WRAP "$TERMIN" "$@"; }
ok() { echo "ok - $NAME: $1"; }
fail() { echo "FAIL - $NAME: $1: $2"; }
skip() { echo "skip - $NAME: $1: $2"; }

if [ ! -d "$SHARED/interop" ] || [ ! -f "$DTD" ]; then
	if [ "${CI:-}" = true ]; then fail "shared data" "$SHARED is missing (CI=true)"; exit 0; fi
	skip "all cases" "NOTICE: $SHARED is absent"
	exit 0
fi
have_xmllint=1
command -v xmllint >/dev/null 2>&1 || have_xmllint=0
have_ttk=1
$PY -c 'from translate.storage import tmx' 2>/dev/null || have_ttk=0

W=$(mktemp -d /tmp/termin-tminterop-XXXXXX)
trap 'rm -rf "$W"' EXIT

# valid LABEL FILE: the file is valid TMX 1.4b
valid() {
	if [ "$have_xmllint" = 0 ]; then
		skip "$1" "NOTICE: xmllint is not installed (Debian package libxml2-utils)"
		return
	fi
	# the DOCTYPE names tmx14.dtd, which is not beside the file: xmllint
	# warns that it cannot load it, then validates against --dtdvalid
	if xmllint --noout --nonet --dtdvalid "$DTD" "$2" >"$W/xmllint.out" 2>&1; then
		ok "$1"
	else
		fail "$1" "$(grep -v 'failed to load external entity\|^<!DOCTYPE\|^ *\^' "$W/xmllint.out" | head -c 400)"
	fi
}

# ttk LABEL FILE DUMP SRC TGT
ttk() {
	if [ "$have_ttk" = 0 ]; then
		skip "$1" "NOTICE: translate-toolkit is not installed (Debian package translate-toolkit)"
		return
	fi
	if $PY "$CANON" ttk "$2" "$3" "$4" "$5" >"$W/ttk.out" 2>&1; then
		ok "$1"
	else
		fail "$1" "$(head -c 600 "$W/ttk.out")"
	fi
}

for f in "$SHARED"/interop/samples/*.tmx; do
	b=$(basename "$f")
	d="$W/$b.d"
	mkdir -p "$d"
	if ! termin tm import --db "$d/1.db" "$f" >"$d/import.out" 2>&1; then
		fail "samples/$b: import" "$(head -c 400 "$d/import.out")"
		continue
	fi
	termin tm dump --db "$d/1.db" >"$d/1.jsonl"
	if $PY "$CANON" content "$f" "$d/1.jsonl" >"$d/content.out" 2>&1; then
		ok "samples/$b: every unit, variant, prop, note and inline element stored"
	else
		fail "samples/$b: content" "$(head -c 600 "$d/content.out")"
	fi
	termin tm export --db "$d/1.db" --include-untranslated -o "$d/1.tmx" 2>/dev/null ||
		{ fail "samples/$b: export" "exit status $?"; continue; }
	valid "samples/$b: export valid against tmx14.dtd" "$d/1.tmx"
	termin tm export --db "$d/1.db" --include-untranslated -o "$d/1b.tmx" 2>/dev/null
	if cmp -s "$d/1.tmx" "$d/1b.tmx"; then ok "samples/$b: two exports are the same bytes"
	else fail "samples/$b: deterministic export" "two exports differ"; fi
	# round trip
	termin tm import --db "$d/2.db" "$d/1.tmx" >/dev/null 2>&1 ||
		{ fail "samples/$b: round trip" "re-import failed"; continue; }
	termin tm dump --db "$d/2.db" >"$d/2.jsonl"
	termin tm export --db "$d/2.db" --include-untranslated -o "$d/2.tmx" 2>/dev/null
	$PY "$CANON" canon "$d/1.jsonl" >"$d/1.canon"
	$PY "$CANON" canon "$d/2.jsonl" >"$d/2.canon"
	if ! diff "$d/1.canon" "$d/2.canon" >"$d/rt.diff"; then
		fail "samples/$b: round trip" "canonical forms differ: $(head -c 600 "$d/rt.diff")"
	elif ! cmp -s "$d/1.tmx" "$d/2.tmx"; then
		fail "samples/$b: round trip" "the second export differs: $(diff "$d/1.tmx" "$d/2.tmx" | head -c 400)"
	else
		ok "samples/$b: import-export-import-export keeps the TM and the bytes"
	fi
	# translate-toolkit on a bilingual export
	if read -r s t < <($PY "$CANON" pair "$d/1.jsonl"); then
		termin tm export --db "$d/1.db" --src "$s" --tgt "$t" -o "$d/pair.tmx" 2>/dev/null
		termin tm dump --db "$d/1.db" --src "$s" --tgt "$t" >"$d/pair.jsonl"
		valid "samples/$b: $s-$t export valid against tmx14.dtd" "$d/pair.tmx"
		ttk "samples/$b: translate-toolkit reads the $s-$t export with the same units" "$d/pair.tmx" "$d/pair.jsonl" "$s" "$t"
	fi
done

# negative files: accepted and stored as written, or rejected cleanly
for f in "$SHARED"/interop/negative/*.tmx; do
	b=$(basename "$f")
	d="$W/neg-$b.d"
	mkdir -p "$d"
	(cd "$(dirname "$f")" && termin tm import --db "$d/1.db" "$b") >"$d/out" 2>"$d/err"
	rc=$?
	if [ "$rc" = 3 ]; then
		if grep -q "^termin: $b:[0-9]*:[0-9]*: " "$d/err" && [ "$(termin tm dump --db "$d/1.db" | wc -l)" = 0 ]; then
			ok "negative/$b: rejected with file:line:column, nothing stored"
		else
			fail "negative/$b" "rejected without file:line:column or with units stored: $(head -c 300 "$d/err")"
		fi
	elif [ "$rc" = 0 ]; then
		termin tm dump --db "$d/1.db" >"$d/1.jsonl"
		termin tm export --db "$d/1.db" --include-untranslated -o "$d/1.tmx" 2>/dev/null
		if ! $PY "$CANON" content "$f" "$d/1.jsonl" >"$d/content.out" 2>&1; then
			fail "negative/$b: accepted" "but not stored as written: $(head -c 400 "$d/content.out")"
		elif grep -v "^termin: warning: $b:[0-9]*:[0-9]*: " "$d/err" | grep -q .; then
			fail "negative/$b: accepted" "a warning without file:line:column: $(head -c 300 "$d/err")"
		else
			ok "negative/$b: accepted$([ -s "$d/err" ] && echo ' with warnings naming file:line:column'), stored as written"
		fi
		valid "negative/$b: export valid against tmx14.dtd" "$d/1.tmx"
	else
		fail "negative/$b" "exit status $rc (expected 0 or 3): $(head -c 300 "$d/err")"
	fi
done

# the other TMX termin writes
d="$W/other"
mkdir -p "$d"
termin tm import --db "$d/t.db" "$SHARED"/interop/samples/*.tmx >/dev/null 2>&1
termin tm export --db "$d/t.db" --include-untranslated --encoding UTF-16 -o "$d/u16.tmx" 2>/dev/null
if [ "$(head -c 2 "$d/u16.tmx" | od -An -tx1 | tr -d ' ')" = fffe ]; then
	valid "tm export --encoding UTF-16 (BOM, valid against tmx14.dtd)" "$d/u16.tmx"
	termin tm export --db "$d/t.db" --include-untranslated -o "$d/u8.tmx" 2>/dev/null
	termin tm import --db "$d/u16.db" "$d/u16.tmx" >/dev/null 2>&1
	termin tm import --db "$d/u8.db" "$d/u8.tmx" >/dev/null 2>&1
	if cmp -s <(termin tm dump --db "$d/u16.db") <(termin tm dump --db "$d/u8.db"); then
		ok "tm export UTF-16 and UTF-8 hold the same units"
	else
		fail "tm export UTF-16" "re-imported units differ from the UTF-8 export's"
	fi
else
	fail "tm export --encoding UTF-16" "no little-endian byte-order mark"
fi

termin segment --format tmx -o "$d/seg.tmx" examples/news-en-1.txt 2>/dev/null
valid "segment --format tmx valid against tmx14.dtd" "$d/seg.tmx"
if termin align -o "$d/align.tmx" examples/align/cfm-minsk.en.txt examples/align/cfm-minsk.ru.txt >/dev/null 2>&1; then
	valid "align TMX valid against tmx14.dtd" "$d/align.tmx"
	termin tm import --db "$d/al.db" "$d/align.tmx" >/dev/null 2>&1
	termin tm dump --db "$d/al.db" >"$d/al.jsonl"
	ttk "translate-toolkit reads the align TMX with the same units" "$d/align.tmx" "$d/al.jsonl" en ru
else
	fail "align TMX" "termin align failed"
fi
if termin help glossary >/dev/null 2>&1; then
	if termin glossary export --help 2>/dev/null | grep -q tmx &&
		termin glossary export --format tmx -o "$d/gl.tmx" glossary/csto.tbx >"$d/gl.out" 2>&1; then
		valid "glossary TMX valid against tmx14.dtd" "$d/gl.tmx"
	else
		skip "glossary TMX" "NOTICE: no 'termin glossary export --format tmx FILE' in this build"
	fi
else
	skip "glossary TMX" "NOTICE: the glossary command is not in this build yet"
fi
