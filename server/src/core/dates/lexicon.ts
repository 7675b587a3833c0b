/**
 * Words of dates: Gregorian month names in every Arabic system (and their spelling variants), Hijri months,
 * weekdays (Arabic and English), number words, and digits (ASCII, Arabic-Indic, Eastern Arabic-Indic).
 */

/** Arabic month-name systems: Egyptian/Gulf (يناير), Levantine/Iraqi (كانون الثاني), Algerian/Tunisian (جانفي), Moroccan (يوليوز). */
export type MonthSystem = 'eg' | 'lev' | 'mag' | 'mor';

/** The name each system writes for months 1..12 (used to render fixes in the writer's own system). */
export const AR_MONTHS: Record<MonthSystem, readonly string[]> = {
  eg: ['يناير', 'فبراير', 'مارس', 'أبريل', 'مايو', 'يونيو', 'يوليو', 'أغسطس', 'سبتمبر', 'أكتوبر', 'نوفمبر', 'ديسمبر'],
  lev: ['كانون الثاني', 'شباط', 'آذار', 'نيسان', 'أيار', 'حزيران', 'تموز', 'آب', 'أيلول', 'تشرين الأول', 'تشرين الثاني', 'كانون الأول'],
  mag: ['جانفي', 'فيفري', 'مارس', 'أفريل', 'ماي', 'جوان', 'جويلية', 'أوت', 'سبتمبر', 'أكتوبر', 'نوفمبر', 'ديسمبر'],
  mor: ['يناير', 'فبراير', 'مارس', 'أبريل', 'ماي', 'يونيو', 'يوليوز', 'غشت', 'شتنبر', 'أكتوبر', 'نونبر', 'دجنبر'],
};

/** Every written form -> month and system. Spelling variants (hamza, ta marbuta, ه/و endings) included. */
const AR_MONTH_FORMS: Array<[string, number, MonthSystem]> = [
  ['يناير', 1, 'eg'], ['ينار', 1, 'eg'], ['كانون الثاني', 1, 'lev'], ['كانون الثانى', 1, 'lev'], ['جانفي', 1, 'mag'], ['جانفى', 1, 'mag'],
  ['فبراير', 2, 'eg'], ['فبراىر', 2, 'eg'], ['شباط', 2, 'lev'], ['فيفري', 2, 'mag'], ['فيفرى', 2, 'mag'],
  ['مارس', 3, 'eg'], ['آذار', 3, 'lev'], ['اذار', 3, 'lev'], ['أذار', 3, 'lev'],
  ['أبريل', 4, 'eg'], ['ابريل', 4, 'eg'], ['إبريل', 4, 'eg'], ['أبرِيل', 4, 'eg'], ['نيسان', 4, 'lev'], ['أفريل', 4, 'mag'], ['افريل', 4, 'mag'], ['إفريل', 4, 'mag'],
  ['مايو', 5, 'eg'], ['مايوه', 5, 'eg'], ['أيار', 5, 'lev'], ['ايار', 5, 'lev'], ['ماي', 5, 'mag'],
  ['يونيو', 6, 'eg'], ['يونيه', 6, 'eg'], ['حزيران', 6, 'lev'], ['جوان', 6, 'mag'],
  ['يوليو', 7, 'eg'], ['يوليه', 7, 'eg'], ['تموز', 7, 'lev'], ['جويلية', 7, 'mag'], ['جويليه', 7, 'mag'], ['يوليوز', 7, 'mor'],
  ['أغسطس', 8, 'eg'], ['اغسطس', 8, 'eg'], ['أغسطوس', 8, 'eg'], ['آب', 8, 'lev'], ['أوت', 8, 'mag'], ['اوت', 8, 'mag'], ['غشت', 8, 'mor'],
  ['سبتمبر', 9, 'eg'], ['أيلول', 9, 'lev'], ['ايلول', 9, 'lev'], ['شتنبر', 9, 'mor'],
  ['أكتوبر', 10, 'eg'], ['اكتوبر', 10, 'eg'], ['إكتوبر', 10, 'eg'], ['تشرين الأول', 10, 'lev'], ['تشرين الاول', 10, 'lev'], ['تشرين أول', 10, 'lev'],
  ['نوفمبر', 11, 'eg'], ['نوفمير', 11, 'eg'], ['تشرين الثاني', 11, 'lev'], ['تشرين الثانى', 11, 'lev'], ['تشرين ثاني', 11, 'lev'], ['نونبر', 11, 'mor'],
  ['ديسمبر', 12, 'eg'], ['كانون الأول', 12, 'lev'], ['كانون الاول', 12, 'lev'], ['كانون أول', 12, 'lev'], ['دجنبر', 12, 'mor'],
];

const arMonthIndex = new Map<string, { month: number; system: MonthSystem }>();
for (const [form, month, system] of AR_MONTH_FORMS) arMonthIndex.set(form, { month, system });

/** Month and system of an Arabic month name (whitespace inside normalised to one space), or undefined. */
export function arMonth(form: string): { month: number; system: MonthSystem } | undefined {
  return arMonthIndex.get(form.replace(/\s+/g, ' '));
}

function alternation(forms: Iterable<string>): string {
  // Longest first, so 'يوليوز' wins over 'يوليو' and 'تشرين الثاني' is read whole.
  return [...new Set(forms)].sort((a, b) => b.length - a.length).map((f) => f.replace(/ /g, '\\s{1,4}').replace(/\./g, '\\.')).join('|');
}

export const AR_MONTH_RE = alternation(AR_MONTH_FORMS.map((f) => f[0]));
/** The first word of every Arabic month form ('تشرين' of 'تشرين الثاني'): a match of AR_MONTH_RE starts with one. */
export const AR_MONTH_FIRST_WORDS: readonly string[] = [...new Set(AR_MONTH_FORMS.map((f) => f[0].split(' ')[0]))];

/** Month names that are also ordinary words (ماي, آب 'father', مارس 'practised'): only read next to a day or year. */
export const AR_AMBIGUOUS_MONTHS = new Set(['ماي', 'آب', 'مارس', 'أيار', 'ايار', 'تموز', 'جوان']);

// ---- Hijri months ----

const HIJRI_FORMS: Array<[string, number]> = [
  ['محرم', 1], ['المحرم', 1], ['محرّم', 1],
  ['صفر', 2],
  ['ربيع الأول', 3], ['ربيع الاول', 3], ['ربيع أول', 3],
  ['ربيع الآخر', 4], ['ربيع الاخر', 4], ['ربيع الثاني', 4], ['ربيع الثانى', 4], ['ربيع ثاني', 4],
  ['جمادى الأولى', 5], ['جمادى الاولى', 5], ['جمادى الأول', 5], ['جمادى الاول', 5], ['جمادي الأولى', 5], ['جمادي الاولى', 5],
  ['جمادى الآخرة', 6], ['جمادى الاخرة', 6], ['جمادى الثانية', 6], ['جمادى الآخر', 6], ['جمادى الاخر', 6], ['جمادي الآخرة', 6], ['جمادي الثانية', 6], ['جمادي الاخرة', 6],
  ['رجب', 7],
  ['شعبان', 8],
  ['رمضان', 9],
  ['شوال', 10],
  ['ذو القعدة', 11], ['ذي القعدة', 11], ['ذو القعده', 11], ['ذي القعده', 11],
  ['ذو الحجة', 12], ['ذي الحجة', 12], ['ذو الحجه', 12], ['ذي الحجه', 12],
];
const hijriIndex = new Map<string, number>(HIJRI_FORMS);
export const HIJRI_MONTH_RE = alternation(HIJRI_FORMS.map((f) => f[0]));
export const HIJRI_MONTHS_AR = ['محرم', 'صفر', 'ربيع الأول', 'ربيع الآخر', 'جمادى الأولى', 'جمادى الآخرة', 'رجب', 'شعبان', 'رمضان', 'شوال', 'ذو القعدة', 'ذو الحجة'];
export const HIJRI_MONTHS_EN = ['Muharram', 'Safar', 'Rabi al-Awwal', 'Rabi al-Thani', 'Jumada al-Ula', 'Jumada al-Akhirah', 'Rajab', "Sha'ban", 'Ramadan', 'Shawwal', "Dhu al-Qa'dah", 'Dhu al-Hijjah'];

export function hijriMonth(form: string): number | undefined {
  return hijriIndex.get(form.replace(/\s+/g, ' '));
}

// ---- Weekdays ----

const AR_WEEKDAY_FORMS: Array<[string, number]> = [
  ['الأحد', 0], ['الاحد', 0], ['الإحد', 0],
  ['الاثنين', 1], ['الإثنين', 1], ['الأثنين', 1], ['الاتنين', 1], ['الإتنين', 1],
  ['الثلاثاء', 2], ['الثلاثا', 2], ['الثلثاء', 2],
  ['الأربعاء', 3], ['الاربعاء', 3], ['الإربعاء', 3], ['الأربعا', 3],
  ['الخميس', 4],
  ['الجمعة', 5], ['الجمعه', 5],
  ['السبت', 6],
];
const arWeekdayIndex = new Map<string, number>(AR_WEEKDAY_FORMS);
export const AR_WEEKDAY_RE = alternation(AR_WEEKDAY_FORMS.map((f) => f[0]));
/** Every form of AR_WEEKDAY_RE (one word each). */
export const AR_WEEKDAY_WORDS: readonly string[] = AR_WEEKDAY_FORMS.map((f) => f[0]);
export const AR_WEEKDAYS = ['الأحد', 'الاثنين', 'الثلاثاء', 'الأربعاء', 'الخميس', 'الجمعة', 'السبت'];

export function arWeekday(form: string): number | undefined {
  return arWeekdayIndex.get(form);
}

export const EN_WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const EN_WEEKDAY_ABBR: Array<[string, number]> = [
  ['Sun.', 0], ['Mon.', 1], ['Tue.', 2], ['Tues.', 2], ['Wed.', 3], ['Thu.', 4], ['Thur.', 4], ['Thurs.', 4], ['Fri.', 5], ['Sat.', 6],
];
export const EN_WEEKDAY_FULL_RE = EN_WEEKDAYS.join('|');
export const EN_WEEKDAY_RE = alternation([...EN_WEEKDAYS, ...EN_WEEKDAY_ABBR.map((f) => f[0])]);

export function enWeekday(form: string): number | undefined {
  const i = EN_WEEKDAYS.findIndex((w) => w.toLowerCase() === form.toLowerCase());
  if (i >= 0) return i;
  return EN_WEEKDAY_ABBR.find((f) => f[0] === form)?.[1];
}

// ---- English months ----

export const EN_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const EN_MONTH_ABBR: Array<[string, number]> = [
  ['Jan', 1], ['Feb', 2], ['Mar', 3], ['Apr', 4], ['Jun', 6], ['Jul', 7], ['Aug', 8], ['Sep', 9], ['Sept', 9], ['Oct', 10], ['Nov', 11], ['Dec', 12],
];
export const EN_MONTH_RE = alternation([...EN_MONTHS, ...EN_MONTH_ABBR.map((f) => f[0] + '.'), ...EN_MONTH_ABBR.map((f) => f[0])]);

export function enMonth(form: string): number | undefined {
  const f = form.replace(/\.$/, '');
  const i = EN_MONTHS.indexOf(f);
  if (i >= 0) return i + 1;
  return EN_MONTH_ABBR.find((a) => a[0] === f)?.[1];
}

/** Whether an English month form was abbreviated ('Nov.', 'Nov'), so a fix can write the same style. */
export function enMonthForm(month: number, like: string): string {
  if (EN_MONTHS.includes(like)) return EN_MONTHS[month - 1];
  const abbr = month === 5 ? 'May' : month === 6 ? 'June' : month === 7 ? 'July' : EN_MONTH_ABBR.find((a) => a[1] === month && a[0] !== 'Sept')![0];
  return like.endsWith('.') && month !== 5 && month !== 6 && month !== 7 ? abbr + '.' : abbr;
}

// ---- Digits and number words ----

export const DIGIT = '[0-9\\u0660-\\u0669\\u06F0-\\u06F9]';

/** ASCII value of a string of ASCII, Arabic-Indic or Eastern Arabic-Indic digits. */
export function parseDigits(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let d: number;
    if (c >= 48 && c <= 57) d = c - 48;
    else if (c >= 0x660 && c <= 0x669) d = c - 0x660;
    else if (c >= 0x6f0 && c <= 0x6f9) d = c - 0x6f0;
    else continue;
    n = n * 10 + d;
  }
  return n;
}

/** Writes `n` in the same digit system as `like` (ASCII when `like` is ASCII). */
export function formatDigits(n: number, like: string, pad = 0): string {
  let s = String(n).padStart(pad, '0');
  const c = like.charCodeAt(0);
  const base = c >= 0x660 && c <= 0x669 ? 0x660 : c >= 0x6f0 && c <= 0x6f9 ? 0x6f0 : 0;
  if (base) s = s.replace(/[0-9]/g, (d) => String.fromCharCode(base + d.charCodeAt(0) - 48));
  return s;
}

/** Arabic number words 1..10 (both genders) and English 1..10. */
export const AR_NUMBER_WORDS: Record<string, number> = {
  واحد: 1, واحدة: 1, ثلاثة: 3, ثلاث: 3, أربعة: 4, اربعة: 4, أربع: 4, اربع: 4, خمسة: 5, خمس: 5, ستة: 6, ست: 6,
  سبعة: 7, سبع: 7, ثمانية: 8, ثماني: 8, ثمان: 8, تسعة: 9, تسع: 9, عشرة: 10, عشر: 10,
};
export const AR_NUMBER_RE = alternation(Object.keys(AR_NUMBER_WORDS));
export const EN_NUMBER_WORDS: Record<string, number> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
};

// ---- Arabic ordinal day numbers ('السادس والعشرين من نوفمبر') ----

const AR_ORD_UNITS = ['الحادي', 'الثاني', 'الثالث', 'الرابع', 'الخامس', 'السادس', 'السابع', 'الثامن', 'التاسع'];

/** The ordinal a writer uses for day `n` (1..31) of a month: 'الأول', 'الحادي عشر', 'السادس والعشرين'. */
export function arOrdinal(n: number): string {
  if (n === 1) return 'الأول';
  if (n === 10) return 'العاشر';
  if (n === 20) return 'العشرين';
  if (n === 30) return 'الثلاثين';
  if (n < 10) return AR_ORD_UNITS[n - 1];
  if (n < 20) return `${AR_ORD_UNITS[n - 11]} عشر`;
  if (n < 30) return `${AR_ORD_UNITS[n - 21]} والعشرين`;
  return `${AR_ORD_UNITS[n - 31]} والثلاثين`;
}

const arOrdinalIndex = new Map<string, number>();
for (let n = 1; n <= 31; n++) {
  const f = arOrdinal(n);
  for (const v of new Set([f, f.replace('الأول', 'الاول'), f.replace('الثاني', 'الثانى'), f.replace('الحادي', 'الحادى'), f.replace('والعشرين', 'والعشرون'), f.replace('العشرين', 'العشرون'), f.replace('الثلاثين', 'الثلاثون')])) arOrdinalIndex.set(v, n);
}
export const AR_ORDINAL_RE = alternation(arOrdinalIndex.keys());
/** The longest text AR_ORDINAL_RE matches (each space of a form is matched by up to four white spaces). */
export const AR_ORDINAL_MAX_LENGTH = Math.max(...[...arOrdinalIndex.keys()].map((f) => f.length + 3 * (f.split(' ').length - 1)));

export function arOrdinalValue(form: string): number | undefined {
  return arOrdinalIndex.get(form.replace(/\s+/g, ' '));
}
