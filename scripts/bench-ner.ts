/**
 * `npx tsx scripts/bench-ner.ts [--lang ar] [--docs N] [--reps R]`: NER model load time, tagging speed (tokens/s,
 * CPU time of this process, so one core) and memory.
 *  - seed: the seed article repeated as N distinct documents (each tagged paragraph by paragraph, as the entities
 *    step does); cold = first pass, warm = the word and sentence caches already hold everything (re-analysis).
 *  - new text (Arabic: the ANERcorp articles of bench/corpus.ts; English: the GUM documents): a FRESH tagger is
 *    warmed on the first half of the articles, then ONE pass over the second half is timed, tag() alone and
 *    tagging + linking (`extractEntities`, as bench's nerTagLinkNew), best of R fresh taggers; then the same second
 *    half again (re-analysis: sentence-cache hits). Also what the caches hold after both halves (the tagger's cacheStats).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { corpora } from '../bench/corpus';
import { extractEntities } from '../server/src/core/entities/index';
import { parseStructure } from '../server/src/core/structure';
import { tokenize } from '../server/src/core/text/tokenize';
import { loadNerModels } from '../server/src/node/models';
import type { Language } from '../server/src/core/types';

const argv = process.argv.slice(2);
const arg = (n: string, d: string) => (argv.includes(n) ? argv[argv.indexOf(n) + 1] : d);
const lang = arg('--lang', 'ar') as Language;
const ndocs = Number(arg('--docs', '200'));
const reps = Number(arg('--reps', '3'));
const ROOT = path.resolve(__dirname, '..');
const seedFile = lang === 'ar' ? 'seeds/000_36fff38b519712a3.txt' : 'seeds/001_lavrov_haftar_en.txt';
const seed = fs.readFileSync(path.join(ROOT, seedFile), 'utf8');

function cpuMs(fn: () => void): number {
  const c0 = process.cpuUsage();
  fn();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000; // CPU ms of this process: the machine is shared, wall time is not one core
}

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
  let spans = 0;
  const ms = cpuMs(() => {
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
  });
  if (spans === 0) throw new Error('no spans');
  return ms;
}

const cold = run();
const warm = Math.min(run(), run());
const mem = process.memoryUsage();
console.log(
  `${lang} seed: model load ${loadMs.toFixed(0)} ms wall, ${((loadCpu.user + loadCpu.system) / 1000).toFixed(0)} ms CPU; ${ntok} tokens in ${ndocs} documents; cold ${Math.round(ntok / (cold / 1000))} tokens/CPU-s, warm ${Math.round(ntok / (warm / 1000))} tokens/CPU-s; heap ${(mem.heapUsed / 1e6).toFixed(0)} MB, rss ${(mem.rss / 1e6).toFixed(0)} MB`,
);

// New text: fresh taggers, warm-up on the first half, one timed pass over the second half.
const corpus = corpora().find((c) => c.lang === lang && c.name !== 'seeds')!;
const half = Math.floor(corpus.docs.length / 2);
const first = corpus.docs.slice(0, half);
const second = corpus.docs.slice(half);
const ntok2 = second.reduce((n, d) => n + tokenize(d).length, 0);
let bestTag = Infinity;
let bestLink = Infinity;
let again = Infinity;
let estimate = '';
for (let r = 0; r < reps; r++) {
  for (const link of [false, true]) {
    const ner = loadNerModels({ languages: [lang] }).ner;
    const one = (d: string) => (link ? extractEntities(d, parseStructure(d), { ner }, { language: lang }) : ner[lang]!.tag(d));
    for (const d of first) one(d);
    const ms = cpuMs(() => {
      for (const d of second) one(d);
    });
    if (link) {
      bestLink = Math.min(bestLink, ms);
      continue;
    }
    bestTag = Math.min(bestTag, ms);
    again = Math.min(again, cpuMs(() => second.forEach((d) => ner[lang]!.tag(d))));
    const st = (ner[lang] as { cacheStats?: () => { words: number; sentences: number; bytes: number } }).cacheStats?.();
    if (st) estimate = `; caches after both halves: ${st.words} words, ${st.sentences} sentences, ~${(st.bytes / 1e6).toFixed(1)} MB (cacheStats)`;
  }
}
const rate = (ms: number) => Math.round(ntok2 / (ms / 1000));
console.log(
  `${lang} new text (${corpus.name}, second half: ${second.length} articles, ${ntok2} tokens, best of ${reps} fresh taggers): tag ${rate(bestTag)} tokens/CPU-s, tag+link ${rate(bestLink)} tokens/CPU-s; re-analysis tag ${rate(again)} tokens/CPU-s` +
    estimate,
);
