// `npm run bench` (after `npm run build`): bundles bench/tasks.ts like the server (esbuild), runs each measurement
// in its own child process, prints ONE table and writes it with the machine into bench/RESULTS.md.
//
//   BENCH_QUICK=1        short loops, 1,000 archive files (a fast check that everything runs, ~1 min)
//   BENCH_ONLY=core,latency   run only these tasks (core textlint harper compromise latency cold archive)
//   BENCH_PROF=1         write a V8 CPU profile of the core task into .cache/prof/ (open in Chrome DevTools)
//   BENCH_ARCHIVE_FILES=N  archive size (default 10,000)
//   BENCH_ARCHIVE_EDITOR=1 the archive row also times an open article (edits, symbols) during the scan
//   ARTICLE_LENS_DATA    the data folder (default ../shared/data next to the repository)
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const quick = !!process.env.BENCH_QUICK;
const only = process.env.BENCH_ONLY ? process.env.BENCH_ONLY.split(',') : null;

const common = { bundle: true, platform: 'node', format: 'cjs', target: 'node20', sourcemap: true, logLevel: 'error', packages: 'external' };
await esbuild.build({ ...common, entryPoints: [path.join(root, 'bench/tasks.ts')], outfile: path.join(root, 'dist/bench-tasks.js') });
const modelsTs = path.join(root, 'server/src/node/models.ts');
const modelsJs = path.join(root, 'dist/bench-models.js');
if (fs.existsSync(modelsTs)) await esbuild.build({ ...common, entryPoints: [modelsTs], outfile: modelsJs });
else fs.rmSync(modelsJs, { force: true });

const results = {};
const started = Date.now();
for (const task of ['core', 'textlint', 'harper', 'compromise', 'latency', 'cold', 'archive']) {
  if (only && !only.includes(task)) continue;
  const t0 = Date.now();
  process.stderr.write(`bench: ${task}… `);
  const args = [];
  if (task === 'core' && process.env.BENCH_PROF) args.push('--cpu-prof', `--cpu-prof-dir=${path.join(root, '.cache/prof')}`);
  const r = spawnSync(process.execPath, [...args, path.join(root, 'dist/bench-tasks.js'), task], { cwd: root, encoding: 'utf8', maxBuffer: 64 << 20, stdio: ['ignore', 'pipe', 'pipe'], timeout: 15 * 60_000 });
  const last = (r.stdout ?? '').trim().split('\n').pop() ?? '';
  try {
    results[task] = JSON.parse(last);
  } catch {
    results[task] = { error: (r.stderr || r.stdout || `exit ${r.status}`).trim().split('\n').slice(-3).join(' ') };
  }
  process.stderr.write(`${((Date.now() - t0) / 1000).toFixed(1)} s${results[task].error ? ` (failed: ${results[task].error})` : ''}\n`);
}

// ---------------------------------------------------------------------------------------------------------
const k = (n) => (n >= 1e6 ? `${(n / 1e6).toFixed(2)}M` : n >= 1e3 ? `${(n / 1e3).toFixed(n >= 1e5 ? 0 : 1)}k` : n.toFixed(0));
const ms = (n) => (n == null ? '–' : n < 10 ? `${n.toFixed(2)} ms` : `${n.toFixed(0)} ms`);
const x = (a, b) => (a && b ? (a / b >= 10 ? `${(a / b).toFixed(0)}×` : `${(a / b).toFixed(2)}×`) : '–');
const rows = [];
const row = (stage, text, figure, ratio = '', mem = '', note = '') => rows.push([stage, text, figure, ratio, mem, note]);
const fail = (name, r) => row(name, '', 'not measured', '', '', r?.error ?? 'skipped');

const core = results.core;
const ours = {};
if (core && !core.error) {
  for (const t of core.throughput) {
    // Peers are compared with our speed on text we have not seen (no sentence-cache hits): the fair figure.
    ours[t.corpus] = t.analyzeNew ?? t.analyze;
    row('Floor: one `/[\\p{L}\\p{N}]+/gu` pass', t.corpus, `${k(t.floor)} words/s`, '1×', '', `${t.docs} docs, ${k(t.words)} words`);
    const range = (r) => (r && r[0] !== r[1] ? `; ${k(r[0])}-${k(r[1])} over the runs` : '');
    if (t.analyzeNew != null) row('**Whole analysis, new text** (`analyze`, one pass)', t.corpus, `**${k(t.analyzeNew)} words/s**`, `${x(t.analyzeNew, t.floor)} of floor`, '', `second half of the corpus after a warm-up on the first half, median of ${t.analyzeNewRuns ?? 1} run(s), each with fresh models${range(t.analyzeNewRange)}; target ≥ 500k`);
    row('**Whole analysis, re-analysis** (same text again)', t.corpus, `**${k(t.analyze)} words/s**`, `${x(t.analyze, t.floor)} of floor`, `${core.maxRssMB} MB`, `${t.entities} entities, ${t.findings} findings; the taggers' sentence cache hits, as when an editor re-analyzes`);
  }
  const names = { tokenize: 'Tokenize', structure: 'Structure (headline, paragraphs…)', nerTag: 'NER tagging (re-analysis)', nerTagLink: 'NER tagging + linking (`extractEntities`, re-analysis)', nerTagLinkNew: 'NER tagging + linking, new text (one pass)', dates: 'Dates (parse + resolve)', checks: 'Checks (all rules)' };
  for (const c of core.components) for (const [key, name] of Object.entries(names)) {
    if (c[key] == null) {
      if (key === 'nerTag') row(name, c.corpus, 'no tagger loaded', '', '', core.note ?? 'no tagger for this language');
      continue;
    }
    const spread = key === 'nerTagLinkNew' && c.nerTagLinkNewRange && c.nerTagLinkNewRange[0] !== c.nerTagLinkNewRange[1] ? `median; ${k(c.nerTagLinkNewRange[0])}-${k(c.nerTagLinkNewRange[1])} over the runs; ` : '';
    row(name, c.corpus, `${k(c[key])} words/s`, '', '', key.startsWith('nerTagLink') ? `${spread}target ≥ 200k tokens/s` : '');
  }
  const per = core.perLanguage ? Object.entries(core.perLanguage).map(([l, v]) => `${l} ${ms(v)}`).join(', ') : '';
  row('Model load (all NER models, in process)', '', core.loadMs ? ms(core.loadMs) : 'no models', '', '', [per, core.note, 'target < 300 ms'].filter(Boolean).join('; '));
} else fail('Core throughput', core);

for (const [task, name] of [['textlint', 'textlint 15 + date-weekday-mismatch + prh'], ['harper', 'harper.js (wasm)'], ['compromise', 'compromise (people/places/organizations)']]) {
  const r = results[task];
  if (!r) continue;
  if (r.error) {
    fail(name, r);
    continue;
  }
  for (const t of r.rows) {
    const mine = ours[Object.keys(ours).find((c) => t.corpus.startsWith(c))] ?? null;
    const ratio = !mine ? '' : mine >= t.rate ? `ours ${x(mine, t.rate)} faster` : `ours ${x(t.rate, mine)} slower`;
    row(`Peer: ${name}`, t.corpus, `${k(t.rate)} words/s`, ratio, `${r.maxRssMB} MB`, `${t.messages} ${task === 'compromise' ? 'entities' : 'messages'}; load ${ms(r.loadMs)}`);
  }
}

const lat = results.latency;
if (lat && !lat.error) {
  for (const t of lat.rows) {
    const tgt = t.words >= 9000 && t.words <= 11000;
    row('Server: hover (p50 / p99)', `ar, ${k(t.words)} words`, `${ms(t.hover.p50)} / ${ms(t.hover.p99)}`, '', '', tgt ? 'target p99 < 10 ms' : `n=${t.hover.n}`);
    row('Server: documentSymbol (p50 / p99)', `ar, ${k(t.words)} words`, `${ms(t.symbols.p50)} / ${ms(t.symbols.p99)}`, '', '', tgt ? 'target p99 < 10 ms' : `n=${t.symbols.n}`);
    row('Server: diagnostics after didChange (p50 / p99)', `ar, ${k(t.words)} words`, `${ms(t.edit.p50)} / ${ms(t.edit.p99)}`, '', '', `${tgt ? 'target < 50 ms; ' : ''}${t.edit.n} edits, first ${ms(t.edit.first)}, slowest ${ms(t.edit.max)}; open ${ms(t.openMs)}; hover right after an edit p50 ${ms(t.hoverAfterEdit.p50)}${t.editCpuMs != null ? `; server CPU per edit (with its hover) ${ms(t.editCpuMs)}` : ''}`);
  }
  row('Server process (client side)', '', '', '', `${lat.maxRssMB} MB`, 'client process only; the server is a child');
} else if (lat) fail('Server latency', lat);

const cold = results.cold;
if (cold && !cold.error) row('Cold start: server ready / first diagnostics on the seed', '', `${ms(cold.readyMs)} / ${ms(cold.firstDiagnosticsMs)}`, '', '', `median of ${cold.runs}`);
else if (cold) fail('Cold start', cold);
// Extension activation needs a real extension host: the extension-host suite (npm test, VS Code for the web in
// code-server) measures activate() -> server ready and records it here; the benchmark reports the last recording.
const activationFile = path.join(root, 'test-results', 'activation.json');
if ((!only || only.includes('cold')) && fs.existsSync(activationFile)) {
  const a = JSON.parse(fs.readFileSync(activationFile, 'utf8'));
  row('Extension activation: activate() -> server ready', '', ms(a.serverReadyMs), '', '', `${a.editor}, recorded by the extension-host test at ${a.at.slice(0, 16)}Z (not this run)`);
}

const ar = results.archive;
if (ar && !ar.error) {
  const all = ar.done >= ar.files;
  const figure = all
    ? `${(ar.indexMs / 1000).toFixed(1)} s (${k(ar.doneWords / (ar.indexMs / 1000))} words/s)`
    : `**projected ${(ar.projectedMs / 1000).toFixed(0)} s** (${k(ar.done)} files in the ${ar.budgetS} s budget, ${k(ar.doneWords / (ar.indexMs / 1000))} words/s)`;
  row(`Archive: ${k(ar.files)} files (the server's workspace scan)`, `${(ar.words / 1e6).toFixed(2)}M words`, figure, '', `${ar.maxRssMB ?? '?'} MB`, `server process (main thread + ${ar.workers} worker thread(s), recycled ${ar.recycled ?? 0}×) on ${ar.cores} cores${ar.cpuMs ? `, ${(ar.cpuMs / 1000).toFixed(1)} s CPU = ${k(ar.doneWords / (ar.cpuMs / 1000))} words/CPU-s` : ''}${ar.workerCpuMs ? ` (CPU by thread: main ${(ar.mainCpuMs / 1000).toFixed(1)} s, index workers ${(ar.workerCpuMs / 1000).toFixed(1)} s, V8/libuv helpers ${(ar.helperCpuMs / 1000).toFixed(1)} s)` : ''}${Number.isFinite(ar.workerLiveMB) ? `; largest worker live memory ${ar.workerLiveMB} MB, server-thread heap at the end ${ar.mainHeapMB} of ${ar.mainHeapTotalMB} MB` : ''}${ar.editor ? `; an open article during the scan (${ar.editor.edits} edits, 200 ms apart): diagnostics after an edit p50 ${ms(ar.editor.diagnosticsP50)} / p99 ${ms(ar.editor.diagnosticsP99)}, documentSymbol p50 ${ms(ar.editor.symbolsP50)} / p99 ${ms(ar.editor.symbolsP99)} (idle after the scan: ${ms(ar.editor.idleDiagnosticsP50)} / ${ms(ar.editor.idleSymbolsP50)}; first diagnostics ${ms(ar.editor.openMs)}, models loaded on the main thread)` : ''}; ${ar.indexed} files with names in the index; generating the files took ${(ar.genMs / 1000).toFixed(1)} s; target < 30 s, < 500 MB${all ? '' : '; BENCH_ARCHIVE_BUDGET=0 lifts the budget'}`);
}
else if (ar) fail('Archive', ar);

const header = ['Stage', 'Text', 'Figure', 'Ratio', 'Peak RSS', 'Notes'];
const table = [header, header.map(() => '---'), ...rows].map((r) => `| ${r.join(' | ')} |`).join('\n');
console.log(table);

const cpus = os.cpus();
const machine = `${cpus[0]?.model ?? 'unknown CPU'}, ${os.availableParallelism()} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GB RAM, ${os.type()} ${os.release()}, Node ${process.version}`;
const when = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
const section = `<!-- bench:start -->\n## Latest run${quick ? ' (BENCH_QUICK: short loops, not the figures of record)' : ''}\n\n- When: ${when}; took ${((Date.now() - started) / 1000).toFixed(0)} s\n- Machine: ${machine}\n- Command: \`npm run bench\`${quick ? ' with BENCH_QUICK=1' : ''}${only ? ` (BENCH_ONLY=${only.join(',')})` : ''}\n\n${table}\n<!-- bench:end -->`;
const file = path.join(root, 'bench/RESULTS.md');
let md = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Benchmark results\n\nWritten by `npm run bench` (bench/run.mjs); notes outside the marked section are kept.\n\n<!-- bench:start -->\n<!-- bench:end -->\n';
if (!only) {
  md = md.replace(/<!-- bench:start -->[\s\S]*<!-- bench:end -->/, section);
  fs.writeFileSync(file, md);
}
