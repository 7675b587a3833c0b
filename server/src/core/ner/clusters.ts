/**
 * Word clusters from running text (training only; the tagger reads the result from the model): the exchange
 * algorithm (Kneser & Ney 1993, Martin, Liermann & Ney 1998) maximizes the likelihood of a class bigram model,
 * sum over class pairs of N(c,d) log N(c,d) - sum over classes of Nl(c) log Nl(c) + Nr(c) log Nr(c), by moving one
 * word at a time to the class that raises it most. The finest clustering is over the words; each coarser level
 * clusters the classes of the level below with the same algorithm (their class bigram counts as the data), so the
 * levels nest like the bit-string prefixes of Brown clusters. Deterministic: items in order of frequency (ties by
 * string), initial classes round-robin, a fixed number of passes, a move only when it gains.
 */

/** Clusters of a vocabulary: `words[i]` the words of finest cluster i; `up[l][i]` the level-(l+1) cluster of level-l cluster i. */
export interface WordClusters {
  words: string[][];
  up: number[][];
}

/** Sparse bigram counts between items 0..V-1 (CSR: right and left neighbour lists). */
interface Bigrams {
  V: number;
  rStart: Int32Array;
  rItem: Int32Array;
  rCount: Float64Array;
  lStart: Int32Array;
  lItem: Int32Array;
  lCount: Float64Array;
}

function csr(V: number, pairs: Map<number, number>, right: boolean): { start: Int32Array; item: Int32Array; count: Float64Array } {
  const deg = new Int32Array(V + 1);
  const keys = [...pairs.keys()].sort((a, b) => a - b);
  for (const k of keys) {
    const a = Math.floor(k / V);
    const b = k % V;
    deg[(right ? a : b) + 1]++;
  }
  for (let i = 0; i < V; i++) deg[i + 1] += deg[i];
  const fill = deg.slice();
  const item = new Int32Array(keys.length);
  const count = new Float64Array(keys.length);
  for (const k of keys) {
    const a = Math.floor(k / V);
    const b = k % V;
    const at = fill[right ? a : b]++;
    item[at] = right ? b : a;
    count[at] = pairs.get(k)!;
  }
  return { start: deg, item, count };
}

function bigrams(V: number, pairs: Map<number, number>): Bigrams {
  const r = csr(V, pairs, true);
  const l = csr(V, pairs, false);
  return { V, rStart: r.start, rItem: r.item, rCount: r.count, lStart: l.start, lItem: l.item, lCount: l.count };
}

/** x log x of the counts (whole numbers): a table up to the largest count, computed above it. */
let XLOGX = new Float64Array(1);
const xlogx = (x: number) => (x < XLOGX.length ? XLOGX[x] : x * Math.log(x));

/** The exchange algorithm: items of `g` into K classes (`passes` passes over the items in index order). */
export function exchange(g: Bigrams, K: number, passes: number): Int32Array {
  const V = g.V;
  const cls = new Int32Array(V);
  for (let w = 0; w < V; w++) cls[w] = w % K;
  const N = new Float64Array(K * K);
  const Nl = new Float64Array(K);
  const Nr = new Float64Array(K);
  const wl = new Float64Array(V);
  const wr = new Float64Array(V);
  for (let w = 0; w < V; w++) {
    for (let e = g.rStart[w]; e < g.rStart[w + 1]; e++) {
      N[cls[w] * K + cls[g.rItem[e]]] += g.rCount[e];
      wl[w] += g.rCount[e];
    }
    for (let e = g.lStart[w]; e < g.lStart[w + 1]; e++) wr[w] += g.lCount[e];
    Nl[cls[w]] += wl[w];
    Nr[cls[w]] += wr[w];
  }
  let total = 0;
  for (let w = 0; w < V; w++) total += wl[w];
  if (XLOGX.length <= total) {
    XLOGX = new Float64Array(total + 1);
    for (let x = 1; x <= total; x++) XLOGX[x] = x * Math.log(x);
  }
  const R = new Float64Array(K);
  const L = new Float64Array(K);
  const tR = new Int32Array(K);
  const tL = new Int32Array(K);
  for (let pass = 0; pass < passes; pass++) {
    let moved = 0;
    for (let w = 0; w < V; w++) {
      if (wl[w] + wr[w] === 0) continue;
      const a = cls[w];
      let nR = 0;
      let nL = 0;
      let self = 0;
      for (let e = g.rStart[w]; e < g.rStart[w + 1]; e++) {
        const v = g.rItem[e];
        if (v === w) {
          self += g.rCount[e];
          continue;
        }
        const d = cls[v];
        if (R[d] === 0) tR[nR++] = d;
        R[d] += g.rCount[e];
      }
      for (let e = g.lStart[w]; e < g.lStart[w + 1]; e++) {
        const u = g.lItem[e];
        if (u === w) continue;
        const c = cls[u];
        if (L[c] === 0) tL[nL++] = c;
        L[c] += g.lCount[e];
      }
      // take w out of its class
      for (let i = 0; i < nR; i++) N[a * K + tR[i]] -= R[tR[i]];
      for (let i = 0; i < nL; i++) N[tL[i] * K + a] -= L[tL[i]];
      N[a * K + a] -= self;
      Nl[a] -= wl[w];
      Nr[a] -= wr[w];
      let best = a;
      let bestGain = -Infinity;
      for (let b = 0; b < K; b++) {
        let gain = 0;
        for (let i = 0; i < nR; i++) {
          const d = tR[i];
          if (d === b) continue;
          const x = N[b * K + d];
          gain += xlogx(x + R[d]) - xlogx(x);
        }
        for (let i = 0; i < nL; i++) {
          const c = tL[i];
          if (c === b) continue;
          const x = N[c * K + b];
          gain += xlogx(x + L[c]) - xlogx(x);
        }
        const bb = N[b * K + b];
        gain += xlogx(bb + R[b] + L[b] + self) - xlogx(bb);
        gain -= xlogx(Nl[b] + wl[w]) - xlogx(Nl[b]) + xlogx(Nr[b] + wr[w]) - xlogx(Nr[b]);
        if (b === a ? gain >= bestGain - 1e-9 : gain > bestGain + 1e-9) {
          best = b;
          bestGain = gain;
        }
      }
      // keep the current class unless another one gains strictly more
      if (best !== a) moved++;
      for (let i = 0; i < nR; i++) N[best * K + tR[i]] += R[tR[i]];
      for (let i = 0; i < nL; i++) N[tL[i] * K + best] += L[tL[i]];
      N[best * K + best] += self;
      Nl[best] += wl[w];
      Nr[best] += wr[w];
      cls[w] = best;
      for (let i = 0; i < nR; i++) R[tR[i]] = 0;
      for (let i = 0; i < nL; i++) L[tL[i]] = 0;
    }
    if (moved === 0) break;
  }
  return cls;
}

/**
 * Clusters of the words of `sentences` (already normalized): sizes[0] classes of words, then sizes[1] classes of
 * those, and so on; words seen fewer than minCount times are left out (and out of the bigram counts).
 */
export function wordClusters(sentences: readonly (readonly string[])[], sizes: readonly number[], opts: { passes?: number; minCount?: number } = {}): WordClusters {
  const passes = opts.passes ?? 10;
  const minCount = opts.minCount ?? 1;
  const freq = new Map<string, number>();
  for (const s of sentences) for (const w of s) freq.set(w, (freq.get(w) ?? 0) + 1);
  const vocab = [...freq].filter(([, c]) => c >= minCount).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([w]) => w);
  const id = new Map(vocab.map((w, i) => [w, i]));
  const V = vocab.length;
  let pairs = new Map<number, number>();
  for (const s of sentences) {
    for (let i = 0; i + 1 < s.length; i++) {
      const a = id.get(s[i]);
      const b = id.get(s[i + 1]);
      if (a === undefined || b === undefined) continue;
      const k = a * V + b;
      pairs.set(k, (pairs.get(k) ?? 0) + 1);
    }
  }
  let cls = exchange(bigrams(V, pairs), sizes[0], passes);
  const words: string[][] = Array.from({ length: sizes[0] }, () => []);
  vocab.forEach((w, i) => words[cls[i]].push(w));
  const up: number[][] = [];
  // `pairs` counts bigrams of `items` items (keys a * items + b); `cls` puts each item into one of K classes
  for (let l = 1, items = V; l < sizes.length; l++) {
    // class bigram counts of the level below, as the items of this level
    const K = sizes[l - 1];
    const cp = new Map<number, number>();
    for (const [k, n] of pairs) {
      const kk = cls[Math.floor(k / items)] * K + cls[k % items];
      cp.set(kk, (cp.get(kk) ?? 0) + n);
    }
    cls = exchange(bigrams(K, cp), sizes[l], passes);
    up.push([...cls]);
    pairs = cp;
    items = K;
  }
  return { words, up };
}
