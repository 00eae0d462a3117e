# termin tm import on every file of ../shared/interop: the decision for each
# defect or edge case (accepted, with or without a warning, or rejected),
# with the exact messages and what is stored. See "termin tm import" in the
# man page for the rules these follow. tests/integration/tm_interop.sh
# checks the stored content of the samples against the files themselves.

%%TEST negative/all.tmx: srclang="*all*": accepted silently, any variant may be the source
%%NEEDS-SHARED
%%SHELL cd "$SHARED/interop/negative" && termin tm import --db "$T/t.db" all.tmx
%%EXIT 0
%%STDOUT
all.tmx: 1 unit (1 new, 0 already in the TM)
%%STDERR
%%FILE expected.jsonl
{"tuid":"dac4e95bd5e5c106","srclang":"*all*","created":null,"creationid":null,"changed":null,"changeid":null,"lastused":null,"usage":1,"attrs":{},"meta":[],"variants":[{"lang":"de","created":null,"creationid":null,"changed":null,"changeid":null,"lastused":null,"usage":0,"attrs":{},"meta":[],"markup":"a","text":"a"},{"lang":"ru","created":null,"creationid":null,"changed":null,"changeid":null,"lastused":null,"usage":0,"attrs":{},"meta":[],"markup":"b","text":"b"}]}
%%CHECK "$TERMIN" tm dump --db t.db > got.jsonl && diff got.jsonl expected.jsonl

%%TEST negative/baddate.tmx: ISO 8601 date in the header: accepted with a warning, read as ISO 8601
%%NEEDS-SHARED
%%SHELL cd "$SHARED/interop/negative" && termin tm import --db "$T/t.db" baddate.tmx
%%EXIT 0
%%STDOUT
baddate.tmx: 1 unit (1 new, 0 already in the TM)
%%STDERR
termin: warning: baddate.tmx:4:1: creationdate="2024-01-31T10:00:00Z" is not a TMX date (YYYYMMDDThhmmssZ); read as ISO 8601
%%FILE expected.jsonl
{"tuid":"ed5181486bdea049","srclang":"en-US","created":null,"creationid":null,"changed":null,"changeid":null,"lastused":null,"usage":1,"attrs":{},"meta":[],"variants":[{"lang":"en-US","created":null,"creationid":null,"changed":null,"changeid":null,"lastused":null,"usage":0,"attrs":{},"meta":[],"markup":"a","text":"a"},{"lang":"ru-RU","created":null,"creationid":null,"changed":null,"changeid":null,"lastused":null,"usage":0,"attrs":{},"meta":[],"markup":"b","text":"b"}]}
%%CHECK "$TERMIN" tm dump --db t.db > got.jsonl && diff got.jsonl expected.jsonl

%%TEST negative/badlang.tmx: "russian" as a language code: rejected (exit 3), nothing stored
%%NEEDS-SHARED
%%SHELL cd "$SHARED/interop/negative" && termin tm import --db "$T/t.db" badlang.tmx
%%EXIT 3
%%STDOUT
%%STDERR
termin: badlang.tmx:6:45: xml:lang: 'russian' is not a BCP 47 language code (did you mean 'ru'?)
%%CHECK [ "$("$TERMIN" tm stats --db t.db | sed -n 's/^units *//p')" = "0 (0 untranslated)" ]

%%TEST negative/case.tmx: EN-US vs en-US: the same language (BCP 47 ignores case), accepted silently
%%NEEDS-SHARED
%%SHELL cd "$SHARED/interop/negative" && termin tm import --db "$T/t.db" case.tmx
%%EXIT 0
%%STDOUT
case.tmx: 1 unit (1 new, 0 already in the TM)
%%STDERR
%%FILE expected.jsonl
{"tuid":"ed5181486bdea049","srclang":"en-US","created":null,"creationid":null,"changed":null,"changeid":null,"lastused":null,"usage":1,"attrs":{},"meta":[],"variants":[{"lang":"en-US","created":null,"creationid":null,"changed":null,"changeid":null,"lastused":null,"usage":0,"attrs":{},"meta":[],"markup":"a","text":"a"},{"lang":"ru-RU","created":null,"creationid":null,"changed":null,"changeid":null,"lastused":null,"usage":0,"attrs":{},"meta":[],"markup":"b","text":"b"}]}
%%CHECK "$TERMIN" tm dump --db t.db > got.jsonl && diff got.jsonl expected.jsonl

%%TEST negative/emptyseg.tmx: empty target seg: accepted with a warning, the unit is untranslated
%%NEEDS-SHARED
%%SHELL cd "$SHARED/interop/negative" && termin tm import --db "$T/t.db" emptyseg.tmx
%%EXIT 0
%%STDOUT
emptyseg.tmx: 1 unit (1 new, 0 already in the TM)
%%STDERR
termin: warning: emptyseg.tmx:6:45: empty <seg> in ru-RU; kept as untranslated
%%FILE expected.jsonl
{"tuid":"0eea03c4472ba1d0","srclang":"en-US","created":null,"creationid":null,"changed":null,"changeid":null,"lastused":null,"usage":1,"attrs":{},"meta":[],"variants":[{"lang":"en-US","created":null,"creationid":null,"changed":null,"changeid":null,"lastused":null,"usage":0,"attrs":{},"meta":[],"markup":"a","text":"a"},{"lang":"ru-RU","created":null,"creationid":null,"changed":null,"changeid":null,"lastused":null,"usage":0,"attrs":{},"meta":[],"markup":"","text":""}]}
%%CHECK "$TERMIN" tm dump --db t.db > got.jsonl && diff got.jsonl expected.jsonl

%%TEST negative/missinghdr.tmx: header without required attributes, bad segtype, note after seg: accepted with warnings
%%NEEDS-SHARED
%%SHELL cd "$SHARED/interop/negative" && termin tm import --db "$T/t.db" missinghdr.tmx
%%EXIT 0
%%STDOUT
missinghdr.tmx: 1 unit (1 new, 0 already in the TM)
%%STDERR
termin: warning: missinghdr.tmx:2:20: header: the required attribute 'creationtoolversion' is missing
termin: warning: missinghdr.tmx:2:20: header: the required attribute 'o-tmf' is missing
termin: warning: missinghdr.tmx:2:20: header: the required attribute 'adminlang' is missing
termin: warning: missinghdr.tmx:2:20: header: the required attribute 'datatype' is missing
termin: warning: missinghdr.tmx:2:20: header: segtype="line" is not one of block, paragraph, sentence, phrase
termin: warning: missinghdr.tmx:2:115: <note> after <seg> (TMX puts it before); kept
%%FILE expected.jsonl
{"tuid":"7c97a3aa4cc3d809","srclang":"en","created":null,"creationid":null,"changed":null,"changeid":null,"lastused":null,"usage":1,"attrs":{},"meta":[],"variants":[{"lang":"en","created":null,"creationid":null,"changed":null,"changeid":null,"lastused":null,"usage":0,"attrs":{},"meta":[{"kind":"note","type":null,"lang":null,"text":"late"}],"markup":"a","text":"a"}]}
%%CHECK "$TERMIN" tm dump --db t.db > got.jsonl && diff got.jsonl expected.jsonl

%%TEST negative/nosrc.tmx: no variant in srclang en-US, only en: accepted with a warning, en is the source
%%NEEDS-SHARED
%%SHELL cd "$SHARED/interop/negative" && termin tm import --db "$T/t.db" nosrc.tmx
%%EXIT 0
%%STDOUT
nosrc.tmx: 1 unit (1 new, 0 already in the TM)
%%STDERR
termin: warning: nosrc.tmx:6:1: no variant in the source language en-US; en taken as the source
%%FILE expected.jsonl
{"tuid":"6b348e48c59443dd","srclang":"en","created":null,"creationid":null,"changed":null,"changeid":null,"lastused":null,"usage":1,"attrs":{},"meta":[],"variants":[{"lang":"en","created":null,"creationid":null,"changed":null,"changeid":null,"lastused":null,"usage":0,"attrs":{},"meta":[],"markup":"a","text":"a"},{"lang":"ru-RU","created":null,"creationid":null,"changed":null,"changeid":null,"lastused":null,"usage":0,"attrs":{},"meta":[],"markup":"b","text":"b"}]}
%%CHECK "$TERMIN" tm dump --db t.db > got.jsonl && diff got.jsonl expected.jsonl

%%TEST negative/ok.tmx: Level 2 bpt/ept in EN and RU: accepted silently, markup kept exactly
%%NEEDS-SHARED
%%SHELL cd "$SHARED/interop/negative" && termin tm import --db "$T/t.db" ok.tmx
%%EXIT 0
%%STDOUT
ok.tmx: 1 unit (1 new, 0 already in the TM)
%%STDERR
%%FILE expected.jsonl
{"tuid":"e8f3c3d2562edde2","srclang":"en-US","created":null,"creationid":null,"changed":null,"changeid":null,"lastused":null,"usage":1,"attrs":{},"meta":[],"variants":[{"lang":"en-US","created":null,"creationid":null,"changed":null,"changeid":null,"lastused":null,"usage":0,"attrs":{},"meta":[],"markup":"a <bpt i=\"1\" x=\"1\">&lt;b&gt;</bpt>b<ept i=\"1\">&lt;/b&gt;</ept>","text":"a b"},{"lang":"ru-RU","created":null,"creationid":null,"changed":null,"changeid":null,"lastused":null,"usage":0,"attrs":{},"meta":[],"markup":"а <bpt i=\"1\" x=\"1\">&lt;b&gt;</bpt>б<ept i=\"1\">&lt;/b&gt;</ept>","text":"а б"}]}
%%CHECK "$TERMIN" tm dump --db t.db > got.jsonl && diff got.jsonl expected.jsonl

%%TEST negative/underscore.tmx: en_US with an underscore: accepted with warnings, read as en-US
%%NEEDS-SHARED
%%SHELL cd "$SHARED/interop/negative" && termin tm import --db "$T/t.db" underscore.tmx
%%EXIT 0
%%STDOUT
underscore.tmx: 1 unit (1 new, 0 already in the TM)
%%STDERR
termin: warning: underscore.tmx:4:1: header srclang "en_US" uses '_'; read as "en-US"
termin: warning: underscore.tmx:6:5: xml:lang "en_US" uses '_'; read as "en-US"
termin: warning: underscore.tmx:6:45: xml:lang "ru_RU" uses '_'; read as "ru-RU"
%%FILE expected.jsonl
{"tuid":"ed5181486bdea049","srclang":"en-US","created":null,"creationid":null,"changed":null,"changeid":null,"lastused":null,"usage":1,"attrs":{},"meta":[],"variants":[{"lang":"en-US","created":null,"creationid":null,"changed":null,"changeid":null,"lastused":null,"usage":0,"attrs":{},"meta":[],"markup":"a","text":"a"},{"lang":"ru-RU","created":null,"creationid":null,"changed":null,"changeid":null,"lastused":null,"usage":0,"attrs":{},"meta":[],"markup":"b","text":"b"}]}
%%CHECK "$TERMIN" tm dump --db t.db > got.jsonl && diff got.jsonl expected.jsonl

%%TEST negative/unpaired.tmx: bpt without ept: accepted with a warning, kept as written
%%NEEDS-SHARED
%%SHELL cd "$SHARED/interop/negative" && termin tm import --db "$T/t.db" unpaired.tmx
%%EXIT 0
%%STDOUT
unpaired.tmx: 1 unit (1 new, 0 already in the TM)
%%STDERR
termin: warning: unpaired.tmx:6:5: en-US: <bpt i="1"> has no matching <ept>; kept as it is
%%FILE expected.jsonl
{"tuid":"1361e1210bbe402b","srclang":"en-US","created":null,"creationid":null,"changed":null,"changeid":null,"lastused":null,"usage":1,"attrs":{},"meta":[],"variants":[{"lang":"en-US","created":null,"creationid":null,"changed":null,"changeid":null,"lastused":null,"usage":0,"attrs":{},"meta":[],"markup":"a <bpt i=\"1\">&lt;b&gt;</bpt>b","text":"a b"},{"lang":"ru-RU","created":null,"creationid":null,"changed":null,"changeid":null,"lastused":null,"usage":0,"attrs":{},"meta":[],"markup":"b","text":"b"}]}
%%CHECK "$TERMIN" tm dump --db t.db > got.jsonl && diff got.jsonl expected.jsonl

%%TEST negative/xmismatch.tmx: x attributes differ between variants: accepted with a warning, kept as written
%%NEEDS-SHARED
%%SHELL cd "$SHARED/interop/negative" && termin tm import --db "$T/t.db" xmismatch.tmx
%%EXIT 0
%%STDOUT
xmismatch.tmx: 1 unit (1 new, 0 already in the TM)
%%STDERR
termin: warning: xmismatch.tmx:6:72: ru-RU: the x attributes of its inline codes differ from the first variant's
%%FILE expected.jsonl
{"tuid":"f12d9a4641cf109f","srclang":"en-US","created":null,"creationid":null,"changed":null,"changeid":null,"lastused":null,"usage":1,"attrs":{},"meta":[],"variants":[{"lang":"en-US","created":null,"creationid":null,"changed":null,"changeid":null,"lastused":null,"usage":0,"attrs":{},"meta":[],"markup":"a <ph x=\"1\">&lt;br/&gt;</ph>","text":"a "},{"lang":"ru-RU","created":null,"creationid":null,"changed":null,"changeid":null,"lastused":null,"usage":0,"attrs":{},"meta":[],"markup":"b <ph x=\"2\">&lt;br/&gt;</ph>","text":"b "}]}
%%CHECK "$TERMIN" tm dump --db t.db > got.jsonl && diff got.jsonl expected.jsonl

%%TEST samples/compkit-ImportTest1C.tmx: 5 languages, tuv order changing: accepted silently
%%NEEDS-SHARED
%%SHELL cd "$SHARED/interop/samples" && termin tm import --db "$T/t.db" compkit-ImportTest1C.tmx
%%EXIT 0
%%STDOUT
compkit-ImportTest1C.tmx: 3 units (3 new, 0 already in the TM)
%%STDERR
%%FILE expected.txt
units         3 (0 untranslated)
variants      15
props, notes  0, 0
languages     en-GB 3, en-US 3, es-ES 3, fr-CA 3, ja-JP 3
pairs         en-US -> en-GB 3, en-US -> es-ES 3, en-US -> fr-CA 3, en-US -> ja-JP 3
%%CHECK "$TERMIN" tm stats --db t.db | grep -E '^(units|variants|props,|languages|pairs) ' > got.txt && diff got.txt expected.txt

%%TEST samples/compkit-ImportTest1L.tmx: UTF-8 BOM, every optional attribute, props and notes at every level, ude: accepted silently
%%NEEDS-SHARED
%%SHELL cd "$SHARED/interop/samples" && termin tm import --db "$T/t.db" compkit-ImportTest1L.tmx
%%EXIT 0
%%STDOUT
compkit-ImportTest1L.tmx: 1 unit (1 new, 0 already in the TM)
%%STDERR
%%FILE expected.txt
units         1 (0 untranslated)
variants      3
props, notes  6, 8
languages     en-GB 1, en-US 1, fr 1
pairs         en-US -> en-GB 1, en-US -> fr 1
%%CHECK "$TERMIN" tm stats --db t.db | grep -E '^(units|variants|props,|languages|pairs) ' > got.txt && diff got.txt expected.txt

%%TEST samples/compkit-ImportTest2A.tmx: UTF-16LE with BOM, Level 2 bpt/ept/it/ph/hi, mixed-case languages: accepted silently
%%NEEDS-SHARED
%%SHELL cd "$SHARED/interop/samples" && termin tm import --db "$T/t.db" compkit-ImportTest2A.tmx
%%EXIT 0
%%STDOUT
compkit-ImportTest2A.tmx: 7 units (7 new, 0 already in the TM)
%%STDERR
%%FILE expected.txt
units         7 (0 untranslated)
variants      14
props, notes  0, 0
languages     en-US 7, fr-CA 7
pairs         en-US -> fr-CA 7
%%CHECK "$TERMIN" tm stats --db t.db | grep -E '^(units|variants|props,|languages|pairs) ' > got.txt && diff got.txt expected.txt

%%TEST samples/disfr-XuanZang.tmx: srclang="*all*", 6 languages, CJK: accepted silently
%%NEEDS-SHARED
%%SHELL cd "$SHARED/interop/samples" && termin tm import --db "$T/t.db" disfr-XuanZang.tmx
%%EXIT 0
%%STDOUT
disfr-XuanZang.tmx: 51 units (51 new, 0 already in the TM)
%%STDERR
%%FILE expected.txt
units         51 (0 untranslated)
variants      306
props, notes  0, 0
languages     de 51, en 51, es 51, it 51, ko 51, zh-CN 51
pairs         *all* -> de 51, *all* -> en 51, *all* -> es 51, *all* -> it 51, *all* -> ko 51, *all* -> zh-CN 51
%%CHECK "$TERMIN" tm stats --db t.db | grep -E '^(units|variants|props,|languages|pairs) ' > got.txt && diff got.txt expected.txt

%%TEST samples/disfr-my_memory.tmx: TMX 1.1 with lang=, EN-GB to RU-RU, RTF header props: accepted; repeated units counted once
%%NEEDS-SHARED
%%SHELL cd "$SHARED/interop/samples" && termin tm import --db "$T/t.db" disfr-my_memory.tmx
%%EXIT 0
%%STDOUT
disfr-my_memory.tmx: 113 units (107 new, 6 already in the TM)
%%STDERR
%%FILE expected.txt
units         107 (0 untranslated)
variants      214
props, notes  107, 0
languages     en-GB 107, ru-RU 107
pairs         en-GB -> ru-RU 107
%%CHECK "$TERMIN" tm stats --db t.db | grep -E '^(units|variants|props,|languages|pairs) ' > got.txt && diff got.txt expected.txt

%%TEST samples/maxprograms-tmxvalidator_es.tmx: OpenXLIFF output with a PUBLIC DOCTYPE: accepted silently; repeated units counted once
%%NEEDS-SHARED
%%SHELL cd "$SHARED/interop/samples" && termin tm import --db "$T/t.db" maxprograms-tmxvalidator_es.tmx
%%EXIT 0
%%STDOUT
maxprograms-tmxvalidator_es.tmx: 35 units (32 new, 3 already in the TM)
%%STDERR
%%FILE expected.txt
units         32 (0 untranslated)
variants      64
props, notes  0, 0
languages     en 32, es 32
pairs         en -> es 32
%%CHECK "$TERMIN" tm stats --db t.db | grep -E '^(units|variants|props,|languages|pairs) ' > got.txt && diff got.txt expected.txt

%%TEST samples/okapi-Paragraph_TM.tmx: paragraph TM with ut and a real x mismatch: accepted with a warning
%%NEEDS-SHARED
%%SHELL cd "$SHARED/interop/samples" && termin tm import --db "$T/t.db" okapi-Paragraph_TM.tmx
%%EXIT 0
%%STDOUT
okapi-Paragraph_TM.tmx: 7 units (7 new, 0 already in the TM)
%%STDERR
termin: warning: okapi-Paragraph_TM.tmx:26:1: de-DE: the x attributes of its inline codes differ from the first variant's
%%FILE expected.txt
units         7 (0 untranslated)
variants      14
props, notes  24, 0
languages     de-DE 7, en-US 7
pairs         en-US -> de-DE 7
%%CHECK "$TERMIN" tm stats --db t.db | grep -E '^(units|variants|props,|languages|pairs) ' > got.txt && diff got.txt expected.txt

%%TEST samples/okapi-html_test.tmx: Trados 7, UTF-16LE, invalid header prop (type2=): accepted with warnings
%%NEEDS-SHARED
%%SHELL cd "$SHARED/interop/samples" && termin tm import --db "$T/t.db" okapi-html_test.tmx
%%EXIT 0
%%STDOUT
okapi-html_test.tmx: 11 units (11 new, 0 already in the TM)
%%STDERR
termin: warning: okapi-html_test.tmx:14:1: prop: attribute 'type2' is not TMX; ignored
termin: warning: okapi-html_test.tmx:14:1: prop without a type attribute; kept with an empty type
%%FILE expected.txt
units         11 (0 untranslated)
variants      22
props, notes  0, 0
languages     en-US 11, fr-FR 11
pairs         en-US -> fr-FR 11
%%CHECK "$TERMIN" tm stats --db t.db | grep -E '^(units|variants|props,|languages|pairs) ' > got.txt && diff got.txt expected.txt
