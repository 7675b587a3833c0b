/**
 * `date.hijri-mismatch`: a Hijri and a Gregorian date given as the same day ('29 صفر 1438 هـ الموافق 29 نوفمبر
 * 2016') are more than one day apart by the Umm al-Qura calendar (one day is allowed: moon sighting differs).
 * Fixes: write the Hijri twin computed from the Gregorian date (preferred), or the Gregorian twin of the Hijri date.
 */
import { dayNumber, toHijri } from '../dates/calendar';
import { dateEdits, datesOf, hijriText, longDate, say } from '../dates/edits';
import type { Finding, Fix } from '../types';
import type { Rule } from './rule';

export const DATE_HIJRI_MISMATCH = 'date.hijri-mismatch';

export const dateHijriMismatchRule: Rule = {
  codes: [DATE_HIJRI_MISMATCH],
  defaultSeverity: 'warning',
  run({ article }) {
    const out: Finding[] = [];
    const lang = article.language;
    const dates = datesOf(article);
    for (const h of dates) {
      if (h.kind !== 'hijri' || h.twin === undefined || !h.value) continue;
      const g = dates[h.twin];
      if (!g?.value || g.kind !== 'absolute') continue;
      // ICU's Umm al-Qura table covers 1300–1600 AH; older pairs are Julian/civil and cannot be judged to a day.
      if (h.raw.year! < 1300 || h.raw.year! > 1600) continue;
      const diff = dayNumber(h.value) - dayNumber(g.value);
      if (Math.abs(diff) <= 1) continue;
      const fixes: Fix[] = [];
      const twinH = toHijri(g.value);
      const e1 = dateEdits(h, twinH);
      if (e1 && e1.length) fixes.push({ title: say(lang, `اكتب التاريخ الهجري الموافق: ${hijriText(g.value)}`, `Write the matching Hijri date: ${hijriText(g.value)}`), edits: e1, preferred: true });
      const e2 = dateEdits(g, h.value);
      if (e2 && e2.length) fixes.push({ title: say(lang, `اكتب التاريخ الميلادي الموافق: ${longDate(h.value, 'ar', g.parts.month?.system)}`, `Write the matching Gregorian date: ${longDate(h.value, 'en')}`), edits: e2 });
      const start = Math.min(h.start, g.start);
      const end = Math.max(h.end, g.end);
      out.push({
        code: DATE_HIJRI_MISMATCH,
        severity: 'warning',
        start: h.start,
        end: h.end,
        message: say(lang,
          `${longDate(g.value, 'ar', g.parts.month?.system)} يوافق ${hijriText(g.value)} بتقويم أم القرى، والفارق ${Math.abs(diff)} ${Math.abs(diff) <= 10 ? 'أيام' : 'يوما'}.`,
          `${longDate(g.value, 'en')} is ${hijriText(g.value)} (Umm al-Qura); the dates are ${Math.abs(diff)} days apart.`),
        related: [{ start: g.start, end: g.end, message: say(lang, 'التاريخ الميلادي المقابل', 'the Gregorian date given with it') }],
        fixes,
        data: { days: diff, hijri: twinH, gregorian: { ...g.value }, span: { start, end } },
      });
    }
    return out;
  },
};
