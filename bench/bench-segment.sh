#!/usr/bin/env bash
# bench-segment.sh - speed and memory of `termin segment` (issue 2).
#
#   bash bench/bench-segment.sh [BUILD] [MB] [MAX_MB]
#
# 1. Speed: termin segment with its built-in rules on a text made from the
#    English corpus (../shared/corpus/en repeated to MB megabytes, default
#    50), against bench/icu_split.c, which splits the same text with ICU's
#    sentence BreakIterator (built here with cc and pkg-config icu-uc
#    icu-i18n), in the same run, best of three each. termin is timed with
#    cleaning (the default: spaces, boilerplate, broken words, language
#    detection) and with --no-clean (the splitting alone, ICU's job).
#    Goal: at least as fast as ICU.
# 2. termin segment --srx with termin's own rules exported as SRX
#    (--export-srx), on the first 10 MB. Goal: at least 5 MB/s. The speed of
#    --srx with OmegaT's 2,772 rules against OmegaT itself is bench-srx.sh.
# 3. Memory: peak RSS for inputs of growing size up to MAX_MB (default
#    1000), made by repeating the text in $BENCH_TMP and deleted after each
#    run: the input is streamed paragraph by paragraph, so the peak stays
#    flat.
set -u
cd "$(dirname "$0")/.." || exit 2
SRC=$(pwd)
BUILD=${1:-build}
MB=${2:-50}
MAX_MB=${3:-1000}
: "${SHARED:=$SRC/../shared}"
: "${TERMIN:=$SRC/$BUILD/termin}"
OWN_TMP=""
if [ -z "${BENCH_TMP:-}" ]; then
	BENCH_TMP=$(mktemp -d /tmp/termin-bench-XXXXXX)
	OWN_TMP=1
fi
cleanup() { rm -f "$BENCH_TMP"/seg-*; [ -n "$OWN_TMP" ] && rm -rf "$BENCH_TMP"; }
trap cleanup EXIT
. bench/lib.sh

[ -x "$TERMIN" ] || { echo "segment: $TERMIN is missing: run make" >&2; exit 2; }
if [ ! -d "$SHARED/corpus/en" ]; then
	echo "segment: skipped: NOTICE: $SHARED/corpus/en is absent"
	exit 0
fi

ICU="$BENCH_TMP/seg-icu_split"
# shellcheck disable=SC2046
if ! cc -O2 -o "$ICU" bench/icu_split.c $(pkg-config --cflags --libs icu-uc icu-i18n) 2>"$BENCH_TMP/seg-cc.err"; then
	echo "segment: cannot build bench/icu_split.c: $(head -c 300 "$BENCH_TMP/seg-cc.err")" >&2
	exit 1
fi

TXT="$BENCH_TMP/seg-text.txt"
corpus_text "$TXT" "$MB"
bytes=$(stat -c %s "$TXT")
mb=$(awk -v n="$bytes" 'BEGIN { printf "%.1f", n / 1e6 }')

# the peer reads standard input; exec keeps /usr/bin/time's RSS its own
best_of 3 icu sh -c 'exec "$0" en <"$1"' "$ICU" "$TXT" || { echo "segment: icu_split failed" >&2; exit 1; }
best_of 3 ours "$TERMIN" segment "$TXT" || { echo "segment: termin failed" >&2; exit 1; }
best_of 3 raw "$TERMIN" segment --no-clean "$TXT" || { echo "segment: termin failed" >&2; exit 1; }

printf 'Sentence segmentation, English corpus repeated to %s MB (best of 3):\n' "$mb"
printf '  %-40s %7.2f s %7s MB/s %6s MB peak\n' "termin segment (cleaning, auto language)" \
	"$ours_s" "$(mbps "$bytes" "$ours_s")" "$ours_mb"
printf '  %-40s %7.2f s %7s MB/s %6s MB peak\n' "termin segment --no-clean" \
	"$raw_s" "$(mbps "$bytes" "$raw_s")" "$raw_mb"
printf '  %-40s %7.2f s %7s MB/s %6s MB peak\n' "ICU BreakIterator (bench/icu_split.c)" \
	"$icu_s" "$(mbps "$bytes" "$icu_s")" "$icu_mb"
printf '  ratio termin/ICU (speed): %sx with cleaning, %sx --no-clean\n' \
	"$(ratio "$icu_s" "$ours_s")" "$(ratio "$icu_s" "$raw_s")"

# 2. --srx with termin's own rules
SRX="$BENCH_TMP/seg-termin.srx"
SMALL="$BENCH_TMP/seg-small.txt"
"$TERMIN" segment --export-srx -o "$SRX" || { echo "segment: --export-srx failed" >&2; exit 1; }
head -c $((10 * 1000000)) "$TXT" >"$SMALL"
sbytes=$(stat -c %s "$SMALL")
best_of 1 srx "$TERMIN" segment --srx "$SRX" --lang en "$SMALL" || { echo "segment: --srx failed" >&2; exit 1; }
best_of 1 bsm "$TERMIN" segment --lang en "$SMALL" || exit 1
printf 'termin segment --srx with its own rules (--export-srx), %s MB:\n' \
	"$(awk -v n="$sbytes" 'BEGIN { printf "%.1f", n / 1e6 }')"
printf '  %-40s %7.2f s %7s MB/s %6s MB peak\n' "termin segment --srx termin.srx" \
	"$srx_s" "$(mbps "$sbytes" "$srx_s")" "$srx_mb"
printf '  %-40s %7.2f s %7s MB/s   (built-in rules: %sx faster)\n' "termin segment (built-in)" \
	"$bsm_s" "$(mbps "$sbytes" "$bsm_s")" "$(ratio "$srx_s" "$bsm_s")"
echo "  (--srx with OmegaT's own 2,772 rules against OmegaT: see the srx section)"
rm -f "$SMALL"

# 3. memory as the input grows
printf 'Peak RSS of termin segment as the input grows (streamed by paragraph):\n'
size=$MB
BIG="$BENCH_TMP/seg-big.txt"
for target in $(printf '%s\n' 10 100 "$MAX_MB" | awk -v m="$MAX_MB" '$1 <= m' | sort -nu); do
	: >"$BIG"
	if [ "$target" -le "$MB" ]; then
		head -c $((target * 1000000)) "$TXT" >"$BIG"
	else
		while [ "$(stat -c %s "$BIG")" -lt $((target * 1000000)) ]; do
			cat "$TXT" >>"$BIG"
		done
	fi
	size=$(stat -c %s "$BIG")
	measure big "$TERMIN" segment "$BIG" || { echo "segment: termin failed on $size bytes" >&2; exit 1; }
	printf '  %8s MB input: %6s MB peak RSS, %7.2f s, %7s MB/s\n' \
		"$(awk -v n="$size" 'BEGIN { printf "%.0f", n / 1e6 }')" "$big_mb" "$big_s" "$(mbps "$size" "$big_s")"
	rm -f "$BIG"
done
