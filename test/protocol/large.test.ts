/**
 * A 20 MB single-line document with `articleLens.maxFileSizeKB` raised above its size (the built server over stdio):
 * the server analyzes it piece by piece (core/chunked.ts) with progress, answers hover and documentSymbol between
 * pieces, abandons the run when an edit makes a new version (or the document closes), and its memory stays bounded.
 * A long multi-line article is analyzed the same way to the end, with its diagnostics published for its version
 * (pushed, or answering a pulling client's request). A burst of changes is coalesced: analyzed at its last version
 * (once on an idle machine; a loaded one may hand the server the burst's first change before the rest).
 * Tests wait on events (responses, progress, diagnostics), never on fixed sleeps.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import type { DocumentSymbol, Hover } from 'vscode-languageserver-protocol';
import { SEED, startClient, TestClient } from './client';

type Progress = { token: unknown; value: { kind: string; message?: string; percentage?: number; title?: string } };

function rssMB(pid: number): number {
  const m = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Math.round(Number(m[1]) / 1024) : 0;
}

describe('protocol: a burst of changes', function () {
  it('is coalesced: published in order and at its last version, not once per change', async () => {
    const c = await startClient({ settings: { publicationDate: '2016-11-30' } });
    try {
      const uri = 'file:///burst/2016-11-30-a.txt';
      const seed = fs.readFileSync(SEED, 'utf8');
      c.open(uri, seed);
      await c.waitForDiagnostics(uri, (p) => p.version === 1);
      // Every notification for the URI passes through the predicate while we wait.
      const versions: Array<number | undefined> = [];
      const last = c.waitForDiagnostics(uri, (p) => {
        versions.push(p.version);
        return p.version === 11;
      });
      let text = seed;
      for (let i = 0; i < 10; i++) {
        text = `${i} ${text}`;
        c.change(uri, text);
      }
      await last;
      // The server cannot wait for changes it has not received: on a loaded machine the pipe may hand it the first
      // change(s) of the burst before the rest, and it then analyzes what it has. What it guarantees: versions are
      // published in order, the last one is the burst's last, and the burst is coalesced (not one analysis per change;
      // on an idle machine it is exactly [11]).
      const published = versions.filter((v) => v !== 1) as number[];
      assert.equal(published[published.length - 1], 11, 'the last version of the burst is published');
      assert.ok(published.every((v, i) => i === 0 || v > published[i - 1]), `versions in order: ${published}`);
      assert.ok(published.length <= 3, `the burst of 10 changes was coalesced: ${published}`);
      c.close(uri);
    } finally {
      await c.stop();
    }
  });
});

describe('protocol: a pulling client and a long article', function () {
  this.timeout(300000);
  it('the diagnostic request is answered when the piecewise run completes; hover is answered meanwhile', async () => {
    const c = await startClient({ pull: true, settings: { publicationDate: '2016-11-30' } });
    try {
      const seed = fs.readFileSync(SEED, 'utf8');
      const text = (seed.trimEnd() + '\n\n').repeat(Math.ceil(600_000 / seed.length));
      const uri = 'file:///large/pulled.txt';
      c.open(uri, text);
      const report = c.request<{ kind: string; items: Array<{ range: { end: { line: number } } }> }>('textDocument/diagnostic', { textDocument: { uri } });
      let reportDone = false;
      void report.then(() => (reportDone = true));
      const hover = await c.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 2 } });
      assert.ok(hover !== undefined);
      assert.equal(reportDone, false, 'hover answered before the diagnostic report (the run was still going)');
      const r = await report;
      assert.equal(r.kind, 'full');
      const lines = text.split('\n').length;
      for (const d of r.items) assert.ok(d.range.end.line < lines);
      // The same seed repeated: whatever the seed gets, every copy gets (the report is of the whole text).
      const one = await (async () => {
        const u = 'file:///large/one-copy.txt';
        c.open(u, seed);
        const x = await c.request<{ items: unknown[] }>('textDocument/diagnostic', { textDocument: { uri: u } });
        c.close(u);
        return x.items.length;
      })();
      assert.ok(r.items.length >= one, `${r.items.length} diagnostics for ${one} per copy`);
      c.close(uri);
    } finally {
      await c.stop();
    }
  });
});

describe('protocol: very large documents are analyzed piecewise and cancellably', function () {
  this.timeout(300000);
  let c: TestClient;
  before(async () => {
    c = await startClient({ settings: { maxFileSizeKB: 32 * 1024, publicationDate: '2016-11-30' }, workDoneProgress: true });
  });
  after(async () => {
    assert.equal(await c.stop(), 0);
  });

  it('20 MB on one line: requests answered during the run, an edit cancels it, memory bounded', async () => {
    const unit = 'قال وزير الخارجية الروسي سيرغي لافروف أمس إن موسكو تدعم ليبيا. Lavrov said on Tuesday. ';
    const text = unit.repeat(Math.ceil((20 * 1024 * 1024) / Buffer.byteLength(unit)));
    assert.ok(Buffer.byteLength(text) >= 20 * 1024 * 1024 && !text.includes('\n'));
    const uri = 'file:///large/one-line.txt';
    const begun = c.progress.length;
    const isMine = (p: Progress) => p.value.kind === 'begin' && /one-line\.txt/.test(p.value.title ?? '');
    c.open(uri, text);
    // The run has begun and reports progress.
    const begin = (await c.waitForProgress((p) => c.progress.indexOf(p) >= begun && isMine(p))) as Progress;
    const token = begin.token;
    await c.waitForProgress((p) => p.token === token && p.value.kind === 'report');
    // Hover and documentSymbol are answered while it runs (from the pieces done so far).
    const t0 = Date.now();
    const hover = await c.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: unit.indexOf('لافروف') + 2 } });
    const hoverMs = Date.now() - t0;
    const syms = await c.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    assert.ok(Array.isArray(syms));
    assert.ok(hoverMs < 3000, `hover took ${hoverMs} ms during the run`);
    assert.ok(!c.progress.some((p) => (p as Progress).token === token && (p as Progress).value.kind === 'end'), 'still running when hover was answered');
    assert.ok(hover, 'hover answers from the pieces already analyzed');
    assert.equal(c.diagnostics.get(uri), undefined, 'no diagnostics before the run completes');
    // An edit: the run of version 1 stops (its progress ends) and version 2 starts its own.
    const before2 = c.progress.length;
    void c.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'x' }] });
    await c.waitForProgress((p) => p.token === token && p.value.kind === 'end');
    const begin2 = (await c.waitForProgress((p) => c.progress.indexOf(p) >= before2 && isMine(p))) as Progress;
    assert.notEqual(begin2.token, token);
    const reports = c.progress.filter((p) => (p as Progress).token === token && (p as Progress).value.kind === 'report') as Progress[];
    assert.ok(reports.every((p) => (p.value.percentage ?? 0) < 100), 'version 1 was abandoned, not finished');
    // Still answering; then closing the document stops version 2's run too.
    await c.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    c.close(uri);
    await c.waitForProgress((p) => p.token === begin2.token && p.value.kind === 'end');
    const cleared = await c.waitForDiagnostics(uri, (p) => p.diagnostics.length === 0);
    assert.equal(cleared.version, undefined, 'the only diagnostics published are the clearing on close');
    const rss = rssMB(c.child.pid!);
    assert.ok(rss < 1500, `server RSS ${rss} MB with a 20 MB document`);
  });

  it('a long multi-line article runs piecewise to the end and publishes its diagnostics', async () => {
    const seed = fs.readFileSync(SEED, 'utf8');
    const text = (seed.trimEnd() + '\n\n').repeat(Math.ceil(400_000 / seed.length));
    const uri = 'file:///large/2016-11-30-long.txt';
    c.open(uri, text);
    const p = await c.waitForDiagnostics(uri, (x) => x.version === 1);
    const lines = text.split('\n');
    for (const d of p.diagnostics) assert.ok(d.range.end.line < lines.length && d.range.end.character <= lines[d.range.end.line].length);
    const syms = await c.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    assert.ok(syms.length > 0);
    const at = text.lastIndexOf('لافروف');
    const line = text.slice(0, at).split('\n').length - 1;
    const hover = await c.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line, character: at - text.lastIndexOf('\n', at) - 1 + 2 } });
    assert.ok(hover, 'hover on a name in the last piece');
    c.close(uri);
  });
});
