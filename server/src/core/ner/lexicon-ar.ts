/**
 * Arabic word lists for the NER features, built from a JSON object (models/gazetteer-ar.json, made by
 * `npm run train:ner` from ../shared/data/gazetteers; sources and licences in models/README.md) plus the hand-written
 * trigger lists below. All keys are `normalizeArabic` forms.
 */
import { normalizeArabic } from '../text/normalize';
import { type CharClassJSON, CharClassifier } from './charclass-ar';
import type { WordClusters } from './clusters';

export interface ArabicGazetteerData {
  format: 'article-lens-gazetteer-ar/1';
  /** Country names (CLDR), may be several words. */
  countries: string[];
  /** City names (GeoNames, basic Arabic letters only), may be several words. */
  places: string[];
  /** Arabic given names (Faker). */
  givenNames: string[];
  /** Arabic person-name tokens from Wikidata seen at least 5 times. */
  nameTokensFrequent: string[];
  /** The other person-name tokens. */
  nameTokensRare: string[];
  /** Organization names (SupraVerden organizations.tsv, CC BY-SA 4.0), may be several words. */
  organizations?: string[];
}

/**
 * How the training text used each normalized word: 'O' never in a name (seen at least twice), 'o' seen once
 * outside names, 'E' mostly in names (seen at least twice), 'M' otherwise. Unlisted words are unseen ('U'): the out-of-vocabulary signal
 * (a third of the name words in new text were never seen in training; ordinary words mostly were).
 */
export interface ArabicVocabulary {
  O: string[];
  o: string[];
  E: string[];
  M: string[];
  /** Words of E and M by the type they were most often tagged with in training (features.vocabTypes). */
  T?: Record<string, string[]>;
  /** Word clusters of the training text (features.clusters; clusters.ts). */
  C?: WordClusters;
  /** The character classifier of the training text's stem types (features.charClass; charclass-ar.ts). */
  K?: CharClassJSON;
}

/** The vocabulary classes of the words of tagged sentences (IOB2). */
export function buildVocabulary(sentences: Iterable<{ words: readonly string[]; tags: readonly string[] }>): ArabicVocabulary {
  const c = new Map<string, [number, number]>();
  const types = new Map<string, Map<string, number>>();
  for (const s of sentences) {
    for (let i = 0; i < s.words.length; i++) {
      const k = normalizeArabic(s.words[i]).toLowerCase();
      let a = c.get(k);
      if (!a) c.set(k, (a = [0, 0]));
      a[0]++;
      if (s.tags[i] !== 'O') {
        a[1]++;
        let t = types.get(k);
        if (!t) types.set(k, (t = new Map()));
        const ty = s.tags[i].slice(2);
        t.set(ty, (t.get(ty) ?? 0) + 1);
      }
    }
  }
  const v: ArabicVocabulary = { O: [], o: [], E: [], M: [] };
  const T: Record<string, string[]> = { PER: [], LOC: [], ORG: [], MISC: [] };
  for (const [k, [n, e]] of c) {
    if (e === 0) (n >= 2 ? v.O : v.o).push(k);
    else if (e / n >= 0.5 && n >= 2) v.E.push(k);
    else v.M.push(k);
    const t = types.get(k);
    if (t) {
      let best = '';
      for (const [ty, m] of t) if (!best || m > t.get(best)! || (m === t.get(best)! && ty < best)) best = ty;
      T[best]?.push(k);
    }
  }
  for (const l of Object.values(v)) l.sort();
  for (const l of Object.values(T)) l.sort();
  v.T = T;
  return v;
}

export type GazType = 'country' | 'place' | 'given' | 'name' | 'rare' | 'org';

/** Person titles and roles that precede a name (normalized, with and without ال where it is used both ways). */
export const PERSON_TRIGGERS = [
  'وزير', 'الوزير', 'وزيره', 'الرئيس', 'رئيس', 'رئيسه', 'المشير', 'اللواء', 'العميد', 'العقيد', 'الفريق', 'الجنرال', 'السفير', 'سفير',
  'الامين', 'امين', 'نائب', 'النائب', 'المتحدث', 'الناطق', 'المستشار', 'الشيخ', 'الملك', 'الامير', 'الاميره', 'الملكه', 'السيد', 'السيده',
  'الدكتور', 'د', 'المهندس', 'الاستاذ', 'القائد', 'قائد', 'المبعوث', 'مبعوث', 'المندوب', 'مندوب', 'الزعيم', 'زعيم', 'المرشح', 'الرئيسه',
  'البابا', 'الكاردينال', 'الحاخام', 'الامام', 'المطران', 'الاب', 'النجم', 'الفنان', 'الفنانه', 'المطرب', 'المطربه', 'اللاعب', 'المدرب',
  'الكاتب', 'الكاتبه', 'الروائي', 'الشاعر', 'المخرج', 'الممثل', 'الممثله', 'الصحافي', 'الصحفي', 'المراسل', 'الباحث', 'البروفسور', 'البروفيسور',
  'المستشاره', 'الوزيره', 'النائبه', 'السناتور', 'الحاكم', 'حاكم', 'محافظ', 'المحافظ', 'المدير', 'مدير', 'مديره', 'المفوض', 'المنسق',
  'العاهل', 'ولي', 'سمو', 'جلاله', 'فخامه', 'معالي', 'سعاده', 'الرائد', 'النقيب', 'الملازم', 'المقدم', 'الرقيب', 'الجندي', 'المواطن',
  'زوجته', 'زوجها', 'ابنه', 'ابنته', 'شقيقه', 'شقيقته', 'والده', 'والدته', 'الحاج', 'الشهيد', 'المتهم', 'القاضي', 'المحامي', 'المدعي',
  // players' roles in sports reporting ('الحارس كاسياس', 'المهاجم …', 'لاعب الوسط …')
  'الحارس', 'حارس', 'المهاجم', 'مهاجم', 'المدافع', 'مدافع', 'لاعب', 'مدرب', 'الهداف', 'الظهير',
];

/** Heads of organization names. */
export const ORG_HEADS = [
  'وزاره', 'الوزاره', 'مجلس', 'المجلس', 'حزب', 'الحزب', 'حركه', 'الحركه', 'جبهه', 'الجبهه', 'شركه', 'الشركه', 'مجموعه', 'المجموعه',
  'جامعه', 'الجامعه', 'منظمه', 'المنظمه', 'وكاله', 'الوكاله', 'اتحاد', 'الاتحاد', 'جمعيه', 'الجمعيه', 'هيئه', 'الهيئه', 'لجنه', 'اللجنه',
  'بنك', 'البنك', 'مصرف', 'المصرف', 'صحيفه', 'الصحيفه', 'جريده', 'الجريده', 'مجله', 'المجله', 'قناه', 'القناه', 'اذاعه', 'تلفزيون',
  'محكمه', 'المحكمه', 'برلمان', 'البرلمان', 'مؤسسه', 'المؤسسه', 'معهد', 'المعهد', 'مركز', 'المركز', 'نادي', 'النادي', 'فريق', 'منتخب',
  'جيش', 'الجيش', 'قوات', 'القوات', 'الشرطه', 'مديريه', 'اداره', 'الاداره', 'مكتب', 'المكتب', 'سلطه', 'السلطه', 'الحكومه', 'حكومه',
  'صندوق', 'الصندوق', 'مصلحه', 'كتله', 'ائتلاف', 'الائتلاف', 'تحالف', 'التحالف', 'نقابه', 'النقابه', 'غرفه', 'رابطه', 'الرابطه', 'مجمع',
  'كليه', 'الكليه', 'اكاديميه', 'مستشفي', 'جامع', 'مجلس', 'الكونغرس', 'الكونجرس', 'الكنيست', 'البيت', 'الامم',
  // a team named by its role in a match ('مضيفه بنفيكا', 'ضيفه دينامو كييف'), companies in the dual or plural ('شركتي تويوتا')
  'مضيفه', 'ضيفه', 'شركتي', 'شركات', 'مجموعتي', 'ناديي', 'فريقي',
];

/** Heads of place names. */
export const LOC_HEADS = [
  'مدينه', 'المدينه', 'عاصمه', 'العاصمه', 'دوله', 'الدوله', 'جزيره', 'جزر', 'محافظه', 'المحافظه', 'ولايه', 'الولايه', 'اقليم', 'الاقليم',
  'منطقه', 'المنطقه', 'قريه', 'القريه', 'بلده', 'البلده', 'مخيم', 'نهر', 'بحر', 'البحر', 'جبل', 'جبال', 'خليج', 'الخليج', 'شمال', 'جنوب',
  'شرق', 'غرب', 'شمالي', 'جنوبي', 'شرقي', 'غربي', 'وسط', 'حي', 'شارع', 'ميناء', 'مطار', 'بلدان', 'دول', 'عواصم', 'مدن', 'قطاع',
];

/** Nationality adjectives the place lists do not derive (masculine singular, without ال). */
export const EXTRA_NISBA = [
  'امريكي', 'اميركي', 'بريطاني', 'الماني', 'اوروبي', 'اوربي', 'عربي', 'افريقي', 'اسيوي', 'خليجي', 'اممي', 'اماراتي', 'سوفيتي',
  'سوفياتي', 'كردي', 'فارسي', 'تركماني', 'امازيغي', 'هندي', 'باكستاني', 'افغاني', 'شيشاني', 'ايرلندي', 'اسكتلندي', 'بلجيكي', 'سويسري',
  'نمساوي', 'برتغالي', 'يوناني', 'روماني', 'مجري', 'تشيكي', 'صربي', 'كرواتي', 'بولندي', 'اوكراني', 'فنزويلي', 'برازيلي', 'ارجنتيني',
  'مكسيكي', 'كوبي', 'كندي', 'استرالي', 'نيجيري', 'اثيوبي', 'صومالي', 'كيني', 'فلبيني', 'اندونيسي', 'ماليزي', 'كوري', 'فيتنامي', 'تايلاندي',
];

/** Verbs of saying and the like that follow or precede a person ('قال لافروف'). */
export const SPEECH_WORDS = [
  'قال', 'وقال', 'اضاف', 'واضاف', 'اكد', 'واكد', 'اعلن', 'واعلن', 'اوضح', 'واوضح', 'صرح', 'وصرح', 'اشار', 'واشار', 'ذكر', 'وذكر', 'قالت',
  'وقالت', 'اكدت', 'واكدت', 'اعلنت', 'واعلنت', 'تابع', 'وتابع', 'لفت', 'ولفت', 'اعتبر', 'واعتبر', 'راي', 'يقول', 'يري', 'دعا', 'ودعا',
  'استقبل', 'التقي', 'بحث', 'ناقش', 'اجتمع', 'زار', 'وصل', 'غادر', 'شدد', 'وشدد', 'لاحظ', 'اعرب', 'واعرب', 'قاله',
];

/** Words of sports reporting (normalized): a document with several is about sport, where city names are often clubs. */
export const SPORT_WORDS = [
  'مباراه', 'المباراه', 'مباريات', 'المباريات', 'الدوري', 'دوري', 'هدف', 'الهدف', 'اهداف', 'الاهداف', 'مرمي', 'الشوط', 'المدرب', 'مدرب',
  'اللاعب', 'لاعب', 'لاعبي', 'اللاعبين', 'مضيفه', 'ضيفه', 'البطوله', 'بطوله', 'الكره', 'كره', 'المنتخب', 'منتخب', 'الملعب', 'ملعب', 'الحارس',
  'الدقيقه', 'المهاجم', 'مهاجم', 'المدافع', 'الكاس', 'كاس', 'التعادل', 'تعادل', 'فوزه', 'الفوز', 'النادي', 'نادي', 'الموسم', 'ركله', 'الجزاء',
];

function phraseKey(s: string): string[] {
  return normalizeArabic(s)
    .split(/[\s\u200c\u200f-]+/)
    .filter(Boolean);
}

export class ArabicLexicon {
  /**
   * key -> its bits: the GazType bits of the single-word gazetteer entries (1-32, `bits`), and the list bits above
   * them (`keyBits`: PHRASE, T_PERSON, T_ORG, T_LOC, T_SPEECH, SPORT), so one lookup answers every list for a
   * reading of a word. Keys of no gazetteer entry have GazType bits 0. Above bit 11, once `vocabInKeys` was
   * called, the vocabulary class and type of the key (`keyInfo`; keyBits masks them off).
   */
  readonly single = new Map<string, number>();
  /** first token -> phrases (tokens, type bit) of two or more tokens */
  readonly phrases = new Map<string, { toks: string[]; type: number }[]>();
  readonly nisba = new Set<string>();
  /** The trigger and sports lists (read-only after construction: their members are also marked in `single`). */
  readonly personTriggers = new Set(PERSON_TRIGGERS);
  readonly orgHeads = new Set(ORG_HEADS);
  readonly locHeads = new Set(LOC_HEADS);
  readonly speech = new Set(SPEECH_WORDS);
  readonly sport = new Set(SPORT_WORDS);
  static readonly BIT: Record<GazType, number> = { country: 1, place: 2, given: 4, name: 8, rare: 16, org: 32 };
  /** `keyBits`: all GazType bits */
  static readonly GAZ = 63;
  /** `keyBits`: the first token of a multi-word phrase (a key of `phrases`) */
  static readonly PHRASE = 64;
  /** `keyBits`: in personTriggers, orgHeads, locHeads, speech, sport */
  static readonly T_PERSON = 128;
  static readonly T_ORG = 256;
  static readonly T_LOC = 512;
  static readonly T_SPEECH = 1024;
  static readonly SPORT = 2048;
  /** normalized word -> vocabulary class (see ArabicVocabulary); empty when the model has none */
  vocab = new Map<string, string>();
  /** normalized word -> the entity type it most often had in training (ArabicVocabulary.T) */
  vocabType = new Map<string, string>();
  /**
   * The vocabulary given to the constructor is put into `single` on the first call of `vocabInKeys` (not at load time:
   * ~10 ms), above the list bits (`keyInfo`: one lookup answers the lists and the vocabulary of a key).
   */
  private vocabPending = false;
  private vocabMerged = false;
  /** `keyInfo`: the vocabulary class at VOCAB_SHIFT (0 = unlisted, else 1 + index in VOCAB_CLASSES) */
  static readonly VOCAB_SHIFT = 12;
  static readonly VOCAB_CLASSES = ['O', 'o', 'E', 'M'];
  /** `keyInfo`: the vocabulary type at TYPE_SHIFT (0 = none, else 1 + index in vocabTypeNames) */
  static readonly TYPE_SHIFT = 15;
  vocabTypeNames: string[] = [];
  /** normalized word -> its cluster features ('c0=' finest cluster, 'c1=', 'c2=' coarser: ArabicVocabulary.C) */
  clusters = new Map<string, readonly string[]>();

  constructor(data?: ArabicGazetteerData, vocab?: ArabicVocabulary) {
    if (vocab) this.setVocabulary(vocab);
    if (data) {
      const add = (list: string[], t: GazType) => {
        const bit = ArabicLexicon.BIT[t];
        for (const s of list) {
          const toks = phraseKey(s);
          if (toks.length === 0) continue;
          if (toks.length === 1) {
            this.single.set(toks[0], (this.single.get(toks[0]) ?? 0) | bit);
            if (t === 'country' || t === 'place') this.addNisba(toks[0]);
          } else {
            let l = this.phrases.get(toks[0]);
            if (!l) this.phrases.set(toks[0], (l = []));
            l.push({ toks, type: bit });
          }
        }
      };
      add(data.countries, 'country');
      add(data.places, 'place');
      add(data.givenNames, 'given');
      add(data.nameTokensFrequent, 'name');
      add(data.nameTokensRare, 'rare');
      if (data.organizations) add(data.organizations, 'org');
      for (const w of EXTRA_NISBA) this.nisba.add(w);
      for (const l of this.phrases.values()) l.sort((a, b) => b.toks.length - a.toks.length);
    }
    const mark = (keys: Iterable<string>, bit: number) => {
      for (const k of keys) this.single.set(k, (this.single.get(k) ?? 0) | bit);
    };
    mark(this.phrases.keys(), ArabicLexicon.PHRASE);
    mark(this.personTriggers, ArabicLexicon.T_PERSON);
    mark(this.orgHeads, ArabicLexicon.T_ORG);
    mark(this.locHeads, ArabicLexicon.T_LOC);
    mark(this.speech, ArabicLexicon.T_SPEECH);
    mark(this.sport, ArabicLexicon.SPORT);
    this.vocabPending = vocab !== undefined;
  }

  /** Whether keyInfo gives the vocabulary class and type of a key (false on a copy with another vocabulary). */
  vocabInKeys(): boolean {
    if (this.vocabPending) {
      this.vocabPending = false;
      this.vocabKeys();
    }
    return this.vocabMerged;
  }

  /** Put the vocabulary classes and types into `single` (keyInfo); at most 15 types (else not put in). */
  private vocabKeys(): void {
    const types: string[] = [];
    for (const t of this.vocabType.values()) if (!types.includes(t)) types.push(t);
    if (types.length > 15) return;
    for (const [w, c] of this.vocab) {
      const i = ArabicLexicon.VOCAB_CLASSES.indexOf(c);
      if (i < 0) return;
      this.single.set(w, (this.single.get(w) ?? 0) | ((i + 1) << ArabicLexicon.VOCAB_SHIFT));
    }
    for (const [w, t] of this.vocabType) this.single.set(w, (this.single.get(w) ?? 0) | ((types.indexOf(t) + 1) << ArabicLexicon.TYPE_SHIFT));
    this.vocabTypeNames = types;
    this.vocabMerged = true;
  }

  setVocabulary(v: ArabicVocabulary): void {
    this.vocabPending = false;
    this.vocabMerged = false;
    this.vocab = new Map();
    for (const k of ['O', 'o', 'E', 'M'] as const) for (const w of v[k]) this.vocab.set(w, k);
    this.vocabType = new Map();
    this.vskel = undefined;
    if (v.T) for (const [t, ws] of Object.entries(v.T)) for (const w of ws) this.vocabType.set(w, t);
    if (v.C) this.setClusters(v.C);
    this.charClassJSON = v.K;
    this.charClassifier = undefined;
  }

  private charClassJSON?: CharClassJSON;
  private charClassifier?: CharClassifier;
  /** The vocabulary's character classifier (ArabicVocabulary.K; loaded on first use), or undefined. */
  get charClass(): CharClassifier | undefined {
    if (!this.charClassifier && this.charClassJSON) this.charClassifier = new CharClassifier(this.charClassJSON);
    return this.charClassifier;
  }

  /** The word clusters (kept by withVocabulary copies whose vocabulary has none). */
  setClusters(c: WordClusters): void {
    this.clusters = new Map();
    c.words.forEach((ws, i) => {
      const f = ['c0=' + i];
      for (let l = 0, j = i; l < c.up.length; l++) f.push('c' + (l + 1) + '=' + (j = c.up[l][j]));
      for (const w of ws) this.clusters.set(w, f);
    });
  }

  /** A copy sharing the gazetteer with another vocabulary (jackknifed training). */
  withVocabulary(v: ArabicVocabulary): ArabicLexicon {
    const c = Object.create(ArabicLexicon.prototype) as ArabicLexicon;
    Object.assign(c, this);
    c.setVocabulary(v);
    return c;
  }

  /** Nationality/place adjective of a place name: ليبيا -> ليبي, فرنسا -> فرنسي, مصر -> مصري, العراق -> عراقي. */
  private addNisba(place: string): void {
    const s = place.startsWith('ال') ? place.slice(2) : place;
    if (s.length < 3) return;
    if (s.endsWith('يا')) this.nisba.add(s.slice(0, -2) + 'ي');
    else if (s.endsWith('ا') || s.endsWith('ه')) this.nisba.add(s.slice(0, -1) + 'ي');
    else this.nisba.add(s + 'ي');
  }

  /** skeleton -> gazetteer bits (country, place, given, name, rare) of the single-word keys with that skeleton; built on first use */
  private skel?: Map<string, number>;

  /** Gazetteer bits (country, place, given, name, rare) of the single-word entries with the same consonant skeleton as
   * `key` (`skeleton`, 3 letters or more; 0 = none). The map is built on the first call. */
  skeletonBits(key: string): number {
    if (!this.skel) {
      const m = new Map<string, number>();
      for (const [k, b] of this.single) {
        const g = b & 31;
        if (!g) continue;
        const sk = skeleton(k);
        if (sk.length >= 3) m.set(sk, (m.get(sk) ?? 0) | g);
      }
      this.skel = m;
    }
    const sk = skeleton(key);
    return sk.length >= 3 ? this.skel.get(sk) ?? 0 : 0;
  }

  /** skeleton -> the type of the training-vocabulary words (classes E, M) with that skeleton ('' when they disagree) */
  private vskel?: Map<string, string>;

  /** The type ('PER', 'ORG'…) of the vocabulary's name words (classes E and M) with the same skeleton as `key`, or
   * undefined; '' when they have different types. Built on the first call (per vocabulary). */
  skeletonType(key: string): string | undefined {
    if (!this.vskel) {
      const m = new Map<string, string>();
      for (const [w, c] of this.vocab) {
        if (c !== 'E' && c !== 'M') continue;
        const t = this.vocabType.get(w);
        if (!t) continue;
        const sk = skeleton(w.startsWith('ال') ? w.slice(2) : w);
        if (sk.length < 3) continue;
        const o = m.get(sk);
        m.set(sk, o === undefined || o === t ? t : '');
      }
      this.vskel = m;
    }
    const sk = skeleton(key);
    return sk.length >= 3 ? this.vskel.get(sk) : undefined;
  }

  /** Gazetteer bits of one key (0 = none). */
  bits(key: string): number {
    return (this.single.get(key) ?? 0) & ArabicLexicon.GAZ;
  }

  /** All bits of one key (gazetteer, phrase start, trigger and sports lists; 0 = in none). */
  keyBits(key: string): number {
    return (this.single.get(key) ?? 0) & 0xfff;
  }

  /** keyBits, and with vocabInKeys the key's vocabulary class and type above them (VOCAB_SHIFT, TYPE_SHIFT). */
  keyInfo(key: string): number {
    return this.single.get(key) ?? 0;
  }
}

/** Consonant-letter groups of `skeleton`: long vowels and hamza carriers dropped, letters foreign names are spelled
 * with interchangeably unified (ط/ت, ك/ق/غ/ج, ث/ص/س, ذ/ظ/ض/ز, ح/ه), a final ه (ة) dropped. */
const SKEL: Record<string, string> = { 'ا': '', 'و': '', 'ي': '', 'ى': '', 'ء': '', 'ئ': '', 'ؤ': '', 'أ': '', 'إ': '', 'آ': '', 'ط': 'ت', 'ق': 'ك', 'غ': 'ك', 'ج': 'ك', 'ث': 'س', 'ص': 'س', 'ذ': 'ز', 'ظ': 'ز', 'ض': 'ز', 'ح': 'ه', 'ة': '' };

/** The consonant skeleton of a normalized word (SKEL): 'بوغدانوف' and 'بوجدانوف' -> 'بكدنف'. */
export function skeleton(s: string): string {
  let out = '';
  const L = s.endsWith('ه') || s.endsWith('ة') ? s.length - 1 : s.length;
  for (let i = 0; i < L; i++) {
    const c = s[i];
    const m = SKEL[c];
    out += m === undefined ? c : m;
  }
  return out;
}
