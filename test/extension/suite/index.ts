/**
 * Entry of the extension-host suite: VS Code loads this module (--extensionTestsPath) inside its extension host
 * and calls run(). Mocha runs the tests in this folder; the outcome is also written as JSON to
 * $ARTICLE_LENS_EXT_RESULTS when set (the code-server runner reads it), and run() rejects when a test fails.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 30_000, reporter: 'spec' });
  // The test files are bundled into this module: expose the bdd globals, then load them.
  mocha.suite.emit('pre-require', globalThis, 'extension.test.ts', mocha);
  require('./extension.test');
  const results: { title: string; state: string; error?: string; duration?: number }[] = [];
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const out = process.env.ARTICLE_LENS_EXT_RESULTS;
      if (out) fs.mkdirSync(path.dirname(out), { recursive: true });
      if (out) fs.writeFileSync(out, JSON.stringify({ failures, tests: results, metrics: (globalThis as { __articleLensMetrics?: Record<string, number> }).__articleLensMetrics ?? {} }, null, 2));
      if (failures > 0) reject(new Error(`${failures} extension-host test(s) failed`));
      else resolve();
    });
    runner.on('pass', (t) => results.push({ title: t.fullTitle(), state: 'passed', duration: t.duration }));
    runner.on('fail', (t, err) => results.push({ title: t.fullTitle(), state: 'failed', error: String(err?.stack ?? err) }));
  });
}
