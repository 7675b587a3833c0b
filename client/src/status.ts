import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ArticleSummary, Commands, Requests } from '../../server/src/protocol';

/** The status bar item: the server state and the entity count of the active article. */
export class StatusItem implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('articleLens.status', vscode.StatusBarAlignment.Right, 100);
  private readonly subs: vscode.Disposable[] = [];
  private state: 'starting' | 'running' | 'stopped' = 'starting';

  constructor(private readonly client: () => LanguageClient | undefined) {
    this.item.name = 'Article Lens';
    this.item.command = Commands.showOutput;
    this.subs.push(
      vscode.window.onDidChangeActiveTextEditor(() => void this.refresh()),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document === vscode.window.activeTextEditor?.document) void this.refresh();
      }),
      vscode.languages.onDidChangeDiagnostics(() => void this.refresh()),
    );
    this.render();
    this.item.show();
  }

  starting(): void {
    this.state = 'starting';
    this.render();
  }

  running(): void {
    this.state = 'running';
    void this.refresh();
  }

  private render(summary?: ArticleSummary | null): void {
    if (this.state !== 'running') {
      this.item.text = '$(sync~spin) Article Lens';
      this.item.tooltip = 'Article Lens: starting the language server';
      return;
    }
    if (summary) {
      this.item.text = `$(person) ${summary.entityCount} $(warning) ${summary.diagnosticCount}`;
      this.item.tooltip = `Article Lens: ${summary.entityCount} entities, ${summary.diagnosticCount} findings` +
        (summary.publicationDate ? `, published ${summary.publicationDate}` : ', no publication date');
    } else {
      this.item.text = '$(check) Article Lens';
      this.item.tooltip = 'Article Lens: server running';
    }
  }

  async refresh(): Promise<void> {
    const c = this.client();
    const doc = vscode.window.activeTextEditor?.document;
    if (!c || this.state !== 'running' || !doc) return this.render();
    try {
      const summary = await c.sendRequest<ArticleSummary | null>(Requests.articleSummary, { uri: doc.uri.toString() });
      this.render(summary);
    } catch {
      this.render();
    }
  }

  dispose(): void {
    this.item.dispose();
    for (const s of this.subs) s.dispose();
  }
}
