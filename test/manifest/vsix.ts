/**
 * Builds the .vsix the way `npm run package` does (vsce, --no-dependencies: the bundles carry their dependencies) into
 * test-results/, reusing it while it is newer than everything it packs; and lists a .vsix's files (a zip: read from
 * its central directory, so no unzip tool is needed).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';

export const repoRoot = path.resolve(__dirname, '../..');
export const vsixPath = path.join(repoRoot, 'test-results', 'article-lens.vsix');

function newestInput(): number {
  const files = ['package.json', '.vscodeignore', 'dist/extension.js', 'dist/server.js', 'README.md', 'LICENSE', 'language-configuration.json'];
  for (const dir of ['models', 'syntaxes', 'schemas', 'docs/images', 'l10n']) {
    const d = path.join(repoRoot, dir);
    if (fs.existsSync(d)) for (const f of fs.readdirSync(d)) files.push(path.join(dir, f));
  }
  return Math.max(...files.map((f) => (fs.existsSync(path.join(repoRoot, f)) ? fs.statSync(path.join(repoRoot, f)).mtimeMs : 0)));
}

/** The .vsix of the current build (dist/ must be built first). */
export function packageVsix(): string {
  if (fs.existsSync(vsixPath) && fs.statSync(vsixPath).mtimeMs > newestInput()) return vsixPath;
  fs.mkdirSync(path.dirname(vsixPath), { recursive: true });
  const vsce = path.join(repoRoot, 'node_modules', '@vscode', 'vsce', 'vsce');
  const r = spawnSync(process.execPath, [vsce, 'package', '--no-dependencies', '--no-rewrite-relative-links', '-o', vsixPath], { cwd: repoRoot, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`vsce package failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  return vsixPath;
}

export interface ZipEntry { name: string; size: number; read(): Buffer }

/** The entries of a zip file, from its central directory. */
export function zipEntries(file: string): ZipEntry[] {
  const buf = fs.readFileSync(file);
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65557); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error(`${file} is not a zip file`);
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const out: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error('bad central directory');
    const method = buf.readUInt16LE(p + 10);
    const csize = buf.readUInt32LE(p + 20);
    const size = buf.readUInt32LE(p + 24);
    const nlen = buf.readUInt16LE(p + 28);
    const xlen = buf.readUInt16LE(p + 30);
    const clen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nlen);
    out.push({
      name,
      size,
      read() {
        const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
        const data = buf.subarray(start, start + csize);
        return method === 8 ? zlib.inflateRawSync(data) : Buffer.from(data);
      },
    });
    p += 46 + nlen + xlen + clen;
  }
  return out;
}
