import * as assert from 'node:assert/strict';
import { AR_ANCHOR_WORDS, arabicAnchors } from '../../server/src/core/dates/parse';
import { DIGIT } from '../../server/src/core/dates/lexicon';

/** The places as the one regular expression of the anchor words (longest first, restarted one character after
 *  each match) found them before arabicAnchors read keys: per list of ArAnchor bits, the places of the words. */
function reference(text: string): number[][] {
  const re = new RegExp([...AR_ANCHOR_WORDS.keys()].sort((a, b) => b.length - a.length).join('|'), 'g');
  const lists = [1, 3, 4, 8, 16, 32];
  const words: number[][] = [];
  for (const k of lists) words[k] = [];
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const a = AR_ANCHOR_WORDS.get(m[0])!;
    for (const k of lists) if (a & k) words[k].push(m.index);
    re.lastIndex = m.index + 1;
  }
  return words;
}

describe('arabicAnchors: the places of the Arabic anchor words', () => {
  it('are the places the regular expression of the words finds (inside, overlapping and at the end of the text)', () => {
    const ws = [...AR_ANCHOR_WORDS.keys()];
    // (every word, its prefixes and suffixes, and pieces whose key bits look like an anchor's)
    const pieces = [...ws, ...ws.map((w) => w.slice(0, -1)), ...ws.map((w) => w.slice(1)), ' ', 'ال', 'و', 'ب', 'x', 'a', '\u064b', 'غ', 'د', 'آ', '\u0100', '\u0300', '12', '٢٠', '😀', '\n'];
    let seed = 17;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed % n);
    let found = 0;
    for (let k = 0; k < 20000; k++) {
      let text = '';
      for (let i = rnd(7); i > 0; i--) text += pieces[rnd(pieces.length)];
      const want = reference(text);
      const got = arabicAnchors(text, false).words;
      assert.deepEqual(got, want, JSON.stringify(text));
      found += want.reduce((s, l) => s + l.length, 0);
    }
    assert.ok(found > 10000, 'the texts hold anchor words');
    // a two-letter word at the very end, and alone
    assert.deepEqual(arabicAnchors('بعد غد', false).words[8], [4]);
    assert.deepEqual(arabicAnchors('غد', false).words[8], [0]);
    assert.deepEqual(arabicAnchors('منذ', false).words[16], [0]);
    assert.deepEqual(arabicAnchors('منذ', false).words[8], []);
  });

  it('with digits: every place of a character of DIGIT, in order, and the same words', () => {
    const pieces = ['1', '9', '0', '/', ':', '٠', '٩', '۰', '۹', '\u065f', '\u066a', '\u06ef', '\u06fa', '\u0039\u0030', 'أمس', 'يناير', 'منذ', ' ', 'غد', '\u0131', '😀', '\n'];
    let seed = 23;
    const rnd = (n: number) => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0), (seed >>> 16) % n);
    const digit = new RegExp(DIGIT, 'g');
    let found = 0;
    for (let k = 0; k < 5000; k++) {
      let text = '';
      for (let i = rnd(8); i > 0; i--) text += pieces[rnd(pieces.length)];
      const want = [...text.matchAll(digit)].map((m) => m.index!);
      const got = arabicAnchors(text, true);
      assert.deepEqual(got.digits, want, JSON.stringify(text));
      assert.deepEqual(got.words, arabicAnchors(text, false).words, JSON.stringify(text));
      found += want.length;
    }
    assert.ok(found > 4000, `the texts hold digits (${found})`);
    assert.deepEqual(arabicAnchors('1', true).digits, [0]);
    assert.deepEqual(arabicAnchors('x٢', true).digits, [1]);
  });
});
