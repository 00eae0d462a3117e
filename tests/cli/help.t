# The command table, help and version.

%%TEST version
%%ARGS --version
%%STDOUT
termin 0.1.0

%%TEST no command is a usage error
%%ARGS
%%EXIT 2
%%STDERR-HAS
usage: termin [--version] [--help] COMMAND [ARGS]

%%TEST unknown command
%%ARGS frobnicate
%%EXIT 2
%%STDERR
termin: unknown command 'frobnicate'; see 'termin help'

%%TEST help lists commands and exit codes
%%ARGS help
%%STDOUT-HAS
  segment      clean texts and split them into sentence segments
exit codes:
  3  bad input: malformed or undecodable data in an input file

%%TEST help CMD equals CMD --help
%%SHELL [ "$("$TERMIN" help segment)" = "$("$TERMIN" segment --help)" ] && "$TERMIN" help segment | head -1
%%STDOUT
usage: termin segment [OPTIONS] FILE...|-

%%TEST help of an unknown command
%%ARGS help frobnicate
%%EXIT 2
%%STDERR
termin: unknown command 'frobnicate'; see 'termin help'

%%TEST exit codes agree in --help, README and the man page
%%SHELL "$TERMIN" help | sed -n '/^exit codes:/,$p' | tail -n +2 > help.txt && awk '/^## Exit codes/{f=1} f&&/^```$/{n++; next} f&&n==1' "$SRC/README.md" > readme.txt && awk '/^\.SH EXIT STATUS/{f=1;next} f&&/^\.nf/{g=1;next} g&&/^\.fi/{exit} g' "$SRC/docs/termin.1" | sed 's/\\-/-/g' > man.txt && diff help.txt readme.txt && diff help.txt man.txt && wc -l < help.txt
%%STDOUT
5

%%TEST every command in the table is in the man page and README
%%SHELL "$TERMIN" help | sed -n '/^commands:/,/^$/p' | awk 'NF>1 && $1!="help" && $1!="commands:" {print $1}' | while read c; do grep -q "^\.SS termin $c" "$SRC/docs/termin.1" || echo "man page lacks $c"; grep -q "termin $c" "$SRC/README.md" || echo "README lacks $c"; done
%%STDOUT
