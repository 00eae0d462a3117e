# Hostile and broken XML, through `termin tm import` (the TMX reader).
# Untrusted XML: no entity expansion, no network, no DTD loading.

%%TEST external entity (XXE) is refused, nothing read or stored
%%FILE xxe.tmx
<?xml version="1.0"?>
<!DOCTYPE tmx [
<!ENTITY xxe SYSTEM "file:///etc/passwd">
]>
<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" datatype="plaintext" srclang="en"/>
<body><tu><tuv xml:lang="en"><seg>&xxe;</seg></tuv></tu></body></tmx>
%%ARGS tm import --db t.db xxe.tmx
%%EXIT 3
%%STDERR
termin: xxe.tmx:2:1: the DOCTYPE declares entities; refused (termin expands no entities and loads no DTD)
%%CHECK [ "$(sqlite3 t.db 'SELECT count(*) FROM tu')" = 0 ]

%%TEST external parameter entity over the network is refused
%%FILE pe.tmx
<?xml version="1.0"?>
<!DOCTYPE tmx [
<!ENTITY % remote SYSTEM "http://127.0.0.1:9/evil.dtd">
%remote;
]>
<tmx version="1.4"><header srclang="en"/><body/></tmx>
%%ARGS tm import --db t.db pe.tmx
%%EXIT 3
%%STDERR
termin: pe.tmx:2:1: the DOCTYPE declares entities; refused (termin expands no entities and loads no DTD)

%%TEST billion laughs is refused before any expansion
%%FILE lol.tmx
<?xml version="1.0"?>
<!DOCTYPE lolz [
<!ENTITY lol "lol">
<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
<!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
<!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
<!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
<!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
<!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<tmx version="1.4"><header srclang="en"/><body><tu><tuv xml:lang="en"><seg>&lol9;</seg></tuv></tu></body></tmx>
%%ARGS tm import --db t.db lol.tmx
%%EXIT 3
%%STDERR
termin: lol.tmx:2:1: the DOCTYPE declares entities; refused (termin expands no entities and loads no DTD)

%%TEST reference to an undeclared entity
%%FILE undeclared.tmx
<?xml version="1.0"?>
<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" datatype="plaintext" srclang="en"/>
<body><tu><tuv xml:lang="en"><seg>Fish &chips;</seg></tuv></tu></body></tmx>
%%ARGS tm import --db t.db undeclared.tmx
%%EXIT 3
%%STDERR
termin: undeclared.tmx:3:47: malformed XML: Entity 'chips' not defined

%%TEST external DTD is not fetched (no network), the file is read
%%FILE remote-dtd.tmx
<?xml version="1.0"?>
<!DOCTYPE tmx SYSTEM "http://127.0.0.1:9/tmx14.dtd">
<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" datatype="plaintext" srclang="en"/>
<body><tu><tuv xml:lang="en"><seg>One.</seg></tuv><tuv xml:lang="ru"><seg>Один.</seg></tuv></tu></body></tmx>
%%ARGS tm import --db t.db remote-dtd.tmx
%%EXIT 0
%%STDOUT
remote-dtd.tmx: 1 unit (1 new, 0 already in the TM)

%%TEST elements nested 300 deep
%%SETUP H='<header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" datatype="plaintext" srclang="en"/>'
%%SETUP { printf '<?xml version="1.0"?>\n<tmx version="1.4">%s<body><tu><tuv xml:lang="en"><seg>' "$H"; for i in $(seq 300); do printf '<hi>'; done; printf x; for i in $(seq 300); do printf '</hi>'; done; printf '</seg></tuv></tu></body></tmx>\n'; } > deep.tmx
%%ARGS tm import --db t.db deep.tmx
%%EXIT 3
%%STDERR
termin: deep.tmx:2:1193: malformed XML: elements nested more than 256 deep; refused

%%TEST a 20 MB attribute
%%SETUP H='<header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" datatype="plaintext" srclang="en"/>'
%%SETUP { printf '<?xml version="1.0"?>\n<tmx version="1.4">%s<body><tu tuid="' "$H"; head -c 20000000 /dev/zero | tr '\0' a; printf '"><tuv xml:lang="en"><seg>x</seg></tuv></tu></body></tmx>\n'; } > huge.tmx
%%ARGS tm import --db t.db huge.tmx
%%EXIT 3
%%STDERR
termin: huge.tmx:2:154: malformed XML: a name, attribute or text longer than 10,000,000 bytes; refused (internal error: Huge input lookup)

%%TEST 100,000 attributes on one element
%%SETUP H='<header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" datatype="plaintext" srclang="en"/>'
%%SETUP { printf '<?xml version="1.0"?>\n<tmx version="1.4">%s<body><tu' "$H"; for i in $(seq 100000); do printf ' a%d="x"' $i; done; printf '><tuv xml:lang="en"><seg>x</seg></tuv></tu></body></tmx>\n'; } > attrs.tmx
%%ARGS tm import --db t.db attrs.tmx
%%EXIT 0
%%STDOUT
attrs.tmx: 1 unit (1 new, 0 already in the TM)

%%TEST NUL byte inside a segment
%%SETUP printf '<?xml version="1.0"?>\n<tmx version="1.4"><header srclang="en"/><body><tu><tuv xml:lang="en"><seg>a\000b</seg></tuv></tu></body></tmx>\n' > nul.tmx
%%ARGS tm import --db t.db nul.tmx
%%EXIT 3
%%STDERR
termin: nul.tmx:2:77: malformed XML: Char 0x0 out of allowed range

%%TEST file truncated inside a segment
%%SETUP H='<header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" datatype="plaintext" srclang="en"/>'
%%SETUP printf '<?xml version="1.0"?>\n<tmx version="1.4">%s<body>\n<tu><tuv xml:lang="en"><seg>One.</seg></tuv></tu>\n<tu><tuv xml:lang="en"><seg>Half a sent' "$H" > cut.tmx
%%ARGS tm import --db t.db cut.tmx
%%EXIT 3
%%STDERR
termin: cut.tmx:4:40: malformed XML: the file ends before the document does (truncated?)
%%CHECK [ "$(sqlite3 t.db 'SELECT count(*) FROM tu')" = 0 ]

%%TEST file truncated inside a tag
%%SETUP H='<header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" datatype="plaintext" srclang="en"/>'
%%SETUP printf '<?xml version="1.0"?>\n<tmx version="1.4">%s<body>\n<tu><tuv xml:la' "$H" > cut2.tmx
%%ARGS tm import --db t.db cut2.tmx
%%EXIT 3
%%STDERR
termin: cut2.tmx:3:16: malformed XML: the file ends before the document does (truncated?)

%%TEST something after the end of the document is not a truncation
%%FILE extra.tmx
<?xml version="1.0"?>
<tmx version="1.4"><header srclang="en"/><body/></tmx>
<tmx/>
%%ARGS tm import --db t.db extra.tmx
%%EXIT 3
%%STDERR
termin: extra.tmx:3:1: malformed XML: Extra content at the end of the document

%%TEST mismatched end tag
%%FILE mismatch.tmx
<?xml version="1.0"?>
<tmx version="1.4"><header srclang="en"/><body>
<tu><tuv xml:lang="en"><seg>One.</tuv></seg></tu>
</body></tmx>
%%ARGS tm import --db t.db mismatch.tmx
%%EXIT 3
%%STDERR
termin: mismatch.tmx:3:39: malformed XML: Opening and ending tag mismatch: seg line 3 and tuv

%%TEST UTF-16 without a byte-order mark is recognised (XML declares it)
%%SETUP printf '<?xml version="1.0" encoding="UTF-16"?>\n<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" datatype="plaintext" srclang="en"/><body><tu><tuv xml:lang="en"><seg>One.</seg></tuv><tuv xml:lang="ru"><seg>Один.</seg></tuv></tu></body></tmx>\n' | iconv -t UTF-16LE > u16.tmx
%%ARGS tm import --db t.db u16.tmx
%%EXIT 0
%%STDOUT
u16.tmx: 1 unit (1 new, 0 already in the TM)
%%CHECK [ "$(sqlite3 t.db "SELECT text FROM tuv WHERE lang = 'ru'")" = Один. ]

%%TEST windows-1251 declared in the XML declaration is decoded
%%SETUP printf '<?xml version="1.0" encoding="windows-1251"?>\n<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" datatype="plaintext" srclang="en"/><body><tu><tuv xml:lang="en"><seg>CSTO</seg></tuv><tuv xml:lang="ru"><seg>\316\304\312\301</seg></tuv></tu></body></tmx>\n' > cp1251.tmx
%%ARGS tm import --db t.db cp1251.tmx
%%EXIT 0
%%STDOUT
cp1251.tmx: 1 unit (1 new, 0 already in the TM)
%%CHECK [ "$(sqlite3 t.db "SELECT text FROM tuv WHERE lang = 'ru'")" = ОДКБ ]

%%TEST windows-1251 not declared
%%SETUP printf '<?xml version="1.0"?>\n<tmx version="1.4"><header srclang="en"/><body><tu><tuv xml:lang="ru"><seg>\316\304\312\301</seg></tuv></tu></body></tmx>\n' > undeclared1251.tmx
%%ARGS tm import --db t.db undeclared1251.tmx
%%EXIT 3
%%STDERR
termin: undeclared1251.tmx:2:76: malformed XML: invalid UTF-8 (bytes 0xCE 0xC4 0xCA 0xC1); a file in another encoding must declare it (<?xml version="1.0" encoding="windows-1251"?>)

%%TEST an unknown declared encoding
%%FILE klingon.tmx
<?xml version="1.0" encoding="x-klingon"?>
<tmx version="1.4"><header srclang="en"/><body/></tmx>
%%ARGS tm import --db t.db klingon.tmx
%%EXIT 3
%%STDERR
termin: klingon.tmx:1:41: malformed XML: Unsupported encoding x-klingon
