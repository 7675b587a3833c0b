/**
 * Word segmentation for Arabic and Latin text with UTF-16 offsets (end exclusive) into the text as given.
 *
 * A word is a maximal run of letters, combining marks (Arabic diacritics, tatweel) and digits (ASCII,
 * Arabic-Indic, Persian); ZWNJ/ZWJ inside a word stay in it. Every other non-space character is a token of its own
 * (punctuation: ، ؛ ؟ « » . …). Whitespace separates and is not returned.
 * Hot path: a char-code switch for ASCII and the Arabic block; one shared regular expression only for other
 * scripts' letters. No Intl.Segmenter (10-20x slower, see RESOURCES.md).
 */

export interface Token {
  start: number;
  end: number;
  text: string;
}

/** Token kinds: 1 word, 2 punctuation/symbol. */
export const enum CharClass {
  Space = 0,
  Word = 1,
  Other = 2,
}

const OTHER_WORD = /[\p{L}\p{M}\p{N}]/u;

/** The class of the UTF-16 code unit `c` (for a surrogate, pass the code point). */
export function charClass(c: number): CharClass {
  if (c < 128) {
    if (c === 32 || (c >= 9 && c <= 13)) return CharClass.Space;
    if ((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)) return CharClass.Word;
    return CharClass.Other;
  }
  if (c >= 0x0600 && c <= 0x06ff) {
    // Arabic block: letters 0621-064A, marks 064B-065F, digits 0660-0669, 066E-06D3 letters, 06D5-06FF mixed.
    if (c >= 0x0621 && c <= 0x065f) return CharClass.Word;
    if (c >= 0x0660 && c <= 0x0669) return CharClass.Word;
    if (c >= 0x066e && c <= 0x06d3) return CharClass.Word;
    if (c === 0x06d4) return CharClass.Other; // Urdu full stop
    if (c >= 0x06d5 && c <= 0x06dc) return CharClass.Word;
    if (c >= 0x06df && c <= 0x06e8) return CharClass.Word;
    if (c >= 0x06ea && c <= 0x06ff) return CharClass.Word;
    if (c === 0x0610 || (c >= 0x0610 && c <= 0x061a)) return CharClass.Word;
    return CharClass.Other; // ، ؛ ؟ ٪ ٫ ٬ …
  }
  if (c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff) return CharClass.Space;
  if (c === 0x200c || c === 0x200d) return CharClass.Word;
  if (c === 0x200e || c === 0x200f || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)) return CharClass.Space; // bidi controls
  if (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7) return CharClass.Word;
  if (c >= 0x2010 && c <= 0x2bff) return CharClass.Other;
  return OTHER_WORD.test(String.fromCodePoint(c)) ? CharClass.Word : CharClass.Other;
}

/** Tokens of `text` between `from` and `to` (default: all). Offsets are into `text`. */
export function tokenize(text: string, from = 0, to = text.length): Token[] {
  const out: Token[] = [];
  to = Math.min(to, text.length);
  let i = Math.max(0, from);
  while (i < to) {
    let c = text.charCodeAt(i);
    let w = 1;
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < to) {
      c = text.codePointAt(i)!;
      w = c > 0xffff ? 2 : 1; // a lone high surrogate is one unit (fuzz: '\ud800\ud800\udc00')
    }
    const k = charClass(c);
    if (k === CharClass.Space) {
      i += w;
      continue;
    }
    if (k === CharClass.Other) {
      out.push({ start: i, end: i + w, text: text.slice(i, i + w) });
      i += w;
      continue;
    }
    const s = i;
    i += w;
    while (i < to) {
      let d = text.charCodeAt(i);
      let dw = 1;
      if (d >= 0xd800 && d <= 0xdbff && i + 1 < to) {
        d = text.codePointAt(i)!;
        dw = d > 0xffff ? 2 : 1;
      }
      if (charClass(d) !== CharClass.Word) break;
      i += dw;
    }
    out.push({ start: s, end: i, text: text.slice(s, i) });
  }
  return out;
}

/** True when the token is a word (starts with a letter, mark or digit). */
export function isWordToken(t: Token): boolean {
  const c = t.text.charCodeAt(0);
  return charClass(c >= 0xd800 && c <= 0xdbff ? t.text.codePointAt(0)! : c) === CharClass.Word;
}

/** True when `s` contains an Arabic letter. */
export function hasArabic(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c >= 0x0621 && c <= 0x064a) || (c >= 0x066e && c <= 0x06d3)) return true;
  }
  return false;
}

/** Sentence-final punctuation for tagging windows: . ! ? ؟ and the Urdu full stop; also ؛ and newlines. */
export function isSentenceEnd(t: Token): boolean {
  if (t.end - t.start !== 1) return false;
  const c = t.text.charCodeAt(0);
  return c === 46 || c === 33 || c === 63 || c === 0x061f || c === 0x06d4 || c === 0x061b;
}

/** Closing quotes and brackets that stay with the sentence they end: » ” " ’ ) ] */
function isCloser(t: Token): boolean {
  if (t.end - t.start !== 1) return false;
  const c = t.text.charCodeAt(0);
  return c === 0xbb || c === 0x201d || c === 34 || c === 0x2019 || c === 41 || c === 93;
}

/**
 * Sentences of a token list as [start, end) token index ranges: a sentence ends after . ! ? ؟ ؛ (and the closing
 * quotes/brackets right after them: «…؟» stays one sentence), and at `max` tokens (keeps decoding memory flat on
 * a one-line archive). The Arabic comma ، does not end a sentence. With `text`, a sentence also ends
 * where a line break separates two tokens (headlines without a final stop).
 */
export function sentenceRanges(tokens: readonly Token[], max = 150, text?: string): [number, number][] {
  const out: [number, number][] = [];
  let s = 0;
  for (let i = 0; i < tokens.length; i++) {
    let end = false;
    if (isSentenceEnd(tokens[i])) {
      while (i + 1 < tokens.length && isCloser(tokens[i + 1])) i++;
      end = true;
    } else if (text !== undefined && i + 1 < tokens.length && text.slice(tokens[i].end, tokens[i + 1].start).includes('\n')) end = true;
    if (end || i + 1 - s >= max) {
      out.push([s, i + 1]);
      s = i + 1;
    }
  }
  if (s < tokens.length) out.push([s, tokens.length]);
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Runs of letters for word scans without a regular expression per word

/** Bit 1: \p{L} or \p{M}; bit 2: \p{N}; bit 4: \p{L}. Per BMP code unit, filled on first sight from the Unicode properties. */
const runClass = new Uint8Array(65536);
const runKnown = new Uint8Array(65536);
const LM = /^[\p{L}\p{M}]$/u;
const NUM = /^\p{N}$/u;
const LETTER = /^\p{L}$/u;
const astral = new Map<number, number>();

function classOf(cp: number): number {
  const s = String.fromCodePoint(cp);
  return (LM.test(s) ? 1 : 0) | (NUM.test(s) ? 2 : 0) | (LETTER.test(s) ? 4 : 0);
}

/**
 * Length in code units of the code point at `i` when its class is in `mask` (1: letter or mark, 2: digit, 4: letter),
 * else 0.
 * Exactly what `[\p{L}\p{M}]` (mask 1) or `[\p{L}\p{M}\p{N}]` (mask 3) with the `u` flag accept: a surrogate pair is
 * one code point, a lone surrogate is not a letter.
 */
export function runCharLength(text: string, i: number, mask: number, to = text.length): number {
  const c = text.charCodeAt(i);
  if (c < 0xd800 || c > 0xdfff) {
    if (runKnown[c] === 0) {
      runClass[c] = classOf(c);
      runKnown[c] = 1;
    }
    return runClass[c] & mask ? 1 : 0;
  }
  if (c > 0xdbff || i + 1 >= to) return 0;
  const d = text.charCodeAt(i + 1);
  if (d < 0xdc00 || d > 0xdfff) return 0;
  const cp = (c - 0xd800) * 0x400 + (d - 0xdc00) + 0x10000;
  let k = astral.get(cp);
  if (k === undefined) {
    if (astral.size >= 4096) astral.clear();
    k = classOf(cp);
    astral.set(cp, k);
  }
  return k & mask ? 2 : 0;
}

/**
 * The next maximal run of code points of class `mask` at or after `from` (see runCharLength), as [start, end), or
 * false: the matches of `/[\p{L}\p{M}]+/gu` (mask 1) or `/[\p{L}\p{M}\p{N}]+/gu` (mask 3) over `text.slice(0, to)`,
 * without building a string per word.
 */
export function nextRun(text: string, from: number, mask: number, out: [number, number], to = text.length): boolean {
  const n = to;
  let i = from;
  while (i < n) {
    let k = runCharLength(text, i, mask, n);
    if (k === 0) {
      i++;
      continue;
    }
    const start = i;
    do {
      i += k;
      k = i < n ? runCharLength(text, i, mask, n) : 0;
    } while (k !== 0);
    out[0] = start;
    out[1] = i;
    return true;
  }
  return false;
}

/** Is there a letter (\p{L}, as /\p{L}/u finds one) in text[from, to)? */
export function hasLetter(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (runCharLength(text, i, 4, to) !== 0) return true;
  return false;
}

/** `s.replace(/\s+/g, ' ')`, without the regular expression when every space is already a single ' ' (most names). */
export function singleSpaced(s: string): string {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 32 ? i + 1 < s.length && isSpaceCode(s.charCodeAt(i + 1)) : isSpaceCode(c)) return s.replace(/\s+/g, ' ');
  }
  return s;
}

/** Is `c` in the regular expression class \s (white space and line terminators)? A unit test holds the two equal. */
export function isSpaceCode(c: number): boolean {
  if (c < 0x80) return c === 32 || (c >= 9 && c <= 13);
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}
