/**
 * Finding date expressions in Arabic and English text (no resolution here: see resolve.ts).
 *
 * How it stays fast: one cheap pre-check regex tells whether the text holds any candidate at all (a digit, a month,
 * a weekday or a relative word); only then do the matchers run, each a single global regular-expression pass over
 * the text (no tokenisation, no per-token objects). The English month, weekday, relative and year patterns are not
 * run over the whole text: each can only match a bounded distance before a word it needs (a month name, a weekday,
 * 'week', a year), so it is tried only there (`near`; same matches). So are the Arabic ones, after a digit (the day
 * patterns) or a word each needs (a month name, a weekday, أمس / اليوم / عام…, منذ / قبل / بعد), all found in one
 * pass over the text (`arabicAnchors`) instead of one pass per pattern. Overlapping candidates are
 * settled longest-first.
 *
 * The matchers are written by hand rather than taken from chrono-node: chrono reads العام in 'القائد العام' as a
 * year, splits '12 آذار/مارس 2011', knows no Hijri dates and costs ~0.2 ms a sentence; the tests in
 * test/unit/dates*.test.ts decide what is read.
 */
import type { DateKind, DateMention, Language, Span } from '../types';
import type { HijriValue } from './calendar';
import {
  AR_AMBIGUOUS_MONTHS, AR_MONTH_FIRST_WORDS, AR_MONTH_RE, AR_NUMBER_RE, AR_ORDINAL_MAX_LENGTH, AR_ORDINAL_RE, arOrdinalValue, AR_NUMBER_WORDS,
  AR_WEEKDAY_RE, AR_WEEKDAY_WORDS, DIGIT, EN_MONTH_RE, EN_MONTHS, EN_NUMBER_WORDS, EN_WEEKDAYS,
  EN_WEEKDAY_FULL_RE, EN_WEEKDAY_RE, HIJRI_MONTH_RE, arMonth, arWeekday, enMonth, enWeekday, hijriMonth, parseDigits,
  type MonthSystem,
} from './lexicon';

export interface DatePart extends Span {
  text: string;
}

export type Granularity = 'day' | 'week' | 'month' | 'year';

/** How a weekday or month without a year is placed around the publication date. */
export type Direction = 'past' | 'next' | 'bare';

/**
 * A date expression as parsed, with the parts a check or a fix needs. Extends the Article model's DateMention,
 * so it is what `article.dates` holds; every field is JSON-serialisable.
 */
export interface ParsedDate extends DateMention {
  lang: Language;
  granularity: Granularity;
  calendar: 'gregorian' | 'hijri';
  /** Components as written (may be impossible: day 31 of November). Gregorian or Hijri per `calendar`. */
  raw: { year?: number; month?: number; day?: number };
  /** Numeric dates only: the order of the numbers. */
  numeric?: 'ymd' | 'dmy' | 'mdy';
  parts: {
    weekday?: DatePart;
    day?: DatePart;
    month?: DatePart & { system?: MonthSystem };
    /** The second month name of a pair: 'نوفمبر (تشرين الثاني)', 'تشرين الثاني/نوفمبر'. */
    month2?: DatePart & { value: number; system?: MonthSystem };
    year?: DatePart;
    /** The relative word next to a weekday: 'أمس' in 'أمس الاثنين'. */
    relative?: DatePart;
  };
  /** Relative expressions: the unit and the count from the publication date ('أمس' = day -1). */
  offset?: { unit: Granularity; n: number };
  /** 'في 26 الحالي': a day of the current (0), previous (-1) or next (+1) month. */
  dayOfMonth?: { day: number; months: number };
  /** For weekdays and bare months: before or after publication. */
  direction?: Direction;
  /** Index in the mention list of the other-calendar twin ('29 صفر 1438 هـ الموافق 29 نوفمبر 2016'). */
  twin?: number;
  /** The expression was dated by the publication date (no year written, or relative). */
  dependsOnPublication?: boolean;
}

// ---- Character classes ----

const AL = '\\u0621-\\u065F\\u0660-\\u0669\\u066E-\\u06D3\\u06F0-\\u06F9';
/** Not inside an Arabic or Latin word / number. */
const B = `(?<![${AL}\\w])`;
const D = DIGIT;

/** A cheap test: does the text contain anything that could start a date? */
const PRECHECK = new RegExp(
  `${D}|${AR_WEEKDAY_RE}|أمس|امس|البارحة|اليوم|الليلة|غد|الأسبوع|الاسبوع|الشهر|العام|السنة|منذ|قبل|بعد|شهر|`
  + `${AR_MONTH_RE}|[Yy]esterday|[Tt]oday|[Tt]onight|[Tt]omorrow|[Ll]ast|[Nn]ext|[Tt]his|ago\\b|${EN_WEEKDAY_FULL_RE}|`
  + `\\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)`,
  'u',
);

const EN_PRECHECK = /(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|[Yy]esterday|[Tt]oday|[Tt]onight|[Tt]omorrow|week|month|year|night|ago\b|\b(?:[Ii]n|[Ss]ince|[Uu]ntil|[Bb]y|[Dd]uring|[Ff]rom|[Tt]hrough|[Bb]efore|[Aa]fter|[Ee]arly|[Ll]ate|[Mm]id-)\s+\d{4}|\b[Oo]n\s+the\s+\d)/;

// ---- Arabic ----
// (The patterns below that `near` tries have a bound, the `*_AT` constants further down, counted from their text
// before the word they need: an edit that lengthens that text raises the bound; test/unit/dates-near.test.ts checks.)

/**
 * A weekday written before a date ('الثلاثاء 29 نوفمبر', 'يوم الثلاثاء الموافق 29'). Looked for backwards from the
 * day, so the forward patterns can start with a digit (which keeps the regular-expression scan fast).
 */
const AR_WD_BEFORE = new RegExp(
  `(?:(?<![${AL}\\w])|(?<=(?:^|[\\s(،,])[وف]))(?<wdyawm>[وف]?يوم\\s{1,4})?(?<wd>${AR_WEEKDAY_RE})\\s{0,4}[،,]?\\s{0,4}(?:\\(\\s{0,4})?(?:(?:ال)?موافق(?:\\s{0,4}لـ?|\\s{1,4}ل)?\\s{0,4})?$`,
  'du',
);

/**
 * Whether a day number or ordinal starting at `at` starts a word: nothing before it, or a space or punctuation, or a
 * conjunction clinging to it ('و29 نوفمبر'). Checked here rather than as a lookbehind at the start of the
 * pattern, which would cost the regular-expression engine its fast scan for the first character.
 */
function dayBoundary(text: string, at: number): boolean {
  const isWordChar = (c: number) => (c >= 0x0621 && c <= 0x065f) || (c >= 0x0660 && c <= 0x0669) || (c >= 0x066e && c <= 0x06d3) || (c >= 0x06f0 && c <= 0x06f9)
    || (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
  if (at === 0 || !isWordChar(text.charCodeAt(at - 1))) return true;
  const p = text[at - 1];
  return (p === 'و' || p === 'ف') && (at === 1 || /[\s(،,]/.test(text[at - 2]));
}

/**
 * Whether a word starting at `at` starts a word, perhaps after a proclitic: و / ف, and with `preps` also ب / ل / لل
 * ('بالأمس', 'للعام'). The check sits here, not in a lookbehind, for the same reason as `dayBoundary`.
 */
function clitizedWordStart(text: string, at: number, preps: boolean): boolean {
  const letter = (i: number) => i >= 0 && /[\u0621-\u065F\u0660-\u0669\u066E-\u06D3\w]/.test(text[i]);
  if (!letter(at - 1)) return true;
  let i = at - 1;
  if (preps && text[i] === 'ل' && text[i - 1] === 'ل') i -= 2;
  else if (preps && (text[i] === 'ب' || text[i] === 'ل')) i -= 1;
  if (i < at - 1 && !letter(i)) return true;
  if (text[i] === 'و' || text[i] === 'ف') i -= 1;
  return i < at - 1 && !letter(i);
}

/** Adds the weekday written before `at` to a match's groups (as `wd`, `wdyawm`), in text offsets. */
function attachWeekday(text: string, m: RegExpMatchArray, at: number): void {
  const from = Math.max(0, at - 40);
  const w = AR_WD_BEFORE.exec(text.slice(from, at));
  if (!w) return;
  const gi = w.indices!.groups as Indices;
  const ix = (m.indices!.groups ?? {}) as Indices;
  const g = (m.groups ?? {}) as Groups;
  ix.wd = [gi.wd![0] + from, gi.wd![1] + from];
  g.wd = w.groups!.wd;
  if (gi.wdyawm) {
    ix.wdyawm = [gi.wdyawm[0] + from, gi.wdyawm[1] + from];
    g.wdyawm = w.groups!.wdyawm;
  }
}
const AR_YEAR = `(?:\\s{0,4}[،,]?\\s{0,4}(?:من\\s{1,4})?(?:(?:عام|العام|سنة|لعام|للعام)\\s{1,4})?(?<year>${D}{4}|${D}{3}(?=\\s{0,4}(?:هـ|ه|م)(?![${AL}])))(?!${D})(?:\\s{0,4}(?<era>هـ|ه|م|ميلادية|ميلادي|للهجرة|هجرية|هجري)(?![${AL}]))?)`;
const AR_PAIR = `(?:\\s{0,4}(?:\\(\\s{0,4}(?<mon2a>${AR_MONTH_RE})\\s{0,4}\\)|«\\s{0,4}(?<mon2c>${AR_MONTH_RE})\\s{0,4}»|/\\s{0,4}(?<mon2b>${AR_MONTH_RE})(?![${AL}]))|\\s{1,4}(?<mon2d>${AR_MONTH_RE})(?![${AL}]))`;
/** 'في 10 أغسطس المقبل', '9 يوليو الماضي': the year is placed by the publication date. */
const AR_MONTH_MOD = `(?:\\s{1,4}(?<mmod>الجاري|الحالي|الماضي|المنصرم|الفائت|المقبل|القادم)(?![${AL}]))`;


/** 'الثلاثاء 29 نوفمبر (تشرين الثاني) 2016م', '29 صفر 1438 هـ', '٢٩ تشرين الثاني/نوفمبر ٢٠١٦'. */
const AR_ABS = new RegExp(
  `(?<day>${D}{1,2})(?!${D})\\s{0,4}(?:من\\s{1,4}(?:شهر\\s{1,4})?|-\\s{0,4})?`
  + `(?:(?<hmon>${HIJRI_MONTH_RE})|(?<mon>${AR_MONTH_RE}))(?![${AL}])${AR_PAIR}?(?:${AR_YEAR}|${AR_MONTH_MOD})?`,
  'gdu',
);

/**
 * The first day of a range: '28 و29 نوفمبر', '19 ـ 25 مايو 1998', 'من 26 وحتى 30 أغسطس', 'الاثنين 28 والثلاثاء 29
 * نوفمبر'. The month and year are read ahead (they belong to the second day, which AR_ABS reads on its own).
 */
const AR_RANGE_FIRST = new RegExp(
  `(?<day>${D}{1,2})(?!${D})\\s{0,4}(?:و|-|–|—|ـ|إلى|الى|حتى|وحتى|ولغاية|لغاية)\\s{0,4}`
  + `(?=(?:[وف]?(?:يوم\\s{1,4})?(?:${AR_WEEKDAY_RE})\\s{0,4}[،,]?\\s{0,4})?${D}{1,2}(?!${D})\\s{0,4}(?:من\\s{1,4}(?:شهر\\s{1,4})?)?`
  + `(?<mon>${AR_MONTH_RE})(?![${AL}])${AR_PAIR}?${AR_YEAR}?)`,
  'gdu',
);

/** 'في السادس والعشرين من نوفمبر 2016', 'الثلاثاء التاسع والعشرين من الشهر الجاري'. */
const AR_ORD_DATE = new RegExp(
  `(?<oday>${AR_ORDINAL_RE})(?![${AL}])\\s{1,4}من\\s{1,4}(?:شهر\\s{1,4})?`
  + `(?:(?<mon>${AR_MONTH_RE})(?![${AL}])${AR_PAIR}?(?:${AR_YEAR}|${AR_MONTH_MOD})?|(?:هذا\\s{1,4})?الشهر\\s{1,4}(?<rel>الجاري|الحالي|الماضي|المنصرم|الفائت|المقبل|القادم)(?![${AL}]))`,
  'gdu',
);

/** The same without pair or year, read from a given place (sticky). */
const AR_ABS_BARE = new RegExp(
  `(?<day>${D}{1,2})(?!${D})\\s{0,4}(?:من\\s{1,4}(?:شهر\\s{1,4})?|-\\s{0,4})?(?<mon>${AR_MONTH_RE})(?![${AL}])`,
  'dyu',
);

/** 'نوفمبر 2016', 'شهر نوفمبر', 'تشرين الثاني/نوفمبر', 'في أكتوبر' (only unambiguous names after a preposition). */
const AR_MONTH_ONLY = new RegExp(
  `${B}(?<pre>(?:[وف]?(?:في|خلال|منذ|مطلع|أواخر|اواخر|أوائل|اوائل|منتصف|نهاية|بداية|حتى|قبل|بعد)\\s{1,4})?(?:شهر\\s{1,4})?)`
  + `(?<mon>${AR_MONTH_RE})(?![${AL}])${AR_PAIR}?${AR_YEAR}?`,
  'gdu',
);

const AR_WD_MOD = 'الماضي|المقبل|القادم|المنصرم|الفائت|الأخير|المنقضي';
const AR_WEEKDAY = new RegExp(
  `(?<wd>${AR_WEEKDAY_RE})(?![${AL}])(?:\\s{1,4}(?<mod>${AR_WD_MOD})(?![${AL}]))?`,
  'gdu',
);

const AR_PERIOD_MOD = 'الماضي|الماضية|المقبل|المقبلة|القادم|القادمة|الجاري|الجارية|الحالي|الحالية|المنصرم|المنصرمة|الفائت|الفائتة|المنقضي|المنقضية';
const AR_RELATIVE = new RegExp(
  `(?<rel>أول\\s{1,4}من\\s{1,4}(?:أمس|امس)|أول\\s{1,4}(?:أمس|امس)|(?:ال)?(?:أمس|امس)\\s{1,4}(?:الأول|الاول)|(?:ال)?أمس|امس|البارحة|اليوم|الليلة(?:\\s{1,4}(?:الماضية|الفائتة))?|(?:يوم\\s{1,4})?غد(?:اً|ًا|ا|ٍ)?|الغد|بعد\\s{1,4}غد|`
  + `(?<period>الأسبوع|الاسبوع|الشهر|العام|السنة)\\s{1,4}(?<pmod>${AR_PERIOD_MOD}))(?![${AL}])`,
  'gdu',
);

const AR_UNIT_DAY = 'أيام|ايام|يوما|يومًا|يوماً';
const AR_UNIT_MONTH = 'أشهر|اشهر|شهور|شهرا|شهراً';
const AR_UNIT_YEAR = 'أعوام|اعوام|عاما|عاماً|سنوات|سنين';
const AR_AGO = new RegExp(
  `${B}(?:[وف])?(?<dir>منذ|قبل|بعد)\\s{1,4}(?:(?<n>${D}{1,3})\\s{1,4}(?<unit>${AR_UNIT_DAY}|أسابيع|اسابيع|أسبوعا|أسبوعاً|${AR_UNIT_MONTH}|${AR_UNIT_YEAR})|`
  + `(?<nw>${AR_NUMBER_RE})\\s{1,4}(?<unit2>أيام|ايام|أسابيع|اسابيع|${AR_UNIT_MONTH}|${AR_UNIT_YEAR})|(?<dual>يومين|أسبوعين|اسبوعين|شهرين|عامين|سنتين)|`
  + `(?<single>يوم|أسبوع|اسبوع|شهر|عام|سنة)(?:\\s{1,4}(?:واحد|واحدة))?)(?![${AL}])(?!\\s{0,4}${D})`,
  'gdu',
);

/** 'في 26 الحالي', '26 من الشهر الجاري', 'الاثنين 28 الجاري', '3 الماضي'. */
const AR_DAY_OF_MONTH = new RegExp(
  `(?<day>${D}{1,2})(?!${D})\\s{1,4}(?:من\\s{1,4})?(?:(?:هذا\\s{1,4})?الشهر\\s{1,4})?(?<rel>الحالي|الجاري|الماضي|المنصرم|الفائت|المقبل|القادم)(?![${AL}])`,
  'gdu',
);

// ---- English ----
// (The patterns below that `near` tries have a bound, the `*_AT` constants further down, counted from their text
// before the word they need: an edit that lengthens that text raises the bound; test/unit/dates-near.test.ts checks.)

const EN_WD_PREFIX = `(?:(?<wd>${EN_WEEKDAY_RE})\\s{0,4}[,(]?\\s{0,4})?`;
const EN_YEAR = `(?:\\s{0,4},?\\s{0,4}(?<year>\\d{4})(?![\\d:]))`;
const EN_ABS_MDY = new RegExp(
  `\\b${EN_WD_PREFIX}(?<mon>${EN_MONTH_RE})(?![A-Za-z])\\s{0,4}(?<day>\\d{1,2})(?:st|nd|rd|th)?(?![\\d:A-Za-z])${EN_YEAR}?`,
  'gd',
);
const EN_ABS_DMY = new RegExp(
  `\\b${EN_WD_PREFIX}(?:the\\s{1,4})?(?<day>\\d{1,2})(?:st|nd|rd|th)?\\s{1,4}(?:of\\s{1,4})?(?<mon>${EN_MONTH_RE})(?![A-Za-z])${EN_YEAR}?`,
  'gd',
);
/** 'Nov. 26-29, 2016', 'November 26 and 29': the second day; '5 – 6 September 2019': the first. */
const EN_RANGE_MDY = new RegExp(
  `\\b(?<mon>${EN_MONTH_RE})(?![A-Za-z])\\s{0,4}(?<day1>\\d{1,2})(?:st|nd|rd|th)?\\s{0,4}(?:-|–|—|and|to|through)\\s{0,4}(?<wd>(?:${EN_WEEKDAY_RE})\\s{0,4},?\\s{0,4})?(?<day>\\d{1,2})(?:st|nd|rd|th)?(?![\\d:A-Za-z])${EN_YEAR}?`,
  'gd',
);
const EN_RANGE_DMY_FIRST = new RegExp(
  `\\b${EN_WD_PREFIX}(?:the\\s{1,4})?(?<day>\\d{1,2})(?:st|nd|rd|th)?\\s{0,4}(?:-|–|—|and|to|through)\\s{0,4}`
  + `(?=(?:(?:${EN_WEEKDAY_RE})\\s{0,4},?\\s{0,4})?(?:the\\s{1,4})?\\d{1,2}(?:st|nd|rd|th)?\\s{1,4}(?:of\\s{1,4})?(?<mon>${EN_MONTH_RE})(?![A-Za-z])${EN_YEAR}?)`,
  'gd',
);
const EN_MONTH_YEAR = new RegExp(
  `\\b(?:(?<pre>[Ii]n|[Ss]ince|[Uu]ntil|[Dd]uring|[Bb]y|[Ff]rom|[Ll]ast|[Nn]ext|[Tt]his|[Ee]arly|[Ll]ate|[Mm]id-?|[Oo]f)\\s{1,4})?`
  + `(?<mon>January|February|March|April|May|June|July|August|September|October|November|December|Jan\\.|Feb\\.|Aug\\.|Sept?\\.|Oct\\.|Nov\\.|Dec\\.)(?![A-Za-z])(?:\\s{0,4},?\\s{0,4}(?<year>\\d{4})(?![\\d:]))?`,
  'gd',
);
const EN_WEEKDAY = new RegExp(
  `\\b(?:(?<mod>[Ll]ast|[Nn]ext|[Tt]his(?:\\s{1,4}past|\\s{1,4}coming)?|[Oo]n|[Ss]ince|[Bb]y|[Uu]ntil|[Ff]rom|[Ee]arly|[Ll]ate|[Cc]oming)\\s{1,4})?(?<wd>${EN_WEEKDAY_FULL_RE})(?!s\\b|[A-Za-z])`,
  'gd',
);
const EN_RELATIVE = new RegExp(
  `\\b(?<rel>[Tt]he\\s{1,4}day\\s{1,4}before\\s{1,4}yesterday|[Tt]he\\s{1,4}day\\s{1,4}after\\s{1,4}tomorrow|[Yy]esterday|[Tt]oday|[Tt]onight|[Tt]omorrow|[Ll]ast\\s{1,4}night|`
  + `(?<pmod>[Ll]ast|[Nn]ext|[Tt]his|[Ee]arlier\\s{1,4}this|[Ll]ater\\s{1,4}this|[Tt]he\\s{1,4}past|[Tt]he\\s{1,4}previous|[Tt]he\\s{1,4}coming)\\s{1,4}(?<period>week|month|year)|`
  + `(?<n>\\d{1,2}|a|an|one|two|three|four|five|six|seven|eight|nine|ten)\\s{1,4}(?<unit>days?|weeks?|months?|years?)\\s{1,4}ago)\\b`,
  'gd',
);
const EN_DAY_OF_MONTH = new RegExp(
  `\\b[Oo]n\\s{1,4}the\\s{1,4}(?<day>\\d{1,2})(?:st|nd|rd|th)(?:\\s{1,4}of\\s{1,4}(?<rel>this|last|next)\\s{1,4}month)?(?=\\s{0,4}[,.;:)]|\\s{0,4}$|\\s{1,4}(?:and|when|at|in)\\b)`,
  'gd',
);

// ---- Years ----
// (The patterns below that `near` tries have a bound, the `*_AT` constants further down, counted from their text
// before the word they need: an edit that lengthens that text raises the bound; test/unit/dates-near.test.ts checks.)

const AR_YEAR_ONLY = new RegExp(
  `${B}(?:[وفبل]|لل)?(?:عام|العام|سنة|السنة|لعام|للعام)\\s{1,4}(?<year>${D}{4})(?!${D})(?:\\s{0,4}(?<era>هـ|ه|م|ميلادية|ميلادي)(?![${AL}]))?`,
  'gdu',
);
const EN_YEAR_ONLY = /\b(?:[Ii]n|[Ss]ince|[Uu]ntil|[Bb]y|[Dd]uring|[Ff]rom|[Tt]hrough|[Bb]efore|[Aa]fter|[Ee]arly|[Ll]ate|[Mm]id-)\s{1,4}(?<year>(?:1[89]|20|21)\d{2})(?![\d,.\-–/]\d|\s{1,4}(?:people|persons|cases|votes|troops|soldiers|members|homes|years|dollars|euros|km|miles|metres|meters)\b)\b/dg;

// ---- Numeric (both languages) ----

const NUMERIC = new RegExp(
  `(?<![\\w.\\/${AL}-])(?:(?<y1>${D}{4})(?<s1>[-/.])(?<m1>${D}{1,2})\\k<s1>(?<d1>${D}{1,2})|(?<a>${D}{1,2})(?<s2>[-/.])(?<b>${D}{1,2})\\k<s2>(?<y2>${D}{4}))`
  + `(?![\\w${AL}]|[./-]${D})(?:\\s{0,4}(?<era>هـ|ه|م)(?![${AL}]))?`,
  'gdu',
);

/** Digit, separator, digit: in every NUMERIC match (both of its forms). */
const NUMERIC_GATE = new RegExp(`${D}[-/.]${D}`, 'u');

// ---- Patterns tried near a word they need (see `near`) ----

/**
 * A pattern that only matches where one of its anchors (a word it needs: a month or a weekday name, a relative word,
 * a digit…) starts at most `pre` characters after the match's start: `re` is the pattern made sticky. `pre` is the
 * longest text the pattern can match before its anchor (every quantifier there is bounded), counted from the pattern
 * source in the comment on each `*_AT` below; test/unit/dates-near.test.ts fails when a pattern can match more than
 * that (see NEAR_PATTERNS):
 * EN_WD_PREFIX is at most 9 + 4 + 1 + 4 = 18 characters ('Wednesday', \s{0,4}, [,(], \s{0,4}); 'the' + \s{1,4}
 * is 7, a day and its suffix 4, \s{1,4} 4, 'of' + \s{1,4} 6, a range dash 'through' 7.
 */
export interface Anchored {
  re: RegExp;
  pre: number;
  /**
   * Every match starts at a word start (`wordStart`): the English patterns, each a leading \b then an ASCII letter or
   * digit in every alternative (without the u flag, \b and \w are ASCII). `near` tries only those positions;
   * test/unit/dates-near.test.ts holds every match of such a pattern to start at one.
   */
  wordStart: boolean;
}

const sticky = (re: RegExp, pre: number, wordStart = false): Anchored => ({ re: new RegExp(re.source, re.flags.replace('g', '') + 'y'), pre, wordStart });

/** An ASCII letter or digit at `s` with no \w character (ASCII letter, digit, '_') before it. */
export function wordStart(text: string, s: number): boolean {
  const c = text.charCodeAt(s);
  if (!((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57))) return false;
  if (s === 0) return true;
  const p = text.charCodeAt(s - 1);
  return !((p >= 97 && p <= 122) || (p >= 65 && p <= 90) || (p >= 48 && p <= 57) || p === 95);
}
/** Month right after the weekday prefix. */
const EN_ABS_MDY_AT = sticky(EN_ABS_MDY, 18, true);
/** Weekday prefix 18, the 7, day 4, \s{1,4} 4, of 6. */
const EN_ABS_DMY_AT = sticky(EN_ABS_DMY, 39, true);
/** Starts with the month. */
const EN_RANGE_MDY_AT = sticky(EN_RANGE_MDY, 0, true);
/** Weekday prefix 18, the 7, day 4, \s{0,4} 4, 'through' 7, \s{0,4} 4; in the look-ahead: weekday 18, the 7, day 4, \s{1,4} 4, of 6. */
const EN_RANGE_DMY_FIRST_AT = sticky(EN_RANGE_DMY_FIRST, 83, true);
/** 'During' 6 + \s{1,4} 4. */
const EN_MONTH_YEAR_AT = sticky(EN_MONTH_YEAR, 10, true);
/** 'This' 4 + \s{1,4} 4 + 'coming' 6 + \s{1,4} 4. */
const EN_WEEKDAY_AT = sticky(EN_WEEKDAY, 18, true);

/** 'The day before yesterday' 25 to 'yesterday''s 'esterday' (3 + 4 + 3 + 4 + 6 + 4 + 1); 'Earlier this' 15 + \s{1,4} 4
 *  to the period; 'seven days' 13 + \s{1,4} 4 to 'ago'. */
const EN_RELATIVE_AT = sticky(EN_RELATIVE, 25, true);
/** 'Through' 7 + \s{1,4} 4. */
const EN_YEAR_ONLY_AT = sticky(EN_YEAR_ONLY, 11, true);

/** Each form of EN_MONTH_RE (a name or an abbreviation) begins with its month's first three letters. */
const MONTH_PREFIXES = EN_MONTHS.map((m) => m.slice(0, 3));
/** Every match of EN_RELATIVE holds one of these: its first one at most EN_RELATIVE_AT.pre after the start. */
const RELATIVE_ANCHORS = ['esterday', 'oday', 'onight', 'omorrow', 'night', 'week', 'month', 'year', 'ago'];
/** A year of EN_YEAR_ONLY: after the white space that ends its \s{1,4} (no two overlap). */
const YEAR_ANCHOR = /\s(?:1[89]|20|21)\d\d/g;

/** Starts with the day's digits (AR_ABS, AR_RANGE_FIRST, AR_DAY_OF_MONTH). */
const AR_ABS_AT = sticky(AR_ABS, 0);
const AR_RANGE_FIRST_AT = sticky(AR_RANGE_FIRST, 0);
const AR_DAY_OF_MONTH_AT = sticky(AR_DAY_OF_MONTH, 0);
/** The ordinal, \s{1,4} 4, 'من' 2, \s{1,4} 4, 'شهر' + \s{1,4} 7, 'هذا' + \s{1,4} 7 to the month or 'الشهر'. */
const AR_ORD_DATE_AT = sticky(AR_ORD_DATE, AR_ORDINAL_MAX_LENGTH + 24);
/** [وف] 1, the longest preposition 5 (أواخر), \s{1,4} 4, 'شهر' + \s{1,4} 7 to the month. */
const AR_MONTH_ONLY_AT = sticky(AR_MONTH_ONLY, 17);
/** Starts with the weekday. */
const AR_WEEKDAY_AT = sticky(AR_WEEKDAY, 0);
/** 'أول' + \s{1,4} + 'من' + \s{1,4} 13 to 'أمس'; 'يوم' or 'بعد' + \s{1,4} 7 to 'غد'; 'ال' 2 to 'عام', 'سنة'. */
const AR_RELATIVE_AT = sticky(AR_RELATIVE, 13);
/** [وف] 1 to 'منذ', 'قبل', 'بعد'. */
const AR_AGO_AT = sticky(AR_AGO, 1);
/** 'لل' 2 + 'لل' 2 (للعام) to 'عام'; 'لل' 2 + 'ال' 2 to 'سنة'. */
const AR_YEAR_ONLY_AT = sticky(AR_YEAR_ONLY, 4);

/** What an Arabic anchor word is needed by (bits; see arabicAnchors). */
const enum ArAnchor {
  /** A month name's first word: AR_MONTH_ONLY, AR_ORD_DATE. */
  Month = 1,
  /** 'الشهر': AR_ORD_DATE ('من الشهر الجاري'), AR_RELATIVE. */
  Shahr = 2,
  Weekday = 4,
  /** Every match of AR_RELATIVE holds one within AR_RELATIVE_AT.pre of its start. */
  Relative = 8,
  Ago = 16,
  Year = 32,
}

/** The anchor words and what each is needed by. */
export const AR_ANCHOR_WORDS = (() => {
  const words = new Map<string, number>();
  const add = (w: string, a: number) => words.set(w, (words.get(w) ?? 0) | a);
  for (const w of AR_MONTH_FIRST_WORDS) add(w, ArAnchor.Month);
  add('الشهر', ArAnchor.Shahr | ArAnchor.Relative);
  for (const w of AR_WEEKDAY_WORDS) add(w, ArAnchor.Weekday);
  for (const w of ['أمس', 'امس', 'غد', 'البارحة', 'اليوم', 'الليلة', 'الأسبوع', 'الاسبوع']) add(w, ArAnchor.Relative);
  for (const w of ['عام', 'سنة']) add(w, ArAnchor.Relative | ArAnchor.Year);
  for (const w of ['منذ', 'قبل', 'بعد']) add(w, ArAnchor.Ago);
  // A word found at a place stands for every anchor word it starts with (they are there too): see arabicAnchors.
  const closed = new Map<string, number>();
  for (const w of words.keys()) {
    let a = 0;
    for (const [v, b] of words) if (w.startsWith(v)) a |= b;
    closed.set(w, a);
  }
  return closed;
})();
/** The key of a place in arabicAnchors: the low 6 bits of the three code units there (18 bits; the plain Arabic
 *  letters U+0621..U+064A differ in them). */
const arAnchorKey = (c0: number, c1: number, c2: number): number => ((c0 & 0x3f) << 12) | ((c1 & 0x3f) << 6) | (c2 & 0x3f);
/** Per key, the anchor words that can start at a place of that key, longest first (a word of two letters under
 *  every key of its two), with what each is needed by. */
const AR_ANCHOR_AT = (() => {
  const at = new Map<number, Array<readonly [string, number]>>();
  for (const [w, a] of [...AR_ANCHOR_WORDS].sort((x, y) => y[0].length - x[0].length)) {
    const c0 = w.charCodeAt(0);
    const c1 = w.charCodeAt(1);
    const keys = w.length > 2 ? [arAnchorKey(c0, c1, w.charCodeAt(2))] : Array.from({ length: 64 }, (_, c) => arAnchorKey(c0, c1, c));
    for (const k of keys) {
      const list = at.get(k);
      if (list) list.push([w, a]);
      else at.set(k, [[w, a]]);
    }
  }
  return at;
})();
/** The keys of AR_ANCHOR_AT, one bit each. */
const AR_ANCHOR_KEYS = (() => {
  const bits = new Int32Array(1 << 13);
  for (const k of AR_ANCHOR_AT.keys()) bits[k >> 5] |= 1 << (k & 31);
  return bits;
})();
/** A code unit of DIGIT: 0-9, Arabic-Indic and extended Arabic-Indic digits. */
const isDigitCode = (c: number): boolean => (c <= 0x39 ? c >= 0x30 : c >= 0x0660 && (c <= 0x0669 || (c >= 0x06f0 && c <= 0x06f9)));
/** The lists of places arabicAnchors makes, by the ArAnchor bits they are for: one per need, and Month | Shahr
 *  (AR_ORD_DATE needs either). */
const AR_ANCHOR_LISTS = [ArAnchor.Month, ArAnchor.Month | ArAnchor.Shahr, ArAnchor.Weekday, ArAnchor.Relative, ArAnchor.Ago, ArAnchor.Year];

/**
 * Where the Arabic patterns can match: every digit (the day patterns start with one), and per kind of need
 * (ArAnchor bits, and Month | Shahr) every place where an anchor word starts. One pass over the text finds them all:
 * at each place, the key of its three code units (kept as the pass goes) is looked up in a bit table, and only
 * where it is set are that key's words compared (a few thousand places in ANERcorp's 684,000); the digits are taken
 * in the same pass (was a second one, a regular expression of digit runs). Every place is
 * tried, so words inside or overlapping others are found too, and the word found at a place (the longest there)
 * stands for the shorter anchor words it starts with. (Was one regular expression of the words, longest first,
 * restarted one character after each match: the same places, which a unit test holds.)
 */
export function arabicAnchors(text: string, hasDigit: boolean): { digits: number[]; words: number[][] } {
  const words: number[][] = [];
  for (const k of AR_ANCHOR_LISTS) words[k] = [];
  const bits = AR_ANCHOR_KEYS;
  const n = text.length;
  const found = (i: number, key: number): void => {
    const ws = AR_ANCHOR_AT.get(key)!;
    for (let j = 0; j < ws.length; j++) {
      if (!text.startsWith(ws[j][0], i)) continue;
      // (a word goes to every list one of whose bits it has)
      for (const k of AR_ANCHOR_LISTS) if (ws[j][1] & k) words[k].push(i);
      return;
    }
  };
  // The digits' places (the characters of DIGIT) are taken in the same pass, as each code unit is read.
  const digits: number[] = [];
  if (hasDigit) for (let i = 0; i < 2 && i < n; i++) if (isDigitCode(text.charCodeAt(i))) digits.push(i);
  // (the last place that has three code units is n - 3; at n - 2 only a word of two can start, under every key)
  let key = arAnchorKey(0, text.charCodeAt(0), text.charCodeAt(1));
  for (let i = 0; i + 2 < n; i++) {
    const c = text.charCodeAt(i + 2);
    if (hasDigit && isDigitCode(c)) digits.push(i + 2);
    key = ((key << 6) & 0x3ffc0) | (c & 0x3f);
    if ((bits[key >> 5] & (1 << (key & 31))) !== 0) found(i, key);
  }
  if (n >= 2) {
    key = (key << 6) & 0x3ffc0;
    if ((bits[key >> 5] & (1 << (key & 31))) !== 0) found(n - 2, key);
  }
  return { digits, words };
}

/** The words whose places `englishAnchors` finds, per list. */
export const EN_ANCHOR_WORDS = { months: MONTH_PREFIXES, weekdays: EN_WEEKDAYS, relative: RELATIVE_ANCHORS } as const;

/** Per ASCII code unit, the words of the three lists that start with it: [list (0 months, 1 weekdays, 2 relative), word]. */
const EN_ANCHOR_FIRST: ReadonlyArray<ReadonlyArray<readonly [number, string]>> = (() => {
  const t: Array<Array<readonly [number, string]>> = Array.from({ length: 128 }, () => []);
  [MONTH_PREFIXES, EN_WEEKDAYS, RELATIVE_ANCHORS].forEach((words, list) => {
    for (const w of words) t[w.charCodeAt(0)].push([list, w]);
  });
  return t;
})();

/** Per pair of ASCII code units (first * 128 + second): 1 when a word of the three lists starts with it. */
const EN_ANCHOR_PAIR = (() => {
  const t = new Uint8Array(128 * 128);
  for (const w of [...MONTH_PREFIXES, ...EN_WEEKDAYS, ...RELATIVE_ANCHORS]) t[(w.charCodeAt(0) << 7) | w.charCodeAt(1)] = 1;
  return t;
})();

/**
 * The places where a word of each of the three lists of EN_ANCHOR_WORDS (month prefixes, weekdays, relative words)
 * occurs, in one pass over the text instead of one search per word (28): where two ASCII code units start a word of a
 * list (a table of the pairs), its words are compared there. Same places, ascending, one per word found there (a unit
 * test holds them equal to an indexOf search per word).
 */
export function englishAnchors(text: string): { months: number[]; weekdays: number[]; relative: number[] } {
  const lists: [number[], number[], number[]] = [[], [], []];
  const first = EN_ANCHOR_FIRST;
  const pair = EN_ANCHOR_PAIR;
  const n = text.length - 1;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c >= 128) continue;
    const c1 = text.charCodeAt(i + 1);
    if (c1 >= 128 || pair[(c << 7) | c1] === 0) continue;
    const ws = first[c];
    for (let k = 0; k < ws.length; k++) {
      const w = ws[k][1];
      if (w.charCodeAt(1) === c1 && text.startsWith(w, i)) lists[ws[k][0]].push(i);
    }
  }
  return { months: lists[0], weekdays: lists[1], relative: lists[2] };
}

function yearAnchors(text: string): number[] {
  const out: number[] = [];
  YEAR_ANCHOR.lastIndex = 0;
  for (let m = YEAR_ANCHOR.exec(text); m; m = YEAR_ANCHOR.exec(text)) out.push(m.index + 1);
  return out;
}

/**
 * The matches `text.matchAll` finds of a pattern that only matches where an anchor starts at most `at.pre`
 * characters after the match's start (see `Anchored`), in the same order: the sticky pattern is tried at each
 * position from `pre` before an anchor up to it, left to right, and the search goes on after a match's end, as the
 * global search does. Every position a global search would find a match at is tried (it lies within `pre` before
 * some anchor), and no earlier one matches, so the matches are the same; most of the text is never read.
 */
export function near(text: string, at: Anchored, anchors: readonly number[], read: (m: RegExpExecArray) => void): void {
  const re = at.re;
  const ws = at.wordStart;
  let pos = 0; // where the global search would go on from
  let tried = -1; // the last position tried since then
  for (const a of anchors) {
    if (a < pos) continue;
    // (a match may end before its anchor when the anchor is in a look-ahead: the positions up to it are tried on)
    let s = Math.max(pos, a - at.pre, tried + 1);
    while (s <= a) {
      tried = s;
      // (no match starts elsewhere: see Anchored.wordStart)
      if (ws && !wordStart(text, s)) {
        s++;
        continue;
      }
      re.lastIndex = s;
      const m = re.exec(text);
      if (!m) {
        s++;
        continue;
      }
      read(m);
      pos = m.index + Math.max(1, m[0].length);
      tried = pos - 1;
      s = pos;
    }
  }
}

/**
 * Every pattern `near` tries, with its global form and its anchors as findGated finds them: for the unit test that
 * reads each pattern's longest texts and fails when one's anchor lies more than its bound after its start.
 */
export const NEAR_PATTERNS: ReadonlyArray<{ name: string; global: RegExp; at: Anchored; anchors: (text: string) => readonly number[] }> = (() => {
  const months = (t: string) => englishAnchors(t).months;
  const ar = (a: number) => (t: string) => arabicAnchors(t, true).words[a];
  const digits = (t: string) => arabicAnchors(t, true).digits;
  return [
    { name: 'EN_ABS_MDY', global: EN_ABS_MDY, at: EN_ABS_MDY_AT, anchors: months },
    { name: 'EN_ABS_DMY', global: EN_ABS_DMY, at: EN_ABS_DMY_AT, anchors: months },
    { name: 'EN_RANGE_MDY', global: EN_RANGE_MDY, at: EN_RANGE_MDY_AT, anchors: months },
    { name: 'EN_RANGE_DMY_FIRST', global: EN_RANGE_DMY_FIRST, at: EN_RANGE_DMY_FIRST_AT, anchors: months },
    { name: 'EN_MONTH_YEAR', global: EN_MONTH_YEAR, at: EN_MONTH_YEAR_AT, anchors: months },
    { name: 'EN_WEEKDAY', global: EN_WEEKDAY, at: EN_WEEKDAY_AT, anchors: (t) => englishAnchors(t).weekdays },
    { name: 'EN_RELATIVE', global: EN_RELATIVE, at: EN_RELATIVE_AT, anchors: (t) => englishAnchors(t).relative },
    { name: 'EN_YEAR_ONLY', global: EN_YEAR_ONLY, at: EN_YEAR_ONLY_AT, anchors: yearAnchors },
    { name: 'AR_ABS', global: AR_ABS, at: AR_ABS_AT, anchors: digits },
    { name: 'AR_RANGE_FIRST', global: AR_RANGE_FIRST, at: AR_RANGE_FIRST_AT, anchors: digits },
    { name: 'AR_DAY_OF_MONTH', global: AR_DAY_OF_MONTH, at: AR_DAY_OF_MONTH_AT, anchors: digits },
    { name: 'AR_ORD_DATE', global: AR_ORD_DATE, at: AR_ORD_DATE_AT, anchors: ar(ArAnchor.Month | ArAnchor.Shahr) },
    { name: 'AR_MONTH_ONLY', global: AR_MONTH_ONLY, at: AR_MONTH_ONLY_AT, anchors: ar(ArAnchor.Month) },
    { name: 'AR_WEEKDAY', global: AR_WEEKDAY, at: AR_WEEKDAY_AT, anchors: ar(ArAnchor.Weekday) },
    { name: 'AR_RELATIVE', global: AR_RELATIVE, at: AR_RELATIVE_AT, anchors: ar(ArAnchor.Relative) },
    { name: 'AR_AGO', global: AR_AGO, at: AR_AGO_AT, anchors: ar(ArAnchor.Ago) },
    { name: 'AR_YEAR_ONLY', global: AR_YEAR_ONLY, at: AR_YEAR_ONLY_AT, anchors: ar(ArAnchor.Year) },
  ];
})();

// ---- Helpers ----

type Groups = Record<string, string | undefined>;
type Indices = Record<string, [number, number] | undefined>;

function part(text: string, ix: Indices | undefined, name: string): DatePart | undefined {
  const r = ix?.[name];
  return r ? { start: r[0], end: r[1], text: text.slice(r[0], r[1]) } : undefined;
}

interface Candidate extends ParsedDate {
  /** Higher wins when two candidates cover the same length. */
  priority: number;
}

function base(lang: Language, kind: DateKind, start: number, end: number, text: string): Candidate {
  return { start, end, text: text.slice(start, end), kind, lang, granularity: 'day', calendar: 'gregorian', raw: {}, parts: {}, priority: 0 };
}

const HIJRI_ERA = new Set(['هـ', 'ه', 'للهجرة', 'هجرية', 'هجري']);

/** Words before 'الاثنين' that make it 'the two' rather than Monday; before 'الجمعة' that make it the prayer. */
const AR_WD_BEFORE_NOT = /(?:كلا|كلتا|بين|هذين|هاتين|صلاة|صلاه|خطبة|خطب|صلوات|أيام|ايام|كل)\s*$/;
const AR_WD_AFTER_NOT = /^\s*(?:معا|معًا|معاً|عشر|عشرة|منهما|منهم)(?![\u0621-\u064A])/;

/** 'العام' after these is an adjective ('القائد العام', 'الأمين العام الحالي'), not a year. */
const AR_AAM_BEFORE_NOT = /(?:الأمين|الامين|القائد|المدعي|النائب|المدير|المفتش|المنسق|المراقب|المرشد|الرأي|الراي|القطاع|الأمن|الامن|النفع|الصالح|الشأن|الشان|المؤتمر|الحق|الإضراب|الاضراب|العفو|التعليم|الاكتتاب|المال|النظام|الذوق|الطابع|الإطار|الاطار|الاتجاه|المزاج|المناخ|الوضع|الموقف|المشهد|السياق|المستوى|الرأى|المجلس|الحزب|الاتحاد|العمل|الإنفاق|الانفاق|الدين|القانون|التصنيف|الترتيب|الحكم|المدعى|المحامي|المحامى|المستشار|الأمانة|الامانة)\s+$/;
/** 'اليوم' followed by these is 'the day' of some other count ('اليوم التالي'), not today. */
const AR_YAWM_AFTER_NOT = /^\s*(?:التالي|التالى|السابق|العالمي|العالمى|الوطني|الوطنى|الأول|الاول|الثاني|الثالث|الرابع|الخامس|السادس|السابع|الثامن|التاسع|العاشر|الحادي|الأخير|الاخير|نفسه|ذاته|ذاك|ذلك|الذي|الذى|التي|الموعود|المشهود|المحدد|الدولي|الموالي)(?![\u0621-\u064A])/;
const AR_YAWM_BEFORE_NOT = /(?:روسيا|مصر|فلسطين|العرب|الخليج|أخبار|اخبار|صحيفة|جريدة|نفس|ذات|ذلك|هذا|حتى\s+ذلك)\s+$/;

function arNumberWord(w: string): number | undefined {
  return AR_NUMBER_WORDS[w];
}

/**
 * All date expressions in `text`, in document order, without overlaps, not yet resolved. `lang` is the article's
 * language (it decides how '3/4/2016' is read in English); both scripts are always searched.
 */
export function findDates(text: string, lang: Language): ParsedDate[] {
  if (!PRECHECK.test(text)) return [];
  return findGated(text, lang, gatesOf(text));
}

/** Which families of patterns run, decided on the whole text. */
interface Gates {
  arabic: boolean;
  /** English patterns run only when an English date word occurs (an Arabic article quoting a Latin name skips them). */
  latin: boolean;
  digit: boolean;
}

function gatesOf(text: string): Gates {
  return { arabic: /[\u0621-\u064A]/.test(text), latin: EN_PRECHECK.test(text), digit: /[0-9\u0660-\u0669\u06F0-\u06F9]/.test(text) };
}

/** `findDates` with the families of patterns that run given (gatesOf the whole text). */
function findGated(text: string, lang: Language, { arabic: hasArabic, latin: hasLatin, digit: hasDigit }: Gates): ParsedDate[] {
  const cands: Candidate[] = [];

  // The Arabic patterns too are tried only a bounded distance before a word each needs (see arabicAnchors).
  const ar = hasArabic ? arabicAnchors(text, hasDigit) : undefined;
  if (ar) {
    if (hasDigit) {
      near(text, AR_ABS_AT, ar.digits, (m) => readArAbs(text, m, cands));
      near(text, AR_RANGE_FIRST_AT, ar.digits, (m) => readRangeFirst(text, m, cands, 'ar'));
      near(text, AR_DAY_OF_MONTH_AT, ar.digits, (m) => readArDayOfMonth(text, m, cands));
    }
    near(text, AR_ORD_DATE_AT, ar.words[ArAnchor.Month | ArAnchor.Shahr], (m) => readArOrdinal(text, m, cands));
    near(text, AR_MONTH_ONLY_AT, ar.words[ArAnchor.Month], (m) => readArMonthOnly(text, m, cands));
    near(text, AR_WEEKDAY_AT, ar.words[ArAnchor.Weekday], (m) => readArWeekday(text, m, cands));
    near(text, AR_RELATIVE_AT, ar.words[ArAnchor.Relative], (m) => readArRelative(text, m, cands));
    near(text, AR_AGO_AT, ar.words[ArAnchor.Ago], (m) => readArAgo(text, m, cands));
  }
  if (hasLatin) {
    // The month and weekday patterns are tried only a bounded distance before a month or weekday (see `near`).
    const { months, weekdays, relative } = englishAnchors(text);
    if (hasDigit && months.length) {
      near(text, EN_ABS_MDY_AT, months, (m) => readEnAbs(text, m, cands, 'mdy'));
      near(text, EN_ABS_DMY_AT, months, (m) => readEnAbs(text, m, cands, 'dmy'));
    }
    if (hasDigit) for (const m of text.matchAll(EN_DAY_OF_MONTH)) readEnDayOfMonth(text, m, cands);
    if (hasDigit && months.length) {
      near(text, EN_RANGE_MDY_AT, months, (m) => readEnRangeSecond(text, m, cands));
      near(text, EN_RANGE_DMY_FIRST_AT, months, (m) => readRangeFirst(text, m, cands, 'en'));
    }
    if (months.length) near(text, EN_MONTH_YEAR_AT, months, (m) => readEnMonthYear(text, m, cands));
    if (weekdays.length) near(text, EN_WEEKDAY_AT, weekdays, (m) => readEnWeekday(text, m, cands));
    near(text, EN_RELATIVE_AT, relative, (m) => readEnRelative(text, m, cands));
  }
  if (hasDigit) {
    // (a numeric date has a digit, a separator and a digit in a row)
    if (NUMERIC_GATE.test(text)) for (const m of text.matchAll(NUMERIC)) readNumeric(text, m, cands, lang);
    if (ar) near(text, AR_YEAR_ONLY_AT, ar.words[ArAnchor.Year], (m) => readYear(text, m, cands, 'ar'));
    if (hasLatin) near(text, EN_YEAR_ONLY_AT, yearAnchors(text), (m) => readYear(text, m, cands, 'en'));
  }

  const kept = settleOverlaps(cands);
  const out: ParsedDate[] = kept.map(({ priority: _p, ...d }) => d);
  return linkNeighbours(text, out);
}

/**
 * Where `findDates` may cut a text into pieces that it reads alike alone and in place: after a blank line that
 * follows a full stop right after an Arabic letter, a closing bracket or quote ('…الليبية.\n\n'). No pattern nor any
 * context test of a reader runs across such a cut: no pattern or context regular expression matches a full stop
 * there (the numeric, abbreviation and reference-number patterns that contain one need a digit or a Latin letter
 * before it), the context windows read before a date are tested for words and spaces up to the date (the stop
 * blocks them; a window cut at a piece's start reads as the start of a line, which the tests treat as they treat
 * the line break), and the neighbour links test gaps of spaces and light punctuation only. Which families of
 * patterns run (Arabic, English, digits) is still decided on the whole text.
 */
const SAFE_CUT = /[\u0621-\u064A)»"]\.\n\n+/g;

/**
 * `findDates` for a text analyzed again and again (core/analyze.ts Analyzer): the dates of each piece between safe
 * cuts (see SAFE_CUT) are remembered by the piece's text, so after an edit only the pieces that changed are read
 * again; the others are copied to their new offsets. Returns exactly what `findDates` returns (fresh objects, which
 * the caller may change). Bounded: only the pieces of the previous text are kept.
 */
export class DateSegmentCache {
  private pieces = new Map<string, ParsedDate[]>();
  private key = '';

  findDates(text: string, lang: Language): ParsedDate[] {
    if (!PRECHECK.test(text)) return [];
    const gates = gatesOf(text);
    const key = `${lang}${+gates.arabic}${+gates.latin}${+gates.digit}`;
    const previous = key === this.key ? this.pieces : new Map<string, ParsedDate[]>();
    const current = new Map<string, ParsedDate[]>();
    this.key = key;
    this.pieces = current;
    const out: ParsedDate[] = [];
    let start = 0;
    SAFE_CUT.lastIndex = 0;
    for (;;) {
      const m = SAFE_CUT.exec(text);
      const end = m ? m.index + m[0].length : text.length;
      const piece = text.slice(start, end);
      const ds = current.get(piece) ?? previous.get(piece) ?? findGated(piece, lang, gates);
      current.set(piece, ds);
      const base = out.length;
      for (const d of ds) out.push(shiftedDate(d, start, base));
      if (!m) break;
      start = end;
    }
    return out;
  }

  clear(): void {
    this.pieces = new Map();
    this.key = '';
  }
}

/** A copy of `d` moved by `delta` characters, its twin index by `base` (nested parts copied too; key order kept). */
function shiftedDate(d: ParsedDate, delta: number, base: number): ParsedDate {
  const parts: ParsedDate['parts'] = {};
  for (const k of Object.keys(d.parts) as Array<keyof ParsedDate['parts']>) {
    const p = d.parts[k];
    (parts as Record<string, unknown>)[k] = p ? { ...p, start: p.start + delta, end: p.end + delta } : p;
  }
  const c: ParsedDate = { ...d, start: d.start + delta, end: d.end + delta, raw: { ...d.raw }, parts };
  if (d.offset) c.offset = { ...d.offset };
  if (d.dayOfMonth) c.dayOfMonth = { ...d.dayOfMonth };
  if (d.twin !== undefined) c.twin = d.twin + base;
  return c;
}

const byLength = (a: Candidate, b: Candidate) => (b.end - b.start) - (a.end - a.start) || b.priority - a.priority || a.start - b.start;

/**
 * Overlapping candidates: within each cluster of (transitively) overlapping ones, the longest wins, then the
 * higher priority; whatever does not overlap a winner is kept too. Linear apart from the (small) clusters.
 */
function settleOverlaps(cands: Candidate[]): Candidate[] {
  cands.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: Candidate[] = [];
  let i = 0;
  while (i < cands.length) {
    let j = i + 1;
    let end = cands[i].end;
    while (j < cands.length && cands[j].start < end) {
      if (cands[j].end > end) end = cands[j].end;
      j++;
    }
    if (j === i + 1) kept.push(cands[i]);
    else {
      const cluster = cands.slice(i, j).sort(byLength);
      const win: Candidate[] = [];
      for (const c of cluster) if (!win.some((k) => c.start < k.end && k.start < c.end)) win.push(c);
      win.sort((a, b) => a.start - b.start);
      for (const w of win) kept.push(w);
    }
    i = j;
  }
  return kept;
}

function trimTrailingSpace(text: string, c: Candidate): Candidate {
  while (c.end > c.start && /[\s،,(]/.test(text[c.end - 1])) c.end--;
  c.text = text.slice(c.start, c.end);
  return c;
}

/**
 * A month name right after another, with no bracket or slash, is a pair only when the two come from different
 * systems and the second is not also a word: 'سبتمبر أيلول' is a pair, 'في 5 يونيو مارس الرئيس' is a date and a verb.
 */
function bareSecondMonth(ix: Indices, first: string, text: string): boolean {
  const r = ix.mon2d;
  if (!r) return true;
  const second = text.slice(r[0], r[1]);
  const a = arMonth(first);
  const b = arMonth(second);
  return !!a && !!b && a.system !== b.system && !AR_AMBIGUOUS_MONTHS.has(second);
}

function readArAbs(text: string, m: RegExpMatchArray, out: Candidate[]): void {
  if (!dayBoundary(text, m.indices!.groups!.day![0])) return;
  if (!m.groups!.wd) attachWeekday(text, m, m.indices!.groups!.day![0]);
  const g = m.groups as Groups;
  const ix = m.indices?.groups as Indices;
  const dayP = part(text, ix, 'day')!;
  const yearP = part(text, ix, 'year');
  const era = g.era;
  const isHijri = !!g.hmon;
  if (!isHijri && !bareSecondMonth(ix, g.mon!, text)) {
    // Read the day and month alone.
    AR_ABS_BARE.lastIndex = dayP.start;
    const again = AR_ABS_BARE.exec(text);
    if (again) readArAbs(text, again, out);
    return;
  }
  if (isHijri && !(yearP && (!era || HIJRI_ERA.has(era)))) return; // '29 صفر' alone is not read (صفر = zero)
  if (!isHijri && era && HIJRI_ERA.has(era)) return; // a Gregorian month with هـ: not a date we can trust
  const wdP = part(text, ix, 'wd');
  const start = wdP ? (ix.wdyawm ? ix.wdyawm[0] : wdP.start) : dayP.start;
  const c = base('ar', isHijri ? 'hijri' : 'absolute', start, (m.index ?? 0) + m[0].length, text);
  trimTrailingSpace(text, c);
  c.priority = 3;
  c.calendar = isHijri ? 'hijri' : 'gregorian';
  c.raw.day = parseDigits(dayP.text);
  c.parts.day = dayP;
  if (yearP) {
    c.parts.year = yearP;
    c.raw.year = parseDigits(yearP.text);
  }
  if (isHijri) {
    const monP = part(text, ix, 'hmon')!;
    c.parts.month = monP;
    c.raw.month = hijriMonth(monP.text);
  } else {
    const monP = part(text, ix, 'mon')!;
    const am = arMonth(monP.text)!;
    c.parts.month = { ...monP, system: am.system };
    c.raw.month = am.month;
    const m2 = part(text, ix, 'mon2a') ?? part(text, ix, 'mon2b') ?? part(text, ix, 'mon2c') ?? part(text, ix, 'mon2d');
    if (m2) {
      const am2 = arMonth(m2.text)!;
      c.parts.month2 = { ...m2, value: am2.month, system: am2.system };
    }
  }
  if (wdP) {
    c.parts.weekday = wdP;
    c.weekday = arWeekday(wdP.text);
  }
  if (g.mmod) c.direction = /الماضي|المنصرم|الفائت/.test(g.mmod) ? 'past' : /المقبل|القادم/.test(g.mmod) ? 'next' : 'bare';
  out.push(c);
}

/**
 * One day of a range whose month (and year) is written once for both days. The mention covers only its own words;
 * the shared month and year are not its parts, so no fix of this day rewrites them.
 */
function readRangeFirst(text: string, m: RegExpMatchArray, out: Candidate[], lang: Language): void {
  const ix = m.indices?.groups as Indices;
  const g = m.groups as Groups;
  const tmp: Candidate[] = [];
  if (lang === 'ar') readArAbs(text, m, tmp);
  else readEnAbs(text, m, tmp, 'dmy');
  const c = tmp[0];
  if (!c) return;
  sharedMonth(text, c, ix.day![1]);
  if (lang === 'en' && g.wd === undefined && c.parts.weekday) c.parts.weekday = undefined;
  out.push(c);
}

function readEnRangeSecond(text: string, m: RegExpMatchArray, out: Candidate[]): void {
  const ix = m.indices?.groups as Indices;
  const tmp: Candidate[] = [];
  readEnAbs(text, m, tmp, 'mdy');
  const c = tmp[0];
  if (!c) return;
  const dayP = part(text, ix, 'day')!;
  const wdP = part(text, ix, 'wd');
  c.start = wdP ? wdP.start : dayP.start;
  if (wdP) {
    const w = /^[A-Za-z.]+/.exec(wdP.text)![0];
    c.parts.weekday = { start: wdP.start, end: wdP.start + w.length, text: w };
    c.weekday = enWeekday(w.replace(/\.$/, '.'));
  }
  c.text = text.slice(c.start, c.end);
  const monP = c.parts.month!;
  c.parts.month = undefined;
  c.priority = 4;
  out.push(c);
  // The first day: 'Nov. 26' of 'Nov. 26-29, 2016', with the year written after the second.
  const d1 = part(text, ix, 'day1')!;
  const first = base('en', 'absolute', monP.start, d1.end, text);
  first.priority = 4;
  first.raw = { year: c.raw.year, month: c.raw.month, day: parseInt(d1.text, 10) };
  first.parts = { month: monP, day: d1 };
  out.push(first);
}

function sharedMonth(text: string, c: Candidate, end: number): void {
  c.end = end;
  c.text = text.slice(c.start, c.end);
  c.parts.month = undefined;
  c.parts.month2 = undefined;
  c.parts.year = undefined;
  c.priority = 4;
}

/** Ordinal words before 'من': 'الأسبوع الأول من الشهر الجاري' is a week, not the 1st. */
function readArOrdinal(text: string, m: RegExpMatchArray, out: Candidate[]): void {
  if (!dayBoundary(text, m.indices!.groups!.oday![0])) return;
  attachWeekday(text, m, m.indices!.groups!.oday![0]);
  const g = m.groups as Groups;
  const ix = m.indices?.groups as Indices;
  const oday = part(text, ix, 'oday')!;
  const wdP = part(text, ix, 'wd');
  const start = wdP ? (ix.wdyawm ? ix.wdyawm[0] : wdP.start) : oday.start;
  if (!wdP && /(?:^|[\s،,(])ال[\u0621-\u064A]+\s{1,4}$/.test(text.slice(Math.max(0, start - 20), start))) return;
  const day = arOrdinalValue(oday.text);
  if (!day) return;
  const c = base('ar', g.rel ? 'relative' : 'absolute', start, (m.index ?? 0) + m[0].length, text);
  trimTrailingSpace(text, c);
  c.priority = 3;
  c.parts.day = oday;
  c.raw.day = day;
  if (wdP) {
    c.parts.weekday = wdP;
    c.weekday = arWeekday(wdP.text);
  }
  if (g.rel) {
    c.dayOfMonth = { day, months: /الماضي|المنصرم|الفائت/.test(g.rel) ? -1 : /المقبل|القادم/.test(g.rel) ? 1 : 0 };
    c.dependsOnPublication = true;
    out.push(c);
    return;
  }
  const monP = part(text, ix, 'mon')!;
  const am = arMonth(monP.text)!;
  c.parts.month = { ...monP, system: am.system };
  c.raw.month = am.month;
  const m2 = part(text, ix, 'mon2a') ?? part(text, ix, 'mon2b') ?? part(text, ix, 'mon2c') ?? part(text, ix, 'mon2d');
  if (m2 && bareSecondMonth(ix, monP.text, text)) {
    const am2 = arMonth(m2.text)!;
    c.parts.month2 = { ...m2, value: am2.month, system: am2.system };
  } else if (m2) return;
  const yearP = part(text, ix, 'year');
  if (yearP) {
    c.parts.year = yearP;
    c.raw.year = parseDigits(yearP.text);
  }
  if (g.mmod) c.direction = /الماضي|المنصرم|الفائت/.test(g.mmod) ? 'past' : /المقبل|القادم/.test(g.mmod) ? 'next' : 'bare';
  out.push(c);
}

function readArDayOfMonth(text: string, m: RegExpMatchArray, out: Candidate[]): void {
  if (!dayBoundary(text, m.indices!.groups!.day![0])) return;
  attachWeekday(text, m, m.indices!.groups!.day![0]);
  const g = m.groups as Groups;
  const ix = m.indices?.groups as Indices;
  const dayP = part(text, ix, 'day')!;
  const wdP = part(text, ix, 'wd');
  const start = wdP ? (ix.wdyawm ? ix.wdyawm[0] : wdP.start) : dayP.start;
  const c = base('ar', 'relative', start, (m.index ?? 0) + m[0].length, text);
  c.priority = 2;
  c.parts.day = dayP;
  c.raw.day = parseDigits(dayP.text);
  const rel = g.rel!;
  c.dayOfMonth = { day: c.raw.day, months: /الماضي|المنصرم|الفائت/.test(rel) ? -1 : /المقبل|القادم/.test(rel) ? 1 : 0 };
  c.dependsOnPublication = true;
  if (wdP) {
    c.parts.weekday = wdP;
    c.weekday = arWeekday(wdP.text);
  }
  out.push(c);
}

const AR_MONTH_PREPOSITION = /(?:في|خلال|منذ|مطلع|أواخر|اواخر|أوائل|اوائل|منتصف|نهاية|بداية|حتى|قبل|بعد)\s+$/;

function readArMonthOnly(text: string, m: RegExpMatchArray, out: Candidate[]): void {
  const g = m.groups as Groups;
  const ix = m.indices?.groups as Indices;
  const monP = part(text, ix, 'mon')!;
  const yearP = part(text, ix, 'year');
  const m2 = part(text, ix, 'mon2a') ?? part(text, ix, 'mon2b') ?? part(text, ix, 'mon2c') ?? part(text, ix, 'mon2d');
  if (!bareSecondMonth(ix, g.mon!, text)) return;
  const pre = g.pre ?? '';
  const shahr = /شهر\s+$/.test(pre);
  if (g.era && HIJRI_ERA.has(g.era)) return;
  if (!(yearP || m2 || shahr || (AR_MONTH_PREPOSITION.test(pre) && !AR_AMBIGUOUS_MONTHS.has(monP.text)))) return;
  const am = arMonth(monP.text)!;
  const start = shahr ? text.lastIndexOf('شهر', monP.start) : monP.start;
  const c = base('ar', 'month', start, (m.index ?? 0) + m[0].length, text);
  trimTrailingSpace(text, c);
  c.priority = 1;
  c.granularity = 'month';
  c.parts.month = { ...monP, system: am.system };
  c.raw.month = am.month;
  if (m2) {
    const am2 = arMonth(m2.text)!;
    c.parts.month2 = { ...m2, value: am2.month, system: am2.system };
  }
  if (yearP) {
    c.parts.year = yearP;
    c.raw.year = parseDigits(yearP.text);
  } else c.dependsOnPublication = true;
  out.push(c);
}

/** 'يوم ' (or 'ويوم ') right before `at`: where it starts, or -1. */
function yawmBefore(text: string, at: number): number {
  const m = /(?:^|[^\u0621-\u065F\w])[وف]?(يوم\s{1,4})$/.exec(text.slice(Math.max(0, at - 12), at));
  return m ? at - m[1].length : -1;
}

function readArWeekday(text: string, m: RegExpMatchArray, out: Candidate[]): void {
  const g = m.groups as Groups;
  const ix = m.indices?.groups as Indices;
  const wdP = part(text, ix, 'wd')!;
  if (!clitizedWordStart(text, wdP.start, false)) return;
  const before = text.slice(Math.max(0, wdP.start - 12), wdP.start);
  const after = text.slice(wdP.end, wdP.end + 12);
  if (AR_WD_BEFORE_NOT.test(before) || AR_WD_AFTER_NOT.test(after)) return;
  const wd = arWeekday(wdP.text)!;
  const modP = part(text, ix, 'mod');
  const end = modP ? modP.end : wdP.end;
  const y = yawmBefore(text, wdP.start);
  const yawm = y >= 0 ? y : wdP.start;
  const c = base('ar', 'weekday', yawm, end, text);
  c.priority = 1;
  c.parts.weekday = wdP;
  c.weekday = wd;
  const mod = g.mod ?? '';
  c.direction = /الماضي|المنصرم|الفائت|الأخير|المنقضي/.test(mod) ? 'past' : /المقبل|القادم/.test(mod) ? 'next' : 'bare';
  c.dependsOnPublication = true;
  out.push(c);
}

function readArRelative(text: string, m: RegExpMatchArray, out: Candidate[]): void {
  const g = m.groups as Groups;
  const ix = m.indices?.groups as Indices;
  const relP = part(text, ix, 'rel')!;
  if (!clitizedWordStart(text, relP.start, true)) return;
  const rel = relP.text.replace(/\s+/g, ' ');
  const before = text.slice(Math.max(0, relP.start - 40), relP.start);
  const after = text.slice(relP.end, relP.end + 20);
  let offset: { unit: Granularity; n: number };
  if (g.period) {
    if (g.period === 'العام' && AR_AAM_BEFORE_NOT.test(before)) return;
    const unit: Granularity = /الأسبوع|الاسبوع/.test(g.period) ? 'week' : g.period === 'الشهر' ? 'month' : 'year';
    const pm = g.pmod!;
    const n = /الماضي|المنصرم|الفائت|المنقضي/.test(pm) ? -1 : /المقبل|القادم/.test(pm) ? 1 : 0;
    offset = { unit, n };
  } else if (rel.startsWith('أول')) offset = { unit: 'day', n: -2 };
  else if (/(?:أمس|امس)\s+(?:الأول|الاول)/.test(rel)) offset = { unit: 'day', n: -2 };
  else if (/أمس|امس|البارحة/.test(rel)) offset = { unit: 'day', n: -1 };
  else if (rel === 'اليوم') {
    if (AR_YAWM_AFTER_NOT.test(after) || AR_YAWM_BEFORE_NOT.test(before)) return;
    offset = { unit: 'day', n: 0 };
  } else if (rel.startsWith('الليلة')) {
    if (/^\s*(?:التالية|السابقة|نفسها|ذاتها|الأولى|الاولى|الأخيرة)/.test(after) || /(?:ألف|الف|تلك|نفس|ذات)\s+$/.test(before)) return;
    offset = { unit: 'day', n: rel.includes(' ') ? -1 : 0 };
  } else if (rel.startsWith('بعد')) offset = { unit: 'day', n: 2 };
  else {
    // غدا / الغد: 'الغد' is also 'the morrow' in general talk ('من أجل الغد'); read it only as 'صباح الغد'-like uses.
    if (rel === 'الغد' && !/(?:صباح|مساء|ظهر|يوم|ليل)\s+$/.test(before)) return;
    offset = { unit: 'day', n: 1 };
  }
  const c = base('ar', 'relative', relP.start, relP.end, text);
  c.priority = 2;
  c.offset = offset;
  c.granularity = offset.unit;
  c.parts.relative = relP;
  c.dependsOnPublication = true;
  out.push(c);
}

function readArAgo(text: string, m: RegExpMatchArray, out: Candidate[]): void {
  const g = m.groups as Groups;
  const ix = m.indices?.groups as Indices;
  const after = text.slice((m.index ?? 0) + m[0].length, (m.index ?? 0) + m[0].length + 12);
  // 'قبل يومين من الاجتماع', 'بعد أسبوع على': counted from another event, not from publication.
  if (/^\s*(?:من|على|علي)(?![\u0621-\u064A])/.test(after)) return;
  let n: number;
  let unitWord: string;
  if (g.n) {
    n = parseDigits(g.n);
    unitWord = g.unit!;
  } else if (g.nw) {
    n = arNumberWord(g.nw) ?? 0;
    unitWord = g.unit2!;
  } else if (g.dual) {
    n = 2;
    unitWord = g.dual;
  } else {
    n = 1;
    unitWord = g.single!;
  }
  if (n <= 0 || n > 400) return;
  const week = /أسب|اسب/.test(unitWord);
  const unit: Granularity = /شهر|شهو/.test(unitWord) ? 'month' : /عام|أعوام|اعوام|سن/.test(unitWord) ? 'year' : 'day';
  const sign = g.dir === 'بعد' ? 1 : -1;
  const dirP = part(text, ix, 'dir')!;
  const c = base('ar', 'relative', dirP.start, (m.index ?? 0) + m[0].length, text);
  c.priority = 2;
  c.offset = unit === 'day' ? { unit, n: sign * n * (week ? 7 : 1) } : { unit, n: sign * n };
  c.granularity = unit;
  c.dependsOnPublication = true;
  out.push(c);
}

function readEnAbs(text: string, m: RegExpMatchArray, out: Candidate[], order: 'mdy' | 'dmy'): void {
  const g = m.groups as Groups;
  const ix = m.indices?.groups as Indices;
  const monP = part(text, ix, 'mon')!;
  const dayP = part(text, ix, 'day')!;
  const yearP = part(text, ix, 'year');
  const month = enMonth(monP.text);
  if (!month) return;
  // 'May' / 'March' as words: require a day right after them and a capital (already required by the regex).
  const wdP = part(text, ix, 'wd');
  const start = wdP ? wdP.start : order === 'mdy' ? monP.start : Math.min(dayP.start, m.index ?? dayP.start);
  const c = base('en', 'absolute', start, (m.index ?? 0) + m[0].length, text);
  trimTrailingSpace(text, c);
  c.priority = 3;
  c.raw = { month, day: parseInt(dayP.text, 10) };
  c.parts.month = monP;
  c.parts.day = dayP;
  if (yearP) {
    c.parts.year = yearP;
    c.raw.year = parseInt(yearP.text, 10);
  }
  if (wdP) {
    c.parts.weekday = wdP;
    c.weekday = enWeekday(wdP.text);
  }
  if (g.mon === 'May' && !yearP && !wdP && order === 'mdy' && /^\s*\d{1,2}\s+(?:people|of|to|per|percent|%)/.test(text.slice(monP.end, monP.end + 20))) return;
  out.push(c);
}

function readEnDayOfMonth(text: string, m: RegExpMatchArray, out: Candidate[]): void {
  const g = m.groups as Groups;
  const ix = m.indices?.groups as Indices;
  const dayP = part(text, ix, 'day')!;
  const c = base('en', 'relative', (m.index ?? 0) + m[0].indexOf('the'), (m.index ?? 0) + m[0].length, text);
  c.priority = 2;
  c.parts.day = dayP;
  c.raw.day = parseInt(dayP.text, 10);
  c.dayOfMonth = { day: c.raw.day, months: g.rel === 'last' ? -1 : g.rel === 'next' ? 1 : 0 };
  c.dependsOnPublication = true;
  out.push(c);
}

function readEnMonthYear(text: string, m: RegExpMatchArray, out: Candidate[]): void {
  const g = m.groups as Groups;
  const ix = m.indices?.groups as Indices;
  const monP = part(text, ix, 'mon')!;
  const yearP = part(text, ix, 'year');
  const pre = g.pre;
  if (!yearP && !pre) return;
  if (!yearP && (g.mon === 'May' || g.mon === 'March')) return;
  const c = base('en', 'month', monP.start, (m.index ?? 0) + m[0].length, text);
  c.priority = 1;
  c.granularity = 'month';
  c.raw.month = enMonth(monP.text);
  c.parts.month = monP;
  if (yearP) {
    c.parts.year = yearP;
    c.raw.year = parseInt(yearP.text, 10);
  } else {
    c.dependsOnPublication = true;
    c.direction = /^[Ll]ast/.test(pre!) ? 'past' : /^[Nn]ext/.test(pre!) ? 'next' : 'bare';
  }
  out.push(c);
}

function readEnWeekday(text: string, m: RegExpMatchArray, out: Candidate[]): void {
  const g = m.groups as Groups;
  const ix = m.indices?.groups as Indices;
  const wdP = part(text, ix, 'wd')!;
  // 'every Friday', 'on a Monday', 'Fridays': a habit, not a day.
  if (!g.mod && /(?:\b[Ee]very|\b[Ee]ach|\ba|\b[Oo]n\s+a)\s+$/.test(text.slice(Math.max(0, wdP.start - 10), wdP.start))) return;
  let mod = (g.mod ?? '').toLowerCase().replace(/\s+/g, ' ');
  // 'the next Tuesday', 'the last Friday of May': counted from the story, not from publication.
  if ((mod === 'next' || mod === 'last') && /\b[Tt]he\s{1,4}$/.test(text.slice(Math.max(0, (ix.mod?.[0] ?? 0) - 5), ix.mod?.[0] ?? 0))) mod = '';
  const modP = part(text, ix, 'mod');
  const start = modP && /^(?:last|next|this|coming)/.test(mod) ? modP.start : wdP.start;
  const c = base('en', 'weekday', start, wdP.end, text);
  c.priority = 1;
  c.parts.weekday = wdP;
  c.weekday = enWeekday(wdP.text);
  c.direction = mod === 'last' || mod === 'this past' || mod === 'since' ? 'past' : mod === 'next' || mod === 'this coming' || mod === 'coming' ? 'next' : 'bare';
  c.dependsOnPublication = true;
  out.push(c);
}

function readEnRelative(text: string, m: RegExpMatchArray, out: Candidate[]): void {
  const g = m.groups as Groups;
  const ix = m.indices?.groups as Indices;
  const relP = part(text, ix, 'rel')!;
  const rel = relP.text.toLowerCase().replace(/\s+/g, ' ');
  const before = text.slice(Math.max(0, relP.start - 12), relP.start);
  let offset: { unit: Granularity; n: number };
  if (g.period) {
    const unit = g.period as Granularity;
    const pm = g.pmod!.toLowerCase();
    offset = { unit, n: /last|past|previous/.test(pm) ? -1 : /next|coming/.test(pm) ? 1 : 0 };
  } else if (g.unit) {
    const n = /^\d/.test(g.n!) ? parseInt(g.n!, 10) : EN_NUMBER_WORDS[g.n!.toLowerCase()] ?? 0;
    if (n <= 0) return;
    offset = g.unit.startsWith('month') ? { unit: 'month', n: -n } : g.unit.startsWith('year') ? { unit: 'year', n: -n } : { unit: 'day', n: -n * (g.unit.startsWith('week') ? 7 : 1) };
  } else if (rel === 'today' || rel === 'tonight') {
    // 'USA Today', 'Russia Today', 'the Today programme'.
    if (/(?:USA|Russia|Britain|Africa|China|Today|[Tt]he)\s+$/.test(before) && relP.text[0] === 'T') return;
    offset = { unit: 'day', n: 0 };
  } else if (rel === 'yesterday' || rel === 'last night') offset = { unit: 'day', n: -1 };
  else if (rel === 'tomorrow') offset = { unit: 'day', n: 1 };
  else if (rel.includes('before')) offset = { unit: 'day', n: -2 };
  else offset = { unit: 'day', n: 2 };
  const c = base('en', 'relative', relP.start, relP.end, text);
  c.priority = 2;
  c.offset = offset;
  c.granularity = offset.unit;
  c.parts.relative = relP;
  c.dependsOnPublication = true;
  out.push(c);
}

/** 'عام 2011', 'in 2011': a year (its hover shows the year; no check reads it). */
function readYear(text: string, m: RegExpMatchArray, out: Candidate[], lang: Language): void {
  const g = m.groups as Groups;
  if (g.era && HIJRI_ERA.has(g.era)) return;
  const ix = m.indices?.groups as Indices;
  const yearP = part(text, ix, 'year')!;
  const start = lang === 'ar' ? (m.index ?? 0) + (/^(?:[وفبل]|لل)(?=عام|العام|سنة|السنة|لعام|للعام)/.exec(m[0])?.[0].length ?? 0) : yearP.start;
  const c = base(lang, 'year', start, lang === 'ar' ? (m.index ?? 0) + m[0].length : yearP.end, text);
  c.priority = 0;
  c.granularity = 'year';
  c.raw.year = parseDigits(yearP.text);
  c.parts.year = yearP;
  if (c.raw.year < 1000 || c.raw.year > 2200) return;
  out.push(c);
}

function readNumeric(text: string, m: RegExpMatchArray, out: Candidate[], lang: Language): void {
  const g = m.groups as Groups;
  const ix = m.indices?.groups as Indices;
  const start = m.index ?? 0;
  const c = base(lang, 'absolute', start, start + m[0].length, text);
  c.priority = 1;
  const era = g.era;
  if (era && HIJRI_ERA.has(era)) {
    c.kind = 'hijri';
    c.calendar = 'hijri';
  }
  if (g.y1) {
    c.numeric = 'ymd';
    c.raw = { year: parseDigits(g.y1), month: parseDigits(g.m1!), day: parseDigits(g.d1!) };
    c.parts = { year: part(text, ix, 'y1'), month: part(text, ix, 'm1'), day: part(text, ix, 'd1') };
  } else {
    const a = parseDigits(g.a!);
    const b = parseDigits(g.b!);
    const y = parseDigits(g.y2!);
    // Arabic and most of the world: day/month/year. English with a slash: month/day when the first number
    // cannot be a day of a month only as a month… i.e. US order is taken only when the second number is over 12.
    const us = lang === 'en' && g.s2 === '/' && a <= 12 && b > 12;
    if (lang === 'en' && g.s2 === '/' && a <= 12 && b <= 12 && a !== b) {
      c.unresolved = 'ambiguous day/month order';
    }
    c.numeric = us ? 'mdy' : 'dmy';
    c.raw = us ? { year: y, month: a, day: b } : { year: y, month: b, day: a };
    c.parts = us
      ? { month: part(text, ix, 'a'), day: part(text, ix, 'b'), year: part(text, ix, 'y2') }
      : { day: part(text, ix, 'a'), month: part(text, ix, 'b'), year: part(text, ix, 'y2') };
  }
  const y = c.raw.year!;
  if (c.calendar === 'gregorian' ? y < 1800 || y > 2200 : y < 1300 || y > 1600) return;
  // Reference numbers ('القرار رقم 45/13/2016', 'No. 7/13/2016') are not dates; nor is anything far from one.
  const { day, month } = c.raw;
  if (day! < 1 || day! > 31 || month! < 1 || month! > 13) return;
  if (/(?:رقم|الرقم|برقم|عدد|No\.?|[Nn]umber|#|[Rr]ef\.?)\s*:?\s*$/.test(text.slice(Math.max(0, start - 12), start))) return;
  out.push(c);
}

// ---- Neighbours: a relative day next to a weekday, and Hijri/Gregorian twins ----

const REL_WD_GAP = /^[\s،,(]*(?:يوم\s+)?[\s(]*$/;
const TWIN_GAP = /^[\s،,(\-–—=]*(?:(?:ال)?موافق\s*(?:لـ?|ل)?\s*|وفق\s+)?[\s(]*$/;

function linkNeighbours(text: string, ds: ParsedDate[]): ParsedDate[] {
  const out: ParsedDate[] = [];
  for (let i = 0; i < ds.length; i++) {
    const d = ds[i];
    const n = ds[i + 1];
    if (n && d.kind === 'relative' && d.offset?.unit === 'day' && n.kind === 'weekday' && n.direction === 'bare' && n.start - d.end <= 10
      && REL_WD_GAP.test(text.slice(d.end, n.start))) {
      // 'أمس الاثنين', 'اليوم الثلاثاء', 'yesterday, Monday'
      out.push({ ...d, end: n.end, text: text.slice(d.start, n.end), weekday: n.weekday, parts: { ...d.parts, weekday: n.parts.weekday } });
      i++;
      continue;
    }
    if (n && (d.kind === 'absolute' || d.kind === 'hijri') && d.weekday === undefined && n.kind === 'weekday' && n.direction === 'bare'
      && /^\s{0,3}\(\s{0,3}$/.test(text.slice(d.end, n.start)) && /^\s{0,3}\)/.test(text.slice(n.end, n.end + 4))) {
      // '29 نوفمبر 2016 (الثلاثاء)', 'Nov. 29 (Tuesday)': the weekday written after the date.
      const close = text.indexOf(')', n.end) + 1;
      out.push({ ...d, end: close, text: text.slice(d.start, close), weekday: n.weekday, parts: { ...d.parts, weekday: n.parts.weekday } });
      i++;
      continue;
    }
    if (n && d.kind === 'weekday' && d.direction === 'bare' && n.kind === 'relative' && n.offset?.unit === 'day' && n.start - d.end <= 6
      && /^[\s،,(]*$/.test(text.slice(d.end, n.start))) {
      // 'الاثنين أمس', 'Monday (yesterday)'
      out.push({ ...n, start: d.start, text: text.slice(d.start, n.end), weekday: d.weekday, parts: { ...n.parts, weekday: d.parts.weekday } });
      i++;
      continue;
    }
    out.push(d);
  }
  for (let i = 0; i + 1 < out.length; i++) {
    const a = out[i];
    const b = out[i + 1];
    const pair = (a.kind === 'hijri' && b.kind === 'absolute') || (a.kind === 'absolute' && b.kind === 'hijri');
    if (pair && b.start - a.end <= 24 && TWIN_GAP.test(text.slice(a.end, b.start))) {
      a.twin = i + 1;
      b.twin = i;
    }
  }
  return out;
}
