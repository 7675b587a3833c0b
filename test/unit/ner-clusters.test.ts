/**
 * ner/clusters.ts (word clusters of the training text, features.clusters): the exchange algorithm puts words that
 * share their neighbours into one class, the coarser levels nest the finer ones, every counted word gets a class, and
 * the result depends only on the text (the same clusters from the same sentences).
 */
import { strict as assert } from 'node:assert';
import { wordClusters } from '../../server/src/core/ner/clusters';

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
