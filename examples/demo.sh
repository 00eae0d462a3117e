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

say "termin check examples/check-en-ru.tmx examples/check-en-ru.tsv (deliberate errors)"
# exit status 1 means findings, which these examples have on purpose
"$TERMIN" check examples/check-en-ru.tmx examples/check-en-ru.tsv || [ $? -eq 1 ]

say "termin check --format html -o build/check-report.html (open it in a browser)"
"$TERMIN" check --format html -o build/check-report.html --title "termin check: examples" \
	examples/check-en-ru.tmx examples/check-en-ru.tsv || [ $? -eq 1 ]
