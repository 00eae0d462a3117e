#!/usr/bin/env bash
# The command-line test driver: every tests/cli/*.t file holds cases as data
# (CLI_TESTS=tests/bad runs the bad-input catalogue, in the same format).
#
#   %%TEST name            starts a case
#   %%NEEDS-SHARED         the case reads ../shared (skip, or fail when CI=true)
#   %%NEEDS cmd            skip unless the command exists
#   %%FILE path            a file to create in the case's directory (lines follow)
#   %%FILE-NONL path       the same, without the final newline
#   %%SETUP shell          a shell command run before (cwd is the case's directory)
#   %%STDIN                standard input (lines follow)
#   %%ARGS words           run: termin words (shell words; $SHARED, $SRC, $T expand)
#   %%SHELL command        run a shell command instead; $TERMIN is the binary
#   %%EXIT n               expected exit status (default 0)
#   %%STDOUT / %%STDERR    exact expected output (lines follow)
#   %%STDOUT-HAS / %%STDERR-HAS   each following line must occur in the output
#   %%STDOUT-LACKS         no following line may occur in the output
#   %%ABSENT path          the file must not exist afterwards
#   %%CHECK shell          must succeed afterwards
#   %%END                  ends a block of lines (optional before another %%)
#
# Prints "ok - file: name", "FAIL - ...: why" or "skip - ...: why" per case.
set -u
cd "$(dirname "$0")/../.." || exit 2
SRC=$(pwd)
: "${TERMIN:=$SRC/build/termin}"
: "${TERMIN_WRAP:=}"
: "${SHARED:=$SRC/../shared}"
export SRC SHARED TERMIN_WRAP

termin() { $TERMIN_WRAP "$TERMIN" "$@"; }
export -f termin
TERMIN_BIN=$TERMIN

run_case() {
	local file=$1 name=$2
	local T out err rc
	T=$(mktemp -d /tmp/termin-cli-XXXXXX)
	export T
	local why="" skip=""

	if [ -n "${c_needs_shared:-}" ] && [ ! -d "$SHARED" ]; then
		if [ "${CI:-}" = true ]; then why="$SHARED is missing (CI=true)"; else skip="NOTICE: $SHARED is absent"; fi
	fi
	for n in "${c_needs[@]}"; do
		command -v "$n" >/dev/null 2>&1 || skip="needs $n, which is not installed"
	done
	if [ -z "$why" ] && [ -z "$skip" ]; then
		for i in "${!c_files[@]}"; do
			local p=${c_files[$i]}
			mkdir -p "$T/$(dirname "$p")"
			printf '%s' "${c_fdata[$i]}" >"$T/$p"
		done
		(cd "$T" && for s in "${c_setup[@]}"; do eval "$s" || exit 1; done) ||
			why="setup failed"
	fi
	if [ -z "$why" ] && [ -z "$skip" ]; then
		out="$T/.stdout"
		err="$T/.stderr"
		if [ -n "$c_shell" ]; then
			(cd "$T" && TERMIN="$TERMIN_BIN" && eval "$c_shell") <<<"${c_stdin-}" >"$out" 2>"$err"
		else
			(cd "$T" && eval "termin $c_args") >"$out" 2>"$err" < <(printf '%s' "${c_stdin-}")
		fi
		rc=$?
		if [ "$rc" != "$c_exit" ]; then
			why="exit status $rc, expected $c_exit; stderr: $(head -c 600 "$err")"
		elif [ -n "${c_stdout+x}" ] && [ "$(cat "$out"; echo x)" != "${c_stdout}x" ]; then
			why="stdout differs:
$(diff <(printf '%s' "$c_stdout") "$out" | head -20)"
		elif [ -n "${c_stderr+x}" ] && [ "$(cat "$err"; echo x)" != "${c_stderr}x" ]; then
			why="stderr differs:
$(diff <(printf '%s' "$c_stderr") "$err" | head -20)"
		fi
		if [ -z "$why" ]; then
			while IFS= read -r l; do
				[ -z "$l" ] && continue
				grep -qF -- "$l" "$out" || { why="stdout lacks: $l"; break; }
			done <<<"${c_stdout_has-}"
		fi
		if [ -z "$why" ]; then
			while IFS= read -r l; do
				[ -z "$l" ] && continue
				grep -qF -- "$l" "$out" && { why="stdout has: $l"; break; }
			done <<<"${c_stdout_lacks-}"
		fi
		if [ -z "$why" ]; then
			while IFS= read -r l; do
				[ -z "$l" ] && continue
				grep -qF -- "$l" "$err" || { why="stderr lacks: $l; stderr: $(head -c 400 "$err")"; break; }
			done <<<"${c_stderr_has-}"
		fi
		if [ -z "$why" ]; then
			for p in "${c_absent[@]}"; do
				[ -e "$T/$p" ] && { why="$p exists, should not"; break; }
				# nor any temporary file beside it
				compgen -G "$T/$p.tmp-*" >/dev/null && { why="temporary file $p.tmp-* left behind"; break; }
			done
		fi
		if [ -z "$why" ]; then
			for s in "${c_check[@]}"; do
				(cd "$T" && TERMIN="$TERMIN_BIN" && eval "$s") >"$T/.check" 2>&1 ||
					{ why="check failed: $s: $(head -c 400 "$T/.check")"; break; }
			done
		fi
	fi
	chmod -R u+rwX "$T" 2>/dev/null
	rm -rf "$T"
	if [ -n "$why" ]; then
		printf 'FAIL - %s: %s: %s\n' "$file" "$name" "$why"
		return 1
	elif [ -n "$skip" ]; then
		printf 'skip - %s: %s: %s\n' "$file" "$name" "$skip"
	else
		printf 'ok - %s: %s\n' "$file" "$name"
	fi
	return 0
}

reset_case() {
	c_name=""; c_args=""; c_shell=""; c_exit=0
	unset c_stdout c_stderr c_stdin c_stdout_has c_stderr_has c_stdout_lacks
	c_files=(); c_fdata=(); c_setup=(); c_absent=(); c_check=(); c_needs=()
	c_needs_shared=""
}

failures=0
filter=${1:-}
# CLI_TESTS: the directory of .t files (tests/bad holds the bad-input catalogue)
CLI_TESTS=${CLI_TESTS:-tests/cli}
for t in "$CLI_TESTS"/*.t; do
	base=$(basename "$t")
	[ "$CLI_TESTS" = tests/cli ] || base="$(basename "$CLI_TESTS")/$base"
	reset_case
	block=""   # which variable lines append to
	nl_final=1
	flush_case() {
		if [ -n "$c_name" ]; then
			if [ -z "$filter" ] || [[ "$base: $c_name" == *"$filter"* ]]; then
				run_case "$base" "$c_name" || failures=$((failures + 1))
			fi
		fi
		reset_case
	}
	end_block() {
		# blank lines at the end of a block separate cases: drop them
		local v
		case "$block" in
		fdata) v=$((${#c_fdata[@]} - 1)); while [[ "${c_fdata[$v]}" == *$'\n\n' ]]; do c_fdata[$v]=${c_fdata[$v]%$'\n'}; done
		       [ "${c_fdata[$v]}" = $'\n' ] && c_fdata[$v]="" ;;
		stdin|stdout|stderr|stdout_has|stdout_lacks|stderr_has)
			v="c_$block"
			while [[ "${!v}" == *$'\n\n' ]]; do printf -v "$v" '%s' "${!v%$'\n'}"; done
			[ "${!v}" = $'\n' ] && printf -v "$v" '%s' "" ;;
		esac
		# strip the final newline of FILE-NONL blocks
		if [ "$block" = fdata ] && [ "$nl_final" = 0 ]; then
			local i=$((${#c_fdata[@]} - 1))
			c_fdata[$i]=${c_fdata[$i]%$'\n'}
		fi
		block=""
	}
	while IFS= read -r line || [ -n "$line" ]; do
		if [[ "$line" == %%* ]]; then
			end_block
			dir=${line%% *}
			rest=""
			[[ "$line" == *" "* ]] && rest=${line#* }
			case "$dir" in
			%%TEST) flush_case; c_name=$rest ;;
			%%NEEDS-SHARED) c_needs_shared=1 ;;
			%%NEEDS) c_needs+=("$rest") ;;
			%%FILE) c_files+=("$rest"); c_fdata+=(""); block=fdata; nl_final=1 ;;
			%%FILE-NONL) c_files+=("$rest"); c_fdata+=(""); block=fdata; nl_final=0 ;;
			%%SETUP) c_setup+=("$rest") ;;
			%%STDIN) c_stdin=""; block=stdin ;;
			%%ARGS) c_args=$rest ;;
			%%SHELL) c_shell=$rest ;;
			%%EXIT) c_exit=$rest ;;
			%%STDOUT) c_stdout=""; block=stdout ;;
			%%STDERR) c_stderr=""; block=stderr ;;
			%%STDOUT-HAS) c_stdout_has=""; block=stdout_has ;;
			%%STDOUT-LACKS) c_stdout_lacks=""; block=stdout_lacks ;;
			%%STDERR-HAS) c_stderr_has=""; block=stderr_has ;;
			%%ABSENT) c_absent+=("$rest") ;;
			%%CHECK) c_check+=("$rest") ;;
			%%END) ;;
			*) echo "FAIL - $base: unknown directive $dir"; failures=$((failures + 1)) ;;
			esac
			continue
		fi
		case "$block" in
		fdata) i=$((${#c_fdata[@]} - 1)); c_fdata[$i]+="$line"$'\n' ;;
		stdin) c_stdin+="$line"$'\n' ;;
		stdout) c_stdout+="$line"$'\n' ;;
		stderr) c_stderr+="$line"$'\n' ;;
		stdout_has) c_stdout_has+="$line"$'\n' ;;
		stdout_lacks) c_stdout_lacks+="$line"$'\n' ;;
		stderr_has) c_stderr_has+="$line"$'\n' ;;
		"") ;; # comments and blank lines between cases
		esac
	done <"$t"
	end_block
	flush_case
done
[ "$failures" -eq 0 ]
