#!/usr/bin/env bash
# bench-align.sh - speed and memory of `termin align` on a pair of long
# texts, beside hunalign (the standard open-source aligner) when installed.
#
#   bash bench/bench-align.sh [BUILD] [SENTENCES]
#
# The pair is made by bench/align_gen.py from the gold pairs of
# ../shared/dev/align and examples/align, repeated with shifted numbers,
# dropped, added and split sentences and re-broken paragraphs until the
# English side has SENTENCES sentences (default 20,000). termin is timed
# end to end (cleaning and segmentation included) and on the presegmented
# pair (--segmented, what hunalign gets), best of three, with peak RSS;
# the strict pair F1 of the presegmented run against the generated gold
# is printed too. The goal from issue 6: under 5 s and 200 MB.
set -u
cd "$(dirname "$0")/.." || exit 2
SRC=$(pwd)
BUILD=${1:-build}
N=${2:-20000}
: "${SHARED:=$SRC/../shared}"
: "${BENCH_TMP:=$(mktemp -d /tmp/termin-alignbench-XXXXXX)}"
TERMIN="$SRC/$BUILD/termin"
. "$SRC/bench/lib.sh"
[ -x "$TERMIN" ] || { echo "align: $TERMIN is missing: run make" >&2; exit 2; }

W="$BENCH_TMP/align"
mkdir -p "$W"
golds="$SRC/examples/align/cfm-minsk.gold.json"
DEV_GOLD="$SHARED/dev/align/003_fb8e1b19bee3b077.gold.json"
[ -f "$DEV_GOLD" ] && golds="$DEV_GOLD $golds"
python3 "$SRC/bench/align_gen.py" "$N" "$W" $golds >"$W/gen.txt" || exit 1
echo "pair: $(cat "$W/gen.txt"); $(($(stat -c %s "$W/en.txt") / 1000)) kB + $(($(stat -c %s "$W/ru.txt") / 1000)) kB"

best_of 3 t_e2e "$TERMIN" align -q -o "$W/e2e.tmx" "$W/en.txt" "$W/ru.txt" 2>/dev/null ||
	{ echo "align: termin align failed" >&2; exit 1; }
best_of 3 t_seg "$TERMIN" align -q --segmented -f jsonl -o "$W/seg.jsonl" "$W/en.seg" "$W/ru.seg" 2>/dev/null ||
	{ echo "align: termin align --segmented failed" >&2; exit 1; }
f1=$(python3 "$SRC/tests/integration/align_f1.py" score "$W/gold.json" "$W/seg.jsonl")
f1_ng=""
if "$TERMIN" align -q --no-glossary --segmented -f jsonl -o "$W/ng.jsonl" "$W/en.seg" "$W/ru.seg" 2>/dev/null; then
	f1_ng=$(python3 "$SRC/tests/integration/align_f1.py" score "$W/gold.json" "$W/ng.jsonl")
fi
printf '%-34s %8s s %6s MB\n' "termin align (end to end)" "$t_e2e_s" "$t_e2e_mb"
printf '%-34s %8s s %6s MB   F1 %s (without glossary %s)\n' "termin align --segmented" "$t_seg_s" "$t_seg_mb" \
	"${f1%% *}" "${f1_ng%% *}"
awk -v s="$t_e2e_s" -v m="$t_e2e_mb" 'BEGIN { printf "goal: under 5 s and 200 MB end to end: %s\n", (s < 5 && m < 200) ? "met" : "NOT met" }'

# hunalign: the same presegmented pair, an empty dictionary (its usual
# set-up without a bilingual lexicon), -realign off.
if command -v hunalign >/dev/null 2>&1; then
	: >"$W/null.dic"
	if best_of 1 t_hun hunalign -text "$W/null.dic" "$W/en.seg" "$W/ru.seg" 2>/dev/null; then
		printf '%-34s %8s s %6s MB   termin/hunalign time %s\n' "hunalign (empty dictionary)" "$t_hun_s" "$t_hun_mb" \
			"$(ratio "$t_seg_s" "$t_hun_s")"
	else
		echo "hunalign: failed on the pair"
	fi
else
	echo "hunalign: not measured (not installed; Debian 12 does not package it)"
fi
