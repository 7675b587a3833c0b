import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { Commands } from '../../server/src/protocol';

export interface CommandContext {
  client: () => LanguageClient | undefined;
  output: vscode.LogOutputChannel;
  restart: () => Promise<void>;
}

/** Every palette command of the extension, registered from one table. */
export function commandTable(ctx: CommandContext): Record<string, (...args: unknown[]) => unknown> {
  return {
    [Commands.restartServer]: () => ctx.restart(),
    [Commands.showOutput]: () => ctx.output.show(true),
  };
}

export function registerCommands(context: vscode.ExtensionContext, ctx: CommandContext): void {
  for (const [id, fn] of Object.entries(commandTable(ctx))) {
    context.subscriptions.push(vscode.commands.registerCommand(id, fn));
  }
}
