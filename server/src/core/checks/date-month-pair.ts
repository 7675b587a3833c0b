/**
 * `date.month-pair`: the two names of a paired month disagree — 'نوفمبر (تشرين الأول)', 'تشرين الثاني/أكتوبر'.
 * Fixes: make the second name agree with the first (preferred), or the first with the second.
 */
import { datesOf, say } from '../dates/edits';
import { AR_MONTHS } from '../dates/lexicon';
import type { Finding, Fix } from '../types';
import type { Rule } from './rule';

export const DATE_MONTH_PAIR = 'date.month-pair';

export const dateMonthPairRule: Rule = {
  codes: [DATE_MONTH_PAIR],
  defaultSeverity: 'warning',
  run({ article }) {
    const out: Finding[] = [];
    const lang = article.language;
    for (const d of datesOf(article)) {
      const m1 = d.parts.month;
      const m2 = d.parts.month2;
      if (!m1 || !m2 || d.raw.month === undefined || m2.value === d.raw.month) continue;
      const a = AR_MONTHS[m2.system ?? 'lev'][d.raw.month - 1];
      const b = AR_MONTHS[m1.system ?? 'eg'][m2.value - 1];
      const fixes: Fix[] = [
        { title: say(lang, `اكتب «${a}» بدل «${m2.text}»`, `Write '${a}' for '${m2.text}'`), edits: [{ start: m2.start, end: m2.end, newText: a }], preferred: true },
        { title: say(lang, `اكتب «${b}» بدل «${m1.text}»`, `Write '${b}' for '${m1.text}'`), edits: [{ start: m1.start, end: m1.end, newText: b }] },
      ];
      out.push({
        code: DATE_MONTH_PAIR,
        severity: 'warning',
        start: m1.start,
        end: m2.end,
        message: say(lang,
          `«${m1.text}» هو الشهر ${d.raw.month} و«${m2.text}» هو الشهر ${m2.value}: الاسمان لا يدلان على الشهر نفسه.`,
          `'${m1.text}' is month ${d.raw.month} but '${m2.text}' is month ${m2.value}: the paired names disagree.`),
        related: [],
        fixes,
        data: { first: d.raw.month, second: m2.value },
      });
    }
    return out;
  },
};
