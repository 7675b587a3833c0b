/**
 * Server messages in the editor's language. The client's locale comes from `initialize` params (`locale`);
 * a small bundle keyed by locale, English as the fallback. Diagnostic messages themselves come from the core
 * (the date checks already write Arabic for Arabic articles).
 */
const en = {
  structure: 'Structure',
  people: 'People',
  organizations: 'Organizations',
  places: 'Places',
  dates: 'Dates',
  other: 'Other',
  headline: 'headline',
  unresolved: 'unresolved',
  dateline: 'dateline',
  paragraph: 'paragraph',
  quotation: 'quotation',
  person: 'Person',
  organization: 'Organization',
  location: 'Place',
  date: 'Date',
  misc: 'Other',
  role: 'Role',
  spellings: 'Other spellings',
  mentions: 'Mentions',
  firstMention: 'First mention',
  line: 'line',
  words: '{0} words in the headline · {1} paragraphs · {2} words in the body',
  headlineTitle: 'Headline',
  datelineTitle: 'Dateline',
  tooLarge: 'Article Lens: this file is {0} KB, over the {1} KB limit (articleLens.maxFileSizeKB); it is not analyzed.',
  notEntity: 'Only a person, organization or place can be renamed here.',
  emptyName: 'The new name is empty.',
  indexing: 'Article Lens: indexing articles',
  indexed: '{0} of {1} files',
  fixAll: 'Fix all name spellings (Article Lens)',
  addToStylebook: "Add '{0}' as the preferred spelling (variant '{1}') to the style book",
} as const;

export type MessageKey = keyof typeof en;
type Bundle = Record<MessageKey, string>;

const ar: Bundle = {
  structure: 'البنية',
  people: 'الأشخاص',
  organizations: 'المنظمات',
  places: 'الأماكن',
  dates: 'التواريخ',
  other: 'أخرى',
  headline: 'العنوان',
  unresolved: 'غير محدد',
  dateline: 'سطر المكان والتاريخ',
  paragraph: 'فقرة',
  quotation: 'اقتباس',
  person: 'شخص',
  organization: 'منظمة',
  location: 'مكان',
  date: 'تاريخ',
  misc: 'أخرى',
  role: 'الصفة',
  spellings: 'كتابات أخرى',
  mentions: 'عدد الذكر',
  firstMention: 'أول ذكر',
  line: 'السطر',
  words: '{0} كلمة في العنوان · {1} فقرة · {2} كلمة في المتن',
  headlineTitle: 'العنوان',
  datelineTitle: 'سطر المكان والتاريخ',
  tooLarge: 'Article Lens: حجم هذا الملف {0} ك.ب، أكبر من الحد {1} ك.ب (articleLens.maxFileSizeKB)؛ لم يُحلَّل.',
  notEntity: 'لا يمكن هنا إعادة تسمية إلا شخص أو منظمة أو مكان.',
  emptyName: 'الاسم الجديد فارغ.',
  indexing: 'Article Lens: فهرسة المقالات',
  indexed: '{0} من {1} ملف',
  fixAll: 'إصلاح كل كتابات الأسماء (Article Lens)',
  addToStylebook: "إضافة '{0}' كتابةً مفضلة (والبديل '{1}') إلى دليل الأسلوب",
};

const bundles: Record<string, Bundle> = { en, ar };

export type Messages = (key: MessageKey, ...args: Array<string | number>) => string;

/** Messages for a locale ('ar', 'ar-EG', 'en-US'…); unknown locales get English. */
export function messages(locale: string | undefined): Messages {
  const b = bundles[(locale ?? 'en').toLowerCase().split(/[-_]/)[0]] ?? en;
  return (key, ...args) => (b[key] ?? en[key]).replace(/\{(\d+)\}/g, (_, i: string) => String(args[+i] ?? ''));
}

export const english: Messages = messages('en');
