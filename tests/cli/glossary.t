# termin glossary (import, export, lookup, validate) and termin terms, with
# the shipped glossary (glossary/csto.tbx) and small glossaries of the case.

%%TEST lookup: a Russian inflected form finds its entry
%%ARGS glossary lookup "Коллективных сил оперативного реагирования"
%%STDOUT-HAS
"Коллективных сил оперативного реагирования": preferred ru "Коллективные силы оперативного реагирования"
crrf - Collective Rapid Reaction Forces (force)
  en  preferred   Collective Rapid Reaction Forces  (fullForm)
  ru  admitted    КСОР  (abbreviation, case-sensitive)

%%TEST lookup: a deprecated English form says what to use instead
%%ARGS glossary lookup "the Collective Rapid Response Force's commander"
%%STDOUT-HAS
"Collective Rapid Response Force's": deprecated en "Collective Rapid Response Forces"
  use instead: Collective Rapid Reaction Forces
  en  deprecated  Collective Rapid Response Forces  (variant)

%%TEST lookup: several terms in one text, genitive plural of member states
%%ARGS glossary lookup "государств-членов ОДКБ и КСОР"
%%STDOUT-HAS
"государств-членов ОДКБ": preferred ru "государства – члены ОДКБ"
member-state - member state (concept)
"КСОР": admitted ru "КСОР"
crrf - Collective Rapid Reaction Forces (force)

%%TEST lookup: nothing found exits 1
%%ARGS glossary lookup "weather forecast"
%%EXIT 1
%%STDERR
termin: no glossary term in 'weather forecast'

%%TEST lookup: acronyms are case-sensitive
%%ARGS glossary lookup csto
%%EXIT 1
%%STDERR
termin: no glossary term in 'csto'

%%TEST --glossary adds entries to the shipped glossary
%%FILE my.tsv
Blue Helmet Force	Силы голубых касок	our test term
%%ARGS glossary lookup -g my.tsv "Blue Helmet Forces and CSTO"
%%STDOUT-HAS
"Blue Helmet Forces": term en "Blue Helmet Force"
  ru  -           Силы голубых касок
"CSTO": admitted en "CSTO"

%%TEST --no-default-glossary uses only the --glossary files
%%FILE my.tsv
Blue Helmet Force	Силы голубых касок	our test term
%%ARGS glossary lookup --no-default-glossary --glossary my.tsv CSTO
%%EXIT 1
%%STDERR
termin: no glossary term in 'CSTO'

%%TEST --glossary replaces a shipped entry with the same id
%%FILE crrf.csv
id,en_1,en_1_status,ru_1,ru_1_status
crrf,Rapid Reaction Force,preferred,Силы реагирования,preferred
%%ARGS glossary lookup -g crrf.csv "Collective Rapid Response Forces; Rapid Reaction Forces"
%%STDOUT
"Rapid Reaction Forces": preferred en "Rapid Reaction Force"
crrf - Rapid Reaction Force
  en  preferred   Rapid Reaction Force
  ru  preferred   Силы реагирования

%%TEST no glossary at all
%%ARGS glossary lookup --no-default-glossary CSTO
%%EXIT 4
%%STDERR
termin: no glossary: the shipped glossary is not installed and no --glossary FILE was given

%%TEST validate: the shipped glossary is clean
%%ARGS glossary validate
%%STDERR
197 entries, 839 terms: 0 errors, 0 warnings

%%TEST validate: findings as FILE:LINE, exit 1
%%ARGS glossary validate "$SRC/tests/data/glossary/problems.tbx"
%%EXIT 1
%%STDOUT-HAS
/tests/data/glossary/problems.tbx:14: error: entry 'zone' has no Russian term [missing-language]
/tests/data/glossary/problems.tbx:28: error: entry id 'crrf' is used twice (first at
[status-conflict]
[duplicate-term]

%%TEST validate: warnings alone pass unless --fail-on warning
%%FILE w.tbx
<?xml version="1.0" encoding="UTF-8"?>
<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
<tbxHeader><fileDesc><sourceDesc><p>t</p></sourceDesc></fileDesc></tbxHeader>
<text><body>
<conceptEntry id="a">
<langSec xml:lang="en"><termSec><term>member state</term><termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termSec>
<termSec><term>member-states</term></termSec></langSec>
<langSec xml:lang="ru"><termSec><term>государство-член</term><termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termSec></langSec>
</conceptEntry>
</body></text></tbx>
%%SHELL "$TERMIN" glossary validate w.tbx; echo "rc=$?"; "$TERMIN" glossary validate --fail-on warning w.tbx; echo "rc=$?"
%%STDOUT
w.tbx:7: warning: 'member state' and 'member-states' are the same term to the matcher, twice in entry 'a' [duplicate-term]
rc=0
w.tbx:7: warning: 'member state' and 'member-states' are the same term to the matcher, twice in entry 'a' [duplicate-term]
rc=1

%%TEST validate: malformed TBX exits 3 with file and line
%%FILE broken.tbx
<?xml version="1.0"?>
<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
<text><body>
<conceptEntry id="x">
</body></text></tbx>
%%ARGS glossary validate broken.tbx
%%EXIT 3
%%STDERR
termin: broken.tbx:5: malformed XML: Opening and ending tag mismatch: conceptEntry line 4 and body

%%TEST validate: a DOCTYPE declaring entities is refused
%%FILE evil.tbx
<?xml version="1.0"?>
<!DOCTYPE tbx [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2"><text><body/></text></tbx>
%%ARGS glossary validate evil.tbx
%%EXIT 3
%%STDERR-HAS
evil.tbx:

%%TEST import: stores the glossary in the project database; commands then use it
%%FILE my.tsv
Blue Helmet Force	Силы голубых касок	our test term
%%SHELL "$TERMIN" glossary import my.tsv && "$TERMIN" glossary lookup "Силами голубых касок" && { "$TERMIN" glossary lookup CSTO; echo "rc=$?"; } && "$TERMIN" glossary lookup -g "$SRC/glossary/csto.tbx" CSTO | head -1 && TERMIN_DB=other.db "$TERMIN" glossary lookup CSTO | head -1
%%STDOUT
"Силами голубых касок": term ru "Силы голубых касок"
blue-helmet-force - Blue Helmet Force
  en  -           Blue Helmet Force
  ru  -           Силы голубых касок
  note: our test term
rc=1
"CSTO": admitted en "CSTO"
"CSTO": admitted en "CSTO"

%%TEST import: the stored glossary exports exactly as the file it came from
%%SHELL "$TERMIN" glossary import "$SRC/glossary/csto.tbx" 2>/dev/null && "$TERMIN" glossary export -f tbx -o db.tbx && "$TERMIN" glossary export --no-default-glossary -g "$SRC/glossary/csto.tbx" -f tbx -o file.tbx && cmp db.tbx file.tbx && sqlite3 termin.db 'SELECT count(*) FROM glossary_concept; SELECT user_version >= 2 FROM pragma_user_version;'
%%STDOUT
197
1

%%TEST import: a second import replaces the first; --glossary still adds on top
%%FILE a.tsv
Blue Helmet Force	Силы голубых касок
%%FILE b.tsv
Green Beret	Зелёный берет
%%SHELL "$TERMIN" glossary import --db p.db a.tsv 2>/dev/null && "$TERMIN" glossary import --db p.db b.tsv && { "$TERMIN" glossary lookup --db p.db "Blue Helmet Force"; echo "rc=$?"; } && TERMIN_DB=p.db "$TERMIN" glossary lookup -g a.tsv "green berets and Blue Helmet Forces" | grep '^"'
%%STDOUT
rc=1
"green berets": term en "Green Beret"
"Blue Helmet Forces": term en "Blue Helmet Force"
%%STDERR
p.db: 1 entries, 2 terms stored
termin: no glossary term in 'Blue Helmet Force'

%%TEST a database without a glossary: the shipped one is used
%%FILE pairs.tsv
The CSTO met.	ОДКБ собралась.
%%SHELL "$TERMIN" tm import pairs.tsv >/dev/null 2>&1 && test -f termin.db && "$TERMIN" glossary lookup CSTO | head -1
%%STDOUT
"CSTO": admitted en "CSTO"

%%TEST a damaged database is an I/O error, not silently ignored
%%FILE termin.db
this is not an SQLite database
%%ARGS glossary lookup CSTO
%%EXIT 4
%%STDERR-HAS
termin.db

%%TEST import: a malformed file stores nothing
%%FILE broken.tbx
<?xml version="1.0"?>
<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
<text><body>
<conceptEntry id="x">
</body></text></tbx>
%%ARGS glossary import --db p.db broken.tbx
%%EXIT 3
%%STDERR
termin: broken.tbx:5: malformed XML: Opening and ending tag mismatch: conceptEntry line 4 and body
%%ABSENT p.db
%%ABSENT p.db.glossary.tbx

%%TEST import: a file without entries is refused
%%FILE empty.tsv
# nothing here
%%ARGS glossary import --db p.db empty.tsv
%%EXIT 3
%%STDERR
termin: empty.tsv: no glossary entries found; nothing stored

%%TEST export: martif is well-formed and carries every concept
%%NEEDS xmllint
%%SHELL "$TERMIN" glossary export --format tbx2 -o out.tbx && xmllint --noout out.tbx && grep -c '<termEntry ' out.tbx && grep -c '<term>' out.tbx
%%STDOUT
197
839

%%TEST export: every format is deterministic and re-imports with the same terms
%%SHELL for f in tbx tbx2 tsv csv; do "$TERMIN" glossary export -f $f -o a.$f && "$TERMIN" glossary export -f $f -o b.$f && cmp a.$f b.$f || echo "$f differs"; done; for f in tbx tbx2 csv; do "$TERMIN" glossary export --no-default-glossary -g a.$f -f $f -o c.$f && cmp a.$f c.$f || echo "$f round trip differs"; done; echo done
%%STDOUT
done

%%TEST export: TMX pairs validate against the TMX DTD
%%NEEDS-SHARED
%%NEEDS xmllint
%%SHELL SOURCE_DATE_EPOCH=1700000000 "$TERMIN" glossary export -f tmx -o g.tmx && xmllint --noout --dtdvalid "$SHARED/spec/tmx14.dtd" g.tmx && grep -c '<tu ' g.tmx | awk '$1 > 500 {print "many units"}'
%%STDOUT
many units

%%TEST export: usage errors
%%SHELL "$TERMIN" glossary export; echo "rc=$?"; "$TERMIN" glossary export -f docx; echo "rc=$?"; "$TERMIN" glossary frob; echo "rc=$?"
%%STDOUT
rc=2
rc=2
rc=2
%%STDERR
termin glossary export: --format is required
Try 'termin help glossary export'.
termin glossary export: --format must be one of tbx|tbx2|tsv|csv|tmx|jsonl, not 'docx'
Try 'termin help glossary export'.
termin: unknown command 'glossary frob'; see 'termin help glossary'

%%TEST help glossary lookup equals glossary lookup --help
%%SHELL [ "$("$TERMIN" help glossary lookup)" = "$("$TERMIN" glossary lookup --help)" ] && "$TERMIN" help glossary lookup | head -1
%%STDOUT
usage: termin glossary lookup [OPTIONS] TEXT...

%%TEST export FILE: converts exactly that file, whatever the database holds
%%FILE my.tsv
Blue Helmet Force	Силы голубых касок	our test term
%%SHELL "$TERMIN" glossary import "$SRC/glossary/csto.tbx" 2>/dev/null && "$TERMIN" glossary export -f csv my.tsv
%%STDOUT
﻿id,subject_field,definition,note,source,en_1,en_1_status,en_1_type,en_1_pos,en_1_case,en_1_note,en_1_source,ru_1,ru_1_status,ru_1_type,ru_1_pos,ru_1_case,ru_1_note,ru_1_source
blue-helmet-force,,,our test term,,Blue Helmet Force,,,,,,,Силы голубых касок,,,,,,
