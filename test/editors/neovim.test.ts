/**
 * Another LSP editor: headless Neovim (0.7+, built-in client) drives `bin/article-lens-server.js --stdio`
 * through test/editors/nvim-lsp.lua: document symbols, hover, diagnostics and (when the server offers it) rename.
 * Expectations come from the built CLI, i.e. the same core (test/editors/expected.ts).
 */
import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cliDiagnostics, cliEntities, entityAt, groupTitle, repoRoot, seedFile } from './expected';

interface Sym { name: string; detail?: string; children?: Sym[] }
interface NvimResult {
  error?: string;
  capabilities: Record<string, unknown>;
  diagnosticsArrived: boolean;
  diagnostics: { code?: string; severity: number; message: string; range: { start: { line: number; character: number } } }[];
  documentSymbol: Sym[];
  hover: { contents: { kind?: string; value: string } | string } | null;
  rename?: { changes?: Record<string, { newText: string }[]>; documentChanges?: { edits: { newText: string }[] }[] } | null;
  renameError?: string;
}

const nvim = process.env.NVIM_PATH ?? 'nvim';
let workDir: string;

/** Runs Neovim on `file` and resolves with what the Lua script gathered (waits for Neovim to exit). */
function runNvim(file: string, line: number, character: number, renameTo = ''): Promise<NvimResult> {
  const out = path.join(workDir, `result-${path.basename(file)}.json`);
  const env = {
    ...process.env,
    XDG_CONFIG_HOME: path.join(workDir, 'config'),
    XDG_DATA_HOME: path.join(workDir, 'data'),
    XDG_STATE_HOME: path.join(workDir, 'state'),
    XDG_CACHE_HOME: path.join(workDir, 'cache'),
    AL_SERVER: path.join(repoRoot, 'bin/article-lens-server.js'),
    AL_NODE: process.execPath,
    AL_FILE: file,
    AL_OUT: out,
    AL_HOVER_LINE: String(line),
    AL_HOVER_CHAR: String(character),
    AL_RENAME_TO: renameTo,
  };
  const script = path.join(__dirname, 'nvim-lsp.lua');
  return new Promise((resolve, reject) => {
    const p = spawn(nvim, ['--headless', '--clean', '-n', '-c', `luafile ${script}`], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    p.stderr.on('data', (d) => (stderr += d));
    p.stdout.on('data', (d) => (stderr += d));
    p.on('error', reject);
    p.on('exit', (code) => {
      if (!fs.existsSync(out)) return reject(new Error(`nvim exited ${code} without a result: ${stderr}`));
      const r = JSON.parse(fs.readFileSync(out, 'utf8')) as NvimResult;
      if (r.error) return reject(new Error(`nvim script: ${r.error}`));
      resolve(r);
    });
  });
}

function hoverText(h: NvimResult['hover']): string {
  if (!h) return '';
  return typeof h.contents === 'string' ? h.contents : h.contents.value;
}

/** UTF-16 line/character of an offset (the LSP default encoding; JS strings are UTF-16). */
function position(text: string, offset: number): { line: number; character: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

describe('editors: Neovim (built-in LSP client over stdio)', function () {
  this.timeout(60_000);

  before(function () {
    const v = spawnSync(nvim, ['--version'], { encoding: 'utf8' });
    if (v.status !== 0) throw new Error('nvim is missing: run `node scripts/setup-editors.mjs` (npm test does it first)');
    assert.ok(fs.existsSync(path.join(repoRoot, 'dist/server.js')), 'dist/server.js is built');
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'article-lens-nvim-'));
  });
  after(() => {
    if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
  });

  it('document symbols, hover and rename on the Arabic seed', async () => {
    const text = fs.readFileSync(seedFile, 'utf8');
    const entities = cliEntities(seedFile);
    const at = text.indexOf('لافروف');
    const pos = position(text, at + 2);
    const person = entityAt(entities, at);
    const r = await runNvim(seedFile, pos.line, pos.character, person ? 'لافروڤ' : '');

    assert.ok(r.capabilities.documentSymbolProvider, 'server offers document symbols');
    assert.ok(r.capabilities.hoverProvider, 'server offers hover');

    const top = r.documentSymbol.map((s) => s.name);
    assert.equal(top[0], 'Structure', `groups: ${top.join(', ')}`);
    const structure = r.documentSymbol[0].children ?? [];
    assert.equal(structure[0].name, text.split('\n')[0].trim(), 'the headline is the first Structure entry');
    assert.ok(structure.filter((s) => s.name.startsWith('¶')).length >= 5, 'paragraphs are listed');
    for (const type of new Set(entities.map((e) => e.type))) {
      const g = r.documentSymbol.find((s) => s.name === groupTitle[type]);
      assert.ok(g, `group ${groupTitle[type]} for the ${type} entities the core finds`);
      const first = entities.find((e) => e.type === type)!;
      if (type !== 'date') assert.ok(g.children?.some((c) => c.name === first.name), `${first.name} under ${g.name}`);
    }

    const h = hoverText(r.hover);
    if (person) {
      assert.ok(h.includes(person.name), `hover on لافروف shows ${person.name}: ${h}`);
      assert.ok(r.rename, `rename answered: ${r.renameError ?? ''}`);
      const edits = r.rename.changes ? Object.values(r.rename.changes).flat() : (r.rename.documentChanges ?? []).flatMap((d) => d.edits);
      assert.ok(edits.length >= 1 && edits.every((e) => e.newText.includes('لافروڤ')), `rename edits: ${JSON.stringify(edits)}`);
    } else {
      assert.match(h, /العنوان|Headline/, `hover on the headline: ${h}`);
    }
  });

  it('diagnostics arrive (push) and match the CLI on an article with a wrong weekday', async () => {
    const file = path.join(workDir, 'weekday.txt');
    const text = 'محادثات في موسكو\nموسكو - التقى الوزيران يوم الجمعة 29 نوفمبر 2016 في مقر الوزارة.\n';
    fs.writeFileSync(file, text);
    const expected = cliDiagnostics(file);
    assert.ok(expected.length >= 1, 'the CLI flags the planted weekday');
    const dateAt = text.indexOf('29 نوفمبر');
    const pos = position(text, dateAt + 1);
    const r = await runNvim(file, pos.line, pos.character);
    assert.ok(r.diagnosticsArrived, 'publishDiagnostics arrived');
    assert.deepEqual(r.diagnostics.map((d) => d.code).sort(), expected.map((d) => d.code).sort());
    const wd = r.diagnostics.find((d) => d.code === 'date.weekday-mismatch');
    assert.ok(wd, 'date.weekday-mismatch');
    assert.equal(wd.range.start.line, 1);
    assert.match(hoverText(r.hover), /2016|الثلاثاء/, 'hover on the date shows the date card');
  });
});
