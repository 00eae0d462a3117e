# The TM database itself as bad input: not a database, damaged, newer,
# read-only, a directory. Exit 4 (I/O or database); SQLite names files
# with their full path, shown here relative to the case's directory.

%%TEST a text file given as the database
%%SETUP echo hello > notdb.db
%%SHELL "$TERMIN" tm stats --db notdb.db 2>&1 >/dev/null | sed "s|$PWD/||" >&2; exit ${PIPESTATUS[0]}
%%EXIT 4
%%STDERR
termin: notdb.db: not an SQLite database

%%TEST a damaged database (cut short)
%%SETUP printf 'x\ty\n' > a.tsv && "$TERMIN" tm import --db full.db a.tsv >/dev/null && head -c 5000 full.db > cut.db
%%SHELL "$TERMIN" tm stats --db cut.db 2>&1 >/dev/null | sed "s|$PWD/||" >&2; exit ${PIPESTATUS[0]}
%%EXIT 4
%%STDERR
termin: cut.db: the database is damaged (database disk image is malformed); restore it from a copy or rebuild it from TMX

%%TEST a database made by a newer termin
%%SETUP printf 'x\ty\n' > a.tsv && "$TERMIN" tm import --db new.db a.tsv >/dev/null && sqlite3 new.db 'PRAGMA user_version = 9999'
%%ARGS tm stats --db new.db
%%EXIT 4
%%STDERR-HAS
termin: new.db: made by a newer termin (schema 9999; this one knows up to 

%%TEST a read-only database
%%SETUP printf 'x\ty\n' > a.tsv && "$TERMIN" tm import --db ro.db a.tsv >/dev/null && printf 'z\tw\n' > b.tsv && chmod 444 ro.db && chmod 755 .
%%SHELL if [ "$(id -u)" = 0 ]; then setpriv --reuid=nobody --regid=nogroup --clear-groups "$TERMIN" tm import --db ro.db b.tsv; else "$TERMIN" tm import --db ro.db b.tsv; fi 2>&1 >/dev/null | sed "s|$PWD/||" >&2; exit ${PIPESTATUS[0]}
%%EXIT 4
%%STDERR
termin: ro.db: the database is read-only here (attempt to write a readonly database)

%%TEST a directory given as the database
%%SETUP mkdir d.db && printf 'x\ty\n' > a.tsv
%%ARGS tm import --db d.db a.tsv
%%EXIT 4
%%STDERR
termin: d.db: is a directory

%%TEST a database that does not exist, for reading
%%ARGS tm export --db nosuch.db
%%EXIT 4
%%STDERR
termin: nosuch.db: cannot open: No such file or directory
%%ABSENT nosuch.db

%%TEST --since that is not a day
%%SETUP printf 'x\ty\n' > a.tsv && "$TERMIN" tm import --db t.db a.tsv >/dev/null
%%ARGS tm export --db t.db --since 2024-02-30
%%EXIT 2
%%STDERR
termin tm export: --since: '2024-02-30' is not a date (YYYY-MM-DD)
Try 'termin help tm export'.

%%TEST an empty file given as the database, for reading
%%SETUP : > empty.db
%%ARGS tm dump --db empty.db
%%EXIT 4
%%STDERR
termin: empty.db: an empty database, no TM yet
