/**
 * The Arabic tagger's first sight of a word form without feature strings (ArabicTagger.sumWord) against the string
 * path (wordInfo's own and context features looked up and summed): the same float32 sums, bit for bit, and the same
 * slim WordInfo, for every word form of the seed, of ANERcorp (when ../shared/data is there) and of made-up words
 * (diacritics, Latin, digits, clitics, short and long forms); and the same spans.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type FeatureConfig, OFFSETS, wordInfo } from '../../server/src/core/ner/features-ar';
import { FrozenStringTable, PerceptronModel, StringTable } from '../../server/src/core/ner/perceptron';
import { type ArabicModel, ArabicTagger } from '../../server/src/core/ner/tagger-ar';
import type { ArabicGazetteerData, ArabicLexicon } from '../../server/src/core/ner/lexicon-ar';
import { tokenize } from '../../server/src/core/text/tokenize';
import { findModelsDir } from '../../server/src/node/models';
import { assertSameWord, type TaggerInside, wordRow } from './ner-ar-helpers';

const root = path.join(__dirname, '..', '..');
const seed = fs.readFileSync(path.join(root, 'seeds', '000_36fff38b519712a3.txt'), 'utf8');

function forms(): string[] {
  const out = new Set<string>();
  const texts = [seed];
  const aner = path.join(root, '..', 'shared', 'data', 'anercorp');
  if (fs.existsSync(aner)) {
    for (const f of fs.readdirSync(aner)) {
      const p = path.join(aner, f);
      if (fs.statSync(p).isFile() && fs.statSync(p).size < 5e6) texts.push(fs.readFileSync(p, 'utf8'));
    }
  }
  for (const t of texts) for (const tok of tokenize(t)) out.add(tok.text);
  // made-up forms: random letters with clitics, diacritics, tatweel, Latin, digits, punctuation
  const letters = 'ابتثجحخدذرزسشصضطظعغفقكلمنهويةىأإآءئؤ';
  let r = 7;
  const rnd = () => ((r = (Math.imul(r, 1103515245) + 12345) & 0x7fffffff) / 0x80000000);
  const pre = ['', 'و', 'ف', 'ب', 'ل', 'ك', 'ال', 'وال', 'بال', 'لل', 'ولل', 'وب', 'فل'];
  for (let i = 0; i < 3000; i++) {
    let w = pre[Math.floor(rnd() * pre.length)];
    for (let j = 0, L = Math.floor(rnd() * 14); j < L; j++) {
      w += letters[Math.floor(rnd() * letters.length)];
      if (rnd() < 0.1) w += rnd() < 0.5 ? '\u064e' : '\u0640';
    }
    if (w) out.add(w);
  }
  for (const w of ['ABC', 'Obama', 'e-mail', '١٢٣', '2024', '،', ',', '.', '؟', 'مُحَمَّد', 'الـرئيس', 'x', 'ي', 'ال', 'لل', 'وللعراق', 'الروسية', 'بالروسي', 'والليبيون'])
    out.add(w);
  return [...out];
}

describe('ner: FrozenStringTable', () => {
  it('finds each key whole and given as pieces, and nothing else', () => {
    const keys = Array.from({ length: 3000 }, (_, i) => (i % 3 ? 'g3=' : 'w=') + i.toString(36) + (i % 5 ? 'ب' : '\ud83d\ude00'));
    keys.push('', 'x');
    const t = new FrozenStringTable(keys);
    assert.equal(t.size, keys.length);
    keys.forEach((k, i) => {
      assert.equal(t.get(k), i);
      const cut = Math.min(3, k.length);
      const p = k.slice(0, cut);
      const rest = '..' + k.slice(cut) + '.';
      assert.equal(t.getJoined(StringTable.hashFrom(StringTable.hash(p), rest, 2, rest.length - 1), p, rest, 2, rest.length - 1), i);
    });
    for (const u of ['w', 'w=', 'g3=0', 'xx', 'y', '\ud83d']) assert.equal(t.get(u), -1, u);
    assert.equal(t.getJoined(StringTable.hashFrom(StringTable.hash('w='), 'a0', 0, 2), 'w=', 'a0', 0, 2), -1);
  });
});

describe('ner: Arabic tagger, new word forms without feature strings', function () {
  this.timeout(120_000);
  const modelsDir = findModelsDir(__dirname)!;
  const gaz = JSON.parse(fs.readFileSync(path.join(modelsDir, 'gazetteer-ar.json'), 'utf8')) as ArabicGazetteerData;
  const model = JSON.parse(fs.readFileSync(path.join(modelsDir, 'ner-ar.json'), 'utf8')) as ArabicModel;

  it('the shipped model is covered by the fast path', () => {
    assert.equal((new ArabicTagger(model, gaz) as unknown as TaggerInside).fastWords, true);
  });

  it('sums and word infos are those of the strings, bit for bit', () => {
    // first a word of the training vocabulary: a fresh tagger's first word is also the first to read the vocabulary
    const ws = ['فرانكفورت', ...forms()];
    assert.ok(ws.length > 3000);
    const fast = new ArabicTagger(model, gaz, { maxWords: 1e9 }) as unknown as TaggerInside;
    const strings = new ArabicTagger(model, gaz, { maxWords: 1e9 }, { fastWords: false }) as unknown as TaggerInside;
    assert.equal(strings.fastWords, false);
    for (const w of ws) assertSameWord(fast, strings, w);
  });

  it("keyInfo's bit set answers as the lexicon does: for every key of the lexicon and for words in none of its lists", () => {
    type WithKeys = { lex: ArabicLexicon; keyInfo(key: string): number };
    const t = new ArabicTagger(model, gaz) as unknown as WithKeys;
    t.lex.vocabInKeys();
    let none = 0;
    for (const k of t.lex.single.keys()) assert.equal(t.keyInfo(k), t.lex.keyInfo(k), k);
    for (const w of forms()) {
      for (const k of [w, 'و' + w, w + 'ها']) {
        if (!t.lex.single.has(k)) none++;
        assert.equal(t.keyInfo(k), t.lex.keyInfo(k), k);
      }
    }
    assert.ok(none > 1000, `${none} words in no list`);
    // a key put into the map later (here by hand) is answered too: the bits follow the map's number of keys
    t.lex.single.set('كلمةجديدةتماما', 4);
    assert.equal(t.keyInfo('كلمةجديدةتماما'), 4);
  });

  it('a model with a base feature the fast path does not know is tagged through the strings, with the same spans', () => {
    const extra = { ...model, stage1: { ...model.stage1 } };
    const T = extra.stage1.labels.length;
    // one more feature 'zz=x' with zero weights: no effect on the sums, but not covered by the fast path
    extra.stage1.features = model.stage1.features + '\nzz=x';
    const bytes = Buffer.from(model.stage1.weights, 'base64');
    extra.stage1.weights = Buffer.concat([bytes, Buffer.alloc(2 * T)]).toString('base64');
    const t = new ArabicTagger(extra, gaz);
    assert.equal((t as unknown as TaggerInside).fastWords, false);
    assert.deepEqual(t.tag(seed), new ArabicTagger(model, gaz).tag(seed));
  });

  it('a one-stage model: each word\'s sums are its feature rows of the model, summed in order', () => {
    const one: ArabicModel = { ...model, features: { ...model.features, twoPass: false, stack: false }, stage2: undefined };
    const t = new ArabicTagger(one, gaz) as unknown as TaggerInside & { lex: ArabicLexicon; cfg: FeatureConfig };
    const m = PerceptronModel.fromJSON(model.stage1);
    const T = m.T;
    for (const w of tokenize(seed).map((x) => x.text)) {
      const row = wordRow(t, w);
      assert.equal(row.length, 5 * T);
      const info = wordInfo(w, t.lex, t.cfg);
      const sums = new Float32Array(5 * T);
      const add = (f: string, at: number) => {
        const id = m.featureId(f);
        if (id >= 0) for (let k = 0; k < T; k++) sums[at + k] += m.weights[id * T + k];
      };
      for (const f of ['bias', ...info.own]) add(f, 0);
      OFFSETS.forEach((r, k) => {
        for (const f of info.ctx) add(r + '|' + f, (1 + k) * T);
      });
      for (let i = 0; i < row.length; i++) if (!Object.is(row[i], sums[i])) assert.fail(`${w}: sum ${i} differs: ${row[i]} vs ${sums[i]}`);
    }
  });
});
