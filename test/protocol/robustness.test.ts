/**
 * Robustness of the built server over stdio (the shared client in ./client.ts):
 * - random sequences of incremental edits (fast-check): the diagnostics and symbols after the last edit equal those
 *   of a fresh document opened with the final text, and every range lies inside the document and never splits a
 *   surrogate pair;
 * - 1,000 rapid didChange notifications with hover/documentSymbol requests in between, half of them cancelled:
 *   every request is answered (a result or a cancellation error), the final state is right, the server's memory
 *   stays roughly flat over a second burst;
 * - bad documents (a 20 MB single line, control characters, lone surrogates) are answered without a crash.
 * ROBUST_RUNS sets the number of random edit sequences (default 12).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import fc from 'fast-check';
import { CancellationTokenSource } from 'vscode-jsonrpc/node';
import type { Diagnostic, DocumentSymbol, Hover, Position, Range } from 'vscode-languageserver-protocol';
import { LineIndex } from '../../server/src/core/text/lines';
import { SEED, startClient, TestClient } from './client';

const RUNS = Number(process.env.ROBUST_RUNS ?? 12);
const seedText = fs.readFileSync(SEED, 'utf8');

/** A client-side mirror of the document, edited exactly as the server is told. */
class Doc {
  version = 1;
  constructor(readonly uri: string, public text: string) {}
  positionAt(o: number): Position {
    return new LineIndex(this.text).positionAt(o);
  }
}

/** `at`: a fraction of the text length, or (with `abs`) an offset. */
interface Edit { at: number; del: number; insert: string; abs?: boolean }

const INSERTS = ['لافروف', 'ولافروف', ' حفتر ', 'أمس', ' الثلاثاء 30 نوفمبر 2016 ', ' Lavrov ', '\n', '\r\n', '\n\n', '«', '»', '😀', '\u200f', '\u064e', 'سيرغي شويغو، وزير الدفاع', '، ', '. ', ''];
const edit: fc.Arbitrary<Edit> = fc.record({
  at: fc.double({ min: 0, max: 1, noNaN: true }).map((x) => x),
  del: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 40 })),
  insert: fc.oneof(fc.constantFrom(...INSERTS), fc.string({ unit: 'grapheme', maxLength: 5 })),
}) as unknown as fc.Arbitrary<Edit>;

/** Keep an offset off the middle of a surrogate pair and of a CRLF (an editor never puts a cursor there). */
function snap(text: string, o: number): number {
  o = Math.max(0, Math.min(text.length, o));
  const prev = text.charCodeAt(o - 1);
  const next = text.charCodeAt(o);
  if (prev >= 0xd800 && prev <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) return o - 1;
  if (prev === 13 && next === 10) return o - 1;
  return o;
}

/** One incremental change notification (possibly several changes, applied in order as LSP says). */
function change(c: TestClient, d: Doc, edits: Edit[]): void {
  const contentChanges: Array<{ range: Range; text: string }> = [];
  for (const e of edits) {
    const start = snap(d.text, e.abs ? e.at : Math.floor(e.at * d.text.length));
    const end = snap(d.text, Math.min(d.text.length, start + e.del));
    contentChanges.push({ range: { start: d.positionAt(start), end: d.positionAt(end) }, text: e.insert });
    d.text = d.text.slice(0, start) + e.insert + d.text.slice(end);
  }
  d.version++;
  void c.conn.sendNotification('textDocument/didChange', { textDocument: { uri: d.uri, version: d.version }, contentChanges });
}

function checkRanges(text: string, ranges: Range[], what: string): void {
  const li = new LineIndex(text);
  const lines = text.split(/\r\n|\r|\n/);
  for (const r of ranges) {
    for (const p of [r.start, r.end]) {
      assert.ok(p.line >= 0 && p.line < lines.length, `${what}: line ${p.line} outside the document (${lines.length} lines)`);
      assert.ok(p.character >= 0 && p.character <= lines[p.line].length, `${what}: character ${p.character} outside line ${p.line}`);
      const o = li.offsetAt(p);
      const a = text.charCodeAt(o - 1);
      const b = text.charCodeAt(o);
      assert.ok(!(a >= 0xd800 && a <= 0xdbff && b >= 0xdc00 && b <= 0xdfff), `${what}: ${JSON.stringify(p)} splits a surrogate pair`);
    }
  }
}

const flat = (syms: DocumentSymbol[]): DocumentSymbol[] => syms.flatMap((s) => [s, ...flat(s.children ?? [])]);
/** What must not depend on how the text was reached (versions and URIs in data do). */
const norm = (ds: Diagnostic[]) => ds.map((d) => ({ code: d.code, range: d.range, message: d.message, severity: d.severity })).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

function rssKB(pid: number): number {
  const m = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) : 0;
}

describe('protocol robustness: random edits, load, bad documents', function () {
  this.timeout(600000);
  let c: TestClient;
  before(async () => {
    c = await startClient({ settings: { publicationDate: '2016-11-30' } });
  });
  after(async () => {
    assert.equal(await c.stop(), 0, 'the server exits cleanly after all of it');
  });

  let n = 0;
  it(`random incremental edit sequences (${RUNS}) end in the same state as a fresh analysis of the final text`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(edit, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 25 }), fc.boolean(), async (steps, fromSeed) => {
        n++;
        const d = new Doc(`file:///edited/${n}/2016-11-30-article.txt`, fromSeed ? seedText : seedText.slice(0, 600));
        c.open(d.uri, d.text);
        for (const s of steps) change(c, d, s);
        const inc = await c.waitForDiagnostics(d.uri, (p) => p.version === d.version);
        const incSyms = await c.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: d.uri } });
        const fresh = `file:///fresh/${n}/2016-11-30-article.txt`;
        c.open(fresh, d.text);
        const ref = await c.waitForDiagnostics(fresh, (p) => p.version === 1);
        const refSyms = await c.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: fresh } });
        assert.deepEqual(norm(inc.diagnostics), norm(ref.diagnostics), 'diagnostics after the edits = diagnostics of the final text');
        assert.deepEqual(incSyms, refSyms, 'symbols after the edits = symbols of the final text');
        checkRanges(d.text, inc.diagnostics.map((x) => x.range), 'diagnostic');
        checkRanges(d.text, flat(incSyms).flatMap((s) => [s.range, s.selectionRange]), 'symbol');
        c.close(d.uri);
        c.close(fresh);
      }),
      { numRuns: RUNS },
    );
  });

  it('1,000 rapid didChange with cancelled requests in between: all answered, right final state, memory flat', async () => {
    const d = new Doc('file:///load/2016-11-30-load.txt', seedText);
    c.open(d.uri, d.text);
    await c.waitForDiagnostics(d.uri, (p) => p.version === 1);
    const r = (() => {
      let s = 42;
      return () => ((s = (s * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    })();
    const burst = async (count: number) => {
      const pending: Array<Promise<unknown>> = [];
      let cancelled = 0;
      let answered = 0;
      for (let i = 0; i < count; i++) {
        // Type a word, then delete it again: the document stays seed-sized.
        const k = d.text.indexOf('ولافروف ');
        if (i % 2 === 1 && k >= 0) change(c, d, [{ at: k, del: 8, insert: '', abs: true }]);
        else change(c, d, [{ at: r(), del: 0, insert: 'ولافروف ' }]);
        if (i % 5 === 0) {
          const src = new CancellationTokenSource();
          const pos = d.positionAt(Math.floor(r() * d.text.length));
          const reqs = [
            c.conn.sendRequest('textDocument/hover', { textDocument: { uri: d.uri }, position: pos }, src.token),
            c.conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri: d.uri } }, src.token),
          ];
          if (i % 10 === 0) {
            src.cancel();
            cancelled += reqs.length;
          }
          for (const q of reqs)
            pending.push(
              (q as Promise<unknown>).then(
                () => void answered++,
                (e: { code?: number }) => {
                  assert.equal(e.code, -32800, `a request failed with something other than a cancellation: ${JSON.stringify(e)}`);
                  answered++;
                },
              ),
            );
        }
      }
      await Promise.all(pending);
      assert.equal(answered, pending.length, 'every request answered');
      return { requests: pending.length, cancelled };
    };
    const first = await burst(1000);
    assert.ok(first.requests >= 400 && first.cancelled >= 200);
    const last = await c.waitForDiagnostics(d.uri, (p) => p.version === d.version);
    const hover = await c.request<Hover | null>('textDocument/hover', { textDocument: { uri: d.uri }, position: d.positionAt(d.text.indexOf('لافروف') + 2) });
    assert.ok(hover, 'hover answers on the final text');
    // The final state equals a fresh analysis of the final text.
    const fresh = 'file:///load-fresh/2016-11-30-load.txt';
    c.open(fresh, d.text);
    const ref = await c.waitForDiagnostics(fresh, (p) => p.version === 1);
    assert.deepEqual(norm(last.diagnostics), norm(ref.diagnostics));
    assert.deepEqual(
      await c.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: d.uri } }),
      await c.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: fresh } }),
    );
    c.close(fresh);
    // Memory: a second burst (500 more) must not grow the server much past the first.
    const rss1 = rssKB(c.child.pid!);
    await burst(500);
    await c.waitForDiagnostics(d.uri, (p) => p.version === d.version);
    const rss2 = rssKB(c.child.pid!);
    assert.ok(rss2 < rss1 * 1.3 + 40 * 1024, `server RSS grew from ${rss1} KB to ${rss2} KB over the second 1,000 changes`);
    c.close(d.uri);
  });

  it('bad documents are answered without a crash: 20 MB on one line, control characters, lone surrogates', async () => {
    const unit = 'قال وزير الخارجية الروسي سيرغي لافروف أمس إن موسكو تدعم ليبيا. Lavrov said on Tuesday. ';
    const cases: Array<[string, string]> = [
      ['huge', unit.repeat(Math.ceil((20 * 1024 * 1024) / Buffer.byteLength(unit)))],
      ['controls', Array.from({ length: 2000 }, (_, i) => String.fromCharCode(i % 32)).join('') + '\u0000لافروف\u0000'],
      ['surrogates', '\ud800لافروف\udc00 \udbff\ud800😀\udfff أمس'],
      ['bom-only', '\ufeff'],
      ['crs', '\r'.repeat(5000) + 'لافروف'],
    ];
    for (const [name, text] of cases) {
      const uri = `file:///bad/${name}.txt`;
      c.open(uri, text);
      const p = await c.waitForDiagnostics(uri, (x) => x.version === 1);
      if (name === 'huge') {
        assert.equal(p.diagnostics.length, 1, 'one diagnostic for a file over articleLens.maxFileSizeKB');
        assert.equal(p.diagnostics[0].severity, 3, 'information');
      }
      checkRanges(text, p.diagnostics.map((x) => x.range), name);
      const syms = await c.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
      assert.ok(Array.isArray(syms));
      checkRanges(text, flat(syms).flatMap((s) => [s.range, s.selectionRange]), name);
      await c.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 3 } });
      // An edit at the end of the huge line is answered too (and fast: the limit applies before any analysis).
      const t0 = Date.now();
      void c.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'x' }] });
      await c.waitForDiagnostics(uri, (x) => x.version === 2);
      if (name === 'huge') assert.ok(Date.now() - t0 < 5000, `an edit of the 20 MB line took ${Date.now() - t0} ms`);
      c.close(uri);
    }
    assert.equal(c.child.exitCode, null, 'the server is still running');
    const after = 'file:///bad/after.txt';
    c.open(after, seedText);
    const p = await c.waitForDiagnostics(after, (x) => x.version === 1);
    assert.ok(Array.isArray(p.diagnostics));
    c.close(after);
  });
});
