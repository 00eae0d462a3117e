# SRX rule files (`termin segment --srx`): untrusted XML and rules that
# cannot work. Every case exits 3 and names the file and line.
%%TEST SRX with an external entity
%%FILE-NONL xxe.srx
<?xml version="1.0"?>
<!DOCTYPE srx [<!ENTITY e SYSTEM "file:///etc/passwd">]>
<srx version="2.0">&e;</srx>
%%FILE a.txt
One. Two.
%%ARGS segment --srx xxe.srx -o out.txt a.txt
%%EXIT 3
%%STDERR
termin: xxe.srx:2: the DOCTYPE declares entity "e"; entity declarations are refused in untrusted XML
%%ABSENT out.txt

%%TEST SRX billion laughs
%%FILE-NONL lol.srx
<?xml version="1.0"?>
<!DOCTYPE srx [
<!ENTITY a "aaaaaaaaaa">
<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
]>
<srx version="2.0">&c;</srx>
%%FILE a.txt
One. Two.
%%ARGS segment --srx lol.srx -o out.txt a.txt
%%EXIT 3
%%STDERR
termin: lol.srx:3: the DOCTYPE declares entity "a"; entity declarations are refused in untrusted XML
%%ABSENT out.txt

%%TEST SRX regular expression that does not compile
%%FILE-NONL badre.srx
<?xml version="1.0"?>
<srx xmlns="http://www.lisa.org/srx20" version="2.0"><header segmentsubflows="yes" cascade="yes"/><body><languagerules><languagerule languagerulename="en"><rule break="yes"><beforebreak>[unclosed</beforebreak><afterbreak>\s</afterbreak></rule></languagerule></languagerules><maprules><languagemap languagepattern=".*" languagerulename="en"/></maprules></body></srx>
%%FILE a.txt
One. Two.
%%ARGS segment --srx badre.srx -o out.txt a.txt
%%EXIT 3
%%STDERR
termin: badre.srx:2: invalid regular expression in <beforebreak>: "[unclosed": missing ] in a set (ICU U_REGEX_MISSING_CLOSE_BRACKET at character 10)
%%ABSENT out.txt

%%TEST SRX look-behind without a bound
%%FILE-NONL lookbehind.srx
<?xml version="1.0"?>
<srx xmlns="http://www.lisa.org/srx20" version="2.0"><header segmentsubflows="yes" cascade="yes"/><body><languagerules><languagerule languagerulename="en"><rule break="yes"><beforebreak>(?&lt;=a+)x</beforebreak><afterbreak>\s</afterbreak></rule></languagerule></languagerules><maprules><languagemap languagepattern=".*" languagerulename="en"/></maprules></body></srx>
%%FILE a.txt
One. Two.
%%ARGS segment --srx lookbehind.srx -o out.txt a.txt
%%EXIT 3
%%STDERR
termin: lookbehind.srx:2: invalid regular expression in <beforebreak>: "(?<=a+)x": lookbehind without a bounded length (ICU U_REGEX_LOOK_BEHIND_LIMIT at character 8)
%%ABSENT out.txt

%%TEST SRX language pattern that does not compile
%%FILE-NONL badpat.srx
<?xml version="1.0"?>
<srx xmlns="http://www.lisa.org/srx20" version="2.0"><header segmentsubflows="yes" cascade="yes"/><body><languagerules><languagerule languagerulename="en"><rule break="yes"><beforebreak>\.</beforebreak><afterbreak>\s</afterbreak></rule></languagerule></languagerules><maprules><languagemap languagepattern="((" languagerulename="en"/></maprules></body></srx>
%%FILE a.txt
One. Two.
%%ARGS segment --srx badpat.srx -o out.txt a.txt
%%EXIT 3
%%STDERR
termin: badpat.srx:2: invalid regular expression in <languagemap languagepattern>: "((": unbalanced parentheses (ICU U_REGEX_MISMATCHED_PAREN at character 3)
%%ABSENT out.txt

%%TEST SRX map to a rule set that does not exist
%%FILE-NONL badmap.srx
<?xml version="1.0"?>
<srx xmlns="http://www.lisa.org/srx20" version="2.0"><header segmentsubflows="yes" cascade="yes"/><body><languagerules><languagerule languagerulename="en"><rule break="yes"><beforebreak>\.</beforebreak><afterbreak>\s</afterbreak></rule></languagerule></languagerules><maprules><languagemap languagepattern=".*" languagerulename="nosuch"/></maprules></body></srx>
%%FILE a.txt
One. Two.
%%ARGS segment --srx badmap.srx -o out.txt a.txt
%%EXIT 3
%%STDERR
termin: badmap.srx:2: <languagemap> refers to languagerule "nosuch", which the file does not define
%%ABSENT out.txt

%%TEST SRX 1.0
%%FILE-NONL v1.srx
<?xml version="1.0"?>
<srx xmlns="http://www.lisa.org/srx20" version="1.0"><header segmentsubflows="yes" cascade="yes"/><body><languagerules><languagerule languagerulename="en"><rule break="yes"><beforebreak>\.</beforebreak><afterbreak>\s</afterbreak></rule></languagerule></languagerules><maprules><languagemap languagepattern=".*" languagerulename="en"/></maprules></body></srx>
%%FILE a.txt
One. Two.
%%ARGS segment --srx v1.srx -o out.txt a.txt
%%EXIT 3
%%STDERR
termin: v1.srx:2: SRX version "1.0" is not supported (only 2.0)
%%ABSENT out.txt

%%TEST a TMX file given as SRX
%%FILE-NONL tmx.srx
<?xml version="1.0"?>
<tmx version="1.4"/>
%%FILE a.txt
One. Two.
%%ARGS segment --srx tmx.srx -o out.txt a.txt
%%EXIT 3
%%STDERR
termin: tmx.srx:2: not an SRX 2.0 file: the root element is <tmx> without a namespace, expected <srx> in namespace http://www.lisa.org/srx20
%%ABSENT out.txt

%%TEST an empty SRX file
%%FILE-NONL empty.srx
%%FILE a.txt
One. Two.
%%ARGS segment --srx empty.srx -o out.txt a.txt
%%EXIT 3
%%STDERR
termin: empty.srx: empty file, expected an SRX 2.0 document
%%ABSENT out.txt

%%TEST a truncated SRX file
%%FILE-NONL cut.srx
<?xml version="1.0"?>
<srx xmlns="http://www.lisa.org/srx20" version="2.0"><header segmentsubflows="yes" cascade="yes"/><body><languagerules><languagerule languagerulename="en"><rule break="yes"><befo
%%FILE a.txt
One. Two.
%%ARGS segment --srx cut.srx -o out.txt a.txt
%%EXIT 3
%%STDERR
termin: cut.srx:2: not well-formed XML: the file ends before the document does (truncated?)
%%ABSENT out.txt

%%TEST SRX elements nested 300 deep
%%FILE-NONL deep.srx
<?xml version="1.0"?>
<srx version="2.0"><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></srx>
%%FILE a.txt
One. Two.
%%ARGS segment --srx deep.srx -o out.txt a.txt
%%EXIT 3
%%STDERR
termin: deep.srx:2: not well-formed XML: elements nested more than 256 deep; refused
%%ABSENT out.txt

