/**
 * The extension-host suite (test/extension/suite) run inside code-server's real VS Code extension host:
 * the workbench is opened with the development payload VS Code's own web test runner uses
 * (extensionDevelopmentPath + extensionTestsPath as vscode-remote URIs), the extension host runs the mocha suite and
 * reports its exit code through `window.codeAutomationExit`; the suite also writes its per-test results to a file.
 *
 * A built VS Code honours that payload only when the smoke-test driver is enabled; VS Code's server enables it with
 * `--enable-smoke-test-driver`, which code-server's command line rejects ("Unknown option"). So the test turns it on
 * where the server would: in the workbench configuration of the page (the `vscode-workbench-web-configuration` meta
 * tag, `developmentOptions.enableSmokeTestDriver`). Chromium then treats the rewritten page as non-local, so its
 * local-network checks are switched off for this browser, or the page could not open its websocket to 127.0.0.1.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Mocha from 'mocha';
import type { BrowserContext } from 'playwright-core';
import { repoRoot } from './expected';

describe('editors: extension-host suite inside code-server', function () {
  this.timeout(180_000);
  let workDir: string;
  let ctx: BrowserContext | undefined;
  let stop: (() => Promise<void>) | undefined;
  let output: string[] = [];
  let exit: { code: number; rewritten: boolean; resultsFile: string } | undefined;
  let results: { failures: number; tests: { title: string; state: string; error?: string }[]; metrics?: Record<string, number> } | undefined;

  after(async () => {
    await ctx?.close().catch(() => undefined);
    await stop?.();
    if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
  });

  // The suite runs once, here; each of its tests then becomes one test of this file (added to this suite before
  // mocha starts running its tests), so `npm test` counts them.
  before(async function () {
    const env = await import('../../scripts/editors-env.mjs');
    if (!fs.existsSync(env.codeServerBin)) throw new Error('code-server is missing: run `node scripts/setup-editors.mjs`');
    const { buildSuite } = await import('../extension/build.mjs');
    const suite = await buildSuite();
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'article-lens-exthost-'));
    const resultsFile = path.join(workDir, 'results.json');
    const seeds = path.join(repoRoot, 'seeds');
    const { startCodeServer } = await import('../../scripts/code-server.mjs');
    // No symlink: the extension under development is loaded from the repository by the payload below.
    const cs = await startCodeServer({ workDir, folder: seeds, linkExtension: false, env: { ARTICLE_LENS_EXT_RESULTS: resultsFile } });
    stop = () => cs.stop();
    output = cs.output;
    const { chromium } = await import('playwright-core');
    ctx = await chromium.launchPersistentContext(path.join(workDir, 'browser'), {
      executablePath: env.chromiumBin,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync',
        '--disable-features=LocalNetworkAccessChecks,BlockInsecurePrivateNetworkRequests,PrivateNetworkAccessSendPreflights'],
    });
    const page = ctx.pages()[0] ?? (await ctx.newPage());
    let rewritten = false;
    await page.route((u) => u.pathname === '/', async (route) => {
      const res = await route.fetch();
      const re = /(<meta id="vscode-workbench-web-configuration" data-settings=")([^"]*)(")/;
      const body = await res.text();
      const m = re.exec(body);
      if (!m) return route.fulfill({ response: res, body });
      const unescape = (x: string) => x.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
      const escape = (x: string) => x.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
      const config = JSON.parse(unescape(m[2]));
      config.developmentOptions = { ...(config.developmentOptions ?? {}), enableSmokeTestDriver: true };
      rewritten = true;
      return route.fulfill({ response: res, body: body.replace(re, (_a, pre: string, _c, post: string) => pre + escape(JSON.stringify(config)) + post) });
    });
    const exitCode = new Promise<number>((resolve) => {
      void page.exposeFunction('codeAutomationExit', (code: number) => resolve(code));
    });
    const remote = (p: string) => `vscode-remote://127.0.0.1:${cs.port}${p}`;
    const payload = [
      ['extensionDevelopmentPath', remote(repoRoot)],
      ['extensionTestsPath', remote(suite)],
    ];
    await page.goto(`${cs.url}/?folder=${encodeURIComponent(seeds)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
    const code = await exitCode;
    exit = { code, rewritten, resultsFile };
    if (fs.existsSync(resultsFile)) {
      results = JSON.parse(fs.readFileSync(resultsFile, 'utf8'));
      const ready = results!.metrics?.activationServerReadyMs;
      if (ready !== undefined) {
        // Extension activation in a real VS Code (web) extension host; bench/run.mjs prints the last recorded figure.
        const dir = path.join(repoRoot, 'test-results');
        fs.mkdirSync(dir, { recursive: true });
        fs.writeFileSync(path.join(dir, 'activation.json'), JSON.stringify({ serverReadyMs: ready, editor: 'code-server', at: new Date().toISOString() }) + '\n');
        console.log(`      extension activation (activate -> server ready): ${ready} ms`);
      }
      for (const t of results!.tests) {
        this.test!.parent!.addTest(new Mocha.Test(`[extension host] ${t.title}`, () => {
          if (t.state !== 'passed') throw new Error(t.error ?? 'failed');
        }));
      }
    }
  });

  it('the extension host loaded the extension under development, ran the suite and exited with 0', () => {
    assert.ok(exit, 'the suite ran');
    assert.ok(exit.rewritten, 'the workbench configuration was found in the page');
    assert.ok(output.some((l) => /Loading development extension at/.test(l)), 'the extension host loaded the extension under development');
    assert.ok(results, `the suite wrote its results (exit code ${exit.code})\n${output.slice(-20).join('\n')}`);
    assert.ok(results.tests.length >= 8, `${results.tests.length} tests ran`);
    assert.equal(results.failures, 0, results.tests.filter((t) => t.state !== 'passed').map((t) => `${t.title}: ${t.error}`).join('\n'));
    assert.equal(exit.code, 0, 'the extension host exited with 0');
  });
});
