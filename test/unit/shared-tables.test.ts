/**
 * node/models.ts shareModelTables: the scan workers' Arabic model tables in shared memory. A tagger whose tables were
 * moved into SharedArrayBuffers, or replaced by another tagger's shared copies, tags exactly as a tagger of its own.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../server/src/core/analyze';
import { loadNerModels, shareModelTables } from '../../server/src/node/models';

const seedDir = path.resolve(__dirname, '../../seeds');
const SEEDS = fs.readdirSync(seedDir).filter((f) => f.endsWith('.txt')).sort().map((f) => fs.readFileSync(path.join(seedDir, f), 'utf8'));

describe('shared model tables', () => {
  it('a tagger on shared tables, its own or another one\'s, gives the same analyses', () => {
    const reference = SEEDS.map((t) => JSON.stringify(analyze(t, {}, { ner: loadNerModels().ner })));
    assert.ok(reference.some((r) => r.includes('"type":"person"')), 'the seeds have entities');

    const first = loadNerModels().ner;
    const a = shareModelTables(first);
    const paths = Object.keys(a.tables);
    assert.ok(paths.length >= 10, `tables found: ${paths.join(', ')}`);
    assert.equal(a.adopted, 0);
    for (const p of paths) assert.ok(a.tables[p].buffer instanceof SharedArrayBuffer, p);
    const bytes = new Set(Object.values(a.tables)).size;
    assert.ok(bytes < paths.length, 'an array at two paths (a stage\'s weights) is copied once');

    const second = loadNerModels().ner;
    const b = shareModelTables(second, a.tables);
    assert.ok(b.adopted > 0);
    for (const p of paths) assert.equal(b.tables[p], a.tables[p], `${p} is the first tagger's`);
    // A table that differs (another model) is not taken: the tagger copies its own.
    const other = { ...a.tables, 'm1.w': new Float32Array(new SharedArrayBuffer(a.tables['m1.w'].byteLength)) };
    const c = shareModelTables(loadNerModels().ner, other);
    assert.notEqual(c.tables['m1.w'], other['m1.w']);
    assert.equal(c.tables['pairTab'], a.tables['pairTab']);

    // Interleaved, so the two taggers' caches are in different states while they read the same tables.
    for (let i = 0; i < SEEDS.length; i++) {
      assert.equal(JSON.stringify(analyze(SEEDS[i], {}, { ner: first })), reference[i]);
      assert.equal(JSON.stringify(analyze(SEEDS[i], {}, { ner: second })), reference[i]);
    }
  });
});
