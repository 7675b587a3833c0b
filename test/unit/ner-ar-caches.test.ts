import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DYNAMIC_FEATURES, docSignature, docSignatureCode, docStats, dynamicFeatureCodes, dynamicFeatures, FULL_FEATURES, MAX_DYNAMIC_CODES, phraseMarks, wordInfo } from '../../server/src/core/ner/features-ar';
import { StringTable } from '../../server/src/core/ner/perceptron';
import { type ArabicModel, ArabicTagger } from '../../server/src/core/ner/tagger-ar';
import type { ArabicGazetteerData } from '../../server/src/core/ner/lexicon-ar';
import { tokenize } from '../../server/src/core/text/tokenize';
import { findModelsDir } from '../../server/src/node/models';

const seed = fs.readFileSync(path.join(__dirname, '../../seeds/000_36fff38b519712a3.txt'), 'utf8');

describe('ner: StringTable', () => {
  it('gives insertion-order values, -1 for unknown strings, survives growth and clear', () => {
    const t = new StringTable(2);
    const words = Array.from({ length: 5000 }, (_, i) => 'w=' + i.toString(36) + (i % 7 ? 'ب' : '\ud83d\ude00'));
    words.forEach((w, i) => assert.equal(t.add(w), i));
    assert.equal(t.size, words.length);
    words.forEach((w, i) => assert.equal(t.get(w), i));
    // a fresh string with the same contents finds the same value; adding it again adds nothing
    assert.equal(t.get(['w', '=', '0', '\ud83d\ude00'].join('')), 0);
    assert.equal(t.add('w=1ب'.slice(0)), 1);
    assert.equal(t.size, words.length);
    for (const u of ['', 'w=', 'w=0', 'unknown', '\ud83d']) assert.equal(t.get(u), -1);
    t.clear();
    assert.equal(t.size, 0);
    assert.equal(t.get(words[3]), -1);
    assert.equal(t.add(words[3]), 0);
  });
});

describe('ner: Arabic dynamic features as codes', () => {
  const modelsDir = findModelsDir(__dirname)!;
  const gaz = JSON.parse(fs.readFileSync(path.join(modelsDir, 'gazetteer-ar.json'), 'utf8')) as ArabicGazetteerData;
  const model = JSON.parse(fs.readFileSync(path.join(modelsDir, 'ner-ar.json'), 'utf8')) as ArabicModel;
  const tagger = new ArabicTagger(model, gaz);

  it('the codes name the same strings as dynamicFeatures, in order; the signature says the document part', () => {
    const cfg = { ...FULL_FEATURES, stack: true };
    const sents = [tokenize(seed).map((t) => wordInfo(t.text, tagger.lex, cfg))];
    const stats = docStats(sents);
    let withDoc = 0;
    for (const tagged of [false, true]) {
      if (tagged) stats.tagged = new Map([[sents[0][5].bare, [0, 2, 1, 0]]]);
      const ws = sents[0];
      const marks = phraseMarks(ws, tagger.lex);
      const codes = new Int32Array(MAX_DYNAMIC_CODES);
      for (let i = 0; i < ws.length; i++) {
        const code = docSignatureCode(ws[i], cfg, stats);
        assert.equal(docSignature(ws[i], cfg, stats), String.fromCharCode(48 + code));
        const k = dynamicFeatureCodes(ws, i, cfg, marks, code, codes);
        const strings = dynamicFeatures(ws, i, cfg, marks, stats, undefined, true);
        assert.deepEqual(Array.from(codes.subarray(0, k), (c) => DYNAMIC_FEATURES[c]), strings);
        if (strings.some((f) => f.startsWith('dc=') || f.startsWith('d2='))) withDoc++;
      }
    }
    assert.ok(withDoc > 100, 'document features were exercised');
  });
});

describe('ner: Arabic tagger caches', function () {
  this.timeout(60000);
  const modelsDir = findModelsDir(__dirname)!;
  const gaz = JSON.parse(fs.readFileSync(path.join(modelsDir, 'gazetteer-ar.json'), 'utf8')) as ArabicGazetteerData;
  const model = JSON.parse(fs.readFileSync(path.join(modelsDir, 'ner-ar.json'), 'utf8')) as ArabicModel;
  // Distinct documents: the seed's paragraphs in rotated orders with a counter (new words and sentences each time).
  const paras = seed.split('\n').filter((p) => p.trim());
  const docs = Array.from({ length: 6 }, (_, k) => paras.map((p, i) => paras[(i + k) % paras.length] + ` ${k}${i}`).join('\n') + '\n');
  const regions = (d: string) => {
    const out: [number, number][] = [];
    let from = 0;
    for (const line of d.split('\n')) {
      if (line) out.push([from, from + line.length]);
      from += line.length + 1;
    }
    return out;
  };
  const tagAll = (t: ArabicTagger) => docs.map((d) => [t.tag(d), ...regions(d).map(([a, b]) => t.tag(d, a, b))]);

  it('tiny caches (emptied between documents, no memoized tokens) tag exactly as the default ones', () => {
    const ref = tagAll(new ArabicTagger(model, gaz));
    const small = new ArabicTagger(model, gaz, { maxWords: 50, maxSentences: 3, maxSentenceTokens: 40, maxMemoTokens: 0 });
    assert.deepEqual(tagAll(small), ref);
    // again: the caches now hold other documents' words and sentences
    assert.deepEqual(tagAll(small), ref);
    const st = small.cacheStats();
    assert.ok(st.sentences <= 3 && st.sentenceTokens <= 40 + 150, JSON.stringify(st));
  });

  it('sentences whose cache keys hash alike are told apart by their whole key', () => {
    const ref = tagAll(new ArabicTagger(model, gaz));
    const t = new ArabicTagger(model, gaz);
    // every key hashes to 7: each sentence is one entry of one chain, found again (or not) by its key alone
    (t as unknown as { keyHash: () => number }).keyHash = () => 7;
    assert.deepEqual(tagAll(t), ref);
    const st = t.cacheStats();
    assert.ok(st.sentences > 20, JSON.stringify(st));
    // again: every sentence a hit through the chain (no new entry), the same spans
    assert.deepEqual(tagAll(t), ref);
    assert.equal(t.cacheStats().sentences, st.sentences);
  });

  it('word ids running out: the words are numbered afresh and the sentence cache forgotten, output unchanged', () => {
    const ref = tagAll(new ArabicTagger(model, gaz));
    const other = docs.map((d) => d.replace(/ (\d+)\n/g, ' x$1\n')); // new words
    const refOther = other.map((d) => new ArabicTagger(model, gaz).tag(d));
    const t = new ArabicTagger(model, gaz);
    tagAll(t);
    (t as unknown as { nextUid: number }).nextUid = 0xffffffff - 5;
    assert.deepEqual(other.map((d) => t.tag(d)), refOther);
    assert.ok((t as unknown as { nextUid: number }).nextUid < 0xffffffff - 5, 'ids were renumbered');
    assert.deepEqual(tagAll(t), ref);
    assert.deepEqual(other.map((d) => t.tag(d)), refOther);
  });

  it('the word cache stays within its bound between documents; re-analysis hits the sentence cache', () => {
    const t = new ArabicTagger(model, gaz, { maxWords: 300 });
    let most = 0;
    for (const d of docs) {
      t.tag(d);
      most = Math.max(most, t.cacheStats().words);
    }
    // one document may take the cache past the bound (it is emptied before the next one)
    const perDoc = new Set(tokenize(docs[0]).map((x) => x.text)).size;
    assert.ok(most < 300 + perDoc, `${most} words`);
    const d = docs[docs.length - 1];
    const before = t.cacheStats().sentences;
    const again = t.tag(d);
    assert.equal(t.cacheStats().sentences, before, 'no new sentence decoded');
    assert.deepEqual(again, new ArabicTagger(model, gaz).tag(d));
  });

  it('regions cut inside a word or a surrogate pair are tokenized afresh, as without the document memo', () => {
    const text = seed.slice(0, 600) + ' 😀 ' + seed.slice(600, 1200);
    const emoji = text.indexOf('😀');
    const cuts: [number, number][] = [
      [3, 200],
      [0, emoji + 1],
      [emoji + 1, text.length],
      [10, 11],
      [text.indexOf(' ') + 1, text.lastIndexOf(' ')],
    ];
    const memo = new ArabicTagger(model, gaz);
    const plain = new ArabicTagger(model, gaz, { maxMemoTokens: 0 });
    for (const [a, b] of cuts) assert.deepEqual(memo.tag(text, a, b), plain.tag(text, a, b), `[${a}, ${b})`);
  });
});
