/**
 * The seventh round's edge transitions (perceptron.ts edge codes, features-ar.ts `edgeTrans` / `edgeCodes`; off in
 * the shipped model, docs/ner.md "Seventh round"): Viterbi with per-token transitions picks the path of trying every
 * predecessor, a model file without edge codes is written as before and one with them reads back the same, the learner
 * learns a boundary only the edge codes show, and the Arabic tagger hands the decoder the codes of the words' name
 * classes (wordInfo's) on every sentence, cached or not.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { EDGE_SETS, type FeatureConfig, FULL_FEATURES, sentenceEdges, wordInfo } from '../../server/src/core/ner/features-ar';
import { type ArabicGazetteerData, ArabicLexicon } from '../../server/src/core/ner/lexicon-ar';
import { type EdgeCodes, edgeCodesOf, PerceptronModel, train, type TrainSentence } from '../../server/src/core/ner/perceptron';
import { type ArabicModel, ArabicTagger } from '../../server/src/core/ner/tagger-ar';
import { findModelsDir } from '../../server/src/node/models';
import { rng } from './ner-ar-helpers';
import { plainViterbi as plain } from './viterbi-helpers';

describe('ner: edge transitions (seventh round)', () => {
  it('Viterbi with edge codes picks the path of trying every predecessor, ties included, for BIO and BILOU labels', () => {
    const rand = rng(7);
    const bio = ['O', 'B-LOC', 'I-LOC', 'B-MISC', 'I-MISC', 'B-ORG', 'I-ORG', 'B-PER', 'I-PER'];
    const bilou = ['O', ...['PER', 'LOC'].flatMap((x) => ['B-', 'I-', 'L-', 'U-'].map((p) => p + x))];
    let compared = 0;
    let differ = 0;
    for (const labels of [bio, bilou]) {
      const T = labels.length;
      for (let k = 0; k < 60; k++) {
        const spread = k % 3 === 0 ? 1 : k % 3 === 1 ? 4 : 40;
        const val = () => Math.round((rand() - 0.5) * 2 * spread * 2) / 2;
        const E = 1 + (k % 5);
        const trans = Float64Array.from({ length: (T + 1) * T }, val);
        const edge = Float64Array.from({ length: E * (T + 1) * T }, val);
        const m = new PerceptronModel(labels, true, new Map(), new Float32Array(0), trans, edge);
        const bare = new PerceptronModel(labels, true, new Map(), new Float32Array(0), trans);
        assert.equal(m.edgeCount, E);
        for (let s = 0; s < 20; s++) {
          const n = 1 + Math.floor(rand() * 30);
          const em = Float64Array.from({ length: n * T }, val);
          // up to 3 codes a token, some tokens none
          const kk = 1 + (s % 3);
          const codes = Int32Array.from({ length: n * kk }, () => (rand() < 0.3 ? -1 : Math.floor(rand() * E)));
          const e = { k: kk, codes };
          const got = Array.from(m.decodeScores(em, n, e));
          assert.deepEqual(got, plain(m, em, n, e), `labels ${T}, model ${k}, sentence ${s}`);
          // without codes: the model's own transitions, as a model without edge weights
          assert.deepEqual(Array.from(m.decodeScores(em, n)), Array.from(bare.decodeScores(em, n)));
          if (got.join() !== Array.from(bare.decodeScores(em, n)).join()) differ++;
          compared++;
        }
      }
    }
    assert.equal(compared, 2 * 60 * 20);
    assert.ok(differ > 200, `edge codes changed ${differ} paths`);
  });

  it('past the kept lists of codes (over 4096 distinct), tokens still move by their own transitions', () => {
    const rand = rng(5);
    const labels = ['O', 'B-LOC', 'I-LOC', 'B-PER', 'I-PER'];
    const T = labels.length;
    const E = 40;
    const val = () => Math.round((rand() - 0.5) * 20 * 2) / 2;
    const m = new PerceptronModel(labels, true, new Map(), new Float32Array(0), Float64Array.from({ length: (T + 1) * T }, val), Float64Array.from({ length: E * (T + 1) * T }, val));
    const lists = new Set<string>();
    for (let s = 0; s < 400; s++) {
      const n = 30;
      const em = Float64Array.from({ length: n * T }, val);
      const codes = Int32Array.from({ length: n * 3 }, () => (rand() < 0.1 ? -1 : Math.floor(rand() * E)));
      for (let i = 0; i < n; i++) lists.add(codes.subarray(3 * i, 3 * i + 3).join());
      const e = { k: 3, codes };
      assert.deepEqual(Array.from(m.decodeScores(em, n, e)), plain(m, em, n, e), `sentence ${s}`);
    }
    assert.ok(lists.size > 5000, String(lists.size));
  });

  it('a model file without edge codes is written as before; with them it reads back the same', () => {
    const sents: TrainSentence[] = [
      { features: [['a'], ['b']], labels: ['B-X', 'O'] },
      { features: [['b'], ['a'], ['a']], labels: ['O', 'B-X', 'I-X'] },
    ];
    const plainModel = train(sents, { epochs: 3, update: 'pa', C: 0.01, costAugmented: true });
    const j = plainModel.toJSON();
    assert.deepEqual(Object.keys(j), ['format', 'version', 'labels', 'bio', 'scale', 'features', 'weights', 'transitions']);
    assert.equal(PerceptronModel.fromJSON(j).edgeCount, 0);
    const withEdges = train(sents.map((s) => ({ ...s, edges: s.labels.map((_, i) => [i % 2]) })), { epochs: 3, update: 'pa', C: 0.01, costAugmented: true, edgeCount: 2 });
    const je = withEdges.toJSON();
    assert.equal(je.edgeCount, 2);
    assert.equal(je.edges!.length, 2 * 4 * 3);
    const again = PerceptronModel.fromJSON(JSON.parse(JSON.stringify(je)));
    assert.equal(again.edgeCount, 2);
    assert.deepEqual(again.toJSON(), je);
  });

  it('the learner learns a boundary only the edge codes show', () => {
    // every name word is 'w' (other words 'o'); a name is one or two words, and only the edge code (0: a new name
    // starts here, 1: the name goes on) tells a second word of the same name (I-X) from the first word of the next (B-X)
    const rand = rng(3);
    const make = (): TrainSentence => {
      const labels: string[] = [];
      const edges: number[][] = [];
      while (labels.length < 12) {
        if (rand() < 0.3) {
          labels.push('O');
          edges.push([]);
          continue;
        }
        labels.push('B-X');
        edges.push([0]);
        if (rand() < 0.5) {
          labels.push('I-X');
          edges.push([1]);
        }
      }
      return { features: labels.map((l) => [l === 'O' ? 'o' : 'w']), labels, edges };
    };
    const data = Array.from({ length: 200 }, make);
    const test = Array.from({ length: 50 }, make);
    const m = train(data, { epochs: 5, update: 'pa', C: 0.01, costAugmented: true, edgeCount: 2 });
    const without = train(data.map((s) => ({ features: s.features, labels: s.labels })), { epochs: 5, update: 'pa', C: 0.01, costAugmented: true });
    let right = 0;
    let rightWithout = 0;
    let total = 0;
    for (const s of test) {
      const p = m.predict(s.features, s.edges);
      const q = without.predict(s.features);
      p.forEach((l, i) => (right += l === s.labels[i] ? 1 : 0));
      q.forEach((l, i) => (rightWithout += l === s.labels[i] ? 1 : 0));
      total += p.length;
    }
    assert.equal(right, total);
    assert.ok(rightWithout < 0.9 * total, `${rightWithout} / ${total} without edge codes`);
    assert.deepEqual(edgeCodesOf([[1], [], [0, 1]]), { k: 2, codes: Int32Array.from([1, -1, -1, -1, 0, 1]) });
  });

  it('the tagger decodes with the edge codes of wordInfo\'s name classes, cached sentences included', function () {
    this.timeout(60_000);
    const dir = findModelsDir(__dirname)!;
    const gaz = JSON.parse(fs.readFileSync(path.join(dir, 'gazetteer-ar.json'), 'utf8')) as ArabicGazetteerData;
    const shipped = JSON.parse(fs.readFileSync(path.join(dir, 'ner-ar.json'), 'utf8')) as ArabicModel;
    const text = fs.readFileSync(path.join(__dirname, '../../seeds/000_36fff38b519712a3.txt'), 'utf8');
    const lex = new ArabicLexicon(gaz, shipped.vocab);
    for (const set of [1, 2, 3, 4]) {
      const cfg: FeatureConfig = { ...shipped.features, edgeTrans: true, edgeSet: set };
      const rand = rng(set);
      // made-up edge weights, large enough to move labels
      const withEdges = (j: ArabicModel['stage1'], E: number) => {
        const T = j.labels.length;
        return { ...j, edgeCount: E, edges: Array.from({ length: E * (T + 1) * T }, () => Math.round((rand() - 0.5) * 40 * 1e4) / 1e4) };
      };
      const E = EDGE_SETS[set].count;
      const model: ArabicModel = { ...shipped, features: cfg, stage1: withEdges(shipped.stage1, E), stage2: withEdges(shipped.stage2!, E) };
      const tagger = new ArabicTagger(model, gaz);
      const seen: { words: string[]; codes: number[][] }[] = [];
      const stage = (tagger as unknown as { m1: PerceptronModel }).m1;
      const decode = stage.decodeInto;
      let words: string[][] = [];
      let at = 0;
      stage.decodeInto = function (em: Float64Array, n: number, out: Int32Array, e?: EdgeCodes) {
        assert.ok(e, 'edge codes given');
        const codes: number[][] = [];
        for (let i = 0; i < n; i++) codes.push(Array.from(e.codes.subarray(i * e.k, i * e.k + e.k)).filter((c) => c >= 0));
        seen.push({ words: words[at++], codes });
        return decode.call(this, em, n, out, e);
      };
      const doc = text.split('\n').filter(Boolean).map((l) => l.split(/\s+/).filter(Boolean));
      words = doc;
      at = 0;
      const first = tagger.tagWords(doc);
      assert.equal(seen.length, doc.length);
      for (const s of seen) assert.deepEqual(s.codes, sentenceEdges(s.words.map((w) => wordInfo(w, lex, cfg)), cfg), s.words.join(' '));
      // the same document again (the word cache warm) gives the same labels
      at = 0;
      assert.deepEqual(tagger.tagWords(doc), first);
      stage.decodeInto = decode;
      // the edge weights count: without them (the same model) the labels differ somewhere
      const noEdges = new ArabicTagger({ ...model, stage1: shipped.stage1, stage2: shipped.stage2 }, gaz);
      assert.notDeepEqual(noEdges.tagWords(doc), first);
      // tag() (the editor's path, through the decoded-sentence cache): both stages are given edge codes, and a warm
      // tagger's spans, twice, equal a fresh tagger's
      const fresh = new ArabicTagger(model, gaz);
      let given = 0;
      for (const m of [(fresh as unknown as { m1: PerceptronModel }).m1, (fresh as unknown as { m2: PerceptronModel }).m2]) {
        const d = m.decodeInto;
        m.decodeInto = function (em: Float64Array, n: number, out: Int32Array, e?: EdgeCodes) {
          assert.ok(e && e.k > 0, 'edge codes given in tag()');
          given++;
          return d.call(this, em, n, out, e);
        };
      }
      const b = fresh.tag(text);
      assert.ok(given >= 2 * doc.length, `decodes in tag(): ${given}`);
      assert.deepEqual(tagger.tag(text), b);
      assert.deepEqual(tagger.tag(text), b);
    }
  });
});
