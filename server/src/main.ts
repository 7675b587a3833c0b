/**
 * Server entry. Transport is chosen from the command line by vscode-languageserver:
 * `--stdio` (Neovim, Emacs, any LSP editor), `--node-ipc` (the VS Code client), `--socket=N`.
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { nodeHost } from './node/host';
import { startServer } from './server';

if (!process.argv.some((a) => a === '--stdio' || a === '--node-ipc' || a.startsWith('--socket') || a.startsWith('--pipe'))) {
  process.argv.push('--stdio');
}
const connection = createConnection(ProposedFeatures.all);
// The lead wires the loaded models here: startServer(connection, { resources, host }).
startServer(connection, { host: nodeHost() });
