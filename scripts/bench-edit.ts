// The core's cost of one edit, without the server: an Analyzer (core/analyze.ts) on a long Arabic article
// (bench/corpus.ts longArticle, as `npm run bench` latency), then edits like the bench's (a word typed at the end of a
// random word), each analyzed again. Prints, per size, the CPU time per edit (process.cpuUsage: user + system, so a
// busy machine does not inflate it) p50 / p90 / max and the wall time p50 / p99.
// Usage: npx tsx scripts/bench-edit.ts [sizes, default 1000,10000,100000] [--edits N] [--check]
//   --check: compare each incremental result with a fresh `analyze` of the same text (slow; for correctness only).
import { isDeepStrictEqual } from 'node:util';
import { longArticle, pct, rng, typedEdit, wordStarts } from '../bench/corpus';
import { Analyzer, analyze } from '../server/src/core/analyze';
import { loadNerModels } from '../server/src/node/models';

const args = process.argv.slice(2);
const sizes = (args.find((a) => /^\d/.test(a)) ?? '1000,10000,100000').split(',').map(Number);
const editsAt = args.indexOf('--edits');
const check = args.includes('--check');
const resources = { ner: loadNerModels().ner };

for (const size of sizes) {
  let text = longArticle('ar', size);
  const analyzer = new Analyzer();
  analyzer.analyze(text, {}, resources);
  const starts = wordStarts(text);
  const r = rng(7);
  const n = editsAt >= 0 ? Number(args[editsAt + 1]) : size >= 100000 ? 20 : 60;
  const cpu: number[] = [];
  const wall: number[] = [];
  let diffs = 0;
  for (let i = 0; i < n; i++) {
    text = typedEdit(text, starts, r, i).text;
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const a = analyzer.analyze(text, {}, resources);
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
    if (check && !isDeepStrictEqual(a, analyze(text, {}, resources))) diffs++;
  }
  const f = (x: number) => x.toFixed(1);
  console.log(`${size} words: cpu/edit p50 ${f(pct(cpu, 50))} p90 ${f(pct(cpu, 90))} max ${f(Math.max(...cpu))} ms; wall p50 ${f(pct(wall, 50))} p99 ${f(pct(wall, 99))} ms (${n} edits)${check ? `; ${diffs} differ from analyze` : ''}`);
}
