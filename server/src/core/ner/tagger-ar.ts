/**
 * The Arabic tagger: tokens (text/tokenize.ts) -> features (features-ar.ts) -> averaged perceptron with
 * BIO-constrained first-order Viterbi (perceptron.ts), in two passes: the second pass also sees what the first
 * found for the same stem elsewhere in the document. Trained on ANERcorp, whose tokens keep their clitics
 * ('للعراق' B-LOC); the returned spans exclude them (see `cliticStart`). MISC is learned (it keeps nationalities
 * and events out of the other types) and returned as 'misc'.
 *
 * Pure: the model and the gazetteer come in as JSON objects (loaded by server/src/node/models.ts).
 * Speed: features of a word form (own + context parts) are turned into ids once and cached per tagger.
 */
import type { NerTagger, NerType, TaggedSpan } from '../resources';
import { cliticSplits } from '../text/clitics';
import { normalizeArabic } from '../text/normalize';
import { sentenceRanges, type Token, tokenize } from '../text/tokenize';
import { addPassTags, type DocStats, docSignature, docStats, dynamicFeatures, type FeatureConfig, OFFSETS, phraseMarks, sentenceFeatures, type WordInfo, wordInfo } from './features-ar';
import { type ArabicGazetteerData, ArabicLexicon, type ArabicVocabulary, buildVocabulary } from './lexicon-ar';
import { bilouToBio, bioToBilou, PerceptronModel, type PerceptronJSON, spansFromBio, train } from './perceptron';

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
  /** label scheme (default bio: BILOU measured no better here) */
  scheme?: 'bio' | 'bilou';
  log?: (msg: string) => void;
}

function infos(doc: readonly ArSentence[], lex: ArabicLexicon, cfg: FeatureConfig, cache: Map<string, WordInfo>): WordInfo[][] {
  return doc.map((s) =>
    s.words.map((w) => {
      let x = cache.get(w);
      if (!x) cache.set(w, (x = wordInfo(w, lex, cfg)));
      return x;
    }),
  );
}

type LexFor = ArabicLexicon | ((doc: number) => ArabicLexicon);

function docSamples(docs: readonly ArSentence[][], lexFor: LexFor, cfg: FeatureConfig, passTags?: string[][][], bilou = false, ids?: number[]) {
  const caches = new Map<ArabicLexicon, Map<string, WordInfo>>();
  const out: { features: string[][]; labels: string[] }[] = [];
  docs.forEach((d, k) => {
    const lex = typeof lexFor === 'function' ? lexFor(ids ? ids[k] : k) : lexFor;
    let cache = caches.get(lex);
    if (!cache) caches.set(lex, (cache = new Map()));
    const ws = infos(d, lex, cfg, cache);
    const stats = cfg.document || passTags ? docStats(ws) : undefined;
    if (passTags && stats) addPassTags(stats, ws, passTags[k]);
    ws.forEach((s, i) => out.push({ features: sentenceFeatures(s, cfg, lex, stats, passTags?.[k][i]), labels: bilou ? bioToBilou(d[i].tags) : d[i].tags }));
  });
  return out;
}

function predictDocs(model: PerceptronModel, docs: readonly ArSentence[][], lexFor: LexFor, cfg: FeatureConfig, ids: number[]): string[][][] {
  const caches = new Map<ArabicLexicon, Map<string, WordInfo>>();
  return docs.map((d, k) => {
    const lex = typeof lexFor === 'function' ? lexFor(ids[k]) : lexFor;
    let cache = caches.get(lex);
    if (!cache) caches.set(lex, (cache = new Map()));
    const ws = infos(d, lex, cfg, cache);
    const stats = cfg.document ? docStats(ws) : undefined;
    return ws.map((s) => model.predict(sentenceFeatures(s, cfg, lex, stats)));
  });
}

/** Train the one- or two-pass model. */
export function trainArabicModel(docs: ArSentence[][], gaz: ArabicGazetteerData | undefined, opts: ArTrainOptions): ArabicModel {
  const base = new ArabicLexicon(gaz);
  const cfg1: FeatureConfig = { ...opts.features, twoPass: false };
  const topts = { epochs: opts.epochs ?? 10, seed: opts.seed ?? 1, minCount: opts.minCount ?? 1, bags: opts.bags ?? 1 };
  const log = opts.log ?? (() => {});
  const bilou = (opts.scheme ?? 'bio') === 'bilou';
  // Vocabulary features are jackknifed: a training document sees the vocabulary of the other folds only, as new
  // text sees the vocabulary of all the training text.
  const VK = 5;
  let lexFor: LexFor = base;
  let vocab: ArabicVocabulary | undefined;
  if (opts.features.vocabulary) {
    vocab = buildVocabulary(docs.flat());
    const lexes = Array.from({ length: VK }, (_, f) => base.withVocabulary(buildVocabulary(docs.filter((_, i) => i % VK !== f).flat())));
    lexFor = (i: number) => lexes[i % VK];
  }
  const all = docs.map((_, i) => i);
  const m1 = train(docSamples(docs, lexFor, cfg1, undefined, bilou, all), topts);
  log(`stage 1: ${m1.featureCount} features`);
  const model: ArabicModel = { format: 'article-lens-ner-ar/1', features: opts.features, scheme: bilou ? 'bilou' : 'bio', stage1: m1.toJSON(opts.prune ?? 0) };
  if (vocab) model.vocab = vocab;
  if (!opts.features.twoPass) return model;
  // Jackknife: first-pass tags of each document from a model that did not see it.
  const K = opts.folds ?? 2;
  const pass: string[][][] = new Array(docs.length);
  for (let f = 0; f < K; f++) {
    const tr = all.filter((i) => i % K !== f);
    const held = all.filter((i) => i % K === f);
    const mf = train(docSamples(tr.map((i) => docs[i]), lexFor, cfg1, undefined, bilou, tr), topts);
    const tags = predictDocs(mf, held.map((i) => docs[i]), lexFor, cfg1, held);
    held.forEach((i, j) => (pass[i] = tags[j]));
    log(`fold ${f + 1}/${K} done`);
  }
  const m2 = train(docSamples(docs, lexFor, cfg1, pass, bilou, all), topts);
  log(`stage 2: ${m2.featureCount} features`);
  model.stage2 = m2.toJSON(opts.prune ?? 0);
  return model;
}

const TYPE_OF: Record<string, NerType> = { PER: 'person', LOC: 'location', ORG: 'organization', MISC: 'misc' };

/** Longest token sequence decoded at once (longer sentences are cut; keeps memory flat on one-line archives). */
const MAX_SENTENCE = 150;

interface CachedWord {
  /** the word form (cache key) */
  w: string;
  info: WordInfo;
  /** per stage: summed weights of the word's own features (T) and of its context features at each offset (4 x T) */
  own: Float32Array[];
  ctx: Float32Array[][];
  /**
   * Word-pair feature ids (cfg.pairs), per stage s at [3s, 3s+1, 3s+2]: 'pw=' this next (a feature of the next
   * token), 'wn=' this next (of this token), 'pp=' this next (of the token after next); -1 = unknown to the model.
   * Filled lazily per following word; `PAIR_NONE` when all are unknown.
   */
  next?: Map<CachedWord, Int32Array>;
  /** per stage: id of 'pw=<s> this' and of 'wn=this </s>' at [2s, 2s+1] */
  edge: Int32Array;
}

const BIAS = ['bias'];
const PAIR_NONE = new Int32Array(6).fill(-1);
/** Bound on cached word pairs (with the 200k word bound): the word cache is dropped when either is reached. */
const MAX_PAIRS = 300_000;
/** Bound on the decoded-sentence cache. */
const MAX_SENTENCES = 20_000;

export class ArabicTagger implements NerTagger {
  readonly language = 'ar' as const;
  readonly lex: ArabicLexicon;
  readonly cfg: FeatureConfig;
  private readonly m1: PerceptronModel;
  private readonly m2?: PerceptronModel;
  private cache = new Map<string, CachedWord>();
  private readonly bounds1: Int32Array[];
  private readonly bounds2: Int32Array[];
  private lastDoc?: { text: string; stats: DocStats; pass: Map<number, string> };
  /** Decoded sentences (see decodeCached). */
  private sentCache = new Map<string, Int32Array>();
  /** Word pairs cached on the CachedWord objects (bounded by MAX_PAIRS). */
  private pairCount = 0;
  /** Emission-score scratch for `decode` (instance-level, reused). */
  private emBuf = new Float64Array(0);

  constructor(model: ArabicModel, gaz?: ArabicGazetteerData) {
    if (!model || model.format !== 'article-lens-ner-ar/1') throw new Error('not an Arabic NER model (article-lens-ner-ar/1)');
    this.cfg = model.features;
    this.lex = new ArabicLexicon(gaz, model.vocab);
    this.m1 = PerceptronModel.fromJSON(model.stage1);
    this.m2 = model.stage2 ? PerceptronModel.fromJSON(model.stage2) : undefined;
    const b = (m: PerceptronModel | undefined) =>
      [-2, -1, 1, 2].flatMap((r) => [m ? m.featureIds([r + '|<s>']) : new Int32Array(0), m ? m.featureIds([r + '|</s>']) : new Int32Array(0)]);
    this.bounds1 = b(this.m1);
    this.bounds2 = b(this.m2);
  }

  private word(w: string): CachedWord {
    let c = this.cache.get(w);
    if (c) return c;
    if (this.cache.size > 200_000 || this.pairCount > MAX_PAIRS) {
      this.cache.clear();
      this.pairCount = 0;
    }
    const info = wordInfo(w, this.lex, this.cfg);
    const models = this.m2 ? [this.m1, this.m2] : [this.m1];
    const edge = new Int32Array(4).fill(-1);
    models.forEach((m, s) => {
      edge[2 * s] = m.featureId('pw=<s> ' + info.n);
      edge[2 * s + 1] = m.featureId('wn=' + info.n + ' </s>');
    });
    c = { w, info, own: [], ctx: [], edge };
    // context feature strings built once for both stages
    const ctxStrings = models.length > 1 ? OFFSETS.map((r) => info.ctx.map((f) => r + '|' + f)) : undefined;
    for (const m of models) {
      const own = new Float32Array(m.T);
      m.addFeatures(BIAS, own);
      m.addFeatures(info.own, own);
      c.own.push(own);
      c.ctx.push(
        OFFSETS.map((r, k) => {
          const v = new Float32Array(m.T);
          m.addFeatures(ctxStrings ? ctxStrings[k] : info.ctx.map((f) => r + '|' + f), v);
          return v;
        }),
      );
    }
    this.cache.set(w, c);
    return c;
  }

  /** Pair feature ids of (a, b) (see CachedWord.next); cached on a. */
  private pair(a: CachedWord, b: CachedWord): Int32Array {
    let m = a.next;
    if (!m) m = a.next = new Map();
    let p = m.get(b);
    if (p) return p;
    const k = a.info.n + ' ' + b.info.n;
    p = new Int32Array(6).fill(-1);
    let any = false;
    const models = this.m2 ? [this.m1, this.m2] : [this.m1];
    for (let s = 0; s < models.length; s++) {
      const mm = models[s];
      p[3 * s] = mm.featureId('pw=' + k);
      p[3 * s + 1] = mm.featureId('wn=' + k);
      p[3 * s + 2] = mm.featureId('pp=' + k);
      if (p[3 * s] >= 0 || p[3 * s + 1] >= 0 || p[3 * s + 2] >= 0) any = true;
    }
    if (!any) p = PAIR_NONE;
    m.set(b, p);
    this.pairCount++;
    return p;
  }

  /**
   * `decode` through a cache of decoded sentences: the key is the stage, the word forms, each word's document
   * signature (the only document statistics the features read) and the pass tags when they are features, so a hit
   * gives exactly what decoding would. An edit re-decodes only the sentences whose key changed. Instance-level,
   * pure, bounded (dropped at MAX_SENTENCES entries).
   */
  private decodeCached(ws: CachedWord[], stage: 1 | 2, stats: DocStats | undefined, marks: string[] | undefined, pass?: readonly string[]): Int32Array {
    let key = stage === 1 ? '1' : '2';
    for (let i = 0; i < ws.length; i++) key += docSignature(ws[i].info, this.cfg, stats) + ws[i].w + '\u0001';
    if (stage === 2 && pass && this.cfg.stack) key += '\u0002' + pass.join(' ');
    const hit = this.sentCache.get(key);
    if (hit) return hit;
    const out = this.decode(ws, stage, stats, marks, pass);
    if (this.sentCache.size >= MAX_SENTENCES) this.sentCache.clear();
    this.sentCache.set(key, out);
    return out;
  }

  /** Decode one sentence with one stage. */
  private decode(ws: CachedWord[], stage: 1 | 2, stats: DocStats | undefined, marks: string[] | undefined, pass?: readonly string[]): Int32Array {
    const m = stage === 1 ? this.m1 : this.m2!;
    const si = stage - 1;
    const bounds = stage === 1 ? this.bounds1 : this.bounds2;
    const cfg = this.cfg;
    const T = m.T;
    const n = ws.length;
    const infos = ws.map((w) => w.info);
    // Emission scratch reused across sentences (every row is assigned before it is summed into).
    if (this.emBuf.length < n * T) this.emBuf = new Float64Array(Math.max(n * T, 2 * this.emBuf.length));
    const em = this.emBuf;
    for (let i = 0; i < n; i++) {
      const o = i * T;
      const own = ws[i].own[si];
      for (let t = 0; t < T; t++) em[o + t] = own[t];
      for (let k = 0; k < 4; k++) {
        const r = OFFSETS[k];
        if (!cfg.context2 && (r === -2 || r === 2)) continue;
        const j = i + r;
        if (j < 0) m.addEmission(bounds[2 * k], em, o);
        else if (j >= n) m.addEmission(bounds[2 * k + 1], em, o);
        else {
          const v = ws[j].ctx[si][k];
          for (let t = 0; t < T; t++) em[o + t] += v[t];
        }
      }
      // Emission sums are exact in float64 (int16-quantized float32 weights, few terms), so adding the pair
      // features apart from the other dynamic ones gives the same scores as adding them in feature order.
      if (cfg.pairs) {
        m.addRow(i > 0 ? this.pair(ws[i - 1], ws[i])[3 * si] : ws[i].edge[2 * si], em, o);
        m.addRow(i + 1 < n ? this.pair(ws[i], ws[i + 1])[3 * si + 1] : ws[i].edge[2 * si + 1], em, o);
        if (i > 1) m.addRow(this.pair(ws[i - 2], ws[i - 1])[3 * si + 2], em, o);
      }
      const dyn = dynamicFeatures(infos, i, cfg, marks, stats, stage === 2 ? pass : undefined, true);
      if (dyn.length) m.addFeatures(dyn, em, o);
    }
    return m.decodeScores(em, n);
  }

  /** Sentences (token index ranges): cut at . ! ? ؟ ؛ (closing quotes kept), line breaks and MAX_SENTENCE tokens. */
  private static sentences(tokens: readonly Token[], text: string): [number, number][] {
    return sentenceRanges(tokens, MAX_SENTENCE, text);
  }

  /** Document statistics over the whole text (cached for the last text: the entities step tags region by region). */
  private docStatsFor(text: string): DocStats | undefined {
    if (!this.cfg.document && !this.m2) return undefined;
    if (this.lastDoc && this.lastDoc.text === text) return this.lastDoc.stats;
    const pass = new Map<number, string>();
    const tokens = tokenize(text);
    const ranges = ArabicTagger.sentences(tokens, text);
    const cw = ranges.map(([a, b]) => {
      const ws: CachedWord[] = new Array(b - a);
      for (let i = a; i < b; i++) ws[i - a] = this.word(tokens[i].text);
      return ws;
    });
    const sents = cw.map((ws) => ws.map((w) => w.info));
    const stats = docStats(sents);
    if (this.m2) {
      // first pass over the whole text
      const l: string[][] = [];
      for (let k = 0; k < ranges.length; k++) {
        const a = ranges[k][0];
        const ws = cw[k];
        const marks = this.cfg.gazetteer ? phraseMarks(sents[k], this.lex) : undefined;
        const labels = Array.from(this.decodeCached(ws, 1, stats, marks), (t) => this.m1.labels[t]);
        for (let i = 0; i < labels.length; i++) if (labels[i] !== 'O') pass.set(tokens[a + i].start, labels[i]);
        l.push(labels);
      }
      addPassTags(stats, sents, l);
    }
    this.lastDoc = { text, stats, pass };
    return stats;
  }

  /** IOB2 labels for the sentences of one document given as words (evaluation on ANERcorp). */
  tagWords(doc: readonly (readonly string[])[]): string[][] {
    const ws = doc.map((s) => s.map((w) => this.word(w)));
    const infos = ws.map((s) => s.map((w) => w.info));
    const stats = this.cfg.document || this.m2 ? docStats(infos) : undefined;
    const marks = ws.map((s, k) => (this.cfg.gazetteer ? phraseMarks(infos[k], this.lex) : undefined));
    const l1 = ws.map((s, k) => Array.from(this.decode(s, 1, stats, marks[k]), (t) => this.m1.labels[t]));
    if (!this.m2 || !stats) return l1.map(bilouToBio);
    addPassTags(stats, infos, l1);
    return ws.map((s, k) => bilouToBio(Array.from(this.decode(s, 2, stats, marks[k], l1[k]), (t) => this.m2!.labels[t])));
  }

  tag(text: string, from = 0, to = text.length): TaggedSpan[] {
    from = Math.max(0, from);
    to = Math.min(text.length, to);
    if (to <= from) return [];
    const stats = this.docStatsFor(text);
    const tokens = tokenize(text, from, to);
    const out: TaggedSpan[] = [];
    const m = this.m2 ?? this.m1;
    for (const [a, b] of ArabicTagger.sentences(tokens, text)) {
      const toks = tokens.slice(a, b);
      const ws = toks.map((t) => this.word(t.text));
      const marks = this.cfg.gazetteer ? phraseMarks(ws.map((w) => w.info), this.lex) : undefined;
      const passAt = this.lastDoc?.text === text ? this.lastDoc.pass : undefined;
      const pass = passAt && this.cfg.stack ? toks.map((t) => passAt.get(t.start) ?? 'O') : undefined;
      const labels = this.decodeCached(ws, this.m2 ? 2 : 1, stats, marks, pass);
      const names = Array.from(labels, (t) => m.labels[t]);
      for (const sp of spansFromBio(names)) {
        const type = TYPE_OF[sp.type];
        if (!type) continue;
        // A nationality adjective alone ('روسي', 'الليبي') is not a name of a person, place or organization.
        if (sp.end - sp.start === 1 && type !== 'misc' && ws[sp.start].info.nisba) continue;
        const first = toks[sp.start];
        const last = toks[sp.end - 1];
        const start = first.start + this.cliticStart(first.text, ws[sp.start].info, stats);
        let end = last.end;
        // never end on punctuation
        let e = sp.end - 1;
        while (e > sp.start && ws[e].info.nonWord && !/\d/.test(ws[e].info.n)) e--;
        end = toks[e].end;
        if (end <= start) continue;
        out.push({ start, end, type, text: text.slice(start, end) });
      }
    }
    return out;
  }

  /**
   * Offset of the name inside the first word of a span: 0, or the length of a clitic prefix (و ف ب ل ك and
   * combinations). A prefix comes off when the rest is a known name (gazetteer, or the same word without the
   * prefix occurs elsewhere in the document) and the whole word is not; a conjunction و/ف also comes off when the
   * whole word is unknown everywhere and the rest is long enough; the article in 'ال' stays.
   */
  cliticStart(word: string, info: WordInfo, stats: DocStats | undefined): number {
    const splits = cliticSplits(word);
    if (splits.length < 2) return 0;
    const known = (key: string) => {
      const k = normalizeArabic(key);
      if (this.lex.bits(k) & 15) return true;
      return stats !== undefined && (stats.words.get(k) ?? 0) > 0;
    };
    const whole = normalizeArabic(word);
    const wholeKnown = (this.lex.bits(whole) & 15) !== 0;
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
    void info;
    // Unknown words: a conjunction before a long rest comes off ('ولافروف' when لافروف is nowhere else).
    const c = whole.charCodeAt(0);
    if ((c === 0x0648 || c === 0x0641) && whole.length >= 5 && docCount(whole) <= 1) return splits[1].offset;
    return 0;
  }
}
