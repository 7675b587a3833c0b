import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadStylebook } from '../../server/src/node/stylebook';

describe('style book loader (node)', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'article-lens-sb-'));
    fs.mkdirSync(path.join(dir, '.article-lens'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('no file: not an error', () => {
    const r = loadStylebook(path.join(dir, '.article-lens/stylebook.json'));
    assert.equal(r.exists, false);
    assert.equal(r.stylebook, undefined);
    assert.deepEqual(r.problems, []);
  });

  it('reads the JSON book and the prh dictionary it imports', () => {
    fs.writeFileSync(path.join(dir, '.article-lens/stylebook.json'), JSON.stringify({ names: [{ preferred: 'شويغو', variants: ['شويجو'] }], import: ['prh.yml'] }));
    fs.writeFileSync(path.join(dir, '.article-lens/prh.yml'), 'rules:\n  - expected: Gaddafi\n    patterns: [Qaddafi, /G(h)?adaf+i/]\n');
    const r = loadStylebook(path.join(dir, '.article-lens/stylebook.json'));
    assert.deepEqual(r.stylebook?.entries.map((e) => [e.preferred, e.variants]), [['شويغو', ['شويجو']], ['Gaddafi', ['Qaddafi']]]);
    assert.equal(r.problems.length, 1);
    assert.equal(path.basename(r.problems[0].file), 'prh.yml');
    assert.equal(r.problems[0].line, 2);
  });

  it('takes the YAML sibling when the configured JSON is absent', () => {
    fs.writeFileSync(path.join(dir, '.article-lens/stylebook.yaml'), 'names:\n  - preferred: لافروف\n    variants: [لافروڤ]\n');
    const r = loadStylebook(path.join(dir, '.article-lens/stylebook.json'));
    assert.equal(path.basename(r.file), 'stylebook.yaml');
    assert.equal(r.stylebook?.entries[0].preferred, 'لافروف');
  });

  it('a malformed book: one error with its position, no style book', () => {
    fs.writeFileSync(path.join(dir, '.article-lens/stylebook.json'), '{\n  "names": [\n    {"preferred": "x" "variants": []}\n  ]\n}\n');
    const r = loadStylebook(path.join(dir, '.article-lens/stylebook.json'));
    assert.equal(r.stylebook, undefined);
    assert.equal(r.problems.length, 1);
    assert.deepEqual([r.problems[0].line, r.problems[0].character], [2, 22]);
  });

  it('a missing import is a warning at the import', () => {
    const text = '{"names": [], "import": ["nope.yml"]}';
    fs.writeFileSync(path.join(dir, '.article-lens/stylebook.json'), text);
    const r = loadStylebook(path.join(dir, '.article-lens/stylebook.json'));
    assert.deepEqual(r.stylebook?.entries, []);
    assert.equal(r.problems.length, 1);
    assert.equal(r.problems[0].severity, 'warning');
    assert.equal(r.problems[0].offset, text.indexOf('"nope.yml"'));
  });
});
