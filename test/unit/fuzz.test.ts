/**
 * Property tests (fast-check) of the whole analysis on hostile text: random mixes of Arabic and Latin words,
 * fragments of real news (names with clitics, dates in every format, titles), diacritics and combining marks,
 * ZWJ/ZWNJ, RLM/LRM, BOM, NUL, emoji and lone surrogates, CRLF/CR line ends.
 *
 * For every input: `analyze` never throws; every span of the Article (structure, entities, roles, dates,
 * publication date, findings, related information, fix edits) lies inside the text, has start <= end and never
 * splits a surrogate pair; each fix's edits do not overlap and apply cleanly; analysis is deterministic.
 *
 * Bounded in `npm test` (FUZZ_RUNS, default 150 per property); run longer with e.g. FUZZ_RUNS=5000.
 * The seed is fixed in `npm test` so that CI is reproducible (FUZZ_SEED=<n> picks another, FUZZ_SEED=random a new one
 * each run; fast-check prints the seed of a failure so it can be replayed).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { analyze, applyEdits, parseStructure } from '../../server/src/core/index';
import type { Article, DateValue, Span } from '../../server/src/core/index';
import type { Resources } from '../../server/src/core/resources';
import { tokenizeEnglish } from '../../server/src/core/text/english';
import { tokenize } from '../../server/src/core/text/tokenize';

const RUNS = Number(process.env.FUZZ_RUNS ?? 150);
const SEED = process.env.FUZZ_SEED === 'random' ? Date.now() ^ (Math.random() * 0x7fffffff) : Number(process.env.FUZZ_SEED ?? 20261129);
/** fast-check parameters shared by the properties below. */
const FC = { seed: SEED };

/** The trained models, when the loader exists (server/src/node/models.ts): fuzzing the taggers matters most. */
function loadResources(): Resources {
  const p = path.resolve(__dirname, '../../server/src/node/models.ts');
  if (!fs.existsSync(p)) return {};
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const m = require(p) as Record<string, unknown>;
  if (typeof m.loadNerModels === 'function') return { ner: (m.loadNerModels as () => { ner: Resources['ner'] })().ner };
  const load = (m.loadResources ?? m.loadModels ?? m.loadDefaultResources ?? m.default) as undefined | (() => Resources);
  return typeof load === 'function' ? load() : {};
}

const FRAGMENTS = [
  // Arabic news: names with clitics, titles, places, organizations
  'سيرغي لافروف', 'ولافروف', 'بلافروف', 'للافروف', 'وزير الخارجية الروسي', 'المشير خليفة حفتر', 'وحفتر', 'حفطر',
  'موسكو', 'بموسكو', 'ليبيا', 'وليبيا', 'مجلس الأمن الدولي', 'الأمم المتحدة', 'للجيش الليبي', 'إزفيستيا', 'قال', 'إن', 'الذي',
  'عقيلة صالح عيسى، رئيس مجلس النواب الليبي', 'نائبه', 'الرَّئِيسُ', 'ـــ', 'وبال', 'فلل', 'ال', 'و', 'ب',
  // Arabic dates
  'الثلاثاء 29 نوفمبر 2016', 'أمس', 'أول من أمس', 'غداً', 'الاثنين الماضي', 'في 26 الحالي', 'منذ ثلاثة أيام', '٢٩ تشرين الثاني ٢٠١٦',
  'نوفمبر (تشرين الأول)', 'تشرين الثاني/نوفمبر', '29 صفر 1438 هـ', 'الموافق', '31 نوفمبر', '29 فبراير 2015', '12/11/2016', 'م', 'القائد العام',
  'الأربعاء', 'جانفي', 'دجنبر', 'ذو الحجة', 'جمادى الآخرة', 'العام الماضي', 'الشهر المقبل',
  // English news
  'Sergei Lavrov', "Lavrov's", 'Mr. Haftar', 'Hifter', 'Foreign Minister', 'the U.N. Security Council', 'MOSCOW, Nov. 30 (Reuters) -',
  'Tuesday, Nov. 29, 2016', '29 November 2016', '2016-11-29', 'yesterday', 'last Tuesday', 'on Monday', 'the 26th', 'Feb 30, 2015',
  'Deputy Foreign Minister Mikhail Bogdanov', 'said', 'the', "'s", 'U.S.', 'Dr.',
  // structure
  '---\ndate: 2016-11-30\n---\n', 'موسكو: ', 'LONDON — ', '«', '»', '"', '“', '”', '(', ')', '،', '؛', '؟', '.', ',', ':', '-', '—',
];

const ODD = [
  '\u064b', '\u064e', '\u0651', '\u0652', '\u0670', '\u0301', '\u0308', // harakat, combining marks
  '\u200c', '\u200d', '\u200e', '\u200f', '\u202b', '\u202c', '\u2066', '\u2069', '\ufeff', '\u0000', '\u00a0', '\u0640',
  '😀', '👨‍👩‍👧', '🇱🇾', '\ud800', '\udc00', '\ud83d', // emoji, flags, lone surrogates
  '\r\n', '\r', '\n', '\n\n', '\t', ' ', '  ', '٠١٢٣', '0', '1', '9', '\u2028', '\u0085',
];

const piece = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...FRAGMENTS) },
  { weight: 3, arbitrary: fc.constantFrom(...ODD) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 6 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 4 }) },
);
const separator = fc.constantFrom(' ', ' ', ' ', '', '\n', '\r\n', '، ', '. ', '\n\n', '\u200f', ' \u0640');
const articleText = fc.array(fc.tuple(piece, separator), { maxLength: 60 }).map((xs) => xs.map(([a, b]) => a + b).join(''));

const dateValue: fc.Arbitrary<DateValue | undefined> = fc.option(
  fc.record({ year: fc.integer({ min: 1, max: 9999 }), month: fc.integer({ min: 0, max: 13 }), day: fc.integer({ min: 0, max: 32 }) }),
  { nil: undefined },
);
const options = fc.record({
  publicationDate: dateValue,
  language: fc.constantFrom(undefined, 'auto' as const, 'ar' as const, 'en' as const),
  fileName: fc.constantFrom(undefined, '2016-11-30-lavrov.txt', 'x.txt', '9999-99-99.txt'),
});

function isHigh(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}
function isLow(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

/** Offset `o` falls between the two halves of a surrogate pair. */
function splitsPair(text: string, o: number): boolean {
  return o > 0 && o < text.length && isHigh(text.charCodeAt(o - 1)) && isLow(text.charCodeAt(o));
}

function checkSpan(text: string, s: Span | undefined, what: string): void {
  if (!s) return;
  assert.ok(Number.isInteger(s.start) && Number.isInteger(s.end), `${what}: integer offsets ${JSON.stringify(s)}`);
  assert.ok(s.start >= 0 && s.start <= s.end && s.end <= text.length, `${what}: [${s.start}, ${s.end}) outside [0, ${text.length}]`);
  assert.ok(!splitsPair(text, s.start) && !splitsPair(text, s.end), `${what}: [${s.start}, ${s.end}) splits a surrogate pair`);
}

/** Every span of the Article, and the fixes' edits. */
export function checkArticle(text: string, a: Article): void {
  assert.equal(a.text, text);
  const st = a.structure;
  checkSpan(text, st.headline, 'headline');
  checkSpan(text, st.dateline, 'dateline');
  checkSpan(text, st.dateline?.place, 'dateline place');
  checkSpan(text, st.frontMatter, 'front matter');
  for (const p of st.paragraphs) checkSpan(text, p, 'paragraph');
  for (const q of st.quotations) checkSpan(text, q, 'quotation');
  checkSpan(text, a.publicationDate?.span, 'publication date');
  for (const e of a.entities) {
    assert.ok(e.mentions.length > 0, `entity ${e.id} has no mention`);
    for (const m of e.mentions) {
      checkSpan(text, m, `mention of ${e.id}`);
      // The slice, or after 'لل' the slice with the article's alif restored ('الجيش' over 'لجيش'), or its alif and
      // lam ('الله' over the 'له' of 'لله').
      const slice = text.slice(m.start, m.end);
      if (m.text !== slice) assert.ok(m.text === 'ا' + slice || m.text === 'ال' + slice, `mention text of ${e.id}: ${m.text} / ${slice}`);
    }
    for (const r of e.roles) checkSpan(text, r, `role of ${e.id}`);
  }
  for (const d of a.dates) {
    checkSpan(text, d, `date ${d.kind}`);
    assert.equal(d.text, text.slice(d.start, d.end), 'date text');
  }
  for (const f of a.diagnostics) {
    checkSpan(text, f, `finding ${f.code}`);
    assert.ok(f.code && f.message, 'finding has a code and a message');
    for (const r of f.related) checkSpan(text, r, `related of ${f.code}`);
    for (const fix of f.fixes) {
      const edits = [...fix.edits].sort((x, y) => x.start - y.start || x.end - y.end);
      for (let i = 0; i < edits.length; i++) {
        checkSpan(text, edits[i], `edit of '${fix.title}' (${f.code})`);
        if (i > 0) assert.ok(edits[i - 1].end <= edits[i].start, `edits of '${fix.title}' (${f.code}) overlap`);
      }
      const fixed = applyEdits(text, fix.edits);
      assert.equal(typeof fixed, 'string');
      assert.equal(fixed.length, text.length + fix.edits.reduce((s, e) => s + e.newText.length - (e.end - e.start), 0));
    }
  }
  JSON.stringify(a); // the model (including Finding.data) must serialize: it crosses the LSP boundary
}

describe('fuzz: analyze on random Unicode', function () {
  this.timeout(Math.max(60000, RUNS * 400));
  let resources: Resources = {};
  before(() => {
    resources = loadResources();
  });

  it('never throws; every span inside the text, no split surrogate pair; fixes apply cleanly', () => {
    let withDates = 0;
    let withFixes = 0;
    fc.assert(
      fc.property(articleText, options, (text, o) => {
        const a = analyze(text, o, resources);
        checkArticle(text, a);
        if (a.dates.length) withDates++;
        if (a.diagnostics.some((f) => f.fixes.length)) withFixes++;
      }),
      { ...FC, numRuns: RUNS },
    );
    // The generator must reach the interesting paths, or the property proves little.
    if (RUNS >= 100) assert.ok(withDates > RUNS / 10 && withFixes > 0, `dates in ${withDates} runs, fixes in ${withFixes} (seed ${SEED})`);
  });

  it('fixes applied give text that analyzes again without error', () => {
    fc.assert(
      fc.property(articleText, (text) => {
        const a = analyze(text, { publicationDate: { year: 2016, month: 11, day: 30 } }, resources);
        for (const f of a.diagnostics)
          for (const fix of f.fixes) {
            const t2 = applyEdits(text, fix.edits);
            checkArticle(t2, analyze(t2, { publicationDate: { year: 2016, month: 11, day: 30 } }, resources));
          }
      }),
      { ...FC, numRuns: Math.ceil(RUNS / 2) },
    );
  });

  it('is deterministic', () => {
    fc.assert(
      fc.property(articleText, (text) => {
        assert.deepEqual(analyze(text, {}, resources), analyze(text, {}, resources));
      }),
      { ...FC, numRuns: Math.ceil(RUNS / 3) },
    );
  });

  it('fully random strings (any UTF-16, lone surrogates included) never break it', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 200 }), (a, b) => {
        const text = a + '\n' + b;
        checkArticle(text, analyze(text, {}, resources));
      }),
      { ...FC, numRuns: RUNS },
    );
  });

  it('tokenizers and structure keep their offsets inside the text, in order', () => {
    fc.assert(
      fc.property(articleText, (text) => {
        for (const toks of [tokenize(text), tokenizeEnglish(text)]) {
          let prev = 0;
          for (const t of toks) {
            checkSpan(text, t, 'token');
            assert.ok(t.start >= prev, 'tokens in order, not overlapping');
            assert.ok(t.end > t.start, 'no empty token');
            prev = t.end;
          }
        }
        const s = parseStructure(text);
        let prev = 0;
        for (const p of s.paragraphs) {
          checkSpan(text, p, 'paragraph');
          assert.ok(p.start >= prev, 'paragraphs in order');
          prev = p.end;
        }
      }),
      { ...FC, numRuns: RUNS },
    );
  });

  it('a large text of repeated hostile fragments (no pathological slow-down)', () => {
    const text = (FRAGMENTS.join(' ') + ODD.join('') + '\n').repeat(200);
    const t0 = Date.now();
    checkArticle(text, analyze(text, { publicationDate: { year: 2016, month: 11, day: 30 } }, resources));
    assert.ok(Date.now() - t0 < 20000, `took ${Date.now() - t0} ms`);
  });
});
