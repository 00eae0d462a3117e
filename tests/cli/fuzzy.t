# TM leverage: tm match, analyze, pretranslate (a real SQLite TM built from
# TSV, whose units keep their neighbours for context matches).

%%TEST tm match: context, exact and fuzzy matches from stdin, plain markers in a pipe
%%FILE tm.tsv
en	ru
The meeting opened in Minsk.	Заседание открылось в Минске.
The agenda was approved.	Повестка дня утверждена.
The CSTO Secretary General held a working meeting with the delegation.	Генеральный секретарь ОДКБ провёл рабочую встречу с делегацией.
The meeting closed on 12 March 2025.	Заседание закрылось 12 марта 2025 года.
%%SETUP termin tm import --db t.db tm.tsv >/dev/null
%%STDIN
The meeting opened in Minsk.
The agenda was approved.
The meeting closed on 14 March 2025.
%%ARGS tm match --db t.db --no-glossary -
%%STDOUT
query  The meeting opened in Minsk.
 101%  The meeting opened in Minsk.
       ru: Заседание открылось в Минске.
       unit 1, tm.tsv

query  The agenda was approved.
 100%  The agenda was approved.
       ru: Повестка дня утверждена.
       unit 2, tm.tsv

query  The meeting closed on 14 March 2025.
  98%  The meeting closed on [-14-]{+12+} March 2025.
       ru: Заседание закрылось 12 марта 2025 года.
       unit 4, tm.tsv

%%TEST tm match: glossary terms of the query with their targets
%%FILE tm.tsv
en	ru
The CSTO Secretary General held a working meeting with the delegation.	Генеральный секретарь ОДКБ провёл рабочую встречу с делегацией.
%%SETUP termin tm import --db t.db tm.tsv >/dev/null
%%ARGS tm match --db t.db "The CSTO Secretary General held a meeting with the delegation."
%%STDOUT
query  The CSTO Secretary General held a meeting with the delegation.
  90%  The CSTO Secretary General held a {+working+} meeting with the delegation.
       ru: Генеральный секретарь ОДКБ провёл рабочую встречу с делегацией.
       unit 1, tm.tsv
terms  CSTO Secretary General = Генеральный секретарь ОДКБ

%%TEST tm match: the project database's glossary replaces the shipped one; --glossary adds to it
%%FILE tm.tsv
en	ru
The CSTO Secretary General held a working meeting with the delegation.	Генеральный секретарь ОДКБ провёл рабочую встречу с делегацией.
%%FILE own.tsv
working meeting	рабочая встреча
%%FILE more.tsv
delegation	делегация
%%SETUP termin tm import --db t.db tm.tsv >/dev/null && termin glossary import --db t.db own.tsv >/dev/null 2>&1
%%SHELL "$TERMIN" tm match --db t.db "The CSTO Secretary General held a working meeting with the delegation." | grep '^terms' && "$TERMIN" tm match --db t.db -g more.tsv "The delegation held a working meeting." | grep '^terms' && "$TERMIN" tm match --db t.db --no-default-glossary -g more.tsv "The delegation held a working meeting." | grep '^terms'
%%STDOUT
terms  working meeting = рабочая встреча
terms  delegation = делегация; working meeting = рабочая встреча
terms  delegation = делегация

%%TEST tm match: Russian queries are matched against Russian sources
%%FILE tm.tsv
en	ru
The agenda was approved.	Повестка дня утверждена.
%%SETUP termin tm import --db t.db tm.tsv >/dev/null
%%ARGS tm match --db t.db --no-glossary "Повестка дня была утверждена."
%%STDOUT
query  Повестка дня была утверждена.
  75%  Повестка дня [-была-] утверждена.
       en: The agenda was approved.
       unit 1, tm.tsv

%%TEST tm match: JSON
%%FILE tm.tsv
en	ru
The agenda was approved.	Повестка дня утверждена.
%%SETUP termin tm import --db t.db tm.tsv >/dev/null
%%ARGS tm match --db t.db --no-glossary --format json "The agenda was approved!"
%%STDOUT
{"query":"The agenda was approved!","lang":"en","matches":[{"score":99,"tuid":null,"doc":"tm.tsv","source_lang":"en","source":"The agenda was approved.","target_lang":"ru","target":"Повестка дня утверждена.","detail":{"base":100,"word_edits":0,"numbers":0,"tags":0,"punctuation":1,"case":0},"diff":[{"op":"same","text":"The agenda was approved"},{"op":"query","text":"!"},{"op":"match","text":"."}]}],"terms":[]}

%%TEST tm match: no match
%%FILE tm.tsv
en	ru
The agenda was approved.	Повестка дня утверждена.
%%SETUP termin tm import --db t.db tm.tsv >/dev/null
%%ARGS tm match --db t.db --no-glossary "Peacekeeping forces trained in Tajikistan."
%%STDOUT
query  Peacekeeping forces trained in Tajikistan.
  no match

%%TEST tm match: a missing TM is an I/O error
%%ARGS tm match --db nosuch.db "Hello."
%%EXIT 4
%%STDERR
termin: nosuch.db: cannot open the TM: No such file or directory
%%ABSENT nosuch.db

%%TEST tm match: bad threshold
%%ARGS tm match --threshold 0 "Hello."
%%EXIT 2
%%STDERR
termin tm match: --threshold must be between 1 and 100, not 0
Try 'termin help tm match'.

%%TEST analyze: bands in a table
%%FILE tm.tsv
en	ru
The meeting opened in Minsk.	Заседание открылось в Минске.
The agenda was approved.	Повестка дня утверждена.
The CSTO Secretary General held a working meeting with the delegation.	Генеральный секретарь ОДКБ провёл рабочую встречу с делегацией.
The meeting closed on 12 March 2025.	Заседание закрылось 12 марта 2025 года.
%%FILE job.txt
The meeting opened in Minsk. The agenda was approved. The meeting closed on 12 March 2025.
The agenda was approved.
The Secretary General held a working meeting with the delegation.
Peacekeeping forces trained in Tajikistan.
%%SETUP termin tm import --db t.db tm.tsv >/dev/null
%%ARGS analyze --db t.db job.txt
%%STDOUT
Total: 1 file against t.db
  match             segments      words   characters  % words
  Repetitions              1          4           21     11.4
  Context match            1          5           24     14.3
  100%                     2         11           51     31.4
  95-99%                   0          0            0      0.0
  85-94%                   1         10           56     28.6
  75-84%                   0          0            0      0.0
  50-74%                   0          0            0      0.0
  No match                 1          5           38     14.3
  Total                    6         35          190    100.0

%%TEST analyze: CSV per file and total, repetitions across files
%%FILE tm.tsv
en	ru
The agenda was approved.	Повестка дня утверждена.
%%FILE a.txt
The agenda was approved. New text here.
%%FILE b.txt
New text here.
%%SETUP termin tm import --db t.db tm.tsv >/dev/null
%%ARGS analyze --db t.db --format csv a.txt b.txt
%%STDOUT
file,band,segments,words,characters
"a.txt",repetitions,0,0,0
"a.txt",context,0,0,0
"a.txt",100,1,4,21
"a.txt",95-99,0,0,0
"a.txt",85-94,0,0,0
"a.txt",75-84,0,0,0
"a.txt",50-74,0,0,0
"a.txt",no-match,1,3,12
"b.txt",repetitions,1,3,12
"b.txt",context,0,0,0
"b.txt",100,0,0,0
"b.txt",95-99,0,0,0
"b.txt",85-94,0,0,0
"b.txt",75-84,0,0,0
"b.txt",50-74,0,0,0
"b.txt",no-match,0,0,0
"total",repetitions,1,3,12
"total",context,0,0,0
"total",100,1,4,21
"total",95-99,0,0,0
"total",85-94,0,0,0
"total",75-84,0,0,0
"total",50-74,0,0,0
"total",no-match,1,3,12

%%TEST analyze: JSON totals
%%FILE tm.tsv
en	ru
The agenda was approved.	Повестка дня утверждена.
%%FILE a.txt
The agenda was approved.
%%SETUP termin tm import --db t.db tm.tsv >/dev/null
%%SHELL "$TERMIN" analyze --db t.db --format json -o out.json a.txt && /usr/bin/python3 -c "import json; d=json.load(open('out.json')); print(d['total']['100'], d['files'][0]['file'])"
%%STDOUT
{'segments': 1, 'words': 4, 'characters': 21} a.txt

%%TEST analyze: binary input is bad input and nothing is written
%%FILE tm.tsv
en	ru
The agenda was approved.	Повестка дня утверждена.
%%SETUP termin tm import --db t.db tm.tsv >/dev/null && printf 'GIF89a\001\000\001\000\000\000\000;' > pic.gif
%%ARGS analyze --db t.db -o out.csv -f csv pic.gif
%%EXIT 3
%%STDERR
termin: pic.gif:1: binary data (NUL byte at byte offset 7), not a text file
%%ABSENT out.csv

%%TEST pretranslate: TMX with the score, valid against the DTD
%%NEEDS-SHARED
%%NEEDS xmllint
%%FILE tm.tsv
en	ru
The agenda was approved.	Повестка дня утверждена.
The meeting closed on 12 March 2025.	Заседание закрылось 12 марта 2025 года.
%%FILE job.txt
The agenda was approved. The meeting closed on 14 March 2025. Nothing like this is stored.
%%SETUP termin tm import --db t.db tm.tsv >/dev/null
%%SHELL SOURCE_DATE_EPOCH=0 "$TERMIN" pretranslate --db t.db job.txt -o job.tmx && xmllint --noout --dtdvalid "$SHARED/spec/tmx14.dtd" job.tmx 2>/dev/null && grep -c '<prop type="x-match-score">' job.tmx && grep -o '<prop type="x-match-score">[0-9]*' job.tmx
%%STDOUT
2
<prop type="x-match-score">100
<prop type="x-match-score">98
%%STDERR
job.tmx: 3 segments, 2 pre-translated (at least 75%)

%%TEST pretranslate: XLIFF with alt-trans and match-quality
%%NEEDS xmllint
%%FILE tm.tsv
en	ru
The agenda was approved.	Повестка дня утверждена.
%%FILE job.txt
The agenda was approved. Nothing like this is stored.
%%SETUP termin tm import --db t.db tm.tsv >/dev/null
%%SHELL "$TERMIN" pretranslate --db t.db job.txt -o job.xlf 2>/dev/null && xmllint --noout job.xlf && grep -c '<trans-unit' job.xlf && grep -o 'state-qualifier="[a-z-]*"\|match-quality="[0-9]*"' job.xlf
%%STDOUT
2
state-qualifier="exact-match"
match-quality="100"

%%TEST pretranslate: -o is required
%%ARGS pretranslate job.txt
%%EXIT 2
%%STDERR
termin pretranslate: -o OUT.tmx or -o OUT.xlf is required
Try 'termin help pretranslate'.

%%TEST pretranslate: unknown output format
%%ARGS pretranslate job.txt -o job.doc
%%EXIT 2
%%STDERR
termin pretranslate: cannot tell the format of 'job.doc': name it .tmx or .xlf, or give --format
Try 'termin help pretranslate'.

%%TEST pretranslate: a missing input leaves no output
%%FILE tm.tsv
en	ru
The agenda was approved.	Повестка дня утверждена.
%%SETUP termin tm import --db t.db tm.tsv >/dev/null
%%ARGS pretranslate --db t.db nosuch.txt -o job.tmx
%%EXIT 4
%%STDERR
termin: nosuch.txt: cannot open: No such file or directory
%%ABSENT job.tmx

%%TEST tm import keeps the fuzzy index up to date (schema step 3)
%%NEEDS sqlite3
%%FILE a.tsv
en	ru
The agenda was approved.	Повестка дня утверждена.
%%FILE b.tsv
en	ru
The report was approved.	Доклад утверждён.
%%SHELL "$TERMIN" tm import --db t.db a.tsv >/dev/null && sqlite3 t.db "SELECT user_version >= 3 FROM pragma_user_version; SELECT last_tuv FROM fuzzy_state; SELECT count(*) > 0 FROM fuzzy_post" && "$TERMIN" tm import --db t.db b.tsv >/dev/null && sqlite3 t.db "SELECT last_tuv FROM fuzzy_state" && "$TERMIN" tm match --db t.db --no-glossary --limit 1 --format json "The report was approved." | grep -o '"score":[0-9]*'
%%STDOUT
1
2
1
4
"score":100

%%TEST tm match: invalid UTF-8 on stdin names the line
%%FILE tm.tsv
en	ru
The agenda was approved.	Повестка дня утверждена.
%%SETUP termin tm import --db t.db tm.tsv >/dev/null
%%SHELL printf 'Hello.\nx\377y\n' | "$TERMIN" tm match --db t.db --no-glossary - >/dev/null
%%EXIT 3
%%STDERR
termin: standard input:2: not valid UTF-8
