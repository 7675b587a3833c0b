// `npm run test:desktop`: the extension-host suite (test/extension/suite) in desktop VS Code, through
// @vscode/test-electron. It downloads VS Code from Microsoft on first run, so it needs internet (it cannot run on the
// closed build machine; there the same suite runs inside code-server: test/editors/extension-host.test.ts).
import { runTests } from '@vscode/test-electron';
import * as path from 'node:path';
import { buildSuite, repoRoot } from './build.mjs';

const extensionTestsPath = await buildSuite();
try {
  const code = await runTests({
    extensionDevelopmentPath: repoRoot,
    extensionTestsPath,
    launchArgs: [path.join(repoRoot, 'seeds'), '--disable-extensions', '--disable-workspace-trust'],
    extensionTestsEnv: { ARTICLE_LENS_EXT_RESULTS: path.join(repoRoot, 'test-results', 'extension-host-desktop.json') },
  });
  process.exit(code);
} catch (e) {
  console.error(`test:desktop: ${e instanceof Error ? e.message : String(e)}`);
  console.error('(it downloads VS Code; without internet run `npm run test:editors`, which runs the same suite in code-server)');
  process.exit(1);
}
