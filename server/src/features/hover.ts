/**
 * Hover cards: an entity card (canonical name, type, role, other spellings, mentions, first mention), the date card
 * of the dates module, and the headline/dateline summary. Labels follow the ARTICLE's language, so an Arabic card
 * reads right-to-left line by line (each line is one right-to-left run); for clients that render HTML in Markdown
 * (VS Code says so in `initializationOptions.htmlHover`) the card is also wrapped in `<div dir="rtl" align="right">`:
 * VS Code keeps `align` (the card is right-aligned) and drops `dir`; other HTML renderers honour both.
 */
import type { Hover } from 'vscode-languageserver';
import { dateCard } from '../core/dates/card';
import type { Article, Entity } from '../core/types';
import { messages, type Messages } from '../l10n';
import type { Converter } from './convert';
import { dateAt, entityAt, spellings, touches } from './find';

export interface HoverOptions {
  /** Wrap Arabic cards in `<div dir="rtl" align="right">` (only for clients that render HTML in Markdown). */
  html?: boolean;
}

function para(article: Article, md: string, o: HoverOptions): string {
  return o.html && article.language === 'ar' ? `<div dir="rtl" align="right">\n\n${md}\n\n</div>` : md;
}

function countWords(text: string): number {
  return (text.match(/[\p{L}\p{N}]+/gu) ?? []).length;
}

/** The entity card as Markdown lines (also used by the entity report). */
export function entityCard(article: Article, conv: Converter, e: Entity, t: Messages = messages(article.language)): string {
  const first = e.mentions[0];
  const lines = [`**${e.name}** · ${t(e.type)}`];
  const roles = [...new Set(e.roles.map((r) => r.text))];
  if (roles.length) lines.push(`${t('role')}: ${roles.join('، ')}`);
  const other = spellings(e);
  if (other.length) lines.push(`${t('spellings')}: ${other.join(article.language === 'ar' ? '، ' : ', ')}`);
  lines.push(`${t('mentions')}: ${e.mentions.length}`);
  if (first) lines.push(`${t('firstMention')}: ${t('line')} ${conv.range(first).start.line + 1}`);
  return lines.join('\n\n');
}

export function hover(article: Article, conv: Converter, offset: number, o: HoverOptions = {}): Hover | null {
  const t = messages(article.language);
  const hit = entityAt(article, offset);
  if (hit) {
    return { contents: { kind: 'markdown', value: para(article, entityCard(article, conv, hit.entity, t), o) }, range: conv.range(hit.mention) };
  }
  const d = dateAt(article, offset);
  if (d) {
    const card = dateCard(d, article);
    return { contents: { kind: 'markdown', value: para(article, `**${d.text}** · ${t('date')}\n\n${card.markdown}`, o) }, range: conv.range(d) };
  }
  const s = article.structure;
  if (s.headline && touches(s.headline, offset)) {
    const body = s.paragraphs.reduce((n, p) => n + countWords(article.text.slice(p.start, p.end)), 0);
    const lines = [
      `**${t('headlineTitle')}** · ${article.language === 'ar' ? 'العربية' : 'English'}`,
      '',
      t('words', countWords(s.headline.text), s.paragraphs.length, body),
    ];
    if (s.dateline) lines.push('', `${t('datelineTitle')}: ${s.dateline.text}`);
    return { contents: { kind: 'markdown', value: para(article, lines.join('\n'), o) }, range: conv.range(s.headline) };
  }
  if (s.dateline && touches(s.dateline, offset)) {
    return { contents: { kind: 'markdown', value: para(article, `**${t('datelineTitle')}** · ${s.dateline.text}`, o) }, range: conv.range(s.dateline) };
  }
  return null;
}
