/**
 * The name-variant matcher: are two spellings the same name written differently?
 *
 * Pure; no word list is needed for the foreign names the check is about. Two kinds of variants:
 * - `orthographic`: the spellings differ only by writing conventions that hold for every name, native or foreign.
 *   Arabic: hamza seats on alif (أ/إ/آ/ا), ى/ي, ة/ه, ؤ/و, ئ/ي, diacritics and tatweel, Persian ی/ک,
 *   'عبد الله'/'عبدالله'. English: case, diacritics (Muammar/Mu'ammar, José/Jose), hyphen/space ('al-Assad'/'Al Assad').
 * - `transliteration`: the spellings differ by the alternations that transliterating a foreign name produces.
 *   Arabic: ك/ق/غ/ج/گ (g, k, q), ف/ڤ (v), ب/پ (p), تش/ش/چ (ch), ت/ط/ث, س/ص/ث, د/ض/ذ, ز/ذ/ظ, and long vowels ا و ي
 *   present or dropped (بوتين/بوتن; endings وف/ڤ). English: c/k/q/g, f/v/w, ph/f, s/z, i/y/j, doubled letters,
 *   h after a consonant (Gadhafi/Gaddafi), and for longer names vowels (Mohammed/Muhammad).
 *   Each alternation costs 1; a pair is a variant when its cheapest alignment stays within a budget that grows
 *   with the length of the name (short names allow little: Hill/Hall, سعد/سعيد are different names).
 *
 * Precision first (an editor who sees false alarms switches the tool off):
 * - Native Arabic names (a bundled list of given names, see models/README.md) keep only orthographic alternations:
 *   سعيد/سعد، حسين/حسن، محمد/محمود are different names.
 * - English given names of different sex are different names (John/Joan, Daniel/Danielle, Carl/Carla).
 * - Grammatical forms never match: only the listed alternations are allowed, so الروسي/الروسية (added ة),
 *   وزارة/وزارتي (ة -> تي) and وزير/وزراء (added ء) are rejected.
 * - Full names match only token by token: 'سيرغي لافروف' and 'سيرغي شويغو' share a first name but are not variants.
 *
 * The matcher is symmetric: `nameVariant(a, b)` and `nameVariant(b, a)` give the same kind.
 */
import { runCharLength } from '../text/tokenize';
import type { Language, Mention } from '../types';
import nativeAr from '../../../../models/names-native-ar.json';
import sexEn from '../../../../models/names-sex-en.json';

export type VariantKind = 'orthographic' | 'transliteration';

/** How two tokens at the same position of two names compare. */
export interface TokenPair {
  a: string;
  b: string;
  kind: 'same' | VariantKind;
  /** Number of transliteration alternations (0 for same/orthographic). */
  cost: number;
}

export interface NameVariantMatch {
  kind: VariantKind;
  /** Total transliteration alternations over all tokens. */
  cost: number;
  /** Token-by-token comparison (same length as both token lists). */
  parts: TokenPair[];
}

export interface MatchOptions {
  /**
   * Is this (orthographically folded, without the article ال) Arabic token a native Arabic name or word?
   * Native tokens keep only orthographic alternations. Default: the bundled list of Arabic given names.
   */
  isNativeArabic?: (folded: string) => boolean;
}

// ---------------------------------------------------------------------------------------------------------------
// Folding

const AR_MARKS = /[\u064B-\u065F\u0670\u0640\u200C\u200D\u200E\u200F\u061C]/g;

/**
 * Orthographic fold of Arabic text: two spellings with the same fold are orthographic variants.
 * Keeps token boundaries (single spaces) except in 'عبد ال…' compounds, which are written both ways.
 */
export function foldArabic(s: string): string {
  // Most words are Arabic letters only (U+0621..U+064A: no space, no mark to compose or drop except tatweel, already
  // in NFC): the same fold as below by one loop over character codes.
  let plain = s.length > 0;
  for (let i = 0; i < s.length && plain; i++) {
    const c = s.charCodeAt(i);
    plain = c >= 0x0621 && c <= 0x064a;
  }
  if (plain) return foldArabicLetters(s);
  return s
    .normalize('NFC')
    .replace(AR_MARKS, '')
    .replace(/[أإآٱ]/g, 'ا')
    .replace(/ى/g, 'ي')
    .replace(/ة/g, 'ه')
    .replace(/ی/g, 'ي')
    .replace(/ک/g, 'ك')
    .replace(/ؤ/g, 'و')
    .replace(/ئ/g, 'ي')
    .replace(/(^|\s)عبد\s+(?=ال)/g, '$1عبد')
    .replace(/\s+/g, ' ')
    .trim();
}

/** `foldArabic` of a word of plain Arabic letters (U+0621..U+064A): each letter folded as foldPlainLetter, tatweel dropped. */
function foldArabicLetters(s: string): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x0640) out += s.slice(from, i); // tatweel
    else {
      const f = foldPlainLetter(c);
      if (f === c) continue;
      out += s.slice(from, i) + String.fromCharCode(f);
    }
    from = i + 1;
  }
  return from === 0 ? s : out + s.slice(from);
}

/** Orthographic fold of Latin-script names: lower case, no diacritics or apostrophes, hyphens as spaces. */
export function foldLatin(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[’‘'`ʿʾ]/g, '')
    .replace(/[-‐‑–]/g, ' ')
    .replace(/[^\p{L}\p{N} ]/gu, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The orthographic fold for a language: the key under which spellings of one name are grouped. */
/** Memo of foldName: the linker compares every pair of names in a bucket, folding the same tokens again and again. */
const foldMemo: Record<Language, Map<string, string>> = { ar: new Map(), en: new Map() };

export function foldName(s: string, lang: Language): string {
  const memo = foldMemo[lang];
  let f = memo.get(s);
  if (f === undefined) {
    if (memo.size >= 50000) memo.clear();
    f = lang === 'ar' ? foldArabic(s) : foldLatin(s);
    memo.set(s, f);
  }
  return f;
}

/** Tokens of a (folded) name. */
export function nameTokens(s: string, lang: Language): string[] {
  const f = foldName(s, lang);
  return f ? f.split(' ') : [];
}

// ---------------------------------------------------------------------------------------------------------------
// Native-name lexicons (bundled, derived from ../shared/data/gazetteers; see models/README.md)

const NATIVE_AR = new Set<string>((nativeAr as { names: string[] }).names);
const SEX_EN = (sexEn as { names: Record<string, string> }).names;

/** Common native words and name parts that are not in the given-name list but must keep orthographic matching only. */
const NATIVE_AR_EXTRA = [
  'ابو', 'ابن', 'بن', 'بنت', 'ام', 'ال', 'عبد', 'الله', 'وزير', 'وزراء', 'رييس', 'ملك', 'امير', 'شيخ', 'سيد', 'سيده',
  'حسني', 'حسيني', 'مبارك', 'عباس', 'عياش', 'اسد', 'صدام', 'عرفات', 'قذافي', 'بشير', 'بشار', 'جمال', 'كمال',
];
for (const w of NATIVE_AR_EXTRA) NATIVE_AR.add(w);

function stripArticle(folded: string): string {
  return folded.length > 4 && folded.startsWith('ال') ? folded.slice(2) : folded;
}

/** Default native test: the token (or the token without ال) is a listed Arabic name or name word. */
export function isNativeArabicName(folded: string): boolean {
  return NATIVE_AR.has(folded) || NATIVE_AR.has(stripArticle(folded));
}

/** 'M', 'F' or 'U' for common English given names, undefined otherwise. */
export function englishGivenNameSex(token: string): string | undefined {
  return SEX_EN[foldLatin(token)];
}

// ---------------------------------------------------------------------------------------------------------------
// Weighted alignment

interface Scheme {
  /** Cost of substituting x by y (x !== y), or Infinity. */
  sub(x: string, y: string, L: number): number;
  /** Cost of inserting/deleting s[i] (its neighbours inform doubled letters), or Infinity. */
  indel(s: string, i: number, L: number): number;
}

function align(a: string, b: string, sc: Scheme, L: number, budget: number): number {
  const n = a.length;
  const m = b.length;
  if (Math.abs(n - m) > budget) return Infinity;
  let prev = new Array<number>(m + 1).fill(Infinity);
  let cur = new Array<number>(m + 1).fill(Infinity);
  prev[0] = 0;
  for (let j = 1; j <= m; j++) prev[j] = prev[j - 1] + sc.indel(b, j - 1, L);
  for (let i = 1; i <= n; i++) {
    cur[0] = prev[0] + sc.indel(a, i - 1, L);
    let rowMin = cur[0];
    for (let j = 1; j <= m; j++) {
      const x = a[i - 1];
      const y = b[j - 1];
      let best = prev[j - 1] + (x === y ? 0 : sc.sub(x, y, L));
      const del = prev[j] + sc.indel(a, i - 1, L);
      if (del < best) best = del;
      const ins = cur[j - 1] + sc.indel(b, j - 1, L);
      if (ins < best) best = ins;
      cur[j] = best;
      if (best < rowMin) rowMin = best;
    }
    if (rowMin > budget) return Infinity;
    [prev, cur] = [cur, prev];
  }
  return prev[m];
}

// Arabic: classes of letters that transliteration maps one foreign sound to. ذ belongs to both د and ز.
const AR_CLASS: Record<string, string> = {
  ك: 'K', ق: 'K', غ: 'K', ج: 'K', گ: 'K', ڨ: 'K', ڭ: 'K',
  ف: 'F', ڤ: 'F',
  ب: 'B', پ: 'B',
  ش: 'C', چ: 'C',
  ت: 'T', ط: 'T',
  س: 'S', ص: 'S', ث: 'ST',
  د: 'D', ض: 'D', ذ: 'DZ',
  ز: 'Z', ظ: 'Z',
};
const AR_LONG_VOWELS = 'اوي';

function classCompatible(c1: string | undefined, c2: string | undefined): boolean {
  if (!c1 || !c2) return false;
  for (const c of c1) if (c2.includes(c)) return true;
  return false;
}

const AR_SCHEME: Scheme = {
  sub: (x, y) => (classCompatible(AR_CLASS[x], AR_CLASS[y]) ? 1 : Infinity),
  // A long vowel present or dropped inside the name; not at its end (بيتر/بيترو, توماس/توماسو are different names).
  indel: (s, i) => (i > 0 && i < s.length - 1 && AR_LONG_VOWELS.includes(s[i]) ? 1 : Infinity),
};

function arBudget(L: number): number {
  return L <= 3 ? 0 : L === 4 ? 1 : L <= 7 ? 2 : 3;
}

/** Letters of an Arabic token that are not long vowels. */
function arSkeleton(s: string): string {
  return s.replace(/[اوي]/g, '');
}

// English (Latin script)
const EN_CLASS: Record<string, string> = {
  c: 'K', k: 'K', q: 'K', g: 'K',
  f: 'F', v: 'F', w: 'F',
  s: 'S', z: 'S',
  i: 'I', y: 'I', j: 'I',
};
const EN_VOWELS = 'aeiouy';

const EN_SCHEME: Scheme = {
  sub: (x, y, L) => {
    if (classCompatible(EN_CLASS[x], EN_CLASS[y])) return 1;
    if (L >= 5 && EN_VOWELS.includes(x) && EN_VOWELS.includes(y)) return 1;
    return Infinity;
  },
  indel: (s, i, L) => {
    const c = s[i];
    if (i > 0 && s[i - 1] === c) return 1; // doubled letter
    if (i + 1 < s.length && s[i + 1] === c && i > 0) return 1;
    if (c === 'h' && i > 0 && 'cdgkts'.includes(s[i - 1])) return 1; // kh/k, dh/d, th/t
    if (c === 'c' && i > 0 && s[i - 1] === 's' && s[i + 1] === 'h') return 1; // sch/sh
    if (c === 'e' && i === s.length - 1 && i >= 3) return 1; // Clark/Clarke
    // A vowel present or dropped inside a long name (Hussein/Husain); costlier, so Williams/Wilms is out of budget.
    if (L >= 6 && i > 0 && i < s.length - 1 && EN_VOWELS.includes(c)) return 1.5;
    return Infinity;
  },
};

function enBudget(L: number): number {
  return L <= 5 ? 1 : L === 6 ? 2 : 3;
}

function enPrep(s: string): string {
  return s.replace(/ph/g, 'f').replace(/ck/g, 'k');
}

function enSkeleton(s: string): string {
  return s.replace(/[aeiouy]/g, '').replace(/(.)\1+/g, '$1');
}

// ---------------------------------------------------------------------------------------------------------------
// Public API

/**
 * Compare two single name tokens (e.g. 'شويغو' / 'شويجو', 'Sergei' / 'Sergey').
 * Returns null when they are identical or not variants of one name.
 */
export function tokenVariant(a: string, b: string, lang: Language, opts: MatchOptions = {}): { kind: VariantKind; cost: number } | null {
  if (a === b) return null;
  const fa = foldName(a, lang);
  const fb = foldName(b, lang);
  if (!fa || !fb) return null;
  if (fa === fb) {
    // Capitals are a convention of datelines and headlines ('MOSCOW, Nov. 30 —'), not a second spelling.
    if (lang === 'en' && (isAllCaps(a) || isAllCaps(b)) && a.toLowerCase() === b.toLowerCase()) return null;
    return { kind: 'orthographic', cost: 0 };
  }
  if (fa.includes(' ') || fb.includes(' ')) return null;
  // Every transliteration variant shares the coarse bucket key (tested on all positive pairs): a cheap pre-filter
  // before the alignment, which the linker's pairwise pass calls many times.
  if (bucketKey(a, lang) !== bucketKey(b, lang)) return null;
  const cost = lang === 'ar' ? arabicCost(fa, fb, opts) : englishCost(fa, fb);
  return cost === Infinity ? null : { kind: 'transliteration', cost };
}

function isAllCaps(s: string): boolean {
  return /\p{Lu}.*\p{Lu}/u.test(s) && !/\p{Ll}/u.test(s);
}

function arabicCost(fa: string, fb: string, opts: MatchOptions): number {
  // Present/absent article is grammar, not spelling.
  if (stripArticle(fa) === stripArticle(fb)) return Infinity;
  const native = opts.isNativeArabic ?? isNativeArabicName;
  if (native(fa) || native(fb)) return Infinity;
  // Two short words behind the article are Arabic words (الجيش/الجيوش), not transliterated names.
  const shortWithArticle = (f: string) => f.startsWith('ال') && f.length <= 6;
  if (shortWithArticle(fa) && shortWithArticle(fb)) return Infinity;
  if (!/^[\u0621-\u064A\u067E\u0686\u06A4\u06AF\u06A8\u06AD]+$/.test(fa + fb)) return Infinity;
  const a = fa.replace(/تش/g, 'ش');
  const b = fb.replace(/تش/g, 'ش');
  if (a === b) return 1; // تش/ش only
  if (arSkeleton(a).length < 2 || arSkeleton(b).length < 2) return Infinity;
  if (a[0] !== b[0] && !classCompatible(AR_CLASS[a[0]], AR_CLASS[b[0]])) return Infinity;
  const L = Math.max(fa.length, fb.length);
  const budget = arBudget(L);
  if (budget === 0) return Infinity;
  const c = align(a, b, AR_SCHEME, L, budget);
  return c <= budget ? c : Infinity;
}

function englishCost(fa: string, fb: string): number {
  const sa = englishGivenNameSex(fa);
  const sb = englishGivenNameSex(fb);
  if (sa && sb && sa !== 'U' && sb !== 'U' && sa !== sb) return Infinity;
  if (!/^[a-z]+$/.test(fa + fb)) return Infinity;
  const a = enPrep(fa);
  const b = enPrep(fb);
  if (a === b) return 1; // ph/f, ck/k only
  if (enSkeleton(a).length < 2 || enSkeleton(b).length < 2) return Infinity;
  const va = EN_VOWELS.includes(a[0]) && a[0] !== 'y';
  const vb = EN_VOWELS.includes(b[0]) && b[0] !== 'y';
  if (a[0] !== b[0] && !(va && vb) && !classCompatible(EN_CLASS[a[0]], EN_CLASS[b[0]])) return Infinity;
  const L = Math.max(a.length, b.length);
  const budget = enBudget(L);
  const c = align(a, b, EN_SCHEME, L, budget);
  return c <= budget ? c : Infinity;
}

/**
 * Compare two names (one or more tokens: 'سيرغي لافروف' / 'سيرجي لافروف', 'Muammar Gaddafi' / 'Moammar Qaddafi').
 * Token by token: both must have the same number of tokens (after folding 'عبد ال…' compounds), every position
 * must be the same or a variant, and at least one must differ in spelling. Returns null otherwise.
 */
export function nameVariant(a: string, b: string, lang: Language, opts: MatchOptions = {}): NameVariantMatch | null {
  if (a === b) return null;
  const ta = rawTokens(a, lang);
  const tb = rawTokens(b, lang);
  if (ta.length === 0 || ta.length !== tb.length) return null;
  const parts: TokenPair[] = [];
  let translit = false;
  let ortho = false;
  let cost = 0;
  for (let i = 0; i < ta.length; i++) {
    if (ta[i] === tb[i]) {
      parts.push({ a: ta[i], b: tb[i], kind: 'same', cost: 0 });
      continue;
    }
    const v = tokenVariant(ta[i], tb[i], lang, opts);
    if (!v) return null;
    parts.push({ a: ta[i], b: tb[i], kind: v.kind, cost: v.cost });
    cost += v.cost;
    if (v.kind === 'transliteration') translit = true;
    else ortho = true;
  }
  if (!translit && !ortho) {
    // Same tokens, different spacing/punctuation around them ('عبد الله' / 'عبدالله' is folded into one token).
    return foldName(a, lang) === foldName(b, lang) ? { kind: 'orthographic', cost: 0, parts } : null;
  }
  return { kind: translit ? 'transliteration' : 'orthographic', cost, parts };
}

/** True when a and b are spelled the same or are variants of one name. */
export function sameName(a: string, b: string, lang: Language, opts: MatchOptions = {}): boolean {
  return a === b || foldName(a, lang) === foldName(b, lang) || nameVariant(a, b, lang, opts) !== null;
}

/**
 * A cheap key that every pair of variant names shares (`nameVariant(a, b) !== null` implies equal keys): the coarse
 * bucket key of each written token, in order. Each position of a variant pair is either the same token or a token
 * variant, and `tokenVariant` only accepts tokens with equal bucket keys (equal folds give equal keys). The linker
 * compares only names with the same key instead of every pair of a bucket.
 */
export function variantKey(s: string, lang: Language): string {
  // Remembered per name (bounded): the linker asks for the key of every group of every article.
  const memo = variantMemo[lang];
  let v = memo.get(s);
  if (v === undefined) {
    if (memo.size >= 50000) memo.clear();
    const t = rawTokens(s, lang);
    let out = '';
    for (let i = 0; i < t.length; i++) out += (i ? '\u0001' : '') + bucketKey(t[i], lang);
    v = t.length + '\u0002' + out;
    memo.set(s, v);
  }
  return v;
}

const variantMemo: Record<Language, Map<string, string>> = { ar: new Map(), en: new Map() };

/** Tokens of a name as written (not folded), with 'عبد ال…' compounds kept as one token. */
function rawTokens(s: string, lang: Language): string[] {
  // Arabic letters and single inner spaces only (already NFC, nothing to trim), and no 'عبد ال…': split at the spaces.
  if (lang === 'ar' && s.length > 0 && s.charCodeAt(0) !== 32 && s.charCodeAt(s.length - 1) !== 32 && !s.includes('عبد')) {
    let plain = true;
    for (let i = 0; i < s.length && plain; i++) {
      const c = s.charCodeAt(i);
      plain = (c >= 0x0621 && c <= 0x064a) || (c === 32 && s.charCodeAt(i + 1) !== 32);
    }
    if (plain) return s.split(' ');
  }
  let t = s.normalize('NFC').trim();
  if (lang === 'ar') t = t.replace(/(^|\s)(عبد)\s+(?=ال)/g, '$1$2\u0000');
  else t = t.replace(/[-‐‑–]/g, ' ');
  return t
    .split(/\s+/)
    .filter(Boolean)
    .map((x) => x.replace(/\u0000/g, ' '));
}

/** The tokens of a name as written, with their offsets inside the name (for fixes that edit one name part). */
export function nameParts(s: string, lang: Language): Array<{ text: string; start: number; end: number }> {
  const out: Array<{ text: string; start: number; end: number }> = [];
  const re = lang === 'ar' ? /عبد\s+ال[^\s]+|[^\s]+/g : /[^\s\-‐‑–]+/g;
  for (let m = re.exec(s); m; m = re.exec(s)) out.push({ text: m[0], start: m.index, end: m.index + m[0].length });
  return out;
}

/**
 * The name parts of a mention with offsets into the article text. A mention whose text restores the article's
 * elided letters after the preposition ل ('الجيش الليبي' for the written 'لجيش الليبي' of 'للجيش الليبي'; 'الله' for
 * the 'له' of 'لله', see entities/tokens.ts restoreArticle) is one or two characters longer than its range: its first
 * part keeps the restored spelling ('الجيش', 'الله') over the written letters ('لجيش', 'له').
 */
export function mentionParts(
  m: Mention,
  lang: Language,
  /** The parts of `m.text` (offsets inside it) when the caller has them: nameParts(m.text, lang) or some of them. */
  parts: ReadonlyArray<{ text: string; start: number; end: number }> = nameParts(m.text, lang),
): Array<{ text: string; start: number; end: number }> {
  const shift = m.text.length - (m.end - m.start);
  return parts.map((p) => ({ text: p.text, start: m.start + Math.max(0, p.start - shift), end: m.start + p.end - shift }));
}

/**
 * The text that puts `spelling` where a name part is written over [start, end). A part whose text is longer than its
 * range restored the article after the preposition ل (a 'الجيش' over 'لجيش', a 'الله' over 'له', see mentionParts):
 * there an article-initial spelling is written as after 'لل', the article's alif elided ('الأمن' -> 'لأمن', to read
 * 'للأمن'), and its lam too before a noun that starts with lam ('الله' -> 'له', 'اللجنة' -> 'لجنة': 'لله', 'للجنة').
 */
export function writtenSpelling(partText: string, start: number, end: number, spelling: string): string {
  const restored = partText.length - (end - start);
  if ((restored === 1 || restored === 2) && /^ال/.test(spelling)) return spelling.slice(/^الل/.test(spelling) ? 2 : 1);
  return spelling;
}

/**
 * Coarse bucket key of one token: every spelling variant of a name (per `tokenVariant`) shares it, so indexes compare
 * only spellings in the same bucket (transliteration classes merged, inner long vowels and doubled letters dropped).
 */
const bucketMemo: Record<Language, Map<string, string>> = { ar: new Map(), en: new Map() };

export function bucketKey(token: string, lang: Language): string {
  const memo = bucketMemo[lang];
  let v = memo.get(token);
  if (v === undefined) {
    if (memo.size >= 50000) memo.clear();
    v = computeBucketKey(token, lang);
    memo.set(token, v);
  }
  return v;
}

/** The class letter of an Arabic consonant in a bucket key (transliteration alternations share one), else 0. */
function arBucketClass(c: number): string | undefined {
  switch (c) {
    case 0x0643: case 0x0642: case 0x063a: case 0x062c: case 0x06af: case 0x06a8: case 0x06ad: return 'K'; // ك ق غ ج گ ڨ ڭ
    case 0x0641: case 0x06a4: return 'F'; // ف ڤ
    case 0x0628: case 0x067e: return 'B'; // ب پ
    case 0x0634: case 0x0686: return 'C'; // ش چ
    case 0x062a: case 0x0637: case 0x062b: case 0x0633: case 0x0635: return 'S'; // ت ط ث س ص
    case 0x062f: case 0x0636: case 0x0630: case 0x0632: case 0x0638: return 'D'; // د ض ذ ز ظ
    default: return undefined;
  }
}

/** A plain Arabic letter (U+0621..U+064A, not tatweel) folded as foldArabic folds it. */
function foldPlainLetter(c: number): number {
  switch (c) {
    case 0x0623: case 0x0625: case 0x0622: return 0x0627; // أ إ آ -> ا
    case 0x0649: case 0x0626: return 0x064a; // ى ئ -> ي
    case 0x0629: return 0x0647; // ة -> ه
    case 0x0624: return 0x0648; // ؤ -> و
    default: return c;
  }
}

const bucketCharCode = (folded: number): number => arBucketClass(folded)?.charCodeAt(0) ?? folded;

/**
 * A 32-bit hash of the Arabic bucket key of `text.slice(start, end)` (the same as `bucketKeyHash` of that key),
 * without building the word or its key; -1 when the word is not made of plain Arabic letters only (U+0621..U+064A,
 * no tatweel), where the caller must compute the key itself. A unit test holds it equal to
 * bucketKeyHash(bucketKey(word)). Equal keys have equal hashes: a word whose hash is not among the hashes of a set
 * of keys has none of those keys.
 */
export function arBucketHash(text: string, start: number, end: number): number {
  if (end <= start) return -1;
  // As computeBucketKey: the folded letters, 'تش' -> 'ش', inner long vowels dropped, consonants by their class.
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x0621 || c > 0x064a || c === 0x0640) return -1;
    let k = AR_BUCKET_CODE[c - 0x0621];
    if (c === 0x062a && i + 1 < end && text.charCodeAt(i + 1) === 0x0634) {
      k = AR_BUCKET_CODE[0x0634 - 0x0621];
      i++;
    } else if (i > start && (k === 0x0627 || k === 0x0648 || k === 0x064a)) continue;
    h = Math.imul(h ^ k, 0x01000193);
  }
  return h >>> 0;
}

/**
 * Calls `f` for the words of `text` (runs of letters and marks, as /[\p{L}\p{M}]+/gu finds them) of 4 characters or
 * more, in order, with the word's arBucketHash, computed while the word's end is found (no second pass over the
 * word): plain Arabic letters are taken as letters without the class table. A unit test holds the words and hashes
 * equal to nextRun's and arBucketHash's.
 *
 * With `keyBits` (a bit per low 16 bits of a hash, see keyHashBits), a word of plain Arabic letters is passed over
 * unless the bit of its hash, or of the hash of one of its readings without a leading clitic (arBucketHash from
 * start + 1 when it starts with و ف ب ل ك, and from start + 2 after و/ف then ب/ل/ك: leadingClitic, as
 * names/variants.ts reads them), is set: those hashes are read in the same pass (the clitic letters are no ت, so a
 * تش pair and the letters after the first are read alike from every start). Words of other characters (hash -1) are
 * all passed to `f`.
 */
export function scanArabicWords(text: string, f: (start: number, end: number, hash: number) => void, keyBits?: Uint32Array): void {
  const n = text.length;
  const code = AR_BUCKET_CODE;
  let i = 0;
  while (i < n) {
    let c = text.charCodeAt(i);
    let k: number;
    if (c >= 0x0621 && c <= 0x064a && c !== 0x0640) k = 1;
    else if ((k = runCharLength(text, i, 1)) === 0) {
      i++;
      continue;
    }
    const start = i;
    // (as arBucketHash; `plain` false once a character other than a plain Arabic letter is in the word; h1, h2: the
    // hashes from start + 1 and start + 2, kept when a clitic may stand there: cl = 1 for و ف ب ل ك, 2 for و/ف then
    // ب/ل/ك)
    let h = 0x811c9dc5;
    let h1 = 0x811c9dc5;
    let h2 = 0x811c9dc5;
    const cl = keyBits !== undefined ? leadingClitic(text, i) : 0;
    let plain = true;
    for (;;) {
      if (k === 1 && c >= 0x0621 && c <= 0x064a && c !== 0x0640) {
        if (plain) {
          let b = code[c - 0x0621];
          if (c === 0x062a && text.charCodeAt(i + 1) === 0x0634) {
            b = code[0x0634 - 0x0621];
            h = Math.imul(h ^ b, 0x01000193);
            if (cl !== 0) {
              // (i > start: the clitic letter at start is no ت)
              h1 = Math.imul(h1 ^ b, 0x01000193);
              if (cl === 2 && i > start + 1) h2 = Math.imul(h2 ^ b, 0x01000193);
            }
            i++;
          } else {
            const vowel = b === 0x0627 || b === 0x0648 || b === 0x064a;
            if (!(i > start && vowel)) h = Math.imul(h ^ b, 0x01000193);
            if (cl !== 0) {
              if (i === start + 1 || (i > start + 1 && !vowel)) h1 = Math.imul(h1 ^ b, 0x01000193);
              if (cl === 2 && (i === start + 2 || (i > start + 2 && !vowel))) h2 = Math.imul(h2 ^ b, 0x01000193);
            }
          }
        }
      } else plain = false;
      i += k;
      if (i >= n) break;
      c = text.charCodeAt(i);
      if (c >= 0x0621 && c <= 0x064a && c !== 0x0640) k = 1;
      else if ((k = runCharLength(text, i, 1)) === 0) break;
    }
    if (i - start < 4) continue;
    if (plain && keyBits !== undefined && !hasKeyBit(keyBits, h) && !(cl !== 0 && hasKeyBit(keyBits, h1)) && !(cl === 2 && hasKeyBit(keyBits, h2))) continue;
    f(start, i, plain ? h >>> 0 : -1);
  }
}

/** Length of the leading clitic of the word at s[i]: 2 for و/ف then ب/ل/ك, 1 for one of و ف ب ل ك, else 0. */
export function leadingClitic(s: string, i: number): number {
  const c0 = s.charCodeAt(i);
  const conj = c0 === 0x0648 || c0 === 0x0641;
  const c1 = s.charCodeAt(i + 1);
  return conj && (c1 === 0x0628 || c1 === 0x0644 || c1 === 0x0643) ? 2 : conj || c0 === 0x0628 || c0 === 0x0644 || c0 === 0x0643 ? 1 : 0;
}

/**
 * The bit table scanArabicWords filters with: one bit per low 16 bits of each of `hashes`, set in `into` (all clear;
 * default a new table).
 */
export function keyHashBits(hashes: Iterable<number>, into = new Uint32Array(2048)): Uint32Array {
  for (const h of hashes) into[(h >>> 5) & 2047] |= 1 << (h & 31);
  return into;
}

const hasKeyBit = (bits: Uint32Array, h: number): boolean => (bits[(h >>> 5) & 2047] & (1 << (h & 31))) !== 0;

/** Per plain Arabic letter U+0621..U+064A: the character its bucket key has for it (folded, then its class if any). */
const AR_BUCKET_CODE = (() => {
  const t = new Uint16Array(0x064b - 0x0621);
  for (let c = 0x0621; c <= 0x064a; c++) t[c - 0x0621] = bucketCharCode(foldPlainLetter(c));
  return t;
})();

/**
 * A 32-bit hash of the English bucket key of `text.slice(start, end)` (the same as `bucketKeyHash` of that key),
 * without building the word or its key; -1 when the word is not made of ASCII letters only (or is longer than 64),
 * where the caller must compute the key itself. For such a word foldLatin is the lower case, and the key is made as
 * computeBucketKey makes it ('ph' -> 'f', then 'ck' -> 'k', then 'sch' -> 'sh', left to right; inner vowels and an
 * 'h' after a consonant dropped; consonants by their class; a repeated key letter once). A unit test holds it equal
 * to bucketKeyHash(bucketKey(word)).
 */
export function enBucketHash(text: string, start: number, end: number): number {
  const n = end - start;
  if (n <= 0 || n > 64) return -1;
  const a = EN_BUF;
  let m = 0;
  // The lower case, with 'ph' -> 'f' (as /ph/g: a 'p' is never taken by an earlier match, so every 'p' + 'h' goes).
  for (let i = start; i < end; i++) {
    let c = text.charCodeAt(i);
    if (c >= 65 && c <= 90) c += 32;
    else if (c < 97 || c > 122) return -1;
    if (c === 0x68 && m > 0 && a[m - 1] === 0x70) a[m - 1] = 0x66;
    else a[m++] = c;
  }
  // 'ck' -> 'k', then 'sch' -> 'sh' (in place: the letter after i is read before anything is written there; when the
  // letter at i is a 'c', the one written last is the letter before it).
  let k = 0;
  for (let i = 0; i < m; i++) if (!(a[i] === 0x63 && i + 1 < m && a[i + 1] === 0x6b)) a[k++] = a[i];
  m = k;
  k = 0;
  for (let i = 0; i < m; i++) if (!(a[i] === 0x63 && k > 0 && a[k - 1] === 0x73 && i + 1 < m && a[i + 1] === 0x68)) a[k++] = a[i];
  m = k;
  // The key's letters, hashed as bucketKeyHash hashes them.
  let h = 0x811c9dc5;
  let last = -1;
  for (let i = 0; i < m; i++) {
    const c = a[i];
    const vowel = isEnVowel(c);
    if (i > 0 && (vowel || c === 0x6a)) continue;
    if (c === 0x68 && i > 0 && !isEnVowel(a[i - 1])) continue;
    const key = c === 0x63 || c === 0x6b || c === 0x71 || c === 0x67 ? 0x4b : c === 0x66 || c === 0x76 || c === 0x77 ? 0x46 : c === 0x73 || c === 0x7a ? 0x53 : vowel || c === 0x6a ? 0x56 : c;
    if (key === last) continue;
    last = key;
    h = Math.imul(h ^ key, 0x01000193);
  }
  return h >>> 0;
}

/** a e i o u y (lower case) */
const isEnVowel = (c: number): boolean => c === 0x61 || c === 0x65 || c === 0x69 || c === 0x6f || c === 0x75 || c === 0x79;

const EN_BUF = new Uint16Array(64);

/** The hash `arBucketHash` gives a word whose bucket key is `key`. */
export function bucketKeyHash(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

function computeBucketKey(token: string, lang: Language): string {
  let f = foldName(token, lang);
  if (lang === 'ar') {
    if (f.includes('تش')) f = f.replace(/تش/g, 'ش');
    let out = '';
    for (let i = 0; i < f.length; i++) {
      const c = f.charCodeAt(i);
      // Inner long vowels ا و ي are dropped.
      if (i > 0 && (c === 0x0627 || c === 0x0648 || c === 0x064a)) continue;
      out += arBucketClass(c) ?? f[i];
    }
    return out;
  }
  f = f.replace(/ph/g, 'f').replace(/ck/g, 'k').replace(/sch/g, 'sh');
  let out = '';
  for (let i = 0; i < f.length; i++) {
    const c = f[i];
    if (i > 0 && 'aeiouyj'.includes(c)) continue;
    if (c === 'h' && i > 0 && !'aeiouy'.includes(f[i - 1])) continue;
    const k = 'ckqg'.includes(c) ? 'K' : 'fvw'.includes(c) ? 'F' : 'sz'.includes(c) ? 'S' : 'aeiouyj'.includes(c) ? 'V' : c;
    if (out.endsWith(k)) continue;
    out += k;
  }
  return out;
}

