/**
 * text/clitics.ts: the character-code implementations of cliticSplits, hasArticle and bareStem give exactly what the
 * earlier implementations (kept below as the reference: a sorted array with a Set of offsets, and regular
 * expressions) gave, on random words over the letters that matter and on the real words of the seed article (and of
 * ANERcorp when ../shared/data is there).
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type CliticSplit, bareStem, cliticSplits, hasArticle } from '../../server/src/core/text/clitics';
import { normalizeArabic } from '../../server/src/core/text/normalize';

const root = path.resolve(__dirname, '..', '..');

// ---- the reference (the implementation before the rewrite, verbatim in behaviour)
const CONJ = [0x0648, 0x0641];
const PREP = [0x0628, 0x0644, 0x0643];
const isMark = (c: number) => (c >= 0x064b && c <= 0x065f) || c === 0x0670 || c === 0x0640;
function nextLetter(w: string, i: number): number {
  while (i < w.length && isMark(w.charCodeAt(i))) i++;
  return i;
}
function lettersFrom(w: string, i: number): number {
  let n = 0;
  for (; i < w.length; i++) if (!isMark(w.charCodeAt(i))) n++;
  return n;
}
function refSplits(word: string, minStem = 2): CliticSplit[] {
  const out: CliticSplit[] = [{ prefix: '', offset: 0, stem: word, restoreAl: false }];
  let i = nextLetter(word, 0);
  let prefix = '';
  const c0 = word.charCodeAt(i);
  const starts: { i: number; prefix: string }[] = [{ i, prefix: '' }];
  if (CONJ.includes(c0)) starts.push({ i: nextLetter(word, i + 1), prefix: String.fromCharCode(c0) });
  const seen = new Set<number>([0]);
  const push = (off: number, p: string, restoreAl: boolean) => {
    if (seen.has(off) || lettersFrom(word, off) < minStem) return;
    seen.add(off);
    out.push({ prefix: p, offset: off, stem: word.slice(off), restoreAl });
  };
  for (const s of starts) {
    i = s.i;
    prefix = s.prefix;
    if (prefix) push(i, prefix, false);
    const c = word.charCodeAt(i);
    if (PREP.includes(c)) {
      const j = nextLetter(word, i + 1);
      if (c === 0x0644 && word.charCodeAt(j) === 0x0644) push(j, prefix + 'ل', true);
      else push(j, prefix + String.fromCharCode(c), false);
    }
  }
  out.sort((a, b) => a.offset - b.offset);
  return out;
}
const refHasArticle = (n: string) => /^(?:[وف]?(?:[بك]?ال|لل))/.test(n);
function refBareStem(n: string): string {
  const m = /^(?:[وف]?(?:[بك]?ال|لل)|[وف]?[بلك]?)/.exec(n);
  const rest = m ? n.slice(m[0].length) : n;
  return rest.length >= 2 ? rest : n;
}

// ---- words to compare on
function randomWords(count: number, seed: number): string[] {
  // Mostly the clitic letters, the article, marks and tatweel, so that every branch is reached often.
  const alphabet = ['و', 'ف', 'ب', 'ل', 'ك', 'ا', 'ل', 'ل', 'و', 'م', 'ي', 'ه', 'ن', '\u064e', '\u0651', '\u0670', '\u0640', 'a', ' '];
  let x = seed >>> 0;
  const rnd = (n: number) => {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    return x % n;
  };
  const out: string[] = [''];
  for (let k = 0; k < count; k++) {
    let w = '';
    const len = rnd(8);
    for (let i = 0; i < len; i++) w += alphabet[rnd(alphabet.length)];
    out.push(w);
  }
  return out;
}

function realWords(): string[] {
  const words = new Set<string>();
  const add = (text: string) => {
    for (const w of text.match(/[\p{L}\p{M}\p{N}]+/gu) ?? []) words.add(w);
  };
  add(fs.readFileSync(path.join(root, 'seeds', '000_36fff38b519712a3.txt'), 'utf8'));
  const aner = path.join(root, '..', 'shared', 'data', 'anercorp', 'ANERCorp_CamelLab_train.txt');
  if (fs.existsSync(aner)) add(fs.readFileSync(aner, 'utf8'));
  return [...words];
}

describe('text: clitics by character codes (same answers as the reference implementation)', () => {
  const words = [...randomWords(20000, 7), ...realWords()];

  it('cliticSplits: same readings in the same order (minStem 1, 2, 3)', () => {
    let split = 0;
    for (const w of words) {
      for (const min of [1, 2, 3]) {
        const got = cliticSplits(w, min);
        assert.deepEqual(got, refSplits(w, min), `${JSON.stringify(w)} minStem ${min}`);
        if (got.length > 1) split++;
      }
      assert.deepEqual(cliticSplits(w), refSplits(w), JSON.stringify(w));
    }
    assert.ok(split > 1000, `words with a clitic reading: ${split}`);
  });

  it('hasArticle and bareStem: same answers on the normalized words', () => {
    let withArticle = 0;
    for (const w of words) {
      for (const n of [w, normalizeArabic(w)]) {
        assert.equal(hasArticle(n), refHasArticle(n), JSON.stringify(n));
        assert.equal(bareStem(n), refBareStem(n), JSON.stringify(n));
        if (hasArticle(n)) withArticle++;
      }
    }
    assert.ok(withArticle > 1000, `words with an article: ${withArticle}`);
  });
});
