#!/usr/bin/env bash
# bench-check.sh - speed of `termin check` against translate-toolkit's
# pofilter, and of its spelling against hunspell's own command line.
#
#   bash bench/bench-check.sh [BUILD] [UNITS] [MB]
#
# 1. All checks (spelling included, the shipped glossary) on a realistic
#    EN-RU TMX of UNITS units (default 100,000), on every processor and
#    on one thread (-j 1; the reports must be the same): real sentence pairs (the
#    clean translations in ../shared/dev/clean, and pairs aligned here with
#    `termin align` from ../shared/corpus/en/003 + ../shared/dev/align and
#    from examples/align), recombined with their numbers varied and about
#    3 % injected errors (bench/gen_check.py). Then the same with spelling
#    off, to show where the time goes; then pofilter (all its default
#    tests) on the same units converted to PO (TMX -> CSV with a few lines
#    of Python -> csv2po), in the same run.
# 2. The same on the old synthetic TMX of random CSTO words (bench/
#    gen_tmx.py): a stress case, about three findings a unit.
# 3. Spelling of MB megabytes (default 50) of the English corpus:
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

# timed VAR CMD...: like measure, and VAR_cpu gets the CPU seconds (user +
# system): on a shared machine the wall time of the threaded run depends on
# what else runs, so both are shown
timed() {
	local var=$1 tf
	shift
	tf=$(mktemp "$W/time-XXXXXX")
	/usr/bin/time -f '%e %M %U %S' -o "$tf" "$@" >/dev/null
	read -r _s _kb _u _sy <"$tf"
	rm -f "$tf"
	eval "${var}_s=$_s"
	eval "${var}_mb=$(( _kb / 1024 ))"
	eval "${var}_cpu=$(awk -v u="$_u" -v s="$_sy" 'BEGIN{ printf "%.2f", u + s }')"
}

# timed3 VAR CMD...: timed three times (a run is about two seconds, so one
# run is at the mercy of whatever else the machine does for a moment);
# VAR_* are the fastest run's figures, VAR_med the median wall time
timed3() {
	local var=$1 walls="" i
	shift
	for i in 1 2 3; do
		timed _t3 "$@"
		walls="$walls $_t3_s"
		if [ "$i" = 1 ] || awk -v a="$_t3_s" -v b="$(eval echo "\$${var}_s")" 'BEGIN{exit !(a < b)}'; then
			eval "${var}_s=$_t3_s ${var}_mb=$_t3_mb ${var}_cpu=$_t3_cpu"
		fi
	done
	eval "${var}_med=$(echo "$walls" | tr ' ' '\n' | sed '/^$/d' | sort -n | sed -n 2p)"
}

per_s() { awk -v n="$UNITS" -v s="$1" 'BEGIN{ printf "%.0f", n / (s > 0 ? s : 0.001) }'; }

# compare LABEL TMX: termin check (all checks: on every processor, then
# on one thread; then spelling off) and pofilter on the same units
compare() {
	local label=$1 tmx=$2 findings
	echo "== termin check: $UNITS-unit EN-RU TMX ($label), all checks, against pofilter"
	echo "(machine: $(nproc) processors, load average $(cut -d' ' -f1-3 /proc/loadavg))"
	timed3 termin nice "$TERMIN" check --format json -o "$W/out.json" --fail-on never "$tmx" 2>"$W/err"
	findings=$(grep -c '"check":' "$W/out.json")
	mv "$W/out.json" "$W/out-threads.json"
	echo "termin check                $termin_s s   $(per_s "$termin_s") units/s   CPU $termin_cpu s   peak RSS ${termin_mb} MB   ($findings findings; threads: one per processor; best of 3, median $termin_med s)"
	timed one nice "$TERMIN" check -j 1 --format json -o "$W/out.json" --fail-on never "$tmx" 2>"$W/err"
	echo "termin check -j 1           $one_s s   $(per_s "$one_s") units/s   CPU $one_cpu s   peak RSS ${one_mb} MB   (one thread$(cmp -s "$W/out.json" "$W/out-threads.json" && echo ': the same report' || echo ': REPORTS DIFFER'))"
	rm -f "$W/out-threads.json"
	timed nospell nice "$TERMIN" check --disable spelling --disable spelling-variant --format json \
		-o "$W/out.json" --fail-on never "$tmx" 2>"$W/err"
	echo "termin check, spelling off  $nospell_s s   $(per_s "$nospell_s") units/s   CPU $nospell_cpu s   peak RSS ${nospell_mb} MB"
	if command -v pofilter >/dev/null && command -v csv2po >/dev/null; then
		/usr/bin/python3 - "$tmx" "$W/big.csv" <<'PY'
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
		timed pofilter nice pofilter --progress=none "$W/big.po" "$W/filtered.po"
		echo "pofilter                    $pofilter_s s   $(per_s "$pofilter_s") units/s   CPU $pofilter_cpu s   peak RSS ${pofilter_mb} MB"
		echo "termin check is $(ratio "$pofilter_s" "$termin_s")x pofilter's throughput (goal: 20x; median run $(ratio "$pofilter_s" "$termin_med")x); one thread: $(ratio "$pofilter_s" "$one_s")x; spelling off: $(ratio "$pofilter_s" "$nospell_s")x"
		echo "by CPU time: $(ratio "$pofilter_cpu" "$termin_cpu")x; one thread $(ratio "$pofilter_cpu" "$one_cpu")x"
		rm -f "$W/big.csv" "$W/big.po" "$W/filtered.po"
	else
		echo "pofilter: not installed (Debian package translate-toolkit); no comparison"
	fi
}

# realistic units from real sentence pairs
"$TERMIN" align -f tsv -o "$W/pairs-cfm.tsv" examples/align/cfm-minsk.en.txt examples/align/cfm-minsk.ru.txt 2>/dev/null
pairs=("$W/pairs-cfm.tsv" examples/headlines.en-ru.tsv)
en003=$(ls "$SHARED"/corpus/en/003_*.txt 2>/dev/null | head -1)
ru003=$(ls "$SHARED"/dev/align/003_*.ru.txt 2>/dev/null | head -1)
if [ -n "$en003" ] && [ -n "$ru003" ]; then
	"$TERMIN" align -f tsv -o "$W/pairs-003.tsv" "$en003" "$ru003" 2>/dev/null && pairs+=("$W/pairs-003.tsv")
fi
for f in "$SHARED"/dev/clean/*.jsonl; do
	[ -f "$f" ] && pairs+=("$f")
done
/usr/bin/python3 bench/gen_check.py "$UNITS" "$W/real.tmx" "${pairs[@]}"
compare "real sentence pairs, ~3% injected errors" "$W/real.tmx"
rm -f "$W/real.tmx"

echo
/usr/bin/python3 bench/gen_tmx.py "$UNITS" "$W/random.tmx"
compare "random CSTO words: a stress case" "$W/random.tmx"
rm -f "$W/random.tmx" "$W/out.json"

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
