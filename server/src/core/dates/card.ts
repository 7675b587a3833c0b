/**
 * What a hover (or an inlay hint) shows for a date mention: the long Gregorian date in the article's language,
 * the Hijri date, the weekday and the distance from publication — or why the date cannot be resolved.
 * Pure: the editor-features layer only renders `markdown` / `hint`.
 */
import type { Article, DateMention, DateValue, Language } from '../types';
import { dayNumber, toHijri, weekdayOf } from './calendar';
import { AR_MONTHS, AR_WEEKDAYS, EN_MONTHS, EN_WEEKDAYS, HIJRI_MONTHS_AR, HIJRI_MONTHS_EN, type MonthSystem } from './lexicon';
import type { Granularity, ParsedDate } from './parse';

export interface DateCard {
  /** The expression as written. */
  text: string;
  /** Long Gregorian date ('الثلاثاء 29 نوفمبر 2016', 'Tuesday, 29 November 2016'); for months/years the period. */
  gregorian?: string;
  /** 'yyyy-mm-dd' of the resolved day. */
  iso?: string;
  hijri?: string;
  weekday?: string;
  /** 'قبل النشر بيوم واحد', '1 day before publication', 'يوم النشر', 'on the publication day'. */
  relative?: string;
  /** Why the date could not be resolved. */
  unresolved?: string;
  /** A short label for an inlay hint ('29 نوفمبر 2016'). */
  hint?: string;
  /** The whole card as Markdown. */
  markdown: string;
}

export function formatDate(v: DateValue, lang: Language, granularity: Granularity = 'day', system: MonthSystem = 'eg'): string {
  if (lang === 'ar') {
    if (granularity === 'year') return `عام ${v.year}`;
    if (granularity === 'month') return `${AR_MONTHS[system][v.month - 1]} ${v.year}`;
    return `${AR_WEEKDAYS[weekdayOf(v)]} ${v.day} ${AR_MONTHS[system][v.month - 1]} ${v.year}`;
  }
  if (granularity === 'year') return String(v.year);
  if (granularity === 'month') return `${EN_MONTHS[v.month - 1]} ${v.year}`;
  return `${EN_WEEKDAYS[weekdayOf(v)]}, ${v.day} ${EN_MONTHS[v.month - 1]} ${v.year}`;
}

export function formatHijri(v: DateValue, lang: Language): string {
  const h = toHijri(v);
  return lang === 'ar' ? `${h.day} ${HIJRI_MONTHS_AR[h.month - 1]} ${h.year} هـ` : `${h.day} ${HIJRI_MONTHS_EN[h.month - 1]} ${h.year} AH`;
}

function arDays(n: number): string {
  if (n === 1) return 'بيوم واحد';
  if (n === 2) return 'بيومين';
  if (n >= 3 && n <= 10) return `بـ${n} أيام`;
  return `بـ${n} يوما`;
}

function distance(v: DateValue, pub: DateValue, lang: Language): string {
  const n = dayNumber(v) - dayNumber(pub);
  if (lang === 'ar') {
    if (n === 0) return 'يوم النشر';
    return n < 0 ? `قبل النشر ${arDays(-n)}` : `بعد النشر ${arDays(n)}`;
  }
  if (n === 0) return 'on the publication day';
  const k = Math.abs(n);
  return `${k} day${k === 1 ? '' : 's'} ${n < 0 ? 'before' : 'after'} publication`;
}

function isParsed(m: DateMention): m is ParsedDate {
  return 'granularity' in m;
}

export function dateCard(mention: DateMention, article: Pick<Article, 'language' | 'publicationDate'>): DateCard {
  const lang = article.language;
  const granularity: Granularity = isParsed(mention) ? mention.granularity : mention.kind === 'month' ? 'month' : mention.kind === 'year' ? 'year' : 'day';
  const system = isParsed(mention) ? mention.parts.month?.system ?? 'eg' : 'eg';
  const card: DateCard = { text: mention.text, markdown: '' };
  const pub = article.publicationDate?.value;
  const lines: string[] = [];
  if (mention.value) {
    const v = mention.value;
    card.iso = `${v.year}-${String(v.month).padStart(2, '0')}-${String(v.day).padStart(2, '0')}`;
    card.gregorian = formatDate(v, lang, granularity, system);
    if (granularity === 'day') {
      card.hijri = formatHijri(v, lang);
      card.weekday = lang === 'ar' ? AR_WEEKDAYS[weekdayOf(v)] : EN_WEEKDAYS[weekdayOf(v)];
      if (pub) card.relative = distance(v, pub, lang);
      card.hint = lang === 'ar' ? `${v.day} ${AR_MONTHS[system][v.month - 1]} ${v.year}` : `${v.day} ${EN_MONTHS[v.month - 1].slice(0, 3)} ${v.year}`;
    } else if (granularity === 'week') {
      card.gregorian = lang === 'ar' ? `الأسبوع الذي يبدأ ${formatDate(v, lang, 'day', system)}` : `the week starting ${formatDate(v, lang)}`;
      card.hint = lang === 'ar' ? `أسبوع ${v.day} ${AR_MONTHS[system][v.month - 1]}` : `week of ${v.day} ${EN_MONTHS[v.month - 1].slice(0, 3)}`;
    } else card.hint = card.gregorian;
    lines.push(`**${card.gregorian}**`);
    if (card.hijri) lines.push(card.hijri);
    if (card.relative) lines.push(card.relative);
  } else {
    card.unresolved = mention.unresolved ?? (lang === 'ar' ? 'تعذر تحديد اليوم' : 'the day cannot be resolved');
    lines.push(lang === 'ar' ? `تعذر تحديد التاريخ: ${card.unresolved}` : `Date not resolved: ${card.unresolved}`);
  }
  card.markdown = lines.join('\n\n');
  return card;
}
