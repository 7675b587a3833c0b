/**
 * Server entry. Transport is chosen from the command line by vscode-languageserver:
 * `--stdio` (Neovim, Emacs, any LSP editor), `--node-ipc` (the VS Code client), `--socket=N`.
 * Gives the server the NER models (node/models.ts), each loaded on the first analysis of a text in its language (a
 * server that only indexes the workspace, which its worker threads do, never holds them: ~40 MB of heap and array
 * buffers for both), and the Node file-system host.
 * The same bundle, started as a worker thread by node/indexer.ts, is an index worker (node/index-worker.ts).
 */
import { isMainThread, workerData } from 'node:worker_threads';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { nodeHost } from './node/host';
import { runIndexWorker } from './node/index-worker';
import { WORKER_FLAG } from './node/indexer';
import { lazyNer } from './node/models';
import { startServer } from './server';

if (!isMainThread && (workerData as Record<string, unknown> | undefined)?.[WORKER_FLAG]) {
  runIndexWorker();
} else {
  if (!process.argv.some((a) => a === '--stdio' || a === '--node-ipc' || a.startsWith('--socket') || a.startsWith('--pipe'))) {
    process.argv.push('--stdio');
  }
  const connection = createConnection(ProposedFeatures.all);
  const ner = lazyNer({ onProblem: (p) => connection.console.warn(`[models] ${p}`) });
  startServer(connection, { resources: { ner }, host: nodeHost({ workerScript: __filename }) });
}
