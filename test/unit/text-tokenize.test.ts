import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { bareStem, cliticSplits, hasArticle } from '../../server/src/core/text/clitics';
import { matchKey, normalizeArabic } from '../../server/src/core/text/normalize';
import { hasArabic, hasLetter, isSentenceEnd, isSpaceCode, isWordToken, nextRun, sentenceRanges, singleSpaced, tokenize } from '../../server/src/core/text/tokenize';

const texts = (text: string, from?: number, to?: number) => tokenize(text, from, to).map((t) => t.text);

describe('text: tokenize', () => {
  it('splits Arabic words and punctuation with UTF-16 offsets', () => {
    const text = 'قال لافروف، خلال استقباله «حفتر»: نعم؟ وداعا؛';
    const toks = tokenize(text);
    assert.deepEqual(
      toks.map((t) => t.text),
      ['قال', 'لافروف', '،', 'خلال', 'استقباله', '«', 'حفتر', '»', ':', 'نعم', '؟', 'وداعا', '؛'],
    );
    for (const t of toks) assert.equal(text.slice(t.start, t.end), t.text);
    assert.ok(isSentenceEnd(toks[10]));
    assert.ok(!isWordToken(toks[2]));
  });

  it('keeps diacritics and tatweel inside words, and Arabic-Indic digits as words', () => {
    assert.deepEqual(texts('الرَّئِيسُ الروســي في ٢٦ نوفمبر ٢٠١٦'), ['الرَّئِيسُ', 'الروســي', 'في', '٢٦', 'نوفمبر', '٢٠١٦']);
  });

  it('handles Latin text, mixed scripts and symbols outside the BMP', () => {
    assert.deepEqual(texts("Lavrov's visit (Moscow) — ok"), ['Lavrov', "'", 's', 'visit', '(', 'Moscow', ')', '—', 'ok']);
    assert.deepEqual(texts('زار Moscow أمس 😀!'), ['زار', 'Moscow', 'أمس', '😀', '!']);
  });

  it('tokenizes a slice [from, to) with offsets into the whole text', () => {
    const text = 'أولا. قال لافروف إن موسكو. آخر';
    const from = text.indexOf('قال');
    const to = text.indexOf('. آخر');
    const toks = tokenize(text, from, to);
    assert.deepEqual(toks.map((t) => t.text), ['قال', 'لافروف', 'إن', 'موسكو']);
    assert.equal(toks[0].start, from);
  });

  it('returns nothing for empty, blank and out-of-range input', () => {
    assert.deepEqual(tokenize(''), []);
    assert.deepEqual(tokenize(' \n\t\u00a0'), []);
    assert.deepEqual(tokenize('abc', 5, 9), []);
  });

  it('property: tokens are ordered, disjoint, non-empty slices without spaces', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('ق', 'ا', 'ل', 'َ', 'ـ', ' ', '،', '.', 'a', 'Z', '٣', '7', '\n', '«', '😀') }), (s) => {
        let last = 0;
        for (const t of tokenize(s)) {
          assert.ok(t.start >= last && t.end > t.start);
          assert.equal(s.slice(t.start, t.end), t.text);
          assert.ok(!/\s/.test(t.text));
          last = t.end;
        }
        // every non-space character is covered
        const covered = tokenize(s).reduce((n, t) => n + (t.end - t.start), 0);
        assert.equal(covered, s.replace(/\s/g, '').length);
      }),
      { numRuns: 300 },
    );
  });

  it('hasArabic', () => {
    assert.ok(hasArabic('Moscow موسكو'));
    assert.ok(!hasArabic('Moscow ١٢'));
  });
});

describe('text: normalizeArabic', () => {
  it('strips diacritics and tatweel, unifies alif, ya and ta marbuta, maps digits', () => {
    assert.equal(normalizeArabic('الرَّئِيسُ'), 'الرئيس');
    assert.equal(normalizeArabic('الروســي'), 'الروسي');
    assert.equal(normalizeArabic('أحمد إلى آل ٱلله'), 'احمد الي ال الله');
    assert.equal(normalizeArabic('مكتبة'), 'مكتبه');
    assert.equal(normalizeArabic('٢٠١٦ ۱۲'), '2016 12');
    assert.equal(normalizeArabic('ی ک'), 'ي ك');
  });

  it('returns the same string when nothing changes; leaves Latin alone', () => {
    const s = 'موسكو Moscow';
    assert.equal(normalizeArabic(s), s);
    assert.equal(matchKey('MOSCOW موسكو'), 'moscow موسكو');
  });
});

describe('text: clitics', () => {
  const stem = (w: string) => cliticSplits(w).map((s) => `${s.prefix}+${s.stem}@${s.offset}${s.restoreAl ? '!' : ''}`);

  it('lists the readings of a word with the stem offset', () => {
    assert.deepEqual(stem('ولافروف'), ['+ولافروف@0', 'و+لافروف@1', 'ول+افروف@2']);
    assert.deepEqual(stem('بموسكو'), ['+بموسكو@0', 'ب+موسكو@1']);
    assert.deepEqual(stem('وبالعاصمة'), ['+وبالعاصمة@0', 'و+بالعاصمة@1', 'وب+العاصمة@2']);
  });

  it("reads لل as ل + ال with the alif elided (the span keeps the article's ل)", () => {
    assert.deepEqual(stem('للجيش'), ['+للجيش@0', 'ل+لجيش@1!']);
    assert.deepEqual(stem('وللجيش'), ['+وللجيش@0', 'و+للجيش@1', 'ول+لجيش@2!']);
  });

  it('skips diacritics inside the prefix so offsets are into the word as written', () => {
    const r = cliticSplits('وَلافروف');
    assert.equal(r[1].prefix, 'و');
    assert.equal(r[1].offset, 2);
    assert.equal(r[1].stem, 'لافروف');
  });

  it('keeps a stem of at least two letters', () => {
    assert.deepEqual(stem('فلل'), ['+فلل@0', 'ف+لل@1']);
    assert.deepEqual(stem('بل'), ['+بل@0']);
  });

  it('bareStem and hasArticle (feature helpers on normalized words)', () => {
    assert.equal(bareStem('وبالعاصمه'), 'عاصمه');
    assert.equal(bareStem('للجيش'), 'جيش');
    assert.ok(hasArticle('وللجيش'));
    assert.ok(!hasArticle('موسكو'));
  });
});

describe('text: sentenceRanges', () => {
  const split = (text: string, max?: number) => {
    const toks = tokenize(text);
    return sentenceRanges(toks, max, text).map(([a, b]) => toks.slice(a, b).map((t) => t.text).join(' '));
  };

  it('ends at . ! ? ؟ ؛ with the closing quote, not at the Arabic comma', () => {
    assert.deepEqual(split('قال لافروف: «نقيم دوركم؟» وأكد، أمس، الدعم. انتهى'), ['قال لافروف : « نقيم دوركم ؟ »', 'وأكد ، أمس ، الدعم .', 'انتهى']);
  });

  it('ends at a line break (a headline without a stop) and at the length cap', () => {
    assert.deepEqual(split('لافروف: سندعم التسوية\nقال الوزير'), ['لافروف : سندعم التسوية', 'قال الوزير']);
    assert.deepEqual(split('a b c d e', 2), ['a b', 'c d', 'e']);
  });
});

describe('nextRun: word runs by character codes', () => {
  const pieces = ['سيرغي', 'لافْرُوفُ', 'ـ', '\u0651', 'Lavrov', 'É', 'e\u0301', '2016', '٢٠١٦', '۲', ' ', '،', '.', '\n', '😀', '𝒜', '\ud800', '\udc00', '\u200c', '\u200f', 'ㄱ', '中文', 'ß', '\u0670', '\ufeff'];
  const runs = (text: string, mask: 1 | 3, from = 0, to = text.length): Array<[number, number]> => {
    const out: Array<[number, number]> = [];
    const r: [number, number] = [0, 0];
    for (let at = from; nextRun(text, at, mask, r, to); at = r[1]) out.push([r[0], r[1]]);
    return out;
  };
  const regexRuns = (text: string, mask: 1 | 3, from = 0, to = text.length): Array<[number, number]> => {
    const re = mask === 1 ? /[\p{L}\p{M}]+/gu : /[\p{L}\p{M}\p{N}]+/gu;
    const slice = text.slice(from, to);
    return [...slice.matchAll(re)].map((m) => [from + m.index!, from + m.index! + m[0].length] as [number, number]);
  };
  it('finds exactly the matches of /[\\p{L}\\p{M}]+/gu and /[\\p{L}\\p{M}\\p{N}]+/gu, in a slice too (and hasLetter = /\\p{L}/u)', () => {
    let seed = 7;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed % n);
    for (let k = 0; k < 3000; k++) {
      let text = '';
      for (let i = rnd(12); i > 0; i--) text += pieces[rnd(pieces.length)];
      for (const mask of [1, 3] as const) {
        assert.deepEqual(runs(text, mask), regexRuns(text, mask), JSON.stringify(text));
        const from = rnd(text.length + 1);
        const to = from + rnd(text.length - from + 1);
        assert.deepEqual(runs(text, mask, from, to), regexRuns(text, mask, from, to), JSON.stringify([text, from, to]));
        assert.equal(hasLetter(text, from, to), /\p{L}/u.test(text.slice(from, to)), JSON.stringify([text, from, to]));
      }
    }
  });

  it('isSpaceCode is the class \\s, and singleSpaced is replace(/\\s+/g, " ")', () => {
    for (let c = 0; c < 0x10000; c++) assert.equal(isSpaceCode(c), /\s/.test(String.fromCharCode(c)), c.toString(16));
    const pieces = ['a', 'ب', ' ', '  ', '\n', '\t', '\u00a0', '\u2009', '\u3000', '\ufeff', '\u200b', 'x y'];
    fc.assert(fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 12 }), (ps) => {
      const s = ps.join('');
      assert.equal(singleSpaced(s), s.replace(/\s+/g, ' '));
    }), { numRuns: 2000 });
    assert.equal(singleSpaced('سيرغي لافروف'), 'سيرغي لافروف');
    assert.equal(singleSpaced('Sergei\n Lavrov '), 'Sergei Lavrov ');
  });
});
