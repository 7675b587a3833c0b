/**
 * Text edits for date fixes: each edit replaces only the word it names (the weekday, the day number, the month
 * name, the year), written in the writer's own style (digit system, month-name system, abbreviation).
 */
import type { Article, DateValue, Language, TextEdit } from '../types';
import { toHijri } from './calendar';
import { AR_MONTHS, AR_WEEKDAYS, EN_MONTHS, EN_WEEKDAYS, HIJRI_MONTHS_AR, arOrdinal, enMonthForm, formatDigits, type MonthSystem } from './lexicon';
import type { ParsedDate } from './parse';

export function datesOf(article: Pick<Article, 'dates'>): ParsedDate[] {
  return article.dates.filter((d): d is ParsedDate => 'granularity' in d && 'parts' in d);
}

export function say(lang: Language, ar: string, en: string): string {
  return lang === 'ar' ? ar : en;
}

const EN_WD_ABBR = ['Sun.', 'Mon.', 'Tue.', 'Wed.', 'Thu.', 'Fri.', 'Sat.'];

/** The weekday word for `wd` in the style of `like` ('الاثنين', 'Monday', 'Mon.'). */
export function weekdayWord(wd: number, like: string): string {
  if (/[\u0621-\u064A]/.test(like)) return AR_WEEKDAYS[wd];
  if (like.endsWith('.')) return EN_WD_ABBR[wd];
  return EN_WEEKDAYS[wd];
}

export function weekdayName(wd: number, lang: Language): string {
  return lang === 'ar' ? AR_WEEKDAYS[wd] : EN_WEEKDAYS[wd];
}

export function weekdayEdit(d: ParsedDate, wd: number): TextEdit | undefined {
  const p = d.parts.weekday;
  if (!p) return undefined;
  return { start: p.start, end: p.end, newText: weekdayWord(wd, p.text) };
}

function monthWord(month: number, like: string, system: MonthSystem | undefined, numeric: boolean, hijri: boolean): string {
  if (numeric) return formatDigits(month, like, like.length === 2 && (like[0] === '0' || like[0] === '٠') ? 2 : 0);
  if (hijri) return HIJRI_MONTHS_AR[month - 1];
  if (/[\u0621-\u064A]/.test(like)) return AR_MONTHS[system ?? 'eg'][month - 1];
  return enMonthForm(month, like);
}

/**
 * Edits that turn the written date `d` into `target` (a Gregorian day, or a Hijri one when `d` is Hijri), touching
 * only the parts that change. Undefined when a part that must change is not written (a year to change but none
 * written) — the fix would then say something the text does not.
 */
export function dateEdits(d: ParsedDate, target: { year: number; month: number; day: number }): TextEdit[] | undefined {
  const edits: TextEdit[] = [];
  const numeric = !!d.numeric;
  const hijri = d.calendar === 'hijri';
  const { day, month, year } = d.parts;
  if (d.raw.day !== target.day) {
    if (!day) return undefined;
    const pad = day.text.length === 2 && (day.text[0] === '0' || day.text[0] === '٠') ? 2 : 0;
    const ordinal = /^[\u0621-\u064A]/.test(day.text);
    edits.push({ start: day.start, end: day.end, newText: ordinal ? arOrdinal(target.day) : formatDigits(target.day, day.text, pad) });
  }
  if (d.raw.month !== target.month) {
    if (!month) return undefined;
    edits.push({ start: month.start, end: month.end, newText: monthWord(target.month, month.text, month.system, numeric, hijri) });
    const m2 = d.parts.month2;
    if (m2) edits.push({ start: m2.start, end: m2.end, newText: monthWord(target.month, m2.text, m2.system, false, false) });
  }
  if (d.raw.year !== undefined && d.raw.year !== target.year) {
    if (!year) return undefined;
    edits.push({ start: year.start, end: year.end, newText: formatDigits(target.year, year.text) });
  } else if (d.raw.year === undefined && d.value && d.value.year !== target.year && !hijri) {
    return undefined;
  }
  return edits.sort((a, b) => a.start - b.start);
}

/** The Hijri components of a Gregorian day, shaped for `dateEdits` on a Hijri mention. */
export function hijriTarget(v: DateValue): { year: number; month: number; day: number } {
  return toHijri(v);
}

export function longDate(v: DateValue, lang: Language, system: MonthSystem = 'eg'): string {
  return lang === 'ar' ? `${v.day} ${AR_MONTHS[system][v.month - 1]} ${v.year}` : `${v.day} ${EN_MONTHS[v.month - 1]} ${v.year}`;
}

export function hijriText(v: DateValue): string {
  const h = toHijri(v);
  return `${h.day} ${HIJRI_MONTHS_AR[h.month - 1]} ${h.year} هـ`;
}
