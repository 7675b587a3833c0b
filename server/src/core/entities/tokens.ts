/**
 * The token stream the entity linker works on: words of the headline and paragraphs with UTF-16 offsets,
 * a matching key per word, and what separates each word from the one before it.
 *
 * Why its own scanner: the linker scans every word of the article once (propagation, roles), so the key must be
 * cheap. `foldKey` is a single character loop that gives, for one word, exactly what the names matcher's
 * `foldArabic` / `foldLatin` give (diacritics and tatweel dropped; أ إ آ ٱ -> ا, ى ی ئ -> ي, ة -> ه, ؤ -> و, ک -> ك;
 * Latin lower-cased without diacritics); a unit test holds the two equal. The user's text is never changed.
 *
 * Each token points to its word form (`WordForm`, one per spelling, found by `formAt` from the characters of the text
 * without cutting a string): the key is folded once per spelling, and the lexicon questions the linker asks about a
 * word (title trigger, honorific, nationality adjective, clitic readings…) are answered once per spelling and kept on
 * the form (lexicon.ts form*, `formReadings`).
 */
import { runCharLength } from '../text/tokenize';
import type { Span } from '../types';
import type { LexStem } from './lexicon';

/** What lies between a word and the word before it. */
export const enum Sep {
  /** Spaces only, or in-word punctuation (hyphen, apostrophe, the dot of an abbreviation such as U.N. or Mr.). */
  Space = 0,
  /** A comma (، or ,). */
  Comma = 1,
  /** Other punctuation inside a sentence: quotes, brackets, dashes, colon. */
  Punct = 2,
  /** A sentence end, a line break, or the start of a region (headline, paragraph). */
  Boundary = 3,
}

export interface Token extends Span {
  /** Folded key of the whole word (clitics included). */
  key: string;
  /** Latin script (else Arabic or other). */
  latin: boolean;
  /** Starts with an upper-case letter (Latin only). */
  cap: boolean;
  /** What separates this word from the previous one. */
  sep: Sep;
  /** Index of the region (headline or paragraph) the word is in. */
  region: number;
  /** The word form (shared by every token written the same way): key, script, and the lexicon answers. */
  form: WordForm;
}

/**
 * What the linker knows about one written word form, shared by every token written the same way (words repeat:
 * Zipf), so that a word is folded once and each lexicon question (entities/lexicon.ts `formTrigger`…) is answered
 * once per form rather than once per token. The answer slots are filled on first ask: undefined = not asked yet,
 * null = no. Forms are found by the characters of the text, without cutting a string (see `formAt`).
 */
export interface WordForm {
  /** The word as written. */
  readonly raw: string;
  /** Folded key (`foldKey(raw)`). */
  readonly key: string;
  readonly latin: boolean;
  /** Starts with an upper-case letter (Latin only). */
  readonly cap: boolean;
  /** A lone tatweel or mark ('الخرطوم ـ عبدالواحد'): not a word. */
  readonly skip: boolean;
  trigger?: LexStem | null;
  honorific?: LexStem | null;
  institutionHead?: LexStem | null;
  media?: LexStem | null;
  nationality?: string | null;
  readings?: readonly CliticReading[];
}


/** Abbreviations whose dot does not end a sentence (folded). */
const ABBREV = new Set([
  'mr', 'mrs', 'ms', 'dr', 'gen', 'lt', 'col', 'maj', 'capt', 'sgt', 'adm', 'sen', 'rep', 'gov', 'st', 'jr', 'sr', 'prof',
  'rev', 'no', 'vs', 'etc', 'inc', 'ltd', 'co', 'corp', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept',
  'oct', 'nov', 'dec', 'mt', 'ft', 'brig', 'cmdr', 'pres', 'amb',
]);

/** Folded key of one word (see the module comment). */
export function foldKey(w: string): string {
  let out = '';
  let plain = true;
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    if (c < 0x80) {
      if (c >= 65 && c <= 90) {
        plain = false;
        break;
      }
      continue;
    }
    plain = false;
    break;
  }
  if (plain) return w;
  // Most Arabic words need no change: return them as they are (no string is built).
  let same = true;
  for (let i = 0; i < w.length && same; i++) {
    const c = w.charCodeAt(i);
    if (c < 0x80) same = !(c >= 65 && c <= 90);
    else if (c >= 0x0621 && c <= 0x064a) same = c !== 0x0623 && c !== 0x0625 && c !== 0x0622 && c !== 0x0649 && c !== 0x0626 && c !== 0x0629 && c !== 0x0624 && c !== 0x0640;
    else same = false;
  }
  if (same) return w;
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    if (c < 0x80) {
      out += c >= 65 && c <= 90 ? String.fromCharCode(c + 32) : w[i];
    } else if (c >= 0x0600 && c <= 0x06ff) {
      if ((c >= 0x064b && c <= 0x065f) || c === 0x0670 || c === 0x0640) continue;
      switch (c) {
        case 0x0623: case 0x0625: case 0x0622: case 0x0671: out += 'ا'; break;
        case 0x0649: case 0x06cc: case 0x0626: out += 'ي'; break;
        case 0x0629: out += 'ه'; break;
        case 0x0624: out += 'و'; break;
        case 0x06a9: out += 'ك'; break;
        default: out += w[i];
      }
    } else if (c === 0x200c || c === 0x200d || c === 0x200e || c === 0x200f || c === 0x061c) {
      continue;
    } else {
      // Latin with diacritics, other scripts: decompose and drop marks, lower-case.
      const d = w[i].normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
      out += d;
    }
  }
  return out;
}

/** Only a word that starts with a tatweel or a mark can lack a letter. */
const c0Tatweel = (w: string) => {
  const c = w.charCodeAt(0);
  if (c < 0x80 || (c >= 0x0621 && c <= 0x063f) || (c >= 0x0641 && c <= 0x064a)) return false; // letters, digits: no regex
  return c === 0x0640 || (c >= 0x064b && c <= 0x065f) || c === 0x0670 || /^\p{M}/u.test(w);
};

const isArabicLetterCode = (c: number) => c >= 0x0620 && c <= 0x06ff;

function classifyGap(text: string, from: number, to: number, prev: Token | undefined): Sep {
  if (from === to) return Sep.Space;
  let sep = Sep.Space;
  for (let i = from; i < to; i++) {
    const ch = text[i];
    switch (ch) {
      case ' ': case '\t': case '\u00a0': case '\u200c': case '\u200d': case '\u200e': case '\u200f': case '\u0640':
      case '-': case '\u2010': case '\u2011': case '\'': case '’': case '‘':
        break;
      case '\n': case '\r': case '!': case '?': case '؟': case ';': case '؛': case '…':
        return Sep.Boundary;
      case '.': {
        // The dot of an abbreviation (U.N., Mr., Gen.) or a decimal is not a sentence end.
        const abbrev = prev && prev.end === i && prev.latin && (prev.key.length === 1 || ABBREV.has(prev.key));
        if (!abbrev) return Sep.Boundary;
        break;
      }
      case '،': case ',':
        if (sep < Sep.Comma) sep = Sep.Comma;
        break;
      default:
        if (sep < Sep.Punct) sep = Sep.Punct;
    }
  }
  return sep;
}

// The word forms seen so far: an open-addressing table over the characters of the text (a word is hashed and compared
// where it stands; a string is cut only for a form not seen before). One array holds each slot's hash (0 = empty),
// spelling and form side by side, so that a probe reads one place and the spelling and form are fetched together;
// at most `maxForms` forms in at least 3 x as many slots (a short probe even for a new word). Bounded: when full, the
// table starts over with the forms found again since they were made or last kept, at most half the budget (tokens
// keep their forms; the next words make new ones). The default budget (40000 forms in 2^17 slots) suits
// the editor, which sees the same words again; a workspace-scan worker, which sees each article once, sets a smaller
// one (`setWordFormBudget`).
const DEFAULT_MAX_FORMS = 40000;
let maxForms = DEFAULT_MAX_FORMS;
let slots = slotsFor(maxForms);
let formTable: Array<number | string | WordForm> = emptyTable();
/** Per slot: 1 when its form was found again since it was made or last kept (see `keepReused`). */
let formReused = new Uint8Array(slots);
let formCount = 0;

function slotsFor(forms: number): number {
  let n = 1 << 10;
  while (n < 3 * forms) n *= 2;
  return n;
}

/**
 * Keep at most `forms` word forms (default 40000) before the table starts over with the reused ones (see
 * `keepReused`); setting the budget empties the table.
 * For a process whose text is mostly new (a workspace scan), where a smaller table costs few hits and saves memory.
 */
export function setWordFormBudget(forms: number = DEFAULT_MAX_FORMS): void {
  maxForms = Math.max(1, Math.floor(forms));
  slots = slotsFor(maxForms);
  formTable = emptyTable();
  formReused = new Uint8Array(slots);
  formCount = 0;
}

function emptyTable(): Array<number | string | WordForm> {
  const t = new Array<number | string | WordForm>(3 * slots);
  for (let i = 0; i < t.length; i += 3) {
    t[i] = 0;
    t[i + 1] = '';
    t[i + 2] = 0;
  }
  return t;
}

/** The form of the word text[s, e) (made and remembered on first sight). */
export function formAt(text: string, s: number, e: number): WordForm {
  return formOf(text, s, e, wordHash(text, s, e));
}

/** The table's hash of the word text[s, e) (never 0): FNV over its code units, then its length (see finishHash). */
function wordHash(text: string, s: number, e: number): number {
  let h = 0x811c9dc5;
  for (let i = s; i < e; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return finishHash(h, e - s);
}

/** The end of wordHash: the length mixed in (scanTokens hashes a word's code units as it finds them). */
function finishHash(h: number, n: number): number {
  h = Math.imul(h ^ n, 0x01000193);
  return (h ^ (h >>> 15)) | 1;
}

/** `formAt` with the word's hash (`wordHash`) given. */
function formOf(text: string, s: number, e: number, h: number): WordForm {
  const table = formTable;
  let slot = (h & (slots - 1)) * 3;
  for (let x = table[slot]; x !== 0; x = table[slot]) {
    if (x === h && sameWord(table[slot + 1] as string, text, s, e)) {
      formReused[slot / 3] = 1;
      return table[slot + 2] as WordForm;
    }
    slot = slot + 3 === 3 * slots ? 0 : slot + 3;
  }
  if (formCount >= maxForms) {
    keepReused();
    return formOf(text, s, e, h);
  }
  const f = makeForm(text.slice(s, e));
  table[slot] = h;
  table[slot + 1] = f.raw;
  table[slot + 2] = f;
  formCount++;
  return f;
}

/**
 * The table is full: start a new one with the forms found again since they were made or last kept (the words that
 * come back: most of the text's words), at most half the budget, and forget the others.
 */
function keepReused(): void {
  const old = formTable;
  const reused = formReused;
  formTable = emptyTable();
  formReused = new Uint8Array(slots);
  formCount = 0;
  const cap = maxForms >> 1;
  const mask = slots - 1;
  for (let i = 0; i < reused.length && formCount < cap; i++) {
    if (!reused[i]) continue;
    const h = old[3 * i] as number;
    let slot = (h & mask) * 3;
    while (formTable[slot] !== 0) slot = slot + 3 === 3 * slots ? 0 : slot + 3;
    formTable[slot] = h;
    formTable[slot + 1] = old[3 * i + 1];
    formTable[slot + 2] = old[3 * i + 2];
    formCount++;
  }
}

function sameWord(raw: string, text: string, s: number, e: number): boolean {
  if (raw.length !== e - s) return false;
  for (let i = 0; i < raw.length; i++) if (raw.charCodeAt(i) !== text.charCodeAt(s + i)) return false;
  return true;
}

function makeForm(w: string): WordForm {
  const c0 = w.charCodeAt(0);
  const latin = !isArabicLetterCode(c0) && ((c0 >= 65 && c0 <= 90) || (c0 >= 97 && c0 <= 122) || (c0 >= 0xc0 && c0 <= 0x24f && c0 !== 0xd7 && c0 !== 0xf7) || (c0 >= 0x1e00 && c0 <= 0x1eff));
  return {
    raw: w,
    key: foldKey(w),
    latin,
    cap: latin && w[0] !== w[0].toLowerCase(),
    skip: c0Tatweel(w) && !/[\p{L}\p{N}]/u.test(w.replace(/\u0640/g, '')),
    // Every answer slot exists from the start: all forms share one object shape.
    trigger: undefined,
    honorific: undefined,
    institutionHead: undefined,
    media: undefined,
    nationality: undefined,
    readings: undefined,
  };
}

/** Words of the given regions of `text`, in order, each region starting with a Boundary. */
export function scanTokens(text: string, regions: readonly Span[]): Token[] {
  const out: Token[] = [];
  const words = batch;
  for (let r = 0; r < regions.length; r++) {
    const { start, end } = regions[r];
    let prevEnd = -1;
    let prev: Token | undefined;
    // The words of the region: runs of letters, marks and digits (as /[\p{L}\p{M}\p{N}]+/gu finds them), a batch at
    // a time: their places and hashes first; then the table slots, spellings and forms they lead to are read in a
    // loop of independent reads (a word's reads do not wait on the word before: on a long text most are cache misses,
    // which the processor then overlaps); then the words are looked up, their memory at hand.
    for (let at = start, more = true; more; ) {
      let nw = 0;
      // (nextRun(text, at, 3, run, end) with each word's code units hashed as they are read, wordCharLength)
      while (nw < BATCH) {
        let i = at;
        let k = 0;
        for (; i < end; i++) {
          k = wordCharLength(text, i, end);
          if (k !== 0) break;
        }
        if (i >= end) {
          more = false;
          break;
        }
        const s = i;
        let h = 0x811c9dc5;
        for (;;) {
          h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
          if (k === 2) h = Math.imul(h ^ text.charCodeAt(i + 1), 0x01000193);
          i += k;
          if (i >= end) break;
          k = wordCharLength(text, i, end);
          if (k === 0) break;
        }
        words[3 * nw] = s;
        words[3 * nw + 1] = i;
        words[3 * nw + 2] = finishHash(h, i - s);
        at = i;
        nw++;
      }
      readAhead(words, nw);
      for (let w = 0; w < nw; w++) {
        const s = words[3 * w];
        const e = words[3 * w + 1];
        const f = formOf(text, s, e, words[3 * w + 2]);
        if (f.skip) continue;
        const t: Token = {
          start: s,
          end: e,
          key: f.key,
          latin: f.latin,
          cap: f.cap,
          sep: prevEnd < 0 ? Sep.Boundary : classifyGap(text, prevEnd, s, prev),
          region: r,
          form: f,
        };
        out.push(t);
        prevEnd = e;
        prev = t;
      }
    }
  }
  return out;
}

/** runCharLength(text, i, 3, end), ASCII letters and digits by their codes (most characters of an English text). */
function wordCharLength(text: string, i: number, end: number): number {
  const c = text.charCodeAt(i);
  return c < 0x80 ? ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) ? 1 : 0) : runCharLength(text, i, 3, end);
}

/** Words per batch of scanTokens. */
const BATCH = 512;
/** scanTokens' batch: start, end and hash of each word. */
const batch = new Int32Array(3 * BATCH);
/** Where the reads ahead go (so that they are made). */
let readSink = 0;

/** Reads the first table slot of each word of the batch, and the spelling and form there when the hash is the word's. */
function readAhead(words: Int32Array, nw: number): void {
  const table = formTable;
  const mask = slots - 1;
  let n = 0;
  for (let w = 0; w < nw; w++) {
    const h = words[3 * w + 2];
    const slot = (h & mask) * 3;
    if (table[slot] === h) n += (table[slot + 1] as string).length + ((table[slot + 2] as WordForm).skip ? 1 : 0);
  }
  readSink = n;
}

/**
 * `scanTokens` with the tokens of each region remembered by the region's text, for re-analysis after an edit: a
 * region's tokens depend on its own text only (each region starts with a Boundary; gaps are classified inside the
 * region), so an unchanged paragraph is not scanned again: its tokens are reused as they are when it stands where it
 * stood, else moved to where it now stands (in place: the previous scan's tokens are not used once the next scan
 * starts; a paragraph written twice gets copies the second time). The linker never changes a token. Bounded: only
 * the regions of the previous call are kept (an edit session keeps what it needs, a new document replaces it all).
 */
export class RegionTokenCache {
  private current = new Map<string, CachedRegion>();
  /** The regions of the last scan, in order, and the index of each one's first token in its result. */
  private order: CachedRegion[] = [];
  private firsts: number[] = [];
  private versions = new Map<string, { data: Uint32Array; version: number }>();

  scan(text: string, regions: readonly Span[]): Token[] {
    const previous = this.current;
    this.current = new Map();
    this.order = [];
    this.firsts = [];
    const out: Token[] = [];
    for (let r = 0; r < regions.length; r++) {
      const { start, end } = regions[r];
      const key = text.slice(start, end);
      let c = this.current.get(key);
      if (c) {
        // The same text twice in this scan: shifted copies of the first one's tokens.
        const shift = start - c.start;
        c = { start, region: r, tokens: c.tokens.map((t) => ({ start: t.start + shift, end: t.end + shift, key: t.key, latin: t.latin, cap: t.cap, sep: t.sep, region: r, form: t.form })), selected: new Map() };
      } else if ((c = previous.get(key))) {
        previous.delete(key);
        if (c.start !== start || c.region !== r) {
          // Same words elsewhere (every region after the edit): moved in place.
          const shift = start - c.start;
          for (const t of c.tokens) {
            t.start += shift;
            t.end += shift;
            t.region = r;
          }
          c.start = start;
          c.region = r;
        }
      } else {
        c = { start, region: r, tokens: scanTokens(text, [{ start, end }]), selected: new Map() };
        if (r !== 0) for (const t of c.tokens) t.region = r;
      }
      // Unchanged and in the same place (every region before the edit): the very same tokens (read only).
      this.current.set(key, c);
      this.order.push(c);
      this.firsts.push(out.length);
      for (const t of c.tokens) out.push(t);
    }
    return out;
  }

  /**
   * `selectTokens` over the tokens of the last scan, each region's answer remembered with the region (so an
   * unchanged paragraph is not looked at again). `test` must answer alike for the same `name` and `version`, and
   * its answer for a token must depend only on the tokens of the token's own region (a test of the next token must
   * fail at a region's last token: the next region's first token starts with a Boundary) and on what `version`
   * stands for.
   */
  select(name: string, test: TokenTest, version = 0): number[] {
    const out: number[] = [];
    for (let r = 0; r < this.order.length; r++) {
      const c = this.order[r];
      let mine = c.selected.get(name);
      if (!mine || mine.version !== version) c.selected.set(name, (mine = { version, tokens: selectTokens(c.tokens, test) }));
      const first = this.firsts[r];
      const ts = mine.tokens;
      for (let k = 0; k < ts.length; k++) out.push(first + ts[k]);
    }
    return out;
  }

  /**
   * A version number for `data` under `name`: the previous one when `data` equals the data of the previous call
   * with that name, else a new one. A `select` test that reads such data passes its version (answers selected under
   * another version are selected again).
   */
  version(name: string, data: Uint32Array): number {
    const v = this.versions.get(name);
    if (v && v.data.length === data.length && v.data.every((x, i) => x === data[i])) return v.version;
    const version = (v?.version ?? 0) + 1;
    this.versions.set(name, { data: data.slice(), version });
    return version;
  }

  clear(): void {
    this.current = new Map();
    this.order = [];
    this.firsts = [];
    this.versions = new Map();
  }
}

interface CachedRegion {
  start: number;
  region: number;
  tokens: Token[];
  /** `select` answers for these tokens (indices into `tokens`) by name, with the version they were selected under. */
  selected: Map<string, { version: number; tokens: number[] }>;
}

/** A test of the token at `i` that reads only the tokens of its own region (see RegionTokenCache.select). */
export type TokenTest = (tokens: readonly Token[], i: number) => boolean;

/** The indices of the tokens that pass `test`, ascending. */
export function selectTokens(tokens: readonly Token[], test: TokenTest): number[] {
  const out: number[] = [];
  for (let i = 0; i < tokens.length; i++) if (test(tokens, i)) out.push(i);
  return out;
}

/** Index of the first token whose end is after `offset` (binary search). */
export function tokenAt(tokens: readonly Token[], offset: number): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid].end <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

// ---------------------------------------------------------------------------------------------------------------
// Arabic clitics

/**
 * Proclitic prefixes of an Arabic word (folded), shortest first: the conjunctions و ف, the prepositions ب ل ك and
 * their combinations. The article ال is not a clitic here: it belongs to names that have it (الجيش الليبي).
 * 'لل' (ل + ال with the alif dropped: للجيش) is handled apart.
 */
const PREFIXES = ['و', 'ف', 'ب', 'ل', 'ك', 'وب', 'فب', 'ول', 'فل', 'وك', 'فك', 'لل', 'ولل', 'فلل'];

export interface CliticReading {
  /** The key without the clitic ('للجيش' -> 'الجيش'). */
  key: string;
  /** How many letters (folded characters) of the word the clitic takes. */
  strip: number;
}

/**
 * The word with its article restored, from the letters written after the preposition ل of 'لل…' (folded, starting
 * with the article's lam): the article's alif is elided there ('للجيش': 'لجيش' -> 'الجيش'); when a single letter
 * follows that lam, the lam was the noun's own and the article's lam is elided too ('لله': 'له' -> 'الله'; a noun
 * of one letter does not exist). How many letters were restored is the length difference (1 or 2).
 */
export function restoreArticle(afterPreposition: string): string {
  return afterPreposition.length === 2 ? 'ال' + afterPreposition : 'ا' + afterPreposition;
}

/**
 * The readings of an Arabic word key, least stripping first: the word itself, then each clitic prefix removed.
 * A reading keeps at least two letters. For 'لل…', the reading restores the article (`restoreArticle`): 'للجيش' ->
 * 'الجيش', 'لله' -> 'الله' (strip 1: the preposition).
 */
export function cliticReadings(key: string): CliticReading[] {
  const out: CliticReading[] = [{ key, strip: 0 }];
  for (const p of PREFIXES) {
    if (!key.startsWith(p)) continue;
    if (p.endsWith('لل')) {
      if (key.length - p.length < 1) continue;
      out.push({ key: restoreArticle(key.slice(p.length - 1)), strip: p.length - 1 });
    } else if (key.length - p.length < 2) {
      continue;
    } else {
      out.push({ key: key.slice(p.length), strip: p.length });
    }
  }
  return out;
}

/** The readings of a token's word form (`cliticReadings` of its key for Arabic, the key alone for Latin), once per form. */
export function formReadings(f: WordForm): readonly CliticReading[] {
  let r = f.readings;
  if (r === undefined) r = f.readings = f.latin ? [{ key: f.key, strip: 0 }] : cliticReadings(f.key);
  return r;
}

/** Offset in `word` after its first `n` folded letters (diacritics and tatweel are skipped over). */
export function offsetAfterLetters(word: string, n: number): number {
  let seen = 0;
  let i = 0;
  while (i < word.length && seen < n) {
    const c = word.charCodeAt(i);
    i++;
    if ((c >= 0x064b && c <= 0x065f) || c === 0x0670 || c === 0x0640) continue;
    seen++;
  }
  // Marks right after the stripped letter belong to it (وَلافروف: the fatha stays with the و).
  while (i < word.length) {
    const c = word.charCodeAt(i);
    if ((c >= 0x064b && c <= 0x065f) || c === 0x0670 || c === 0x0640) i++;
    else break;
  }
  return i;
}
