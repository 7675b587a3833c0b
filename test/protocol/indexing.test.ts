/**
 * Workspace indexing on worker threads (node/indexer.ts) against the server's own thread: the built server over
 * stdio scans the same folder with ARTICLE_LENS_INDEX_THREADS=0, =1 and =2, and the index (workspace symbols in the
 * order the index returns them, cross-file findings of an open article) and Check Workspace's pushed diagnostics are
 * the same; an open document is answered while two workers scan; a Check Workspace cancelled by the client stops
 * early. Tests wait on events (responses, progress, diagnostics), never on fixed sleeps.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CancellationTokenSource } from 'vscode-jsonrpc/node';
import type { Diagnostic, SymbolInformation } from 'vscode-languageserver-protocol';
import type { CheckWorkspaceResult } from '../../server/src/protocol';
import { fileUri, ROOT, startClient, TestClient } from './client';

const seeds = fs.readdirSync(path.join(ROOT, 'seeds')).sort().map((f) => fs.readFileSync(path.join(ROOT, 'seeds', f), 'utf8'));

function makeWorkspace(files: number): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'article-lens-index-'));
  fs.mkdirSync(path.join(dir, 'articles'));
  for (let i = 0; i < files; i++) {
    let text = seeds[i % seeds.length];
    // A minority spelling in a few files: name.variant-across has something to find.
    if (i % 7 === 3) text = text.replace(/لافروف/g, 'لافروڤ');
    fs.writeFileSync(path.join(dir, 'articles', `${String(i).padStart(3, '0')}.txt`), text);
  }
  return dir;
}

async function withThreads<T>(threads: string, fn: () => Promise<T>): Promise<T> {
  const before = process.env.ARTICLE_LENS_INDEX_THREADS;
  process.env.ARTICLE_LENS_INDEX_THREADS = threads;
  try {
    return await fn();
  } finally {
    if (before === undefined) delete process.env.ARTICLE_LENS_INDEX_THREADS;
    else process.env.ARTICLE_LENS_INDEX_THREADS = before;
  }
}

interface Outcome {
  result: CheckWorkspaceResult;
  pushed: Record<string, Diagnostic[]>;
  symbols: SymbolInformation[];
  /** The symbols as the server listed them (the index's order: the order files entered it). */
  listed: string[];
  across: Diagnostic[];
  scanLog: string;
}

async function scan(dir: string, threads: string): Promise<Outcome> {
  let c!: TestClient;
  await withThreads(threads, async () => {
    c = await startClient({ workspaceFolder: dir, settings: { workspaceIndex: { include: ['articles/**/*.txt'] }, publicationDate: '2016-11-30' }, workDoneProgress: true });
  });
  try {
    await c.waitForProgress((p) => p.value.kind === 'end'); // the background index at start
    const result = await c.request<CheckWorkspaceResult>('articleLens/checkWorkspace', { workDoneToken: 'check' });
    await c.waitForProgress((p) => p.token === 'check' && p.value.kind === 'end');
    const pushed: Record<string, Diagnostic[]> = {};
    for (const [uri, p] of c.diagnostics) pushed[uri.slice(uri.lastIndexOf('/') + 1)] = p.diagnostics;
    const symbols = (await c.request<SymbolInformation[]>('workspace/symbol', { query: '' })).map((s) => ({ ...s, location: { ...s.location, uri: s.location.uri.slice(s.location.uri.lastIndexOf('/') + 1) } }));
    const listed = symbols.map((s) => `${s.location.uri} ${s.name}`);
    symbols.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
    // An open article with the minority spelling: its cross-file finding points into indexed (not open) files.
    const uri = fileUri(path.join(dir, 'articles', '010.txt'));
    c.open(uri, fs.readFileSync(path.join(dir, 'articles', '010.txt'), 'utf8'));
    const open = await c.waitForDiagnostics(uri, (p) => p.version === 1);
    const across = open.diagnostics
      .filter((d) => d.code === 'name.variant-across')
      .map((d) => ({ ...d, data: undefined, relatedInformation: d.relatedInformation?.map((r) => ({ ...r, location: { ...r.location, uri: r.location.uri.slice(r.location.uri.lastIndexOf('/') + 1) } })) }));
    return { result, pushed, symbols, listed, across, scanLog: c.logs.find((l) => /scanning \d+ files/.test(l)) ?? '' };
  } finally {
    await c.stop();
  }
}

describe('protocol: workspace indexing on worker threads', function () {
  this.timeout(300000);
  let dir: string;
  before(() => {
    dir = makeWorkspace(30);
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('worker threads and the server thread give the same index and the same Check Workspace diagnostics', async () => {
    const here = await scan(dir, '0');
    const workers = await scan(dir, '1');
    assert.match(here.scanLog, /on the server thread/);
    assert.match(workers.scanLog, /on 1 worker thread/);
    assert.equal(workers.result.files, 30);
    assert.deepEqual(workers.result, here.result);
    assert.deepEqual(workers.pushed, here.pushed);
    assert.ok(workers.symbols.length > 0);
    assert.deepEqual(workers.symbols, here.symbols);
    assert.ok(workers.across.length > 0, 'the open article with the minority spelling gets name.variant-across');
    for (const r of workers.across[0].relatedInformation!) {
      // Positions in indexed files come from the line starts the worker sent back: they point at the spelling.
      const lines = fs.readFileSync(path.join(dir, 'articles', r.location.uri), 'utf8').split('\n');
      const { start, end } = r.location.range;
      assert.equal(lines[start.line].slice(start.character, end.character), 'لافروف');
    }
    assert.deepEqual(workers.across, here.across);
    assert.deepEqual(workers.listed, here.listed);
    // Two workers finish files out of order; the summaries still enter the index in file order.
    const two = await scan(dir, '2');
    assert.match(two.scanLog, /on 2 worker thread/);
    assert.deepEqual(two.result, here.result);
    assert.deepEqual(two.pushed, here.pushed);
    assert.deepEqual(two.listed, here.listed);
    assert.deepEqual(two.across, here.across);
  });

  it('an open document is answered while two workers scan the workspace', async () => {
    const big = makeWorkspace(2000);
    let c!: TestClient;
    await withThreads('2', async () => {
      c = await startClient({ workspaceFolder: big, settings: { workspaceIndex: { include: ['articles/**/*.txt'] } }, workDoneProgress: true });
    });
    try {
      const scanEnded = () => c.progress.some((p) => (p as { value: { kind: string } }).value.kind === 'end');
      await c.waitForProgress((p) => p.value.kind === 'report');
      const uri = fileUri(path.join(big, 'open.txt'));
      c.open(uri, seeds[0]);
      const d = await c.waitForDiagnostics(uri, (p) => p.version === 1);
      const symbols = await c.request<unknown[]>('textDocument/documentSymbol', { textDocument: { uri } });
      assert.equal(d.version, 1);
      assert.ok(symbols.length > 0, 'the entities of the open article are listed');
      assert.ok(!scanEnded(), 'the document was answered before the scan of 2,000 files ended');
      assert.match(c.logs.find((l) => /scanning \d+ files/.test(l)) ?? '', /on 2 worker thread/);
      await c.waitForProgress((p) => p.value.kind === 'end');
    } finally {
      await c.stop();
      fs.rmSync(big, { recursive: true, force: true });
    }
  });

  it('a cancelled Check Workspace stops early and the server keeps answering', async () => {
    const big = makeWorkspace(400);
    let c!: TestClient;
    await withThreads('1', async () => {
      c = await startClient({ workspaceFolder: big, settings: { workspaceIndex: { include: ['articles/**/*.txt'], enabled: false } }, workDoneProgress: true });
    });
    try {
      const src = new CancellationTokenSource();
      const pending = c.conn.sendRequest('articleLens/checkWorkspace', { workDoneToken: 'cancel-me' }, src.token) as Promise<CheckWorkspaceResult>;
      await c.waitForProgress((p) => p.token === 'cancel-me' && p.value.kind === 'report');
      src.cancel();
      const r = await pending.catch((e: { code?: number }) => e);
      if ('files' in r) {
        assert.equal(r.cancelled, true);
        assert.ok(r.files < 400, `${r.files} files scanned after the cancel`);
      } else assert.equal(r.code, -32800, 'cancelled');
      await c.waitForProgress((p) => p.token === 'cancel-me' && p.value.kind === 'end');
      const uri = fileUri(path.join(big, 'articles', '000.txt'));
      c.open(uri, seeds[0]);
      await c.waitForDiagnostics(uri, (p) => p.version === 1);
    } finally {
      await c.stop();
      fs.rmSync(big, { recursive: true, force: true });
    }
  });
});
