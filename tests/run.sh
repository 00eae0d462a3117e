#!/bin/sh
# Runs the whole test suite for one or more build directories and ends with
# the line "N passed, N failed".
#   sh tests/run.sh build [build/asan]
# Every runner prints one line per case: "ok - NAME", "FAIL - NAME: why" or
# "skip - NAME: why"; this script only counts them.
set -u
cd "$(dirname "$0")/.." || exit 2
SRC=$(pwd)
export SRC
: "${SHARED:=$SRC/../shared}"
export SHARED
log=$(mktemp /tmp/termin-tests-XXXXXX)
trap 'rm -f "$log"' EXIT

if [ ! -d "$SHARED" ]; then
	if [ "${CI:-}" = true ]; then
		echo "FAIL - shared: $SHARED is missing and CI=true" | tee -a "$log"
	else
		echo "NOTICE: $SHARED is absent; tests that read it are skipped"
	fi
fi

# run_part LABEL CMD...: runs a runner, tags its case lines with LABEL and
# turns a runner that died without reporting a failure into one.
run_part() {
	plabel=$1
	shift
	out=$(mktemp /tmp/termin-part-XXXXXX)
	"$@" >"$out" 2>&1
	rc=$?
	sed "s/^\(ok\|FAIL\|skip\) - /\1 - $plabel/" "$out" | tee -a "$log"
	if [ "$rc" -ne 0 ] && ! grep -q '^FAIL - ' "$out"; then
		echo "FAIL - $plabel$*: runner exited with status $rc" | tee -a "$log"
	fi
	rm -f "$out"
}

for build in "$@"; do
	label=""
	case "$build" in *asan*) label="[asan] " ;; esac
	TERMIN="$SRC/$build/termin"
	if [ "${TERMIN_VALGRIND:-}" = 1 ]; then
		TERMIN_WRAP="valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite"
		label="[valgrind] "
		# hunspell-heavy unit cases take far longer than 10 minutes there
		TT_TIMEOUT=${TT_TIMEOUT:-7200}
		export TT_TIMEOUT
	else
		TERMIN_WRAP=""
	fi
	export TERMIN TERMIN_WRAP
	TERMIN_SANITIZED=""
	[ -n "$label" ] && TERMIN_SANITIZED=1
	export TERMIN_SANITIZED
	ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:exitcode=23"
	UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
	export ASAN_OPTIONS UBSAN_OPTIONS

	echo "== ${label}unit tests ($build)"
	if [ -n "$TERMIN_WRAP" ]; then
		for c in $("$SRC/$build/test_unit" -l); do
			run_part "$label" $TERMIN_WRAP --trace-children=no "$SRC/$build/test_unit" "$c"
		done
	else
		run_part "$label" "$SRC/$build/test_unit"
	fi

	echo "== ${label}command-line tests"
	run_part "$label" bash tests/cli/run.sh

	echo "== ${label}bad-input catalogue (tests/bad)"
	run_part "$label" env CLI_TESTS=tests/bad bash tests/cli/run.sh

	for t in tests/integration/*.sh; do
		[ -f "$t" ] || continue
		echo "== ${label}$(basename "$t" .sh)"
		run_part "$label" bash "$t"
	done
done

# The libFuzzer harnesses, briefly, once (make check builds them in
# $TERMIN_FUZZ; `make fuzz` is the long form).
if [ -n "${TERMIN_FUZZ:-}" ]; then
	echo "== fuzzing (${FUZZ_CHECK_SECONDS:-4} s each)"
	if command -v clang >/dev/null 2>&1; then
		run_part "" bash tests/fuzz/run.sh --check "$TERMIN_FUZZ" "${FUZZ_CHECK_SECONDS:-4}"
	else
		echo "skip - fuzz: clang is not installed (libFuzzer harnesses not built)" | tee -a "$log"
	fi
fi

passed=$(grep -c '^ok - ' "$log")
failed=$(grep -c '^FAIL - ' "$log")
skipped=$(grep -c '^skip - ' "$log")
echo
if [ "$failed" -gt 0 ]; then
	echo "failed cases:"
	grep '^FAIL - ' "$log"
fi
if [ "$skipped" -gt 0 ]; then
	echo "$skipped skipped:"
	grep '^skip - ' "$log" | sed 's/^/  /'
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
