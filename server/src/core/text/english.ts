/**
 * English (Latin-script) tokenization and sentence split for the tagger, with UTF-16 offsets into the text.
 *
 * Tokens follow the conventions of the training data (GUM, Penn Treebank style), so that the features the
 * tagger learned apply to new text the same way:
 * - a possessive is its own token: `Haftar's` -> `Haftar` + `'s` (also `’s`, and the bare `'` of `Libyans'`);
 * - a hyphen between words is its own token: `Bailey-Ross` -> `Bailey` `-` `Ross` (the tagger spans it);
 * - an abbreviation keeps its dot: `Mr.`, `Gen.`, `Nov.`, initials `J.`, dotted acronyms `U.N.` `U.S.`;
 * - numbers keep their inner commas and dots (`1,200`, `3.5`); other punctuation is one token per mark.
 * Any other script (Arabic words quoted in English text) gives ordinary word tokens: never an exception, and
 * offsets stay exact, so a mixed text tags without breaking.
 *
 * Sentences end at `.` `!` `?` (and line breaks) unless the dot belongs to a known abbreviation, an initial or a
 * dotted acronym followed by a word that does not look like a sentence start.
 *
 * `scanEnglish` is the tokenizer itself, a scanner over cached character classes that reports offsets only;
 * `tokenizeEnglish` builds the token objects from it.
 */
import type { Span } from '../types';

export interface EnToken extends Span {
  text: string;
}

/** Abbreviations (lower case, without the dot) whose dot does not end a sentence. */
export const EN_ABBREVIATIONS: ReadonlySet<string> = new Set([
  'mr', 'mrs', 'ms', 'messrs', 'dr', 'prof', 'gen', 'lt', 'col', 'maj', 'capt', 'cpt', 'sgt', 'adm', 'cmdr', 'brig',
  'sen', 'rep', 'gov', 'pres', 'amb', 'rev', 'fr', 'hon', 'st', 'ste', 'mt', 'ft', 'jr', 'sr', 'no', 'nos', 'vs',
  'etc', 'inc', 'ltd', 'co', 'corp', 'bros', 'dept', 'univ', 'assn', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug',
  'sep', 'sept', 'oct', 'nov', 'dec', 'mon', 'tue', 'tues', 'wed', 'thu', 'thur', 'thurs', 'fri', 'sat', 'sun', 'e.g',
  'i.e', 'approx', 'ave', 'blvd', 'rd', 'est', 'fig', 'al', 'op', 'cf', 'vol', 'pp', 'ed', 'eds',
]);

/** Abbreviations that normally stand before a name (a dot after them never ends a sentence). */
const PRENAME = new Set(['mr', 'mrs', 'ms', 'messrs', 'dr', 'prof', 'gen', 'lt', 'col', 'maj', 'capt', 'cpt', 'sgt', 'adm', 'cmdr', 'brig', 'sen', 'rep', 'gov', 'pres', 'amb', 'rev', 'fr', 'hon', 'st', 'mt', 'ft', 'no', 'nos', 'vs']);

// The tokens are those of one alternation, tried in order at each position (sticky, by code point):
//   ([\p{L}]\.(?:[\p{L}]\.)+) | (\d+(?:[.,]\d+)*) | ([\p{L}\p{M}\p{N}]+(?:['’][\p{L}\p{M}]+)*) | (\S)
// 1. dotted acronym or initials: U.N. U.S.A. e.g.  2. number with inner , or .  3. word (letters, marks, digits,
// inner apostrophes that are not a possessive: O'Brien; don't is split PTB-style below) 4. any other code point.
// `scanEnglish` runs it as a scanner over character classes (no regex, no string per token): a table of the BMP's
// classes filled on first sight of each code unit, astral code points classified by regex (rare).

const C_L = 1;
const C_M = 2;
const C_N = 4;
const C_SPACE = 8; // \s
const C_LU = 16; // \p{Lu}
const C_DONE = 32;
const CLASS = new Uint8Array(65536);
const RE_L = /\p{L}/u;
const RE_M = /\p{M}/u;
const RE_N = /\p{N}/u;
const RE_S = /\s/u;
const RE_LU = /\p{Lu}/u;

function classify(ch: string): number {
  return (RE_L.test(ch) ? C_L : 0) | (RE_M.test(ch) ? C_M : 0) | (RE_N.test(ch) ? C_N : 0) | (RE_S.test(ch) ? C_SPACE : 0) | (RE_LU.test(ch) ? C_LU : 0) | C_DONE;
}

/** Class bits of the code point at `i` (a lone surrogate is a code point of no class). */
function classAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
    const d = text.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return classify(text.slice(i, i + 2));
  }
  let k = CLASS[c];
  if (k === 0) CLASS[c] = k = c >= 0xd800 && c <= 0xdfff ? C_DONE : classify(String.fromCharCode(c));
  return k;
}

/** UTF-16 length of the code point at `i`. */
function cpLen(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
    const d = text.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return 2;
  }
  return 1;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Whether the lower-cased code unit is `ch` (the /i match of a suffix letter; 's' also matches 'ſ'). */
function ci(c: number, ch: number): boolean {
  return c === ch || c === ch - 32 || (ch === 115 && c === 0x17f);
}

function isApos(c: number): boolean {
  return c === 39 || c === 0x2019;
}

/**
 * Length of the possessive / contraction suffix of the word text[a, b) (Haftar's -> 's, don't -> n't, they're ->
 * 're), 0 if none: /^(.+?)(n['’]t|['’](?:s|re|ve|ll|d|m))$/iu, whose lazy prefix takes the longest suffix.
 */
function clitic(text: string, a: number, b: number): number {
  const n = b - a;
  if (n >= 4) {
    const x = text.charCodeAt(b - 3);
    const y = text.charCodeAt(b - 2);
    const z = text.charCodeAt(b - 1);
    if (ci(x, 110) && isApos(y) && ci(z, 116)) return 3; // n't
    if (isApos(x) && ((ci(y, 114) && ci(z, 101)) || (ci(y, 118) && ci(z, 101)) || (ci(y, 108) && ci(z, 108)))) return 3; // 're 've 'll
  }
  if (n >= 3) {
    const y = text.charCodeAt(b - 2);
    const z = text.charCodeAt(b - 1);
    if (isApos(y) && (ci(z, 115) || ci(z, 100) || ci(z, 109))) return 2; // 's 'd 'm
  }
  return 0;
}

/** Words that look like a sentence start after an ambiguous dot (U.S. They …). */
const SENT_START = new Set(['the', 'a', 'an', 'he', 'she', 'it', 'they', 'we', 'i', 'you', 'this', 'that', 'these', 'those', 'but', 'and', 'in', 'on', 'at', 'his', 'her', 'its', 'their', 'our', 'there', 'as', 'if', 'when', 'while', 'after', 'before', 'however', 'meanwhile', 'earlier', 'later']);

/**
 * The tokenizer's scanner: calls `emit(start, end)` for each token of `text[from, to)` in order (see
 * `tokenizeEnglish`), with no allocation per token.
 */
export function scanEnglish(text: string, from: number, to: number, emit: (start: number, end: number) => void): void {
  let i = from;
  const len = text.length;
  while (i < to) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13 || c === 0xa0 || (c >= 0x2000 && c <= 0x200f) || c === 0x3000 || c === 0xfeff) {
      i++;
      continue;
    }
    const k = classAt(text, i);
    let m = -1; // match end in the whole text
    let word = false;
    if (k & C_L) {
      // 1. L . (L .)+
      let j = i + cpLen(text, i);
      let pairs = 0;
      if (text.charCodeAt(j) === 46) {
        j++;
        pairs = 1;
        while (j < len && classAt(text, j) & C_L) {
          const e = j + cpLen(text, j);
          if (text.charCodeAt(e) !== 46) break;
          j = e + 1;
          pairs++;
        }
      }
      if (pairs >= 2) m = j;
    }
    if (m < 0 && isDigit(c)) {
      // 2. \d+ ([.,] \d+)*
      let j = i + 1;
      while (isDigit(text.charCodeAt(j))) j++;
      for (;;) {
        const d = text.charCodeAt(j);
        if ((d === 46 || d === 44) && isDigit(text.charCodeAt(j + 1))) {
          j += 2;
          while (isDigit(text.charCodeAt(j))) j++;
        } else break;
      }
      m = j;
    }
    if (m < 0 && k & (C_L | C_M | C_N)) {
      // 3. [LMN]+ (['’] [LM]+)*
      let j = i + cpLen(text, i);
      while (j < len && classAt(text, j) & (C_L | C_M | C_N)) j += cpLen(text, j);
      while (j + 1 < len && isApos(text.charCodeAt(j)) && classAt(text, j + 1) & (C_L | C_M)) {
        j += 1 + cpLen(text, j + 1);
        while (j < len && classAt(text, j) & (C_L | C_M)) j += cpLen(text, j);
      }
      m = j;
      word = true;
    }
    if (m < 0 && !(k & C_SPACE)) m = i + cpLen(text, i); // 4. \S
    if (m < 0) {
      // A white-space unit the skip above does not know (\v, U+2028…): one token of one code point.
      const l = cpLen(text, i);
      emit(i, Math.min(i + l, to));
      i += l;
      continue;
    }
    let end = Math.min(m, to);
    if (word) {
      // Possessive / contraction split: Haftar's -> Haftar 's ; don't -> do n't ; they're -> they 're
      const cut = clitic(text, i, end);
      if (cut > 0) {
        emit(i, end - cut);
        emit(end - cut, end);
        i = end;
        continue;
      }
      // Abbreviation or initial keeps its dot: Mr. Gen. Nov. J.
      if (text.charCodeAt(end) === 46 && end < to) {
        if ((end - i === 1 && classAt(text, i) & C_LU) || (end - i <= 6 && EN_ABBREVIATIONS.has(text.slice(i, end).toLowerCase()))) end++;
      }
    }
    emit(i, end);
    i = end;
  }
}

/** Tokenize `text[from, to)` (default: the whole text). Never throws; offsets are into `text`. */
export function tokenizeEnglish(text: string, from = 0, to = text.length): EnToken[] {
  const out: EnToken[] = [];
  scanEnglish(text, from, to, (start, end) => out.push({ start, end, text: text.slice(start, end) }));
  return out;
}

// What the sentence split reads of a token, as bits (`sentenceBits`): a caller that keeps them per word form
// splits sentences without reading the tokens' text again.
/** `!` or `?`. */
const SB_BANG = 1;
/** Ends with a dot. */
const SB_DOT = 2;
/** Is `.`. */
const SB_DOT_ONLY = 4;
/** Its dot never ends a sentence: an abbreviation that stands before a name (Mr. Gen.) or an initial (J.). */
const SB_KEEPS = 8;
/** Starts with a capital or an opening quote. */
const SB_STARTLIKE = 16;
/** A word that looks like a sentence start (`SENT_START`, any case). */
const SB_START = 32;
/** A closing quote or bracket. */
const SB_CLOSER = 64;
/** Ends with `.`, `!` or `?`. */
const SB_ENDMARK = 128;

/** The bits of token text `s` that `splitSentences` reads. */
export function sentenceBits(s: string): number {
  let b = 0;
  const n = s.length;
  const c = s.charCodeAt(0);
  const last = s.charCodeAt(n - 1);
  if (s === '!' || s === '?') b |= SB_BANG;
  if (last === 46) {
    b |= SB_DOT;
    if (n === 1) b |= SB_DOT_ONLY;
    else if (PRENAME.has(s.slice(0, -1).toLowerCase()) || /^\p{Lu}$/u.test(s.slice(0, -1))) b |= SB_KEEPS;
  }
  // /^\p{Lu}/u, /^["“‘']/ (the regex only past ASCII)
  if ((c >= 65 && c <= 90) || c === 34 || c === 0x201c || c === 0x2018 || c === 39 || (c > 127 && /^\p{Lu}/u.test(s))) b |= SB_STARTLIKE;
  if (n <= 9 && SENT_START.has(s.toLowerCase())) b |= SB_START;
  // /^[”"’'\)\]»]$/
  if (n === 1 && (c === 0x201d || c === 34 || c === 0x2019 || c === 39 || c === 41 || c === 93 || c === 0xbb)) b |= SB_CLOSER;
  if (last === 46 || last === 33 || last === 63) b |= SB_ENDMARK;
  return b;
}

/** Whether token i ends a sentence, looking at token i + 1. */
function endsSentence(text: string, i: number, n: number, starts: ArrayLike<number>, ends: ArrayLike<number>, bits: ArrayLike<number>): boolean {
  if (i + 1 >= n) return true;
  // A line break between the two tokens always ends a sentence (headline, dateline, paragraph).
  for (let k = ends[i]; k < starts[i + 1]; k++) {
    const c = text.charCodeAt(k);
    if (c === 10 || c === 13) return true;
  }
  const b = bits[i];
  if (b & SB_BANG) return true;
  if (!(b & SB_DOT)) return false;
  if (b & SB_DOT_ONLY) return true;
  if (b & SB_KEEPS) return false;
  // Other abbreviations and dotted acronyms (Nov. U.S.): a sentence ends only if a clear sentence start follows.
  const nb = bits[i + 1];
  return (nb & SB_STARTLIKE) !== 0 && (nb & SB_START) !== 0;
}

/**
 * `splitSentences` over `n` tokens given by their offsets and `sentenceBits`: writes each sentence's token range
 * [start, end) as a pair into `out` (grown when too short; the array used is returned with the count).
 */
export function splitSentenceRanges(text: string, n: number, starts: ArrayLike<number>, ends: ArrayLike<number>, bits: ArrayLike<number>, out: Int32Array): { ranges: Int32Array; count: number } {
  let count = 0;
  const push = (a: number, b: number) => {
    if (2 * count + 2 > out.length) {
      const o = new Int32Array(Math.max(64, 2 * out.length));
      o.set(out);
      out = o;
    }
    out[2 * count] = a;
    out[2 * count + 1] = b;
    count++;
  };
  let s = 0;
  for (let i = 0; i < n; i++) {
    const end = endsSentence(text, i, n, starts, ends, bits);
    // A closing quote or bracket after the end mark stays in the sentence: … he said." Next
    if (end && i + 1 < n && bits[i + 1] & SB_CLOSER && ends[i] === starts[i + 1] && bits[i] & SB_ENDMARK) {
      push(s, i + 2);
      s = i + 2;
      i++;
      continue;
    }
    if (end) {
      push(s, i + 1);
      s = i + 1;
    }
  }
  if (s < n) push(s, n);
  return { ranges: out, count };
}

/** Split tokens into sentences: arrays of token indices [start, end). */
export function splitSentences(text: string, tokens: readonly EnToken[]): Span[] {
  const n = tokens.length;
  const starts = new Int32Array(n);
  const ends = new Int32Array(n);
  const bits = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    starts[i] = tokens[i].start;
    ends[i] = tokens[i].end;
    bits[i] = sentenceBits(tokens[i].text);
  }
  const { ranges, count } = splitSentenceRanges(text, n, starts, ends, bits, new Int32Array(64));
  const out: Span[] = [];
  for (let k = 0; k < count; k++) out.push({ start: ranges[2 * k], end: ranges[2 * k + 1] });
  return out;
}

/** The lemma a name takes without its possessive: "Haftar's" -> "Haftar", "Libyans'" -> "Libyans". */
export function stripPossessive(word: string): string {
  return word.replace(/['’]s?$/u, '');
}

/**
 * Whether a sentence is written in capitals ("LAVROV MEETS HAFTAR") or in title case ("Lavrov Meets Haftar in
 * Moscow"): then capitalization says nothing about names, and the features read case-folded words instead.
 */
export function sentenceCase(tokens: readonly EnToken[], from: number, to: number): 'upper' | 'title' | 'normal' {
  let words = 0;
  let upper = 0;
  let cap = 0;
  let lowerLong = 0;
  for (let i = from; i < to; i++) {
    const w = tokens[i].text;
    const c = w.charCodeAt(0);
    const isLetter = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c >= 0xc0;
    if (!isLetter) continue;
    words++;
    if (w.length > 1 && w === w.toUpperCase() && w !== w.toLowerCase()) upper++;
    if (c >= 65 && c <= 90) cap++;
    else if (c >= 97 && c <= 122 && w.length > 3) lowerLong++;
  }
  if (words >= 3 && upper / words >= 0.8) return 'upper';
  if (words >= 4 && cap / words >= 0.7 && lowerLong === 0) return 'title';
  return 'normal';
}
