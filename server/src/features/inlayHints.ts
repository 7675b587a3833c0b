/** Inlay hints: the resolved day after relative and weekday-only dates ('أمس' -> 29 نوفمبر 2016). */
import { InlayHint, InlayHintKind } from 'vscode-languageserver';
import { dateCard } from '../core/dates/card';
import type { Article, Span } from '../core/types';
import type { Converter } from './convert';

export function inlayHints(article: Article, conv: Converter, range?: Span): InlayHint[] {
  const out: InlayHint[] = [];
  for (const d of article.dates) {
    if (d.kind !== 'relative' && d.kind !== 'weekday') continue;
    if (!d.value) continue;
    if (range && (d.end < range.start || d.start > range.end)) continue;
    const card = dateCard(d, article);
    if (!card.hint) continue;
    out.push({
      position: conv.range(d).end,
      label: `(${card.hint})`,
      kind: InlayHintKind.Type,
      paddingLeft: true,
      tooltip: card.iso,
    });
  }
  return out;
}
