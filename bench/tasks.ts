/**
 * The benchmark's measurements, one per child process (so each peak memory figure belongs to one thing):
 * `node dist/bench-tasks.js <task>` prints one JSON object on its last stdout line. bench/run.mjs bundles this
 * file (esbuild, like the server) and runs the tasks in turn.
 *
 * Tasks: core (throughput + components + model load), textlint, harper, compromise (peers), latency (the real
 * server over stdio), cold (server start-up), archive (10,000 files indexed by the real server's workspace scan).
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { analyze, extractDates, extractEntities, parseStructure, rules } from '../server/src/core/index';
import type { Article, Language } from '../server/src/core/index';
import type { Resources } from '../server/src/core/resources';
import { tokenizeEnglish } from '../server/src/core/text/english';
import { tokenize } from '../server/src/core/text/tokenize';
import { corpora, countWords, dataDir, longArticle, pct, repoRoot, rng, typedEdit, wordStarts as wordStartsOf } from './corpus';
import type { Corpus } from './corpus';

const QUICK = !!process.env.BENCH_QUICK;
/** Seconds each timed loop runs at least. */
const T = QUICK ? 0.25 : 1.2;

type Json = Record<string, unknown>;

function maxRssMB(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

/** Runs `fn` over `docs` once to warm up, then repeatedly for at least T seconds; returns words/s. */
function rate(docs: readonly string[], words: number, fn: (doc: string, i: number) => unknown, minSeconds = T): number {
  for (let i = 0; i < docs.length; i++) fn(docs[i], i);
  let passes = 0;
  const t0 = performance.now();
  let dt = 0;
  do {
    for (let i = 0; i < docs.length; i++) fn(docs[i], i);
    passes++;
    dt = (performance.now() - t0) / 1000;
  } while (dt < minSeconds);
  return (words * passes) / dt;
}

/**
 * One pass is a fraction of a second, so a single figure moves by ±15% from run to run on this machine: the new-text
 * measurement is repeated NEW_TEXT_RUNS times, each with freshly loaded models, and the median is reported with the
 * range.
 */
const NEW_TEXT_RUNS = QUICK ? 1 : 5;

async function newTextRuns(docs: readonly string[], make: (fresh: Resources) => (doc: string) => unknown): Promise<{ median: number; min: number; max: number }> {
  const rates: number[] = [];
  for (let r = 0; r < NEW_TEXT_RUNS; r++) rates.push(rateNewText(docs, make((await loadResources()).resources)));
  rates.sort((a, b) => a - b);
  return { median: rates[rates.length >> 1], min: rates[0], max: rates[rates.length - 1] };
}

/** Words/s of ONE pass over the second half of `docs`, after `fn` ran over the first half (warm code and word caches). */
function rateNewText(docs: readonly string[], fn: (doc: string) => unknown): number {
  const half = Math.max(1, Math.floor(docs.length / 2));
  for (const d of docs.slice(0, half)) fn(d);
  const timed = docs.length > 1 ? docs.slice(half) : docs;
  const words = timed.reduce((n, d) => n + countWords(d), 0);
  const t0 = performance.now();
  for (const d of timed) fn(d);
  return words / ((performance.now() - t0) / 1000);
}

let sink = 0;
const WORD = /[\p{L}\p{N}]+/gu;
function floorPass(doc: string): void {
  WORD.lastIndex = 0;
  let n = 0;
  while (WORD.exec(doc)) n++;
  sink += n;
}

/** The model loader (server/src/node/models.ts), bundled next to this file by run.mjs when it exists. */
async function loadResources(): Promise<{ resources: Resources; ms: number; perLanguage?: Record<string, number>; note?: string }> {
  const p = path.join(__dirname, 'bench-models.js');
  if (!fs.existsSync(p)) return { resources: {}, ms: 0, note: 'no model loader (server/src/node/models.ts) yet: no entities tagged' };
  const t0 = performance.now();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const m = require(p) as Record<string, unknown>;
  if (typeof m.loadNerModels === 'function') {
    const r = (m.loadNerModels as () => { ner: Resources['ner']; ms: Record<string, number>; problems: string[] })();
    const ms = performance.now() - t0;
    return { resources: { ner: r.ner }, ms, perLanguage: r.ms, note: r.problems.length ? r.problems.join('; ') : undefined };
  }
  const load = (m.loadResources ?? m.loadModels ?? m.default) as undefined | ((...a: unknown[]) => unknown);
  if (typeof load !== 'function') return { resources: {}, ms: 0, note: 'models.ts exports no loader' };
  const resources = (await load()) as Resources;
  return { resources, ms: performance.now() - t0 };
}

async function taskCore(): Promise<Json> {
  const { resources, ms: loadMs, perLanguage, note } = await loadResources();
  const cs = corpora();
  const throughput: Json[] = [];
  for (const c of cs) {
    const floor = rate(c.docs, c.words, floorPass, T / 2);
    const whole = rate(c.docs, c.words, (d) => analyze(d, { language: 'auto' }, resources));
    // The taggers keep an exact cache of decoded sentences, so the timed passes above (the same documents again) are
    // re-analysis, as in an editor. Text never seen: fresh models, warmed on the first half of the corpus, then ONE
    // timed pass over the second half (its sentences are new to the cache; its rarer words to the word cache).
    const newRuns = await newTextRuns(c.docs, (fresh) => (d) => analyze(d, { language: 'auto' }, fresh));
    const newText = newRuns.median;
    let entities = 0;
    let findings = 0;
    for (const d of c.docs) {
      const a = analyze(d, {}, resources);
      entities += a.entities.length;
      findings += a.diagnostics.length;
    }
    throughput.push({ corpus: c.name, docs: c.docs.length, words: c.words, floor, analyze: whole, analyzeNew: newText, analyzeNewRange: [newRuns.min, newRuns.max], analyzeNewRuns: NEW_TEXT_RUNS, entities, findings });
  }
  const components: Json[] = [];
  for (const full of cs.filter((x) => x.name !== 'seeds')) {
    // Components on the first ~30k words (enough for stable figures; the whole corpora are timed above).
    const c = { ...full, ...take(full, QUICK ? 10000 : 30000) };
    const lang = c.lang as Language;
    const structures = c.docs.map((d) => parseStructure(d));
    const drafts = c.docs.map((d, i) => {
      const s = parseStructure(d);
      const { dates, publicationDate } = extractDates(d, s, lang, {});
      return { text: d, language: lang, structure: s, entities: extractEntities(d, s, resources, { language: lang }), dates, ...(publicationDate ? { publicationDate } : {}) } as Omit<Article, 'diagnostics'>;
    });
    const tagger = resources.ner?.[lang];
    const row: Json = { corpus: c.name, words: c.words };
    row.tokenize = rate(c.docs, c.words, (d) => (lang === 'en' ? tokenizeEnglish(d) : tokenize(d)));
    row.structure = rate(c.docs, c.words, (d) => parseStructure(d));
    if (tagger) row.nerTag = rate(c.docs, c.words, (d) => tagger.tag(d));
    if (tagger) row.nerTagLink = rate(c.docs, c.words, (d, i) => extractEntities(d, structures[i], resources, { language: lang }));
    if (tagger) {
      const runs = await newTextRuns(c.docs, (fresh) => (d) => extractEntities(d, parseStructure(d), fresh, { language: lang }));
      row.nerTagLinkNew = runs.median;
      row.nerTagLinkNewRange = [runs.min, runs.max];
    }
    row.dates = rate(c.docs, c.words, (d, i) => extractDates(d, parseStructure(d), lang, {}));
    row.checks = rate(c.docs, c.words, (_d, i) => {
      for (const r of rules) r.run({ article: drafts[i], options: {}, resources });
    });
    components.push(row);
  }
  return { loadMs, perLanguage, note, throughput, components, maxRssMB: maxRssMB(), heapMB: Math.round(process.memoryUsage().heapUsed / 1048576) };
}

/** The words of the docs taken, up to `limit` words. */
function take(c: Corpus, limit: number): { docs: string[]; words: number } {
  const docs: string[] = [];
  let words = 0;
  for (const d of c.docs) {
    if (words >= limit) break;
    docs.push(d);
    words += countWords(d);
  }
  return { docs, words };
}

async function asyncRate(docs: readonly string[], words: number, fn: (d: string) => Promise<unknown>, minSeconds = T): Promise<number> {
  for (const d of docs.slice(0, 3)) await fn(d);
  let passes = 0;
  const t0 = performance.now();
  let dt = 0;
  do {
    for (const d of docs) await fn(d);
    passes++;
    dt = (performance.now() - t0) / 1000;
  } while (dt < minSeconds);
  return (words * passes) / dt;
}

async function taskTextlint(): Promise<Json> {
  const t0 = performance.now();
  const { createLinter, loadTextlintrc } = await import('textlint');
  const descriptor = await loadTextlintrc({ configFilePath: path.join(repoRoot, 'bench', 'textlintrc.json'), node_modulesDir: path.join(repoRoot, 'node_modules') });
  const linter = createLinter({ descriptor });
  await linter.lintText('warm up. 2016-11-29(Tuesday)', 'warm.txt');
  const loadMs = performance.now() - t0;
  const rows: Json[] = [];
  // The same documents as plain text (textlint's text plugin) and as Markdown (its markdown plugin, as for a newsroom's
  // .md articles, which Article Lens reads with the same analysis).
  for (const c of corpora()) {
    for (const ext of ['txt', 'md']) {
      const file = `article.${ext}`;
      let messages = 0;
      for (const d of c.docs) messages += (await linter.lintText(d, file)).messages.length;
      const corpus = ext === 'txt' ? c.name : `${c.name}, as .md`;
      rows.push({ corpus, words: c.words, rate: await asyncRate(c.docs, c.words, (d) => linter.lintText(d, file)), messages });
    }
  }
  return { loadMs, rows, maxRssMB: maxRssMB() };
}

async function taskHarper(): Promise<Json> {
  const t0 = performance.now();
  // harper.js is ESM-only: a real import(), which esbuild would otherwise turn into require().
  const esmImport = new Function('s', 'return import(s)') as (s: string) => Promise<Record<string, any>>;
  const harper = await esmImport('harper.js');
  const { binaryInlined } = await esmImport('harper.js/binaryInlined');
  const linter = new harper.LocalLinter({ binary: binaryInlined });
  await linter.setup();
  await linter.lint('Warm up the linter.');
  const loadMs = performance.now() - t0;
  const en = corpora().find((c) => c.name.startsWith('en'))!;
  // harper.js is slow (about 3k words/s here): a slice of the English text.
  const { docs, words } = take(en, QUICK ? 2000 : 8000);
  let lints = 0;
  const t1 = performance.now();
  for (const d of docs) lints += ((await linter.lint(d)) as unknown[]).length;
  const dt = (performance.now() - t1) / 1000;
  return { loadMs, rows: [{ corpus: `${en.name}, first ${words} words`, words, rate: words / dt, messages: lints }], maxRssMB: maxRssMB() };
}

async function taskCompromise(): Promise<Json> {
  const t0 = performance.now();
  const nlp = (await import('compromise')).default;
  const loadMs = performance.now() - t0;
  const rows: Json[] = [];
  for (const c of corpora().filter((x) => x.lang === 'en')) {
    const { docs, words } = take(c, QUICK ? 10000 : 60000);
    let found = 0;
    const r = rate(docs, words, (d) => {
      const doc = nlp(d);
      found += doc.people().length + doc.places().length + doc.organizations().length;
    }, T / 2);
    rows.push({ corpus: c.name === 'seeds' ? c.name : `${c.name}, first ${words} words`, words, rate: r, messages: found });
  }
  return { loadMs, rows, maxRssMB: maxRssMB() };
}

// ---------------------------------------------------------------------------------------------------------
// The real server over stdio.

interface Client {
  request<R>(method: string, params: unknown): Promise<R>;
  notify(method: string, params: unknown): void;
  waitDiagnostics(uri: string, version: number): Promise<void>;
  close(): Promise<void>;
  pid: number;
}

async function startClient(): Promise<{ client: Client; spawnedAt: number }> {
  const rpc = await import('vscode-languageserver-protocol/node');
  const spawnedAt = performance.now();
  const child = spawn(process.execPath, [path.join(repoRoot, 'dist', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const conn = rpc.createProtocolConnection(new rpc.StreamMessageReader(child.stdout!), new rpc.StreamMessageWriter(child.stdin!));
  const waiters = new Map<string, () => void>();
  conn.onNotification('textDocument/publishDiagnostics', (p: { uri: string; version?: number }) => {
    const k = `${p.uri}#${p.version}`;
    const w = waiters.get(k);
    if (w) {
      waiters.delete(k);
      w();
    }
  });
  conn.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => null));
  conn.onRequest('client/registerCapability', () => null);
  conn.onNotification('window/logMessage', () => {});
  conn.listen();
  const client: Client = {
    pid: child.pid!,
    request: (m, p) => conn.sendRequest(m, p),
    notify: (m, p) => void conn.sendNotification(m, p),
    waitDiagnostics: (uri, version) => new Promise<void>((res) => waiters.set(`${uri}#${version}`, res)),
    async close() {
      await conn.sendRequest('shutdown').catch(() => {});
      void conn.sendNotification('exit');
      await new Promise<void>((res) => (child.exitCode !== null ? res() : child.once('exit', () => res())));
      conn.dispose();
    },
  };
  await client.request('initialize', { processId: process.pid, rootUri: null, capabilities: { textDocument: { publishDiagnostics: {}, hover: {}, documentSymbol: { hierarchicalDocumentSymbolSupport: true } } } });
  client.notify('initialized', {});
  return { client, spawnedAt };
}

function positionAt(text: string, offset: number): { line: number; character: number } {
  let line = 0;
  let ls = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    ls = i + 1;
  }
  return { line, character: offset - ls };
}

/** CPU time (user + system) of a /proc stat file (a process's or a thread's), ms; throws when it cannot be read. */
function statCpuMs(file: string): number {
  const f = fs.readFileSync(file, 'utf8');
  const rest = f.slice(f.lastIndexOf(')') + 2).split(' ');
  // fields 14 and 15 (utime, stime) are 12 and 13 after the state field; clock ticks of 10 ms
  return (Number(rest[11]) + Number(rest[12])) * 10;
}

/** CPU time (user + system) a process has used, ms (Linux /proc; undefined elsewhere). */
function procCpuMs(pid: number): number | undefined {
  try {
    return statCpuMs(`/proc/${pid}/stat`);
  } catch {
    return undefined;
  }
}

async function taskLatency(): Promise<Json> {
  const { client } = await startClient();
  const sizes = [1000, 10000, 100000];
  const rows: Json[] = [];
  const r = rng(7);
  for (const size of sizes) {
    let text = longArticle('ar', size);
    const uri = `file:///bench/article-${size}.txt`;
    let version = 1;
    let t0 = performance.now();
    const opened = client.waitDiagnostics(uri, version);
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'article', version, text } });
    await opened;
    const openMs = performance.now() - t0;
    const wordStarts = wordStartsOf(text);
    const k = QUICK ? 20 : size >= 100000 ? 20 : 150;
    const hover: number[] = [];
    const symbols: number[] = [];
    for (let i = 0; i < k; i++) {
      const pos = positionAt(text, wordStarts[Math.floor(r() * wordStarts.length)] + 1);
      t0 = performance.now();
      await client.request('textDocument/hover', { textDocument: { uri }, position: pos });
      hover.push(performance.now() - t0);
      t0 = performance.now();
      await client.request('textDocument/documentSymbol', { textDocument: { uri } });
      symbols.push(performance.now() - t0);
    }
    const edits: number[] = [];
    const firstHover: number[] = [];
    // The server's CPU time over all edits (the client waits for each): the figure a loaded machine does not inflate.
    const cpu0 = procCpuMs(client.pid);
    // Enough edits that p99 is not simply the slowest one (with 30 it was the first edit after opening).
    const e = QUICK ? 3 : size >= 100000 ? 20 : 200;
    for (let i = 0; i < e; i++) {
      // Type a word at the end of a random word: an incremental change of a few characters.
      const typed = typedEdit(text, wordStarts, r, i);
      const { at, insert } = typed;
      const pos = positionAt(text, at);
      text = typed.text;
      version++;
      t0 = performance.now();
      const done = client.waitDiagnostics(uri, version);
      client.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range: { start: pos, end: pos }, text: insert }] });
      await done;
      edits.push(performance.now() - t0);
      t0 = performance.now();
      await client.request('textDocument/hover', { textDocument: { uri }, position: pos });
      firstHover.push(performance.now() - t0);
    }
    const cpu1 = procCpuMs(client.pid);
    client.notify('textDocument/didClose', { textDocument: { uri } });
    rows.push({
      editCpuMs: cpu0 !== undefined && cpu1 !== undefined ? (cpu1 - cpu0) / e : undefined,
      words: countWords(text), openMs,
      hover: { p50: pct(hover, 50), p99: pct(hover, 99), n: hover.length },
      symbols: { p50: pct(symbols, 50), p99: pct(symbols, 99), n: symbols.length },
      edit: { p50: pct(edits, 50), p99: pct(edits, 99), max: Math.max(...edits), first: edits[0], n: edits.length },
      hoverAfterEdit: { p50: pct(firstHover, 50), p99: pct(firstHover, 99) },
    });
  }
  await client.close();
  return { rows, maxRssMB: maxRssMB() };
}

/** The first seed article (by file name): the article the cold-start and archive tasks open. */
function firstSeedFile(): string {
  return path.join(repoRoot, 'seeds', fs.readdirSync(path.join(repoRoot, 'seeds')).sort()[0]);
}

async function taskCold(): Promise<Json> {
  const seed = fs.readFileSync(firstSeedFile(), 'utf8');
  const ready: number[] = [];
  const first: number[] = [];
  for (let i = 0; i < (QUICK ? 1 : 3); i++) {
    const { client, spawnedAt } = await startClient();
    ready.push(performance.now() - spawnedAt);
    const uri = 'file:///bench/seed.txt';
    const d = client.waitDiagnostics(uri, 1);
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'article', version: 1, text: seed } });
    await d;
    first.push(performance.now() - spawnedAt);
    await client.close();
  }
  return { readyMs: pct(ready, 50), firstDiagnosticsMs: pct(first, 50), runs: ready.length };
}

// ---------------------------------------------------------------------------------------------------------
// Archive: N article files generated into a temp folder, indexed by the real server's workspace scan.

/** Seconds the archive indexing may take before it is cancelled and the rest projected (keeps `npm run bench` bounded). */
const ARCHIVE_BUDGET = Number(process.env.BENCH_ARCHIVE_BUDGET ?? (QUICK ? 20 : 60));

function generateArchive(dir: string, n: number): number {
  const cs = corpora().filter((c) => c.name !== 'seeds');
  const r = rng(11);
  let words = 0;
  for (let i = 0; i < n; i++) {
    const c = cs[i % 3 === 2 ? 1 : 0]; // two Arabic articles to one English
    const base = c.docs[Math.floor(r() * c.docs.length)];
    const [head, ...rest] = base.split('\n');
    const paras = rest.join('\n').split('\n\n').filter((p) => p.trim());
    // A different article each time: paragraphs rotated and one borrowed from another article.
    const rot = Math.floor(r() * paras.length);
    const other = c.docs[Math.floor(r() * c.docs.length)].split('\n\n')[1] ?? '';
    const body = [...paras.slice(rot), ...paras.slice(0, rot), other].filter(Boolean).join('\n\n');
    const text = `${head}\n${body}\n`;
    words += countWords(text);
    const sub = path.join(dir, 'articles', String(Math.floor(i / 1000)).padStart(2, '0'));
    if (i % 1000 === 0) fs.mkdirSync(sub, { recursive: true });
    fs.writeFileSync(path.join(sub, `${String(i).padStart(5, '0')}.txt`), text);
  }
  return words;
}

/** Peak and current RSS of a process (Linux /proc), MB. */
function procMemMB(pid: number): { peak?: number; now?: number } {
  try {
    const st = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (k: string) => Number(new RegExp(`${k}:\\s+(\\d+)`).exec(st)?.[1] ?? NaN);
    return { peak: Math.round(kb('VmHWM') / 1024), now: Math.round(kb('VmRSS') / 1024) };
  } catch {
    return {};
  }
}

/** CPU ms of each thread of a process (Linux /proc/PID/task), by thread id. */
function threadCpuMs(pid: number): Map<number, number> {
  const out = new Map<number, number>();
  try {
    for (const tid of fs.readdirSync(`/proc/${pid}/task`)) {
      try {
        out.set(Number(tid), statCpuMs(`/proc/${pid}/task/${tid}/stat`));
      } catch {
        // the thread ended
      }
    }
  } catch {
    // not Linux
  }
  return out;
}

/**
 * The product's own code path: `dist/server.js --stdio` opened on the archive folder indexes it in the background at
 * start (server.ts scanWorkspace: worker threads from node/indexer.ts when there is more than one core), with
 * server-initiated progress. Timed from `initialized` to the end of that progress; peak RSS is the server process
 * (main thread + workers, /proc VmHWM). Past the budget the scan is cancelled through its progress token and the
 * full time projected from the files done.
 */
async function taskArchive(): Promise<Json> {
  const n = Number(process.env.BENCH_ARCHIVE_FILES ?? (QUICK ? 1000 : 10000));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'article-lens-archive-'));
  try {
    let t0 = performance.now();
    const words = generateArchive(dir, n);
    const genMs = performance.now() - t0;
    const rpc = await import('vscode-languageserver-protocol/node');
    const { pathToFileURL } = await import('node:url');
    const child = spawn(process.execPath, [path.join(repoRoot, 'dist', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    const conn = rpc.createProtocolConnection(new rpc.StreamMessageReader(child.stdout!), new rpc.StreamMessageWriter(child.stdin!));
    const logs: string[] = [];
    let token: string | number | undefined;
    let lastMessage = '';
    let ended!: () => void;
    const end = new Promise<void>((res) => (ended = res));
    let reported!: () => void;
    const firstReport = new Promise<void>((res) => (reported = res));
    // The editor during the scan (BENCH_ARCHIVE_EDITOR=1; off by default: the open article loads the main thread's
    // models, ~50 MB more at the peak): an article outside the archive, opened once the scan reports progress, then
    // edited (a word added or removed) and asked for its symbols, every 200 ms until the scan ends; then 10 times idle.
    const withEditor = !!process.env.BENCH_ARCHIVE_EDITOR;
    const probeFile = firstSeedFile();
    const probeUri = pathToFileURL(probeFile).href;
    const diagWaiters = new Map<number, () => void>();
    conn.onNotification('textDocument/publishDiagnostics', (p: { uri: string; version?: number }) => {
      if (p.uri !== probeUri || p.version === undefined) return;
      diagWaiters.get(p.version)?.();
      diagWaiters.delete(p.version);
    });
    let scanning = true;
    const during = { diagnostics: [] as number[], symbols: [] as number[] };
    const idle = { diagnostics: [] as number[], symbols: [] as number[] };
    let openMs = NaN;
    let probeVersion = 1;
    const probeText = fs.readFileSync(probeFile, 'utf8');
    const edit = async (into: { diagnostics: number[]; symbols: number[] }) => {
      const v = ++probeVersion;
      let t = performance.now();
      const diagnosed = new Promise<void>((res) => diagWaiters.set(v, res));
      void conn.sendNotification('textDocument/didChange', { textDocument: { uri: probeUri, version: v }, contentChanges: [{ text: v % 2 ? probeText : `${probeText} جديد` }] });
      await diagnosed;
      into.diagnostics.push(performance.now() - t);
      t = performance.now();
      await conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri: probeUri } });
      into.symbols.push(performance.now() - t);
    };
    const probe = (async () => {
      if (!withEditor) return;
      await firstReport;
      const t = performance.now();
      const opened = new Promise<void>((res) => diagWaiters.set(1, res));
      void conn.sendNotification('textDocument/didOpen', { textDocument: { uri: probeUri, languageId: 'article', version: 1, text: probeText } });
      await opened;
      openMs = performance.now() - t;
      while (scanning) {
        await edit(during);
        await new Promise((res) => setTimeout(res, 200));
      }
    })();
    conn.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => ({ workspaceIndex: { maxFiles: n + 100 } })));
    conn.onRequest('client/registerCapability', () => null);
    conn.onRequest('window/workDoneProgress/create', (p: { token: string | number }) => {
      token ??= p.token;
      return null;
    });
    conn.onRequest('workspace/diagnostic/refresh', () => null);
    conn.onNotification('$/progress', (p: { token: string | number; value: { kind: string; message?: string } }) => {
      if (p.token !== token) return;
      if (p.value.message) lastMessage = p.value.message;
      if (p.value.kind === 'report') reported();
      if (p.value.kind === 'end') ended();
    });
    conn.onNotification('window/logMessage', (p: { message: string }) => void logs.push(p.message));
    conn.listen();
    const folder = pathToFileURL(dir).href;
    await conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri: folder,
      workspaceFolders: [{ uri: folder, name: 'archive' }],
      capabilities: { workspace: { configuration: true, workspaceFolders: true }, window: { workDoneProgress: true }, textDocument: { publishDiagnostics: {} } },
    });
    t0 = performance.now();
    const cpu0 = procCpuMs(child.pid!);
    // CPU per thread, sampled: the index workers end with the scan, so their last sample is kept.
    const threadCpu = new Map<number, number>();
    const alive = new Set<number>();
    const sample = () => {
      const now = threadCpuMs(child.pid!);
      alive.clear();
      for (const [tid, ms] of now) {
        threadCpu.set(tid, ms);
        alive.add(tid);
      }
    };
    const sampler = setInterval(sample, 250);
    void conn.sendNotification('initialized', {});
    let budgetHit = false;
    const timer = ARCHIVE_BUDGET > 0
      ? setTimeout(() => {
          budgetHit = true;
          if (token !== undefined) void conn.sendNotification('window/workDoneProgress/cancel', { token });
        }, ARCHIVE_BUDGET * 1000)
      : undefined;
    await end;
    const indexMs = performance.now() - t0;
    const cpu1 = procCpuMs(child.pid!);
    clearInterval(sampler);
    sample();
    // Threads: the main thread (id = pid), the index workers (threads that ended with the scan; the last sample is up
    // to 250 ms old), and the threads still alive besides main (V8's garbage-collection helpers, libuv).
    const mainCpuMs = threadCpu.get(child.pid!) ?? 0;
    let workerCpuMs = 0;
    let helperCpuMs = 0;
    for (const [tid, ms] of threadCpu) {
      if (tid === child.pid) continue;
      if (alive.has(tid)) helperCpuMs += ms;
      else workerCpuMs += ms;
    }
    clearTimeout(timer);
    scanning = false;
    reported();
    await probe;
    for (let i = 0; withEditor && i < 10; i++) await edit(idle);
    // The server logs its summary right after the progress ends.
    const summary = async () => logs.find((l) => /workspace index: \d+ files/.test(l));
    for (let i = 0; i < 100 && !(await summary()); i++) await new Promise((res) => setTimeout(res, 20));
    const line = (await summary()) ?? '';
    const done = Number(/workspace index: (\d+) files/.exec(line)?.[1] ?? /^(\d+)/.exec(lastMessage)?.[1] ?? 0);
    const withNames = Number(/, (\d+) with names/.exec(line)?.[1] ?? 0);
    const threads = /on (\d+) worker thread/.exec(logs.find((l) => /scanning \d+ files/.test(l)) ?? '')?.[1];
    const mem = procMemMB(child.pid!);
    const memLine = logs.find((l) => /largest live memory/.test(l)) ?? '';
    const workerLiveMB = Number(/largest live memory (\d+) MB/.exec(memLine)?.[1] ?? NaN);
    const mainHeapMB = Number(/server thread: heap (\d+) of/.exec(memLine)?.[1] ?? NaN);
    const mainHeapTotalMB = Number(/server thread: heap \d+ of (\d+) MB/.exec(memLine)?.[1] ?? NaN);
    const symbols = (await conn.sendRequest('workspace/symbol', { query: '' })) as unknown[];
    await conn.sendRequest('shutdown').catch(() => {});
    void conn.sendNotification('exit');
    await new Promise<void>((res) => (child.exitCode !== null ? res() : child.once('exit', () => res())));
    conn.dispose();
    const doneWords = Math.round((words * Math.min(done, n)) / n);
    return {
      files: n, words, done, doneWords, budgetS: ARCHIVE_BUDGET, cancelled: budgetHit && done < n,
      projectedMs: done < n ? (indexMs * n) / Math.max(1, done) : undefined,
      genMs, indexMs, workers: threads === undefined ? 0 : Number(threads), cores: os.availableParallelism(),
      indexed: withNames, symbols: symbols.length, maxRssMB: mem.peak, endRssMB: mem.now,
      cpuMs: cpu0 !== undefined && cpu1 !== undefined ? cpu1 - cpu0 : undefined,
      recycled: logs.filter((l) => /index worker recycled/.test(l)).length,
      mainCpuMs, workerCpuMs, helperCpuMs, workerLiveMB, mainHeapMB, mainHeapTotalMB,
      editor: !withEditor ? undefined : {
        openMs, edits: during.diagnostics.length,
        diagnosticsP50: pct(during.diagnostics, 50), diagnosticsP99: pct(during.diagnostics, 99), symbolsP50: pct(during.symbols, 50), symbolsP99: pct(during.symbols, 99),
        idleDiagnosticsP50: pct(idle.diagnostics, 50), idleSymbolsP50: pct(idle.symbols, 50),
      },
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  if (!fs.existsSync(dataDir)) throw new Error(`data folder not found: set ARTICLE_LENS_DATA (looked in ${path.relative(process.cwd(), dataDir)})`);
  const task = process.argv[2];
  const tasks: Record<string, () => Promise<Json>> = {
    core: taskCore, textlint: taskTextlint, harper: taskHarper, compromise: taskCompromise,
    latency: taskLatency, cold: taskCold, archive: taskArchive,
  };
  const fn = tasks[task];
  if (!fn) throw new Error(`unknown task '${task}' (${Object.keys(tasks).join(', ')})`);
  const out = await fn();
  process.stdout.write('\n' + JSON.stringify({ task, sink: sink % 2, ...out }) + '\n');
}

if (require.main === module) {
  main().catch((e) => {
    process.stdout.write('\n' + JSON.stringify({ task: process.argv[2], error: e instanceof Error ? e.message : String(e) }) + '\n');
    process.exitCode = 1;
  });
}
