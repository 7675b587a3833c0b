/**
 * Server entry. Transport is chosen from the command line by vscode-languageserver:
 * `--stdio` (Neovim, Emacs, any LSP editor), `--node-ipc` (the VS Code client), `--socket=N`.
 * Loads the NER models once (node/models.ts) and the Node file-system host, and passes both to the server.
 * The same bundle, started as a worker thread by node/indexer.ts, is an index worker (node/index-worker.ts).
 */
import { isMainThread, workerData } from 'node:worker_threads';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { nodeHost } from './node/host';
import { runIndexWorker } from './node/index-worker';
import { WORKER_FLAG } from './node/indexer';
import { loadNerModels } from './node/models';
import { startServer } from './server';

if (!isMainThread && (workerData as Record<string, unknown> | undefined)?.[WORKER_FLAG]) {
  runIndexWorker();
} else {
  if (!process.argv.some((a) => a === '--stdio' || a === '--node-ipc' || a.startsWith('--socket') || a.startsWith('--pipe'))) {
    process.argv.push('--stdio');
  }
  const connection = createConnection(ProposedFeatures.all);
  const models = loadNerModels();
  startServer(connection, { resources: { ner: models.ner }, host: nodeHost({ workerScript: __filename }) });
  for (const p of models.problems) connection.console.warn(`[models] ${p}`);
}
