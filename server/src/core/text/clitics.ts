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

const CONJ = [0x0648, 0x0641]; // و ف
const PREP = [0x0628, 0x0644, 0x0643]; // ب ل ك

function isMark(c: number): boolean {
  return (c >= 0x064b && c <= 0x065f) || c === 0x0670 || c === 0x0640;
}

/** Index of the next letter at or after i (skipping diacritics/tatweel). */
function nextLetter(w: string, i: number): number {
  while (i < w.length && isMark(w.charCodeAt(i))) i++;
  return i;
}

/** Count of letters (not marks) in w from i. */
function lettersFrom(w: string, i: number): number {
  let n = 0;
  for (; i < w.length; i++) if (!isMark(w.charCodeAt(i))) n++;
  return n;
}

/**
 * All prefix readings of `word`, the unsplit word first, then shorter prefixes before longer ones. A stem keeps at
 * least `minStem` letters (default 2).
 */
export function cliticSplits(word: string, minStem = 2): CliticSplit[] {
  const out: CliticSplit[] = [{ prefix: '', offset: 0, stem: word, restoreAl: false }];
  let i = nextLetter(word, 0);
  let prefix = '';
  // optional conjunction
  const c0 = word.charCodeAt(i);
  const starts: { i: number; prefix: string }[] = [{ i, prefix: '' }];
  if (CONJ.includes(c0)) {
    const j = nextLetter(word, i + 1);
    starts.push({ i: j, prefix: String.fromCharCode(c0) });
  }
  const seen = new Set<number>([0]);
  const push = (off: number, p: string, restoreAl: boolean) => {
    if (seen.has(off) || lettersFrom(word, off) < minStem) return;
    seen.add(off);
    out.push({ prefix: p, offset: off, stem: word.slice(off), restoreAl });
  };
  for (const s of starts) {
    i = s.i;
    prefix = s.prefix;
    if (prefix) push(i, prefix, false);
    const c = word.charCodeAt(i);
    if (PREP.includes(c)) {
      const j = nextLetter(word, i + 1);
      // لل: ل + (ا)ل — the stem starts at the second ل and needs its alif back.
      if (c === 0x0644 && word.charCodeAt(j) === 0x0644) {
        push(j, prefix + 'ل', true);
      } else {
        push(j, prefix + String.fromCharCode(c), false);
      }
    }
  }
  out.sort((a, b) => a.offset - b.offset);
  return out;
}

/** True when the (normalized) word starts with the article ال (possibly after clitics: وال، بال، فال، كال، لل). */
export function hasArticle(normalized: string): boolean {
  return /^(?:[وف]?(?:[بك]?ال|لل))/.test(normalized);
}

/** The normalized stem without proclitics and without the article: 'وبالعاصمة' -> 'عاصمه' (for features only). */
export function bareStem(normalized: string): string {
  const m = /^(?:[وف]?(?:[بك]?ال|لل)|[وف]?[بلك]?)/.exec(normalized);
  const rest = m ? normalized.slice(m[0].length) : normalized;
  return rest.length >= 2 ? rest : normalized;
}
