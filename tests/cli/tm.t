# termin tm: documentation, and the command line around the library.

%%TEST every tm sub-command and option is in the man page
%%SHELL for s in import export search stats dump; do grep -q "^\.SS termin tm $s " "$SRC/docs/termin.1" || echo "man page lacks tm $s"; "$TERMIN" tm $s --help | sed -n '/^options:/,/^$/p' | grep -o -- '--[a-z][a-z-]*' | grep -v -e '--help' -e '--db' | sort -u | while read o; do sed -n "/^\.SS termin tm $s /,/^\.SS /p" "$SRC/docs/termin.1" | sed 's/\\-/-/g' | grep -q -- "$o" || echo "man page lacks tm $s $o"; done; done; "$TERMIN" tm --help | awk '/^  tm /{print $2}' | while read s; do grep -q "^\.SS termin tm $s " "$SRC/docs/termin.1" || echo "man page lacks tm $s"; done
%%STDOUT

%%TEST tm without a sub-command lists them
%%ARGS tm
%%EXIT 2
%%STDERR-HAS
  tm import   import TMX, TSV or text files

%%TEST unknown tm sub-command
%%ARGS tm frob
%%EXIT 2
%%STDERR
termin: unknown command 'tm frob'; see 'termin help tm'

%%TEST search: a phrase in either language, each unit once, ё = е, the match marked
%%FILE h.tsv
en	ru
The CSTO Joint Staff holds consultations on exercise planning	Объединённый штаб ОДКБ провёл консультации по планированию учений
The Joint Staff of the CSTO met in Moscow	Объединенный штаб ОДКБ собрался в Москве
Peacekeepers train in Belarus	Миротворцы тренируются в Беларуси
%%SETUP "$TERMIN_BIN" tm import --db t.db h.tsv >/dev/null
%%SHELL termin tm search --db t.db 'объединенный штаб'; echo; termin tm search --db t.db --lang en 'joint staff' -n 1; echo; termin tm search --db t.db --color always 'ОБЪЕДИНЁННЫЙ' -n 1 | grep -c '31mОбъединенный'
%%STDOUT
4e4036ef9fa0a367
  ru     [Объединенный штаб] ОДКБ собрался в Москве
  en     The Joint Staff of the CSTO met in Moscow
0cdd189b26c4c9f1
  ru     [Объединённый штаб] ОДКБ провёл консультации по планированию учений
  en     The CSTO Joint Staff holds consultations on exercise planning

0cdd189b26c4c9f1
  en     The CSTO [Joint Staff] holds consultations on exercise planning
  ru     Объединённый штаб ОДКБ провёл консультации по планированию учений

1

%%TEST search: FTS5 syntax with --fts; a query it cannot parse is a usage error
%%FILE h.tsv
CSTO exercise	Учение ОДКБ
CSTO staff	Штаб ОДКБ
%%SETUP "$TERMIN_BIN" tm import --db t.db h.tsv >/dev/null
%%SHELL termin tm search --db t.db --fts 'ОДКБ NOT штаб' && termin tm search --db t.db 'nothing like it' && termin tm search --db t.db --fts '"unbalanced'
%%EXIT 2
%%STDOUT
bd2b45292dd72719
  ru     Учение [ОДКБ]
  en     CSTO exercise
%%STDERR
no match
termin: cannot search for '"unbalanced': unterminated string

%%TEST stats and --verify
%%FILE h.tsv
en	ru
CSTO exercise	Учение ОДКБ
Untranslated.	
%%SETUP "$TERMIN_BIN" tm import --db t.db h.tsv >/dev/null
%%SHELL termin tm stats --db t.db --verify | grep -v '^database\|^dates' && sqlite3 t.db "UPDATE tuv SET plain = 'changed behind its back' WHERE id = 1" && termin tm stats --db t.db --verify
%%EXIT 4
%%STDOUT
units         2 (1 untranslated)
variants      3
usage         2 (units counted as often as they were seen)
props, notes  0, 0
imports       1 file, 1 document
languages     en 2, ru 1
pairs         en -> ru 1
check         ok
%%STDERR
termin: t.db: the concordance index does not match the units: database disk image is malformed
