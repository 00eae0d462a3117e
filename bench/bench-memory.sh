#!/usr/bin/env bash
# bench-memory.sh - bounded memory (issue 8): peak RSS of termin on inputs
# far larger than memory should allow, goal < 200 MB each.
#
#   bash bench/bench-memory.sh [BUILD]
#
#   text     BENCH_TEXT_MB (default 1000) of news text (../shared/corpus/en,
#            else examples/, repeated), cleaned and segmented
#   line     one line of BENCH_LINE_MB (default 1000) without a sentence
#            boundary, segmented (read from a pipe: nothing on disk)
#   tmx      a generated EN-RU TMX of BENCH_TMX_MB (default 5000) imported
#            into a fresh TM; written streaming into $BENCH_TMP, and made
#            smaller (said so) when the disk cannot hold it and its TM
#   peer     translate-toolkit reading a 100 MB slice of the same TMX
#            (its tmxfile parses the whole tree), when installed
# Wall time and peak RSS come from /usr/bin/time via bench/lib.sh measure.
set -u
cd "$(dirname "$0")/.." || exit 2
SRC=$(pwd)
BUILD=${1:-build}
: "${SHARED:=$SRC/../shared}"
: "${TERMIN:=$SRC/$BUILD/termin}"
: "${BENCH_TMP:=$(mktemp -d /tmp/termin-bench-XXXXXX)}"
. bench/lib.sh
TEXT_MB=${BENCH_TEXT_MB:-1000}
LINE_MB=${BENCH_LINE_MB:-1000}
TMX_MB=${BENCH_TMX_MB:-5000}
GOAL=200
W=$(mktemp -d "$BENCH_TMP/memory-XXXXXX")
trap 'rm -rf "$W"' EXIT

verdict() { [ "$1" -lt "$GOAL" ] && echo "ok (< $GOAL MB)" || echo "OVER the $GOAL MB goal"; }

# --- 1 GB of text -----------------------------------------------------------
if [ -d "$SHARED/corpus/en" ]; then
	corpus_text "$W/news.txt" "$TEXT_MB"
else
	: >"$W/news.txt"
	while [ "$(stat -c %s "$W/news.txt")" -lt $((TEXT_MB * 1000000)) ]; do
		cat examples/news-en-*.txt >>"$W/news.txt"
	done
fi
bytes=$(stat -c %s "$W/news.txt")
measure seg "$TERMIN" segment "$W/news.txt" || echo "memory: termin segment failed" >&2
printf 'text   %6d MB segmented:        %7.1f s  %6.1f MB/s  peak RSS %4d MB  %s\n' \
	$((bytes / 1000000)) "$seg_s" "$(mbps "$bytes" "$seg_s")" "$seg_mb" "$(verdict "$seg_mb")"
rm -f "$W/news.txt"

# --- one 1 GB line, from a pipe --------------------------------------------
export TERMIN LINE_MB
measure ln bash -c 'head -c $((LINE_MB * 1000000)) /dev/zero | tr "\0" a | "$TERMIN" segment - 2>/dev/null' ||
	echo "memory: the long line failed" >&2
# (the RSS of the pipeline's largest process: termin; head and tr are tiny)
printf 'line   %6d MB, one line:        %7.1f s  %6.1f MB/s  peak RSS %4d MB  %s\n' \
	"$LINE_MB" "$ln_s" "$(mbps $((LINE_MB * 1000000)) "$ln_s")" "$ln_mb" "$(verdict "$ln_mb")"

# --- a large TMX ------------------------------------------------------------
# The TM takes about 2.3 times the TMX; keep 2 GB spare.
free_mb=$(( $(df -Pk "$W" | awk 'NR == 2 { print $4 }') / 1024 ))
fit=$(( (free_mb - 2000) * 10 / 33 ))
note=""
if [ "$fit" -lt "$TMX_MB" ]; then
	note=" (reduced from $TMX_MB MB: $free_mb MB free in $BENCH_TMP)"
	TMX_MB=$fit
fi
if [ "$TMX_MB" -lt 10 ]; then
	echo "tmx    skipped: not enough disk in $BENCH_TMP ($free_mb MB free)"
else
	# about 560 bytes a unit: EN and RU sentences, inline codes in one unit
	# in ten, a prop in one in twenty, every unit distinct
	LC_ALL=C awk -v mb="$TMX_MB" 'BEGIN {
		srand(42)
		split("the Collective Security Treaty Organization member states Council of Foreign Ministers Secretary General held a working meeting with delegation on exercises forces rapid reaction joint staff border cooperation peacekeeping training agreed discussed preparation plan", en, " ")
		split("Организация Договора о коллективной безопасности государства члены Совет министров иностранных дел Генеральный секретарь провёл рабочую встречу с делегацией учения силы оперативного реагирования Объединённый штаб граница сотрудничество подготовка", ru, " ")
		ne = length(en); nr = length(ru)
		print "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
		print "<!DOCTYPE tmx SYSTEM \"tmx14.dtd\">"
		print "<tmx version=\"1.4\"><header creationtool=\"bench\" creationtoolversion=\"1\" segtype=\"sentence\" o-tmf=\"bench\" adminlang=\"en\" srclang=\"en\" datatype=\"plaintext\"/><body>"
		limit = mb * 1000000; total = 0
		for (i = 1; total < limit; i++) {
			e = ""; r = ""
			for (k = 0; k < 18; k++) e = e " " en[int(rand() * ne) + 1]
			for (k = 0; k < 15; k++) r = r " " ru[int(rand() * nr) + 1]
			e = "Meeting " i ":" e "."; r = "Встреча " i ":" r "."
			if (i % 10 == 0) { e = "<bpt i=\"1\" x=\"1\">&lt;b&gt;</bpt>" e "<ept i=\"1\">&lt;/b&gt;</ept>"; r = "<bpt i=\"1\" x=\"1\">&lt;b&gt;</bpt>" r "<ept i=\"1\">&lt;/b&gt;</ept>" }
			p = (i % 20 == 0) ? "<prop type=\"x-origin\">bench</prop>" : ""
			s = sprintf("<tu tuid=\"%d\" creationdate=\"20250101T120000Z\">%s<tuv xml:lang=\"en\"><seg>%s</seg></tuv><tuv xml:lang=\"ru\"><seg>%s</seg></tuv></tu>\n", i, p, e, r)
			printf "%s", s
			total += length(s)
		}
		print "</body></tmx>"
	}' >"$W/big.tmx"
	bytes=$(stat -c %s "$W/big.tmx")
	measure imp "$TERMIN" tm import --db "$W/big.db" "$W/big.tmx" || echo "memory: tm import failed" >&2
	units=$("$TERMIN" tm stats --db "$W/big.db" 2>/dev/null | awk '/^units/ { print $2; exit }')
	printf 'tmx    %6d MB imported:         %7.1f s  %6.1f MB/s  peak RSS %4d MB  %s; %s units, TM %d MB%s\n' \
		$((bytes / 1000000)) "$imp_s" "$(mbps "$bytes" "$imp_s")" "$imp_mb" "$(verdict "$imp_mb")" \
		"${units:-?}" $(( $(stat -c %s "$W/big.db") / 1000000 )) "$note"
	rm -f "$W/big.db"*

	# --- the peer on a 100 MB slice --------------------------------------
	if /usr/bin/python3 -c 'import translate.storage.tmx' 2>/dev/null; then
		{ head -c 100000000 "$W/big.tmx" | sed '$d'; echo '</body></tmx>'; } >"$W/slice.tmx"
		rm -f "$W/big.tmx"
		sb=$(stat -c %s "$W/slice.tmx")
		measure ours "$TERMIN" tm import --db "$W/slice.db" "$W/slice.tmx"
		measure peer /usr/bin/python3 -c 'import sys; from translate.storage import tmx; s = tmx.tmxfile.parsefile(sys.argv[1]); print(len(s.units))' "$W/slice.tmx"
		printf 'peer   %6d MB: termin import %4d MB RSS, %5.1f s; translate-toolkit reading it %4d MB, %5.1f s; RSS ratio %s\n' \
			$((sb / 1000000)) "$ours_mb" "$ours_s" "$peer_mb" "$peer_s" "$(ratio "$ours_mb" "$peer_mb")"
	else
		echo "peer   skipped: translate-toolkit is not installed (/usr/bin/python3 -c 'import translate')"
	fi
fi
