/**
 * A character n-gram classifier over word types (features-ar `charClass`, not shipped): multinomial naive Bayes
 * over the character 1-5-grams of a word's clitic- and article-free stem with boundary marks ('^' + stem + '$'),
 * trained on the stems of the training text with their label distribution there (PER/LOC/ORG/MISC/O, each stem
 * type one example, its labels as fractions). It scores words the tagger never saw in training: its argmax type and a
 * confidence bucket become the feature 'cn=' + type + bucket. For training text it is jackknifed with the vocabulary
 * (a training word is scored by a classifier trained on the other vocabulary folds), for new text it is trained on
 * all of the training text and ships in the model's vocabulary (`ArabicVocabulary.K`).
 */

import { base64ToBytes, bytesToBase64, shuffle } from './perceptron';

/** The classes, in the order of the weight rows. */
export const CHAR_CLASSES = ['PER', 'LOC', 'ORG', 'MISC', 'O'] as const;
const NC = CHAR_CLASSES.length;
/** Longest n-gram. */
const MAX_N = 5;
/** The saved form (ArabicVocabulary.K). */
export interface CharClassJSON {
  /** n-grams kept, '\n'-joined */
  grams: string;
  /** per n-gram NC int16 weights (little-endian, base64): round(SCALE * (log P(g|c) - log P(unseen|c))) */
  weights: string;
  /** log P(c) + nothing else: the class priors */
  prior: number[];
  /** log P(an n-gram not kept | c) */
  unseen: number[];
  /** bucket bounds on the log odds of a name against O (`nameOdds`): below bounds[0] 'O1', below bounds[1] 'O2', then
   * the most likely name type with 1 (below bounds[2]) … bounds.length - 1 (at or above the last) */
  bounds: number[];
}
const SCALE = 256;
/** Bucket bounds on the log odds of a name (CharClassJSON.bounds): in the jackknifed training folds the tokens of unseen
 * words below -10 are names 1% of the time, -10..-2.5 3%, -2.5..5 10%, 5..12 20%, 12..20 40%, above 20 74%. */
const BOUNDS = [-10, -2.5, 5, 12, 20];

/** Options of `trainCharClass`. */
export interface CharClassOptions {
  /** additive smoothing of the n-gram counts (default 0.1) */
  alpha?: number;
  /** keep n-grams seen in at least this many stem types (default 2) */
  minTypes?: number;
  /** train on stem types seen at most this many times (default: all) */
  maxCount?: number;
  /** bucket bounds on the log odds of a name (default BOUNDS) */
  bounds?: number[];
}

/** The n-grams of a stem: 1..MAX_N characters of '^' + stem + '$', none made of the marks alone. */
export function charGrams(stem: string, out: string[] = []): string[] {
  out.length = 0;
  const s = '^' + stem + '$';
  for (let n = 1; n <= MAX_N; n++) for (let i = 0; i + n <= s.length; i++) if (n > 1 || (i > 0 && i < s.length - 1)) out.push(s.slice(i, i + n));
  return out;
}

/** A stem type's count over the classes, 0 when it is to be left out (none, or more than `maxCount`). */
function typeTotal(c: readonly number[], maxCount: number): number {
  let tot = 0;
  for (let k = 0; k < NC; k++) tot += c[k];
  return tot > maxCount ? 0 : tot;
}

/**
 * Train on stem types: `types` maps a stem to its counts per class (CHAR_CLASSES order) in the training text.
 */
export function trainCharClass(types: ReadonlyMap<string, readonly number[]>, opts: CharClassOptions = {}): CharClassJSON {
  const alpha = opts.alpha ?? 0.1;
  const minTypes = opts.minTypes ?? 2;
  const maxCount = opts.maxCount ?? Infinity;
  const counts = new Map<string, Float64Array>();
  const seen = new Map<string, number>();
  const classTotal = new Float64Array(NC);
  const prior = new Float64Array(NC);
  const gs: string[] = [];
  for (const [stem, c] of types) {
    const tot = typeTotal(c, maxCount);
    if (tot === 0) continue;
    charGrams(stem, gs);
    for (let k = 0; k < NC; k++) {
      prior[k] += c[k] / tot;
      classTotal[k] += (gs.length * c[k]) / tot;
    }
    for (const g of gs) {
      let a = counts.get(g);
      if (!a) counts.set(g, (a = new Float64Array(NC)));
      for (let k = 0; k < NC; k++) a[k] += c[k] / tot;
      seen.set(g, (seen.get(g) ?? 0) + 1);
    }
  }
  const V = counts.size;
  let ptot = 0;
  for (let k = 0; k < NC; k++) ptot += prior[k];
  const unseen: number[] = [];
  for (let k = 0; k < NC; k++) unseen.push(Math.log(alpha / (classTotal[k] + alpha * V)));
  const kept: string[] = [];
  const w: number[] = [];
  for (const [g, a] of [...counts].sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0))) {
    if (seen.get(g)! < minTypes) continue;
    kept.push(g);
    for (let k = 0; k < NC; k++) w.push(Math.round(SCALE * (Math.log((a[k] + alpha) / (classTotal[k] + alpha * V)) - unseen[k])));
  }
  const i16 = Int16Array.from(w, (x) => Math.max(-32768, Math.min(32767, x)));
  return {
    grams: kept.join('\n'),
    weights: bytesToBase64(new Uint8Array(i16.buffer)),
    prior: Array.from(prior, (p) => Math.log((p + 1) / (ptot + NC))),
    unseen,
    bounds: opts.bounds ?? BOUNDS,
  };
}

/**
 * The same classifier's form trained as a multinomial logistic regression instead (`CharClassOptions` alpha is unused):
 * each stem type one example with its label distribution as the target, averaged SGD over `epochs` passes in a fixed
 * order, L2 by weight decay `l2`; the weights go into CharClassJSON with `unseen` 0 and the biases as `prior`.
 */
export function trainCharClassLR(types: ReadonlyMap<string, readonly number[]>, opts: CharClassOptions & { epochs?: number; rate?: number; l2?: number } = {}): CharClassJSON {
  const minTypes = opts.minTypes ?? 2;
  const maxCount = opts.maxCount ?? Infinity;
  const epochs = opts.epochs ?? 8;
  const rate = opts.rate ?? 0.2;
  const seen = new Map<string, number>();
  const ex: { g: number[]; y: number[] }[] = [];
  const gs: string[] = [];
  for (const [stem, c] of types) {
    const tot = typeTotal(c, maxCount);
    if (tot === 0) continue;
    for (const g of charGrams(stem, gs)) seen.set(g, (seen.get(g) ?? 0) + 1);
  }
  const kept = [...seen.keys()].filter((g) => seen.get(g)! >= minTypes).sort();
  const idx = new Map(kept.map((g, i) => [g, i]));
  for (const [stem, c] of types) {
    const tot = typeTotal(c, maxCount);
    if (tot === 0) continue;
    const g = charGrams(stem, gs).map((x) => idx.get(x)).filter((x): x is number => x !== undefined);
    ex.push({ g, y: c.map((x) => x / tot) });
  }
  const W = new Float64Array(kept.length * NC);
  const b = new Float64Array(NC);
  const Wsum = new Float64Array(W.length);
  const bsum = new Float64Array(NC);
  const p = new Float64Array(NC);
  let steps = 0;
  // a fixed pseudo-random order per epoch
  const order = ex.map((_, i) => i);
  let r = 12345;
  for (let e = 0; e < epochs; e++) {
    r = shuffle(order, r);
    const lr = rate / (1 + e);
    for (const oi of order) {
      const { g, y } = ex[oi];
      for (let k = 0; k < NC; k++) p[k] = b[k];
      for (const x of g) for (let k = 0; k < NC; k++) p[k] += W[x * NC + k];
      let m = -Infinity;
      for (let k = 0; k < NC; k++) m = Math.max(m, p[k]);
      let z = 0;
      for (let k = 0; k < NC; k++) z += p[k] = Math.exp(p[k] - m);
      steps++;
      for (let k = 0; k < NC; k++) {
        const d = lr * (y[k] - p[k] / z);
        b[k] += d;
        bsum[k] += d * steps;
        for (const x of g) {
          W[x * NC + k] += d;
          Wsum[x * NC + k] += d * steps;
        }
      }
    }
  }
  // averaged weights (the running sum trick: avg = w - sum(d * t) / T)
  const avg = (w: number, s: number) => w - s / steps;
  const w: number[] = [];
  for (let i = 0; i < W.length; i++) w.push(Math.round(SCALE * avg(W[i], Wsum[i])));
  const i16 = Int16Array.from(w, (x) => Math.max(-32768, Math.min(32767, x)));
  return {
    grams: kept.join('\n'),
    weights: bytesToBase64(new Uint8Array(i16.buffer)),
    prior: Array.from(b, (x, k) => avg(x, bsum[k])),
    unseen: new Array(NC).fill(0),
    bounds: opts.bounds ?? BOUNDS_LR,
  };
}
/** Bucket bounds of the logistic regression's log odds of a name. */
const BOUNDS_LR = [-4, -2.5, -1, 0, 1.5];

/** A loaded classifier. */
export class CharClassifier {
  private readonly index = new Map<string, number>();
  private readonly w: Int16Array;
  private readonly prior: readonly number[];
  private readonly unseen: readonly number[];
  private readonly bounds: readonly number[];
  private readonly gs: string[] = [];
  private readonly sc = new Float64Array(NC);
  /** the feature strings of the name types (then 'N', untyped), by type and bucket */
  private readonly names: string[] = [];

  constructor(j: CharClassJSON) {
    const grams = j.grams ? j.grams.split('\n') : [];
    for (let i = 0; i < grams.length; i++) this.index.set(grams[i], i);
    const b = base64ToBytes(j.weights);
    this.w = new Int16Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
    this.prior = j.prior;
    this.unseen = j.unseen;
    this.bounds = j.bounds;
    for (let t = 0; t < NC; t++) for (let k = 1; k < j.bounds.length; k++) this.names.push('cn=' + (t < NC - 1 ? CHAR_CLASSES[t] : 'N') + k);
  }

  /** Log scores (log prior + log likelihood, unnormalized) of each class for `stem` into `out` (CHAR_CLASSES order). */
  scores(stem: string, out: Float64Array = this.sc): Float64Array {
    const gs = charGrams(stem, this.gs);
    for (let k = 0; k < NC; k++) out[k] = this.prior[k] + gs.length * this.unseen[k];
    for (const g of gs) {
      const i = this.index.get(g);
      if (i === undefined) continue;
      for (let k = 0, o = i * NC; k < NC; k++) out[k] += this.w[o + k] / SCALE;
    }
    return out;
  }

  /** Posterior of each class for `stem` into `out` (CHAR_CLASSES order); returns the argmax. */
  posterior(stem: string, out: Float64Array = this.sc): number {
    this.scores(stem, out);
    let best = 0;
    for (let k = 1; k < NC; k++) if (out[k] > out[best]) best = k;
    let z = 0;
    const m = out[best];
    for (let k = 0; k < NC; k++) z += out[k] = Math.exp(out[k] - m);
    for (let k = 0; k < NC; k++) out[k] /= z;
    return best;
  }

  /** Log odds of a name (any of PER/LOC/ORG/MISC) against O, and the most likely name type (index), for `stem`. */
  nameOdds(stem: string): { odds: number; type: number } {
    const sc = this.scores(stem);
    let type = 0;
    for (let k = 1; k < NC - 1; k++) if (sc[k] > sc[type]) type = k;
    let z = 0;
    for (let k = 0; k < NC - 1; k++) z += Math.exp(sc[k] - sc[type]);
    return { odds: sc[type] + Math.log(z) - sc[NC - 1], type };
  }

  /** The feature of a stem: 'cn=O1' / 'cn=O2' when a name is unlikely, else 'cn=' + the most likely name type + its
   * confidence bucket (1 lowest); with `typed` false 'cn=N' + the bucket. */
  feature(stem: string, typed = true): string {
    const { odds, type } = this.nameOdds(stem);
    const b = this.bounds;
    if (odds < b[0]) return 'cn=O1';
    if (odds < b[1]) return 'cn=O2';
    let k = 2;
    while (k < b.length && odds >= b[k]) k++;
    return this.names[(typed ? type : NC - 1) * (b.length - 1) + k - 2];
  }
}
