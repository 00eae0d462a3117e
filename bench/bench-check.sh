#!/usr/bin/env bash
# bench-check.sh - speed of `termin check` against translate-toolkit's
# pofilter, and of its spelling against hunspell's own command line.
#
#   bash bench/bench-check.sh [BUILD] [UNITS] [MB]
#
# 1. All checks (spelling included, the shipped glossary) on a synthetic
#    EN-RU TMX of UNITS units (default 100,000; bench/gen_tmx.py), and
#    pofilter (all its default tests) on the same units converted to PO
#    (TMX -> CSV with a few lines of Python -> csv2po), in the same run.
# 2. Spelling of MB megabytes (default 50) of the English corpus:
#    `termin check --lang en --enable spelling`, against `hunspell -l -d
#    en_US` on a 2 MB slice of the same text, extrapolated linearly (stated
#    as such; hunspell has no cache, so linear is fair to it).
set -u
cd "$(dirname "$0")/.." || exit 2
SRC=$(pwd)
BUILD=${1:-build}
UNITS=${2:-100000}
MB=${3:-50}
: "${SHARED:=$SRC/../shared}"
TERMIN="$SRC/$BUILD/termin"
. bench/lib.sh
[ -x "$TERMIN" ] || { echo "check: $TERMIN is missing: run make" >&2; exit 2; }

W=$(mktemp -d /tmp/termin-checkbench-XXXXXX)
BENCH_TMP=$W
trap 'rm -rf "$W"' EXIT

echo "== termin check: $UNITS-unit EN-RU TMX, all checks, against pofilter"
/usr/bin/python3 bench/gen_tmx.py "$UNITS" "$W/big.tmx"
measure termin nice "$TERMIN" check --format json -o "$W/out.json" --fail-on never "$W/big.tmx"
t_units=$(awk -v n="$UNITS" -v s="$termin_s" 'BEGIN{ printf "%.0f", n / (s > 0 ? s : 0.001) }')
findings=$(grep -c '"check":' "$W/out.json")
echo "termin check   $termin_s s   $t_units units/s   peak RSS ${termin_mb} MB   ($findings findings)"
if command -v pofilter >/dev/null && command -v csv2po >/dev/null; then
	/usr/bin/python3 - "$W/big.tmx" "$W/big.csv" <<'PY'
import csv, sys, xml.etree.ElementTree as ET
X = "{http://www.w3.org/XML/1998/namespace}lang"
w = csv.writer(open(sys.argv[2], "w", encoding="utf-8", newline=""))
w.writerow(["location", "source", "target"])
for _, el in ET.iterparse(sys.argv[1]):
    if el.tag == "tu":
        segs = {tuv.get(X): "".join(tuv.find("seg").itertext()) for tuv in el.iter("tuv")}
        w.writerow([el.get("tuid") or "", segs.get("en", ""), segs.get("ru", "")])
        el.clear()
PY
	csv2po --progress=none "$W/big.csv" "$W/big.po" >/dev/null 2>&1
	measure pofilter nice pofilter --progress=none "$W/big.po" "$W/filtered.po"
	p_units=$(awk -v n="$UNITS" -v s="$pofilter_s" 'BEGIN{ printf "%.0f", n / (s > 0 ? s : 0.001) }')
	echo "pofilter       $pofilter_s s   $p_units units/s   peak RSS ${pofilter_mb} MB"
	echo "termin check is $(ratio "$pofilter_s" "$termin_s")x pofilter's throughput (goal: 20x)"
else
	echo "pofilter: not installed (Debian package translate-toolkit); no comparison"
fi

echo
echo "== spelling: ${MB} MB of English text against hunspell -l"
corpus_text "$W/en.txt" "$MB"
bytes=$(stat -c %s "$W/en.txt")
measure spell nice "$TERMIN" check --lang en --enable spelling --format json -o "$W/spell.json" --fail-on never "$W/en.txt"
echo "termin spelling  $spell_s s   $(mbps "$bytes" "$spell_s") MB/s   peak RSS ${spell_mb} MB"
if command -v hunspell >/dev/null; then
	head -c 2000000 "$W/en.txt" >"$W/slice.txt"
	sbytes=$(stat -c %s "$W/slice.txt")
	measure hun nice hunspell -l -d en_US "$W/slice.txt"
	est=$(awk -v s="$hun_s" -v a="$sbytes" -v b="$bytes" 'BEGIN{ printf "%.0f", s * b / a }')
	echo "hunspell -l      $hun_s s on a $sbytes-byte slice: $(mbps "$sbytes" "$hun_s") MB/s, about $est s for ${MB} MB (extrapolated)"
	echo "termin spelling is $(ratio "$est" "$spell_s")x hunspell's CLI (extrapolated)"
else
	echo "hunspell: the command-line tool is not installed (Debian package hunspell); no comparison"
fi
