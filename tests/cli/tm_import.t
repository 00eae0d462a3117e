# termin tm import: untrusted XML, one transaction per file, --skip-invalid,
# encodings, Level 2 markup, TSV and text. Exact messages for bad input.

%%TEST external entity: refused, nothing fetched or stored
%%FILE xxe.tmx
<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE tmx [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" datatype="plaintext" srclang="en"/><body>
<tu><tuv xml:lang="en"><seg>&xxe;</seg></tuv><tuv xml:lang="ru"><seg>б</seg></tuv></tu>
</body></tmx>
%%ARGS tm import --db t.db xxe.tmx
%%EXIT 3
%%STDERR
termin: xxe.tmx:2:1: the DOCTYPE declares entities; refused (termin expands no entities and loads no DTD)
%%CHECK "$TERMIN" tm dump --db t.db > d && [ ! -s d ]

%%TEST external entity also with --skip-invalid
%%FILE xxe.tmx
<?xml version="1.0"?>
<!DOCTYPE tmx SYSTEM "tmx14.dtd" [ <!ENTITY % p SYSTEM "http://127.0.0.1:9/x.dtd"> %p; ]>
<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" datatype="plaintext" srclang="en"/><body/></tmx>
%%ARGS tm import --db t.db --skip-invalid xxe.tmx
%%EXIT 3
%%STDERR
termin: xxe.tmx:2:1: the DOCTYPE declares entities; refused (termin expands no entities and loads no DTD)

%%TEST billion laughs: refused at once
%%FILE lol.tmx
<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE tmx [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" datatype="plaintext" srclang="en"/><body>
<tu><tuv xml:lang="en"><seg>&lol9;</seg></tuv><tuv xml:lang="ru"><seg>б</seg></tuv></tu>
</body></tmx>
%%ARGS tm import --db t.db lol.tmx
%%EXIT 3
%%STDERR
termin: lol.tmx:2:1: the DOCTYPE declares entities; refused (termin expands no entities and loads no DTD)

%%TEST an undeclared entity is malformed XML
%%FILE nbsp.tmx
<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" datatype="plaintext" srclang="en"/><body>
<tu><tuv xml:lang="en"><seg>a&nbsp;b</seg></tuv><tuv xml:lang="ru"><seg>б</seg></tuv></tu>
</body></tmx>
%%ARGS tm import --db t.db nbsp.tmx
%%EXIT 3
%%STDERR
termin: nbsp.tmx:3:36: malformed XML: Entity 'nbsp' not defined
%%CHECK "$TERMIN" tm dump --db t.db > d && [ ! -s d ]

%%TEST an external DTD is never fetched
%%FILE dtd.tmx
<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE tmx SYSTEM "http://127.0.0.1:9/tmx14.dtd">
<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" datatype="plaintext" srclang="en"/><body>
<tu><tuv xml:lang="en"><seg>a</seg></tuv><tuv xml:lang="ru"><seg>б</seg></tuv></tu>
</body></tmx>
%%ARGS tm import --db t.db dtd.tmx
%%STDOUT
dtd.tmx: 1 unit (1 new, 0 already in the TM)
%%STDERR

%%TEST malformed XML late in the file: nothing of the file is stored
%%FILE broken.tmx
<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" datatype="plaintext" srclang="en"/><body>
<tu><tuv xml:lang="en"><seg>good</seg></tuv><tuv xml:lang="ru"><seg>хорошо</seg></tuv></tu>
<tu><tuv xml:lang="en"><seg>bad</tuv></tu>
</body></tmx>
%%ARGS tm import --db t.db broken.tmx
%%EXIT 3
%%STDERR
termin: broken.tmx:4:38: malformed XML: Opening and ending tag mismatch: seg line 4 and tuv
%%CHECK "$TERMIN" tm dump --db t.db > d && [ ! -s d ]
%%CHECK "$TERMIN" tm stats --db t.db | grep -qx 'imports       0 files, 0 documents'

%%TEST one transaction per file: the good file is stored, the bad one not, exit 3
%%FILE good.tsv
en	ru
The CSTO met.	ОДКБ собралась.
%%FILE broken.tmx
<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" datatype="plaintext" srclang="en"/><body>
<tu><tuv xml:lang="en"><seg>good</seg></tuv><tuv xml:lang="ru"><seg>хорошо</seg></tuv></tu>
<tu><tuv xml:lang="en"><seg>bad</tuv></tu>
</body></tmx>
%%ARGS tm import --db t.db good.tsv broken.tmx --skip-invalid
%%EXIT 3
%%STDOUT
good.tsv: 1 unit (1 new, 0 already in the TM)
%%STDERR
termin: broken.tmx:4:38: malformed XML: Opening and ending tag mismatch: seg line 4 and tuv
%%CHECK [ "$("$TERMIN" tm dump --db t.db | wc -l)" = 1 ] && "$TERMIN" tm dump --db t.db | grep -q 'ОДКБ собралась'

%%TEST invalid units reject the whole file, the first one named
%%FILE mixed.tmx
<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" datatype="plaintext" srclang="en"/><body>
<tu><tuv xml:lang="en"><seg>one</seg></tuv><tuv xml:lang="ru"><seg>один</seg></tuv></tu>
<tu><tuv xml:lang="en"><seg>two</seg></tuv><tuv xml:lang="russian"><seg>два</seg></tuv></tu>
<tu><tuv xml:lang="en"><seg>three <sub>x</sub></seg></tuv><tuv xml:lang="ru"><seg>три</seg></tuv></tu>
</body></tmx>
%%ARGS tm import --db t.db mixed.tmx
%%EXIT 3
%%STDERR
termin: mixed.tmx:4:44: xml:lang: 'russian' is not a BCP 47 language code (did you mean 'ru'?)
%%CHECK "$TERMIN" tm dump --db t.db > d && [ ! -s d ]

%%TEST --skip-invalid stores the good units and lists every skipped one
%%FILE mixed.tmx
<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" datatype="plaintext" srclang="en"/><body>
<tu><tuv xml:lang="en"><seg>one</seg></tuv><tuv xml:lang="ru"><seg>один</seg></tuv></tu>
<tu><tuv xml:lang="en"><seg>two</seg></tuv><tuv xml:lang="russian"><seg>два</seg></tuv></tu>
<tu><tuv xml:lang="en"><seg>three <sub>x</sub></seg></tuv><tuv xml:lang="ru"><seg>три</seg></tuv></tu>
<tu><tuv xml:lang="en"><seg>four <bpt x="1">&lt;b></bpt></seg></tuv><tuv xml:lang="ru"><seg>четыре</seg></tuv></tu>
<tu><tuv xml:lang="en"><seg>five <it pos="middle">&lt;b></it></seg></tuv><tuv xml:lang="ru"><seg>пять</seg></tuv></tu>
<tu><tuv xml:lang="en"></tuv><tuv xml:lang="ru"><seg>шесть</seg></tuv></tu>
<tu><tuv><seg>seven</seg></tuv></tu>
<tu></tu>
<tu><tuv xml:lang="en"><seg>nine <ph x="1" foo="bar">&lt;br/></ph></seg></tuv><tuv xml:lang="ru"><seg>девять <ph x="1">&lt;br/></ph></seg></tuv></tu>
<tu><tuv xml:lang="en"><seg>ten <b>bold</b></seg></tuv><tuv xml:lang="ru"><seg>десять</seg></tuv></tu>
</body></tmx>
%%ARGS tm import --db t.db --skip-invalid mixed.tmx
%%STDOUT
mixed.tmx: 2 units (2 new, 0 already in the TM), 8 invalid units skipped
%%STDERR
termin: skipped: mixed.tmx:4:44: xml:lang: 'russian' is not a BCP 47 language code (did you mean 'ru'?)
termin: skipped: mixed.tmx:5:35: <sub> is not allowed inside <seg> (in <seg> of en)
termin: skipped: mixed.tmx:6:34: <bpt> without its required attribute 'i' (in <seg> of en)
termin: skipped: mixed.tmx:7:34: <it pos="middle">: pos must be begin or end (in <seg> of en)
termin: skipped: mixed.tmx:8:5: <tuv xml:lang="en"> without <seg>
termin: skipped: mixed.tmx:9:5: <tuv> without xml:lang
termin: skipped: mixed.tmx:10:1: <tu> without any <tuv>
termin: warning: mixed.tmx:11:34: en: <ph> attribute 'foo' is not TMX; dropped
termin: skipped: mixed.tmx:12:33: <b> is not a TMX inline element (in <seg> of en)
%%CHECK "$TERMIN" tm dump --db t.db | grep -o '"markup":"[^"]*\(\\"[^"]*\)*"' > got && printf '%s\n' '"markup":"one"' '"markup":"один"' '"markup":"nine <ph x=\"1\">&lt;br/&gt;</ph>"' '"markup":"девять <ph x=\"1\">&lt;br/&gt;</ph>"' | diff - got
%%CHECK "$TERMIN" tm export --db t.db | xmllint --noout --dtdvalid "$SHARED/spec/tmx14.dtd" - 2>&1 | grep -v 'failed to load external entity\|^<!DOCTYPE\|^ *\^' | grep . && exit 1 || true

%%TEST UTF-16 big-endian with a BOM, TMX 1.1 lang=, Level 2 markup with sub and hi kept exactly
%%FILE u8.tmx
<?xml version="1.0" encoding="UTF-16"?>
<tmx version="1.1"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="EN" datatype="plaintext" srclang="EN-GB"/><body>
<tu tuid="7" usagecount="3"><prop type="x-origin">old TM</prop><tuv lang="EN-GB" creationdate="20200102T030405Z"><note>checked</note><seg>Peace &amp; <hi type="b">security</hi> <bpt i="1" x="1">{\b <sub type="x">alt</sub>}</bpt>now<ept i="1">}</ept></seg></tuv><tuv lang="RU-RU"><seg>Мир и <hi type="b">безопасность</hi> <bpt i="1" x="1">{\b <sub type="x">алт</sub>}</bpt>сейчас<ept i="1">}</ept></seg></tuv></tu>
</body></tmx>
%%FILE expected.jsonl
{"tuid":"7","srclang":"en-GB","created":null,"creationid":null,"changed":null,"changeid":null,"lastused":null,"usage":3,"attrs":{},"meta":[{"kind":"prop","type":"x-origin","lang":null,"text":"old TM"}],"variants":[{"lang":"en-GB","created":"20200102T030405Z","creationid":null,"changed":null,"changeid":null,"lastused":null,"usage":0,"attrs":{},"meta":[{"kind":"note","type":null,"lang":null,"text":"checked"}],"markup":"Peace &amp; <hi type=\"b\">security</hi> <bpt i=\"1\" x=\"1\">{\\b <sub type=\"x\">alt</sub>}</bpt>now<ept i=\"1\">}</ept>","text":"Peace & security now"},{"lang":"ru-RU","created":null,"creationid":null,"changed":null,"changeid":null,"lastused":null,"usage":0,"attrs":{},"meta":[],"markup":"Мир и <hi type=\"b\">безопасность</hi> <bpt i=\"1\" x=\"1\">{\\b <sub type=\"x\">алт</sub>}</bpt>сейчас<ept i=\"1\">}</ept>","text":"Мир и безопасность сейчас"}]}
%%SETUP { printf '\376\377'; iconv -f UTF-8 -t UTF-16BE u8.tmx; } > be.tmx
%%ARGS tm import --db t.db be.tmx
%%STDOUT
be.tmx: 1 unit (1 new, 0 already in the TM)
%%STDERR
%%CHECK "$TERMIN" tm dump --db t.db > got.jsonl && diff got.jsonl expected.jsonl

%%TEST UTF-16 little-endian with a BOM gives the same units
%%FILE u8.tmx
<?xml version="1.0" encoding="UTF-16"?>
<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" datatype="plaintext" srclang="en"/><body>
<tu><tuv xml:lang="en"><seg>Peace &amp; <ph x="1">&lt;br/></ph>security</seg></tuv><tuv xml:lang="ru"><seg>Мир и <ph x="1">&lt;br/></ph>безопасность</seg></tuv></tu>
</body></tmx>
%%SETUP { printf '\377\376'; iconv -f UTF-8 -t UTF-16LE u8.tmx; } > le.tmx && sed 's/UTF-16/UTF-8/' u8.tmx > plain.tmx
%%SHELL termin tm import --db le.db le.tmx && termin tm import --db u8.db plain.tmx && "$TERMIN" tm dump --db le.db > a && "$TERMIN" tm dump --db u8.db > b && cmp a b && grep -c 'безопасность' a
%%STDOUT
le.tmx: 1 unit (1 new, 0 already in the TM)
plain.tmx: 1 unit (1 new, 0 already in the TM)
1

%%TEST a file imported before is skipped; --force imports it again and counts usage
%%FILE p.tsv
The CSTO met.	ОДКБ собралась.
%%SHELL termin tm import --db t.db p.tsv && termin tm import --db t.db p.tsv && termin tm import --db t.db --force p.tsv && "$TERMIN" tm stats --db t.db | grep '^usage'
%%STDOUT
p.tsv: 1 unit (1 new, 0 already in the TM)
p.tsv: already imported (same content); skipped (--force imports it again)
p.tsv: 1 unit (0 new, 1 already in the TM)
usage         2 (units counted as often as they were seen)

%%TEST TSV: language header, a bad line rejects the file with its line
%%FILE p.tsv
en	ru
The CSTO met.	ОДКБ собралась.

a line without a tab
Third.	
%%ARGS tm import --db t.db p.tsv
%%EXIT 3
%%STDERR
termin: p.tsv:4:1: 1 column, expected 2 separated by a tab
%%CHECK "$TERMIN" tm dump --db t.db > d && [ ! -s d ]

%%TEST TSV with --skip-invalid: units with languages from the header, empty target untranslated
%%FILE p.tsv
en-GB	ru
The CSTO met.	ОДКБ собралась.
a	b	c
Third.	
%%ARGS tm import --db t.db --skip-invalid p.tsv
%%STDOUT
p.tsv: 2 units (2 new, 0 already in the TM), 1 invalid unit skipped
%%STDERR
termin: skipped: p.tsv:3:1: 3 columns, expected 2 separated by a tab
%%CHECK "$TERMIN" tm stats --db t.db | grep -x 'pairs         en-GB -> ru 1'
%%CHECK "$TERMIN" tm stats --db t.db | grep -x 'units         2 (1 untranslated)'

%%TEST TSV: --src and --tgt name the columns when there is no header
%%FILE p.tsv
The CSTO met.	Die OVKS tagte.
%%ARGS tm import --db t.db --src en-US --tgt de p.tsv
%%STDOUT
p.tsv: 1 unit (1 new, 0 already in the TM)
%%CHECK "$TERMIN" tm stats --db t.db | grep -x 'pairs         en-US -> de 1'

%%TEST text: segmented into source-only units with their document and neighbours
%%FILE news.txt
The Collective Security Treaty Organization met in Minsk. Its Secretary General spoke.

Go back
The meeting ended.
%%ARGS tm import --db t.db --lang en news.txt
%%STDOUT
news.txt: 3 units (3 new, 0 already in the TM)
%%CHECK "$TERMIN" tm stats --db t.db | grep -x 'units         3 (3 untranslated)'
%%CHECK "$TERMIN" tm export --db t.db --include-untranslated --doc news.txt | grep -c '<seg>' | grep -x 3
%%CHECK "$TERMIN" tm export --db t.db --doc news.txt | grep -c '<seg>' | grep -x 0
%%CHECK sqlite3 t.db "SELECT d.name, o.pos, o.prev_hash IS NOT NULL, o.next_hash IS NOT NULL FROM occurrence o JOIN doc d ON d.id = o.doc_id ORDER BY o.pos" | tr '\n' ' ' | grep -x 'news.txt|1|0|1 news.txt|2|1|1 news.txt|3|1|0 '
%%CHECK "$TERMIN" tm export --db t.db --include-untranslated | grep -c 'Go back' | grep -x 0

%%TEST a file that is not TMX
%%FILE x.xml
<?xml version="1.0"?>
<xliff version="1.2"/>
%%ARGS tm import --db t.db x.xml
%%EXIT 3
%%STDERR
termin: x.xml:2:1: not a TMX file: the root element is <xliff>

%%TEST a missing file
%%ARGS tm import --db t.db nosuch.tmx
%%EXIT 4
%%STDERR
termin: nosuch.tmx: cannot open: No such file or directory

%%TEST a database that is not termin's
%%SETUP sqlite3 other.db 'CREATE TABLE x(y)'
%%FILE p.tsv
a	b
%%ARGS tm import --db other.db p.tsv
%%EXIT 4
%%STDERR
termin: other.db: an SQLite database, but not termin's

%%TEST standard input needs --format
%%FILE p.tsv
CSTO	ОДКБ
%%SHELL termin tm import --db t.db - < p.tsv; termin tm import --db t.db --format tsv - < p.tsv
%%STDOUT
-: 1 unit (1 new, 0 already in the TM)
%%STDERR
termin: standard input: say what it holds with --format (tmx, tsv or text)
