import * as assert from 'node:assert/strict';
import { parseStylebook } from '../../server/src/core/stylebook/parse';
import { analyze } from '../../server/src/core/analyze';
import { addToStylebook } from '../../server/src/core/stylebook/edit';

describe('style book: parse', () => {
  it('reads JSON entries, guessing the language from the script', () => {
    const r = parseStylebook('{"names":[{"preferred":"شويغو","variants":["شويجو","شويقو"]},{"preferred":"Gaddafi","variants":["Qaddafi"],"note":"house style"}]}', 'json');
    assert.deepEqual(r.problems, []);
    assert.deepEqual(r.stylebook?.entries, [
      { preferred: 'شويغو', variants: ['شويجو', 'شويقو'], language: 'ar' },
      { preferred: 'Gaddafi', variants: ['Qaddafi'], language: 'en', note: 'house style' },
    ]);
  });
  it('reads YAML entries', () => {
    const r = parseStylebook('names:\n  - preferred: لافروف\n    variants: [لافروڤ]\n    language: ar\n', 'yaml');
    assert.deepEqual(r.problems, []);
    assert.deepEqual(r.stylebook?.entries, [{ preferred: 'لافروف', variants: ['لافروڤ'], language: 'ar' }]);
  });
  it('malformed JSON: one error with line and column, no style book', () => {
    const text = '{\n  "names": [\n    {"preferred": "شويغو", "variants": ["شويجو",]}\n  ]\n}';
    const r = parseStylebook(text, 'json');
    assert.equal(r.stylebook, undefined);
    assert.equal(r.problems.length, 1);
    const p = r.problems[0];
    assert.equal(p.severity, 'error');
    assert.equal(p.line, 2);
    assert.equal(p.character, text.split('\n')[2].indexOf(']'));
    assert.match(p.message, /not valid JSON/);
  });
  it('malformed YAML: one error with line and column, no style book', () => {
    const text = 'names:\n  - preferred: شويغو\n    variants: [شويجو\n  - preferred: x\n';
    const r = parseStylebook(text, 'yaml');
    assert.equal(r.stylebook, undefined);
    assert.equal(r.problems.length, 1);
    assert.equal(r.problems[0].severity, 'error');
    assert.ok(r.problems[0].line >= 2, `line ${r.problems[0].line}`);
    assert.match(r.problems[0].message, /not valid YAML/);
  });
  it('an invalid entry is skipped with a warning at its position; the rest is used', () => {
    const text = '{"names": [\n {"variants": ["x"]},\n {"preferred": "Gaddafi", "variants": ["Qaddafi", 3]}\n]}';
    const r = parseStylebook(text, 'json');
    assert.equal(r.stylebook?.entries.length, 1);
    assert.deepEqual(r.stylebook?.entries[0].variants, ['Qaddafi']);
    assert.deepEqual(r.problems.map((p) => [p.severity, p.line]), [['warning', 1], ['warning', 2]]);
  });
  it('not an object: one error', () => {
    const r = parseStylebook('[1, 2]', 'json');
    assert.equal(r.stylebook, undefined);
    assert.equal(r.problems.length, 1);
  });
  it('imports textlint prh dictionaries; literal alternations kept, real regular expressions rejected with a message', () => {
    const text = [
      'version: 1',
      'rules:',
      '  - expected: Gaddafi',
      '    patterns:',
      '      - Qaddafi',
      '      - /Kadhafi|Gadafy/',
      '      - /G(h)?add?afi+/',
      '  - expected: شويغو',
      '    pattern: شويجو',
      '',
    ].join('\n');
    const r = parseStylebook(text, 'yaml');
    assert.deepEqual(r.stylebook?.entries, [
      { preferred: 'Gaddafi', variants: ['Qaddafi', 'Kadhafi', 'Gadafy'], language: 'en' },
      { preferred: 'شويغو', variants: ['شويجو'], language: 'ar' },
    ]);
    assert.equal(r.problems.length, 1);
    assert.equal(r.problems[0].line, 6);
    assert.match(r.problems[0].message, /not supported/);
  });
  it('a pathological style book cannot hang the analysis (no regex from the user runs)', () => {
    const names = Array.from({ length: 5000 }, (_, i) => ({ preferred: `Name${i}`, variants: [`(a+)+$${i}`, `Nme${i}`] }));
    const r = parseStylebook(JSON.stringify({ names }), 'json');
    const t0 = Date.now();
    const a = analyze('Nme42 met (a+)+$7 and ' + 'a'.repeat(5000) + '!', { language: 'en', stylebook: r.stylebook });
    assert.ok(Date.now() - t0 < 2000);
    const found = a.diagnostics.filter((d) => d.code === 'name.stylebook').map((d) => d.data);
    assert.deepEqual(found, [
      { preferred: 'Name42', variant: 'Nme42' },
      { preferred: 'Name7', variant: '(a+)+$7' },
    ]);
  });
});

describe('name.stylebook', () => {
  const sb = parseStylebook('{"names":[{"preferred":"شويغو","variants":["شويجو"]}]}', 'json').stylebook;
  it('flags a listed variant, keeps the clitic, fixes to the preferred form', () => {
    const text = 'التقى وشويجو بالوزير.';
    const a = analyze(text, { language: 'ar', stylebook: sb });
    const f = a.diagnostics.filter((d) => d.code === 'name.stylebook');
    assert.equal(f.length, 1);
    assert.equal(text.slice(f[0].start, f[0].end), 'شويجو');
    assert.deepEqual(f[0].fixes[0].edits, [{ start: text.indexOf('شويجو'), end: text.indexOf('شويجو') + 5, newText: 'شويغو' }]);
  });
  it('does not flag inside a longer word or without a style book', () => {
    assert.equal(analyze('شويجوف', { language: 'ar', stylebook: sb }).diagnostics.filter((d) => d.code === 'name.stylebook').length, 0);
    assert.equal(analyze('شويجو', { language: 'ar' }).diagnostics.filter((d) => d.code === 'name.stylebook').length, 0);
  });
});


describe('style book: add a spelling', () => {
  it('JSON: a new book, then a variant added to an existing entry, without duplicates', () => {
    const a = addToStylebook('', 'json', { preferred: 'شويغو', variant: 'شويجو' });
    assert.ok('text' in a);
    const b = addToStylebook((a as { text: string }).text, 'json', { preferred: 'شويغو', variant: 'شويقو' });
    const c = addToStylebook((b as { text: string }).text, 'json', { preferred: 'شويغو', variant: 'شويقو' });
    const r = parseStylebook((c as { text: string }).text, 'json');
    assert.deepEqual(r.problems, []);
    assert.deepEqual(r.stylebook?.entries, [{ preferred: 'شويغو', variants: ['شويجو', 'شويقو'], language: 'ar' }]);
  });
  it('YAML: keeps comments and adds the entry', () => {
    const text = '# house spellings\nnames:\n  - preferred: Gaddafi # Libya\n    variants: [Qaddafi]\n';
    const r1 = addToStylebook(text, 'yaml', { preferred: 'Gaddafi', variant: 'Kadhafi' });
    const r2 = addToStylebook((r1 as { text: string }).text, 'yaml', { preferred: 'لافروف', variant: 'لافروڤ' });
    const out = (r2 as { text: string }).text;
    assert.match(out, /# house spellings/);
    assert.match(out, /# Libya/);
    const r = parseStylebook(out, 'yaml');
    assert.deepEqual(r.stylebook?.entries, [
      { preferred: 'Gaddafi', variants: ['Qaddafi', 'Kadhafi'], language: 'en' },
      { preferred: 'لافروف', variants: ['لافروڤ'], language: 'ar' },
    ]);
  });
  it('refuses to edit a malformed book', () => {
    assert.ok('error' in addToStylebook('{"names": [', 'json', { preferred: 'x', variant: 'y' }));
    assert.ok('error' in addToStylebook('names: [\n', 'yaml', { preferred: 'x', variant: 'y' }));
  });
});
