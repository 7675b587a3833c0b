/**
 * The English tagger's load-time tables (tagger-en.ts: the key table a new word form's lexicon and feature questions
 * are answered from, the affix table, the pair and shape-triple tables, the gazetteer nodes kept per form) give the
 * fast path exactly what the feature strings give the model: same spans as `tagSentences` (the strings the model was
 * trained on), on text that reaches every field of those tables, with the shipped gazetteer and with one whose values
 * the tables cannot hold in their 8-bit fields (so they ask the lexicon's Maps).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { EnglishGazetteerData, EnglishLexicon } from '../../server/src/core/ner/features-en';
import { type EnglishModel, EnglishTagger } from '../../server/src/core/ner/tagger-en';
import { referenceSpans } from './ner-en-helpers';

const ROOT = path.resolve(__dirname, '../..');
const MODEL = JSON.parse(fs.readFileSync(path.join(ROOT, 'models/ner-en.json'), 'utf8')) as EnglishModel;
const GAZ = JSON.parse(fs.readFileSync(path.join(ROOT, 'models/gazetteer-en.json'), 'utf8')) as EnglishGazetteerData;

const TYPE = { person: 'PER', location: 'LOC', organization: 'ORG', misc: 'MISC' } as const;
const fast = (tagger: EnglishTagger, text: string) => tagger.tagDocument(text).map((s) => `${TYPE[s.type]}:${s.text}`);

/** The emission scores each path hands to Viterbi, sentence by sentence (the fast path's sums of table rows, the
 *  feature strings' sums of weights): the same numbers, not only the same best paths. */
function emissions(tagger: EnglishTagger, text: string): { fast: number[][]; strings: number[][] } {
  // (decodeInto: the decoder both paths reach, decodeScores through it)
  const model = (tagger as unknown as { s1: { T: number; decodeInto(em: Float64Array, n: number, out: Int32Array): Int32Array } }).s1;
  const seen: number[][] = [];
  const decode = model.decodeInto;
  model.decodeInto = function (em: Float64Array, n: number, out: Int32Array) {
    seen.push(Array.from(em.subarray(0, n * model.T)));
    return decode.call(this, em, n, out);
  };
  try {
    referenceSpans(tagger, text);
    const strings = seen.splice(0);
    // (a fresh sentence cache: every sentence decoded)
    (tagger as unknown as { sentCache: { clear(): void } }).sentCache.clear();
    tagger.tagDocument(text);
    return { fast: seen.splice(0), strings };
  } finally {
    model.decodeInto = decode;
  }
}

// Dotted words and titles (Gen., St., Dr., Mr.), numbers (<num>), capitalized prepositions and sentence ends,
// acronyms as written (UN, NATO) and dotted (U.N.), given names and surnames, places, demonyms, word classes,
// organization and place keywords, possessives, a word with '|', accented and non-ASCII capitals.
const TEXT = [
  'Gen. Stanley McChrystal met Dr. Jane Goodall and Mr. Haftar in St. Petersburg on 3rd May 1999.',
  'In Paris, the UN and NATO envoys said the U.N. Security Council would meet at the University of Benghazi.',
  "The Libyan delegation's head, Sergei Lavrov, flew from Moscow to Tripoli via Cairo; Lavrov's aide stayed.",
  'The newspaper Izvestia quoted Foreign Minister Sergei Lavrov and the Bank of England at Lake Geneva.',
  'Ángel Di María and Émile Zola visited İstanbul, the Hudson River and Mount Kenya with a|b tokens 12,000 times.',
  'At Harrow School, James Smith, a Russian writer, spoke to Mayor Sadiq Khan of London.',
  'WHO officials in GENEVA and Geneva met President Joe Biden. Biden said so.',
].join('\n');

describe('English tagger tables (fast path = feature strings)', function () {
  this.timeout(30000);

  it('tags as the feature strings do with the shipped gazetteer', () => {
    const tagger = new EnglishTagger(MODEL, GAZ);
    const want = referenceSpans(tagger, TEXT);
    assert.ok(want.length > 10, JSON.stringify(want));
    assert.deepEqual(fast(tagger, TEXT), want);
    // and on the same text upper-cased (truecased forms) and again (every form now in the cache)
    assert.deepEqual(fast(tagger, TEXT.toUpperCase()), referenceSpans(tagger, TEXT.toUpperCase()));
    assert.deepEqual(fast(tagger, TEXT), want);
    for (const text of [TEXT, TEXT.toUpperCase()]) {
      const em = emissions(tagger, text);
      assert.equal(em.fast.length, em.strings.length);
      assert.deepEqual(em.fast, em.strings);
    }
    // every capitalized form keeps the trie node the lexicon's root gives (from the key table's rows, not its Map)
    type Inside = { lex: EnglishLexicon; formList: { text: string; eqKey: string; keyLow: string; gz0: unknown }[] };
    const inside = tagger as unknown as Inside;
    let nodes = 0;
    for (const x of inside.formList) {
      if (x.gz0 === undefined) continue;
      assert.equal(x.gz0, inside.lex.firstNode(x.eqKey, x.keyLow), x.text);
      if (x.gz0 !== null) nodes++;
    }
    assert.ok(nodes > 20, `${nodes} forms with a trie node`);
  });

  it('asks the lexicon for values its 8-bit fields cannot hold (fractional or large buckets, 300 word classes)', () => {
    const classes: Record<string, string> = {};
    // 300 made-up classes first: the real ones then lie past what the table's class field holds.
    for (let k = 0; k < 300; k++) classes[`zzword${k}`] = `C${k}`;
    Object.assign(classes, GAZ.classes);
    const given: Record<string, number> = { ...GAZ.given, Zed: 2.5, Quorra: 300, Sergei: 4.5 };
    const gaz: EnglishGazetteerData = { ...GAZ, given, classes, places: { ...GAZ.places, Moscow: 1000 }, nameTokens: { ...GAZ.nameTokens, lavrov: 7.25 } };
    const tagger = new EnglishTagger(MODEL, gaz);
    const text = TEXT + '\nZed Smith met Quorra Jones and Sergei Lavrov in Moscow.';
    const want = referenceSpans(tagger, text);
    assert.ok(want.includes('PER:Sergei Lavrov'), JSON.stringify(want));
    assert.deepEqual(fast(tagger, text), want);
    const em = emissions(tagger, text);
    assert.equal(em.fast.length, em.strings.length);
    assert.deepEqual(em.fast, em.strings);
  });
});
