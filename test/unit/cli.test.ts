/**
 * The CLI on bad input, run as a user runs it (`node bin/article-lens.js`, the built bundle): one clear line per
 * bad file on stderr, the documented exit code (0 clean, 1 findings, 2 bad usage or unreadable input), and never
 * a stack trace. Needs `npm run build` (npm test and test:unit build first).
 */
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const root = path.resolve(__dirname, '../..');
const bin = path.join(root, 'bin', 'article-lens.js');

interface Run { code: number | null; out: string; err: string }

function cli(args: string[], input?: string | Buffer): Promise<Run> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [bin, ...args], { cwd: root, env: { ...process.env, NO_COLOR: '1' } });
    let out = '';
    let err = '';
    p.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    p.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    p.on('error', reject);
    p.on('close', (code) => resolve({ code, out, err }));
    p.stdin.end(input ?? '');
  });
}

/** No stack frame, no uncaught error banner. */
function noTrace(r: Run): void {
  for (const s of [r.out, r.err]) {
    assert.doesNotMatch(s, /^\s+at .+[:(]\d+:\d+\)?$/m, `stack trace printed:\n${s.slice(0, 2000)}`);
    assert.doesNotMatch(s, /\b(TypeError|RangeError|ReferenceError|SyntaxError|Uncaught|node:internal)\b/, `error banner printed:\n${s.slice(0, 2000)}`);
  }
}

const errLines = (r: Run) => r.err.split('\n').filter((l) => l.startsWith('article-lens: '));

describe('CLI: bad input', function () {
  this.timeout(120000);
  let dir = '';
  const f = (name: string) => path.join(dir, name);

  before(function () {
    if (!fs.existsSync(path.join(root, 'dist', 'cli.js'))) throw new Error('dist/cli.js missing: run npm run build first');
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'article-lens-cli-'));
    fs.writeFileSync(f('empty.txt'), '');
    fs.writeFileSync(f('binary.bin'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]));
    fs.writeFileSync(f('latin1.txt'), Buffer.from('Caf\xe9 au lait, 29 novembre 2016\n', 'latin1'));
    fs.writeFileSync(f('bom-crlf.txt'), '\ufeffلافروف: سندعم التسوية\r\nقال وزير الخارجية الروسي سيرغي لافروف أمس إن موسكو\r\n');
    fs.mkdirSync(f('folder'));
    fs.symlinkSync(f('loop-a'), f('loop-b'));
    fs.symlinkSync(f('loop-b'), f('loop-a'));
    // 20 MB on one line: Arabic and English words, no line break at all.
    const unit = 'قال وزير الخارجية الروسي سيرغي لافروف أمس الثلاثاء 29 نوفمبر 2016 إن موسكو تدعم ليبيا. Lavrov said on Tuesday. ';
    const bytes = Buffer.byteLength(unit);
    fs.writeFileSync(f('huge.txt'), unit.repeat(Math.ceil((20 * 1024 * 1024) / bytes)));
  });

  after(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a missing file: one line, exit 2', async () => {
    const r = await cli(['check', f('nope.txt')]);
    assert.equal(r.code, 2);
    assert.deepEqual(errLines(r), [`article-lens: ${f('nope.txt')}: no such file`]);
    noTrace(r);
  });

  it('a directory: one line, exit 2', async () => {
    const r = await cli(['entities', f('folder')]);
    assert.equal(r.code, 2);
    assert.deepEqual(errLines(r), [`article-lens: ${f('folder')}: is a directory`]);
    noTrace(r);
  });

  it('a binary file: one line, exit 2', async () => {
    const r = await cli(['check', '--format', 'json', f('binary.bin')]);
    assert.equal(r.code, 2);
    assert.deepEqual(errLines(r), [`article-lens: ${f('binary.bin')}: is a binary file (it contains NUL bytes)`]);
    assert.deepEqual(JSON.parse(r.out), [], 'JSON output stays valid: no article analyzed');
    noTrace(r);
  });

  it('invalid UTF-8: one line, exit 2', async () => {
    const r = await cli(['check', f('latin1.txt')]);
    assert.equal(r.code, 2);
    assert.deepEqual(errLines(r), [`article-lens: ${f('latin1.txt')}: is not valid UTF-8 text`]);
    noTrace(r);
  });

  it('a symlink loop: one line, exit 2', async () => {
    const r = await cli(['check', f('loop-a')]);
    assert.equal(r.code, 2);
    assert.equal(errLines(r).length, 1);
    assert.match(errLines(r)[0], /loop-a: cannot be read \(ELOOP\)$/);
    noTrace(r);
  });

  it('an empty file: checked, nothing found, exit 0 (text and JSON)', async () => {
    let r = await cli(['check', f('empty.txt')]);
    assert.equal(r.code, 0);
    assert.equal(r.out, '');
    assert.match(r.err, /1 file\(s\) checked, 0 finding\(s\)/);
    noTrace(r);
    r = await cli(['entities', '--format', 'json', f('empty.txt')]);
    assert.equal(r.code, 0);
    const j = JSON.parse(r.out) as Array<{ file: string; entities: unknown[] }>;
    assert.equal(j.length, 1);
    assert.deepEqual(j[0].entities, []);
  });

  it('empty standard input (-): exit 0', async () => {
    const r = await cli(['check', '-'], '');
    assert.equal(r.code, 0);
    noTrace(r);
  });

  it('a BOM and CRLF line ends: positions count from after the BOM', async () => {
    const r = await cli(['entities', '--format', 'json', f('bom-crlf.txt')]);
    assert.equal(r.code, 0);
    const [j] = JSON.parse(r.out) as Array<{ entities: Array<{ name: string; mentions: Array<{ start: number; end: number; text: string }> }> }>;
    const text = fs.readFileSync(f('bom-crlf.txt'), 'utf8').slice(1);
    for (const e of j.entities) for (const m of e.mentions) assert.equal(text.slice(m.start, m.end), m.text);
    noTrace(r);
  });

  it('a 20 MB single-line file: over the default limit, one line, exit 2', async () => {
    const r = await cli(['check', f('huge.txt')]);
    assert.equal(r.code, 2);
    assert.equal(errLines(r).length, 1);
    assert.match(errLines(r)[0], /huge\.txt: is 20\.0 MB, over the 16 MB limit \(--max-size\)$/);
    noTrace(r);
  });

  it('a 1 MB single-line file: analyzed without a crash', async () => {
    // (20 MB analyzed whole takes minutes and ~1.5 GB here: the limit above is what protects the user.)
    fs.writeFileSync(f('long-line.txt'), fs.readFileSync(f('huge.txt')).subarray(0, 1024 * 1024).toString('utf8').replace(/\ufffd$/, ''));
    const r = await cli(['check', '--format', 'json', f('long-line.txt')]);
    noTrace(r);
    assert.ok(r.code === 0 || r.code === 1, `exit ${r.code}: ${r.err.slice(0, 500)}`);
    const [j] = JSON.parse(r.out) as Array<{ diagnostics: unknown[] }>;
    assert.ok(Array.isArray(j.diagnostics));
  });

  it('several files, some bad: good ones reported, one line per bad file, exit 2', async () => {
    const r = await cli(['entities', '--format', 'json', f('bom-crlf.txt'), f('nope.txt'), f('binary.bin'), f('empty.txt')]);
    assert.equal(r.code, 2);
    assert.equal(errLines(r).length, 2);
    const j = JSON.parse(r.out) as Array<{ file: string }>;
    assert.deepEqual(j.map((x) => path.basename(x.file)), ['bom-crlf.txt', 'empty.txt']);
    noTrace(r);
  });

  it('a reader that goes away (`| head`): no EPIPE stack trace', async () => {
    const seeds = fs.readdirSync(path.join(root, 'seeds')).filter((x) => x.endsWith('.txt')).map((x) => path.join('seeds', x));
    const args = ['entities', ...Array.from({ length: 40 }, () => seeds).flat()];
    const r = await new Promise<Run>((resolve, reject) => {
      const p = spawn(process.execPath, [bin, ...args], { cwd: root, env: { ...process.env, NO_COLOR: '1' } });
      let err = '';
      let got = '';
      p.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
      p.stdout.setEncoding('utf8').once('data', (d: string) => {
        got = d;
        p.stdout.destroy();
      });
      p.on('error', reject);
      p.on('close', (code) => resolve({ code, out: got, err }));
    });
    assert.ok(r.out.length > 0, 'some output was read first');
    noTrace(r);
    assert.doesNotMatch(r.err, /EPIPE/);
  });

  for (const [name, args] of [
    ['no arguments', []],
    ['an unknown command', ['lint', 'x.txt']],
    ['an unknown option', ['check', '--fast', 'x.txt']],
    ['an invalid date', ['check', '--date', '2016-02-30', 'x.txt']],
    ['a missing option value', ['check', '--date']],
    ['no file', ['entities']],
    ['sarif for entities', ['entities', '--format', 'sarif', 'x.txt']],
  ] as Array<[string, string[]]>) {
    it(`bad usage (${name}): the usage text, exit 2`, async () => {
      const r = await cli(args);
      assert.equal(r.code, 2);
      assert.match(r.err, /^usage: article-lens/m);
      assert.equal(r.out, '');
      noTrace(r);
    });
  }
});
