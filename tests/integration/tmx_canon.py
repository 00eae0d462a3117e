#!/usr/bin/python3
"""tmx_canon.py - canonical forms of TMX files and of `termin tm dump`, to
check termin's TM against the files it imported and against what peers read.

  tmx_canon.py content FILE.tmx DUMP.jsonl
      Every unit of FILE (read by Python's own XML parser, independent of
      libxml2) is in the dump: the same variants (language, compared without
      regard to case and '_'), each <seg> the same XML (canonical form:
      elements, attribute order and values, text), the same props and notes
      (type, language, text) at unit and variant level, tuid, dates and
      usage. Units that termin merged (identical content) must be found with
      the merged props and notes included. Prints one line per difference;
      exit status 1 when there is any.

  tmx_canon.py canon DUMP.jsonl
      The dump with the variants of each unit in a fixed order.

  tmx_canon.py pair DUMP.jsonl
      The commonest language pair of the dump: "en ru".

  tmx_canon.py expect-target SOURCE SEGMENTS.jsonl DUMP.jsonl SRC TGT
      The translated document a CAT tool writes when it segments SOURCE
      as termin did and takes every exact match from the TM.

  tmx_canon.py ttk FILE.tmx DUMP.jsonl SRC TGT
      translate-toolkit (translate.storage.tmx) reads FILE, which termin
      exported with --src SRC --tgt TGT, and finds the same units as the
      dump: source and target texts in the same order.
"""
import json
import re
import sys
import xml.etree.ElementTree as ET

XML_LANG = '{http://www.w3.org/XML/1998/namespace}lang'
INLINE = {'bpt', 'ept', 'it', 'ph', 'hi', 'sub', 'ut'}


def norm_lang(s):
    return (s or '').replace('_', '-').lower()


def canon_content(el):
    """The content of an element as canonical XML text."""
    out = [esc(el.text or '')]
    for child in el:
        out.append(canon_element(child))
        out.append(esc(child.tail or ''))
    return ''.join(out)


def canon_element(el):
    attrs = ''.join(' %s="%s"' % (k, esc(v, True)) for k, v in el.attrib.items())
    return '<%s%s>%s</%s>' % (el.tag, attrs, canon_content(el), el.tag)


def esc(s, attr=False):
    s = s.replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;')
    if attr:
        s = s.replace('"', '&quot;').replace('\t', '&#9;').replace('\n', '&#10;')
    return s.replace('\r', '&#13;')


def canon_markup(markup):
    return canon_content(ET.fromstring('<seg>%s</seg>' % markup))


def meta_of(el):
    """Props and notes directly under el, as comparable tuples."""
    out = []
    for m in el:
        if m.tag not in ('prop', 'note'):
            continue
        lang = m.get(XML_LANG) or m.get('lang')
        out.append((m.tag, m.get('type') if m.tag == 'prop' else None, norm_lang(lang) or None,
                    ''.join(m.itertext())))
    return out


def dump_meta(lst):
    return [(m['kind'], m['type'] if m['kind'] == 'prop' else None,
             norm_lang(m['lang']) or None, m['text']) for m in lst]


def tmx_date(s):
    if s is None:
        return None
    m = re.fullmatch(r'(\d{8}T\d{6}Z)', s)
    return m.group(1) if m else 'other'


def file_units(path):
    tree = ET.parse(path)
    for tu in tree.getroot().iter('tu'):
        variants = []
        for tuv in tu.findall('tuv'):
            seg = tuv.find('seg')
            variants.append({
                'lang': norm_lang(tuv.get(XML_LANG) or tuv.get('lang')),
                'markup': canon_content(seg),
                'meta': meta_of(tuv),
                'created': tmx_date(tuv.get('creationdate')),
            })
        yield {
            'line': None,
            'tuid': tu.get('tuid'),
            'created': tmx_date(tu.get('creationdate')),
            'changed': tmx_date(tu.get('changedate')),
            'usage': int(tu.get('usagecount')) if (tu.get('usagecount') or '').isdigit() else None,
            'meta': meta_of(tu),
            'variants': variants,
        }


def key(variants):
    return tuple(sorted((v['lang'], v['markup']) for v in variants))


def content(path, dump):
    units = {}
    for line in open(dump, encoding='utf-8'):
        u = json.loads(line)
        vs = [{'lang': norm_lang(v['lang']), 'markup': canon_markup(v['markup']),
               'meta': dump_meta(v['meta']), 'created': v['created']} for v in u['variants']]
        units.setdefault(key(vs), []).append((u, vs))
    bad = 0
    n = 0
    seen = set()
    for fu in file_units(path):
        n += 1
        k = key(fu['variants'])
        # a repeated unit is merged into the first: its tuid is the first's
        repeated = k in seen
        seen.add(k)
        if k not in units:
            print('unit %d (tuid %s): not in the TM: %r' % (n, fu['tuid'], k))
            bad += 1
            continue
        u, vs = units[k][0]
        why = []
        if fu['tuid'] is not None and not repeated and not any(x[0]['tuid'] == fu['tuid'] for x in units[k]):
            why.append('tuid %s, TM has %s' % (fu['tuid'], u['tuid']))
        for f in ('created', 'changed'):
            if fu[f] not in (None, 'other') and fu[f] != u[f]:
                why.append('%s %s, TM has %s' % (f, fu[f], u[f]))
        if fu['usage'] is not None and u['usage'] < fu['usage']:
            why.append('usagecount %s, TM has %s' % (fu['usage'], u['usage']))
        um = dump_meta(u['meta'])
        for m in fu['meta']:
            if m not in um:
                why.append('unit %s %r lost' % (m[0], m))
        for fv in fu['variants']:
            cands = [v for v in vs if v['lang'] == fv['lang'] and v['markup'] == fv['markup']]
            if not any(all(m in v['meta'] for m in fv['meta']) for v in cands):
                why.append('%s: props or notes lost: %r' % (fv['lang'], fv['meta']))
            if fv['created'] not in (None, 'other') and not any(
                    v['created'] == fv['created'] for v in cands):
                why.append('%s: creationdate %s lost' % (fv['lang'], fv['created']))
        for w in why:
            print('unit %d (tuid %s): %s' % (n, fu['tuid'], w))
        bad += bool(why)
    if n == 0:
        print('no units read from %s' % path)
        bad += 1
    return 1 if bad else 0


def all_text(markup):
    """The text of a seg with its native codes, as translate-toolkit gives it."""
    return ''.join(ET.fromstring('<seg>%s</seg>' % markup).itertext())


def ttk(path, dump, src, tgt):
    from translate.storage import tmx
    with open(path, 'rb') as f:
        store = tmx.tmxfile(f)
    got = [(u.source, u.target) for u in store.units]
    want = []
    for line in open(dump, encoding='utf-8'):
        u = json.loads(line)
        s = [v for v in u['variants'] if norm_lang(v['lang']).split('-')[0] == src]
        t = [v for v in u['variants'] if norm_lang(v['lang']).split('-')[0] == tgt]
        if s and t and t[0]['markup']:
            want.append((all_text(s[0]['markup']), all_text(t[0]['markup'])))
    if len(got) != len(want):
        print('translate-toolkit read %d units, the TM has %d' % (len(got), len(want)))
        return 1
    bad = 0
    for i, (g, w) in enumerate(zip(got, want)):
        if g != w:
            print('unit %d: translate-toolkit read %r, the TM has %r' % (i + 1, g, w))
            bad += 1
    if not got:
        print('no units')
        return 1
    return 1 if bad else 0


def canon(dump):
    """The dump with each unit's variants in a fixed order (TMX gives the
    order no meaning; termin's export puts the source first)."""
    for line in open(dump, encoding='utf-8'):
        u = json.loads(line)
        u['variants'].sort(key=lambda v: (v['lang'], v['markup'], json.dumps(v, sort_keys=True)))
        print(json.dumps(u, ensure_ascii=False, sort_keys=True))
    return 0


def pair(dump):
    """The commonest source and target languages (primary subtags) of the
    translated units: "en ru"."""
    counts = {}
    for line in open(dump, encoding='utf-8'):
        u = json.loads(line)
        langs = [norm_lang(v['lang']).split('-')[0] for v in u['variants'] if v['markup']]
        src = norm_lang(u['srclang']).split('-')[0]
        if src == '*all*' and langs:
            src = langs[0]
        for t in langs:
            if t != src:
                counts[(src, t)] = counts.get((src, t), 0) + 1
    if not counts:
        return 1
    best = max(sorted(counts), key=lambda k: counts[k])
    print(best[0], best[1])
    return 0


def expect_target(source, segments, dump, src, tgt):
    """The translated document a CAT tool writes from `source` when it
    segments it as termin did (`segments`: termin segment --format jsonl)
    and takes every exact match from the TM (`dump`): each segment that is
    a unit's source text replaced by its translation. Prints the document
    to stdout and the number of translated segments to stderr."""
    tm = {}
    for line in open(dump, encoding='utf-8'):
        u = json.loads(line)
        s = [v for v in u['variants'] if norm_lang(v['lang']).split('-')[0] == src]
        t = [v for v in u['variants'] if norm_lang(v['lang']).split('-')[0] == tgt and v['text']]
        if s and t:
            tm.setdefault(s[0]['text'], t[0]['text'])
    data = open(source, 'rb').read()
    out, pos, n = [], 0, 0
    for line in open(segments, encoding='utf-8'):
        seg = json.loads(line)
        a, b = seg['start'], seg['end']
        if data[a:b].decode('utf-8') != seg['text'] or seg['text'] not in tm:
            continue
        out.append(data[pos:a])
        out.append(tm[seg['text']].encode('utf-8'))
        pos = b
        n += 1
    out.append(data[pos:])
    sys.stdout.buffer.write(b''.join(out))
    print(n, file=sys.stderr)
    return 0


if __name__ == '__main__':
    if len(sys.argv) == 7 and sys.argv[1] == 'expect-target':
        sys.exit(expect_target(*sys.argv[2:]))
    if len(sys.argv) == 3 and sys.argv[1] == 'canon':
        sys.exit(canon(sys.argv[2]))
    if len(sys.argv) == 3 and sys.argv[1] == 'pair':
        sys.exit(pair(sys.argv[2]))
    if len(sys.argv) == 4 and sys.argv[1] == 'content':
        sys.exit(content(sys.argv[2], sys.argv[3]))
    if len(sys.argv) == 6 and sys.argv[1] == 'ttk':
        sys.exit(ttk(*sys.argv[2:]))
    print(__doc__, file=sys.stderr)
    sys.exit(2)
