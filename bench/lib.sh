# bench/lib.sh - helpers for bench sections (source it from bash).
#
#   measure VAR CMD...    runs CMD (stdout to /dev/null), sets VAR_s to the
#                         wall seconds and VAR_mb to the peak RSS in MB
#   best_of N VAR CMD...  the same, keeping the fastest of N runs
#   ratio A B             A/B with two decimals ("n/a" when B is 0)
#   mbps BYTES SECONDS    megabytes (10^6) per second
#   corpus_text FILE MB   writes the English corpus repeated to MB megabytes

measure() {
	local var=$1 tf rc
	shift
	tf=$(mktemp "${BENCH_TMP:-/tmp}/time-XXXXXX")
	/usr/bin/time -f '%e %M' -o "$tf" "$@" >/dev/null
	rc=$?
	read -r _s _kb <"$tf"
	rm -f "$tf"
	eval "${var}_s=$_s"
	eval "${var}_mb=$(( _kb / 1024 ))"
	return $rc
}

best_of() {
	local n=$1 var=$2 best_s="" best_mb=""
	shift 2
	for _ in $(seq "$n"); do
		measure _bo "$@" || return 1
		if [ -z "$best_s" ] || awk "BEGIN{exit !($_bo_s < $best_s)}"; then
			best_s=$_bo_s
			best_mb=$_bo_mb
		fi
	done
	eval "${var}_s=$best_s"
	eval "${var}_mb=$best_mb"
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN{ if (b == 0) print "n/a"; else printf "%.2f\n", a / b }'; }
mbps() { awk -v n="$1" -v s="$2" 'BEGIN{ if (s == 0) s = 0.001; printf "%.1f\n", n / 1e6 / s }'; }

corpus_text() {
	local out=$1 mb=$2
	: >"$out"
	while [ "$(stat -c %s "$out")" -lt $((mb * 1000000)) ]; do
		cat "$SHARED"/corpus/en/*.txt >>"$out"
	done
}
