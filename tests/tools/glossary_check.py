#!/usr/bin/env python3
"""Editorial check of glossary/csto.tbx against docs/glossary-format.md.

A helper for the terminologist, not part of termin and not run by `make check`
(`termin glossary validate` is the product's check).  Usage:

    python3 tests/tools/glossary_check.py [glossary/csto.tbx]

Prints the figures (concepts by subjectField, terms by status per language,
deprecated and superseded terms with their preferred forms) and every problem
found, as FILE:LINE: message; exits 1 when there are problems.
"""
import re
import sys
import unicodedata
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict

NS = 'urn:iso:std:iso:30042:ed-2'
Q = lambda t: '{%s}%s' % (NS, t)
XML_LANG = '{http://www.w3.org/XML/1998/namespace}lang'

SUBJECTS = {'body', 'force', 'post', 'operation', 'exercise', 'programme', 'document',
            'event', 'concept', 'state', 'organization', 'person'}
POS = {'noun', 'properNoun', 'adjective', 'verb', 'other'}
TTYPE = {'fullForm', 'acronym', 'abbreviation', 'shortForm', 'variant', 'phrase'}
STATUS = {'preferredTerm-admn-sts', 'admittedTerm-admn-sts', 'deprecatedTerm-admn-sts',
          'supersededTerm-admn-sts'}
CS_NOTE = 'termin:case-sensitive'
SLUG = re.compile(r'^[a-z0-9]+(-[a-z0-9]+)*$')
DASHES = '\u002d\u2010\u2011\u2012\u2013\u2014\u2015\u2212'
QUOTES = '"\'\u00ab\u00bb\u201c\u201d\u201e\u2018\u2019\u201a'


def fold_en(word):
    """Rough English possessive/plural folding, as the matcher does."""
    for suffix in ("'s", "\u2019s"):
        if word.endswith(suffix):
            return word[:-2]
    if len(word) > 4 and word.endswith('ies'):
        return word[:-3] + 'y'
    if len(word) > 3 and word.endswith('s') and not word.endswith('ss'):
        return word[:-1]
    return word


def norm(term, exact, lang='ru'):
    """Key under which termin's matcher would see two forms as one."""
    s = unicodedata.normalize('NFC', term)
    s = s.replace('\u00a0', ' ').replace('ё', 'е').replace('Ё', 'Е')
    for d in DASHES:
        s = s.replace(d, ' ')
    for q in QUOTES:
        s = s.replace(q, '')
    words = s.split()
    if lang == 'en' and not exact:
        words = [fold_en(w.casefold()) for w in words]
    s = ' '.join(words)
    return s if exact else s.casefold()


def lines_of(path):
    """Map conceptEntry id -> line number (ElementTree keeps no lines)."""
    out = {}
    with open(path, encoding='utf-8') as f:
        for n, line in enumerate(f, 1):
            m = re.search(r'<conceptEntry id="([^"]+)"', line)
            if m:
                out[m.group(1)] = n
    return out


def main(path):
    problems = []
    where = lines_of(path)
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as e:
        print('%s: not well-formed: %s' % (path, e))
        return 1

    def bad(cid, msg):
        problems.append('%s:%s: %s: %s' % (path, where.get(cid, 0), cid, msg))

    if root.tag != Q('tbx') or root.get('type') != 'TBX-Basic' or root.get('style') != 'dca':
        problems.append('%s:1: root must be <tbx type="TBX-Basic" style="dca"> in %s' % (path, NS))

    by_subject = Counter()
    by_status = {'en': Counter(), 'ru': Counter()}
    seen_ids = set()
    forms = defaultdict(list)          # (lang, key) -> [(cid, status, term)]
    demoted = []                       # (cid, lang, status, term, preferred)
    n_entries = 0
    for ce in root.iter(Q('conceptEntry')):
        n_entries += 1
        cid = ce.get('id') or ''
        if not SLUG.match(cid):
            bad(cid, 'id is not a lower-case slug')
        if cid in seen_ids:
            bad(cid, 'duplicate id')
        seen_ids.add(cid)
        kids = list(ce)
        sf = [k for k in kids if k.tag == Q('descrip') and k.get('type') == 'subjectField']
        if len(sf) != 1 or kids[0] is not sf[0]:
            bad(cid, 'needs exactly one subjectField, first')
            subject = '?'
        else:
            subject = (sf[0].text or '').strip()
            if subject not in SUBJECTS:
                bad(cid, 'unknown subjectField %r' % subject)
        by_subject[subject] += 1
        if subject == 'person' and not cid.startswith('person-'):
            bad(cid, 'person ids start with person-')
        defs = [k for k in kids if k.tag == Q('descrip') and k.get('type') == 'definition']
        if subject not in ('person', 'state') and len(defs) != 1:
            bad(cid, 'needs one definition')
        srcs = [k for k in kids if k.tag == Q('admin') and k.get('type') == 'source']
        if len(srcs) != 1 or not (srcs[0].text or '').startswith('http'):
            bad(cid, 'needs one admin type="source" with a URL')
        langs = [k.get(XML_LANG) for k in kids if k.tag == Q('langSec')]
        if langs != ['en', 'ru']:
            bad(cid, 'needs langSec en then ru, got %s' % langs)
        for ls in ce.findall(Q('langSec')):
            lang = ls.get(XML_LANG)
            preferred = []
            first = True
            local = set()
            for ts in ls.findall(Q('termSec')):
                t = ts.find(Q('term'))
                term = (t.text or '') if t is not None else ''
                if not term or term != term.strip() or '  ' in term:
                    bad(cid, '%s: empty or badly spaced term %r' % (lang, term))
                notes = {tn.get('type'): (tn.text or '').strip() for tn in ts.findall(Q('termNote'))}
                pos, tt, st = notes.get('partOfSpeech'), notes.get('termType'), notes.get('administrativeStatus')
                if pos not in POS or tt not in TTYPE or st not in STATUS:
                    bad(cid, '%s: %r: partOfSpeech/termType/administrativeStatus missing or wrong' % (lang, term))
                cs = any((n.text or '').strip() == CS_NOTE for n in ts.findall(Q('note')))
                if cs and tt in ('acronym', 'abbreviation'):
                    bad(cid, '%s: %r: acronyms are case-sensitive already' % (lang, term))
                if st == 'preferredTerm-admn-sts':
                    preferred.append(term)
                    if not first:
                        bad(cid, '%s: preferred term must come first' % lang)
                first = False
                by_status[lang if lang in by_status else 'en'][st] += 1
                key = norm(term, cs or tt in ('acronym', 'abbreviation'), lang)
                if key in local:
                    bad(cid, '%s: %r repeats another form of the same entry' % (lang, term))
                local.add(key)
                forms[(lang, key)].append((cid, st, term))
                if st in ('deprecatedTerm-admn-sts', 'supersededTerm-admn-sts'):
                    demoted.append((cid, lang, st, term))
            if len(preferred) != 1:
                bad(cid, '%s: %d preferred terms (need exactly 1)' % (lang, len(preferred)))

    for (lang, key), uses in sorted(forms.items()):
        cids = {u[0] for u in uses}
        if len(cids) > 1:
            sts = {u[1] for u in uses}
            what = 'preferred in one entry and deprecated in another' if (
                'preferredTerm-admn-sts' in sts and 'deprecatedTerm-admn-sts' in sts) else 'in several entries'
            problems.append('%s:%s: %s term %r is %s: %s' % (
                path, where.get(uses[0][0], 0), lang, uses[0][2], what, ', '.join(sorted(cids))))

    pref = {}
    for ce in root.iter(Q('conceptEntry')):
        for ls in ce.findall(Q('langSec')):
            for ts in ls.findall(Q('termSec')):
                st = ts.find("%s[@type='administrativeStatus']" % Q('termNote'))
                if st is not None and st.text == 'preferredTerm-admn-sts':
                    pref[(ce.get('id'), ls.get(XML_LANG))] = ts.find(Q('term')).text

    print('concepts: %d' % n_entries)
    for s, n in sorted(by_subject.items()):
        print('  %-13s %d' % (s, n))
    for lang in ('en', 'ru'):
        print('terms %s: %d' % (lang, sum(by_status[lang].values())))
        for s, n in sorted(by_status[lang].items()):
            print('  %-26s %d' % (s, n))
    print('deprecated and superseded terms:')
    for cid, lang, st, term in demoted:
        print('  %s %-10s %-48s -> %s  [%s]' % (lang, st.split('Term')[0], term, pref.get((cid, lang)), cid))
    for p in problems:
        print(p)
    print('%d problem(s)' % len(problems))
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else 'glossary/csto.tbx'))
