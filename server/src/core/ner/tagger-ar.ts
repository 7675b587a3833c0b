/**
 * The Arabic tagger: tokens (text/tokenize.ts) -> features (features-ar.ts) -> averaged perceptron with
 * BIO-constrained first-order Viterbi (perceptron.ts), in two passes: the second pass also sees what the first
 * found for the same stem elsewhere in the document. Trained on ANERcorp, whose tokens keep their clitics
 * ('للعراق' B-LOC); the returned spans exclude them (see `cliticStart`). MISC is learned (it keeps nationalities
 * and events out of the other types) and returned as 'misc'.
 *
 * Pure: the model and the gazetteer come in as JSON objects (loaded by server/src/node/models.ts).
 * Speed (figures in docs/ner.md): at load time the models' feature lists become id tables (per base feature: its ids
 * in both stages and at every context offset, and copies of its own and context weight rows side by side; per word
 * pair: its pair-feature ids); a word form seen for the first time is summed once into a float32 slab (own and
 * context rows per stage) without building its feature strings (sumWord hashes the pieces of the word straight into
 * the base table; FAST_PREFIXES; the lexicon's map is asked only for readings whose hash is in a bit set of its keys,
 * keyInfo); the sentence- and document-dependent features are interned codes; the document is
 * tokenized once for all its regions; decoded sentences are cached (under a numeric hash of their key: word ids and
 * document signatures). Work only an edit reads (the word slots per stem, a changed-stem set) is not done for new
 * text, and a word form's sentence-edge pair ids are looked up when a sentence first starts or ends on it. After an
 * edit of the same document (docFor, tokensAfter) the document work follows the edit: only the edited stretch is
 * tokenized, the statistics take back and add the changed sentences (DocStatsTally), signatures are recomputed for
 * the touched stems only, and unchanged sentences whose signatures and first-pass labels stayed keep their decoded
 * labels and spans.
 * The caches are bounded (CACHE_LIMITS, cacheStats). Output is identical to summing the string features of
 * `sentenceFeatures` (scripts/golden-ner.ts).
 */
import type { NerTagger, NerType, TaggedSpan } from '../resources';
import { bareStem, cliticSplits, hasArticle } from '../text/clitics';
import { normalizeArabic } from '../text/normalize';
import { sentenceRanges, type Token, tokenize } from '../text/tokenize';
import { type WordClusters, wordClusters } from './clusters';
import { trainCharClass, trainCharClassLR } from './charclass-ar';
import { addPassTags, charClassTypes, clustersOf, DYNAMIC_FEATURES, type DocStats, DocStatsTally, docSignatureCode, docStats, dynamicFeatureCodes, edgeCodes, edgeSetOf, type FeatureConfig, GAZ_NAMES, hasHarakah, kind, MAX_DYNAMIC_CODES, nameClass, needNameClasses, needsLower, nisbaBase, normalizedWord, OFFSETS, PHRASE_SIG, phraseCodes, phraseMarks, phraseTags, propagatePhrases, readings, sentenceEdges, sentenceFeatures, skeletonFeature, stackFeatures, taggedCode, type WordInfo, wordInfo } from './features-ar';
import { type ArabicGazetteerData, ArabicLexicon, type ArabicVocabulary, buildVocabulary } from './lexicon-ar';
import { averageModels, bilouToBio, bioToBilou, type EdgeCodes, FrozenStringTable, PerceptronModel, type PerceptronJSON, shuffle, spansFromBio, StringTable, train, type TrainOptions } from './perceptron';

export interface ArabicModel {
  format: 'article-lens-ner-ar/1';
  features: FeatureConfig;
  /** Label scheme the perceptrons were trained with (IOB2 or BILOU; both read back by spansFromBio). */
  scheme?: 'bio' | 'bilou';
  stage1: PerceptronJSON;
  stage2?: PerceptronJSON;
  /** Training-text vocabulary classes (features.vocabulary). */
  vocab?: ArabicVocabulary;
}

/** One training document: sentences of (word, IOB2 tag). Tags use PER/LOC/ORG/MISC. */
export interface ArSentence {
  words: string[];
  tags: string[];
}

export interface ArTrainOptions {
  features: FeatureConfig;
  epochs?: number;
  seed?: number;
  /** folds for the jackknifed first pass of two-pass training (default 2) */
  folds?: number;
  /** drop features seen fewer times (default 1) */
  minCount?: number;
  /** models averaged per stage (perceptron `bags`, default 1) */
  bags?: number;
  /** drop features whose largest |weight| is below this from the saved model (default 0) */
  prune?: number;
  /** update rule of the perceptron training (perceptron.ts TrainOptions: update, C, costAugmented, entityCost, bootstrap; default the plain perceptron) */
  learner?: Pick<TrainOptions, 'update' | 'C' | 'costAugmented' | 'entityCost' | 'bootstrap'>;
  /** the second stage's update rule when it differs from `learner` (default: the same) */
  learner2?: ArTrainOptions['learner'];
  /**
   * With bags > 1: train each bag as a whole model with its own fold assignment for the vocabulary and the
   * jackknifed first pass (default false: the same folds for all bags, the bags averaged inside each perceptron).
   */
  bagSplits?: boolean;
  /** folds of the jackknifed vocabulary (default 5) */
  vocabFolds?: number;
  /** label scheme (default bio: BILOU measured no better here) */
  scheme?: 'bio' | 'bilou';
  log?: (msg: string) => void;
}

type LexFor = ArabicLexicon | ((doc: number) => ArabicLexicon);

/**
 * The lexicon and the WordInfos of training document `id` (its sentences `d`): one WordInfo per word form and
 * lexicon, kept across the calls of one reader (the jackknifed vocabularies give each fold its own lexicon).
 */
function infoReader(lexFor: LexFor, cfg: FeatureConfig): (d: readonly ArSentence[], id: number) => { lex: ArabicLexicon; ws: WordInfo[][] } {
  const caches = new Map<ArabicLexicon, Map<string, WordInfo>>();
  return (d, id) => {
    const lex = typeof lexFor === 'function' ? lexFor(id) : lexFor;
    let cache = caches.get(lex);
    if (!cache) caches.set(lex, (cache = new Map()));
    const ws = d.map((s) =>
      s.words.map((w) => {
        let x = cache!.get(w);
        if (!x) cache!.set(w, (x = wordInfo(w, lex, cfg)));
        return x;
      }),
    );
    return { lex, ws };
  };
}

/** Training samples of documents `docs` (ids[k]: document k's id for lexFor), with their first-pass tags when given. */
function docSamples(docs: readonly ArSentence[][], lexFor: LexFor, cfg: FeatureConfig, passTags: string[][][] | undefined, bilou: boolean, ids: readonly number[]) {
  const read = infoReader(lexFor, cfg);
  const out: { features: string[][]; labels: string[]; edges?: number[][] }[] = [];
  docs.forEach((d, k) => {
    const { lex, ws } = read(d, ids[k]);
    const stats = cfg.document || passTags ? docStats(ws) : undefined;
    if (passTags && stats) addPassTags(stats, ws, passTags[k], cfg);
    ws.forEach((s, i) => out.push({ features: sentenceFeatures(s, cfg, lex, stats, passTags?.[k][i]), labels: bilou ? bioToBilou(d[i].tags) : d[i].tags, edges: sentenceEdges(s, cfg) }));
  });
  return out;
}

function predictDocs(model: PerceptronModel, docs: readonly ArSentence[][], lexFor: LexFor, cfg: FeatureConfig, ids: readonly number[]): string[][][] {
  const read = infoReader(lexFor, cfg);
  return docs.map((d, k) => {
    const { lex, ws } = read(d, ids[k]);
    const stats = cfg.document ? docStats(ws) : undefined;
    return ws.map((s) => model.predict(sentenceFeatures(s, cfg, lex, stats), sentenceEdges(s, cfg)));
  });
}

/** Cluster sizes of the word clusters (finest first; features.clusters). */
const CLUSTER_SIZES = [256, 64, 16];

/** Word clusters of the training text's normalized words (features.clusters). */
function trainingClusters(docs: readonly ArSentence[][]): WordClusters {
  return wordClusters(docs.flat().map((s) => s.words.map(normalizedWord)), CLUSTER_SIZES);
}

/** Train the one- or two-pass model. */
export function trainArabicModel(docs: ArSentence[][], gaz: ArabicGazetteerData | undefined, opts: ArTrainOptions): ArabicModel {
  const bilou = (opts.scheme ?? 'bio') === 'bilou';
  const log = opts.log ?? (() => {});
  const bags = opts.bags ?? 1;
  let stages: TrainedStages;
  if (opts.bagSplits && bags > 1) {
    // Each bag its own training order and its own fold assignment (vocabulary and jackknife), averaged per stage.
    const parts: TrainedStages[] = [];
    for (let b = 0; b < bags; b++) {
      parts.push(trainStages(docs, gaz, { ...opts, bags: 1, seed: (opts.seed ?? 1) + 7919 * b }, b));
      log(`bag ${b + 1}/${bags} done`);
    }
    stages = { m1: averageModels(parts.map((p) => p.m1)), m2: opts.features.twoPass ? averageModels(parts.map((p) => p.m2!)) : undefined, vocab: parts[0].vocab };
  } else stages = trainStages(docs, gaz, opts, 0);
  log(`stage 1: ${stages.m1.featureCount} features` + (stages.m2 ? `, stage 2: ${stages.m2.featureCount} features` : ''));
  const model: ArabicModel = { format: 'article-lens-ner-ar/1', features: opts.features, scheme: bilou ? 'bilou' : 'bio', stage1: stages.m1.toJSON(opts.prune ?? 0) };
  if (stages.vocab) model.vocab = stages.vocab;
  if (stages.m2) model.stage2 = stages.m2.toJSON(opts.prune ?? 0);
  return model;
}

interface TrainedStages {
  m1: PerceptronModel;
  m2?: PerceptronModel;
  vocab?: ArabicVocabulary;
}

/**
 * The stages of one model (opts.bags averaged inside each perceptron). `split` 0: documents go to folds by index
 * (i mod K); otherwise by a permutation of the documents drawn from `split` (bagSplits: a different split per bag).
 */
function trainStages(docs: ArSentence[][], gaz: ArabicGazetteerData | undefined, opts: ArTrainOptions, split: number): TrainedStages {
  const base = new ArabicLexicon(gaz);
  const cfg1: FeatureConfig = { ...opts.features, twoPass: false };
  const topts: TrainOptions = { epochs: opts.epochs ?? 10, seed: opts.seed ?? 1, minCount: opts.minCount ?? 1, bags: opts.bags ?? 1, ...opts.learner, edgeCount: edgeSetOf(opts.features)?.count ?? 0 };
  const log = opts.log ?? (() => {});
  const bilou = (opts.scheme ?? 'bio') === 'bilou';
  // fold position of each document: its index, or its place in a seeded shuffle
  const pos = docs.map((_, i) => i);
  if (split) shuffle(pos, 0x9e3779b1 ^ split);
  // Vocabulary features are jackknifed: a training document sees the vocabulary of the other folds only, as new
  // text sees the vocabulary of all the training text.
  const VK = opts.vocabFolds ?? 5;
  let lexFor: LexFor = base;
  let vocab: ArabicVocabulary | undefined;
  const clusters = opts.features.clusters ? trainingClusters(docs) : undefined;
  if (clusters) base.setClusters(clusters);
  if (opts.features.vocabulary) {
    // the vocabulary of some sentences, with the character classifier of their stem types (features.charClass)
    const vocabOf = (s: ArSentence[]) => {
      const v = buildVocabulary(s);
      if (opts.features.charClass) v.K = (opts.features.charClassLR ? trainCharClassLR : trainCharClass)(charClassTypes(s));
      return v;
    };
    vocab = vocabOf(docs.flat());
    if (clusters) vocab.C = clusters;
    const lexes = Array.from({ length: VK }, (_, f) => base.withVocabulary(vocabOf(docs.filter((_, i) => pos[i] % VK !== f).flat())));
    lexFor = (i: number) => lexes[pos[i] % VK];
  }
  const all = docs.map((_, i) => i);
  const m1 = train(docSamples(docs, lexFor, cfg1, undefined, bilou, all), topts);
  if (!opts.features.twoPass) return { m1, vocab };
  // Jackknife: first-pass tags of each document from a model that did not see it.
  const K = opts.folds ?? 2;
  const pass: string[][][] = new Array(docs.length);
  for (let f = 0; f < K; f++) {
    const tr = all.filter((i) => pos[i] % K !== f);
    const held = all.filter((i) => pos[i] % K === f);
    const mf = train(docSamples(tr.map((i) => docs[i]), lexFor, cfg1, undefined, bilou, tr), topts);
    const tags = predictDocs(mf, held.map((i) => docs[i]), lexFor, cfg1, held);
    held.forEach((i, j) => (pass[i] = tags[j]));
    log(`fold ${f + 1}/${K} done`);
  }
  const m2 = train(docSamples(docs, lexFor, cfg1, pass, bilou, all), opts.learner2 ? { ...topts, ...opts.learner2 } : topts);
  return { m1, m2, vocab };
}

const TYPE_OF: Record<string, NerType> = { PER: 'person', LOC: 'location', ORG: 'organization', MISC: 'misc' };
const TYPES: readonly NerType[] = ['person', 'location', 'organization', 'misc'];

/** Longest token sequence decoded at once (longer sentences are cut; keeps memory flat on one-line archives). */
const MAX_SENTENCE = 150;

/**
 * Cache budget (one tagger; measured with scripts/bench-ner.ts). Word forms: ~0.6 kB each (a block of 2 x 5 rows
 * of 9 float32 sums, a slim WordInfo, the key), so 40,000 forms ~ 25 MB; the cache is emptied between documents once
 * it holds that many (one document may go past it). Decoded sentences: keys of 3 UTF-16 units and labels of 4 bytes
 * a token, emptied at 20,000 sentences or 400,000 tokens (~5 MB).
 */
export const CACHE_LIMITS = {
  maxWords: 40_000,
  maxSentences: 20_000,
  maxSentenceTokens: 400_000,
  /** Longest document whose tokens are kept between the region calls of tag() (longer ones are tokenized per region). */
  maxMemoTokens: 200_000,
};
export type ArabicCacheLimits = typeof CACHE_LIMITS;

/** What the caches hold (ArabicTagger.cacheStats). */
export interface ArabicCacheStats {
  words: number;
  sentences: number;
  sentenceTokens: number;
  /** Estimated bytes of the word cache, the decoded-sentence cache and the document memo. */
  bytes: number;
}

const EMPTY: string[] = [];
/** ArabicTagger.edge: not computed yet (pair ids are -1 or above) */
const NO_EDGE = -9;
/** log2 of the bits in ArabicTagger.keyFilter (2^20 bits, 128 kB: ~8% of the hashes of a word not in a lexicon of 80,000 keys have a bit) */
const KEY_FILTER_BITS = 20;
/** ArabicTagger.meta: entries per word slot, and where each number is in a slot's entries (two for M_STAMP, M_SIG, M_DIRTY: without and with first-pass tags) */
export const SLOT = 8;
const M_UID = 0;
const M_PID = 1;
export const M_STAMP = 2;
export const M_SIG = 4;
const M_DIRTY = 6;

/** Label strings of label indices (a plain loop: Array.from on a typed array allocates an iterator result per item). */
function labelsOf(ids: Int32Array, labels: readonly string[]): string[] {
  const out: string[] = new Array(ids.length);
  for (let i = 0; i < ids.length; i++) out[i] = labels[ids[i]];
  return out;
}

/** A flat copy of `s` (not a slice of a longer string). */
function copyString(s: string): string {
  const u = new Uint16Array(s.length);
  for (let i = 0; i < s.length; i++) u[i] = s.charCodeAt(i);
  return String.fromCharCode.apply(null, u as unknown as number[]);
}

/**
 * The first sight of a word form without feature strings (ArabicTagger.sumWord): the base features wordInfo makes
 * from pieces of the word are hashed from those pieces (prefix + characters) straight into the base table, the
 * ones from small fixed sets are resolved at load time. It covers the base features whose names are in
 * FAST_NAMES or start with a prefix of FAST_PREFIXES (the part up to the first '=' or '~'); a model with any other
 * base feature (a word-level feature added to wordInfo) is tagged through wordInfo's strings instead
 * (ArabicTagger.fastWords false), so the sums are always those of the strings.
 */
const FAST_PREFIXES = new Set(['w=', 'b=', 'pre=', 's1=', 's2=', 'p2=', 's3=', 'p3=', 'bs2=', 'bp2=', 'bs3=', 'bp3=', 'bs4=', 'bp4=', 'k=', 'g3=', 'v=', 'vt=', 'vb=', 'vv=', 'vbt=', 'gz=', 'gz~', 'q0=', 'q-1=', 'q+1=', 'q3=', 'pw=', 'wn=', 'pp=', 'c0=', 'c1=', 'c2=', 'c3=', 'sk=', 'skv=', 'cn=']);
const FAST_NAMES = new Set(['bias', '<s>', '</s>', 'diac', 'tP', 'tO', 'tL', 'tS', 'nis', ...DYNAMIC_FEATURES]);
const reEscape = (s: string) => s.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');
/**
 * A line the fast path does not make: neither one of FAST_NAMES nor starting with a prefix of FAST_PREFIXES (each ends
 * at its first '=' or '~', so a line starting with one has it as the part up to its first '=' or '~'). Run once over
 * the base features joined by newlines (one native scan at load time instead of a call per feature).
 */
const NOT_FAST = new RegExp(`^(?!(?:${[...FAST_PREFIXES].map(reEscape).join('|')})|(?:${[...FAST_NAMES].map(reEscape).join('|')})$)`, 'm');
/** kind() values and vocabulary classes, as indices of the load-time row tables. */
const KINDS = ['num', 'lat', 'ar', 'pun'];
/** 'U' (unlisted) at 0, then the lexicon's classes: the index is the class field of a keyInfo value (vocabClass). */
const VOCAB_CLASSES = ['U', ...ArabicLexicon.VOCAB_CLASSES];
/** The sports-feature strings of WordInfo (sportF, sportPrevF) as constants (the same strings wordInfo builds). */
const SPORT_F = new Map(['P', ...VOCAB_CLASSES].map((c) => [c, 'dS=' + c]));
const SPORT_PREV_F = new Map(['-', 'M', 'F', 'P'].map((g) => [g, 'dSn=' + g]));
/** The vocabulary class in a lexicon keyInfo value ('U' unlisted). */
function vocabClass(info: number): string {
  return VOCAB_CLASSES[(info >> ArabicLexicon.VOCAB_SHIFT) & 7];
}
/** The vocabulary type in a lexicon keyInfo value (undefined: none). */
function vocabType(lex: ArabicLexicon, info: number): string | undefined {
  const t = (info >> ArabicLexicon.TYPE_SHIFT) & 15;
  return t ? lex.vocabTypeNames[t - 1] : undefined;
}
/** r is 'ال' + s. */
function isAlPlus(r: string, s: string): boolean {
  return r.length === s.length + 2 && r.charCodeAt(0) === 0x0627 && r.charCodeAt(1) === 0x0644 && r.endsWith(s);
}
/** Lexicon bits of a word's readings (sumWord's scratch). */
const RBITS = new Int32Array(8);
const WAW = 0x0648;
const FA = 0x0641;
const H_W = StringTable.hash('w=');
const H_B = StringTable.hash('b=');
const H_PRE = StringTable.hash('pre=');
const H_S1 = StringTable.hash('s1=');
const H_S2 = StringTable.hash('s2=');
const H_P2 = StringTable.hash('p2=');
const H_S3 = StringTable.hash('s3=');
const H_P3 = StringTable.hash('p3=');
const H_BS2 = StringTable.hash('bs2=');
const H_BP2 = StringTable.hash('bp2=');
const H_BS3 = StringTable.hash('bs3=');
const H_BP3 = StringTable.hash('bp3=');
const H_BS4 = StringTable.hash('bs4=');
const H_BP4 = StringTable.hash('bp4=');
const H_G3 = StringTable.hash('g3=');

/**
 * A non-negative integer -> int table (open addressing, multiplicative hash, linear probing; no deletion), for the
 * word-pair rows: a lookup per word pair of every sentence, cheaper than a Map of numbers.
 */
class IntTable {
  private readonly keys: Float64Array;
  private readonly vals: Int32Array;
  private readonly shift: number;
  private readonly mask: number;

  /** `max`: most keys it will hold. */
  constructor(max: number) {
    let bits = 4;
    while (1 << bits < 2 * max) bits++;
    this.keys = new Float64Array(1 << bits).fill(-1);
    this.vals = new Int32Array(1 << bits);
    this.shift = 32 - bits;
    this.mask = (1 << bits) - 1;
  }

  /** Set the value of key k (>= 0; at most `max` keys in all). */
  set(k: number, v: number): void {
    const keys = this.keys;
    let i = Math.imul(k, 0x9e3779b1) >>> this.shift;
    while (keys[i] >= 0 && keys[i] !== k) i = (i + 1) & this.mask;
    keys[i] = k;
    this.vals[i] = v;
  }

  /** The value of key k (>= 0), or -1. */
  get(k: number): number {
    const keys = this.keys;
    for (let i = Math.imul(k, 0x9e3779b1) >>> this.shift; ; i = (i + 1) & this.mask) {
      const x = keys[i];
      if (x === k) return this.vals[i];
      if (x < 0) return -1;
    }
  }
}

/** What a stage's model needs at run time, as ids (built once at load time). */
interface Stage {
  m: PerceptronModel;
  T: number;
  /** Offset of the stage's rows in a word block: own sums at `off`, context sums at offset OFFSETS[k] at off + (1 + k) T. */
  off: number;
  /** ids of 'r|<s>' ([2k]) and 'r|</s>' ([2k+1]) for r = OFFSETS[k] (-1 = unknown) */
  bounds: Int32Array;
  /** id of each DYNAMIC_FEATURES string (-1 = unknown) */
  dyn: Int32Array;
  /** id of 'bias' */
  bias: number;
}

/**
 * A decoded sentence of the cache (ArabicTagger.decodeCached): its key in the key pool, its labels, the next entry of
 * the same hash, and tag()'s entity spans of it as token indices ((first, last, index in TYPES) per span; they depend
 * only on the labels and the words, which the key fixes), made on first need.
 */
interface SentEntry {
  at: number;
  len: number;
  out: Int32Array;
  next: SentEntry | undefined;
  shape: number[] | undefined;
}

/** Whether two sentences' phraseCodes are the same (undefined: all 0). */
function samePhraseCodes(a: Uint8Array | undefined, b: Uint8Array | undefined): boolean {
  if (a === b) return true;
  const n = a?.length ?? b!.length;
  for (let i = 0; i < n; i++) if ((a ? a[i] : 0) !== (b ? b[i] : 0)) return false;
  return true;
}

/** The document last seen by docFor: its statistics, first-pass tags and (when short enough) its tokens. */
interface DocMemo {
  text: string;
  stats: DocStats | undefined;
  /** token start -> first-pass label (only with cfg.stack or cfg.phraseElsewhere; with the tokens of a two-pass model made on demand, passOf) */
  pass?: Map<number, string>;
  tokens?: Token[];
  /** word-cache slot of each token (valid until the word cache is emptied, which also drops this memo) */
  slots?: Int32Array;
  /**
   * With the tokens: the document's sentences (token ranges), their WordInfos and phrase marks (two-pass models), and
   * per token 1 + the index of the sentence starting there (0: none), so tag() reuses them for the same sentence.
   */
  ranges?: [number, number][];
  sents?: WordInfo[][];
  marks?: (string[] | undefined)[];
  sentAt?: Int32Array;
  /**
   * With the tokens: the statistics as per-sentence sums (the next document's docFor takes back the sentences that
   * changed and adds the new ones instead of counting the whole text again), and per sentence the first pass's
   * decoded ids and labels (two-pass models).
   */
  tally?: DocStatsTally;
  ids1?: Int32Array[];
  labels1?: string[][];
  /** per sentence, its tokens' phraseCodes (cfg.docPhrase) */
  pm?: (Uint8Array | undefined)[];
  /** per sentence, what tag() decoded for it (filled as tag() meets the sentence; kept for unchanged sentences) */
  out?: (SentEntry | undefined)[];
}

/**
 * The tagger's copies of the weight rows per base feature (see ArabicTagger.ownW, ctxAt): `tab` is the base table
 * (W = 5 stages columns per row, nb rows), `ws`/`Ts` each stage's weights and label count. Base feature b's own rows
 * are at ownW[b TT] (TT = the stages' label counts summed).
 */
function rowCopies(tab: Int32Array, W: number, nb: number, ws: readonly Float32Array[], Ts: readonly number[]) {
  const S = ws.length;
  const T0 = Ts[0];
  let TT = 0;
  for (const T of Ts) TT += T;
  const ownW = new Float32Array(nb * TT);
  const ownBits = new Uint8Array(nb);
  let ne = 0;
  let nw = 0;
  for (let b = 0; b < nb; b++) {
    for (let s = 0; s < S; s++) {
      const T = Ts[s];
      const w = ws[s];
      const r = b * W + 5 * s;
      const id = tab[r];
      if (id >= 0) {
        const d = b * TT + (s === 0 ? 0 : T0);
        for (let t = 0; t < T; t++) ownW[d + t] = w[id * T + t];
        ownBits[b] |= 1 << s;
      }
      for (let k = 1; k < 5; k++)
        if (tab[r + k] >= 0) {
          ne++;
          nw += T;
        }
    }
  }
  const ctxAt = new Int32Array(nb + 1);
  const ctxDest = new Uint8Array(ne);
  const ctxPos = new Int32Array(ne);
  const ctxW = new Float32Array(nw);
  ne = 0;
  nw = 0;
  for (let b = 0; b < nb; b++) {
    ctxAt[b] = ne;
    for (let s = 0; s < S; s++) {
      const T = Ts[s];
      const w = ws[s];
      for (let k = 1; k < 5; k++) {
        const id = tab[b * W + 5 * s + k];
        if (id < 0) continue;
        ctxDest[ne] = 4 * s + k - 1;
        ctxPos[ne++] = nw;
        for (let t = 0; t < T; t++) ctxW[nw + t] = w[id * T + t];
        nw += T;
      }
    }
  }
  ctxAt[nb] = ne;
  return { ownW, ownBits, TT, ctxAt, ctxDest, ctxPos, ctxW };
}

export class ArabicTagger implements NerTagger {
  readonly language = 'ar' as const;
  readonly lex: ArabicLexicon;
  readonly cfg: FeatureConfig;
  private readonly m1: PerceptronModel;
  private readonly m2?: PerceptronModel;
  private readonly stages: Stage[];
  /** floats per word block (5 T per stage) */
  private readonly R: number;
  /** Weights and label counts of stage 0 and 1 (stage 1 = stage 0 when there is one stage), stage 1's block offset. */
  private readonly w0: Float32Array;
  private readonly w1: Float32Array;
  private readonly T0: number;
  private readonly T1: number;
  private readonly off1: number;
  /**
   * Per base feature (row of baseTab), its own-slot weight rows side by side: stage 0 at [b ownStride], stage 1 after
   * it (copies of the models' rows; ownBits bit s says stage s has one). A word's own features are its most lookups:
   * one place read per feature instead of the id table and each stage's weights (fewer processor-cache misses).
   */
  private readonly ownW: Float32Array;
  private readonly ownBits: Uint8Array;
  /** floats per base feature in ownW: T0 + T1 with two stages, T0 with one */
  private readonly ownStride: number;
  /**
   * The same for context slots: base feature b's context rows are entries ctxAt[b] .. ctxAt[b + 1], in stage then
   * offset order; entry e is the row at ctxPos[e] in ctxW (a copy of the model's row) for stage ctxDest[e] >> 2 and
   * offset OFFSETS[ctxDest[e] & 3].
   */
  private readonly ctxAt: Int32Array;
  private readonly ctxDest: Uint8Array;
  private readonly ctxPos: Int32Array;
  private readonly ctxW: Float32Array;
  /**
   * Base feature string -> row of `baseTab`, whose 5 x stages columns hold the id of the feature itself ([5s]) and of
   * 'r|' + the feature for r = OFFSETS[k] ([5s + 1 + k]) in stage s (-1 = unknown). A new word costs one lookup per
   * own or context feature instead of one per stage and offset (and no string building). Word-pair features are not
   * in it (see pairTab).
   */
  private readonly base: FrozenStringTable;
  private readonly baseTab: Int32Array;
  /** Words of the word-pair features ('pw=', 'wn=', 'pp=' + 'a b') -> small ids; (a, b) -> row of pairTab. */
  private readonly pairWord = new StringTable(1 << 14);
  private readonly pairRow: IntTable;
  /** per row, stage s at [3s, 3s+1, 3s+2]: id of 'pw=a b', 'wn=a b', 'pp=a b' (-1 = unknown) */
  private readonly pairTab: Int32Array;
  private readonly nPairWords: number;
  /** Labels of stage 1 -> index (pass labels in sentence-cache keys, cfg.stack). */
  private readonly label1: Map<string, number>;
  /** New word forms are summed by sumWord (no feature strings); false: through wordInfo's strings (see FAST_PREFIXES). */
  readonly fastWords: boolean;
  /**
   * Base-table rows (-1 = in no model) of the fixed-set features sumWord adds: 'k=' + kind + length (kOwn[10 kind +
   * min(length, 9)]) and 'k=' + kind (kCtx), 'v=' / 'vb=' + class (vRow, vbRow), 'vv=' + two classes (vvRow[5 a + b]),
   * 'gz=' / 'gz~' + list (gzExact, gzAny), 'tP' 'tO' 'tL' 'tS' (trig), 'diac', 'nis'.
   */
  private readonly kOwn = new Int32Array(40);
  private readonly kCtx = new Int32Array(4);
  private readonly vRow = new Int32Array(5);
  private readonly vbRow = new Int32Array(5);
  private readonly vvRow = new Int32Array(25);
  private readonly gzExact = new Int32Array(GAZ_NAMES.length);
  private readonly gzAny = new Int32Array(GAZ_NAMES.length);
  private readonly trig = new Int32Array(4);
  private readonly diacRow: number;
  private readonly nisRow: number;

  // The word cache: word form -> slot; per slot a block of R float32 sums in `rows` (own features, then context
  // features at each offset, per stage, each summed in feature order as the model's addFeatures would), the slim
  // WordInfo (own/ctx strings dropped), a never-reused id (sentence-cache keys), the pair-word id and edge pair ids.
  private readonly slotOf = new StringTable(1 << 12);
  private cap = 0;
  private rows = new Float32Array(0);
  private infos: WordInfo[] = [];
  /**
   * Per slot, the small numbers read for every token, side by side (one place in memory per word instead of one per
   * array): at [SLOT * slot + M_UID] the never-reused id (unsigned 32 bits, kept as their int32 pattern), + M_PID the
   * pair-word id, + M_STAMP + t / M_SIG + t the signature memo and + M_DIRTY + t its dirty mark (see sigGen, dirtyGen).
   */
  private meta = new Int32Array(0);
  /**
   * per slot, stage s at [4 slot + 2s]: id of 'pw=<s> w', at [4 slot + 2s + 1]: id of 'wn=w </s>' (NO_EDGE until
   * first needed: edgeId; only a sentence's first and last words read them)
   */
  private edge = new Int32Array(0);
  /** pair-word ids of '<s>' and '</s>' */
  private readonly pairS0: number;
  private readonly pairS1: number;
  private nextUid = 1;

  private lastDoc?: DocMemo;
  /**
   * tag()'s cliticStart per word slot for the current document statistics: cliticStart reads the statistics only as
   * whether a word occurs 0, 1 or 2+ times (stats.words), so docFor empties this only for new statistics or when an
   * edit moved a word between those.
   */
  private cliticMemo = new Map<number, number>();
  /**
   * Decoded sentences (see decodeCached): hash of the key -> entries with that hash (rarely more than one); an
   * entry's key is keyPool[at, at + len) (the keys side by side in one array, emptied with the cache).
   */
  private sentCache = new Map<number, SentEntry>();
  private sentCount = 0;
  private sentTokens = 0;
  private keyPool = new Uint16Array(0);
  private keyPoolLen = 0;
  // Scratch (instance-level, reused; the tagger is not re-entrant).
  private emBuf = new Float64Array(0);
  /** decode's edge codes (cfg.edgeTrans: n x the code set's k) and their EdgeCodes view */
  private edgeBuf = new Int32Array(0);
  private readonly edgeCodesBuf: EdgeCodes = { k: 0, codes: new Int32Array(0) };
  private sigBuf = new Uint16Array(0);
  private keyBuf = new Uint16Array(0);
  private pidBuf = new Int32Array(0);
  private readonly codeBuf = new Int32Array(MAX_DYNAMIC_CODES);
  /**
   * decodeCached's signatures per word slot (in meta), at M_SIG for statistics without first-pass tags and at
   * M_SIG + 1 with them: the one at M_SIG + t is valid when the stamp at M_STAMP + t is sigGen. docFor starts a new
   * generation for new statistics and, when it updates the statistics of an edited document, recomputes those of the
   * slots whose stem it touched (resign).
   */
  private sigGen = 1;
  /**
   * word slots per bare stem (the slots whose signature a change of that stem's statistics can change), read only
   * after an edit (resign): slots from bareIndexed on (slots are numbered in order of first sight) are put in on
   * first need (slotsOfStem), so new text, whose documents are all fresh, never builds it.
   */
  private slotsOfBare = new Map<string, number[]>();
  private bareIndexed = 0;
  /**
   * Per word slot (in meta), the docFor call (dirtyGen) whose statistics update changed what its signature can be: at
   * M_DIRTY without first-pass tags, at M_DIRTY + 1 with them.
   */
  private dirtyGen = 1;

  private readonly limits: ArabicCacheLimits;
  /** keyInfo's bit set, made for a lexicon map of keyFilterKeys keys (-1: not made) */
  private keyFilter: Int32Array | undefined;
  private keyFilterKeys = -1;

  /**
   * `limits`: cache bounds (default CACHE_LIMITS; tests use small ones). `opts.fastWords` false: sum new word forms
   * through wordInfo's feature strings (tests compare the two paths).
   */
  constructor(model: ArabicModel, gaz?: ArabicGazetteerData, limits: Partial<ArabicCacheLimits> = {}, opts: { fastWords?: boolean } = {}) {
    this.limits = { ...CACHE_LIMITS, ...limits };
    if (!model || model.format !== 'article-lens-ner-ar/1') throw new Error('not an Arabic NER model (article-lens-ner-ar/1)');
    this.cfg = model.features;
    this.lex = new ArabicLexicon(gaz, model.vocab);
    this.m1 = PerceptronModel.fromJSON(model.stage1);
    this.m2 = model.stage2 ? PerceptronModel.fromJSON(model.stage2) : undefined;
    const models = this.m2 ? [this.m1, this.m2] : [this.m1];
    const S = models.length;
    const W = 5 * S;
    // Base feature table and pair table, from the models' feature lists (the models' own string maps are never built).
    let nf = 0;
    for (const m of models) nf += m.featureCount;
    const base = new StringTable(nf);
    const baseKeys: string[] = [];
    let tab = new Int32Array(nf * W).fill(-1);
    const pairs: number[] = []; // (a, b, column, id) quadruples
    models.forEach((m, s) =>
      m.forEachFeature((f, id) => {
        if (f.charCodeAt(2) === 61 /* = */) {
          // word pairs go to the pair table only (the feature of a word with a space is looked up by name: pairIdOf)
          const kind = f.startsWith('pw=') ? 0 : f.startsWith('wn=') ? 1 : f.startsWith('pp=') ? 2 : -1;
          if (kind >= 0) {
            const sp = f.indexOf(' ', 3);
            if (sp >= 0 && f.indexOf(' ', sp + 1) < 0) {
              pairs.push(this.pairWord.add(f.slice(3, sp)), this.pairWord.add(f.slice(sp + 1)), 3 * s + kind, id);
              return;
            }
          }
        }
        const bar = f.indexOf('|');
        const k = bar === 1 ? (f.charCodeAt(0) === 49 ? 2 : f.charCodeAt(0) === 50 ? 3 : -1) : bar === 2 && f.charCodeAt(0) === 45 ? (f.charCodeAt(1) === 50 ? 0 : f.charCodeAt(1) === 49 ? 1 : -1) : -1;
        const key = k >= 0 ? f.slice(bar + 1) : f;
        const row = base.add(key);
        if (row === baseKeys.length) baseKeys.push(key);
        tab[row * W + 5 * s + (k >= 0 ? 1 + k : 0)] = id;
      }),
    );
    tab = tab.slice(0, base.size * W);
    // The table was sized for every feature string; the base strings are fewer (~45%): a table sized for them
    // (same rows: insertion order) is a quarter of the memory, and keeps their characters in one joined string, so a
    // lookup misses the processor caches less often (first sight of a word form ~7.6 -> ~6.6 us).
    this.base = new FrozenStringTable(baseKeys);
    this.baseTab = tab;
    this.fastWords = opts.fastWords !== false && !NOT_FAST.test(baseKeys.join('\n'));
    const rowOf = (f: string) => this.base.get(f);
    KINDS.forEach((k, i) => {
      for (let d = 0; d < 10; d++) this.kOwn[10 * i + d] = rowOf('k=' + k + d);
      this.kCtx[i] = rowOf('k=' + k);
    });
    VOCAB_CLASSES.forEach((v, i) => {
      this.vRow[i] = rowOf('v=' + v);
      this.vbRow[i] = rowOf('vb=' + v);
      VOCAB_CLASSES.forEach((u, j) => (this.vvRow[5 * i + j] = rowOf('vv=' + v + u)));
    });
    GAZ_NAMES.forEach((g, i) => {
      this.gzExact[i] = rowOf('gz=' + g);
      this.gzAny[i] = rowOf('gz~' + g);
    });
    ['tP', 'tO', 'tL', 'tS'].forEach((f, i) => (this.trig[i] = rowOf(f)));
    this.diacRow = rowOf('diac');
    this.nisRow = rowOf('nis');
    const idOf = (f: string, col: number) => {
      const row = this.base.get(f);
      return row < 0 ? -1 : tab[row * W + col];
    };
    let off = 0;
    this.stages = models.map((m, s) => {
      const st: Stage = {
        m,
        T: m.T,
        off,
        bounds: Int32Array.from({ length: 8 }, (_, j) => idOf(j & 1 ? '</s>' : '<s>', 5 * s + 1 + (j >> 1))),
        dyn: Int32Array.from(DYNAMIC_FEATURES, (f) => idOf(f, 5 * s)),
        bias: idOf('bias', 5 * s),
      };
      off += 5 * m.T;
      return st;
    });
    this.R = off;
    const last = this.stages[S - 1];
    this.w0 = this.m1.weights;
    this.w1 = last.m.weights;
    this.T0 = this.m1.T;
    this.T1 = last.T;
    this.off1 = last.off;
    const copies = rowCopies(tab, W, this.base.size, [this.w0, this.w1].slice(0, S), [this.T0, this.T1].slice(0, S));
    this.ownW = copies.ownW;
    this.ownBits = copies.ownBits;
    this.ownStride = copies.TT;
    this.ctxAt = copies.ctxAt;
    this.ctxDest = copies.ctxDest;
    this.ctxPos = copies.ctxPos;
    this.ctxW = copies.ctxW;
    this.label1 = new Map(this.m1.labels.map((l, i) => [l, i]));
    this.nPairWords = this.pairWord.size;
    this.pairS0 = this.pairWord.get('<s>');
    this.pairS1 = this.pairWord.get('</s>');
    const ptab = new Int32Array((pairs.length / 4) * 3 * S).fill(-1);
    this.pairRow = new IntTable(pairs.length / 4);
    let nRows = 0;
    for (let q = 0; q < pairs.length; q += 4) {
      const key = pairs[q] * this.nPairWords + pairs[q + 1];
      let row = this.pairRow.get(key);
      if (row < 0) this.pairRow.set(key, (row = nRows++));
      ptab[row * 3 * S + pairs[q + 2]] = pairs[q + 3];
    }
    this.pairTab = ptab.slice(0, nRows * 3 * S);
  }

  /** Id in stage s of an own-slot feature string (-1 = unknown). */
  private ownId(f: string, s: number): number {
    const row = this.base.get(f);
    return row < 0 ? -1 : this.baseTab[row * 5 * this.stages.length + 5 * s];
  }

  /** Word-cache slot of a word form (computed on first sight). */
  private word(token: string): number {
    // A token of 13 or more UTF-16 units is a slice sharing the document's characters: the cache keeps a copy of its
    // own (and so does the WordInfo made from it), so it never holds a document alive. A shorter one is its own
    // string: one probe finds it or adds it (slots are numbered in order, so a new one is the old size).
    let w = token;
    let slot: number;
    if (token.length >= 13) {
      const hit = this.slotOf.get(token);
      if (hit >= 0) return hit;
      slot = this.slotOf.add((w = copyString(token)));
    } else {
      const n = this.slotOf.size;
      slot = this.slotOf.add(token);
      if (slot < n) return slot;
    }
    if (slot >= this.cap) this.grow(Math.max(1024, 2 * this.cap));
    const R = this.R;
    const rows = this.rows;
    const o = slot * R;
    rows.fill(0, o, o + R);
    const S = this.stages.length;
    // Row sums in float32, each row added in feature order (as addRow would): stage 0's weights, then stage 1's.
    const w0 = this.w0;
    const w1 = this.w1;
    const T0 = this.T0;
    const T1 = this.T1;
    const o1 = o + this.off1;
    let id = this.stages[0].bias;
    if (id >= 0) for (let t = 0, a = id * T0; t < T0; t++) rows[o + t] += w0[a + t];
    if (S > 1 && (id = this.stages[1].bias) >= 0) for (let t = 0, a = id * T1; t < T1; t++) rows[o1 + t] += w1[a + t];
    const info = this.fastWords ? this.sumWord(w, o, o1) : this.sumStrings(wordInfo(w, this.lex, this.cfg), o, o1);
    // The feature strings are not needed any more (the sums are kept): a slim WordInfo keeps the cache small.
    info.own = EMPTY;
    info.ctx = EMPTY;
    if (info.phraseKeys.length === 0) info.phraseKeys = EMPTY;
    this.infos[slot] = info;
    const meta = this.meta;
    const e = SLOT * slot;
    meta[e + M_STAMP] = meta[e + M_STAMP + 1] = 0;
    if (this.nextUid >= 0xffffffff) {
      // Ids are never reused while a sentence key may hold them: number the cached words afresh, forget the sentences.
      this.clearSentences();
      for (let i = 0; i < slot; i++) meta[SLOT * i + M_UID] = i + 1;
      this.nextUid = slot + 1;
    }
    meta[e + M_UID] = this.nextUid++;
    const p = this.pairWord.get(info.n);
    meta[e + M_PID] = p >= 0 ? p : info.n.includes(' ') ? -2 : -1;
    this.edge.fill(NO_EDGE, 4 * slot, 4 * slot + 4);
    return slot;
  }

  /** Id in stage s of 'pw=<s> w' (end 0) or 'wn=w </s>' (end 1) for the word in `slot` (-1 = unknown), computed on first need. */
  private edgeId(slot: number, s: number, end: number): number {
    const j = 4 * slot + 2 * s + end;
    let id = this.edge[j];
    if (id === NO_EDGE) {
      const n = this.infos[slot].n;
      const p = this.meta[SLOT * slot + M_PID];
      id = end === 0 ? this.pairIdOf(this.pairS0, p, '<s>', n, 3 * s) : this.pairIdOf(p, this.pairS1, n, '</s>', 3 * s + 1);
      this.edge[j] = id;
    }
    return id;
  }

  /** Add the own-slot rows of base feature b (-1: none) to the word block at o (stage 0) and o1 (stage 1). */
  private addOwn(b: number, o: number, o1: number): void {
    if (b < 0) return;
    const rows = this.rows;
    const ownW = this.ownW;
    const bits = this.ownBits[b];
    const T0 = this.T0;
    const T1 = this.T1;
    const a = b * this.ownStride;
    if (bits & 1) for (let t = 0; t < T0; t++) rows[o + t] += ownW[a + t];
    if (bits & 2) for (let t = 0; t < T1; t++) rows[o1 + t] += ownW[a + T0 + t];
  }

  /** Add the context rows of base feature b (-1: none): packed in (stage, offset) order, ctxDest 4 stage + offset index. */
  private addCtx(b: number, o: number, o1: number): void {
    if (b < 0) return;
    const rows = this.rows;
    const ctxDest = this.ctxDest;
    const ctxPos = this.ctxPos;
    const ctxW = this.ctxW;
    const T0 = this.T0;
    const T1 = this.T1;
    for (let e = this.ctxAt[b], ee = this.ctxAt[b + 1]; e < ee; e++) {
      const c = ctxDest[e];
      const T = c < 4 ? T0 : T1;
      const d = (c < 4 ? o : o1) + ((c & 3) + 1) * T;
      const a = ctxPos[e];
      for (let t = 0; t < T; t++) rows[d + t] += ctxW[a + t];
    }
  }

  /** Add both the own-slot and the context rows of base feature b (-1: none). */
  private addBoth(b: number, o: number, o1: number): void {
    this.addOwn(b, o, o1);
    this.addCtx(b, o, o1);
  }

  /** The string path of a new word: its own and context feature strings looked up and summed in order. */
  private sumStrings(info: WordInfo, o: number, o1: number): WordInfo {
    const base = this.base;
    const own = info.own;
    for (let q = 0; q < own.length; q++) this.addOwn(base.get(own[q]), o, o1);
    const ctx = info.ctx;
    for (let q = 0; q < ctx.length; q++) this.addCtx(base.get(ctx[q]), o, o1);
    return info;
  }

  /** Base-table row of the string p + s[from, to) (h0 = StringTable.hash(p)), built never. */
  private piece(h0: number, p: string, s: string, from: number, to: number): number {
    return this.base.getJoined(StringTable.hashFrom(h0, s, from, to), p, s, from, to);
  }

  /** Row of a vocabulary-class feature from a load-time table, or looked up by name for a class it does not list. */
  private classRow(table: Int32Array, v: string, p: string): number {
    const i = VOCAB_CLASSES.indexOf(v);
    return i >= 0 ? table[i] : this.base.get(p + v);
  }

  /**
   * The lexicon's keyInfo of `key`, 0 without asking the lexicon's map when the key's hash has no bit in keyFilter
   * (a bit per hash of every key of lex.single: no key is missed; about a quarter of the readings sumWord looks up
   * are in no list, and most of those are answered here with one read of a 128 kB bit set instead of a walk through
   * a map of ~80,000 keys). The bits are set again when the map has another number of keys (the vocabulary goes into
   * it on the first vocabInKeys; nothing is ever taken out of it).
   */
  private keyInfo(key: string): number {
    const single = this.lex.single;
    if (single.size !== this.keyFilterKeys) {
      const f = (this.keyFilter ??= new Int32Array(1 << (KEY_FILTER_BITS - 5)));
      f.fill(0);
      for (const k of single.keys()) {
        const h = StringTable.hash(k) >>> (32 - KEY_FILTER_BITS);
        f[h >>> 5] |= 1 << (h & 31);
      }
      this.keyFilterKeys = single.size;
    }
    const h = StringTable.hash(key) >>> (32 - KEY_FILTER_BITS);
    return this.keyFilter![h >>> 5] & (1 << (h & 31)) ? this.lex.keyInfo(key) : 0;
  }

  /** keyInfo of 'ال' + bare: from sumWord's lookup of a reading (RBITS, readings 1..nr-1) when one is it, else looked up. */
  private alBareInfo(rs: readonly string[], nr: number, bare: string): number {
    for (let i = 1; i < nr; i++) if (isAlPlus(rs[i], bare)) return RBITS[i];
    return this.keyInfo('ال' + bare);
  }

  /**
   * The fast path of a new word (fastWords): wordInfo's own and context features, in wordInfo's order, summed into
   * the word block at o / o1 without building their strings; returns the slim WordInfo (the same flags and strings
   * as wordInfo's, own and ctx empty). Must follow wordInfo feature for feature (test/unit/ner-ar-fastwords.test.ts
   * compares the two paths on every word form of the seed and of ANERcorp; ner-clusters.test.ts the cluster block).
   */
  private sumWord(word: string, o: number, o1: number): WordInfo {
    const lex = this.lex;
    const cfg = this.cfg;
    const nw = normalizeArabic(word);
    const n = needsLower(nw) ? nw.toLowerCase() : nw;
    const k = kind(n);
    const ar = k === 'ar';
    const bare = ar ? bareStem(n) : n;
    const L = n.length;
    const B = bare.length;
    const e = L - B; // bare is n[e, L)
    let b = this.piece(H_W, 'w=', n, 0, L);
    this.addBoth(b, o, o1);
    if (bare !== n) {
      b = this.piece(H_B, 'b=', n, e, L);
      this.addBoth(b, o, o1);
      this.addOwn(this.piece(H_PRE, 'pre=', n, 0, e), o, o1);
    }
    if (cfg.affixes && ar) {
      if (L > 2) {
        this.addOwn(this.piece(H_S1, 's1=', n, L - 1, L), o, o1);
        this.addOwn(this.piece(H_S2, 's2=', n, L - 2, L), o, o1);
        this.addOwn(this.piece(H_P2, 'p2=', n, 0, 2), o, o1);
      }
      if (L > 3) {
        this.addOwn(this.piece(H_S3, 's3=', n, L - 3, L), o, o1);
        this.addOwn(this.piece(H_P3, 'p3=', n, 0, 3), o, o1);
      }
      if (B > 3) {
        this.addOwn(this.piece(H_BS2, 'bs2=', n, L - 2, L), o, o1);
        this.addOwn(this.piece(H_BP2, 'bp2=', n, e, e + 2), o, o1);
      }
      if (B > 4) {
        this.addOwn(this.piece(H_BS3, 'bs3=', n, L - 3, L), o, o1);
        this.addOwn(this.piece(H_BP3, 'bp3=', n, e, e + 3), o, o1);
      }
      if (cfg.affix4 && B > 5) {
        this.addOwn(this.piece(H_BS4, 'bs4=', n, L - 4, L), o, o1);
        this.addOwn(this.piece(H_BP4, 'bp4=', n, e, e + 4), o, o1);
      }
    }
    if (cfg.shape) {
      const ki = KINDS.indexOf(k);
      this.addOwn(this.kOwn[10 * ki + Math.min(B, 9)], o, o1);
      if (!ar) this.addCtx(this.kCtx[ki], o, o1);
      if (ar && word !== nw && hasHarakah(word)) this.addOwn(this.diacRow, o, o1);
    }
    if (cfg.ngrams && ar && B >= 3 && B <= 12) {
      const g = '^' + bare + '$';
      for (let i = 0; i + 3 <= g.length; i++) this.addOwn(this.piece(H_G3, 'g3=', g, i, i + 3), o, o1);
    }
    // Readings and their lexicon bits, as in wordInfo; with the vocabulary in the lexicon's keys (vocabInKeys) the
    // same lookups give the vocabulary class and type of the word, and of its stem when the stem is a reading.
    const conj = ar && (n.charCodeAt(0) === WAW || n.charCodeAt(0) === FA);
    const rs = ar ? readings(n) : undefined;
    const nr = rs ? rs.length : 0;
    const inKeys = lex.vocabInKeys(); // first: the first call puts the vocabulary into the keys
    for (let i = 0; i < nr; i++) RBITS[i] = this.keyInfo(rs![i]); // list bits are read through masks below
    const v = ar && (cfg.vocabulary || cfg.topic) ? (inKeys ? vocabClass(RBITS[0]) : lex.vocab.get(n) ?? 'U') : 'U';
    if (cfg.vocabulary && ar) {
      b = this.classRow(this.vRow, v, 'v=');
      this.addBoth(b, o, o1);
      if (cfg.vocabTypes && (v === 'E' || v === 'M')) {
        b = this.base.get('vt=' + v + ((inKeys ? vocabType(lex, RBITS[0]) : lex.vocabType.get(n)) ?? ''));
        this.addBoth(b, o, o1);
      }
      if (bare !== n) {
        let vb: string | undefined;
        let ib = -1; // keyInfo of bare and of 'ال' + bare (-1 = not asked)
        let ia = -1;
        let alBare: string | undefined;
        if (inKeys) {
          for (let i = 1; i < nr && ib < 0; i++) if (rs![i] === bare) ib = RBITS[i];
          if (ib < 0) ib = this.keyInfo(bare);
          vb = (ib >> ArabicLexicon.VOCAB_SHIFT) & 7 ? vocabClass(ib) : undefined;
          if (vb === undefined) {
            ia = this.alBareInfo(rs!, nr, bare);
            vb = vocabClass(ia);
          }
        } else {
          vb = lex.vocab.get(bare);
          if (vb === undefined) vb = lex.vocab.get((alBare = 'ال' + bare)) ?? 'U';
        }
        this.addOwn(this.classRow(this.vbRow, vb, 'vb='), o, o1);
        const vi = VOCAB_CLASSES.indexOf(v);
        const vbi = VOCAB_CLASSES.indexOf(vb);
        this.addOwn(vi >= 0 && vbi >= 0 ? this.vvRow[5 * vi + vbi] : this.base.get('vv=' + v + vb), o, o1);
        if (cfg.vocabTypes && v === 'U' && (vb === 'E' || vb === 'M')) {
          let type: string | undefined;
          if (inKeys) {
            type = vocabType(lex, ib);
            if (type === undefined) {
              if (ia < 0) ia = this.alBareInfo(rs!, nr, bare);
              type = vocabType(lex, ia);
            }
          } else type = lex.vocabType.get(bare) ?? lex.vocabType.get(alBare ?? 'ال' + bare);
          this.addOwn(this.base.get('vbt=' + vb + (type ?? '')), o, o1);
        }
      }
    }
    let personTrigger = false;
    let isNisba = false;
    let orgHead = false;
    let locHead = false;
    let nisbaG = '';
    let place = false;
    if (ar && (cfg.gazetteer || cfg.triggers || cfg.nisba)) {
      if (cfg.gazetteer) {
        const exact = RBITS[0] & ArabicLexicon.GAZ;
        let any = 0;
        for (let i = 1; i < nr; i++) any |= RBITS[i];
        any &= ArabicLexicon.GAZ & ~exact;
        if ((exact | any) & 3) place = true;
        for (let g = 0, ng = cfg.orgs ? 6 : 5; g < ng; g++) {
          b = exact & (1 << g) ? this.gzExact[g] : any & (1 << g) ? this.gzAny[g] : -2;
          if (b === -2) continue;
          this.addBoth(b, o, o1);
        }
      }
      if (cfg.triggers) {
        for (let i = 0, last = conj && n.length > 3 ? 1 : 0; i <= last; i++) {
          const t = RBITS[i];
          if (t & ArabicLexicon.T_PERSON) {
            personTrigger = true;
            this.addBoth(this.trig[0], o, o1);
          }
          if (t & ArabicLexicon.T_ORG) {
            orgHead = true;
            this.addBoth(this.trig[1], o, o1);
          }
          if (t & ArabicLexicon.T_LOC) {
            locHead = true;
            this.addBoth(this.trig[2], o, o1);
          }
          if (t & ArabicLexicon.T_SPEECH) {
            this.addBoth(this.trig[3], o, o1);
          }
        }
      }
      if (cfg.nisba) {
        for (const r of rs!) {
          const nb = nisbaBase(r);
          if (nb && lex.nisba.has(nb)) {
            isNisba = true;
            nisbaG = r.endsWith('يه') ? 'F' : r.endsWith('ي') ? 'M' : 'P';
            this.addBoth(this.nisRow, o, o1);
            break;
          }
        }
      }
    }
    if (cfg.skeleton && ar && cfg.gazetteer && v === 'U') {
      const f = skeletonFeature(lex, rs!, nr, RBITS);
      if (f) this.addBoth(this.base.get(f), o, o1);
    }
    if (cfg.skeletonVocab && ar && cfg.vocabulary && v === 'U') {
      const t = lex.skeletonType(bare);
      if (t) this.addBoth(this.base.get('skv=' + t), o, o1);
    }
    if (cfg.clusters && ar) {
      const cl = clustersOf(lex, n, bare);
      if (cl) for (let i = 0; i < cl.length; i++) this.addBoth(this.base.get(cl[i]), o, o1);
    }
    if (cfg.charClass && ar && (v === 'U' || (cfg.charClassOnce && v === 'o'))) {
      const f = lex.charClass?.feature(bare, !cfg.charClassName);
      if (f) {
        if (cfg.charClassOwn) this.addOwn(this.base.get(f), o, o1);
        else this.addBoth(this.base.get(f), o, o1);
      }
    }
    let sport = false;
    let sportF: string | undefined;
    if (cfg.topic && ar) {
      sport = (RBITS[0] & ArabicLexicon.SPORT) !== 0 || (conj && (n.length >= 3 ? (RBITS[1] & ArabicLexicon.SPORT) !== 0 : lex.sport.has(n.slice(1))));
      const c = place ? 'P' : v;
      sportF = SPORT_F.get(c) ?? 'dS=' + c;
    }
    const sportPrevF = cfg.topic ? SPORT_PREV_F.get(nisbaG || '-') : undefined;
    let phraseKeys: string[] = EMPTY;
    for (let i = 0; i < nr; i++) if (RBITS[i] & ArabicLexicon.PHRASE) (phraseKeys === EMPTY ? (phraseKeys = []) : phraseKeys).push(rs![i]);
    let nc: number | undefined;
    let ncc: number | undefined;
    if (needNameClasses(cfg)) {
      // as wordInfo: the gazetteer bits of every reading, the vocabulary class of the word without its conjunction
      let gz = 0;
      for (let i = 0; i < nr; i++) gz |= RBITS[i];
      nc = nameClass(n, k, gz & ArabicLexicon.GAZ, v);
      ncc = conj && nr > 1 && n.length >= 3 ? nameClass(rs![1], 'ar', RBITS[1] & ArabicLexicon.GAZ, inKeys ? vocabClass(RBITS[1]) : lex.vocab.get(rs![1]) ?? 'U') : -1;
    }
    // nc and ncc in the literal (undefined without name classes): set afterwards they went to an out-of-object
    // property array, ~40 bytes more per cached word form (WordInfo in features-ar).
    return { n, bare, own: EMPTY, ctx: EMPTY, personTrigger, nonWord: k === 'pun' || k === 'num', nisba: isNisba, orgHead, locHead, sport, sportF, sportPrevF, comma: n === '،' || n === ',', phraseKeys, definite: ar && hasArticle(n), nc, ncc };
  }

  /** Id of a pair feature (column c of pairTab: 3 stage + 0 'pw=', 1 'wn=', 2 'pp=') of words a, b (pair ids pa, pb). */
  private pairIdOf(pa: number, pb: number, a: string, b: string, c: number): number {
    if (pa === -2 || pb === -2) return this.stages[(c / 3) | 0].m.featureId(['pw=', 'wn=', 'pp='][c % 3] + a + ' ' + b);
    if (pa < 0 || pb < 0) return -1;
    const row = this.pairRow.get(pa * this.nPairWords + pb);
    return row < 0 ? -1 : this.pairTab[row * 3 * this.stages.length + c];
  }

  /** Resize the per-slot arrays to `cap` slots, keeping the first min(old cap, cap) slots. */
  private grow(cap: number): void {
    const kept = Math.min(this.cap, cap);
    // `fresh` (per entries a slot) with a's first kept slots
    const copy = <A extends Float32Array | Int32Array>(a: A, fresh: A, per: number): A => {
      fresh.set(a.subarray(0, kept * per));
      return fresh;
    };
    const R = this.R;
    this.rows = copy(this.rows, new Float32Array(cap * R), R);
    this.meta = copy(this.meta, new Int32Array(SLOT * cap), SLOT);
    this.edge = copy(this.edge, new Int32Array(4 * cap), 4);
    this.cap = cap;
  }

  /** Empty the word cache when it holds maxWords forms (called between documents only: no slot is held then). */
  private evictIfFull(): void {
    const max = this.limits.maxWords;
    if (this.slotOf.size < max) return;
    this.slotOf.clear();
    this.infos.length = 0;
    this.slotsOfBare.clear();
    this.bareIndexed = 0;
    if (this.cap > max) {
      this.cap = 0;
      this.grow(max);
    }
    this.lastDoc = undefined;
  }

  /**
   * `decode` through a cache of decoded sentences: the key is the stage, and per word its never-reused id and its
   * document signature (docSignatureCode: the only document statistics the features read), plus the pass tags when
   * they are features, so a hit gives exactly what decoding would. An edit re-decodes only the sentences whose key
   * changed. Instance-level, pure, bounded (maxSentences, maxSentenceTokens). Returns the cache entry (labels in `out`).
   */
  private decodeCached(ws: Int32Array, infos: readonly WordInfo[], si: number, stats: DocStats | undefined, marks: string[] | undefined, pass?: readonly string[], pm?: Uint8Array): SentEntry {
    const n = ws.length;
    const withPass = si === 1 && pass !== undefined && this.cfg.stack === true;
    const len = 1 + 3 * n + (withPass ? n : 0);
    if (this.keyBuf.length < len) this.keyBuf = new Uint16Array(Math.max(len, 2 * this.keyBuf.length));
    if (this.sigBuf.length < n) this.sigBuf = new Uint16Array(Math.max(n, 2 * this.sigBuf.length));
    const key = this.keyBuf;
    const sig = this.sigBuf;
    const meta = this.meta;
    key[0] = 49 + si + (withPass ? 2 : 0);
    // Signatures per word slot for the current statistics (a word occurring again in the document reads its own
    // instead of five map lookups): `stats` is always the current document memo's (docFor keeps the memo exact).
    const gen = stats === undefined ? 0 : this.sigGen;
    const t = stats?.tagged ? 1 : 0;
    for (let i = 0; i < n; i++) {
      const e = SLOT * ws[i];
      let c: number;
      if (gen !== 0 && meta[e + M_STAMP + t] === gen) c = meta[e + M_SIG + t];
      else {
        // with first-pass tags: the code without them (kept for the same statistics) plus their part (taggedCode)
        c = t === 1 && gen !== 0 && meta[e + M_STAMP] === gen ? meta[e + M_SIG] + taggedCode(infos[i], stats, this.cfg) : docSignatureCode(infos[i], this.cfg, stats);
        if (gen !== 0) {
          meta[e + M_STAMP + t] = gen;
          meta[e + M_SIG + t] = c;
        }
      }
      // the token's place in a first-pass multi-word entity of the document (cfg.docPhrase, second stage)
      if (pm !== undefined && si === 1) c += PHRASE_SIG * pm[i];
      sig[i] = c;
      const u = meta[e + M_UID];
      key[1 + 3 * i] = c;
      key[2 + 3 * i] = u & 0xffff;
      key[3 + 3 * i] = u >>> 16;
    }
    if (withPass) for (let i = 0; i < n; i++) key[1 + 3 * n + i] = this.label1.get(pass![i]) ?? 0xffff;
    // entries with the same hash are told apart by their whole key
    const h = this.keyHash(key, len);
    const pool = this.keyPool;
    const first = this.sentCache.get(h);
    for (let e = first; e; e = e.next) {
      if (e.len !== len) continue;
      let i = 0;
      while (i < len && pool[e.at + i] === key[i]) i++;
      if (i === len) return e;
    }
    const out = this.decode(ws, infos, si, sig, stats, marks, pass);
    if (this.sentCount >= this.limits.maxSentences || this.sentTokens + n > this.limits.maxSentenceTokens) this.clearSentences();
    if (this.keyPoolLen + len > this.keyPool.length) {
      const grown = new Uint16Array(Math.max(this.keyPoolLen + len, 2 * this.keyPool.length, 4096));
      grown.set(this.keyPool.subarray(0, this.keyPoolLen));
      this.keyPool = grown;
    }
    const at = this.keyPoolLen;
    this.keyPool.set(key.subarray(0, len), at);
    this.keyPoolLen += len;
    // after a clear, `first` is gone with the rest
    const entry: SentEntry = { at, len, out, next: this.sentCache.get(h), shape: undefined };
    this.sentCache.set(h, entry);
    this.sentCount++;
    this.sentTokens += n;
    return entry;
  }

  /** The sentence cache's hash of key[0, len): FNV-1a over the units. */
  private keyHash(key: Uint16Array, len: number): number {
    let h = 0x811c9dc5 | 0;
    for (let i = 0; i < len; i++) h = Math.imul(h ^ key[i], 0x01000193);
    return h;
  }

  /** Empty the decoded-sentence cache (its key pool is kept for reuse, up to the size the limits need). */
  private clearSentences(): void {
    this.sentCache.clear();
    this.sentCount = 0;
    this.sentTokens = 0;
    this.keyPoolLen = 0;
  }

  /**
   * Decode one sentence (word-cache slots `ws`) with stage `si` (0 or 1). `sig`: each word's docSignatureCode when
   * the caller has them. Emission of token i, in this order (float64 sums, the same order as the string features of
   * sentenceFeatures would be added in): own sums, context sums of the neighbours (or the sentence bounds), word
   * pairs, stacked pass labels, then the trigger, phrase-mark and document features.
   */
  private decode(ws: Int32Array, infos: readonly WordInfo[], si: number, sig: Uint16Array | undefined, stats: DocStats | undefined, marks: string[] | undefined, pass?: readonly string[], pm?: Uint8Array): Int32Array {
    const st = this.stages[si];
    const m = st.m;
    const T = st.T;
    const cfg = this.cfg;
    const n = ws.length;
    const R = this.R;
    const rows = this.rows;
    const off = st.off;
    const bounds = st.bounds;
    const dyn = st.dyn;
    const codes = this.codeBuf;
    // Emission scratch reused across sentences (every row is assigned before it is summed into).
    if (this.emBuf.length < n * T) this.emBuf = new Float64Array(Math.max(n * T, 2 * this.emBuf.length));
    const em = this.emBuf;
    // Pair feature ids of this stage: pids[3i + c] for the pair (ws[i-1], ws[i]), c = 0 'pw=', 1 'wn=', 2 'pp='.
    if (this.pidBuf.length < 3 * (n + 1)) this.pidBuf = new Int32Array(Math.max(3 * (n + 1), 2 * this.pidBuf.length));
    const pids = this.pidBuf;
    if (cfg.pairs) {
      const meta = this.meta;
      const PW = 3 * this.stages.length;
      const col = 3 * si;
      for (let i = 1; i < n; i++) {
        const pa = meta[SLOT * ws[i - 1] + M_PID];
        const pb = meta[SLOT * ws[i] + M_PID];
        let r = -1;
        if (pa === -2 || pb === -2) {
          for (let c = 0; c < 3; c++) pids[3 * i + c] = this.pairIdOf(-2, -2, infos[i - 1].n, infos[i].n, col + c);
          continue;
        }
        if (pa >= 0 && pb >= 0) r = this.pairRow.get(pa * this.nPairWords + pb);
        for (let c = 0; c < 3; c++) pids[3 * i + c] = r < 0 ? -1 : this.pairTab[r * PW + col + c];
      }
    }
    const ctx2 = cfg.context2;
    for (let i = 0; i < n; i++) {
      const o = i * T;
      const own = ws[i] * R + off;
      if (ctx2 && i >= 2 && i + 2 < n) {
        // all four neighbours inside the sentence: own + their context rows in one pass per label (the same float64
        // additions in the same order as the loop below)
        const v0 = ws[i - 2] * R + off + T;
        const v1 = ws[i - 1] * R + off + 2 * T;
        const v2 = ws[i + 1] * R + off + 3 * T;
        const v3 = ws[i + 2] * R + off + 4 * T;
        for (let t = 0; t < T; t++) em[o + t] = rows[own + t] + rows[v0 + t] + rows[v1 + t] + rows[v2 + t] + rows[v3 + t];
      } else {
        for (let t = 0; t < T; t++) em[o + t] = rows[own + t];
        for (let k = 0; k < 4; k++) {
          const r = OFFSETS[k];
          if (!ctx2 && (r === -2 || r === 2)) continue;
          const j = i + r;
          if (j < 0) m.addRow(bounds[2 * k], em, o);
          else if (j >= n) m.addRow(bounds[2 * k + 1], em, o);
          else {
            const v = ws[j] * R + off + (1 + k) * T;
            for (let t = 0; t < T; t++) em[o + t] += rows[v + t];
          }
        }
      }
      if (cfg.pairs) {
        m.addRow(i > 0 ? pids[3 * i] : this.edgeId(ws[i], si, 0), em, o);
        m.addRow(i + 1 < n ? pids[3 * (i + 1) + 1] : this.edgeId(ws[i], si, 1), em, o);
        if (i > 1) m.addRow(pids[3 * (i - 1) + 2], em, o);
      }
      if (si === 1 && pass && cfg.stack) for (const f of stackFeatures(pass, i)) m.addRow(this.ownId(f, si), em, o);
      const nc = dynamicFeatureCodes(infos, i, cfg, marks, sig ? sig[i] : docSignatureCode(infos[i], cfg, stats) + (pm ? PHRASE_SIG * pm[i] : 0), codes);
      for (let a = 0; a < nc; a++) m.addRow(dyn[codes[a]], em, o);
    }
    const es = m.edgeCount ? edgeSetOf(cfg) : undefined;
    if (es) {
      // edge codes (cfg.edgeTrans): from the words' name classes and flags, so the sentence cache key covers them
      if (this.edgeBuf.length < n * es.k) this.edgeBuf = new Int32Array(Math.max(n * es.k, 2 * this.edgeBuf.length));
      for (let i = 0; i < n; i++) edgeCodes(infos, i, cfg, this.edgeBuf, i * es.k);
      this.edgeCodesBuf.k = es.k;
      this.edgeCodesBuf.codes = this.edgeBuf;
      return m.decodeScores(em, n, this.edgeCodesBuf);
    }
    return m.decodeScores(em, n);
  }

  /**
   * `sentences` of the tokens from tokensAfter (the previous document's first `ia` tokens, `nm` new ones, then the
   * previous document's last tokens), from the previous document's sentences: sentenceRanges decides a cut after
   * token i from the tokens up to the first one that is not a closing quote after it, the text between them and the
   * tokens since the last cut, so the previous sentences ending before token ia - 1 stay; from there a scan of a
   * window of the tokens gives the cuts it decides inside the window, until one falls in the kept end on a cut the
   * previous document had at the same place (from there on everything it reads is the same, so the previous
   * sentences follow, shifted). When no such cut comes within the window, or the window is the whole text, the whole
   * text is scanned.
   */
  private static sentencesAfter(tokens: readonly Token[], text: string, old: DocMemo, ia: number, nm: number): [number, number][] {
    const or = old.ranges!;
    const at = old.sentAt!;
    const n = tokens.length;
    const d = n - old.tokens!.length;
    const out: [number, number][] = [];
    let k = 0;
    while (k < or.length && or[k][1] < ia) out.push(or[k++]);
    const s0 = k > 0 ? or[k - 1][1] : 0;
    const x = Math.min(n, ia + nm + 4 * MAX_SENTENCE);
    // the window is the whole text (all tokens new, or a short document): the scan of sentences, without a copy
    if (s0 === 0 && x === n) return ArabicTagger.sentences(tokens, text);
    const win = sentenceRanges(tokens.slice(s0, x), MAX_SENTENCE, text);
    for (const [a, b] of win) {
      const e = s0 + b;
      // cuts decided inside the window only (the scan looked at the token after e, which must be in it)
      if (e >= x && x < n) break;
      out.push([s0 + a, e]);
      if (e === n) return out;
      if (e >= ia + nm && e - d < at.length && at[e - d] > 0) {
        for (let j = at[e - d] - 1; j < or.length; j++) out.push(d === 0 ? or[j] : [or[j][0] + d, or[j][1] + d]);
        return out;
      }
    }
    return ArabicTagger.sentences(tokens, text);
  }

  /** Sentences (token index ranges): cut at . ! ? ؟ ؛ (closing quotes kept), line breaks and MAX_SENTENCE tokens. */
  private static sentences(tokens: readonly Token[], text: string): [number, number][] {
    return sentenceRanges(tokens, MAX_SENTENCE, text);
  }

  private slotsOf(tokens: readonly Token[]): Int32Array {
    const out = new Int32Array(tokens.length);
    for (let i = 0; i < tokens.length; i++) out[i] = this.word(tokens[i].text);
    return out;
  }

  /** Multi-word gazetteer marks of a sentence; undefined when none can start in it (the same features as all ''). */
  private marksOf(infos: readonly WordInfo[]): string[] | undefined {
    if (!this.cfg.gazetteer) return undefined;
    for (let i = 0; i < infos.length; i++) if (infos[i].phraseKeys.length) return phraseMarks(infos, this.lex, i);
    return undefined;
  }

  private infosOf(ws: Int32Array): WordInfo[] {
    const out: WordInfo[] = new Array(ws.length);
    for (let i = 0; i < ws.length; i++) out[i] = this.infos[ws[i]];
    return out;
  }

  /**
   * The document memo of `text`: document statistics over the whole text, the first pass over it (two-pass models),
   * and its tokens with their word slots (the entities step tags region by region: each region then reuses them).
   * After an edit the work follows the edit where the result is the same: tokens outside the changed characters are
   * the previous document's with their word slots (tokensAfter); sentences with the same tokens as in the previous
   * document (a run at the start and one at the end) keep their WordInfos and phrase marks; the statistics take back
   * the previous document's changed sentences and add the new ones (DocStatsTally: the same sums as docStats over
   * the whole text); the signatures of the touched stems' word slots are recomputed (resign) and those that changed
   * mark their slots dirty; an unchanged sentence without a dirty slot keeps its first-pass ids (no decode-cache key)
   * and, with unchanged first-pass labels, tag()'s decoded labels; the first-pass tags change only for sentences whose
   * first-pass ids changed. A much changed text (old and new changed sentences more than half the new count) starts afresh.
   */
  private docFor(text: string): DocMemo | undefined {
    if (!this.cfg.document && !this.m2) return undefined;
    if (this.lastDoc && this.lastDoc.text === text) return this.lastDoc;
    this.evictIfFull();
    const old = this.lastDoc?.tally ? this.lastDoc : undefined;
    let tokens: Token[];
    let slots: Int32Array;
    let ranges: [number, number][];
    if (old) {
      const t = this.tokensAfter(text, old);
      tokens = t.tokens;
      slots = t.slots;
      ranges = ArabicTagger.sentencesAfter(tokens, text, old, t.ia, t.nm);
    } else {
      slots = this.slotsOf((tokens = tokenize(text)));
      ranges = ArabicTagger.sentences(tokens, text);
    }
    const nNew = ranges.length;
    // unchanged sentences: p at the start (same token ranges), q at the end (same ranges shifted by the token delta)
    let p = 0;
    let q = 0;
    let tally: DocStatsTally;
    const sents: WordInfo[][] = new Array(nNew);
    const marksOfSents: (string[] | undefined)[] = new Array(nNew);
    const nOld = old?.ranges!.length ?? 0;
    if (old) {
      const or = old.ranges!;
      const os = old.slots!;
      const same = (k: number, ko: number, d: number) => {
        const [a, b] = ranges[k];
        if (or[ko][0] !== a - d || or[ko][1] !== b - d) return false;
        for (let i = a; i < b; i++) if (slots[i] !== os[i - d]) return false;
        return true;
      };
      while (p < nNew && p < nOld && same(p, p, 0)) p++;
      const d = tokens.length - old.tokens!.length;
      while (q < nNew - p && q < nOld - p && same(nNew - 1 - q, nOld - 1 - q, d)) q++;
      if (2 * (nOld - p - q + nNew - p - q) <= nNew) {
        tally = old.tally!;
        tally.changed.clear();
        tally.changedTags.clear();
        tally.wordClassChanges = 0;
        for (let k = p; k < nOld - q; k++) tally.add(old.sents![k], -1);
        for (let k = 0; k < p; k++) {
          sents[k] = old.sents![k];
          marksOfSents[k] = old.marks![k];
        }
        for (let k = 0; k < q; k++) {
          sents[nNew - 1 - k] = old.sents![nOld - 1 - k];
          marksOfSents[nNew - 1 - k] = old.marks![nOld - 1 - k];
        }
      } else {
        tally = new DocStatsTally();
        p = q = 0;
      }
    } else tally = new DocStatsTally();
    const fresh = tally !== old?.tally;
    // a fresh tally's changed stems are never read (every signature is new: newSigGen): it collects none until the
    // next docFor, which reads what it collects from then on (track on again below)
    tally.track = !fresh;
    for (let k = p; k < nNew - q; k++) {
      sents[k] = this.infosOf(slots.subarray(ranges[k][0], ranges[k][1]));
      marksOfSents[k] = this.marksOf(sents[k]);
      tally.add(sents[k], 1);
    }
    const stats = tally.stats();
    if (fresh || tally.wordClassChanges > 0) this.cliticMemo.clear();
    // Signatures: new statistics (or a sports flag that flipped: every signature) start a new generation; else the
    // slots of the stems the update touched get theirs recomputed, and those that changed are marked dirty.
    const all = fresh || (stats.sport === true) !== (old!.stats!.sport === true);
    if (++this.dirtyGen >= 0x40000000) {
      for (let j = M_DIRTY; j < this.meta.length; j += SLOT) this.meta[j] = this.meta[j + 1] = 0;
      this.dirtyGen = 1;
    }
    const g = this.dirtyGen;
    if (all) this.newSigGen();
    else this.resign(tally.changed, undefined, 0, stats);
    /** an unchanged sentence (index ko in the previous document) none of whose words' signatures changed for stage t */
    const clean = (k: number, ko: number, t: number) => {
      if (all || ko < 0) return false;
      const meta = this.meta;
      for (let i = ranges[k][0]; i < ranges[k][1]; i++) if (meta[SLOT * slots[i] + M_DIRTY + t] === g) return false;
      return true;
    };
    const prevOf = (k: number) => (fresh ? -1 : k < p ? k : k >= nNew - q ? k - nNew + nOld : -1);
    // the pass tags by token start: made here only when the memo keeps no tokens (else passOf makes them on demand)
    const keep = tokens.length <= this.limits.maxMemoTokens;
    const pass = (this.cfg.stack || this.cfg.phraseElsewhere) && !(keep && this.m2) ? new Map<number, string>() : undefined;
    let ids1: Int32Array[] | undefined;
    let labels1: string[][] | undefined;
    let pms: (Uint8Array | undefined)[] | undefined;
    if (this.m2) {
      // first pass over the whole text (decodeCached: sentences whose words and signatures are the same are hits)
      ids1 = new Array(nNew);
      labels1 = new Array(nNew);
      if (fresh) tally.tagged.clear();
      else for (let k = p; k < nOld - q; k++) tally.addTags(old!.sents![k], old!.labels1![k], -1);
      for (let k = 0; k < nNew; k++) {
        const a = ranges[k][0];
        // an unchanged sentence at the start or the end: its previous ids and labels (its tags are in the tally);
        // the same ids without decoding when none of its signatures changed (the decode cache's key is the same)
        const ko = prevOf(k);
        const prevIds = ko >= 0 ? old!.ids1![ko] : undefined;
        const ids = clean(k, ko, 0) ? prevIds! : this.decodeCached(slots.subarray(a, ranges[k][1]), sents[k], 0, stats, marksOfSents[k]).out;
        ids1[k] = ids;
        let labels: string[];
        if (prevIds === ids) labels = old!.labels1![ko];
        else {
          labels = labelsOf(ids, this.m1.labels);
          if (ko >= 0) tally.addTags(sents[k], old!.labels1![ko], -1);
          tally.addTags(sents[k], labels, 1);
        }
        labels1[k] = labels;
        if (pass) for (let i = 0; i < labels.length; i++) if (labels[i] !== 'O') pass.set(tokens[a + i].start, labels[i]);
      }
      stats.tagged = tally.tagged;
      if (!all) this.resign(tally.changed, tally.changedTags, 1, stats);
      if (this.cfg.docPhrase) {
        // the first pass's whole multi-word entities, and each sentence's codes from them (they key its second pass)
        stats.phrases = phraseTags(sents, labels1);
        pms = sents.map((s, k) => phraseCodes(s, stats.phrases, this.cfg.phraseElsewhere ? labels1![k] : undefined));
      }
    }
    tally.track = true;
    const memo: DocMemo = { text, stats, pass };
    if (keep) {
      memo.tokens = tokens;
      memo.slots = slots;
      memo.ranges = ranges;
      memo.sents = sents;
      memo.marks = marksOfSents;
      memo.tally = tally;
      memo.ids1 = ids1;
      memo.labels1 = labels1;
      memo.pm = pms;
      // what tag() decoded for a sentence stays when the sentence, its signatures and its first-pass labels did
      const out: (SentEntry | undefined)[] = (memo.out = new Array(nNew));
      if (old?.out && !all) {
        const t = this.m2 ? 1 : 0;
        for (let k = 0; k < nNew; k++) {
          const ko = prevOf(k);
          if (ko >= 0 && (!labels1 || labels1[k] === old.labels1![ko]) && clean(k, ko, t) && samePhraseCodes(pms?.[k], old.pm?.[ko])) out[k] = old.out[ko];
        }
      }
      const sentAt = new Int32Array(tokens.length);
      for (let k = 0; k < ranges.length; k++) if (ranges[k][1] > ranges[k][0]) sentAt[ranges[k][0]] = k + 1;
      memo.sentAt = sentAt;
    }
    this.lastDoc = memo;
    return memo;
  }

  /** The word slots of a bare stem (slotsOfBare, after putting in the slots first seen since the last call). */
  private slotsOfStem(bare: string): number[] | undefined {
    const n = this.slotOf.size;
    for (let slot = this.bareIndexed; slot < n; slot++) {
      const b = this.infos[slot].bare;
      const sb = this.slotsOfBare.get(b);
      if (sb) sb.push(slot);
      else this.slotsOfBare.set(b, [slot]);
    }
    this.bareIndexed = n;
    return this.slotsOfBare.get(bare);
  }

  private newSigGen(): void {
    if (++this.sigGen >= 0x40000000) {
      for (let j = M_STAMP; j < this.meta.length; j += SLOT) this.meta[j] = this.meta[j + 1] = 0;
      this.sigGen = 1;
    }
  }

  /**
   * After docFor updated the statistics: the signatures (index t: 0 without first-pass tags, 1 with them) of the word
   * slots of the stems in `a` and `b` computed anew; a slot whose signature changed (or was not known) is marked dirty.
   */
  private resign(a: ReadonlySet<string>, b: ReadonlySet<string> | undefined, t: number, stats: DocStats): void {
    const gen = this.sigGen;
    const g = this.dirtyGen;
    const meta = this.meta;
    const one = (bare: string) => {
      const list = this.slotsOfStem(bare);
      if (!list) return;
      for (const slot of list) {
        const e = SLOT * slot;
        const c = docSignatureCode(this.infos[slot], this.cfg, stats);
        if (meta[e + M_STAMP + t] !== gen || meta[e + M_SIG + t] !== c) {
          meta[e + M_STAMP + t] = gen;
          meta[e + M_SIG + t] = c;
          meta[e + M_DIRTY + t] = g;
        }
      }
    };
    for (const bare of a) one(bare);
    if (b) for (const bare of b) if (!a.has(bare)) one(bare);
  }

  /**
   * Tokens of `text` and their word slots given the previous document's. tokenize reads a space without carrying
   * anything across it, so with A the last space before the first changed character and B the first space after the
   * last one (in both texts the characters before A, or after B, are the same), the tokens before A are the previous
   * document's, those after B are the previous document's shifted by the length change, and only text[A, B) is
   * tokenized (tokenize(text, A, B) gives there what tokenize(text) does). The kept tokens keep their word slots. A
   * kept token of 13 or more UTF-16 units is sliced afresh from `text`, so the memo never holds an older text alive.
   */
  private tokensAfter(text: string, old: DocMemo): { tokens: Token[]; slots: Int32Array; ia: number; nm: number } {
    const ot = old.tokens!;
    const os = old.slots!;
    const prev = old.text;
    const m = Math.min(text.length, prev.length);
    // shared start and end: in blocks of 512 units (native string comparison), then unit by unit
    let pre = 0;
    while (pre + 512 <= m && text.substr(pre, 512) === prev.substr(pre, 512)) pre += 512;
    while (pre < m && text.charCodeAt(pre) === prev.charCodeAt(pre)) pre++;
    let suf = 0;
    while (suf + 512 <= m - pre && text.substr(text.length - suf - 512, 512) === prev.substr(prev.length - suf - 512, 512)) suf += 512;
    while (suf < m - pre && text.charCodeAt(text.length - 1 - suf) === prev.charCodeAt(prev.length - 1 - suf)) suf++;
    const space = (c: number) => c === 32 || c === 10;
    let A = pre - 1;
    while (A >= 0 && !space(text.charCodeAt(A))) A--;
    let B = text.length - suf;
    while (B < text.length && !space(text.charCodeAt(B))) B++;
    const dc = text.length - prev.length;
    // previous tokens ending at or before A, and starting after B (at B - dc in the previous text)
    let ia = 0;
    if (A >= 0) {
      let hi = ot.length;
      while (ia < hi) {
        const mid = (ia + hi) >>> 1;
        if (ot[mid].end <= A) ia = mid + 1;
        else hi = mid;
      }
    }
    let ib = ot.length;
    if (B < text.length) {
      let lo = ia;
      let hi = ot.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (ot[mid].start <= B - dc) lo = mid + 1;
        else hi = mid;
      }
      ib = lo;
    }
    const mid = tokenize(text, Math.max(A, 0), B < text.length ? B : text.length);
    // nothing kept (another document): the fresh tokens as they are
    if (ia === 0 && ib === ot.length) return { tokens: mid, slots: this.slotsOf(mid), ia: 0, nm: mid.length };
    const n = ia + mid.length + ot.length - ib;
    const tokens: Token[] = new Array(n);
    const slots = new Int32Array(n);
    const keep = (t: Token, d: number): Token => (t.text.length >= 13 ? { start: t.start + d, end: t.end + d, text: text.slice(t.start + d, t.end + d) } : d === 0 ? t : { start: t.start + d, end: t.end + d, text: t.text });
    for (let i = 0; i < ia; i++) {
      tokens[i] = keep(ot[i], 0);
      slots[i] = os[i];
    }
    for (let i = 0; i < mid.length; i++) {
      tokens[ia + i] = mid[i];
      slots[ia + i] = this.word(mid[i].text);
    }
    for (let i = ib, o = ia + mid.length; i < ot.length; i++, o++) {
      tokens[o] = keep(ot[i], dc);
      slots[o] = os[i];
    }
    return { tokens, slots, ia, nm: mid.length };
  }

  /**
   * What the caches hold, with an estimate of their bytes: per cached word its float32 block, ids and ~200 bytes of
   * WordInfo, key and strings; per decoded sentence its key (3 UTF-16 units a token) and labels (4 bytes a token)
   * plus ~100 bytes; the document memo's tokens (~100 bytes each with their slots and sentences).
   */
  cacheStats(): ArabicCacheStats {
    const memo = this.lastDoc?.tokens?.length ?? 0;
    const bytes = this.cap * (4 * this.R + 4 * SLOT + 16) + this.slotOf.size * 200 + this.sentCount * 100 + this.sentTokens * 10 + memo * 100;
    return { words: this.slotOf.size, sentences: this.sentCount, sentenceTokens: this.sentTokens, bytes };
  }

  /** IOB2 labels for the sentences of one document given as words (evaluation on ANERcorp). */
  tagWords(doc: readonly (readonly string[])[]): string[][] {
    this.evictIfFull();
    const ws = doc.map((s) => {
      const out = new Int32Array(s.length);
      for (let i = 0; i < s.length; i++) out[i] = this.word(s[i]);
      return out;
    });
    const infos = ws.map((s) => this.infosOf(s));
    const stats = this.cfg.document || this.m2 ? docStats(infos) : undefined;
    const marks = infos.map((x) => this.marksOf(x));
    const l1 = ws.map((s, k) => labelsOf(this.decode(s, infos[k], 0, undefined, stats, marks[k]), this.m1.labels));
    if (!this.m2 || !stats) return l1.map(bilouToBio);
    addPassTags(stats, infos, l1, this.cfg);
    const l2 = ws.map((s, k) => bilouToBio(labelsOf(this.decode(s, infos[k], 1, undefined, stats, marks[k], l1[k], this.cfg.docPhrase ? phraseCodes(infos[k], stats.phrases, this.cfg.phraseElsewhere ? l1[k] : undefined) : undefined), this.m2!.labels)));
    if (this.cfg.phrasePost) propagatePhrases(infos, l2, this.cfg.phraseRepair === true);
    return l2;
  }

  /**
   * Tokens and word slots of text[from, to): the memoized document tokens when no token of the document crosses
   * `from` or `to` (then they are exactly what tokenize(text, from, to) gives), else a fresh tokenization.
   */
  private regionTokens(doc: DocMemo | undefined, text: string, from: number, to: number): { toks: Token[]; slots: Int32Array; first: number } {
    const all = doc?.tokens;
    if (all && doc.slots) {
      // first token starting at or after `from`, and at or after `to`
      const at = (x: number) => {
        let lo = 0;
        let hi = all.length;
        while (lo < hi) {
          const mid = (lo + hi) >>> 1;
          if (all[mid].start < x) lo = mid + 1;
          else hi = mid;
        }
        return lo;
      };
      const a = at(from);
      const b = at(to);
      const cf = text.charCodeAt(from);
      const ct = text.charCodeAt(to - 1);
      // tokenize reads a surrogate pair as one character: a region cut inside one is tokenized afresh
      const clean = !(cf >= 0xdc00 && cf <= 0xdfff) && !(ct >= 0xd800 && ct <= 0xdbff);
      if (clean && (a === 0 || all[a - 1].end <= from) && (b === 0 || all[b - 1].end <= to)) return { toks: all.slice(a, b), slots: doc.slots.subarray(a, b), first: a };
    }
    const toks = tokenize(text, from, to);
    return { toks, slots: this.slotsOf(toks), first: -1 };
  }

  /** The document's pass tags by token start (first-pass labels other than 'O'), made on first need. */
  private passOf(doc: DocMemo): Map<number, string> {
    if (doc.pass) return doc.pass;
    const pass = new Map<number, string>();
    const { ranges, labels1, tokens } = doc;
    for (let k = 0; k < ranges!.length; k++) {
      const l = labels1![k];
      const a = ranges![k][0];
      for (let i = 0; i < l.length; i++) if (l[i] !== 'O') pass.set(tokens![a + i].start, l[i]);
    }
    return (doc.pass = pass);
  }

  /**
   * Sentences of the region tokens (from regionTokens): when the region starts where a sentence of the document
   * does, the document's sentences that end inside it and the rest (sentenceRanges decides a cut from the tokens up
   * to the next one, so a scan of the region cuts where the scan of the document does, up to the region's end);
   * else sentenceRanges over the region.
   */
  private regionSentences(doc: DocMemo | undefined, t0: number, tokens: readonly Token[], text: string): [number, number][] {
    const at = doc?.sentAt;
    if (t0 < 0 || !at || tokens.length === 0 || at[t0] === 0) return ArabicTagger.sentences(tokens, text);
    const R = doc!.ranges!;
    const t1 = t0 + tokens.length;
    const out: [number, number][] = [];
    let s = t0;
    for (let k = at[t0] - 1; k < R.length && R[k][1] <= t1; k++) {
      out.push([R[k][0] - t0, R[k][1] - t0]);
      s = R[k][1];
    }
    if (s < t1) out.push([s - t0, t1 - t0]);
    return out;
  }

  tag(text: string, from = 0, to = text.length): TaggedSpan[] {
    from = Math.max(0, from);
    to = Math.min(text.length, to);
    if (to <= from) return [];
    const doc = this.docFor(text);
    if (!doc) this.evictIfFull();
    const stats = doc?.stats;
    const { toks: tokens, slots, first: t0 } = this.regionTokens(doc, text, from, to);
    const sentAt = t0 >= 0 ? doc?.sentAt : undefined;
    const out: TaggedSpan[] = [];
    const two = this.m2 !== undefined;
    const m = this.m2 ?? this.m1;
    const hasPass = doc !== undefined && this.cfg.stack === true;
    for (const [a, b] of this.regionSentences(doc, t0, tokens, text)) {
      const ws = slots.subarray(a, b);
      // the document's own sentence when this is one (the same tokens): its WordInfos and phrase marks as docFor made them
      const k = sentAt && b > a ? sentAt[t0 + a] - 1 : -1;
      const same = k >= 0 && doc!.ranges![k][1] === t0 + b;
      const infos = same ? doc!.sents![k] : this.infosOf(ws);
      // what this sentence decoded to when docFor kept it from the previous document or tag() met it before
      let entry = same ? doc!.out?.[k] : undefined;
      if (!entry) {
        const marks = same && doc!.marks ? doc!.marks[k] : this.marksOf(infos);
        // the first-pass labels of the region's tokens (the document's, by token start), made once when needed
        let region: string[] | undefined;
        const regionPass = (): string[] => {
          if (!region) {
            const passAt = this.passOf(doc!);
            region = new Array(b - a);
            for (let i = a; i < b; i++) region[i - a] = passAt.get(tokens[i].start) ?? 'O';
          }
          return region;
        };
        let pass: readonly string[] | undefined;
        // the document's own sentence: its first-pass labels are the pass tags of its tokens
        if (same && hasPass && doc!.labels1) pass = doc!.labels1[k];
        else if (hasPass) pass = regionPass();
        let pm: Uint8Array | undefined;
        if (two && this.cfg.docPhrase) {
          if (same && doc!.pm) pm = doc!.pm[k];
          // phraseElsewhere: the sentence's own first-pass span is left out of the counts
          else pm = phraseCodes(infos, stats?.phrases, this.cfg.phraseElsewhere && doc ? regionPass() : undefined);
        }
        entry = this.decodeCached(ws, infos, two ? 1 : 0, stats, marks, pass, pm);
        if (same && doc!.out) doc!.out[k] = entry;
      }
      // The spans as token indices depend only on the decoded labels and the words (a cache entry stands for one
      // sequence of words: its key holds their never-reused ids), so they are kept with the entry.
      let shape = entry.shape;
      if (!shape) {
        shape = [];
        for (const sp of spansFromBio(labelsOf(entry.out, m.labels))) {
          const type = TYPE_OF[sp.type];
          if (!type) continue;
          // A nationality adjective alone ('روسي', 'الليبي') is not a name of a person, place or organization.
          if (sp.end - sp.start === 1 && type !== 'misc' && infos[sp.start].nisba) continue;
          // never end on punctuation
          let e = sp.end - 1;
          while (e > sp.start && infos[e].nonWord && !/\d/.test(infos[e].n)) e--;
          shape.push(sp.start, e, TYPES.indexOf(type));
        }
        entry.shape = shape;
      }
      for (let x = 0; x < shape.length; x += 3) {
        const s0 = shape[x];
        const first = tokens[a + s0];
        let cs = doc ? this.cliticMemo.get(slots[a + s0]) : undefined;
        if (cs === undefined) {
          cs = this.cliticStart(first.text, stats);
          if (doc) this.cliticMemo.set(slots[a + s0], cs);
        }
        const start = first.start + cs;
        const end = tokens[a + shape[x + 1]].end;
        if (end <= start) continue;
        out.push({ start, end, type: TYPES[shape[x + 2]], text: text.slice(start, end) });
      }
    }
    return out;
  }

  /**
   * Offset of the name inside the first word of a span: 0, or the length of a clitic prefix (و ف ب ل ك and
   * combinations). A prefix comes off when the rest is a known name (gazetteer, or the same word without the
   * prefix occurs elsewhere in the document) and the whole word is not; a conjunction و/ف also comes off when the
   * whole word is unknown everywhere and the rest is long enough; the article in 'ال' stays. It reads only the word
   * and, of the statistics, how often words occur (tag() keeps it per word slot: cliticMemo).
   */
  cliticStart(word: string, stats: DocStats | undefined): number {
    const splits = cliticSplits(word);
    if (splits.length < 2) return 0;
    const known = (key: string) => {
      const k = normalizeArabic(key);
      if (this.keyInfo(k) & 15) return true;
      return stats !== undefined && (stats.words.get(k) ?? 0) > 0;
    };
    const whole = normalizeArabic(word);
    const wholeKnown = (this.keyInfo(whole) & 15) !== 0;
    if (wholeKnown) return 0;
    const docCount = (k: string) => (stats ? stats.words.get(k) ?? 0 : 0);
    // Longest prefix whose stem is known wins.
    for (let i = splits.length - 1; i >= 1; i--) {
      const s = splits[i];
      const stem = s.restoreAl ? 'ا' + s.stem : s.stem;
      const stemN = normalizeArabic(stem);
      if (stemN.startsWith('ال') && s.restoreAl) return s.offset; // لل + stem: ل comes off, the ال stays
      if (s.prefix.length && stemN.startsWith('ال')) return s.offset; // وال/بال/وبال: the article starts the name
      if (known(stemN) || docCount(normalizeArabic(s.stem)) > 0) return s.offset;
    }
    // Unknown words: a conjunction before a long rest comes off ('ولافروف' when لافروف is nowhere else).
    const c = whole.charCodeAt(0);
    if ((c === 0x0648 || c === 0x0641) && whole.length >= 5 && docCount(whole) <= 1) return splits[1].offset;
    return 0;
  }
}
