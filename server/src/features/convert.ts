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

export function toDiagnostic(conv: Converter, f: Finding): Diagnostic {
  const related: DiagnosticRelatedInformation[] = f.related.map((r) => ({ location: conv.location(r), message: r.message }));
  return {
    range: conv.range(f),
    severity: SEVERITY[f.severity],
    code: f.code,
    source: 'Article Lens',
    message: f.message,
    relatedInformation: related.length ? related : undefined,
    data: { code: f.code, start: f.start, end: f.end },
  };
}
