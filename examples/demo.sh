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
