/**
 * Reads the newsroom style book from the workspace (`articleLens.stylebookPath`, default
 * `.article-lens/stylebook.json`; `.yaml`/`.yml` and prh dictionaries too) and the dictionaries it imports.
 * The parse itself is pure (core/stylebook); this file only touches the file system.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseStylebook, stylebookFormat } from '../core/stylebook/parse';
import type { Stylebook, StylebookProblem } from '../core/stylebook/model';

export interface LoadedStylebook {
  /** Absolute path of the style book that was read (or looked for). */
  file: string;
  stylebook?: Stylebook;
  /** Problems per file (the style book itself and any imported dictionary). */
  problems: Array<StylebookProblem & { file: string }>;
  /** False when no style book file exists (not an error). */
  exists: boolean;
}

const MAX_IMPORTS = 20;

/** Load the style book at `file` (absolute). Never throws: I/O and parse errors become problems. */
export function loadStylebook(file: string): LoadedStylebook {
  if (!fs.existsSync(file)) {
    // '.json' configured but only a '.yaml' present (or the other way round): take the sibling.
    const alt = ['.json', '.yaml', '.yml'].map((ext) => file.replace(/\.(json|ya?ml)$/i, ext)).find((f) => f !== file && fs.existsSync(f));
    if (!alt) return { file, problems: [], exists: false };
    file = alt;
  }
  const problems: LoadedStylebook['problems'] = [];
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    return { file, exists: true, problems: [{ file, message: `Cannot read the style book: ${(e as Error).message}`, offset: 0, line: 0, character: 0, severity: 'error' }] };
  }
  const res = parseStylebook(text, stylebookFormat(file));
  problems.push(...res.problems.map((p) => ({ ...p, file })));
  if (!res.stylebook) return { file, exists: true, problems };
  const entries = [...res.stylebook.entries];
  for (const imp of (res.imports ?? []).slice(0, MAX_IMPORTS)) {
    const f = path.resolve(path.dirname(file), imp.path);
    let t: string;
    try {
      t = fs.readFileSync(f, 'utf8');
    } catch {
      problems.push({ file, message: `Imported dictionary not found: ${imp.path}`, offset: imp.offset, severity: 'warning', ...lineOf(text, imp.offset) });
      continue;
    }
    const r = parseStylebook(t, /\.json$/i.test(f) ? 'json' : 'prh');
    problems.push(...r.problems.map((p) => ({ ...p, file: f })));
    if (r.stylebook) entries.push(...r.stylebook.entries);
  }
  return { file, exists: true, stylebook: { entries }, problems };
}

function lineOf(text: string, offset: number): { line: number; character: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}
