import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { NerTagger, TaggedSpan } from '../../server/src/core/resources';
import { docStats, wordInfo } from '../../server/src/core/ner/features-ar';
import { ArabicTagger } from '../../server/src/core/ner/tagger-ar';
import { normalizeArabic } from '../../server/src/core/text/normalize';
import { tokenize } from '../../server/src/core/text/tokenize';
import { findModelsDir, loadNerModels } from '../../server/src/node/models';

const seed = fs.readFileSync(path.join(__dirname, '../../seeds/000_36fff38b519712a3.txt'), 'utf8');
const PERSONS = ['سيرغي لافروف', 'خليفة حفتر', 'سيرغي شويغو', 'ميخائيل بوغدانوف', 'إيفان مولوتكوف', 'نيقولاي باتروشيف', 'عقيلة صالح عيسى'];

function checkSpans(text: string, spans: TaggedSpan[]): void {
  let last = -1;
  for (const s of spans) {
    assert.ok(s.start >= 0 && s.end <= text.length && s.start < s.end, JSON.stringify(s));
    assert.equal(text.slice(s.start, s.end), s.text);
    assert.ok(s.start >= last, 'spans in text order, not overlapping');
    assert.ok(['person', 'organization', 'location', 'misc'].includes(s.type));
    last = s.end;
  }
}

describe('ner: Arabic tagger (shipped model)', function () {
  this.timeout(60000);
  let tagger: NerTagger;
  before(() => {
    const loaded = loadNerModels({ languages: ['ar'] });
    assert.deepEqual(loaded.problems, []);
    tagger = loaded.ner.ar!;
    assert.equal(tagger.language, 'ar');
  });

  it('finds the models folder from the source tree', () => {
    const dir = findModelsDir(__dirname);
    assert.ok(dir && fs.existsSync(path.join(dir, 'ner-ar.json')));
    // from the bundle's folder (dist/, __dirname of dist/server.js) the same folder is found
    assert.equal(findModelsDir(path.join(__dirname, '../../dist')), dir);
    assert.equal(findModelsDir(path.join(__dirname, '../../server/src/node')), dir);
  });

  it('seed: the seven people, each full name, and no other person', () => {
    const spans = tagger.tag(seed);
    checkSpans(seed, spans);
    const persons = spans.filter((s) => s.type === 'person').map((s) => normalizeArabic(s.text));
    const full = PERSONS.map(normalizeArabic);
    for (const p of full) assert.ok(persons.includes(p), `missing ${p}; got ${persons.join(' | ')}`);
    for (const p of persons) assert.ok(full.some((f) => f.split(' ').includes(p) || f === p || f.endsWith(' ' + p)), `not a person of the seed: ${p}`);
  });

  it('seed: the places and the international organizations', () => {
    const spans = tagger.tag(seed);
    const of = (type: string) => new Set(spans.filter((s) => s.type === type).map((s) => s.text));
    for (const p of ['ليبيا', 'موسكو', 'روسيا', 'طرابلس']) assert.ok(of('location').has(p), `missing place ${p}`);
    for (const o of ['مجلس الأمن الدولي', 'الأمم المتحدة']) assert.ok(of('organization').has(o), `missing organization ${o}`);
  });

  it('spans exclude attached clitics: وبوغدانوف -> بوغدانوف, بموسكو -> موسكو', () => {
    const spans = tagger.tag(seed);
    const at = (word: string) => {
      const i = seed.indexOf(word);
      assert.ok(i >= 0);
      return spans.find((s) => s.start < i + word.length && s.end > i);
    };
    const b = at('وبوغدانوف');
    assert.equal(b?.text, 'بوغدانوف');
    const m = at('بموسكو');
    assert.equal(m?.text, 'موسكو');
    assert.equal(m?.type, 'location');
  });

  it('clitic rule: a prefix comes off when the rest is a known name; لل keeps the article', () => {
    const t = tagger as ArabicTagger;
    const text = 'قال لافروف إن ولافروف وحفتر التقيا بموسكو وللجيش دور في ليبيا ووليد';
    const words = tokenize(text).map((x) => x.text);
    const stats = docStats([words.map((w) => wordInfo(w, t.lex, t.cfg))]);
    const cut = (w: string) => t.cliticStart(w, stats);
    assert.equal(cut('ولافروف'), 1);
    assert.equal(cut('بموسكو'), 1);
    assert.equal(cut('وللجيش'), 2, "و + ل off, 'لجيش' keeps the article's ل");
    assert.equal(cut('للجيش'), 1);
    assert.equal(cut('ليبيا'), 0, 'a place whose first letter looks like a preposition');
    assert.equal(cut('وبالعاصمة'), 2);
  });

  it('diacritized text: the same people as the plain text', () => {
    const plain = 'قال الرئيس الروسي فلاديمير بوتين إن وزير الخارجية سيرغي لافروف سيزور ليبيا.';
    const diac = 'قالَ الرَّئِيسُ الرُّوسِيُّ فلاديمير بوتين إنَّ وزيرَ الخارجيةِ سِيرْغِي لافْرُوف سيزورُ ليبيا.';
    const names = (t: string) => tagger.tag(t).filter((s) => s.type === 'person').map((s) => normalizeArabic(s.text));
    const a = names(plain);
    assert.ok(a.includes('سيرغي لافروف'), a.join('|'));
    assert.deepEqual(names(diac), a);
  });

  it('bad input: no Arabic, punctuation only, Arabic-Indic digits, empty slices', () => {
    for (const text of ['The quick brown fox.', '!!! ... ،،، «» ؟؟', '', '   \n\n', 'في ٢٦ نوفمبر ٢٠١٦ وصل ١٢٣ شخصا إلى ٤٥٦', '😀😀 ـــــ ًٌٍ']) {
      const spans = tagger.tag(text);
      checkSpans(text, spans);
    }
    assert.deepEqual(tagger.tag('!!! ... ،،، «» ؟؟'), []);
    assert.deepEqual(tagger.tag(seed, 50, 50), []);
    assert.deepEqual(tagger.tag(seed, 100, 20), []);
    const digits = tagger.tag('وصل حفتر إلى موسكو في ٢٦ نوفمبر ٢٠١٦.');
    assert.ok(digits.some((s) => s.text === 'موسكو'));
    assert.ok(!digits.some((s) => /[٠-٩]/.test(s.text) && s.type === 'person'));
  });

  it('a slice [from, to) is tagged with offsets into the whole text', () => {
    const para = seed.indexOf('وكان السفير');
    const end = seed.indexOf('\n', para);
    const spans = tagger.tag(seed, para, end);
    checkSpans(seed, spans);
    assert.ok(spans.every((s) => s.start >= para && s.end <= end));
    assert.ok(spans.some((s) => s.type === 'person' && normalizeArabic(s.text) === normalizeArabic('إيفان مولوتكوف')));
  });

  it('one 5 MB paragraph: no exception, bounded time, sensible spans', () => {
    const unit = 'قال وزير الخارجية الروسي سيرغي لافروف في موسكو إن روسيا تدعم ليبيا، ';
    const big = unit.repeat(Math.ceil(5_000_000 / unit.length));
    const t0 = Date.now();
    const spans = tagger.tag(big);
    const ms = Date.now() - t0;
    assert.ok(spans.length > 1000);
    checkSpans(big, spans.slice(0, 200));
    assert.ok(spans.slice(0, 50).some((s) => s.type === 'person' && s.text === 'سيرغي لافروف'));
    assert.ok(ms < 30000, `${ms} ms`);
  });
});
