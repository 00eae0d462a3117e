# --lang auto: the language of each paragraph, and of those too short to tell.

%%TEST a Russian text's opening dateline is tagged ru
%%FILE news.txt
12.03.2025

В Минске прошла встреча. Стороны обсудили учения.
Keywords: CSTO, exercise
%%SHELL "$TERMIN" segment --format jsonl news.txt | sed 's/.*"lang":"\([a-z]*\)","text":"\(.*\)"}/\1 \2/'
%%STDOUT
ru 12.03.2025
ru В Минске прошла встреча.
ru Стороны обсудили учения.
en Keywords: CSTO, exercise

%%TEST a dateline between paragraphs takes the language before it
%%FILE news.txt
The CSTO met in Minsk.
24.04.2024
В Минске прошла встреча.
25.04.2024
%%SHELL "$TERMIN" segment --format jsonl news.txt | sed 's/.*"lang":"\([a-z]*\)","text":"\(.*\)"}/\1 \2/'
%%STDOUT
en The CSTO met in Minsk.
en 24.04.2024
ru В Минске прошла встреча.
ru 25.04.2024

%%TEST standard input cannot be read ahead: an opening dateline is en
%%STDIN
12.03.2025
В Минске прошла встреча.
%%SHELL "$TERMIN" segment --format jsonl - | sed 's/.*"lang":"\([a-z]*\)","text":"\(.*\)"}/\1 \2/'
%%STDOUT
en 12.03.2025
ru В Минске прошла встреча.
