/**
 * The built server over stdio, driven by a real JSON-RPC client: every request the editor features use, on the seed.
 * The server loads the NER models from models/ as it does for a user, so the seed's people are real tagger output.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type {
  CodeAction,
  Diagnostic,
  DocumentHighlight,
  DocumentSymbol,
  FullDocumentDiagnosticReport,
  Hover,
  InlayHint,
  Location,
  SemanticTokens,
  SymbolInformation,
  TextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver-protocol';
import { LineIndex } from '../../server/src/core/text/lines';
import type { CheckWorkspaceResult, EntityReport, FixAllResult } from '../../server/src/protocol';
import { fileUri, ROOT, SEED, startClient, TestClient } from './client';

const seedText = fs.readFileSync(SEED, 'utf8');
const seedUri = fileUri(SEED);
/** A day that is not a Tuesday, written as one: the date checks flag it. */
const PLANTED = 'الثلاثاء 30 نوفمبر 2016';

function pos(text: string, needle: string, nth = 0, delta = 1) {
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(needle, at + 1);
    assert.ok(at >= 0, `'${needle}' #${nth} not in the text`);
  }
  return new LineIndex(text).positionAt(at + delta);
}

function applyTextEdits(text: string, edits: TextEdit[]): string {
  const li = new LineIndex(text);
  const spans = edits.map((e) => ({ start: li.offsetAt(e.range.start), end: li.offsetAt(e.range.end), newText: e.newText })).sort((a, b) => b.start - a.start);
  for (const e of spans) text = text.slice(0, e.start) + e.newText + text.slice(e.end);
  return text;
}

const flat = (syms: DocumentSymbol[]): DocumentSymbol[] => syms.flatMap((s) => [s, ...flat(s.children ?? [])]);

describe('protocol: the built server over stdio', function () {
  this.timeout(30000);

  describe('push diagnostics (a client without textDocument/diagnostic)', () => {
    let c: TestClient;
    before(async () => {
      c = await startClient({ settings: { publicationDate: '2016-11-30' } });
    });
    after(async () => {
      assert.equal(await c.stop(), 0, 'the server exits with 0 after shutdown/exit');
    });

    it('declares every feature in initialize', () => {
      const caps = c.initializeResult.capabilities;
      for (const k of ['documentSymbolProvider', 'hoverProvider', 'documentHighlightProvider', 'referencesProvider', 'renameProvider', 'semanticTokensProvider', 'inlayHintProvider', 'workspaceSymbolProvider', 'codeActionProvider'] as const) {
        assert.ok(caps[k], `${k} missing`);
      }
      assert.equal(caps.diagnosticProvider, undefined, 'no pull diagnostics for a client that cannot pull');
      assert.deepEqual((caps.semanticTokensProvider as { legend: { tokenTypes: string[] } }).legend.tokenTypes, ['person', 'organization', 'location', 'date']);
      assert.deepEqual((caps.codeActionProvider as { codeActionKinds: string[] }).codeActionKinds, ['quickfix', 'source.fixAll.articleLens']);
    });

    it('publishes diagnostics on didOpen, then again for the new version after didChange', async () => {
      c.open(seedUri, seedText);
      const first = await c.waitForDiagnostics(seedUri, (p) => p.version === 1);
      assert.ok(Array.isArray(first.diagnostics));
      assert.ok(!first.diagnostics.some((d) => d.code === 'date.weekday-mismatch'), 'the seed has no weekday mismatch');
      const planted = seedText.replace('أمس،', `${PLANTED}،`);
      const v = c.change(seedUri, planted);
      const second = await c.waitForDiagnostics(seedUri, (p) => p.version === v);
      const d = second.diagnostics.find((x) => x.code === 'date.weekday-mismatch');
      assert.ok(d, 'the planted weekday mismatch is reported');
      assert.equal(d.source, 'Article Lens');
      assert.equal(d.range.start.line, pos(planted, PLANTED, 0, 0).line);
      assert.equal(planted.split('\n')[d.range.start.line].slice(d.range.start.character, d.range.end.character), PLANTED);
    });

    it('offers quick fixes from the diagnostic data, which fix the text; a stale diagnostic gets none', async () => {
      const planted = seedText.replace('أمس،', `${PLANTED}،`);
      const v = c.change(seedUri, planted);
      const diags = (await c.waitForDiagnostics(seedUri, (p) => p.version === v)).diagnostics;
      const d = diags.find((x) => x.code === 'date.weekday-mismatch')!;
      const actions = await c.request<CodeAction[]>('textDocument/codeAction', {
        textDocument: { uri: seedUri },
        range: d.range,
        context: { diagnostics: [d], only: ['quickfix'] },
      });
      const preferred = actions.find((a) => a.isPreferred);
      assert.ok(preferred?.edit?.changes?.[seedUri], 'a preferred quick fix with an edit');
      const fixed = applyTextEdits(planted, preferred.edit!.changes![seedUri]);
      assert.ok(fixed.includes('الأربعاء 30 نوفمبر 2016'), 'the weekday is corrected');
      const v2 = c.change(seedUri, fixed);
      const after = await c.waitForDiagnostics(seedUri, (p) => p.version === v2);
      assert.ok(!after.diagnostics.some((x) => x.code === 'date.weekday-mismatch'), 'the finding is gone after the fix');
      const stale = await c.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: seedUri }, range: d.range, context: { diagnostics: [d], only: ['quickfix'] } });
      assert.deepEqual(stale, [], 'a diagnostic of an older version gets no action');
      c.change(seedUri, seedText);
    });

    it('documentSymbol: the Structure group with the headline, and the Dates group with resolved dates', async () => {
      const syms = await c.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: seedUri } });
      const structure = syms.find((s) => s.name === 'Structure');
      assert.ok(structure, 'Structure group');
      assert.equal(structure.children![0].detail, 'headline');
      assert.ok(structure.children![0].name.startsWith('لافروف: سندعم'));
      const dates = syms.find((s) => s.name === 'Dates');
      assert.ok(dates, 'Dates group');
      const ams = dates.children!.filter((d) => d.name === 'أمس');
      assert.equal(ams.length, 2);
      assert.equal(ams[0].detail, '2016-11-29', 'أمس resolves to the day before the publication date from the settings');
      const order = syms.map((s) => s.name);
      assert.equal(order[0], 'Structure');
      const people = syms.find((s) => s.name === 'People');
      assert.ok(people, 'People group');
      const lavrov = people.children!.find((p) => p.name.includes('لافروف'));
      assert.ok(lavrov, 'لافروف among the People');
      assert.equal(lavrov.children!.length, (seedText.match(/لافروف/g) ?? []).length, 'every mention of لافروف is a child');
      assert.ok(syms.some((s) => s.name === 'Places' && s.children!.some((c) => c.name === 'موسكو')), 'موسكو among the Places');
    });

    it('settings apply without a restart (didChangeConfiguration)', async () => {
      c.settings = { publicationDate: '2016-12-02' };
      void c.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
      // The server re-reads the settings and republishes; wait until the symbols follow the new date.
      let detail = '';
      for (let i = 0; i < 50 && detail !== '2016-12-01'; i++) {
        const syms = await c.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: seedUri } });
        detail = syms.find((s) => s.name === 'Dates')!.children!.find((d) => d.name === 'أمس')!.detail ?? '';
        if (detail !== '2016-12-01') await new Promise((res) => setImmediate(res));
      }
      assert.equal(detail, '2016-12-01');
      c.settings = { publicationDate: '2016-11-30' };
      void c.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    });

    it('hover: the headline card and the date card', async () => {
      const h = await c.request<Hover>('textDocument/hover', { textDocument: { uri: seedUri }, position: pos(seedText, 'سندعم') });
      assert.ok(h, 'a hover on the headline');
      const md = (h.contents as { value: string }).value;
      assert.match(md, /العنوان/);
      const line = seedText.split('\n').findIndex((l) => l.includes('أمس'));
      const d = await c.request<Hover>('textDocument/hover', { textDocument: { uri: seedUri }, position: pos(seedText, 'أمس') });
      const dmd = (d.contents as { value: string }).value;
      assert.equal(d.range!.start.line, line);
      assert.match(dmd, /29 نوفمبر 2016/, 'the date card gives the resolved day');
      assert.match(dmd, /قبل النشر بيوم واحد/);
      const none = await c.request<Hover | null>('textDocument/hover', { textDocument: { uri: seedUri }, position: { line: 999, character: 0 } });
      assert.equal(none, null);
    });

    it('hover on a name: the entity card with the role', async () => {
      const at = seedText.indexOf('وأكد لافروف') + 'وأكد '.length + 2;
      const h = await c.request<Hover>('textDocument/hover', { textDocument: { uri: seedUri }, position: new LineIndex(seedText).positionAt(at) });
      const md = (h.contents as { value: string }).value;
      assert.match(md, /\*\*سيرغي لافروف\*\* · شخص/);
      assert.match(md, /الصفة: وزير الخارجية الروسي/);
      assert.match(md, /عدد الذكر: 4/);
    });

    it('documentHighlight: every expression of the same day', async () => {
      const hl = await c.request<DocumentHighlight[]>('textDocument/documentHighlight', { textDocument: { uri: seedUri }, position: pos(seedText, 'أمس') });
      assert.equal(hl.length, 2);
      const lines = seedText.split('\n');
      for (const h of hl) assert.equal(lines[h.range.start.line].slice(h.range.start.character, h.range.end.character), 'أمس');
    });

    it('inlay hints: the resolved day after a relative date', async () => {
      const hints = await c.request<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri: seedUri }, range: { start: { line: 0, character: 0 }, end: { line: 999, character: 0 } } });
      const labels = hints.map((h) => String(h.label));
      assert.ok(labels.includes('(29 نوفمبر 2016)'), labels.join(' | '));
      const at = hints.find((h) => h.label === '(29 نوفمبر 2016)')!;
      const p = pos(seedText, 'أمس', 0, 3);
      assert.deepEqual(at.position, p, 'placed right after أمس');
    });

    it('semantic tokens: dates (and entities when tagged) as 5-integer groups', async () => {
      const t = await c.request<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri: seedUri } });
      assert.equal(t.data.length % 5, 0);
      const types = t.data.filter((_, i) => i % 5 === 3);
      assert.ok(types.includes(3), 'a date token');
      // Decode the first date token and check it covers a date expression.
      let line = 0;
      let ch = 0;
      const lines = seedText.split('\n');
      const texts: string[] = [];
      for (let i = 0; i < t.data.length; i += 5) {
        line += t.data[i];
        ch = t.data[i] ? t.data[i + 1] : ch + t.data[i + 1];
        if (t.data[i + 3] === 3) texts.push(lines[line].slice(ch, ch + t.data[i + 2]));
      }
      assert.ok(texts.includes('أمس') && texts.includes('الاثنين'), texts.join(' | '));
      const typed = (k: number) => {
        const out: string[] = [];
        let l = 0;
        let x = 0;
        for (let i = 0; i < t.data.length; i += 5) {
          l += t.data[i];
          x = t.data[i] ? t.data[i + 1] : x + t.data[i + 1];
          if (t.data[i + 3] === k) out.push(lines[l].slice(x, x + t.data[i + 2]));
        }
        return out;
      };
      assert.ok(typed(0).includes('لافروف'), 'لافروف is a person token');
      assert.ok(typed(2).includes('موسكو'), 'موسكو is a location token');
    });

    it('references, rename and prepareRename on an entity; prepareRename refuses a common word', async () => {
      await assert.rejects(
        c.request('textDocument/prepareRename', { textDocument: { uri: seedUri }, position: pos(seedText, 'تقيم') }),
        /renamed/,
      );
      const syms = await c.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: seedUri } });
      const people = syms.find((s) => s.name === 'People')!;
      const lavrov = people.children!.find((p) => p.name.includes('لافروف'))!;
      const at = seedText.indexOf('وأكد لافروف') + 'وأكد '.length + 1;
      const position = new LineIndex(seedText).positionAt(at);
      const refs = await c.request<Location[]>('textDocument/references', { textDocument: { uri: seedUri }, position, context: { includeDeclaration: true } });
      assert.equal(refs.length, lavrov.children!.length);
      const hl = await c.request<DocumentHighlight[]>('textDocument/documentHighlight', { textDocument: { uri: seedUri }, position });
      assert.deepEqual(hl.map((h) => h.range), refs.map((r) => r.range), 'highlights are the references');
      const prep = await c.request<{ placeholder: string }>('textDocument/prepareRename', { textDocument: { uri: seedUri }, position });
      assert.equal(prep.placeholder, 'لافروف');
      const edit = await c.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri: seedUri }, position, newName: 'لافروڤ' });
      const renamed = applyTextEdits(seedText, edit.changes![seedUri]);
      assert.ok(renamed.includes('وأكد لافروڤ') && renamed.includes('ولافروڤ') === seedText.includes('ولافروف'), 'clitics kept');
      assert.ok(!renamed.includes('لافروف'));
    });

    it('entity report and fix-all requests answer for the current version', async () => {
      const r = await c.request<EntityReport>('articleLens/entityReport', { uri: seedUri });
      assert.equal(r.language, 'ar');
      assert.equal(r.publicationDate, '2016-11-30');
      const ams = r.dates.filter((d) => d.text === 'أمس');
      assert.equal(ams.length, 2);
      assert.equal(ams[0].iso, '2016-11-29');
      assert.equal(seedText.slice(ams[0].start, ams[0].end), 'أمس');
      const f = await c.request<FixAllResult>('articleLens/fixAll', { uri: seedUri });
      assert.equal(f.version, c.version(seedUri));
      assert.ok(Array.isArray(f.edits));
    });

    it('answers on bad documents: empty, binary-looking, one huge line', async () => {
      const cases = ['', '\u0000\u0001\u0002\uFFFD\uFFFD', 'x'.repeat(200000)];
      for (const [i, text] of cases.entries()) {
        const uri = `untitled:bad-${i}`;
        c.open(uri, text);
        await c.waitForDiagnostics(uri);
        const syms = await c.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
        assert.ok(Array.isArray(syms));
        const h = await c.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } });
        assert.ok(h === null || typeof h === 'object');
        c.close(uri);
      }
      const unknown = await c.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: 'file:///never/opened.txt' } });
      assert.deepEqual(unknown, []);
    });
  });

  describe('pull diagnostics (textDocument/diagnostic)', () => {
    let c: TestClient;
    before(async () => {
      c = await startClient({ pull: true, settings: { publicationDate: '2016-11-30' } });
    });
    after(async () => {
      assert.equal(await c.stop(), 0);
    });

    it('declares a diagnostic provider and answers full reports per version', async () => {
      assert.ok(c.initializeResult.capabilities.diagnosticProvider);
      c.open(seedUri, seedText);
      const r1 = await c.request<FullDocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri: seedUri } });
      assert.equal(r1.kind, 'full');
      assert.ok(!r1.items.some((d) => d.code === 'date.weekday-mismatch'));
      c.change(seedUri, seedText.replace('أمس،', `${PLANTED}،`));
      const r2 = await c.request<FullDocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri: seedUri } });
      const d = r2.items.find((x: Diagnostic) => x.code === 'date.weekday-mismatch');
      assert.ok(d);
      assert.equal((d.data as { version: number }).version, 2, 'the data carries the version the fixes belong to');
      assert.equal(c.diagnostics.size, 0, 'nothing pushed to a pulling client');
      const again = await c.request<{ kind: string; resultId?: string }>('textDocument/diagnostic', { textDocument: { uri: seedUri }, previousResultId: r2.resultId });
      assert.equal(again.kind, 'unchanged', 'same version, same settings: unchanged');
      assert.equal(again.resultId, r2.resultId);
    });

    it('articleLens.diagnostics turns a code off without a restart', async () => {
      c.settings = { publicationDate: '2016-11-30', diagnostics: { 'date.weekday-mismatch': 'off' } };
      void c.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
      let items: Diagnostic[] = [{ code: 'date.weekday-mismatch' } as Diagnostic];
      for (let i = 0; i < 50 && items.some((d) => d.code === 'date.weekday-mismatch'); i++) {
        items = (await c.request<FullDocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri: seedUri } })).items;
      }
      assert.ok(!items.some((d) => d.code === 'date.weekday-mismatch'));
    });
  });

  describe('settings, locale, trust and the workspace', () => {
    let dir: string;
    before(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'article-lens-ws-'));
      fs.mkdirSync(path.join(dir, 'articles'));
      fs.writeFileSync(path.join(dir, 'articles', 'a.txt'), seedText);
      fs.writeFileSync(path.join(dir, 'articles', 'b.txt'), seedText.replace('أمس،', `${PLANTED}،`));
      fs.writeFileSync(path.join(dir, 'notes.txt'), 'not an article');
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    it('maxFileSizeKB: one information diagnostic instead of analysis', async () => {
      const c = await startClient({ settings: { maxFileSizeKB: 1 } });
      try {
        c.open(seedUri, seedText);
        const p = await c.waitForDiagnostics(seedUri);
        assert.equal(p.diagnostics.length, 1);
        assert.equal(p.diagnostics[0].code, 'file.too-large');
        assert.equal(p.diagnostics[0].severity, 3);
        const syms = await c.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: seedUri } });
        assert.deepEqual(syms, []);
      } finally {
        await c.stop();
      }
    });

    it('semanticHighlighting and inlayHints settings turn the features off', async () => {
      const c = await startClient({ settings: { publicationDate: '2016-11-30', semanticHighlighting: false, inlayHints: false } });
      try {
        c.open(seedUri, seedText);
        await c.waitForDiagnostics(seedUri);
        const t = await c.request<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri: seedUri } });
        assert.deepEqual(t.data, []);
        const hints = await c.request<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri: seedUri }, range: { start: { line: 0, character: 0 }, end: { line: 99, character: 0 } } });
        assert.deepEqual(hints, []);
      } finally {
        await c.stop();
      }
    });

    it('an Arabic UI gets Arabic group names in the Outline', async () => {
      const c = await startClient({ locale: 'ar' });
      try {
        c.open(seedUri, seedText);
        const syms = await c.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: seedUri } });
        assert.equal(syms[0].name, 'البنية');
        assert.ok(syms.some((s) => s.name === 'التواريخ'));
      } finally {
        await c.stop();
      }
    });

    it('name.variant on a planted variant: Arabic message and fix title in an Arabic UI; the quick fix and Fix All fix the text', async () => {
      const file = path.join(ROOT, 'test/fixtures/names/001_shoigu.txt');
      const text = fs.readFileSync(file, 'utf8');
      const uri = fileUri(file);
      const c = await startClient({ locale: 'ar' });
      try {
        c.open(uri, text);
        const p = await c.waitForDiagnostics(uri, (x) => x.diagnostics.some((d) => d.code === 'name.variant'));
        const d = p.diagnostics.find((x) => x.code === 'name.variant')!;
        assert.equal(text.split('\n')[d.range.start.line].slice(d.range.start.character, d.range.end.character), 'شويجو');
        assert.match(String(d.message), /^اسم مكتوب بصيغتين: .*«شويغو»/);
        assert.equal(d.relatedInformation?.length, 1);
        const actions = await c.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } });
        const fix = actions.find((a) => a.isPreferred)!;
        assert.equal(fix.title, 'استعمل كتابة الأغلبية «شويغو»');
        const fixed = applyTextEdits(text, fix.edit!.changes![uri]);
        assert.equal((fixed.match(/شويجو/g) ?? []).length, 0);
        assert.ok(actions.some((a) => a.command?.command === 'articleLens.addToStylebook'), 'Add to Style Book is offered');
        assert.ok(actions.some((a) => a.kind === 'source.fixAll.articleLens'));
        const all = await c.request<FixAllResult>('articleLens/fixAll', { uri });
        assert.equal(applyTextEdits(text, all.edits), fixed);
        const v = c.change(uri, fixed);
        const after = await c.waitForDiagnostics(uri, (x) => x.version === v);
        assert.ok(!after.diagnostics.some((x) => x.code === 'name.variant'));
      } finally {
        await c.stop();
      }
    });

    it('Check Workspace: progress, and diagnostics of files that are not open pushed to Problems', async () => {
      const c = await startClient({ workspaceFolder: dir, settings: { workspaceIndex: { include: ['articles/**/*.txt'] } }, workDoneProgress: true });
      try {
        const r = await c.request<CheckWorkspaceResult>('articleLens/checkWorkspace', { workDoneToken: 'check-1' });
        assert.equal(r.files, 2, 'the two files under articles/ and not notes.txt');
        assert.equal(r.cancelled, false);
        const b = fileUri(path.join(dir, 'articles', 'b.txt'));
        const p = await c.waitForDiagnostics(b);
        assert.ok(p.diagnostics.some((d) => d.code === 'date.weekday-mismatch'));
        assert.ok(r.diagnostics >= 1);
        const mine = c.progress.filter((x) => (x as { token: unknown }).token === 'check-1').map((x) => (x as { value: { kind: string } }).value.kind);
        assert.equal(mine[0], 'begin');
        assert.equal(mine[mine.length - 1], 'end');
        const syms = await c.request<SymbolInformation[]>('workspace/symbol', { query: 'حفتر' });
        const uris = new Set(syms.map((s) => s.location.uri));
        assert.ok(uris.has(fileUri(path.join(dir, 'articles', 'a.txt'))) && uris.has(b), 'حفتر in both indexed articles');
        const one = syms[0];
        const lines = fs.readFileSync(new URL(one.location.uri), 'utf8').split('\n');
        assert.ok(lines[one.location.range.start.line].slice(one.location.range.start.character, one.location.range.end.character).includes('حفتر'));
      } finally {
        await c.stop();
      }
    });

    it('background indexing at start: server-initiated progress, then workspace symbols', async () => {
      const c = await startClient({ workspaceFolder: dir, settings: { workspaceIndex: { include: ['articles/**/*.txt'] } }, workDoneProgress: true });
      try {
        // The index reports begin … end on a token the server created; wait for its end.
        await c.waitForProgress((p) => p.value.kind === 'end');
        const kinds = c.progress.map((p) => (p as { value: { kind: string } }).value.kind);
        assert.equal(kinds[0], 'begin');
        const syms = await c.request<SymbolInformation[]>('workspace/symbol', { query: 'لافروف' });
        assert.equal(new Set(syms.map((s) => s.location.uri)).size, 2, 'found in both articles without opening them');
      } finally {
        await c.stop();
      }
    });

    it('a workspace folder added later is indexed (didChangeWorkspaceFolders)', async () => {
      const c = await startClient({ settings: { workspaceIndex: { include: ['articles/**/*.txt'] } }, workDoneProgress: true });
      try {
        const before = await c.request<SymbolInformation[]>('workspace/symbol', { query: 'لافروف' });
        assert.equal(before.length, 0);
        void c.conn.sendNotification('workspace/didChangeWorkspaceFolders', { event: { added: [{ uri: fileUri(dir), name: 'ws' }], removed: [] } });
        await c.waitForProgress((p) => p.value.kind === 'end');
        const after = await c.request<SymbolInformation[]>('workspace/symbol', { query: 'لافروف' });
        assert.equal(new Set(after.map((s) => s.location.uri)).size, 2);
      } finally {
        await c.stop();
      }
    });

    it('the style book of a trusted workspace is read (and re-read when it changes); an untrusted one is ignored', async () => {
      const file = path.join(ROOT, 'test/fixtures/names/001_shoigu.txt');
      const text = fs.readFileSync(file, 'utf8');
      const uri = fileUri(path.join(dir, 'articles', 'c.txt'));
      fs.mkdirSync(path.join(dir, '.article-lens'), { recursive: true });
      const book = path.join(dir, '.article-lens', 'stylebook.json');
      fs.writeFileSync(book, JSON.stringify({ names: [{ preferred: 'شويغو', variants: ['شويجو'] }] }));
      try {
        for (const trusted of [true, false]) {
          const c = await startClient({ workspaceFolder: dir, settings: { workspaceIndex: { enabled: false } }, initializationOptions: { trusted } });
          try {
            c.open(uri, text);
            const p = await c.waitForDiagnostics(uri);
            assert.equal(p.diagnostics.some((d) => d.code === 'name.stylebook'), trusted, `trusted=${trusted}`);
            if (trusted) {
              fs.writeFileSync(book, JSON.stringify({ names: [{ preferred: 'لافروف', variants: ['لافروڤ'] }] }));
              void c.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(book), type: 2 }] });
              const q = await c.waitForDiagnostics(uri, (x) => !x.diagnostics.some((d) => d.code === 'name.stylebook'));
              assert.ok(q.diagnostics.some((d) => d.code === 'name.variant'), 'without the book entry the variant is a plain name.variant');
              // A broken style book: its problem is reported on the style book file itself.
              fs.writeFileSync(book, '{ "names": [ { "preferred": "شويغو", "variants": ["شويجو"] }, ]');
              void c.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(book), type: 2 }] });
              const bad = await c.waitForDiagnostics(fileUri(book), (x) => x.diagnostics.length > 0);
              assert.equal(bad.diagnostics[0].code, 'stylebook.problem');
              assert.equal(bad.diagnostics[0].range.start.line, 0);
              fs.writeFileSync(book, JSON.stringify({ names: [{ preferred: 'شويغو', variants: ['شويجو'] }] }));
            }
          } finally {
            await c.stop();
          }
        }
      } finally {
        fs.rmSync(path.join(dir, '.article-lens'), { recursive: true, force: true });
      }
    });

    it('an untrusted workspace is not scanned', async () => {
      const c = await startClient({ workspaceFolder: dir, initializationOptions: { trusted: false } });
      try {
        const r = await c.request<CheckWorkspaceResult>('articleLens/checkWorkspace', {});
        assert.equal(r.files, 0);
        assert.equal(r.reason, 'untrusted workspace');
        // Trust granted (the VS Code client forwards onDidGrantWorkspaceTrust): the workspace is scanned.
        void c.conn.sendNotification('articleLens/trust', { trusted: true });
        const r2 = await c.request<CheckWorkspaceResult>('articleLens/checkWorkspace', {});
        assert.equal(r2.reason, undefined);
        assert.ok(r2.files >= 1);
      } finally {
        await c.stop();
      }
    });
  });
});
