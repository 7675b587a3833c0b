/**
 * How the server process is started: the Node flags every launcher of `dist/server.js` passes (the VS Code client,
 * client/src/extension.ts, and the bench, which starts the server the way the client does; an editor that runs
 * `node dist/server.js --stdio` without them gets a server that works the same, with V8's default nursery).
 *
 * `--max-semi-space-size=2`: the main thread's young generation stays at 2 MB semi-spaces instead of growing to V8's
 * 16 MB. The main thread answers the editor while the index workers (node/indexer.ts, whose own young generation is
 * bounded by their resourceLimits) scan the workspace; its garbage is per request, and a grown nursery is ~28 MB of
 * committed memory at the process's peak. It must be on the command line: a thread's maximum nursery is fixed when
 * the thread starts (`v8.setFlagsFromString` at run time changes nothing, and `--semi-space-growth-factor=1` set at
 * run time did not keep the server's nursery from growing either: 32 MB at the end of a scan). Measured: see
 * index-worker.ts. The cost of the smaller nursery on one big text (the CLI, cold, 60,000-word Arabic and English
 * articles from bench/corpus.ts longArticle, three runs each): 1.50-1.53 s wall with the flag, 1.45-1.50 s without.
 */
export const SERVER_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=2'];
