/**
 * The seventh round's character classifier of word types (charclass-ar.ts, features-ar `charClass`; off in the shipped
 * model, docs/ner.md "Seventh round"): its n-grams, its training and scores on made-up stem types, the feature only on
 * unseen words and none with the switch off, and the tagger's fast path (sumWord) sums the 'cn=' features as
 * wordInfo's strings do, bit for bit.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CHAR_CLASSES, charGrams, CharClassifier, trainCharClass, trainCharClassLR } from '../../server/src/core/ner/charclass-ar';
import { charClassTypes, type FeatureConfig, FULL_FEATURES, normalizedWord, wordInfo } from '../../server/src/core/ner/features-ar';
import { type ArabicGazetteerData, ArabicLexicon, type ArabicVocabulary } from '../../server/src/core/ner/lexicon-ar';
import { type ArabicModel, ArabicTagger } from '../../server/src/core/ner/tagger-ar';
import { bareStem } from '../../server/src/core/text/clitics';
import { tokenize } from '../../server/src/core/text/tokenize';
import { findModelsDir } from '../../server/src/node/models';
import { assertSameWord, randomFeatures, type TaggerInside, wordRow } from './ner-ar-helpers';

/** Stem types of a vocabulary (its typed name words, and its O/o words as O), for a classifier without the corpus. */
function typesOfVocab(v: ArabicVocabulary): Map<string, number[]> {
  const out = new Map<string, number[]>();
  const put = (w: string, k: number) => {
    const b = bareStem(w);
    let c = out.get(b);
    if (!c) out.set(b, (c = [0, 0, 0, 0, 0]));
    c[k]++;
  };
  for (const [t, ws] of Object.entries(v.T ?? {})) for (const w of ws) put(w, (CHAR_CLASSES as readonly string[]).indexOf(t));
  for (const w of [...v.O, ...v.o]) put(w, 4);
  return out;
}

describe('ner: Arabic seventh-round character classifier', () => {
  const dir = findModelsDir(__dirname)!;
  const gaz = JSON.parse(fs.readFileSync(path.join(dir, 'gazetteer-ar.json'), 'utf8')) as ArabicGazetteerData;
  const shipped = JSON.parse(fs.readFileSync(path.join(dir, 'ner-ar.json'), 'utf8')) as ArabicModel;
  const vocab: ArabicVocabulary = { ...shipped.vocab!, K: trainCharClass(typesOfVocab(shipped.vocab!)) };
  const ON: FeatureConfig = { ...FULL_FEATURES, charClass: true };

  it('n-grams of 1-5 characters with boundary marks, none of the marks alone', () => {
    assert.deepEqual(charGrams('ab'), ['a', 'b', '^a', 'ab', 'b$', '^ab', 'ab$', '^ab$']);
    assert.equal(charGrams('abcdef').filter((g) => g.length === 5).length, 4);
  });

  it('trains on stem types and scores new stems by their n-grams', () => {
    const types = new Map<string, number[]>([
      ['كوف', [1, 0, 0, 0, 0]], ['لوف', [2, 0, 0, 0, 0]], ['نوف', [1, 0, 0, 0, 0]], ['روف', [1, 0, 0, 0, 0]],
      ['كتب', [0, 0, 0, 0, 3]], ['كتاب', [0, 0, 0, 0, 2]], ['مكتب', [0, 0, 0, 0, 1]], ['كاتب', [0, 0, 0, 0, 1]],
      ['بغداد', [0, 1, 0, 0, 0]], ['بنك', [0, 0, 1, 0, 0]], ['مونديال', [0, 0, 0, 1, 0]],
    ]);
    const cc = new CharClassifier(trainCharClass(types, { minTypes: 1 }));
    assert.equal(CHAR_CLASSES[cc.posterior('سوف')], 'PER');
    assert.equal(CHAR_CLASSES[cc.posterior('كتبي')], 'O');
    assert.ok(cc.nameOdds('سوف').odds > cc.nameOdds('كتبي').odds);
    assert.match(cc.feature('سوف'), /^cn=PER[1-4]$/);
    assert.match(cc.feature('سوف', false), /^cn=N[1-4]$/);
    // the same as a logistic regression
    const lr = new CharClassifier(trainCharClassLR(types, { minTypes: 1 }));
    assert.equal(CHAR_CLASSES[lr.posterior('سوف')], 'PER');
    assert.equal(CHAR_CLASSES[lr.posterior('كتبي')], 'O');
    // the stem types of tagged text: clitics and article off, counts per class
    const t = charClassTypes([{ words: ['وموسكو', 'موسكو', 'بموسكو', 'الكتاب', 'Paris'], tags: ['B-LOC', 'B-LOC', 'B-LOC', 'O', 'B-LOC'] }]);
    assert.deepEqual([...t], [['موسكو', [0, 3, 0, 0, 0]], ['كتاب', [0, 0, 0, 0, 1]]]);
  });

  it('only unseen words get the feature, and none with the switch off', () => {
    const lex = new ArabicLexicon(gaz, vocab);
    const cn = (w: string, cfg = ON) => wordInfo(w, lex, cfg).own.filter((x) => x.startsWith('cn='));
    const unseen = 'شوفكوفسكيي';
    assert.equal(lex.vocab.get(normalizedWord(unseen)), undefined);
    assert.equal(cn(unseen).length, 1);
    assert.equal(wordInfo(unseen, lex, ON).ctx.filter((x) => x.startsWith('cn=')).length, 1);
    assert.deepEqual(cn(unseen, FULL_FEATURES), []);
    assert.deepEqual(cn('الحكومة'), []); // seen in training
    const once = shipped.vocab!.o.find((w) => /^[\u0621-\u064a]{5,}$/.test(w))!;
    assert.deepEqual(cn(once), []);
    assert.equal(cn(once, { ...ON, charClassOnce: true }).length, 1);
    assert.match(cn(unseen, { ...ON, charClassName: true })[0], /^cn=(O[12]|N[1-4])$/);
    assert.equal(wordInfo(unseen, lex, { ...ON, charClassOwn: true }).ctx.filter((x) => x.startsWith('cn=')).length, 0);
  });

  it('sumWord sums the cn= features as the strings do, bit for bit, and they reach unseen words', function () {
    this.timeout(60_000);
    const names = ['cn=O1', 'cn=O2', ...[...CHAR_CLASSES.slice(0, 4), 'N'].flatMap((c) => [1, 2, 3, 4].map((k) => 'cn=' + c + k))];
    const lines = [...names, ...[-2, -1, 1, 2].flatMap((r) => names.map((f) => r + '|' + f))];
    const add = randomFeatures(lines, 11);
    const plain = new ArabicTagger(shipped, gaz, { maxWords: 1e9 }) as unknown as TaggerInside;
    const text = fs.readFileSync(path.join(__dirname, '../../seeds/000_36fff38b519712a3.txt'), 'utf8');
    // the seed's words, and gazetteer names (mostly never seen in training) with and without clitics
    const names2 = [...gaz.nameTokensRare.slice(0, 300), ...gaz.places.slice(0, 200)].filter((w) => !w.includes(' '));
    const ws = [...new Set([...tokenize(text).map((t) => t.text), ...names2, ...names2.map((w) => 'و' + w), ...names2.map((w) => 'بال' + w)])];
    for (const extra of [{}, { charClassOnce: true }, { charClassName: true }, { charClassOwn: true }]) {
      const model: ArabicModel = { ...shipped, vocab, features: { ...shipped.features, charClass: true, ...extra }, stage1: add(shipped.stage1), stage2: add(shipped.stage2!) };
      const fast = new ArabicTagger(model, gaz, { maxWords: 1e9 }) as unknown as TaggerInside;
      const strings = new ArabicTagger(model, gaz, { maxWords: 1e9 }, { fastWords: false }) as unknown as TaggerInside;
      assert.equal(fast.fastWords, true);
      let changed = 0;
      for (const w of ws) {
        const ra = assertSameWord(fast, strings, w);
        const rc = wordRow(plain, w);
        if (ra.some((x, i) => x !== rc[i])) changed++;
      }
      assert.ok(changed > 300, `${JSON.stringify(extra)}: ${changed} of ${ws.length} words changed by their cn= features`);
    }
  });
});
