/**
 * `date.invalid`: a date that does not exist — 31 November, 29 February 2015, day 0 or over 31, month 13, a Hijri
 * day over 30. No fix: which part is wrong cannot be known. A day over 31 or 0 next to a month name is only read
 * as a date when a year or a weekday comes with it (otherwise '40 نوفمبر' may be a count before a word).
 */
import { invalidReason } from '../dates/resolve';
import { datesOf, say } from '../dates/edits';
import { AR_MONTHS, EN_MONTHS } from '../dates/lexicon';
import type { Finding } from '../types';
import type { Rule } from './rule';

export const DATE_INVALID = 'date.invalid';

export const dateInvalidRule: Rule = {
  codes: [DATE_INVALID],
  defaultSeverity: 'error',
  run({ article }) {
    const out: Finding[] = [];
    const lang = article.language;
    for (const d of datesOf(article)) {
      if (d.kind !== 'absolute' && d.kind !== 'hijri') continue;
      const why = invalidReason(d);
      if (!why) continue;
      const { day, month, year } = d.raw;
      if (why === 'day' && !d.numeric && d.raw.year === undefined && d.weekday === undefined) continue;
      let message: string;
      if (why === 'month') {
        message = say(lang, `لا يوجد شهر رقمه ${month}.`, `There is no month ${month}.`);
      } else if (why === 'day') {
        message = say(lang, `لا يوجد يوم ${day} في أي شهر.`, `No month has a day ${day}.`);
      } else {
        const name = lang === 'ar' ? AR_MONTHS[d.parts.month?.system ?? 'eg'][month! - 1] : EN_MONTHS[month! - 1];
        message = month === 2 && day === 29 && year !== undefined
          ? say(lang, `${year} ليست سنة كبيسة: ليس فيها 29 فبراير.`, `${year} is not a leap year: it has no 29 February.`)
          : say(lang, `شهر ${name} لا يبلغ اليوم ${day}.`, `${name} has no day ${day}.`);
      }
      out.push({ code: DATE_INVALID, severity: 'error', start: d.start, end: d.end, message, related: [], fixes: [], data: { reason: why, written: { ...d.raw } } });
    }
    return out;
  },
};
