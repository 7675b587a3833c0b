/**
 * The cache bounds a workspace-scan worker sets (node/index-worker.ts scanWorkerBudgets): the linker's word-form
 * table (entities/tokens.ts setWordFormBudget) and the names memos (names/variants.ts setNameMemoBudget) are caches
 * only, so an analysis gives the same article under any bound, including bounds so small that every table is
 * renewed many times within one article.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../server/src/core/analyze';
import { formAt, setWordFormBudget } from '../../server/src/core/entities/tokens';
import { setNameMemoBudget } from '../../server/src/core/names/variants';
import { loadNerModels } from '../../server/src/node/models';

const seedDir = path.resolve(__dirname, '../../seeds');
const SEEDS = fs.readdirSync(seedDir).filter((f) => f.endsWith('.txt')).sort().map((f) => fs.readFileSync(path.join(seedDir, f), 'utf8'));

describe('scan worker cache bounds', () => {
  const ner = loadNerModels().ner;
  const run = () => SEEDS.map((t) => JSON.stringify(analyze(t, {}, { ner })));

  after(() => {
    setWordFormBudget();
    setNameMemoBudget();
  });

  it('the same analyses under tiny bounds as under the defaults', () => {
    assert.ok(SEEDS.length >= 2);
    const reference = run();
    assert.ok(reference.every((r) => r.includes('"entities":[{')), 'the seeds have entities');
    setWordFormBudget(40);
    setNameMemoBudget({ readings: 30, parts: 10, shapes: 10, pairs: 10, spellings: 5, answers: 3 });
    assert.deepEqual(run(), reference);
    assert.deepEqual(run(), reference, 'again, with the tables renewed in between');
  });

  it('the word-form table keeps the forms that came back when it is renewed, and forgets the others', () => {
    setWordFormBudget(8);
    const text = 'alpha beta gamma delta epsilon zeta eta theta iota';
    const at = (w: string) => formAt(text, text.indexOf(w), text.indexOf(w) + w.length);
    const alpha = at('alpha');
    assert.equal(at('alpha'), alpha, 'found again: the same form');
    const beta = at('beta');
    for (const w of ['gamma', 'delta', 'epsilon', 'zeta', 'eta', 'theta']) at(w);
    // 8 forms: the next new word renews the table, keeping alpha (found again), not beta (seen once).
    assert.equal(at('iota').raw, 'iota');
    assert.equal(at('alpha'), alpha);
    const beta2 = at('beta');
    assert.notEqual(beta2, beta);
    assert.equal(beta2.key, beta.key);
  });
});
