/**
 * `date.weekday-mismatch`: the weekday written with a date is not that date's weekday ('الاثنين 29 نوفمبر 2016'
 * was a Tuesday). Two fixes: write the right weekday (preferred), or move the date to the nearest day that has
 * the written weekday. A Hijri date is allowed one day either way (sighting differs from Umm al-Qura).
 * Relative days with a weekday ('أمس الاثنين') are `date.relative-conflict`.
 */
import { addDays, dayNumber, nearestWeekday, weekdayOf } from '../dates/calendar';
import { dateEdits, datesOf, hijriTarget, longDate, say, weekdayEdit, weekdayName } from '../dates/edits';
import type { Finding, Fix } from '../types';
import type { Rule } from './rule';

export const DATE_WEEKDAY_MISMATCH = 'date.weekday-mismatch';

export const dateWeekdayMismatchRule: Rule = {
  codes: [DATE_WEEKDAY_MISMATCH],
  defaultSeverity: 'warning',
  run({ article }) {
    const out: Finding[] = [];
    const lang = article.language;
    const dates = datesOf(article);
    for (const d of dates) {
      if (d.weekday === undefined || !d.parts.weekday || !d.value) continue;
      if (d.kind !== 'absolute' && d.kind !== 'hijri' && !(d.kind === 'relative' && d.dayOfMonth)) continue;
      const wd = d.weekday;
      let v = d.value;
      // Before 1583 a date is Julian, and outside 1300–1600 AH ICU has no Umm al-Qura table: do not judge.
      if (v.year < 1583 || (d.calendar === 'hijri' && (d.raw.year! < 1300 || d.raw.year! > 1600))) continue;
      if (d.kind === 'hijri') {
        const twin = d.twin !== undefined ? dates[d.twin] : undefined;
        if (twin?.value && weekdayOf(twin.value) === wd) continue;
        if ([-1, 0, 1].some((k) => weekdayOf(addDays(v, k)) === wd)) continue;
        if (twin?.value) v = twin.value;
      } else if (weekdayOf(v) === wd) continue;
      const actual = weekdayOf(v);
      const fixes: Fix[] = [];
      const e1 = weekdayEdit(d, actual);
      if (e1) fixes.push({ title: say(lang, `غيّر اليوم إلى «${e1.newText}»`, `Change the weekday to '${e1.newText}'`), edits: [e1], preferred: true });
      const near = nearestWeekday(d.value, wd);
      let edits;
      let nearText = '';
      if (d.kind === 'hijri') {
        const h = hijriTarget(nearestWeekday(v, wd));
        edits = dateEdits(d, h);
        nearText = `${h.day}/${h.month}/${h.year}`;
      } else {
        edits = dateEdits(d, near);
        nearText = longDate(near, lang, d.parts.month?.system);
      }
      if (edits && edits.length) {
        fixes.push({
          title: say(lang, `غيّر التاريخ إلى أقرب ${weekdayName(wd, 'ar')} (${nearText})`, `Change the date to the nearest ${weekdayName(wd, 'en')} (${nearText})`),
          edits,
        });
      }
      const when = longDate(v, lang, d.parts.month?.system);
      out.push({
        code: DATE_WEEKDAY_MISMATCH,
        severity: 'warning',
        start: d.start,
        end: d.end,
        message: say(lang,
          `${when} يوافق يوم ${weekdayName(actual, 'ar')}، لا ${weekdayName(wd, 'ar')}.`,
          `${when} falls on a ${weekdayName(actual, 'en')}, not a ${weekdayName(wd, 'en')}.`),
        related: [],
        fixes,
        data: { written: wd, actual, date: { ...v }, nearest: dayNumber(near) !== dayNumber(d.value) ? near : undefined },
      });
    }
    return out;
  },
};
