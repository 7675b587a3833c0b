/**
 * The seventh round's multi-word document switches (features-ar.ts `docPhrase`, `phrasePost`; off in the shipped model,
 * docs/ner.md "Seventh round"): the first pass's whole multi-word entities of a document (phraseTags), the codes a
 * sentence's tokens get from them (phraseCodes, 'd2p=' features), the post-pass that tags untagged repeats
 * (propagatePhrases), and the tagger across edits with d2p weights in its second stage: the document memo (the codes
 * key the decoded-sentence cache and decide which decoded sentences an edit keeps) tags as a tagger without it.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { docStats, addPassTags, dynamicFeatures, type FeatureConfig, FULL_FEATURES, phraseCodes, phraseMarks, phraseTags, propagatePhrases, wordInfo, PASS_TYPES } from '../../server/src/core/ner/features-ar';
import { type ArabicGazetteerData, ArabicLexicon } from '../../server/src/core/ner/lexicon-ar';
import { type ArabicModel, ArabicTagger } from '../../server/src/core/ner/tagger-ar';
import type { PerceptronJSON } from '../../server/src/core/ner/perceptron';
import { findModelsDir } from '../../server/src/node/models';
import { rng } from './ner-ar-helpers';

/** `m` with its stored integers divided by 64 (the scale times 64) and extra features whose weight on one label is
 * the largest one stored (emission sums reach hundreds of units: at the model's own scale an int16 weight is too weak
 * to decide a label). */
function withFeatures(m: PerceptronJSON, extra: [string, string][]): PerceptronJSON {
  const L = m.labels.length;
  const old = new Int16Array(Buffer.from(m.weights, 'base64').buffer.slice(0));
  const nf = m.features.split('\n').length;
  const out = new Int16Array((nf + extra.length) * L);
  for (let i = 0; i < old.length; i++) out[i] = Math.round(old[i] / 64);
  extra.forEach(([, label], k) => (out[(nf + k) * L + m.labels.indexOf(label)] = 32767));
  return { ...m, scale: m.scale * 64, features: m.features + '\n' + extra.map((e) => e[0]).join('\n'), weights: Buffer.from(out.buffer).toString('base64') };
}

describe('ner: Arabic seventh-round multi-word document switches', function () {
  this.timeout(120000);
  const dir = findModelsDir(__dirname)!;
  const gaz = JSON.parse(fs.readFileSync(path.join(dir, 'gazetteer-ar.json'), 'utf8')) as ArabicGazetteerData;
  const shipped = JSON.parse(fs.readFileSync(path.join(dir, 'ner-ar.json'), 'utf8')) as ArabicModel;
  const lex = new ArabicLexicon(gaz, shipped.vocab);
  const ON: FeatureConfig = { ...FULL_FEATURES, docPhrase: true };
  const infos = (s: string, cfg: FeatureConfig = ON) => s.split(' ').map((w) => wordInfo(w, lex, cfg));

  it('phraseTags and phraseCodes: a whole first-pass entity marks its repeats, the first word by its bare stem', () => {
    const a = infos('قال البنك التجاري إن الأرباح زادت');
    const b = infos('وأعلن والبنك التجاري أمس');
    const ph = phraseTags([a, b], [['O', 'B-ORG', 'I-ORG', 'O', 'O', 'O'], ['O', 'O', 'O', 'O']]);
    assert.deepEqual([...ph.keys], [['بنك التجاري', [0, 0, 1, 0]]]);
    // ORG (index 2): 1 + 3 x 2 + position
    assert.deepEqual([...phraseCodes(b, ph)!], [0, 7, 9, 0]);
    assert.equal(phraseCodes(infos('قال البنك المركزي'), ph), undefined);
    // the codes come as 'd2p=' features through the signature
    const stats = docStats([a, b]);
    addPassTags(stats, [a, b], [['O', 'B-ORG', 'I-ORG', 'O', 'O', 'O'], ['O', 'O', 'O', 'O']], ON);
    const f = (cfg: FeatureConfig, pm?: Uint8Array) => b.map((_, i) => dynamicFeatures(b, i, cfg, phraseMarks(b, lex), stats, undefined, true, pm).filter((x) => x.startsWith('d2p=')));
    assert.deepEqual(f(ON, phraseCodes(b, stats.phrases)), [[], ['d2p=ORGB'], ['d2p=ORGL'], []]);
    assert.deepEqual(f(FULL_FEATURES), [[], [], [], []]);
    // leaving out the sentence's own first-pass span: 'البنك التجاري' tagged only in the first sentence is nowhere else
    assert.deepEqual([...phraseCodes(b, ph, ['O', 'O', 'O', 'O'])!], [0, 7, 9, 0]);
    assert.equal(phraseCodes(a, ph, ['O', 'B-ORG', 'I-ORG', 'O', 'O', 'O']), undefined);
    // four words: first, inside, inside, last
    const c = infos('محمد بن راشد آل مكتوم');
    const pc = phraseTags([c], [['B-PER', 'I-PER', 'I-PER', 'I-PER', 'O']]);
    assert.deepEqual([...phraseCodes(c, pc)!], [1, 2, 2, 3, 0]);
    assert.ok(PASS_TYPES[0] === 'PER');
  });

  it('propagatePhrases: an untagged repeat, or one split into shorter spans of another type, takes the type; mixed types do not spread', () => {
    const s = [infos('قال البنك التجاري'), infos('ان البنك التجاري و دينامو كييف'), infos('فاز دينامو كييف')];
    const l = [['O', 'B-ORG', 'I-ORG'], ['O', 'B-LOC', 'O', 'O', 'B-ORG', 'I-ORG'], ['O', 'B-PER', 'B-LOC']];
    propagatePhrases(s, l);
    assert.deepEqual(l, [['O', 'B-ORG', 'I-ORG'], ['O', 'B-ORG', 'I-ORG', 'O', 'B-ORG', 'I-ORG'], ['O', 'B-ORG', 'I-ORG']]);
    const m = [['O', 'B-ORG', 'I-ORG'], ['O', 'B-LOC', 'I-LOC', 'O', 'O', 'O'], ['O', 'O', 'O']];
    propagatePhrases(s, m);
    assert.deepEqual(m[1].slice(1, 3), ['B-LOC', 'I-LOC']);
    // a span crossing the n-gram's bounds is left alone
    const n = [['O', 'B-ORG', 'I-ORG'], ['B-ORG', 'I-ORG', 'I-ORG', 'O', 'O', 'O'], ['O', 'O', 'O']];
    propagatePhrases(s, n);
    assert.deepEqual(n[1], ['B-ORG', 'I-ORG', 'I-ORG', 'O', 'O', 'O']);
  });

  for (const elsewhere of [false, true]) it(`with d2p weights in the second stage${elsewhere ? ' (phraseElsewhere: the own span left out)' : ''}: random edits tag as a tagger without the memo, and the feature changes the output`, () => {
    // d2p pulls a repeat strongly to another type than its phrase's (PER -> LOC -> ORG -> PER, MISC -> PER), so that
    // the codes decide labels and a stale code would show
    const other: Record<string, string> = { PER: 'LOC', LOC: 'ORG', ORG: 'PER', MISC: 'PER' };
    const extra = PASS_TYPES.flatMap((t): [string, string][] => [['d2p=' + t + 'B', 'B-' + other[t]], ['d2p=' + t + 'I', 'I-' + other[t]], ['d2p=' + t + 'L', 'I-' + other[t]]]);
    const model: ArabicModel = { ...shipped, features: { ...ON, phraseElsewhere: elsewhere }, stage2: withFeatures(shipped.stage2!, extra) };
    const seed = fs.readFileSync(path.join(__dirname, '../../seeds/000_36fff38b519712a3.txt'), 'utf8');
    // the same model without the switch: the codes are what changes the article
    const off = new ArabicTagger({ ...model, features: FULL_FEATURES }, gaz);
    const on = new ArabicTagger(model, gaz);
    assert.notDeepEqual(on.tag(seed), off.tag(seed), 'the d2p weights change the seed article');
    // an edit whose only effect on an earlier, unchanged sentence is a new first-pass entity of the document ('حفتر
    // وبوغدانوف' tagged as one): that sentence's codes change while its words, signatures and first-pass labels stay
    const base = seed.slice(0, 3000);
    for (const add of ['حفتر وبوغدانوف', 'الروسي حفتر']) {
      const t = new ArabicTagger(model, gaz);
      t.tag(base);
      const edited = base + '\nوقال ' + add + ' .';
      assert.deepEqual(t.tag(edited), new ArabicTagger(model, gaz).tag(edited), add);
      assert.deepEqual(t.tag(base), new ArabicTagger(model, gaz).tag(base), add + ', taken back');
    }
    const words = seed.split(/\s+/).filter(Boolean);
    const r = rng(7);
    const memo = new ArabicTagger(model, gaz);
    const plain = new ArabicTagger(model, gaz, { maxMemoTokens: 0 });
    const names = ['سيرغي لافروف', 'لافروف', 'مجلس الأمن', 'مجلس الأمن الدولي', 'مجلس الأمن الروسي', 'عقيلة صالح', 'عقيلة صالح عيسى', 'خليفة حفتر', 'الأمم المتحدة', 'وزارة الخارجية الروسية', 'وزارة الخارجية'];
    let text = seed.slice(0, 3000);
    for (let step = 0; step < 60; step++) {
      const at = Math.floor(r() * text.length);
      const x = r();
      if (x < 0.2) {
        // a two- or three-word stretch of the text repeated elsewhere, with or without a clitic (a new multi-word repeat)
        const k = Math.floor(r() * (words.length - 2));
        text = text.slice(0, at) + ' ' + (r() < 0.5 ? 'و' : '') + words.slice(k, k + (r() < 0.5 ? 2 : 3)).join(' ') + ' ' + text.slice(at);
      } else if (x < 0.4) {
        // a name of the article, whole or shortened, in a sentence of its own (the first pass's entities change while
        // the other sentences' words, signatures and first-pass labels may stay)
        const name = names[Math.floor(r() * names.length)];
        const nl = text.indexOf('\n', at);
        const pos = nl < 0 ? text.length : nl;
        text = text.slice(0, pos) + '\n' + (r() < 0.5 ? 'وقال ' : 'التقى ') + name + ' .' + text.slice(pos);
      } else if (x < 0.5) text = text.slice(0, at) + ' ' + words[Math.floor(r() * words.length)] + text.slice(at);
      else if (x < 0.7) text = text.slice(0, at) + text.slice(Math.min(text.length, at + 1 + Math.floor(r() * 30)));
      else if (x < 0.8) text = text.slice(0, at) + (r() < 0.5 ? '. ' : '\n') + text.slice(at);
      else if (x < 0.9) text = text.replace(/[.\n]/, ' ');
      else text = seed.slice(Math.floor(r() * 2000), 2000 + Math.floor(r() * 2000));
      assert.deepEqual(memo.tag(text), plain.tag(text), `step ${step}`);
      const cut = Math.floor(r() * text.length);
      assert.deepEqual(memo.tag(text, 0, cut), plain.tag(text, 0, cut), `step ${step}, region`);
      assert.deepEqual(memo.tag(text), new ArabicTagger(model, gaz).tag(text), `step ${step}, fresh`);
    }
  });
});
