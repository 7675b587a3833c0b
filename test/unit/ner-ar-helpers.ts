/**
 * Shared by the Arabic tagger's fast-path tests (ner-ar-fastwords, ner-clusters): a tagger's word sums seen from the
 * inside, and the bit-for-bit comparison of a word's sums and word info between a fast-path tagger and one that
 * builds the feature strings; made-up weights for extra features; and the seeded random numbers of the Arabic tagger's randomized tests.
 */
import * as assert from 'node:assert/strict';
import type { PerceptronJSON } from '../../server/src/core/ner/perceptron';

/** The parts of an ArabicTagger the tests read (private in tagger-ar.ts). */
export interface TaggerInside {
  fastWords: boolean;
  R: number;
  rows: Float32Array;
  infos: unknown[];
  word(token: string): number;
}

/** The sums of word `w` in `tagger` (its row of the word slab). */
export function wordRow(tagger: TaggerInside, w: string): Float32Array {
  const a = tagger.word(w);
  return tagger.rows.subarray(a * tagger.R, (a + 1) * tagger.R);
}

/** Asserts that `fast` and `strings` give `w` the same sums (Object.is, bit for bit) and word info; returns the sums. */
export function assertSameWord(fast: TaggerInside, strings: TaggerInside, w: string): Float32Array {
  const ra = wordRow(fast, w);
  const rb = wordRow(strings, w);
  for (let i = 0; i < ra.length; i++) if (!Object.is(ra[i], rb[i])) assert.fail(`${w}: sum ${i} differs: ${ra[i]} vs ${rb[i]}`);
  assert.deepEqual(fast.infos[fast.word(w)], strings.infos[strings.word(w)], w);
  return ra;
}

/** A seeded linear congruential generator: numbers in [0, 1), the same sequence for the same seed. */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/**
 * Adds the feature lines `lines` to a model stage with made-up weights (-1000..1000, from a generator seeded with
 * `seed` that runs on across the calls: stage1 then stage2 get different weights).
 */
export function randomFeatures(lines: readonly string[], seed: number): (j: PerceptronJSON) => PerceptronJSON {
  let r = seed;
  return (j) => {
    const extra = new Int16Array(lines.length * j.labels.length);
    for (let k = 0; k < extra.length; k++) extra[k] = (((r = (Math.imul(r, 1103515245) + 12345) & 0x7fffffff) >>> 16) % 2001) - 1000;
    const w = Buffer.concat([Buffer.from(j.weights, 'base64'), Buffer.from(extra.buffer)]);
    return { ...j, features: j.features + '\n' + lines.join('\n'), weights: w.toString('base64') };
  };
}
