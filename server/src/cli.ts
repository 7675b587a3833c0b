/**
 * `article-lens check|entities [--format text|json|sarif] [--date YYYY-MM-DD] FILE...`
 * Exit code: 0 clean, 1 when a warning or error was found, 2 on bad usage or unreadable input.
 * Files over ~300k UTF-16 units are analyzed piece by piece (core/chunked.ts), so time and memory stay bounded.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeBounded } from './core/chunked';
import { LineIndex } from './core/text/lines';
import { lazyNer } from './node/models';
import { loadStylebook } from './node/stylebook';
import { isValidDate, readIsoDate } from './core/dates/calendar';
import type { Article, DateValue, Finding } from './core/types';

const USAGE = `usage: article-lens <check|entities> [--format text|json|sarif] [--date YYYY-MM-DD] [--max-size MB] [--stylebook FILE] FILE...

  check      report what an editor must fix (names, dates); exit 1 if a warning or error is found
  entities   list the people, organizations, places and dates of each article

  --format   text (default, for people), json, or sarif (check only; SARIF 2.1.0)
  --date     the publication date, used to resolve 'yesterday', 'أمس', 'on Monday'…
  --max-size skip files larger than this many megabytes (default 16)
  --stylebook the newsroom style book (JSON, YAML or a textlint prh dictionary); default
             .article-lens/stylebook.json in the current folder when it exists`;

interface Options {
  command: 'check' | 'entities';
  format: 'text' | 'json' | 'sarif';
  date?: DateValue;
  maxBytes: number;
  stylebook?: string;
  files: string[];
}

class UsageError extends Error {}

export function parseArgs(argv: string[]): Options {
  const [command, ...rest] = argv;
  if (command !== 'check' && command !== 'entities') throw new UsageError(command ? `unknown command '${command}'` : 'no command given');
  const o: Options = { command, format: 'text', maxBytes: 16 * 1024 * 1024, files: [] };
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    const value = (name: string) => {
      const eq = a.indexOf('=');
      if (eq > 0) return a.slice(eq + 1);
      const v = rest[++i];
      if (v === undefined) throw new UsageError(`${name} needs a value`);
      return v;
    };
    if (a === '--format' || a.startsWith('--format=')) {
      const f = value('--format');
      if (f !== 'text' && f !== 'json' && f !== 'sarif') throw new UsageError(`unknown format '${f}' (text, json or sarif)`);
      if (f === 'sarif' && command !== 'check') throw new UsageError('--format sarif is for check');
      o.format = f;
    } else if (a === '--date' || a.startsWith('--date=')) {
      const d = value('--date');
      const date = readIsoDate(d);
      if (!date || !isValidDate(date)) throw new UsageError(`--date '${d}' is not a valid YYYY-MM-DD date`);
      o.date = date;
    } else if (a === '--max-size' || a.startsWith('--max-size=')) {
      const v = Number(value('--max-size'));
      if (!(v > 0)) throw new UsageError('--max-size takes a positive number of megabytes');
      o.maxBytes = v * 1024 * 1024;
    } else if (a === '--stylebook' || a.startsWith('--stylebook=')) {
      o.stylebook = value('--stylebook');
    } else if (a === '--help' || a === '-h') {
      throw new UsageError('');
    } else if (a.startsWith('-') && a !== '-') {
      throw new UsageError(`unknown option '${a}'`);
    } else {
      o.files.push(a);
    }
  }
  if (o.files.length === 0) throw new UsageError('no FILE given');
  return o;
}

/** Reads a file as UTF-8 text, or says in one line why it cannot. */
export function readArticle(file: string, maxBytes: number): { text: string } | { error: string } {
  let buf: Buffer;
  try {
    if (file === '-') buf = fs.readFileSync(0);
    else {
      const st = fs.statSync(file);
      if (st.isDirectory()) return { error: 'is a directory' };
      if (st.size > maxBytes) return { error: `is ${(st.size / 1048576).toFixed(1)} MB, over the ${(maxBytes / 1048576).toFixed(0)} MB limit (--max-size)` };
      buf = fs.readFileSync(file);
    }
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { error: code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : `cannot be read (${code ?? String(e)})` };
  }
  if (buf.includes(0)) return { error: 'is a binary file (it contains NUL bytes)' };
  try {
    let text = new TextDecoder('utf-8', { fatal: true }).decode(buf);
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    return { text };
  } catch {
    return { error: 'is not valid UTF-8 text' };
  }
}

const iso = (d: DateValue) => `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;

export function entitiesJson(file: string, a: Article) {
  const entities = a.entities.map((e) => ({
    id: e.id,
    type: e.type,
    name: e.name,
    roles: e.roles.map((r) => r.text),
    mentions: e.mentions.map((m) => ({ start: m.start, end: m.end, text: m.text })),
  }));
  // Dates: one entity per resolved day (or per unresolved expression).
  const byKey = new Map<string, { id: string; type: 'date'; name: string; roles: string[]; mentions: { start: number; end: number; text: string }[] }>();
  for (const d of a.dates) {
    const key = d.value ? iso(d.value) : d.text;
    let e = byKey.get(key);
    if (!e) {
      e = { id: `date:${key}`, type: 'date', name: key, roles: [], mentions: [] };
      byKey.set(key, e);
    }
    e.mentions.push({ start: d.start, end: d.end, text: d.text });
  }
  return { file, language: a.language, entities: [...entities, ...byKey.values()] };
}

export function checkJson(file: string, a: Article, index = new LineIndex(a.text)) {
  return {
    file,
    diagnostics: a.diagnostics.map((f) => ({
      code: f.code,
      severity: f.severity,
      message: f.message,
      start: f.start,
      end: f.end,
      range: { start: index.positionAt(f.start), end: index.positionAt(f.end) },
      related: f.related.map((r) => ({ start: r.start, end: r.end, message: r.message })),
    })),
  };
}

const SARIF_LEVEL: Record<Finding['severity'], string> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

function sarif(results: { file: string; a: Article }[]) {
  const codes = new Set<string>();
  const out = results.flatMap(({ file, a }) => {
    const index = new LineIndex(a.text);
    return a.diagnostics.map((f) => {
      codes.add(f.code);
      const s = index.positionAt(f.start);
      const e = index.positionAt(f.end);
      return {
        ruleId: f.code,
        level: SARIF_LEVEL[f.severity],
        message: { text: f.message },
        locations: [{
          physicalLocation: {
            artifactLocation: { uri: file.split(path.sep).join('/') },
            region: { startLine: s.line + 1, startColumn: s.character + 1, endLine: e.line + 1, endColumn: e.character + 1, charOffset: f.start, charLength: f.end - f.start },
          },
        }],
      };
    });
  });
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{ tool: { driver: { name: 'article-lens', informationUri: 'https://example.invalid/article-lens', rules: [...codes].sort().map((id) => ({ id })) } }, columnKind: 'utf16CodeUnits', results: out }],
  };
}

interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  color: boolean;
}

export function run(argv: string[], io: Io): number {
  let o: Options;
  try {
    o = parseArgs(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      if (e.message) io.err(`article-lens: ${e.message}`);
      io.err(USAGE);
      return 2;
    }
    throw e;
  }
  let exit = 0;
  const problems = new Set<string>();
  const resources = { ner: lazyNer({ onProblem: (p) => problems.add(p) }) };
  const sbFile = o.stylebook ?? path.join('.article-lens', 'stylebook.json');
  const sb = loadStylebook(path.resolve(sbFile));
  if (o.stylebook && !sb.exists) {
    io.err(`article-lens: ${o.stylebook}: no such style book`);
    return 2;
  }
  for (const p of sb.problems) io.err(`${path.relative(process.cwd(), p.file) || p.file}:${p.line + 1}:${p.character + 1}: ${p.severity} ${p.message}`);
  if (o.stylebook && !sb.stylebook) return 2;
  const analyzed: { file: string; a: Article }[] = [];
  for (const file of o.files) {
    const r = readArticle(file, o.maxBytes);
    if ('error' in r) {
      io.err(`article-lens: ${file}: ${r.error}`);
      exit = 2;
      continue;
    }
    try {
      analyzed.push({ file, a: analyzeBounded(r.text, { publicationDate: o.date, fileName: path.basename(file), stylebook: sb.stylebook }, resources) });
    } catch (e) {
      // A bug of ours must still end in one line, not a stack trace.
      io.err(`article-lens: ${file}: analysis failed (${e instanceof Error ? e.message : String(e)})`);
      exit = 2;
    }
  }
  for (const p of problems) io.err(`article-lens: warning: ${p}`);
  const c = (code: string, s: string) => (io.color ? `\x1b[${code}m${s}\x1b[0m` : s);
  if (o.command === 'entities') {
    if (o.format === 'json') io.out(JSON.stringify(analyzed.map(({ file, a }) => entitiesJson(file, a)), null, 2));
    else {
      for (const { file, a } of analyzed) {
        const j = entitiesJson(file, a);
        io.out(c('1', `${file}`) + ` (${a.language}, ${j.entities.length} entities)`);
        for (const e of j.entities) {
          const role = e.roles.length ? ` — ${e.roles[0]}` : '';
          io.out(`  ${c('36', e.type.padEnd(12))} ${e.name}${role} ×${e.mentions.length}`);
        }
      }
    }
  } else {
    if (o.format === 'json') io.out(JSON.stringify(analyzed.map(({ file, a }) => checkJson(file, a)), null, 2));
    else if (o.format === 'sarif') io.out(JSON.stringify(sarif(analyzed), null, 2));
    else {
      for (const { file, a } of analyzed) {
        const index = new LineIndex(a.text);
        for (const f of a.diagnostics) {
          const p = index.positionAt(f.start);
          const sev = f.severity === 'error' ? c('31', 'error') : f.severity === 'warning' ? c('33', 'warning') : c('34', f.severity);
          io.out(`${file}:${p.line + 1}:${p.character + 1}: ${sev} ${c('2', f.code)} ${f.message}`);
        }
      }
      const n = analyzed.reduce((s, x) => s + x.a.diagnostics.length, 0);
      io.err(`${analyzed.length} file(s) checked, ${n} finding(s)`);
    }
    if (exit === 0 && analyzed.some(({ a }) => a.diagnostics.some((f) => f.severity === 'error' || f.severity === 'warning'))) exit = 1;
  }
  return exit;
}

export function main(argv = process.argv.slice(2)): number {
  // `article-lens … | head`: the reader went away; stop quietly instead of an EPIPE stack trace.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
  return run(argv, {
    out: (s) => process.stdout.write(s + '\n'),
    err: (s) => process.stderr.write(s + '\n'),
    color: !!process.stdout.isTTY && !process.env.NO_COLOR,
  });
}

if (require.main === module) process.exitCode = main();
