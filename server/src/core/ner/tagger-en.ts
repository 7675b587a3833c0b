/**
 * The English tagger: tokens and sentences (text/english.ts) -> features (features-en.ts) -> a linear sequence
 * model decoded with first-order Viterbi over IOB2 tags (PER, LOC, ORG, MISC). MISC is learned (it keeps
 * nationalities and events out of the three types) but not returned.
 *
 * Pure: the model and the gazetteer data come in as JSON objects (loaded by server/src/node/models.ts).
 */
import type { NerTagger, NerType, TaggedSpan } from '../resources';
import { sentenceCase, splitSentences, tokenizeEnglish } from '../text/english';
import { base64ToBytes, bytesToBase64, PerceptronModel, type PerceptronJSON, train } from './perceptron';
import { restoreCase, contextFeatures, localFeatures, neighbourFeatures, NEIGHBOUR_EDGES, MEDIA_NOUNS, PERSON_TITLES, type DocumentContext, documentContext, EnglishLexicon, type EnglishGazetteerData, type FeatureConfig, FULL_FEATURES, sentenceFeatures } from './features-en';

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

/** Cached feature ids of one word form: its own (local) and what it gives a token at -2, -1, +1, +2 from it. */
interface WordIds {
  local: Int32Array;
  m2: Int32Array;
  m1: Int32Array;
  p1: Int32Array;
  p2: Int32Array;
}

interface TaggedDocument {
  text: string;
  /** Spans of the whole text, in order. */
  spans: TaggedSpan[];
}

/**
 * A trained English tagger (see the module comment). Document-level features need the whole article, while the
 * analysis calls `tag` once per region (headline, paragraph): the tagger tags the whole text once and keeps that
 * one result (the last text seen), answering each region from it.
 */
export class EnglishTagger implements NerTagger {
  readonly language = 'en' as const;
  private readonly lex: EnglishLexicon;
  private readonly s1: PerceptronModel;
  private readonly s2?: PerceptronModel;
  private last?: TaggedDocument;
  /** Ids of each word form's local features and neighbour contributions, for the one-stage fast path. */
  private readonly wordCache = new Map<string, WordIds>();
  private edgeIds?: WordIds;

  constructor(private readonly model: EnglishModel, gaz: EnglishGazetteerData) {
    this.lex = new EnglishLexicon(gaz, model.lower);
    if (!model || model.format !== 'article-lens-ner-en/2') throw new Error('not an Article Lens English NER model (format)');
    this.s1 = PerceptronModel.fromJSON(model.stage1);
    if (model.stage2) this.s2 = PerceptronModel.fromJSON(model.stage2);
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

  /**
   * One-stage tagging with the word-local features' ids cached per word form: the same features as
   * `sentenceFeatures`, in two id arrays per token (local + context), which the learner's `decode` sums.
   */
  private fastTags(words: readonly string[], doc: DocumentContext, mode: 'upper' | 'title' | 'normal'): string[] {
    const cfg = this.model.features;
    const ctx = contextFeatures(words, this.lex, doc, mode, cfg, true);
    const n = words.length;
    const m = mode === 'normal' ? 'n' : mode === 'upper' ? 'u' : 't';
    const ids = (fs: string[]) => this.s1.featureIds(fs);
    if (!this.edgeIds) this.edgeIds = { local: new Int32Array(0), m2: ids(NEIGHBOUR_EDGES.m2), m1: ids(NEIGHBOUR_EDGES.m1), p1: ids(NEIGHBOUR_EDGES.p1), p2: ids(NEIGHBOUR_EDGES.p2) };
    const edge = this.edgeIds;
    const w = new Array<WordIds>(n);
    for (let i = 0; i < n; i++) {
      const key = m + words[i];
      let c = this.wordCache.get(key);
      if (!c) {
        if (this.wordCache.size > 200000) this.wordCache.clear();
        const nb = neighbourFeatures(words[i], mode, this.lex, cfg);
        c = { local: ids(localFeatures(words[i], mode, this.lex, cfg)), m2: ids(nb.m2), m1: ids(nb.m1), p1: ids(nb.p1), p2: ids(nb.p2) };
        this.wordCache.set(key, c);
      }
      w[i] = c;
    }
    const toks: Int32Array[][] = new Array(n);
    for (let i = 0; i < n; i++) {
      toks[i] = [
        w[i].local,
        this.s1.featureIds(ctx[i]),
        // The word two before is at relative position -2 for this token, and so on.
        i > 1 ? w[i - 2].m2 : edge.m2,
        i > 0 ? w[i - 1].m1 : edge.m1,
        i + 1 < n ? w[i + 1].p1 : edge.p1,
        i + 2 < n ? w[i + 2].p2 : edge.p2,
      ];
    }
    const labels = this.s1.labels;
    return Array.from(this.s1.decode(toks), (t) => labels[t]);
  }

  /** IOB2 tags for pre-tokenized sentences of one document (evaluation on the .bio files). */
  tagSentences(sents: readonly string[][]): string[][] {
    return this.run(sents, docFeatures(sents, this.lex, this.model.features));
  }

  /** Spans of a whole document. */
  tagDocument(text: string): TaggedSpan[] {
    const tokens = tokenizeEnglish(text);
    if (tokens.length === 0) return [];
    const doc = documentContext(tokens, this.lex);
    const sentences = splitSentences(text, tokens);
    const sents = sentences.map((s) => tokens.slice(s.start, s.end).map((t) => t.text));
    // Headlines in capitals or title case are read truecased (see restoreCase).
    const read = sentences.map((s, k) => (sentenceCase(tokens, s.start, s.end) === 'normal' ? sents[k] : restoreCase(sents[k], this.lex)));
    const tagged = this.s2
      ? this.run(read, read.map((words) => sentenceFeatures(words, this.lex, doc, 'normal', this.model.features)))
      : read.map((words) => this.rules(words, this.fastTags(words, doc, 'normal')));
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
