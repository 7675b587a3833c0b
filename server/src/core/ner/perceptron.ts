/**
 * A language-agnostic sequence labeller: averaged structured perceptron over string features with first-order
 * (label bigram) transition weights and Viterbi decoding. Pure (no Node built-ins); used for Arabic and English NER.
 *
 * Why a perceptron and not a CRF: on ~100k tokens of training data the averaged perceptron reaches CRF accuracy
 * (Collins 2002), trains in seconds without a gradient optimizer, and its model is a plain weight table that
 * quantizes and prunes well, so the shipped model stays a few MB and decodes at hundreds of thousands of tokens/s.
 *
 * ## How to use
 * ```ts
 * import { train, PerceptronModel } from './perceptron';
 * const model = train(
 *   [{ features: [['w=قال', 'p1=ق'], ['w=لافروف', 'suf3=روف']], labels: ['O', 'B-PER'] }, ...],
 *   { epochs: 10, seed: 1, bio: true, minCount: 1 },
 * );
 * model.predict([['w=قال'], ['w=لافروف']]);        // -> ['O', 'B-PER']
 * const json = model.toJSON();                      // compact, JSON-serializable (quantized weights, base64)
 * const again = PerceptronModel.fromJSON(json);     // same predictions (up to quantization)
 * ```
 * - Features are opaque strings; put the template name in them (`'w-1=' + word`). Unknown features are ignored.
 * - `bio: true` (default) forbids `I-X` after anything but `B-X`/`I-X` (hard constraint in Viterbi), so output spans
 *   are always well formed. Labels are any strings; with `bio` they must be `O`, `B-TYPE` or `I-TYPE`, or the BILOU
 *   set (`U-TYPE` single-token, `L-TYPE` last token; use `bioToBilou`/`bilouToBio`), whose constraints apply as
 *   soon as an `L-`/`U-` label is present. BILOU usually tags better (Ratinov & Roth 2009).
 * - Hot path: `featureIds(strings)` turns one token's features into ids once (callers may cache them per word form),
 *   then `decode(ids[])` runs Viterbi on id arrays. `predict` does both.
 * - `spansFromBio(labels)` turns a label sequence into `{start, end, type}` token-index spans (end exclusive).
 * - Training may use passive-aggressive updates instead of the perceptron's (`update: 'pa'`, `C`, `costAugmented`;
 *   the Arabic model's, docs/ner.md); the model, its file and decoding are the same either way.
 * - A model read by `fromJSON` keeps its feature strings as the file's one joined string (`FeatureText`, no string
 *   per feature) and builds the string -> id map on first use
 *   (`featureId`, `featureIds`, `addFeatures`, `predict`); a caller with its own id tables (the Arabic tagger, via
 *   `forEachFeature`) never pays for it. `StringTable` is a compact string -> index table for such tables (and the
 *   English tagger's key table), `FrozenStringTable` a built-once one (its affix table); both also find a key given as
 *   pieces (`getJoined`, no string built).
 */

export interface TrainSentence {
  /** One array of feature strings per token. */
  features: string[][];
  /** One label per token. */
  labels: string[];
  /**
   * Edge codes per token (with TrainOptions.edgeCount): token i's transition from label p to label t scores
   * trans[p][t] + the sum over its codes e of edge[e][p][t] (p = the start row at token 0). Codes are in [0, edgeCount).
   */
  edges?: readonly (readonly number[])[];
}

/**
 * Edge codes of a sentence for decoding: token i's codes are codes[i * k, i * k + k), negative entries none (see
 * TrainSentence.edges).
 */
export interface EdgeCodes {
  k: number;
  codes: Int32Array;
}

export interface TrainOptions {
  /** Passes over the data (default 10). */
  epochs?: number;
  /** Shuffle seed (default 1). */
  seed?: number;
  /** Enforce BIO well-formedness in decoding (default true). */
  bio?: boolean;
  /** Drop features seen fewer than this many times in training (default 1 = keep all). */
  minCount?: number;
  /** Train this many models with different shuffle seeds and average them (default 1; less variance). */
  bags?: number;
  /**
   * Update rule (default 'perceptron': +1/-1 per feature of a wrong token). 'pa': cost-sensitive passive-aggressive
   * (PA-I, Crammer et al. 2006) over the whole sequence: step min(C, (loss - margin) / ||phi(gold) - phi(pred)||^2),
   * loss = the Hamming distance of the two label sequences. 'pa2': PA-II, step (loss - margin) / (||dphi||^2 + 1/(2C)).
   * Training only: the model is the same kind of table.
   */
  update?: 'perceptron' | 'pa' | 'pa2';
  /** PA aggressiveness C (the largest step; default 0.1). */
  C?: number;
  /** PA: decode with the cost added (every label but the gold one scores +cost per token) when looking for the update. */
  costAugmented?: boolean;
  /** PA: the cost of a wrong label on a token whose gold label is not 'O' (default 1; a wrong label on an 'O' token costs 1). */
  entityCost?: number;
  /** With bags > 1: each bag trains on a bootstrap sample of the sentences (drawn with replacement; default false). */
  bootstrap?: boolean;
  /** Number of edge codes (TrainSentence.edges; default 0: transitions are label bigrams only). */
  edgeCount?: number;
  /** Called after each epoch with the number of token errors made during that epoch. */
  onEpoch?: (epoch: number, errors: number, tokens: number) => void;
}

/** The serialized model (see `toJSON`). Weights are int16 quantized, dense per kept feature, base64. */
export interface PerceptronJSON {
  format: 'article-lens-perceptron';
  version: 1;
  labels: string[];
  bio: boolean;
  /** Multiply stored integers by this to get weights. */
  scale: number;
  /** Feature strings joined by '\n', in id order. */
  features: string;
  /** base64 of Int16Array(features.length * labels.length). */
  weights: string;
  /** (labels+1) x labels transition weights (row labels.length = sentence start), unquantized. */
  transitions: number[];
  /** With edge codes only: their number E, and E x (labels+1) x labels weights laid out as `transitions`. */
  edgeCount?: number;
  edges?: number[];
}

export interface LabelSpan {
  start: number;
  end: number;
  type: string;
}

/** Token-index spans of a BIO or BILOU label sequence (a stray I-X opens a span). */
export function spansFromBio(labels: readonly string[]): LabelSpan[] {
  const out: LabelSpan[] = [];
  let cur: LabelSpan | undefined;
  for (let i = 0; i < labels.length; i++) {
    const l = labels[i];
    if (l === 'O' || l.length < 2) {
      cur = undefined;
      continue;
    }
    const type = l.slice(2);
    const c0 = l.charCodeAt(0);
    if ((c0 === 73 /* I */ || c0 === 76) /* L */ && cur && cur.type === type) {
      cur.end = i + 1;
      continue;
    }
    cur = { start: i, end: i + 1, type };
    out.push(cur);
  }
  return out;
}

function allowedMatrix(labels: readonly string[], bio: boolean): Uint8Array {
  const T = labels.length;
  const ok = new Uint8Array((T + 1) * T).fill(1);
  if (!bio) return ok;
  // BIO, or BILOU when the label set has L-/U- labels: an entity continues (I-X, L-X) only after B-X or I-X, and
  // in BILOU an open entity (B-X, I-X) must continue, and nothing else may follow it.
  const bilou = labels.some((l) => l.startsWith('L-') || l.startsWith('U-'));
  const open = (l: string) => l.startsWith('B-') || (l.startsWith('I-') && bilou);
  for (let p = 0; p <= T; p++) {
    const prev = p < T ? labels[p] : 'O';
    for (let t = 0; t < T; t++) {
      const l = labels[t];
      const cont = l.startsWith('I-') || l.startsWith('L-');
      const prevOpenSame = (prev.startsWith('B-') || prev.startsWith('I-')) && prev.slice(2) === l.slice(2);
      if (cont && !prevOpenSame) ok[p * T + t] = 0;
      if (bilou && open(prev) && !(cont && prev.slice(2) === l.slice(2))) ok[p * T + t] = 0;
    }
  }
  return ok;
}

/** IOB2 -> BILOU (B-X I-X I-X -> B-X I-X L-X; a lone B-X -> U-X). */
export function bioToBilou(labels: readonly string[]): string[] {
  return labels.map((l, i) => {
    if (l === 'O') return l;
    const next = labels[i + 1];
    const continues = next !== undefined && next.startsWith('I-') && next.slice(2) === l.slice(2);
    if (l.startsWith('B-')) return continues ? l : 'U-' + l.slice(2);
    return continues ? l : 'L-' + l.slice(2);
  });
}

/** BILOU -> IOB2. */
export function bilouToBio(labels: readonly string[]): string[] {
  return labels.map((l) => (l.startsWith('U-') ? 'B-' + l.slice(2) : l.startsWith('L-') ? 'I-' + l.slice(2) : l));
}

/**
 * A string -> small integer table (open addressing, FNV-1a over UTF-16 units, linear probing): get/add without the
 * engine's per-string hash call and with a compact probe array (hash and value side by side; the key string is read
 * only when the hash matches), for hot lookups of freshly built strings (feature strings, word forms). Values are the
 * insertion order (0, 1, 2, ...); `clear` empties it.
 */
export class StringTable {
  private keys: (string | undefined)[];
  /** [2i] hash, [2i + 1] value (-1 = empty slot) */
  private slots: Int32Array;
  private mask: number;
  private n = 0;

  constructor(expected = 16) {
    let size = 16;
    while (size < 2 * expected) size <<= 1;
    this.keys = new Array<string | undefined>(size).fill(undefined);
    this.slots = new Int32Array(2 * size).fill(-1);
    this.mask = size - 1;
  }

  get size(): number {
    return this.n;
  }

  static hash(s: string): number {
    let h = 0x811c9dc5 | 0;
    for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
    return h;
  }

  /** FNV-1a (as `hash`) continued over s[from, to): hash(a + b) = hashFrom(hash(a), b, 0, b.length). */
  static hashFrom(h: number, s: string, from: number, to: number): number {
    for (let i = from; i < to; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
    return h;
  }

  /** The value of `s`, or -1. */
  get(s: string): number {
    const h = StringTable.hash(s);
    const slots = this.slots;
    const mask = this.mask;
    for (let i = h & mask; ; i = (i + 1) & mask) {
      const v = slots[2 * i + 1];
      if (v < 0) return -1;
      if (slots[2 * i] === h && this.keys[i] === s) return v;
    }
  }

  /**
   * The value of the string p + s[from, to), or -1, without building it: `h` is its hash
   * (StringTable.hashFrom(StringTable.hash(p), s, from, to)).
   */
  getJoined(h: number, p: string, s: string, from: number, to: number): number {
    const slots = this.slots;
    const mask = this.mask;
    const pl = p.length;
    const len = pl + to - from;
    for (let i = h & mask; ; i = (i + 1) & mask) {
      const v = slots[2 * i + 1];
      if (v < 0) return -1;
      if (slots[2 * i] !== h) continue;
      const k = this.keys[i]!;
      if (k.length !== len) continue;
      let j = 0;
      while (j < pl && k.charCodeAt(j) === p.charCodeAt(j)) j++;
      while (j < len && k.charCodeAt(j) === s.charCodeAt(from + j - pl)) j++;
      if (j === len) return v;
    }
  }

  /** The value of `s`, added (as `size`) when absent. */
  add(s: string): number {
    const h = StringTable.hash(s);
    const slots = this.slots;
    const mask = this.mask;
    for (let i = h & mask; ; i = (i + 1) & mask) {
      const v = slots[2 * i + 1];
      if (v < 0) {
        const nv = this.n++;
        this.keys[i] = s;
        slots[2 * i] = h;
        slots[2 * i + 1] = nv;
        if (2 * this.n > mask + 1) this.rehash(2 * (mask + 1));
        return nv;
      }
      if (slots[2 * i] === h && this.keys[i] === s) return v;
    }
  }

  clear(): void {
    this.keys.fill(undefined);
    this.slots.fill(-1);
    this.n = 0;
  }

  private rehash(size: number): void {
    const keys = this.keys;
    const old = this.slots;
    this.keys = new Array<string | undefined>(size).fill(undefined);
    this.slots = new Int32Array(2 * size).fill(-1);
    this.mask = size - 1;
    for (let j = 0; j < keys.length; j++) {
      if (old[2 * j + 1] < 0) continue;
      let i = old[2 * j] & this.mask;
      while (this.slots[2 * i + 1] >= 0) i = (i + 1) & this.mask;
      this.keys[i] = keys[j];
      this.slots[2 * i] = old[2 * j];
      this.slots[2 * i + 1] = old[2 * j + 1];
    }
  }
}

/**
 * A StringTable built once from distinct keys (values 0..n-1 in their order) that keeps the keys' characters in one
 * joined string: a key is verified against the run of that string its slot names, not through a separate string
 * object per key (fewer memory accesses per lookup that finds its key: the Arabic tagger's base features).
 */
export class FrozenStringTable {
  private readonly pool: string;
  /**
   * 4 per slot: [4i] hash, [4i + 1] value (-1 = empty slot), [4i + 2] start of the key in `pool`, [4i + 3] its length:
   * a probe reads one 16-byte entry and then the pool (the key's place is not read from a separate array: one
   * processor-cache miss fewer per lookup).
   */
  private readonly slots: Int32Array;
  private readonly mask: number;
  readonly size: number;

  /** `keys` must be distinct. */
  constructor(keys: readonly string[]) {
    this.size = keys.length;
    this.pool = keys.join('');
    let size = 16;
    while (size < 2 * keys.length) size <<= 1;
    this.slots = new Int32Array(4 * size).fill(-1);
    this.mask = size - 1;
    for (let v = 0, at = 0; v < keys.length; v++) {
      const h = StringTable.hash(keys[v]);
      let i = h & this.mask;
      while (this.slots[4 * i + 1] >= 0) i = (i + 1) & this.mask;
      this.slots[4 * i] = h;
      this.slots[4 * i + 1] = v;
      this.slots[4 * i + 2] = at;
      this.slots[4 * i + 3] = keys[v].length;
      at += keys[v].length;
    }
  }

  /** The value of `s`, or -1. */
  get(s: string): number {
    return this.getJoined(StringTable.hash(s), '', s, 0, s.length);
  }

  /**
   * The value of the string p + s[from, to), or -1, without building it: `h` is its hash
   * (StringTable.hashFrom(StringTable.hash(p), s, from, to)).
   */
  getJoined(h: number, p: string, s: string, from: number, to: number): number {
    const slots = this.slots;
    const mask = this.mask;
    const pool = this.pool;
    const pl = p.length;
    const len = pl + to - from;
    for (let i = h & mask; ; i = (i + 1) & mask) {
      const e = 4 * i;
      const v = slots[e + 1];
      if (v < 0) return -1;
      if (slots[e] !== h || slots[e + 3] !== len) continue;
      const a = slots[e + 2];
      let j = 0;
      while (j < pl && pool.charCodeAt(a + j) === p.charCodeAt(j)) j++;
      if (j < pl) continue;
      while (j < len && pool.charCodeAt(a + j) === s.charCodeAt(from + j - pl)) j++;
      if (j === len) return v;
    }
  }
}

/**
 * A model file's feature strings as the one string that lists them (PerceptronJSON.features, joined by '\n'), read
 * one feature at a time: a loaded model that is never asked for a feature by name (the Arabic tagger builds its own
 * tables through forEachFeature) holds no string per feature (Arabic model: ~6 MB less heap per loaded tagger than
 * the split list).
 */
export class FeatureText {
  readonly count: number;

  constructor(readonly text: string) {
    let n = text.length ? 1 : 0;
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
    this.count = n;
  }

  /** The features in id order (as `text.split('\n')` lists them). */
  forEach(fn: (feature: string, id: number) => void): void {
    const t = this.text;
    let a = 0;
    for (let i = 0; i < this.count; i++) {
      let b = t.indexOf('\n', a);
      if (b < 0) b = t.length;
      fn(t.slice(a, b), i);
      a = b + 1;
    }
  }
}

/** The most distinct lists of edge codes whose transitions a model keeps (PerceptronModel.combine; ~0.8 kB each with 9 labels). */
const COMB_LIMIT = 4096;

export class PerceptronModel {
  readonly labels: readonly string[];
  readonly bio: boolean;
  /** Number of labels. */
  readonly T: number;
  /** Feature string -> id; built on first use when the model came with its file's feature text (fromJSON). */
  private idMap?: Map<string, number>;
  /** The model file's feature strings in id order (fromJSON), until idMap is built. */
  private names?: FeatureText;
  /** nFeatures x T emission weights. */
  private readonly w: Float32Array;
  /** (T+1) x T transitions; row T = start. Disallowed moves are -Infinity. */
  private readonly trans: Float64Array;
  /**
   * Edge weights: edgeCount x (T+1) x T, code e's matrix at e * (T+1) * T laid out as `trans` (not masked: a
   * disallowed move stays -Infinity in the sum). Empty without edge codes.
   */
  private readonly edge: Float64Array;
  /** Number of edge codes (0: transitions are label bigrams only). */
  readonly edgeCount: number;
  /** Labels a sentence may end with (BILOU: not B-/I-). */
  private readonly endOk: Uint8Array;
  /** Allowed predecessors of each label, ascending: preds[predAt[t] .. predAt[t + 1]) (Viterbi skips the others). */
  private readonly preds: Int32Array;
  private readonly predAt: Int32Array;
  /**
   * Over the labels every label may precede (full predecessor lists): the largest transition into one of them (maxA),
   * and per predecessor p the smallest transition from p into one of them (minA[p]); cand: decodeScores' scratch.
   */
  private maxA = -Infinity;
  private readonly minA: Float64Array;
  private readonly cand: Int32Array;
  /**
   * Transitions of tokens with edge codes, per distinct list of codes (combine): entry j's (T+1) x T matrix, minA and
   * maxA over it; entry 0 is scratch for a list not kept (past COMB_LIMIT entries). combKey: the list's key -> entry.
   */
  private readonly combTr: Float64Array[] = [];
  private readonly combMin: Float64Array[] = [];
  private readonly combMax: number[] = [];
  private readonly combKey = new Map<number, number>();
  /** Viterbi scratch for decode/decodeScores (reused; every cell read is written first in the same call). */
  private vPrev: Float64Array;
  private vCur: Float64Array;
  private vBp = new Int32Array(0);
  /** Emission scores of `decode` (n x T), reused across calls. */
  private emScratch = new Float64Array(0);
  /** featureIds scratch (reused; the result is a copy). */
  private idScratch = new Int32Array(64);

  /** `ids`: feature string -> id, or a model file's feature strings in id order (the map is then built when first needed). */
  constructor(labels: readonly string[], bio: boolean, ids: Map<string, number> | FeatureText, w: Float32Array, trans: Float64Array, edge?: Float64Array) {
    this.labels = labels;
    this.bio = bio;
    this.T = labels.length;
    if (ids instanceof Map) this.idMap = ids;
    else this.names = ids;
    this.w = w;
    const ok = allowedMatrix(labels, bio);
    this.trans = new Float64Array(trans.length);
    for (let k = 0; k < trans.length; k++) this.trans[k] = ok[k] ? trans[k] : -Infinity;
    const bilou = bio && labels.some((l) => l.startsWith('L-') || l.startsWith('U-'));
    this.endOk = Uint8Array.from(labels, (l) => (bilou && (l.startsWith('B-') || l.startsWith('I-')) ? 0 : 1));
    const T = this.T;
    const preds: number[] = [];
    this.predAt = new Int32Array(T + 1);
    for (let t = 0; t < T; t++) {
      this.predAt[t] = preds.length;
      for (let p = 0; p < T; p++) if (ok[p * T + t]) preds.push(p);
    }
    this.predAt[T] = preds.length;
    this.preds = Int32Array.from(preds);
    this.vPrev = new Float64Array(this.T);
    this.vCur = new Float64Array(this.T);
    this.minA = new Float64Array(T);
    this.setBounds();
    this.cand = new Int32Array(T);
    // (kept, not copied: training updates it through this reference)
    this.edge = edge ?? new Float64Array(0);
    this.edgeCount = this.edge.length / ((T + 1) * T);
    if (!Number.isInteger(this.edgeCount)) throw new Error(`edge weights do not match labels (${this.edge.length} vs n x ${T + 1}x${T})`);
    if (this.edgeCount) this.newComb();
  }

  private newComb(): number {
    this.combTr.push(new Float64Array((this.T + 1) * this.T));
    this.combMin.push(new Float64Array(this.T));
    this.combMax.push(-Infinity);
    return this.combTr.length - 1;
  }

  /** decodeScores' bounds for the labels every label may precede (see there), over the current transitions. */
  private setBounds(): void {
    this.maxA = this.boundsOf(this.trans, this.minA);
  }

  /**
   * decodeScores' bounds over a (T+1) x T matrix: for the labels every label may precede, minA[p] = the smallest
   * transition from p into one of them (written into minA); returns the largest transition into one of them (maxA).
   */
  private boundsOf(tr: Float64Array, minA: Float64Array): number {
    const T = this.T;
    let maxA = -Infinity;
    minA.fill(Infinity);
    for (let t = 0; t < T; t++) {
      if (this.predAt[t + 1] - this.predAt[t] !== T) continue;
      for (let p = 0; p < T; p++) {
        const x = tr[p * T + t];
        if (x > maxA) maxA = x;
        if (x < minA[p]) minA[p] = x;
      }
    }
    return maxA;
  }

  /**
   * Training calls this after changing the transition or edge weights in place: the predecessor-skipping bounds are
   * recomputed and the combined transitions of edge codes forgotten (stale bounds would skip predecessors that can win).
   */
  transitionsChanged(): void {
    this.setBounds();
    this.combKey.clear();
  }

  /** Feature string -> id (built from the feature text on first use). */
  private get ids(): Map<string, number> {
    if (!this.idMap) {
      const m = new Map<string, number>();
      this.names!.forEach((f, i) => m.set(f, i));
      this.idMap = m;
      this.names = undefined;
    }
    return this.idMap;
  }

  get featureCount(): number {
    return this.names ? this.names.count : this.ids.size;
  }

  /** The emission weights (nFeatures x T, row `id` at id * T). Read only: for callers that sum rows themselves. */
  get weights(): Float32Array {
    return this.w;
  }

  /** The id of a feature string, or -1 when the model does not know it. */
  featureId(f: string): number {
    const i = this.ids.get(f);
    return i === undefined ? -1 : i;
  }

  /** Calls `fn` for every feature the model knows, with its id (to build derived id tables at load time). */
  forEachFeature(fn: (feature: string, id: number) => void): void {
    if (this.names) this.names.forEach(fn);
    else for (const [f, i] of this.ids) fn(f, i);
  }

  /** Known feature ids of one token's features (unknown ones dropped). */
  featureIds(fs: readonly string[]): Int32Array {
    if (this.idScratch.length < fs.length) this.idScratch = new Int32Array(Math.max(fs.length, 2 * this.idScratch.length));
    const tmp = this.idScratch;
    const ids = this.ids;
    let k = 0;
    for (let a = 0; a < fs.length; a++) {
      const i = ids.get(fs[a]);
      if (i !== undefined) tmp[k++] = i;
    }
    return tmp.slice(0, k);
  }

  /**
   * Viterbi over tokens given as feature-id lists. Each token may be several id arrays (e.g. cached per-word
   * parts plus context parts); they are summed. Returns label indices.
   */
  decode(tokens: readonly (readonly Int32Array[])[], edges?: EdgeCodes): Int32Array {
    const n = tokens.length;
    const T = this.T;
    if (this.emScratch.length < n * T) this.emScratch = new Float64Array(Math.max(n * T, 2 * this.emScratch.length));
    const em = this.emScratch;
    em.fill(0, 0, n * T);
    for (let i = 0; i < n; i++) for (const arr of tokens[i]) this.addEmission(arr, em, i * T);
    return this.decodeScores(em, n, edges);
  }

  /**
   * Add the weights of the known features among `fs` into `out` (length T, at offset `at`), in the order given:
   * the same sums as `addEmission(featureIds(fs), out, at)` without allocating an id array.
   */
  addFeatures(fs: readonly string[], out: Float64Array | Float32Array, at = 0): void {
    const T = this.T;
    const w = this.w;
    const ids = this.ids;
    for (let k = 0; k < fs.length; k++) {
      const i = ids.get(fs[k]);
      if (i === undefined) continue;
      const b = i * T;
      for (let t = 0; t < T; t++) out[at + t] += w[b + t];
    }
  }

  /** Add the weights of feature `id` (ignored when negative) into `out` (length T, at offset `at`). */
  addRow(id: number, out: Float64Array | Float32Array, at = 0): void {
    if (id < 0) return;
    const T = this.T;
    const w = this.w;
    const b = id * T;
    if (T === 9) {
      // (the English models' nine labels: the same additions, unrolled)
      out[at] += w[b];
      out[at + 1] += w[b + 1];
      out[at + 2] += w[b + 2];
      out[at + 3] += w[b + 3];
      out[at + 4] += w[b + 4];
      out[at + 5] += w[b + 5];
      out[at + 6] += w[b + 6];
      out[at + 7] += w[b + 7];
      out[at + 8] += w[b + 8];
      return;
    }
    for (let t = 0; t < T; t++) out[at + t] += w[b + t];
  }

  /** Add the weights of `ids` into `out` (length T, at offset `at`). */
  addEmission(ids: Int32Array, out: Float64Array | Float32Array, at = 0): void {
    const T = this.T;
    const w = this.w;
    for (let a = 0; a < ids.length; a++) {
      const b = ids[a] * T;
      for (let t = 0; t < T; t++) out[at + t] += w[b + t];
    }
  }

  /** Viterbi on precomputed emission scores (n x T, row-major). Returns label indices. */
  decodeScores(em: Float64Array, n: number, edges?: EdgeCodes): Int32Array {
    return this.decodeInto(em, n, new Int32Array(n), edges);
  }

  /** `decodeScores` writing the label indices into `out[0, n)` (a caller's buffer, no array per sentence); returns `out`. */
  decodeInto(em: Float64Array, n: number, out: Int32Array, edges?: EdgeCodes): Int32Array {
    const T = this.T;
    if (n === 0) return out;
    const trans = this.trans;
    // with edge codes (a model trained with them): a token with codes moves by its own transitions (combine)
    const ek = edges && this.edgeCount ? edges.k : 0;
    // Scratch buffers reused across calls (instance-level; decodeScores is not re-entrant, JS is single-threaded).
    let prev = this.vPrev;
    let cur = this.vCur;
    if (this.vBp.length < n * T) this.vBp = new Int32Array(Math.max(n * T, 2 * this.vBp.length));
    const bp = this.vBp;
    const c0 = ek ? this.combine(edges!, 0) : -1;
    const start = c0 >= 0 ? this.combTr[c0] : trans;
    for (let t = 0; t < T; t++) prev[t] = em[t] + start[T * T + t];
    // Only allowed moves are tried (a disallowed one scores -Infinity and never wins: the same path as trying all).
    const preds = this.preds;
    const predAt = this.predAt;
    const cand = this.cand;
    const maxT = this.maxA;
    const minT = this.minA;
    for (let i = 1; i < n; i++) {
      const o = i * T;
      let tr = trans;
      let maxA = maxT;
      let minA = minT;
      if (ek) {
        // the token's own transitions, with the bounds below recomputed over them (the argument holds for any matrix)
        const c = this.combine(edges!, i);
        if (c >= 0) {
          tr = this.combTr[c];
          maxA = this.combMax[c];
          minA = this.combMin[c];
        }
      }
      // For a label t every label may precede, a predecessor p whose score plus the largest such transition (maxA) is
      // below the score of the best previous label P plus its smallest such transition (minA[P]) cannot win: rounding
      // is monotonic, so prev[p] + trans[p t] <= prev[p] + maxA < prev[P] + minA[P] <= prev[P] + trans[P t]. The
      // others (cand, nc of them) are tried in ascending order as before, so the same predecessor wins (the first of
      // equal scores).
      let P = 0;
      for (let p = 1; p < T; p++) if (prev[p] > prev[P]) P = p;
      const low = prev[P] + minA[P];
      let nc = 0;
      for (let p = 0; p < T; p++) if (!(prev[p] + maxA < low)) cand[nc++] = p;
      for (let t = 0; t < T; t++) {
        let best = -Infinity;
        let bi = 0;
        const qa = predAt[t];
        const qe = predAt[t + 1];
        if (qe - qa === T && nc < T) {
          // every label may precede t: the candidates only
          for (let q = 0; q < nc; q++) {
            const p = cand[q];
            const v = prev[p] + tr[p * T + t];
            if (v > best) {
              best = v;
              bi = p;
            }
          }
        } else if (qe - qa === T) {
          // every label may precede t (preds is 0 .. T - 1): no index read per predecessor
          for (let p = 0; p < T; p++) {
            const v = prev[p] + tr[p * T + t];
            if (v > best) {
              best = v;
              bi = p;
            }
          }
        } else
          for (let q = qa; q < qe; q++) {
            const p = preds[q];
            const v = prev[p] + tr[p * T + t];
            if (v > best) {
              best = v;
              bi = p;
            }
          }
        cur[t] = best + em[o + t];
        bp[o + t] = bi;
      }
      const x = prev;
      prev = cur;
      cur = x;
    }
    let best = -Infinity;
    let bi = 0;
    for (let t = 0; t < T; t++) {
      if (this.endOk[t] && prev[t] > best) {
        best = prev[t];
        bi = t;
      }
    }
    for (let i = n - 1; i >= 0; i--) {
      out[i] = bi;
      bi = bp[i * T + bi];
    }
    return out;
  }

  /**
   * The entry of combTr/combMin/combMax holding token i's transitions (trans plus the edge weights of its codes, in
   * code order) and decodeInto's bounds over them, or -1 when the token has no code (it moves by `trans`). Tokens
   * with the same codes in the same order share an entry (the same sums in the same order).
   */
  private combine(edges: EdgeCodes, i: number): number {
    const T = this.T;
    const S = (T + 1) * T;
    const k = edges.k;
    const codes = edges.codes;
    const E = this.edgeCount;
    let key = 0;
    let any = false;
    for (let a = i * k; a < i * k + k; a++) {
      const c = codes[a];
      if (c >= E) throw new Error(`edge code ${c} out of range (${E})`);
      if (c >= 0) any = true;
      key = key * (E + 1) + (c < 0 ? 0 : c + 1);
    }
    if (!any) return -1;
    // (a key past 2^53 may collide: not kept)
    const exact = key <= Number.MAX_SAFE_INTEGER;
    if (exact) {
      const j = this.combKey.get(key);
      if (j !== undefined) return j;
    }
    let j = 0;
    if (exact && this.combKey.size < COMB_LIMIT) {
      j = this.combKey.size + 1;
      if (j >= this.combTr.length) this.newComb();
      this.combKey.set(key, j);
    }
    const comb = this.combTr[j];
    const edge = this.edge;
    comb.set(this.trans);
    for (let a = i * k; a < i * k + k; a++) {
      const c = codes[a];
      if (c < 0) continue;
      const b = c * S;
      for (let x = 0; x < S; x++) comb[x] += edge[b + x];
    }
    this.combMax[j] = this.boundsOf(comb, this.combMin[j]);
    return j;
  }

  /** Labels of one sentence given each token's feature strings (and edge codes, TrainSentence.edges). */
  predict(features: readonly (readonly string[])[], edges?: readonly (readonly number[])[]): string[] {
    const ids = features.map((fs) => [this.featureIds(fs)]);
    return Array.from(this.decode(ids, edges ? edgeCodesOf(edges) : undefined), (t) => this.labels[t]);
  }

  /**
   * Compact JSON: weights quantized to int16; features whose largest absolute weight is below `prune` (default 0:
   * only all-zero features) are dropped (smaller file, faster load; measure the cost with eval).
   */
  toJSON(prune = 0): PerceptronJSON {
    const T = this.T;
    let max = 0;
    for (let k = 0; k < this.w.length; k++) max = Math.max(max, Math.abs(this.w[k]));
    const scale = max > 0 ? max / 32767 : 1;
    const keptNames: string[] = [];
    const q: number[] = [];
    for (const [name, id] of this.ids) {
      let any = false;
      const row: number[] = [];
      for (let t = 0; t < T; t++) {
        const x = this.w[id * T + t];
        const v = Math.round(x / scale);
        row.push(v);
        if (v !== 0 && Math.abs(x) >= prune) any = true;
      }
      if (!any) continue;
      keptNames.push(name);
      for (const v of row) q.push(v);
    }
    const i16 = Int16Array.from(q);
    // transitions and edge weights to 4 decimals (a disallowed move's -Infinity as 0)
    const round4 = (x: number) => (Number.isFinite(x) ? Math.round(x * 1e4) / 1e4 : 0);
    const transitions = Array.from(this.trans, round4);
    const j: PerceptronJSON = {
      format: 'article-lens-perceptron',
      version: 1,
      labels: [...this.labels],
      bio: this.bio,
      scale,
      features: keptNames.join('\n'),
      weights: bytesToBase64(new Uint8Array(i16.buffer, i16.byteOffset, i16.byteLength)),
      transitions,
    };
    if (this.edgeCount) {
      // (only then: a model without edge codes writes the same file as before they existed)
      j.edgeCount = this.edgeCount;
      j.edges = Array.from(this.edge, round4);
    }
    return j;
  }

  static fromJSON(j: PerceptronJSON): PerceptronModel {
    if (!j || j.format !== 'article-lens-perceptron' || j.version !== 1) throw new Error('not an article-lens perceptron model (format/version)');
    const T = j.labels.length;
    const names = new FeatureText(j.features);
    const bytes = base64ToBytes(j.weights);
    const i16 = new Int16Array(bytes.buffer, bytes.byteOffset, bytes.byteLength >> 1);
    if (i16.length !== names.count * T) throw new Error(`model weights do not match features (${i16.length} vs ${names.count}x${T})`);
    const w = new Float32Array(i16.length);
    for (let k = 0; k < i16.length; k++) w[k] = i16[k] * j.scale;
    let edge: Float64Array | undefined;
    if (j.edgeCount) {
      if (!j.edges || j.edges.length !== j.edgeCount * (T + 1) * T) throw new Error(`model edge weights do not match (${j.edges?.length} vs ${j.edgeCount}x${T + 1}x${T})`);
      edge = Float64Array.from(j.edges);
    }
    return new PerceptronModel(j.labels, j.bio, names, w, Float64Array.from(j.transitions), edge);
  }
}

/** A sentence's edge codes per token (TrainSentence.edges) as decodeInto reads them (k: the most codes of a token). */
export function edgeCodesOf(edges: readonly (readonly number[])[]): EdgeCodes {
  let k = 0;
  for (const e of edges) k = Math.max(k, e.length);
  const codes = new Int32Array(edges.length * k).fill(-1);
  edges.forEach((e, i) => codes.set(e, i * k));
  return { k, codes };
}

/** Train an averaged perceptron (or `bags` of them, averaged). Deterministic for a given seed. */
export function train(sentences: readonly TrainSentence[], opts: TrainOptions = {}): PerceptronModel {
  const bags = opts.bags ?? 1;
  if (bags <= 1) return train1(sentences, opts);
  const models: PerceptronModel[] = [];
  for (let b = 0; b < bags; b++) {
    const seed = (opts.seed ?? 1) + 7919 * b;
    models.push(train1(opts.bootstrap ? bootstrapSample(sentences, seed) : sentences, { ...opts, seed }));
  }
  return averageModels(models);
}

/**
 * Shuffle `a` in place (Fisher-Yates, from the end, drawing with the LCG r -> (r 1103515245 + 12345) mod 2^31 from
 * state `r`); returns the state after (a later shuffle continues the sequence). Deterministic for a state.
 */
export function shuffle<X>(a: X[], r: number): number {
  for (let i = a.length - 1; i > 0; i--) {
    r = (Math.imul(r, 1103515245) + 12345) & 0x7fffffff;
    const j = r % (i + 1);
    const x = a[i];
    a[i] = a[j];
    a[j] = x;
  }
  return r;
}

/** `sentences.length` sentences drawn with replacement (a bag's bootstrap sample; deterministic for a seed). */
function bootstrapSample(sentences: readonly TrainSentence[], seed: number): TrainSentence[] {
  let r = seed ^ 0x5bd1e995;
  const sample: TrainSentence[] = [];
  for (let i = 0; i < sentences.length; i++) {
    r = (Math.imul(r, 1103515245) + 12345) & 0x7fffffff;
    sample.push(sentences[r % sentences.length]);
  }
  return sample;
}

/**
 * The mean of models trained on the same labels (e.g. bags with different data splits): features are matched by
 * string (a feature missing from a model counts as zero there), transitions averaged. Deterministic: features in the
 * order the models list them.
 */
export function averageModels(models: readonly PerceptronModel[]): PerceptronModel {
  const first = models[0];
  const T = first.T;
  for (const m of models) if (m.labels.join('\n') !== first.labels.join('\n')) throw new Error('averageModels: the models have different labels');
  const ids = new Map<string, number>();
  for (const m of models) m.forEachFeature((f) => {
    if (!ids.has(f)) ids.set(f, ids.size);
  });
  const n = models.length;
  const w = new Float32Array(ids.size * T);
  for (const m of models) {
    const mw = m.weights;
    m.forEachFeature((f, id) => {
      const d = ids.get(f)! * T;
      for (let t = 0; t < T; t++) w[d + t] += mw[id * T + t] / n;
    });
  }
  const tr = new Float64Array((T + 1) * T);
  for (const m of models) {
    const x = (m as unknown as { trans: Float64Array }).trans;
    for (let k = 0; k < tr.length; k++) tr[k] += Number.isFinite(x[k]) ? x[k] / n : 0;
  }
  for (const m of models) if (m.edgeCount !== first.edgeCount) throw new Error('averageModels: the models have different edge codes');
  let ed: Float64Array | undefined;
  if (first.edgeCount) {
    ed = new Float64Array(first.edgeCount * (T + 1) * T);
    for (const m of models) {
      const x = (m as unknown as { edge: Float64Array }).edge;
      for (let k = 0; k < ed.length; k++) ed[k] += x[k] / n;
    }
  }
  return new PerceptronModel(first.labels, first.bio, ids, w, tr, ed);
}

function train1(sentences: readonly TrainSentence[], opts: TrainOptions): PerceptronModel {
  const epochs = opts.epochs ?? 10;
  const bio = opts.bio ?? true;
  const minCount = opts.minCount ?? 1;
  // Labels: O first, then sorted.
  const labelSet = new Set<string>();
  for (const s of sentences) for (const l of s.labels) labelSet.add(l);
  labelSet.delete('O');
  const labels = ['O', ...[...labelSet].sort((a, b) => (a.slice(2) === b.slice(2) ? a.localeCompare(b) : a.slice(2).localeCompare(b.slice(2))))];
  const T = labels.length;
  const lab = new Map(labels.map((l, i) => [l, i]));
  // Feature ids (with a count cut-off).
  const counts = new Map<string, number>();
  if (minCount > 1) for (const s of sentences) for (const fs of s.features) for (const f of fs) counts.set(f, (counts.get(f) ?? 0) + 1);
  const ids = new Map<string, number>();
  const E = opts.edgeCount ?? 0;
  const S = (T + 1) * T;
  const data = sentences.map((s) => {
    const y = Int32Array.from(s.labels, (l) => lab.get(l)!);
    const x = s.features.map((fs) => {
      const arr: number[] = [];
      for (const f of fs) {
        if (minCount > 1 && (counts.get(f) ?? 0) < minCount) continue;
        let id = ids.get(f);
        if (id === undefined) {
          id = ids.size;
          ids.set(f, id);
        }
        arr.push(id);
      }
      return [Int32Array.from(arr)];
    });
    return { x, y, e: E && s.edges ? edgeCodesOf(s.edges) : undefined };
  });
  const nF = ids.size;
  const w = new Float32Array(nF * T);
  const tot = new Float64Array(nF * T);
  const ts = new Float64Array(nF * T);
  const tr = new Float64Array((T + 1) * T);
  const trTot = new Float64Array((T + 1) * T);
  const trTs = new Float64Array((T + 1) * T);
  // edge weights (opts.edgeCount codes x S): averaged as the transitions; the model reads `ed` itself
  const ed = new Float64Array(E * S);
  const edTot = new Float64Array(E * S);
  const edTs = new Float64Array(E * S);
  let step = 0;
  const model = new PerceptronModel(labels, bio, ids, w, tr, ed);
  // The model copies transitions (with -Infinity masks); we update its private copy through this view.
  const mtr = (model as unknown as { trans: Float64Array }).trans;
  const ok = allowedMatrix(labels, bio);
  const upd = (k: number, d: number) => {
    tot[k] += (step - ts[k]) * w[k];
    ts[k] = step;
    w[k] += d;
  };
  const updT = (k: number, d: number) => {
    trTot[k] += (step - trTs[k]) * tr[k];
    trTs[k] = step;
    tr[k] += d;
    if (ok[k]) mtr[k] = tr[k];
  };
  const updE = (k: number, d: number) => {
    edTot[k] += (step - edTs[k]) * ed[k];
    edTs[k] = step;
    ed[k] += d;
  };
  /** Call fn(index into ed) for each edge code of token i (index of code c: c * S + p * T + t). */
  const forEdges = (e: EdgeCodes | undefined, i: number, p: number, t: number, fn: (k: number) => void) => {
    if (!e) return;
    for (let a = i * e.k; a < i * e.k + e.k; a++) if (e.codes[a] >= 0) fn(e.codes[a] * S + p * T + t);
  };
  // Passive-aggressive updates (opts.update 'pa' or 'pa2').
  const pa = opts.update === 'pa' || opts.update === 'pa2';
  const pa2 = opts.update === 'pa2';
  const C = opts.C ?? 0.1;
  const costAugmented = opts.costAugmented === true;
  const oLabel = lab.get('O') ?? -1;
  const entityCost = opts.entityCost ?? 1;
  const costOf = (gold: number) => (gold === oLabel ? 1 : entityCost);
  let em = new Float64Array(0);
  const paDecode = (x: readonly Int32Array[][], y: Int32Array, e: EdgeCodes | undefined): Int32Array => {
    if (!costAugmented) return model.decode(x, e);
    const n = y.length;
    if (em.length < n * T) em = new Float64Array(2 * n * T);
    em.fill(0, 0, n * T);
    for (let i = 0; i < n; i++) {
      for (const arr of x[i]) model.addEmission(arr, em, i * T);
      const c = costOf(y[i]);
      for (let t = 0; t < T; t++) if (t !== y[i]) em[i * T + t] += c;
    }
    return model.decodeScores(em, n, e);
  };
  // phi(gold) - phi(pred) as a sparse vector (emission keys f * T + label; transition keys -1 - (prev * T + label);
  // edge keys -1 - (S + code * S + prev * T + label))
  const delta = new Map<number, number>();
  const add = (key: number, d: number) => {
    const v = (delta.get(key) ?? 0) + d;
    if (v === 0) delta.delete(key);
    else delta.set(key, v);
  };
  const addG = (k: number) => add(-1 - (S + k), 1);
  const addP = (k: number) => add(-1 - (S + k), -1);
  const paUpdate = (x: readonly Int32Array[][], y: Int32Array, p: Int32Array, e: EdgeCodes | undefined): void => {
    delta.clear();
    let loss = 0;
    for (let i = 0; i < y.length; i++) {
      if (p[i] !== y[i]) {
        loss += costOf(y[i]);
        const f = x[i][0];
        for (let a = 0; a < f.length; a++) {
          add(f[a] * T + y[i], 1);
          add(f[a] * T + p[i], -1);
        }
      }
      const py = i ? y[i - 1] : T;
      const pp = i ? p[i - 1] : T;
      if (py !== pp || y[i] !== p[i]) {
        add(-1 - (py * T + y[i]), 1);
        add(-1 - (pp * T + p[i]), -1);
        forEdges(e, i, py, y[i], addG);
        forEdges(e, i, pp, p[i], addP);
      }
    }
    if (loss === 0) return;
    let margin = 0;
    let norm = 0;
    for (const [key, d] of delta) {
      margin += d * (key >= 0 ? w[key] : -1 - key < S ? tr[-1 - key] : ed[-1 - key - S]);
      norm += d * d;
    }
    if (norm === 0) return;
    const tau = pa2 ? (loss - margin) / (norm + 1 / (2 * C)) : Math.min(C, (loss - margin) / norm);
    if (tau <= 0) return;
    let moved = false;
    for (const [key, d] of delta) {
      if (key >= 0) upd(key, tau * d);
      else {
        moved = true;
        if (-1 - key < S) updT(-1 - key, tau * d);
        else updE(-1 - key - S, tau * d);
      }
    }
    if (moved) model.transitionsChanged();
  };
  const order = data.map((_, i) => i);
  let r = opts.seed ?? 1;
  for (let e = 0; e < epochs; e++) {
    r = shuffle(order, r);
    let errors = 0;
    let tokens = 0;
    for (const k of order) {
      step++;
      const { x, y, e: ec } = data[k];
      const p = pa ? paDecode(x, y, ec) : model.decode(x, ec);
      tokens += y.length;
      if (pa) {
        for (let i = 0; i < y.length; i++) if (p[i] !== y[i]) errors++;
        paUpdate(x, y, p, ec);
        continue;
      }
      let moved = false;
      for (let i = 0; i < y.length; i++) {
        if (p[i] !== y[i]) {
          errors++;
          const f = x[i][0];
          for (let a = 0; a < f.length; a++) {
            upd(f[a] * T + y[i], 1);
            upd(f[a] * T + p[i], -1);
          }
        }
        const py = i ? y[i - 1] : T;
        const pp = i ? p[i - 1] : T;
        if (py !== pp || y[i] !== p[i]) {
          moved = true;
          updT(py * T + y[i], 1);
          updT(pp * T + p[i], -1);
          forEdges(ec, i, py, y[i], (q) => updE(q, 1));
          forEdges(ec, i, pp, p[i], (q) => updE(q, -1));
        }
      }
      if (moved) model.transitionsChanged();
    }
    opts.onEpoch?.(e + 1, errors, tokens);
  }
  // Average. PA weights are reported in units of the largest step C (the same decisions, a scale like the
  // perceptron's, so the same pruning threshold means about the same thing).
  const avgW = new Float32Array(nF * T);
  const denom = Math.max(1, step) * (pa ? C : 1);
  for (let k = 0; k < avgW.length; k++) avgW[k] = (tot[k] + (step - ts[k]) * w[k]) / denom;
  const avgT = new Float64Array(tr.length);
  for (let k = 0; k < tr.length; k++) avgT[k] = (trTot[k] + (step - trTs[k]) * tr[k]) / denom;
  const avgE = new Float64Array(ed.length);
  for (let k = 0; k < ed.length; k++) avgE[k] = (edTot[k] + (step - edTs[k]) * ed[k]) / denom;
  return new PerceptronModel(labels, bio, ids, avgW, avgT, avgE);
}

// base64 without Buffer (the core must not use Node built-ins).
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

export function bytesToBase64(b: Uint8Array): string {
  const parts: string[] = [];
  let chunk = '';
  for (let i = 0; i < b.length; i += 3) {
    const n = (b[i] << 16) | ((b[i + 1] ?? 0) << 8) | (b[i + 2] ?? 0);
    chunk += B64[(n >> 18) & 63] + B64[(n >> 12) & 63] + (i + 1 < b.length ? B64[(n >> 6) & 63] : '=') + (i + 2 < b.length ? B64[n & 63] : '=');
    if (chunk.length > 8192) {
      parts.push(chunk);
      chunk = '';
    }
  }
  parts.push(chunk);
  return parts.join('');
}

const B64INV = (() => {
  const a = new Int16Array(128).fill(-1);
  for (let i = 0; i < 64; i++) a[B64.charCodeAt(i)] = i;
  return a;
})();

export function base64ToBytes(s: string): Uint8Array {
  let len = s.length;
  while (len > 0 && s.charCodeAt(len - 1) === 61) len--;
  const out = new Uint8Array((len * 3) >> 2);
  let o = 0;
  let acc = 0;
  let bits = 0;
  for (let i = 0; i < len; i++) {
    const v = B64INV[s.charCodeAt(i)];
    if (v < 0) continue;
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 255;
    }
  }
  return o === out.length ? out : out.subarray(0, o);
}
