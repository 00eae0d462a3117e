# termin terms on the client's corpus (../shared/corpus/en) with the shipped
# glossary. The counts were verified by reading the texts (grep -o -i):
#   "Collective Rapid Reaction Forces": 4 (002: 1, 003: 1, 004: 2)
#   Secretary General of the CSTO: 13 in English ("CSTO Secretary General"
#     11, "Secretary General of the Collective Security Treaty Organization"
#     2) and 1 in the Russian keyword line of 004 ("генеральный секретарь
#     одкб"); "Deputy Secretary General" (3) and "UN Secretary General" (2)
#     are other concepts
#   member states: 33 - every "member state(s)" (32 outside longer terms; the
#     33rd is inside the "Plan of Consultations of ... CSTO Member States"
#     title) and "CSTO countries"
#   exercise and operation code names: all 13 quoted or with a year; the
#     "Interaction" in "the Role and Character of Interaction of ..." and
#     "Regional Organizations" are not terms

%%TEST corpus: counts of verified concepts
%%NEEDS-SHARED
%%SHELL "$TERMIN" terms "$SHARED"/corpus/en/*.txt | sed -n '/hits of/,$p'
%%STDOUT-HAS
     33  member-state  member state  (preferred 28, admitted 5)
     14  secretary-general  Secretary General  (preferred 1, admitted 13)
      4  crrf  Collective Rapid Reaction Forces
      3  deputy-secretary-general  Deputy Secretary General
      2  un-secretary-general  UN Secretary General
      2  exercise-interaction  Interaction
      1  exercise-search  Search
      1  exercise-echelon  Echelon
      1  operation-channel  Channel

%%TEST corpus: the Secretary General in English and in the Russian keyword line
%%NEEDS-SHARED
%%SHELL "$TERMIN" terms --format jsonl "$SHARED"/corpus/en/*.txt | grep '"type":"hit"' | grep '"concept":"secretary-general"' | sed 's/.*"text":"\([^"]*\)".*"lang":"\([a-z]*\)".*/\2 \1/' | sort | uniq -c
%%STDOUT
     11 en CSTO Secretary General
      2 en Secretary General of the Collective Security Treaty Organization
      1 ru генеральный секретарь одкб

%%TEST corpus: every deprecated variant is found with its status
%%NEEDS-SHARED
%%SHELL "$TERMIN" terms --deprecated "$SHARED"/corpus/en/*.txt | sed "s#$SHARED#SHARED#"
%%STDOUT
SHARED/corpus/en/000_66a77208256b8fe0.txt:23: How do you assess the consequences of the terrorist attack in the Moscow region from the point of view of the situation in the CSTO {{zone of responsibility|area-of-responsibility|deprecated}}?
SHARED/corpus/en/001_9265d11487f5d659.txt:9: On 10 April 2024, the 39th meeting of the Working Group on Afghanistan under the {{CSTO Ministerial Council|council-of-foreign-ministers|deprecated}} was held with the participation of the Acting CSTO Deputy Secretary General Samat Ordabaev and the CSTO Deputy Secretary General Taalatbek Masadykov.
SHARED/corpus/en/001_9265d11487f5d659.txt:9: The event was also attended by delegations of the Organization’s member states, the Secretariat of the CSTO Parliamentary Assembly and representatives of the {{UN CTO|un-office-of-counter-terrorism|deprecated}}, the UNRCCA, the CIS ATC, the Coordination Service of the CIS Council of Commanders of Border Troops, the SCO RATS and the ICRC.
SHARED/corpus/en/002_ee163aba4bf054da.txt:26: The CSTO is also working on the CSTO {{Special Interstate Policy|targeted-interstate-programme-tajik-afghan-border|deprecated}} for strengthening sections of the Tajik-Afghan Border.
SHARED/corpus/en/003_fb8e1b19bee3b077.txt:43: And in 2019, for the first time, a set of operational and preventive measures was taken under the code name “Mercenary”, the purpose of which was to block the recruitment, entry and exit channels for citizens of CSTO member states to participate in terrorist activities of international terrorist organizations and neutralize their resource base in the CSTO {{responsibility zone|area-of-responsibility|deprecated}}.
SHARED/corpus/en/003_fb8e1b19bee3b077.txt:57: Also on the antiterrorist path, the CSTO is steadily developing cooperation at the regional level with the {{CIS Counter-terrorist Center|cis-anti-terrorism-center|deprecated}} and the SCO RATS.
SHARED/corpus/en/004_cf474bd0c524397c.txt:30: In the ranks of the Islamic State ({{IG|isil|deprecated}}), which is banned in our countries, several thousand people from the CIS are fighting.
SHARED/corpus/en/004_cf474bd0c524397c.txt:32: 500-600 Kazakhstanis are fighting in the ranks of the {{IG|isil|deprecated}}.
SHARED/corpus/en/004_cf474bd0c524397c.txt:53: In the ranks of the Islamic State ({{IG|isil|deprecated}}), which is banned in our countries, several thousand people from the CIS are fighting.
SHARED/corpus/en/004_cf474bd0c524397c.txt:55: 500-600 Kazakhstanis are fighting in the ranks of the {{IG|isil|deprecated}}.

10 hits of 6 concepts
      4  isil  ISIL  (all deprecated)
      2  area-of-responsibility  area of responsibility  (all deprecated)
      1  council-of-foreign-ministers  Council of Foreign Ministers  (all deprecated)
      1  un-office-of-counter-terrorism  UN Office of Counter-Terrorism  (all deprecated)
      1  targeted-interstate-programme-tajik-afghan-border  Targeted Interstate Programme for Strengthening the Tajik-Afghan Border  (all deprecated)
      1  cis-anti-terrorism-center  Anti-Terrorism Center of the CIS Member States  (all deprecated)
