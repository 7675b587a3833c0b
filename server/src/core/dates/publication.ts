/**
 * The publication date, first found wins: the option (CLI `--date`, the 'Set Publication Date' command) >
 * front matter `date:` (also `published:`, `pubdate:`) > the dateline ('موسكو: 30 نوفمبر 2016',
 * 'MOSCOW, Nov 30 (Reuters) -') > a date in the file name ('2016-11-30-lavrov.txt', '20161130_x.md').
 * A dateline without a year takes the year of the file name when it has one; otherwise it is not used.
 */
import type { DateValue, Language, PublicationDate, Structure } from '../types';
import { isValidDate } from './calendar';
import { findDates } from './parse';

function isoValue(s: string): DateValue | undefined {
  const m = /^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[T\s]|$)/.exec(s);
  if (!m) return undefined;
  const v = { year: +m[1], month: +m[2], day: +m[3] };
  return isValidDate(v) ? v : undefined;
}

export function fileNameDate(fileName: string | undefined): DateValue | undefined {
  if (!fileName) return undefined;
  const baseName = fileName.replace(/^.*[\\/]/, '');
  const m = /(?:^|\D)((?:19|20)\d{2})([-_.]?)(0[1-9]|1[0-2])\2(0[1-9]|[12]\d|3[01])(?!\d)/.exec(baseName);
  if (!m) return undefined;
  const v = { year: +m[1], month: +m[3], day: +m[4] };
  return isValidDate(v) ? v : undefined;
}

/** The date a dateline gives, with its span: inside it ('MOSCOW, Nov 30 (Reuters) -') or right after it ('موسكو: 30 نوفمبر 2016 -'). */
export function datelineDate(text: string, structure: Structure, lang: Language, fallbackYear?: number): { value: DateValue; start: number; end: number } | undefined {
  const dl = structure.dateline;
  if (!dl) return undefined;
  const para = structure.paragraphs[0];
  const end = Math.min(para ? para.end : text.length, dl.end + 60);
  const slice = text.slice(dl.start, end);
  for (const d of findDates(slice, lang)) {
    if (d.kind !== 'absolute' || d.raw.month === undefined || d.raw.day === undefined) continue;
    // The date must sit in the dateline itself or open the text right after it.
    const at = dl.start + d.start;
    if (at > dl.end + 3) break;
    const year = d.raw.year ?? fallbackYear;
    if (year === undefined) return undefined;
    const v = { year, month: d.raw.month, day: d.raw.day };
    if (!isValidDate(v)) return undefined;
    return { value: v, start: at, end: dl.start + d.end };
  }
  return undefined;
}

export function findPublicationDate(
  text: string,
  structure: Structure,
  lang: Language,
  options: { publicationDate?: DateValue; fileName?: string },
): PublicationDate | undefined {
  if (options.publicationDate && isValidDate(options.publicationDate)) return { value: options.publicationDate, source: 'option' };
  const fm = structure.frontMatter;
  if (fm) {
    for (const key of ['date', 'published', 'pubdate', 'publication_date', 'publicationdate']) {
      const raw = fm.fields[key];
      if (!raw) continue;
      let v = isoValue(raw);
      if (!v) {
        const d = findDates(raw, lang).find((x) => x.kind === 'absolute' && x.raw.year !== undefined);
        if (d) {
          const c = { year: d.raw.year!, month: d.raw.month!, day: d.raw.day! };
          if (isValidDate(c)) v = c;
        }
      }
      if (v) {
        const at = text.indexOf(raw, fm.start);
        return { value: v, source: 'front-matter', span: at >= 0 && at < fm.end ? { start: at, end: at + raw.length } : undefined };
      }
    }
  }
  const fromName = fileNameDate(options.fileName);
  const dl = datelineDate(text, structure, lang, fromName?.year);
  if (dl) return { value: dl.value, source: 'dateline', span: { start: dl.start, end: dl.end } };
  if (fromName) return { value: fromName, source: 'file-name' };
  return undefined;
}
