/**
 * The fifth round's feature switches (features-ar.ts; all off in the shipped model, docs/ner.md "Fifth round"): the
 * quotation position, the dateline, the second-pass confidence, the conjunctions and the consonant skeleton give the
 * strings they are documented to give, and the switches off give none of them; the tagger's fast path (sumWord) sums
 * the skeleton features as wordInfo's strings do, bit for bit.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { docStats, dynamicFeatures, type FeatureConfig, FULL_FEATURES, phraseMarks, wordInfo } from '../../server/src/core/ner/features-ar';
import { type ArabicGazetteerData, ArabicLexicon, skeleton } from '../../server/src/core/ner/lexicon-ar';
import { type ArabicModel, ArabicTagger } from '../../server/src/core/ner/tagger-ar';
import { tokenize } from '../../server/src/core/text/tokenize';
import { findModelsDir } from '../../server/src/node/models';
import { assertSameWord, randomFeatures, type TaggerInside, wordRow } from './ner-ar-helpers';

describe('ner: Arabic fifth-round feature switches', () => {
  const gaz = JSON.parse(fs.readFileSync(path.join(findModelsDir(__dirname)!, 'gazetteer-ar.json'), 'utf8')) as ArabicGazetteerData;
  const lex = new ArabicLexicon(gaz);
  const ON: FeatureConfig = { ...FULL_FEATURES, quotes: true, dateline: true, passConf: true, conj: true, skeleton: true };
  const feats = (words: string[], cfg: FeatureConfig = ON, tagged?: Map<string, number[]>) => {
    const ws = words.map((w) => wordInfo(w, lex, cfg));
    const stats = docStats([ws]);
    if (tagged) stats.tagged = tagged;
    const marks = phraseMarks(ws, lex);
    return { ws, f: ws.map((_, i) => dynamicFeatures(ws, i, cfg, marks, stats, undefined, true)) };
  };
  const only = (fs: string[], re: RegExp) => fs.filter((f) => re.test(f));

  it('quotations: the position of each word inside a short « … » or " … ", nothing outside or in a long one', () => {
    const { f } = feats('قالت صحيفة « الشرق الأوسط » إن " حماس " وافقت على « مبادرة من خمس نقاط جديدة » .'.split(' '));
    const q = f.map((x) => only(x, /^q=/).join());
    assert.deepEqual(q.slice(0, 8), ['', '', '', 'q=F', 'q=L', '', '', '']);
    assert.equal(q[8], 'q=1'); // " حماس "
    assert.deepEqual(q.slice(12), ['', '', '', '', '', '', '', '']); // five words: too long
    assert.ok(feats(['«', 'الشرق', 'الأوسط', '»'], FULL_FEATURES).f.flat().every((x) => !x.startsWith('q=')));
  });

  it('dateline: the first words of a sentence before - or :, also after ( … ) and inside « … »', () => {
    const dl = (s: string) => feats(s.split(' ')).f.map((x) => only(x, /^dl=/).join());
    assert.deepEqual(dl('بغداد - قال مسؤول').slice(0, 3), ['dl=1', '', '']);
    assert.deepEqual(dl('الدار البيضاء ( أ ف ب ) - أعلن').slice(0, 2), ['dl=N', 'dl=N']);
    assert.deepEqual(dl('« الشرق الأوسط » - قال').slice(0, 4), ['', 'dl=N', 'dl=N', '']);
    assert.deepEqual(dl('قال مسؤول كبير إن الوضع الجديد - كما'), ['', '', '', '', '', '', '', '']); // six words before it
  });

  it('second-pass confidence: one occurrence, all occurrences agree, mixed', () => {
    const words = 'زار نيسان المعرض و نيسان و موسكو'.split(' ');
    const ws = words.map((w) => wordInfo(w, lex, ON));
    const t = (a: number[], b: number[]) => new Map([[ws[1].bare, a], [ws[6].bare, b]]);
    const { f } = feats(words, ON, t([0, 0, 2, 0], [0, 1, 0, 0]));
    assert.deepEqual(only(f[1], /^d2/), ['d2=ORG', 'd2c=ORG2']);
    assert.deepEqual(only(f[6], /^d2/), ['d2=LOC', 'd2c=LOC1']);
    assert.deepEqual(only(feats(words, ON, t([1, 0, 1, 0], [0, 1, 0, 0])).f[1], /^d2/), ['d2=PER', 'd2c=PER3']);
    assert.deepEqual(only(feats(words, { ...ON, passConf: false }, t([0, 0, 2, 0], [0, 1, 0, 0])).f[1], /^d2/), ['d2=ORG']);
  });

  it('conjunctions: the class after a trigger, and before a nationality adjective outside sports documents', () => {
    const { f } = feats('قال وزير الخارجية لافروف إن نادي ليون الفرنسي فاز'.split(' '));
    assert.deepEqual(only(f[6], /^(cj|na)=/), ['cj=OP', 'na=PM']); // نادي ليون الفرنسي: a place after an org head, before a masculine adjective
    assert.ok(only(f[3], /^cj=/).length === 0); // لافروف follows الخارجية, not the title itself
    assert.deepEqual(only(f[2], /^cj=/), ['cj=PU']);
  });

  it('consonant skeleton: long vowels out, letters foreign names swap unified; unseen words in no gazetteer only', () => {
    assert.equal(skeleton('بوغدانوف'), skeleton('بوجدانوف'));
    assert.equal(skeleton('بوغدانوف'), 'بكدنف');
    assert.equal(skeleton('طهران'), skeleton('تهران'));
    assert.equal(skeleton('فاطمه'), 'فتم');
    const own = (w: string, cfg: FeatureConfig = ON) => wordInfo(w, lex, cfg).own.filter((x) => /^(sk|gz)/.test(x));
    // the gazetteer's rare name tokens have بوجدانوف, not بوغدانوف
    assert.deepEqual(own('بوغدانوف'), ['sk=R']);
    assert.deepEqual(own('بوجدانوف'), ['gz=R']);
    assert.deepEqual(own('بوغدانوف', FULL_FEATURES), []);
  });

  it('sumWord sums the skeleton features as the strings do, bit for bit, and they reach unseen names', function () {
    this.timeout(60_000);
    const dir = findModelsDir(__dirname)!;
    const shipped = JSON.parse(fs.readFileSync(path.join(dir, 'ner-ar.json'), 'utf8')) as ArabicModel;
    // the shipped model plus made-up weights for every skeleton feature, own and context
    const names = ['sk=P', 'sk=N', 'sk=R', 'sk=PN', 'skv=PER', 'skv=LOC', 'skv=ORG', 'skv=MISC'];
    const lines = [...names, ...[-2, -1, 1, 2].flatMap((r) => names.map((f) => r + '|' + f))];
    const add = randomFeatures(lines, 7);
    const model: ArabicModel = { ...shipped, features: { ...shipped.features, skeleton: true, skeletonVocab: true }, stage1: add(shipped.stage1), stage2: add(shipped.stage2!) };
    const fast = new ArabicTagger(model, gaz, { maxWords: 1e9 }) as unknown as TaggerInside;
    const strings = new ArabicTagger(model, gaz, { maxWords: 1e9 }, { fastWords: false }) as unknown as TaggerInside;
    const plain = new ArabicTagger(shipped, gaz, { maxWords: 1e9 }) as unknown as TaggerInside;
    assert.equal(fast.fastWords, true);
    const text = fs.readFileSync(path.join(__dirname, '../../seeds/000_36fff38b519712a3.txt'), 'utf8');
    // the seed's words and spellings of gazetteer names and training names without their first long vowel
    const variants = [...gaz.nameTokensFrequent.slice(0, 400), ...gaz.places.slice(0, 200), ...shipped.vocab!.E.slice(0, 300)].map((w) => w.replace(/[اوي]/, ''));
    const ws = [...new Set([...tokenize(text).map((t) => t.text), ...variants, 'بوغدانوف', 'وبوغدانوف'])];
    let changed = 0;
    for (const w of ws) {
      const ra = assertSameWord(fast, strings, w);
      const rc = wordRow(plain, w);
      if (ra.some((x, i) => x !== rc[i])) changed++;
    }
    assert.ok(changed > 100, `${changed} of ${ws.length} words changed by their skeleton features`);
  });
});
