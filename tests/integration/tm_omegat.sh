#!/usr/bin/env bash
# tm_omegat.sh - OmegaT 3.6 (Debian package omegat), headless, loads the TMX
# termin exports and gets 100% matches from termin's segmentation.
#
# The real workflow: termin aligns an English news text with its Russian
# original (examples/align), imports the pairs into a TM and exports it as
# TMX into the tm/auto/ folder of an OmegaT project whose source is the
# English text. OmegaT's console-translate inserts the exact matches of
# tm/auto and writes the target file. The test computes the target OmegaT
# must write if it segments the text as termin does and accepts every unit
# of our TMX (tmx_canon.py expect-target, from termin segment's byte
# offsets), and compares it byte for byte; the number of segments OmegaT
# translated (its project statistics) must equal the number of exact
# matches termin expected.
#
# The project segments text on line breaks (filters.xml: the text filter's
# segmentOn=BREAKS), as termin does; OmegaT's default rules segment the
# lines into sentences.
# Prints "ok - ...", "FAIL - ...: why" or "skip - ...: why".
set -u
cd "$(dirname "$0")/../.." || exit 2
SRC=$(pwd)
: "${TERMIN:=$SRC/build/termin}"
: "${TERMIN_WRAP:=}"
NAME=tm-omegat
CASE="OmegaT 3.6 console-translate takes every exact match from our TMX"
JAR=/usr/share/omegat/OmegaT.jar
CANON="$SRC/tests/integration/tmx_canon.py"
EN=examples/align/cfm-minsk.en.txt
RU=examples/align/cfm-minsk.ru.txt

termin() { $TERMIN_WRAP "$TERMIN" "$@"; }
command -v java >/dev/null 2>&1 ||
	{ echo "skip - $NAME: $CASE: NOTICE: java is not installed (Debian package default-jre-headless)"; exit 0; }
[ -f "$JAR" ] || { echo "skip - $NAME: $CASE: NOTICE: $JAR is missing (Debian package omegat)"; exit 0; }

W=$(mktemp -d /tmp/termin-omegat-XXXXXX)
trap 'rm -rf "$W"' EXIT
P="$W/project"
mkdir -p "$P/source" "$P/target" "$P/tm/auto" "$P/glossary" "$P/omegat" "$P/dictionary"
cp "$EN" "$P/source/"
cat >"$P/omegat.project" <<'XML'
<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<omegat>
    <project version="1.0">
        <source_dir>source</source_dir>
        <target_dir>target</target_dir>
        <tm_dir>tm</tm_dir>
        <glossary_dir>glossary</glossary_dir>
        <glossary_file>glossary/glossary.txt</glossary_file>
        <dictionary_dir>dictionary</dictionary_dir>
        <source_lang>EN</source_lang>
        <target_lang>RU</target_lang>
        <source_tok>org.omegat.tokenizer.LuceneEnglishTokenizer</source_tok>
        <target_tok>org.omegat.tokenizer.LuceneRussianTokenizer</target_tok>
        <sentence_seg>true</sentence_seg>
        <support_default_translations>true</support_default_translations>
        <remove_tags>false</remove_tags>
    </project>
</omegat>
XML
cat >"$P/omegat/filters.xml" <<'XML'
<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<filters>
    <filter className="org.omegat.filters2.text.TextFilter" enabled="true">
        <files sourceFilenameMask="*.txt" targetFilenamePattern="${filename}" sourceEncoding="UTF-8" targetEncoding="UTF-8"/>
        <option name="segmentOn" value="BREAKS"/>
    </filter>
</filters>
XML

fail() { echo "FAIL - $NAME: $CASE: $1"; exit 0; }
termin align -o "$W/pairs.tmx" "$EN" "$RU" >/dev/null 2>&1 || fail "termin align failed"
termin tm import --db "$W/t.db" "$W/pairs.tmx" >/dev/null 2>&1 || fail "termin tm import failed"
termin tm export --db "$W/t.db" --src en --tgt ru -o "$P/tm/auto/termin.tmx" 2>/dev/null ||
	fail "termin tm export failed"
termin segment --format jsonl "$EN" >"$W/segments.jsonl" || fail "termin segment failed"
termin tm dump --db "$W/t.db" --src en --tgt ru >"$W/tm.jsonl"
python3 "$CANON" expect-target "$EN" "$W/segments.jsonl" "$W/tm.jsonl" en ru >"$W/expected.txt" 2>"$W/expected.n" ||
	fail "tmx_canon.py expect-target failed: $(head -c 300 "$W/expected.n")"
expected=$(cat "$W/expected.n")
[ "$expected" -ge 20 ] || fail "only $expected exact matches expected: the example TM is too small"

timeout 120 java -Djava.awt.headless=true -jar "$JAR" "$P" --mode=console-translate >"$W/omegat.log" 2>&1 ||
	fail "OmegaT failed: $(grep -i 'error' "$W/omegat.log" | head -3)"
T="$P/target/$(basename "$EN")"
[ -f "$T" ] || fail "OmegaT wrote no target file: $(tail -3 "$W/omegat.log")"
read -r total remaining < <(awk -F'\t' '/^Total:/{t=$2} /^Remaining:/{r=$2} END{print t+0, r+0}' "$P/omegat/project_stats.txt")
translated=$((total - remaining))
if ! cmp -s "$W/expected.txt" "$T"; then
	fail "the target differs from the one expected: $(diff "$W/expected.txt" "$T" | head -c 600)"
elif [ "$translated" != "$expected" ]; then
	fail "OmegaT translated $translated segments, termin expected $expected exact matches"
else
	echo "ok - $NAME: $CASE ($translated of $total segments translated, the target as expected)"
fi
