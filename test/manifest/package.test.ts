/**
 * `npm run package`: the .vsix holds the bundles, the grammar, the language configuration and every model, and
 * nothing from the sources, tests, data or node_modules; its package.json is the repository's.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { packageVsix, repoRoot, zipEntries, type ZipEntry } from './vsix';

describe('manifest: the .vsix package', function () {
  this.timeout(120_000);
  let entries: ZipEntry[];
  let names: string[];

  before(function () {
    for (const f of ['dist/extension.js', 'dist/server.js']) {
      if (!fs.existsSync(path.join(repoRoot, f))) throw new Error(`${f} is missing: run npm run build first`);
    }
    entries = zipEntries(packageVsix());
    names = entries.map((e) => e.name);
  });

  it('contains the client and server bundles, the grammar, the language configuration and the LICENSE', () => {
    for (const f of ['extension/package.json', 'extension/dist/extension.js', 'extension/dist/server.js', 'extension/language-configuration.json', 'extension/syntaxes/article.tmLanguage.json', 'extension/LICENSE.txt']) {
      assert.ok(names.includes(f), `${f} in ${names.join(', ')}`);
    }
    const server = entries.find((e) => e.name === 'extension/dist/server.js')!;
    assert.equal(server.size, fs.statSync(path.join(repoRoot, 'dist/server.js')).size, 'the packed server is the current build');
  });

  it('contains every model file of models/', () => {
    const models = fs.readdirSync(path.join(repoRoot, 'models')).filter((f) => f.endsWith('.json'));
    assert.ok(models.length > 0);
    for (const m of models) assert.ok(names.includes(`extension/models/${m}`), `models/${m} is packed`);
  });

  it('holds no sources, tests, maps, seeds or node_modules (allow-list .vscodeignore)', () => {
    const bad = names.filter((n) => /^extension\/(client|server|test|scripts|bench|seeds|node_modules|\.cache|out)\//.test(n) || /\.(ts|map)$/.test(n));
    assert.deepEqual(bad, []);
    const total = entries.reduce((n, e) => n + e.size, 0);
    assert.ok(total < 40 * 1024 * 1024, `unpacked size ${(total / 1048576).toFixed(1)} MB`);
  });

  it('the pictures the README shows are packed (VS Code shows the README on the extension page)', () => {
    const readme = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
    const images = [...readme.matchAll(/!\[[^\]]*\]\((?!https?:)([^)\s]+)\)/g)].map((m) => m[1]);
    for (const img of images) {
      assert.ok(fs.existsSync(path.join(repoRoot, img)), `${img} exists`);
      assert.ok(names.includes(`extension/${img}`), `${img} is packed`);
    }
  });

  it('its package.json is the repository manifest (main, contributes)', () => {
    const packed = JSON.parse(entries.find((e) => e.name === 'extension/package.json')!.read().toString('utf8'));
    const repo = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
    assert.equal(packed.main, repo.main);
    assert.deepEqual(packed.contributes, repo.contributes);
    assert.ok(names.includes(`extension/${repo.main.replace(/^\.\//, '')}`), 'main is packed');
  });
});
