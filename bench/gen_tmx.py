#!/usr/bin/python3
"""Writes a synthetic EN-RU TMX 1.4b file of N units (about 500 bytes each)
for the benchmarks: unique sentences from a CSTO-like vocabulary, one unit
in ten with Level 2 inline codes, one in twenty with a prop."""
import random
import sys

n = int(sys.argv[1])
out = open(sys.argv[2], "w", encoding="utf-8")
rnd = random.Random(42)
EN = ("the Collective Security Treaty Organization member states Council of Foreign "
      "Ministers Secretary General held a working meeting with delegation on exercises "
      "forces rapid reaction joint staff border cooperation peacekeeping training agreed "
      "discussed preparation of the plan for strengthening external borders in Minsk "
      "Moscow Almaty Bishkek Dushanbe Yerevan session agenda items report").split()
RU = ("Организация Договора о коллективной безопасности государства члены Совет министров "
      "иностранных дел Генеральный секретарь провёл рабочую встречу с делегацией учения "
      "силы оперативного реагирования Объединённый штаб граница сотрудничество "
      "миротворческие подготовка согласовали обсудили план укрепления внешних границ в "
      "Минске Москве Алматы Бишкеке Душанбе Ереване заседание повестка вопросы доклад").split()
out.write('<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n'
          '<tmx version="1.4">\n<header creationtool="gen_tmx" creationtoolversion="1" '
          'segtype="sentence" o-tmf="gen" adminlang="en" srclang="en" datatype="plaintext" '
          'creationdate="20250101T000000Z"/>\n<body>\n')
for i in range(n):
    en = " ".join(rnd.choice(EN) for _ in range(rnd.randint(14, 22)))
    ru = " ".join(rnd.choice(RU) for _ in range(rnd.randint(12, 19)))
    en = "%s %d." % (en.capitalize(), i)
    ru = "%s %d." % (ru.capitalize(), i)
    if i % 10 == 0:
        en = '<bpt i="1" x="1">&lt;b&gt;</bpt>%s<ept i="1">&lt;/b&gt;</ept>' % en
        ru = '<bpt i="1" x="1">&lt;b&gt;</bpt>%s<ept i="1">&lt;/b&gt;</ept>' % ru
    prop = '<prop type="x-origin">bench</prop>' if i % 20 == 0 else ""
    out.write('<tu tuid="%d" creationdate="2025%02d%02dT120000Z">%s\n'
              '<tuv xml:lang="en"><seg>%s</seg></tuv>\n'
              '<tuv xml:lang="ru"><seg>%s</seg></tuv>\n</tu>\n'
              % (i + 1, 1 + i % 12, 1 + i % 28, prop, en, ru))
out.write("</body>\n</tmx>\n")
out.close()
