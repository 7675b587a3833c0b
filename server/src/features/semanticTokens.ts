/**
 * Semantic tokens: people, organizations, places and dates, so entities stand out while writing. The token types are
 * contributed in package.json (`semanticTokenTypes`) with default colours through `semanticTokenScopes`.
 */
import { SemanticTokens, SemanticTokensBuilder, SemanticTokensLegend } from 'vscode-languageserver';
import type { Article, EntityType, Span } from '../core/types';
import type { Converter } from './convert';

export const tokenTypes = ['person', 'organization', 'location', 'date'] as const;
export const legend: SemanticTokensLegend = { tokenTypes: [...tokenTypes], tokenModifiers: [] };

const TYPE_INDEX: Partial<Record<EntityType, number>> = { person: 0, organization: 1, location: 2, date: 3 };

/** Tokens in document order; a span crossing a line break is split per line (LSP tokens are single-line). */
export function semanticTokens(article: Article, conv: Converter, range?: Span): SemanticTokens {
  const spans: Array<Span & { type: number }> = [];
  for (const e of article.entities) {
    const type = TYPE_INDEX[e.type];
    if (type === undefined) continue;
    for (const m of e.mentions) spans.push({ start: m.start, end: m.end, type });
  }
  for (const d of article.dates) spans.push({ start: d.start, end: d.end, type: 3 });
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const builder = new SemanticTokensBuilder();
  let last = -1;
  for (const s of spans) {
    if (s.start < last) continue; // overlapping spans: the first (longest) wins
    if (range && (s.end <= range.start || s.start >= range.end)) continue;
    last = s.end;
    const a = conv.range(s);
    for (let line = a.start.line; line <= a.end.line; line++) {
      const from = line === a.start.line ? a.start.character : 0;
      const to = line === a.end.line ? a.end.character : conv.index.offsetAt({ line: line + 1, character: 0 }) - conv.index.offsetAt({ line, character: 0 });
      if (to > from) builder.push(line, from, to - from, s.type, 0);
    }
  }
  return builder.build();
}
