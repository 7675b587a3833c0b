import { DocumentSymbol, SymbolKind } from 'vscode-languageserver';
import type { Article, Entity, EntityType } from '../core/types';
import { english, type MessageKey, type Messages } from '../l10n';
import type { Converter } from './convert';
import { isoDate } from './find';

function snippet(text: string, max = 60): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > max ? t.slice(0, max - 1) + '…' : t;
}

/** `snippet(text.slice(start, end), max)` reading only as much of a long span as it needs. */
function snippetOf(text: string, start: number, end: number, max: number): string {
  for (let n = max * 4; ; n *= 2) {
    if (start + n >= end) return snippet(text.slice(start, end), max);
    const t = text.slice(start, start + n).replace(/\s+/g, ' ').trim();
    if (t.length > max) return t.slice(0, max - 1) + '…';
  }
}

/**
 * Bounds for very large documents (a 20 MB text has hundreds of thousands of mentions and dates): an Outline of
 * millions of rows is of no use and costs seconds to build and send. Article-sized texts stay far below them.
 */
export const MAX_MENTIONS_LISTED = 1000;
export const MAX_ROWS_LISTED = 5000;

function group(name: string, kind: SymbolKind, children: DocumentSymbol[], total = children.length): DocumentSymbol | undefined {
  if (children.length === 0) return undefined;
  const first = children[0];
  const last = children.reduce((a, c) => (comparePos(c.range.end, a.range.end) > 0 ? c : a), first);
  const start = children.reduce((a, c) => (comparePos(c.range.start, a.range.start) < 0 ? c : a), first);
  return {
    name,
    detail: String(total),
    kind,
    range: { start: start.range.start, end: last.range.end },
    selectionRange: start.selectionRange,
    children,
  };
}

function comparePos(a: { line: number; character: number }, b: { line: number; character: number }): number {
  return a.line - b.line || a.character - b.character;
}

const GROUPS: { type: EntityType; title: MessageKey; kind: SymbolKind; entityKind: SymbolKind }[] = [
  { type: 'person', title: 'people', kind: SymbolKind.Namespace, entityKind: SymbolKind.Object },
  { type: 'organization', title: 'organizations', kind: SymbolKind.Namespace, entityKind: SymbolKind.Class },
  { type: 'location', title: 'places', kind: SymbolKind.Namespace, entityKind: SymbolKind.Module },
  { type: 'misc', title: 'other', kind: SymbolKind.Namespace, entityKind: SymbolKind.Constant },
];

function entitySymbol(conv: Converter, e: Entity, kind: SymbolKind): DocumentSymbol {
  // selectionRange (where a click goes) is the first mention; range covers every mention so that the children
  // lie inside their parent, as LSP asks and as breadcrumbs need.
  const first = e.mentions[0];
  const last = e.mentions.reduce((a, m) => (m.end > a.end ? m : a), first);
  const selectionRange = conv.range(first);
  return {
    name: e.name,
    detail: e.roles[0]?.text ?? '',
    kind,
    range: conv.range({ start: first.start, end: last.end }),
    selectionRange,
    children: e.mentions.slice(0, MAX_MENTIONS_LISTED).map((m) => {
      const r = conv.range(m);
      return { name: m.text, detail: `${r.start.line + 1}:${r.start.character + 1}`, kind: SymbolKind.Field, range: r, selectionRange: r };
    }),
  };
}

/**
 * The Outline: Structure, then People / Organizations / Places / Dates (group names in the editor's language),
 * entities in order of first appearance, each with its mentions as children; detail = role or resolved date.
 * At most MAX_MENTIONS_LISTED mentions per entity and MAX_ROWS_LISTED paragraphs and dates are listed.
 */
export function documentSymbols(article: Article, conv: Converter, t: Messages = english): DocumentSymbol[] {
  const out: DocumentSymbol[] = [];
  const s = article.structure;
  const structure: DocumentSymbol[] = [];
  if (s.headline) {
    const r = conv.range(s.headline);
    structure.push({ name: snippet(s.headline.text), detail: t('headline'), kind: SymbolKind.String, range: r, selectionRange: r });
  }
  if (s.dateline) {
    const r = conv.range(s.dateline);
    structure.push({ name: snippet(s.dateline.text), detail: t('dateline'), kind: SymbolKind.Event, range: r, selectionRange: r });
  }
  let qi = 0;
  for (const p of s.paragraphs.length > MAX_ROWS_LISTED ? s.paragraphs.slice(0, MAX_ROWS_LISTED) : s.paragraphs) {
    const r = conv.range(p);
    // Quotations are sorted by start and paragraphs do not overlap: one pointer walks them.
    while (qi < s.quotations.length && s.quotations[qi].start < p.start) qi++;
    const quotes: DocumentSymbol[] = [];
    for (let j = qi; j < s.quotations.length && s.quotations[j].start <= p.end; j++) {
      const q = s.quotations[j];
      if (q.end > p.end) continue;
      const qr = conv.range(q);
      quotes.push({ name: snippetOf(article.text, q.start, q.end, 50), detail: t('quotation'), kind: SymbolKind.String, range: qr, selectionRange: qr });
    }
    structure.push({
      name: `¶${p.index} ${snippetOf(article.text, p.start, p.end, 40)}`,
      detail: t('paragraph'),
      kind: SymbolKind.Key,
      range: r,
      selectionRange: { start: r.start, end: r.start },
      children: quotes,
    });
  }
  const g = group(t('structure'), SymbolKind.File, structure);
  if (g) out.push(g);
  for (const { type, title, kind, entityKind } of GROUPS) {
    const entities = article.entities.filter((e) => e.type === type && e.mentions.length > 0);
    const sym = group(t(title), kind, entities.map((e) => entitySymbol(conv, e, entityKind)));
    if (sym) out.push(sym);
  }
  const dates = (article.dates.length > MAX_ROWS_LISTED ? article.dates.slice(0, MAX_ROWS_LISTED) : article.dates).map((d) => {
    const r = conv.range(d);
    // The reason a date is unresolved is long: the hover card gives it, the Outline only says so.
    const detail = d.value ? isoDate(d.value) : t('unresolved');
    return { name: d.text, detail, kind: SymbolKind.Event, range: r, selectionRange: r } as DocumentSymbol;
  });
  const dg = group(t('dates'), SymbolKind.Namespace, dates, article.dates.length);
  if (dg) out.push(dg);
  return out;
}
