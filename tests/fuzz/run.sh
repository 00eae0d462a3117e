#!/usr/bin/env bash
# Runs the libFuzzer harnesses built by `make fuzz-build` (build/fuzz).
#
#   bash tests/fuzz/run.sh [--check] FUZZDIR SECONDS [NAME[,NAME]...]
#
# For each harness fuzz_NAME: replays the crash inputs kept as regression
# tests in tests/fuzz/regress/NAME/, builds its seed corpus from
# tests/fuzz/NAME.seeds, then fuzzes for SECONDS. Prints one line per
# harness ("ok - fuzz NAME: ...", "FAIL - ...") like every test runner.
#
# Without --check the corpus grows in FUZZDIR/corpus/NAME across runs, and
# FUZZ_JOBS harnesses (default 1) run at once; with --check (make check)
# each run starts from the seeds in a scratch directory. Crash inputs are
# written to FUZZDIR/crashes/, logs to FUZZDIR/logs/ (logs-check/ with
# --check). A NAME.seeds file holds lines:
#   files GLOB...     seed files (paths from the source tree; $SHARED expands)
#   cases EXT         the %%FILE blocks named *.EXT in tests/cli/*.t, tests/bad/*.t
#   run ARGS...       the standard output of `termin ARGS` (the normal build)
#   dict FILE         a libFuzzer dictionary in tests/fuzz/
#   maxlen N          the longest input to try (default 65536)
set -u
cd "$(dirname "$0")/../.." || exit 2
SRC=$(pwd)
: "${SHARED:=$SRC/../shared}"
check=0
if [ "${1:-}" = --check ]; then check=1; shift; fi
FUZZDIR=${1:-build/fuzz}
SECONDS_EACH=${2:-60}
names=${3:-}
: "${FUZZ_JOBS:=1}"
TERMIN_BIN=${TERMIN:-$SRC/build/termin}
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"

if [ -z "$names" ]; then
	names=$(ls tests/fuzz/fuzz_*.c | sed 's|.*/fuzz_||; s|\.c$||' | tr '\n' ' ')
else
	names=$(echo "$names" | tr ',' ' ')
fi

# seeds NAME DIR: fills DIR from tests/fuzz/NAME.seeds.
seeds() {
	local name=$1 dir=$2 kind rest n=0 f
	mkdir -p "$dir"
	[ -f "tests/fuzz/$name.seeds" ] || return 0
	while read -r kind rest; do
		case "$kind" in
		files)
			for f in $(eval echo "$rest"); do
				[ -f "$f" ] || continue
				n=$((n + 1))
				cp "$f" "$dir/seed-$n-$(basename "$f")"
			done ;;
		cases)
			awk -v ext=".$rest" -v dir="$dir" '
				/^%%FILE(-NONL)? / { out = ""; if (substr($2, length($2) - length(ext) + 1) == ext) out = dir "/case-" (++k) ext; next }
				/^%%/ { out = ""; next }
				out != "" { print > out }' tests/cli/*.t $(ls tests/bad/*.t 2>/dev/null) 2>/dev/null ;;
		run)
			n=$((n + 1))
			eval "\"$TERMIN_BIN\" $rest" >"$dir/run-$n" 2>/dev/null || rm -f "$dir/run-$n" ;;
		esac
	done < <(grep -v '^[[:space:]]*\(#\|$\)' "tests/fuzz/$name.seeds")
}

# option NAME KEY: the value of a "KEY value" line of NAME.seeds.
option() {
	[ -f "tests/fuzz/$1.seeds" ] && sed -n "s/^$2[[:space:]]\{1,\}//p" "tests/fuzz/$1.seeds" | head -1
}

# fuzz_one NAME: prints the harness's result line.
fuzz_one() {
	local name=$1 bin="$FUZZDIR/fuzz_$name" corpus seedsdir log rc execs secs d ml args=()
	if [ ! -x "$bin" ]; then
		echo "FAIL - fuzz $name: $bin is missing (make fuzz-build)"
		return
	fi
	local logs="$FUZZDIR/logs"
	[ "$check" = 1 ] && logs="$FUZZDIR/logs-check"
	mkdir -p "$FUZZDIR/crashes" "$logs"
	log="$logs/$name.log"
	: >"$log"
	# Crash inputs found before stay fixed.
	if ls "tests/fuzz/regress/$name/"* >/dev/null 2>&1; then
		if ! "$bin" -runs=1 "tests/fuzz/regress/$name/"* >>"$log" 2>&1; then
			echo "FAIL - fuzz $name: a regression input crashes again (see $log)"
			return
		fi
	fi
	seedsdir=$(mktemp -d "${TMPDIR:-/tmp}/termin-seeds-XXXXXX")
	seeds "$name" "$seedsdir"
	if [ "$check" = 1 ]; then
		corpus=$(mktemp -d "${TMPDIR:-/tmp}/termin-corpus-XXXXXX")
	else
		corpus="$FUZZDIR/corpus/$name"
		mkdir -p "$corpus"
	fi
	d=$(option "$name" dict)
	[ -n "$d" ] && args+=("-dict=tests/fuzz/$d")
	ml=$(option "$name" maxlen)
	args+=("-max_len=${ml:-65536}" -timeout=20 -rss_limit_mb=2048 -print_final_stats=1
	       "-artifact_prefix=$FUZZDIR/crashes/$name-" "-max_total_time=$SECONDS_EACH")
	TMPDIR=${TMPDIR:-/tmp} "$bin" "${args[@]}" "$corpus" "$seedsdir" >>"$log" 2>&1
	rc=$?
	rm -rf "$seedsdir"
	[ "$check" = 1 ] && rm -rf "$corpus"
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
	secs=$(sed -n 's/^Done [0-9]* runs in \([0-9]*\) second.*/\1/p' "$log" | tail -1)
	if [ "$rc" -ne 0 ]; then
		echo "FAIL - fuzz $name: libFuzzer exit $rc after ${execs:-?} runs: $(grep -m1 -E 'ERROR|runtime error|==[0-9]+==' "$log" | head -c 300) (input and log: $FUZZDIR/crashes/$name-*, $log)"
	else
		echo "ok - fuzz $name: ${execs:-0} runs in ${secs:-$SECONDS_EACH} s, corpus of $(sed -n 's/.*INITED cov: [0-9]* ft: [0-9]* corp: \([0-9]*\).*/\1/p' "$log" | head -1) inputs at start, $(sed -n 's/^#[0-9]*.*DONE .*corp: \([0-9]*\).*/\1/p' "$log" | tail -1) at the end"
	fi
}

running=0
for name in $names; do
	if [ "$FUZZ_JOBS" -le 1 ]; then
		fuzz_one "$name"
	else
		fuzz_one "$name" &
		running=$((running + 1))
		if [ "$running" -ge "$FUZZ_JOBS" ]; then
			wait -n
			running=$((running - 1))
		fi
	fi
done
wait
