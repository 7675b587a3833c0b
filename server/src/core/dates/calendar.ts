/**
 * Calendar arithmetic on plain `DateValue`s (Gregorian, proleptic) and the Umm al-Qura Hijri calendar.
 *
 * Gregorian days are counted as UTC day numbers (days since 1970-01-01), so adding days and comparing dates is
 * integer arithmetic. Hijri dates come from the ICU calendar built into JavaScript (`islamic-umalqura`); ICU has
 * no Hijri -> Gregorian API, so that direction searches around an arithmetic estimate.
 */
import type { DateValue } from '../types';

export interface HijriValue {
  year: number;
  /** 1 = Muharram … 12 = Dhu al-Hijja. */
  month: number;
  day: number;
}

const MS_DAY = 86400000;

export function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeap(year) ? 29 : MONTH_DAYS[month - 1];
}

/** A real Gregorian day (month 1..12, day within the month). */
export function isValidDate(v: DateValue): boolean {
  return Number.isInteger(v.year) && v.month >= 1 && v.month <= 12 && v.day >= 1 && v.day <= daysInMonth(v.year, v.month);
}

/** Days since 1970-01-01 (UTC). */
export function dayNumber(v: DateValue): number {
  return Math.round(Date.UTC(v.year, v.month - 1, v.day) / MS_DAY);
}

export function fromDayNumber(n: number): DateValue {
  const d = new Date(n * MS_DAY);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

export function addDays(v: DateValue, n: number): DateValue {
  return fromDayNumber(dayNumber(v) + n);
}

export function addMonths(v: DateValue, n: number): DateValue {
  const m0 = v.year * 12 + (v.month - 1) + n;
  const year = Math.floor(m0 / 12);
  const month = (m0 - year * 12) + 1;
  return { year, month, day: Math.min(v.day, daysInMonth(year, month)) };
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(v: DateValue): number {
  return ((dayNumber(v) % 7) + 7 + 4) % 7; // 1970-01-01 was a Thursday
}

export function compareDates(a: DateValue, b: DateValue): number {
  return dayNumber(a) - dayNumber(b);
}

export function sameDate(a: DateValue | undefined, b: DateValue | undefined): boolean {
  return !!a && !!b && a.year === b.year && a.month === b.month && a.day === b.day;
}

/** `YYYY-MM-DD` read as written (no calendar check: see `isValidDate`); undefined for any other shape. */
export function readIsoDate(s: string): DateValue | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  return m ? { year: +m[1], month: +m[2], day: +m[3] } : undefined;
}

export function isoDate(v: DateValue): string {
  return `${String(v.year).padStart(4, '0')}-${String(v.month).padStart(2, '0')}-${String(v.day).padStart(2, '0')}`;
}

/** The day with weekday `wd` nearest to `v` (ties: the earlier one); `v` itself when it already has that weekday. */
export function nearestWeekday(v: DateValue, wd: number): DateValue {
  const diff = (wd - weekdayOf(v) + 7) % 7; // 0..6 forward
  return diff <= 3 ? addDays(v, diff) : addDays(v, diff - 7);
}

/** The most recent day with weekday `wd` on or before `v` (strictly before when `strict`). */
export function previousWeekday(v: DateValue, wd: number, strict = false): DateValue {
  let back = (weekdayOf(v) - wd + 7) % 7;
  if (strict && back === 0) back = 7;
  return addDays(v, -back);
}

/** The first day with weekday `wd` on or after `v` (strictly after when `strict`). */
export function nextWeekday(v: DateValue, wd: number, strict = false): DateValue {
  let fwd = (wd - weekdayOf(v) + 7) % 7;
  if (strict && fwd === 0) fwd = 7;
  return addDays(v, fwd);
}

// ---- Hijri (Umm al-Qura) ----

let hijriFormat: Intl.DateTimeFormat | undefined;

function hijriFormatter(): Intl.DateTimeFormat {
  // Created on first use and then reused: constructing an Intl formatter costs far more than formatting.
  hijriFormat ??= new Intl.DateTimeFormat('en-u-ca-islamic-umalqura-nu-latn', { timeZone: 'UTC', day: 'numeric', month: 'numeric', year: 'numeric' });
  return hijriFormat;
}

export function toHijri(v: DateValue): HijriValue {
  const parts = hijriFormatter().formatToParts(Date.UTC(v.year, v.month - 1, v.day));
  let year = 0;
  let month = 0;
  let day = 0;
  for (const p of parts) {
    if (p.type === 'year') year = parseInt(p.value, 10);
    else if (p.type === 'month') month = parseInt(p.value, 10);
    else if (p.type === 'day') day = parseInt(p.value, 10);
  }
  return { year, month, day };
}

function hijriOrdinal(h: HijriValue): number {
  return (h.year * 12 + (h.month - 1)) * 30 + (h.day - 1);
}

/**
 * The Gregorian day of a Hijri date. Day 30 of a 29-day month is read as the day after the 29th (sighting may
 * differ from the tables). Returns undefined outside 1..30 / 1..12.
 */
export function fromHijri(h: HijriValue): DateValue | undefined {
  if (!(h.month >= 1 && h.month <= 12 && h.day >= 1 && h.day <= 30 && h.year >= 1 && h.year <= 3000)) return undefined;
  // Estimate the 1st of the month: 1 Muharram 1 AH = 622-07-19 (day number -492148), mean month 29.530589 days.
  const months = (h.year - 1) * 12 + (h.month - 1);
  let n = Math.round(-492148 + months * 29.530589);
  const target = hijriOrdinal({ year: h.year, month: h.month, day: 1 });
  for (let i = 0; i < 8; i++) {
    const cur = toHijri(fromDayNumber(n));
    const diff = target - hijriOrdinal(cur);
    if (diff === 0) return fromDayNumber(n + h.day - 1);
    // Within a month the ordinal moves one a day; across months it skips the missing 30th, so step carefully.
    n += Math.abs(diff) > 30 ? Math.round(diff * (29.530589 / 30)) : diff;
  }
  // Fall back to a short linear search (never expected with ICU's table).
  for (let k = -3; k <= 3; k++) {
    const cur = toHijri(fromDayNumber(n + k));
    if (cur.year === h.year && cur.month === h.month && cur.day === 1) return fromDayNumber(n + k + h.day - 1);
  }
  return undefined;
}
