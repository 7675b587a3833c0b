/**
 * Closed word classes the linker needs: title triggers, honorifics, function words, nationality adjectives.
 * All Arabic entries are folded keys (see tokens.ts `foldKey`) without the article ال; English ones lower case.
 * These are grammar and newsroom vocabulary, not names: no list of people, places or organizations lives here.
 */
import { type WordForm, foldKey } from './tokens';

const set = (s: string) => new Set(s.trim().split(/\s+/).map(foldKey));

/** Heads of Arabic titles and offices (with or without ال; feminine forms in ة fold to ه). */
export const AR_TRIGGERS = set(`
  وزير وزيرة رئيس رئيسة نائب أمين أمينة سفير سفيرة مشير لواء عقيد عميد جنرال متحدث متحدثة ناطق ناطقة
  شيخ ملك ملكة أمير أميرة قائد قائدة مدير مديرة مبعوث مبعوثة مندوب مندوبة ممثل ممثلة مستشار مستشارة محافظ
  عمدة زعيم زعيمة مرشد بابا مفتي سلطان حاكم قاضي وكيل مساعد عضو منسق مفوض مراسل مؤسس رائد نقيب
  دبلوماسي مسؤول`);

/** ('إمام' is left out: folded it is 'أمام', in front of.) */
/** Honorifics: not a role, skipped when a title is read ('السيد', 'Mr.'). */
export const AR_HONORIFICS = set('السيد السيدة الدكتور الدكتورة الأستاذ الحاج سيد سيدة دكتور سمو سعادة معالي فخامة جلالة');
export const EN_HONORIFICS = set('mr mrs ms miss dr sir madam mme monsieur');

/** Words after which nothing to the left belongs to the title in front of a name. */
export const AR_HARD_STOPS = set(`
  أن إن أنه أنها بأن لأن الذي التي الذين اللذين اللتين اللواتي ما ماذا لم لن قد لقد كما حيث فيما بينما ثم أو أم
  قال قالت يقول تقول أكد أكدت أعلن أعلنت ذكر ذكرت أوضح أوضحت أضاف أضافت كشف كشفت وقال وقالت وأكد وأعلن
  هو هي هم هذا هذه ذلك تلك`);

/** Prepositions that end a title when reading leftwards (a title does not run across them). */
export const AR_SOFT_STOPS = set(`
  في من إلى على عن مع خلال بين بعد قبل منذ حول أمام عبر ضد نحو دون حتى لدى عند وفي ومن وإلى وعلى وعن ومع
  وخلال وبعد وقبل`);

/** Prepositions that occur inside titles ('السفير الروسي لدى طرابلس', 'المتحدث باسم الخارجية'). */
export const AR_TITLE_PREPS = set('لدى باسم');

/** English title heads. */
export const EN_TRIGGERS = set(`
  minister president ambassador secretary speaker commander marshal general gen envoy spokesman spokeswoman
  spokesperson chief head chairman chairwoman chair director deputy leader king queen prince princess emir sheikh
  senator sen governor mayor adviser advisor colonel col lieutenant lt major maj admiral adm captain capt prosecutor
  judge premier chancellor attorney commissioner representative rep sergeant sgt brigadier diplomat official
  counselor counsellor coordinator negotiator aide founder editor correspondent emperor empress pope tsar czar
  sultan caliph bishop archbishop cardinal rabbi imam`);

/** Lower-case English words that may stand inside a title before a name ('foreign', 'deputy', 'eastern-based'). */
export const EN_TITLE_WORDS = set(`
  foreign defence defense prime vice state interior military army national security special senior former acting
  assistant executive top affairs field armed forces intelligence finance justice economy trade health energy oil
  eastern western northern southern based self-styled declared chief's of to for in`);

/** Capitalized words that never start or continue a title (sentence-initial function words, days, months). */
export const EN_CAP_STOPS = set(`
  the a an on in at after before when while but and or as if then since during with by from for of to this that
  these those it he she they we i his her their its our monday tuesday wednesday thursday friday saturday sunday
  january february march april may june july august september october november december yesterday today
  meanwhile however also earlier later last next so now yes no well here there thus still even just`);

/** English words that end an apposition ('…, who', '…, said'). */
export const EN_HARD_STOPS = set('who whom whose which that said says told and but');

/** Arabic function words and title words that can never be a propagated single-word name. */
export const AR_NOT_NAMES = set(`
  ${[...AR_TRIGGERS].join(' ')} ${[...AR_HARD_STOPS].join(' ')} ${[...AR_SOFT_STOPS].join(' ')}
  و ف ب ل ك يا لا نعم كل بعض غير أي كان كانت يكون تكون ليس ليست وكان وكانت الذي العام الجديد
  أمس صباح مساء ظهر عصر ليلة ليل فجر يوم غدا اليوم أيضا حاليا مجددا سابقا لاحقا عام شهر أسبوع
  صفر واحد اثنان اثنين ثلاثة أربعة خمسة ستة سبعة ثمانية تسعة عشرة مئة مائة ألف مليون مليار`);

export const EN_NOT_NAMES = set(`${[...EN_CAP_STOPS].join(' ')} ${[...EN_HONORIFICS].join(' ')} s`);

/**
 * Heads of institutions that every country has, so that the nationality adjective after them is part of the name
 * ('مجلس الأمن الروسي' ≠ 'مجلس الأمن الدولي', 'وزارة الخارجية الروسية'); proper names keep the adjective out
 * ('حزب الله' + 'اللبناني', 'ريال مدريد' + 'الإسباني'), as ANERcorp annotates them.
 */
export const AR_INSTITUTION_HEADS = set('وزارة مجلس جيش قوات حكومة برلمان محكمة هيئة لجنة وكالة منظمة شرطة اتحاد');

/** Media nouns that name the kind of organization following them ('صحيفة «إزفيستيا»', 'the newspaper Izvestia'). */
export const AR_MEDIA = set('صحيفة جريدة مجلة وكالة قناة إذاعة موقع');
export const EN_MEDIA = set('newspaper daily paper magazine agency channel broadcaster weekly tabloid');

/** Strip the article ال from a folded key (only when something remains). */
export function stripArticle(k: string): string {
  return k.length > 3 && k.startsWith('ال') ? k.slice(2) : k;
}

/**
 * The folded key without a leading conjunction/preposition clitic, when that leaves a word in `lex` (with or
 * without ال). `strip` letters belong to the clitic; `restoreAl`: after 'لل' the remainder needs its alif back
 * ('للمشير' -> strip 1 -> 'لمشير' -> 'المشير').
 */
export type LexStem = { stem: string; strip: number; restoreAl?: boolean } | undefined;
// One memo per lexicon, found by identity in a short list (a handful of lexicons; faster than a WeakMap lookup on
// this hot path); a miss is stored as null so that one Map lookup answers.
// Before the memo, a cheap exact reject: whatever clitic or article is stripped, the word found in the lexicon is
// a suffix of the key, so a key whose last two letters end no entry of the lexicon has no stem (most words).
interface StemMemo {
  lex: Set<string>;
  memo: Map<string, LexStem | null>;
  /** Last two UTF-16 units of every entry (as one number); undefined when an entry is shorter than 2. */
  endings?: Set<number>;
}
const stemMemos: StemMemo[] = [];

function memoFor(lex: Set<string>): StemMemo {
  for (let i = 0; i < stemMemos.length; i++) if (stemMemos[i].lex === lex) return stemMemos[i];
  let endings: Set<number> | undefined = new Set<number>();
  for (const e of lex) {
    if (e.length < 2) {
      endings = undefined;
      break;
    }
    endings.add(e.charCodeAt(e.length - 2) * 65536 + e.charCodeAt(e.length - 1));
  }
  const m: StemMemo = { lex, memo: new Map(), endings };
  stemMemos.push(m);
  return m;
}

/**
 * `arLexStem` without its per-word memo (the cheap ending test still first): for the word forms of tokens.ts, which
 * keep the answer themselves (a second, string-keyed memo would only grow for every new word).
 */
function arLexStemOnce(k: string, lex: Set<string>): LexStem {
  const m = memoFor(lex);
  const n = k.length;
  if (m.endings && n >= 2 && !m.endings.has(k.charCodeAt(n - 2) * 65536 + k.charCodeAt(n - 1))) return undefined;
  return arLexStemUncached(k, lex);
}

/** `lex` is one of the constant lexicons of this module (each gets its own memo, kept for the life of the process). */
export function arLexStem(k: string, lex: Set<string>): LexStem {
  const m = memoFor(lex);
  const n = k.length;
  if (m.endings && n >= 2 && !m.endings.has(k.charCodeAt(n - 2) * 65536 + k.charCodeAt(n - 1))) return undefined;
  // Words repeat (Zipf): remember the answer per word, within a bounded table.
  const memo = m.memo;
  const hit = memo.get(k);
  if (hit !== undefined) return hit ?? undefined;
  if (memo.size > 100000) memo.clear();
  const r = arLexStemUncached(k, lex);
  memo.set(k, r ?? null);
  return r;
}

function arLexStemUncached(k: string, lex: Set<string>): LexStem {
  if (lex.has(k) || lex.has(stripArticle(k))) return { stem: stripArticle(k), strip: 0 };
  for (const p of ['و', 'ف', 'ب', 'ل', 'ك', 'وب', 'ول', 'فل', 'وك']) {
    if (!k.startsWith(p) || k.length - p.length < 2) continue;
    const r = k.slice(p.length);
    if (lex.has(r) || lex.has(stripArticle(r))) return { stem: stripArticle(r), strip: p.length };
  }
  for (const p of ['لل', 'ولل', 'فلل']) {
    if (!k.startsWith(p)) continue;
    const r = k.slice(p.length);
    if (r.length >= 2 && lex.has(r)) return { stem: r, strip: p.length - 1, restoreAl: true };
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// Arabic nationality adjectives, derived from the Arabic country names of the runtime's CLDR data.

let nationalities: Map<string, string> | undefined;

function countryBases(): Map<string, string> {
  if (nationalities) return nationalities;
  const m = new Map<string, string>();
  const add = (name: string, id: string) => {
    const k = stripArticle(foldKey(name));
    if (k.length >= 2 && !k.includes(' ')) m.set(k, id);
  };
  try {
    const dn = new Intl.DisplayNames('ar', { type: 'region' });
    const A = 65;
    for (let i = 0; i < 26; i++) {
      for (let j = 0; j < 26; j++) {
        const code = String.fromCharCode(A + i, A + j);
        let name: string | undefined;
        try {
          name = dn.of(code);
        } catch {
          name = undefined;
        }
        if (name && name !== code) add(name, code);
      }
    }
  } catch {
    // No CLDR data: only the additions below.
  }
  for (const [n, id] of [['أمريكا', 'US'], ['أميركا', 'US'], ['بريطانيا', 'GB'], ['إنجلترا', 'GB'], ['انكلترا', 'GB'], ['روسيا', 'RU']] as const) add(n, id);
  nationalities = m;
  return m;
}

/**
 * The country a nationality adjective refers to ('الروسي', 'الروسية', 'الليبي' -> 'RU', 'RU', 'LY'), or undefined.
 * The adjective is the country name without its final ا/يا and with ي/ية added: ليبيا -> ليبي, فرنسا -> فرنسي, مصر -> مصري.
 */
export function arNationality(key: string): string | undefined {
  // The linker asks for most words of an article, several times: remembered per key (bounded; '' for none).
  const hit = nationalityMemo.get(key);
  if (hit !== undefined) return hit || undefined;
  if (nationalityMemo.size >= 100000) nationalityMemo.clear();
  const r = arNationalityUncached(key);
  nationalityMemo.set(key, r ?? '');
  return r;
}

const nationalityMemo = new Map<string, string>();

function arNationalityUncached(key: string): string | undefined {
  let k = stripArticle(key);
  if (k.endsWith('يه')) k = k.slice(0, -2);
  else if (k.endsWith('ي')) k = k.slice(0, -1);
  else return undefined;
  if (k.length < 2) return undefined;
  const bases = countryBases();
  return bases.get(k) ?? bases.get(k + 'ا') ?? bases.get(k + 'يا');
}

/** A definite nationality adjective ('الروسي', 'الليبية'); the article is required, so names such as 'كيني' are not. */
export function arNationalAdjective(key: string): string | undefined {
  return key.startsWith('ال') ? arNationality(key) : undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// The same questions about a token's word form, answered once per form (tokens.ts WordForm) instead of once per token.

// (The form keeps the answer: the string-keyed memos of arLexStem and arNationality are not used for forms.)

/** `arLexStem(form.key, AR_TRIGGERS)`. */
export function formTrigger(f: WordForm): LexStem {
  let v = f.trigger;
  if (v === undefined) v = f.trigger = arLexStemOnce(f.key, AR_TRIGGERS) ?? null;
  return v ?? undefined;
}

/** `arLexStem(form.key, AR_HONORIFICS)`. */
export function formHonorific(f: WordForm): LexStem {
  let v = f.honorific;
  if (v === undefined) v = f.honorific = arLexStemOnce(f.key, AR_HONORIFICS) ?? null;
  return v ?? undefined;
}

/** `arLexStem(form.key, AR_INSTITUTION_HEADS)`. */
export function formInstitutionHead(f: WordForm): LexStem {
  let v = f.institutionHead;
  if (v === undefined) v = f.institutionHead = arLexStemOnce(f.key, AR_INSTITUTION_HEADS) ?? null;
  return v ?? undefined;
}

/** `arLexStem(form.key, AR_MEDIA)`. */
export function formMedia(f: WordForm): LexStem {
  let v = f.media;
  if (v === undefined) v = f.media = arLexStemOnce(f.key, AR_MEDIA) ?? null;
  return v ?? undefined;
}

/** `arNationality(form.key)`. */
export function formNationality(f: WordForm): string | undefined {
  let v = f.nationality;
  if (v === undefined) v = f.nationality = arNationalityUncached(f.key) ?? null;
  return v ?? undefined;
}

/** `arNationalAdjective(form.key)`. */
export function formNationalAdjective(f: WordForm): string | undefined {
  // (ا then ل: the article, as key.startsWith('ال'))
  const k = f.key;
  return k.length >= 2 && k.charCodeAt(0) === 0x0627 && k.charCodeAt(1) === 0x0644 ? formNationality(f) : undefined;
}
