#!/usr/bin/env bash
# crash_safety.sh - `termin tm import` killed with SIGKILL at random moments.
#
# Three TMX files (about 0.6 MB each; one unit in ten of files 2 and 3 repeats
# a unit of an earlier file, so a half-applied file would also show as a
# wrong usage count) are imported into a fresh TM, and the process is killed
# with SIGKILL after a random delay within the length of an uninterrupted
# run, 20 times. After each kill:
#   - PRAGMA integrity_check is "ok" (sqlite3, the real file);
#   - the TM holds whole files only: its canonical dump (`termin tm dump`)
#     equals that of an uninterrupted import of the first k files, for some
#     k, and each recorded import holds as many units as the file has;
#   - importing the three files again reaches exactly the dump of an
#     uninterrupted import of all three.
# The delays are random (seeded from $CRASH_SEED, printed, to replay a
# failure); the test asserts states, never timings.
#
# Prints "ok - ...", "FAIL - ...: why" or "skip - ...: why" per case.
set -u
cd "$(dirname "$0")/../.." || exit 2
SRC=$(pwd)
: "${TERMIN:=$SRC/build/termin}"
NAME="crash-safety"
ROUNDS=${CRASH_ROUNDS:-20}
UNITS=${CRASH_UNITS:-2500}

command -v sqlite3 >/dev/null 2>&1 || { echo "skip - $NAME: needs sqlite3, which is not installed"; exit 0; }

W=$(mktemp -d /tmp/termin-crash-XXXXXX)
trap 'rm -rf "$W"' EXIT

# gen FILE N K: a TMX file of N units; unit i is new to file K, or in one
# case in ten (files after the first) the same as unit i of file K-1.
gen() {
	awk -v n="$2" -v k="$3" 'BEGIN {
		print "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
		print "<tmx version=\"1.4\"><header creationtool=\"crash\" creationtoolversion=\"1\" segtype=\"sentence\" o-tmf=\"x\" adminlang=\"en\" srclang=\"en\" datatype=\"plaintext\"/><body>"
		for (i = 1; i <= n; i++) {
			f = (k > 1 && i % 10 == 0) ? k - 1 : k
			printf "<tu tuid=\"%d-%d\" creationdate=\"20250102T030405Z\"><prop type=\"x-file\">%d</prop>", k, i, f
			printf "<tuv xml:lang=\"en\"><seg>The Collective Security Treaty Organization held meeting %d of series %d in Minsk, where the member states agreed on the plan of joint exercises.</seg></tuv>", i, f
			printf "<tuv xml:lang=\"ru\"><seg>Организация Договора о коллективной безопасности провела встречу %d серии %d в Минске.</seg></tuv></tu>\n", i, f
		}
		print "</body></tmx>"
	}' >"$1"
}

for k in 1 2 3; do gen "$W/f$k.tmx" "$UNITS" "$k"; done
files=("$W/f1.tmx" "$W/f2.tmx" "$W/f3.tmx")

dump() { "$TERMIN" tm dump --db "$1"; }

# Reference states: the dump after an uninterrupted import of the first k files.
for k in 0 1 2 3; do
	rm -f "$W/ref.db"*
	if [ "$k" -gt 0 ]; then
		ms_start=$(date +%s%N)
		"$TERMIN" tm import --db "$W/ref.db" "${files[@]:0:$k}" >/dev/null 2>"$W/err" ||
			{ echo "FAIL - $NAME: the uninterrupted import failed: $(cat "$W/err")"; exit 0; }
		ms_full=$(( ($(date +%s%N) - ms_start) / 1000000 ))
		dump "$W/ref.db" >"$W/ref$k.jsonl" 2>"$W/err" ||
			{ echo "FAIL - $NAME: dump failed: $(cat "$W/err")"; exit 0; }
	else
		: >"$W/ref0.jsonl"
	fi
done
[ "$(wc -l <"$W/ref3.jsonl")" -gt "$UNITS" ] ||
	{ echo "FAIL - $NAME: the reference TM holds $(wc -l <"$W/ref3.jsonl") units"; exit 0; }
counts=("$(wc -l <"$W/ref0.jsonl")" "$(wc -l <"$W/ref1.jsonl")" "$(wc -l <"$W/ref2.jsonl")" "$(wc -l <"$W/ref3.jsonl")")

seed=${CRASH_SEED:-$(date +%s)}
RANDOM=$seed
# Kill within the length of an uninterrupted run of the 3 files.
window=$((ms_full + 1))
states=""
fail=""
for round in $(seq "$ROUNDS"); do
	rm -f "$W/t.db"*
	delay=$(( (RANDOM * 32768 + RANDOM) % window ))
	"$TERMIN" tm import --db "$W/t.db" "${files[@]}" >/dev/null 2>&1 &
	pid=$!
	sleep "$(printf '%d.%03d' $((delay / 1000)) $((delay % 1000)))"
	kill -KILL "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null

	if [ ! -e "$W/t.db" ]; then
		states="$states -"
	else
		ic=$(sqlite3 "$W/t.db" "PRAGMA integrity_check;" 2>&1)
		if [ "$ic" != ok ]; then fail="round $round (delay $delay ms): integrity_check: $ic"; break; fi
		# killed while the file was created, before the schema: empty
		empty=0
		if ! dump "$W/t.db" >"$W/t.jsonl" 2>"$W/err"; then
			grep -q ': an empty database, no TM yet$' "$W/err" ||
				{ fail="round $round: dump after the kill failed: $(cat "$W/err")"; break; }
			: >"$W/t.jsonl"
			empty=1
		fi
		k=""
		for j in 0 1 2 3; do cmp -s "$W/t.jsonl" "$W/ref$j.jsonl" && { k=$j; break; }; done
		if [ -z "$k" ]; then
			fail="round $round (delay $delay ms): the TM ($(wc -l <"$W/t.jsonl") units) is not the state after 0-3 whole files (${counts[*]} units)"
			break
		fi
		[ "$empty" = 1 ] || bad=$(sqlite3 "$W/t.db" "SELECT i.name FROM import i WHERE i.units <> $UNITS OR i.added <> (SELECT count(*) FROM tu WHERE tu.import_id = i.id);" 2>&1)
		if [ "$empty" = 0 ] && [ -n "$bad" ]; then fail="round $round: an import does not hold its whole file: $bad"; break; fi
		states="$states $k"
	fi
	# Re-running reaches exactly the uninterrupted state.
	if ! "$TERMIN" tm import --db "$W/t.db" "${files[@]}" >/dev/null 2>"$W/err"; then
		fail="round $round: the import after the kill failed: $(cat "$W/err")"
		break
	fi
	dump "$W/t.db" >"$W/t.jsonl" 2>/dev/null
	if ! cmp -s "$W/t.jsonl" "$W/ref3.jsonl"; then
		fail="round $round (delay $delay ms, killed in state ${k:-?}): re-running the import does not reach the uninterrupted state: $(diff "$W/t.jsonl" "$W/ref3.jsonl" | head -3 | cut -c1-200)"
		break
	fi
	ic=$(sqlite3 "$W/t.db" "PRAGMA integrity_check;" 2>&1)
	[ "$ic" = ok ] || { fail="round $round: integrity_check after the re-run: $ic"; break; }
done

if [ -n "$fail" ]; then
	echo "FAIL - $NAME: $fail (CRASH_SEED=$seed)"
else
	echo "ok - $NAME: $ROUNDS SIGKILLs within ${window} ms; whole files imported when killed:$states; integrity ok, re-run equal each time (CRASH_SEED=$seed)"
fi
