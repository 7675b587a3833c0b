/** The client's pure parts: the entity report's HTML and the export formats (no VS Code needed). */
import * as assert from 'node:assert/strict';
import { Converter } from '../../server/src/features/convert';
import { entityReport } from '../../server/src/features/report';
import { toCsv, toJson } from '../../client/src/exportFormat';
import { escapeHtml, reportBody, reportHtml } from '../../client/src/reportHtml';
import { article, SEED_ENTITIES, SEED_LIKE } from './features-helpers';

function report(text = SEED_LIKE, specs = SEED_ENTITIES) {
  const { article: a } = article(text, specs, { publicationDate: { year: 2016, month: 11, day: 30 } });
  return entityReport(a, new Converter('file:///x/a.txt', text), 1);
}

describe('client: entity report HTML and export', () => {
  it('an Arabic report is right-to-left, with a nonce CSP, one row per entity and a timeline in date order', () => {
    const r = report();
    const html = reportHtml(r, 'abc123', 'vscode-resource:');
    assert.match(html, /<html lang="ar" dir="rtl">/);
    assert.match(html, /script-src 'nonce-abc123'/);
    assert.ok(!/<script(?! nonce="abc123")/.test(html), 'every script carries the nonce');
    const rows = [...html.matchAll(/<tr class="row"[^>]*data-start="(\d+)" data-end="(\d+)"/g)];
    assert.equal(rows.length, r.entities.length);
    assert.equal(SEED_LIKE.slice(+rows[0][1], +rows[0][2]), 'لافروف', 'a row points at the first mention');
    const days = [...html.matchAll(/<span class="day">([^<]+)<\/span>/g)].map((m) => m[1]);
    assert.deepEqual(days, ['2016-11-28', '2016-11-29'], 'the timeline is sorted by day');
    assert.match(html, /var\(--vscode-editor-background\)/, 'theme colours');
    assert.match(html, /vscode-high-contrast/);
  });

  it('escapes names and the body is ltr for English', () => {
    const text = 'A <b>headline</b>\nJohn "Jack" <Smith> met Mary & co yesterday.\n';
    const r = report(text, [{ type: 'person', name: 'John "Jack" <Smith>', spellings: ['John "Jack" <Smith>'] }]);
    const html = reportHtml(r, 'n', 'src');
    assert.match(html, /<html lang="en" dir="ltr">/);
    assert.ok(html.includes('John &quot;Jack&quot; &lt;Smith&gt;'));
    assert.ok(!reportBody(r).includes('<Smith>'));
    assert.equal(escapeHtml(`<&>"'`), '&lt;&amp;&gt;&quot;&#39;');
  });

  it('JSON export: entities with 1-based lines and dates with ISO days', () => {
    const j = JSON.parse(toJson(report(), 'file:///x/a.txt'));
    assert.equal(j.language, 'ar');
    assert.equal(j.publicationDate, '2016-11-30');
    const lavrov = j.entities.find((e: { name: string }) => e.name === 'سيرغي لافروف');
    assert.equal(lavrov.mentions.length, 4);
    assert.equal(lavrov.mentions[0].line, 1);
    assert.deepEqual(j.dates.map((d: { date: string }) => d.date), ['2016-11-29', '2016-11-28']);
  });

  it('CSV export: BOM, a header, quoted cells, one row per entity and date', () => {
    const csv = toCsv(report());
    assert.ok(csv.startsWith('\uFEFFtype,name,spellings,roles,mentions,first_line,date\r\n'));
    const lines = csv.trim().split('\r\n');
    assert.equal(lines.length, 1 + SEED_ENTITIES.length + 2);
    assert.ok(lines.includes('person,سيرغي لافروف,لافروف,وزير الخارجية الروسي,4,1,'));
    assert.ok(lines.includes('date,أمس,,,1,3,2016-11-29'));
    const quoted = toCsv(report('T\nAcme, Inc. said "no".\n', [{ type: 'organization', name: 'Acme, Inc.', spellings: ['Acme, Inc.'] }]));
    assert.ok(quoted.includes('organization,"Acme, Inc."'));
  });
});
