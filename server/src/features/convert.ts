/**
 * The ONE place where core spans (UTF-16 offsets) become LSP ranges and back.
 */
import { Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, Location, Range } from 'vscode-languageserver';
import type { Finding, Severity, Span } from '../core/types';
import { LineIndex } from '../core/text/lines';

export class Converter {
  readonly index: LineIndex;
  constructor(readonly uri: string, text: string) {
    this.index = new LineIndex(text);
  }
  range(span: Span): Range {
    return { start: this.index.positionAt(span.start), end: this.index.positionAt(span.end) };
  }
  offset(pos: { line: number; character: number }): number {
    return this.index.offsetAt(pos);
  }
  location(span: Span): Location {
    return { uri: this.uri, range: this.range(span) };
  }
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/**
 * What a quick fix needs, carried in `Diagnostic.data` (the server keeps no code-action cache): the document version
 * the offsets belong to, the fixes of the finding (offsets into that version), and the finding's own data.
 */
export interface DiagnosticData {
  code: string;
  version: number;
  start: number;
  end: number;
  fixes: Finding['fixes'];
  info?: unknown;
}

export function isDiagnosticData(x: unknown): x is DiagnosticData {
  const d = x as DiagnosticData | null;
  return !!d && typeof d === 'object' && typeof d.code === 'string' && typeof d.version === 'number' && Array.isArray(d.fixes);
}

/**
 * Quoted right-to-left names inside a message ('شويغو' (2×), 'شويجو' (1×)) are wrapped in Unicode isolates
 * (FSI … PDI), so that in a left-to-right panel the quotes, counts and commas keep their places instead of being
 * pulled into the Arabic run by the bidi algorithm. Presentation only: the text of the names is unchanged.
 */
export function isolateRtl(message: string): string {
  return message.replace(/'([^'\n]*[\u0590-\u08FF][^'\n]*)'/g, "'\u2068$1\u2069'");
}

export function toDiagnostic(conv: Converter, f: Finding, version = 0, elsewhere: Array<{ uri: string; start?: number; end?: number; range?: Range; message: string }> = []): Diagnostic {
  const related: DiagnosticRelatedInformation[] = f.related.map((r) => ({ location: conv.location(r), message: isolateRtl(r.message) }));
  for (const r of elsewhere) {
    related.push({ location: { uri: r.uri, range: r.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }, message: isolateRtl(r.message) });
  }
  return {
    range: conv.range(f),
    severity: SEVERITY[f.severity],
    code: f.code,
    source: 'Article Lens',
    message: isolateRtl(f.message),
    relatedInformation: related.length ? related : undefined,
    data: { code: f.code, version, start: f.start, end: f.end, fixes: f.fixes, info: f.data } satisfies DiagnosticData,
  };
}
