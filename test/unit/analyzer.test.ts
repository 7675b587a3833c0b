/**
 * The incremental path (core/analyze.ts `Analyzer`): over random edit sequences of real articles, every result of
 * the Analyzer deep-equals a fresh `analyze` of the same text, options and resources (the trained taggers).
 * Edits: words typed, deleted, replaced (names with clitics, dates), paragraphs split, joined, moved and duplicated,
 * undo to an earlier version, the same text again, and option changes (publication date, severities, language).
 *
 * Bounded in `npm test` (ANALYZER_RUNS, default 40 sequences); run longer with e.g. ANALYZER_RUNS=1000.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { analyze, Analyzer, type AnalyzeOptions } from '../../server/src/core/analyze';
import type { Resources } from '../../server/src/core/resources';
import { parseStylebook } from '../../server/src/core/stylebook/parse';
import { loadNerModels } from '../../server/src/node/models';

const RUNS = Number(process.env.ANALYZER_RUNS ?? 40);
const root = path.resolve(__dirname, '../..');
const seeds = ['seeds/000_36fff38b519712a3.txt', 'seeds/001_lavrov_haftar_en.txt'].map((f) => fs.readFileSync(path.join(root, f), 'utf8'));

const WORDS = [
  'لافروف', 'ولافروف', 'للجيش الليبي', 'حفتر', 'حفطر', 'شويجو', 'موسكو', 'بموسكو', 'الأمم المتحدة', 'لأمم المتحدة', 'قال',
  'أمس الاثنين', 'يوم الثلاثاء 29 نوفمبر 2016', '12 آذار/مارس 2011', '«', '»', '،', '.', 'Lavrov', 'Lavroff', 'Haftar',
  'Mr. Haftar', 'Monday', 'on Nov. 29, 2016', 'the U.N.', 'Russia', 'كلمة', 'word', '\n', '\n\n', ' ',
];

type Edit =
  | { kind: 'insert'; at: number; word: number }
  | { kind: 'delete'; at: number; len: number }
  | { kind: 'replaceWord'; at: number; word: number }
  | { kind: 'moveParagraph'; from: number; to: number }
  | { kind: 'duplicateParagraph'; at: number }
  | { kind: 'undo'; back: number }
  | { kind: 'same' }
  | { kind: 'options'; which: number };

const edit: fc.Arbitrary<Edit> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('insert' as const), at: fc.double({ min: 0, max: 1, noNaN: true }), word: fc.nat(WORDS.length - 1) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('delete' as const), at: fc.double({ min: 0, max: 1, noNaN: true }), len: fc.integer({ min: 1, max: 40 }) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('replaceWord' as const), at: fc.double({ min: 0, max: 1, noNaN: true }), word: fc.nat(WORDS.length - 1) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('moveParagraph' as const), from: fc.nat(30), to: fc.nat(30) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('duplicateParagraph' as const), at: fc.nat(30) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('undo' as const), back: fc.integer({ min: 1, max: 4 }) }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'same' as const }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('options' as const), which: fc.nat(4) }) },
);

const OPTIONS: AnalyzeOptions[] = [
  {},
  { publicationDate: { year: 2016, month: 11, day: 29 } },
  { severities: { 'name.variant': 'off', 'date.weekday-mismatch': 'error' } },
  { language: 'ar' },
  { fileName: '2016-11-30-lavrov.md' },
];

function apply(text: string, e: Edit, history: string[]): string {
  const pos = (x: number) => Math.min(text.length, Math.floor(x * text.length));
  switch (e.kind) {
    case 'insert': {
      const at = pos(e.at);
      return text.slice(0, at) + WORDS[e.word] + text.slice(at);
    }
    case 'delete': {
      const at = pos(e.at);
      return text.slice(0, at) + text.slice(Math.min(text.length, at + e.len));
    }
    case 'replaceWord': {
      // The word around the position (letters and marks) is replaced.
      let s = pos(e.at);
      let t = s;
      while (s > 0 && /[\p{L}\p{M}]/u.test(text[s - 1])) s--;
      while (t < text.length && /[\p{L}\p{M}]/u.test(text[t])) t++;
      return text.slice(0, s) + WORDS[e.word] + text.slice(t);
    }
    case 'moveParagraph': {
      const ps = text.split('\n');
      if (ps.length < 2) return text;
      const [p] = ps.splice(e.from % ps.length, 1);
      ps.splice(e.to % (ps.length + 1), 0, p);
      return ps.join('\n');
    }
    case 'duplicateParagraph': {
      const ps = text.split('\n');
      const i = e.at % ps.length;
      ps.splice(i, 0, ps[i]);
      return ps.join('\n');
    }
    case 'undo':
      return history[Math.max(0, history.length - e.back)] ?? text;
    default:
      return text;
  }
}

describe('Analyzer: incremental re-analysis equals a fresh analysis', function () {
  this.timeout(600000);
  let resources: Resources;
  before(() => {
    resources = { ner: loadNerModels().ner };
  });

  it('over random edit sequences of the seed articles (trained taggers)', () => {
    fc.assert(
      fc.property(fc.nat(seeds.length - 1), fc.array(edit, { minLength: 1, maxLength: 12 }), (seed, edits) => {
        const analyzer = new Analyzer();
        let text = seeds[seed];
        let options: AnalyzeOptions = {};
        const history: string[] = [];
        assert.deepStrictEqual(analyzer.analyze(text, options, resources), analyze(text, options, resources));
        for (const e of edits) {
          history.push(text);
          if (e.kind === 'options') options = OPTIONS[e.which % OPTIONS.length];
          else text = apply(text, e, history);
          const incremental = analyzer.analyze(text, options, resources);
          const fresh = analyze(text, options, resources);
          assert.deepStrictEqual(incremental, fresh, `after ${JSON.stringify(e)}`);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('one Analyzer across documents, and after clear()', () => {
    const analyzer = new Analyzer();
    for (const text of [...seeds, seeds[0].slice(0, 500), '', seeds[1]]) assert.deepStrictEqual(analyzer.analyze(text, {}, resources), analyze(text, {}, resources));
    analyzer.clear();
    assert.deepStrictEqual(analyzer.analyze(seeds[0], {}, resources), analyze(seeds[0], {}, resources));
    // Without models: no entities, same as analyze.
    assert.deepStrictEqual(analyzer.analyze(seeds[0]), analyze(seeds[0]));
  });

  it('an unchanged text with the same options returns the previous result; a changed option does not', () => {
    const analyzer = new Analyzer();
    const a = analyzer.analyze(seeds[0], { severities: { 'name.variant': 'off' } }, resources);
    assert.equal(analyzer.analyze(seeds[0], { severities: { 'name.variant': 'off' } }, resources), a);
    const b = analyzer.analyze(seeds[0], { severities: { 'name.variant': 'error' } }, resources);
    assert.notEqual(b, a);
    assert.deepStrictEqual(b, analyze(seeds[0], { severities: { 'name.variant': 'error' } }, resources));
    // A style book added, then changed: the checks run again over the same text, as a fresh analysis would.
    const sb1 = parseStylebook('{"names":[{"preferred":"شويغو","variants":["شويجو"]}]}', 'json').stylebook!;
    const sb2 = parseStylebook('{"names":[{"preferred":"شويجو","variants":["شويغو"]}]}', 'json').stylebook!;
    for (const sb of [sb1, sb2, sb1]) {
      const o: AnalyzeOptions = { severities: { 'name.variant': 'error' }, stylebook: sb };
      const x = analyzer.analyze(seeds[0], o, resources);
      assert.deepStrictEqual(x, analyze(seeds[0], o, resources));
      assert.equal(x.diagnostics.some((d) => d.code === 'name.stylebook'), sb === sb2, 'the seed writes شويغو');
    }
    const c = analyzer.analyze(seeds[0], { severities: { 'name.variant': 'error' } }, {});
    assert.notEqual(c, b, 'other resources: analyzed again');
    assert.deepStrictEqual(c, analyze(seeds[0], { severities: { 'name.variant': 'error' } }, {}));
  });
});
