# TMX content that is wrong or unusual, through `termin tm import`: language
# codes, dates, counts, structure. Defects a tolerant reader can read
# past are warnings (exit 0); the others reject the file (exit 3) and
# nothing of it is stored.
%%TEST language code that is a word
%%FILE lang1.tmx
<?xml version="1.0"?>
<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" datatype="plaintext" srclang="en"/><body>
<tu><tuv xml:lang="en"><seg>One.</seg></tuv><tuv xml:lang="russian"><seg>Один.</seg></tuv></tu>
</body></tmx>
%%ARGS tm import --db t.db lang1.tmx
%%EXIT 3
%%STDERR
termin: lang1.tmx:3:45: xml:lang: 'russian' is not a BCP 47 language code (did you mean 'ru'?)
%%CHECK [ "$(sqlite3 t.db 'SELECT count(*) FROM tu')" = 0 ]

%%TEST language code with an underscore is read with a warning
%%FILE lang2.tmx
<?xml version="1.0"?>
<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" datatype="plaintext" srclang="en"/><body>
<tu><tuv xml:lang="en"><seg>One.</seg></tuv><tuv xml:lang="ru_RU"><seg>Один.</seg></tuv></tu>
</body></tmx>
%%ARGS tm import --db t.db lang2.tmx
%%EXIT 0
%%STDERR
termin: warning: lang2.tmx:3:45: xml:lang "ru_RU" uses '_'; read as "ru-RU"

%%TEST empty language code
%%FILE lang3.tmx
<?xml version="1.0"?>
<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" datatype="plaintext" srclang="en"/><body>
<tu><tuv xml:lang="en"><seg>One.</seg></tuv><tuv xml:lang=""><seg>Один.</seg></tuv></tu>
</body></tmx>
%%ARGS tm import --db t.db lang3.tmx
%%EXIT 3
%%STDERR
termin: lang3.tmx:3:45: xml:lang: empty language code
%%CHECK [ "$(sqlite3 t.db 'SELECT count(*) FROM tu')" = 0 ]

%%TEST variant without a language
%%FILE lang4.tmx
<?xml version="1.0"?>
<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" datatype="plaintext" srclang="en"/><body>
<tu><tuv><seg>One.</seg></tuv><tuv xml:lang="ru"><seg>Один.</seg></tuv></tu>
</body></tmx>
%%ARGS tm import --db t.db lang4.tmx
%%EXIT 3
%%STDERR
termin: lang4.tmx:3:5: <tuv> without xml:lang
%%CHECK [ "$(sqlite3 t.db 'SELECT count(*) FROM tu')" = 0 ]

%%TEST language subtag too long
%%FILE lang5.tmx
<?xml version="1.0"?>
<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" datatype="plaintext" srclang="en"/><body>
<tu><tuv xml:lang="en"><seg>One.</seg></tuv><tuv xml:lang="ru-RU-x-verylongprivateusetag123"><seg>Один.</seg></tuv></tu>
</body></tmx>
%%ARGS tm import --db t.db lang5.tmx
%%EXIT 3
%%STDERR
termin: lang5.tmx:3:45: xml:lang: 'ru-RU-x-verylongprivateusetag123' is not a BCP 47 language code
%%CHECK [ "$(sqlite3 t.db 'SELECT count(*) FROM tu')" = 0 ]

%%TEST header srclang that is not a language
%%FILE lang6.tmx
<?xml version="1.0"?>
<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" datatype="plaintext" srclang="English"/><body>
<tu><tuv xml:lang="en"><seg>One.</seg></tuv><tuv xml:lang="ru"><seg>Один.</seg></tuv></tu>
</body></tmx>
%%ARGS tm import --db t.db lang6.tmx
%%EXIT 3
%%STDERR
termin: lang6.tmx:2:20: header srclang: 'English' is not a BCP 47 language code (did you mean 'en'?)
%%CHECK [ "$(sqlite3 t.db 'SELECT count(*) FROM tu')" = 0 ]

%%TEST variant en-US (written EN-us) under srclang en is taken as the source
%%FILE lang7.tmx
<?xml version="1.0"?>
<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" datatype="plaintext" srclang="en"/><body>
<tu><tuv xml:lang="EN-us"><seg>One.</seg></tuv><tuv xml:lang="ru"><seg>Один.</seg></tuv></tu>
</body></tmx>
%%ARGS tm import --db t.db lang7.tmx
%%EXIT 0
%%STDERR
termin: warning: lang7.tmx:3:1: no variant in the source language en; en-US taken as the source

%%TEST month 13, hour 25
%%FILE date1.tmx
<?xml version="1.0"?>
<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" datatype="plaintext" srclang="en"/><body>
<tu creationdate="20241345T250000Z"><tuv xml:lang="en"><seg>One.</seg></tuv><tuv xml:lang="ru"><seg>Один.</seg></tuv></tu>
</body></tmx>
%%ARGS tm import --db t.db date1.tmx
%%EXIT 0
%%STDERR
termin: warning: date1.tmx:3:1: creationdate="20241345T250000Z" is not a date; ignored

%%TEST ISO 8601 date instead of the TMX form
%%FILE date2.tmx
<?xml version="1.0"?>
<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" datatype="plaintext" srclang="en"/><body>
<tu creationdate="2024-04-24"><tuv xml:lang="en"><seg>One.</seg></tuv><tuv xml:lang="ru"><seg>Один.</seg></tuv></tu>
</body></tmx>
%%ARGS tm import --db t.db date2.tmx
%%EXIT 0
%%STDERR
termin: warning: date2.tmx:3:1: creationdate="2024-04-24" is not a TMX date (YYYYMMDDThhmmssZ); read as ISO 8601

%%TEST 30 February
%%FILE date3.tmx
<?xml version="1.0"?>
<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" datatype="plaintext" srclang="en"/><body>
<tu creationdate="20240230T000000Z"><tuv xml:lang="en"><seg>One.</seg></tuv><tuv xml:lang="ru"><seg>Один.</seg></tuv></tu>
</body></tmx>
%%ARGS tm import --db t.db date3.tmx
%%EXIT 0
%%STDERR
termin: warning: date3.tmx:3:1: creationdate="20240230T000000Z" is not a date; ignored

%%TEST 29 February of a year that is not a leap year
%%FILE date4.tmx
<?xml version="1.0"?>
<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" datatype="plaintext" srclang="en"/><body>
<tu changedate="21000229T120000Z"><tuv xml:lang="en"><seg>One.</seg></tuv><tuv xml:lang="ru"><seg>Один.</seg></tuv></tu>
</body></tmx>
%%ARGS tm import --db t.db date4.tmx
%%EXIT 0
%%STDERR
termin: warning: date4.tmx:3:1: changedate="21000229T120000Z" is not a date; ignored

%%TEST date that is text
%%FILE date5.tmx
<?xml version="1.0"?>
<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" datatype="plaintext" srclang="en"/><body>
<tu lastusagedate="yesterday"><tuv xml:lang="en"><seg>One.</seg></tuv><tuv xml:lang="ru"><seg>Один.</seg></tuv></tu>
</body></tmx>
%%ARGS tm import --db t.db date5.tmx
%%EXIT 0
%%STDERR
termin: warning: date5.tmx:3:1: lastusagedate="yesterday" is not a date; ignored

%%TEST negative usage count
%%FILE usage1.tmx
<?xml version="1.0"?>
<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" datatype="plaintext" srclang="en"/><body>
<tu usagecount="-5"><tuv xml:lang="en"><seg>One.</seg></tuv><tuv xml:lang="ru"><seg>Один.</seg></tuv></tu>
</body></tmx>
%%ARGS tm import --db t.db usage1.tmx
%%EXIT 0
%%STDERR
termin: warning: usage1.tmx:3:1: usagecount="-5" is not a count (0 to 2147483647); ignored

%%TEST usage count beyond 64 bits
%%FILE usage2.tmx
<?xml version="1.0"?>
<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" datatype="plaintext" srclang="en"/><body>
<tu usagecount="99999999999999999999999"><tuv xml:lang="en"><seg>One.</seg></tuv><tuv xml:lang="ru"><seg>Один.</seg></tuv></tu>
</body></tmx>
%%ARGS tm import --db t.db usage2.tmx
%%EXIT 0
%%STDERR
termin: warning: usage2.tmx:3:1: usagecount="99999999999999999999999" is not a count (0 to 2147483647); ignored

%%TEST unit without variants
%%FILE notuv.tmx
<?xml version="1.0"?>
<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" datatype="plaintext" srclang="en"/><body>
<tu tuid="7"></tu>
</body></tmx>
%%ARGS tm import --db t.db notuv.tmx
%%EXIT 3
%%STDERR
termin: notuv.tmx:3:1: <tu> without any <tuv>
%%CHECK [ "$(sqlite3 t.db 'SELECT count(*) FROM tu')" = 0 ]

%%TEST variant without a segment
%%FILE noseg.tmx
<?xml version="1.0"?>
<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" datatype="plaintext" srclang="en"/><body>
<tu><tuv xml:lang="en"></tuv><tuv xml:lang="ru"><seg>Один.</seg></tuv></tu>
</body></tmx>
%%ARGS tm import --db t.db noseg.tmx
%%EXIT 3
%%STDERR
termin: noseg.tmx:3:5: <tuv xml:lang="en"> without <seg>
%%CHECK [ "$(sqlite3 t.db 'SELECT count(*) FROM tu')" = 0 ]

%%TEST variant with two segments
%%FILE twoseg.tmx
<?xml version="1.0"?>
<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" datatype="plaintext" srclang="en"/><body>
<tu><tuv xml:lang="en"><seg>One.</seg><seg>Two.</seg></tuv><tuv xml:lang="ru"><seg>Один.</seg></tuv></tu>
</body></tmx>
%%ARGS tm import --db t.db twoseg.tmx
%%EXIT 3
%%STDERR
termin: twoseg.tmx:3:39: <tuv xml:lang="en"> has two <seg>
%%CHECK [ "$(sqlite3 t.db 'SELECT count(*) FROM tu')" = 0 ]

%%TEST unpaired bpt is kept with a warning
%%FILE unpaired.tmx
<?xml version="1.0"?>
<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" datatype="plaintext" srclang="en"/><body>
<tu><tuv xml:lang="en"><seg><bpt i="1">&lt;b&gt;</bpt>One.</seg></tuv><tuv xml:lang="ru"><seg>Один.</seg></tuv></tu>
</body></tmx>
%%ARGS tm import --db t.db unpaired.tmx
%%EXIT 0
%%STDERR
termin: warning: unpaired.tmx:3:5: en: <bpt i="1"> has no matching <ept>; kept as it is

%%TEST unit inside a unit
%%FILE nested.tmx
<?xml version="1.0"?>
<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" datatype="plaintext" srclang="en"/><body>
<tu><tu><tuv xml:lang="en"><seg>One.</seg></tuv><tuv xml:lang="ru"><seg>Один.</seg></tuv></tu></tu>
</body></tmx>
%%ARGS tm import --db t.db nested.tmx
%%EXIT 3
%%STDERR
termin: warning: nested.tmx:3:5: <tu> is not TMX inside <tu>; skipped
termin: nested.tmx:3:1: <tu> without any <tuv>
%%CHECK [ "$(sqlite3 t.db 'SELECT count(*) FROM tu')" = 0 ]

%%TEST header missing
%%FILE nohdr.tmx
<?xml version="1.0"?>
<tmx version="1.4"><body><tu><tuv xml:lang="en"><seg>One.</seg></tuv><tuv xml:lang="ru"><seg>Один.</seg></tuv></tu></body></tmx>
%%ARGS tm import --db t.db nohdr.tmx
%%EXIT 3
%%STDERR
termin: nohdr.tmx:2:20: <body> where the TMX <header> should be
%%CHECK [ "$(sqlite3 t.db 'SELECT count(*) FROM tu')" = 0 ]

%%TEST unknown TMX version is read as 1.4 with a warning
%%FILE version.tmx
<?xml version="1.0"?>
<tmx version="9.9"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" datatype="plaintext" srclang="en"/><body>
<tu><tuv xml:lang="en"><seg>One.</seg></tuv><tuv xml:lang="ru"><seg>Один.</seg></tuv></tu>
</body></tmx>
%%ARGS tm import --db t.db version.tmx
%%EXIT 0
%%STDERR
termin: warning: version.tmx:2:1: TMX version "9.9" is not 1.1 to 1.4b; read as 1.4

%%TEST XLIFF file named .tmx
%%FILE xliff.tmx
<?xml version="1.0"?>
<xliff version="1.2"><file/></xliff>
%%ARGS tm import --db t.db xliff.tmx
%%EXIT 3
%%STDERR
termin: xliff.tmx:2:1: not a TMX file: the root element is <xliff>
%%CHECK [ "$(sqlite3 t.db 'SELECT count(*) FROM tu')" = 0 ]

