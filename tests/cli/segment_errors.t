# Bad input for `termin segment`: exact messages, exit codes, no partial output.

%%TEST missing file
%%ARGS segment -o out.txt nosuch.txt
%%EXIT 4
%%STDERR
termin: nosuch.txt: cannot open: No such file or directory
%%ABSENT out.txt

%%TEST directory
%%SETUP mkdir adir
%%ARGS segment -o out.txt adir
%%EXIT 4
%%STDERR
termin: adir: is a directory
%%ABSENT out.txt

%%TEST unreadable file
%%FILE secret.txt
Classified.
%%SETUP chmod 000 secret.txt
%%SHELL if [ "$(id -u)" = 0 ]; then chmod 755 . && setpriv --reuid=nobody --regid=nogroup --clear-groups "$TERMIN" segment -o /tmp/termin-unreadable-out.txt secret.txt; else "$TERMIN" segment -o /tmp/termin-unreadable-out.txt secret.txt; fi
%%EXIT 4
%%STDERR
termin: secret.txt: cannot open: Permission denied
%%CHECK [ ! -e /tmp/termin-unreadable-out.txt ]

%%TEST empty file is not an error
%%FILE-NONL empty.txt
%%ARGS segment -o out.txt empty.txt
%%EXIT 0
%%STDOUT
%%CHECK [ -f out.txt ] && [ ! -s out.txt ]

%%TEST binary file
%%SETUP printf 'GIF89a\001\000\001\000\000\000\000;' > pic.gif
%%ARGS segment -o out.txt pic.gif
%%EXIT 3
%%STDERR
termin: pic.gif:1: binary data (NUL byte at byte offset 7), not a text file
%%ABSENT out.txt

%%TEST invalid UTF-8
%%SETUP printf 'The CSTO.\nCaf\351 au lait.\n' > latin1.txt
%%ARGS segment -o out.txt latin1.txt
%%EXIT 3
%%STDERR
termin: latin1.txt:2: invalid UTF-8 (byte 0xE9 at byte offset 13); for legacy files pass --encoding, e.g. --encoding windows-1251
%%ABSENT out.txt

%%TEST windows-1251 without --encoding
%%SETUP printf '\316\304\312\301 \361\356\347\344\340\355\340.\n' > ru1251.txt
%%ARGS segment -o out.txt ru1251.txt
%%EXIT 3
%%STDERR
termin: ru1251.txt:1: invalid UTF-8 (byte 0xCE at byte offset 0); for legacy files pass --encoding, e.g. --encoding windows-1251
%%ABSENT out.txt

%%TEST windows-1251 with --encoding
%%SETUP printf '\316\304\312\301 \361\356\347\344\340\355\340 \342 1992 \343. \307\344\345\361\374 \342\362\356\360\356\351.\n' > ru1251.txt
%%ARGS segment --encoding windows-1251 ru1251.txt
%%EXIT 0
%%STDOUT-HAS
ОДКБ создана в 1992 г.

%%TEST KOI8-R with --encoding
%%SETUP printf '\357\344\353\342\n' > koi.txt
%%ARGS segment --encoding KOI8-R koi.txt
%%STDOUT
ОДКБ

%%TEST undecodable byte in the given encoding
%%SETUP printf 'abc\n\351x\n' > bad.txt
%%ARGS segment --encoding US-ASCII -o out.txt bad.txt
%%EXIT 3
%%STDERR
termin: bad.txt:2: byte 0xE9 at byte offset 4 cannot be decoded as US-ASCII
%%ABSENT out.txt

%%TEST unknown encoding
%%FILE a.txt
x
%%ARGS segment --encoding klingon a.txt
%%EXIT 2
%%STDERR
termin: unknown encoding 'klingon'

%%TEST UTF-16 with BOM is converted
%%SETUP printf '\377\376T\000h\000e\000 \000C\000S\000T\000O\000.\000' > u16.txt
%%ARGS segment u16.txt
%%STDOUT
The CSTO.

%%TEST UTF-16 without BOM is refused
%%SETUP printf 'T\000h\000e\000 \000C\000S\000T\000O\000 \000t\000e\000x\000t\000.\000\n\000' > u16.txt
%%ARGS segment -o out.txt u16.txt
%%EXIT 3
%%STDERR
termin: u16.txt: looks like UTF-16 without a byte-order mark; pass --encoding UTF-16LE
%%ABSENT out.txt

%%TEST one 100 MB line is segmented in bounded pieces
%%SETUP python3 -c "import sys; sys.stdout.write('The CSTO held an exercise in Kyrgyzstan. ' * 2500000)" > big.txt
# memory stays bounded: 200 MB of address space for a 100 MB line (not
# under the sanitizers, whose shadow memory needs terabytes of it)
%%SHELL if [ -z "${TERMIN_SANITIZED:-}" ]; then ulimit -v 200000; fi; "$TERMIN" segment -o out.txt big.txt && sort out.txt | uniq -c
%%STDOUT
2500000 The CSTO held an exercise in Kyrgyzstan.

%%TEST one 100 MB line without a sentence boundary is cut, with a warning
# a segment is cut once it passes 1 MiB, at the end of the piece being read: at most 2 MiB
%%SETUP python3 -c "import sys; sys.stdout.write('and the exercise went on ' * 4000000)" > big.txt
%%SHELL if [ -z "${TERMIN_SANITIZED:-}" ]; then ulimit -v 200000; fi; "$TERMIN" segment big.txt | awk '{ n++; if (length($0) > m) m = length($0) } END { print n, m }'
%%STDOUT
78 2097151
%%STDERR
termin: warning: big.txt: 77 segments longer than 1 MiB without a sentence boundary were cut

%%TEST UTF-16 without BOM with --encoding UTF-16LE
%%SETUP printf 'T\000h\000e\000 \000C\000S\000T\000O\000.\000 \000I\000t\000 \000m\000e\000t\000.\000\n\000' > u16.txt
%%ARGS segment --encoding UTF-16LE u16.txt
%%STDOUT
The CSTO.
It met.

%%TEST UTF-16 big-endian with BOM is converted
%%SETUP printf '\376\377\000O\000K\000.\000\n' > u16be.txt
%%ARGS segment u16be.txt
%%STDOUT
OK.

%%TEST KOI8-R without --encoding
%%SETUP printf '\357\344\353\342 \323\317\332\304\301\316\301.\n' > koi.txt
%%ARGS segment -o out.txt koi.txt
%%EXIT 3
%%STDERR
termin: koi.txt:1: invalid UTF-8 (byte 0xEF at byte offset 0); for legacy files pass --encoding, e.g. --encoding windows-1251
%%ABSENT out.txt

%%TEST invalid UTF-8 deep in a long file names line and offset
%%SETUP python3 -c "import sys; sys.stdout.buffer.write(b'The CSTO met.\n' * 100000 + b'Bad \xff byte.\n')" > deep.txt
%%ARGS segment -o out.txt deep.txt
%%EXIT 3
%%STDERR
termin: deep.txt:100001: invalid UTF-8 (byte 0xFF at byte offset 1400004); for legacy files pass --encoding, e.g. --encoding windows-1251
%%ABSENT out.txt

%%TEST malformed SRX (more cases in srx.t)
%%FILE in.txt
One. Two.
%%FILE rules.srx
<srx xmlns="http://www.lisa.org/srx20" version="2.0"><body>
%%ARGS segment --srx rules.srx -o out.txt in.txt
%%EXIT 3
%%STDERR-HAS
termin: rules.srx:2: not well-formed XML
%%ABSENT out.txt

%%TEST --export-srx takes no input files
%%FILE in.txt
One.
%%ARGS segment --export-srx -o out.srx in.txt
%%EXIT 2
%%STDERR
termin segment: --export-srx takes no input files
Try 'termin help segment'.
%%ABSENT out.srx

%%TEST --export-srx into a missing directory
%%ARGS segment --export-srx -o nosuch/out.srx
%%EXIT 4
%%STDERR-HAS
nosuch/out.srx
%%ABSENT nosuch

%%TEST --export-srx writes SRX 2.0 that --srx reads back
%%ARGS segment --export-srx -o termin.srx
%%CHECK grep -q 'xmlns="http://www.lisa.org/srx20" version="2.0"' termin.srx && printf 'Mr. Smith met Gen. A. N. Serdyukov at 5 p.m. Then he left.\n' | "$TERMIN_BIN" segment --srx termin.srx --lang en - | diff - <(printf 'Mr. Smith met Gen. A. N. Serdyukov at 5 p.m.\nThen he left.\n')

%%TEST unknown option
%%ARGS segment --frobnicate a.txt
%%EXIT 2
%%STDERR
termin segment: unknown option '--frobnicate'
Try 'termin help segment'.

%%TEST bad format value
%%ARGS segment --format xml a.txt
%%EXIT 2
%%STDERR
termin segment: --format must be one of lines|jsonl|tmx, not 'xml'
Try 'termin help segment'.

%%TEST no input files
%%ARGS segment
%%EXIT 2
%%STDERR
termin segment: no input files (use - for standard input)
Try 'termin help segment'.

%%TEST no input files with --boilerplate (nothing leaks under ASan)
%%FILE menu.txt
Main menu
%%ARGS segment --boilerplate menu.txt
%%EXIT 2
%%STDERR
termin segment: no input files (use - for standard input)
Try 'termin help segment'.

%%TEST second file bad: nothing written
%%FILE good.txt
A good text.
%%ARGS segment -o out.txt good.txt nosuch.txt
%%EXIT 4
%%STDERR
termin: nosuch.txt: cannot open: No such file or directory
%%ABSENT out.txt
