// Bundles the extension-host suite (test/extension/suite) into out/extension-tests/index.js, the file VS Code's
// --extensionTestsPath loads. `vscode` and `mocha` stay external (the extension host provides the first; the second
// resolves from the repository's node_modules).
import * as esbuild from 'esbuild';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const suiteOut = path.join(repoRoot, 'out', 'extension-tests', 'index.js');

export async function buildSuite() {
  await esbuild.build({
    entryPoints: [path.join(repoRoot, 'test/extension/suite/index.ts')],
    outfile: suiteOut,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: 'inline',
    external: ['vscode', 'mocha'],
    logLevel: 'warning',
  });
  return suiteOut;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  console.log(await buildSuite());
}
