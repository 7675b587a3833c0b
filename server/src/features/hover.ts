import type { Hover } from 'vscode-languageserver';
import type { Article, Span } from '../core/types';
import type { Converter } from './convert';

const inside = (s: Span, offset: number) => offset >= s.start && offset <= s.end;

/** Right-to-left text in a Markdown hover: wrap Arabic paragraphs so the card reads in the article's direction. */
function para(article: Article, md: string): string {
  return article.language === 'ar' ? `<div dir="rtl">\n\n${md}\n\n</div>` : md;
}

function countWords(text: string): number {
  return (text.match(/[\p{L}\p{N}]+/gu) ?? []).length;
}

export function hover(article: Article, conv: Converter, offset: number): Hover | null {
  const s = article.structure;
  if (s.headline && inside(s.headline, offset)) {
    const body = s.paragraphs.reduce((n, p) => n + countWords(article.text.slice(p.start, p.end)), 0);
    const lines = [
      `**Headline** · ${article.language === 'ar' ? 'Arabic' : 'English'}`,
      '',
      `${countWords(s.headline.text)} words in the headline · ${s.paragraphs.length} paragraphs · ${body} words in the body`,
    ];
    if (s.dateline) lines.push('', `Dateline: ${s.dateline.text}`);
    return { contents: { kind: 'markdown', value: para(article, lines.join('\n')) }, range: conv.range(s.headline) };
  }
  if (s.dateline && inside(s.dateline, offset)) {
    return { contents: { kind: 'markdown', value: para(article, `**Dateline** · ${s.dateline.text}`) }, range: conv.range(s.dateline) };
  }
  return null;
}
