/**
 * Features of the English tagger. A token's features are strings (`w=lavrov`, `shape=Xx`, `gz=LOC:B`…) that the
 * learner maps to weights. Trained on GUM (75k tokens), where more than half of the entity words of new text were
 * never seen, so besides the word itself most features GENERALIZE:
 * - shape and case: Xx / X / X.X. / x-x…, sentence-initial, a capitalized word whose lower-case form is a known
 *   common word ("Foreign", "Minister") vs one never seen in lower case ("Haftar"), and the same question asked of
 *   the document itself (a capitalized word that the same text also writes in lower case is rarely a name);
 * - in all-caps or title-case lines (headlines), case says nothing: the features read the folded word instead;
 * - context: neighbouring words, their shapes, two words to the left for title triggers (Foreign Minister X,
 *   Field Marshal X, Mr. X, Gen. X, spokesman for X), prepositions before places (in, at, from, to);
 * - gazetteers (see `EnglishLexicon`): given names by frequency, countries, cities by population, international
 *   organizations, demonyms; matched as token sequences (longest first), case-sensitive for acronyms;
 * - keywords inside names: University, Ministry, Council, Party… (organizations), River, Island, Street…
 *   (places).
 * Which groups are on is a `FeatureConfig`, so that the training script can measure each (the ablation table in
 * docs/ner.md).
 */
import type { EnToken } from '../text/english';

export interface FeatureConfig {
  /** Word, lower-cased word, affixes. */
  word: boolean;
  /** Shape, case, sentence-initial, known-lower-case lexicon, document case. */
  shape: boolean;
  /** Neighbouring words and shapes (±2). */
  context: boolean;
  /** Gazetteers (given names, countries, cities, organizations, demonyms). */
  gazetteer: boolean;
  /** Title triggers and name-internal keywords. */
  triggers: boolean;
  /** Document evidence about the same word elsewhere: after a title, after a place preposition, inside an
   *  organization name, capitalized mid-sentence, after a given name (absent in older models: off). */
  document?: boolean;
}

export const FULL_FEATURES: FeatureConfig = { word: true, shape: true, context: true, gazetteer: true, triggers: true, document: true };

/** The data of the English gazetteer file (`models/gazetteer-en.json`). */
export interface EnglishGazetteerData {
  /** Given names (as written) -> frequency bucket 1 (rare) … 4 (very common). */
  given: Record<string, number>;
  /** Person-name tokens (given names and surnames, lower case) -> bucket 1 (2–4 Wikidata names) … 3 (>= 20). */
  nameTokens?: Record<string, number>;
  /** Word classes of single words (lower case) from a general English lexicon: V, A, N, R (adverb), F (function
   *  word), PER, LOC, ORG, ROLE, DEM (demonym). */
  classes?: Record<string, string>;
  /** Country names and common short forms. */
  countries: string[];
  /** City names -> population bucket 1 (< 100k) … 3 (>= 1M). */
  places: Record<string, number>;
  /** Organization names and abbreviations. */
  organizations: string[];
  /** Demonyms / nationality adjectives (Russian, Libyan). */
  demonyms: string[];
}

const enum Kind {
  Country = 'C',
  Place = 'P',
  Org = 'O',
}

interface TrieNode {
  /** Absent on a leaf (most nodes: one empty Map each would be ~40% of the lexicon's memory). */
  next?: Map<string, TrieNode>;
  kinds: string;
}

/** A node of the gazetteer trie, as `firstNode` gives it to a caller that keeps it per word form. */
export type GazetteerNode = Readonly<TrieNode>;

/** The gazetteers, indexed for matching token sequences. Built once per process from the JSON data. */
export class EnglishLexicon {
  readonly given: ReadonlyMap<string, number>;
  readonly placeBucket: ReadonlyMap<string, number>;
  readonly demonyms: ReadonlySet<string>;
  readonly nameTokens: ReadonlyMap<string, number>;
  readonly classes: ReadonlyMap<string, string>;
  /** Lower-case words the training text writes in lower case (common words). */
  readonly lower: ReadonlySet<string>;
  private readonly root: TrieNode = { next: new Map(), kinds: '' };

  constructor(data: EnglishGazetteerData, lowerWords: readonly string[] = []) {
    this.given = new Map(Object.entries(data.given).map(([k, v]) => [k.toLowerCase(), v]));
    this.placeBucket = new Map(Object.entries(data.places).map(([k, v]) => [k.toLowerCase(), v]));
    this.demonyms = new Set(data.demonyms.map((d) => d.toLowerCase()));
    this.nameTokens = new Map(Object.entries(data.nameTokens ?? {}));
    this.classes = new Map(Object.entries(data.classes ?? {}));
    const common = new Set(lowerWords);
    for (const [w, c] of this.classes) if (c === 'V' || c === 'A' || c === 'N' || c === 'R' || c === 'F') common.add(w);
    this.lower = common;
    for (const c of data.countries) this.add(c, Kind.Country);
    for (const p of Object.keys(data.places)) this.add(p, Kind.Place);
    for (const o of data.organizations) this.add(o, Kind.Org);
  }

  /** Whether `w` is an acronym the gazetteer lists as written (UN, NATO, WHO). */
  isAcronym(w: string): boolean {
    return this.root.next!.has('=' + w);
  }

  private add(name: string, kind: string): void {
    const parts = name.match(/[\p{L}\p{M}\p{N}]+|[^\s\p{L}\p{M}\p{N}]/gu);
    if (!parts || parts.length === 0 || parts.length > 8) return;
    // Acronyms (WHO, UN) match only as written; other names case-folded.
    const acronym = parts.length === 1 && /^[\p{Lu}\p{N}]{2,6}$/u.test(parts[0]);
    let node = this.root;
    for (const p of parts) {
      const key = acronym ? '=' + p : p.toLowerCase();
      node.next ??= new Map();
      let nx = node.next.get(key);
      if (!nx) {
        nx = { next: undefined, kinds: '' };
        node.next.set(key, nx);
      }
      node = nx;
    }
    if (!node.kinds.includes(kind)) node.kinds += kind;
  }

  /**
   * Longest gazetteer matches over a token sequence that start on a capitalized token: for each token the kinds
   * and whether it begins ('B') or continues ('I') a match. `keys` are the tokens' words without dots.
   */
  match(words: readonly string[], caps: readonly boolean[]): (string | undefined)[] {
    const n = words.length;
    const eq = new Array<string>(n);
    const low = new Array<string>(n);
    for (let k = 0; k < n; k++) {
      eq[k] = '=' + words[k];
      low[k] = words[k].toLowerCase();
    }
    const kinds = new Array<string | undefined>(n);
    const begin = new Uint8Array(n);
    this.matchKeys(eq, low, caps, n, kinds, begin);
    const out: (string | undefined)[] = new Array(n);
    for (let k = 0; k < n; k++) if (kinds[k] !== undefined) out[k] = (begin[k] ? 'B' : 'I') + kinds[k];
    return out;
  }

  /** The trie's first level: key ('=' + an acronym as written, else a lower-cased word) -> node (see `firstNode`). */
  forEachFirst(fn: (node: GazetteerNode, key: string) => void): void {
    this.root.next!.forEach(fn);
  }

  get firstCount(): number {
    return this.root.next!.size;
  }

  /** The trie node a match starting on a token with keys `eq`, `low` (see `matchKeys`) enters first, or null. */
  firstNode(eq: string, low: string): GazetteerNode | null {
    return this.root.next!.get(eq) ?? this.root.next!.get(low) ?? null;
  }

  /**
   * `match` on keys the caller prepared (the tagger keeps them per word form): `eq[k]` is '=' + the word, `low[k]`
   * the word lower-cased, for the first `n` tokens. Writes each token's kinds (undefined outside a match) and
   * whether it begins its match into `kinds` and `begin`. No allocation. `first`, when given, holds
   * `firstNode(eq[k], low[k])` for every capitalized token k (the caller keeps it per word form too).
   */
  matchKeys(eq: readonly string[], low: readonly string[], caps: ArrayLike<boolean | number>, n: number, kinds: (string | undefined)[], begin: Uint8Array, first?: readonly (GazetteerNode | null | undefined)[]): void {
    for (let k = 0; k < n; k++) kinds[k] = undefined;
    let i = 0;
    while (i < n) {
      if (!caps[i]) {
        i++;
        continue;
      }
      let node: TrieNode | undefined = this.root;
      let best = -1;
      let bestKinds = '';
      for (let j = i; j < n && node; j++) {
        const next: Map<string, TrieNode> | undefined = node.next;
        if (next === undefined) break;
        const nx: TrieNode | null | undefined = j === i && first ? first[i] : (next.get(eq[j]) ?? next.get(low[j]));
        if (!nx) break;
        node = nx;
        if (node.kinds && (caps[j] || j > i)) {
          best = j;
          bestKinds = node.kinds;
        }
      }
      if (best < 0) {
        i++;
        continue;
      }
      // A multi-word match must end on a capitalized token (not "Libya and").
      while (best > i && !caps[best]) best--;
      for (let k = i; k <= best; k++) {
        kinds[k] = bestKinds;
        begin[k] = k === i ? 1 : 0;
      }
      i = best + 1;
    }
  }
}

/** Words that stand before a person's name (lower case, no dot). */
export const PERSON_TITLES: ReadonlySet<string> = new Set([
  'mr', 'mrs', 'ms', 'miss', 'dr', 'prof', 'professor', 'gen', 'general', 'lt', 'col', 'colonel', 'maj', 'major',
  'capt', 'captain', 'sgt', 'sergeant', 'adm', 'admiral', 'marshal', 'sen', 'senator', 'rep', 'representative',
  'gov', 'governor', 'president', 'minister', 'secretary', 'ambassador', 'envoy', 'king', 'queen', 'prince',
  'princess', 'sheikh', 'emir', 'sultan', 'pope', 'rev', 'reverend', 'father', 'sister', 'brother', 'judge',
  'justice', 'chancellor', 'premier', 'mayor', 'spokesman', 'spokeswoman', 'spokesperson', 'chairman', 'chairwoman',
  'commander', 'chief', 'director', 'leader', 'speaker', 'deputy', 'coach', 'officer', 'lord', 'lady', 'sir', 'dame',
  'saint', 'st', 'mother', 'uncle', 'aunt', 'actor', 'actress', 'singer', 'author', 'writer', 'player', 'candidate',
  'head', 'founder', 'ceo', 'manager', 'editor', 'president-elect', 'vice', 'dean', 'mufti', 'imam', 'ayatollah',
]);

/** Words inside organization names. */
export const ORG_WORDS: ReadonlySet<string> = new Set([
  'university', 'college', 'institute', 'school', 'academy', 'ministry', 'department', 'council', 'committee',
  'commission', 'party', 'parliament', 'congress', 'senate', 'assembly', 'house', 'agency', 'bureau', 'office',
  'company', 'corporation', 'corp', 'inc', 'ltd', 'llc', 'group', 'bank', 'association', 'society', 'union',
  'federation', 'foundation', 'organization', 'organisation', 'army', 'navy', 'force', 'forces', 'police', 'court',
  'club', 'team', 'news', 'times', 'post', 'press', 'journal', 'network', 'church', 'board', 'authority', 'league',
  'museum', 'library', 'hospital', 'airlines', 'airways', 'fund', 'trust', 'center', 'centre', 'service', 'services',
  'government', 'administration', 'movement', 'front', 'brigade', 'industries', 'laboratory', 'lab', 'studios',
  'records', 'entertainment', 'media', 'broadcasting', 'nations', 'telegraph', 'herald', 'tribune', 'gazette',
]);

/** Words inside place names. */
export const LOC_WORDS: ReadonlySet<string> = new Set([
  'river', 'lake', 'mountain', 'mountains', 'mount', 'mt', 'island', 'islands', 'bay', 'sea', 'ocean', 'gulf',
  'valley', 'street', 'st', 'road', 'avenue', 'ave', 'square', 'park', 'bridge', 'city', 'county', 'province',
  'state', 'region', 'district', 'peninsula', 'desert', 'coast', 'beach', 'canyon', 'falls', 'hill', 'hills',
  'airport', 'station', 'port', 'harbour', 'harbor', 'strait', 'cape', 'forest', 'canal', 'village', 'town',
  'north', 'south', 'east', 'west', 'northern', 'southern', 'eastern', 'western', 'central', 'upper', 'lower',
  'new', 'san', 'santa', 'fort', 'palace', 'castle', 'cathedral', 'temple', 'tower', 'hall', 'stadium', 'plaza',
]);

/** Nouns that stand before the name of a medium: 'the newspaper Izvestia', 'the agency Interfax'. */
export const MEDIA_NOUNS: ReadonlySet<string> = new Set(['newspaper', 'daily', 'weekly', 'magazine', 'paper', 'tabloid', 'broadcaster', 'channel', 'agency', 'network', 'station', 'website', 'outlet', 'journal', 'publisher', 'newsletter']);

/** Prepositions that often stand before a place. */
export const LOC_PREPS: ReadonlySet<string> = new Set(['in', 'at', 'from', 'to', 'near', 'into', 'across', 'outside', 'inside', 'toward', 'towards', 'via', 'through']);

/** The shape of a word: runs of X (upper), x (lower), d (digit), other characters kept; at most 2 of a run. */
export function wordShape(w: string): string {
  let out = '';
  let last = '';
  let run = 0;
  for (let i = 0; i < w.length && out.length < 12; i++) {
    const c = w.charCodeAt(i);
    let k: string;
    if (c >= 65 && c <= 90) k = 'X';
    else if (c >= 97 && c <= 122) k = 'x';
    else if (c >= 48 && c <= 57) k = 'd';
    else if (c >= 0x600 && c <= 0x6ff) k = 'a';
    else if (c >= 0xc0 && c <= 0x24f) k = w[i] === w[i].toUpperCase() ? 'X' : 'x';
    else k = w[i];
    if (k === last) {
      run++;
      if (run >= 2) continue;
    } else run = 0;
    last = k;
    out += k;
  }
  return out;
}

/** Whether `w` starts with a capital (A-Z, À-Þ but ×). */
export function isCap(w: string): boolean {
  const c = w.charCodeAt(0);
  return (c >= 65 && c <= 90) || (c >= 0xc0 && c <= 0xde && c !== 0xd7);
}

/** Whether `w` starts with a lower-case letter (a-z, ß-ÿ but ÷). */
export function isLowerWord(w: string): boolean {
  const c = w.charCodeAt(0);
  return (c >= 97 && c <= 122) || (c >= 0xdf && c <= 0xff && c !== 0xf7);
}

/**
 * Truecasing for lines where case says nothing (all caps, title case): a word the lexicon knows as a common
 * lower-case word (and not as a given name or a city) is lowered, any other all-caps word becomes Titlecase —
 * except acronyms the gazetteer lists (UN, NATO) and dotted ones (U.N.). The tagger then reads the line as
 * ordinary prose, which is what it was trained on. Offsets are untouched: only the feature words change.
 */
export function restoreCase(words: readonly string[], lex: EnglishLexicon): string[] {
  return words.map((w, i) => restoreWord(w, i === 0, lex));
}

/** `restoreCase` of one word (`first`: it starts the line). */
export function restoreWord(w: string, first: boolean, lex: EnglishLexicon): string {
  const low = w.toLowerCase();
  if (low === w) return w;
  const key = w.length > 1 && w.endsWith('.') ? low.slice(0, -1) : low;
  if (lex.lower.has(key) && !lex.given.has(key) && !lex.placeBucket.has(key) && !lex.nameTokens.has(key)) return first ? w[0] + low.slice(1) : low;
  if (/\p{Lu}\./u.test(w) || lex.isAcronym(w)) return w;
  return w[0] + low.slice(1);
}

/**
 * Per-document information some features read: the lower-case words the document uses, and for capitalized words
 * where else they stand in the document — after a person title ('Mr. Haftar' makes every 'Haftar' likelier a
 * person), after a place preposition ('in Coron'), after a known given name ('Sergei Shoigu'), in a capitalized run
 * with an organization keyword ('Harrow School'), and capitalized in mid-sentence (not only at sentence starts).
 * One linear pass over the document's tokens, no model: the cheap half of a second, document-level stage.
 */
export interface DocumentContext {
  lowerWords: ReadonlySet<string>;
  afterTitle?: ReadonlySet<string>;
  afterPrep?: ReadonlySet<string>;
  afterGiven?: ReadonlySet<string>;
  inOrg?: ReadonlySet<string>;
  midCap?: ReadonlySet<string>;
}

export const SENT_END: ReadonlySet<string> = new Set(['.', '!', '?', '"', '“', '”', ':', ';', '—', '–', '-', '(', "'", '‘', '’']);

/** The document context of a token list (see `DocumentContext`); `lex` enables the word-position evidence. */
export function documentContext(tokens: readonly { text: string }[], lex?: EnglishLexicon): DocumentContext {
  const lowerWords = new Set<string>();
  for (const t of tokens) if (isLowerWord(t.text)) lowerWords.add(t.text);
  if (!lex) return { lowerWords };
  const afterTitle = new Set<string>();
  const afterPrep = new Set<string>();
  const afterGiven = new Set<string>();
  const inOrg = new Set<string>();
  const midCap = new Set<string>();
  let runStart = -1;
  for (let i = 0; i <= tokens.length; i++) {
    const w = i < tokens.length ? tokens[i].text : '';
    const cap = w !== '' && isCap(w);
    if (cap && runStart < 0) runStart = i;
    if (!cap && runStart >= 0) {
      // A capitalized run (joined by of/the/for/and) with an organization keyword: its words are in an org name.
      const lw = w.toLowerCase();
      if (i < tokens.length && (lw === 'of' || lw === 'the' || lw === 'for' || lw === 'and' || lw === '&') && i + 1 < tokens.length && isCap(tokens[i + 1].text)) continue;
      let org = false;
      for (let j = runStart; j < i; j++) if (ORG_WORDS.has(tokens[j].text.toLowerCase())) org = true;
      if (org) for (let j = runStart; j < i; j++) if (isCap(tokens[j].text) && !ORG_WORDS.has(tokens[j].text.toLowerCase())) inOrg.add(tokens[j].text.toLowerCase());
      runStart = -1;
    }
    if (!cap) continue;
    const k = w.toLowerCase();
    const prev = i > 0 ? tokens[i - 1].text : '';
    const pk = prev.toLowerCase().replace(/\.$/, '');
    if (i > 0 && !SENT_END.has(prev)) midCap.add(k);
    if (isCap(prev) && PERSON_TITLES.has(pk)) afterTitle.add(k);
    if (LOC_PREPS.has(prev)) afterPrep.add(k);
    if (isCap(prev) && lex.given.has(pk) && !lex.lower.has(pk)) afterGiven.add(k);
  }
  return { lowerWords, afterTitle, afterPrep, afterGiven, inOrg, midCap };
}

const NUM = /^\d/;

type CaseMode = 'upper' | 'title' | 'normal';

export interface WordInfo {
  low: string;
  key: string;
  cap: boolean;
  shape: string;
}

export function wordInfo(w: string, caseMode: CaseMode, lex: EnglishLexicon): WordInfo {
  const low0 = w.toLowerCase();
  const low = NUM.test(w) ? '<num>' : low0;
  const key = w.length > 1 && w.endsWith('.') ? w.slice(0, -1) : w;
  let cap = isCap(w);
  if (caseMode !== 'normal' && cap) {
    // Folded line: a word the training text writes in lower case is taken as a common word.
    const k = key.toLowerCase();
    if (lex.lower.has(k) && !lex.given.has(k) && !lex.placeBucket.has(k)) cap = false;
  }
  const shape = caseMode === 'normal' ? wordShape(w) : cap ? (w.length > 1 ? 'Xx' : 'X') : wordShape(low0);
  return { low, key, cap, shape };
}

/**
 * Features of a word by itself (no position, no neighbours, no document): the same for every occurrence of the
 * word in sentences of the same case mode, so the tagger computes them once per word form.
 */
export function localFeatures(w: string, caseMode: CaseMode, lex: EnglishLexicon, cfg: FeatureConfig = FULL_FEATURES): string[] {
  const { low, key, cap, shape } = wordInfo(w, caseMode, lex);
  const f: string[] = ['b'];
  if (cfg.word) {
    f.push('w=' + low);
    if (caseMode === 'normal') f.push('W=' + w);
    if (low.length > 3) {
      f.push('p3=' + low.slice(0, 3), 's3=' + low.slice(-3), 's2=' + low.slice(-2));
      if (low.length > 5) f.push('s4=' + low.slice(-4));
    }
  }
  if (cfg.shape) {
    f.push('sh=' + shape);
    if (cap) {
      f.push(lex.lower.has(key.toLowerCase()) ? 'cap_known' : 'cap_unknown');
      if (w.length > 1 && w === w.toUpperCase() && caseMode === 'normal') f.push('allcaps');
    }
    if (caseMode !== 'normal') f.push('mode=' + caseMode);
  }
  if (cfg.gazetteer && cap) {
    const k = key.toLowerCase();
    const gb = lex.given.get(k);
    if (gb) f.push('given=' + gb);
    const nb = lex.nameTokens.get(k);
    if (nb) f.push('pname=' + nb);
    const pb = lex.placeBucket.get(k);
    if (pb && !gb) f.push('city=' + pb);
    if (lex.demonyms.has(k)) f.push('demonym');
    const cl = lex.classes.get(k);
    if (cl) f.push('cl=' + cl);
  }
  if (cfg.triggers) {
    if (PERSON_TITLES.has(low.replace(/\.$/, ''))) f.push('title');
    if (ORG_WORDS.has(low)) f.push('orgword');
    if (LOC_WORDS.has(low)) f.push('locword');
  }
  return f;
}

/**
 * What a word contributes to its neighbours' features, by relative position (-2, -1, +1, +2: the word stands that
 * far from the token being tagged): the neighbour-word and neighbour-shape features of `contextFeatures`. A
 * function of the word alone, so the tagger caches it per word form and asks `contextFeatures` to leave these
 * out (`withoutNeighbours`). Sentence edges use `NEIGHBOUR_EDGES`.
 */
export function neighbourFeatures(w: string, caseMode: CaseMode, lex: EnglishLexicon, cfg: FeatureConfig = FULL_FEATURES): { m2: string[]; m1: string[]; p1: string[]; p2: string[] } {
  if (!cfg.context) return { m2: [], m1: [], p1: [], p2: [] };
  const { low, shape } = wordInfo(w, caseMode, lex);
  return { m2: ['w-2=' + low], m1: ['w-1=' + low, 'sh-1=' + shape], p1: ['w+1=' + low, 'sh+1=' + shape], p2: ['w+2=' + low] };
}

/** The neighbour features of positions past the sentence edges. */
export const NEIGHBOUR_EDGES = { m2: ['w-2=<s>'], m1: ['w-1=<s>', 'sh-1=<s>'], p1: ['w+1=</s>', 'sh+1=</s>'], p2: ['w+2=</s>'] };

/** Features of each position of a sentence that depend on its neighbours or the document (see `localFeatures`). */
export function contextFeatures(
  words: readonly string[],
  lex: EnglishLexicon,
  doc: DocumentContext,
  caseMode: CaseMode = 'normal',
  cfg: FeatureConfig = FULL_FEATURES,
  withoutNeighbours = false,
): string[][] {
  const n = words.length;
  const info = new Array<WordInfo>(n);
  for (let i = 0; i < n; i++) info[i] = wordInfo(words[i], caseMode, lex);
  const caps = info.map((x) => x.cap);
  const gz = cfg.gazetteer ? lex.match(info.map((x) => x.key), caps) : undefined;
  const out: string[][] = new Array(n);
  for (let i = 0; i < n; i++) {
    const { low, cap, shape, key } = info[i];
    const f: string[] = [];
    if (cfg.shape) {
      if (i === 0) f.push('first', 'first_sh=' + shape);
      if (cap) {
        const k = key.toLowerCase();
        if (doc.lowerWords.has(k)) f.push('cap_doclower');
        if (cfg.document) {
          if (doc.afterTitle?.has(k)) f.push('d_title');
          if (doc.afterPrep?.has(k)) f.push('d_prep');
          if (doc.afterGiven?.has(k)) f.push('d_given');
          if (doc.inOrg?.has(k)) f.push('d_org');
          if (i === 0 && doc.midCap?.has(k)) f.push('d_midcap');
        }
        if (i === 0) f.push(lex.lower.has(k) ? 'first_cap_known' : 'first_cap_unknown');
      }
    }
    if (cfg.context) {
      const p1 = i > 0 ? info[i - 1].low : '<s>';
      const n1 = i + 1 < n ? info[i + 1].low : '</s>';
      const ps = i > 0 ? info[i - 1].shape : '<s>';
      const ns = i + 1 < n ? info[i + 1].shape : '</s>';
      if (!withoutNeighbours) {
        const p2 = i > 1 ? info[i - 2].low : '<s>';
        const n2 = i + 2 < n ? info[i + 2].low : '</s>';
        f.push('w-1=' + p1, 'w+1=' + n1, 'w-2=' + p2, 'w+2=' + n2, 'sh-1=' + ps, 'sh+1=' + ns);
      }
      f.push('w-1w=' + p1 + '|' + low, 'ww+1=' + low + '|' + n1, 'sh-1sh+1=' + ps + '|' + shape + '|' + ns);
      if (cfg.shape) {
        if (i > 0 && caps[i - 1]) f.push('cap-1');
        if (i + 1 < n && caps[i + 1]) f.push('cap+1');
      }
    }
    if (cfg.gazetteer && gz) {
      const g = gz[i];
      if (g) {
        const pos = g[0];
        for (let k = 1; k < g.length; k++) f.push('gz=' + g[k] + pos);
      }
      if (i > 0 && gz[i - 1]) f.push('gz-1=' + gz[i - 1]!.slice(1));
      if (i + 1 < n && gz[i + 1]) f.push('gz+1=' + gz[i + 1]!.slice(1));
      if (cap) {
        if (i > 0 && caps[i - 1] && lex.given.has(info[i - 1].key.toLowerCase())) f.push('given-1');
        if (i + 1 < n) {
          const cn = lex.classes.get(info[i + 1].key.toLowerCase());
          if (cn) f.push('cl+1=' + cn);
        }
        if (i > 0) {
          const cp = lex.classes.get(info[i - 1].key.toLowerCase());
          if (cp) f.push('cl-1=' + cp);
        }
      }
    }
    if (cfg.triggers) {
      const p1 = i > 0 ? info[i - 1].key.toLowerCase() : '';
      const p2 = i > 1 ? info[i - 2].key.toLowerCase() : '';
      if (PERSON_TITLES.has(p1)) f.push('title-1');
      if (PERSON_TITLES.has(p2)) f.push('title-2');
      if (LOC_PREPS.has(p1)) f.push('locprep-1');
      if (MEDIA_NOUNS.has(p1)) f.push('media-1');
      // A name-internal keyword within the next three capitalized tokens: "Foreign Ministry", "University of X".
      for (let j = i + 1; j < n && j <= i + 3; j++) {
        const lj = info[j].low;
        if (!caps[j] && lj !== 'of' && lj !== 'the' && lj !== 'and' && lj !== '&') break;
        if (ORG_WORDS.has(lj)) {
          f.push('orgword+');
          break;
        }
        if (LOC_WORDS.has(lj)) {
          f.push('locword+');
          break;
        }
      }
      for (let j = i - 1; j >= 0 && j >= i - 3; j--) {
        const lj = info[j].low;
        if (!caps[j] && lj !== 'of' && lj !== 'the' && lj !== 'for' && lj !== '&') break;
        if (ORG_WORDS.has(lj)) {
          f.push('orgword-');
          break;
        }
        if (LOC_WORDS.has(lj)) {
          f.push('locword-');
          break;
        }
      }
      if (p1 === "'s" || p1 === '’s') f.push('poss-1');
      if (i + 1 < n && (info[i + 1].low === "'s" || info[i + 1].low === '’s')) f.push('poss+1');
    }
    out[i] = f;
  }
  return out;
}

/**
 * All features of every token of one sentence: `localFeatures` + `contextFeatures`. `caseMode` says how the
 * sentence is written (see `sentenceCase`): in 'upper' and 'title' sentences, case is read from folded words.
 */
export function sentenceFeatures(
  words: readonly string[],
  lex: EnglishLexicon,
  doc: DocumentContext,
  caseMode: CaseMode = 'normal',
  cfg: FeatureConfig = FULL_FEATURES,
): string[][] {
  const ctx = contextFeatures(words, lex, doc, caseMode, cfg);
  return words.map((w, i) => localFeatures(w, caseMode, lex, cfg).concat(ctx[i]));
}

export type { EnToken };
