#!/usr/bin/env bash
# Pre-translated jobs (termin pretranslate) read by the real peers:
# xmllint validates the TMX against the TMX 1.4b DTD, and translate-toolkit
# reads the XLIFF 1.2 and the TMX with the same segments, targets and
# match flags.
set -u
: "${TERMIN:?}" "${SRC:?}" "${SHARED:=$SRC/../shared}"
T=$(mktemp -d /tmp/termin-fuzzy-peers-XXXXXX)
trap 'rm -rf "$T"' EXIT
run() { ${TERMIN_WRAP:-} "$TERMIN" "$@"; }

cat >"$T/tm.tsv" <<'TSV'
en	ru
The CSTO Secretary General held a working meeting in Minsk.	Генеральный секретарь ОДКБ провёл рабочую встречу в Минске.
The Council of Foreign Ministers will meet in Almaty.	Совет министров иностранных дел соберётся в Алматы.
The exercise "Interaction-2025" & the staff talks ended.	Учение «Взаимодействие-2025» и штабные переговоры завершились.
TSV
cat >"$T/job.txt" <<'TXT'
The CSTO Secretary General held a working meeting in Moscow. The Council of Foreign Ministers will meet in Almaty.
The exercise "Interaction-2025" & the staff talks ended. Nothing in the memory resembles this sentence.
TXT
if ! run tm import --db "$T/t.db" "$T/tm.tsv" >/dev/null 2>"$T/err" ||
   ! run pretranslate --db "$T/t.db" "$T/job.txt" -o "$T/job.tmx" 2>"$T/err" ||
   ! run pretranslate --db "$T/t.db" --include-unmatched "$T/job.txt" -o "$T/all.tmx" 2>"$T/err" ||
   ! run pretranslate --db "$T/t.db" "$T/job.txt" -o "$T/job.xlf" 2>"$T/err"; then
	echo "FAIL - fuzzy peers: termin failed: $(head -c 300 "$T/err")"
	exit 0
fi

if ! command -v xmllint >/dev/null; then
	echo "skip - pretranslate TMX valid against the DTD: xmllint is not installed"
elif [ ! -f "$SHARED/spec/tmx14.dtd" ]; then
	if [ "${CI:-}" = true ]; then echo "FAIL - pretranslate TMX valid against the DTD: $SHARED is missing (CI=true)"
	else echo "skip - pretranslate TMX valid against the DTD: NOTICE: $SHARED is absent"; fi
else
	for f in job.tmx all.tmx; do
		if xmllint --noout --dtdvalid "$SHARED/spec/tmx14.dtd" "$T/$f" 2>"$T/xerr"; then
			echo "ok - pretranslate $f valid against the TMX 1.4b DTD"
		else
			echo "FAIL - pretranslate $f valid against the TMX 1.4b DTD: $(grep -v 'failed to load external entity' "$T/xerr" | head -3)"
		fi
	done
fi

PY=/usr/bin/python3
if ! [ -x "$PY" ] || ! "$PY" -c 'import translate.storage.xliff' 2>/dev/null; then
	echo "skip - translate-toolkit reads the pre-translated XLIFF and TMX: translate-toolkit is not installed"
	exit 0
fi
out=$("$PY" - "$T" <<'PYEOF' 2>&1
import sys
from translate.storage import xliff, tmx
d = sys.argv[1]
x = xliff.xlifffile.parsefile(d + "/job.xlf")
units = [u for u in x.units if not u.isheader()]
assert len(units) == 4, len(units)
assert units[0].target == "Генеральный секретарь ОДКБ провёл рабочую встречу в Минске.", units[0].target
assert units[0].isfuzzy()
alt = units[0].getalttrans()
assert alt and alt[0].source == "The CSTO Secretary General held a working meeting in Minsk.", alt
assert units[1].target == "Совет министров иностранных дел соберётся в Алматы."
assert units[2].source == 'The exercise "Interaction-2025" & the staff talks ended.', units[2].source
assert units[2].target == "Учение «Взаимодействие-2025» и штабные переговоры завершились."
assert not units[3].target
t = tmx.tmxfile.parsefile(d + "/job.tmx")
assert len(t.units) == 3, len(t.units)
assert t.units[0].source == "The CSTO Secretary General held a working meeting in Moscow."
assert t.units[0].target == "Генеральный секретарь ОДКБ провёл рабочую встречу в Минске."
a = tmx.tmxfile.parsefile(d + "/all.tmx")
assert len(a.units) == 4, len(a.units)
print("same")
PYEOF
)
if [ "$out" = same ]; then
	echo "ok - translate-toolkit reads the pre-translated XLIFF and TMX"
else
	echo "FAIL - translate-toolkit reads the pre-translated XLIFF and TMX: $out"
fi
