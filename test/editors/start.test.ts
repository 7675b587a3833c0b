/**
 * `npm start` on a machine without a local `code`: builds, starts code-server with the extension and serves the
 * workbench (scripts/start.mjs --smoke starts, checks, and stops it again).
 */
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { repoRoot } from './expected';

describe('editors: npm start (VS Code for the web)', function () {
  this.timeout(120_000);

  it('builds, starts code-server on 127.0.0.1 with Article Lens and answers', async () => {
    const { code, out } = await new Promise<{ code: number | null; out: string }>((resolve, reject) => {
      const p = spawn(process.execPath, [path.join(repoRoot, 'scripts/start.mjs'), '--smoke'], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      p.stdout.on('data', (d) => (out += d));
      p.stderr.on('data', (d) => (out += d));
      p.on('error', reject);
      p.on('exit', (code) => resolve({ code, out }));
    });
    assert.equal(code, 0, out);
    assert.match(out, /\[start\] building/);
    assert.match(out, /VS Code answered at http:\/\/127\.0\.0\.1:\d+ with Article Lens/);
  });
});
