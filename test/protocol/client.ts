/**
 * A real LSP client for protocol tests: starts the BUILT server (`dist/server.js --stdio`) as a child process and
 * talks JSON-RPC to it over the child's stdio (vscode-jsonrpc), as Neovim or any other editor would.
 * Tests wait on events (a diagnostics notification, a response), never on fixed sleeps.
 */
import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, MessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import {
  ClientCapabilities,
  InitializeParams,
  InitializeResult,
  PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol';

export const ROOT = path.resolve(__dirname, '../..');
export const SERVER = path.join(ROOT, 'dist/server.js');
export const SEED = path.join(ROOT, 'seeds/000_36fff38b519712a3.txt');

export interface StartOptions {
  /** Advertise pull diagnostics (`textDocument/diagnostic`); otherwise the server pushes. */
  pull?: boolean;
  /** Answer `workspace/configuration` with these `articleLens` settings (omitted: the client has no configuration). */
  settings?: Record<string, unknown>;
  workspaceFolder?: string;
  locale?: string;
  initializationOptions?: Record<string, unknown>;
  workDoneProgress?: boolean;
}

export class TestClient {
  readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  readonly progress: unknown[] = [];
  readonly logs: string[] = [];
  private waiters: Array<{ uri: string; pred: (p: PublishDiagnosticsParams) => boolean; resolve: (p: PublishDiagnosticsParams) => void }> = [];
  private versions = new Map<string, number>();
  private progressWaiters: Array<{ pred: (p: unknown) => boolean; resolve: (p: unknown) => void }> = [];
  initializeResult!: InitializeResult;
  exited: Promise<number | null>;

  constructor(readonly child: ChildProcess, readonly conn: MessageConnection, public settings: Record<string, unknown> | undefined) {
    this.exited = new Promise((res) => child.once('exit', (code) => res(code)));
    conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      this.diagnostics.set(p.uri, p);
      this.waiters = this.waiters.filter((w) => {
        if (w.uri !== p.uri || !w.pred(p)) return true;
        w.resolve(p);
        return false;
      });
    });
    conn.onNotification('window/logMessage', (p: { message: string }) => void this.logs.push(p.message));
    conn.onNotification('$/progress', (p: unknown) => {
      this.progress.push(p);
      this.progressWaiters = this.progressWaiters.filter((w) => (w.pred(p) ? (w.resolve(p), false) : true));
    });
    conn.onRequest('workspace/configuration', (p: { items: Array<{ section?: string }> }) =>
      p.items.map((i) => (i.section === 'articleLens' ? this.settings ?? {} : null)),
    );
    conn.onRequest('client/registerCapability', () => null);
    conn.onRequest('window/workDoneProgress/create', () => null);
    conn.onRequest('workspace/diagnostic/refresh', () => null);
    conn.onRequest('workspace/semanticTokens/refresh', () => null);
    conn.onRequest('workspace/inlayHint/refresh', () => null);
  }

  /** The next diagnostics notification for `uri` that satisfies `pred` (or the last one, if it already does). */
  waitForDiagnostics(uri: string, pred: (p: PublishDiagnosticsParams) => boolean = () => true): Promise<PublishDiagnosticsParams> {
    const have = this.diagnostics.get(uri);
    if (have && pred(have)) return Promise.resolve(have);
    return new Promise((resolve) => this.waiters.push({ uri, pred, resolve }));
  }

  /** The first `$/progress` notification (already received or to come) that satisfies `pred`. */
  waitForProgress(pred: (p: { token: unknown; value: { kind: string; message?: string } }) => boolean): Promise<unknown> {
    const p = pred as (p: unknown) => boolean;
    const have = this.progress.find(p);
    if (have) return Promise.resolve(have);
    return new Promise((resolve) => this.progressWaiters.push({ pred: p, resolve }));
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.conn.sendRequest(method, params) as Promise<R>;
  }

  open(uri: string, text: string, languageId = 'article'): void {
    this.versions.set(uri, 1);
    void this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
  }

  /** Replace the whole text; returns the new version. */
  change(uri: string, text: string): number {
    const v = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, v);
    void this.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [{ text }] });
    return v;
  }

  version(uri: string): number {
    return this.versions.get(uri) ?? 0;
  }

  close(uri: string): void {
    void this.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  async stop(): Promise<number | null> {
    if (this.child.exitCode !== null) return this.child.exitCode;
    try {
      await this.conn.sendRequest('shutdown');
      void this.conn.sendNotification('exit');
    } catch {
      this.child.kill();
    }
    const code = await this.exited;
    this.conn.dispose();
    return code;
  }
}

export function fileUri(p: string): string {
  return pathToFileURL(p).href;
}

export async function startClient(opts: StartOptions = {}): Promise<TestClient> {
  if (!fs.existsSync(SERVER)) throw new Error('dist/server.js is missing: run `npm run build` first');
  const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  child.stderr!.on('data', () => undefined);
  const conn = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const client = new TestClient(child, conn, opts.settings);
  conn.listen();
  const capabilities: ClientCapabilities = {
    workspace: {
      configuration: opts.settings !== undefined,
      workspaceFolders: true,
      diagnostics: { refreshSupport: true },
      semanticTokens: { refreshSupport: true },
      inlayHint: { refreshSupport: true },
    },
    window: { workDoneProgress: !!opts.workDoneProgress },
    textDocument: {
      synchronization: { dynamicRegistration: false },
      publishDiagnostics: { relatedInformation: true, versionSupport: true },
      documentSymbol: { hierarchicalDocumentSymbolSupport: true },
      hover: { contentFormat: ['markdown', 'plaintext'] },
      rename: { prepareSupport: true },
      codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source.fixAll'] } }, dataSupport: true },
      semanticTokens: { requests: { full: true, range: true }, tokenTypes: ['person', 'organization', 'location', 'date'], tokenModifiers: [], formats: ['relative'] },
      inlayHint: {},
      ...(opts.pull ? { diagnostic: { relatedDocumentSupport: false } } : {}),
    },
  };
  const folder = opts.workspaceFolder;
  const params: InitializeParams = {
    processId: process.pid,
    rootUri: folder ? fileUri(folder) : null,
    workspaceFolders: folder ? [{ uri: fileUri(folder), name: path.basename(folder) }] : null,
    capabilities,
    locale: opts.locale,
    initializationOptions: opts.initializationOptions,
  };
  client.initializeResult = await conn.sendRequest('initialize', params);
  void conn.sendNotification('initialized', {});
  return client;
}
