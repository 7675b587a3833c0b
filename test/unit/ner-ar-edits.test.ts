import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { addPassTags, docSignatureCode, docStats, DocStatsTally, type DocStats, FULL_FEATURES, type WordInfo, wordInfo } from '../../server/src/core/ner/features-ar';
import { ArabicLexicon, type ArabicGazetteerData, SPORT_WORDS } from '../../server/src/core/ner/lexicon-ar';
import { type ArabicModel, ArabicTagger, M_SIG, M_STAMP, SLOT } from '../../server/src/core/ner/tagger-ar';
import { tokenize } from '../../server/src/core/text/tokenize';
import { findModelsDir } from '../../server/src/node/models';
import { rng } from './ner-ar-helpers';

// The tagger's document memo follows an edit (docFor: word slots, sentences, statistics as per-sentence sums,
// signatures of the touched stems, decoded sentences kept): after any sequence of edits it must tag exactly as a
// tagger without the memo.
const seed = fs.readFileSync(path.join(__dirname, '../../seeds/000_36fff38b519712a3.txt'), 'utf8');

describe('ner: Arabic tagger across edits', function () {
  this.timeout(120000);
  const modelsDir = findModelsDir(__dirname)!;
  const gaz = JSON.parse(fs.readFileSync(path.join(modelsDir, 'gazetteer-ar.json'), 'utf8')) as ArabicGazetteerData;
  const model = JSON.parse(fs.readFileSync(path.join(modelsDir, 'ner-ar.json'), 'utf8')) as ArabicModel;

  it('DocStatsTally: sentences added and taken back give the statistics docStats gives', () => {
    const lex = new ArabicLexicon(gaz);
    const sents = seed.split('\n').filter((p) => p.trim()).map((p) => p.split(/\s+/).filter(Boolean).map((w) => wordInfo(w, lex, FULL_FEATURES)));
    const r = rng(3);
    const t = new DocStatsTally();
    let have: typeof sents = [];
    for (let step = 0; step < 40; step++) {
      if (have.length && r() < 0.4) {
        const k = Math.floor(r() * have.length);
        t.add(have[k], -1);
        have = have.filter((_, i) => i !== k);
      } else {
        const s = sents[Math.floor(r() * sents.length)];
        t.add(s, 1);
        have.push(s);
      }
      const ref = docStats(have);
      const got = t.stats();
      assert.deepEqual([...got.count].sort(), [...ref.count].sort());
      assert.deepEqual([...got.words].sort(), [...ref.words].sort());
      for (const k of ['afterTitle', 'afterOrg', 'afterLoc'] as const) {
        const keys = [...(got[k] as Map<string, number>).keys()].sort();
        assert.deepEqual(keys, [...(ref[k] as Set<string>)].sort(), k);
      }
      assert.equal(got.sport, ref.sport);
      // first-pass tags: every word tagged B-PER, then taken back for half of them
      const labels = have.map((s) => s.map((_, i) => (i % 3 ? 'O' : 'B-PER')));
      const tt = new DocStatsTally();
      have.forEach((s, k) => tt.addTags(s, labels[k], 1));
      have.forEach((s, k) => k % 2 && tt.addTags(s, labels[k], -1));
      addPassTags(ref, have.filter((_, k) => k % 2 === 0), labels.filter((_, k) => k % 2 === 0));
      assert.deepEqual([...tt.tagged].sort(), [...ref.tagged!].sort());
    }
  });

  it('a clitic comes off a name by what the document says about the word: an edit that changes that is followed', () => {
    // 'وفيدوروفيتش' once: an unknown word after a conjunction, the و comes off; twice: it stays (cliticStart)
    const memo = new ArabicTagger(model, gaz);
    const plain = new ArabicTagger(model, gaz, { maxMemoTokens: 0 });
    const s1 = '\nقال وفيدوروفيتش إن المحادثات كانت مثمرة.\n';
    const a = seed.slice(0, 2000) + s1;
    const b = a + s1;
    const names = (spans: { text: string }[]) => spans.map((x) => x.text).filter((x) => x.includes('فيدوروفيتش'));
    assert.deepEqual(names(plain.tag(a)), ['فيدوروفيتش']);
    assert.deepEqual(names(plain.tag(b)), ['وفيدوروفيتش', 'وفيدوروفيتش']);
    for (const x of [a, b, a, b]) assert.deepEqual(memo.tag(x), plain.tag(x));
  });

  it('sentences after an edit of a long text cut only at the 150-token limit are those of a fresh scan', () => {
    // no full stop or line break: every cut is the length limit, so a window of the scan ending at the limit must not
    // be taken for a cut the previous text had (sentencesAfter)
    const words = seed.split(/[\s.،؛:!؟"()«»]+/).filter((w) => /^[\u0621-\u064a]+$/.test(w));
    let text = Array.from({ length: 1400 }, (_, i) => words[i % words.length]).join(' ');
    const memo = new ArabicTagger(model, gaz);
    const ranges = (t: ArabicTagger) => (t as unknown as { lastDoc: { ranges: [number, number][] } }).lastDoc.ranges;
    const r = rng(5);
    memo.tag(text);
    for (let step = 0; step < 12; step++) {
      // at the start of token 149 (+150k): the scan window then ends on a limit cut where the previous text had one
      const at = step % 4 === 0 ? tokenize(text)[149 + 150 * (step / 4)].start : step < 4 ? 0 : Math.floor(r() * text.length);
      const add = step % 3 === 2 ? ' ' + words.slice(0, 40).join(' ') + '. ' : ' ' + words[step];
      text = text.slice(0, at) + add + ' ' + text.slice(at);
      const fresh = new ArabicTagger(model, gaz);
      assert.deepEqual(memo.tag(text), fresh.tag(text), `step ${step}`);
      assert.deepEqual(ranges(memo), ranges(fresh), `step ${step}, sentences`);
    }
  });

  it('random edits (words typed and deleted, sentences split and joined, a sports topic coming and going) tag as a fresh tagger', () => {
    const words = seed.split(/\s+/).filter(Boolean);
    const sport = [...SPORT_WORDS];
    const r = rng(11);
    const memo = new ArabicTagger(model, gaz);
    const plain = new ArabicTagger(model, gaz, { maxMemoTokens: 0 });
    let text = seed.slice(0, 3000);
    let sportsIn = 0;
    let checked = 0;
    for (let step = 0; step < 40; step++) {
      const at = Math.floor(r() * text.length);
      const x = r();
      if (x < 0.15) text = text.slice(0, at) + ' ' + words[Math.floor(r() * words.length)] + text.slice(at);
      else if (x < 0.3) {
        // a word of the text again with a clitic prefix, or without one (what cliticStart reads from the document)
        const w = words[Math.floor(r() * words.length)];
        const v = r() < 0.6 ? (r() < 0.5 ? 'و' : 'ب') + w : w.replace(/^[وفب]/, '');
        const near = text.indexOf(w);
        const pos = near >= 0 && r() < 0.5 ? near : at;
        text = text.slice(0, pos) + ' ' + v + ' ' + text.slice(pos);
      }
      else if (x < 0.45) text = text.slice(0, at) + text.slice(Math.min(text.length, at + 1 + Math.floor(r() * 30)));
      else if (x < 0.55) text = text.slice(0, at) + (r() < 0.5 ? '. ' : '\n') + text.slice(at);
      else if (x < 0.65) text = text.replace(/[.\n]/, ' ');
      else if (x < 0.8) {
        // several sports words at once (the document's sports flag flips), later taken out again
        if (sportsIn === 0) {
          const add = Array.from({ length: 5 }, () => sport[Math.floor(r() * sport.length)]).join(' ');
          text = text.slice(0, at) + ' ' + add + ' ' + text.slice(at);
          sportsIn = 1;
        } else {
          for (const w of sport) text = text.split(' ' + w + ' ').join(' ');
          sportsIn = 0;
        }
      } else if (x < 0.85) text = seed.slice(Math.floor(r() * 2000), 2000 + Math.floor(r() * 2000)); // another document
      else if (x < 0.9) text = text.slice(0, at) + words[Math.floor(r() * words.length)] + text.slice(at); // a word changed in place
      else {
        // at the very start or end: an emoji, a word of 13+ units, a tab or CRLF, a lone surrogate
        const bits = ['😀', 'والاستراتيجيات', 'abcdefghijklmnopq', '\t', '\r\n', '\ud800', ' ', '،'];
        const b = bits[Math.floor(r() * bits.length)];
        text = r() < 0.5 ? b + text : text + b;
      }
      const cut = Math.floor(r() * text.length);
      assert.deepEqual(memo.tag(text), plain.tag(text), `step ${step}`);
      assert.deepEqual(memo.tag(text, 0, cut), plain.tag(text, 0, cut), `step ${step}, region`);
      // regions starting where a sentence (a line, or after a full stop) starts, ending anywhere
      const line = text.indexOf('\n', Math.floor(r() * text.length)) + 1;
      const stop = text.indexOf('. ', Math.floor(r() * text.length)) + 2;
      for (const from of [line, stop]) {
        const to = from + Math.floor(r() * (text.length - from + 1));
        if (from > 0) assert.deepEqual(memo.tag(text, from, to), plain.tag(text, from, to), `step ${step}, region [${from}, ${to})`);
      }
      assert.deepEqual(memo.tag(text), plain.tag(text), `step ${step}, again`);
      // inside: the first pass and every signature the memo holds for the document's words are what a fresh tagger
      // and docSignatureCode give
      type Inside = { lastDoc: { ids1: Int32Array[]; slots: Int32Array; stats: DocStats }; meta: Int32Array; sigGen: number; infos: WordInfo[]; cfg: typeof FULL_FEATURES };
      const m = memo as unknown as Inside;
      assert.deepEqual((m.lastDoc as unknown as { tokens: unknown }).tokens, tokenize(text), `step ${step}, tokens`);
      const fresh = new ArabicTagger(model, gaz);
      fresh.tag(text);
      const ranges = (t: unknown) => (t as { lastDoc: { ranges: [number, number][] } }).lastDoc.ranges;
      assert.deepEqual(ranges(memo), ranges(fresh), `step ${step}, sentences`);
      assert.deepEqual(m.lastDoc.ids1.map((a) => [...a]), (fresh as unknown as Inside).lastDoc.ids1.map((a) => [...a]), `step ${step}, first pass`);
      const st = m.lastDoc.stats;
      const st0 = { ...st, tagged: undefined };
      for (const slot of m.lastDoc.slots) {
        for (let t = 0; t < 2; t++) {
          // meta: SLOT numbers per slot, the signature stamps at M_STAMP (+1 with first-pass tags), the signatures at M_SIG
          if (m.meta[SLOT * slot + M_STAMP + t] !== m.sigGen) continue;
          checked++;
          assert.equal(m.meta[SLOT * slot + M_SIG + t], docSignatureCode(m.infos[slot], m.cfg, t ? st : st0), `step ${step}, signature of ${m.infos[slot].n}`);
        }
      }
    }
    assert.ok(checked > 1000, `${checked} signatures checked`);
  });
});
