/**
 * The English tagger: tokens and sentences (text/english.ts) -> features (features-en.ts) -> a linear sequence
 * model decoded with first-order Viterbi over IOB2 tags (PER, LOC, ORG, MISC). MISC is learned (it keeps
 * nationalities and events out of the three types) but not returned.
 *
 * Pure: the model and the gazetteer data come in as JSON objects (loaded by server/src/node/models.ts).
 */
import type { NerTagger, NerType, TaggedSpan } from '../resources';
import { scanEnglish, sentenceBits, sentenceCase, splitSentenceRanges, splitSentences, tokenizeEnglish } from '../text/english';
import { base64ToBytes, bytesToBase64, FrozenStringTable, PerceptronModel, type PerceptronJSON, StringTable, train } from './perceptron';
import { type DocumentContext, documentContext, EnglishLexicon, type EnglishGazetteerData, type GazetteerNode, type FeatureConfig, FULL_FEATURES, isCap, isLowerWord, LOC_PREPS, LOC_WORDS, MEDIA_NOUNS, NEIGHBOUR_EDGES, ORG_WORDS, PERSON_TITLES, restoreCase, restoreWord, SENT_END, sentenceFeatures, wordShape } from './features-en';

export interface EnglishModel {
  format: 'article-lens-ner-en/2';
  features: FeatureConfig;
  /** Lower-case words the training text writes in lower case. */
  lower: string[];
  /** Stage 1: the sentence features. */
  stage1: PerceptronJSON;
  /** Stage 2: the same features plus what stage 1 found elsewhere in the document (absent: one stage). */
  stage2?: PerceptronJSON;
}

export interface TrainSentence {
  words: string[];
  tags: string[];
}

const TAGS = ['O', 'B-PER', 'I-PER', 'B-LOC', 'I-LOC', 'B-ORG', 'I-ORG', 'B-MISC', 'I-MISC'];

/** Lower-case words of the training text seen at least twice (the 'known common word' lexicon). */
function lowerLexicon(docs: TrainSentence[][]): string[] {
  const c = new Map<string, number>();
  for (const d of docs) for (const s of d) for (const w of s.words) if (/^[a-z]/.test(w)) c.set(w, (c.get(w) ?? 0) + 1);
  return [...c].filter(([, n]) => n >= 2).map(([w]) => w).sort();
}

function docFeatures(sents: readonly (readonly string[])[], lex: EnglishLexicon, cfg: FeatureConfig): string[][][] {
  const doc: DocumentContext = documentContext(sents.flatMap((s) => s.map((text) => ({ text }))), lex);
  return sents.map((words) => {
    const toks = words.map((text, i) => ({ start: i, end: i + 1, text }));
    const mode = sentenceCase(toks, 0, toks.length);
    return mode === 'normal' ? sentenceFeatures(words, lex, doc, mode, cfg) : sentenceFeatures(restoreCase(words, lex), lex, doc, 'normal', cfg);
  });
}

/** What stage 1 tagged a capitalized word as, across the document: token counts per type, and the type of a
 *  multi-word span the word was part of. */
interface DocStats {
  counts: Map<string, number[]>;
  inLong: Map<string, number>;
}

const STAT_TYPES = ['PER', 'LOC', 'ORG', 'MISC'];

function wordKey(w: string): string | undefined {
  const c = w.charCodeAt(0);
  if (!((c >= 65 && c <= 90) || (c >= 0xc0 && c <= 0xde))) return undefined;
  return w.toLowerCase();
}

function docStats(sents: readonly (readonly string[])[], tags: readonly (readonly string[])[]): DocStats {
  const counts = new Map<string, number[]>();
  const inLong = new Map<string, number>();
  for (let k = 0; k < sents.length; k++) {
    const words = sents[k];
    const tg = tags[k];
    let spanStart = -1;
    for (let i = 0; i <= words.length; i++) {
      const t = i < words.length ? tg[i] : 'O';
      if (spanStart >= 0 && (t === 'O' || t.startsWith('B-'))) {
        const type = STAT_TYPES.indexOf(tg[spanStart].slice(2));
        if (i - spanStart > 1 && type >= 0) for (let j = spanStart; j < i; j++) {
          const key = wordKey(words[j]);
          if (key && !inLong.has(key)) inLong.set(key, type);
        }
        spanStart = -1;
      }
      if (i === words.length) break;
      const key = wordKey(words[i]);
      if (t !== 'O' && spanStart < 0) spanStart = i;
      if (!key) continue;
      let c = counts.get(key);
      if (!c) counts.set(key, (c = [0, 0, 0, 0, 0]));
      const type = t === 'O' ? 4 : STAT_TYPES.indexOf(t.slice(2));
      c[type < 0 ? 4 : type]++;
    }
  }
  return { counts, inLong };
}

/** Stage-2 features: stage 1's decisions about the same word elsewhere in the document. */
function addDocFeatures(feats: string[][][], sents: readonly (readonly string[])[], stats: DocStats): void {
  for (let k = 0; k < sents.length; k++) {
    const words = sents[k];
    for (let i = 0; i < words.length; i++) {
      const key = wordKey(words[i]);
      if (!key) continue;
      const f = feats[k][i];
      const c = stats.counts.get(key);
      if (c) {
        const total = c[0] + c[1] + c[2] + c[3] + c[4];
        let best = 4;
        for (let t = 0; t < 4; t++) if (c[t] > c[best]) best = t;
        if (total > 1) f.push('dmaj=' + (best === 4 ? 'O' : STAT_TYPES[best]));
        // (a feature per type seen anywhere was tried: it over-trusts stage 1)
      }
      const l = stats.inLong.get(key);
      if (l !== undefined) f.push('dlong=' + STAT_TYPES[l]);
    }
  }
}

function fit(data: { f: string[][]; y: string[] }[], epochs: number, seed = 1, runs = 1, minCount = 2): PerceptronModel {
  const sents = data.map((d) => ({ features: d.f, labels: d.y }));
  if (runs <= 1) return train(sents, { epochs, seed, bio: true, minCount });
  const models: PerceptronJSON[] = [];
  for (let r = 0; r < runs; r++) models.push(train(sents, { epochs, seed: seed + 1000 * r, bio: true, minCount }).toJSON());
  return PerceptronModel.fromJSON(averageModels(models));
}

/**
 * The mean of averaged perceptrons trained on the same data in different orders (same labels). On 75k tokens
 * the order alone moves dev F1 by ±1.5 points; the mean of a few runs is steadier (a bagging-like ensemble that
 * costs nothing at run time: one weight table).
 */
export function averageModels(models: readonly PerceptronJSON[]): PerceptronJSON {
  const labels = models[0].labels;
  const T = labels.length;
  const sum = new Map<string, Float64Array>();
  for (const m of models) {
    if (m.labels.join() !== labels.join()) throw new Error('averageModels: label sets differ');
    const names = m.features.length ? m.features.split('\n') : [];
    const bytes = base64ToBytes(m.weights);
    const q = new Int16Array(bytes.buffer, bytes.byteOffset, bytes.byteLength >> 1);
    names.forEach((name, i) => {
      let row = sum.get(name);
      if (!row) sum.set(name, (row = new Float64Array(T)));
      for (let t = 0; t < T; t++) row[t] += (q[i * T + t] * m.scale) / models.length;
    });
  }
  let max = 0;
  for (const row of sum.values()) for (const v of row) max = Math.max(max, Math.abs(v));
  const scale = max > 0 ? max / 32767 : 1;
  const names: string[] = [];
  const q: number[] = [];
  for (const [name, row] of sum) {
    const qr = Array.from(row, (v) => Math.round(v / scale));
    if (qr.every((v) => v === 0)) continue;
    names.push(name);
    q.push(...qr);
  }
  const i16 = Int16Array.from(q);
  const transitions = models[0].transitions.map((_, k) => Math.round((models.reduce((a, m) => a + m.transitions[k], 0) / models.length) * 1e4) / 1e4);
  return { ...models[0], scale, features: names.join('\n'), weights: bytesToBase64(new Uint8Array(i16.buffer, i16.byteOffset, i16.byteLength)), transitions };
}

export interface TrainOptions {
  epochs: number;
  features?: FeatureConfig;
  /** Train the document-level second stage (default false: on GUM dev it bought nothing measurable, and it halves
   *  the speed; the entity linker propagates names across the document instead). */
  twoStage?: boolean;
  /** Folds for the stage-1 predictions stage 2 trains on (default 4). */
  folds?: number;
  /** Shuffle seed (default 1). */
  seed?: number;
  /** Runs (shuffle orders) averaged into each stage's model (default 1). */
  runs?: number;
  /** Drop features seen fewer times in training (default 2: same dev F1 as 1, a quarter of the model size). */
  minCount?: number;
}

export function trainEnglishModel(docs: TrainSentence[][], gaz: EnglishGazetteerData, opts: TrainOptions): EnglishModel {
  const cfg = opts.features ?? FULL_FEATURES;
  const lower = lowerLexicon(docs);
  const lex = new EnglishLexicon(gaz, lower);
  const feats = docs.map((d) => docFeatures(d.map((s) => s.words), lex, cfg));
  const ys = docs.map((d) => d.map((s) => s.tags.map((t) => (TAGS.includes(t) ? t : 'O'))));
  const dataOf = (idx: number[], f: string[][][][]) => idx.flatMap((k) => f[k].map((sf, i) => ({ f: sf, y: ys[k][i] })));
  const all = docs.map((_, k) => k);
  const stage1 = fit(dataOf(all, feats), opts.epochs, opts.seed, opts.runs, opts.minCount).toJSON();
  const model: EnglishModel = { format: 'article-lens-ner-en/2', features: cfg, lower, stage1 };
  if (!opts.twoStage) return model;
  // Stage 2 learns from stage-1 output it did not train on (jackknife over documents), as it will see on new text.
  const folds = opts.folds ?? 4;
  const feats2 = feats.map((d) => d.map((s) => s.map((f) => f.slice())));
  for (let fold = 0; fold < folds; fold++) {
    const held = all.filter((k) => k % folds === fold);
    const m = fit(dataOf(all.filter((k) => k % folds !== fold), feats), opts.epochs, opts.seed, 1, opts.minCount);
    for (const k of held) {
      const pred = feats[k].map((sf) => m.predict(sf));
      addDocFeatures(feats2[k], docs[k].map((s) => s.words), docStats(docs[k].map((s) => s.words), pred));
    }
  }
  model.stage2 = fit(dataOf(all, feats2), opts.epochs, opts.seed, opts.runs, opts.minCount).toJSON();
  return model;
}

const TYPE_OF: Record<string, NerType> = { PER: 'person', LOC: 'location', ORG: 'organization', MISC: 'misc' };

/**
 * A capitalized name right after a medium noun ('the newspaper Izvestia', 'the agency Interfax') is that medium,
 * an organization, whatever its ending suggests (-ia reads as a place). GUM has no such case to learn from.
 */
function mediaNames(words: readonly string[], tags: string[]): string[] {
  for (let i = 0; i + 1 < words.length; i++) {
    if (!MEDIA_NOUNS.has(words[i].toLowerCase())) continue;
    let j = i + 1;
    while (j < words.length && /^\p{Lu}/u.test(words[j])) j++;
    if (j === i + 1) continue;
    const inside = tags.slice(i + 1, j);
    // Only over O, place or misc tags, and only if the run is not the start of a longer span.
    if (inside.some((t) => t.endsWith('PER') || t.endsWith('ORG')) || (j < tags.length && tags[j].startsWith('I-'))) continue;
    for (let k = i + 1; k < j; k++) tags[k] = (k === i + 1 ? 'B-' : 'I-') + 'ORG';
  }
  return tags;
}

/** Capitalized person titles that may stand right before a name (Mr., Gen., Marshal, Minister, President…). */
function isTitleWord(w: string): boolean {
  if (!/^\p{Lu}/u.test(w)) return false;
  return PERSON_TITLES.has(w.toLowerCase().replace(/\.$/, ''));
}

/**
 * A back-off for names after a title: 'Field Marshal Khalifa Haftar (…)', 'Mr. Putin'. When the model left the
 * words after a capitalized title untagged, and they are capitalized words the lexicon does not know as common
 * words, they are a person. Precise (the title says so) and needed: the model alone misses such names in
 * constructions GUM rarely shows.
 */
function titleNames(words: readonly string[], tags: string[], lex: EnglishLexicon): string[] {
  for (let i = 0; i + 1 < words.length; i++) {
    if (!isTitleWord(words[i]) || tags[i + 1] !== 'O') continue;
    let j = i + 1;
    while (j < words.length && tags[j] === 'O' && /^\p{Lu}\p{Ll}/u.test(words[j]) && !lex.lower.has(words[j].toLowerCase()) && !isTitleWord(words[j])) j++;
    // Initials inside: 'John F. Kennedy'.
    if (j === i + 1) continue;
    for (let k = i + 1; k < j; k++) tags[k] = (k === i + 1 ? 'B-' : 'I-') + 'PER';
    i = j - 1;
  }
  return tags;
}

/**
 * One word form as the fast path reads it (built once per form, see `EnglishTagger.word`): its strings, flag bits,
 * interned indexes for the pair and shape-triple features, feature ids and its slot in the slab of summed rows.
 */
interface Word {
  /** Never reused (the sentence-cache key): a new id for every form built, also after the cache was emptied. */
  id: number;
  /** Row block in the slab: local features, then what it gives the tokens 2 and 1 after it, 1 and 2 before it. */
  slot: number;
  text: string;
  /** `'=' + key` and `key.toLowerCase()` (key: the word without a final dot), for the gazetteer trie. */
  eqKey: string;
  keyLow: string;
  /** Bits (F_*, D_*, R_*, S_*). */
  flags: number;
  /** Index of the lower-cased word in the pair vocabulary (w-1w=, ww+1=), or -1. */
  pairIdx: number;
  /** Index of the shape in the shape vocabulary (sh-1sh+1=), or -1. */
  shapeIdx: number;
  /** Ids of 'first_sh=' + shape, 'cl+1=' / 'cl-1=' + class (-1: none or unknown). */
  firstSh: number;
  clP1: number;
  clM1: number;
  /** Interned ids (document flags) of the word itself, of it lower-cased, of its key lower-cased. */
  lkText: number;
  lkLow0: number;
  lkKeyLow: number;
  /** Its `sentenceBits`. */
  sb: number;
  /** Capitalized: the gazetteer trie node a match starting on it enters (`EnglishLexicon.firstNode`, found by `build`
   *  in the key table), or null; undefined for a form not capitalized (no match starts on it). */
  gz0: GazetteerNode | null | undefined;
  /** Its truecased form in an all-caps or title-case line (`restoreWord`), not first / first in the line. */
  rc?: Word;
  rc0?: Word;
}

// Word flags. F_: the sentence features; D_: the document pass; R_: the back-off rules; S_: sentenceCase.
const F_CAP = 1 << 0; // isCap (wordInfo's cap in a normal line)
const F_LEXLOWER = 1 << 1; // lex.lower has key lower-cased
const F_GIVEN_KEY = 1 << 2; // lex.given has key lower-cased
const F_TITLE_KEY = 1 << 3; // PERSON_TITLES has key lower-cased
const F_LOCPREP_KEY = 1 << 4;
const F_MEDIA_KEY = 1 << 5;
const F_ORGW = 1 << 6; // ORG_WORDS has low
const F_LOCW = 1 << 7;
const F_JOIN_FWD = 1 << 8; // low is of / the / and / &
const F_JOIN_BACK = 1 << 9; // low is of / the / for / &
const F_POSS_KEY = 1 << 10; // key lower-cased is 's / ’s
const F_POSS_LOW = 1 << 11; // low is 's / ’s
const D_LOWERWORD = 1 << 12;
const D_SENT_END = 1 << 13;
const D_PREV_TITLE = 1 << 14; // as the previous token: PERSON_TITLES has it lower-cased without a final dot
const D_PREV_GIVEN = 1 << 15; // lex.given has that and lex.lower does not
const D_LOCPREP_RAW = 1 << 16; // LOC_PREPS has the word as written
const D_ORGW0 = 1 << 17; // ORG_WORDS has the word lower-cased
const D_RUNJOIN = 1 << 18; // lower-cased: of / the / for / and / &
const R_UPPER = 1 << 19; // /^\p{Lu}/u
const R_UPLOW = 1 << 20; // /^\p{Lu}\p{Ll}/u
const R_TITLEWORD = 1 << 21; // isTitleWord
const R_MEDIA = 1 << 22; // MEDIA_NOUNS has it lower-cased
const R_LEXLOWER0 = 1 << 23; // lex.lower has it lower-cased
const R_TRIM = 1 << 24; // a span never ends on it: - ' ’ 's ’s .
const S_LETTER = 1 << 25; // sentenceCase counts it as a word
const S_UPPER = 1 << 26;
const S_CAPAZ = 1 << 27;
const S_LOWERLONG = 1 << 28;

// Document flags of an interned lower-case string (what `DocumentContext`'s sets hold).
const DOC_LOWER = 1;
const DOC_TITLE = 2;
const DOC_PREP = 4;
const DOC_GIVEN = 8;
const DOC_ORG = 16;
const DOC_MIDCAP = 32;

/**
 * Cache budget (one tagger; heap + array buffers measured on 38,000 new forms): a word form costs ~0.7 kB (its Word,
 * strings, table entries, and 5 rows of 9 float64 sums = 360 B in the slab), so 30,000 forms ~ 21 MB; the forms are
 * dropped between documents once there are that many. Decoded sentences: at most 20,000 and 400,000 tokens (keys of
 * 3 UTF-16 units per token, one byte per tag: ~4 MB).
 */
const MAX_WORDS = 30_000;
const MAX_SENTENCES = 20_000;
const MAX_SENTENCE_TOKENS = 400_000;
/** Per-document scratch kept between documents up to this many tokens (a longer text's is dropped after it). */
const MAX_KEPT_TOKENS = 200_000;
/** Longer sentences are decoded without the cache (their keys would be long, a repeat unlikely). */
const MAX_CACHED_SENTENCE = 250;
/** Tokens looked up together (see `lookupAll`). */
const LOOKUP_BATCH = 256;

/** Load-time id tables of a one-stage model: constant features, pair and shape-triple features by index. */
interface FastTables {
  /** Ids of the constant context features (-1: the model does not know it). */
  first: number;
  capDoclower: number;
  dTitle: number;
  dPrep: number;
  dGiven: number;
  dOrg: number;
  dMidcap: number;
  firstCapKnown: number;
  firstCapUnknown: number;
  capM1: number;
  capP1: number;
  givenM1: number;
  titleM1: number;
  titleM2: number;
  locprepM1: number;
  mediaM1: number;
  orgwordP: number;
  locwordP: number;
  orgwordM: number;
  locwordM: number;
  possM1: number;
  possP1: number;
  /** Size of the pair vocabulary (lower-cased words of 'w-1w=a|b' and 'ww+1=a|b', with <s> and </s>; a word's
   *  index is in its `keys` row). */
  nPair: number;
  /** By (a, b): the ids of 'w-1w=a|b' and 'ww+1=a|b' (-1: the model does not know it), at slot + 2 and + 3: one
   *  probe per token gives its right pair and the next token's left pair (the same two words). */
  pairs: IntTable;
  pairStart: number;
  pairEnd: number;
  /** Shape vocabulary of 'sh-1sh+1=a|b|c' and the id by (a, b, c) at slot + 3. */
  shapeVocab: Map<string, number>;
  nShape: number;
  shapeTriple: IntTable;
  shapeStart: number;
  shapeEnd: number;
  /** The 5 rows past the sentence edges (slot layout of a Word; row 0 unused). */
  edge: Float64Array;
  /**
   * Everything a new word form asks of its strings (the word, it lower-cased, its key lower-cased), one probe per
   * string instead of a dozen Map and Set lookups: every string any of them knows -> its row in `keyRows`
   * (KEY_STRIDE Int32s: K_* bits of the lexicon sets and the trigger word lists; the lexicon values given=,
   * pname=, city= as 1 + the value and the word class as 1 + index in `keyClasses` (0: none, KEY_ASK: look it up);
   * the pair vocabulary index; the id of 'W=' + the string; the offset in `keyIds` of its ids by base feature; the
   * index in `gzNodes` of the gazetteer trie node it is a first-level key of).
   * Built from the lexicon's Maps and Sets and the model's feature names: each answer is what they give.
   */
  keys: StringTable;
  keyRows: Int32Array;
  gzNodes: GazetteerNode[];
  /** Per string: a count, then (row, id) pairs of w=, w-2=, w-1=, w+1=, w+2= (rows: 0 local, 1-4 the neighbour rows). */
  keyIds: Int32Array;
  keyClasses: string[];
  /** The row of '<num>' (the lower-cased word of a word that starts with a digit), or -1. */
  numRow: number;
  /**
   * Base feature -> ids at every offset, so that a new word form costs a few lookups instead of building and
   * hashing its ~20 feature strings: by shape (sh=, sh-1=, sh+1=, first_sh=), as (row, id) pairs (rows: 0 local,
   * 2-3 the neighbour rows, 5 first_sh) (the affixes: `affixes`).
   */
  byShape: Map<string, number[]>;
  /** The affix features ('p3=' + the first 3 characters, 's3=', 's2=', 's4=' + the last ones): their rows here are
   *  indexes in `affixIds`, the feature ids (a probe hashes the prefix and the characters, with no substring made). */
  affixes: FrozenStringTable;
  affixIds: Int32Array;
  /** Ids of the other local features: b, cap_known, cap_unknown, allcaps, demonym, title, orgword, locword; given=,
   *  pname=, city= by bucket; cl= by class. */
  b: number;
  capKnown: number;
  capUnknown: number;
  allcaps: number;
  demonym: number;
  title: number;
  orgword: number;
  locword: number;
  given: Map<number, number>;
  pname: Map<number, number>;
  city: Map<number, number>;
  cl: Map<string, number>;
}

/** The templates of the ids by lower-cased word (`keyIds`) and `byShape`, with the row each adds to (see `FastTables`). */
const LOW_TEMPLATES: Record<string, number> = { 'w=': 0, 'w-2=': 1, 'w-1=': 2, 'w+1=': 3, 'w+2=': 4 };
const SHAPE_TEMPLATES: Record<string, number> = { 'sh=': 0, 'sh-1=': 2, 'sh+1=': 3, 'first_sh=': 5 };

/** Gazetteer feature ids of one kinds string ('C', 'PO', …): gz=<kind>B / gz=<kind>I for each kind, gz-1=, gz+1=. */
interface GzIds {
  b: Int32Array;
  i: Int32Array;
  m1: number;
  p1: number;
}

/**
 * Every split of `rest` at `parts - 1` of its '|' characters (a word may itself be '|': each split that rebuilds
 * the feature string is the same feature, so registering all of them is exact).
 */
function splits(rest: string, parts: 2 | 3, fn: (p: string[]) => void): void {
  for (let a = rest.indexOf('|'); a >= 0; a = rest.indexOf('|', a + 1)) {
    if (parts === 2) fn([rest.slice(0, a), rest.slice(a + 1)]);
    else for (let b = rest.indexOf('|', a + 1); b >= 0; b = rest.indexOf('|', b + 1)) fn([rest.slice(0, a), rest.slice(a + 1, b), rest.slice(b + 1)]);
  }
}

// The `keyRows` of a string: KEY_STRIDE Int32s at row * KEY_STRIDE.
const KEY_STRIDE = 6;
/** Field 0: which sets hold the string. */
const K_LOWER = 1 << 0; // lex.lower
const K_DEMONYM = 1 << 1; // lex.demonyms
const K_TITLE = 1 << 2; // PERSON_TITLES
const K_LOCPREP = 1 << 3; // LOC_PREPS
const K_MEDIA = 1 << 4; // MEDIA_NOUNS
const K_ORGW = 1 << 5; // ORG_WORDS
const K_LOCW = 1 << 6; // LOC_WORDS
const K_SENTEND = 1 << 7; // SENT_END
/** Field 1: 8 bits each of lex.given, lex.nameTokens, lex.placeBucket (1 + the value, an integer 0-253) and
 *  lex.classes (1 + index in keyClasses), at these shifts; 0: absent; KEY_ASK: another value, or more classes than 8
 *  bits hold (ask the Map). */
const KV_GIVEN = 0;
const KV_NAME = 8;
const KV_PLACE = 16;
const KV_CLASS = 24;
const KEY_ASK = 255;
/** Fields 2-5: pair vocabulary index, 'W=' id, offset in keyIds, index in gzNodes (-1: none). */
const KEY_PAIR = 2;
const KEY_W = 3;
const KEY_IDS = 4;
const KEY_GZ = 5;

/** The rows of `FastTables.keys` (see there) from the lexicon, the word lists and the model's features by word. */
function keyTables(lex: EnglishLexicon, byLow: Map<string, number[]>, byW: Map<string, number>, pairVocab: Map<string, number>): Pick<FastTables, 'keys' | 'keyRows' | 'keyIds' | 'keyClasses' | 'numRow' | 'gzNodes'> {
  const sets: [ReadonlySet<string>, number][] = [
    [lex.lower, K_LOWER],
    [lex.demonyms, K_DEMONYM],
    [PERSON_TITLES, K_TITLE],
    [LOC_PREPS, K_LOCPREP],
    [MEDIA_NOUNS, K_MEDIA],
    [ORG_WORDS, K_ORGW],
    [LOC_WORDS, K_LOCW],
    [SENT_END, K_SENTEND],
  ];
  let max = lex.given.size + lex.nameTokens.size + lex.placeBucket.size + lex.classes.size + byLow.size + byW.size + pairVocab.size + lex.firstCount;
  for (const [set] of sets) max += set.size;
  const keys = new StringTable();
  // Rows for every string that may get one (no bits, no values, the other fields -1), cut to the count at the end
  // (the table grows as keys come: sized to `max`, an upper bound, it would stay twice too large).
  const rows = new Int32Array(max * KEY_STRIDE).fill(-1);
  for (let j = 0; j < rows.length; j += KEY_STRIDE) rows[j] = rows[j + 1] = 0;
  // (forEach callbacks: no entry array per key, in a load-time loop over ~85,000 keys)
  for (const [set, bit] of sets) set.forEach((k) => (rows[keys.add(k) * KEY_STRIDE] |= bit));
  const value = (shift: number) => (v: number, k: string) => (rows[keys.add(k) * KEY_STRIDE + 1] |= (v >= 0 && v < KEY_ASK - 1 && v === Math.floor(v) && !Object.is(v, -0) ? v + 1 : KEY_ASK) << shift);
  lex.given.forEach(value(KV_GIVEN));
  lex.nameTokens.forEach(value(KV_NAME));
  lex.placeBucket.forEach(value(KV_PLACE));
  const keyClasses: string[] = [];
  const classIndex = new Map<string, number>();
  lex.classes.forEach((c, k) => {
    let i = classIndex.get(c);
    if (i === undefined) classIndex.set(c, (i = keyClasses.length < KEY_ASK - 1 ? keyClasses.push(c) : KEY_ASK));
    rows[keys.add(k) * KEY_STRIDE + 1] |= i << KV_CLASS;
  });
  pairVocab.forEach((v, k) => (rows[keys.add(k) * KEY_STRIDE + KEY_PAIR] = v));
  byW.forEach((v, k) => (rows[keys.add(k) * KEY_STRIDE + KEY_W] = v));
  let nIds = 0;
  byLow.forEach((ps) => (nIds += 1 + ps.length));
  const ids = new Int32Array(nIds);
  let at = 0;
  byLow.forEach((ps, k) => {
    rows[keys.add(k) * KEY_STRIDE + KEY_IDS] = at;
    ids[at++] = ps.length >> 1;
    for (let j = 0; j < ps.length; j++) ids[at++] = ps[j];
  });
  const gzNodes: GazetteerNode[] = [];
  lex.forEachFirst((node, k) => (rows[keys.add(k) * KEY_STRIDE + KEY_GZ] = gzNodes.push(node) - 1));
  return { keys, keyRows: rows.slice(0, keys.size * KEY_STRIDE), keyIds: ids, keyClasses, numRow: keys.get('<num>'), gzNodes };
}

function buildTables(m: PerceptronModel, cfg: FeatureConfig, lex: EnglishLexicon): FastTables {
  const id = (f: string) => m.featureId(f);
  // Pair and triple features as flat (vocabulary index..., id) runs; their keys need the final vocabulary sizes.
  const pairs: number[] = [];
  const triples: number[] = [];
  const pairVocab = new Map<string, number>();
  const shapeVocab = new Map<string, number>();
  const intern = (v: Map<string, number>, s: string) => {
    let k = v.get(s);
    if (k === undefined) v.set(s, (k = v.size));
    return k;
  };
  const byLow = new Map<string, number[]>();
  const byShape = new Map<string, number[]>();
  const byW = new Map<string, number>();
  const affixKeys: string[] = [];
  const affixIds: number[] = [];
  const given = new Map<number, number>();
  const pname = new Map<number, number>();
  const city = new Map<number, number>();
  const cl = new Map<string, number>();
  const num: Record<string, Map<number, number>> = { 'given=': given, 'pname=': pname, 'city=': city };
  const push = (mp: Map<string, number[]>, k: string, row: number, fid: number) => {
    const a = mp.get(k);
    if (a) a.push(row, fid);
    else mp.set(k, [row, fid]);
  };
  m.forEachFeature((f, fid) => {
    const eq = f.indexOf('=');
    if (eq < 0) return;
    const pre = f.slice(0, eq + 1);
    const v = f.slice(eq + 1);
    if (pre === 'w-1w=' || pre === 'ww+1=') {
      // Every split at a '|' (see `splits`).
      for (let x = v.indexOf('|'); x >= 0; x = v.indexOf('|', x + 1)) pairs.push(pre === 'w-1w=' ? 0 : 1, intern(pairVocab, v.slice(0, x)), intern(pairVocab, v.slice(x + 1)), fid);
    } else if (pre === 'sh-1sh+1=') splits(v, 3, (p) => triples.push(intern(shapeVocab, p[0]), intern(shapeVocab, p[1]), intern(shapeVocab, p[2]), fid));
    else if (pre in LOW_TEMPLATES) push(byLow, v, LOW_TEMPLATES[pre], fid);
    else if (pre in SHAPE_TEMPLATES) push(byShape, v, SHAPE_TEMPLATES[pre], fid);
    else if (pre === 'W=') byW.set(v, fid);
    else if (pre === 'p3=' || pre === 's3=' || pre === 's2=' || pre === 's4=') {
      affixKeys.push(f);
      affixIds.push(fid);
    }
    else if (pre in num) {
      // Only the buckets as String(number) writes them (the key the tagger looks up by is a number).
      if (String(Number(v)) === v) num[pre].set(Number(v), fid);
    } else if (pre === 'cl=') cl.set(v, fid);
  });
  const nPair = pairVocab.size;
  const nShape = shapeVocab.size;
  // (a, b, left id, right id) per pair of words; (a, b, c, id) per triple of shapes
  const pairEntries: number[] = [];
  const pairAt = new Map<number, number>();
  for (let k = 0; k < pairs.length; k += 4) {
    const key = pairs[k + 1] * nPair + pairs[k + 2];
    let e = pairAt.get(key);
    if (e === undefined) {
      pairAt.set(key, (e = pairEntries.length));
      pairEntries.push(pairs[k + 1], pairs[k + 2], -1, -1);
    }
    pairEntries[e + 2 + pairs[k]] = pairs[k + 3];
  }
  const T = m.T;
  const edge = new Float64Array(5 * T);
  m.addFeatures(NEIGHBOUR_EDGES.m2, edge, 1 * T);
  m.addFeatures(NEIGHBOUR_EDGES.m1, edge, 2 * T);
  m.addFeatures(NEIGHBOUR_EDGES.p1, edge, 3 * T);
  m.addFeatures(NEIGHBOUR_EDGES.p2, edge, 4 * T);
  if (!cfg.context) edge.fill(0);
  return {
    first: id('first'),
    capDoclower: id('cap_doclower'),
    dTitle: id('d_title'),
    dPrep: id('d_prep'),
    dGiven: id('d_given'),
    dOrg: id('d_org'),
    dMidcap: id('d_midcap'),
    firstCapKnown: id('first_cap_known'),
    firstCapUnknown: id('first_cap_unknown'),
    capM1: id('cap-1'),
    capP1: id('cap+1'),
    givenM1: id('given-1'),
    titleM1: id('title-1'),
    titleM2: id('title-2'),
    locprepM1: id('locprep-1'),
    mediaM1: id('media-1'),
    orgwordP: id('orgword+'),
    locwordP: id('locword+'),
    orgwordM: id('orgword-'),
    locwordM: id('locword-'),
    possM1: id('poss-1'),
    possP1: id('poss+1'),
    ...keyTables(lex, byLow, byW, pairVocab),
    nPair,
    pairs: new IntTable(pairEntries, 2),
    pairStart: pairVocab.get('<s>') ?? -1,
    pairEnd: pairVocab.get('</s>') ?? -1,
    shapeVocab,
    nShape,
    shapeTriple: new IntTable(triples, 3),
    shapeStart: shapeVocab.get('<s>') ?? -1,
    shapeEnd: shapeVocab.get('</s>') ?? -1,
    edge,
    byShape,
    affixes: new FrozenStringTable(affixKeys),
    affixIds: Int32Array.from(affixIds),
    b: id('b'),
    capKnown: id('cap_known'),
    capUnknown: id('cap_unknown'),
    allcaps: id('allcaps'),
    demonym: id('demonym'),
    title: id('title'),
    orgword: id('orgword'),
    locword: id('locword'),
    given,
    pname,
    city,
    cl,
  };
}

/**
 * Keys of 2 or 3 non-negative integers -> ids, open addressing in one Int32Array of 4 per slot: the key (its first
 * integer + 1, 0 = empty), then the ids (pairs: 2 key integers and 2 ids; triples: 3 and 1), so that a probe reads
 * one 16-byte slot (the pair and shape-triple tables of `FastTables`).
 */
class IntTable {
  readonly slots: Int32Array;
  private readonly mask: number;

  /** `entries`: 4 numbers each, as a slot holds them but the first integer as is (a repeated key keeps the last). */
  constructor(
    entries: readonly number[],
    private readonly keyInts: 2 | 3,
  ) {
    let size = 16;
    while (size < entries.length / 2) size *= 2;
    this.slots = new Int32Array(4 * size);
    this.mask = size - 1;
    for (let e = 0; e < entries.length; e += 4) {
      const k2 = keyInts === 3 ? entries[e + 2] : 0;
      let s = this.find(entries[e], entries[e + 1], k2);
      if (s < 0) {
        s = 4 * this.slot(entries[e], entries[e + 1], k2);
        while (this.slots[s] !== 0) s = (s + 4) & (4 * this.mask);
      }
      this.slots[s] = entries[e] + 1;
      for (let j = 1; j < 4; j++) this.slots[s + j] = entries[e + j];
    }
  }

  private slot(k0: number, k1: number, k2: number): number {
    let h = Math.imul(k0, 0x9e3779b1) ^ Math.imul(k1, 0x85ebca6b) ^ Math.imul(k2, 0xc2b2ae35);
    h ^= h >>> 15;
    return Math.imul(h, 0x27d4eb2f) & this.mask;
  }

  /** The offset in `slots` of key (k0, k1[, k2]), or -1 (k2 is read for triples only). */
  find(k0: number, k1: number, k2: number): number {
    const slots = this.slots;
    const m4 = 4 * this.mask;
    const a = k0 + 1;
    for (let s = 4 * this.slot(k0, k1, this.keyInts === 3 ? k2 : 0); slots[s] !== 0; s = (s + 4) & m4) if (slots[s] === a && slots[s + 1] === k1 && (this.keyInts === 2 || slots[s + 2] === k2)) return s;
    return -1;
  }
}

/** FNV-1a over the UTF-16 units of s[a, b) (`StringTable.hash` of that substring). */
function hashOf(s: string, a: number, b: number): number {
  return StringTable.hashFrom(0x811c9dc5, s, a, b);
}

// Hashes of the affix features' prefixes and of '=' (continued over a word's characters by StringTable.hashFrom).
const H_P3 = StringTable.hash('p3=');
const H_S3 = StringTable.hash('s3=');
const H_S2 = StringTable.hash('s2=');
const H_S4 = StringTable.hash('s4=');
const H_EQ = StringTable.hash('=');

/** A value no slab sum takes (see `emissions`). */
const UNSEEN = -1.2345e300;
const UPPER_RE = /^\p{Lu}/u;
const UPLOW_RE = /^\p{Lu}\p{Ll}/u;

interface TaggedDocument {
  text: string;
  /** Spans of the whole text, in order. */
  spans: TaggedSpan[];
}

/**
 * Decoded sentences by key (3 UTF-16 units per token, see `EnglishTagger.tagSentence`): keys side by side in one
 * Uint16Array, their tags (label indices, one byte each) in a Uint8Array at the same token offsets, found by an FNV
 * hash of the key in an open-addressing Int32Array (hash, entry + 1 per slot). No string or Map entry per sentence.
 */
class SentenceCache {
  private units = new Uint16Array(3 * 1024);
  private tags = new Uint8Array(1024);
  /** Per entry: its first token's offset in the pools, its token count. */
  private entries = new Int32Array(2 * 256);
  private slots = new Int32Array(2 * 1024);
  private count = 0;
  /** Tokens held (the used length of `tags`; of `units`, 3 times that). */
  private held = 0;

  get size(): number {
    return this.count;
  }

  get tokens(): number {
    return this.held;
  }

  /** FNV-1a over the key `kb[0, 3n)`. */
  static hash(kb: Uint16Array, n: number): number {
    let h = 0x811c9dc5;
    for (let i = 0; i < 3 * n; i++) h = Math.imul(h ^ kb[i], 16777619);
    return h;
  }

  /** Copies the tags of the sentence whose key is `kb[0, 3n)` (hash `h`) into `out` and returns true, or false. */
  get(kb: Uint16Array, n: number, h: number, out: Int32Array): boolean {
    const slots = this.slots;
    const mask = (slots.length >> 1) - 1;
    const units = this.units;
    for (let s = h & mask; slots[2 * s + 1] !== 0; s = (s + 1) & mask) {
      if (slots[2 * s] !== h) continue;
      const e = 2 * (slots[2 * s + 1] - 1);
      if (this.entries[e + 1] !== n) continue;
      const at = this.entries[e];
      let i = 0;
      while (i < 3 * n && units[3 * at + i] === kb[i]) i++;
      if (i < 3 * n) continue;
      for (let k = 0; k < n; k++) out[k] = this.tags[at + k];
      return true;
    }
    return false;
  }

  /** Adds the sentence with key `kb[0, 3n)` (hash `h`, not held yet) and tags `tags[0, n)`. */
  add(kb: Uint16Array, n: number, h: number, tags: Int32Array): void {
    const at = this.held;
    if (at + n > this.tags.length) {
      const size = Math.max(2 * this.tags.length, at + n);
      const t = new Uint8Array(size);
      t.set(this.tags.subarray(0, at));
      this.tags = t;
      const u = new Uint16Array(3 * size);
      u.set(this.units.subarray(0, 3 * at));
      this.units = u;
    }
    const units = this.units;
    for (let i = 0; i < 3 * n; i++) units[3 * at + i] = kb[i];
    for (let k = 0; k < n; k++) this.tags[at + k] = tags[k];
    if (2 * this.count + 2 > this.entries.length) {
      const e = new Int32Array(2 * this.entries.length);
      e.set(this.entries);
      this.entries = e;
    }
    this.entries[2 * this.count] = at;
    this.entries[2 * this.count + 1] = n;
    this.count++;
    this.held += n;
    if (4 * this.count > this.slots.length) this.rehash(2 * this.slots.length);
    else this.place(this.slots, h, this.count);
  }

  /** Empties the cache (its buffers are kept: bounded by the budget). */
  clear(): void {
    this.slots.fill(0);
    this.count = 0;
    this.held = 0;
  }

  private place(slots: Int32Array, h: number, entry1: number): void {
    const mask = (slots.length >> 1) - 1;
    let s = h & mask;
    while (slots[2 * s + 1] !== 0) s = (s + 1) & mask;
    slots[2 * s] = h;
    slots[2 * s + 1] = entry1;
  }

  private rehash(size: number): void {
    const slots = new Int32Array(size);
    for (let e = 0; e < this.count; e++) {
      const at = this.entries[2 * e];
      const n = this.entries[2 * e + 1];
      this.place(slots, SentenceCache.hash(this.units.subarray(3 * at, 3 * (at + n)), n), e + 1);
    }
    this.slots = slots;
  }
}

/**
 * A trained English tagger (see the module comment). Document-level features need the whole article, while the
 * analysis calls `tag` once per region (headline, paragraph): the tagger tags the whole text once and keeps that
 * one result (the last text seen), answering each region from it.
 *
 * One-stage models (the shipped one) take a fast path that computes exactly the sums of `sentenceFeatures`'
 * weights without building feature strings or substrings per token: `scanEnglish` gives token offsets and each token
 * is found in a table of word forms by the hash of its characters; a form seen for the first time becomes a `Word`
 * (its local features' weights summed into a row of a float64 slab, what it gives its neighbours into four more
 * rows, from id tables built once from the model's feature names by base feature and offset; exact, as every sum
 * of these int16-scaled float32 weights fits in a float64 mantissa; what the lexicon, the word lists and the
 * model's word features say of its strings is one row per string of a load-time key table, ~60,000 strings in
 * ~3 MB of typed arrays, so a new form costs one or two probes there); the context features are read from the
 * Words' flag bits and typed-array tables of the pair and shape-triple features by interned index; the document
 * context is flags of interned lower-case strings; sentences are split on per-form bits; and decoded sentences are
 * cached in typed arrays (key: the Words' ids and each capitalized word's document flags, which with the word forms
 * determine every feature), so re-analysis of an edited text decodes only the sentences that changed. Bounded: see
 * MAX_WORDS. The test ner-en-tables checks the tables against the feature strings (emission scores bit-identical).
 */
export class EnglishTagger implements NerTagger {
  readonly language = 'en' as const;
  private readonly lex: EnglishLexicon;
  /** The model's feature configuration (the parsed model itself is not kept: the weights live in `s1`/`s2`). */
  private readonly cfg: FeatureConfig;
  private readonly s1: PerceptronModel;
  private readonly s2?: PerceptronModel;
  private last?: TaggedDocument;
  /** Fast path tables (one-stage models with the five IOB labels the rules write). */
  private readonly useFast: boolean;
  /** Built on the first document (in a cold process ~70 ms CPU measured at load 6-8, ~40 of them the key table;
   *  ~15 ms before it), so that loading the model stays as it was. */
  private fastTables?: FastTables;
  private readonly T: number;
  private nextWordId = 1;
  private nSlots = 0;
  private slab = new Float64Array(0);
  /** Slots from this one on are all zero in the slab (never written). */
  private slabClean = 0;
  /** `clIdsOf` by class. */
  private readonly clIds = new Map<string, Int32Array>();
  /**
   * Interned lower-case strings -> index, for their document flags (valid when the stamp is the current document's):
   * a string of `FastTables.keys` is its row there; another one gets the next index past those rows from `lk`.
   */
  private lk = new Map<string, number>();
  private lkFlags = new Int32Array(0);
  private lkStamp = new Int32Array(0);
  private docNo = 0;
  private readonly gzIds = new Map<string, GzIds>();
  /** Decoded sentences: key (see `tagSentence`) -> the tags (label indices). */
  private readonly sentCache = new SentenceCache();
  // Label indices of the rules and the span builder.
  private readonly L_O: number;
  private readonly L_BPER: number;
  private readonly L_IPER: number;
  private readonly L_BORG: number;
  private readonly L_IORG: number;
  /** Per label: 0 = O, else 1 + index in STAT_TYPES; whether it is a B- label; whether its type is PER or ORG. */
  private readonly labelType: Uint8Array;
  private readonly labelIsB: Uint8Array;
  private readonly labelPerOrg: Uint8Array;
  // Per-document and per-sentence scratch (grown as needed; no allocation per token).
  private toks: Word[] = [];
  /** Forms by the hash of their characters (open addressing; slot s at 4s: index in `formList` + 1, the form's
   *  hash, the offset and length of its characters in `formChars`, so that a probe reads neither a Word nor its
   *  string): a token is found from its offsets, with no substring made unless the form is new. */
  private formTable = new Int32Array(4 << 14);
  private formList: Word[] = [];
  private formChars = new Uint16Array(1 << 16);
  private formCharsEnd = 0;
  private tStart = new Int32Array(0);
  private tEnd = new Int32Array(0);
  private tBits = new Int32Array(0);
  private ranges: Int32Array = new Int32Array(64);
  private sw: Word[] = [];
  private em = new Float64Array(0);
  private eqs: string[] = [];
  /** `Word.gz0` of the sentence's capitalized tokens (`EnglishLexicon.matchKeys`' `first`). */
  private gzFirst: (GazetteerNode | null | undefined)[] = [];
  private lows: string[] = [];
  private caps = new Uint8Array(0);
  private gzKinds: (string | undefined)[] = [];
  private gzBegin = new Uint8Array(0);
  private tagBuf = new Int32Array(0);
  private keyBuf = new Uint16Array(0);
  /** Scratch of `lookupAll`: the hashes of a batch of tokens. */
  private readonly hashBuf = new Int32Array(LOOKUP_BATCH);
  /** Counts that the cache-warming reads of `lookupAll` and `emissions` keep (so that the reads are not dropped). */
  private touched = 0;

  constructor(model: EnglishModel, gaz: EnglishGazetteerData) {
    if (!model || model.format !== 'article-lens-ner-en/2') throw new Error('not an Article Lens English NER model (format)');
    this.lex = new EnglishLexicon(gaz, model.lower);
    this.s1 = PerceptronModel.fromJSON(model.stage1);
    if (model.stage2) this.s2 = PerceptronModel.fromJSON(model.stage2);
    this.cfg = { ...model.features };
    const labels = this.s1.labels;
    this.T = this.s1.T;
    this.L_O = labels.indexOf('O');
    this.L_BPER = labels.indexOf('B-PER');
    this.L_IPER = labels.indexOf('I-PER');
    this.L_BORG = labels.indexOf('B-ORG');
    this.L_IORG = labels.indexOf('I-ORG');
    this.labelType = Uint8Array.from(labels, (l) => (l === 'O' ? 0 : 1 + STAT_TYPES.indexOf(l.slice(2))));
    this.labelIsB = Uint8Array.from(labels, (l) => (l.startsWith('B-') ? 1 : 0));
    this.labelPerOrg = Uint8Array.from(labels, (l) => (l.endsWith('PER') || l.endsWith('ORG') ? 1 : 0));
    const ok = [this.L_O, this.L_BPER, this.L_IPER, this.L_BORG, this.L_IORG].every((k) => k >= 0) && labels.every((l) => l === 'O' || /^[BI]-(PER|LOC|ORG|MISC)$/.test(l));
    this.useFast = !this.s2 && ok;
  }

  /** The two back-off rules after decoding: media names, names after a title. */
  private rules(words: readonly string[], tags: string[]): string[] {
    return titleNames(words, mediaNames(words, tags), this.lex);
  }

  private run(sents: readonly (readonly string[])[], feats: string[][][]): string[][] {
    const p1 = feats.map((f) => this.s1.predict(f));
    if (!this.s2) return p1.map((t, k) => this.rules(sents[k], t));
    addDocFeatures(feats, sents, docStats(sents, p1));
    return feats.map((f, k) => this.rules(sents[k], this.s2!.predict(f)));
  }

  /** Interned index of a lower-case string (document flags); `r`: its row in `FastTables.keys` times KEY_STRIDE (its
   *  `keyRows` offset, as `build` holds it), or negative: none. */
  private lkOf(s: string, r: number): number {
    if (r >= 0) return r / KEY_STRIDE;
    let k = this.lk.get(s);
    if (k === undefined) {
      k = this.fastTables!.keys.size + this.lk.size;
      this.lk.set(s, k);
      if (k >= this.lkFlags.length) this.growLk(2 * k);
      this.lkStamp[k] = 0;
    }
    return k;
  }

  private growLk(size: number): void {
    const f = new Int32Array(size);
    f.set(this.lkFlags);
    this.lkFlags = f;
    const st = new Int32Array(size);
    st.set(this.lkStamp);
    this.lkStamp = st;
  }

  private setDoc(k: number, flag: number): void {
    if (this.lkStamp[k] !== this.docNo) {
      this.lkStamp[k] = this.docNo;
      this.lkFlags[k] = 0;
    }
    this.lkFlags[k] |= flag;
  }

  private docFlags(k: number): number {
    return this.lkStamp[k] === this.docNo ? this.lkFlags[k] : 0;
  }

  /** The Word of a form (built on first sight: the only place feature strings are made). */
  private word(w: string): Word {
    return this.lookup(w, 0, w.length);
  }

  /** Adds the rows of the (row, id) pairs `ps[from, to)` (FastTables keyIds / byShape) to the slab's rows of the form
   *  at `at`; the neighbour rows only with context features. Returns the id in row 5 (first_sh=), or -1. */
  private addIds(ps: ArrayLike<number>, from: number, to: number, at: number): number {
    let fs = -1;
    const m = this.s1;
    const slab = this.slab;
    const T = this.T;
    const context = this.cfg.context;
    for (let k = from; k < to; k += 2) {
      const row = ps[k];
      if (row === 5) fs = ps[k + 1];
      else if (row === 0 || context) m.addRow(ps[k + 1], slab, at + row * T);
    }
    return fs;
  }

  /** `EnglishLexicon.firstNode('=' + key, keyLow)` of a word `w` whose key is `w.slice(0, keyLen)` and keyLow's row
   *  in the key table `rK` (times KEY_STRIDE, or negative), from the rows' gzNodes indexes. */
  private firstNode(w: string, keyLen: number, rK: number): GazetteerNode | null {
    const tb = this.fastTables!;
    const re = tb.keys.getJoined(StringTable.hashFrom(H_EQ, w, 0, keyLen), '=', w, 0, keyLen);
    const ge = re < 0 ? -1 : tb.keyRows[re * KEY_STRIDE + KEY_GZ];
    if (ge >= 0) return tb.gzNodes[ge];
    const gl = rK < 0 ? -1 : tb.keyRows[rK + KEY_GZ];
    return gl >= 0 ? tb.gzNodes[gl] : null;
  }

  /** The value of a lexicon Map (given, nameTokens, placeBucket) for a string: from field 1 `v` of its keys row. */
  private keyVal(v: number, shift: number, map: ReadonlyMap<string, number>, k: string): number | undefined {
    const i = (v >>> shift) & 255;
    return i === 0 ? undefined : i === KEY_ASK ? map.get(k) : i - 1;
  }

  /** The feature ids of 'cl+1=' + c and 'cl-1=' + c for a word class c (a handful of classes: kept by class). */
  private clIdsOf(c: string): Int32Array {
    let ids = this.clIds.get(c);
    if (!ids) this.clIds.set(c, (ids = Int32Array.of(this.s1.featureId('cl+1=' + c), this.s1.featureId('cl-1=' + c))));
    return ids;
  }

  /** Build the Word of a new form `w` (see `lookup`, the only caller). */
  private build(w: string): Word {
    const lex = this.lex;
    const cfg = this.cfg;
    const tb = this.fastTables!;
    const T = this.T;
    const slot = this.nSlots++;
    if ((slot + 1) * 5 * T > this.slab.length) {
      // Doubling, but not past the budget's MAX_WORDS forms unless one document needs more. (Growing straight to
      // MAX_WORDS, 10.8 MB, was tried: tagging alone gained, the whole analysis of new text lost ~10%, CPU measured.)
      const cur = this.slab.length / (5 * T);
      const s = new Float64Array(5 * T * Math.max(slot + 1, cur < MAX_WORDS ? Math.min(MAX_WORDS, Math.max(1024, 2 * cur)) : 2 * cur));
      s.set(this.slab);
      this.slab = s;
    }
    const at = slot * 5 * T;
    const slab = this.slab;
    // Rows past `slabClean` were never written (a grown slab is zero there); lower ones belonged to dropped forms.
    if (slot < this.slabClean) slab.fill(0, at, at + 5 * T);
    else this.slabClean = slot + 1;
    const m = this.s1;
    // wordInfo(w, 'normal') and the features of localFeatures + neighbourFeatures, from the base tables.
    const low0 = w.toLowerCase();
    const c = w.charCodeAt(0);
    const isNum = c >= 48 && c <= 57; // (/^\d/)
    const low = isNum ? '<num>' : low0;
    const key = w.length > 1 && w.endsWith('.') ? w.slice(0, -1) : w;
    const keyLow = key === w ? low0 : key.toLowerCase();
    const pk = low0.endsWith('.') ? low0.slice(0, -1) : low0;
    const pkSame = pk === keyLow;
    // The rows in tb.keys (times KEY_STRIDE; -1: none) of low0, keyLow, low, pk and w: one probe each, made only
    // when the string differs from one already probed (pk is keyLow but for '.', low is low0 but for numbers).
    const keys = tb.keys;
    const rows = tb.keyRows;
    const r0 = keys.get(low0) * KEY_STRIDE;
    const rK = key === w ? r0 : keys.get(keyLow) * KEY_STRIDE;
    const rL = isNum ? tb.numRow * KEY_STRIDE : r0;
    const rP = pkSame ? rK : keys.get(pk) * KEY_STRIDE;
    const rW = w === low0 ? r0 : keys.get(w) * KEY_STRIDE;
    const bK = rK < 0 ? 0 : rows[rK];
    const vK = rK < 0 ? 0 : rows[rK + 1];
    const bL = rL < 0 ? 0 : rows[rL];
    const b0 = r0 < 0 ? 0 : rows[r0];
    const cap = isCap(w);
    const shape = wordShape(w);
    const lexLower = (bK & K_LOWER) !== 0;
    const given = this.keyVal(vK, KV_GIVEN, lex.given, keyLow);
    const ci = (vK >>> KV_CLASS) & 255;
    const cl = ci === 0 ? undefined : ci === KEY_ASK ? lex.classes.get(keyLow) : tb.keyClasses[ci - 1];
    const orgWord = (bL & K_ORGW) !== 0;
    const locWord = (bL & K_LOCW) !== 0;
    const lowIds = rL < 0 ? -1 : rows[rL + KEY_IDS];
    m.addRow(tb.b, slab, at);
    if (cfg.word) {
      if (lowIds >= 0) this.addIds(tb.keyIds, lowIds + 1, lowIds + 1 + 2 * tb.keyIds[lowIds], at);
      m.addRow(rW < 0 ? -1 : rows[rW + KEY_W], slab, at);
      const n = low.length;
      if (n > 3) {
        // p3=, s3=, s2=, s4= + low.slice(0, 3), (-3), (-2), (-4)
        const af = tb.affixes;
        const ids = tb.affixIds;
        let r = af.getJoined(StringTable.hashFrom(H_P3, low, 0, 3), 'p3=', low, 0, 3);
        m.addRow(r < 0 ? -1 : ids[r], slab, at);
        r = af.getJoined(StringTable.hashFrom(H_S3, low, n - 3, n), 's3=', low, n - 3, n);
        m.addRow(r < 0 ? -1 : ids[r], slab, at);
        r = af.getJoined(StringTable.hashFrom(H_S2, low, n - 2, n), 's2=', low, n - 2, n);
        m.addRow(r < 0 ? -1 : ids[r], slab, at);
        if (n > 5) {
          r = af.getJoined(StringTable.hashFrom(H_S4, low, n - 4, n), 's4=', low, n - 4, n);
          m.addRow(r < 0 ? -1 : ids[r], slab, at);
        }
      }
    } else if (cfg.context && lowIds >= 0) {
      // The neighbour rows only (w= is a word feature).
      const ps = tb.keyIds;
      for (let k = lowIds + 1; k < lowIds + 1 + 2 * ps[lowIds]; k += 2) if (ps[k] !== 0) m.addRow(ps[k + 1], slab, at + ps[k] * T);
    }
    const shapeIds = tb.byShape.get(shape);
    const firstShId = shapeIds && cfg.shape ? this.addIds(shapeIds, 0, shapeIds.length, at) : -1;
    if (!cfg.shape && cfg.context && shapeIds) for (let k = 0; k < shapeIds.length; k += 2) if (shapeIds[k] === 2 || shapeIds[k] === 3) m.addRow(shapeIds[k + 1], slab, at + shapeIds[k] * T);
    if (cfg.shape && cap) {
      m.addRow(lexLower ? tb.capKnown : tb.capUnknown, slab, at);
      if (w.length > 1 && w === w.toUpperCase()) m.addRow(tb.allcaps, slab, at);
    }
    if (cfg.gazetteer && cap) {
      const gb = given;
      if (gb) m.addRow(tb.given.get(gb) ?? m.featureId('given=' + gb), slab, at);
      const nb = this.keyVal(vK, KV_NAME, lex.nameTokens, keyLow);
      if (nb) m.addRow(tb.pname.get(nb) ?? m.featureId('pname=' + nb), slab, at);
      const pb = this.keyVal(vK, KV_PLACE, lex.placeBucket, keyLow);
      if (pb && !gb) m.addRow(tb.city.get(pb) ?? m.featureId('city=' + pb), slab, at);
      if (bK & K_DEMONYM) m.addRow(tb.demonym, slab, at);
      if (cl) m.addRow(tb.cl.get(cl) ?? -1, slab, at);
    }
    // PERSON_TITLES has low without a final dot: pk, or '<num>' for a number.
    const bTitle = ((isNum ? bL : rP < 0 ? 0 : rows[rP]) & K_TITLE) !== 0;
    if (cfg.triggers) {
      if (bTitle) m.addRow(tb.title, slab, at);
      if (orgWord) m.addRow(tb.orgword, slab, at);
      if (locWord) m.addRow(tb.locword, slab, at);
    }
    let flags = 0;
    if (cap) flags |= F_CAP;
    if (lexLower) flags |= F_LEXLOWER;
    if (given !== undefined) flags |= F_GIVEN_KEY;
    if (bK & K_TITLE) flags |= F_TITLE_KEY;
    if (bK & K_LOCPREP) flags |= F_LOCPREP_KEY;
    if (bK & K_MEDIA) flags |= F_MEDIA_KEY;
    if (orgWord) flags |= F_ORGW;
    if (locWord) flags |= F_LOCW;
    if (low === 'of' || low === 'the' || low === 'and' || low === '&') flags |= F_JOIN_FWD;
    if (low === 'of' || low === 'the' || low === 'for' || low === '&') flags |= F_JOIN_BACK;
    if (keyLow === "'s" || keyLow === '’s') flags |= F_POSS_KEY;
    if (low === "'s" || low === '’s') flags |= F_POSS_LOW;
    if (isLowerWord(w)) flags |= D_LOWERWORD;
    const bW = rW < 0 ? 0 : rows[rW];
    if (bW & K_SENTEND) flags |= D_SENT_END;
    const bP = rP < 0 ? 0 : rows[rP];
    if (bP & K_TITLE) flags |= D_PREV_TITLE;
    if (rP >= 0 && ((rows[rP + 1] >>> KV_GIVEN) & 255) !== 0 && !(bP & K_LOWER)) flags |= D_PREV_GIVEN; // lex.given has pk, lex.lower not
    if (bW & K_LOCPREP) flags |= D_LOCPREP_RAW;
    if (b0 & K_ORGW) flags |= D_ORGW0;
    if (low0 === 'of' || low0 === 'the' || low0 === 'for' || low0 === 'and' || low0 === '&') flags |= D_RUNJOIN;
    // (UPPER_RE, UPLOW_RE: read from the character codes below 128; a word UPLOW_RE matches UPPER_RE matches too)
    if (c < 128 ? c >= 65 && c <= 90 : UPPER_RE.test(w)) {
      flags |= R_UPPER;
      const c1 = w.charCodeAt(1);
      if (c1 < 128 ? c1 >= 97 && c1 <= 122 : UPLOW_RE.test(w)) flags |= R_UPLOW;
    }
    if (flags & R_UPPER && flags & D_PREV_TITLE) flags |= R_TITLEWORD; // isTitleWord
    if (b0 & K_MEDIA) flags |= R_MEDIA;
    if (b0 & K_LOWER) flags |= R_LEXLOWER0;
    if (w === '-' || w === '.' || w === "'" || w === '’' || w === "'s" || w === '’s') flags |= R_TRIM;
    if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c >= 0xc0) {
      flags |= S_LETTER;
      if (w.length > 1 && w === w.toUpperCase() && w !== low0) flags |= S_UPPER;
      if (c >= 65 && c <= 90) flags |= S_CAPAZ;
      else if (c >= 97 && c <= 122 && w.length > 3) flags |= S_LOWERLONG;
    }
    const clIds = cl ? this.clIdsOf(cl) : undefined;
    // (read only for lower-case / capitalized words)
    const lkText = flags & D_LOWERWORD ? this.lkOf(w, rW) : -1;
    const lkLow0 = cap ? this.lkOf(low0, r0) : -1;
    const x: Word = {
      id: this.nextWordId++,
      slot,
      text: w,
      eqKey: '=' + key,
      keyLow,
      flags,
      pairIdx: rL < 0 ? -1 : rows[rL + KEY_PAIR],
      shapeIdx: tb.shapeVocab.get(shape) ?? -1,
      firstSh: firstShId,
      clP1: clIds ? clIds[0] : -1,
      clM1: clIds ? clIds[1] : -1,
      lkText,
      lkLow0,
      lkKeyLow: cap ? (keyLow === low0 ? lkLow0 : this.lkOf(keyLow, rK)) : -1,
      sb: sentenceBits(w),
      gz0: cap ? this.firstNode(w, key.length, rK) : undefined,
      rc: undefined,
      rc0: undefined,
    };
    return x;
  }

  private gz(kinds: string): GzIds {
    let g = this.gzIds.get(kinds);
    if (!g) {
      const m = this.s1;
      const b = new Int32Array(kinds.length);
      const i = new Int32Array(kinds.length);
      for (let k = 0; k < kinds.length; k++) {
        b[k] = m.featureId('gz=' + kinds[k] + 'B');
        i[k] = m.featureId('gz=' + kinds[k] + 'I');
      }
      this.gzIds.set(kinds, (g = { b, i, m1: m.featureId('gz-1=' + kinds), p1: m.featureId('gz+1=' + kinds) }));
    }
    return g;
  }

  /** Empty the word cache (and what holds its ids) when full; between documents only. */
  private trimCaches(): void {
    if (this.formList.length >= MAX_WORDS) {
      this.formTable.fill(0);
      this.formList = [];
      this.formCharsEnd = 0;
      this.dropScratch();
      this.lk = new Map();
      this.nSlots = 1; // slot 0: the sentence-edge rows
      this.sentCache.clear();
    }
    if (this.sentCache.size >= MAX_SENTENCES || this.sentCache.tokens >= MAX_SENTENCE_TOKENS) this.sentCache.clear();
  }

  /** The Word of text[a, b), found by its characters (built, from a substring, on first sight). */
  private lookup(text: string, a: number, b: number): Word {
    return this.lookupHashed(text, a, b, hashOf(text, a, b));
  }

  /** `lookup` given the hash `h` of text[a, b). */
  private lookupHashed(text: string, a: number, b: number, h: number): Word {
    const table = this.formTable;
    const mask = (table.length >> 2) - 1;
    const len = b - a;
    const chars = this.formChars;
    let s = h & mask;
    for (let k = table[4 * s]; k !== 0; k = table[4 * s]) {
      if (table[4 * s + 1] === h && table[4 * s + 3] === len) {
        const at = table[4 * s + 2];
        let i = 0;
        while (i < len && chars[at + i] === text.charCodeAt(a + i)) i++;
        if (i === len) return this.formList[k - 1];
      }
      s = (s + 1) & mask;
    }
    const x = this.build(text.slice(a, b));
    this.formList.push(x);
    const at = this.formCharsEnd;
    if (at + len > this.formChars.length) {
      const grown = new Uint16Array(Math.max(2 * this.formChars.length, at + len));
      grown.set(this.formChars.subarray(0, at));
      this.formChars = grown;
    }
    const fc = this.formChars;
    for (let i = 0; i < len; i++) fc[at + i] = text.charCodeAt(a + i);
    this.formCharsEnd = at + len;
    table[4 * s] = this.formList.length;
    table[4 * s + 1] = h;
    table[4 * s + 2] = at;
    table[4 * s + 3] = len;
    if (8 * this.formList.length > table.length) this.rehash(2 * table.length);
    return x;
  }

  /**
   * The Words of the document's tokens `tStart/tEnd[0, n)` into `toks` (and their `sentenceBits` into `tBits`), LOOKUP_BATCH
   * tokens at a time: their hashes and their first table slot, characters and Word read first in one loop of
   * independent reads (on new text most are cache misses, which the processor then overlaps instead of waiting on
   * each in turn), then looked up in order as `lookup` does (so new forms are built in the same order).
   */
  private lookupAll(text: string, n: number): void {
    const tStart = this.tStart;
    const tEnd = this.tEnd;
    const toks = this.toks;
    const tBits = this.tBits;
    const hs = this.hashBuf;
    for (let from = 0; from < n; from += LOOKUP_BATCH) {
      const to = Math.min(n, from + LOOKUP_BATCH);
      const table = this.formTable;
      const mask = (table.length >> 2) - 1;
      const chars = this.formChars;
      const list = this.formList;
      for (let i = from; i < to; i++) {
        const h = hashOf(text, tStart[i], tEnd[i]);
        hs[i - from] = h;
        const s = 4 * (h & mask);
        const k = table[s];
        if (k !== 0 && (chars[table[s + 2]] === 0xffff || list[k - 1].sb < 0)) this.touched++;
      }
      for (let i = from; i < to; i++) {
        const x = this.lookupHashed(text, tStart[i], tEnd[i], hs[i - from]);
        toks[i] = x;
        tBits[i] = x.sb;
      }
    }
  }

  /** The form table as `size` Int32s (size / 4 slots), with the same entries. */
  private rehash(size: number): void {
    const old = this.formTable;
    const table = new Int32Array(size);
    const mask = (size >> 2) - 1;
    for (let e = 0; e < old.length; e += 4) {
      if (old[e] === 0) continue;
      let s = old[e + 1] & mask;
      while (table[4 * s] !== 0) s = (s + 1) & mask;
      for (let j = 0; j < 4; j++) table[4 * s + j] = old[e + j];
    }
    this.formTable = table;
  }

  /** `documentContext` over the document's Words, as flags of interned lower-case strings. */
  private documentFlags(n: number): void {
    const toks = this.toks;
    for (let i = 0; i < n; i++) if (toks[i].flags & D_LOWERWORD) this.setDoc(toks[i].lkText, DOC_LOWER);
    let runStart = -1;
    for (let i = 0; i <= n; i++) {
      const t = i < n ? toks[i] : undefined;
      const cap = t !== undefined && (t.flags & F_CAP) !== 0;
      if (cap && runStart < 0) runStart = i;
      if (!cap && runStart >= 0) {
        if (t && t.flags & D_RUNJOIN && i + 1 < n && toks[i + 1].flags & F_CAP) continue;
        let org = false;
        for (let j = runStart; j < i; j++) if (toks[j].flags & D_ORGW0) org = true;
        if (org) for (let j = runStart; j < i; j++) if (toks[j].flags & F_CAP && !(toks[j].flags & D_ORGW0)) this.setDoc(toks[j].lkLow0, DOC_ORG);
        runStart = -1;
      }
      if (!cap) continue;
      const k = t!.lkLow0;
      if (i === 0) continue;
      const p = toks[i - 1].flags;
      if (!(p & D_SENT_END)) this.setDoc(k, DOC_MIDCAP);
      if (p & F_CAP && p & D_PREV_TITLE) this.setDoc(k, DOC_TITLE);
      if (p & D_LOCPREP_RAW) this.setDoc(k, DOC_PREP);
      if (p & F_CAP && p & D_PREV_GIVEN) this.setDoc(k, DOC_GIVEN);
    }
  }

  /** sentenceCase over Words [from, to). */
  private caseOf(from: number, to: number): 'upper' | 'title' | 'normal' {
    let words = 0;
    let upper = 0;
    let cap = 0;
    let lowerLong = 0;
    for (let i = from; i < to; i++) {
      const f = this.toks[i].flags;
      if (!(f & S_LETTER)) continue;
      words++;
      if (f & S_UPPER) upper++;
      if (f & S_CAPAZ) cap++;
      else if (f & S_LOWERLONG) lowerLong++;
    }
    if (words >= 3 && upper / words >= 0.8) return 'upper';
    if (words >= 4 && cap / words >= 0.7 && lowerLong === 0) return 'title';
    return 'normal';
  }

  /** The document flags a capitalized word's features read (0 for others): part of the sentence-cache key. */
  private signature(x: Word): number {
    return x.flags & F_CAP ? this.docFlags(x.lkKeyLow) : 0;
  }

  /** Tags (label indices, after the rules) of the sentence held in `this.sw[0, n)`, into `this.tagBuf`. */
  private tagSentence(n: number): void {
    const sw = this.sw;
    if (this.tagBuf.length < n) this.tagBuf = new Int32Array(Math.max(n, 2 * this.tagBuf.length));
    const tags = this.tagBuf;
    const cached = n <= MAX_CACHED_SENTENCE;
    let h = 0;
    if (cached) {
      if (this.keyBuf.length < 3 * n) this.keyBuf = new Uint16Array(Math.max(3 * n, 2 * this.keyBuf.length));
      const kb = this.keyBuf;
      for (let i = 0; i < n; i++) {
        const id = sw[i].id;
        kb[3 * i] = id & 0xffff;
        kb[3 * i + 1] = id >>> 16;
        kb[3 * i + 2] = this.signature(sw[i]) | (i === 0 ? 0x8000 : 0);
      }
      h = SentenceCache.hash(kb, n);
      if (this.sentCache.get(kb, n, h, tags)) return;
    }
    this.emissions(n);
    this.s1.decodeInto(this.em, n, tags);
    this.applyRules(n);
    if (cached) this.sentCache.add(this.keyBuf, n, h, tags);
  }

  /** Emission scores of `this.sw[0, n)` into `this.em`: the sums `decode` would make of `sentenceFeatures`' ids. */
  private emissions(n: number): void {
    const T = this.T;
    const tb = this.fastTables!;
    const cfg = this.cfg;
    const sw = this.sw;
    const slab = this.slab;
    const m = this.s1;
    if (this.em.length < n * T) this.em = new Float64Array(Math.max(n * T, 2 * this.em.length));
    const em = this.em;
    let gzOn = false;
    if (cfg.gazetteer) {
      if (this.caps.length < n) {
        const len = Math.max(n, 2 * this.caps.length);
        this.caps = new Uint8Array(len);
        this.gzBegin = new Uint8Array(len);
      }
      for (let i = 0; i < n; i++) {
        const x = sw[i];
        // Touch every 64 bytes of the form's 5 rows in the slab (5 * T float64s; T = 9: 360 bytes), which the sums
        // below read: on new text they are mostly cache misses, overlapped here across the sentence's tokens, while
        // the gazetteer matcher runs, instead of one after another in the sums. (`touched` keeps the reads.)
        const b = x.slot * 5 * T;
        const e = b + 5 * T - 1;
        for (let k = b; k < e; k += 8) if (slab[k] === UNSEEN) this.touched++;
        if (slab[e] === UNSEEN) this.touched++;
        this.eqs[i] = x.eqKey;
        this.lows[i] = x.keyLow;
        if (x.flags & F_CAP) {
          this.caps[i] = 1;
          this.gzFirst[i] = x.gz0; // (set by build for every capitalized form)
        } else this.caps[i] = 0;
      }
      this.lex.matchKeys(this.eqs, this.lows, this.caps, n, this.gzKinds, this.gzBegin, this.gzFirst);
      gzOn = true;
    }
    const kinds = this.gzKinds;
    const pairs = tb.pairs;
    const pairSlots = pairs.slots;
    /** The 'w-1w=' id of token i (-1: none), from the probe of token i - 1. */
    let left = -1;
    for (let i = 0; i < n; i++) {
      const o = i * T;
      const x = sw[i];
      const xf = x.flags;
      const cap = (xf & F_CAP) !== 0;
      // Local features and the neighbours' contributions (rows of the slab; the edges past the sentence).
      // (slot 0 holds the rows past the sentence edges)
      const a0 = x.slot * 5 * T;
      const a1 = (i > 1 ? sw[i - 2].slot : 0) * 5 * T + T;
      const a2 = (i > 0 ? sw[i - 1].slot : 0) * 5 * T + 2 * T;
      const a3 = (i + 1 < n ? sw[i + 1].slot : 0) * 5 * T + 3 * T;
      const a4 = (i + 2 < n ? sw[i + 2].slot : 0) * 5 * T + 4 * T;
      for (let t = 0; t < T; t++) em[o + t] = slab[a0 + t] + slab[a1 + t] + slab[a2 + t] + slab[a3 + t] + slab[a4 + t];
      // The context features of `contextFeatures` (withoutNeighbours).
      if (cfg.shape) {
        if (i === 0) {
          m.addRow(tb.first, em, o);
          m.addRow(x.firstSh, em, o);
        }
        if (cap) {
          const d = this.docFlags(x.lkKeyLow);
          if (d & DOC_LOWER) m.addRow(tb.capDoclower, em, o);
          if (cfg.document) {
            if (d & DOC_TITLE) m.addRow(tb.dTitle, em, o);
            if (d & DOC_PREP) m.addRow(tb.dPrep, em, o);
            if (d & DOC_GIVEN) m.addRow(tb.dGiven, em, o);
            if (d & DOC_ORG) m.addRow(tb.dOrg, em, o);
            if (i === 0 && d & DOC_MIDCAP) m.addRow(tb.dMidcap, em, o);
          }
          if (i === 0) m.addRow(xf & F_LEXLOWER ? tb.firstCapKnown : tb.firstCapUnknown, em, o);
        }
      }
      if (cfg.context) {
        const cw = x.pairIdx;
        const nw = i + 1 < n ? sw[i + 1].pairIdx : tb.pairEnd;
        if (cw >= 0) {
          // 'w-1w=' (found by the previous token's probe, or at the start of the sentence here), 'ww+1='
          if (i === 0 && tb.pairStart >= 0) {
            const e = pairs.find(tb.pairStart, cw, 0);
            left = e < 0 ? -1 : pairSlots[e + 2];
          }
          m.addRow(left, em, o);
          if (nw >= 0) {
            const e = pairs.find(cw, nw, 0);
            m.addRow(e < 0 ? -1 : pairSlots[e + 3], em, o);
            left = e < 0 ? -1 : pairSlots[e + 2];
          } else left = -1;
        } else left = -1;
        const ps = i > 0 ? sw[i - 1].shapeIdx : tb.shapeStart;
        const ns = i + 1 < n ? sw[i + 1].shapeIdx : tb.shapeEnd;
        if (ps >= 0 && x.shapeIdx >= 0 && ns >= 0) {
          const e = tb.shapeTriple.find(ps, x.shapeIdx, ns);
          m.addRow(e < 0 ? -1 : tb.shapeTriple.slots[e + 3], em, o);
        }
        if (cfg.shape) {
          if (i > 0 && sw[i - 1].flags & F_CAP) m.addRow(tb.capM1, em, o);
          if (i + 1 < n && sw[i + 1].flags & F_CAP) m.addRow(tb.capP1, em, o);
        }
      }
      if (gzOn) {
        const g = kinds[i];
        if (g !== undefined) {
          const ids = this.gz(g);
          const arr = this.gzBegin[i] ? ids.b : ids.i;
          for (let k = 0; k < arr.length; k++) m.addRow(arr[k], em, o);
        }
        if (i > 0 && kinds[i - 1] !== undefined) m.addRow(this.gz(kinds[i - 1]!).m1, em, o);
        if (i + 1 < n && kinds[i + 1] !== undefined) m.addRow(this.gz(kinds[i + 1]!).p1, em, o);
        if (cap) {
          if (i > 0 && sw[i - 1].flags & F_CAP && sw[i - 1].flags & F_GIVEN_KEY) m.addRow(tb.givenM1, em, o);
          if (i + 1 < n) m.addRow(sw[i + 1].clP1, em, o);
          if (i > 0) m.addRow(sw[i - 1].clM1, em, o);
        }
      }
      if (cfg.triggers) {
        const pf = i > 0 ? sw[i - 1].flags : 0;
        if (pf & F_TITLE_KEY) m.addRow(tb.titleM1, em, o);
        if (i > 1 && sw[i - 2].flags & F_TITLE_KEY) m.addRow(tb.titleM2, em, o);
        if (pf & F_LOCPREP_KEY) m.addRow(tb.locprepM1, em, o);
        if (pf & F_MEDIA_KEY) m.addRow(tb.mediaM1, em, o);
        for (let j = i + 1; j < n && j <= i + 3; j++) {
          const f = sw[j].flags;
          if (!(f & F_CAP) && !(f & F_JOIN_FWD)) break;
          if (f & F_ORGW) {
            m.addRow(tb.orgwordP, em, o);
            break;
          }
          if (f & F_LOCW) {
            m.addRow(tb.locwordP, em, o);
            break;
          }
        }
        for (let j = i - 1; j >= 0 && j >= i - 3; j--) {
          const f = sw[j].flags;
          if (!(f & F_CAP) && !(f & F_JOIN_BACK)) break;
          if (f & F_ORGW) {
            m.addRow(tb.orgwordM, em, o);
            break;
          }
          if (f & F_LOCW) {
            m.addRow(tb.locwordM, em, o);
            break;
          }
        }
        if (pf & F_POSS_KEY) m.addRow(tb.possM1, em, o);
        if (i + 1 < n && sw[i + 1].flags & F_POSS_LOW) m.addRow(tb.possP1, em, o);
      }
    }
  }

  /** `mediaNames` then `titleNames` on label indices (`this.tagBuf`) over `this.sw[0, n)`. */
  private applyRules(n: number): void {
    const sw = this.sw;
    const tags = this.tagBuf;
    const O = this.L_O;
    for (let i = 0; i + 1 < n; i++) {
      if (!(sw[i].flags & R_MEDIA)) continue;
      let j = i + 1;
      while (j < n && sw[j].flags & R_UPPER) j++;
      if (j === i + 1) continue;
      let skip = j < n && tags[j] !== O && !this.labelIsB[tags[j]];
      for (let k = i + 1; k < j && !skip; k++) if (this.labelPerOrg[tags[k]]) skip = true;
      if (skip) continue;
      for (let k = i + 1; k < j; k++) tags[k] = k === i + 1 ? this.L_BORG : this.L_IORG;
    }
    for (let i = 0; i + 1 < n; i++) {
      if (!(sw[i].flags & R_TITLEWORD) || tags[i + 1] !== O) continue;
      let j = i + 1;
      while (j < n && tags[j] === O && sw[j].flags & R_UPLOW && !(sw[j].flags & R_LEXLOWER0) && !(sw[j].flags & R_TITLEWORD)) j++;
      if (j === i + 1) continue;
      for (let k = i + 1; k < j; k++) tags[k] = k === i + 1 ? this.L_BPER : this.L_IPER;
      i = j - 1;
    }
  }

  /** `tagDocument` of one-stage models (see the class comment). */
  private fastDocument(text: string): TaggedSpan[] {
    this.trimCaches();
    if (this.nSlots === 0) {
      // Slot 0 of the slab: the rows a token gets from past the sentence edges (its row 0 stays zero).
      this.slab = new Float64Array(5 * this.T * 1024);
      this.slab.set(this.fastTables!.edge);
      this.nSlots = 1;
      this.slabClean = 1;
    }
    this.docNo++;
    let n = 0;
    scanEnglish(text, 0, text.length, (a, b) => {
      if (n === this.tStart.length) {
        const size = Math.max(1024, 2 * n);
        const grow = (x: Int32Array) => {
          const y = new Int32Array(size);
          y.set(x);
          return y;
        };
        this.tStart = grow(this.tStart);
        this.tEnd = grow(this.tEnd);
        this.tBits = grow(this.tBits);
      }
      this.tStart[n] = a;
      this.tEnd[n] = b;
      n++;
    });
    if (n === 0) return [];
    const toks = this.toks;
    const tStart = this.tStart;
    const tEnd = this.tEnd;
    this.lookupAll(text, n);
    this.documentFlags(n);
    const split = splitSentenceRanges(text, n, tStart, tEnd, this.tBits, this.ranges);
    this.ranges = split.ranges;
    const out: TaggedSpan[] = [];
    const sw = this.sw;
    const lex = this.lex;
    for (let q = 0; q < split.count; q++) {
      const s = { start: split.ranges[2 * q], end: split.ranges[2 * q + 1] };
      const len = s.end - s.start;
      // Headlines in capitals or title case are read truecased (see restoreCase).
      if (this.caseOf(s.start, s.end) === 'normal') for (let i = 0; i < len; i++) sw[i] = toks[s.start + i];
      else
        for (let i = 0; i < len; i++) {
          const x = toks[s.start + i];
          if (i === 0) sw[i] = x.rc0 ??= this.word(restoreWord(x.text, true, lex));
          else sw[i] = x.rc ??= this.word(restoreWord(x.text, false, lex));
        }
      this.tagSentence(len);
      const tags = this.tagBuf;
      let open = -1;
      let type = 0;
      const close = (endTok: number) => {
        if (open < 0) return;
        // Spans never end on a hyphen, a dot token or a possessive; MISC is not returned.
        let e = endTok;
        while (e > open && toks[s.start + e - 1].flags & R_TRIM) e--;
        const nt = TYPE_OF[STAT_TYPES[type - 1]];
        if (nt && nt !== 'misc' && e > open) {
          const a = tStart[s.start + open];
          const b = tEnd[s.start + e - 1];
          out.push({ start: a, end: b, type: nt, text: text.slice(a, b) });
        }
        open = -1;
      };
      for (let i = 0; i < len; i++) {
        const tg = tags[i];
        const ty = this.labelType[tg];
        if (ty === 0) {
          close(i);
          continue;
        }
        if (this.labelIsB[tg] || ty !== type || open < 0) {
          close(i);
          open = i;
          type = ty;
        }
      }
      close(len);
    }
    if (n > MAX_KEPT_TOKENS) this.dropScratch();
    return out;
  }

  /** Let go of the per-document scratch after a very long document (it holds Words and grows with the text). */
  private dropScratch(): void {
    this.toks = [];
    this.sw = [];
    this.eqs = [];
    this.gzFirst = [];
    this.lows = [];
    this.gzKinds = [];
    this.tStart = new Int32Array(0);
    this.tEnd = new Int32Array(0);
    this.tBits = new Int32Array(0);
    this.em = new Float64Array(0);
  }

  /** IOB2 tags for pre-tokenized sentences of one document (evaluation on the .bio files). */
  tagSentences(sents: readonly string[][]): string[][] {
    return this.run(sents, docFeatures(sents, this.lex, this.cfg));
  }

  /** Spans of a whole document. */
  tagDocument(text: string): TaggedSpan[] {
    if (this.useFast) {
      if (!this.fastTables) {
        this.fastTables = buildTables(this.s1, this.cfg, this.lex);
        this.growLk(this.fastTables.keys.size + 1024);
      }
      return this.fastDocument(text);
    }
    const tokens = tokenizeEnglish(text);
    if (tokens.length === 0) return [];
    const doc = documentContext(tokens, this.lex);
    const sentences = splitSentences(text, tokens);
    const sents = sentences.map((s) => tokens.slice(s.start, s.end).map((t) => t.text));
    // Headlines in capitals or title case are read truecased (see restoreCase).
    const read = sentences.map((s, k) => (sentenceCase(tokens, s.start, s.end) === 'normal' ? sents[k] : restoreCase(sents[k], this.lex)));
    const tagged = this.run(read, read.map((words) => sentenceFeatures(words, this.lex, doc, 'normal', this.cfg)));
    const out: TaggedSpan[] = [];
    sentences.forEach((s, k) => {
      const tags = tagged[k];
      let open = -1;
      let type = '';
      const close = (endTok: number) => {
        if (open < 0) return;
        const nt = TYPE_OF[type];
        // Spans never end on a hyphen, a dot token or a possessive; MISC is not returned.
        let e = endTok;
        while (e > open && /^(?:-|['’]s?|\.)$/.test(tokens[s.start + e - 1].text)) e--;
        if (nt && nt !== 'misc' && e > open) {
          const a = tokens[s.start + open].start;
          const b = tokens[s.start + e - 1].end;
          out.push({ start: a, end: b, type: nt, text: text.slice(a, b) });
        }
        open = -1;
      };
      for (let i = 0; i < tags.length; i++) {
        const tg = tags[i];
        if (tg === 'O') {
          close(i);
          continue;
        }
        const ty = tg.slice(2);
        if (tg.startsWith('B-') || ty !== type || open < 0) {
          close(i);
          open = i;
          type = ty;
        }
      }
      close(tags.length);
    });
    return out;
  }

  tag(text: string, from = 0, to = text.length): TaggedSpan[] {
    if (!this.last || this.last.text !== text) this.last = { text, spans: this.tagDocument(text) };
    const out: TaggedSpan[] = [];
    for (const s of this.last.spans) if (s.start >= from && s.end <= to) out.push(s);
    return out;
  }
}
