#!/usr/bin/env bash
# glossary_peers.sh - termin's glossary exports read by the real peers:
#   - translate-toolkit's tbx2po converts our martif export: one PO unit per
#     entry, msgid/msgstr = the English/Russian preferred terms (tbx2po keeps
#     only the first term of each language of an entry: its model);
#   - OmegaT 3.6's GlossaryReaderTSV reads our TSV export with every row,
#     all three columns unchanged (OmegaT loads only glossary files named
#     *.txt, *.tab or *.utf8 - UTF-8 for .utf8 - so the file is read under
#     a .utf8 name, as a user must name it in an OmegaT project);
#   - OmegaT 3.6's GlossaryReaderTBX reads our martif export with every
#     entry: for each concept, every English term paired with every Russian
#     term, exactly;
#   - the martif export validates against the TBX schema OmegaT ships
#     (schemas/tbx.xsd in OmegaT.jar, with the xml: namespace it lacks
#     declared), and a broken martif does not.
# The expected sets come from `termin glossary export --format jsonl`.
set -u
cd "$(dirname "$0")/../.." || exit 2
SRC=$(pwd)
: "${TERMIN:=$SRC/build/termin}"
: "${TERMIN_WRAP:=}"
JAR=/usr/share/omegat/OmegaT.jar
PY=/usr/bin/python3
N="glossary peers"

W=$(mktemp -d /tmp/termin-glpeer-XXXXXX)
trap 'rm -rf "$W"' EXIT
# the shipped glossary alone, whatever database the caller has
G=(--no-default-glossary -g "$SRC/glossary/csto.tbx")
if ! $TERMIN_WRAP "$TERMIN" glossary export "${G[@]}" -f tbx2 -o "$W/csto.martif.tbx" ||
   ! $TERMIN_WRAP "$TERMIN" glossary export "${G[@]}" -f tsv -o "$W/csto.tsv" ||
   ! $TERMIN_WRAP "$TERMIN" glossary export "${G[@]}" -f jsonl -o "$W/csto.jsonl"; then
	echo "FAIL - $N: termin glossary export failed"
	exit 0
fi

# --- translate-toolkit ---
if ! command -v tbx2po >/dev/null 2>&1 || ! $PY -c 'import translate' 2>/dev/null; then
	echo "skip - $N: tbx2po reads the martif export: NOTICE: translate-toolkit is not installed"
elif ! tbx2po "$W/csto.martif.tbx" "$W/csto.po" >"$W/tbx2po.log" 2>&1; then
	echo "FAIL - $N: tbx2po reads the martif export: tbx2po failed: $(tail -c 400 "$W/tbx2po.log")"
else
	why=$($PY - "$W/csto.po" "$W/csto.jsonl" <<'PYEOF'
import json, sys
from translate.storage import po
units = [u for u in po.pofile.parsefile(sys.argv[1]).units if not u.isheader()]
want = []
for line in open(sys.argv[2], encoding="utf-8"):
    c = json.loads(line)
    def pref(lang):
        ts = [t for t in c["terms"] if t["lang"].split("-")[0] == lang]
        p = [t for t in ts if t.get("status") == "preferred"]
        return (p or ts)[0]["term"]
    want.append((pref("en"), pref("ru")))
got = [(u.source, u.target) for u in units]
if len(got) != len(want):
    print("%d PO units, %d entries" % (len(got), len(want)))
else:
    bad = [(g, w) for g, w in zip(got, want) if g != w]
    if bad:
        print("%d units differ, first: %r, expected %r" % (len(bad), bad[0][0], bad[0][1]))
    else:
        print("OK %d" % len(got))
PYEOF
)
	case "$why" in
	"OK "*) echo "ok - $N: tbx2po reads the martif export (${why#OK } entries, preferred pairs)" ;;
	*) echo "FAIL - $N: tbx2po reads the martif export: $why" ;;
	esac
fi

# --- OmegaT ---
omegat_cases="OmegaT GlossaryReaderTSV reads the TSV export|OmegaT GlossaryReaderTBX reads the martif export|the martif export validates against OmegaT's tbx.xsd"
skip_omegat() {
	local IFS='|'
	for c in $omegat_cases; do echo "skip - $N: $c: $1"; done
	exit 0
}
for tool in java javac xmllint; do
	command -v "$tool" >/dev/null 2>&1 ||
		skip_omegat "NOTICE: $tool is not installed (Debian packages default-jdk-headless, libxml2-utils)"
done
[ -f "$JAR" ] || skip_omegat "NOTICE: $JAR is missing (Debian package omegat)"
mkdir -p "$W/classes" "$W/project"
if ! javac -nowarn -d "$W/classes" -cp "$JAR" tests/integration/GlossaryPeer.java 2>"$W/javac.err"; then
	echo "FAIL - $N: javac failed: $(head -c 400 "$W/javac.err")"
	exit 0
fi
peer() { java -Djava.awt.headless=true -cp "$W/classes:$JAR" GlossaryPeer "$@" 2>"$W/java.err"; }

cp "$W/csto.tsv" "$W/csto.utf8"
if ! peer tsv "$W/csto.utf8" "$W/project" >"$W/omegat-tsv.out"; then
	echo "FAIL - $N: OmegaT GlossaryReaderTSV reads the TSV export: $(head -c 400 "$W/java.err")"
elif grep -v '^#' "$W/csto.tsv" | cmp -s - "$W/omegat-tsv.out"; then
	echo "ok - $N: OmegaT GlossaryReaderTSV reads the TSV export ($(wc -l <"$W/omegat-tsv.out") rows, every column)"
else
	echo "FAIL - $N: OmegaT GlossaryReaderTSV reads the TSV export: entries differ: $(grep -v '^#' "$W/csto.tsv" | diff - "$W/omegat-tsv.out" | head -c 400)"
fi

if ! peer tbx "$W/csto.martif.tbx" "$W/project" >"$W/omegat-tbx.out"; then
	echo "FAIL - $N: OmegaT GlossaryReaderTBX reads the martif export: $(head -c 400 "$W/java.err")"
else
	why=$(python3 - "$W/omegat-tbx.out" "$W/csto.jsonl" <<'PYEOF'
import json, sys
want = set()
n = 0
for line in open(sys.argv[2], encoding="utf-8"):
    c = json.loads(line)
    en = [t["term"] for t in c["terms"] if t["lang"].split("-")[0] == "en"]
    ru = [t["term"] for t in c["terms"] if t["lang"].split("-")[0] == "ru"]
    for e in en:
        for r in ru:
            want.add((e, r))
            n += 1
got = [tuple(l.rstrip("\n").split("\t")[:2]) for l in open(sys.argv[1], encoding="utf-8")]
if len(got) != n or set(got) != want:
    miss = sorted(want - set(got))[:3]
    print("%d entries, expected %d; missing %r" % (len(got), n, miss))
else:
    print("OK %d" % n)
PYEOF
)
	case "$why" in
	"OK "*) echo "ok - $N: OmegaT GlossaryReaderTBX reads the martif export (${why#OK } term pairs)" ;;
	*) echo "FAIL - $N: OmegaT GlossaryReaderTBX reads the martif export: $why" ;;
	esac
fi

# OmegaT's TBX schema lacks the import of the xml: namespace; declare it.
mkdir -p "$W/schemas"
python3 -c 'import sys, zipfile; sys.stdout.buffer.write(zipfile.ZipFile(sys.argv[1]).read("schemas/tbx.xsd"))' \
	"$JAR" >"$W/schemas/tbx.xsd" 2>/dev/null
cat >"$W/xml.xsd" <<'XSD'
<?xml version="1.0"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="http://www.w3.org/XML/1998/namespace">
  <xs:attribute name="lang" type="xs:language"/>
  <xs:attribute name="space"><xs:simpleType><xs:restriction base="xs:NCName"><xs:enumeration value="default"/><xs:enumeration value="preserve"/></xs:restriction></xs:simpleType></xs:attribute>
</xs:schema>
XSD
sed 's#<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" elementFormDefault="qualified">#&<xs:import namespace="http://www.w3.org/XML/1998/namespace" schemaLocation="xml.xsd"/>#' \
	"$W/schemas/tbx.xsd" >"$W/tbx.xsd" 2>/dev/null
sed 's#<termNote type="termType">#<bogus/>&#' "$W/csto.martif.tbx" >"$W/broken.tbx"
if [ ! -s "$W/tbx.xsd" ]; then
	echo "FAIL - $N: the martif export validates against OmegaT's tbx.xsd: schemas/tbx.xsd not found in $JAR"
elif ! xmllint --noout --schema "$W/tbx.xsd" "$W/csto.martif.tbx" 2>"$W/xsd.err"; then
	echo "FAIL - $N: the martif export validates against OmegaT's tbx.xsd: $(head -c 400 "$W/xsd.err")"
elif xmllint --noout --schema "$W/tbx.xsd" "$W/broken.tbx" 2>/dev/null; then
	echo "FAIL - $N: the martif export validates against OmegaT's tbx.xsd: a broken file validates too"
else
	echo "ok - $N: the martif export validates against OmegaT's tbx.xsd"
fi
