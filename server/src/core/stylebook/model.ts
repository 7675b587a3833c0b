/**
 * The newsroom style book: preferred spellings of names with their known variants.
 *
 * File format (`.article-lens/stylebook.json` or `.yaml`; JSON schema in schemas/stylebook.schema.json):
 * ```json
 * { "names": [ { "preferred": "شويغو", "variants": ["شويجو", "شويقو"], "language": "ar", "note": "AFP spelling" } ] }
 * ```
 * Plain strings only: a style book never carries regular expressions (so it cannot make the server hang).
 */
import type { Language } from '../types';
import { foldName } from '../names/match';

export interface StylebookEntry {
  preferred: string;
  variants: string[];
  /** 'ar' or 'en'; when absent, guessed from the script of `preferred`. */
  language: Language;
  note?: string;
}

export interface Stylebook {
  entries: StylebookEntry[];
}

/** A problem in a style book file. `line` and `character` are 0-based (UTF-16), `offset` is into the file text. */
export interface StylebookProblem {
  message: string;
  offset: number;
  line: number;
  character: number;
  /** 'error': the file could not be used at all; 'warning': one entry or pattern was skipped. */
  severity: 'error' | 'warning';
}

export interface StylebookParseResult {
  /** Undefined when the file is unusable (then `problems` holds one error). */
  stylebook?: Stylebook;
  problems: StylebookProblem[];
  /** Other dictionaries this one imports (`"import": ["prh.yml"]`), relative to its folder; the host reads them. */
  imports?: Array<{ path: string; offset: number }>;
}

export function guessLanguage(s: string): Language {
  return /[\u0600-\u06FF]/.test(s) ? 'ar' : 'en';
}

/** A lookup built once per style book: folded spelling -> entry, for preferred forms and variants. */
export interface StylebookIndex {
  /** The entry whose preferred form or variant folds to this spelling. */
  lookup(spelling: string, lang: Language): { entry: StylebookEntry; isPreferred: boolean } | undefined;
  entries: readonly StylebookEntry[];
}

const indexCache = new WeakMap<Stylebook, StylebookIndex>();

export function indexStylebook(sb: Stylebook): StylebookIndex {
  const cached = indexCache.get(sb);
  if (cached) return cached;
  const map = new Map<string, { entry: StylebookEntry; isPreferred: boolean }>();
  for (const entry of sb.entries) {
    const lang = entry.language;
    for (const v of entry.variants) {
      const k = `${lang}\u0000${v}`;
      if (!map.has(k)) map.set(k, { entry, isPreferred: false });
    }
    map.set(`${lang}\u0000${entry.preferred}`, { entry, isPreferred: true });
  }
  // Folded keys second, so an exact spelling always wins (a listed variant may differ from the preferred
  // form only orthographically: 'احمد' listed against 'أحمد').
  const folded = new Map<string, { entry: StylebookEntry; isPreferred: boolean }>();
  for (const entry of sb.entries) {
    const k = `${entry.language}\u0000${foldName(entry.preferred, entry.language)}`;
    if (!folded.has(k)) folded.set(k, { entry, isPreferred: true });
  }
  for (const entry of sb.entries) {
    for (const v of entry.variants) {
      const k = `${entry.language}\u0000${foldName(v, entry.language)}`;
      if (!folded.has(k)) folded.set(k, { entry, isPreferred: false });
    }
  }
  const idx: StylebookIndex = {
    entries: sb.entries,
    lookup(spelling, lang) {
      return map.get(`${lang}\u0000${spelling}`) ?? folded.get(`${lang}\u0000${foldName(spelling, lang)}`);
    },
  };
  indexCache.set(sb, idx);
  return idx;
}
