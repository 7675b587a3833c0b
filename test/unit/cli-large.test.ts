/**
 * The CLI on a very long single-line file (over core/chunked.ts PIECEWISE_ABOVE): analyzed piece by piece, it
 * finishes with positions inside the line, and its entities are those of a piecewise analysis of the same text.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { run } from '../../server/src/cli';
import { analyzeChunked, PIECEWISE_ABOVE } from '../../server/src/core/chunked';
import { lazyNer } from '../../server/src/node/models';

describe('CLI: a very long single-line file', function () {
  this.timeout(120000);
  it('is analyzed piecewise, in bounded time, with positions inside the line', () => {
    const unit = 'قال وزير الخارجية الروسي سيرغي لافروف أمس إن موسكو تدعم ليبيا. Lavrov said on Tuesday. ';
    const text = unit.repeat(Math.ceil((2 * PIECEWISE_ABOVE) / unit.length));
    assert.ok(text.length > PIECEWISE_ABOVE && !text.includes('\n'));
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'article-lens-cli-'));
    const file = path.join(dir, 'long.txt');
    fs.writeFileSync(file, text);
    try {
      const out: string[] = [];
      const err: string[] = [];
      const code = run(['entities', '--format', 'json', '--max-size', '32', '--date', '2016-11-30', file], { out: (s) => out.push(s), err: (s) => err.push(s), color: false });
      assert.equal(code, 0, err.join('\n'));
      const [report] = JSON.parse(out.join('\n')) as Array<{ entities: Array<{ id: string; mentions: Array<{ start: number; end: number }> }> }>;
      const people = report.entities.filter((e) => e.id.startsWith('person:'));
      assert.ok(people.length > 0);
      for (const e of report.entities) for (const m of e.mentions) assert.ok(m.start >= 0 && m.end <= text.length);
      const expected = analyzeChunked(text, { publicationDate: { year: 2016, month: 11, day: 30 }, fileName: 'long.txt' }, { ner: lazyNer() });
      const mentions = (id: string) => expected.entities.find((e) => e.id === id)?.mentions.length;
      for (const e of people) assert.equal(e.mentions.length, mentions(e.id), e.id);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
