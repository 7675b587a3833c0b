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

// One alternation, tried in order at each position (sticky):
// 1. dotted acronym or initials: U.N. U.S.A. e.g.  2. number with inner , or .  3. word (letters, marks, digits,
// inner apostrophes that are not a possessive: O'Brien, don't is split PTB-style below) 4. any other single char.
const TOKEN = /([\p{L}]\.(?:[\p{L}]\.)+)|(\d+(?:[.,]\d+)*)|([\p{L}\p{M}\p{N}]+(?:['’][\p{L}\p{M}]+)*)|(\S)/uy;

/** Words that look like a sentence start after an ambiguous dot (U.S. They …). */
const SENT_START = new Set(['the', 'a', 'an', 'he', 'she', 'it', 'they', 'we', 'i', 'you', 'this', 'that', 'these', 'those', 'but', 'and', 'in', 'on', 'at', 'his', 'her', 'its', 'their', 'our', 'there', 'as', 'if', 'when', 'while', 'after', 'before', 'however', 'meanwhile', 'earlier', 'later']);

/** Tokenize `text[from, to)` (default: the whole text). Never throws; offsets are into `text`. */
export function tokenizeEnglish(text: string, from = 0, to = text.length): EnToken[] {
  const out: EnToken[] = [];
  let i = from;
  while (i < to) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13 || c === 0xa0 || (c >= 0x2000 && c <= 0x200f) || c === 0x3000 || c === 0xfeff) {
      i++;
      continue;
    }
    TOKEN.lastIndex = i;
    const m = TOKEN.exec(text);
    if (!m) {
      // A lone surrogate or another unmatched unit: one token of one code point.
      const cp = text.codePointAt(i) ?? 0;
      const len = cp > 0xffff ? 2 : 1;
      out.push({ start: i, end: Math.min(i + len, to), text: text.slice(i, Math.min(i + len, to)) });
      i += len;
      continue;
    }
    let end = Math.min(i + m[0].length, to);
    if (m[3]) {
      const w = text.slice(i, end);
      // Possessive / contraction split: Haftar's -> Haftar 's ; don't -> do n't ; they're -> they 're
      const pm = /^(.+?)(n['’]t|['’](?:s|re|ve|ll|d|m))$/iu.exec(w);
      if (pm && pm[1].length > 0) {
        const cut = i + pm[1].length;
        out.push({ start: i, end: cut, text: pm[1] });
        out.push({ start: cut, end, text: pm[2] });
        i = end;
        continue;
      }
      // Abbreviation or initial keeps its dot: Mr. Gen. Nov. J.
      if (text.charCodeAt(end) === 46 && end < to) {
        const low = w.toLowerCase();
        if (EN_ABBREVIATIONS.has(low) || (w.length === 1 && /\p{Lu}/u.test(w))) end++;
      }
    }
    out.push({ start: i, end, text: text.slice(i, end) });
    i = end;
  }
  return out;
}

/** Whether token `t` (as produced above) ends a sentence, looking at the next token. */
function endsSentence(t: EnToken, next: EnToken | undefined, text: string): boolean {
  if (!next) return true;
  // A line break between the two tokens always ends a sentence (headline, dateline, paragraph).
  for (let k = t.end; k < next.start; k++) {
    const c = text.charCodeAt(k);
    if (c === 10 || c === 13) return true;
  }
  const s = t.text;
  if (s === '!' || s === '?') return true;
  if (!s.endsWith('.')) return false;
  if (s === '.') return true;
  if (s.length === 1) return false;
  const word = s.slice(0, -1).toLowerCase();
  if (PRENAME.has(word)) return false;
  if (/^\p{Lu}$/u.test(s.slice(0, -1))) return false; // initial
  // Other abbreviations and dotted acronyms (Nov. U.S.): a sentence ends only if a clear sentence start follows.
  const nx = next.text;
  if (!/^\p{Lu}/u.test(nx) && !/^["“‘']/.test(nx)) return false;
  return SENT_START.has(nx.toLowerCase());
}

/** Split tokens into sentences: arrays of token indices [start, end). */
export function splitSentences(text: string, tokens: readonly EnToken[]): Span[] {
  const out: Span[] = [];
  let s = 0;
  for (let i = 0; i < tokens.length; i++) {
    let end = endsSentence(tokens[i], tokens[i + 1], text);
    // A closing quote or bracket after the end mark stays in the sentence: … he said." Next
    if (end && i + 1 < tokens.length && /^[”"’'\)\]»]$/.test(tokens[i + 1].text) && tokens[i].end === tokens[i + 1].start && /[.!?]$/.test(tokens[i].text)) {
      end = false;
      out.push({ start: s, end: i + 2 });
      s = i + 2;
      i++;
      continue;
    }
    if (end) {
      out.push({ start: s, end: i + 1 });
      s = i + 1;
    }
  }
  if (s < tokens.length) out.push({ start: s, end: tokens.length });
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
