// Starts code-server (VS Code for the web, installed by scripts/setup-editors.mjs into .cache/) with Article Lens
// loaded from the repository through a symlink in its extensions folder. Used by scripts/start.mjs and by the
// editor tests (test/editors/vscode.test.ts).
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { codeServerBin, node24Bin, repoRoot, withNode24Path } from './editors-env.mjs';

/** User settings that keep code-server quiet and fast on a closed network. */
export const quietSettings = {
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'security.workspace.trust.enabled': false,
  'chat.disableAIFeatures': true,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'editor.hover.delay': 100,
  'editor.minimap.enabled': false,
  'git.enabled': false,
  'npm.autoDetect': 'off',
};

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** The extension's folder name as VS Code expects it in an extensions directory. */
export function extensionFolderName() {
  const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
  return `${pkg.publisher}.${pkg.name}-${pkg.version}`;
}

/** HOME and XDG dirs inside workDir: code-server writes its config there. */
function scratchEnv(home, extra = {}) {
  const env = withNode24Path({
    ...process.env,
    HOME: home,
    XDG_CONFIG_HOME: path.join(home, '.config'),
    XDG_DATA_HOME: path.join(home, '.local/share'),
    XDG_CACHE_HOME: path.join(home, '.cache'),
    XDG_STATE_HOME: path.join(home, '.local/state'),
    ...extra,
  });
  delete env.VSCODE_IPC_HOOK_CLI;
  delete env.ELECTRON_RUN_AS_NODE;
  return env;
}

/**
 * Installs a .vsix into the extensions folder of workDir (`code-server --install-extension`), as a user would.
 * Resolves with code-server's output; rejects when it fails.
 */
export function installVsix(workDir, vsix) {
  const home = path.join(workDir, 'home');
  const args = [codeServerBin, '--user-data-dir', path.join(workDir, 'user-data'), '--extensions-dir', path.join(workDir, 'extensions'), '--install-extension', vsix, '--force'];
  for (const d of [home, path.join(workDir, 'user-data'), path.join(workDir, 'extensions')]) fs.mkdirSync(d, { recursive: true });
  return new Promise((resolve, reject) => {
    const p = spawn(node24Bin, args, { env: scratchEnv(home), stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (out += d));
    p.on('error', reject);
    p.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`code-server --install-extension exited ${code}:\n${out}`))));
  });
}

/**
 * Starts code-server and resolves once it listens and /healthz answers.
 * @param {{ workDir: string, folder: string, port?: number, settings?: object, extraArgs?: string[],
 *           linkExtension?: boolean, onOutput?: (line: string) => void }} o
 * workDir holds HOME, XDG dirs, user data and extensions (a scratch folder; code-server writes config there).
 */
export async function startCodeServer(o) {
  const port = o.port ?? (await freePort());
  const dirs = {
    home: path.join(o.workDir, 'home'),
    userData: path.join(o.workDir, 'user-data'),
    extensions: path.join(o.workDir, 'extensions'),
  };
  for (const d of Object.values(dirs)) fs.mkdirSync(d, { recursive: true });
  fs.mkdirSync(path.join(dirs.userData, 'User'), { recursive: true });
  fs.writeFileSync(path.join(dirs.userData, 'User', 'settings.json'), JSON.stringify({ ...quietSettings, ...(o.settings ?? {}) }, null, 2));
  if (o.linkExtension !== false) {
    const link = path.join(dirs.extensions, extensionFolderName());
    try {
      fs.rmSync(link, { recursive: false, force: true });
    } catch {
      /* not there */
    }
    fs.symlinkSync(repoRoot, link, 'dir');
  }
  if (!fs.existsSync(codeServerBin)) throw new Error('code-server is not installed: run `node scripts/setup-editors.mjs`');
  const env = scratchEnv(dirs.home, o.env ?? {});
  const args = [
    codeServerBin,
    '--user-data-dir', dirs.userData,
    '--extensions-dir', dirs.extensions,
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    ...(o.extraArgs ?? []),
    o.folder,
  ];
  const proc = spawn(node24Bin, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const output = [];
  const exited = new Promise((resolve) => proc.once('exit', (code, signal) => resolve({ code, signal })));
  const url = `http://127.0.0.1:${port}`;
  await new Promise((resolve, reject) => {
    let done = false;
    const onLine = (chunk) => {
      for (const line of String(chunk).split('\n')) {
        if (!line.trim()) continue;
        output.push(line);
        o.onOutput?.(line);
        if (!done && /HTTP server listening on/.test(line)) {
          done = true;
          resolve(undefined);
        }
      }
    };
    proc.stdout.on('data', onLine);
    proc.stderr.on('data', onLine);
    exited.then(({ code, signal }) => {
      if (!done) reject(new Error(`code-server exited (${code ?? signal}) before listening:\n${output.slice(-20).join('\n')}`));
    });
  });
  const health = await fetch(`${url}/healthz`);
  if (!health.ok) throw new Error(`code-server /healthz answered ${health.status}`);
  return {
    url,
    port,
    dirs,
    proc,
    output,
    exited,
    /** Stops code-server by its PID and waits for it to exit. */
    async stop() {
      if (proc.exitCode === null && proc.signalCode === null) {
        proc.kill('SIGTERM');
        const timer = setTimeout(() => proc.kill('SIGKILL'), 10000);
        await exited;
        clearTimeout(timer);
      }
    },
  };
}
