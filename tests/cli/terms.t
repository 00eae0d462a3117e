# termin terms: term hits per segment, markers in a pipe, JSON lines, counts.

%%TEST hits are marked in a pipe, deprecated ones with their status
%%FILE news.txt
The Collective Rapid Reaction Forces of the CSTO held drills. The Collective Rapid Response Forces were praised.

Коллективные силы оперативного реагирования ОДКБ провели учения. Государства – члены ОДКБ поддержали решение.
%%ARGS terms news.txt
%%STDOUT
news.txt:1: The {{Collective Rapid Reaction Forces|crrf}} of the {{CSTO|csto}} held drills.
news.txt:1: The {{Collective Rapid Response Forces|crrf|deprecated}} were praised.
news.txt:3: {{Коллективные силы оперативного реагирования|crrf}} {{ОДКБ|csto}} провели учения.
news.txt:3: {{Государства – члены ОДКБ|member-state}} поддержали решение.

6 hits of 3 concepts
      3  crrf  Collective Rapid Reaction Forces  (preferred 2, deprecated 1)
      2  csto  Collective Security Treaty Organization
      1  member-state  member state

%%TEST --all prints segments without terms; --no-counts drops the counts
%%FILE news.txt
Nothing here. The CSTO met.
%%ARGS terms --all --no-counts news.txt
%%STDOUT
news.txt:1: Nothing here.
news.txt:1: The {{CSTO|csto}} met.

%%TEST --deprecated shows only deprecated and superseded terms
%%FILE news.txt
The CSTO Ministerial Council met in Kirghizia. The Council of Foreign Ministers met too.
%%ARGS terms --deprecated news.txt
%%STDOUT
news.txt:1: The {{CSTO Ministerial Council|council-of-foreign-ministers|deprecated}} met in {{Kirghizia|state-kyrgyzstan|superseded}}.

2 hits of 2 concepts
      1  council-of-foreign-ministers  Council of Foreign Ministers  (all deprecated)
      1  state-kyrgyzstan  Kyrgyz Republic  (all superseded)

%%TEST jsonl: one object per hit, then per concept
%%FILE my.tsv
Blue Helmet Force	Силы голубых касок	our test term
%%FILE news.txt
The Blue Helmet Forces met. Силам голубых касок нужна помощь.
%%ARGS terms --format jsonl --no-default-glossary -g my.tsv news.txt
%%STDOUT
{"type":"hit","file":"news.txt","line":1,"paragraph":1,"index":1,"start":4,"end":22,"text":"Blue Helmet Forces","concept":"blue-helmet-force","term":"Blue Helmet Force","status":"unspecified","lang":"en"}
{"type":"hit","file":"news.txt","line":1,"paragraph":1,"index":2,"start":0,"end":36,"text":"Силам голубых касок","concept":"blue-helmet-force","term":"Силы голубых касок","status":"unspecified","lang":"ru"}
{"type":"count","concept":"blue-helmet-force","count":2,"preferred":0,"admitted":0,"deprecated":0,"superseded":0,"unspecified":2}

%%TEST colour on request
%%FILE news.txt
The CSTO Ministerial Council met.
%%ARGS terms --color always --no-counts news.txt
%%STDOUT
news.txt:1: The [1;31mCSTO Ministerial Council[0m[2m[deprecated: council-of-foreign-ministers][0m met.

%%TEST standard input and a missing file
%%STDIN
The CSTO met.
%%SHELL "$TERMIN" terms --no-counts - && "$TERMIN" terms missing.txt; echo "rc=$?"
%%STDOUT
<stdin>:1: The {{CSTO|csto}} met.
rc=4
%%STDERR
termin: missing.txt: cannot open: No such file or directory

%%TEST output is written whole
%%FILE news.txt
The CSTO met.
%%SHELL "$TERMIN" terms -o out.txt news.txt missing.txt; echo "rc=$?"
%%STDOUT
rc=4
%%ABSENT out.txt
