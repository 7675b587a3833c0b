/**
 * Parsing and validating style books: `.article-lens/stylebook.json` / `.yaml`, and textlint `prh` YAML dictionaries.
 *
 * - Malformed input yields ONE error with its line and column and no style book (the analysis goes on without it).
 * - An entry that is valid JSON/YAML but not a valid entry (missing `preferred`, a number for a variant…) is skipped
 *   with a warning at its position; the rest of the book is used.
 * - No user regular expression ever runs. prh `patterns` written as `/…/` are accepted only when they are a plain
 *   alternation of literal words (`/Qadd?afi|Kadhafi/` is rejected, `/Qaddafi|Kadhafi/` is read as two variants);
 *   other regex patterns are skipped with a warning that says so.
 * - Limits: at most 20,000 entries, 200 variants an entry, 200 characters a spelling, 2 MB of text.
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode } from 'yaml';
import { guessLanguage, type Stylebook, type StylebookEntry, type StylebookParseResult, type StylebookProblem } from './model';

export const STYLEBOOK_LIMITS = { entries: 20000, variants: 200, spellingLength: 200, textLength: 2 * 1024 * 1024 };

export type StylebookFormat = 'json' | 'yaml' | 'prh';

/** The format of a style book file from its name: `.json`, `.yaml`/`.yml`; prh dictionaries are YAML with `rules`. */
export function stylebookFormat(fileName: string): 'json' | 'yaml' {
  return /\.json$/i.test(fileName) ? 'json' : 'yaml';
}

function position(text: string, offset: number): { line: number; character: number } {
  let line = 0;
  let last = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      last = i + 1;
    }
  }
  return { line, character: Math.max(0, Math.min(offset, text.length) - last) };
}

function problem(text: string, offset: number, message: string, severity: 'error' | 'warning'): StylebookProblem {
  return { message, offset, ...position(text, offset), severity };
}

/** Parse a style book. `format` 'yaml' also recognizes a prh dictionary (a top-level `rules` list). */
export function parseStylebook(text: string, format: StylebookFormat): StylebookParseResult {
  if (text.length > STYLEBOOK_LIMITS.textLength)
    return { problems: [problem(text, 0, `Style book too large (${Math.round(text.length / 1024)} KB; the limit is 2 MB); it is not used.`, 'error')] };
  if (format === 'json') {
    const err = jsonSyntaxError(text);
    if (err) return { problems: [problem(text, err.offset, `Style book is not valid JSON: ${err.message}. It is not used until this is fixed.`, 'error')] };
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: false });
  if (doc.errors.length) {
    const err = doc.errors[0];
    const offset = err.pos[0];
    const what = format === 'json' ? 'JSON' : 'YAML';
    return { problems: [problem(text, offset, `Style book is not valid ${what}: ${err.message.split('\n')[0]}. It is not used until this is fixed.`, 'error')] };
  }
  const root = doc.contents as YamlNode | null;
  if (!root || !isMap(root)) return { problems: [problem(text, 0, 'Style book must be an object with a "names" list.', 'error')] };
  const names = root.get('names', true) as YamlNode | undefined;
  const rules = root.get('rules', true) as YamlNode | undefined;
  if (format === 'prh' || (!names && rules)) return readPrh(text, root.get('rules', true) as YamlNode | undefined);
  if (!names && !root.get('import')) return { problems: [problem(text, nodeStart(root), 'Style book has no "names" list.', 'error')] };
  if (names && !isSeq(names)) return { problems: [problem(text, nodeStart(names), '"names" must be a list of entries.', 'error')] };
  const problems: StylebookProblem[] = [];
  const entries: StylebookEntry[] = [];
  for (const item of (isSeq(names) ? names.items : []) as YamlNode[]) {
    if (entries.length >= STYLEBOOK_LIMITS.entries) {
      problems.push(problem(text, nodeStart(item), `More than ${STYLEBOOK_LIMITS.entries} entries; the rest are ignored.`, 'warning'));
      break;
    }
    const e = readEntry(text, item, problems);
    if (e) entries.push(e);
  }
  const imports: Array<{ path: string; offset: number }> = [];
  const imp = root.get('import', true) as YamlNode | undefined;
  if (imp !== undefined) {
    const items: unknown[] = isSeq(imp) ? imp.items : [imp];
    for (const i of items) {
      const s = scalarString(i);
      if (s) imports.push({ path: s, offset: nodeStart(i) });
      else problems.push(problem(text, nodeStart(i), '"import" must be a file name or a list of file names; ignored.', 'warning'));
    }
  }
  return { stylebook: { entries }, problems, ...(imports.length ? { imports } : {}) };
}

function nodeStart(n: unknown): number {
  const r = (n as { range?: [number, number, number] } | undefined)?.range;
  return r ? r[0] : 0;
}

function scalarString(n: unknown): string | undefined {
  if (isScalar(n) && typeof n.value === 'string') return n.value.normalize('NFC').trim();
  return undefined;
}

function readEntry(text: string, item: YamlNode, problems: StylebookProblem[]): StylebookEntry | undefined {
  const at = nodeStart(item);
  if (!isMap(item)) {
    problems.push(problem(text, at, 'A style-book entry must be an object with "preferred" and "variants"; skipped.', 'warning'));
    return undefined;
  }
  const pNode = item.get('preferred', true);
  const preferred = scalarString(pNode);
  if (!preferred) {
    problems.push(problem(text, pNode ? nodeStart(pNode) : at, 'Entry without a "preferred" spelling (a string); skipped.', 'warning'));
    return undefined;
  }
  if (preferred.length > STYLEBOOK_LIMITS.spellingLength) {
    problems.push(problem(text, nodeStart(pNode), 'Preferred spelling longer than 200 characters; entry skipped.', 'warning'));
    return undefined;
  }
  const vNode = item.get('variants', true) as YamlNode | undefined;
  const variants: string[] = [];
  if (vNode !== undefined) {
    if (!isSeq(vNode)) {
      problems.push(problem(text, nodeStart(vNode), '"variants" must be a list of strings; entry skipped.', 'warning'));
      return undefined;
    }
    for (const v of vNode.items) {
      const s = scalarString(v);
      if (!s || s.length > STYLEBOOK_LIMITS.spellingLength) {
        problems.push(problem(text, nodeStart(v), 'A variant must be a non-empty string of at most 200 characters; it is ignored.', 'warning'));
        continue;
      }
      if (variants.length >= STYLEBOOK_LIMITS.variants) break;
      if (s !== preferred && !variants.includes(s)) variants.push(s);
    }
  }
  const langNode = item.get('language', true) ?? item.get('lang', true);
  const lang = scalarString(langNode);
  if (lang !== undefined && lang !== 'ar' && lang !== 'en') {
    problems.push(problem(text, nodeStart(langNode), `Unknown language "${lang}" (use "ar" or "en"); guessed from the spelling.`, 'warning'));
  }
  const note = scalarString(item.get('note', true));
  return { preferred, variants, language: lang === 'ar' || lang === 'en' ? lang : guessLanguage(preferred), ...(note ? { note } : {}) };
}

/**
 * A regex pattern from prh is accepted only as a plain alternation of literal words: letters, digits, spaces,
 * hyphens, apostrophes and dots (as a literal only when escaped). Anything else (quantifiers, classes, groups) is rejected.
 */
function literalAlternation(body: string): string[] | undefined {
  if (body.length > 1000) return undefined;
  const parts = body.split('|');
  const out: string[] = [];
  for (const p of parts) {
    const lit = p.replace(/\\\./g, '.');
    if (!/^[\p{L}\p{M}\p{N} '’\-.]+$/u.test(lit) || /(?<!\\)\./.test(p)) return undefined;
    out.push(lit.trim());
  }
  return out.filter(Boolean);
}

function readPrh(text: string, rules: YamlNode | undefined): StylebookParseResult {
  if (!rules || !isSeq(rules)) return { problems: [problem(text, rules ? nodeStart(rules) : 0, 'prh dictionary: "rules" must be a list.', 'error')] };
  const problems: StylebookProblem[] = [];
  const entries: StylebookEntry[] = [];
  for (const r of rules.items as YamlNode[]) {
    if (entries.length >= STYLEBOOK_LIMITS.entries) break;
    if (!isMap(r)) {
      problems.push(problem(text, nodeStart(r), 'prh rule must be an object with "expected"; skipped.', 'warning'));
      continue;
    }
    const expNode = r.get('expected', true);
    const expected = scalarString(expNode);
    if (!expected || expected.length > STYLEBOOK_LIMITS.spellingLength) {
      problems.push(problem(text, nodeStart(expNode ?? r), 'prh rule without an "expected" string; skipped.', 'warning'));
      continue;
    }
    const pNode = r.get('patterns', true) ?? r.get('pattern', true);
    const raw: unknown[] = pNode === undefined ? [] : isSeq(pNode) ? pNode.items : [pNode];
    const variants: string[] = [];
    for (const p of raw) {
      const s = scalarString(p);
      if (!s) continue;
      const re = /^\/(.*)\/([a-z]*)$/s.exec(s);
      if (re) {
        const lits = literalAlternation(re[1]);
        if (!lits) {
          problems.push(problem(text, nodeStart(p), `Regular expression pattern ${s} is not supported (only plain alternatives like /A|B/); it is ignored.`, 'warning'));
          continue;
        }
        for (const l of lits) if (l !== expected && !variants.includes(l)) variants.push(l);
      } else if (s !== expected && !variants.includes(s) && s.length <= STYLEBOOK_LIMITS.spellingLength) variants.push(s);
      if (variants.length >= STYLEBOOK_LIMITS.variants) break;
    }
    // prh without patterns: the expected form itself is the pattern (with case differences as variants).
    const note = scalarString(r.get('prh', true));
    entries.push({ preferred: expected, variants, language: guessLanguage(expected), ...(note ? { note } : {}) });
  }
  return { stylebook: { entries }, problems };
}

/**
 * The first JSON syntax error and its offset (V8's JSON.parse message does not always carry a position).
 * A small recursive-descent checker; nesting is bounded.
 */
export function jsonSyntaxError(text: string): { offset: number; message: string } | undefined {
  let i = 0;
  const n = text.length;
  class Fail {
    constructor(readonly offset: number, readonly message: string) {}
  }
  const ws = () => {
    while (i < n && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r' || text[i] === '\ufeff')) i++;
  };
  const unexpected = (what?: string): never => {
    throw new Fail(i, i >= n ? 'unexpected end of text' + (what ? ` (expected ${what})` : '') : `unexpected '${text[i]}'` + (what ? ` (expected ${what})` : ''));
  };
  const str = () => {
    i++;
    while (i < n && text[i] !== '"') {
      if (text[i] === '\\') i++;
      else if (text.charCodeAt(i) < 0x20) unexpected('a closing quote');
      i++;
    }
    if (i >= n) unexpected('a closing quote');
    i++;
  };
  const value = (depth: number): void => {
    if (depth > 200) throw new Fail(i, 'nested too deeply');
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') unexpected('a property name in double quotes');
        str();
        ws();
        if (text[i] !== ':') unexpected("':'");
        i++;
        value(depth + 1);
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return;
        }
        unexpected("',' or '}'");
      }
    } else if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (;;) {
        value(depth + 1);
        ws();
        if (text[i] === ',') {
          i++;
          ws();
          if (text[i] === ']') unexpected('a value');
          continue;
        }
        if (text[i] === ']') {
          i++;
          return;
        }
        unexpected("',' or ']'");
      }
    } else if (c === '"') str();
    else {
      const m = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|^true|^false|^null/.exec(text.slice(i, i + 400));
      if (!m) unexpected('a value');
      i += m![0].length;
    }
  };
  try {
    value(0);
    ws();
    if (i < n) unexpected('end of text');
    return undefined;
  } catch (e) {
    if (e instanceof Fail) return { offset: e.offset, message: e.message };
    throw e;
  }
}
