/**
 * Dates: find every date expression of an article, find its publication date, resolve the expressions against it.
 * Pure (no Node built-ins); `extractDates` is what the analysis pipeline and the benchmark call.
 */
import type { DateValue, Language, PublicationDate, Structure } from '../types';
import { type DateSegmentCache, findDates, type ParsedDate } from './parse';
import { datelineDate, fileNameDate, findPublicationDate } from './publication';
import { resolveDates } from './resolve';

export interface DatesResult {
  dates: ParsedDate[];
  publicationDate?: PublicationDate;
}

export function extractDates(
  text: string,
  structure: Structure,
  language: Language,
  options: { publicationDate?: DateValue; fileName?: string } = {},
  /** Re-analysis (core/analyze.ts Analyzer): the dates of unchanged pieces of the text are not searched again. */
  segments?: DateSegmentCache,
): DatesResult {
  const publicationDate = findPublicationDate(text, structure, language, options);
  if (structure.dateline && !structure.dateline.date) {
    const dl = datelineDate(text, structure, language, fileNameDate(options.fileName)?.year ?? publicationDate?.value.year);
    if (dl) structure.dateline.date = dl.value;
  }
  const dates = segments ? segments.findDates(text, language) : findDates(text, language);
  // Front matter is metadata, not prose: its dates are not mentions.
  const fm = structure.frontMatter;
  const body = fm ? dates.filter((d) => d.start >= fm.end) : dates;
  if (fm && body.length !== dates.length) {
    // Twin indexes point into the list: rebase them.
    const shift = dates.length - body.length;
    for (const d of body) if (d.twin !== undefined) d.twin -= shift;
  }
  resolveDates(text, body, publicationDate?.value);
  return { dates: body, publicationDate };
}

/** Parse and resolve the dates of a plain text (the benchmark's unit of work). */
export function parseDates(text: string, language: Language, publicationDate?: DateValue): ParsedDate[] {
  return resolveDates(text, findDates(text, language), publicationDate);
}

export { DateSegmentCache, findDates } from './parse';
export type { ParsedDate, DatePart, Granularity } from './parse';
export { resolveDates, tenseAround, invalidReason } from './resolve';
export { findPublicationDate, fileNameDate } from './publication';
export * from './calendar';
export { dateCard, formatDate, formatHijri } from './card';
export type { DateCard } from './card';
