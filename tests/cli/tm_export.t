# termin tm export: header, units, filters, encodings, determinism.

%%TEST header fields, tuid, dates as YYYYMMDDThhmmssZ, props and notes, markup kept, empty targets left out
%%FILE d.tmx
<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" datatype="plaintext" srclang="en"/><body>
<tu tuid="old" creationdate="20200105T101010Z" creationid="anna"><tuv xml:lang="en"><seg>Old unit.</seg></tuv><tuv xml:lang="ru"><seg>Старая единица.</seg></tuv><tuv xml:lang="de"><seg></seg></tuv></tu>
<tu tuid="new" creationdate="2020-01-05T10:10:10Z" changedate="2024-03-01T00:00:00Z" changeid="boris"><note>edited</note><tuv xml:lang="en"><prop type="x-context">headline</prop><seg>New <ph x="1">&lt;br/></ph>unit.</seg></tuv><tuv xml:lang="ru"><seg>Новая <ph x="1">&lt;br/></ph>единица.</seg></tuv></tu>
</body></tmx>
%%SETUP "$TERMIN_BIN" tm import --db t.db d.tmx 2>/dev/null >&2
%%SHELL SOURCE_DATE_EPOCH=1700000000 termin tm export --db t.db -o out.tmx && cat out.tmx
%%STDOUT
<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE tmx SYSTEM "tmx14.dtd">
<tmx version="1.4">
  <header creationtool="termin" creationtoolversion="0.1.0" segtype="sentence" o-tmf="termin" adminlang="en" srclang="en" datatype="plaintext" creationdate="20231114T221320Z"/>
  <body>
    <tu tuid="old" creationdate="20200105T101010Z" creationid="anna">
      <tuv xml:lang="en">
        <seg>Old unit.</seg>
      </tuv>
      <tuv xml:lang="ru">
        <seg>Старая единица.</seg>
      </tuv>
    </tu>
    <tu tuid="new" creationdate="20200105T101010Z" changedate="20240301T000000Z" changeid="boris">
      <note>edited</note>
      <tuv xml:lang="en">
        <prop type="x-context">headline</prop>
        <seg>New <ph x="1">&lt;br/&gt;</ph>unit.</seg>
      </tuv>
      <tuv xml:lang="ru">
        <seg>Новая <ph x="1">&lt;br/&gt;</ph>единица.</seg>
      </tuv>
    </tu>
  </body>
</tmx>
%%STDERR
out.tmx: 2 units

%%TEST --include-untranslated keeps the empty target
%%FILE d.tmx
<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" datatype="plaintext" srclang="en"/><body>
<tu tuid="old"><tuv xml:lang="en"><seg>Old unit.</seg></tuv><tuv xml:lang="ru"><seg>Старая единица.</seg></tuv><tuv xml:lang="de"><seg></seg></tuv></tu>
</body></tmx>
%%SETUP "$TERMIN_BIN" tm import --db t.db d.tmx 2>/dev/null >&2
%%SHELL termin tm export --db t.db --include-untranslated | grep -c '<seg'
%%STDOUT
3

%%TEST --since selects units created or changed at or after a date, in any of the three forms
%%FILE d.tmx
<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" datatype="plaintext" srclang="en"/><body>
<tu tuid="old" creationdate="20200105T101010Z"><tuv xml:lang="en"><seg>Old unit.</seg></tuv><tuv xml:lang="ru"><seg>Старая.</seg></tuv></tu>
<tu tuid="new" creationdate="20200105T101010Z" changedate="20240301T000000Z"><tuv xml:lang="en"><seg>New unit.</seg></tuv><tuv xml:lang="ru"><seg>Новая.</seg></tuv></tu>
</body></tmx>
%%SETUP "$TERMIN_BIN" tm import --db t.db d.tmx >/dev/null
%%SHELL for d in 2020-01-01 2023-12-31 2024-03-01T00:00:00Z 20240301T000001Z; do printf '%s %s\n' $d "$(termin tm export --db t.db --since $d | grep -o 'tuid="[a-z]*"' | tr '\n' ' ')"; done
%%STDOUT
2020-01-01 tuid="old" tuid="new" 
2023-12-31 tuid="new" 
2024-03-01T00:00:00Z tuid="new" 
20240301T000001Z 

%%TEST --since with a bad date is a usage error
%%ARGS tm export --db t.db --since 31.12.2024
%%EXIT 2
%%STDERR
termin tm export: --since: '31.12.2024' is not a date (YYYY-MM-DD)
Try 'termin help tm export'.

%%TEST --src and --tgt take language ranges; each unit keeps its source and that target only, source first
%%FILE a.tsv
en-GB	ru
The CSTO met.	ОДКБ собралась.
Untranslated.	
%%FILE b.tmx
<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" datatype="plaintext" srclang="*all*"/><body>
<tu tuid="m"><tuv xml:lang="de"><seg>Frieden.</seg></tuv><tuv xml:lang="ru-RU"><seg>Мир.</seg></tuv><tuv xml:lang="en-US"><seg>Peace.</seg></tuv></tu>
<tu tuid="f"><tuv xml:lang="fr"><seg>Paix.</seg></tuv><tuv xml:lang="de"><seg>Frieden.</seg></tuv></tu>
</body></tmx>
%%SETUP "$TERMIN_BIN" tm import --db t.db a.tsv b.tmx >/dev/null
%%SHELL termin tm export --db t.db --src en --tgt ru | grep -o '<tuv xml:lang="[^"]*"\|<seg>[^<]*\|<tu [^>]*\|srclang="[^"]*"' | tr '\n' ' '; echo; termin tm export --db t.db --src en --tgt ru --include-untranslated | grep -c '<tu '; termin tm export --db t.db --tgt de | grep -c '<tu '
%%STDOUT
srclang="en" <tu tuid="f285fb997881cf4b" srclang="en-GB" <tuv xml:lang="en-GB" <seg>The CSTO met. <tuv xml:lang="ru" <seg>ОДКБ собралась. <tu tuid="m" srclang="en-US" <tuv xml:lang="en-US" <seg>Peace. <tuv xml:lang="ru-RU" <seg>Мир. 
3
2
%%STDERR

%%TEST --doc selects the units of one document
%%FILE a.txt
The first document has one sentence.
%%FILE b.tsv
The second document.	Второй документ.
%%SETUP "$TERMIN_BIN" tm import --db t.db a.txt b.tsv >/dev/null
%%SHELL termin tm export --db t.db --include-untranslated --doc a.txt | grep -c '<tu '; termin tm export --db t.db --include-untranslated --doc b.tsv | grep '<seg>'; termin tm export --db t.db --doc nosuch -o x.tmx
%%EXIT 4
%%STDOUT
1
        <seg>The second document.</seg>
        <seg>Второй документ.</seg>
%%STDERR
termin: t.db: no document named 'nosuch' in the TM
%%ABSENT x.tmx

%%TEST --encoding UTF-16: a byte-order mark, the same document
%%FILE b.tsv
The CSTO met.	ОДКБ собралась.
%%SETUP "$TERMIN_BIN" tm import --db t.db b.tsv >/dev/null
%%SHELL export SOURCE_DATE_EPOCH=1700000000; termin tm export --db t.db --encoding UTF-16 -o u16.tmx 2>/dev/null && termin tm export --db t.db -o u8.tmx 2>/dev/null && head -c 2 u16.tmx | od -An -tx1 && tail -c +3 u16.tmx | iconv -f UTF-16LE -t UTF-8 | sed 's/encoding="UTF-16"/encoding="UTF-8"/' | cmp - u8.tmx && echo same
%%STDOUT
 ff fe
same

%%TEST the same TM gives the same bytes: the header date is the last import's, or SOURCE_DATE_EPOCH
%%FILE b.tsv
The CSTO met.	ОДКБ собралась.
%%SETUP "$TERMIN_BIN" tm import --db t.db b.tsv >/dev/null
%%SHELL unset SOURCE_DATE_EPOCH; termin tm export --db t.db -o a.tmx 2>/dev/null && sleep 1 && termin tm export --db t.db -o b.tmx 2>/dev/null && cmp a.tmx b.tmx && [ "$(grep -o 'creationdate="[^"]*"' a.tmx)" = "creationdate=\"$(sqlite3 t.db "SELECT strftime('%Y%m%dT%H%M%SZ', imported, 'unixepoch') FROM import")\"" ] && SOURCE_DATE_EPOCH=1 termin tm export --db t.db | grep -o 'creationdate="[^"]*"'
%%STDOUT
creationdate="19700101T000001Z"

%%TEST a missing database: exit 4, no output file
%%ARGS tm export --db nosuch.db -o out.tmx
%%EXIT 4
%%STDERR
termin: nosuch.db: cannot open: No such file or directory
%%ABSENT out.tmx

%%TEST an unknown option
%%ARGS tm export --db t.db --frob
%%EXIT 2
%%STDERR
termin tm export: unknown option '--frob'
Try 'termin help tm export'.
