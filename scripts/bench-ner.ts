/**
 * `npx tsx scripts/bench-ner.ts [--lang ar] [--docs N]`: NER model load time, tagging speed (tokens/s, one core) and
 * heap, on the seed article repeated as N distinct documents (each document is tagged paragraph by paragraph,
 * as the entities step does). Warm = the word cache already holds the vocabulary.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { tokenize } from '../server/src/core/text/tokenize';
import { loadNerModels } from '../server/src/node/models';
import type { Language } from '../server/src/core/types';

const argv = process.argv.slice(2);
const arg = (n: string, d: string) => (argv.includes(n) ? argv[argv.indexOf(n) + 1] : d);
const lang = arg('--lang', 'ar') as Language;
const ndocs = Number(arg('--docs', '200'));
const ROOT = path.resolve(__dirname, '..');
const seedFile = lang === 'ar' ? 'seeds/000_36fff38b519712a3.txt' : 'seeds/001_lavrov_haftar_en.txt';
const seed = fs.readFileSync(path.join(ROOT, seedFile), 'utf8');

const t0 = performance.now();
const lc0 = process.cpuUsage();
const loaded = loadNerModels({ languages: [lang] });
const loadMs = performance.now() - t0;
const loadCpu = process.cpuUsage(lc0);
const tagger = loaded.ner[lang];
if (!tagger) throw new Error(loaded.problems.join('; '));

// Distinct documents: the seed with a counter appended to each paragraph (a new document each time).
const docs = Array.from({ length: ndocs }, (_, i) => seed.replace(/\n/g, ` ${i}\n`));
const ntok = docs.reduce((n, d) => n + tokenize(d).length, 0);

function run(): number {
  const c0 = process.cpuUsage();
  let spans = 0;
  for (const d of docs) {
    let from = 0;
    for (;;) {
      const nl = d.indexOf('\n', from);
      const to = nl < 0 ? d.length : nl;
      if (to > from) spans += tagger!.tag(d, from, to).length;
      if (nl < 0) break;
      from = nl + 1;
    }
  }
  if (spans === 0) throw new Error('no spans');
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000; // CPU ms of this process: the machine is shared, wall time is not one core
}

const cold = run();
const warm = Math.min(run(), run());
const mem = process.memoryUsage();
console.log(
  `${lang}: model load ${loadMs.toFixed(0)} ms wall, ${((loadCpu.user + loadCpu.system) / 1000).toFixed(0)} ms CPU; ${ntok} tokens in ${ndocs} documents; cold ${Math.round(ntok / (cold / 1000))} tokens/CPU-s, warm ${Math.round(ntok / (warm / 1000))} tokens/CPU-s; heap ${(mem.heapUsed / 1e6).toFixed(0)} MB, rss ${(mem.rss / 1e6).toFixed(0)} MB`,
);
