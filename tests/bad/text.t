# Plain-text input that is not what it seems, through `termin segment` and
# `termin tm import` (the text reader and cleaner).

%%TEST UTF-16LE without a byte-order mark
%%SETUP printf 'The CSTO met in Minsk.\n' | iconv -t UTF-16LE > u16le.txt
%%ARGS segment -o out.txt u16le.txt
%%EXIT 3
%%STDERR
termin: u16le.txt: looks like UTF-16 without a byte-order mark; pass --encoding UTF-16LE
%%ABSENT out.txt

%%TEST UTF-16BE without a byte-order mark, imported
%%SETUP printf 'The CSTO met in Minsk.\n' | iconv -t UTF-16BE > u16be.txt
%%ARGS tm import --db t.db --format text u16be.txt
%%EXIT 3
%%STDERR
termin: u16be.txt: looks like UTF-16 without a byte-order mark; pass --encoding UTF-16BE

%%TEST UTF-16LE with --encoding
%%SETUP printf 'The CSTO met in Minsk. Then it left.\n' | iconv -t UTF-16LE > u16le.txt
%%ARGS segment --encoding UTF-16LE u16le.txt
%%STDOUT
The CSTO met in Minsk.
Then it left.

%%TEST UTF-32 with a byte-order mark
%%SETUP printf '\377\376\000\000O\000\000\000K\000\000\000.\000\000\000\n\000\000\000' > u32.txt
%%ARGS segment u32.txt
%%STDOUT
OK.

%%TEST windows-1251 imported without --encoding
%%SETUP printf '\316\304\312\301 \361\356\347\344\340\355\340.\n' > ru1251.txt
%%ARGS tm import --db t.db --format text ru1251.txt
%%EXIT 3
%%STDERR
termin: ru1251.txt:1: invalid UTF-8 (byte 0xCE at byte offset 0); for legacy files pass --encoding, e.g. --encoding windows-1251

%%TEST unknown encoding name
%%SETUP printf 'x\n' > a.txt
%%ARGS tm import --db t.db --encoding bogus a.txt
%%EXIT 2
%%STDERR
termin: unknown encoding 'bogus'

%%TEST file cut inside a UTF-8 character
%%SETUP printf 'The CSTO.\nОДК\320' > cut.txt
%%ARGS segment -o out.txt cut.txt
%%EXIT 3
%%STDERR
termin: cut.txt:2: truncated UTF-8 character at byte offset 16 (end of file)
%%ABSENT out.txt

%%TEST overlong UTF-8 (a slash in two bytes)
%%SETUP printf 'ab \300\257 cd\n' > overlong.txt
%%ARGS segment overlong.txt
%%EXIT 3
%%STDERR
termin: overlong.txt:1: invalid UTF-8 (byte 0xC0 at byte offset 3); for legacy files pass --encoding, e.g. --encoding windows-1251

%%TEST UTF-8-encoded surrogate
%%SETUP printf 'ab\ncd \355\240\200\n' > surrogate.txt
%%ARGS segment surrogate.txt
%%EXIT 3
%%STDERR
termin: surrogate.txt:2: invalid UTF-8 (byte 0xED at byte offset 6); for legacy files pass --encoding, e.g. --encoding windows-1251

%%TEST NUL bytes in the third line
%%SETUP printf 'One.\nTwo.\nTh\000ree.\n' > nul.txt
%%ARGS tm import --db t.db --format text nul.txt
%%EXIT 3
%%STDERR
termin: nul.txt:3: binary data (NUL byte at byte offset 12), not a text file
%%CHECK [ "$(sqlite3 t.db 'SELECT count(*) FROM tu')" = 0 ]

%%TEST a PDF named .txt
%%SETUP printf '%%PDF-1.4\n%%\342\343\317\323\n1 0 obj\n' > report.txt
%%ARGS segment -o out.txt report.txt
%%EXIT 3
%%STDERR
termin: report.txt: a PDF document, not a text file
%%ABSENT out.txt

%%TEST a Word document (.docx) given as text
%%SETUP printf 'PK\003\004\024\000\006\000' > news.docx
%%ARGS tm import --db t.db news.docx
%%EXIT 3
%%STDERR
termin: news.docx: a ZIP archive (a .docx, .odt or .xlsx document?), not a text file

%%TEST a gzip file named .txt
%%SETUP printf 'The CSTO.\n' | gzip > news.txt
%%ARGS segment news.txt
%%EXIT 3
%%STDERR
termin: news.txt: a gzip-compressed file, not a text file

%%TEST a termin database given as text
%%SETUP printf 'x\ty\n' > a.tsv && "$TERMIN" tm import --db t.db a.tsv >/dev/null
%%ARGS segment t.db
%%EXIT 3
%%STDERR
termin: t.db: an SQLite database, not a text file

%%TEST old Mac line ends (CR only)
%%SETUP printf 'One.\rTwo.\rThree.\r' > cr.txt
%%ARGS segment cr.txt
%%STDOUT
One.
Two.
Three.

%%TEST only white space
%%SETUP printf '  \n\t\n\302\240\n\n' > blank.txt
%%ARGS segment blank.txt
%%STDOUT

%%TEST a byte-order mark in the middle of a line is dropped
%%SETUP printf 'One.\357\273\277 Two.\n' > midbom.txt
%%ARGS segment midbom.txt
%%STDOUT
One.
Two.

%%TEST a 100 MB line without a sentence boundary is cut into 1 MiB segments
%%SHELL head -c 100000000 /dev/zero | tr '\0' a | "$TERMIN" segment - | wc -lc
%%STDOUT
     96 100000096
%%STDERR
termin: warning: <stdin>: 95 segments longer than 1 MiB without a sentence boundary were cut

%%TEST a 20 MB line of sentences
%%SHELL yes 'The CSTO met in Minsk. ' | head -c 20000000 | tr -d '\n' | "$TERMIN" segment - | sort | uniq -c
%%STDOUT
      1 The CSTO
 833333 The CSTO met in Minsk.

%%TEST --lang that is not a language
%%SETUP printf 'x\n' > a.txt
%%ARGS segment --lang xx-!! a.txt
%%EXIT 2
%%STDERR
termin segment: --lang must be en, ru or auto (other languages need --srx), not 'xx-!!'
Try 'termin help segment'.
