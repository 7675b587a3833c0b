/**
 * entities/tokens.ts word forms: a token's form is found by the characters of the text (no string cut per token);
 * it must give exactly what the word itself gives (foldKey, script, capital, lone marks skipped), the same form for
 * the same spelling, and stay right when the bounded table is emptied.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { arLexStem, arNationalAdjective, AR_TRIGGERS, formNationalAdjective, formTrigger } from '../../server/src/core/entities/lexicon';
import { cliticReadings, foldKey, formAt, formReadings, RegionTokenCache, restoreArticle, scanTokens, selectTokens, Sep, type Token, type TokenTest } from '../../server/src/core/entities/tokens';
import { proseRegions } from '../../server/src/core/entities';
import { parseStructure } from '../../server/src/core/structure';

const root = path.resolve(__dirname, '..', '..');
const seeds = ['000_36fff38b519712a3.txt', '001_lavrov_haftar_en.txt'].map((f) => fs.readFileSync(path.join(root, 'seeds', f), 'utf8'));

describe('entities: word forms of the linker tokens', () => {
  it('every token of the seeds has the key, script and capital of its own word', () => {
    for (const text of [...seeds, 'الخرطوم ـ عبدالواحد Éric vs. éric ـــ \u0651 𝒜𝒷c x𝒜 ٢٠١٦م 2016abc']) {
      const tokens = scanTokens(text, [{ start: 0, end: text.length }]);
      assert.ok(tokens.length >= 5);
      for (const t of tokens) {
        const w = text.slice(t.start, t.end);
        assert.equal(t.form.raw, w);
        // (the scan hashes a word as it reads it: the same hash as formAt's, so the same form)
        assert.equal(formAt(text, t.start, t.end), t.form, w);
        assert.equal(t.key, foldKey(w));
        assert.equal(t.form.key, t.key);
        const latin = /^[A-Za-z\u00c0-\u024f\u1e00-\u1eff]/.test(w) && !/^[\u00d7\u00f7]/.test(w);
        assert.equal(t.latin, latin, w);
        assert.equal(t.cap, latin && w[0] !== w[0].toLowerCase(), w);
      }
      // A lone tatweel or mark is not a word.
      assert.ok(tokens.every((t) => /[\p{L}\p{N}]/u.test(text.slice(t.start, t.end).replace(/\u0640/g, ''))));
    }
  });

  it('one form per spelling; its lexicon answers are those of its key', () => {
    const text = 'وزير الخارجية الروسي وزير الروسي';
    const tokens = scanTokens(text, [{ start: 0, end: text.length }]);
    assert.equal(tokens[0].form, tokens[3].form);
    assert.equal(tokens[2].form, tokens[4].form);
    assert.deepEqual(formTrigger(tokens[0].form), arLexStem('وزير', AR_TRIGGERS));
    assert.equal(formNationalAdjective(tokens[2].form), arNationalAdjective('الروسي'));
    assert.equal(formNationalAdjective(tokens[2].form), 'RU');
    assert.deepEqual(formReadings(formAt('وللجيش', 0, 6)), cliticReadings('وللجيش'));
  });

  it('RegionTokenCache.select: per paragraph, the same as selectTokens over the scan, after edits and version changes', () => {
    const cache = new RegionTokenCache();
    const paras = ['قال وزير الخارجية الروسي سيرغي لافروف', 'وزارة الخارجية الروسية أعلنت', 'Foreign Minister Sergei Lavrov said', 'قال الرئيس المصري'];
    let calls = 0;
    let data = new Uint32Array([1, 2, 3]);
    // A test of the word itself and of the next word of its paragraph, and one that reads `data` (through its version).
    const nextIsAl: TokenTest = (ts, i) => {
      calls++;
      const n = ts[i + 1];
      return !!n && n.sep === Sep.Space && n.key.startsWith('ال');
    };
    const longerThan = (ts: readonly Token[], i: number) => ts[i].key.length > data[0];
    // Each edit applies to the previous text: a word typed, two paragraphs swapped, a paragraph written twice.
    let cur = paras;
    for (const [step, edit] of [[0, (t: string[]) => t], [1, (t: string[]) => [t[0] + ' أمس', ...t.slice(1)]], [2, (t: string[]) => [t[1], t[0], t[2], t[3]]], [3, (t: string[]) => [...t, t[0]]]] as const) {
      cur = edit(cur);
      const text = cur.join('\n\n');
      const regions = proseRegions(parseStructure(text));
      const tokens = cache.scan(text, regions);
      assert.deepEqual(tokens, scanTokens(text, regions), `tokens, step ${step}`);
      const before = calls;
      assert.deepEqual(cache.select('next-al', nextIsAl), selectTokens(tokens, nextIsAl), `next-al, step ${step}`);
      if (step === 2) assert.equal(calls - before, tokens.length, 'paragraphs moved, none changed: only the check above ran the test');
      if (step === 3) data = new Uint32Array([3, 2, 1]);
      const v = cache.version('len', data);
      assert.equal(cache.version('len', data.slice()), v, 'equal data, same version');
      assert.deepEqual(cache.select('len', longerThan, v), selectTokens(tokens, longerThan), `len, step ${step}`);
    }
  });

  it("cliticReadings after 'لل': the article's alif restored, and its lam too before one letter ('لله' -> 'الله')", () => {
    assert.deepEqual(cliticReadings('للجيش').map((r) => [r.key, r.strip]), [['للجيش', 0], ['لجيش', 1], ['الجيش', 1]]);
    assert.deepEqual(cliticReadings('لله').map((r) => [r.key, r.strip]), [['لله', 0], ['له', 1], ['الله', 1]]);
    assert.deepEqual(cliticReadings('ولله').map((r) => [r.key, r.strip]), [['ولله', 0], ['لله', 1], ['له', 2], ['الله', 2]]);
    assert.equal(restoreArticle('لجيش'), 'الجيش');
    assert.equal(restoreArticle('له'), 'الله');
  });

  it('formAt: the form of exactly the characters asked for (short words packed into numbers, others compared)', () => {
    // Codes around the edges of the packed ranges (ASCII 0-0x7f, Arabic block 0x600-0x67f) and beyond them.
    const alphabet = ['\u0600', '\u0601', '\u067f', '\u0680', '\u05ff', 'ا', 'ل', 'ة', '\u064e', 'a', 'z', 'A', '\x00', '\x7f', '\x80', 'É', '1'];
    let x = 12345;
    const rnd = (n: number) => {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      return (x >>> 8) % n;
    };
    const seen = new Map<string, unknown>();
    for (let k = 0; k < 20000; k++) {
      let w = '';
      const len = 1 + rnd(10);
      for (let i = 0; i < len; i++) w += alphabet[rnd(alphabet.length)];
      const pad = '·'.repeat(rnd(3));
      const text = pad + w + pad;
      const f = formAt(text, pad.length, pad.length + w.length);
      assert.equal(f.raw, w);
      assert.equal(f.key, foldKey(w));
      if (seen.has(w)) assert.equal(f, seen.get(w), JSON.stringify(w));
      else seen.set(w, f);
    }
    assert.ok(seen.size > 15000);
  });

  it('stays right when the bounded table is emptied (more distinct words than it keeps)', () => {
    const words: string[] = [];
    for (let i = 0; i < 45000; i++) words.push(`w${i.toString(36)}`);
    const text = words.join(' ');
    const tokens = scanTokens(text, [{ start: 0, end: text.length }]);
    assert.equal(tokens.length, words.length);
    tokens.forEach((t, i) => assert.equal(t.form.raw, words[i]));
    // Seen again after the table was emptied: the same answers.
    const again = scanTokens(text, [{ start: 0, end: text.length }]);
    again.forEach((t, i) => assert.equal(t.key, words[i]));
  });

  it('a region of many words (scanned in batches) gets every word and every separator, across the batch edges', () => {
    const gaps: Array<[string, Sep]> = [[' ', Sep.Space], ['، ', Sep.Comma], ['. ', Sep.Boundary], [' « ', Sep.Punct], ['-', Sep.Space]];
    const words: string[] = [];
    const seps: Sep[] = [];
    let text = '';
    for (let i = 0; i < 2100; i++) {
      const [gap, sep] = gaps[(i * 7 + (i >> 5)) % gaps.length];
      if (i > 0) text += gap;
      const w = i % 3 === 0 ? `كلمة${i.toString(36)}` : i % 3 === 1 ? `Word${i}` : 'و';
      words.push(w);
      seps.push(i === 0 ? Sep.Boundary : sep);
      text += w;
    }
    const tokens = scanTokens(text, [{ start: 0, end: text.length }]);
    assert.deepEqual(tokens.map((t) => t.form.raw), words);
    assert.deepEqual(tokens.map((t) => t.sep), seps);
  });

  it('the words are the runs of /[\\p{L}\\p{M}\\p{N}]+/gu but lone tatweels and marks, at the edges of the Arabic block too', () => {
    // (U+0620..U+0669 are letters, tatweel, marks and digits; U+061F and U+066A..U+066D are punctuation)
    const pieces = ['\u061f', '\u0620', '\u0621', '\u063f', '\u0640', '\u064a', '\u064b', '\u065f', '\u0660', '\u0669', '\u066a', '\u066b', '\u066d', '\u066e', '\u06f0', 'a', 'Z', '7', ' ', '،', '-', '😀', '𝒜', '\u0301'];
    let seed = 5;
    const rnd = (n: number) => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0), (seed >>> 16) % n);
    let n = 0;
    for (let k = 0; k < 3000; k++) {
      let text = '';
      for (let i = 1 + rnd(12); i > 0; i--) text += pieces[rnd(pieces.length)];
      const want = [...text.matchAll(/[\p{L}\p{M}\p{N}]+/gu)]
        .filter((m) => !(/^[\u0640\p{M}]/u.test(m[0]) && !/[\p{L}\p{N}]/u.test(m[0].replace(/\u0640/g, ''))))
        .map((m) => [m.index!, m.index! + m[0].length]);
      const got = scanTokens(text, [{ start: 0, end: text.length }]).map((t) => [t.start, t.end]);
      assert.deepEqual(got, want, JSON.stringify(text));
      n += got.length;
    }
    assert.ok(n > 3000, `${n} words`);
  });
});
