#!/usr/bin/env bash
# srx_omegat.sh - termin's SRX engine against the real peer: OmegaT 3.6's own
# segmentation classes (Debian package omegat), on the same SRX file
# (../shared/srx/omegat_defaultRules.srx) and the same texts.
#
# SrxPeer.java is compiled with javac into a temporary directory; the SRX
# file is put there as OmegaT's built-in rules resource, so OmegaT loads it
# with its own code (see SrxPeer.java). Both sides segment every line; the
# script compares the segments line by line and prints the agreement.
#
# Segments are compared after stripping white space at both ends: OmegaT
# trims with Java's Character.isWhitespace, which keeps no-break spaces,
# termin trims every Unicode space; that is trimming, not segmentation.
#
# Threshold: 100% of segments. Both engines implement the same SRX 2.0
# semantics on these rules, so every difference is a bug on one side that
# must be understood. The differences understood to be OmegaT's are listed
# in srx_omegat.known (the text of the line, a tab, the reason); such a line
# is counted and reported, not failed.
#
# Prints "ok - ...", "FAIL - ...: why" or "skip - ...: why" per case.
. "$(dirname "$0")/lib.bash" || exit 2
JAR=/usr/share/omegat/OmegaT.jar
SRX="$SHARED/srx/omegat_defaultRules.srx"
NAME="srx-omegat"

cases="English corpus|English rule cases|English golden rules|Russian texts|Russian rule cases|every language's rules"
skip_all() {
	local IFS='|'
	for c in $cases; do echo "skip - $NAME: $c: $1"; done
	exit 0
}
fail_all() {
	local IFS='|'
	for c in $cases; do echo "FAIL - $NAME: $c: $1"; done
	exit 0
}

if [ ! -f "$SRX" ]; then
	[ "${CI:-}" = true ] && fail_all "$SRX is missing (CI=true)"
	skip_all "NOTICE: $SHARED is absent"
fi
for tool in java javac python3; do
	command -v "$tool" >/dev/null 2>&1 ||
		skip_all "NOTICE: $tool is not installed (Debian packages default-jdk-headless, python3)"
done
[ -f "$JAR" ] || skip_all "NOTICE: $JAR is missing (Debian package omegat)"

temp_dir srxpeer
mkdir -p "$W/classes/org/omegat/core/segmentation"
# a temporary copy where OmegaT looks for its rules; never in the project
cp "$SRX" "$W/classes/org/omegat/core/segmentation/defaultRules.srx"
if ! javac -nowarn -d "$W/classes" -cp "$JAR" tests/integration/SrxPeer.java 2>"$W/javac.err"; then
	fail_all "javac failed: $(head -c 400 "$W/javac.err")"
fi

# The texts. Golden-rule cases are one paragraph each.
cat "$SHARED"/corpus/en/*.txt >"$W/en-corpus.txt"
python3 tests/integration/srx_compare.py golden "$SHARED/golden_rules/golden_rules_en.jsonl" "$W/en-golden.txt"
python3 tests/integration/srx_compare.py golden "$SHARED/golden_rules/golden_rules_ru.jsonl" "$W/ru-golden.txt"
cat "$SHARED"/dev/align/*.ru.txt examples/news-ru-1.txt "$W/ru-golden.txt" >"$W/ru-texts.txt"
# every rule of every language, as abbreviations followed by words
mkdir -p "$W/gen"
python3 tests/integration/srx_compare.py gen-rules "$SRX" "$W/gen"

# The inputs: "label|lang|file" (the generated ones are one case together).
inputs=("English corpus|en|$W/en-corpus.txt"
	"English rule cases|en|tests/data/srx/rules-en.txt"
	"English golden rules|en|$W/en-golden.txt"
	"Russian texts|ru|$W/ru-texts.txt"
	"Russian rule cases|ru|tests/data/srx/rules-ru.txt")
for f in "$W"/gen/rules-*.txt; do
	lang=$(basename "$f" .txt)
	inputs+=("gen|${lang#rules-}|$f")
done

# OmegaT segments everything in one JVM
peer_args=()
for i in "${!inputs[@]}"; do
	IFS='|' read -r label lang file <<<"${inputs[$i]}"
	peer_args+=("$lang" "$file" "$W/peer-$i.out")
done
if ! java -cp "$W/classes:$JAR" SrxPeer "${peer_args[@]}" 2>"$W/peer.err"; then
	fail_all "OmegaT failed: $(head -c 400 "$W/peer.err")"
fi

# ours I: termin on input I, to $W/ours-I.out (errors to $W/figure)
ours() {
	local label lang file
	IFS='|' read -r label lang file <<<"${inputs[$1]}"
	if ! termin segment --srx "$SRX" --lang "$lang" --no-clean --format jsonl \
		"$file" >"$W/ours-$1.out" 2>"$W/ours.err"; then
		echo "termin failed (--lang $lang): $(head -c 400 "$W/ours.err")" >"$W/figure"
		return 1
	fi
}

KNOWN=tests/integration/srx_omegat.known
gen_args=()
gen_failed=""
for i in "${!inputs[@]}"; do
	IFS='|' read -r label lang file <<<"${inputs[$i]}"
	if [ "$label" = gen ]; then
		if ours "$i"; then
			gen_args+=("$lang" "$W/ours-$i.out" "$W/peer-$i.out" "$file")
		elif [ -z "$gen_failed" ]; then
			gen_failed=$(cat "$W/figure")
		fi
		continue
	fi
	if ours "$i" && python3 tests/integration/srx_compare.py compare "$KNOWN" "$W/ours-$i.out" \
		"$W/peer-$i.out" "$file" >"$W/figure"; then
		echo "ok - $NAME: $label: $(head -1 "$W/figure")"
	else
		echo "FAIL - $NAME: $label: $(tr '\n' ' ' <"$W/figure" | head -c 1200)"
	fi
done
if [ -n "$gen_failed" ]; then
	echo "FAIL - $NAME: every language's rules: $gen_failed"
elif python3 tests/integration/srx_compare.py compare-many "$KNOWN" "${gen_args[@]}" >"$W/figure"; then
	echo "ok - $NAME: every language's rules: $(head -1 "$W/figure")"
else
	echo "FAIL - $NAME: every language's rules: $(tr '\n' ' ' <"$W/figure" | head -c 1200)"
fi
