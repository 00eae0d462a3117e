#!/usr/bin/env bash
# glossary_exports.sh - the generated exports in glossary/ (csto.martif.tbx,
# csto.tsv, csto.csv) are exactly what the built termin makes of
# glossary/csto.tbx now. Regenerates them into a temporary directory and
# compares bytes; run `make glossary` when this fails.
set -u
cd "$(dirname "$0")/../.." || exit 2
: "${TERMIN:=$PWD/build/termin}"
: "${TERMIN_WRAP:=}"
W=$(mktemp -d /tmp/termin-glexp-XXXXXX)
trap 'rm -rf "$W"' EXIT
# the wrapper (valgrind) must see every run
cat >"$W/termin" <<EOS
#!/bin/sh
exec $TERMIN_WRAP "$TERMIN" "\$@"
EOS
chmod +x "$W/termin"
if ! out=$(sh tests/tools/glossary_exports.sh "$W/termin" "$W" 2>&1); then
	echo "FAIL - glossary exports: generating failed: $out"
	exit 0
fi
for f in csto.martif.tbx csto.tsv csto.csv; do
	if [ ! -f "glossary/$f" ]; then
		echo "FAIL - glossary exports: glossary/$f is missing; run make glossary"
	elif cmp -s "$W/$f" "glossary/$f"; then
		echo "ok - glossary exports: glossary/$f is up to date"
	else
		echo "FAIL - glossary exports: glossary/$f is stale (differs from the export of glossary/csto.tbx); run make glossary"
	fi
done
