/**
 * The "Must show" of issues 7 and 8 through the REAL trained taggers (models/ner-ar.json, models/ner-en.json) and
 * the linker: every person of the seed articles is one entity with all its mentions (clitic forms included) and its
 * role; the places and organizations are there; nothing else is a person. Plus bad input through the same path.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../server/src/core/analyze';
import type { Resources } from '../../server/src/core/resources';
import type { Article, Entity } from '../../server/src/core/types';
import { loadNerModels } from '../../server/src/node/models';
import { mentionParts } from '../../server/src/core/names/match';

const root = path.resolve(__dirname, '../..');
const read = (f: string) => fs.readFileSync(path.join(root, f), 'utf8');

function byName(a: Article, name: string, type?: Entity['type']): Entity {
  const e = a.entities.find((x) => x.name === name && (!type || x.type === type));
  assert.ok(e, `no ${type ?? 'entity'} '${name}' in: ${a.entities.map((x) => x.id).join(', ')}`);
  return e;
}

/** Start offsets of `word` as a whole word, an Arabic clitic (و ف ب ل ك and pairs) allowed in front. */
function arOccurrences(text: string, word: string): number[] {
  const out: number[] = [];
  const re = new RegExp(`(?<![\\p{L}\\p{M}])(?:[وف]?[بلك]?)(${word})(?![\\p{L}\\p{M}])`, 'gu');
  for (let m = re.exec(text); m; m = re.exec(text)) out.push(m.index + m[0].length - m[1].length);
  return out;
}

function enOccurrences(text: string, word: string): number[] {
  const out: number[] = [];
  const re = new RegExp(`\\b${word}\\b`, 'g');
  for (let m = re.exec(text); m; m = re.exec(text)) out.push(m.index);
  return out;
}

/** Every occurrence of `surname` is inside a mention of `e`, and no other entity has a mention there. */
function coversAll(a: Article, e: Entity, starts: number[], len: number): void {
  assert.ok(starts.length > 0);
  for (const s of starts) {
    assert.ok(e.mentions.some((m) => m.start <= s && m.end >= s + len), `'${a.text.slice(s, s + len)}' at ${s} is not a mention of ${e.id}: ${e.mentions.map((m) => `${m.start}:${m.text}`).join(', ')}`);
    const others = a.entities.filter((x) => x !== e && x.mentions.some((m) => m.start < s + len && s < m.end));
    assert.deepEqual(others.map((x) => x.id), [], `'${a.text.slice(s, s + len)}' at ${s} also in another entity`);
  }
}

describe('entities through the trained taggers: the seed articles', function () {
  this.timeout(60000);
  let resources: Resources;
  before(() => {
    const loaded = loadNerModels();
    assert.deepEqual(loaded.problems, []);
    assert.ok(loaded.ner.ar && loaded.ner.en, 'both models load');
    resources = { ner: loaded.ner };
  });

  describe('issue 7: seeds/000_36fff38b519712a3.txt (Arabic)', () => {
    const text = read('seeds/000_36fff38b519712a3.txt');
    let a: Article;
    before(() => {
      a = analyze(text, {}, resources);
    });

    it('every person is one entity with all its mentions, clitic forms included, and its role', () => {
      const expected: Array<[string, string, string[]]> = [
        ['سيرغي لافروف', 'لافروف', ['وزير الخارجية الروسي']],
        ['خليفة حفتر', 'حفتر', ['القائد العام للجيش الليبي', 'المشير']],
        ['سيرغي شويغو', 'شويغو', ['وزير الدفاع الروسي']],
        ['ميخائيل بوغدانوف', 'بوغدانوف', ['نائب وزير الخارجية الروسي']],
        ['إيفان مولوتكوف', 'مولوتكوف', ['السفير الروسي لدى طرابلس']],
        ['نيقولاي باتروشيف', 'باتروشيف', ['أمين عام مجلس الأمن الروسي']],
        ['عقيلة صالح عيسى', 'عيسى', ['رئيس مجلس النواب الليبي']],
      ];
      for (const [name, surname, roles] of expected) {
        const e = byName(a, name, 'person');
        coversAll(a, e, arOccurrences(text, surname), surname.length);
        assert.equal(e.mentions.length, arOccurrences(text, surname).length, name);
        assert.deepEqual(e.roles.map((r) => r.text), roles, name);
        assert.equal(e.id, `person:${name}`);
      }
      // 'وبوغدانوف': the mention excludes the conjunction.
      assert.ok(byName(a, 'ميخائيل بوغدانوف').mentions.some((m) => text.slice(m.start - 1, m.start) === 'و' && m.text === 'بوغدانوف'));
      // Nothing else is a person.
      assert.deepEqual(a.entities.filter((e) => e.type === 'person').map((e) => e.name).sort(), expected.map((x) => x[0]).sort());
    });

    it('the places, each one entity with every mention (بموسكو included)', () => {
      for (const place of ['ليبيا', 'موسكو', 'روسيا', 'طرابلس']) {
        const e = byName(a, place, 'location');
        coversAll(a, e, arOccurrences(text, place), place.length);
      }
      assert.ok(byName(a, 'موسكو').mentions.some((m) => text.slice(m.start - 1, m.start) === 'ب'));
    });

    it('the organizations and the newspaper; the two security councils apart', () => {
      for (const org of ['وزارة الخارجية الروسية', 'مجلس الأمن الدولي', 'مجلس الأمن الروسي', 'مجلس النواب الليبي', 'الأمم المتحدة', 'الجيش الليبي', 'إزفيستيا']) {
        byName(a, org, 'organization');
      }
      assert.equal(byName(a, 'وزارة الخارجية الروسية').mentions.length, 2);
      assert.notEqual(byName(a, 'مجلس الأمن الدولي').id, byName(a, 'مجلس الأمن الروسي').id);
    });

    it("'للجيش الليبي': the mention is written 'الجيش الليبي' (article restored), its range stays on 'لجيش الليبي'", () => {
      const at = text.indexOf('للجيش الليبي');
      assert.ok(at > 0);
      const e = byName(a, 'الجيش الليبي', 'organization');
      const m = e.mentions.find((x) => x.start <= at + 1 && x.end > at + 1);
      assert.ok(m, `no mention over 'للجيش' in ${JSON.stringify(e.mentions)}`);
      assert.equal(m.text, 'الجيش الليبي');
      assert.equal(text.slice(m.start, m.end), 'لجيش الليبي');
      assert.equal(m.start, at + 1, 'the preposition ل stays outside the range');
      // No entity shows the elided spelling among its spellings.
      for (const x of a.entities) for (const y of x.mentions) assert.ok(!y.text.startsWith('لجيش'), `${x.id}: ${y.text}`);
      // The name parts seen by the name checks: the restored 'الجيش' over the written 'لجيش'.
      assert.deepEqual(mentionParts(m, 'ar'), [
        { text: 'الجيش', start: at + 1, end: at + 5 },
        { text: 'الليبي', start: at + 6, end: at + 12 },
      ]);
    });

    it('diacritized mentions are matched to the undiacritized names', () => {
      const marked = text.replace(/وأكد لافروف/, 'وأكد لافْرُوفُ').replace(/بدوره قيم حفتر/, 'بدوره قيم حَفْتَر');
      const d = analyze(marked, {}, resources);
      assert.ok(byName(d, 'سيرغي لافروف').mentions.some((m) => m.text === 'لافْرُوفُ'));
      assert.ok(byName(d, 'خليفة حفتر').mentions.some((m) => m.text === 'حَفْتَر'));
    });
  });

  describe('issue 8: seeds/001_lavrov_haftar_en.txt (English)', () => {
    const text = read('seeds/001_lavrov_haftar_en.txt');
    let a: Article;
    before(() => {
      a = analyze(text, {}, resources);
    });

    it('every person is one entity with all its mentions (Mr., possessives) and its role', () => {
      const expected: Array<[string, string, string[]]> = [
        ['Sergei Lavrov', 'Lavrov', ['Russian Foreign Minister']],
        ['Khalifa Haftar', 'Haftar', ['Field Marshal', 'commander of the Libyan army']],
        ['Sergei Shoigu', 'Shoigu', ['Defence Minister']],
        ['Mikhail Bogdanov', 'Bogdanov', ['Deputy Foreign Minister']],
        ['Ivan Molotkov', 'Molotkov', ['Russian ambassador in Tripoli']],
        ['Nikolai Patrushev', 'Patrushev', ["Secretary of Russia's Security Council"]],
        ['Aguila Saleh Issa', 'Issa', ["speaker of Libya's House of Representatives"]],
      ];
      for (const [name, surname, roles] of expected) {
        const e = byName(a, name, 'person');
        coversAll(a, e, enOccurrences(text, surname), surname.length);
        assert.equal(e.mentions.length, enOccurrences(text, surname).length, name);
        assert.deepEqual(e.roles.map((r) => r.text), roles, name);
      }
      assert.ok(byName(a, 'Khalifa Haftar').mentions.some((m) => text.slice(m.start - 4, m.start) === 'Mr. '));
      assert.ok(byName(a, 'Mikhail Bogdanov').mentions.some((m) => text.slice(m.end, m.end + 2) === "'s" && m.text === 'Bogdanov'));
      assert.deepEqual(a.entities.filter((e) => e.type === 'person').map((e) => e.name).sort(), expected.map((x) => x[0]).sort());
    });

    it("places and organizations; the U.N. Security Council and Russia's Security Council apart", () => {
      for (const place of ['Libya', 'Russia', 'Tripoli']) coversAll(a, byName(a, place, 'location'), enOccurrences(text, place), place.length);
      const moscow = byName(a, 'Moscow', 'location');
      assert.equal(moscow.mentions.length, enOccurrences(text, 'Moscow').length + enOccurrences(text, 'MOSCOW').length);
      for (const org of ['Russian Foreign Ministry', 'U.N. Security Council', 'United Nations', 'House of Representatives', 'Izvestia']) byName(a, org, 'organization');
      assert.equal(byName(a, 'Russian Foreign Ministry').mentions.length, 3);
      const councils = a.entities.filter((e) => e.type === 'organization' && e.name.endsWith('Security Council'));
      assert.equal(councils.length, 2);
    });
  });

  describe('bad input through the taggers and the linker', () => {
    it('no Arabic, punctuation only, Arabic-Indic digits, a Latin name in Arabic text: no exception, sensible output', () => {
      assert.deepEqual(analyze('...،،؛!! ?? «»', {}, resources).entities, []);
      assert.deepEqual(analyze('١٢٣ ٤٥٦ ٧٨٩٠\n٢٠١٦/١١/٢٩', {}, resources).entities.filter((e) => e.type === 'person'), []);
      const mixed = analyze('خبر\nقال Sergei Lavrov إن الوزير لافروف سيزور موسكو في ٢٩ نوفمبر.', {}, resources);
      assert.ok(mixed.entities.length >= 1);
      const en = analyze('Headline\nThe meeting in Moscow was short.', {}, resources);
      assert.deepEqual(en.entities.map((e) => e.id), ['location:Moscow']);
    });

    it('a 5 MB paragraph: tagged and linked without an exception, in bounded time', function () {
      this.timeout(120000);
      const sentence = 'وأكد وزير الخارجية الروسي سيرغي لافروف أن موسكو تدعم ليبيا، فيما أعلن حفتر أن روسيا تحترم الحظر. ';
      const text = 'خبر\n' + sentence.repeat(Math.ceil((5 * 1024 * 1024) / sentence.length));
      const t0 = Date.now();
      const big = analyze(text, {}, resources);
      const ms = Date.now() - t0;
      const lavrov = byName(big, 'سيرغي لافروف', 'person');
      assert.ok(lavrov.mentions.length > 40000, `${lavrov.mentions.length}`);
      assert.ok(ms < 90000, `${ms} ms`);
    });
  });
});
