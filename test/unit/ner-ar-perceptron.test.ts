import * as assert from 'node:assert/strict';
import { averageModels, type EdgeCodes, base64ToBytes, bilouToBio, bioToBilou, PerceptronModel, spansFromBio, train, type TrainSentence } from '../../server/src/core/ner/perceptron';
import { plainViterbi as plain } from './viterbi-helpers';

/**
 * A small generated task the learner must generalize on: a title word ('Mr', 'Dr') is followed by a one- or
 * two-word person name, 'in' by a place; the names in the test sentences never occur in training, so only the
 * context features can find them.
 */
function sentence(rand: () => number, names: string[], places: string[]): { words: string[]; labels: string[] } {
  const words: string[] = [];
  const labels: string[] = [];
  const filler = ['the', 'said', 'today', 'and', 'visit', 'talks', 'on', 'a'];
  const n = 3 + Math.floor(rand() * 6);
  for (let i = 0; i < n; i++) {
    const r = rand();
    if (r < 0.2) {
      words.push(rand() < 0.5 ? 'Mr' : 'Dr', names[Math.floor(rand() * names.length)]);
      labels.push('O', 'B-PER');
      if (rand() < 0.5) {
        words.push(names[Math.floor(rand() * names.length)].toUpperCase());
        labels.push('I-PER');
      }
    } else if (r < 0.35) {
      words.push('in', places[Math.floor(rand() * places.length)]);
      labels.push('O', 'B-LOC');
    } else {
      words.push(filler[Math.floor(rand() * filler.length)]);
      labels.push('O');
    }
  }
  return { words, labels };
}

const feats = (words: string[]) =>
  words.map((w, i) => ['w=' + w, 'p=' + (words[i - 1] ?? '<s>'), 'upper=' + (w === w.toUpperCase() && /[A-Z]/.test(w)), 'n=' + (words[i + 1] ?? '</s>')]);

function lcg(seed: number) {
  let s = seed;
  return () => ((s = (Math.imul(s, 1103515245) + 12345) & 0x7fffffff) / 0x80000000);
}

describe('ner: perceptron learner', () => {
  const rand = lcg(7);
  const trainNames = Array.from({ length: 40 }, (_, i) => 'name' + i);
  const testNames = Array.from({ length: 20 }, (_, i) => 'unseen' + i);
  const data: TrainSentence[] = Array.from({ length: 400 }, () => {
    const s = sentence(rand, trainNames, ['paris', 'rome', 'cairo']);
    return { features: feats(s.words), labels: s.labels };
  });
  const test = Array.from({ length: 100 }, () => sentence(rand, testNames, ['tunis', 'doha']));
  const model = train(data, { epochs: 5 });

  it('learns from context: unseen names after a title and places after "in"', () => {
    let right = 0;
    let total = 0;
    for (const s of test) {
      const p = model.predict(feats(s.words));
      for (let i = 0; i < p.length; i++, total++) if (p[i] === s.labels[i]) right++;
    }
    assert.ok(right / total > 0.97, `token accuracy ${right / total}`);
  });

  it('Viterbi (decodeScores) picks the path of trying every predecessor, ties included, for BIO and BILOU labels', () => {
    const rand = lcg(11);
    const bio = ['O', 'B-LOC', 'I-LOC', 'B-MISC', 'I-MISC', 'B-ORG', 'I-ORG', 'B-PER', 'I-PER'];
    const bilou = ['O', ...['PER', 'LOC'].flatMap((x) => ['B-', 'I-', 'L-', 'U-'].map((p) => p + x))];
    let compared = 0;
    for (const labels of [bio, bilou]) {
      const T = labels.length;
      for (let k = 0; k < 60; k++) {
        // scores on a coarse grid (many ties) or spread wide (most predecessors fall below the bound)
        const spread = k % 3 === 0 ? 1 : k % 3 === 1 ? 4 : 40;
        const val = () => Math.round((rand() - 0.5) * 2 * spread * 2) / 2;
        const trans = Float64Array.from({ length: (T + 1) * T }, val);
        const m = new PerceptronModel(labels, true, new Map(), new Float32Array(0), trans);
        for (let s = 0; s < 20; s++) {
          const n = 1 + Math.floor(rand() * 30);
          const em = Float64Array.from({ length: n * T }, val);
          assert.deepEqual(Array.from(m.decodeScores(em, n)), plain(m, em, n), `labels ${T}, model ${k}, sentence ${s}`);
          compared++;
        }
      }
    }
    assert.equal(compared, 2 * 60 * 20);
  });

  it('training decodes exactly: every Viterbi during training (perceptron, PA, cost-augmented PA) equals the plain one over the weights of that moment', () => {
    // The predecessor skipping uses bounds over the transitions; training changes the transitions after the model is
    // built, so stale bounds would skip predecessors that can win (this made training differ from the shipped model's).
    const orig = PerceptronModel.prototype.decodeScores;
    let compared = 0;
    PerceptronModel.prototype.decodeScores = function (this: PerceptronModel, em: Float64Array, n: number, edges?: EdgeCodes): Int32Array {
      const out = orig.call(this, em, n, edges);
      if (n > 0) {
        assert.deepEqual(Array.from(out), plain(this, em, n, edges));
        compared++;
      }
      return out;
    };
    // and with edge codes (per-token transitions, whose combined matrices training must forget as it moves them): the
    // codes of a token from its word and the previous word, so that they carry the boundary
    const E = 6;
    const withEdges: TrainSentence[] = data.slice(0, 150).map((x) => ({
      ...x,
      edges: x.features.map((f, i) => (i ? [f[0].length % 3, 3 + (x.features[i - 1][0].length % 3)] : [f[0].length % 3])),
    }));
    const learners = [{ epochs: 3 }, { epochs: 3, update: 'pa' as const, C: 0.01 }, { epochs: 3, update: 'pa' as const, C: 0.01, costAugmented: true }];
    try {
      for (const opts of learners) train(data.slice(0, 150), opts);
      for (const opts of learners) train(withEdges, { ...opts, edgeCount: E });
    } finally {
      PerceptronModel.prototype.decodeScores = orig;
    }
    assert.equal(compared, 2 * 3 * 3 * 150);
  });

  it('never outputs I-X after O or after another type (BIO constraint)', () => {
    for (const s of test) {
      const p = model.predict(feats(s.words));
      for (let i = 0; i < p.length; i++) {
        if (!p[i].startsWith('I-')) continue;
        assert.ok(i > 0 && p[i - 1] !== 'O' && p[i - 1].slice(2) === p[i].slice(2), p.join(' '));
      }
    }
  });

  it('round-trips through JSON with the same predictions', () => {
    const json = JSON.parse(JSON.stringify(model.toJSON()));
    const again = PerceptronModel.fromJSON(json);
    assert.equal(again.labels.join(), model.labels.join());
    for (const s of test.slice(0, 50)) assert.deepEqual(again.predict(feats(s.words)), model.predict(feats(s.words)));
  });

  it('ignores unknown features and handles empty input', () => {
    assert.deepEqual(model.predict([]), []);
    const p = model.predict([['never-seen'], []]);
    assert.equal(p.length, 2);
    for (const l of p) assert.ok(model.labels.includes(l));
    assert.deepEqual(model.predict([['p=Mr', 'never-seen']]).map((l) => l.slice(0, 1)), ['B'], 'context features still count');
  });

  it('rejects a file that is not a model', () => {
    assert.throws(() => PerceptronModel.fromJSON({} as never), /not an article-lens perceptron/);
  });

  it('bags of models average to a model that still learns the task', () => {
    const bagged = train(data.slice(0, 200), { epochs: 3, bags: 3 });
    const s = test[0];
    const p = bagged.predict(feats(s.words));
    assert.equal(p.length, s.words.length);
    assert.deepEqual(spansFromBio(p), spansFromBio(s.labels));
  });

  it('bags on bootstrap samples average to a model that still learns the task, the same for the same seed', () => {
    const a = train(data.slice(0, 200), { epochs: 3, bags: 3, bootstrap: true, seed: 5 });
    const b = train(data.slice(0, 200), { epochs: 3, bags: 3, bootstrap: true, seed: 5 });
    assert.deepEqual(a.toJSON(), b.toJSON());
    for (const s of test.slice(0, 5)) assert.deepEqual(spansFromBio(a.predict(feats(s.words))), spansFromBio(s.labels));
  });

  it('passive-aggressive updates (PA-I plain and cost-augmented, PA-II) learn the task too', () => {
    for (const [update, costAugmented] of [['pa', false], ['pa', true], ['pa2', true]] as const) {
      const pa = train(data, { epochs: 5, update, C: 0.01, costAugmented });
      let right = 0;
      let total = 0;
      for (const s of test) {
        const p = pa.predict(feats(s.words));
        for (let i = 0; i < p.length; i++, total++) if (p[i] === s.labels[i]) right++;
      }
      assert.ok(right / total > 0.97, `${update} costAugmented ${costAugmented}: token accuracy ${right / total}`);
    }
  });

  it('a PA step never exceeds C: C bounds every weight change (weights are reported in units of C)', () => {
    // one sentence: one update of size at most C per feature (it is then right, with margin: no more updates), so
    // the averaged weights, in units of C, stay within [-1, 1]
    const m = train([{ features: [['a'], ['b']], labels: ['B-X', 'O'] }], { epochs: 3, update: 'pa', C: 0.5 });
    for (const x of m.weights) assert.ok(Math.abs(x) <= 1 + 1e-6, String(x));
    assert.ok(m.weights.some((x) => x !== 0));
  });

  it('averageModels matches features by string and halves a feature one model lacks', () => {
    const a = train([{ features: [['a'], ['b']], labels: ['B-X', 'O'] }], { epochs: 2 });
    const b = train([{ features: [['c'], ['b']], labels: ['B-X', 'O'] }], { epochs: 2 });
    const avg = averageModels([a, b]);
    assert.equal(avg.featureCount, 3);
    const row = (m: PerceptronModel, f: string) => Array.from(m.weights.subarray(m.featureId(f) * m.T, (m.featureId(f) + 1) * m.T));
    assert.deepEqual(row(avg, 'a'), row(a, 'a').map((x) => x / 2));
    assert.deepEqual(row(avg, 'b'), row(a, 'b').map((x, t) => x / 2 + row(b, 'b')[t] / 2));
    assert.deepEqual(avg.predict([['a'], ['b']]), ['B-X', 'O']);
  });

  it('spansFromBio reads BIO and BILOU; the conversions invert each other', () => {
    const bio = ['B-PER', 'I-PER', 'O', 'B-LOC', 'B-LOC', 'I-LOC', 'I-ORG'];
    assert.deepEqual(spansFromBio(bio), [
      { start: 0, end: 2, type: 'PER' },
      { start: 3, end: 4, type: 'LOC' },
      { start: 4, end: 6, type: 'LOC' },
      { start: 6, end: 7, type: 'ORG' },
    ]);
    const bilou = bioToBilou(bio.slice(0, 6));
    assert.deepEqual(bilou, ['B-PER', 'L-PER', 'O', 'U-LOC', 'B-LOC', 'L-LOC']);
    assert.deepEqual(bilouToBio(bilou), bio.slice(0, 6));
    assert.deepEqual(spansFromBio(bilou), spansFromBio(bio.slice(0, 6)));
  });

  it('base64 decoding inverts the model encoding', () => {
    const m = train([{ features: [['a'], ['b']], labels: ['B-X', 'O'] }], { epochs: 2 });
    const j = m.toJSON();
    assert.equal(base64ToBytes(j.weights).length, j.features.split('\n').length * j.labels.length * 2);
  });
});
