import { DocumentSymbol, SymbolKind } from 'vscode-languageserver';
import type { Article, Entity, EntityType } from '../core/types';
import type { Converter } from './convert';

function snippet(text: string, max = 60): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > max ? t.slice(0, max - 1) + '…' : t;
}

function group(name: string, kind: SymbolKind, children: DocumentSymbol[]): DocumentSymbol | undefined {
  if (children.length === 0) return undefined;
  const first = children[0];
  const last = children.reduce((a, c) => (comparePos(c.range.end, a.range.end) > 0 ? c : a), first);
  const start = children.reduce((a, c) => (comparePos(c.range.start, a.range.start) < 0 ? c : a), first);
  return {
    name,
    detail: String(children.length),
    kind,
    range: { start: start.range.start, end: last.range.end },
    selectionRange: start.selectionRange,
    children,
  };
}

function comparePos(a: { line: number; character: number }, b: { line: number; character: number }): number {
  return a.line - b.line || a.character - b.character;
}

const GROUPS: { type: EntityType; title: string; kind: SymbolKind; entityKind: SymbolKind }[] = [
  { type: 'person', title: 'People', kind: SymbolKind.Namespace, entityKind: SymbolKind.Object },
  { type: 'organization', title: 'Organizations', kind: SymbolKind.Namespace, entityKind: SymbolKind.Class },
  { type: 'location', title: 'Places', kind: SymbolKind.Namespace, entityKind: SymbolKind.Module },
  { type: 'misc', title: 'Other', kind: SymbolKind.Namespace, entityKind: SymbolKind.Constant },
];

function entitySymbol(conv: Converter, e: Entity, kind: SymbolKind): DocumentSymbol {
  const first = e.mentions[0];
  const range = conv.range(first);
  return {
    name: e.name,
    detail: e.roles[0]?.text ?? '',
    kind,
    range,
    selectionRange: range,
    children: e.mentions.map((m) => {
      const r = conv.range(m);
      return { name: m.text, detail: `${r.start.line + 1}:${r.start.character + 1}`, kind: SymbolKind.Field, range: r, selectionRange: r };
    }),
  };
}

/** The Outline: Structure, then People / Organizations / Places / Dates, entities in order of first appearance. */
export function documentSymbols(article: Article, conv: Converter): DocumentSymbol[] {
  const out: DocumentSymbol[] = [];
  const s = article.structure;
  const structure: DocumentSymbol[] = [];
  if (s.headline) {
    const r = conv.range(s.headline);
    structure.push({ name: snippet(s.headline.text), detail: 'headline', kind: SymbolKind.String, range: r, selectionRange: r });
  }
  if (s.dateline) {
    const r = conv.range(s.dateline);
    structure.push({ name: snippet(s.dateline.text), detail: 'dateline', kind: SymbolKind.Event, range: r, selectionRange: r });
  }
  for (const p of s.paragraphs) {
    const r = conv.range(p);
    const quotes = s.quotations
      .filter((q) => q.start >= p.start && q.end <= p.end)
      .map((q) => {
        const qr = conv.range(q);
        return { name: snippet(article.text.slice(q.start, q.end), 50), detail: 'quotation', kind: SymbolKind.String, range: qr, selectionRange: qr };
      });
    structure.push({
      name: `¶${p.index} ${snippet(article.text.slice(p.start, p.end), 40)}`,
      detail: 'paragraph',
      kind: SymbolKind.Key,
      range: r,
      selectionRange: { start: r.start, end: r.start },
      children: quotes,
    });
  }
  const g = group('Structure', SymbolKind.File, structure);
  if (g) out.push(g);
  for (const { type, title, kind, entityKind } of GROUPS) {
    const entities = article.entities.filter((e) => e.type === type && e.mentions.length > 0);
    const sym = group(title, kind, entities.map((e) => entitySymbol(conv, e, entityKind)));
    if (sym) out.push(sym);
  }
  const dates = article.dates.map((d) => {
    const r = conv.range(d);
    const detail = d.value ? `${d.value.year}-${String(d.value.month).padStart(2, '0')}-${String(d.value.day).padStart(2, '0')}` : d.unresolved ?? '';
    return { name: d.text, detail, kind: SymbolKind.Event, range: r, selectionRange: r } as DocumentSymbol;
  });
  const dg = group('Dates', SymbolKind.Namespace, dates);
  if (dg) out.push(dg);
  return out;
}
