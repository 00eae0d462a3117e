#!/usr/bin/env bash
# concurrency.sh - two `termin tm import` processes and readers on one TM.
#
# A fresh database (both importers also race to create its schema); process
# A imports a1 a2 a3 and shared.tmx, process B b1 b2 b3 and shared.tmx, at
# the same time, while a reader loops over `tm export`, `check --db`,
# `tm search` and `tm stats` until both are done. Asserted:
#   - every command exits 0, and none says "database is locked";
#   - each export the reader took is a consistent snapshot: well-formed XML
#     (xmllint) holding whole files only (a multiple of the file size);
#     each check saw whole files only too (its JSON summary's unit count);
#   - no lost or doubled units: the final TM equals, line for line once
#     sorted, the dump of the same files imported one after the other; in
#     particular shared.tmx is stored once (the second importer finds it
#     imported) and its usage counts are not doubled.
#
# Prints "ok - ...", "FAIL - ...: why" or "skip - ...: why" per case.
set -u
cd "$(dirname "$0")/../.." || exit 2
SRC=$(pwd)
: "${TERMIN:=$SRC/build/termin}"
: "${TERMIN_WRAP:=}"
NAME="concurrency"
UNITS=${CONC_UNITS:-2500}

command -v xmllint >/dev/null 2>&1 || { echo "skip - $NAME: needs xmllint, which is not installed"; exit 0; }

W=$(mktemp -d /tmp/termin-conc-XXXXXX)
trap 'rm -rf "$W"' EXIT
t() { $TERMIN_WRAP "$TERMIN" "$@"; }

gen() {
	awk -v n="$UNITS" -v tag="$2" 'BEGIN {
		print "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
		print "<tmx version=\"1.4\"><header creationtool=\"conc\" creationtoolversion=\"1\" segtype=\"sentence\" o-tmf=\"x\" adminlang=\"en\" srclang=\"en\" datatype=\"plaintext\"/><body>"
		for (i = 1; i <= n; i++) {
			printf "<tu tuid=\"%s-%d\" usagecount=\"2\"><tuv xml:lang=\"en\"><seg>The CSTO meeting %d of file %s was held in Yerevan.</seg></tuv>", tag, i, i, tag
			printf "<tuv xml:lang=\"ru\"><seg>Заседание ОДКБ %d файла %s прошло в Ереване.</seg></tuv></tu>\n", i, tag
		}
		print "</body></tmx>"
	}' >"$1"
}
for f in a1 a2 a3 b1 b2 b3 shared; do gen "$W/$f.tmx" "$f"; done

# The reference: the same files one after the other.
t tm import --db "$W/ref.db" "$W"/a1.tmx "$W"/a2.tmx "$W"/a3.tmx "$W"/shared.tmx \
	"$W"/b1.tmx "$W"/b2.tmx "$W"/b3.tmx "$W"/shared.tmx >/dev/null 2>"$W/err" ||
	{ echo "FAIL - $NAME: the sequential import failed: $(cat "$W/err")"; exit 0; }
t tm dump --db "$W/ref.db" | LC_ALL=C sort >"$W/ref.jsonl"

db="$W/t.db"
t tm import --db "$db" "$W"/a1.tmx "$W"/a2.tmx "$W"/a3.tmx "$W"/shared.tmx >"$W/a.out" 2>"$W/a.err" &
pa=$!
t tm import --db "$db" "$W"/b1.tmx "$W"/b2.tmx "$W"/b3.tmx "$W"/shared.tmx >"$W/b.out" 2>"$W/b.err" &
pb=$!

# The reader: until both importers are done (and at least once after).
fail=""
reads=0
checks=0
while :; do
	done_a=0; done_b=0
	kill -0 "$pa" 2>/dev/null || done_a=1
	kill -0 "$pb" 2>/dev/null || done_b=1
	if [ -e "$db" ]; then
		reads=$((reads + 1))
		if ! t tm export --db "$db" -o "$W/snap.tmx" 2>"$W/r.err"; then
			# right at the start the file may exist without its schema yet
			grep -q 'an empty database, no TM yet$' "$W/r.err" || { fail="export failed: $(cat "$W/r.err")"; break; }
		elif ! xmllint --noout "$W/snap.tmx" 2>"$W/x.err"; then
			fail="export $reads is not well-formed: $(head -c 300 "$W/x.err")"; break
		else
			n=$(grep -c '<tu ' "$W/snap.tmx")
			if [ $((n % UNITS)) -ne 0 ]; then fail="export $reads holds $n units, not whole files of $UNITS"; break; fi
		fi
		if t check --db "$db" --format json >"$W/c.json" 2>"$W/r.err"; then :; else
			rc=$?
			if [ "$rc" -ne 1 ] && ! grep -q 'an empty database, no TM yet$' "$W/r.err"; then
				fail="check --db exit status $rc: $(cat "$W/r.err")"; break
			fi
		fi
		if [ -s "$W/c.json" ]; then
			n=$(sed -n 's/.*"summary": {"units": \([0-9]*\),.*/\1/p' "$W/c.json")
			if [ -z "$n" ]; then fail="check --db wrote no unit count: $(head -c 300 "$W/c.json")"; break; fi
			if [ $((n % UNITS)) -ne 0 ]; then fail="check $reads saw $n units, not whole files of $UNITS"; break; fi
			checks=$((checks + 1))
		fi
		for cmd in "search meeting" "stats"; do
			if ! t tm $cmd --db "$db" >/dev/null 2>"$W/r.err" &&
			   ! grep -q 'an empty database, no TM yet$' "$W/r.err"; then
				fail="tm $cmd failed: $(cat "$W/r.err")"; break 2
			fi
		done
	fi
	[ "$done_a" = 1 ] && [ "$done_b" = 1 ] && break
done
wait "$pa"; ra=$?
wait "$pb"; rb=$?

if [ -z "$fail" ]; then
	if [ "$ra" -ne 0 ] || [ "$rb" -ne 0 ]; then
		fail="importer exit status $ra and $rb: $(cat "$W/a.err" "$W/b.err" | head -c 400)"
	elif grep -qi 'locked' "$W/a.err" "$W/b.err"; then
		fail="an importer says: $(grep -hi locked "$W/a.err" "$W/b.err" | head -1)"
	else
		t tm dump --db "$db" | LC_ALL=C sort >"$W/t.jsonl"
		if ! cmp -s "$W/t.jsonl" "$W/ref.jsonl"; then
			fail="the TM differs from the sequential import ($(wc -l <"$W/t.jsonl") units, expected $(wc -l <"$W/ref.jsonl")): $(diff "$W/t.jsonl" "$W/ref.jsonl" | head -2 | cut -c1-200)"
		fi
	fi
fi
if [ -n "$fail" ]; then
	echo "FAIL - $NAME: $fail"
else
	echo "ok - $NAME: 2 importers (7 files, one shared) and $reads reads (export, search, stats; $checks checks) at once; no lost units, nothing locked"
fi
