#!/usr/bin/env bash
# srx_export.sh - `termin segment --export-srx` says what termin does.
#
# The exported SRX 2.0 file is
#   1. well-formed XML in the SRX 2.0 namespace, with both language rules and
#      their maps (xmllint);
#   2. loaded by termin's own SRX engine (--srx), which must give the same
#      segments as the built-in rules;
#   3. loaded by OmegaT 3.6 (Debian package omegat) with its own loader and
#      java.util.regex (SrxPeer.java), which must give the same segments too:
#      every pattern must compile in Java (OmegaT reports a pattern that does
#      not on standard error and silently drops it).
# The texts: the golden rules (one case a line), the five English corpus
# texts, the Russian texts of ../shared/dev/align and examples/, and
# tests/data/segment/export-cases-*.txt (lists, quotations, captions,
# ellipses, glued sentences, abbreviations: the constructs where the export
# approximates the scanner). Both sides get the text without cleaning, so
# that both segment the same characters.
#
# Threshold: every line equal, except the lines listed in
# srx_export.known (the text of the line, a tab, the reason), which are
# counted and reported; and at least 99% of all segments equal.
#
# Prints "ok - ...", "FAIL - ...: why" or "skip - ...: why" per case.
. "$(dirname "$0")/lib.bash" || exit 2
JAR=/usr/share/omegat/OmegaT.jar
KNOWN=tests/integration/srx_export.known
NAME="srx-export"

temp_dir srxexport

# 1. the file
if ! termin segment --export-srx -o "$W/termin.srx" 2>"$W/err"; then
	echo "FAIL - $NAME: export: $(head -c 400 "$W/err")"
	exit 0
fi
if ! command -v xmllint >/dev/null 2>&1; then
	echo "skip - $NAME: the file is SRX 2.0: NOTICE: xmllint is not installed (Debian package libxml2-utils)"
else
	rules=$(xmllint --xpath 'count(//*[local-name()="rule"])' "$W/termin.srx" 2>"$W/err")
	maps=$(xmllint --xpath 'string(//*[local-name()="maprules"])' "$W/termin.srx" 2>/dev/null)
	ns=$(xmllint --xpath 'namespace-uri(/*)' "$W/termin.srx" 2>/dev/null)
	ver=$(xmllint --xpath 'string(/*/@version)' "$W/termin.srx" 2>/dev/null)
	lrs=$(xmllint --xpath 'count(//*[local-name()="languagerule"])' "$W/termin.srx" 2>/dev/null)
	maps=$(xmllint --xpath 'count(//*[local-name()="languagemap"])' "$W/termin.srx" 2>/dev/null)
	if [ "$ns" = "http://www.lisa.org/srx20" ] && [ "$ver" = 2.0 ] && [ "$lrs" = 2 ] && [ "$maps" = 2 ] &&
		[ "${rules:-0}" -gt 50 ]; then
		echo "ok - $NAME: the file is SRX 2.0: $lrs language rules, $rules rules, $maps maps"
	else
		echo "FAIL - $NAME: the file is SRX 2.0: namespace '$ns', version '$ver', $lrs language rules, $maps maps, ${rules:-?} rules $(head -c 300 "$W/err")"
	fi
fi

# The texts: "label|lang|file"
inputs=("English rule cases|en|tests/data/segment/export-cases-en.txt"
	"Russian rule cases|ru|tests/data/segment/export-cases-ru.txt"
	"English examples|en|$W/ex-en.txt"
	"Russian examples|ru|examples/news-ru-1.txt")
cat examples/news-en-*.txt >"$W/ex-en.txt"
have_shared=1
if [ ! -d "$SHARED/golden_rules" ]; then
	have_shared=""
	if [ "${CI:-}" = true ]; then
		echo "FAIL - $NAME: shared texts: $SHARED is missing (CI=true)"
	else
		echo "skip - $NAME: shared texts: NOTICE: $SHARED is absent"
	fi
else
	python3 tests/integration/srx_compare.py golden "$SHARED/golden_rules/golden_rules_en.jsonl" "$W/en-golden.txt"
	python3 tests/integration/srx_compare.py golden "$SHARED/golden_rules/golden_rules_ru.jsonl" "$W/ru-golden.txt"
	cat "$SHARED"/corpus/en/*.txt >"$W/en-corpus.txt"
	cat "$SHARED"/dev/align/*.ru.txt >"$W/ru-dev.txt"
	inputs+=("English golden rules|en|$W/en-golden.txt"
		"Russian golden rules|ru|$W/ru-golden.txt"
		"English corpus|en|$W/en-corpus.txt"
		"Russian texts|ru|$W/ru-dev.txt")
fi

# built-in (A) and termin with the exported rules (B)
cmp_args=()
failed=""
for i in "${!inputs[@]}"; do
	IFS='|' read -r label lang file <<<"${inputs[$i]}"
	if ! termin segment --lang "$lang" --no-clean --format jsonl "$file" >"$W/a-$i" 2>"$W/err" ||
		! termin segment --srx "$W/termin.srx" --lang "$lang" --no-clean --format jsonl \
			"$file" >"$W/b-$i" 2>>"$W/err"; then
		failed="$label: termin failed: $(head -c 400 "$W/err")"
		break
	fi
	cmp_args+=("$label" "$file" "$W/a-$i" "$W/b-$i")
done
if [ -n "$failed" ]; then
	echo "FAIL - $NAME: termin --srx with the exported rules: $failed"
elif python3 tests/integration/srx_export_compare.py "$KNOWN" 99 "${cmp_args[@]}" >"$W/figure"; then
	echo "ok - $NAME: termin --srx with the exported rules: $(head -1 "$W/figure")"
else
	echo "FAIL - $NAME: termin --srx with the exported rules: $(tr '\n' ' ' <"$W/figure" | head -c 1500)"
fi

# 3. OmegaT
PEER="OmegaT 3.6 with the exported rules"
for tool in java javac; do
	if ! command -v "$tool" >/dev/null 2>&1; then
		echo "skip - $NAME: $PEER: NOTICE: $tool is not installed (Debian package default-jdk-headless)"
		exit 0
	fi
done
if [ ! -f "$JAR" ]; then
	echo "skip - $NAME: $PEER: NOTICE: $JAR is missing (Debian package omegat)"
	exit 0
fi
if [ -n "${TERMIN_SANITIZED:-}" ]; then
	# the peer does not exercise termin; its 15 s are spent once, in the normal pass
	echo "skip - $NAME: $PEER: NOTICE: run in the normal pass only (OmegaT does not run termin code)"
	exit 0
fi
mkdir -p "$W/classes/org/omegat/core/segmentation"
# OmegaT reads its rules from this resource; a temporary copy, never in the project
cp "$W/termin.srx" "$W/classes/org/omegat/core/segmentation/defaultRules.srx"
if ! javac -nowarn -d "$W/classes" -cp "$JAR" tests/integration/SrxPeer.java 2>"$W/javac.err"; then
	echo "FAIL - $NAME: $PEER: javac failed: $(head -c 400 "$W/javac.err")"
	exit 0
fi
peer_args=()
peer_cmp=()
for i in "${!inputs[@]}"; do
	IFS='|' read -r label lang file <<<"${inputs[$i]}"
	peer_args+=("$lang" "$file" "$W/p-$i")
	peer_cmp+=("$label" "$file" "$W/a-$i" "$W/p-$i")
done
if ! java -cp "$W/classes:$JAR" SrxPeer "${peer_args[@]}" 2>"$W/peer.err"; then
	echo "FAIL - $NAME: $PEER: OmegaT failed: $(head -c 400 "$W/peer.err")"
elif grep -q 'Exception' "$W/peer.err"; then
	echo "FAIL - $NAME: $PEER: OmegaT rejects a rule: $(grep -m1 -A1 'Exception' "$W/peer.err" | head -c 600)"
elif python3 tests/integration/srx_export_compare.py "$KNOWN" 99 "${peer_cmp[@]}" >"$W/figure"; then
	echo "ok - $NAME: $PEER: $(head -1 "$W/figure")"
else
	echo "FAIL - $NAME: $PEER: $(tr '\n' ' ' <"$W/figure" | head -c 1500)"
fi
