/**
 * Runs INSIDE VS Code's extension host (desktop via @vscode/test-electron: `npm run test:desktop`; code-server via
 * test/editors/extension-host.test.ts). Uses only the public API: activation, the document symbol, hover and
 * diagnostics providers through `vscode.execute*Provider` and `vscode.languages.getDiagnostics`.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

const EXT_ID = 'article-lens.article-lens';
const SEED = '000_36fff38b519712a3.txt';

function seedUri(): vscode.Uri {
  for (const f of vscode.workspace.workspaceFolders ?? []) {
    const p = path.join(f.uri.fsPath, SEED);
    if (fs.existsSync(p)) return vscode.Uri.file(p);
  }
  // Bundled to out/extension-tests/index.js: the repository's seeds are two folders up.
  return vscode.Uri.file(path.resolve(__dirname, '../../seeds', SEED));
}

/** Resolves when `pred` holds for the diagnostics of `uri`, checking on every change event (no polling). */
function diagnosticsWhere(uri: vscode.Uri, pred: (d: readonly vscode.Diagnostic[]) => boolean): Promise<readonly vscode.Diagnostic[]> {
  return new Promise((resolve) => {
    const now = vscode.languages.getDiagnostics(uri);
    if (pred(now)) return resolve(now);
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (!e.uris.some((u) => u.toString() === uri.toString())) return;
      const d = vscode.languages.getDiagnostics(uri);
      if (pred(d)) {
        sub.dispose();
        resolve(d);
      }
    });
  });
}

function hoverText(hovers: vscode.Hover[] | undefined): string {
  return (hovers ?? []).flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))).join('\n');
}

describe('extension host: Article Lens', () => {
  let doc: vscode.TextDocument;

  before(async () => {
    doc = await vscode.workspace.openTextDocument(seedUri());
    await vscode.window.showTextDocument(doc);
    const ext = vscode.extensions.getExtension(EXT_ID);
    assert.ok(ext, `${EXT_ID} is installed`);
    await ext.activate();
  });

  it('the seed opens as an article and the extension is active', () => {
    assert.equal(doc.languageId, 'article');
    assert.equal(vscode.extensions.getExtension(EXT_ID)?.isActive, true);
  });

  it('activation reports how long the server took to be ready', () => {
    const api = vscode.extensions.getExtension(EXT_ID)?.exports as { timings?: () => { serverReadyMs: number } | undefined } | undefined;
    const t = api?.timings?.();
    assert.ok(t, 'the extension exports its activation timings');
    assert.ok(t.serverReadyMs > 0 && t.serverReadyMs < 30_000, `server ready in ${t.serverReadyMs} ms`);
    // Read by the code-server runner (test/editors/extension-host.test.ts), which records it for the benchmark notes.
    (globalThis as { __articleLensMetrics?: Record<string, number> }).__articleLensMetrics = { activationServerReadyMs: t.serverReadyMs };
  });

  it('every contributed command is registered', async () => {
    const all = new Set(await vscode.commands.getCommands(true));
    const contributed: { command: string }[] = vscode.extensions.getExtension(EXT_ID)!.packageJSON.contributes.commands;
    for (const c of contributed) assert.ok(all.has(c.command), c.command);
  });

  it('settings have their defaults', () => {
    const cfg = vscode.workspace.getConfiguration('articleLens');
    assert.deepEqual(cfg.get('languages'), ['article', 'plaintext', 'markdown']);
  });

  it('document symbols: the Structure group with the headline first', async () => {
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', doc.uri);
    assert.ok(symbols && symbols.length > 0, 'symbols');
    const structure = symbols.find((s) => s.name === 'Structure');
    assert.ok(structure, `groups: ${symbols.map((s) => s.name).join(', ')}`);
    assert.equal(structure.children[0].name, doc.lineAt(0).text.trim());
    assert.equal(structure.children[0].range.start.line, 0);
    assert.ok(structure.children.length >= 6, 'headline and paragraphs');
  });

  it('document symbols: entity groups: People lists سيرغي لافروف with his mentions', async () => {
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', doc.uri);
    const people = symbols.find((s) => s.name === 'People');
    assert.ok(people, `a People group: ${symbols.map((s) => s.name).join(', ')}`);
    assert.ok(people.children.some((c) => c.name === 'سيرغي لافروف'), `People: ${people.children.map((c) => c.name).join(', ')}`);
    // Each entity lists its mentions as children, inside the entity's range.
    const lavrov = people.children.find((c) => c.name === 'سيرغي لافروف')!;
    assert.ok(lavrov.children.length >= 2);
    for (const m of lavrov.children) assert.ok(lavrov.range.contains(m.range), 'mention inside its entity');
  });

  it('hover on a name: the entity card', async () => {
    const col = doc.lineAt(0).text.indexOf('لافروف') + 2;
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(0, col));
    assert.match(hoverText(hovers), /سيرغي لافروف/);
  });

  it('hover on the headline', async () => {
    // A headline word after the colon: the headline card (the surname before it may carry an entity card).
    const col = doc.lineAt(0).text.indexOf('التسوية') + 2;
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(0, col));
    assert.match(hoverText(hovers), /العنوان|Headline/);
  });

  it('diagnostics: a wrong weekday is reported with its code', async () => {
    const planted = await vscode.workspace.openTextDocument({
      language: 'article',
      content: 'محادثات في موسكو\nموسكو - التقى الوزيران يوم الجمعة 29 نوفمبر 2016 في مقر الوزارة.\n',
    });
    await vscode.window.showTextDocument(planted);
    const diags = await diagnosticsWhere(planted.uri, (d) => d.some((x) => codeOf(x) === 'date.weekday-mismatch'));
    const d = diags.find((x) => codeOf(x) === 'date.weekday-mismatch')!;
    assert.equal(d.range.start.line, 1);
    assert.equal(d.severity, vscode.DiagnosticSeverity.Warning);
    assert.match(d.message, /الثلاثاء/);

    // Its quick fix writes the right weekday; applying it clears the finding.
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', planted.uri, d.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((a) => a.isPreferred && a.edit);
    assert.ok(fix, `a preferred quick fix: ${actions.map((a) => a.title).join(' | ')}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit!));
    assert.ok(planted.getText().includes('يوم الثلاثاء 29 نوفمبر 2016'), planted.getText());
    await diagnosticsWhere(planted.uri, (ds) => !ds.some((x) => codeOf(x) === 'date.weekday-mismatch'));
  });
});

function codeOf(d: vscode.Diagnostic): string {
  return typeof d.code === 'object' ? String(d.code.value) : String(d.code);
}
