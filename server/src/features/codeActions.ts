/**
 * Code actions, derived from `context.diagnostics` (their `code` and `data`), never from a cache: each diagnostic
 * carries its fixes and the document version they were computed for (see convert.ts). A stale diagnostic (another
 * version) gets no action; the editor asks again once the new diagnostics arrive.
 * Plus `source.fixAll.articleLens`: the preferred fix of every name finding of the current analysis.
 */
import { CodeAction, CodeActionKind, CodeActionParams, Command, Diagnostic, TextEdit } from 'vscode-languageserver';
import { fixAll } from '../core/names/fixall';
import type { Article } from '../core/types';
import { Commands } from '../protocol';
import { english, type Messages } from '../l10n';
import type { Converter } from './convert';
import { isDiagnosticData } from './convert';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.articleLens`;
/** The codes `source.fixAll.articleLens` and 'Fix All Name Variants' fix. */
export const FIX_ALL_CODES = ['name.variant', 'name.stylebook'] as const;

const wants = (only: string[] | undefined, kind: string) => !only || only.some((k) => kind === k || kind.startsWith(k + '.'));

export function fixAllEdits(article: Article, conv: Converter): TextEdit[] {
  return fixAll(article, FIX_ALL_CODES).map((e) => ({ range: conv.range(e), newText: e.newText }));
}

export function codeActions(article: Article, conv: Converter, version: number, params: CodeActionParams, t: Messages = english): CodeAction[] {
  const out: CodeAction[] = [];
  const only = params.context.only;
  if (wants(only, CodeActionKind.QuickFix)) {
    for (const diag of params.context.diagnostics) {
      const data = diag.data;
      if (!isDiagnosticData(data) || data.version !== version) continue;
      for (const fix of data.fixes) {
        out.push({
          title: fix.title,
          kind: CodeActionKind.QuickFix,
          diagnostics: [diag],
          isPreferred: !!fix.preferred,
          edit: { changes: { [conv.uri]: fix.edits.map((e) => ({ range: conv.range(e), newText: e.newText })) } },
        });
      }
      const add = stylebookCommand(diag, t);
      if (add) out.push({ title: add.title, kind: CodeActionKind.QuickFix, diagnostics: [diag], command: add });
    }
  }
  if (wants(only, FIX_ALL_KIND) && (only || params.context.diagnostics.some((d) => FIX_ALL_CODES.includes(d.code as never)))) {
    const edits = fixAllEdits(article, conv);
    if (edits.length) out.push({ title: t('fixAll'), kind: FIX_ALL_KIND, edit: { changes: { [conv.uri]: edits } } });
  }
  return out;
}

/** 'Add to style book' for a name variant: the reference spelling as preferred, the flagged one as its variant. */
function stylebookCommand(diag: Diagnostic, t: Messages): Command | undefined {
  if (diag.code !== 'name.variant' || !isDiagnosticData(diag.data)) return undefined;
  const info = diag.data.info as { reference?: string; spelling?: string } | undefined;
  if (!info?.reference || !info.spelling) return undefined;
  return { title: t('addToStylebook', info.reference, info.spelling), command: Commands.addToStylebook, arguments: [{ preferred: info.reference, variant: info.spelling }] };
}
