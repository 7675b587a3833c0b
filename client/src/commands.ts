/**
 * Every palette command of the extension, registered from one table (ids in server/src/protocol.ts).
 * Thin: each asks the server (custom requests) or edits settings/files, then shows the result.
 */
import * as vscode from 'vscode';
import { WorkDoneProgress, type LanguageClient } from 'vscode-languageclient/node';
import { isValidDate, readIsoDate } from '../../server/src/core/dates/calendar';
import { addToStylebook } from '../../server/src/core/stylebook/edit';
import { CheckWorkspaceResult, Commands, EntityReport, FixAllResult, Requests } from '../../server/src/protocol';
import { toCsv, toJson } from './exportFormat';
import { ReportPanel } from './report';

export interface CommandContext {
  client: () => LanguageClient | undefined;
  output: vscode.LogOutputChannel;
  restart: () => Promise<void>;
}

const ARTICLE_LANGUAGES = ['article', 'plaintext', 'markdown'];

/** The active article editor, or a message saying there is none. */
function activeArticle(): vscode.TextEditor | undefined {
  const ed = vscode.window.activeTextEditor;
  if (ed && ARTICLE_LANGUAGES.includes(ed.document.languageId)) return ed;
  void vscode.window.showInformationMessage(vscode.l10n.t('Open an article first (a .article, .news, text or Markdown file).'));
  return undefined;
}

function running(ctx: CommandContext): LanguageClient | undefined {
  const c = ctx.client();
  if (c?.isRunning()) return c;
  void vscode.window.showWarningMessage(vscode.l10n.t('The Article Lens server is not running.'), vscode.l10n.t('Restart Server')).then((a) => {
    if (a) void vscode.commands.executeCommand(Commands.restartServer);
  });
  return undefined;
}

/** A valid calendar day written YYYY-MM-DD, or empty (clears the setting). */
export function validatePublicationDate(s: string): string | undefined {
  const t = s.trim();
  if (!t) return undefined;
  const d = readIsoDate(t);
  if (!d) return vscode.l10n.t('Write the date as YYYY-MM-DD, e.g. 2016-11-30.');
  if (!isValidDate(d)) return vscode.l10n.t('{0} is not a day of the calendar.', t);
  return undefined;
}

async function setPublicationDate(ctx: CommandContext): Promise<void> {
  const ed = activeArticle();
  if (!ed) return;
  const uri = ed.document.uri;
  const cfg = vscode.workspace.getConfiguration('articleLens', uri);
  let current = cfg.get<string>('publicationDate') ?? '';
  if (!current) {
    const summary = await ctx.client()?.sendRequest<{ publicationDate?: string } | null>(Requests.articleSummary, { uri: uri.toString() }).catch(() => null);
    current = summary?.publicationDate ?? '';
  }
  const value = await vscode.window.showInputBox({
    title: vscode.l10n.t('Publication date'),
    prompt: vscode.l10n.t("YYYY-MM-DD; resolves 'yesterday', 'أمس' and weekdays. Empty: read it from the article."),
    value: current,
    placeHolder: '2016-11-30',
    validateInput: validatePublicationDate,
  });
  if (value === undefined) return;
  // Stored in the setting articleLens.publicationDate of the article's workspace folder (.vscode/settings.json),
  // of the workspace when the file is outside every folder, else in the user settings.
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  const target = folder ? vscode.ConfigurationTarget.WorkspaceFolder : vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  await cfg.update('publicationDate', value.trim(), target);
  const where = target === vscode.ConfigurationTarget.WorkspaceFolder ? vscode.l10n.t('the settings of folder {0}', folder!.name) : target === vscode.ConfigurationTarget.Workspace ? vscode.l10n.t('the workspace settings') : vscode.l10n.t('your user settings');
  void vscode.window.showInformationMessage(value.trim() ? vscode.l10n.t('Publication date {0} saved in {1} (articleLens.publicationDate).', value.trim(), where) : vscode.l10n.t('Publication date cleared in {0}.', where));
}

async function fixAllNameVariants(ctx: CommandContext): Promise<void> {
  const ed = activeArticle();
  const c = running(ctx);
  if (!ed || !c) return;
  const doc = ed.document;
  const r = await c.sendRequest<FixAllResult | null>(Requests.fixAll, { uri: doc.uri.toString() });
  if (!r || r.edits.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No name variants to fix.'));
    return;
  }
  if (r.version !== doc.version) {
    void vscode.window.showWarningMessage(vscode.l10n.t('The article changed while the fixes were computed; run the command again.'));
    return;
  }
  const we = new vscode.WorkspaceEdit();
  for (const e of r.edits) we.replace(doc.uri, c.protocol2CodeConverter.asRange(e.range), e.newText);
  const ok = await vscode.workspace.applyEdit(we);
  if (ok) void vscode.window.showInformationMessage(vscode.l10n.t('Fixed {0} name spelling(s).', r.edits.length));
}

async function exportEntities(ctx: CommandContext): Promise<void> {
  const ed = activeArticle();
  const c = running(ctx);
  if (!ed || !c) return;
  const report = await c.sendRequest<EntityReport | null>(Requests.entityReport, { uri: ed.document.uri.toString() });
  if (!report) return;
  const base = ed.document.uri.path.split('/').pop()!.replace(/\.[^.]*$/, '') || 'article';
  const dir = vscode.workspace.getWorkspaceFolder(ed.document.uri)?.uri ?? (ed.document.uri.scheme === 'file' ? vscode.Uri.joinPath(ed.document.uri, '..') : undefined);
  const target = await vscode.window.showSaveDialog({
    title: vscode.l10n.t('Export Entities'),
    defaultUri: dir ? vscode.Uri.joinPath(dir, `${base}.entities.json`) : undefined,
    filters: { JSON: ['json'], CSV: ['csv'] },
  });
  if (!target) return;
  const csv = /\.csv$/i.test(target.path);
  const text = csv ? toCsv(report) : toJson(report, ed.document.uri.toString());
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
  void vscode.window.showInformationMessage(vscode.l10n.t('Exported {0} entities to {1}.', report.entities.length, target.path.split('/').pop()!));
}

/** 'Add Spelling to Style Book': from a name.variant quick fix ({ preferred, variant }) or the selection. */
async function addSpelling(ctx: CommandContext, arg?: { preferred?: string; variant?: string }): Promise<void> {
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showWarningMessage(vscode.l10n.t('The style book is off in an untrusted workspace.'));
    return;
  }
  const ed = vscode.window.activeTextEditor;
  let preferred = arg?.preferred;
  let variant = arg?.variant;
  if (!preferred) {
    const sel = ed && !ed.selection.isEmpty ? ed.document.getText(ed.selection).trim() : '';
    preferred = await vscode.window.showInputBox({ title: vscode.l10n.t('Preferred spelling'), value: sel, validateInput: (s) => (s.trim() ? undefined : vscode.l10n.t('Write the spelling the newsroom uses.')) });
    if (!preferred) return;
    variant = await vscode.window.showInputBox({ title: vscode.l10n.t('A variant to flag (optional)'), prompt: vscode.l10n.t('A spelling the style book should replace with {0}.', preferred) });
    if (variant === undefined) return;
  }
  const docUri = ed?.document.uri;
  const folder = (docUri && vscode.workspace.getWorkspaceFolder(docUri)) ?? vscode.workspace.workspaceFolders?.[0];
  if (!folder) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Open a folder: the style book lives in the workspace.'));
    return;
  }
  const rel = vscode.workspace.getConfiguration('articleLens', folder.uri).get<string>('stylebookPath') || '.article-lens/stylebook.json';
  const file = vscode.Uri.joinPath(folder.uri, rel);
  let text = '';
  try {
    text = new TextDecoder().decode(await vscode.workspace.fs.readFile(file));
  } catch {
    text = '';
  }
  const r = addToStylebook(text, /\.ya?ml$/i.test(rel) ? 'yaml' : 'json', { preferred, variant: variant?.trim() || undefined });
  if ('error' in r) {
    void vscode.window.showErrorMessage(r.error);
    return;
  }
  await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(r.text));
  ctx.output.info(`style book: added ${preferred}${variant ? ` (variant ${variant})` : ''} to ${file.toString()}`);
  const open = vscode.l10n.t('Open Style Book');
  void vscode.window.showInformationMessage(vscode.l10n.t("Added '{0}' to the style book.", preferred), open).then((a) => {
    if (a) void vscode.window.showTextDocument(file);
  });
}

async function checkWorkspace(ctx: CommandContext): Promise<void> {
  const c = running(ctx);
  if (!c) return;
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Article Lens: checking the workspace'), cancellable: true },
    async (progress, token) => {
      const workDoneToken = `articleLens-check-${Date.now()}`;
      let last = 0;
      const sub = c.onProgress(WorkDoneProgress.type, workDoneToken, (v) => {
        if (v.kind === 'end') return;
        const pct = v.percentage ?? last;
        progress.report({ message: v.message, increment: Math.max(0, pct - last) });
        last = pct;
      });
      try {
        return await c.sendRequest<CheckWorkspaceResult>(Requests.checkWorkspace, { workDoneToken }, token);
      } finally {
        sub.dispose();
      }
    },
  );
  if (result.reason) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Nothing checked: {0}.', result.reason));
    return;
  }
  await vscode.commands.executeCommand('workbench.actions.view.problems');
  void vscode.window.showInformationMessage(
    vscode.l10n.t('Checked {0} articles: {1} findings in Problems{2}.', result.files, result.diagnostics, result.cancelled ? vscode.l10n.t(' (cancelled)') : ''),
  );
}

export function commandTable(ctx: CommandContext): Record<string, (...args: any[]) => unknown> {
  return {
    [Commands.showReport]: () => {
      const ed = activeArticle();
      if (ed && running(ctx)) return ReportPanel.show(ctx.client, ed.document);
      return undefined;
    },
    [Commands.setPublicationDate]: () => setPublicationDate(ctx),
    [Commands.fixAllNameVariants]: () => fixAllNameVariants(ctx),
    [Commands.exportEntities]: () => exportEntities(ctx),
    [Commands.addToStylebook]: (arg?: { preferred?: string; variant?: string }) => addSpelling(ctx, arg),
    [Commands.checkWorkspace]: () => checkWorkspace(ctx),
    [Commands.restartServer]: () => ctx.restart(),
    [Commands.showOutput]: () => ctx.output.show(true),
  };
}

export function registerCommands(context: vscode.ExtensionContext, ctx: CommandContext): void {
  for (const [id, fn] of Object.entries(commandTable(ctx))) {
    context.subscriptions.push(vscode.commands.registerCommand(id, fn));
  }
}
