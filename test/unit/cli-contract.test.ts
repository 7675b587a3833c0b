/**
 * The CLI contract of issue 2 (JSON shapes of `entities` and `check`, SARIF 2.1.0, exit codes) and the style book
 * option, run in-process through `run(argv, io)` on the seeds and the name fixtures.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { run } from '../../server/src/cli';

const root = path.resolve(__dirname, '../..');
const seedAr = path.join(root, 'seeds/000_36fff38b519712a3.txt');
const seedEn = path.join(root, 'seeds/001_lavrov_haftar_en.txt');
const shoigu = path.join(root, 'test/fixtures/names/001_shoigu.txt');

function cli(args: string[]): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const code = run(args, { out: (s) => (out += s + '\n'), err: (s) => (err += s + '\n'), color: false });
  return { code, out, err };
}

describe('CLI contract', function () {
  this.timeout(60000);
  let tmp: string;
  before(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'al-cli-'));
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('entities --format json: one array, one object per file, typed entities with UTF-16 mention offsets', () => {
    const r = cli(['entities', '--format', 'json', '--date', '2016-11-30', seedAr, seedEn]);
    assert.equal(r.code, 0);
    const json = JSON.parse(r.out);
    assert.ok(Array.isArray(json));
    assert.deepEqual(json.map((f: { language: string }) => f.language), ['ar', 'en']);
    for (const [i, file] of [seedAr, seedEn].entries()) {
      const text = fs.readFileSync(file, 'utf8');
      assert.equal(json[i].file, file);
      for (const e of json[i].entities) {
        assert.ok(['person', 'organization', 'location', 'date', 'misc'].includes(e.type), e.type);
        assert.equal(typeof e.id, 'string');
        assert.equal(typeof e.name, 'string');
        assert.ok(e.mentions.length > 0);
        // A mention's text is its slice of the file, or after 'لل' the slice with the article's alif restored
        // ('الجيش الليبي' over 'لجيش الليبي'), or its alif and lam ('الله' over the 'له' of 'لله').
        for (const m of e.mentions) {
          const slice = text.slice(m.start, m.end);
          assert.ok(m.text === slice || m.text === 'ا' + slice || m.text === 'ال' + slice, `${m.text} / ${slice}`);
        }
      }
    }
    const persons = json[0].entities.filter((e: { type: string }) => e.type === 'person').map((e: { name: string }) => e.name);
    assert.ok(persons.includes('سيرغي لافروف'), persons.join(', '));
    const dates = json[0].entities.filter((e: { type: string }) => e.type === 'date').map((e: { name: string }) => e.name);
    assert.deepEqual(dates.sort(), ['2016-11-26', '2016-11-28', '2016-11-29']);
  });

  it('check --format json on a clean seed: exit 0, no diagnostics', () => {
    const r = cli(['check', '--format', 'json', '--date', '2016-11-30', seedAr]);
    assert.equal(r.code, 0, r.err);
    assert.deepEqual(JSON.parse(r.out), [{ file: seedAr, diagnostics: [] }]);
  });

  it('check finds a planted variant: exit 1, code, offsets, line/character range and related info', () => {
    const text = fs.readFileSync(shoigu, 'utf8');
    const r = cli(['check', '--format', 'json', '--date', '2016-11-30', shoigu]);
    assert.equal(r.code, 1);
    const [file] = JSON.parse(r.out);
    const d = file.diagnostics.find((x: { code: string }) => x.code === 'name.variant');
    assert.ok(d, JSON.stringify(file.diagnostics));
    assert.equal(text.slice(d.start, d.end), 'شويجو');
    assert.equal(d.severity, 'warning');
    const lines = text.split('\n');
    assert.equal(lines[d.range.start.line].slice(d.range.start.character, d.range.end.character), 'شويجو');
    assert.ok(d.related.some((x: { start: number; end: number }) => text.slice(x.start, x.end) === 'شويغو'));
  });

  it('check --format sarif is SARIF 2.1.0 with UTF-16 columns', () => {
    const r = cli(['check', '--format', 'sarif', '--date', '2016-11-30', shoigu]);
    assert.equal(r.code, 1);
    const s = JSON.parse(r.out);
    assert.equal(s.version, '2.1.0');
    assert.equal(s.runs[0].columnKind, 'utf16CodeUnits');
    const res = s.runs[0].results.find((x: { ruleId: string }) => x.ruleId === 'name.variant');
    assert.equal(res.level, 'warning');
    assert.ok(s.runs[0].tool.driver.rules.some((x: { id: string }) => x.id === 'name.variant'));
    assert.ok(res.locations[0].physicalLocation.region.startLine >= 1);
  });

  it('--stylebook: a listed variant becomes name.stylebook', () => {
    const sb = path.join(tmp, 'stylebook.json');
    fs.writeFileSync(sb, JSON.stringify({ names: [{ preferred: 'شويغو', variants: ['شويجو'] }] }));
    const r = cli(['check', '--format', 'json', '--stylebook', sb, '--date', '2016-11-30', shoigu]);
    assert.equal(r.code, 1);
    const codes = JSON.parse(r.out)[0].diagnostics.map((d: { code: string }) => d.code);
    assert.ok(codes.includes('name.stylebook'), codes.join(', '));
  });

  it('--stylebook: a malformed file is one line with its position and exit 2; a missing one too', () => {
    const bad = path.join(tmp, 'bad.json');
    fs.writeFileSync(bad, '{"names": [');
    let r = cli(['check', '--stylebook', bad, seedAr]);
    assert.equal(r.code, 2);
    assert.match(r.err, /bad\.json:1:\d+: error .*not valid JSON/);
    r = cli(['check', '--stylebook', path.join(tmp, 'none.json'), seedAr]);
    assert.equal(r.code, 2);
    assert.match(r.err, /no such style book/);
  });

  it('bad usage: exit 2 with the usage text', () => {
    for (const args of [[], ['lint', seedAr], ['check'], ['check', '--format', 'xml', seedAr], ['check', '--date', '2016-02-30', seedAr], ['entities', '--format', 'sarif', seedAr]]) {
      const r = cli(args);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.err, /usage: article-lens/);
    }
  });
});
