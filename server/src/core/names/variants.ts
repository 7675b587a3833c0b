/**
 * Spelling groups of one article: which name parts (tokens of entity mentions) are spellings of the same name.
 *
 * Within one entity, two name parts are grouped when they are variants (see match.ts). Across two entities of the
 * same type that the linker did not merge, name parts are grouped only when two whole mentions are variants
 * token by token ('لافروف' / 'لافروڤ', 'سيرغي لافروف' / 'سيرجي لافروف'), or when a bare surname is a variant of
 * the surname of a full name ('شويجو' / 'سيرغي شويغو'); so different people who share a first name
 * ('سيرغي لافروف' / 'سيرغي شويغو') never are.
 */
import { nextRun, runCharLength } from '../text/tokenize';
import type { Entity, EntityType, Language } from '../types';
import { arBucketHash, bucketKey, bucketKeyHash, enBucketHash, foldName, isNativeArabicName, keyHashBits, leadingClitic, nameParts, nameVariant, scanArabicWords, tokenVariant, type MatchOptions, type VariantKind } from './match';

/** One name part as written in the text (clitics excluded: the mention span already excludes them). */
export interface NamePartOccurrence {
  text: string;
  start: number;
  end: number;
  entity: number;
  /** Index of the mention within its entity. */
  mention: number;
}

export interface SpellingGroup {
  type: EntityType;
  /** Occurrences in document order. */
  occurrences: NamePartOccurrence[];
  /** Distinct spellings with their counts, in order of first occurrence. */
  spellings: Array<{ text: string; count: number; first: number }>;
  /** transliteration when any two spellings differ by more than writing conventions. */
  kind: VariantKind;
  /** True when the group spans entities the linker kept apart. */
  acrossEntities: boolean;
}

/** No words added to an entity by scanText (see spellingGroups). */
const NO_EXTRA: number[] = [];

/** Entity types whose names are checked. Dates and misc are not names. */
export const NAME_TYPES: readonly EntityType[] = ['person', 'location', 'organization'];

/** Union-find over occurrence indices; the root of a set is always its smallest member (see `union`). */
class UnionFind {
  private p: Int32Array;
  constructor(n: number) {
    this.p = new Int32Array(n);
    for (let i = 0; i < n; i++) this.p[i] = i;
  }
  find(x: number): number {
    while (this.p[x] !== x) {
      this.p[x] = this.p[this.p[x]];
      x = this.p[x];
    }
    return x;
  }
  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.p[Math.max(ra, rb)] = Math.min(ra, rb);
  }
}

/** Spelling groups with at least two distinct spellings, in document order of their first occurrence. */
export function spellingGroups(entities: readonly Entity[], lang: Language, opts: MatchOptions = {}, text?: string, lines?: LineWordCache): SpellingGroup[] {
  const occ: NamePartOccurrence[] = [];
  const byMention: number[][][] = [];
  entities.forEach((e, ei) => {
    byMention[ei] = [];
    if (!NAME_TYPES.includes(e.type)) return;
    e.mentions.forEach((m, mi) => {
      const ids: number[] = [];
      // The mention's parts that have a letter, from the parts of its text remembered, placed in the text as
      // match.ts mentionParts places them (inline: no intermediate list per mention).
      const shift = m.text.length - (m.end - m.start);
      for (const p of letterParts(m.text, lang)) {
        ids.push(occ.length);
        occ.push({ text: p.text, start: m.start + Math.max(0, p.start - shift), end: m.start + p.end - shift, entity: ei, mention: mi });
      }
      byMention[ei][mi] = ids;
    });
  });
  // The words scanText adds to each entity (NO_EXTRA, shared and never changed, until it adds one).
  const extra: number[][] = entities.map(() => NO_EXTRA);
  if (text !== undefined) scanText(text, lang, opts, entities, occ, extra, lines);
  const uf = new UnionFind(occ.length);
  // Depends on the two spellings only: remembered across analyses for the default options (see pairMemo).
  const memo = defaultOptions(opts) ? pairMemo[lang] : new Map<string, boolean>();
  const variant = (a: string, b: string): boolean => {
    if (a === b) return true;
    const k = a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
    let v = memo.get(k);
    if (v === undefined) {
      if (memo.size >= budget.pairs) memo.clear();
      v = tokenVariant(a, b, lang, opts) !== null;
      memo.set(k, v);
    }
    return v;
  };

  // Within each entity: every pair of name parts that are variants (or equal).
  for (let ei = 0; ei < entities.length; ei++) {
    // (fewer than two parts: nothing to group)
    let nParts = extra[ei].length;
    for (const m of byMention[ei]) nParts += m ? m.length : 0;
    if (nParts < 2) continue;
    // Each distinct spelling of the entity gets a number (in order of first occurrence) and the id of its first
    // occurrence; every occurrence joins the first one of its spelling.
    const spellingOf = new Map<string, number>();
    const firstIds: number[] = [];
    const distinct: string[] = [];
    const see = (id: number): void => {
      const t = occ[id].text;
      const d = spellingOf.get(t);
      if (d === undefined) {
        spellingOf.set(t, distinct.length);
        distinct.push(t);
        firstIds.push(id);
      } else uf.union(firstIds[d], id);
    };
    for (const ids of byMention[ei]) if (ids) for (const id of ids) see(id);
    for (const id of extra[ei]) see(id);
    const n = distinct.length;
    if (n < 2) continue;
    // Two spellings written together in one mention are two parts of the name ('مني مناوي'), never variants (each
    // mention text once: an entity's mentions repeat the same few texts). Pairs of spelling numbers, d1 * n + d2.
    const together = new Set<number>();
    const texts = new Set<string>();
    byMention[ei].forEach((ids, mi) => {
      if (!ids || ids.length < 2 || texts.has(entities[ei].mentions[mi].text)) return;
      texts.add(entities[ei].mentions[mi].text);
      for (const x of ids) {
        const dx = spellingOf.get(occ[x].text)!;
        for (const y of ids) {
          const dy = spellingOf.get(occ[y].text)!;
          if (dx !== dy) together.add(dx * n + dy);
        }
      }
    });
    for (let i = 0; i < n; i++)
      for (let j = i + 1; j < n; j++)
        if (!together.has(i * n + j) && variant(distinct[i], distinct[j])) uf.union(firstIds[i], firstIds[j]);
  }

  // Across entities of the same type: whole mentions that are variants token by token, or a bare surname against
  // the surname of a full name. Mentions are bucketed by their token keys (bucketKey), so only mentions that can be
  // variants are compared: near-linear in the number of distinct mentions.
  interface M {
    ent: number;
    mi: number;
    text: string;
    ids: number[];
  }
  const full = new Map<string, M[]>();
  const byLast = new Map<string, M[]>();
  for (let ei = 0; ei < entities.length; ei++) {
    const e = entities[ei];
    if (!NAME_TYPES.includes(e.type)) continue;
    // (each mention text once; an entity of one mention needs no set)
    const seen = e.mentions.length > 1 ? new Set<string>() : undefined;
    e.mentions.forEach((m, mi) => {
      const ids = byMention[ei][mi];
      if (!ids || ids.length === 0 || seen?.has(m.text)) return;
      seen?.add(m.text);
      const keys = ids.map((id) => bucketKey(occ[id].text, lang));
      const item: M = { ent: ei, mi, text: m.text, ids };
      const k = `${e.type}\u0000${keys.join(' ')}`;
      (full.get(k) ?? full.set(k, []).get(k)!).push(item);
      if (e.type === 'person' && ids.length > 1) {
        const lk = `${keys[keys.length - 1]}`;
        (byLast.get(lk) ?? byLast.set(lk, []).get(lk)!).push(item);
      }
    });
  }
  // (forEach: no entry or iterator result objects per name)
  full.forEach((list) => {
    for (let x = 0; x < list.length; x++)
      for (let y = x + 1; y < list.length; y++) {
        const A = list[x];
        const B = list[y];
        if (A.ent === B.ent) continue;
        const v = nameVariant(A.text, B.text, lang, opts);
        if (!v || A.ids.length !== B.ids.length) continue;
        for (let k = 0; k < A.ids.length; k++) if (v.parts[k]?.kind !== 'same') uf.union(A.ids[k], B.ids[k]);
      }
  });
  full.forEach((list, k) => {
    if (!k.startsWith('person\u0000') || k.includes(' ')) return;
    for (const S of list) {
      if (S.ids.length !== 1) continue;
      for (const F of byLast.get(k.slice('person\u0000'.length)) ?? []) {
        if (F.ent === S.ent) continue;
        const last = F.ids[F.ids.length - 1];
        const single = S.ids[0];
        if (occ[single].text !== occ[last].text && variant(occ[single].text, occ[last].text)) uf.union(single, last);
      }
    }
  });

  // The root of a union is its smallest member (UnionFind.union), so a group's first occurrence is its root, and the
  // groups come in the order of their roots. Only groups with two spellings or more are collected (most names have one).
  const root = new Int32Array(occ.length);
  const mixed = new Uint8Array(occ.length);
  for (let i = 0; i < occ.length; i++) {
    const r = uf.find(i);
    root[i] = r;
    if (r !== i && occ[i].text !== occ[r].text) mixed[r] = 1;
  }
  const groups = new Map<number, number[]>();
  for (let i = 0; i < occ.length; i++) {
    const r = root[i];
    if (!mixed[r]) continue;
    const g = groups.get(r);
    if (g) g.push(i);
    else groups.set(r, [i]);
  }
  const out: SpellingGroup[] = [];
  for (const ids of groups.values()) {
    const items = ids.map((i) => occ[i]).sort((x, y) => x.start - y.start);
    const counts = new Map<string, { text: string; count: number; first: number }>();
    for (const o of items) {
      const c = counts.get(o.text);
      if (c) c.count++;
      else counts.set(o.text, { text: o.text, count: 1, first: o.start });
    }
    if (counts.size < 2) continue;
    const spellings = [...counts.values()];
    let kind: VariantKind = 'orthographic';
    for (let i = 0; i < spellings.length && kind === 'orthographic'; i++)
      for (let j = i + 1; j < spellings.length; j++)
        if (tokenVariant(spellings[i].text, spellings[j].text, lang, opts)?.kind !== 'orthographic') {
          kind = 'transliteration';
          break;
        }
    const ents = new Set(items.map((o) => o.entity));
    out.push({ type: entities[items[0].entity].type, occurrences: items, spellings, kind, acrossEntities: ents.size > 1 });
  }
  out.sort((x, y) => x.occurrences[0].start - y.occurrences[0].start);
  return out;
}

/**
 * Words the tagger left out that are transliteration variants of a person's or place's name part in this article
 * ('بوتن' untagged next to the tagged 'بوتين'): the tagger rarely recognizes an unseen spelling, and the linker only
 * propagates exact spellings. Only foreign-shaped parts (not native Arabic names, 4 letters or more) are looked
 * for, only transliteration variants count (an orthographic near-twin of a name is often an ordinary word: أمل/امل),
 * English words must be capitalized, and Arabic words are read with and without leading clitics (و ف ب ل ك).
 * Found words join the entity of the part they vary (mention index -1).
 */
function scanText(text: string, lang: Language, opts: MatchOptions, entities: readonly Entity[], occ: NamePartOccurrence[], extra: number[][], lines?: LineWordCache): void {
  const built = new Map<string, IndexEntry[]>();
  const covered: Array<[number, number]> = [];
  const loosePlaces = new Set<number>();
  // The occurrences of each entity, in order (one pass instead of one pass over all occurrences per entity).
  const occOf: NamePartOccurrence[][] = entities.map(() => []);
  for (const o of occ) occOf[o.entity].push(o);
  for (let ei = 0; ei < entities.length; ei++) {
    const e = entities[ei];
    // Words inside a person or place mention are that name's own; a word the tagger put into an organization or
    // misc span ('مجلس الأمن الروسي نيقولاي') may still be a person's name part.
    if (e.type !== 'person' && e.type !== 'location') continue;
    // A one-word place may be a person's name part the tagger typed wrong ('نيقولاي' as a place): it stays open
    // to person parts only.
    for (const m of e.mentions) {
      if (e.type === 'location' && !/\s/.test(m.text)) loosePlaces.add(m.start);
      else covered.push([m.start, m.end]);
    }
    const seen = new Set<string>();
    for (const o of occOf[ei]) {
      if (o.text.length < 4 || seen.has(o.text)) continue;
      seen.add(o.text);
      const sh = partShape(o.text, lang);
      if (!sh) continue;
      // (a spelling comes here once per entity, `seen`: no entry repeats)
      const entry: IndexEntry = { text: o.text, entity: ei, shape: sh.shape };
      const list = built.get(sh.key);
      if (list) list.push(entry);
      else built.set(sh.key, [entry]);
    }
  }
  if (built.size === 0) return;
  const known = new Set(occ.map((o) => o.text));
  covered.sort((a, b) => a[0] - b[0]);
  let ci = 0;
  // The index and the known spellings decide each word's hits: when they are those of the previous analysis of this
  // document (an edit that changed no name), its index and stamp are kept, and with them every word's hits.
  // (Default options only: an index entry keeps answers made under the options of its analysis.)
  const same = defaultOptions(opts) ? lines?.sameScan(built, known) : undefined;
  const index = same ? same.index : built;
  const stamp = same ? same.stamp : ++scanStamp;
  if (!same) lines?.rememberScan(built, known, stamp);
  const transliterationOf = (cand: string, x: IndexEntry): boolean => {
    if (lang === 'en' && (x.text[0] !== cand[0] || (x.text.at(-1) !== cand.at(-1) && /[aeiouy]/i.test(x.text.at(-1)! + cand.at(-1)!)))) return false;
    // Arabic: one alternation; a name part without long vowels (حفتر) only by a letter for a letter (حفطر).
    // English: up to two for names of six letters or more (Lavrov/Lavroff), else one.
    if (lang === 'ar' && x.shape === 'plain' && cand.length !== x.text.length) return false;
    const v = tokenVariant(cand, x.text, lang, opts);
    return v?.kind === 'transliteration' && v.cost <= (lang === 'en' && x.text.length >= 6 ? 2 : 1);
  };
  const readingsOf = (r: WordReadings): Reading[] => {
    let out: Reading[] | undefined;
    for (let i = 0; i < r.tests.length; i++) {
      const list = index.get(r.tests[i].key);
      if (list) (out ??= []).push([r.tests[i].cand, r.tests[i].delta, list]);
    }
    // A known spelling behind a clitic ('وواشنطن' = و + واشنطن) is that name, not a variant of it.
    if (!out || (lang === 'ar' && r.all.some((x) => known.has(x)))) return NO_HITS;
    return out;
  };
  // A word's hits, made once per distinct word and article (`stamp`).
  const hitsOf = (r: WordReadings): Reading[] => {
    if (r.stamp !== stamp) {
      r.stamp = stamp;
      r.hits = readingsOf(r);
    }
    return r.hits;
  };
  const visit = (start: number, end: number, r: WordReadings): void => {
    // Most words hit no index entry: that answer is checked first.
    const cands = hitsOf(r);
    if (cands.length === 0) return;
    while (ci < covered.length && covered[ci][1] <= start) ci++;
    for (let j = ci; j < covered.length && covered[j][0] < end; j++) if (covered[j][1] > start) return;
    for (const [cand, delta, list] of cands) {
      const hit = list.find((x) => {
        if (x.text === cand) return false;
        if (loosePlaces.size && (loosePlaces.has(start) || loosePlaces.has(start + delta)) && entities[x.entity].type !== 'person') return false;
        // The rest depends on the two spellings only: remembered per index entry (long articles repeat the words),
        // and across analyses per spelling, shape and candidate (bounded; an edited article asks the same again).
        const memo = (x.memo ??= transliterationMemo(lang, x.text, x.shape, opts));
        let ok = memo.get(cand);
        if (ok === undefined) {
          ok = transliterationOf(cand, x);
          memo.set(cand, ok);
        }
        return ok;
      });
      if (!hit) continue;
      (extra[hit.entity] === NO_EXTRA ? (extra[hit.entity] = []) : extra[hit.entity]).push(occ.length);
      occ.push({ text: cand, start: start + delta, end, entity: hit.entity, mention: -1 });
      break;
    }
  };
  if (lines) {
    // Only the words with hits are visited (the others return at once): per line, kept while the stamp holds.
    lines.forEachWord(text, lang, visit, stamp, (r) => hitsOf(r).length > 0);
    return;
  }
  // A reading can only hit an index entry whose bucket key is the reading's key. The hashes of the index keys
  // let most words be passed over before they are cut out of the text or looked up (names/match.ts arBucketHash, the
  // key's hash from the characters of the text; exact: equal keys hash alike; a word of other characters goes the
  // long way).
  // English: a capitalized word's one reading is the word itself, and its key's hash is read from the characters
  // alike (enBucketHash; a word of other than ASCII letters goes the long way).
  const keyHashes = new Set<number>();
  for (const k of index.keys()) if (k.length > 0) keyHashes.add(bucketKeyHash(k));
  if (lang !== 'ar') {
    scanEnglishWords(text, (start, end) => {
      // (as candidateWord: 4 letters or more, not lower case; a word of ASCII letters whose key is none of the index's
      // is passed over, as in Arabic below)
      if (end - start < 4) return;
      const h = enBucketHash(text, start, end);
      if (h >= 0 && !keyHashes.has(h)) return;
      const r = candidateWord(text, start, end, lang);
      if (r) visit(start, end, r);
    });
    return;
  }
  // The words of the text (runs of letters and marks, as /[\p{L}\p{M}]+/gu finds them) of 4 characters or more (as
  // candidateWord takes), each with its key's hash read as its end is found (scanArabicWords), a word of plain letters
  // only when the bit of its hash or of a clitic-less reading's is among the index keys' (the exact test follows).
  try {
    scanArabicWords(text, (start, end, h0) => {
      if (h0 >= 0 && !keyHashes.has(h0)) {
        // The readings without a leading clitic (see wordReadings).
        const n = leadingClitic(text, start);
        if (!(n > 0 && keyHashes.has(arBucketHash(text, start + n, end))) && !(n === 2 && keyHashes.has(arBucketHash(text, start + 1, end)))) return;
      }
      const r = candidateWord(text, start, end, lang);
      if (r) visit(start, end, r);
    }, keyHashBits(keyHashes, KEY_BITS));
  } finally {
    // (the table is cleared for the next article, after a throw too: only the words of its keys were set; a bit left
    // set would only let more words through to the exact test, for every later article)
    for (const h of keyHashes) KEY_BITS[(h >>> 5) & 2047] = 0;
  }
}

/** scanText's bit table of the index keys' hashes (names/match.ts keyHashBits), all clear between calls. */
const KEY_BITS = new Uint32Array(2048);

/**
 * Calls `f` for the words of `text` (runs of letters and marks, as /[\p{L}\p{M}]+/gu finds them) that do not start
 * with a lower-case ASCII letter (a-z), in order: the only words English scanning tests (candidateWord). The others
 * are passed over character by character without a table: a word can start only at an upper-case ASCII letter or a
 * character outside ASCII, and does when the character before is no letter or mark.
 */
export function scanEnglishWords(text: string, f: (start: number, end: number) => void): void {
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80 && !(c >= 65 && c <= 90)) continue;
    // A letter or mark here (a non-ASCII character may be none)…
    let k = c < 0x80 ? 1 : runCharLength(text, i, 1);
    if (k === 0) continue;
    // …that starts its run: the character before (a surrogate pair counts as one) is no letter or mark.
    if (i > 0) {
      const p = text.charCodeAt(i - 1);
      const inRun = p < 0x80
        ? (p >= 65 && p <= 90) || (p >= 97 && p <= 122)
        : p >= 0xdc00 && p <= 0xdfff && i >= 2 ? runCharLength(text, i - 2, 1, i) === 2 || runCharLength(text, i - 1, 1) !== 0 : runCharLength(text, i - 1, 1) !== 0;
      if (inRun) {
        i += k - 1;
        continue;
      }
    }
    const start = i;
    for (i += k; i < n && (k = runCharLength(text, i, 1)) !== 0; ) i += k;
    f(start, i);
    // (the character at i is no letter or mark: the loop goes on after it)
  }
}

/**
 * The readings of the word [start, end) worth testing, or undefined when none can be (cheap rejects first: every
 * reading tested has 4 letters or more; English words must be capitalized). Depends on the word alone.
 */
function candidateWord(text: string, start: number, end: number, lang: Language): WordReadings | undefined {
  if (end - start < 4) return undefined;
  if (lang !== 'ar') {
    const c0 = text.charCodeAt(start);
    if (c0 >= 97 && c0 <= 122) return undefined;
  }
  const r = wordReadings(text.slice(start, end), lang);
  return r.tests.length === 0 ? undefined : r;
}

/**
 * The parts of a mention text that have a letter (names/match.ts nameParts, offsets inside the text). Depends on the
 * text alone: remembered (bounded); the lists are shared, never changed.
 */
function letterParts(text: string, lang: Language): ReadonlyArray<{ text: string; start: number; end: number }> {
  const memo = partsMemo[lang];
  let r = memo.get(text);
  if (!r) {
    r = nameParts(text, lang).filter((p) => /\p{L}/u.test(p.text));
    if (memo.size >= budget.parts) memo.clear();
    memo.set(text, r);
  }
  return r;
}

const partsMemo: Record<Language, Map<string, ReadonlyArray<{ text: string; start: number; end: number }>>> = { ar: new Map(), en: new Map() };

/**
 * Whether scanText looks for variants of a name part, with what shape, under which bucket key (undefined: not
 * looked for). Depends on the spelling alone: remembered (bounded).
 */
function partShape(text: string, lang: Language): { shape: 'foreign' | 'plain'; key: string } | undefined {
  const memo = shapeMemo[lang];
  const hit = memo.get(text);
  if (hit !== undefined) return hit ?? undefined;
  let r: { shape: 'foreign' | 'plain'; key: string } | null = null;
  if (lang === 'ar') {
    const f = foldName(text, 'ar');
    if (!isNativeArabicName(f) && !f.startsWith('ال')) r = { shape: foreignShaped(f) ? 'foreign' : 'plain', key: bucketKey(text, lang) };
  } else if (/^\p{Lu}/u.test(text)) r = { shape: 'foreign', key: bucketKey(text, lang) };
  if (memo.size >= budget.shapes) memo.clear();
  memo.set(text, r);
  return r ?? undefined;
}

const shapeMemo: Record<Language, Map<string, { shape: 'foreign' | 'plain'; key: string } | null>> = { ar: new Map(), en: new Map() };

/**
 * Are these the default options (no MatchOptions set)? Only answers made under them are remembered across analyses:
 * a caller's options may change how two spellings compare.
 */
const defaultOptions = (opts: MatchOptions): boolean => Object.keys(opts).length === 0;

/** tokenVariant(a, b) !== null for two spellings (default options), across analyses (bounded). */
const pairMemo: Record<Language, Map<string, boolean>> = { ar: new Map(), en: new Map() };

/**
 * The bounds of this module's memos (entries; a memo is emptied when it reaches its bound). The defaults suit the
 * editor, which analyzes the same words again; a workspace-scan worker, which sees each article once, sets smaller
 * ones (`setNameMemoBudget`).
 */
export interface NameMemoBudget {
  /** Words -> their readings (wordReadings). */
  readings: number;
  /** Mention texts -> their letter parts (letterParts). */
  parts: number;
  /** Name parts -> shape (foreign / plain). */
  shapes: number;
  /** Pairs of spellings -> variant or not (spellingGroups). */
  pairs: number;
  /** Index spellings with a transliteration memo, and the answers each keeps (transliterationMemo). */
  spellings: number;
  answers: number;
}

const DEFAULT_BUDGET: NameMemoBudget = { readings: 100000, parts: 50000, shapes: 50000, pairs: 50000, spellings: 20000, answers: 2000 };
let budget: NameMemoBudget = DEFAULT_BUDGET;

/** Set the memo bounds (the missing ones to their defaults; no argument: all defaults); every memo starts over empty. */
export function setNameMemoBudget(b: Partial<NameMemoBudget> = {}): void {
  budget = { ...DEFAULT_BUDGET, ...b };
  for (const lang of ['ar', 'en'] as Language[]) {
    readingsMemo[lang].clear();
    partsMemo[lang].clear();
    shapeMemo[lang].clear();
    pairMemo[lang].clear();
    transliterationMemos[lang].clear();
  }
}

/**
 * The candidate words of each line of a text (see candidateWord), remembered by the line's text, for re-analysis
 * after an edit (core/analyze.ts Analyzer): a word never spans a line break, so an unchanged line's words are the
 * same at its new offset. With them, which of a line's words hit scanText's index, while that index and the known
 * spellings stay those of the previous analysis (an edit that changes no name). Bounded: only the lines of the
 * previous text are kept.
 */
export class LineWordCache {
  /** The candidate words of each line of the previous text (of language `lang`). */
  private lines = new Map<string, LineWords>();
  private lang: Language | undefined;
  /** scanText's index and known spellings of the previous analysis, and the stamp its words' hits were made under. */
  private scan?: { index: Map<string, IndexEntry[]>; known: Set<string>; stamp: number };

  /**
   * Calls `f` for the candidate words of `text` (see candidateWord) that pass `keep`, in order. `keep` answers alike
   * for a word while `stamp` is the same: which words of a line pass is kept with the line for that stamp.
   */
  forEachWord(text: string, lang: Language, f: (start: number, end: number, r: WordReadings) => void, stamp: number, keep: (r: WordReadings) => boolean): void {
    // Candidate words depend on the language: a text of another language starts afresh.
    const prev = this.lang === lang ? this.lines : new Map<string, LineWords>();
    const cur = new Map<string, LineWords>();
    this.lang = lang;
    this.lines = cur;
    const run: [number, number] = [0, 0];
    for (let ls = 0; ls <= text.length; ) {
      let le = text.indexOf('\n', ls);
      if (le < 0) le = text.length;
      const line = text.slice(ls, le);
      let lw = cur.get(line) ?? prev.get(line);
      if (!lw) {
        const words: Array<number | WordReadings> = [];
        for (let at = 0; nextRun(line, at, 1, run); ) {
          at = run[1];
          const r = candidateWord(line, run[0], run[1], lang);
          if (r) words.push(run[0], run[1], r);
        }
        lw = { words, kept: [], stamp: 0 };
      }
      cur.set(line, lw);
      if (lw.stamp !== stamp) {
        const kept: Array<number | WordReadings> = [];
        for (let i = 0; i < lw.words.length; i += 3) if (keep(lw.words[i + 2] as WordReadings)) kept.push(lw.words[i], lw.words[i + 1], lw.words[i + 2]);
        lw.kept = kept;
        lw.stamp = stamp;
      }
      const words = lw.kept;
      for (let i = 0; i < words.length; i += 3) f(ls + (words[i] as number), ls + (words[i + 1] as number), words[i + 2] as WordReadings);
      ls = le + 1;
    }
  }

  /** The previous analysis's index and stamp when `index` and `known` have the same contents as its, else undefined. */
  sameScan(index: Map<string, IndexEntry[]>, known: Set<string>): { index: Map<string, IndexEntry[]>; stamp: number } | undefined {
    const p = this.scan;
    if (!p || p.index.size !== index.size || p.known.size !== known.size) return undefined;
    for (const [k, list] of index) {
      const old = p.index.get(k);
      if (!old || old.length !== list.length) return undefined;
      for (let i = 0; i < list.length; i++) if (old[i].text !== list[i].text || old[i].entity !== list[i].entity || old[i].shape !== list[i].shape) return undefined;
    }
    for (const t of known) if (!p.known.has(t)) return undefined;
    return p;
  }

  rememberScan(index: Map<string, IndexEntry[]>, known: Set<string>, stamp: number): void {
    this.scan = { index, known, stamp };
  }

  clear(): void {
    this.lines = new Map();
    this.lang = undefined;
    this.scan = undefined;
  }
}

/** A line's candidate words (start, end, readings, ...) and those of them that `keep` passed under `stamp`. */
interface LineWords {
  words: Array<number | WordReadings>;
  kept: Array<number | WordReadings>;
  stamp: number;
}

/**
 * The answers of scanText's variant test for one index spelling (and shape), kept across analyses: they depend on
 * the two spellings only. Bounded: at most `budget.spellings` spellings (default 20000), each with at most
 * `budget.answers` answers (default 2000). Options other than the
 * default ones (a caller's MatchOptions) are not remembered across analyses.
 */
const transliterationMemos: Record<Language, Map<string, Map<string, boolean>>> = { ar: new Map(), en: new Map() };

function transliterationMemo(lang: Language, text: string, shape: 'foreign' | 'plain', opts: MatchOptions): Map<string, boolean> {
  if (!defaultOptions(opts)) return new Map();
  const all = transliterationMemos[lang];
  const k = shape === 'plain' ? '\u0001' + text : text;
  let m = all.get(k);
  if (!m || m.size >= budget.answers) {
    if (all.size >= budget.spellings) all.clear();
    m = new Map();
    all.set(k, m);
  }
  return m;
}

/** A name part scanText looks for variants of; `memo`: candidate spelling -> is a variant (see transliterationMemo). */
interface IndexEntry {
  text: string;
  entity: number;
  shape: 'foreign' | 'plain';
  memo?: Map<string, boolean>;
}
type Reading = [cand: string, delta: number, list: IndexEntry[]];

/** The hits of a word that hits nothing (most words): one shared empty list, never changed. */
const NO_HITS: Reading[] = [];

/** One number per scanText call: a word's per-article answer (`hits`) is valid while its `stamp` is the current one. */
let scanStamp = 0;

/** The readings of one word that scanText may test, in order, with their bucket keys: they depend on the word only. */
interface WordReadings {
  stamp: number;
  /** The tests whose key is in the current article's index, with that index entry (or none when a known spelling). */
  hits: Reading[];
  /** Every reading (Arabic: with and without clitics), for the known-spelling test. */
  all: string[];
  /** The readings that pass the word-only filters (length, article, function words). */
  tests: Array<{ cand: string; delta: number; key: string }>;
}

const readingsMemo: Record<Language, Map<string, WordReadings>> = { ar: new Map(), en: new Map() };

function wordReadings(w: string, lang: Language): WordReadings {
  const memo = readingsMemo[lang];
  let r = memo.get(w);
  if (r) return r;
  const readings: Array<[string, number]> = [];
  if (lang === 'ar') {
    const n = leadingClitic(w, 0);
    if (n) readings.push([w.slice(n), n]);
    if (n === 2) readings.push([w.slice(1), 1]);
    readings.push([w, 0]);
    readings.unshift(readings.pop()!); // the whole word first: 'بوطين' is not ب + 'وطين'
  } else if (/^\p{Lu}/u.test(w)) readings.push([w, 0]);
  const tests: WordReadings['tests'] = [];
  for (const [cand, delta] of readings) {
    if (cand.length < 4) continue;
    if (lang === 'ar' && (startsWithArticle(cand) || AR_FUNCTION_WORDS.has(foldName(cand, 'ar')))) continue;
    tests.push({ cand, delta, key: bucketKey(cand, lang) });
  }
  r = { stamp: 0, hits: [], all: readings.map(([x]) => x), tests };
  if (memo.size >= budget.readings) memo.clear();
  memo.set(w, r);
  return r;
}

/** Starts with the article: ا أ إ آ then ل (as /^[اأإآ]ل/). */
function startsWithArticle(w: string): boolean {
  const c = w.charCodeAt(0);
  return (c === 0x0627 || c === 0x0623 || c === 0x0625 || c === 0x0622) && w.charCodeAt(1) === 0x0644;
}

/**
 * A foreign-shaped Arabic name part: not a native name, no article, and either a letter Arabic words do not use
 * (گ ڤ پ چ), a تش, or a long vowel after its first letter (بوتين، شويغو، لافروف، لبنان; not حفتر).
 */
function foreignShaped(folded: string): boolean {
  if (isNativeArabicName(folded) || folded.startsWith('ال') || folded.length < 4) return false;
  if (/[گڤپچ]|تش/.test(folded)) return true;
  return (folded.slice(1).match(/[اوي]/g)?.length ?? 0) >= 1;
}

/** Frequent Arabic function words (folded) that transliteration scanning must never take for a name. */
const AR_FUNCTION_WORDS = new Set(
  'ولكن لكن والتي التي الذي والذي الذين اللذين حيث وحيث بين وبين بينما كانت وكانت كان وكان يكون تكون ويكون وتكون قبل وقبل بعد وبعد خلال وخلال حول وحول عندما وعندما اليوم امس غدا ايضا وايضا فقط منذ ومنذ حتى وحتى عليه عليها لدى ولدى لقد وقد كما وكما اذا واذا ان وان انه وانه انها وانها هذا وهذا هذه وهذه ذلك وذلك تلك وتلك هناك وهناك مثل ومثل غير وغير جميع وجميع بعض وبعض كل وكل عند وعند عن وعن على وعلى الى والى فيما وفيما مما ومما ولا ولم ولن وما ومن وفي'.split(' '),
);
