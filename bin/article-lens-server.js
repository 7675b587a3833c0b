#!/usr/bin/env node
'use strict';
// The language server for any LSP editor: `article-lens-server --stdio`. It runs in a Node process started with the
// server's Node flags (SERVER_NODE_FLAGS in server/src/node/launch.ts: a thread's young generation is fixed when the
// thread starts, so the flag must be on the command line); when this process was not started with them, it starts
// the server in a child process that has them and shares this process's stdin/stdout/stderr, passes signals on and
// exits with the child's code. test/unit/launch.test.ts keeps FLAGS equal to SERVER_NODE_FLAGS.
const path = require('node:path');
const FLAGS = ['--max-semi-space-size=2'];
const server = path.join(__dirname, '..', 'dist', 'server.js');

if (FLAGS.every((f) => process.execArgv.includes(f))) {
  require(server);
} else {
  const { spawn } = require('node:child_process');
  const child = spawn(process.execPath, [...process.execArgv, ...FLAGS, server, ...process.argv.slice(2)], { stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
  child.on('error', (e) => {
    process.stderr.write(`article-lens-server: cannot start the server: ${e.message}\n`);
    process.exit(1);
  });
}
