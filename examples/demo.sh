#!/bin/sh
# make demo: termin's main job on the project's own examples.
# Grows with each command: segmentation now; glossary, TM, alignment and
# checks as they land.
set -eu
TERMIN=${1:-build/termin}
cd "$(dirname "$0")/.."
say() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

say "termin segment --stats examples/news-en-1.txt examples/news-en-2.txt"
"$TERMIN" segment --stats examples/news-en-1.txt examples/news-en-2.txt

say "termin segment examples/news-ru-1.txt"
"$TERMIN" segment examples/news-ru-1.txt

say "termin segment --encoding windows-1251 --format jsonl examples/news-ru-2.cp1251.txt"
"$TERMIN" segment --encoding windows-1251 --format jsonl examples/news-ru-2.cp1251.txt

# TM leverage: a TM of the aligned example (its units keep their
# neighbours), the news examples analysed against it, a fuzzy lookup and a
# pre-translated job. LEVERAGE_DB may name the TM the demo built before.
LDIR=build/demo-leverage
mkdir -p "$LDIR"
LDB=${LEVERAGE_DB:-$LDIR/termin.db}
if [ -z "${LEVERAGE_DB:-}" ]; then
	rm -f "$LDB" "$LDB-wal" "$LDB-shm"
	say "termin align -o $LDIR/cfm-minsk.tsv ... && termin tm import --db $LDB"
	"$TERMIN" align -o "$LDIR/cfm-minsk.tsv" examples/align/cfm-minsk.en.txt \
		examples/align/cfm-minsk.ru.txt 2>/dev/null
	{ printf 'en\tru\n'; cut -f1,2 "$LDIR/cfm-minsk.tsv"; } >"$LDIR/cfm-minsk.2col.tsv"
	"$TERMIN" tm import --db "$LDB" "$LDIR/cfm-minsk.2col.tsv"
fi

say "termin analyze --db $LDB examples/news-en-*.txt examples/align/cfm-minsk.en.txt"
"$TERMIN" analyze --db "$LDB" examples/news-en-1.txt examples/news-en-2.txt \
	examples/align/cfm-minsk.en.txt | sed -n '/^Total/,$p'

say "termin tm match (a changed sentence: differences, translation, glossary terms)"
"$TERMIN" tm match --db "$LDB" --limit 2 \
	"According to Imangali Tasmagambetov, the second stage of the programme will cost about 4 billion roubles."

say "termin pretranslate --db $LDB -o $LDIR/cfm-minsk.xlf examples/align/cfm-minsk.en.txt"
"$TERMIN" pretranslate --db "$LDB" -o "$LDIR/cfm-minsk.xlf" examples/align/cfm-minsk.en.txt
