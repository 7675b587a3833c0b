/**
 * ner/clusters.ts (word clusters of the training text, features.clusters): the exchange algorithm puts words that
 * share their neighbours into one class, the coarser levels nest the finer ones, every counted word gets a class, and
 * the result depends only on the text (the same clusters from the same sentences). And the cluster features of a
 * model that has them: ArabicTagger.sumWord sums them as wordInfo's strings do, bit for bit (the shipped model has
 * no clusters, so test/unit/ner-ar-fastwords does not reach that block).
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { wordClusters } from '../../server/src/core/ner/clusters';
import type { ArabicGazetteerData } from '../../server/src/core/ner/lexicon-ar';
import type { PerceptronJSON } from '../../server/src/core/ner/perceptron';
import { type ArabicModel, ArabicTagger } from '../../server/src/core/ner/tagger-ar';
import { normalizeArabic } from '../../server/src/core/text/normalize';
import { tokenize } from '../../server/src/core/text/tokenize';
import { findModelsDir } from '../../server/src/node/models';
import { assertSameWord, type TaggerInside, wordRow } from './ner-ar-helpers';

/** Sentences 'the <animal> <verb> the <food>' over two small vocabularies of distinct distributions. */
function corpus(): string[][] {
  const animals = ['cat', 'dog', 'cow', 'hen'];
  const verbs = ['eats', 'likes', 'wants'];
  const foods = ['rice', 'bread', 'corn', 'meat'];
  const out: string[][] = [];
  let r = 3;
  const pick = <T>(a: readonly T[]): T => a[((r = (Math.imul(r, 1103515245) + 12345) & 0x7fffffff) >>> 16) % a.length];
  for (let i = 0; i < 400; i++) out.push(['the', pick(animals), pick(verbs), 'the', pick(foods), '.']);
  return out;
}

describe('ner: word clusters (exchange algorithm)', () => {
  it('groups words with the same neighbours, nests the levels and is deterministic', () => {
    const c = wordClusters(corpus(), [5, 3, 2]);
    const cls = new Map<string, number>();
    c.words.forEach((ws, i) => ws.forEach((w) => cls.set(w, i)));
    assert.equal(cls.size, 13); // every word of the text
    const same = (ws: string[]) => new Set(ws.map((w) => cls.get(w))).size === 1;
    assert.ok(same(['cat', 'dog', 'cow', 'hen']), 'animals in one class');
    assert.ok(same(['rice', 'bread', 'corn', 'meat']), 'foods in one class');
    assert.ok(same(['eats', 'likes', 'wants']), 'verbs in one class');
    assert.notEqual(cls.get('cat'), cls.get('rice'));
    assert.notEqual(cls.get('cat'), cls.get('eats'));
    // five classes for five distributions: the, animals, verbs, foods, '.'
    assert.equal(new Set(cls.values()).size, 5);
    // levels: 5 -> 3 -> 2, each class of a level maps into the next
    assert.equal(c.up.length, 2);
    assert.equal(c.up[0].length, 5);
    assert.equal(c.up[1].length, 3);
    for (const j of c.up[0]) assert.ok(j >= 0 && j < 3);
    for (const j of c.up[1]) assert.ok(j >= 0 && j < 2);
    assert.deepEqual(wordClusters(corpus(), [5, 3, 2]), c);
  });

  it('leaves out words below minCount', () => {
    const s = [...corpus(), ['the', 'yak', 'eats', 'the', 'rice', '.']];
    const c = wordClusters(s, [8, 2], { minCount: 2 });
    assert.ok(!c.words.flat().includes('yak'));
    assert.ok(wordClusters(s, [8, 2]).words.flat().includes('yak'));
  });
});

describe('ner: Arabic tagger with word-cluster features', function () {
  this.timeout(60_000);
  const root = path.join(__dirname, '..', '..');
  const modelsDir = findModelsDir(__dirname)!;
  const gaz = JSON.parse(fs.readFileSync(path.join(modelsDir, 'gazetteer-ar.json'), 'utf8')) as ArabicGazetteerData;
  const shipped = JSON.parse(fs.readFileSync(path.join(modelsDir, 'ner-ar.json'), 'utf8')) as ArabicModel;
  const text = fs.readFileSync(path.join(root, 'seeds', '000_36fff38b519712a3.txt'), 'utf8');
  const tokens = tokenize(text).map((t) => t.text);

  /** The shipped model plus clusters of the seed's words and made-up weights for every cluster feature, own and context. */
  function withClusters(): ArabicModel {
    const norm = (w: string) => normalizeArabic(w).toLowerCase();
    const C = wordClusters([tokens.map(norm)], [16, 4, 2]);
    const names: string[] = [];
    for (let i = 0; i < 16; i++) names.push('c0=' + i);
    for (let i = 0; i < 4; i++) names.push('c1=' + i);
    names.push('c2=0', 'c2=1');
    const lines = [...names, ...[-2, -1, 1, 2].flatMap((r) => names.map((f) => r + '|' + f))];
    let r = 11;
    const add = (j: PerceptronJSON): PerceptronJSON => {
      const T = j.labels.length;
      const extra = new Int16Array(lines.length * T);
      for (let k = 0; k < extra.length; k++) extra[k] = (((r = (Math.imul(r, 1103515245) + 12345) & 0x7fffffff) >>> 16) % 2001) - 1000;
      const w = Buffer.concat([Buffer.from(j.weights, 'base64'), Buffer.from(extra.buffer)]);
      return { ...j, features: j.features + '\n' + lines.join('\n'), weights: w.toString('base64') };
    };
    return { ...shipped, features: { ...shipped.features, clusters: true }, vocab: { ...shipped.vocab!, C }, stage1: add(shipped.stage1), stage2: add(shipped.stage2!) };
  }

  it('sums and word infos of the fast path are those of the strings, bit for bit, and the clusters count', () => {
    const model = withClusters();
    const fast = new ArabicTagger(model, gaz, { maxWords: 1e9 }) as unknown as TaggerInside;
    const strings = new ArabicTagger(model, gaz, { maxWords: 1e9 }, { fastWords: false }) as unknown as TaggerInside;
    const plain = new ArabicTagger(shipped, gaz, { maxWords: 1e9 }) as unknown as TaggerInside;
    assert.equal(fast.fastWords, true);
    // the seed's words, and clitic forms whose stem has a cluster (an unseen word takes its stem's)
    const ws = [...new Set([...tokens, ...tokens.filter((t) => t.length > 2).slice(0, 200).map((t) => 'وب' + t)])];
    let changed = 0;
    for (const w of ws) {
      const ra = assertSameWord(fast, strings, w);
      const rc = wordRow(plain, w);
      if (ra.some((x, i) => x !== rc[i])) changed++;
    }
    // the cluster features reach most Arabic words of the seed (not a vacuous comparison)
    assert.ok(changed > ws.length / 2, `${changed} of ${ws.length} words changed by their clusters`);
  });
});
