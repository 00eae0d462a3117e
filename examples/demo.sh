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

say "termin terms examples/news-en-1.txt examples/news-ru-1.txt   (shipped CSTO glossary)"
"$TERMIN" terms examples/news-en-1.txt examples/news-ru-1.txt

say "termin terms --deprecated examples/news-en-1.txt   (wrong or outdated names)"
"$TERMIN" terms --deprecated examples/news-en-1.txt

say "termin glossary lookup \"Коллективных сил оперативного реагирования\""
"$TERMIN" glossary lookup "Коллективных сил оперативного реагирования"

say "termin glossary export --format tmx -o tmx/csto-glossary.tmx   (terms as a TM for CAT tools)"
mkdir -p tmx
"$TERMIN" glossary export --format tmx -o tmx/csto-glossary.tmx
echo "tmx/csto-glossary.tmx: $(grep -c '<tu ' tmx/csto-glossary.tmx) term pairs"
