#!/bin/sh
# bench/run.sh - `make bench`: speed and memory figures, ours beside each
# peer's, measured in the same run and printed as ratios.
#
#   sh bench/run.sh [BUILD] [SECTION...]
#
# Every section is a script bench/bench-NAME.sh run as
#   bash bench/bench-NAME.sh BUILD
# with $TERMIN, $SHARED, $SRC and $BENCH_TMP set and bench/lib.sh available
# for sourcing. Sections print their own lines; this script only frames
# them and reports a section that failed. SECTION names (NAME) pick some.
set -u
cd "$(dirname "$0")/.." || exit 2
SRC=$(pwd)
BUILD=${1:-build}
[ $# -gt 0 ] && shift
: "${SHARED:=$SRC/../shared}"
TERMIN="$SRC/$BUILD/termin"
export SRC SHARED TERMIN BUILD
[ -x "$TERMIN" ] || { echo "bench: $TERMIN is missing: run make" >&2; exit 2; }
[ -d "$SHARED" ] || echo "bench: NOTICE: $SHARED is absent; sections that need it are skipped"

BENCH_TMP=$(mktemp -d /tmp/termin-bench-XXXXXX)
export BENCH_TMP
trap 'rm -rf "$BENCH_TMP"' EXIT INT TERM

sections=""
if [ $# -gt 0 ]; then
	for s in "$@"; do sections="$sections bench/bench-$s.sh"; done
else
	sections=$(ls bench/bench-*.sh 2>/dev/null)
fi

failed=0
for s in $sections; do
	name=$(basename "$s" .sh)
	name=${name#bench-}
	echo "== $name"
	if ! bash "$s" "$BUILD"; then
		echo "bench: section $name failed" >&2
		failed=$((failed + 1))
	fi
	echo
done
[ "$failed" -eq 0 ]
