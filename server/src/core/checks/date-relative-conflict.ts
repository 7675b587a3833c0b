/**
 * `date.relative-conflict`: a relative date that cannot be right given the publication date.
 * - A relative day whose weekday the text also gives, and the two disagree: 'أمس الاثنين' when yesterday was a
 *   Tuesday; 'yesterday, Monday,'. Fix: write the weekday of that day.
 * - 'في 31 الحالي' in a month of 30 days.
 * - An event told in the past tense dated after publication ('وصل حفتر في 2 ديسمبر' in an article of 30 November).
 * Relative dates inside quotations are left alone: they count from the day the words were said.
 */
import { compareDates, weekdayOf } from '../dates/calendar';
import { datesOf, longDate, say, weekdayEdit, weekdayName } from '../dates/edits';
import { pastTenseGoverns } from '../dates/resolve';
import type { ParsedDate } from '../dates/parse';
import type { Finding } from '../types';
import type { Rule } from './rule';

export const DATE_RELATIVE_CONFLICT = 'date.relative-conflict';

/**
 * An absolute date without a year or weekday must be introduced as a date ('في 6 أكتوبر', 'on Oct. 6'): '6 أكتوبر'
 * is also a city, '26 يوليو' a street, and 'وصل إلى مدينة 6 أكتوبر' tells of no date.
 */
function datedEvent(text: string, d: ParsedDate): boolean {
  if (d.kind !== 'absolute' || d.raw.year !== undefined || d.parts.weekday) return true;
  return /(?:^|[\s،,(])(?:في|يوم|بتاريخ|منذ|حتى|on|On|since|until)\s+$/.test(text.slice(Math.max(0, d.start - 12), d.start));
}

export const dateRelativeConflictRule: Rule = {
  codes: [DATE_RELATIVE_CONFLICT],
  defaultSeverity: 'warning',
  run({ article }) {
    const out: Finding[] = [];
    const lang = article.language;
    const pub = article.publicationDate?.value;
    if (!pub) return out;
    const pubText = longDate(pub, lang);
    const quotes = article.structure.quotations;
    for (const d of datesOf(article)) {
      // Inside a quotation, 'أمس' / 'yesterday' counts from the day the words were said, not from publication.
      if (quotes.some((q) => q.start <= d.start && d.end <= q.end)) continue;
      // 1. relative day + weekday
      if (d.kind === 'relative' && d.offset?.unit === 'day' && d.weekday !== undefined && d.value && d.parts.weekday) {
        const actual = weekdayOf(d.value);
        if (actual !== d.weekday) {
          const e = weekdayEdit(d, actual)!;
          out.push({
            code: DATE_RELATIVE_CONFLICT,
            severity: 'warning',
            start: d.start,
            end: d.end,
            message: say(lang,
              `«${d.parts.relative?.text ?? d.text}» في مقال منشور ${pubText} هو يوم ${weekdayName(actual, 'ar')} ${longDate(d.value, 'ar')}، لا ${weekdayName(d.weekday, 'ar')}.`,
              `'${d.parts.relative?.text ?? d.text}' in an article published ${pubText} is ${weekdayName(actual, 'en')} ${longDate(d.value, 'en')}, not ${weekdayName(d.weekday, 'en')}.`),
            related: [],
            fixes: [{ title: say(lang, `غيّر اليوم إلى «${e.newText}»`, `Change the weekday to '${e.newText}'`), edits: [e], preferred: true }],
            data: { reason: 'weekday', written: d.weekday, actual, date: { ...d.value } },
          });
        }
        continue;
      }
      // 2. day of the month beyond the month
      if (d.dayOfMonth && !d.value && d.unresolved) {
        out.push({
          code: DATE_RELATIVE_CONFLICT,
          severity: 'warning',
          start: d.start,
          end: d.end,
          message: say(lang, `${d.unresolved} (تاريخ النشر ${pubText}).`, `${d.unresolved.replace(/^./, (c) => c.toUpperCase())} (published ${pubText}).`),
          related: [],
          fixes: [],
          data: { reason: 'month-length', day: d.dayOfMonth.day },
        });
        continue;
      }
      // 3. a past event dated after publication
      if (d.value && d.granularity === 'day' && compareDates(d.value, pub) > 0 && d.kind !== 'hijri'
        && !(d.kind === 'weekday' && d.direction === 'bare') && datedEvent(article.text, d)
        && pastTenseGoverns(article.text, d.start, d.end, lang)) {
        out.push({
          code: DATE_RELATIVE_CONFLICT,
          severity: 'warning',
          start: d.start,
          end: d.end,
          message: say(lang,
            `الحدث مروي بصيغة الماضي لكن تاريخه ${longDate(d.value, 'ar')} بعد تاريخ النشر ${pubText}.`,
            `The event is told in the past tense but dated ${longDate(d.value, 'en')}, after publication (${pubText}).`),
          related: article.publicationDate?.span ? [{ ...article.publicationDate.span, message: say(lang, 'تاريخ النشر', 'publication date') }] : [],
          fixes: [],
          data: { reason: 'past-after-publication', date: { ...d.value } },
        });
      }
    }
    return out;
  },
};
