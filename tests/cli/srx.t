# termin segment --srx: SRX 2.0 rule files, good and bad.

%%TEST OmegaT's default rules, English
%%NEEDS-SHARED
%%FILE news.txt
Dr. Ivanov met Mr. Petrov in St. Petersburg at 9 a.m. yesterday. They discussed No. 5 and other items, e.g. the budget. The meeting ended at 11 a.m. It was short.
Wait... the talks resumed. Are they over? Yes!
%%ARGS segment --srx "$SHARED/srx/omegat_defaultRules.srx" --lang en news.txt
%%STDOUT
Dr. Ivanov met Mr. Petrov in St. Petersburg at 9 a.m. yesterday.
They discussed No. 5 and other items, e.g. the budget.
The meeting ended at 11 a.m.
It was short.
Wait... the talks resumed.
Are they over?
Yes!

%%TEST OmegaT's default rules, Russian, with --lang auto
%%NEEDS-SHARED
%%FILE news.txt
Стороны обсудили угрозы, т.е. терроризм и наркотрафик. Т.е. повестка была широкой! Что дальше?
%%ARGS segment --srx "$SHARED/srx/omegat_defaultRules.srx" news.txt
%%STDOUT
Стороны обсудили угрозы, т.е. терроризм и наркотрафик.
Т.е. повестка была широкой!
Что дальше?

%%TEST any language code with --srx
%%NEEDS-SHARED
%%FILE text.txt
Viele Staaten, z.B. Armenien, kamen. Andere nicht.
%%ARGS segment --srx "$SHARED/srx/omegat_defaultRules.srx" --lang de-AT --format jsonl text.txt
%%STDOUT
{"file":"text.txt","line":1,"paragraph":1,"index":1,"start":0,"end":36,"lang":"de-AT","text":"Viele Staaten, z.B. Armenien, kamen."}
{"file":"text.txt","line":1,"paragraph":1,"index":2,"start":37,"end":50,"lang":"de-AT","text":"Andere nicht."}

%%TEST other language codes need --srx
%%ARGS segment --lang de text.txt
%%EXIT 2
%%STDERR
termin segment: --lang must be en, ru or auto (other languages need --srx), not 'de'
Try 'termin help segment'.

%%TEST a small rule file of our own
%%FILE rules.srx
<?xml version="1.0" encoding="UTF-8"?>
<srx xmlns="http://www.lisa.org/srx20" version="2.0">
  <header segmentsubflows="yes" cascade="yes">
    <formathandle type="start" include="no"/>
  </header>
  <body>
    <languagerules>
      <languagerule languagerulename="Russian">
        <rule break="no"><beforebreak>\b(?i)г\.</beforebreak><afterbreak>\s</afterbreak></rule>
      </languagerule>
      <languagerule languagerulename="Default">
        <rule break="yes"><beforebreak>[.?!…]+[»"]?</beforebreak><afterbreak>\s+\p{Lu}</afterbreak></rule>
      </languagerule>
    </languagerules>
    <maprules>
      <languagemap languagepattern="ru.*" languagerulename="Russian"/>
      <languagemap languagepattern=".*" languagerulename="Default"/>
    </maprules>
  </body>
</srx>
%%FILE text.txt
ОДКБ создана в 1992 г. Москва стала штаб-квартирой. Он сказал: «Мир хрупок.» Все согласились… Конец.
%%ARGS segment --srx rules.srx --lang ru text.txt
%%STDOUT
ОДКБ создана в 1992 г. Москва стала штаб-квартирой.
Он сказал: «Мир хрупок.»
Все согласились…
Конец.

%%TEST a language no map matches: only line breaks end segments
%%FILE rules.srx
<srx xmlns="http://www.lisa.org/srx20" version="2.0"><header cascade="no"/><body>
<languagerules><languagerule languagerulename="English">
<rule><beforebreak>\.</beforebreak><afterbreak>\s</afterbreak></rule>
</languagerule></languagerules>
<maprules><languagemap languagepattern="en.*" languagerulename="English"/></maprules>
</body></srx>
%%FILE text.txt
Один. Два.
Три. Четыре.
%%ARGS segment --srx rules.srx --lang ru text.txt
%%STDOUT
Один. Два.
Три. Четыре.

%%TEST not XML
%%FILE in.txt
One. Two.
%%FILE rules.srx
this is not an SRX file
%%ARGS segment --srx rules.srx -o out.txt in.txt
%%EXIT 3
%%STDERR
termin: rules.srx:1: not well-formed XML: Start tag expected, '<' not found
%%ABSENT out.txt

%%TEST empty SRX file
%%FILE in.txt
One. Two.
%%FILE-NONL rules.srx
%%ARGS segment --srx rules.srx -o out.txt in.txt
%%EXIT 3
%%STDERR
termin: rules.srx: empty file, expected an SRX 2.0 document
%%ABSENT out.txt

%%TEST unclosed element
%%FILE in.txt
One. Two.
%%FILE rules.srx
<?xml version="1.0"?>
<srx xmlns="http://www.lisa.org/srx20" version="2.0">
  <header cascade="no"/>
  <body>
    <languagerules>
      <languagerule languagerulename="English">
        <rule break="yes"><beforebreak>\.</beforebreak>
      </languagerule>
    </languagerules>
  </body>
</srx>
%%ARGS segment --srx rules.srx -o out.txt in.txt
%%EXIT 3
%%STDERR
termin: rules.srx:8: not well-formed XML: Opening and ending tag mismatch: rule line 7 and languagerule
%%ABSENT out.txt

%%TEST wrong root element
%%FILE in.txt
One. Two.
%%FILE rules.srx
<?xml version="1.0"?>
<tmx version="1.4"><header/><body/></tmx>
%%ARGS segment --srx rules.srx -o out.txt in.txt
%%EXIT 3
%%STDERR
termin: rules.srx:2: not an SRX 2.0 file: the root element is <tmx> without a namespace, expected <srx> in namespace http://www.lisa.org/srx20
%%ABSENT out.txt

%%TEST srx without the SRX 2.0 namespace
%%FILE in.txt
One. Two.
%%FILE rules.srx
<srx version="2.0"><header cascade="no"/><body/></srx>
%%ARGS segment --srx rules.srx -o out.txt in.txt
%%EXIT 3
%%STDERR
termin: rules.srx:1: not an SRX 2.0 file: the root element is <srx> without a namespace, expected <srx> in namespace http://www.lisa.org/srx20
%%ABSENT out.txt

%%TEST SRX 1.0
%%FILE in.txt
One. Two.
%%FILE rules.srx
<srx xmlns="http://www.lisa.org/srx10" version="1.0"><header cascade="no"/><body/></srx>
%%ARGS segment --srx rules.srx -o out.txt in.txt
%%EXIT 3
%%STDERR
termin: rules.srx:1: SRX 1.0 is not supported; convert the file to SRX 2.0 (namespace http://www.lisa.org/srx20)
%%ABSENT out.txt

%%TEST invalid regular expression
%%FILE in.txt
One. Two.
%%FILE rules.srx
<?xml version="1.0"?>
<srx xmlns="http://www.lisa.org/srx20" version="2.0">
  <header cascade="no"/>
  <body>
    <languagerules>
      <languagerule languagerulename="English">
        <rule break="yes">
          <beforebreak>[.?!</beforebreak>
          <afterbreak>\s</afterbreak>
        </rule>
      </languagerule>
    </languagerules>
  </body>
</srx>
%%ARGS segment --srx rules.srx -o out.txt in.txt
%%EXIT 3
%%STDERR
termin: rules.srx:8: invalid regular expression in <beforebreak>: "[.?!": missing ] in a set (ICU U_REGEX_MISSING_CLOSE_BRACKET at character 5)
%%ABSENT out.txt

%%TEST invalid language pattern
%%FILE in.txt
One. Two.
%%FILE rules.srx
<srx xmlns="http://www.lisa.org/srx20" version="2.0"><header cascade="no"/><body>
<languagerules><languagerule languagerulename="English"/></languagerules>
<maprules>
<languagemap languagepattern="en(" languagerulename="English"/>
</maprules></body></srx>
%%ARGS segment --srx rules.srx -o out.txt in.txt
%%EXIT 3
%%STDERR
termin: rules.srx:4: invalid regular expression in <languagemap languagepattern>: "en(": unbalanced parentheses (ICU U_REGEX_MISMATCHED_PAREN at character 4)
%%ABSENT out.txt

%%TEST map to a missing languagerule
%%FILE in.txt
One. Two.
%%FILE rules.srx
<?xml version="1.0"?>
<srx xmlns="http://www.lisa.org/srx20" version="2.0">
  <header cascade="no"/>
  <body>
    <languagerules>
      <languagerule languagerulename="English">
        <rule break="yes"><beforebreak>\.</beforebreak><afterbreak>\s</afterbreak></rule>
      </languagerule>
    </languagerules>
    <maprules>
      <languagemap languagepattern="en.*" languagerulename="Engish"/>
    </maprules>
  </body>
</srx>
%%ARGS segment --srx rules.srx -o out.txt in.txt
%%EXIT 3
%%STDERR
termin: rules.srx:11: <languagemap> refers to languagerule "Engish", which the file does not define
%%ABSENT out.txt

%%TEST bad break value
%%FILE in.txt
One. Two.
%%FILE rules.srx
<srx xmlns="http://www.lisa.org/srx20" version="2.0"><header cascade="no"/><body>
<languagerules><languagerule languagerulename="English">
<rule break="true"><beforebreak>\.</beforebreak></rule>
</languagerule></languagerules></body></srx>
%%ARGS segment --srx rules.srx -o out.txt in.txt
%%EXIT 3
%%STDERR
termin: rules.srx:3: <rule> has break="true"; expected "yes" or "no"
%%ABSENT out.txt

%%TEST external entity is refused
%%FILE in.txt
One. Two.
%%FILE rules.srx
<?xml version="1.0"?>
<!DOCTYPE srx [
  <!ENTITY secret SYSTEM "file:///etc/passwd">
]>
<srx xmlns="http://www.lisa.org/srx20" version="2.0">
  <header cascade="no"/>
  <body><languagerules><languagerule languagerulename="X">
    <rule><beforebreak>&secret;</beforebreak></rule>
  </languagerule></languagerules></body>
</srx>
%%ARGS segment --srx rules.srx -o out.txt in.txt
%%EXIT 3
%%STDERR
termin: rules.srx:3: the DOCTYPE declares entity "secret"; entity declarations are refused in untrusted XML
%%ABSENT out.txt

%%TEST billion laughs is refused
%%FILE in.txt
One. Two.
%%FILE rules.srx
<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<srx xmlns="http://www.lisa.org/srx20" version="2.0"><header cascade="no"/><body>
<languagerules><languagerule languagerulename="X"><rule><beforebreak>&lol9;</beforebreak></rule></languagerule></languagerules>
</body></srx>
%%ARGS segment --srx rules.srx -o out.txt in.txt
%%EXIT 3
%%STDERR
termin: rules.srx:3: the DOCTYPE declares entity "lol"; entity declarations are refused in untrusted XML
%%ABSENT out.txt

%%TEST missing SRX file
%%FILE in.txt
One. Two.
%%ARGS segment --srx nosuch.srx -o out.txt in.txt
%%EXIT 4
%%STDERR
termin: nosuch.srx: cannot open: No such file or directory
%%ABSENT out.txt
