/**
 * Resolving parsed date expressions to days, against the publication date.
 *
 * Rules (documented here because they decide what the hover shows):
 * - A date with a year is that day; an impossible one (31 November) stays unresolved ('invalid').
 * - A date without a year takes the year that puts it nearest to the publication date.
 * - A bare weekday ('الاثنين', 'on Monday') is the most recent such day on or before publication, unless its
 *   sentence speaks of the future before it (سوف، سـ + verb، من المقرر، المقبل / will, 'is to', scheduled, expected…):
 *   then it is the first such day after publication. 'الاثنين الماضي' / 'last Monday' is strictly before,
 *   'الاثنين المقبل' / 'next Monday' strictly after.
 * - 'في 26 الحالي' is day 26 of the publication month ('الماضي' the month before, 'المقبل' the month after).
 * - Weeks, months and years ('الشهر الماضي', 'last year') resolve to their first day with that granularity.
 */
import type { DateValue, Language } from '../types';
import {
  addDays, addMonths, daysInMonth, dayNumber, fromHijri, isValidDate, nextWeekday, previousWeekday, weekdayOf,
} from './calendar';
import type { ParsedDate } from './parse';

/** Past-tense verbs that date an event: a dated event after publication told in the past is a conflict. */
const AR_PAST = /(?<![\u0621-\u064A])(?:و|ف)?(?:قال|قالت|أعلن|اعلن|أعلنت|اعلنت|التقى|التقت|وصل|وصلت|زار|زارت|عقد|عقدت|انعقد|انعقدت|أكد|اكد|أكدت|اجتمع|اجتمعت|بحث|بحثت|أجرى|اجرى|أجرت|وقع|وقعت|توفي|توفى|قتل|قتلت|غادر|غادرت|جرى|جرت|شارك|شاركت|استقبل|استقبلت|أصدر|اصدر|أصدرت|صرح|صرحت|كشف|كشفت|نشر|نشرت|افتتح|افتتحت|حدث|حدثت|اندلع|اندلعت|أطلق|اطلق|أطلقت|هاجم|هاجمت|فاز|فازت|خسر|خسرت|تعادل|هزم|هزمت|سجل|سجلت|أفاد|أفادت|ذكر|ذكرت|أضاف|أضافت|دعا|دعت|رفض|رفضت|طالب|طالبت|نفى|نفت|أشار|أشارت|أوضح|أوضحت|لقي|لقيت|أصيب|أصيبت|سقط|سقطت|شن|شنت|أسفر|أسفرت|حذر|حذرت|اعتقل|اعتقلت|أعدم|وافق|وافقت|صادق|صادقت|حقق|حققت)(?![\u0621-\u064A])/g;
const AR_FUTURE = /(?<![\u0621-\u064A])(?:سوف|سي[\u0621-\u064A]{3,}|ست(?:عقد|بدأ|جري|قوم|شارك|عود|نطلق|ستمر|تم|كون|صل|زور|لتقي|توجه|غادر)[\u0621-\u064A]*|سن[\u0621-\u064A]{3,}|من\s+المقرر|المقرر|مقرر|مقررا|المزمع|مزمع|المرتقب|مرتقب|المنتظر|المتوقع|يعتزم|تعتزم|يرتقب|يتوقع|تتوقع|يُتوقع|المقبل|المقبلة|القادم|القادمة|لن|غدا|غداً)(?![\u0621-\u064A])/g;
/** Words starting with سي that are not future verbs (names, nouns). */
const AR_SI_NOUN = /^(?:(?:سيطر|سياس|سيار|سيد|سيرغ|سيرج|سيرة|سيرت|سيما|سينا|سيول|سيئ|سيف|سيل|سيناريو|سيبيريا|سيمون|سيلفا|سيتي|سيسي|سينما|سيادة|سيراليون)[\u0621-\u064A]*|سير)$/;
const EN_PAST = /\b(?:said|told|met|arrived|visited|held|announced|signed|died|killed|took\s+place|attacked|launched|released|reported|declared|confirmed|hosted|received|voted|won|lost)\b/g;
const EN_FUTURE = /\b(?:will|shall|'ll|would|is\s+to|are\s+to|is\s+due|are\s+due|due\s+to|scheduled|planned|plans?|expected|set\s+to|going\s+to)\b/g;

function sentenceStart(text: string, at: number): number {
  let i = at - 1;
  const min = Math.max(0, at - 160);
  for (; i >= min; i--) {
    const c = text[i];
    if (c === '.' || c === '!' || c === '?' || c === '؟' || c === '\n' || c === '؛' || c === ';') return i + 1;
  }
  return min;
}

function clauseEnd(text: string, at: number): number {
  const max = Math.min(text.length, at + 80);
  for (let i = at; i < max; i++) {
    const c = text[i];
    if (c === '.' || c === '!' || c === '?' || c === '؟' || c === '\n' || c === '؛' || c === ';' || c === '،' || c === ',') return i;
  }
  return max;
}

function lastMatchEnd(re: RegExp, s: string, filter?: (w: string) => boolean): number {
  re.lastIndex = 0;
  let last = -1;
  for (let m = re.exec(s); m; m = re.exec(s)) if (!filter || filter(m[0])) last = m.index + m[0].length;
  return last;
}

function firstMatch(re: RegExp, s: string, filter?: (w: string) => boolean): number {
  re.lastIndex = 0;
  for (let m = re.exec(s); m; m = re.exec(s)) if (!filter || filter(m[0])) return m.index;
  return -1;
}

const notSiNoun = (w: string) => !AR_SI_NOUN.test(w.replace(/^(?:و|ف)/, ''));

/**
 * The tense that governs a date expression: the nearest past or future marker before it in its sentence; if there
 * is none, the first one after it in its clause. 'none' when nothing tells.
 */
export function tenseAround(text: string, start: number, end: number, lang: Language): 'past' | 'future' | 'none' {
  const s0 = sentenceStart(text, start);
  const before = text.slice(s0, start);
  const past = lang === 'ar' ? AR_PAST : EN_PAST;
  const fut = lang === 'ar' ? AR_FUTURE : EN_FUTURE;
  const p = lastMatchEnd(past, before);
  const f = lastMatchEnd(fut, before, lang === 'ar' ? notSiNoun : undefined);
  if (p >= 0 || f >= 0) return f > p ? 'future' : 'past';
  const after = text.slice(end, clauseEnd(text, end));
  const p2 = firstMatch(past, after);
  const f2 = firstMatch(fut, after, lang === 'ar' ? notSiNoun : undefined);
  if (p2 < 0 && f2 < 0) return 'none';
  if (p2 < 0) return 'future';
  if (f2 < 0) return 'past';
  return f2 < p2 ? 'future' : 'past';
}

/** Why a Gregorian or Hijri date as written cannot be a day, or undefined when it can. */
export function invalidReason(d: ParsedDate): string | undefined {
  const { day, month, year } = d.raw;
  if (month === undefined || day === undefined) return undefined;
  if (month < 1 || month > 12) return 'month';
  if (day < 1) return 'day';
  if (d.calendar === 'hijri') return day > 30 ? 'day' : undefined;
  if (day > 31) return 'day';
  // Before 1583 dates are Julian (29 February 1500 existed): only the 31st of a 30-day month is certain.
  if (year !== undefined && year < 1583) return day > daysInMonth(2000, month) ? 'month-length' : undefined;
  if (year !== undefined) return day > daysInMonth(year, month) ? 'month-length' : undefined;
  return day > (month === 2 ? 29 : daysInMonth(2001, month)) ? 'month-length' : undefined;
}

/**
 * Fills `value` (or `unresolved`) of each date. Mutates and returns `dates`. `pub` is the publication date if known.
 */
export function resolveDates(text: string, dates: ParsedDate[], pub: DateValue | undefined): ParsedDate[] {
  for (const d of dates) resolveOne(text, d, pub);
  return dates;
}

function nearestYear(month: number, day: number, pub: DateValue): DateValue | undefined {
  let best: DateValue | undefined;
  let bestDist = Infinity;
  for (const year of [pub.year - 1, pub.year, pub.year + 1]) {
    const v = { year, month, day };
    if (!isValidDate(v)) continue;
    const dist = Math.abs(dayNumber(v) - dayNumber(pub));
    if (dist < bestDist) {
      best = v;
      bestDist = dist;
    }
  }
  return best;
}

function resolveOne(text: string, d: ParsedDate, pub: DateValue | undefined): void {
  d.value = undefined;
  if (d.unresolved === 'ambiguous day/month order') return;
  d.unresolved = undefined;
  const ar = d.lang === 'ar';
  const noPub = ar ? 'لا تاريخ نشر معروفا (حدده بالأمر «تعيين تاريخ النشر» أو --date)' : 'no publication date is known (set one with the Set Publication Date command or --date)';
  if (d.kind === 'absolute' || d.kind === 'hijri') {
    const bad = invalidReason(d);
    if (bad) {
      d.unresolved = ar ? 'تاريخ غير موجود في التقويم' : 'this day does not exist';
      return;
    }
    const { year, month, day } = d.raw;
    if (d.calendar === 'hijri') {
      const v = fromHijri({ year: year!, month: month!, day: day! });
      if (v) d.value = v;
      else d.unresolved = ar ? 'تاريخ هجري خارج نطاق التقويم' : 'Hijri date out of range';
      return;
    }
    if (year !== undefined) {
      d.value = { year, month: month!, day: day! };
      return;
    }
    if (!pub) {
      d.unresolved = ar ? `لا سنة مكتوبة و${noPub}` : `no year is written and ${noPub}`;
      return;
    }
    d.dependsOnPublication = true;
    let v = nearestYear(month!, day!, pub);
    if (d.direction === 'past' || d.direction === 'next' || d.direction === 'bare') {
      // '9 يوليو الماضي' = the last 9 July before publication; 'المقبل' the next one; 'الجاري' this year's.
      const years = d.direction === 'past' ? [pub.year, pub.year - 1, pub.year - 2] : d.direction === 'next' ? [pub.year, pub.year + 1, pub.year + 2] : [pub.year];
      v = undefined;
      for (const year of years) {
        const c = { year, month: month!, day: day! };
        if (!isValidDate(c)) continue;
        const cmp = dayNumber(c) - dayNumber(pub);
        if ((d.direction === 'past' && cmp > 0) || (d.direction === 'next' && cmp < 0)) continue;
        v = c;
        break;
      }
    }
    if (v) d.value = v;
    else d.unresolved = ar ? 'تاريخ غير موجود في التقويم' : 'this day does not exist';
    return;
  }
  if (d.kind === 'month' || d.kind === 'year') {
    d.granularity = d.kind;
    if (d.raw.year !== undefined) {
      d.value = { year: d.raw.year, month: d.raw.month ?? 1, day: 1 };
      return;
    }
    if (!pub) {
      d.unresolved = noPub;
      return;
    }
    const month = d.raw.month!;
    let year = pub.year;
    const dir = d.direction === 'past' ? 'past' : d.direction === 'next' ? 'next' : tenseAround(text, d.start, d.end, d.lang) === 'future' ? 'next' : 'past';
    if (dir === 'past' && month > pub.month) year--;
    if (dir === 'next' && month < pub.month) year++;
    if (d.direction === 'past' && month === pub.month) year--;
    if (d.direction === 'next' && month === pub.month) year++;
    d.value = { year, month, day: 1 };
    return;
  }
  if (!pub) {
    d.unresolved = noPub;
    return;
  }
  if (d.kind === 'weekday') {
    const wd = d.weekday!;
    if (d.direction === 'past') d.value = previousWeekday(pub, wd, true);
    else if (d.direction === 'next') d.value = nextWeekday(pub, wd, true);
    else d.value = tenseAround(text, d.start, d.end, d.lang) === 'future' ? nextWeekday(pub, wd, true) : previousWeekday(pub, wd, false);
    return;
  }
  // relative
  if (d.dayOfMonth) {
    const first = addMonths({ year: pub.year, month: pub.month, day: 1 }, d.dayOfMonth.months);
    const dim = daysInMonth(first.year, first.month);
    if (d.dayOfMonth.day < 1 || d.dayOfMonth.day > dim) {
      d.unresolved = ar ? `الشهر المقصود لا يبلغ اليوم ${d.dayOfMonth.day}` : `that month has no day ${d.dayOfMonth.day}`;
      return;
    }
    d.value = { ...first, day: d.dayOfMonth.day };
    return;
  }
  if (d.offset) {
    const { unit, n } = d.offset;
    if (unit === 'day') d.value = addDays(pub, n);
    else if (unit === 'week') d.value = addDays(pub, 7 * n - weekdayOf(pub));
    else if (unit === 'month') d.value = addMonths({ year: pub.year, month: pub.month, day: 1 }, n);
    else d.value = { year: pub.year + n, month: 1, day: 1 };
  }
}

const AR_COMPLEMENTIZER = /(?<![\u0621-\u064A])(?:أن|ان|إن|بأن|بان|لأن|إنه|أنه|انه|إنها|أنها|انها|حتى|كي|لكي)(?![\u0621-\u064A])/g;
const EN_COMPLEMENTIZER = /\b(?:that|if|whether|until|before|when|so)\b/g;

function clauseStart(text: string, at: number): number {
  const min = Math.max(0, at - 120);
  for (let i = at - 1; i >= min; i--) {
    const c = text[i];
    if (c === '.' || c === '!' || c === '?' || c === '؟' || c === '\n' || c === '؛' || c === ';' || c === '،' || c === ',' || c === '«' || c === '"' || c === '“') return i + 1;
  }
  return min;
}

/**
 * Whether a past-tense verb of the same clause tells of the dated event: 'وصل حفتر إلى موسكو في 2 ديسمبر',
 * 'Haftar arrived on Dec. 2'. Strict on purpose (precision first): the verb must come before the date in its clause,
 * with no future marker anywhere in the clause and no 'أن/that' between verb and date (reported content keeps its
 * own tense: 'أعلن أن الاجتماع في 5 ديسمبر').
 */
export function pastTenseGoverns(text: string, start: number, end: number, lang: Language): boolean {
  const c0 = clauseStart(text, start);
  const before = text.slice(c0, start);
  const past = lang === 'ar' ? AR_PAST : EN_PAST;
  const fut = lang === 'ar' ? AR_FUTURE : EN_FUTURE;
  const comp = lang === 'ar' ? AR_COMPLEMENTIZER : EN_COMPLEMENTIZER;
  const p = lastMatchEnd(past, before);
  if (p < 0) return false;
  if (lastMatchEnd(fut, before, lang === 'ar' ? notSiNoun : undefined) >= 0) return false;
  if (firstMatch(comp, before.slice(p)) >= 0) return false;
  const after = text.slice(end, clauseEnd(text, end));
  if (firstMatch(fut, after, lang === 'ar' ? notSiNoun : undefined) >= 0) return false;
  return true;
}
