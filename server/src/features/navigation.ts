/**
 * documentHighlight, references, prepareRename and rename: all mentions of the entity under the cursor.
 * Mention spans exclude attached clitics (و، ب، ل، ال…), so replacing a span keeps them: ولافروف -> و + new name.
 */
import { DocumentHighlight, DocumentHighlightKind, Location, Range, ResponseError, TextEdit, WorkspaceEdit } from 'vscode-languageserver';
import type { Article, Entity, Mention } from '../core/types';
import { writtenSpelling } from '../core/names/match';
import { english, type Messages } from '../l10n';
import type { Converter } from './convert';
import { dateAt, entityAt } from './find';

export function documentHighlights(article: Article, conv: Converter, offset: number): DocumentHighlight[] {
  const hit = entityAt(article, offset);
  if (hit) return hit.entity.mentions.map((m) => ({ range: conv.range(m), kind: DocumentHighlightKind.Text }));
  // A resolved date: every expression of the same day.
  const d = dateAt(article, offset);
  if (d?.value) {
    const v = d.value;
    return article.dates
      .filter((x) => x.value && x.value.year === v.year && x.value.month === v.month && x.value.day === v.day)
      .map((x) => ({ range: conv.range(x), kind: DocumentHighlightKind.Text }));
  }
  return d ? [{ range: conv.range(d), kind: DocumentHighlightKind.Text }] : [];
}

export function references(article: Article, conv: Converter, offset: number, includeDeclaration = true): Location[] {
  const hit = entityAt(article, offset);
  if (!hit) return [];
  const mentions = includeDeclaration ? hit.entity.mentions : hit.entity.mentions.filter((_, i) => i !== 0);
  return mentions.map((m) => conv.location(m));
}

/** The range and current text of the mention to rename, or an error saying why this is not renameable. */
export function prepareRename(article: Article, conv: Converter, offset: number, t: Messages = english): { range: Range; placeholder: string } | ResponseError<void> {
  const hit = entityAt(article, offset);
  if (!hit || hit.entity.type === 'date') return new ResponseError(-32803 /* RequestFailed */, t('notEntity'));
  return { range: conv.range(hit.mention), placeholder: hit.mention.text };
}

const words = (s: string) => s.trim().split(/\s+/u).filter(Boolean);

/**
 * The new text of one mention when the mention under the cursor (`from`) is renamed to `to`.
 * A mention equal to `from` becomes `to`. When both names have the same number of words, a mention made of some
 * of `from`'s words (the surname alone, say) gets the matching words of `to`; a mention that contains `from`
 * as whole words gets only that part replaced. Any other mention becomes `to`.
 */
export function renameMention(mention: string, from: string, to: string): string {
  if (mention === from) return to;
  const fw = words(from);
  const tw = words(to);
  const mw = words(mention);
  if (fw.length === tw.length && mw.length < fw.length) {
    for (let i = 0; i + mw.length <= fw.length; i++) {
      if (mw.every((w, j) => fw[i + j] === w)) return tw.slice(i, i + mw.length).join(' ');
    }
  }
  const at = mention.indexOf(from);
  if (at >= 0) {
    const before = at === 0 || /\s/u.test(mention[at - 1]);
    const after = at + from.length === mention.length || /\s/u.test(mention[at + from.length]);
    if (before && after) return mention.slice(0, at) + to + mention.slice(at + from.length);
  }
  return to;
}

export function renameEdits(entity: Entity, from: Mention, newName: string): Array<{ start: number; end: number; newText: string }> {
  const to = newName.normalize('NFC').trim();
  // A mention after 'لل' reads with its article restored ('الجيش') while its range covers the written 'لجيش':
  // both the new text and the comparison are in the written form.
  return entity.mentions
    .map((m) => ({ start: m.start, end: m.end, newText: writtenSpelling(m.text, m.start, m.end, renameMention(m.text, from.text, to)), written: writtenSpelling(m.text, m.start, m.end, m.text) }))
    .filter((e) => e.newText !== e.written)
    .map(({ start, end, newText }) => ({ start, end, newText }));
}

export function rename(article: Article, conv: Converter, offset: number, newName: string, t: Messages = english): WorkspaceEdit | ResponseError<void> {
  const hit = entityAt(article, offset);
  if (!hit || hit.entity.type === 'date') return new ResponseError(-32803, t('notEntity'));
  if (!newName.trim()) return new ResponseError(-32803, t('emptyName'));
  const edits: TextEdit[] = renameEdits(hit.entity, hit.mention, newName).map((e) => ({ range: conv.range(e), newText: e.newText }));
  return { changes: { [conv.uri]: edits } };
}
