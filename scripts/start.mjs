// `npm start`: builds, then opens seeds/ in VS Code with Article Lens.
//   - With a local `code` command (VS Code desktop): packages the .vsix, installs it (`code --install-extension`)
//     and opens the folder.
//   - Otherwise: VS Code for the web. Installs code-server into .cache/ on first run (scripts/setup-editors.mjs),
//     starts it on 127.0.0.1 with the extension linked from this repository, and prints the address to open.
//     Ctrl+C stops it.
// Options: --web (use code-server even when `code` exists), --port N (default 8080, or a free one if taken),
//          --smoke (start, check that VS Code answers with the extension in place, stop; for tests and CI).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cacheDir, repoRoot } from './editors-env.mjs';

const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const opt = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const say = (msg) => console.log(`[start] ${msg}`);
const seeds = path.join(repoRoot, 'seeds');

function run(cmd, argv, opts = {}) {
  const r = spawnSync(cmd, argv, { stdio: 'inherit', cwd: repoRoot, ...opts });
  if (r.status !== 0) {
    console.error(`[start] ${cmd} ${argv.join(' ')} failed (${r.status ?? r.signal})`);
    process.exit(1);
  }
}

function hasCode() {
  if (process.env.ARTICLE_LENS_NO_DESKTOP) return false;
  const r = spawnSync('code', ['--version'], { encoding: 'utf8' });
  // code-server also installs a `code-server`, never a `code`; a `code` that is a remote CLI shim still works.
  return r.status === 0 && /^\d+\.\d+\.\d+/m.test(r.stdout ?? '');
}

say('building');
run(process.execPath, ['scripts/build.mjs']);

if (!flag('--web') && !flag('--smoke') && hasCode()) {
  const vsix = path.join(repoRoot, 'article-lens.vsix');
  say('packaging article-lens.vsix');
  run(process.execPath, [path.join(repoRoot, 'node_modules/@vscode/vsce/vsce'), 'package', '--no-dependencies', '--no-rewrite-relative-links', '-o', vsix]);
  say('installing it into VS Code');
  run('code', ['--install-extension', vsix, '--force']);
  say(`opening ${path.relative(process.cwd(), seeds) || seeds}`);
  run('code', [seeds]);
  process.exit(0);
}

say('no local `code` command: starting VS Code for the web (code-server)');
run(process.execPath, ['scripts/setup-editors.mjs', '--code-server-only']);
const { freePort, startCodeServer } = await import('./code-server.mjs');

async function portFree(port) {
  const net = await import('node:net');
  return new Promise((resolve) => {
    const s = net.createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

let port = Number(opt('--port') ?? process.env.PORT ?? (flag('--smoke') ? 0 : 8080));
if (!port || !(await portFree(port))) {
  const wanted = port;
  port = await freePort();
  if (wanted) say(`port ${wanted} is taken, using ${port}`);
}
const workDir = flag('--smoke') ? fs.mkdtempSync(path.join(cacheDir, 'start-smoke-')) : path.join(cacheDir, 'start');
const cs = await startCodeServer({ workDir, folder: seeds, port });
const url = `${cs.url}/?folder=${encodeURIComponent(seeds)}`;

if (flag('--smoke')) {
  let ok = false;
  try {
    const page = await (await fetch(url)).text();
    const link = path.join(cs.dirs.extensions, fs.readdirSync(cs.dirs.extensions).find((d) => d.startsWith('article-lens.')) ?? '');
    ok = /vscode-workbench-web-configuration/.test(page) && fs.existsSync(path.join(link, 'dist', 'extension.js'));
    say(ok ? `VS Code answered at ${cs.url} with Article Lens in its extensions folder` : 'VS Code did not answer as expected');
  } finally {
    await cs.stop();
    fs.rmSync(workDir, { recursive: true, force: true });
  }
  process.exit(ok ? 0 : 1);
}

console.log(`\n  Article Lens in VS Code for the web:\n\n    ${url}\n\n  Open it in a browser (the seed articles are in the Explorer). Ctrl+C stops the server.\n`);
const stop = async () => {
  say('stopping code-server');
  await cs.stop();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
const { code, signal } = await cs.exited;
say(`code-server exited (${code ?? signal})`);
process.exit(code ?? 1);
