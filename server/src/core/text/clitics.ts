/**
 * Arabic proclitics: the conjunctions و ف, the prepositions ب ل ك, the future/emphasis are not handled (verbs),
 * and the article ال with its fused forms (لل = ل + ال). Names are never stemmed: only these prefixes come off.
 *
 * `cliticSplits(word)` lists every reading of a word as prefix + stem (the word itself first), with the stem's
 * offset inside the word, so a mention span can exclude the clitic:
 *   'ولافروف' -> و + لافروف (offset 1); 'بموسكو' -> ب + موسكو (1); 'وبالعاصمة' -> وب + العاصمة (2);
 *   'للجيش' -> ل + لجيش (1) with `restoreAl` (the stem is 'الجيش' with its alif elided: the span keeps the ال).
 * Which reading is right is for the caller (lexicon, document, tagger) to decide; diacritics and tatweel inside the
 * prefix are skipped over, so offsets are into the word as written.
 */

export interface CliticSplit {
  /** The proclitic letters (normalized, no diacritics): '', 'و', 'وب', 'ل' … */
  prefix: string;
  /** UTF-16 offset of the stem inside the word as written. */
  offset: number;
  /** The stem as written (word.slice(offset)). */
  stem: string;
  /** 'لل' readings: the stem lost the alif of its article ('لجيش' stands for 'الجيش'). */
  restoreAl: boolean;
}

function isMark(c: number): boolean {
  return (c >= 0x064b && c <= 0x065f) || c === 0x0670 || c === 0x0640;
}

/** Index of the next letter at or after i (skipping diacritics/tatweel). */
function nextLetter(w: string, i: number): number {
  while (i < w.length && isMark(w.charCodeAt(i))) i++;
  return i;
}

/** Are there at least `min` letters (not marks) in w from i? */
function hasLetters(w: string, i: number, min: number): boolean {
  let n = 0;
  for (; i < w.length && n < min; i++) if (!isMark(w.charCodeAt(i))) n++;
  return n >= min;
}

/** The prefix strings (constants: no string is built per call). */
function prepPrefix(conj: number, prep: number): string {
  if (conj === 0x0648) return prep === 0x0628 ? 'وب' : prep === 0x0644 ? 'ول' : 'وك';
  if (conj === 0x0641) return prep === 0x0628 ? 'فب' : prep === 0x0644 ? 'فل' : 'فك';
  return prep === 0x0628 ? 'ب' : prep === 0x0644 ? 'ل' : 'ك';
}

const isPrep = (c: number) => c === 0x0628 || c === 0x0644 || c === 0x0643; // ب ل ك

/**
 * The preposition reading at letter index i (after an optional conjunction `conj`, 0 for none): لل is ل + (ا)ل,
 * the stem starts at the second ل and needs its alif back.
 */
function pushPrep(out: CliticSplit[], word: string, i: number, conj: number, minStem: number): void {
  if (i >= word.length) return;
  const c = word.charCodeAt(i);
  if (!isPrep(c)) return;
  const j = nextLetter(word, i + 1);
  if (!hasLetters(word, j, minStem)) return;
  const restoreAl = c === 0x0644 && word.charCodeAt(j) === 0x0644;
  out.push({ prefix: prepPrefix(conj, c), offset: j, stem: word.slice(j), restoreAl });
}

/**
 * All prefix readings of `word`, the unsplit word first, then shorter prefixes before longer ones. A stem keeps at
 * least `minStem` letters (default 2).
 *
 * Called for every new word by the Arabic tagger, so it builds nothing but its answer: a word starts either with a
 * conjunction و/ف (then: conjunction, conjunction + preposition) or with a preposition ب/ل/ك (then: preposition),
 * never both, so the readings come out in increasing offset order with no duplicate offset.
 */
export function cliticSplits(word: string, minStem = 2): CliticSplit[] {
  const out: CliticSplit[] = [{ prefix: '', offset: 0, stem: word, restoreAl: false }];
  const i = nextLetter(word, 0);
  if (i >= word.length) return out;
  const c0 = word.charCodeAt(i);
  if (c0 === 0x0648 || c0 === 0x0641) {
    // و ف: the conjunction alone, then conjunction + preposition (a longer prefix, a later offset).
    const j = nextLetter(word, i + 1);
    if (hasLetters(word, j, minStem)) out.push({ prefix: c0 === 0x0648 ? 'و' : 'ف', offset: j, stem: word.slice(j), restoreAl: false });
    pushPrep(out, word, j, c0, minStem);
  } else {
    pushPrep(out, word, i, 0, minStem);
  }
  return out;
}

/**
 * Length of the article prefix of a normalized word, /^[وف]?(?:[بك]?ال|لل)/ (conjunction, preposition, article:
 * وال، بال، فال، كال، وبال، لل، ولل…), or -1 when it has none. By character codes (called per new word).
 */
function articlePrefixEnd(n: string): number {
  if (n.length < 2) return -1;
  const c0 = n.charCodeAt(0);
  const i = c0 === 0x0648 || c0 === 0x0641 ? 1 : 0;
  if (n.length < i + 2) return -1;
  const c = n.charCodeAt(i);
  if (c === 0x0644 && n.charCodeAt(i + 1) === 0x0644) return i + 2; // لل
  const j = c === 0x0628 || c === 0x0643 ? i + 1 : i;
  return n.length >= j + 2 && n.charCodeAt(j) === 0x0627 && n.charCodeAt(j + 1) === 0x0644 ? j + 2 : -1; // ال
}

/** True when the (normalized) word starts with the article ال (possibly after clitics: وال، بال، فال، كال، لل). */
export function hasArticle(normalized: string): boolean {
  return articlePrefixEnd(normalized) >= 0;
}

/** The normalized stem without proclitics and without the article: 'وبالعاصمة' -> 'عاصمه' (for features only). */
export function bareStem(normalized: string): string {
  // The article prefix when there is one, else an optional conjunction then an optional preposition.
  let end = articlePrefixEnd(normalized);
  if (end < 0) {
    const c0 = normalized.charCodeAt(0);
    end = c0 === 0x0648 || c0 === 0x0641 ? 1 : 0;
    if (end < normalized.length && isPrep(normalized.charCodeAt(end))) end++;
  }
  return normalized.length - end >= 2 ? (end === 0 ? normalized : normalized.slice(end)) : normalized;
}
