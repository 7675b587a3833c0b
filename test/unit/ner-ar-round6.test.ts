/**
 * The sixth round's name-boundary switches (features-ar.ts `nameConn`, `nameRun`, `namePair`, `nameTriple`; all off in the shipped
 * model, docs/ner.md "Sixth round"): the name classes and the codes they give on a genealogical name and a
 * coordination, none with the switches off, and the tagger's fast path (sumWord) gives every word the same name
 * classes as wordInfo.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { docStats, dynamicFeatures, type FeatureConfig, FULL_FEATURES, phraseMarks, wordInfo } from '../../server/src/core/ner/features-ar';
import { type ArabicGazetteerData, ArabicLexicon } from '../../server/src/core/ner/lexicon-ar';
import { type ArabicModel, ArabicTagger } from '../../server/src/core/ner/tagger-ar';
import { tokenize } from '../../server/src/core/text/tokenize';
import { findModelsDir } from '../../server/src/node/models';
import { assertSameWord, type TaggerInside } from './ner-ar-helpers';

describe('ner: Arabic sixth-round name-boundary switches', () => {
  const dir = findModelsDir(__dirname)!;
  const gaz = JSON.parse(fs.readFileSync(path.join(dir, 'gazetteer-ar.json'), 'utf8')) as ArabicGazetteerData;
  const shipped = JSON.parse(fs.readFileSync(path.join(dir, 'ner-ar.json'), 'utf8')) as ArabicModel;
  const lex = new ArabicLexicon(gaz, shipped.vocab);
  const ON: FeatureConfig = { ...FULL_FEATURES, nameConn: true, nameRun: true, namePair: true, nameTriple: true };
  const feats = (words: string[], cfg: FeatureConfig = ON) => {
    const ws = words.map((w) => wordInfo(w, lex, cfg));
    const marks = phraseMarks(ws, lex);
    const stats = docStats([ws]);
    return { ws, f: ws.map((_, i) => dynamicFeatures(ws, i, cfg, marks, stats, undefined, true).filter((x) => /^n[A-Z]=/.test(x))) };
  };

  it('connectors between names, coordination, run positions and class pairs', () => {
    const words = 'قال محمد بن راشد آل مكتوم إن شافيز ولوكاشنكو اتفقا .'.split(' ');
    const { ws, f } = feats(words);
    // محمد, راشد, مكتوم given names (1), بن and آل connectors (6), . punctuation (7)
    assert.deepEqual([1, 2, 3, 4, 5, 10].map((i) => ws[i].nc), [1, 6, 1, 6, 1, 7]);
    assert.ok(f[2].includes('nK=011'), f[2].join()); // بن between two given names
    assert.ok(f[3].includes('nC=011'), f[3].join()); // راشد after بن after a given name
    assert.ok(f[5].includes('nC=211'), f[5].join()); // مكتوم after آل after a given name
    // the run محمد … مكتوم: محمد first, راشد inside, مكتوم last (at least five words)
    assert.ok(f[1].includes('nR=41') && f[3].includes('nR=42'), f[1].join() + ' / ' + f[3].join());
    assert.ok(f[2].includes('nP=16') && f[2].includes('nN=61') && f[2].includes('nT=161'), f[2].join());
    // ولوكاشنكو: و + a name; the run of شافيز ends before it
    assert.ok(ws[8].ncc! >= 1 && ws[8].ncc! <= 4, String(ws[8].ncc));
    assert.ok(f[8].some((x) => x.startsWith('nW=' + ws[7].nc)), f[8].join());
    assert.equal(ws[5].ncc, -1);
    assert.deepEqual(feats(words, FULL_FEATURES).f.flat(), []);
    assert.equal(wordInfo('محمد', lex, FULL_FEATURES).nc, undefined);
  });

  it('a separate و: the classes of both sides', () => {
    const { ws, f } = feats('زار شافيز و لوكاشنكو موسكو'.split(' '));
    assert.ok(f[3].includes('nV=' + ws[1].nc + ws[3].nc), f[3].join());
  });

  it('sumWord gives the name classes wordInfo gives, for every word of the seed and made-up clitic forms', function () {
    this.timeout(60_000);
    const model: ArabicModel = { ...shipped, features: { ...shipped.features, nameConn: true, nameRun: true, namePair: true, nameTriple: true } };
    const fast = new ArabicTagger(model, gaz, { maxWords: 1e9 }) as unknown as TaggerInside;
    const strings = new ArabicTagger(model, gaz, { maxWords: 1e9 }, { fastWords: false }) as unknown as TaggerInside;
    assert.equal(fast.fastWords, true);
    const text = fs.readFileSync(path.join(__dirname, '../../seeds/000_36fff38b519712a3.txt'), 'utf8');
    const names = [...gaz.nameTokensFrequent.slice(0, 300), ...shipped.vocab!.E.slice(0, 300), ...gaz.places.slice(0, 100)];
    const ws = [...new Set([...tokenize(text).map((t) => t.text), ...names, ...names.map((w) => 'و' + w), ...names.map((w) => 'ف' + w), 'بن', 'آل', 'عبد', 'أبو', 'و', '،'])];
    const seen = new Set<string>();
    for (const w of ws) {
      assertSameWord(fast, strings, w);
      const info = (fast.infos[fast.word(w)] as { nc?: number; ncc?: number });
      assert.notEqual(info.nc, undefined, w);
      seen.add(info.nc + '/' + info.ncc);
    }
    assert.ok(seen.size >= 12, [...seen].join(' '));
  });
});
