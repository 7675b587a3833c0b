// The seed and copies of it with planted name variants (test/fixtures/names/): each planted variant is flagged by
// name.variant at its place, the preferred quick fix restores the text, and the untouched seed gets no name.* finding.
// Entities come from the real linker (core/entities) over a gold tagger: the hand annotation of the seed's names
// (seed.gold.json) plus the planted spelling, tagged wherever it occurs, as a perfect tagger would.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../server/src/core/analyze';
import { applyEdits, fixAll } from '../../server/src/core/names/fixall';
import type { NerTagger, NerType, TaggedSpan } from '../../server/src/core/resources';

const root = path.resolve(__dirname, '../..');
const dir = path.join(root, 'test/fixtures/names');
const seed = fs.readFileSync(path.join(root, 'seeds/000_36fff38b519712a3.txt'), 'utf8');
const gold = JSON.parse(fs.readFileSync(path.join(dir, 'seed.gold.json'), 'utf8')) as Record<string, unknown>;

/** A tagger that tags every whole-word occurrence of the given names (Arabic clitics و ب ل ف ك before them excluded). */
export function goldTagger(names: Array<{ text: string; type: NerType }>, language: 'ar' | 'en' = 'ar'): NerTagger {
  const sorted = [...names].sort((a, b) => b.text.length - a.text.length);
  return {
    language,
    tag(text: string, from = 0, to = text.length): TaggedSpan[] {
      const out: TaggedSpan[] = [];
      for (const n of sorted) {
        for (let i = text.indexOf(n.text, from); i >= 0 && i + n.text.length <= to; i = text.indexOf(n.text, i + 1)) {
          const end = i + n.text.length;
          if (/\p{L}/u.test(text[end] ?? ' ')) continue;
          const before = text.slice(Math.max(0, i - 2), i);
          const ok = i === 0 || !/\p{L}/u.test(text[i - 1]) || (/[وبلفك]$/.test(before) && !/\p{L}/u.test(text[i - 2] ?? ' ')) || (/^[وف][بلك]$/.test(before) && !/\p{L}/u.test(text[i - 3] ?? ' '));
          if (!ok || out.some((s) => s.start < end && i < s.end)) continue;
          out.push({ start: i, end, type: n.type, text: n.text });
        }
      }
      return out.sort((a, b) => a.start - b.start);
    },
  };
}

function goldNames(extra: string[] = [], g: Record<string, unknown> = gold): Array<{ text: string; type: NerType }> {
  const out: Array<{ text: string; type: NerType }> = [];
  for (const type of ['person', 'location', 'organization'] as const) for (const t of g[type] as string[]) out.push({ text: t, type });
  for (const t of extra) out.push({ text: t, type: 'person' });
  return out;
}

const cases = [
  { file: '001_shoigu.txt', planted: 'شويجو', original: 'شويغو' },
  { file: '002_lavrov.txt', planted: 'لافروڤ', original: 'لافروف' },
  { file: '003_haftar.txt', planted: 'حفطر', original: 'حفتر' },
  { file: '004_nikolai.txt', planted: 'نيكولاي', original: 'نيقولاي' },
];

describe('name fixtures: the seed with planted variants (gold tagger, real linker)', () => {
  it('the untouched seed gets no name.* finding', () => {
    const a = analyze(seed, {}, { ner: { ar: goldTagger(goldNames()) } });
    assert.ok(a.entities.length >= 10, `${a.entities.length} entities`);
    assert.deepEqual(a.diagnostics.filter((d) => d.code.startsWith('name.')).map((d) => `${d.code} ${seed.slice(d.start, d.end)}`), []);
  });
  for (const c of cases) {
    it(`${c.file}: '${c.planted}' is flagged at its place and the fix restores '${c.original}'`, () => {
      const text = fs.readFileSync(path.join(dir, c.file), 'utf8');
      const a = analyze(text, {}, { ner: { ar: goldTagger(goldNames([c.planted, `${c.planted} باتروشيف`])) } });
      const names = a.diagnostics.filter((d) => d.code.startsWith('name.'));
      assert.deepEqual(names.map((d) => `${d.code} ${text.slice(d.start, d.end)}`), [`name.variant ${c.planted}`]);
      const f = names[0];
      assert.equal(f.start, text.indexOf(c.planted));
      assert.match(f.message, new RegExp(`'${c.original}' \\(\\d+×\\)`));
      const fixed = applyEdits(text, f.fixes[0].edits);
      const expected = c.file === '004_nikolai.txt' ? text.replace(c.planted, c.original) : seed;
      assert.equal(fixed, expected);
      assert.equal(applyEdits(text, fixAll(a)), expected);
    });
  }
});

describe('name fixtures: roles and first mentions', () => {
  it('005_role.txt: وزير الدفاع given to Lavrov is flagged against وزير الخارجية', () => {
    const text = fs.readFileSync(path.join(dir, '005_role.txt'), 'utf8');
    const a = analyze(text, {}, { ner: { ar: goldTagger(goldNames()) } });
    const names = a.diagnostics.filter((d) => d.code.startsWith('name.'));
    assert.deepEqual(names.map((d) => d.code), ['name.role-conflict']);
    assert.match(text.slice(names[0].start, names[0].end), /^وزير الدفاع/);
    assert.equal(names[0].start, text.indexOf('وزير الدفاع الروسي سيرغي لافروف'));
  });
  it('006_first_mention.txt: a bare surname first, the full name later; the fix restores the seed', () => {
    const text = fs.readFileSync(path.join(dir, '006_first_mention.txt'), 'utf8');
    const a = analyze(text, {}, { ner: { ar: goldTagger(goldNames()) } });
    const names = a.diagnostics.filter((d) => d.code.startsWith('name.'));
    assert.deepEqual(names.map((d) => d.code), ['name.first-mention']);
    assert.equal(applyEdits(text, names[0].fixes[0].edits), seed);
  });
});

describe('name fixtures: the English seed with planted variants (gold tagger, real linker)', () => {
  const seedEn = fs.readFileSync(path.join(root, 'seeds/001_lavrov_haftar_en.txt'), 'utf8');
  const goldEn = JSON.parse(fs.readFileSync(path.join(dir, 'seed-en.gold.json'), 'utf8')) as Record<string, unknown>;
  it('the untouched English seed gets no name.* finding', () => {
    const a = analyze(seedEn, {}, { ner: { en: goldTagger(goldNames([], goldEn), 'en') } });
    assert.ok(a.entities.length >= 10, `${a.entities.length} entities`);
    assert.deepEqual(a.diagnostics.filter((d) => d.code.startsWith('name.')).map((d) => `${d.code} ${seedEn.slice(d.start, d.end)}`), []);
  });
  for (const c of [
    { file: '101_en_shoigu.txt', planted: 'Shoygu', original: 'Shoigu' },
    { file: '102_en_lavrov.txt', planted: 'Lavroff', original: 'Lavrov' },
    { file: '103_en_haftar.txt', planted: 'Hafter', original: 'Haftar' },
    { file: '104_en_bogdanov.txt', planted: 'Bogdanoff', original: 'Bogdanov' },
  ]) {
    it(`${c.file}: '${c.planted}' is flagged at its place and the fix restores '${c.original}'`, () => {
      const text = fs.readFileSync(path.join(dir, c.file), 'utf8');
      const a = analyze(text, {}, { ner: { en: goldTagger(goldNames([c.planted], goldEn), 'en') } });
      const names = a.diagnostics.filter((d) => d.code.startsWith('name.'));
      assert.deepEqual(names.map((d) => `${d.code} ${text.slice(d.start, d.end)}`), [`name.variant ${c.planted}`]);
      assert.equal(names[0].start, text.indexOf(c.planted));
      assert.equal(applyEdits(text, names[0].fixes[0].edits), seedEn);
      assert.equal(applyEdits(text, fixAll(a)), seedEn);
    });
  }
});

describe('name fixtures through the full pipeline (the trained taggers in models/)', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { loadNer } = require('../../server/src/node/models') as typeof import('../../server/src/node/models');
  const ner = loadNer();
  const seedEn = fs.readFileSync(path.join(root, 'seeds/001_lavrov_haftar_en.txt'), 'utf8');
  it('the taggers load', () => {
    assert.ok(ner?.ar && ner?.en, 'models/ner-ar.json and models/ner-en.json');
  });
  it('the untouched seeds get no name.* finding', () => {
    for (const t of [seed, seedEn]) assert.deepEqual(analyze(t, {}, { ner }).diagnostics.filter((d) => d.code.startsWith('name.')).map((d) => d.code), []);
  });
  for (const c of [...cases, { file: '101_en_shoigu.txt', planted: 'Shoygu' }, { file: '102_en_lavrov.txt', planted: 'Lavroff' }, { file: '103_en_haftar.txt', planted: 'Hafter' }, { file: '104_en_bogdanov.txt', planted: 'Bogdanoff' }]) {
    it(`${c.file}: name.variant exactly at '${c.planted}'`, () => {
      const text = fs.readFileSync(path.join(dir, c.file), 'utf8');
      const a = analyze(text, {}, { ner });
      const v = a.diagnostics.filter((d) => d.code === 'name.variant');
      assert.deepEqual(v.map((d) => [d.start, text.slice(d.start, d.end)]), [[text.indexOf(c.planted), c.planted]]);
      const restored = applyEdits(text, v[0].fixes[0].edits);
      assert.equal(restored, c.file === '004_nikolai.txt' ? text.replace('نيكولاي', 'نيقولاي') : c.file.includes('_en_') ? seedEn : seed);
    });
  }
});
