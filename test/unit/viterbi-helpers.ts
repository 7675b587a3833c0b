/**
 * The plain Viterbi the tests hold the decoder to (perceptron.ts decodeScores skips predecessors that cannot win):
 * every predecessor in ascending order under each token's own transitions (the model's transitions plus the edge rows
 * of the token's codes, in code order, as the decoder sums them), disallowed moves at -Infinity, the first of equal
 * scores kept.
 */
import type { EdgeCodes, PerceptronModel } from '../../server/src/core/ner/perceptron';

type Inside = { trans: Float64Array; edge: Float64Array; endOk: Uint8Array };

/** Token i's transitions: trans plus the edge rows of its codes, in code order (the decoder's sums). */
function tokenTrans(m: PerceptronModel, e: EdgeCodes | undefined, i: number): Float64Array {
  const { trans, edge } = m as unknown as Inside;
  const out = Float64Array.from(trans);
  if (!e) return out;
  const S = trans.length;
  for (let a = i * e.k; a < i * e.k + e.k; a++) {
    const c = e.codes[a];
    if (c >= 0) for (let x = 0; x < S; x++) out[x] += edge[c * S + x];
  }
  return out;
}

export function plainViterbi(m: PerceptronModel, em: Float64Array, n: number, e?: EdgeCodes): number[] {
  const { endOk } = m as unknown as Inside;
  const T = m.T;
  const bp: number[] = [];
  const t0 = tokenTrans(m, e, 0);
  let prev = Array.from({ length: T }, (_, t) => em[t] + t0[T * T + t]);
  for (let i = 1; i < n; i++) {
    const tr = tokenTrans(m, e, i);
    const cur: number[] = [];
    for (let t = 0; t < T; t++) {
      let best = -Infinity;
      let bi = 0;
      for (let p = 0; p < T; p++) {
        const v = prev[p] + tr[p * T + t];
        if (v > best) {
          best = v;
          bi = p;
        }
      }
      cur.push(best + em[i * T + t]);
      bp[i * T + t] = bi;
    }
    prev = cur;
  }
  let bi = 0;
  let best = -Infinity;
  for (let t = 0; t < T; t++) if (endOk[t] && prev[t] > best) [best, bi] = [prev[t], t];
  const out: number[] = new Array(n);
  for (let i = n - 1; i >= 0; i--) {
    out[i] = bi;
    bi = bp[i * T + bi];
  }
  return out;
}
