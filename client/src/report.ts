/**
 * Show Entity Report: a webview beside the editor with the entity table and the date timeline of one article.
 * It follows the active article, updates as the article changes, and a click on a row selects the mention.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { EntityReport, Requests } from '../../server/src/protocol';
import { reportBody, reportHtml } from './reportHtml';

export class ReportPanel implements vscode.Disposable {
  static current: ReportPanel | undefined;
  private readonly subs: vscode.Disposable[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private loaded = false;
  /** Resolves each time the webview got new content (used by tests and the 'updates as the article changes' path). */
  readonly onDidUpdate = new vscode.EventEmitter<EntityReport>();

  static show(client: () => LanguageClient | undefined, document: vscode.TextDocument): ReportPanel {
    if (ReportPanel.current) {
      ReportPanel.current.document = document;
      ReportPanel.current.panel.reveal(vscode.ViewColumn.Beside, true);
      void ReportPanel.current.update();
      return ReportPanel.current;
    }
    const panel = vscode.window.createWebviewPanel('articleLens.report', 'Entity Report', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
      enableScripts: true,
      localResourceRoots: [],
      retainContextWhenHidden: false,
    });
    ReportPanel.current = new ReportPanel(panel, client, document);
    return ReportPanel.current;
  }

  private constructor(readonly panel: vscode.WebviewPanel, private readonly client: () => LanguageClient | undefined, private document: vscode.TextDocument) {
    this.subs.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((m: { type?: string; start?: number; end?: number }) => {
        if (m?.type === 'reveal' && typeof m.start === 'number' && typeof m.end === 'number') void this.reveal(m.start, m.end);
      }),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document === this.document) this.schedule();
      }),
      // A new publication date resolves the timeline differently.
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('articleLens', this.document.uri)) this.schedule();
      }),
      vscode.window.onDidChangeActiveTextEditor((ed) => {
        if (ed && ed.document !== this.document && vscode.languages.match([{ language: 'article' }, { language: 'plaintext' }, { language: 'markdown' }], ed.document)) {
          this.document = ed.document;
          this.schedule();
        }
      }),
    );
    void this.update();
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    // Coalesce keystrokes; the server answers from its per-version cache.
    this.timer = setTimeout(() => void this.update(), 250);
  }

  async update(): Promise<void> {
    const c = this.client();
    if (!c) return;
    let report: EntityReport | null = null;
    try {
      report = await c.sendRequest<EntityReport | null>(Requests.entityReport, { uri: this.document.uri.toString() });
    } catch {
      return;
    }
    if (!report) return;
    this.panel.title = `Entity Report: ${this.document.uri.path.split('/').pop()}`;
    if (!this.loaded) {
      const nonce = Array.from({ length: 24 }, () => Math.floor(Math.random() * 36).toString(36)).join('');
      this.panel.webview.html = reportHtml(report, nonce, this.panel.webview.cspSource);
      this.loaded = true;
    } else {
      await this.panel.webview.postMessage({ type: 'update', language: report.language, html: reportBody(report) });
    }
    this.onDidUpdate.fire(report);
  }

  private async reveal(start: number, end: number): Promise<void> {
    const doc = this.document;
    const column = vscode.window.visibleTextEditors.find((e) => e.document === doc)?.viewColumn ?? vscode.ViewColumn.One;
    const editor = await vscode.window.showTextDocument(doc, { viewColumn: column, preserveFocus: false });
    const range = new vscode.Range(doc.positionAt(start), doc.positionAt(end));
    editor.selection = new vscode.Selection(range.start, range.end);
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  private disposed = false;

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (ReportPanel.current === this) ReportPanel.current = undefined;
    if (this.timer) clearTimeout(this.timer);
    this.onDidUpdate.dispose();
    for (const s of this.subs) s.dispose();
    this.panel.dispose();
  }
}
