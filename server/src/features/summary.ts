/**
 * What the workspace scan keeps of a file that is not open: the small per-file summary the cross-article name index
 * (core/names/workspace.ts) reads, the line starts that turn its offsets into positions, and, for Check Workspace,
 * the file's diagnostics already converted to LSP. Built by the same function on the main thread and in the index
 * worker threads (server/src/node/index-worker.ts), and small enough to cross threads cheaply: whole Articles
 * (text, structure, dates, findings with fixes) never leave the thread that analyzed them.
 */
import type { Diagnostic } from 'vscode-languageserver';
import type { AnalyzeOptions } from '../core/analyze';
import { readIsoDate } from '../core/dates/calendar';
import { NAME_TYPES } from '../core/names/variants';
import type { Stylebook } from '../core/stylebook/model';
import { lineStarts, type Position, positionIn } from '../core/text/lines';
import type { Article, Entity, Language, Severity } from '../core/types';
import type { ServerHost } from '../node/host';
import type { IndexOutcome } from '../node/indexer';
import type { Settings } from '../protocol';
import { Converter, toDiagnostic } from './convert';
import { localizeFinding } from './localize';

export interface FileSummary {
  uri: string;
  language: Language;
  /**
   * The person, organization and place entities (no roles), each with the FIRST mention of each distinct spelling
   * only: what `WorkspaceNameIndex.set` reads. The index answers the same for them as for every mention (which
   * spellings an article uses, where a spelling first occurs, the first mention of an entity) while keeping a
   * fraction of the parts; an article that is opened is indexed again from its whole analysis.
   */
  entities: Entity[];
  /** UTF-16 offset of every line start (the first is 0). */
  lineStarts: number[];
  diagnosticCount: number;
  /** The file's own diagnostics (Check Workspace), localized; `version` in their data is -1. */
  diagnostics?: Diagnostic[];
}

/** The file name part of a URI, decoded. */
export function fileName(uri: string): string {
  try {
    return decodeURIComponent(uri.slice(uri.lastIndexOf('/') + 1));
  } catch {
    return uri.slice(uri.lastIndexOf('/') + 1);
  }
}

/** The analysis options the settings give a file (the server's open documents and the scan alike). */
export function articleOptions(uri: string, s: Settings, stylebook: Stylebook | undefined): AnalyzeOptions {
  const date = s.publicationDate ? readIsoDate(s.publicationDate.trim()) : undefined;
  return {
    fileName: fileName(uri),
    publicationDate: date,
    severities: s.diagnostics as Record<string, Severity | 'off'>,
    stylebook,
  };
}

/** Offset -> position from line starts alone (the text itself is not kept). */
export class LinePositions {
  constructor(private readonly starts: readonly number[]) {}
  positionAt(offset: number): Position {
    return positionIn(this.starts, offset);
  }
}

export function summarize(uri: string, article: Article, withDiagnostics: boolean, locale: string | undefined): FileSummary {
  const entities: Entity[] = [];
  for (const e of article.entities) {
    if (!NAME_TYPES.includes(e.type) || e.mentions.length === 0) continue;
    const seen = new Set<string>();
    const mentions: Entity['mentions'] = [];
    for (const m of e.mentions) {
      if (seen.has(m.text)) continue;
      seen.add(m.text);
      mentions.push({ start: m.start, end: m.end, text: m.text });
    }
    entities.push({ id: e.id, type: e.type, name: e.name, mentions, roles: [] });
  }
  const summary: FileSummary = { uri, language: article.language, entities, lineStarts: lineStarts(article.text), diagnosticCount: article.diagnostics.length };
  if (withDiagnostics) {
    const conv = new Converter(uri, article.text);
    summary.diagnostics = article.diagnostics.map((f) => toDiagnostic(conv, localizeFinding(f, locale), -1));
  }
  return summary;
}

/**
 * One workspace file of the scan: read through `host` (skipped when unreadable, over `maxFileSizeKB` or not UTF-8
 * text), analyzed by `analyzeFile` and summarized. The same steps on the server thread and in the index workers.
 */
export function indexFile(
  host: Pick<ServerHost, 'size' | 'read'>,
  uri: string,
  s: Settings,
  analyzeFile: (text: string) => Article,
  withDiagnostics: boolean,
  locale: string | undefined,
): IndexOutcome {
  const size = host.size(uri);
  if (size === undefined) return { skipped: 'unreadable' };
  if (size > s.maxFileSizeKB * 1024) return { skipped: 'over the size limit' };
  const text = host.read(uri);
  if (text === undefined) return { skipped: 'unreadable or not UTF-8 text' };
  return { summary: summarize(uri, analyzeFile(text), withDiagnostics, locale) };
}
