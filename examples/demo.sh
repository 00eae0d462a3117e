#!/bin/sh
# make demo: termin's main job on the project's own examples.
# Segmentation, the glossary, alignment, the translation memory and its
# TMX exports (into tmx/), leverage, and last the pre-publication check.
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

# ---- alignment, translation memory, leverage ----
# The two EN/RU example pairs are aligned into TMX, imported with the
# headline pairs of examples/headlines.en-ru.tsv into a project TM, exported
# as TMX 1.4b into tmx/ (ready for OmegaT's tm/ folder, Trados or memoQ)
# with the glossary beside it, and new texts are analysed and
# pre-translated against that TM.
DEMO=$(dirname "$TERMIN")/demo
rm -rf "$DEMO"
mkdir -p "$DEMO" tmx
DB="$DEMO/termin.db"

say "termin align -o $DEMO/news-1.tmx examples/news-en-1.txt examples/news-ru-1.txt"
"$TERMIN" align -o "$DEMO/news-1.tmx" examples/news-en-1.txt examples/news-ru-1.txt
sed -n '/<tu /,/<\/tu>/p' "$DEMO/news-1.tmx" | sed -n '1,12p'

say "termin align -o $DEMO/cfm-minsk.html examples/align/cfm-minsk.*.txt   (review list, then the page)"
"$TERMIN" align -o "$DEMO/cfm-minsk.html" examples/align/cfm-minsk.en.txt examples/align/cfm-minsk.ru.txt
echo "side-by-side review page: $DEMO/cfm-minsk.html"
"$TERMIN" align -q -o "$DEMO/cfm-minsk.tmx" examples/align/cfm-minsk.en.txt examples/align/cfm-minsk.ru.txt

say "termin tm import --db $DB (aligned pairs and a two-column TSV)"
"$TERMIN" tm import --db "$DB" "$DEMO/news-1.tmx" "$DEMO/cfm-minsk.tmx" examples/headlines.en-ru.tsv

say "termin tm stats --db $DB"
"$TERMIN" tm stats --db "$DB"

say "termin tm search --db $DB 'Collective Rapid Reaction Forces'"
"$TERMIN" tm search --db "$DB" -n 3 'Collective Rapid Reaction Forces'

say "termin tm export --db $DB --src en --tgt ru -o tmx/termin-en-ru.tmx; the glossary as TMX"
"$TERMIN" tm export --db "$DB" --src en --tgt ru -o tmx/termin-en-ru.tmx
"$TERMIN" glossary export --format tmx -o tmx/csto-glossary.tmx glossary/csto.tbx
echo "tmx/csto-glossary.tmx: $(grep -c '<tu ' tmx/csto-glossary.tmx) term pairs"
DTD=${SHARED:-../shared}/spec/tmx14.dtd
if command -v xmllint >/dev/null 2>&1 && [ -f "$DTD" ]; then
	for f in tmx/termin-en-ru.tmx tmx/csto-glossary.tmx; do
		if xmllint --noout --nonet --dtdvalid "$DTD" "$f" >/dev/null 2>&1; then
			echo "$f: valid TMX 1.4b (xmllint --dtdvalid $DTD)"
		else
			echo "$f: NOT valid against $DTD" >&2
			exit 1
		fi
	done
fi

say "termin analyze --db $DB examples/news-en-2.txt examples/align/cfm-minsk.en.txt"
"$TERMIN" analyze --db "$DB" examples/news-en-2.txt examples/align/cfm-minsk.en.txt | sed -n '/^Total/,$p'

say "termin tm match (a changed sentence: differences, translation, glossary terms)"
"$TERMIN" tm match --db "$DB" --limit 2 \
	"According to Imangali Tasmagambetov, the second stage of the programme will cost about 4 billion roubles."

say "termin pretranslate --db $DB -o $DEMO/cfm-minsk.xlf examples/align/cfm-minsk.en.txt"
"$TERMIN" pretranslate --db "$DB" -o "$DEMO/cfm-minsk.xlf" examples/align/cfm-minsk.en.txt

say "termin check examples/check-en-ru.tmx examples/check-en-ru.tsv (deliberate errors)"
# exit status 1 means findings, which these examples have on purpose
"$TERMIN" check examples/check-en-ru.tmx examples/check-en-ru.tsv || [ $? -eq 1 ]

say "termin check --format html -o "$DEMO/check-report.html" (open it in a browser)"
"$TERMIN" check --format html -o "$DEMO/check-report.html" --title "termin check: examples" \
	examples/check-en-ru.tmx examples/check-en-ru.tsv || [ $? -eq 1 ]
