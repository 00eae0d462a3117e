#!/usr/bin/env bash
# align.sh - `termin align` end to end: pair F1 against gold alignments
# (../shared/dev/align and examples/align), the edge cases of issue 6, the
# TM and the output formats (TMX validated against the TMX 1.4b DTD).
#
# F1 is strict pair F1 (tests/integration/align_f1.py): a predicted bead
# counts only when both its sides equal a gold pair's. End-to-end runs use
# termin's own cleaning and segmentation; "presegmented" runs give termin the
# gold's own sentences (--segmented), as hunalign is usually run, so that
# only alignment is measured.
. "$(dirname "$0")/lib.bash" || exit 2
F1="python3 $SRC/tests/integration/align_f1.py"
DTD="$SHARED/spec/tmx14.dtd"
temp_dir align

ok() { echo "ok - align: $1"; }
fail() { echo "FAIL - align: $1: $2"; }
skip() { echo "skip - align: $1: $2"; }
# at_least NAME F1LINE MIN: passes when the first field of F1LINE >= MIN
at_least() {
	if awk -v f="${2%% *}" -v m="$3" 'BEGIN { exit !(f >= m) }'; then
		ok "$1 (F1 P R matched predicted gold: $2)"
	else
		fail "$1" "F1 below $3 (F1 P R matched predicted gold: $2)"
	fi
}
shared_missing() {
	if [ "${CI:-}" = true ]; then fail "$1" "$SHARED is missing (CI=true)"; else skip "$1" "NOTICE: $SHARED is absent"; fi
}

DEV_GOLD="$SHARED/dev/align/003_fb8e1b19bee3b077.gold.json"
DEV_EN="$SHARED/corpus/en/003_fb8e1b19bee3b077.txt"
DEV_RU="$SHARED/dev/align/003_fb8e1b19bee3b077.ru.txt"
EX_GOLD="$SRC/examples/align/cfm-minsk.gold.json"
EX_EN="$SRC/examples/align/cfm-minsk.en.txt"
EX_RU="$SRC/examples/align/cfm-minsk.ru.txt"

# f1_run NAME GOLD MIN [--joined] -- TERMIN-ALIGN-ARGS...
f1_run() {
	local name=$1 gold=$2 min=$3 joined="" out="$W/run.jsonl" r
	shift 3
	[ "$1" = --joined ] && { joined=--joined; shift; }
	[ "$1" = -- ] && shift
	if ! termin align -q -f jsonl -o "$out" "$@" 2>"$W/run.err"; then
		fail "$name" "termin align failed: $(head -c 300 "$W/run.err")"
		return
	fi
	r=$($F1 score "$gold" "$out" $joined) || { fail "$name" "scoring failed"; return; }
	at_least "$name" "$r" "$min"
}

# ---- the gold pairs ----
pairs_tests() {
	local tag=$1 gold=$2 en=$3 ru=$4 min_en_missing=${5:-0.98}
	f1_run "$tag end to end" "$gold" 0.98 -- "$en" "$ru"
	f1_run "$tag end to end, no glossary" "$gold" 0.98 -- --no-glossary "$en" "$ru"
	mkdir -p "$W/$tag"
	$F1 presegment "$gold" "$en" "$ru" "$W/$tag" || { fail "$tag presegmented" "presegment failed"; return; }
	f1_run "$tag presegmented" "$gold" 0.98 -- --segmented "$W/$tag/en.seg" "$W/$tag/ru.seg"
	# CR-only line endings (old Mac files) on both sides
	tr '\n' '\r' <"$en" >"$W/$tag/en-cr.txt"
	tr '\n' '\r' <"$ru" >"$W/$tag/ru-cr.txt"
	f1_run "$tag CR-only line endings" "$gold" 0.98 -- "$W/$tag/en-cr.txt" "$W/$tag/ru-cr.txt"
	# one paragraph on the English side against many on the Russian side
	grep -v '^$' "$W/$tag/en.seg" >"$W/$tag/en1.seg"
	f1_run "$tag one English paragraph against many Russian" "$gold" 0.98 -- \
		--segmented "$W/$tag/en1.seg" "$W/$tag/ru.seg"
	grep -v '^$' "$W/$tag/ru.seg" >"$W/$tag/ru1.seg"
	f1_run "$tag many English paragraphs against one Russian" "$gold" 0.98 -- \
		--segmented "$W/$tag/en.seg" "$W/$tag/ru1.seg"
	# a block of five sentences missing on the Russian side, then on the
	# English side, among 1-1 pairs (next to an omission of the original,
	# an unrelated pair may win: see README "Known limits"): each missing
	# sentence must come out as a 1-0 (0-1)
	local first
	first=$(python3 -c '
import json, sys
p = json.load(open(sys.argv[1]))["pairs"]
n = len(p)
for i in range(n // 3, n - 6):
    if all(len(q["en"]) == 1 and len(q["ru"]) == 1 for q in p[i - 1:i + 6]):
        print(i); break' "$gold")
	for side in ru en; do
		local d="$W/$tag/drop-$side"
		mkdir -p "$d"
		$F1 drop "$gold" "$d/gold.json" "$side" "$first" 5 &&
			$F1 presegment "$d/gold.json" "$en" "$ru" "$d" ||
			{ fail "$tag five $side sentences missing" "could not prepare"; continue; }
		local min=0.98
		[ "$side" = en ] && min=$min_en_missing
		f1_run "$tag five $side sentences missing (pairs $first-$((first + 4)))" "$d/gold.json" "$min" -- \
			--segmented "$d/en.seg" "$d/ru.seg"
		termin align -q -f jsonl --segmented "$d/en.seg" "$d/ru.seg" >"$d/out.jsonl" 2>/dev/null
		local want=1-0
		[ "$side" = en ] && want=0-1
		local n
		n=$(grep -c "\"bead\":\"$want\"" "$d/out.jsonl")
		if [ "$n" -ge 5 ]; then ok "$tag five $side sentences missing: $n $want beads"; else
			fail "$tag five $side sentences missing" "$n $want beads, expected at least 5"; fi
	done
	# very different lengths: all of the English text against the Russian
	# sentences of the first pairs (hunalign refuses below 1:5): no
	# refusal, those pairs found, the rest reported as omissions. The cut
	# is put after the first run of three 1-1 pairs from pair 6 on.
	local d="$W/$tag/short" cut
	cut=$(python3 -c '
import json, sys
p = json.load(open(sys.argv[1]))["pairs"]
for i in range(6, len(p) - 3):
    if all(len(q["en"]) == 1 and len(q["ru"]) == 1 for q in p[i - 3:i + 1]):
        print(i); break' "$gold")
	mkdir -p "$d"
	$F1 drop "$gold" "$d/gold.json" ru "$cut" all && $F1 presegment "$d/gold.json" "$en" "$ru" "$d" ||
		{ fail "$tag very different lengths" "could not prepare"; return; }
	f1_run "$tag very different lengths ($(grep -c . "$d/en.seg") against $(grep -c . "$d/ru.seg") sentences)" \
		"$d/gold.json" 0.98 -- --segmented "$d/en.seg" "$d/ru.seg"
	if termin align -q -f tsv --segmented "$d/en.seg" "$d/ru.seg" >/dev/null 2>&1; then
		ok "$tag very different lengths: no refusal"
	else
		fail "$tag very different lengths" "termin align refused"
	fi
}

if [ -f "$DEV_GOLD" ]; then
	pairs_tests dev "$DEV_GOLD" "$DEV_EN" "$DEV_RU"
else
	shared_missing "dev pair"
fi
pairs_tests examples "$EX_GOLD" "$EX_EN" "$EX_RU"

# Harder: a missing block right next to an omission or addition of the
# original. The lone sentences may then pair up wrongly, but such a pair
# must not pass unnoticed: every wrong accepted pair counts as a failure,
# wrong beads below --min-confidence (listed for review) do not. F1 is
# reported.
hard_case() {
	local name=$1 gold=$2 en=$3 ru=$4 side=$5 first=$6 n=$7 d="$W/hard-$side-$6"
	mkdir -p "$d"
	$F1 drop "$gold" "$d/gold.json" "$side" "$first" "$n" && $F1 presegment "$d/gold.json" "$en" "$ru" "$d" ||
		{ fail "$name" "could not prepare"; return; }
	termin align -q -f jsonl --segmented "$d/en.seg" "$d/ru.seg" >"$d/out.jsonl" 2>/dev/null ||
		{ fail "$name" "termin align failed"; return; }
	local r silent
	r=$($F1 score "$d/gold.json" "$d/out.jsonl")
	silent=$($F1 silent "$d/gold.json" "$d/out.jsonl")
	if [ "$silent" = 0 ]; then ok "$name: no wrong pair accepted (F1 P R matched predicted gold: $r)"; else
		fail "$name" "$silent wrong pairs accepted (F1 P R matched predicted gold: $r)"; fi
}
hard_case "examples five en sentences missing next to the omission (pairs 16-20)" \
	"$EX_GOLD" "$EX_EN" "$EX_RU" en 16 5

# ---- one side empty ----
: >"$W/empty.txt"
if termin align -f jsonl "$W/empty.txt" "$EX_RU" >"$W/e1.jsonl" 2>"$W/e1.err" &&
	[ "$(grep -c '"bead":"0-1"' "$W/e1.jsonl")" -eq "$(wc -l <"$W/e1.jsonl")" ] &&
	[ "$(wc -l <"$W/e1.jsonl")" -gt 20 ] && grep -q ' 0 pairs accepted' "$W/e1.err"; then
	ok "empty English side: every Russian sentence an addition"
else
	fail "empty English side" "$(head -c 300 "$W/e1.err")"
fi
if termin align -o "$W/e2.tmx" "$EX_EN" "$W/empty.txt" 2>"$W/e2.err" &&
	grep -q "omissions" "$W/e2.err" && ! grep -q '<tu ' "$W/e2.tmx" &&
	xmllint --noout --dtdvalid "$DTD" "$W/e2.tmx" 2>/dev/null; then
	ok "empty Russian side: every English sentence an omission, empty valid TMX"
elif [ ! -f "$DTD" ]; then
	shared_missing "empty Russian side (TMX DTD)"
else
	fail "empty Russian side" "$(head -c 300 "$W/e2.err")"
fi
if termin align -f jsonl "$W/empty.txt" "$W/empty.txt" >"$W/e3.jsonl" 2>"$W/e3.err" && [ ! -s "$W/e3.jsonl" ]; then
	ok "both sides empty"
else
	fail "both sides empty" "$(head -c 300 "$W/e3.err")"
fi

# ---- TMX against the DTD ----
if [ -f "$DTD" ]; then
	if termin align -q -o "$W/ex.tmx" "$EX_EN" "$EX_RU" 2>/dev/null &&
		xmllint --noout --dtdvalid "$DTD" "$W/ex.tmx" 2>"$W/xl.err" &&
		[ "$(grep -c '<prop type="x-align-confidence">' "$W/ex.tmx")" -eq "$(grep -c '<tu ' "$W/ex.tmx")" ] &&
		[ "$(grep -c '<tu ' "$W/ex.tmx")" -gt 20 ]; then
		ok "TMX valid against tmx14.dtd, x-align-confidence on every unit"
	else
		fail "TMX" "$(head -c 300 "$W/xl.err")"
	fi
else
	shared_missing "TMX against the DTD"
fi

# ---- --min-confidence, TSV ----
n_all=$(termin align -q -f tsv --min-confidence 0 "$EX_EN" "$EX_RU" 2>/dev/null | wc -l)
n_hi=$(termin align -q -f tsv --min-confidence 0.999 "$EX_EN" "$EX_RU" 2>"$W/mc.err" | wc -l)
termin align -f tsv --min-confidence 0.999 "$EX_EN" "$EX_RU" 2>"$W/mc.err" >/dev/null
doubt=$(grep -c ': doubtful pair (' "$W/mc.err")
if [ "$n_all" -gt "$n_hi" ] && [ $((n_all - n_hi)) -eq "$doubt" ] &&
	termin align -q -f tsv "$EX_EN" "$EX_RU" 2>/dev/null | awk -F'\t' 'NF != 3 { exit 1 }'; then
	ok "--min-confidence: $((n_all - n_hi)) pairs below 0.999 left out of TSV and listed as doubtful"
else
	fail "--min-confidence" "all $n_all, above 0.999 $n_hi, listed $doubt"
fi

# ---- the review list ----
termin align -o "$W/rv.tmx" "$EX_EN" "$EX_RU" 2>"$W/rv.err"
if grep -q '^termin: align: 33 + 34 segments, 33 beads: .* 1 omissions, 1 additions; ' "$W/rv.err" &&
	grep -q 'cfm-minsk.en.txt:15: omission (1-0, confidence ' "$W/rv.err" &&
	grep -q 'cfm-minsk.ru.txt:7: addition (0-1, confidence ' "$W/rv.err"; then
	ok "review list names file:line of the omission and the addition"
else
	fail "review list" "$(cat "$W/rv.err")"
fi

# ---- HTML: self-contained and escaped ----
printf 'The <b>CSTO</b> & "partners" met in Minsk.\nA second sentence follows here.\n' >"$W/h.en"
printf 'ОДКБ <b>и</b> «партнёры» встретились в Минске.\nЗатем следует второе предложение.\n' >"$W/h.ru"
if termin align -q -o "$W/h.html" "$W/h.en" "$W/h.ru" 2>/dev/null &&
	grep -q 'The &lt;b&gt;CSTO&lt;/b&gt; &amp; &quot;partners&quot;' "$W/h.html" &&
	! grep -q '<b>' "$W/h.html" && ! grep -Eqi '(src|href)="(https?:)?//' "$W/h.html" &&
	! grep -qi '<script\|<link' "$W/h.html" &&
	xmllint --html --noout "$W/h.html" 2>/dev/null; then
	ok "HTML review page: escaped, self-contained, parses"
else
	fail "HTML review page" "not escaped or not self-contained"
fi
termin align -q -o "$W/rv.html" "$EX_EN" "$EX_RU" 2>/dev/null
if grep -q '<h2>For review</h2>' "$W/rv.html" && grep -q 'class="omission' "$W/rv.html" &&
	grep -q 'class="addition' "$W/rv.html"; then
	ok "HTML review page lists omissions and additions"
else
	fail "HTML review page" "no review section"
fi

# ---- --db ----
db="$W/tm.db"
if termin align -q --db "$db" --doc cfm-minsk "$EX_EN" "$EX_RU" >"$W/db.out" 2>"$W/db.err" &&
	[ ! -s "$W/db.out" ] && grep -q '^termin: align: 31 pairs stored in .* (31 new)$' "$W/db.err"; then
	units=$(sqlite3 "$db" 'SELECT count(*) FROM tu')
	conf=$(sqlite3 "$db" "SELECT count(*) FROM meta WHERE type = 'x-align-confidence'")
	docs=$(sqlite3 "$db" 'SELECT name FROM doc')
	if [ "$units" = 31 ] && [ "$conf" = 31 ] && [ "$docs" = cfm-minsk ]; then
		ok "--db: 31 pairs in the TM with x-align-confidence and the document name"
	else
		fail "--db" "units $units, confidence props $conf, documents '$docs'"
	fi
	termin align -q --db "$db" "$EX_EN" "$EX_RU" 2>"$W/db2.err" >/dev/null
	if grep -q 'stored in .* (0 new)$' "$W/db2.err" && [ "$(sqlite3 "$db" 'SELECT count(*) FROM tu')" = 31 ]; then
		ok "--db twice: no duplicate units"
	else
		fail "--db twice" "$(cat "$W/db2.err")"
	fi
	if [ -f "$DTD" ] && termin tm export --db "$db" -o "$W/db.tmx" 2>/dev/null &&
		xmllint --noout --dtdvalid "$DTD" "$W/db.tmx" 2>/dev/null &&
		[ "$(grep -c '<prop type="x-align-confidence">' "$W/db.tmx")" = 31 ]; then
		ok "--db: tm export gives valid TMX with the confidences"
	else
		fail "--db export" "invalid or incomplete TMX"
	fi
else
	fail "--db" "$(cat "$W/db.err")"
fi
# a failure leaves the TM and the output file untouched
before=$(sqlite3 "$db" 'SELECT count(*) FROM tu' 2>/dev/null)
printf 'Good.\nBad \377 byte.\n' >"$W/bad.txt"
termin align -q --db "$db" -o "$W/bad.tmx" "$W/bad.txt" "$EX_RU" 2>/dev/null
rc=$?
if [ "$rc" = 3 ] && [ ! -e "$W/bad.tmx" ] && [ "$(sqlite3 "$db" 'SELECT count(*) FROM tu')" = "$before" ]; then
	ok "bad input: exit 3, no output file, TM unchanged"
else
	fail "bad input with --db" "exit $rc"
fi
echo 'not a database' >"$W/notdb"
termin align -q --db "$W/notdb" -o "$W/nd.tmx" "$EX_EN" "$EX_RU" 2>/dev/null
rc=$?
if [ "$rc" = 4 ] && [ ! -e "$W/nd.tmx" ]; then
	ok "--db on a file that is not a database: exit 4, no output file"
else
	fail "--db not a database" "exit $rc"
fi
