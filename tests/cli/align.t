# `termin align`: bad input and usage, exact messages, exit codes, nothing
# half-written. Alignment quality is tested in tests/integration/align.sh.

%%TEST missing English file
%%FILE ru.txt
Министры встретились в Минске.
%%ARGS align -o out.tmx nosuch.txt ru.txt
%%EXIT 4
%%STDERR
termin: nosuch.txt: cannot open: No such file or directory
%%ABSENT out.tmx

%%TEST missing Russian file
%%FILE en.txt
The ministers met in Minsk.
%%ARGS align -o out.tmx en.txt nosuch.txt
%%EXIT 4
%%STDERR
termin: nosuch.txt: cannot open: No such file or directory
%%ABSENT out.tmx

%%TEST invalid UTF-8 in the Russian file
%%FILE en.txt
The ministers met in Minsk.
%%SETUP printf 'Министры встретились.\n\362\345\352\361\362 in windows-1251.\n' > ru.txt
%%ARGS align -o out.tmx en.txt ru.txt
%%EXIT 3
%%STDERR
termin: ru.txt:2: invalid UTF-8 (byte 0xF2 at byte offset 41); for legacy files pass --encoding, e.g. --encoding windows-1251
%%ABSENT out.tmx

%%TEST --tgt-encoding reads a windows-1251 file
%%FILE en.txt
The text.
%%SETUP printf '\322\345\352\361\362.\n' > ru.txt
%%SHELL "$TERMIN" align -q -f tsv en.txt ru.txt --tgt-encoding windows-1251 | cut -f1,2
%%STDOUT
The text.	Текст.

%%TEST binary file
%%FILE en.txt
The ministers met in Minsk.
%%SETUP printf 'GIF89a\001\000\001\000\000\000\000;' > pic.gif
%%ARGS align -o out.tmx en.txt pic.gif
%%EXIT 3
%%STDERR
termin: pic.gif:1: binary data (NUL byte at byte offset 7), not a text file
%%ABSENT out.tmx

%%TEST too few arguments
%%ARGS align en.txt
%%EXIT 2
%%STDERR
termin align: too few arguments
Try 'termin help align'.

%%TEST --min-confidence out of range
%%ARGS align --min-confidence 1.5 en.txt ru.txt
%%EXIT 2
%%STDERR
termin align: --min-confidence must be between 0 and 1
Try 'termin help align'.

%%TEST unknown --without part
%%ARGS align --without length,lenght en.txt ru.txt
%%EXIT 2
%%STDERR
termin align: --without: unknown part 'lenght' (length, numbers, names, punct, paragraphs, glossary)
Try 'termin help align'.

%%TEST --glossary with --no-glossary
%%ARGS align --glossary g.tbx --no-glossary en.txt ru.txt
%%EXIT 2
%%STDERR
termin align: --glossary and --no-glossary exclude each other
Try 'termin help align'.

%%TEST bad format
%%ARGS align -f xlsx en.txt ru.txt
%%EXIT 2
%%STDERR
termin align: --format must be one of tmx|tsv|html|jsonl, not 'xlsx'
Try 'termin help align'.

%%TEST missing glossary
%%FILE en.txt
The ministers met in Minsk.
%%FILE ru.txt
Министры встретились в Минске.
%%ARGS align -o out.tmx --glossary nosuch.tbx en.txt ru.txt
%%EXIT 4
%%STDERR
termin: nosuch.tbx: cannot open: No such file or directory
%%ABSENT out.tmx

%%TEST --db on a file that is not a database
%%FILE en.txt
The ministers met in Minsk.
%%FILE ru.txt
Министры встретились в Минске.
%%FILE notdb
This is not a database.
%%ARGS align -q --db notdb -o out.tmx en.txt ru.txt
%%EXIT 4
%%STDERR-HAS
/notdb: not an SQLite database
%%ABSENT out.tmx

%%TEST a glossary term shared by both sides raises the pair's confidence
%%FILE en.txt
Talks began.
The Collective Security Treaty Organization met on Monday in the capital.
A statement followed.
%%FILE ru.txt
Переговоры начались.
В понедельник в столице провела встречу Организация Договора о коллективной безопасности.
Затем последовало заявление.
%%FILE g.tsv
Collective Security Treaty Organization	Организация Договора о коллективной безопасности
%%SHELL a=$("$TERMIN" align -q -f jsonl --glossary g.tsv en.txt ru.txt | sed -n '2s/.*"confidence":\([0-9.]*\).*/\1/p'); b=$("$TERMIN" align -q -f jsonl --no-glossary en.txt ru.txt | sed -n '2s/.*"confidence":\([0-9.]*\).*/\1/p'); echo "$a > $b"; awk -v a="$a" -v b="$b" 'BEGIN { exit !(a > b) }'
%%STDOUT-HAS
 > 

%%TEST the project database's glossary is the anchors' base, as for every command
%%FILE en.txt
Talks began.
The Zorblat Council met on Monday in the capital.
A statement followed.
%%FILE ru.txt
Переговоры начались.
В понедельник в столице собрался Зорблатский совет.
Затем последовало заявление.
%%FILE g.tsv
Zorblat Council	Зорблатский совет
%%SETUP termin glossary import --db t.db g.tsv >/dev/null 2>&1
%%SHELL a=$("$TERMIN" align -q -f jsonl --db t.db -o o1.jsonl en.txt ru.txt && sed -n '2s/.*"confidence":\([0-9.]*\).*/\1/p' o1.jsonl); b=$("$TERMIN" align -q -f jsonl --no-default-glossary --glossary empty.tsv --db t.db -o o2.jsonl en.txt ru.txt 2>/dev/null && sed -n '2s/.*"confidence":\([0-9.]*\).*/\1/p' o2.jsonl); "$TERMIN" align -v -q -f jsonl --db t.db -o o3.jsonl en.txt ru.txt 2>&1 | grep -o 'glossary: [0-9]* concepts'; awk -v a="$a" -v b="$b" 'BEGIN { exit !(a > b) }' || echo "confidence $a is not above $b"
%%FILE empty.tsv
# no terms
%%STDOUT
glossary: 1 concepts
