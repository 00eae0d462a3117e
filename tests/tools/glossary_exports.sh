#!/bin/sh
# Writes the generated exports of glossary/csto.tbx into DIR:
#   csto.martif.tbx (TBX 2, <martif>), csto.tsv (OmegaT), csto.csv (header row)
#   sh tests/tools/glossary_exports.sh TERMIN DIR
# Used by `make glossary` (DIR = glossary/) and by the test that fails when
# the checked-in exports are stale (tests/integration/glossary_exports.sh).
# Only the source file is read: no database glossary, no other defaults.
set -eu
termin=$1
dir=$2
src=$(cd "$(dirname "$0")/../.." && pwd)/glossary/csto.tbx
"$termin" glossary export --no-default-glossary -g "$src" -f tbx2 -o "$dir/csto.martif.tbx"
"$termin" glossary export --no-default-glossary -g "$src" -f tsv -o "$dir/csto.tsv"
"$termin" glossary export --no-default-glossary -g "$src" -f csv -o "$dir/csto.csv"
