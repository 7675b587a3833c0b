import * as assert from 'node:assert/strict';
import type { DocumentSymbol } from 'vscode-languageserver';
import { GlobSet, globToRegExp } from '../../server/src/glob';
import { hover } from '../../server/src/features/hover';
import { inlayHints } from '../../server/src/features/inlayHints';
import { entityReport } from '../../server/src/features/report';
import { semanticTokens } from '../../server/src/features/semanticTokens';
import { documentSymbols } from '../../server/src/features/symbols';
import { messages } from '../../server/src/l10n';
import { article, at, SEED_ENTITIES, SEED_LIKE } from './features-helpers';

const contains = (outer: DocumentSymbol['range'], inner: DocumentSymbol['range']) =>
  (outer.start.line < inner.start.line || (outer.start.line === inner.start.line && outer.start.character <= inner.start.character)) &&
  (outer.end.line > inner.end.line || (outer.end.line === inner.end.line && outer.end.character >= inner.end.character));

describe('features: hover, outline, semantic tokens, inlay hints, report', () => {
  it('hover on a name: the entity card with role, spellings, mentions and first mention', () => {
    const { article: a, conv, offset } = article(at(SEED_LIKE, 'لافروف', 2), SEED_ENTITIES);
    const h = hover(a, conv, offset, { html: true })!;
    const md = (h.contents as { value: string }).value;
    assert.match(md, /^<div dir="rtl" align="right">/);
    const plain = (hover(a, conv, offset)!.contents as { value: string }).value;
    assert.ok(!plain.includes('<div'), 'no HTML for clients that did not ask for it (Neovim shows it raw)');
    assert.match(md, /\*\*سيرغي لافروف\*\* · شخص/);
    assert.match(md, /الصفة: وزير الخارجية الروسي/);
    assert.match(md, /كتابات أخرى: لافروف/);
    assert.match(md, /عدد الذكر: 4/);
    assert.match(md, /أول ذكر: السطر 1/);
    assert.equal(h.range!.start.line, 2);
  });

  it('hover on a relative date: the date card; English articles get English labels, no RTL wrapper', () => {
    const ar = article(at(SEED_LIKE, 'أمس'), SEED_ENTITIES, { publicationDate: { year: 2016, month: 11, day: 30 } });
    const md = (hover(ar.article, ar.conv, ar.offset)!.contents as { value: string }).value;
    assert.match(md, /الثلاثاء 29 نوفمبر 2016/);
    const en = article(at('Lavrov meets Haftar\nMOSCOW — Sergei Lavrov met Khalifa Haftar yesterday.\n', 'Lavrov', 1), [
      { type: 'person', name: 'Sergei Lavrov', spellings: ['Sergei Lavrov', 'Lavrov'], roles: [] },
    ]);
    const emd = (hover(en.article, en.conv, en.offset, { html: true })!.contents as { value: string }).value;
    assert.ok(!emd.includes('dir="rtl"'));
    assert.match(emd, /\*\*Sergei Lavrov\*\* · Person/);
    assert.match(emd, /Mentions: 2/);
  });

  it('outline: Structure, People, Organizations, Places, Dates; entities in order of first mention with mentions as children', () => {
    const { article: a, conv } = article(SEED_LIKE, SEED_ENTITIES, { publicationDate: { year: 2016, month: 11, day: 30 } });
    const syms = documentSymbols(a, conv);
    assert.deepEqual(syms.map((s) => s.name), ['Structure', 'People', 'Organizations', 'Places', 'Dates']);
    const people = syms[1].children!;
    assert.deepEqual(people.map((p) => p.name), ['سيرغي لافروف', 'خليفة حفتر', 'سيرغي شويغو']);
    assert.equal(people[0].detail, 'وزير الخارجية الروسي');
    assert.equal(people[0].children!.length, 4);
    for (const p of people) {
      assert.ok(contains(p.range, p.selectionRange));
      for (const m of p.children!) assert.ok(contains(p.range, m.range), `${p.name}: a mention outside its parent`);
    }
    assert.equal(people[0].selectionRange.start.line, 0, 'a click goes to the first mention (the headline)');
    const dates = syms[4].children!;
    assert.equal(dates.find((d) => d.name === 'أمس')!.detail, '2016-11-29');
    const arabic = documentSymbols(a, conv, messages('ar'));
    assert.deepEqual(arabic.map((s) => s.name), ['البنية', 'الأشخاص', 'المنظمات', 'الأماكن', 'التواريخ']);
  });

  it('semantic tokens: one token per mention, typed, in order, relative encoding', () => {
    const { article: a, conv, text } = article(SEED_LIKE, SEED_ENTITIES, { publicationDate: { year: 2016, month: 11, day: 30 } });
    const { data } = semanticTokens(a, conv);
    const lines = text.split('\n');
    const got: Array<[string, number]> = [];
    let line = 0;
    let ch = 0;
    for (let i = 0; i < data.length; i += 5) {
      line += data[i];
      ch = data[i] ? data[i + 1] : ch + data[i + 1];
      got.push([lines[line].slice(ch, ch + data[i + 2]), data[i + 3]]);
    }
    assert.deepEqual(got.slice(0, 3), [['لافروف', 0], ['سيرغي لافروف', 0], ['خليفة حفتر', 0]]);
    assert.ok(got.some(([t, k]) => t === 'موسكو' && k === 2));
    assert.ok(got.some(([t, k]) => t === 'وزارة الخارجية الروسية' && k === 1));
    assert.ok(got.some(([t, k]) => t === 'أمس' && k === 3));
    const mentionCount = a.entities.reduce((n, e) => n + e.mentions.length, 0);
    assert.equal(got.filter(([, k]) => k !== 3).length, mentionCount);
  });

  it('inlay hints: the resolved day after أمس and the weekday, nothing without a publication date', () => {
    const { article: a, conv } = article(SEED_LIKE, [], { publicationDate: { year: 2016, month: 11, day: 30 } });
    const hints = inlayHints(a, conv);
    assert.deepEqual(hints.map((h) => h.label), ['(29 نوفمبر 2016)', '(28 نوفمبر 2016)']);
    const none = article(SEED_LIKE, []);
    assert.deepEqual(inlayHints(none.article, none.conv), []);
  });

  it('the entity report: entities with spellings, roles and positioned mentions; dates with ISO days', () => {
    const { article: a, conv, text } = article(SEED_LIKE, SEED_ENTITIES, { publicationDate: { year: 2016, month: 11, day: 30 } });
    const r = entityReport(a, conv, 7);
    assert.equal(r.version, 7);
    assert.equal(r.publicationDate, '2016-11-30');
    const lavrov = r.entities.find((e) => e.name === 'سيرغي لافروف')!;
    assert.deepEqual(lavrov.spellings, ['لافروف']);
    assert.deepEqual(lavrov.roles, ['وزير الخارجية الروسي']);
    assert.equal(text.slice(lavrov.mentions[1].start, lavrov.mentions[1].end), 'سيرغي لافروف');
    assert.equal(lavrov.mentions[1].line, 1);
    assert.deepEqual(r.dates.map((d) => [d.text, d.iso]), [['أمس', '2016-11-29'], ['الاثنين', '2016-11-28']]);
  });

  it('globs for the workspace index', () => {
    assert.ok(globToRegExp('**/*.article').test('a/b/c.article'));
    assert.ok(globToRegExp('**/*.article').test('c.article'));
    assert.ok(globToRegExp('articles/**/*.{txt,md}').test('articles/2016/x.md'));
    assert.ok(!globToRegExp('articles/**/*.{txt,md}').test('other/x.md'));
    const g = new GlobSet(['**/*.txt'], ['**/node_modules/**']);
    assert.ok(g.matches('seeds/a.txt'));
    assert.ok(!g.matches('node_modules/x/a.txt'));
    assert.ok(g.excludesDir('node_modules'));
    assert.ok(!g.excludesDir('seeds'));
  });
});
