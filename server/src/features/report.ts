/** The entity report (webview table + timeline, 'Export Entities'): the Article model flattened for the client. */
import { dateCard } from '../core/dates/card';
import type { Article } from '../core/types';
import type { EntityReport, ReportMention } from '../protocol';
import type { Converter } from './convert';
import { isoDate, spellings } from './find';

export function entityReport(article: Article, conv: Converter, version: number): EntityReport {
  const mention = (m: { start: number; end: number; text: string }): ReportMention => {
    const p = conv.index.positionAt(m.start);
    return { start: m.start, end: m.end, line: p.line, character: p.character, text: m.text };
  };
  const pd = article.publicationDate?.value;
  return {
    uri: conv.uri,
    version,
    language: article.language,
    headline: article.structure.headline?.text,
    publicationDate: pd ? isoDate(pd) : undefined,
    entities: article.entities
      .filter((e) => e.mentions.length > 0)
      .map((e) => ({
        id: e.id,
        type: e.type,
        name: e.name,
        spellings: spellings(e),
        roles: [...new Set(e.roles.map((r) => r.text))],
        mentions: e.mentions.map(mention),
      })),
    dates: article.dates.map((d) => {
      const card = dateCard(d, article);
      return { ...mention(d), kind: d.kind, iso: card.iso, label: card.gregorian, unresolved: d.value ? undefined : card.unresolved };
    }),
  };
}
