/**
 * Features of the Arabic tagger. A token's features are three parts, so the tagger can cache the first two per
 * word form (as summed weights; the hot path then reads no strings per token):
 *  - own(word): features of the word itself (form, normalized form, clitic-free stem, affixes, shape, character
 *    trigrams, gazetteer/trigger/nationality membership, word clusters when cfg.clusters);
 *  - ctx(word): a smaller set, emitted by each neighbour at offsets -2, -1, +1, +2 with the offset as prefix;
 *  - dynamic(i): features that depend on the sentence or the document (word pairs, a title within four words
 *    before, multi-word gazetteer matches, what the document says about the same stem elsewhere); apart from the
 *    word pairs and stacked labels they come as codes into DYNAMIC_FEATURES (`dynamicFeatureCodes`), the tagger's
 *    path, and as strings (`dynamicFeatures`, training), from the same code.
 * `FeatureConfig` switches groups on and off for the ablation table (docs/ner.md).
 */
import { bareStem, hasArticle } from '../text/clitics';
import { normalizeArabic } from '../text/normalize';
import { CHAR_CLASSES } from './charclass-ar';
import { ArabicLexicon } from './lexicon-ar';

export interface FeatureConfig {
  /** prefixes/suffixes of the word and its stem */
  affixes: boolean;
  /** shape (script, digits, length) */
  shape: boolean;
  /** character trigrams of the stem */
  ngrams: boolean;
  /** context words at ±2 (±1 is always on) */
  context2: boolean;
  /** word pairs (w-1 w, w w+1) */
  pairs: boolean;
  /** title/role, organization-head, place-head and speech-verb triggers */
  triggers: boolean;
  /** nationality adjectives (from the country/place lists) */
  nisba: boolean;
  /** gazetteers (single words and multi-word phrases) */
  gazetteer: boolean;
  /** document-level: the same stem elsewhere (after a title; counts) */
  document: boolean;
  /** second pass: what the first pass tagged the same stem as elsewhere in the document */
  twoPass: boolean;
  /** training-text vocabulary class of the word and its stem (out-of-vocabulary signal) */
  vocabulary?: boolean;
  /** the entity type a word mostly had in (the other folds of) the training text, for its E/M vocabulary class */
  vocabTypes?: boolean;
  /** 4-letter prefixes/suffixes of the stem */
  affix4?: boolean;
  /** second pass: the first pass's labels of the word and its neighbours (stacking) */
  stack?: boolean;
  /** organization names (organizations.tsv) in the gazetteer, and a word inside the definite complement chain of an
   * organization head ('البنك التجاري', 'مصرف قطر المركزي', 'حزب الليكود') */
  orgs?: boolean;
  /** sports documents (several SPORT_WORDS): a place name, an unseen word or a word before a nationality adjective in
   * one gets a feature of its own (clubs are named after cities: 'ستيوا بوخارست الروماني') */
  topic?: boolean;
  /** document: the same stem stands right after an organization head / a place head elsewhere ('شركة فولكسفاغن') */
  docHeads?: boolean;
  /** word clusters of the training text (clusters.ts): the word's (else its stem's) cluster at each level, own and context */
  clusters?: boolean;
  /** a word inside a short quotation (« … », " … ", 1-4 words): its position there (q=1 alone, q=F first, q=I, q=L last) */
  quotes?: boolean;
  /** dateline: the first 1-5 words of a sentence followed by '-' or ':' (also after a '( … )' or inside « … ») */
  dateline?: boolean;
  /** second pass: how sure the first pass was about the stem's majority type (one occurrence / all agree / mixed) */
  passConf?: boolean;
  /** conjunctions: the word's class (sportF's: P place, else vocabulary class) x the previous word's trigger/head, and x
   * the gender of a following nationality adjective outside sports documents (needs cfg.topic for the class) */
  conj?: boolean;
  /** an unseen word in no gazetteer whose consonant skeleton (lexicon-ar `skeleton`) matches a gazetteer entry's: 'sk=' + P
   * (place or country) / N (given name or frequent name token) / R (rare name token) / PN (a place and a name), own and
   * context (shipped since the seventh round, SHIPPED_FEATURES; summed by the tagger's sumWord too:
   * test/unit/ner-ar-round5) */
  skeleton?: boolean;
  /** an unseen word whose consonant skeleton (without ال) matches a training name word's: 'skv=' + that word's type
   * (not shipped; in sumWord too) */
  skeletonVocab?: boolean;
  /** sixth round, name boundaries: connectors inside names (بن، ابن، أبو، آل، عبد, particles of foreign names) with the
   * name classes (`nameClass`) of the words on both sides, and coordination ('X وY', 'X و Y': the classes of both
   * names); dynamic codes from the WordInfo name classes */
  nameConn?: boolean;
  /** sixth round: the length of the run of name-like words (given or rare name, name word of the training text,
   * unseen word, connector) around the word and the word's position in it */
  nameRun?: boolean;
  /** sixth round: the name classes of (previous word, this word) and (this word, next word) (shipped since the seventh
   * round, SHIPPED_FEATURES) */
  namePair?: boolean;
  /** sixth round: the name classes of (previous word, this word, next word) as one feature */
  nameTriple?: boolean;
  /**
   * seventh round: transitions conditioned on the words at the boundary: the move from label p to label t at token i
   * scores trans[p][t] plus an edge weight [e][p][t] for each of the token's edge codes e (`edgeCodes`: name classes
   * of word i and i-1, the conjunction, the word before; perceptron.ts EdgeCodes). Code set `edgeSet`.
   */
  edgeTrans?: boolean;
  /** with edgeTrans: which code set (EDGE_SETS; default 1) */
  edgeSet?: number;
  /** seventh round, second pass: a word inside an n-gram (2-4 words; first word by its bare stem, the rest by their
   * normalized forms) that the first pass tagged as one whole entity of type X in the document: 'd2p=' + X + its
   * position (B first, I inside, L last); per token, so it enters the decoded-sentence key with the signature
   * (`phraseCodes`, 2048 x code) */
  docPhrase?: boolean;
  /** seventh round, after the second pass: a multi-word n-gram the document's predicted spans give one type X is
   * tagged X where it stands untagged (or inside a shorter span of another type) (`propagatePhrases`). Measured in
   * evaluation only: the tagger's tagWords applies it, tag() (the editor's and the CLI's path) does not, so train:ner
   * refuses to write a model with it */
  phrasePost?: boolean;
  /** with phrasePost: only repeats that the second pass tagged in part (some word inside an entity: a shorter span,
   * or spans of another type), never a wholly untagged one */
  phraseRepair?: boolean;
  /** with docPhrase: an n-gram counts only as tagged elsewhere (the sentence's own first-pass span there left out) */
  phraseElsewhere?: boolean;
  /** seventh round: an unseen word's (vocabulary class U) clitic-free stem scored by the character n-gram classifier
   * of word types (charclass-ar.ts, jackknifed with the vocabulary): 'cn=O1', 'cn=O2' or 'cn=' + name type + confidence
   * bucket ('cn=ORG2'), own and context (not shipped; in sumWord too: test/unit/ner-ar-charclass) */
  charClass?: boolean;
  /** with charClass: once-seen words (vocabulary class o) get the feature too */
  charClassOnce?: boolean;
  /** with charClass: the name odds bucket without the type ('cn=N1'…) */
  charClassName?: boolean;
  /** with charClass: the word's own feature only (not at ±1, ±2) */
  charClassOwn?: boolean;
  /** with charClass: the classifier trained as a logistic regression (charclass-ar trainCharClassLR) instead of naive Bayes */
  charClassLR?: boolean;
}

export const FULL_FEATURES: FeatureConfig = {
  affixes: true,
  shape: true,
  ngrams: true,
  context2: true,
  pairs: true,
  triggers: true,
  nisba: true,
  gazetteer: true,
  document: true,
  twoPass: true,
  vocabulary: true,
  vocabTypes: true,
  orgs: true,
  topic: true,
  docHeads: true,
};

/**
 * The shipped model's features (`npm run train:ner`): the full set the ablation rows build on, plus the consonant
 * skeleton of unseen words and the name-class pairs (docs/ner.md, seventh round: kept by the rule once training
 * decoded exactly again).
 */
export const SHIPPED_FEATURES: FeatureConfig = { ...FULL_FEATURES, skeleton: true, namePair: true };

export const BASE_FEATURES: FeatureConfig = {
  affixes: true,
  shape: false,
  ngrams: false,
  context2: true,
  pairs: false,
  triggers: false,
  nisba: false,
  gazetteer: false,
  document: false,
  twoPass: false,
};

export interface WordInfo {
  /** normalized word */
  n: string;
  /** normalized stem without clitics and article */
  bare: string;
  own: string[];
  ctx: string[];
  /** person trigger (for dynamic features) */
  personTrigger: boolean;
  /** punctuation or digits */
  nonWord: boolean;
  /** a nationality adjective (ليبي، الروسية…): kept out of document-level propagation */
  nisba: boolean;
  /** an organization head (وزارة، حزب، البنك…) */
  orgHead?: boolean;
  /** a place head (مدينة، جزيرة…) */
  locHead?: boolean;
  /** a word of sports reporting (cfg.topic) */
  sport?: boolean;
  /** sports-document feature of the word (cfg.topic): 'dS=' + 'P' for a place/country name, else its vocabulary class */
  sportF?: string;
  /** sports-document feature of the word before this one: 'dSn=' + this word's nationality-adjective gender ('M'
   * masculine singular, 'F' feminine, 'P' plural, '-' not one) */
  sportPrevF?: string;
  /** a comma (، or ,) */
  comma: boolean;
  /** starts with the article (after clitics): الروسي، وللجيش */
  definite: boolean;
  /** readings of the word that start a multi-word gazetteer phrase (usually none) */
  phraseKeys: string[];
  /** name class (`nameClass`; set only with cfg.nameConn / nameRun / namePair) */
  nc?: number;
  /** with a conjunction و/ف (3+ letters): the name class of the word without it, else -1 (with nc) */
  ncc?: number;
}

/** Connector words inside names (normalized) and their kind: 0 بن ابن بنت, 1 أبو أبي أبا, 2 آل عبد, 3 particles of
 * foreign names (دي، دا، فان، فون، دير، دو، ديل). */
const NAME_CONNECTORS: ReadonlyMap<string, number> = new Map([
  ['بن', 0], ['ابن', 0], ['بنت', 0],
  ['ابو', 1], ['ابي', 1], ['ابا', 1],
  ['ال', 2], ['عبد', 2],
  ['دي', 3], ['دا', 3], ['فان', 3], ['فون', 3], ['دير', 3], ['دو', 3], ['ديل', 3],
]);
/** Name classes: 0 other word, 1 given name or frequent name token (gazetteer G/N, any reading), 2 rare name token
 * only, 3 a word mostly or partly in names in the training text (E/M), 4 unseen (U) in no gazetteer, 5 place or
 * country, 6 connector, 7 punctuation or number (and the sentence edges). */
const NAME_CLASSES = 8;
/** Gazetteer bits (ArabicLexicon.BIT) the name classes and the skeleton feature read: place or country, given name or
 * frequent name token, rare name token. */
const GZ_PLACE = ArabicLexicon.BIT.country | ArabicLexicon.BIT.place;
const GZ_GN = ArabicLexicon.BIT.given | ArabicLexicon.BIT.name;
const GZ_R = ArabicLexicon.BIT.rare;
/** The name class of a normalized word from the gazetteer bits of its readings and its vocabulary class. */
export function nameClass(n: string, k: string, gz: number, v: string): number {
  if (k === 'pun' || k === 'num') return 7;
  if (NAME_CONNECTORS.has(n)) return 6;
  if (k !== 'ar') return 0;
  if (gz & GZ_GN) return 1;
  if (gz & GZ_PLACE) return 5;
  if (v === 'E' || v === 'M') return 3;
  if (gz & GZ_R) return 2;
  return v === 'U' ? 4 : 0;
}
export const needNameClasses = (cfg: FeatureConfig): boolean => !!(cfg.nameConn || cfg.nameRun || cfg.namePair || cfg.nameTriple || cfg.edgeTrans);

/**
 * Edge code sets (cfg.edgeTrans, cfg.edgeSet): per set the number of codes and the most codes of one token. With
 * nc(j) the name class of word j (7 outside the sentence) and ncc the class of word i without its conjunction و/ف:
 *  1: nc(i) [0, 8); 8 + nc(i-1); 16 + ncc(i) when word i has و/ف; 24 when word i-1 is a person trigger (25 codes);
 *  2: 8 nc(i-1) + nc(i) [0, 64); 64 + ncc(i) when word i has و/ف; 72 word i-1 a person trigger; 73 word i-1 a
 *     comma; 74 word i-1 a separate و or أو (75 codes);
 *  3: set 2's codes, and 75 + set 1's first two (nc(i), nc(i-1)) (91 codes);
 *  4: set 1's first two only: nc(i), 8 + nc(i-1) (16 codes).
 */
export const EDGE_SETS: Readonly<Record<number, { count: number; k: number }>> = {
  1: { count: 25, k: 4 },
  2: { count: 75, k: 5 },
  3: { count: 91, k: 7 },
  4: { count: 16, k: 2 },
};
export function edgeSetOf(cfg: FeatureConfig): { count: number; k: number } | undefined {
  if (!cfg.edgeTrans) return undefined;
  const set = EDGE_SETS[cfg.edgeSet ?? 1];
  // an unknown set would train and tag with no edge codes while the model says edgeTrans
  if (!set) throw new Error(`edgeTrans: no edge code set ${String(cfg.edgeSet)}`);
  return set;
}

/**
 * The edge codes of token i (cfg.edgeTrans; WordInfo.nc set), written to out[at, at + k) (k of the code set; -1 for
 * none). They read the sentence's words only (their name classes, conjunction, trigger and comma flags), so a
 * sentence's word forms decide them (the tagger's decoded-sentence cache key).
 */
export function edgeCodes(ws: readonly WordInfo[], i: number, cfg: FeatureConfig, out: Int32Array, at: number): void {
  const set = cfg.edgeSet ?? 1;
  const k = EDGE_SETS[set].k;
  out.fill(-1, at, at + k);
  const w = ws[i];
  const c = w.nc!;
  const p = i > 0 ? ws[i - 1] : undefined;
  const pc = p ? p.nc! : 7;
  let a = at;
  if (set === 1 || set === 4) {
    out[a++] = c;
    out[a++] = 8 + pc;
    if (set === 4) return;
    if (w.ncc! >= 0) out[a++] = 16 + w.ncc!;
    if (p?.personTrigger) out[a++] = 24;
    return;
  }
  out[a++] = 8 * pc + c;
  if (w.ncc! >= 0) out[a++] = 64 + w.ncc!;
  if (p?.personTrigger) out[a++] = 72;
  if (p?.comma) out[a++] = 73;
  if (p && (p.n === 'و' || p.n === 'او')) out[a++] = 74;
  if (set === 3) {
    out[a++] = 75 + c;
    out[a++] = 83 + pc;
  }
}

/** The edge codes of a sentence's tokens as lists (training: TrainSentence.edges), or undefined without cfg.edgeTrans. */
export function sentenceEdges(ws: readonly WordInfo[], cfg: FeatureConfig): number[][] | undefined {
  const set = edgeSetOf(cfg);
  if (!set) return undefined;
  const buf = new Int32Array(set.k);
  return ws.map((_, i) => {
    edgeCodes(ws, i, cfg, buf, 0);
    return Array.from(buf).filter((x) => x >= 0);
  });
}

export const GAZ_NAMES = ['C', 'P', 'G', 'N', 'R', 'O'];

export function kind(w: string): string {
  const c = w.charCodeAt(0);
  if ((c >= 48 && c <= 57) || (c >= 0x0660 && c <= 0x0669)) return 'num';
  if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 0xc0 && c <= 0x24f)) return 'lat';
  if (c >= 0x0621 && c <= 0x06ff) return 'ar';
  return 'pun';
}

const WAW = 0x0648;
const FA = 0x0641;
const LAM = 0x0644;
const ALIF = 0x0627;
const YA = 0x064a;
const HA = 0x0647;
const NUN = 0x0646;
const TA = 0x062a;

const isPrep = (c: number) => c === 0x0628 || c === LAM || c === 0x0643; // ب ل ك

/**
 * Readings of a normalized word (`normalizeArabic`: no diacritics or tatweel) for list lookups: itself, the stems of
 * its other `cliticSplits` readings in their order ('ا' + stem after لل), then each of those without ال:
 * 'وبالعاصمه' -> وبالعاصمه, بالعاصمه, العاصمه, عاصمه; 'للجيش' -> للجيش, الجيش, جيش. By character codes (the same list
 * as from cliticSplits, unit-tested): it runs once for every new word form.
 */
export function readings(n: string): string[] {
  const out = [n];
  const L = n.length;
  const c0 = n.charCodeAt(0);
  if (c0 === WAW || c0 === FA) {
    // conjunction, then conjunction + preposition (cliticSplits' order)
    if (L >= 3) out.push(n.slice(1));
    if (L >= 4 && isPrep(n.charCodeAt(1))) out.push(n.charCodeAt(1) === LAM && n.charCodeAt(2) === LAM ? 'ا' + n.slice(2) : n.slice(2));
  } else if (L >= 3 && isPrep(c0)) {
    out.push(c0 === LAM && n.charCodeAt(1) === LAM ? 'ا' + n.slice(1) : n.slice(1));
  }
  for (let i = 0, k = out.length; i < k; i++) {
    const r = out[i];
    if (r.length > 3 && r.charCodeAt(0) === ALIF && r.charCodeAt(1) === LAM) out.push(r.slice(2));
  }
  return out;
}

/** The nationality-adjective base of a reading (what `lex.nisba` holds), or undefined: -يون/-يين/-يات, -يه, -ي. */
export function nisbaBase(s: string): string | undefined {
  const L = s.length;
  const a = s.charCodeAt(L - 1);
  if (a === YA) return s;
  if (L < 2) return undefined;
  const b = s.charCodeAt(L - 2);
  if (a === HA) return b === YA ? s.slice(0, -1) : undefined;
  if (L >= 3 && s.charCodeAt(L - 3) === YA && ((a === NUN && (b === WAW || b === YA)) || (a === TA && b === ALIF))) return s.slice(0, -2);
  return undefined;
}

/** The lexicon bits of a word's readings (at most 6: the word, 2 clitic stems, 3 without ال), filled per call. */
const RBITS = new Int32Array(8);
const GZ_EXACT = GAZ_NAMES.map((g) => 'gz=' + g);
const GZ_ANY = GAZ_NAMES.map((g) => 'gz~' + g);

/** Characters whose case toLowerCase can change: ASCII capitals and anything from U+00C0 outside the Arabic block. */
export function needsLower(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xc0 ? c >= 65 && c <= 90 : c < 0x0600 || c > 0x06ff) return true;
  }
  return false;
}

/** A word's key as wordInfo makes it (`WordInfo.n`, and the keys of the word clusters): normalizeArabic, then lower
 * case where case can change. */
export function normalizedWord(word: string): string {
  const nw = normalizeArabic(word);
  return needsLower(nw) ? nw.toLowerCase() : nw;
}

/** A harakah (U+064B-U+0652) in the word: the 'diac' shape feature. */
export function hasHarakah(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x064b && c <= 0x0652) return true;
  }
  return false;
}

/**
 * The WordInfo of a word form: its own and context feature strings and the flags the dynamic features read. Called
 * once per new word form by the tagger (and per word of the training text), so the readings are computed once and
 * shared by the gazetteer, nationality and phrase lookups, and each list is asked about a string at most once.
 */
export function wordInfo(word: string, lex: ArabicLexicon, cfg: FeatureConfig): WordInfo {
  const nw = normalizeArabic(word);
  const n = needsLower(nw) ? nw.toLowerCase() : nw;
  const k = kind(n);
  const ar = k === 'ar';
  const bare = ar ? bareStem(n) : n;
  const wf = 'w=' + n;
  const own: string[] = [wf];
  const ctx: string[] = [wf];
  if (bare !== n) {
    const bf = 'b=' + bare;
    own.push(bf, 'pre=' + n.slice(0, n.length - bare.length));
    ctx.push(bf);
  }
  if (cfg.affixes && ar) {
    const L = n.length;
    if (L > 2) own.push('s1=' + n.slice(-1), 's2=' + n.slice(-2), 'p2=' + n.slice(0, 2));
    if (L > 3) own.push('s3=' + n.slice(-3), 'p3=' + n.slice(0, 3));
    const B = bare.length;
    if (B > 3) own.push('bs2=' + bare.slice(-2), 'bp2=' + bare.slice(0, 2));
    if (B > 4) own.push('bs3=' + bare.slice(-3), 'bp3=' + bare.slice(0, 3));
    if (cfg.affix4 && B > 5) own.push('bs4=' + bare.slice(-4), 'bp4=' + bare.slice(0, 4));
  }
  if (cfg.shape) {
    own.push('k=' + k + Math.min(bare.length, 9));
    if (!ar) ctx.push('k=' + k);
    if (ar && word !== nw && hasHarakah(word)) own.push('diac');
  }
  if (cfg.ngrams && ar && bare.length >= 3 && bare.length <= 12) {
    const s = '^' + bare + '$';
    for (let i = 0; i + 3 <= s.length; i++) own.push('g3=' + s.slice(i, i + 3));
  }
  // the vocabulary class of the word ('U' unseen), asked once (cfg.vocabulary and the sports feature)
  const v = ar && (cfg.vocabulary || cfg.topic) ? lex.vocab.get(n) ?? 'U' : 'U';
  if (cfg.vocabulary && ar) {
    const vf = 'v=' + v;
    own.push(vf);
    ctx.push(vf);
    if (cfg.vocabTypes && (v === 'E' || v === 'M')) {
      const vt = 'vt=' + v + (lex.vocabType.get(n) ?? '');
      own.push(vt);
      ctx.push(vt);
    }
    if (bare !== n) {
      let vb = lex.vocab.get(bare);
      let alBare: string | undefined;
      if (vb === undefined) vb = lex.vocab.get((alBare = 'ال' + bare)) ?? 'U';
      own.push('vb=' + vb);
      own.push('vv=' + v + vb);
      // an unseen word whose clitic-free stem was seen in names: the stem's type ('لسلتيك' → سلتيك)
      if (cfg.vocabTypes && v === 'U' && (vb === 'E' || vb === 'M')) own.push('vbt=' + vb + (lex.vocabType.get(bare) ?? lex.vocabType.get(alBare ?? 'ال' + bare) ?? ''));
    }
  }
  // The readings and their lexicon bits (gazetteer, phrase start, trigger and sports lists: one lookup per reading).
  // With a conjunction و/ف and 3+ letters, reading 1 is the word without it (the trigger and sports candidate).
  const conj = ar && (n.charCodeAt(0) === WAW || n.charCodeAt(0) === FA);
  const rs = ar ? readings(n) : undefined;
  const nr = rs ? rs.length : 0;
  for (let i = 0; i < nr; i++) RBITS[i] = lex.keyBits(rs![i]);
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
      for (let b = 0, nb = cfg.orgs ? 6 : 5; b < nb; b++) {
        if (exact & (1 << b)) {
          own.push(GZ_EXACT[b]);
          ctx.push(GZ_EXACT[b]);
        } else if (any & (1 << b)) {
          own.push(GZ_ANY[b]);
          ctx.push(GZ_ANY[b]);
        }
      }
    }
    if (cfg.triggers) {
      // triggers: the word or the word without a conjunction
      for (let i = 0, last = conj && n.length > 3 ? 1 : 0; i <= last; i++) {
        const t = RBITS[i];
        if (t & ArabicLexicon.T_PERSON) {
          personTrigger = true;
          own.push('tP');
          ctx.push('tP');
        }
        if (t & ArabicLexicon.T_ORG) {
          orgHead = true;
          own.push('tO');
          ctx.push('tO');
        }
        if (t & ArabicLexicon.T_LOC) {
          locHead = true;
          own.push('tL');
          ctx.push('tL');
        }
        if (t & ArabicLexicon.T_SPEECH) {
          own.push('tS');
          ctx.push('tS');
        }
      }
    }
    if (cfg.nisba) {
      for (const r of rs!) {
        const base = nisbaBase(r);
        if (base && lex.nisba.has(base)) {
          isNisba = true;
          nisbaG = r.endsWith('يه') ? 'F' : r.endsWith('ي') ? 'M' : 'P';
          own.push('nis');
          ctx.push('nis');
          break;
        }
      }
    }
  }
  if (cfg.skeleton && ar && cfg.gazetteer && v === 'U') {
    const f = skeletonFeature(lex, rs!, nr, RBITS);
    if (f) {
      own.push(f);
      ctx.push(f);
    }
  }
  if (cfg.skeletonVocab && ar && cfg.vocabulary && v === 'U') {
    // the clitic- and article-free stem (vocabulary keys may have the article: it is dropped on both sides)
    const t = lex.skeletonType(bare);
    if (t) {
      own.push('skv=' + t);
      ctx.push('skv=' + t);
    }
  }
  if (cfg.clusters && ar) {
    const cl = clustersOf(lex, n, bare);
    if (cl) for (let i = 0; i < cl.length; i++) {
      own.push(cl[i]);
      ctx.push(cl[i]);
    }
  }
  if (cfg.charClass && ar && (v === 'U' || (cfg.charClassOnce && v === 'o'))) {
    const f = lex.charClass?.feature(bare, !cfg.charClassName);
    if (f) {
      own.push(f);
      if (!cfg.charClassOwn) ctx.push(f);
    }
  }
  let sport = false;
  let sportF: string | undefined;
  if (cfg.topic && ar) {
    sport = (RBITS[0] & ArabicLexicon.SPORT) !== 0 || (conj && (n.length >= 3 ? (RBITS[1] & ArabicLexicon.SPORT) !== 0 : lex.sport.has(n.slice(1))));
    sportF = 'dS=' + (place ? 'P' : v);
  }
  const sportPrevF = cfg.topic ? 'dSn=' + (nisbaG || '-') : undefined;
  const phraseKeys: string[] = [];
  for (let i = 0; i < nr; i++) if (RBITS[i] & ArabicLexicon.PHRASE) phraseKeys.push(rs![i]);
  let nc: number | undefined;
  let ncc: number | undefined;
  if (needNameClasses(cfg)) {
    let gz = 0;
    for (let i = 0; i < nr; i++) gz |= RBITS[i];
    nc = nameClass(n, k, gz & ArabicLexicon.GAZ, v);
    ncc = conj && nr > 1 && n.length >= 3 ? nameClass(rs![1], 'ar', RBITS[1] & ArabicLexicon.GAZ, lex.vocab.get(rs![1]) ?? 'U') : -1;
  }
  // nc and ncc in the literal (undefined without name classes), not added afterwards: an added property goes to an
  // out-of-object property array (~40 bytes more per word form the tagger's word cache keeps)
  return { n, bare, own, ctx, personTrigger, nonWord: k === 'pun' || k === 'num', nisba: isNisba, orgHead, locHead, sport, sportF, sportPrevF, comma: n === '،' || n === ',', phraseKeys, definite: ar && hasArticle(n), nc, ncc };
}

/** The skeleton feature of a word (cfg.skeleton) from its `nr` readings `rs` and their lexicon bits `bits`: none
 * when a reading is in a gazetteer, else from the readings' skeletonBits: 'sk=P' place/country, 'sk=N' given name or
 * frequent name token, 'sk=R' rare name token only, 'sk=PN' both a place and a name; undefined for none. wordInfo and
 * the tagger's sumWord both ask it. */
export function skeletonFeature(lex: ArabicLexicon, rs: readonly string[], nr: number, bits: Int32Array): string | undefined {
  let gz = 0;
  for (let i = 0; i < nr; i++) gz |= bits[i];
  if (gz & ArabicLexicon.GAZ) return undefined;
  let sb = 0;
  for (let i = 0; i < nr; i++) sb |= lex.skeletonBits(rs[i]);
  const p = (sb & GZ_PLACE) !== 0;
  const nm = (sb & GZ_GN) !== 0;
  if (p && (nm || sb & GZ_R)) return 'sk=PN';
  if (p) return 'sk=P';
  if (nm) return 'sk=N';
  if (sb & GZ_R) return 'sk=R';
  return undefined;
}

/** The cluster features of a word (cfg.clusters): the word's clusters, else its clitic-free stem's (or 'ال' + stem's). */
export function clustersOf(lex: ArabicLexicon, n: string, bare: string): readonly string[] | undefined {
  return lex.clusters.get(n) ?? (bare !== n ? lex.clusters.get(bare) ?? lex.clusters.get('ال' + bare) : undefined);
}

/** The stem types of tagged sentences for the character classifier (charclass-ar.ts, cfg.charClass): each Arabic
 * word's clitic- and article-free stem (WordInfo.bare) -> its counts per class (CHAR_CLASSES: PER, LOC, ORG, MISC, O). */
export function charClassTypes(sentences: Iterable<{ words: readonly string[]; tags: readonly string[] }>): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const s of sentences) {
    for (let i = 0; i < s.words.length; i++) {
      const n = normalizedWord(s.words[i]);
      if (kind(n) !== 'ar') continue;
      const bare = bareStem(n);
      let c = out.get(bare);
      if (!c) out.set(bare, (c = [0, 0, 0, 0, 0]));
      const t = s.tags[i];
      const k = t === 'O' ? 4 : (CHAR_CLASSES as readonly string[]).indexOf(t.slice(2));
      c[k < 0 ? 4 : k]++;
    }
  }
  return out;
}

export const OFFSETS = [-2, -1, 1, 2] as const;

/** Per-document statistics for the document features. */
export interface DocStats {
  /** bare stem -> occurrences */
  count: Map<string, number>;
  /** normalized word -> occurrences */
  words: Map<string, number>;
  /** bare stems seen right after a person title (within two words) somewhere in the document */
  afterTitle: StemSet;
  /** second pass: bare stem -> type counts from the first pass (index into PASS_TYPES) */
  tagged?: Map<string, number[]>;
  /** a sports document (cfg.topic): at least 4 sports words, and at least 1 in 100 words */
  sport?: boolean;
  /** bare stems seen right after an organization head / a place head somewhere in the document */
  afterOrg?: StemSet;
  afterLoc?: StemSet;
  /** second pass with cfg.docPhrase: the first pass's whole multi-word entities (`phraseTags`) */
  phrases?: PhraseTags;
}

/** A set of bare stems as DocStats reads it (a Set, or DocStatsTally's counts of the stems present). */
export interface StemSet {
  has(stem: string): boolean;
}

export const PASS_TYPES = ['PER', 'LOC', 'ORG', 'MISC'];

export function docStats(sentences: readonly (readonly WordInfo[])[]): DocStats {
  const count = new Map<string, number>();
  const words = new Map<string, number>();
  const afterTitle = new Set<string>();
  const afterOrg = new Set<string>();
  const afterLoc = new Set<string>();
  let nWords = 0;
  let nSport = 0;
  for (const s of sentences) {
    for (let i = 0; i < s.length; i++) {
      const w = s[i];
      if (w.nonWord) continue;
      nWords++;
      if (w.sport) nSport++;
      count.set(w.bare, (count.get(w.bare) ?? 0) + 1);
      words.set(w.n, (words.get(w.n) ?? 0) + 1);
      if ((i > 0 && s[i - 1].personTrigger) || (i > 1 && s[i - 2].personTrigger && !s[i - 1].nonWord)) afterTitle.add(w.bare);
      if (i > 0 && s[i - 1].orgHead && !w.orgHead) afterOrg.add(w.bare);
      if (i > 0 && s[i - 1].locHead && !w.locHead) afterLoc.add(w.bare);
    }
  }
  const out: DocStats = { count, words, afterTitle, afterOrg, afterLoc };
  if (nSport >= 4 && nSport * 100 >= nWords) out.sport = true;
  return out;
}

/**
 * docStats kept up to date sentence by sentence (the tagger's document memo across edits): every statistic is a sum
 * over the sentences, so `add(s, -1)` takes back exactly what `add(s, 1)` put in. The sets are kept as counts (a stem
 * is in the set while its count is above 0; a count that falls to 0 is deleted, so the maps hold what docStats'
 * would). `stats()` gives a DocStats over the current sums that equals docStats of the same sentences (sharing the
 * maps: it stays current as sentences are added and taken back). While `track` is on, `changed` collects the bare
 * stems whose statistics an add touched and `changedTags` those whose tag counts an addTags touched (both cleared by
 * the caller).
 */
export class DocStatsTally {
  readonly count = new Map<string, number>();
  readonly words = new Map<string, number>();
  readonly afterTitle = new Map<string, number>();
  readonly afterOrg = new Map<string, number>();
  readonly afterLoc = new Map<string, number>();
  /** first-pass tag counts per bare stem (addPassTags' `tagged`, kept by `addTags`) */
  readonly tagged = new Map<string, number[]>();
  nWords = 0;
  nSport = 0;
  readonly changed = new Set<string>();
  /** bare stems whose first-pass tag counts an addTags touched (cleared by the caller) */
  readonly changedTags = new Set<string>();
  /** adds since the caller last cleared it that moved a word's `words` count between 0, 1 and 2 or more */
  wordClassChanges = 0;
  /** whether add and addTags fill `changed` and `changedTags` (a caller that reads neither for a fresh tally turns it off) */
  track = true;

  /** Add `sign` to m's count of k (deleted at 0); returns the new count. */
  private static bump(m: Map<string, number>, k: string, sign: number): number {
    const v = (m.get(k) ?? 0) + sign;
    if (v === 0) m.delete(k);
    else m.set(k, v);
    return v;
  }

  add(s: readonly WordInfo[], sign: 1 | -1): void {
    const bump = DocStatsTally.bump;
    for (let i = 0; i < s.length; i++) {
      const w = s[i];
      if (w.nonWord) continue;
      this.nWords += sign;
      if (w.sport) this.nSport += sign;
      if (this.track) this.changed.add(w.bare);
      bump(this.count, w.bare, sign);
      const v = bump(this.words, w.n, sign);
      // 0, 1, 2 or more: v - sign and v on either side of 1 or of 2
      if (v <= 2 && v - sign <= 2) this.wordClassChanges++;
      if ((i > 0 && s[i - 1].personTrigger) || (i > 1 && s[i - 2].personTrigger && !s[i - 1].nonWord)) bump(this.afterTitle, w.bare, sign);
      if (i > 0 && s[i - 1].orgHead && !w.orgHead) bump(this.afterOrg, w.bare, sign);
      if (i > 0 && s[i - 1].locHead && !w.locHead) bump(this.afterLoc, w.bare, sign);
    }
  }

  /** Add (sign 1) or take back (-1) a sentence's first-pass labels, as addPassTags counts them. */
  addTags(s: readonly WordInfo[], labels: readonly string[], sign: 1 | -1): void {
    for (let i = 0; i < s.length; i++) {
      if (labels[i] === 'O' || s[i].nonWord || s[i].nisba) continue;
      const t = PASS_TYPES.indexOf(labels[i].slice(2));
      if (t < 0) continue;
      const k = s[i].bare;
      if (this.track) this.changedTags.add(k);
      let a = this.tagged.get(k);
      if (!a) this.tagged.set(k, (a = [0, 0, 0, 0]));
      a[t] += sign;
      if (a[0] === 0 && a[1] === 0 && a[2] === 0 && a[3] === 0) this.tagged.delete(k);
    }
  }

  get sport(): boolean {
    return this.nSport >= 4 && this.nSport * 100 >= this.nWords;
  }

  /** The statistics as docStats gives them (without `tagged`: set it to `this.tagged` after the first pass). */
  stats(): DocStats {
    const out: DocStats = { count: this.count, words: this.words, afterTitle: this.afterTitle, afterOrg: this.afterOrg, afterLoc: this.afterLoc };
    if (this.sport) out.sport = true;
    return out;
  }
}

/** Record first-pass tags of a document's sentences into `stats.tagged`. */
export function addPassTags(stats: DocStats, sentences: readonly (readonly WordInfo[])[], labels: readonly (readonly string[])[], cfg?: FeatureConfig): void {
  if (cfg?.docPhrase) stats.phrases = phraseTags(sentences, labels);
  const tagged = new Map<string, number[]>();
  for (let k = 0; k < sentences.length; k++) {
    const s = sentences[k];
    const l = labels[k];
    for (let i = 0; i < s.length; i++) {
      if (l[i] === 'O' || s[i].nonWord || s[i].nisba) continue;
      const t = PASS_TYPES.indexOf(l[i].slice(2));
      if (t < 0) continue;
      let a = tagged.get(s[i].bare);
      if (!a) tagged.set(s[i].bare, (a = [0, 0, 0, 0]));
      a[t]++;
    }
  }
  stats.tagged = tagged;
}

/** Multi-word entities of a document: n-gram key (`phraseKey`) -> type counts (PASS_TYPES), and per first word
 * (bare stem) the longest length with it. */
export interface PhraseTags {
  keys: Map<string, number[]>;
  first: Map<string, number>;
}

/** Key of the n-gram ws[i, i + len): the first word's bare stem (clitics and article off), the others' normalized forms. */
function phraseKey(ws: readonly WordInfo[], i: number, len: number): string {
  let k = ws[i].bare;
  for (let j = 1; j < len; j++) k += ' ' + ws[i + j].n;
  return k;
}

/** The whole entities of 2-4 words (no punctuation inside) of a document's labels (IOB2 or BILOU), by type. */
export function phraseTags(sentences: readonly (readonly WordInfo[])[], labels: readonly (readonly string[])[]): PhraseTags {
  const keys = new Map<string, number[]>();
  const first = new Map<string, number>();
  for (let k = 0; k < sentences.length; k++) {
    const ws = sentences[k];
    const l = labels[k];
    let i = 0;
    while (i < ws.length) {
      const c = l[i].charCodeAt(0);
      // B- or U- (BILOU) starts a span
      if (c !== 66 && c !== 85) {
        i++;
        continue;
      }
      const type = l[i].slice(2);
      let j = i + 1;
      while (j < ws.length && (l[j].charCodeAt(0) === 73 || l[j].charCodeAt(0) === 76) && l[j].slice(2) === type) j++;
      const len = j - i;
      const t = PASS_TYPES.indexOf(type);
      let words = true;
      for (let x = i; x < j && words; x++) words = !ws[x].nonWord;
      if (len >= 2 && len <= 4 && t >= 0 && words) {
        const key = phraseKey(ws, i, len);
        let a = keys.get(key);
        if (!a) keys.set(key, (a = [0, 0, 0, 0]));
        a[t]++;
        const b = ws[i].bare;
        if ((first.get(b) ?? 0) < len) first.set(b, len);
      }
      i = j;
    }
  }
  return { keys, first };
}

/** The type index (PASS_TYPES) of a whole span of `labels` exactly at [i, e), else -1. */
function spanTypeAt(labels: readonly string[], i: number, e: number): number {
  const c = labels[i].charCodeAt(0);
  if (c !== 66 && c !== 85) return -1;
  const type = labels[i].slice(2);
  for (let x = i + 1; x < e; x++) {
    const d = labels[x].charCodeAt(0);
    if ((d !== 73 && d !== 76) || labels[x].slice(2) !== type) return -1;
  }
  if (e < labels.length) {
    const d = labels[e].charCodeAt(0);
    if ((d === 73 || d === 76) && labels[e].slice(2) === type) return -1;
  }
  return PASS_TYPES.indexOf(type);
}

/** The document's counts per type of the n-gram ws[i, i + len) (`phraseTags`), when its words are all words and it has any. */
function phraseAt(ws: readonly WordInfo[], i: number, len: number, ph: PhraseTags): number[] | undefined {
  for (let x = i + 1; x < i + len; x++) if (ws[x].nonWord) return undefined;
  return ph.keys.get(phraseKey(ws, i, len));
}

/**
 * Per token of a sentence, the code of its place in an n-gram the document's first pass tagged as one entity
 * (`phraseTags`; longest match first, left to right): 1 + 3 x type + position (0 first, 1 inside, 2 last), 0 none.
 * Undefined when no token has one. With `own` (the sentence's first-pass labels, cfg.phraseElsewhere) the sentence's
 * own span at the n-gram is left out of its counts (tagged elsewhere only).
 */
export function phraseCodes(ws: readonly WordInfo[], ph: PhraseTags | undefined, own?: readonly string[]): Uint8Array | undefined {
  if (!ph || ph.first.size === 0) return undefined;
  let out: Uint8Array | undefined;
  for (let i = 0; i + 1 < ws.length; i++) {
    if (ws[i].nonWord) continue;
    const max = ph.first.get(ws[i].bare);
    if (max === undefined) continue;
    for (let len = Math.min(max, ws.length - i); len >= 2; len--) {
      let a = phraseAt(ws, i, len, ph);
      if (!a) continue;
      const self = own ? spanTypeAt(own, i, i + len) : -1;
      if (self >= 0) {
        a = a.slice();
        a[self]--;
        if (a[0] + a[1] + a[2] + a[3] === 0) continue;
      }
      let best = 0;
      for (let t = 1; t < 4; t++) if (a[t] > a[best]) best = t;
      out ??= new Uint8Array(ws.length);
      for (let x = 0; x < len; x++) out[i + x] = 1 + 3 * best + (x === 0 ? 0 : x === len - 1 ? 2 : 1);
      i += len - 1;
      break;
    }
  }
  return out;
}

/**
 * cfg.phrasePost, after the second pass: where an n-gram of 2-4 words (`phraseKey`) is a whole predicted entity of
 * one type X wherever the document's IOB2 `labels` have it so (and of no other type), each other occurrence of it
 * that is untagged, or tagged only with shorter spans inside it, becomes that entity (labels changed in place). With
 * `partOnly` (cfg.phraseRepair) an untagged occurrence stays untagged.
 */
export function propagatePhrases(sentences: readonly (readonly WordInfo[])[], labels: string[][], partOnly = false): void {
  const ph = phraseTags(sentences, labels);
  if (ph.first.size === 0) return;
  for (let k = 0; k < sentences.length; k++) {
    const ws = sentences[k];
    const l = labels[k];
    for (let i = 0; i + 1 < ws.length; i++) {
      if (ws[i].nonWord) continue;
      const max = ph.first.get(ws[i].bare);
      if (max === undefined) continue;
      for (let len = Math.min(max, ws.length - i); len >= 2; len--) {
        const a = phraseAt(ws, i, len, ph);
        if (!a) continue;
        let t = -1;
        let types = 0;
        for (let y = 0; y < 4; y++) {
          if (a[y] > 0) {
            types++;
            t = y;
          }
        }
        const e = i + len;
        // one type only; no span crossing the n-gram's bounds
        if (types !== 1 || l[i].charCodeAt(0) === 73 || (e < ws.length && l[e].charCodeAt(0) === 73)) break;
        const X = PASS_TYPES[t];
        if (l[i] === 'B-' + X && (e === ws.length || l[e] !== 'I-' + X)) {
          let whole = true;
          for (let x = i + 1; x < e && whole; x++) whole = l[x] === 'I-' + X;
          if (whole) {
            i = e - 1;
            break;
          }
        }
        let tagged = false;
        for (let x = i; x < e && !tagged; x++) tagged = l[x] !== 'O';
        if (partOnly && !tagged) break;
        l[i] = 'B-' + X;
        for (let x = i + 1; x < e; x++) l[x] = 'I-' + X;
        i = e - 1;
        break;
      }
    }
  }
}

/**
 * Multi-word gazetteer marks for a sentence ('' where none). `from`: the first word with phraseKeys when the caller
 * knows it (the words before it can start no phrase, so the marks are the same).
 */
export function phraseMarks(ws: readonly WordInfo[], lex: ArabicLexicon, from = 0): string[] {
  const marks = new Array<string>(ws.length).fill('');
  for (let i = from; i < ws.length; i++) {
    if (ws[i].nonWord) continue;
    let best: { len: number; type: number } | undefined;
    for (const r of ws[i].phraseKeys) {
      const list = lex.phrases.get(r);
      if (!list) continue;
      for (const p of list) {
        if (best && p.toks.length <= best.len) break;
        if (i + p.toks.length > ws.length) continue;
        let ok = true;
        for (let j = 1; j < p.toks.length && ok; j++) ok = ws[i + j].n === p.toks[j];
        if (ok) best = { len: p.toks.length, type: p.type };
      }
    }
    if (best) {
      const t = GAZ_NAMES[Math.log2(best.type & -best.type)];
      marks[i] = 'gp=B' + t;
      for (let j = 1; j < best.len; j++) marks[i + j] = 'gp=I' + t;
      i += best.len - 1;
    }
  }
  return marks;
}

/**
 * The feature strings `dynamicFeatures` can give a token apart from the word pairs and the stacked pass labels, in a
 * fixed order: the tagger turns them into ids once per model (`dynamicFeatureCodes` then yields indices into this
 * list, no strings per token). Same strings as 'tP<' + n, 'gp=' + B/I + gazetteer, 'dc=' + n, 'd2=' + type,
 * 'tOc' + distance (+ 'd' for a definite word), 'dS=' + class and 'dSn=' + gender (sports documents), 'dO', 'dL'.
 */
const SPORT_CLASSES = ['P', 'U', 'O', 'o', 'E', 'M'];
/** prefix + one digit per size (each below its size), the last digit varying fastest */
function codes(prefix: string, ...sizes: number[]): string[] {
  return sizes.reduce<string[]>((acc, n) => acc.flatMap((p) => Array.from({ length: n }, (_, d) => p + d)), [prefix]);
}
const SPORT_NEXT = ['-', 'M', 'F', 'P'];
export const DYNAMIC_FEATURES: readonly string[] = [
  'tP<0', 'tP<1', 'tP<2', 'tP<3',
  'tPc', 'appT',
  ...GAZ_NAMES.map((g) => 'gp=B' + g), ...GAZ_NAMES.map((g) => 'gp=I' + g),
  'dc=0', 'dc=1', 'dc=2', 'dc=3', 'dT',
  'd2=O', 'd2=PER', 'd2=LOC', 'd2=ORG', 'd2=MISC',
  'tOc0', 'tOc1', 'tOc2', 'tOc3', 'tOc0d', 'tOc1d', 'tOc2d', 'tOc3d',
  ...SPORT_CLASSES.map((c) => 'dS=' + c), ...SPORT_NEXT.map((g) => 'dSn=' + g),
  'dO', 'dL',
  'q=1', 'q=F', 'q=I', 'q=L',
  'dl=1', 'dl=N',
  ...PASS_TYPES.flatMap((t) => ['d2c=' + t + '1', 'd2c=' + t + '2', 'd2c=' + t + '3']),
  ...['P', 'O', 'L'].flatMap((p) => SPORT_CLASSES.map((c) => 'cj=' + p + c)),
  ...SPORT_CLASSES.flatMap((c) => ['M', 'F', 'P'].map((g) => 'na=' + c + g)),
  ...codes('nC=', 4, NAME_CLASSES, NAME_CLASSES),
  ...codes('nK=', 4, NAME_CLASSES, NAME_CLASSES),
  ...codes('nW=', NAME_CLASSES, NAME_CLASSES),
  ...codes('nV=', NAME_CLASSES, NAME_CLASSES),
  ...codes('nR=', 5, 4),
  ...codes('nP=', NAME_CLASSES, NAME_CLASSES),
  ...codes('nN=', NAME_CLASSES, NAME_CLASSES),
  ...codes('nT=', NAME_CLASSES, NAME_CLASSES, NAME_CLASSES),
  ...PASS_TYPES.flatMap((t) => ['B', 'I', 'L'].map((p) => 'd2p=' + t + p)),
];
const C_TP = 0;
const C_TPC = 4;
const C_APPT = 5;
const C_GP = 6;
const C_DC = 6 + 2 * GAZ_NAMES.length;
const C_DT = C_DC + 4;
const C_D2 = C_DT + 1;
const C_OC = C_D2 + 5;
const C_OCD = C_OC + 4;
const C_DS = C_OCD + 4;
const C_DSN = C_DS + SPORT_CLASSES.length;
const C_DO = C_DSN + SPORT_NEXT.length;
const C_DL = C_DO + 1;
const C_Q = C_DL + 1;
const C_DLN = C_Q + 4;
const C_D2C = C_DLN + 2;
const C_CJ = C_D2C + 12;
const C_NA = C_CJ + 3 * SPORT_CLASSES.length;
const NC2 = NAME_CLASSES * NAME_CLASSES;
const C_NC = C_NA + 3 * SPORT_CLASSES.length;
const C_NK = C_NC + 4 * NC2;
const C_NW = C_NK + 4 * NC2;
const C_NV = C_NW + NC2;
const C_NR = C_NV + NC2;
const C_NP = C_NR + 20;
const C_NN = C_NP + NC2;
const C_NT = C_NN + NC2;
const C_D2P = C_NT + NC2 * NAME_CLASSES;
/** Most codes one token can get (a trigger, tPc, appT, a phrase mark, tOc, dS + dSn, dc, dT, dO, dL, d2; q, dl, d2c,
 * cj, na; nC, nK, nW, nV, nR, nP, nN, nT; d2p). */
export const MAX_DYNAMIC_CODES = 26;
/** index in SPORT_CLASSES of a sportF string ('dS=' + class) */
const SPORT_CLASS_INDEX = new Map<string, number>(SPORT_CLASSES.map((c, k) => ['dS=' + c, k]));
/** index (0 M, 1 F, 2 P) of a nationality adjective's sportPrevF string */
const NISBA_GENDER_INDEX = new Map<string, number>([['dSn=M', 0], ['dSn=F', 1], ['dSn=P', 2]]);

const isOpenQuote = (c: number) => c === 0xab || c === 0x201c || c === 0x22; // « “ "
const isCloseQuote = (c: number) => c === 0xbb || c === 0x201d || c === 0x22; // » ” "
const isDateSep = (n: string) => n === '-' || n === ':' || n === '--' || n === '\u2013';

/** A straight quote at j opens a quotation when an even number of straight quotes stands before it in the sentence. */
function opensAt(ws: readonly WordInfo[], j: number): boolean {
  const c = ws[j].n.charCodeAt(0);
  if (ws[j].n.length !== 1 || !isOpenQuote(c)) return false;
  if (c !== 0x22) return true;
  let k = 0;
  for (let x = 0; x < j; x++) if (ws[x].n === '"') k++;
  return k % 2 === 0;
}

/** Position code (0 alone, 1 first, 2 inner, 3 last) of word i inside a quotation of 1-4 words, else -1 (cfg.quotes). */
function quoteCode(ws: readonly WordInfo[], i: number): number {
  if (ws[i].nonWord) return -1;
  let a = -1;
  for (let j = i - 1; j >= 0 && j >= i - 4; j--) {
    if (ws[j].nonWord) {
      a = j;
      break;
    }
  }
  if (a < 0 || !opensAt(ws, a)) return -1;
  let b = -1;
  for (let j = i + 1; j < ws.length && j <= a + 5; j++) {
    if (ws[j].nonWord) {
      b = j;
      break;
    }
  }
  if (b < 0 || ws[b].n.length !== 1 || !isCloseQuote(ws[b].n.charCodeAt(0))) return -1;
  if (ws[a].n === '"' && ws[b].n !== '"') return -1;
  return b - a === 2 ? 0 : i === a + 1 ? 1 : i === b - 1 ? 3 : 2;
}

/** Dateline code of word i (cfg.dateline): 1 when it is the only word of the sentence's dateline, 2 one of 2-5, else 0. */
function datelineCode(ws: readonly WordInfo[], i: number): number {
  if (i > 5 || ws[i].nonWord) return 0;
  const n = ws.length;
  let s = 0;
  if (n > 0 && ws[0].n.length === 1 && isOpenQuote(ws[0].n.charCodeAt(0))) s = 1;
  let k = s;
  while (k < n && k < s + 5 && !ws[k].nonWord) k++;
  if (k === s || k >= n || i < s || i >= k) return 0;
  let j = k;
  if (s === 1) {
    // « … » then the separator
    if (ws[j].n.length !== 1 || !isCloseQuote(ws[j].n.charCodeAt(0))) return 0;
    j++;
  } else if (ws[j].n === '(') {
    // 'بغداد ( أ ف ب ) -'
    while (j < n && j < k + 6 && ws[j].n !== ')') j++;
    if (j >= n || ws[j].n !== ')') return 0;
    j++;
  }
  if (j >= n || !isDateSep(ws[j].n)) return 0;
  return k - s === 1 ? 1 : 2;
}
const CODES = new Int32Array(MAX_DYNAMIC_CODES);
const MARK_CODE = new Map<string, number>(DYNAMIC_FEATURES.slice(C_GP, C_DC).map((f, k) => [f, C_GP + k]));
const SPORT_CODE = new Map<string, number>(DYNAMIC_FEATURES.slice(C_DS, C_DO).map((f, k) => [f, C_DS + k]));
/** The code of a word's sports feature string ('dS=…', 'dSn=…'). */
function sportCode(f: string): number {
  const c = SPORT_CODE.get(f);
  if (c === undefined) throw new Error('unknown sports feature ' + f);
  return c;
}

/**
 * The features of token i that depend on its neighbours, the phrase marks and the document. With `skipPairs` the
 * word-pair features (cfg.pairs: 'pw=', 'wn=', 'pp=') are left out: the tagger adds those from its pair table.
 * Order: stacked pass labels, pairs, then the `dynamicFeatureCodes` features.
 */
export function dynamicFeatures(ws: readonly WordInfo[], i: number, cfg: FeatureConfig, marks: readonly string[] | undefined, doc: DocStats | undefined, pass?: readonly string[], skipPairs = false, pm?: Uint8Array): string[] {
  const out: string[] = [];
  if (pass && cfg.stack) out.push(...stackFeatures(pass, i));
  const w = ws[i];
  if (cfg.pairs && !skipPairs) {
    out.push('pw=' + (i > 0 ? ws[i - 1].n : '<s>') + ' ' + w.n);
    out.push('wn=' + w.n + ' ' + (i + 1 < ws.length ? ws[i + 1].n : '</s>'));
    if (i > 1) out.push('pp=' + ws[i - 2].n + ' ' + ws[i - 1].n);
  }
  const k = dynamicFeatureCodes(ws, i, cfg, marks, docSignatureCode(w, cfg, doc) + (pm ? PHRASE_SIG * pm[i] : 0), CODES);
  for (let a = 0; a < k; a++) out.push(DYNAMIC_FEATURES[CODES[a]]);
  return out;
}

/** Second pass with cfg.stack: the first pass's labels of token i and its neighbours. */
export function stackFeatures(pass: readonly string[], i: number): string[] {
  const a = i > 0 ? pass[i - 1] : '<s>';
  const b = i + 1 < pass.length ? pass[i + 1] : '</s>';
  return ['q0=' + pass[i], 'q-1=' + a, 'q+1=' + b, 'q3=' + a + pass[i] + b];
}

/**
 * The trigger, phrase-mark and document features of token i as indices into DYNAMIC_FEATURES, written to `out` from
 * 0 in feature order; returns how many. `docCode` is `docSignatureCode` of the token (it decides the document
 * features) plus, with cfg.docPhrase, PHRASE_SIG x the token's phrase code (`phraseCodes`; bits from 2048 up). No
 * allocation: the tagger's hot path.
 */
export function dynamicFeatureCodes(ws: readonly WordInfo[], i: number, cfg: FeatureConfig, marks: readonly string[] | undefined, docCode: number, out: Int32Array): number {
  let k = 0;
  const w = ws[i];
  if (cfg.triggers) {
    for (let j = i - 1; j >= 0 && j >= i - 4; j--) {
      if (ws[j].nonWord) break;
      if (ws[j].personTrigger) {
        out[k++] = C_TP + Math.min(i - j, 3);
        break;
      }
    }
    if (!w.nonWord && i > 0 && ws[i - 1].definite && !w.definite) {
      // a title with its definite complements before the name: 'أمين عام مجلس الأمن الروسي نيقولاي …'
      for (let j = i - 1; j >= 0 && j >= i - 7; j--) {
        const x = ws[j];
        if (x.personTrigger) {
          out[k++] = C_TPC;
          break;
        }
        if (x.nonWord) break;
      }
    }
    if (!w.nonWord) {
      // apposition: 'عقيلة صالح عيسى، رئيس مجلس النواب' — a short run of words closed by a comma and a title
      for (let j = i + 1; j < ws.length && j <= i + 4; j++) {
        if (!ws[j].nonWord) continue;
        if (ws[j].comma && j + 1 < ws.length && ws[j + 1].personTrigger) out[k++] = C_APPT;
        break;
      }
    }
  }
  if (marks && marks[i]) {
    const c = MARK_CODE.get(marks[i]);
    if (c === undefined) throw new Error('unknown phrase mark ' + marks[i]);
    out[k++] = c;
  }
  if (cfg.orgs && !w.nonWord && i > 0 && !w.orgHead) {
    // inside the complement chain of an organization head: 'البنك التجاري', 'مصرف قطر المركزي', 'وزارة الخارجية'
    for (let j = i - 1; j >= 0 && j >= i - 3; j--) {
      const x = ws[j];
      if (x.nonWord || x.personTrigger) break;
      if (x.orgHead) {
        out[k++] = (w.definite ? C_OCD : C_OC) + Math.min(i - j, 3);
        break;
      }
    }
  }
  if (docCode & 64 && cfg.topic && w.sportF) {
    // a sports document (docSignatureCode bit 64): the word's class, and the gender of a nationality adjective after it
    out[k++] = sportCode(w.sportF);
    out[k++] = sportCode(i + 1 < ws.length ? ws[i + 1].sportPrevF ?? 'dSn=-' : 'dSn=-');
  }
  if (cfg.quotes) {
    const q = quoteCode(ws, i);
    if (q >= 0) out[k++] = C_Q + q;
  }
  if (cfg.dateline) {
    const d = datelineCode(ws, i);
    if (d) out[k++] = C_DLN + d - 1;
  }
  if (cfg.conj && w.sportF && i > 0) {
    const p = ws[i - 1];
    const pk = p.personTrigger ? 0 : p.orgHead ? 1 : p.locHead ? 2 : -1;
    const ci = SPORT_CLASS_INDEX.get(w.sportF)!;
    if (pk >= 0) out[k++] = C_CJ + pk * SPORT_CLASSES.length + ci;
    if (!(docCode & 64) && i + 1 < ws.length && ws[i + 1].nisba) {
      const g = NISBA_GENDER_INDEX.get(ws[i + 1].sportPrevF ?? '');
      if (g !== undefined) out[k++] = C_NA + 3 * ci + g;
    }
  }
  if (w.nc !== undefined) k = nameCodes(ws, i, cfg, out, k);
  if (docCode & 3) out[k++] = C_DC + (docCode & 3);
  if (docCode & 4) out[k++] = C_DT;
  if (docCode & 128) out[k++] = C_DO;
  if (docCode & 256) out[k++] = C_DL;
  const d2 = (docCode >> 3) & 7;
  if (d2) out[k++] = C_D2 + d2 - 1;
  const pc = (docCode >> 9) & 3;
  if (pc && d2 >= 2) out[k++] = C_D2C + 3 * (d2 - 2) + pc - 1;
  const pp = docCode >> 11;
  if (pp) out[k++] = C_D2P + pp - 1;
  return k;
}

/** Name class of word j of the sentence, 7 outside it. */
const ncAt = (ws: readonly WordInfo[], j: number): number => (j < 0 || j >= ws.length ? 7 : ws[j].nc!);
/** A name-like class: given or rare name, training-text name word, unseen word, connector. */
const nameLike = (c: number): boolean => (c >= 1 && c <= 4) || c === 6;
/** 'وX' whose X is a name while the whole word is not: a new name starts there (a run of name-like words breaks). */
const startsByWaw = (w: WordInfo): boolean => w.ncc! >= 1 && w.ncc! <= 3 && !(w.nc! >= 1 && w.nc! <= 3);

/** The sixth round's name-boundary codes of token i (cfg.nameConn / nameRun / namePair / nameTriple; WordInfo.nc set). */
function nameCodes(ws: readonly WordInfo[], i: number, cfg: FeatureConfig, out: Int32Array, k: number): number {
  const w = ws[i];
  const c = w.nc!;
  if (cfg.nameConn) {
    if (i > 0 && ws[i - 1].nc === 6) out[k++] = C_NC + NC2 * NAME_CONNECTORS.get(ws[i - 1].n)! + NAME_CLASSES * ncAt(ws, i - 2) + c;
    if (c === 6) out[k++] = C_NK + NC2 * NAME_CONNECTORS.get(w.n)! + NAME_CLASSES * ncAt(ws, i - 1) + ncAt(ws, i + 1);
    if (w.ncc! >= 0) out[k++] = C_NW + NAME_CLASSES * ncAt(ws, i - 1) + w.ncc!;
    if (i > 0 && (ws[i - 1].n === 'و' || ws[i - 1].n === 'او')) out[k++] = C_NV + NAME_CLASSES * ncAt(ws, i - 2) + c;
  }
  if (cfg.nameRun && nameLike(c)) {
    let a = i;
    while (a > 0 && i - a < 8 && nameLike(ws[a - 1].nc!) && !startsByWaw(ws[a])) a--;
    let b = i;
    while (b + 1 < ws.length && b - i < 8 && nameLike(ws[b + 1].nc!) && !startsByWaw(ws[b + 1])) b++;
    const pos = a === b ? 0 : i === a ? 1 : i === b ? 3 : 2;
    out[k++] = C_NR + 4 * (Math.min(b - a + 1, 5) - 1) + pos;
  }
  if (cfg.namePair) {
    out[k++] = C_NP + NAME_CLASSES * ncAt(ws, i - 1) + c;
    out[k++] = C_NN + NAME_CLASSES * c + ncAt(ws, i + 1);
  }
  if (cfg.nameTriple) out[k++] = C_NT + NC2 * ncAt(ws, i - 1) + NAME_CLASSES * c + ncAt(ws, i + 1);
  return k;
}

/**
 * The document features `dynamicFeatures` gives word w as one small number: 'dc=' bucket (1-3, 0 = none) + 4 x 'dT'
 * + 8 x d2 (0 = none, 1 = 'd2=O', 2-5 = 'd2=' PER/LOC/ORG/MISC) + 64 for a sports document (cfg.topic: 'dS=',
 * 'dSn=') + 128 x 'dO' + 256 x 'dL' (cfg.docHeads). With the words of a sentence (and the stage and pass tags) it
 * keys the tagger's cache of decoded sentences, and `dynamicFeatureCodes` reads the features from it.
 */
export function docSignatureCode(w: WordInfo, cfg: FeatureConfig, doc: DocStats | undefined): number {
  let code = 0;
  if (doc && cfg.document && !w.nonWord) {
    const c = doc.count.get(w.bare) ?? 0;
    code = c <= 1 ? 1 : c <= 3 ? 2 : 3;
    if (doc.afterTitle.has(w.bare)) code += 4;
  }
  code += taggedCode(w, doc, cfg);
  if (doc?.sport && cfg.topic) code += 64;
  if (doc && cfg.document && cfg.docHeads && !w.nonWord) {
    if (doc.afterOrg?.has(w.bare)) code += 128;
    if (doc.afterLoc?.has(w.bare)) code += 256;
  }
  return code;
}

/**
 * The part of `docSignatureCode` that reads the first-pass tags (`doc.tagged`): 8 x d2, 0 without them. The rest of
 * the code does not depend on them, so with them the code is the code without them plus this (the tagger's second
 * stage reads it off the first stage's).
 */
export function taggedCode(w: WordInfo, doc: DocStats | undefined, cfg?: FeatureConfig): number {
  if (!doc?.tagged || w.nonWord || w.nisba) return 0;
  const a = doc.tagged.get(w.bare);
  let d2 = 1;
  let conf = 0;
  if (a) {
    let best = 0;
    for (let t = 1; t < 4; t++) if (a[t] > a[best]) best = t;
    d2 = best + 2;
    if (cfg?.passConf) {
      // 512 x (1: tagged once and occurring once, 2: every occurrence tagged with that type, 3: mixed or partly O)
      const total = a[0] + a[1] + a[2] + a[3];
      const cnt = doc.count.get(w.bare) ?? 0;
      conf = total === 1 && cnt <= 1 ? 1 : a[best] === total && total >= cnt ? 2 : 3;
    }
  }
  return 8 * d2 + 512 * conf;
}

/** The factor of a token's `phraseCodes` code in its signature (above docSignatureCode's bits, below 2^16 in the key). */
export const PHRASE_SIG = 2048;

/** `docSignatureCode` as one character. */
export function docSignature(w: WordInfo, cfg: FeatureConfig, doc: DocStats | undefined): string {
  return String.fromCharCode(48 + docSignatureCode(w, cfg, doc));
}

/** All feature strings of a sentence (training and evaluation; the tagger uses the cached-id path). */
export function sentenceFeatures(ws: readonly WordInfo[], cfg: FeatureConfig, lex: ArabicLexicon, doc: DocStats | undefined, pass?: readonly string[]): string[][] {
  const marks = cfg.gazetteer ? phraseMarks(ws, lex) : undefined;
  const pm = cfg.docPhrase ? phraseCodes(ws, doc?.phrases, cfg.phraseElsewhere ? pass : undefined) : undefined;
  const out: string[][] = [];
  for (let i = 0; i < ws.length; i++) {
    const fs = ['bias', ...ws[i].own];
    for (const r of OFFSETS) {
      if (!cfg.context2 && (r === -2 || r === 2)) continue;
      const j = i + r;
      if (j < 0) fs.push(r + '|<s>');
      else if (j >= ws.length) fs.push(r + '|</s>');
      else for (const f of ws[j].ctx) fs.push(r + '|' + f);
    }
    for (const f of dynamicFeatures(ws, i, cfg, marks, doc, pass, false, pm)) fs.push(f);
    out.push(fs);
  }
  return out;
}
