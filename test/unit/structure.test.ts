import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseStructure, splitLines } from '../../server/src/core/structure';
import { LineIndex } from '../../server/src/core/text/lines';
import fc from 'fast-check';
import { detectLanguage, detectLanguageIn } from '../../server/src/core/text/language';

const seed = fs.readFileSync(path.join(__dirname, '../../seeds/000_36fff38b519712a3.txt'), 'utf8');

describe('structure', () => {
  it('reads the seed: headline, eight paragraphs, quotations', () => {
    const s = parseStructure(seed);
    assert.equal(s.headline?.text, 'لافروف: سندعم التسوية السياسية في ليبيا');
    assert.equal(s.paragraphs.length, 8);
    assert.equal(s.dateline, undefined, 'the seed has no dateline');
    const quotes = s.quotations.map((q) => seed.slice(q.start, q.end));
    assert.ok(quotes.includes('«إزفيستيا»'));
    assert.ok(quotes.some((q) => q.startsWith('«نقيم دوركم')));
  });

  it('skips front matter and a Markdown heading marker', () => {
    const text = '---\ntitle: x\ndate: 2016-11-30\n---\n\n# Lavrov meets Haftar\n\nMOSCOW, Nov 30 (Reuters) - Russia said.\n';
    const s = parseStructure(text);
    assert.equal(s.frontMatter?.fields.date, '2016-11-30');
    assert.equal(s.headline?.text, 'Lavrov meets Haftar');
    assert.equal(s.dateline?.place?.text, 'MOSCOW');
    assert.equal(s.paragraphs.length, 1);
  });

  it('finds an Arabic dateline but not a quotation attribution', () => {
    assert.equal(parseStructure('عنوان\nموسكو: 30 نوفمبر 2016 - قال الوزير').dateline?.place?.text, 'موسكو');
    assert.equal(parseStructure('عنوان\nوأكد لافروف: نحن هنا').dateline, undefined);
  });

  it('uses blank-line blocks as paragraphs when the body has them', () => {
    const s = parseStructure('Title\n\nline one\nline two\n\nsecond para\n');
    assert.deepEqual(s.paragraphs.map((p) => p.index), [1, 2]);
  });

  it('handles empty and whitespace-only text', () => {
    assert.deepEqual(parseStructure('').paragraphs, []);
    assert.equal(parseStructure('  \n\n ').headline, undefined);
  });

  it('quotations: each opening mark of a paragraph or the headline with the first closing mark after it there, as a pass over the characters finds them', () => {
    const close: Record<string, string> = { '«': '»', '“': '”', '"': '"', '‹': '›' };
    // (the quotations as one pass over each paragraph's characters, then the headline's, finds them, in order)
    const reference = (text: string, spans: ReadonlyArray<{ start: number; end: number }>) => {
      const out: Array<{ start: number; end: number; open: string }> = [];
      for (const sp of spans) {
        for (let i = sp.start; i < sp.end; i++) {
          const c = close[text[i]];
          if (!c) continue;
          const j = text.indexOf(c, i + 1);
          if (j > i && j < sp.end) {
            out.push({ start: i, end: j + 1, open: text[i] });
            i = j;
          }
        }
      }
      return out.sort((a, b) => a.start - b.start);
    };
    const pieces = ['«', '»', '“', '”', '"', '‹', '›', 'قال', 'word', ' ', ' ', '\n', '\n\n', '.', 'ع', '9', '\u0622', '\u06ab'];
    let seed = 7;
    const rnd = (n: number) => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0), (seed >>> 16) % n);
    let found = 0;
    for (let k = 0; k < 4000; k++) {
      let text = '';
      for (let i = rnd(30); i > 0; i--) text += pieces[rnd(pieces.length)];
      const s = parseStructure(text);
      const spans = [...s.paragraphs, ...(s.headline ? [s.headline] : [])];
      const want = reference(text, spans);
      assert.deepEqual(s.quotations, want, JSON.stringify(text));
      found += want.length;
    }
    assert.ok(found > 2000, `${found} quotations`);
  });
});

describe('LineIndex', () => {
  it('converts offsets and positions both ways with LF, CRLF and CR', () => {
    const text = 'ab\r\ncd\ne\rf';
    const idx = new LineIndex(text);
    assert.equal(idx.lineCount, 4);
    for (let o = 0; o <= text.length; o++) {
      if (text[o - 1] === '\r' && text[o] === '\n') continue; // inside a CRLF
      assert.equal(idx.offsetAt(idx.positionAt(o)), o, `offset ${o}`);
    }
    assert.deepEqual(idx.positionAt(4), { line: 1, character: 0 });
    assert.equal(idx.offsetAt({ line: 0, character: 99 }), 2, 'clamped before the line break');
  });
});

describe('detectLanguage', () => {
  it('tells Arabic from English', () => {
    assert.equal(detectLanguage(seed), 'ar');
    assert.equal(detectLanguage('Russian Foreign Minister Sergei Lavrov met Khalifa Haftar (خليفة حفتر).'), 'en');
  });

  it('decides as counting every letter would, though it stops once the rest cannot change the answer', () => {
    // The count over the whole range, as detectLanguageIn did before it stopped early.
    const counted = (t: string, from: number, to: number): string => {
      let ar = 0;
      let lat = 0;
      for (const ch of t.slice(from, to)) {
        if (/[\u0620-\u064a\u066e-\u06d3\ufb50-\ufdff\ufe70-\ufefc]/.test(ch)) ar++;
        else if (/[A-Za-z\u00c0-\u024f]/.test(ch)) lat++;
      }
      return ar === 0 && lat === 0 ? 'ar' : ar >= lat ? 'ar' : 'en';
    };
    const piece = fc.constantFrom('a', 'Z', 'é', 'ب', 'ة', 'ﻻ', ' ', '1', '.', 'abc ', 'حفتر ');
    fc.assert(fc.property(fc.array(piece, { maxLength: 700 }), fc.nat(), fc.nat(), (xs, x, y) => {
      const t = xs.join('');
      const from = t.length ? x % (t.length + 1) : 0;
      const to = from + (t.length - from ? y % (t.length - from + 1) : 0);
      assert.equal(detectLanguageIn(t, from, to), counted(t, from, to));
    }), { numRuns: 3000 });
    // Ties and near-ties when the rest is all of the other script, at every length around the first few stops.
    for (let lead = 0; lead < 600; lead += 7)
      for (let rest = Math.max(0, lead - 2); rest <= lead + 2; rest++) {
        for (const [a, b] of [['a', 'ب'], ['ب', 'a']]) {
          const t = a.repeat(lead) + ' '.repeat(Math.max(0, 256 - lead)) + b.repeat(rest);
          assert.equal(detectLanguageIn(t, 0, t.length), counted(t, 0, t.length), `${a} ${lead} then ${rest}`);
        }
      }
  });
});

describe('structure splitLines', () => {
  it('cuts at CRLF, LF and CR alike, with or without a CR in the text (the LF-only path)', () => {
    const pieces = ['a', 'ب', ' ', '\n', '\r', '\r\n', '\n\n', '\u2028', 'xyz'];
    let x = 3;
    const rnd = (n: number) => ((x = (Math.imul(x, 1103515245) + 12345) >>> 0), (x >>> 8) % n);
    for (let round = 0; round < 3000; round++) {
      let text = '';
      for (let k = rnd(10); k > 0; k--) text += pieces[rnd(pieces.length)];
      const want: Array<{ start: number; end: number; text: string }> = [];
      const re = /\r\n|\r|\n/g;
      let start = 0;
      for (let m = re.exec(text); m; m = re.exec(text)) {
        want.push({ start, end: m.index, text: text.slice(start, m.index) });
        start = m.index + m[0].length;
      }
      want.push({ start, end: text.length, text: text.slice(start) });
      assert.deepEqual(splitLines(text), want, JSON.stringify(text));
    }
  });
});
