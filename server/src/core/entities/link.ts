/**
 * From tagger spans to entities: the document level of entity recognition (issues 7 and 8).
 *
 * 1. Clean: tagger spans are aligned to words; a title or honorific the tagger swallowed into a person span
 *    ('المشير خليفة حفتر', 'Mr. Haftar') is moved out of the name; "Lavrov's" ends before the possessive.
 * 2. Group: mentions with the same folded words and the same type are one group (diacritics ignored: الرَّئِيسُ =
 *    الرئيس). The tagger's type is kept: 'England' the country and 'England' the team are two entities; measured on
 *    the dev splits, forcing one type per string (a majority vote) cost 0.4 (ar) and 1.6 (en) points of span F1.
 * 3. Link: groups of one type whose names are spelling variants (through the names matcher, names/match.ts) merge;
 *    a shorter person name links to the one full name it is part of ('لافروف' -> 'سيرغي لافروف') only when exactly
 *    one full name fits; a shorter organization name likewise ('الخارجية الروسية' -> 'وزارة الخارجية الروسية'),
 *    and an acronym to the name whose initials it spells (UN -> United Nations). Ambiguous short forms stay apart:
 *    'سيرغي' alone fits both سيرغي لافروف and سيرغي شويغو, 'Security Council' both councils.
 * 4. Propagate: every name recognized once is looked for at every other word of the article, at word boundaries,
 *    clitic-aware for Arabic (ولافروف، بموسكو، لحفتر، للجيش), capitalized for English; a person's surname too when
 *    it is unambiguous and not a common word. The tagger decides what is a name; propagation finds where else it is.
 * 5. Roles: titles before a name ('وزير الخارجية الروسي سيرغي لافروف', 'Russian Foreign Minister Sergei Lavrov',
 *    'السفير الروسي لدى طرابلس، إيفان مولوتكوف'), appositions ('عقيلة صالح عيسى، رئيس مجلس النواب الليبي'), and the
 *    possessive deputy ('ونائبه ميخائيل بوغدانوف' -> 'نائب وزير الخارجية الروسي'). See roles.ts.
 * 6. Entities: canonical name = the fullest form (most words, then most frequent, then first); id = type:canonical.
 *
 * Linear in the length of the text: the variant test compares only distinct names with the same `variantKey`
 * (names/match.ts; a necessary condition), and surname variants are looked up by bucket key. Measured with the
 * replayed tagger spans of scripts/golden-names.ts: ~22 ms for 10k Arabic words, ~140 ms for 100k. Re-analysis
 * (a RegionTokenCache): the words where the span repairs and propagation can start are selected per paragraph and
 * kept for unchanged paragraphs (`LinkState.select`), so those passes do not visit every word after an edit.
 */
import type { NerType, TaggedSpan } from '../resources';
import { runCharLength, singleSpaced } from '../text/tokenize';
import type { Entity, EntityType, Language, Mention, Role, Span } from '../types';
import { bucketKey, isNativeArabicName, nameVariant, tokenVariant, variantKey } from '../names/match';
import {
  AR_HONORIFICS, AR_MEDIA, AR_NOT_NAMES, AR_TRIGGERS, EN_HONORIFICS, EN_MEDIA, EN_NOT_NAMES, EN_TITLE_WORDS, EN_TRIGGERS,
  arLexStem, arNationalAdjective, arNationality, formHonorific, formInstitutionHead, formMedia, formNationalAdjective,
  formNationality, formTrigger,
} from './lexicon';
import { extractRoles, type RoleScan } from './roles';
import { AR_HARD_STOPS as AR_HARD_STOPS_SET, AR_INSTITUTION_HEADS } from './lexicon';
import { type RegionTokenCache, Sep, type Token, type TokenTest, foldKey, formReadings, offsetAfterLetters, restoreArticle, scanTokens, selectTokens, tokenAt } from './tokens';

export interface LinkInput {
  text: string;
  /** The parts of the text that are prose (headline, paragraphs); nothing outside them is scanned. */
  regions: readonly Span[];
  /** Tagger output over those regions, any order. */
  spans: readonly TaggedSpan[];
  /** Re-analysis: the tokens of regions whose text did not change are taken from here (see RegionTokenCache). */
  tokenCache?: RegionTokenCache;
}

/** One mention while linking. Token range [t0, t1). */
export interface WorkMention {
  start: number;
  end: number;
  type: NerType;
  t0: number;
  t1: number;
  keys: string[];
  latin: boolean;
  source: 'tagger' | 'rule' | 'propagated';
  group: number;
  /** The words without the restored article, for 'لل' + name ('للبنان' -> 'لبنان' rather than 'البنان'). */
  alt?: string[];
  /** Replaced by a span repair (a word the tagger typed as a place inside a name after a title). */
  dropped?: boolean;
  /**
   * Found by propagation through the 'لل' reading that restores the article: how many letters it restored, 1 for
   * the alif ('للجيش' -> 'الجيش'), 2 for alif and lam ('لله' -> 'الله'); 0 otherwise (see tokens.ts restoreArticle).
   */
  restored: number;
  /** The entity (index into the result's entities) once linked; -1 before, or when its group has none. */
  entity: number;
}

/**
 * A new mention. Every mention is made here, with every field set, so that all mentions share one object shape (the
 * linker's passes read them in hot loops; mixed shapes made its optimized code bail out and be compiled again).
 */
function newMention(start: number, end: number, type: NerType, t0: number, t1: number, keys: string[], latin: boolean, source: WorkMention['source'], alt?: string[], restored = 0): WorkMention {
  return { start, end, type, t0, t1, keys, latin, source, group: -1, alt, dropped: false, restored, entity: -1 };
}

interface Group {
  keys: string[];
  latin: boolean;
  mentions: WorkMention[];
  votes: Map<NerType, number>;
  type: NerType;
  /** Tagged alone at least once (not only found by propagation). */
  tagged: boolean;
}

const MAX_VARIANT_BUCKET = 400;

// ---------------------------------------------------------------------------------------------------------------
// 1. Clean

function isTitleToken(t: Token): boolean {
  if (t.latin) return EN_TRIGGERS.has(t.key) || EN_HONORIFICS.has(t.key) || (EN_TITLE_WORDS.has(t.key) && !t.cap);
  return !!formTrigger(t.form) || !!formHonorific(t.form);
}

/**
 * Is this Arabic word of a person span a title rather than a name part? Definite titles are ('المشير', 'الرئيس');
 * an indefinite one only in construct with a definite word ('وزير الخارجية'): 'أميرة كرارة', 'ملك' are names.
 */
function arTitleInName(tokens: readonly Token[], i: number): boolean {
  const k = tokens[i].key;
  const st = formTrigger(tokens[i].form) ?? formHonorific(tokens[i].form);
  if (!st) return false;
  if (k.slice(st.strip).startsWith('ال') || st.restoreAl) return true;
  const next = tokens[i + 1];
  return !!next && next.key.startsWith('ال') && next.sep === Sep.Space;
}

function isApostropheS(text: string, tokens: readonly Token[], i: number): boolean {
  const t = tokens[i];
  return t.latin && t.key === 's' && t.start > 0 && /['’]/.test(text[t.start - 1]) && tokens[i].sep === Sep.Space;
}

/** Every character is a digit (as /^[\p{N}]+$/u), by character codes. */
function allDigits(k: string): boolean {
  if (k.length === 0) return false;
  for (let i = 0; i < k.length; ) {
    const n = runCharLength(k, i, 2);
    if (n === 0) return false;
    i += n;
  }
  return true;
}

/** A person name must have a word that is not a title, function word or nationality adjective. */
function plausiblePerson(keys: readonly string[], latin: boolean): boolean {
  // 'مصدر دبلوماسي روسي': a lone nationality adjective is not a person.
  if (!latin && keys.length === 1 && arNationality(keys[0])) return false;
  return keys.some((k) => {
    if (allDigits(k)) return false;
    if (latin) return !EN_NOT_NAMES.has(k) && !EN_TRIGGERS.has(k) && !EN_TITLE_WORDS.has(k);
    return !AR_NOT_NAMES.has(k) && !arLexStem(k, AR_TRIGGERS) && !arLexStem(k, AR_HONORIFICS) && !arNationalAdjective(k);
  });
}

function toMention(text: string, tokens: readonly Token[], s: TaggedSpan): WorkMention | undefined {
  let t0 = tokenAt(tokens, s.start);
  let t1 = tokenAt(tokens, s.end);
  if (t1 < tokens.length && tokens[t1].start < s.end) t1++;
  if (t0 >= t1) return undefined;
  // A span never crosses a region (headline/paragraph) or sentence boundary.
  for (let i = t0 + 1; i < t1; i++) {
    if (tokens[i].sep === Sep.Boundary) {
      t1 = i;
      break;
    }
  }
  if (s.type === 'person') {
    // A title the tagger swallowed: the name starts after the last title word, honorific or nationality
    // adjective of the span ('وزير الخارجية الروسي سيرغي لافروف' -> 'سيرغي لافروف'; 'Foreign Minister Sergei Lavrov').
    for (let i = t1 - 2; i >= t0; i--) {
      const t = tokens[i];
      const titleish = t.latin ? isTitleToken(t) : arTitleInName(tokens, i) || !!formNationalAdjective(t.form);
      if (titleish) {
        t0 = i + 1;
        break;
      }
    }
  }
  while (t1 - t0 > 1 && isApostropheS(text, tokens, t1 - 1)) t1--;
  let start = Math.max(s.start, tokens[t0].start);
  if (start >= tokens[t0].end) start = tokens[t0].start;
  let end = Math.min(s.end, tokens[t1 - 1].end);
  if (end <= tokens[t1 - 1].start) end = tokens[t1 - 1].end;
  const keys: string[] = [];
  for (let i = t0; i < t1; i++) keys.push(tokens[i].key);
  if (end < tokens[t1 - 1].end) keys[keys.length - 1] = foldKey(text.slice(t1 - 1 === t0 ? start : tokens[t1 - 1].start, end));
  let alt: string[] | undefined;
  if (start > tokens[t0].start) {
    // The tagger left a clitic out ('و' of 'ولافروف'); after 'ل' + 'ال' the article's elided letters are restored
    // ('للجيش' -> 'الجيش', 'لله' -> 'الله': tokens.ts restoreArticle).
    const stem = foldKey(text.slice(start, t1 - 1 === t0 ? end : tokens[t0].end));
    const pre = foldKey(text.slice(tokens[t0].start, start));
    keys[0] = stem;
    if (/^[وف]?ل$/.test(pre) && stem.startsWith('ل')) {
      alt = [...keys];
      keys[0] = restoreArticle(stem);
    }
  }
  if (keys.some((k) => k.length === 0)) return undefined;
  const latin = tokens[t0].latin;
  if (s.type === 'person' && !plausiblePerson(keys, latin)) return undefined;
  // A nationality adjective is not a place or an organization ('الروسي', 'الليبية').
  if (s.type !== 'person' && !latin && keys.length === 1 && arNationalAdjective(keys[0])) return undefined;
  return newMention(start, end, s.type, t0, t1, keys, latin, 'tagger', alt);
}

/** Media rule: the name after 'صحيفة/وكالة…' in «quotes», or after/before 'newspaper', is an organization. */
function mediaMentions(text: string, tokens: readonly Token[], select: Select): WorkMention[] {
  const out: WorkMention[] = [];
  // Where a rule below can start (what each one asks of the word and the next one first; the paragraph's own words
  // and text only, so selected per paragraph).
  const starts = select('media', (ts, x) => {
    const t = ts[x];
    const n = ts[x + 1];
    if (!n || n.region !== t.region) return false;
    return t.latin ? EN_MEDIA.has(t.key) || (n.latin && EN_MEDIA.has(n.key)) : hasQuote(text, t.end, n.start) && !!formMedia(t.form);
  });
  for (let si = 0; si < starts.length; si++) {
    const i = starts[si];
    const t = tokens[i];
    const n = tokens[i + 1];
    // An Arabic start is a media noun before an opening quote (the «name» rule); a Latin one, the rules after it.
    if (!t.latin) {
      // «name»: the quote opens right after the media noun, the name ends at the closing quote (at most 4 words).
      const gap = text.slice(t.end, n.start);
      if (!/^\s*[«"“]\s*$/.test(gap)) continue;
      let j = i + 1;
      while (j + 1 < tokens.length && j - i < 4 && tokens[j + 1].sep === Sep.Space && tokens[j + 1].region === t.region) j++;
      const close = text.slice(tokens[j].end, (tokens[j + 1]?.start ?? text.length));
      if (!/^\s*[»"”]/.test(close)) continue;
      out.push(newMention(n.start, tokens[j].end, 'organization', i + 1, j + 1, tokens.slice(i + 1, j + 1).map((x) => x.key), false, 'rule'));
    } else if (t.latin && EN_MEDIA.has(t.key) && !t.cap && n.cap && n.sep === Sep.Space && !EN_NOT_NAMES.has(n.key)) {
      // 'the newspaper Izvestia'
      let j = i + 1;
      while (j + 1 < tokens.length && j - i < 3 && tokens[j + 1].cap && tokens[j + 1].sep === Sep.Space && tokens[j + 1].region === t.region) j++;
      out.push(newMention(n.start, tokens[j].end, 'organization', i + 1, j + 1, tokens.slice(i + 1, j + 1).map((x) => x.key), true, 'rule'));
    } else if (n.latin && EN_MEDIA.has(n.key) && !n.cap && t.cap && n.sep === Sep.Space && !EN_NOT_NAMES.has(t.key) && t.sep !== Sep.Boundary) {
      // 'the Izvestia newspaper' (the name is not sentence-initial)
      let j = i;
      while (j - 1 >= 0 && i - j < 2 && tokens[j].sep === Sep.Space && tokens[j - 1].cap && !EN_NOT_NAMES.has(tokens[j - 1].key) && tokens[j - 1].region === t.region) j--;
      out.push(newMention(tokens[j].start, t.end, 'organization', j, i + 1, tokens.slice(j, i + 1).map((x) => x.key), true, 'rule'));
    }
  }
  return out;
}

/** Is one of « " “ in text[from, to)? */
function hasQuote(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 0xab || c === 0x22 || c === 0x201c) return true;
  }
  return false;
}

/** An Arabic word that can be a given name standing between a title and a surname (no article, no function word). */
function plainArabicWord(t: Token): boolean {
  const k = t.key;
  // Not an adverb in -an ('قريبا', 'خلفا') either.
  return !t.latin && k.length >= 2 && !k.startsWith('ال') && !(k.length > 3 && k.endsWith('ا')) && !allDigits(k) && !AR_NOT_NAMES.has(k)
    && !formTrigger(t.form) && !formHonorific(t.form) && !formNationality(t.form);
}

/**
 * Span repairs that need the other mentions (Arabic; each one a pattern of the language, not a list of names):
 * - a first name the tagger left between a title and the surname joins the name: 'المشير [خليفة] حفتر',
 *   'وزير الخارجية الروسي [سيرغي] لافروف' (the word before must end a title: a trigger, a nationality adjective,
 *   or an organization/place name that a trigger governs);
 * - an organization name takes the nationality adjective that follows it: 'مجلس الأمن' + 'الروسي';
 * - a place or organization span loses a trailing indefinite adverb ('ليبيا قريبا') when the span without it is
 *   a name tagged elsewhere in the article.
 */
function repairArabicSpans(text: string, tokens: readonly Token[], mentions: WorkMention[], claimed: Int32Array, select: Select): void {
  // The mentions' keys by type as they stand before the repairs below, made on first need (only Arabic place and
  // organization mentions ask; the repairs give a mention a new keys array, never change one in place).
  const keysBefore = mentions.map((m) => m.keys);
  let keysByType: Map<string, Set<string>> | undefined;
  const keysOfType = (type: string): Set<string> | undefined => {
    if (!keysByType) {
      const byType = new Map<string, Set<string>>();
      mentions.forEach((m, i) => {
        let s = byType.get(m.type);
        if (!s) byType.set(m.type, (s = new Set()));
        s.add(keysBefore[i].join(' '));
      });
      keysByType = byType;
    }
    return keysByType.get(type);
  };
  const appositionAfter = (i: number): boolean => {
    const n = tokens[i];
    if (!n || n.sep !== Sep.Comma || n.latin) return false;
    const st = formTrigger(n.form);
    return !!st && st.strip === 0;
  };
  const triggerBefore = (i: number): boolean => {
    for (let k = i, n = 0; k >= 0 && n < 7; k--, n++) {
      if (formTrigger(tokens[k].form)) return true;
      if (tokens[k].sep !== Sep.Space || AR_HARD_STOPS_SET.has(tokens[k].key)) return false;
    }
    return false;
  };
  mentions.forEach((m, mi) => {
    if (m.latin) return;
    if (m.type === 'person' && m.start === tokens[m.t0].start) {
      const w = m.t0 - 1;
      if (w < 0 || tokens[m.t0].sep !== Sep.Space || tokens[w].region !== tokens[m.t0].region || claimed[w] >= 0 || !plainArabicWord(tokens[w])) return;
      // 'المشير [خليفة] حفتر': the word before ends a title.
      const k = w - 1;
      const t = tokens[k];
      const other = k >= 0 && claimed[k] >= 0 ? mentions[claimed[k]] : undefined;
      const titleEnd = k >= 0 && tokens[w].sep === Sep.Space && t.region === tokens[w].region && (
        (!other && (!!formTrigger(t.form) || !!formNationalAdjective(t.form)))
        || (!!other && other.type !== 'person' && other.t1 === k + 1 && (triggerBefore(other.t0 - 1) || !!formNationalAdjective(t.form))));
      // '…، [عقيلة] صالح عيسى، رئيس مجلس النواب': between a comma and an apposition, the whole run is the name.
      const apposition = tokens[w].sep >= Sep.Comma && appositionAfter(m.t1);
      if (!titleEnd && !apposition) return;
      claimed[w] = mi;
      m.keys = [tokens[w].key, ...m.keys];
      if (m.alt) m.alt = undefined;
      m.t0 = w;
      m.start = tokens[w].start;
      return;
    }
    if (m.type === 'organization' && arLexStem(m.keys[0], AR_INSTITUTION_HEADS)) {
      const n = tokens[m.t1];
      if (n && n.sep === Sep.Space && n.region === tokens[m.t0].region && claimed[m.t1] < 0 && formNationalAdjective(n.form)) {
        claimed[m.t1] = mi;
        m.keys = [...m.keys, n.key];
        if (m.alt) m.alt = [...m.alt, n.key];
        m.t1++;
        m.end = n.end;
      }
    }
    if ((m.type === 'location' || m.type === 'organization') && m.t1 - m.t0 >= 2) {
      const last = m.keys[m.keys.length - 1];
      const prefix = m.keys.slice(0, -1).join(' ');
      const known = last.length >= 3 && last.endsWith('ا') && !last.startsWith('ال') ? keysOfType(m.type) : undefined;
      if (known?.has(prefix) && !known.has(last)) {
        claimed[m.t1 - 1] = -1;
        m.keys = m.keys.slice(0, -1);
        if (m.alt) m.alt = m.alt.slice(0, -1);
        m.t1--;
        m.end = tokens[m.t1 - 1].end;
      }
    }
  });
  institutionNames(text, tokens, mentions, claimed, select('institution-head', institutionHeadTest));
  titledNames(tokens, mentions, claimed, triggerBefore, select('after-nationality', afterNationalityTest));
}

const freeAfterSpace = (claimed: Int32Array, tokens: readonly Token[], x: number, region: number) =>
  free(claimed, tokens, x, region) && tokens[x].sep === Sep.Space;

/** key.startsWith('ال'), by character codes (asked for every word by the institution rule). */
function startsWithAl(k: string): boolean {
  return k.length >= 2 && k.charCodeAt(0) === 0x0627 && k.charCodeAt(1) === 0x0644;
}

const free = (claimed: Int32Array, tokens: readonly Token[], i: number, region: number) =>
  i < tokens.length && claimed[i] < 0 && tokens[i].region === region && !tokens[i].latin;

function claim(tokens: readonly Token[], mentions: WorkMention[], claimed: Int32Array, t0: number, t1: number, type: NerType, start: number, keys: string[], alt?: string[]): void {
  for (let i = t0; i < t1; i++) claimed[i] = mentions.length;
  mentions.push(newMention(start, tokens[t1 - 1].end, type, t0, t1, keys, false, 'rule', alt));
}

/**
 * The tokens given to `LinkState.select`: tests that read the token's own region only (entities/tokens.ts
 * RegionTokenCache.select remembers their answers per paragraph).
 * An Arabic institution head followed (after a space) by a word with the article: where institutionNames looks.
 */
const institutionHeadTest: TokenTest = (tokens, i) => {
  const nx = tokens[i + 1];
  // The word after the head is a definite complement or a nationality adjective: it starts with ال (tested first).
  return !!nx && nx.sep === Sep.Space && startsWithAl(nx.key) && !tokens[i].latin && !!formInstitutionHead(tokens[i].form);
};

/** A word after a space that follows an Arabic nationality adjective of its region: where titledNames looks first. */
const afterNationalityTest: TokenTest = (tokens, i) => {
  const t = tokens[i];
  const before = tokens[i - 1];
  return t.sep === Sep.Space && !!before && before.region === t.region && !before.latin && !!formNationalAdjective(before.form);
};

/**
 * Institutions named by head + complement + nationality adjective, which the tagger may miss:
 * 'وزارة الخارجية الروسية', 'مجلس النواب الليبي', '(لل)جيش الليبي'. Only institution heads that every country has
 * (see AR_INSTITUTION_HEADS), only with a nationality adjective, only over words no other mention holds.
 * `heads`: the tokens that pass institutionHeadTest, ascending (no other token can start such a name).
 */
function institutionNames(text: string, tokens: readonly Token[], mentions: WorkMention[], claimed: Int32Array, heads: readonly number[]): void {
  // After a name is claimed, the next head looked at comes after it.
  let after = -1;
  for (let hi = 0; hi < heads.length; hi++) {
    const i = heads[hi];
    if (i <= after) continue;
    const h = tokens[i];
    if (!free(claimed, tokens, i, h.region)) continue;
    const st = formInstitutionHead(h.form)!;
    // (after 'لل': the head's article restored as everywhere, tokens.ts restoreArticle)
    const headKey = st.restoreAl ? restoreArticle(h.key.slice(st.strip)) : h.key.slice(st.strip);
    const definite = headKey.startsWith('ال');
    let j = i + 1;
    // (No closure over the loop's words here: it would cost a context object for every word of the text.)
    if (!definite) {
      // One or two definite complements: 'وزارة الخارجية', 'مجلس الأمن'.
      let c = 0;
      while (c < 2 && freeAfterSpace(claimed, tokens, j, h.region) && tokens[j].key.startsWith('ال') && !formNationalAdjective(tokens[j].form)) {
        j++;
        c++;
      }
      if (c === 0) continue;
    }
    if (!freeAfterSpace(claimed, tokens, j, h.region) || !formNationalAdjective(tokens[j].form)) continue;
    const word = h.key === headKey ? 0 : st.strip;
    const start = h.start + (word ? offsetAfterLetters(text.slice(h.start, h.end), word) : 0);
    const rest = tokens.slice(i + 1, j + 1).map((t) => t.key);
    claim(tokens, mentions, claimed, i, j + 1, 'organization', start, [headKey, ...rest], st.restoreAl ? [h.key.slice(st.strip), ...rest] : undefined);
    after = j;
  }
}

/**
 * A name the tagger missed right after a title: 'أمين عام مجلس الأمن الروسي نيقولاي باتروشيف.' Two or three plain
 * words (no article, no function word, no -an adverb, the last not ending in ة/ه as nouns and pronoun suffixes do)
 * between the end of a title (a nationality adjective or an organization governed by a trigger) and punctuation.
 */
function titledNames(tokens: readonly Token[], mentions: WorkMention[], claimed: Int32Array, triggerBefore: (i: number) => boolean, afterNationality: readonly number[]): void {
  // A word is open when no mention holds it, or only a one-word place/organization/misc mention (the tagger's type
  // slip on an unknown foreign name: 'نيقولاي' LOC, 'باتروشيف' LOC).
  const open = (x: number, region: number): boolean => {
    if (x >= tokens.length || tokens[x].region !== region || tokens[x].latin) return false;
    if (claimed[x] < 0) return true;
    const o = mentions[claimed[x]];
    return o.type !== 'person' && o.t1 - o.t0 === 1 && !o.dropped && o.start === tokens[x].start;
  };
  // Where a title can end right before: after a nationality adjective (afterNationality), or after a place or
  // organization name (the tokens right after every such mention); names claimed below are persons, which add none.
  const afterNames: number[] = [];
  for (const m of mentions) if (m.type !== 'person' && m.t1 < tokens.length) afterNames.push(m.t1);
  afterNames.sort((p, q) => p - q);
  // The last word looked at or claimed: candidates come in order, each once, and none inside a claimed name.
  let done = 0;
  for (let a = 0, b = 0; a < afterNationality.length || b < afterNames.length; ) {
    const i = b >= afterNames.length || (a < afterNationality.length && afterNationality[a] <= afterNames[b]) ? afterNationality[a++] : afterNames[b++];
    if (i <= done) continue;
    done = i;
    const t = tokens[i];
    if (t.sep !== Sep.Space) continue;
    const k = i - 1;
    const before = tokens[k];
    if (before.region !== t.region || before.latin) continue;
    // The word before must end a title (cheapest test first: most words follow no nationality adjective or name).
    const other = claimed[k] >= 0 ? mentions[claimed[k]] : undefined;
    const titleEnd = other
      ? other.type !== 'person' && other.t1 === i && triggerBefore(other.t0 - 1)
      : !!formNationalAdjective(before.form) && triggerBefore(k - 1);
    if (!titleEnd || !open(i, t.region) || !plainArabicWord(t) || /^[وفبلك]?ال/.test(t.key)) continue;
    let j = i + 1;
    while (j < tokens.length && j - i < 3 && tokens[j].sep === Sep.Space && open(j, t.region) && plainArabicWord(tokens[j]) && !/^[وفبلك]?ال/.test(tokens[j].key)) j++;
    if (j - i < 2) continue;
    const after = tokens[j];
    const ends = !after || after.region !== t.region || after.sep >= Sep.Comma || AR_HARD_STOPS_SET.has(after.key);
    if (!ends || tokens[j - 1].key.endsWith('ه')) continue;
    for (let x = i; x < j; x++) if (claimed[x] >= 0) mentions[claimed[x]].dropped = true;
    claim(tokens, mentions, claimed, i, j, 'person', t.start, tokens.slice(i, j).map((x) => x.key));
    done = j;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Union-find over groups

class Clusters {
  private parent: number[] = [];
  add(): number {
    this.parent.push(this.parent.length);
    return this.parent.length - 1;
  }
  find(x: number): number {
    while (this.parent[x] !== x) {
      this.parent[x] = this.parent[this.parent[x]];
      x = this.parent[x];
    }
    return x;
  }
  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
}

/** Is `short` an order-preserving subsequence of `long`, anchored at its last word or at its first word? */
function isSubName(short: readonly string[], long: readonly string[]): boolean {
  if (short.length >= long.length) return false;
  const lastAnchored = short[short.length - 1] === long[long.length - 1];
  const firstAnchored = short[0] === long[0];
  if (!lastAnchored && !firstAnchored) return false;
  let j = 0;
  for (let i = 0; i < long.length && j < short.length; i++) if (long[i] === short[j]) j++;
  return j === short.length;
}

function isContiguous(short: readonly string[], long: readonly string[]): boolean {
  if (short.length >= long.length) return false;
  outer: for (let i = 0; i + short.length <= long.length; i++) {
    for (let j = 0; j < short.length; j++) if (long[i + j] !== short[j]) continue outer;
    return true;
  }
  return false;
}

/** A 16-bit hash of a word's last two characters and a length (the propagation prefilter). */
function endHash(key: string, len: number): number {
  const n = key.length;
  return ((key.charCodeAt(n - 1) * 31 + key.charCodeAt(n - 2)) * 64 + (len & 63)) & 0xffff;
}

const EN_INITIAL_SKIP = new Set(['of', 'the', 'and', 'for', 'on', 'in', 'de', 'al']);

// ---------------------------------------------------------------------------------------------------------------

export interface LinkResult {
  entities: Entity[];
  /** Every mention kept, with its entity (index into entities); for tests and tools. */
  mentions: WorkMention[];
}

/**
 * The tokens that pass a test of their own region, ascending (see entities/tokens.ts RegionTokenCache.select); the
 * test may read data that the version number stands for (see `version`).
 */
type Select = (name: string, test: TokenTest, version?: number) => number[];

/**
 * The linker's steps are separate functions over one state (rather than one long function with closures): each is
 * small enough for the optimizing compiler to compile quickly (the single function took 0.4-0.8 s of compiler time,
 * several times over, on new text).
 */
interface LinkState {
  text: string;
  tokens: readonly Token[];
  mentions: WorkMention[];
  /** Per token: the index of the mention holding it, or -1. */
  claimed: Int32Array;
  groups: Group[];
  /** type|words -> group index. */
  byKey: Map<string, number>;
  clusters: Clusters;
  select: Select;
  /** A number for `data` under `name`: the same as in the previous analysis of the document when `data` is equal. */
  version: (name: string, data: Uint32Array) => number;
}

export function linkEntities(input: LinkInput): LinkResult {
  const { text, regions } = input;
  const tokens = input.tokenCache ? input.tokenCache.scan(text, regions) : scanTokens(text, regions);
  if (tokens.length === 0) return { entities: [], mentions: [] };
  const cache = input.tokenCache;
  const select: Select = cache ? (name, test, v) => cache.select(name, test, v) : (_name, test) => selectTokens(tokens, test);
  const version = cache ? (name: string, data: Uint32Array) => cache.version(name, data) : () => 0;
  const st: LinkState = { text, tokens, mentions: [], claimed: new Int32Array(tokens.length).fill(-1), groups: [], byKey: new Map(), clusters: new Clusters(), select, version };
  placeMentions(st, input.spans);
  groupMentions(st);
  linkVariants(st);
  const byWord = linkShortForms(st);
  linkSurnameTypes(st, byWord);
  linkAcronyms(st);
  propagate(st);
  const entities = buildEntities(st);
  const scan: RoleScan = { text, tokens, mentions: st.mentions, entities };
  extractRoles(scan);
  return { entities, mentions: st.mentions };
}

/** 1. Clean and align; overlapping spans: the longer wins; then the span repairs. */
function placeMentions(st: LinkState, spans: readonly TaggedSpan[]): void {
  const { text, tokens, mentions, claimed } = st;
  let raw: WorkMention[] = [];
  for (const s of spans) {
    const m = toMention(text, tokens, s);
    if (m) raw.push(m);
  }
  const media = mediaMentions(text, tokens, st.select);
  raw.sort((a, b) => a.start - b.start || b.end - a.end);
  // A name the tagger cut in two ('سيرغي' + 'لافروف' as two person spans) is one name.
  for (let i = raw.length - 1; i > 0; i--) {
    const a = raw[i - 1];
    const b = raw[i];
    // Only two single words ('سيرغي' + 'لافروف'); two longer names side by side are two people.
    if (a.type === 'person' && b.type === 'person' && a.t1 === b.t0 && a.t1 - a.t0 === 1 && b.t1 - b.t0 === 1 && b.start === tokens[b.t0].start
      && tokens[b.t0].sep === Sep.Space && !tokens[b.t0].key.startsWith('و')) {
      raw[i - 1] = newMention(a.start, b.end, a.type, a.t0, b.t1, [...a.keys, ...b.keys], a.latin, a.source, a.alt ? [...a.alt, ...b.keys] : undefined);
      raw.splice(i, 1);
    }
  }
  raw = raw.sort((a, b) => b.t1 - b.t0 - (a.t1 - a.t0) || a.start - b.start);
  // Media names first: 'صحيفة «إزفيستيا»' is an organization whatever type the tagger gave the name.
  if (media.length) {
    const rawAt = new Int32Array(tokens.length).fill(-1);
    raw.forEach((r, ri) => {
      for (let i = r.t0; i < r.t1; i++) rawAt[i] = ri;
    });
    for (const m of media) {
      let inside = true;
      for (let i = m.t0; i < m.t1 && inside; i++) {
        const r = rawAt[i] >= 0 ? raw[rawAt[i]] : undefined;
        if (r && (r.t0 < m.t0 || r.t1 > m.t1)) inside = false;
      }
      if (inside) place(mentions, claimed, m);
    }
  }
  for (const m of raw) place(mentions, claimed, m);
  repairArabicSpans(text, tokens, mentions, claimed, st.select);
  if (mentions.some((m) => m.dropped)) {
    const kept = mentions.filter((m) => !m.dropped);
    mentions.length = 0;
    mentions.push(...kept);
    claimed.fill(-1);
    kept.forEach((m, mi) => {
      for (let x = m.t0; x < m.t1; x++) claimed[x] = mi;
    });
  }
}

/** Place a mention unless one of its words is taken. */
function place(mentions: WorkMention[], claimed: Int32Array, m: WorkMention): boolean {
  for (let i = m.t0; i < m.t1; i++) if (claimed[i] >= 0) return false;
  for (let i = m.t0; i < m.t1; i++) claimed[i] = mentions.length;
  mentions.push(m);
  return true;
}

/**
 * 2. Group by folded words. A clitic-restored first word ('الجيش' from 'للجيش') falls back to the unrestored
 * reading when only that one is a name elsewhere ('للبنان' -> 'لبنان').
 */
function groupMentions(st: LinkState): void {
  const { mentions, groups, byKey, clusters } = st;
  const keyCount = new Map<string, number>();
  const joined = mentions.map((m) => m.keys.join(' '));
  for (const j of joined) keyCount.set(j, (keyCount.get(j) ?? 0) + 1);
  for (let mi = 0; mi < mentions.length; mi++) {
    const m = mentions[mi];
    let j = joined[mi];
    if (m.alt && keyCount.get(j) === 1 && keyCount.has(m.alt.join(' '))) {
      m.keys = m.alt;
      j = m.keys.join(' ');
    }
    const k = `${m.type}|${j}`;
    let g = byKey.get(k);
    if (g === undefined) {
      g = groups.length;
      groups.push({ keys: m.keys, latin: m.latin, mentions: [], votes: new Map(), type: m.type, tagged: false });
      byKey.set(k, g);
      clusters.add();
    }
    m.group = g;
    const G = groups[g];
    G.mentions.push(m);
    G.votes.set(m.type, (G.votes.get(m.type) ?? 0) + (m.source === 'rule' ? 100 : 1));
    G.tagged = true;
  }
  for (const G of groups) {
    let best = G.type;
    let n = -1;
    for (const [t, v] of G.votes) if (v > n) [best, n] = [t, v];
    G.type = best;
  }
}

/** 3a. Spelling variants of one name (same type, same number of words), through the names matcher. */
function linkVariants(st: LinkState): void {
  const { groups, clusters } = st;
  const buckets = new Map<string, number[]>();
  groups.forEach((G, i) => {
    const b = `${G.type}|${G.keys.length}|${G.latin ? 'en' : 'ar'}`;
    let l = buckets.get(b);
    if (!l) buckets.set(b, (l = []));
    l.push(i);
  });
  // Only names with the same variantKey can be variants (see names/match.ts), so each bucket is split by that key
  // first: the same unions as comparing every pair of the bucket, without the quadratic cost.
  for (const [b, list] of buckets) {
    if (list.length < 2 || list.length > MAX_VARIANT_BUCKET || b.startsWith('misc')) continue;
    const lang: Language = groups[list[0]].latin ? 'en' : 'ar';
    const sub = new Map<string, number[]>();
    for (const gi of list) {
      const vk = variantKey(groups[gi].keys.join(' '), lang);
      const l = sub.get(vk);
      if (l) l.push(gi);
      else sub.set(vk, [gi]);
    }
    for (const same of sub.values()) {
      for (let x = 0; x < same.length; x++) {
        for (let y = x + 1; y < same.length; y++) {
          const A = groups[same[x]];
          const B = groups[same[y]];
          if (clusters.find(same[x]) === clusters.find(same[y])) continue;
          if (nameVariant(A.keys.join(' '), B.keys.join(' '), lang)) clusters.union(same[x], same[y]);
        }
      }
    }
  }
}

/**
 * 3b. Short forms to the one longer name they belong to; longer short forms first. Returns the groups by each of
 * their words (for the next step).
 */
function linkShortForms(st: LinkState): Map<string, number[]> {
  const { text, tokens, groups, clusters } = st;
  const byWord = new Map<string, number[]>();
  groups.forEach((G, i) => {
    for (const k of G.keys) {
      let l = byWord.get(k);
      if (!l) byWord.set(k, (l = []));
      // Each group once per word (groups come in order: a word repeated in a name finds itself last).
      if (l[l.length - 1] !== i) l.push(i);
    }
  });
  const fullPersons = groups.map((G, i) => (G.type === 'person' && G.keys.length >= 2 ? i : -1)).filter((i) => i >= 0);
  let surnameIndex: Map<string, number[]> | undefined;
  const order = groups.map((_, i) => i).sort((a, b) => groups[b].keys.length - groups[a].keys.length);
  // (one pair of sets for every group, emptied for each: only their contents and sizes matter)
  const candidates = new Set<number>();
  const roots = new Set<number>();
  for (const i of order) {
    const G = groups[i];
    if (G.type !== 'person' && G.type !== 'organization') continue;
    candidates.clear();
    roots.clear();
    for (const j of byWord.get(G.keys[0]) ?? []) candidates.add(j);
    for (const j of byWord.get(G.keys[G.keys.length - 1]) ?? []) candidates.add(j);
    let quals: string[] | undefined;
    for (const j of candidates) {
      const H = groups[j];
      if (j === i || H.type !== G.type || H.latin !== G.latin || H.keys.length <= G.keys.length) continue;
      const fits = G.type === 'person'
        ? isSubName(G.keys, H.keys)
        : G.keys.length >= 2 && isContiguous(G.keys, H.keys) && (quals ??= qualifiers(text, tokens, G)).every((q) => H.keys.includes(q));
      if (fits) roots.add(clusters.find(j));
    }
    // A surname spelled as a variant of one full name's surname ('شويجو' … 'سيرغي شويغو'), through the names matcher.
    if (roots.size === 0 && G.type === 'person' && G.keys.length === 1 && fullPersons.length <= MAX_VARIANT_BUCKET) {
      const lang: Language = G.latin ? 'en' : 'ar';
      // tokenVariant only accepts tokens with equal bucket keys: look up the full names by their surname's key.
      surnameIndex ??= fullPersonsBySurname(groups, fullPersons);
      for (const j of surnameIndex.get(`${lang}|${bucketKey(G.keys[0], lang)}`) ?? []) {
        const H = groups[j];
        if (tokenVariant(G.keys[0], H.keys[H.keys.length - 1], lang)) roots.add(clusters.find(j));
      }
    }
    if (roots.size === 1) clusters.union(i, roots.values().next().value!);
  }
  return byWord;
}

/**
 * What qualifies a short organization name where it stands: "Russia's Security Council", 'مجلس الأمن الروسي'
 * (adjective left out of the span). A longer name without that qualifier is another organization.
 */
function qualifiers(text: string, tokens: readonly Token[], G: Group): string[] {
  const out = new Set<string>();
  for (const m of G.mentions) {
    if (m.latin && m.t0 >= 2 && isApostropheS(text, tokens, m.t0 - 1) && tokens[m.t0 - 2].cap) out.add(tokens[m.t0 - 2].key);
    const after = tokens[m.t1];
    if (!m.latin && after && after.sep === Sep.Space && formNationalAdjective(after.form)) out.add(after.key);
  }
  return [...out];
}

/** The full person names (two words or more) by the bucket key of their surname. */
function fullPersonsBySurname(groups: readonly Group[], fullPersons: readonly number[]): Map<string, number[]> {
  const index = new Map<string, number[]>();
  for (const j of fullPersons) {
    const H = groups[j];
    const lang: Language = H.latin ? 'en' : 'ar';
    const k = `${lang}|${bucketKey(H.keys[H.keys.length - 1], lang)}`;
    const l = index.get(k);
    if (l) l.push(j);
    else index.set(k, [j]);
  }
  return index;
}

/**
 * A surname the tagger typed as a place or organization ('لافروف' as LOC once): it joins the one person whose
 * surname it is, when no longer place/organization name contains the word and the tagger did not call the word a
 * place more often than it named the person; the person's type governs.
 */
function linkSurnameTypes(st: LinkState, byWord: Map<string, number[]>): void {
  const { groups, clusters } = st;
  const roots = new Set<number>();
  groups.forEach((G, i) => {
    if (G.type === 'person' || G.keys.length !== 1) return;
    roots.clear();
    let other = false;
    for (const j of byWord.get(G.keys[0]) ?? []) {
      const H = groups[j];
      if (j === i || H.latin !== G.latin || H.keys.length < 2) continue;
      if (H.type === 'person' && H.keys[H.keys.length - 1] === G.keys[0] && H.mentions.length >= G.mentions.length) roots.add(clusters.find(j));
      else if (H.type !== 'person') other = true;
    }
    if (roots.size === 1 && !other && clusters.find(i) === i) {
      clusters.union(i, roots.values().next().value!);
      G.votes.clear();
      G.type = 'person';
    }
  });
}

/**
 * Acronyms (Latin): 'UN' / 'U.N.' -> the one organization whose initials spell it. The organizations of two words
 * or more by their initials, built once on the first acronym (no pass over every group per acronym); types and keys
 * do not change in this pass.
 */
function linkAcronyms(st: LinkState): void {
  const { text, groups, clusters } = st;
  let initialsIndex: Map<string, number[]> | undefined;
  groups.forEach((G, i) => {
    if (!G.latin || G.type !== 'organization') return;
    const m = G.mentions[0];
    const surface = text.slice(m.start, m.end).replace(/[.\s]/g, '');
    if (!/^[A-Z]{2,6}$/.test(surface)) return;
    const roots = new Set<number>();
    initialsIndex ??= orgsByInitials(groups);
    for (const j of initialsIndex.get(surface.toLowerCase()) ?? []) if (j !== i) roots.add(clusters.find(j));
    if (roots.size === 1) clusters.union(i, [...roots][0]);
  });
}

function orgsByInitials(groups: readonly Group[]): Map<string, number[]> {
  const index = new Map<string, number[]>();
  groups.forEach((H, j) => {
    if (!H.latin || H.type !== 'organization' || H.keys.length < 2) return;
    const initials = H.keys.filter((k) => !EN_INITIAL_SKIP.has(k)).map((k) => k[0]).join('');
    const l = index.get(initials);
    if (l) l.push(j);
    else index.set(initials, [j]);
  });
  return index;
}

interface Pattern {
  keys: string[];
  root: number;
}

/** The names to look for at every free word (4. Propagation), by their first word; longer names first. */
function propagationPatterns(st: LinkState): Map<string, Pattern[]> {
  const { groups, byKey, clusters } = st;
  // The one root of each name, or -1 when names of two clusters are spelled so (roots are >= 0): no Set per name.
  const patternRoots = new Map<string, number>();
  const addRoot = (m: Map<string, number>, k: string, root: number) => {
    const r = m.get(k);
    if (r === undefined) m.set(k, root);
    else if (r !== root) m.set(k, -1);
  };
  const surnameRoot = new Map<string, number>();
  groups.forEach((G, i) => {
    const root = clusters.find(i);
    addRoot(patternRoots, G.keys.join(' '), root);
    if (G.type === 'person' && G.keys.length >= 2) addRoot(surnameRoot, G.keys[G.keys.length - 1], root);
  });
  for (const [last, root] of surnameRoot) {
    if (root < 0) continue;
    const latin = /^[a-z]/.test(last);
    if (last.length < 3) continue;
    if (latin ? EN_NOT_NAMES.has(last) || EN_TRIGGERS.has(last) : AR_NOT_NAMES.has(last) || !!arLexStem(last, AR_TRIGGERS) || !!arNationalAdjective(last)) continue;
    // A native Arabic name that is also a common word (صالح، حسن، كريم) is propagated only if tagged alone somewhere.
    if (!latin && isNativeArabicName(last) && !byKey.has(`person|${last}`)) continue;
    addRoot(patternRoots, last, root);
  }
  const patterns = new Map<string, Pattern[]>();
  for (const [k, root] of patternRoots) {
    if (root < 0) continue;
    const keys = k.split(' ');
    if (keys.length === 1) {
      const w = keys[0];
      const latin = /^[a-z0-9]/.test(w);
      if (w.length < (latin ? 2 : 3) || (latin ? EN_NOT_NAMES.has(w) : AR_NOT_NAMES.has(w))) continue;
    }
    let l = patterns.get(keys[0]);
    if (!l) patterns.set(keys[0], (l = []));
    l.push({ keys, root });
  }
  for (const l of patterns.values()) l.sort((a, b) => b.keys.length - a.keys.length);
  return patterns;
}

/**
 * 4. Propagation: every name found once is looked for at every free word. Propagated mentions join the group of
 * their words (or a new group of the same cluster).
 */
function propagate(st: LinkState): void {
  const { text, tokens, mentions, claimed, groups, byKey, clusters } = st;
  const patterns = propagationPatterns(st);
  // Every reading of a word ends with the word's last two letters, is at most 3 letters shorter and at most 1 longer
  // (clitic readings are suffixes, or 'ا'/'ال' + suffix after 'لل'): a word whose (last two letters, length) fits no pattern's
  // first word is passed over without looking up its readings (most words of an article).
  const ends = new Uint32Array(2048);
  for (const k of patterns.keys()) if (k.length >= 2) {
    const h = endHash(k, k.length);
    ends[h >>> 5] |= 1 << (h & 31);
  }
  // The words that pass that test (and are not lower-case Latin) depend on their own form and `ends` only: selected
  // per paragraph, and kept for an unchanged paragraph while `ends` stays the same (st.version).
  const starts = st.select('pattern-start', (toks, x) => {
    const t = toks[x];
    return !(t.latin && !t.cap) && mayStartPattern(ends, t.key);
  }, st.version('pattern-start', ends));
  // The last word of the last name found: the next one starts after it.
  let skipTo = -1;
  for (let si = 0; si < starts.length; si++) {
    const i = starts[si];
    if (i <= skipTo || claimed[i] >= 0) continue;
    const t = tokens[i];
    const readings = formReadings(t.form);
    let done = false;
    for (const r of readings) {
      const list = patterns.get(r.key);
      if (!list) continue;
      for (const p of list) {
        if (r.strip > 0 && p.keys[0].length < 3) continue;
        const n = p.keys.length;
        if (i + n > tokens.length) continue;
        let ok = true;
        for (let j = 1; j < n && ok; j++) {
          const u = tokens[i + j];
          ok = claimed[i + j] < 0 && u.key === p.keys[j] && u.sep === Sep.Space && u.region === t.region;
        }
        if (!ok) continue;
        const start = t.start + (r.strip ? offsetAfterLetters(text.slice(t.start, t.end), r.strip) : 0);
        const g = p.root;
        // A reading longer than the letters it covers restored the article's elided letters ('لله' -> 'الله').
        const m = newMention(start, tokens[i + n - 1].end, groups[g].type, i, i + n, p.keys, t.latin, 'propagated', undefined, r.key.length - (t.key.length - r.strip));
        const k = `${groups[g].type}|${p.keys.join(' ')}`;
        let gi = byKey.get(k);
        if (gi === undefined) {
          gi = groups.length;
          groups.push({ keys: p.keys, latin: t.latin, mentions: [], votes: new Map(), type: groups[g].type, tagged: false });
          byKey.set(k, gi);
          clusters.add();
          clusters.union(gi, p.root);
        }
        m.group = gi;
        groups[gi].mentions.push(m);
        for (let j = i; j < i + n; j++) claimed[j] = mentions.length;
        mentions.push(m);
        skipTo = i + n - 1;
        done = true;
        break;
      }
      if (done) break;
    }
  }
}

/** Can a word with this key start a pattern (see `propagate`)? */
function mayStartPattern(ends: Uint32Array, key: string): boolean {
  if (key.length < 2) return true;
  for (let len = key.length + 1; len >= key.length - 3 && len >= 2; len--) {
    const h = endHash(key, len);
    if (ends[h >>> 5] & (1 << (h & 31))) return true;
  }
  return false;
}

/**
 * 'لجيش الليبي' (from 'للجيش الليبي', the clitic excluded from the range) is written with its article: 'الجيش
 * الليبي' is the mention's text (and the entity's name) while its range stays on the written letters; such a text is
 * one character longer than its range, two after 'لله' ('الله' over 'له': alif and lam restored, tokens.ts
 * restoreArticle); names/match.ts mentionParts maps its parts back to the text.
 */
function shownText(text: string, tokens: readonly Token[], m: WorkMention): string {
  const raw = text.slice(m.start, m.end);
  let restored = m.restored;
  if (restored === 0 && m.start !== tokens[m.t0].start && m.alt && m.keys !== m.alt) restored = m.keys[0].length - m.alt[0].length;
  return restored > 0 ? 'ال'.slice(0, restored) + raw : raw;
}

/** Does group A come before B as the canonical name (more words, then more mentions, then earlier)? */
function canonBefore(A: Group, B: Group): boolean {
  const d = B.keys.length - A.keys.length || B.mentions.length - A.mentions.length || A.mentions[0].start - B.mentions[0].start;
  return d < 0;
}

/** The first mention at a word start that is not Latin in capitals; else the first at a word start; else the first. */
function canonicalMention(text: string, tokens: readonly Token[], mentions: readonly WorkMention[]): WorkMention {
  let firstWhole: WorkMention | undefined;
  for (const m of mentions) {
    if (m.start !== tokens[m.t0].start) continue;
    if (!m.latin || /\p{Ll}/u.test(text.slice(m.start, m.end))) return m;
    firstWhole ??= m;
  }
  return firstWhole ?? mentions[0];
}

/** Are the mentions in order of their starts (non-decreasing)? */
function byStart(ms: readonly WorkMention[]): boolean {
  for (let i = 1; i < ms.length; i++) if (ms[i].start < ms[i - 1].start) return false;
  return true;
}

/** 5 + 6. Entities in order of their first mention; each mention gets its entity. */
function buildEntities(st: LinkState): Entity[] {
  const { text, tokens, mentions, groups, clusters } = st;
  const members = new Map<number, number[]>();
  groups.forEach((_, i) => {
    const r = clusters.find(i);
    let l = members.get(r);
    if (!l) members.set(r, (l = []));
    l.push(i);
  });
  const entities: Entity[] = [];
  const entityOfRoot = new Map<number, number>();
  const usedIds = new Map<string, number>();
  // Entities in order of their first mention (computed once per cluster, not once per comparison).
  const firstOf = new Map<number, number>();
  for (const [root, gis] of members) {
    let s = Infinity;
    for (const gi of gis) for (const m of groups[gi].mentions) if (m.start < s) s = m.start;
    firstOf.set(root, s);
  }
  const roots = [...members.keys()].sort((a, b) => firstOf.get(a)! - firstOf.get(b)!);
  for (const root of roots) {
    const gs = members.get(root)!.filter((gi) => groups[gi].mentions.length > 0);
    if (gs.length === 0) continue;
    // Type: the tagger's majority over the whole cluster (one group: its own votes, in the same order).
    let votes = groups[gs[0]].votes;
    if (gs.length > 1) {
      votes = new Map<NerType, number>();
      for (const gi of gs) groups[gi].votes.forEach((v, t) => votes.set(t, (votes.get(t) ?? 0) + v));
    }
    let type: NerType = groups[gs[0]].type;
    let best = -1;
    votes.forEach((v, t) => {
      if (v > best) {
        type = t;
        best = v;
      }
    });
    // Canonical: the group with most words; then most mentions; then first (the first of gs among equals, as a stable
    // sort would put it first). Its first whole-word mention, as written.
    let canon = gs[0];
    for (let x = 1; x < gs.length; x++) if (canonBefore(groups[gs[x]], groups[canon])) canon = gs[x];
    // Prefer a mention at a word start, and not in capitals (a dateline's 'MOSCOW' names 'Moscow').
    const cm = canonicalMention(text, tokens, groups[canon].mentions);
    const name = singleSpaced(shownText(text, tokens, cm));
    // The cluster's mentions by start (a stable sort: a group's mentions often are in order already).
    let ms = gs.length === 1 ? groups[gs[0]].mentions : gs.flatMap((gi) => groups[gi].mentions);
    if (!byStart(ms)) {
      if (gs.length === 1) ms = ms.slice();
      ms.sort((a, b) => a.start - b.start);
    }
    let id = `${type as EntityType}:${name}`;
    const seen = usedIds.get(id) ?? 0;
    usedIds.set(id, seen + 1);
    if (seen) id += `#${seen + 1}`;
    entityOfRoot.set(root, entities.length);
    entities.push({
      id,
      type: type as EntityType,
      name,
      mentions: ms.map((m): Mention => ({ start: m.start, end: m.end, text: shownText(text, tokens, m) })),
      roles: [],
    });
  }
  for (const m of mentions) m.entity = entityOfRoot.get(clusters.find(m.group)) ?? -1;
  return entities;
}

export type { Role };
