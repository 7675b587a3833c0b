import * as assert from 'node:assert/strict';
import type { CodeActionParams } from 'vscode-languageserver';
import { analyze } from '../../server/src/core/analyze';
import { applyEdits } from '../../server/src/core/names/fixall';
import { LineIndex } from '../../server/src/core/text/lines';
import type { Finding } from '../../server/src/core/types';
import { codeActions, FIX_ALL_KIND } from '../../server/src/features/codeActions';
import { isDiagnosticData, toDiagnostic } from '../../server/src/features/convert';
import { Commands } from '../../server/src/protocol';
import { article } from './features-helpers';

const TEXT = 'شويغو يزور دمشق\nقال وزير الدفاع سيرغي شويغو إن الزيارة مهمة. وأكد شويجو أن روسيا تدعم سوريا.\n';

function variantFinding(text: string): Finding {
  const start = text.indexOf('شويجو');
  return {
    code: 'name.variant',
    severity: 'warning',
    start,
    end: start + 'شويجو'.length,
    message: "Name spelled two ways: 'شويغو' (2×), 'شويجو' (1×).",
    related: [],
    fixes: [{ title: "Use the majority spelling 'شويغو'", edits: [{ start, end: start + 5, newText: 'شويغو' }], preferred: true }],
    data: { kind: 'transliteration', spelling: 'شويجو', reference: 'شويغو', spellings: [], entities: [] },
  };
}

function params(uri: string, diagnostics: CodeActionParams['context']['diagnostics'], only?: string[]): CodeActionParams {
  return { textDocument: { uri }, range: diagnostics[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics, ...(only ? { only } : {}) } };
}

describe('features: code actions from Diagnostic.data', () => {
  it('a diagnostic carries its version, fixes and finding data', () => {
    const { conv } = article(TEXT);
    const d = toDiagnostic(conv, variantFinding(TEXT), 3);
    assert.equal(d.code, 'name.variant');
    assert.ok(isDiagnosticData(d.data));
    assert.equal(d.data.version, 3);
    assert.equal(d.data.fixes.length, 1);
    assert.deepEqual(JSON.parse(JSON.stringify(d.data)), d.data, 'JSON-serializable');
  });

  it('quick fix per Finding.fix (preferred first), Add to Style Book, and source.fixAll.articleLens', () => {
    const f = variantFinding(TEXT);
    const { article: a, conv } = article(TEXT, [], {}, [f]);
    const d = toDiagnostic(conv, f, 5);
    const actions = codeActions(a, conv, 5, params(conv.uri, [d]));
    const fix = actions.find((x) => x.kind === 'quickfix' && x.edit)!;
    assert.equal(fix.isPreferred, true);
    const li = new LineIndex(TEXT);
    const edits = fix.edit!.changes![conv.uri].map((e) => ({ start: li.offsetAt(e.range.start), end: li.offsetAt(e.range.end), newText: e.newText }));
    assert.ok(applyEdits(TEXT, edits).includes('وأكد شويغو أن'));
    const add = actions.find((x) => x.command)!;
    assert.equal(add.command!.command, Commands.addToStylebook);
    assert.deepEqual(add.command!.arguments, [{ preferred: 'شويغو', variant: 'شويجو' }]);
    const all = actions.find((x) => x.kind === FIX_ALL_KIND)!;
    assert.equal(all.edit!.changes![conv.uri].length, 1);
  });

  it('quoted Arabic names in a left-to-right message are isolated (FSI…PDI); the rest is unchanged', () => {
    const { conv } = article(TEXT);
    const d = toDiagnostic(conv, variantFinding(TEXT), 1);
    assert.equal(d.message, "Name spelled two ways: '\u2068شويغو\u2069' (2×), '\u2068شويجو\u2069' (1×).");
    const plain = toDiagnostic(conv, { ...variantFinding(TEXT), message: "Name spelled two ways: 'Shoigu' (2×)." }, 1);
    assert.equal(plain.message, "Name spelled two ways: 'Shoigu' (2×).");
  });

  it('a diagnostic of another version gets no quick fix; foreign diagnostics are ignored', () => {
    const f = variantFinding(TEXT);
    const { article: a, conv } = article(TEXT, [], {}, [f]);
    const old = toDiagnostic(conv, f, 4);
    assert.deepEqual(codeActions(a, conv, 5, params(conv.uri, [old], ['quickfix'])), []);
    const foreign = { ...old, data: 'something else' };
    assert.deepEqual(codeActions(a, conv, 4, params(conv.uri, [foreign], ['quickfix'])), []);
  });

  it('only: source.fixAll gives the fix-all action alone, with every name fix of the article', () => {
    const f = variantFinding(TEXT);
    const { article: a, conv } = article(TEXT, [], {}, [f]);
    const actions = codeActions(a, conv, 1, params(conv.uri, [], ['source.fixAll']));
    assert.deepEqual(actions.map((x) => x.kind), [FIX_ALL_KIND]);
  });

  it('date findings of the real core come with working quick fixes', () => {
    const text = 'عنوان\nقال المتحدث يوم الثلاثاء 30 نوفمبر 2016 إن الاجتماع انتهى.\n';
    const a = analyze(text);
    const { conv } = article(text);
    const f = a.diagnostics.find((x) => x.code === 'date.weekday-mismatch')!;
    assert.ok(f);
    const d = toDiagnostic(conv, f, 1);
    const fix = codeActions(a, conv, 1, params(conv.uri, [d], ['quickfix'])).find((x) => x.isPreferred)!;
    const li = new LineIndex(text);
    const out = applyEdits(text, fix.edit!.changes![conv.uri].map((e) => ({ start: li.offsetAt(e.range.start), end: li.offsetAt(e.range.end), newText: e.newText })));
    assert.ok(out.includes('الأربعاء 30 نوفمبر 2016'));
  });
});
