/**
 * Server entry. Transport is chosen from the command line by vscode-languageserver:
 * `--stdio` (Neovim, Emacs, any LSP editor), `--node-ipc` (the VS Code client), `--socket=N`.
 * Loads the NER models once (node/models.ts) and the Node file-system host, and passes both to the server.
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { nodeHost } from './node/host';
import { loadNerModels } from './node/models';
import { startServer } from './server';

if (!process.argv.some((a) => a === '--stdio' || a === '--node-ipc' || a.startsWith('--socket') || a.startsWith('--pipe'))) {
  process.argv.push('--stdio');
}
const connection = createConnection(ProposedFeatures.all);
const models = loadNerModels();
startServer(connection, { resources: { ner: models.ner }, host: nodeHost() });
for (const p of models.problems) connection.console.warn(`[models] ${p}`);
