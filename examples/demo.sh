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
