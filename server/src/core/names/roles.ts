/**
 * Roles (titles) of people: reading a role into head + portfolio, deciding whether two roles conflict, and a
 * fallback that reads the role written just before a mention ('وزير الخارجية الروسي سيرغي لافروف',
 * 'Foreign Minister Sergei Lavrov') when the linker gave the entity none.
 *
 * Two roles conflict only when they have the same head and two different portfolios from a known list:
 * 'وزير الخارجية' vs 'وزير الدفاع' conflict; 'وزير الخارجية الروسي' vs 'الوزير الروسي' do not (no portfolio);
 * 'نائب وزير الخارجية' vs 'وزير الخارجية' do not (different heads). Precision first.
 */
import type { Language, Role } from '../types';
import { foldArabic } from './match';
import { isSpaceCode } from '../text/tokenize';

export interface ParsedRole {
  head: string;
  portfolio?: string;
}

const AR_HEADS = new Set([
  'وزير', 'وزيره', 'رييس', 'رييسه', 'سفير', 'قايد', 'امين', 'نايب', 'مدير', 'مستشار', 'متحدث', 'ناطق', 'مبعوث', 'مندوب',
  'محافظ', 'حاكم', 'ملك', 'امير', 'مشير', 'زعيم', 'سكرتير', 'جنرال', 'عقيد', 'لواء', 'وكيل', 'مساعد',
]);

/** Portfolios (ministries and similar), folded without ال, mapped to one key per portfolio (Arabic and English). */
const PORTFOLIOS: Record<string, string> = {
  خارجيه: 'foreign', دفاع: 'defence', داخليه: 'interior', ماليه: 'finance', عدل: 'justice', صحه: 'health',
  تعليم: 'education', تربيه: 'education', اقتصاد: 'economy', نفط: 'oil', طاقه: 'energy', زراعه: 'agriculture',
  اعلام: 'information', ثقافه: 'culture', نقل: 'transport', عمل: 'labour', تجاره: 'trade', سياحه: 'tourism',
  خزانه: 'treasury', اسكان: 'housing', بييه: 'environment', رياضه: 'sports', اوقاف: 'religious-affairs',
  اتصالات: 'communications', صناعه: 'industry', حربيه: 'defence', عدليه: 'justice', كهرباء: 'electricity',
  foreign: 'foreign', defence: 'defence', defense: 'defence', interior: 'interior', home: 'interior', finance: 'finance',
  justice: 'justice', health: 'health', education: 'education', economy: 'economy', oil: 'oil', energy: 'energy',
  agriculture: 'agriculture', information: 'information', culture: 'culture', transport: 'transport',
  labour: 'labour', labor: 'labour', trade: 'trade', tourism: 'tourism', treasury: 'treasury', housing: 'housing',
  environment: 'environment', state: 'state', war: 'defence', commerce: 'trade',
};

const EN_HEADS = new Set([
  'minister', 'secretary', 'president', 'ambassador', 'chancellor', 'governor', 'commander', 'spokesman',
  'spokeswoman', 'spokesperson', 'director', 'envoy', 'general', 'king', 'prince', 'chief', 'deputy', 'vice',
]);

const AR_PREFIX = /^(?:[وفبل]?ال|[وف])(?=.{3,})/;

function arWord(w: string): string {
  const f = foldArabic(w);
  return f.startsWith('ال') && f.length > 4 ? f.slice(2) : f;
}

/** Head and portfolio of a role text, or undefined when the text names no known head. */
export function parseRole(text: string, lang: Language): ParsedRole | undefined {
  if (lang === 'ar') {
    const words = foldArabic(text).split(' ').filter(Boolean);
    let head: string | undefined;
    let portfolio: string | undefined;
    for (const w0 of words) {
      const w = w0.replace(AR_PREFIX, '');
      if (!head) {
        if (AR_HEADS.has(w)) head = w === 'وزيره' ? 'وزير' : w === 'رييسه' ? 'رييس' : w;
        else if (AR_HEADS.has(w0)) head = w0;
        continue;
      }
      const p = PORTFOLIOS[arWord(w0)] ?? PORTFOLIOS[w];
      if (p) {
        portfolio = p;
        break;
      }
      if (AR_HEADS.has(w)) break; // 'نائب وزير …' has been read as head 'نايب'
    }
    return head ? { head, portfolio } : undefined;
  }
  const words = text.toLowerCase().replace(/[^a-z ]/g, ' ').split(/\s+/).filter(Boolean);
  const hi = words.findIndex((w) => EN_HEADS.has(w));
  if (hi < 0) return undefined;
  let head = words[hi];
  if ((head === 'deputy' || head === 'vice') && words[hi + 1] && EN_HEADS.has(words[hi + 1])) head = `${head} ${words[hi + 1]}`;
  let portfolio: string | undefined;
  for (const w of words) {
    if (PORTFOLIOS[w] && !/[\u0600-\u06FF]/.test(w)) {
      portfolio = PORTFOLIOS[w];
      break;
    }
  }
  if (head === 'secretary' && portfolio === undefined && words.includes('general')) head = 'secretary general';
  return { head, portfolio };
}

/**
 * `roleBefore` in Arabic: walk back over modifiers to a head, from the last word of text[base, start) (the words, as
 * /\S+/g finds them, are read from the end one at a time: most names have no role, and the first word says so).
 */
function arRoleBefore(text: string, base: number, start: number): Role | undefined {
  let end = -1;
  let e = start;
  for (let n = 0; n <= 4; n++) {
    while (e > base && isSpaceCode(text.charCodeAt(e - 1))) e--;
    if (e === base) return undefined;
    let s = e;
    while (s > base && !isSpaceCode(text.charCodeAt(s - 1))) s--;
    if (end < 0) end = e;
    const raw = text.slice(s, e);
    if (!AR_ROLE_WORD.test(raw)) return undefined;
    const folded = foldArabic(raw);
    const w = folded.replace(AR_PREFIX, '');
    if (AR_HEADS.has(w) || AR_HEADS.has(folded)) {
      // Leave a conjunction clitic ('ووزير') out of the role.
      const clitic = /^[وف]/.test(raw) && !AR_HEADS.has(folded.replace(/^ال/, '')) ? 1 : 0;
      const from = s + clitic;
      return { start: from, end, text: text.slice(from, end) };
    }
    const a = arWord(raw);
    const modifier = PORTFOLIOS[a] !== undefined || /(?:ي|يه)$/.test(a) || a === 'عام' || a === 'اول' || a === 'امن' || a === 'مجلس' || a === 'الامن';
    if (!modifier) return undefined;
    e = s;
  }
  return undefined;
}

/** True when one person cannot hold both roles as written (same head, two different known portfolios). */
export function rolesConflict(a: string, b: string, lang: Language): boolean {
  const ra = parseRole(a, lang);
  const rb = parseRole(b, lang);
  if (!ra || !rb || !ra.portfolio || !rb.portfolio) return false;
  return ra.head === rb.head && ra.portfolio !== rb.portfolio;
}

const AR_ROLE_WORD = /^[\u0621-\u064A\u0640\u064B-\u0652]+$/;

/** The characters roleBefore reads back to: . newline ؟ ! ، , : « " */
const isRoleCut = (c: number): boolean => c === 0x2e || c === 0x0a || c === 0x061f || c === 0x21 || c === 0x060c || c === 0x2c || c === 0x3a || c === 0xab || c === 0x22;

/**
 * Where roleBefore reads the role from: just after the nearest stop, newline, ؟ ! ، , : « or " before `start` within
 * its 80 characters, else 80 characters before `start` (or 0). (Read back from `start`; was the greatest of nine
 * lastIndexOf searches of those 80 characters, which a unit test holds equal.)
 */
export function roleBase(text: string, start: number): number {
  const from = Math.max(0, start - 80);
  let base = start;
  while (base > from && !isRoleCut(text.charCodeAt(base - 1))) base--;
  return base;
}

/**
 * The role written just before `start` in the same sentence, if any: a head word, then up to four words that are
 * portfolios, nisba adjectives (الروسي) or 'العام'. Offsets into `text`.
 */
export function roleBefore(text: string, start: number, lang: Language): Role | undefined {
  const base = roleBase(text, start);
  // The text before the name must end with white space and hold a word.
  if (start <= base || !isSpaceCode(text.charCodeAt(start - 1))) return undefined;
  if (lang === 'ar') return arRoleBefore(text, base, start);
  const tail = text.slice(base, start);
  const words: Array<{ w: string; s: number; e: number }> = [];
  for (const m of tail.matchAll(/\S+/g)) words.push({ w: m[0], s: base + m.index!, e: base + m.index! + m[0].length });
  if (words.length === 0) return undefined;
  // English: '(Russian) (Foreign) Minister', 'Minister of Defence', 'Secretary of State'.
  const joined = words.map((x) => x.w).join(' ');
  const m = /((?:[A-Z][a-z]+\s+){0,3}(?:Minister|Secretary|President|Ambassador|Chancellor|Governor|Commander|Spokesman|Spokeswoman|Director|Envoy|General)(?:\s+of\s+(?:the\s+)?[A-Z][a-z]+)?)$/.exec(joined);
  if (!m) return undefined;
  // Keep only leading words that modify a title (portfolios, nationalities): not 'Later' in 'Later Defence Minister'.
  let offsetInJoined = m.index;
  for (const w of m[1].split(' ')) {
    const lw = w.toLowerCase();
    if (EN_HEADS.has(lw) || PORTFOLIOS[lw] || /(?:an|ese|ish|i|ch)$/.test(lw)) break;
    offsetInJoined += w.length + 1;
  }
  // Map back: words are joined by single spaces; find the word where the match starts.
  let acc = 0;
  for (const w of words) {
    if (acc === offsetInJoined) {
      const end = words[words.length - 1].e;
      return { start: w.s, end, text: text.slice(w.s, end) };
    }
    acc += w.w.length + 1;
  }
  return undefined;
}
