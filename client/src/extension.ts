/**
 * The extension: starts the Article Lens language server over IPC and wires the palette commands.
 * activate/deactivate only; commands live in commands.ts.
 */
import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from 'vscode-languageclient/node';
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

export function createClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): LanguageClient {
  const serverModule = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  const languages = vscode.workspace.getConfiguration('articleLens').get<string[]>('languages') ?? ['article', 'plaintext', 'markdown'];
  const clientOptions: LanguageClientOptions = {
    documentSelector: selectorFor(languages),
    synchronize: { configurationSection: 'articleLens' },
    outputChannel: output,
    traceOutputChannel: output,
  };
  return new LanguageClient('articleLens', 'Article Lens', serverOptions, clientOptions);
}

export async function activate(context: vscode.ExtensionContext): Promise<{ client: () => LanguageClient | undefined }> {
  const output = vscode.window.createOutputChannel('Article Lens', { log: true });
  const status = new StatusItem(() => client);
  context.subscriptions.push(output, status);
  client = createClient(context, output);
  status.starting();
  registerCommands(context, { client: () => client, output, restart: async () => {
    if (client) await client.stop().catch(() => undefined);
    client = createClient(context, output);
    status.starting();
    await client.start();
    status.running();
  } });
  context.subscriptions.push(vscode.workspace.onDidChangeConfiguration(async (e) => {
    if (e.affectsConfiguration('articleLens.languages')) await vscode.commands.executeCommand('articleLens.restartServer');
  }));
  await client.start();
  status.running();
  return { client: () => client };
}

export async function deactivate(): Promise<void> {
  if (client) await client.stop();
  client = undefined;
}
