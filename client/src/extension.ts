/**
 * The extension: starts the Article Lens language server over IPC and wires the palette commands.
 * activate/deactivate only; commands live in commands.ts, the report in report.ts, the status item in status.ts.
 */
import * as vscode from 'vscode';
import {
  CloseAction,
  CloseHandlerResult,
  ErrorAction,
  ErrorHandler,
  ErrorHandlerResult,
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  TransportKind,
} from 'vscode-languageclient/node';
import { Commands, InitializationOptions, Notifications } from '../../server/src/protocol';
import { registerCommands } from './commands';
import { StatusItem } from './status';

let client: LanguageClient | undefined;

export function selectorFor(languages: readonly string[]): LanguageClientOptions['documentSelector'] {
  return languages.flatMap((language) => [
    { scheme: 'file', language },
    { scheme: 'untitled', language },
    { scheme: 'vscode-remote', language },
  ]);
}

/**
 * Crash recovery: restart the server after a crash, at most `max` times in `windowMs`; past that, stop and say so
 * with buttons to restart by hand or read the log.
 */
export class RestartingErrorHandler implements ErrorHandler {
  private crashes: number[] = [];
  constructor(private readonly output: vscode.LogOutputChannel, private readonly max = 4, private readonly windowMs = 3 * 60_000, private readonly now = () => Date.now()) {}

  error(_error: Error, _message: unknown, count: number | undefined): ErrorHandlerResult {
    return { action: count !== undefined && count <= 3 ? ErrorAction.Continue : ErrorAction.Shutdown };
  }

  closed(): CloseHandlerResult {
    const t = this.now();
    this.crashes = this.crashes.filter((c) => t - c < this.windowMs);
    this.crashes.push(t);
    if (this.crashes.length <= this.max) {
      this.output.warn(`the language server stopped; restarting (${this.crashes.length} of ${this.max} in ${this.windowMs / 60000} min)`);
      return { action: CloseAction.Restart, handled: true };
    }
    const restart = vscode.l10n.t('Restart Server');
    const show = vscode.l10n.t('Show Output');
    void vscode.window
      .showErrorMessage(vscode.l10n.t('The Article Lens server stopped {0} times in {1} minutes and was not restarted.', this.crashes.length, this.windowMs / 60000), restart, show)
      .then((a) => {
        if (a === restart) void vscode.commands.executeCommand(Commands.restartServer);
        if (a === show) this.output.show(true);
      });
    this.crashes = [];
    return { action: CloseAction.DoNotRestart, handled: true };
  }
}

export function createClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): LanguageClient {
  const serverModule = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  const languages = vscode.workspace.getConfiguration('articleLens').get<string[]>('languages') ?? ['article', 'plaintext', 'markdown'];
  const initializationOptions: InitializationOptions = { trusted: vscode.workspace.isTrusted, htmlHover: true };
  const watcher = vscode.workspace.createFileSystemWatcher('**/{.article-lens/**,*.stylebook.json,*.stylebook.{yaml,yml}}');
  context.subscriptions.push(watcher);
  const clientOptions: LanguageClientOptions = {
    documentSelector: selectorFor(languages),
    synchronize: {
      configurationSection: 'articleLens',
      // The style book: the server analyzes again when it changes ('Add Spelling to Style Book', hand edits).
      fileEvents: watcher,
    },
    initializationOptions,
    outputChannel: output,
    traceOutputChannel: output,
    errorHandler: new RestartingErrorHandler(output),
    // Hover cards wrap Arabic in <div dir="rtl">.
    markdown: { supportHtml: true, isTrusted: false },
  };
  return new LanguageClient('articleLens', 'Article Lens', serverOptions, clientOptions);
}

/** How long activation took (ms from `activate` being called): until the server answered `initialize`. */
export interface ActivationTimings {
  /** `activate` called -> language client started (server process spawned, models loaded, initialize answered). */
  serverReadyMs: number;
}

export async function activate(context: vscode.ExtensionContext): Promise<{ client: () => LanguageClient | undefined; timings: () => ActivationTimings | undefined }> {
  const t0 = performance.now();
  const output = vscode.window.createOutputChannel('Article Lens', { log: true });
  const status = new StatusItem(() => client);
  context.subscriptions.push(output, status);
  client = createClient(context, output);
  status.starting();
  registerCommands(context, {
    client: () => client,
    output,
    restart: async () => {
      if (client) await client.stop().catch(() => undefined);
      client = createClient(context, output);
      status.starting();
      await client.start();
      status.running();
    },
  });
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration(async (e) => {
      if (e.affectsConfiguration('articleLens.languages')) await vscode.commands.executeCommand(Commands.restartServer);
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      void client?.sendNotification(Notifications.trust, { trusted: true });
    }),
  );
  await client.start();
  status.running();
  const timings: ActivationTimings = { serverReadyMs: Math.round(performance.now() - t0) };
  output.info(`activated: server ready in ${timings.serverReadyMs} ms`);
  return { client: () => client, timings: () => timings };
}

export async function deactivate(): Promise<void> {
  if (client) await client.stop();
  client = undefined;
}
