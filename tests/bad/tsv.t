# Two-column TSV through `termin tm import`: columns, encodings, languages.
# A file with an error stores nothing.

%%TEST a row with one column
%%FILE short.tsv
en	ru
One.	Один.
Two.
%%ARGS tm import --db t.db short.tsv
%%EXIT 3
%%STDERR
termin: short.tsv:3:1: 1 column, expected 2 separated by a tab
%%CHECK [ "$(sqlite3 t.db 'SELECT count(*) FROM tu')" = 0 ]

%%TEST a row with three columns
%%FILE three.tsv
en	ru
One.	Один.	extra
%%ARGS tm import --db t.db three.tsv
%%EXIT 3
%%STDERR
termin: three.tsv:2:1: 3 columns, expected 2 separated by a tab

%%TEST an empty source column
%%SETUP printf 'en\tru\n\tОдин.\n' > empty.tsv
%%ARGS tm import --db t.db empty.tsv
%%EXIT 3
%%STDERR
termin: empty.tsv:2:1: the source column is empty

%%TEST windows-1251 without --encoding
%%SETUP printf 'One.\t\316\344\350\355.\n' > cp.tsv
%%ARGS tm import --db t.db cp.tsv
%%EXIT 3
%%STDERR
termin: cp.tsv:1: invalid UTF-8 (byte 0xCE at byte offset 5); for legacy files pass --encoding, e.g. --encoding windows-1251

%%TEST windows-1251 with --encoding
%%SETUP printf 'One.\t\316\344\350\355.\n' > cp.tsv
%%ARGS tm import --db t.db --encoding windows-1251 cp.tsv
%%STDOUT
cp.tsv: 1 unit (1 new, 0 already in the TM)
%%CHECK [ "$(sqlite3 t.db "SELECT text FROM tuv WHERE lang = 'ru'")" = Один. ]

%%TEST NUL byte in a row
%%SETUP printf 'en\tru\nOne.\tOd\000in\n' > nul.tsv
%%ARGS tm import --db t.db nul.tsv
%%EXIT 3
%%STDERR
termin: nul.tsv:2: binary data (NUL byte at byte offset 13), not a text file

%%TEST --src that is not a language
%%FILE a.tsv
One.	Один.
%%ARGS tm import --db t.db --src english a.tsv
%%EXIT 2
%%STDERR
termin: 'english' is not a BCP 47 language code (did you mean 'en'?)
