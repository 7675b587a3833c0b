import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../server/src/core/analyze';
import type { NerTagger, TaggedSpan } from '../../server/src/core/resources';
import type { EnglishTagger } from '../../server/src/core/ner/tagger-en';
import { referenceSpans } from './ner-en-helpers';
import { loadNerModels } from '../../server/src/node/models';

const ROOT = path.resolve(__dirname, '../..');
const SEED = fs.readFileSync(path.join(ROOT, 'seeds/001_lavrov_haftar_en.txt'), 'utf8');

describe('English NER tagger (shipped model)', function () {
  this.timeout(20000);
  let en: NerTagger;
  before(() => {
    const m = loadNerModels({ languages: ['en'] });
    assert.deepEqual(m.problems, []);
    en = m.ner.en!;
    assert.ok(en, 'English tagger loaded');
  });

  const names = (spans: TaggedSpan[], type: string) => [...new Set(spans.filter((s) => s.type === type).map((s) => s.text))].sort();

  it('finds the people, places and organizations of the English seed, and no other person', () => {
    const spans = en.tag(SEED);
    for (const s of spans) assert.equal(SEED.slice(s.start, s.end), s.text);
    // The seven full names are found; every person span is one of them or its surname (nothing else is a person).
    const full = ['Aguila Saleh Issa', 'Ivan Molotkov', 'Khalifa Haftar', 'Mikhail Bogdanov', 'Nikolai Patrushev', 'Sergei Lavrov', 'Sergei Shoigu'];
    const allowed = new Set([...full, 'Bogdanov', 'Haftar', 'Lavrov', 'Molotkov', 'Shoigu', 'Patrushev', 'Issa']);
    const persons = names(spans, 'person');
    for (const f of full) assert.ok(persons.includes(f), `${f} in ${persons}`);
    for (const p of persons) assert.ok(allowed.has(p), `unexpected person ${p}`);
    // The tagger alone finds most mentions of the main person; the entity linker propagates the name to the rest
    // (next test: all of them).
    assert.ok(spans.filter((s) => s.type === 'person' && /Haftar/.test(s.text)).length >= SEED.match(/Haftar/g)!.length / 2);
    const places = names(spans, 'location').map((p) => p.toLowerCase());
    for (const p of ['moscow', 'libya', 'russia', 'tripoli']) assert.ok(places.includes(p), `place ${p} in ${places}`);
    const orgs = names(spans, 'organization');
    for (const o of ['Izvestia', 'House of Representatives', 'U.N. Security Council', 'Security Council', 'United Nations']) assert.ok(orgs.includes(o), `organization ${o} in ${orgs}`);
    assert.ok(orgs.some((o) => /Foreign Ministry$/.test(o)), 'the Foreign Ministry');
  });

  it('keeps the possessive out of the span and tags Mr. X as the person X', () => {
    const t = "Mr. Haftar met Lavrov's deputy, Mikhail Bogdanov, at Russia's Foreign Ministry.";
    const spans = en.tag(t);
    assert.deepEqual(names(spans, 'person'), ['Haftar', 'Lavrov', 'Mikhail Bogdanov']);
    for (const s of spans) assert.ok(!/['’]s?$/.test(s.text) && !/^Mr\b/.test(s.text), s.text);
  });

  it('reads names after titles (Gen., Sen., Field Marshal, Foreign Minister)', () => {
    const spans = en.tag('Gen. Stanley McChrystal and Sen. John McCain met Field Marshal Khalifa Haftar and Foreign Minister Sergei Lavrov.');
    assert.deepEqual(names(spans, 'person'), ['John McCain', 'Khalifa Haftar', 'Sergei Lavrov', 'Stanley McChrystal']);
  });

  it('keeps hyphenated names whole', () => {
    const spans = en.tag('French Foreign Minister Jean-Yves Le Drian arrived in Paris.');
    assert.ok(names(spans, 'person').includes('Jean-Yves Le Drian'), JSON.stringify(spans));
  });

  it('tags an all-caps headline as prose (truecased reading, the body as evidence), with the text as written', () => {
    const text = 'LAVROV MEETS HAFTAR IN MOSCOW\nMOSCOW, Nov. 30 — Russian Foreign Minister Sergei Lavrov received Field Marshal Khalifa Haftar in Moscow yesterday. Mr. Haftar thanked him.';
    const head = en.tag(text, 0, text.indexOf('\n'));
    assert.deepEqual(head.map((s) => `${s.type}:${s.text}`), ['person:LAVROV', 'person:HAFTAR', 'location:MOSCOW']);
    // Alone, a headline still gives its place and no nonsense.
    const alone = en.tag('LAVROV MEETS HAFTAR IN MOSCOW');
    assert.ok(alone.some((s) => s.type === 'location' && s.text === 'MOSCOW'), JSON.stringify(alone));
    assert.ok(!alone.some((s) => /MEETS|IN/.test(s.text)), JSON.stringify(alone));
  });

  it('is not broken by Arabic words inside English text', () => {
    const t = 'Field Marshal Khalifa Haftar (خليفة حفتر) met Sergei Lavrov (سيرغي لافروف) in Moscow (موسكو).';
    const spans = en.tag(t);
    assert.deepEqual(names(spans, 'person'), ['Khalifa Haftar', 'Sergei Lavrov']);
    assert.deepEqual(names(spans, 'location'), ['Moscow']);
    for (const s of spans) assert.ok(!/[\u0600-\u06ff]/.test(s.text), `no Arabic in ${s.text}`);
  });

  it('gives no exception and no nonsense on text that is not English prose', () => {
    const inputs = ['', '   \n\n', '!!! ??? ...', 'قال وزير الخارجية الروسي سيرغي لافروف إن موسكو تدعم التسوية', '12345 67.89 1,000', '\ud800\udc00 \ud800', 'x'.repeat(200000)];
    for (const t of inputs) {
      const spans = en.tag(t);
      for (const s of spans) assert.equal(t.slice(s.start, s.end), s.text);
    }
    assert.deepEqual(en.tag('قال وزير الخارجية الروسي سيرغي لافروف إن موسكو تدعم التسوية'), []);
  });

  it('tags the same with cached feature ids (fast path) as with the feature strings the model was trained on', () => {
    const text =
      SEED +
      '\nLAVROV MEETS HAFTAR\nGen. Stanley McChrystal (ستانلي) met Sen. John McCain in Washington, D.C., and the U.N. envoy.' +
      '\nLibyan Forces Enter Sirte As Talks Stall In Geneva\nThe Libyans\' | delegation | met 1,200 | U.S. officials at the University of Benghazi on 3.5 Nov. in NEW YORK.' +
      '\nÉmile Zola and Ángel Di María met the newspaper Le Monde and Mr. Al-Sarraj, ‘Haftar’s’ rival, in the Bay of Sirte.';
    const expected = referenceSpans(en as EnglishTagger, text);
    const type = { person: 'PER', location: 'LOC', organization: 'ORG', misc: 'MISC' } as const;
    const got = (en as EnglishTagger).tagDocument(text).map((s) => `${type[s.type]}:${s.text}`);
    assert.deepEqual(got, expected);
  });

  it('re-tags an edited text (decoded-sentence cache) exactly as a fresh tagger tags it', () => {
    const tagger = en as EnglishTagger;
    const fresh = () => loadNerModels({ languages: ['en'] }).ner.en as EnglishTagger;
    tagger.tagDocument(SEED);
    // Unchanged sentences whose words now read other document evidence ('in Bogdanov' makes every capitalized
    // Bogdanov a word after a place preposition, 'Mr. Saleh' one after a title) must not be answered from the cache.
    const edits = [
      SEED.replace('Lavrov', 'Mikhail Lavrov'),
      SEED + '\nThey met in Bogdanov and Mr. Saleh said so.',
      SEED.replace(/\n/g, '\n\n').toUpperCase(),
      SEED.slice(0, SEED.length >> 1),
    ];
    for (const text of edits) {
      const a = tagger.tagDocument(text);
      assert.deepEqual(a, fresh().tagDocument(text));
      assert.ok(a.length > 0);
    }
  });

  it('tags the same after its word-form cache was emptied (budget of forms reached)', () => {
    const tagger = loadNerModels({ languages: ['en'] }).ner.en as EnglishTagger;
    const before = tagger.tagDocument(SEED);
    // One document of 31,000 distinct made-up capitalized forms (over the 30,000-form budget): the next document
    // starts from an empty cache.
    const lines: string[] = [];
    for (let k = 0; k < 31000; k += 20) lines.push(Array.from({ length: 20 }, (_, i) => `Zq${(k + i).toString(36)}x`).join(' ') + '.');
    assert.ok(tagger.tagDocument(lines.join('\n')).length > 0);
    assert.deepEqual(tagger.tagDocument(SEED), before);
    assert.deepEqual(tagger.tagDocument(SEED.replace('Lavrov', 'Mikhail Lavrov')), (loadNerModels({ languages: ['en'] }).ner.en as EnglishTagger).tagDocument(SEED.replace('Lavrov', 'Mikhail Lavrov')));
  });

  it('answers a region from the whole-text result (same spans as tagging the slice alone would give for it)', () => {
    const from = SEED.indexOf('Earlier, the Russian ambassador');
    const to = SEED.indexOf('\n', from);
    const spans = en.tag(SEED, from, to);
    assert.ok(spans.length > 0);
    for (const s of spans) assert.ok(s.start >= from && s.end <= to);
    assert.ok(names(spans, 'person').includes('Ivan Molotkov'));
  });
});

describe('English seed through analyze: the outline entities', function () {
  this.timeout(20000);
  it('lists each person once, with all mentions and a role; places and organizations as single entities', () => {
    const { ner } = loadNerModels({ languages: ['en'] });
    const a = analyze(SEED, {}, { ner });
    assert.equal(a.language, 'en');
    const persons = a.entities.filter((e) => e.type === 'person');
    const byName = new Map(persons.map((e) => [e.name, e]));
    const expectRole: Record<string, RegExp> = {
      'Sergei Lavrov': /Foreign Minister/,
      'Khalifa Haftar': /Field Marshal|commander/,
      'Sergei Shoigu': /Defen[cs]e Minister/,
      'Mikhail Bogdanov': /Deputy Foreign Minister/,
      'Ivan Molotkov': /ambassador/,
      'Nikolai Patrushev': /Secretary/,
      'Aguila Saleh Issa': /speaker/,
    };
    assert.deepEqual([...byName.keys()].sort(), Object.keys(expectRole).sort());
    for (const [name, role] of Object.entries(expectRole)) {
      const e = byName.get(name)!;
      assert.ok(e.roles.some((r) => role.test(r.text)), `${name}: roles ${e.roles.map((r) => r.text)}`);
    }
    // Every 'Haftar' of the text (incl. Mr. Haftar, Haftar's) is a mention of the one entity.
    const haftarCount = SEED.match(/Haftar/g)!.length;
    assert.equal(byName.get('Khalifa Haftar')!.mentions.length, haftarCount);
    assert.equal(byName.get('Sergei Lavrov')!.mentions.length, SEED.match(/Lavrov/g)!.length);
    const names = (type: string) => a.entities.filter((e) => e.type === type).map((e) => e.name.toLowerCase());
    for (const p of ['moscow', 'libya', 'russia', 'tripoli']) assert.equal(names('location').filter((n) => n === p).length, 1, p);
    const orgs = a.entities.filter((e) => e.type === 'organization').map((e) => e.name);
    assert.ok(orgs.includes('Izvestia'));
    // The U.N. Security Council and Russia's Security Council stay two entities.
    assert.ok(orgs.includes('U.N. Security Council') && orgs.includes('Security Council'), JSON.stringify(orgs));
  });

  it('tags each paragraph of a mixed article with its own language and does not throw', () => {
    const { ner } = loadNerModels();
    const text = 'Lavrov Meets Haftar\nMOSCOW, Nov. 30 — Russian Foreign Minister Sergei Lavrov received Khalifa Haftar (خليفة حفتر) in Moscow.\n\nقال وزير الخارجية الروسي سيرغي لافروف (Sergei Lavrov) إن موسكو تدعم التسوية السياسية في ليبيا.\n';
    const a = analyze(text, {}, { ner });
    const persons = a.entities.filter((e) => e.type === 'person').map((e) => e.name);
    assert.ok(persons.includes('Sergei Lavrov'), JSON.stringify(persons));
    for (const e of a.entities) for (const m of e.mentions) assert.equal(text.slice(m.start, m.end), m.text);
  });
});
