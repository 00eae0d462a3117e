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

say "termin segment --export-srx -o build/termin.srx; termin segment --srx build/termin.srx --lang en examples/news-en-1.txt"
"$TERMIN" segment --export-srx -o build/termin.srx
echo "build/termin.srx: $(grep -c '<rule ' build/termin.srx) SRX 2.0 rules that segment as termin does, for OmegaT, Okapi or any CAT tool"
"$TERMIN" segment --srx build/termin.srx --lang en examples/news-en-1.txt

say "termin terms examples/news-en-1.txt examples/news-ru-1.txt   (shipped CSTO glossary)"
"$TERMIN" terms examples/news-en-1.txt examples/news-ru-1.txt

say "termin terms --deprecated examples/news-en-1.txt   (wrong or outdated names)"
"$TERMIN" terms --deprecated examples/news-en-1.txt

say "termin glossary lookup \"Коллективных сил оперативного реагирования\""
"$TERMIN" glossary lookup "Коллективных сил оперативного реагирования"

# ---- translation memory (termin tm) ----
# A TM built from examples/: the two aligned EN/RU news pairs, the headline
# pairs of examples/headlines.en-ru.tsv and the segmented news-en-2.txt
# (source-only units, for later translation). It is exported as TMX 1.4b
# into tmx/, ready for OmegaT's tm/ folder, Trados or memoQ.
DEMO=$(dirname "$TERMIN")/demo
rm -rf "$DEMO"
mkdir -p "$DEMO" tmx
DB="$DEMO/termin.db"

say "termin align -o $DEMO/news-1.tmx examples/news-en-1.txt examples/news-ru-1.txt"
"$TERMIN" align -o "$DEMO/news-1.tmx" examples/news-en-1.txt examples/news-ru-1.txt
"$TERMIN" align -o "$DEMO/cfm-minsk.tmx" examples/align/cfm-minsk.en.txt \
	examples/align/cfm-minsk.ru.txt 2>/dev/null

say "termin tm import --db $DB (aligned pairs, TSV, plain text)"
"$TERMIN" tm import --db "$DB" "$DEMO/news-1.tmx" "$DEMO/cfm-minsk.tmx" \
	examples/headlines.en-ru.tsv examples/news-en-2.txt

say "termin tm stats --db $DB"
"$TERMIN" tm stats --db "$DB"

say "termin tm search --db $DB 'Collective Rapid Reaction Forces'"
"$TERMIN" tm search --db "$DB" -n 3 'Collective Rapid Reaction Forces'

say "termin tm export --db $DB --src en --tgt ru -o tmx/termin-en-ru.tmx"
"$TERMIN" tm export --db "$DB" --src en --tgt ru -o tmx/termin-en-ru.tmx
"$TERMIN" tm export --db "$DB" --include-untranslated -o tmx/termin-all.tmx
DTD=${SHARED:-../shared}/spec/tmx14.dtd
if command -v xmllint >/dev/null 2>&1 && [ -f "$DTD" ]; then
	for f in tmx/termin-en-ru.tmx tmx/termin-all.tmx; do
		xmllint --noout --nonet --dtdvalid "$DTD" "$f" 2>&1 |
			grep -v 'failed to load external entity\|^<!DOCTYPE\|^ *\^' || true
		echo "$f: valid TMX 1.4b (xmllint --dtdvalid $DTD)"
	done
fi

say "the glossary as TMX"
if "$TERMIN" help glossary >/dev/null 2>&1; then
	"$TERMIN" glossary export --format tmx -o tmx/csto-glossary.tmx glossary/csto.tbx
	echo "tmx/csto-glossary.tmx: $(grep -c '<tu ' tmx/csto-glossary.tmx) term pairs"
else
	echo "(termin glossary is not in this build yet: tmx/csto-glossary.tmx comes with it)"
fi

mkdir -p tmx
say "termin align -o tmx/news-1.tmx examples/news-en-1.txt examples/news-ru-1.txt"
"$TERMIN" align -o tmx/news-1.tmx examples/news-en-1.txt examples/news-ru-1.txt
sed -n '/<tu /,/<\/tu>/p' tmx/news-1.tmx | sed -n '1,20p'

say "termin align -o tmx/cfm-minsk.html examples/align/cfm-minsk.en.txt examples/align/cfm-minsk.ru.txt (review list, then the page)"
"$TERMIN" align -o tmx/cfm-minsk.html examples/align/cfm-minsk.en.txt examples/align/cfm-minsk.ru.txt
echo "review page: tmx/cfm-minsk.html"

say "termin align -q --db tmx/demo.db ... (the same pairs into a translation memory)"
rm -f tmx/demo.db tmx/demo.db-wal tmx/demo.db-shm
"$TERMIN" align -q --db tmx/demo.db examples/align/cfm-minsk.en.txt examples/align/cfm-minsk.ru.txt
"$TERMIN" tm stats --db tmx/demo.db

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

say "termin check examples/check-en-ru.tmx examples/check-en-ru.tsv (deliberate errors)"
# exit status 1 means findings, which these examples have on purpose
"$TERMIN" check examples/check-en-ru.tmx examples/check-en-ru.tsv || [ $? -eq 1 ]

say "termin check --format html -o build/check-report.html (open it in a browser)"
"$TERMIN" check --format html -o build/check-report.html --title "termin check: examples" \
	examples/check-en-ru.tmx examples/check-en-ru.tsv || [ $? -eq 1 ]
