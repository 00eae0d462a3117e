#!/usr/bin/env bash
# bench-fuzzy.sh - TM leverage: fuzzy lookup and analysis speed against a
# 1,000,000-unit TM, agreement with a brute-force scorer at 100,000 units,
# and translate-toolkit's matcher as the peer.
#
#   bash bench/bench-fuzzy.sh [BUILD] [UNITS]
#
# The TMs are generated from the English corpus by bench/gen_fuzzy.py
# (corpus sentences with word substitutions, insertions, deletions, new
# numbers, splices) and imported with `termin tm import`, which also builds
# the fuzzy index; they live in $BENCH_TMP only. Lookups are timed one by
# one inside bench/fuzzy_bench.c (median and p99, wall clock and CPU time:
# the machine may be shared; run `nice make bench` there). Goals from issue 7: median <= 10 ms, p99 <=
# 50 ms at 1,000,000 units; analysis of 50 MB of corpus text in under a
# minute; >= 99% agreement with brute force on 1,000 queries at 100,000.
set -u
cd "$(dirname "$0")/.." || exit 2
SRC=$(pwd)
BUILD=${1:-build}
UNITS=${2:-1000000}
: "${SHARED:=$SRC/../shared}"
TERMIN="$SRC/$BUILD/termin"
. bench/lib.sh
[ -x "$TERMIN" ] || { echo "fuzzy: $TERMIN is missing: run make" >&2; exit 2; }
[ -d "$SHARED/corpus/en" ] || { echo "fuzzy: $SHARED/corpus/en is missing" >&2; exit 2; }
PY=/usr/bin/python3
W=${BENCH_TMP:-$(mktemp -d /tmp/termin-fuzzybench-XXXXXX)}
[ -n "${BENCH_TMP:-}" ] || trap 'rm -rf "$W"' EXIT
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

# the bench program, on the public API of the library just built
cc -O2 -std=c11 -Isrc -o "$W/fuzzy_bench" bench/fuzzy_bench.c "$BUILD/libtermin.a" \
	$(pkg-config --libs libxml-2.0 sqlite3 hunspell icu-uc icu-i18n) -lstemmer -lm ||
	{ echo "fuzzy: cannot build bench/fuzzy_bench.c" >&2; exit 1; }

build_tm() { # NAME UNITS QUERIES
	local t0
	t0=$(now)
	"$PY" bench/gen_fuzzy.py "$SHARED/corpus/en" "$2" "$W/$1.tmx" "$3" "$W/$1.queries" ||
		{ echo "fuzzy: generating $1 failed" >&2; exit 1; }
	gen_s=$(since "$t0")
	t0=$(now)
	"$TERMIN" tm import --db "$W/$1.db" "$W/$1.tmx" >/dev/null ||
		{ echo "fuzzy: importing $1 failed" >&2; exit 1; }
	import_s=$(since "$t0")
	mb=$(du -m "$W/$1.db" | cut -f1)
	echo "  $1: $2 units generated in ${gen_s} s, imported and indexed in ${import_s} s (${mb} MB)"
	rm -f "$W/$1.tmx"
}

echo "TM build (bench/gen_fuzzy.py, termin tm import incl. the fuzzy index)"
build_tm big "$UNITS" 1000
build_tm mid 100000 1000
build_tm small 10000 100

echo
echo "lookup, best match >= 50%, 1,000 queries against $UNITS units (goal: median <= 10 ms, p99 <= 50 ms)"
read -r n hit med p99 mean cmed cp99 < <("$W/fuzzy_bench" lookup "$W/big.db" "$W/big.queries")
echo "  termin: median $med ms, p99 $p99 ms, mean $mean ms (wall); CPU median $cmed ms, p99 $cp99 ms; $hit of $n with a match"

echo
corpus_text "$W/corpus50.txt" 50
bytes=$(stat -c %s "$W/corpus50.txt")
echo "analysis of $((bytes / 1000000)) MB of corpus text against $UNITS units (goal: < 60 s)"
measure an "$TERMIN" analyze --db "$W/big.db" --format csv -o "$W/analysis.csv" "$W/corpus50.txt"
echo "  termin analyze: ${an_s} s, $(mbps "$bytes" "$an_s") MB/s, ${an_mb} MB RSS"
awk -F, '$1 == "\"total\"" { printf "    %s: %s segments, %s words\n", $2, $3, $4 }' "$W/analysis.csv"
rm -f "$W/corpus50.txt"

echo
echo "agreement with brute force (every unit scored), 1,000 queries against 100,000 units (goal: >= 99%)"
read -r n agree with < <("$W/fuzzy_bench" agree "$W/mid.db" "$W/mid.queries" 2>"$W/agree.err")
echo "  same best score in $agree of $n queries ($(awk -v a="$agree" -v n="$n" 'BEGIN { printf "%.1f", 100 * a / n }')%); $with have a match >= 50%"
read -r n hit med p99 mean cmed cp99 < <("$W/fuzzy_bench" lookup "$W/mid.db" "$W/mid.queries")
echo "  termin at 100,000 units: median $med ms, p99 $p99 ms (wall); CPU median $cmed ms"

echo
echo "peer: translate-toolkit's matcher (translate.search.match, Levenshtein) on 10,000 units, 100 queries"
if "$PY" -c 'import translate.search.match' 2>/dev/null; then
	cat >"$W/peer.py" <<'EOF'
import sys, time
from translate.storage import tmx
from translate.search import match
store = tmx.tmxfile.parsefile(sys.argv[1])
m = match.matcher(store, max_candidates=1, min_similarity=50, max_length=1000)
qs = [l.strip() for l in open(sys.argv[2], encoding="utf-8") if l.strip()]
times = []
for q in qs:
    a = time.process_time()
    m.matches(q)
    times.append((time.process_time() - a) * 1000)
times.sort()
print("%.2f %.2f" % (times[len(times) // 2], times[len(times) * 99 // 100]))
EOF
	"$PY" bench/gen_fuzzy.py "$SHARED/corpus/en" 10000 "$W/small.tmx" 100 "$W/small.queries"
	read -r pmed pp99 < <("$PY" "$W/peer.py" "$W/small.tmx" "$W/small.queries")
	read -r n hit med p99 mean cmed cp99 < <("$W/fuzzy_bench" lookup "$W/small.db" "$W/small.queries")
	echo "  translate-toolkit: CPU median $pmed ms, p99 $pp99 ms per query"
	echo "  termin:            CPU median $cmed ms, p99 $cp99 ms per query"
	echo "  ratio (translate-toolkit / termin, median): $(ratio "$pmed" "$cmed")"
else
	echo "  not measured: translate-toolkit is not installed (Debian package translate-toolkit)"
fi
