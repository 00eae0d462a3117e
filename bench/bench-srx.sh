#!/usr/bin/env bash
# bench-srx.sh - speed of `termin segment --srx` with OmegaT's default rules
# (../shared/srx/omegat_defaultRules.srx, 2,772 rules) against OmegaT 3.6's
# own Segmenter on the same text, in the same run.
#
#   bash bench/bench-srx.sh [BUILD] [MB]
#
# The text is the English corpus (../shared/corpus/en) repeated to about MB
# megabytes (default 10) in a temporary file. termin is timed as the whole
# command, best of three, both with cleaning (the default) and with
# --no-clean (the SRX engine and I/O alone); OmegaT is timed inside the JVM
# (segmenting only: JVM start-up and rule loading excluded, which favours
# OmegaT). The goal from issue 2 is at least 5 MB/s.
set -u
cd "$(dirname "$0")/.." || exit 2
SRC=$(pwd)
BUILD=${1:-build}
MB=${2:-10}
: "${SHARED:=$SRC/../shared}"
TERMIN="$SRC/$BUILD/termin"
SRX="$SHARED/srx/omegat_defaultRules.srx"
JAR=/usr/share/omegat/OmegaT.jar

[ -x "$TERMIN" ] || { echo "srx_speed: $TERMIN is missing: run make" >&2; exit 2; }
[ -f "$SRX" ] || { echo "srx_speed: $SRX is missing" >&2; exit 2; }

W=$(mktemp -d /tmp/termin-srxbench-XXXXXX)
trap 'rm -rf "$W"' EXIT
while [ "$(stat -c %s "$W/en.txt" 2>/dev/null || echo 0)" -lt $((MB * 1000000)) ]; do
	cat "$SHARED"/corpus/en/*.txt >>"$W/en.txt"
done
bytes=$(stat -c %s "$W/en.txt")

now() { date +%s.%N; }
# best SECONDS of three runs of a command
best3() {
	local best="" t0 t1 t
	for _ in 1 2 3; do
		t0=$(now)
		"$@" >/dev/null || { echo "srx_speed: failed: $*" >&2; exit 1; }
		t1=$(now)
		t=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')
		if [ -z "$best" ] || awk -v t="$t" -v b="$best" 'BEGIN { exit !(t < b) }'; then best=$t; fi
	done
	echo "$best"
}
mbs() { awk -v n="$bytes" -v t="$1" 'BEGIN { printf "%.1f", n / 1e6 / t }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", a / b }'; }

t_clean=$(best3 "$TERMIN" segment --srx "$SRX" --lang en "$W/en.txt")
t_raw=$(best3 "$TERMIN" segment --srx "$SRX" --lang en --no-clean "$W/en.txt")

peer="not measured (needs java, javac and $JAR: Debian packages default-jdk-headless, omegat)"
t_peer=""
if command -v java >/dev/null && command -v javac >/dev/null && [ -f "$JAR" ]; then
	mkdir -p "$W/classes/org/omegat/core/segmentation"
	cp "$SRX" "$W/classes/org/omegat/core/segmentation/defaultRules.srx"
	if javac -nowarn -d "$W/classes" -cp "$JAR" tests/integration/SrxPeer.java 2>"$W/javac.err" &&
		java -cp "$W/classes:$JAR" SrxPeer en "$W/en.txt" "$W/peer.out" 2>"$W/peer.err"; then
		t_peer=$(sed -n 's/^SrxPeer: .*: \([0-9.]*\) s$/\1/p' "$W/peer.err")
	else
		peer="failed: $(head -c 300 "$W/javac.err" "$W/peer.err")"
	fi
fi

printf 'SRX segmentation, %s, English, %s MB:\n' "$(basename "$SRX")" "$(mbs 1)"
printf '  %-34s %7.3f s %7s MB/s\n' "termin segment --srx" "$t_clean" "$(mbs "$t_clean")"
printf '  %-34s %7.3f s %7s MB/s\n' "termin segment --srx --no-clean" "$t_raw" "$(mbs "$t_raw")"
if [ -n "$t_peer" ]; then
	printf '  %-34s %7.3f s %7s MB/s\n' "OmegaT 3.6 Segmenter (in the JVM)" "$t_peer" "$(mbs "$t_peer")"
	printf '  ratio termin/OmegaT: %sx (with cleaning), %sx (--no-clean)\n' \
		"$(ratio "$t_peer" "$t_clean")" "$(ratio "$t_peer" "$t_raw")"
else
	echo "  OmegaT: $peer"
fi
