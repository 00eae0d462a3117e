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
