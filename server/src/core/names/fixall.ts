/**
 * 'Fix all' for name findings (`source.fixAll`, the 'Fix All Name Variants' command): the preferred fix of every
 * finding with the given code(s), as one list of non-overlapping edits in document order. When two fixes overlap,
 * the earlier finding wins and the later one is left for the editor to see again after the edit.
 */
import type { Article, TextEdit } from '../types';

export function fixAll(article: Pick<Article, 'diagnostics'>, code: string | readonly string[] = 'name.variant'): TextEdit[] {
  const codes = typeof code === 'string' ? [code] : code;
  const edits: TextEdit[] = [];
  for (const f of article.diagnostics) {
    if (!codes.includes(f.code)) continue;
    const fix = f.fixes.find((x) => x.preferred) ?? f.fixes[0];
    if (fix) edits.push(...fix.edits);
  }
  edits.sort((a, b) => a.start - b.start || a.end - b.end);
  const out: TextEdit[] = [];
  let end = -1;
  for (const e of edits) {
    if (e.start < end || (out.length && e.start === out[out.length - 1].start && e.end === out[out.length - 1].end)) continue;
    out.push(e);
    end = e.end;
  }
  return out;
}

/** Apply non-overlapping edits to a text (for tests, the CLI and hosts without a workspace-edit API). */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.start - a.start);
  let t = text;
  for (const e of sorted) t = t.slice(0, e.start) + e.newText + t.slice(e.end);
  return t;
}
