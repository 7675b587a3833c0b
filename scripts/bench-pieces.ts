// Times the parts of `analyze` outside the taggers (structure, dates, entities = the linker over replayed tagger
// spans, the checks, and the whole analysis) on the bench corpora (bench/corpus.ts: ANERcorp and GUM articles), for
// speed work on the linker, the checks and the dates: the taggers run once to record their spans per region (as
// scripts/golden-names.ts does), then every timed pass replays them, so the figures are the rest of the core alone.
//
// The core of the working tree, and of `--against <rev>` when given, is bundled with esbuild into a temp folder
// outside the repo (a revision's core is taken with `git archive`). The versions run alternated in one process and
// their CPU time (process.cpuUsage) is reported as the median over the rounds, as microseconds per word (words as
// the bench counts them):
// - warm: each version's module has analyzed the whole corpus 3 times (JIT and its word caches warm, as the bench's
//   figures are after its re-analysis loops), then one timed pass over the whole corpus per round;
// - new: a fresh copy of the module per round, warmed 3 times on the first half of the corpus, then ONE timed pass
//   over the second half (its words are new to the module's caches). Fresh copies are compiled anew each round:
//   these figures move by 10-25% between runs here; the warm ones by about 5%.
// With two versions, the ratio shown is old / new of the medians, then the median of the rounds' own ratios (each
// round times both versions back to back, so a load that changes between rounds moves both alike).
// Usage: npx tsx scripts/bench-pieces.ts [--against <rev>] [--rounds N] [--pieces whole,entities,checks,dates,structure] [--new]
//   [--corpus ar|en]
import { execSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { corpora, countWords, repoRoot } from '../bench/corpus';
import type { NerTagger, Resources, TaggedSpan } from '../server/src/core/resources';
import type { Language } from '../server/src/core/types';
import { loadNerModels } from '../server/src/node/models';

const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const against = arg('--against');
const rounds = Number(arg('--rounds') ?? 11);
const pieces = (arg('--pieces') ?? 'whole,entities,checks,dates,structure').split(',');
const withNew = process.argv.includes('--new');
const onlyCorpus = arg('--corpus');

interface Core {
  analyze: (text: string, options: object, resources: Resources) => unknown;
  parseStructure: (text: string) => unknown;
  extractDates: (text: string, structure: unknown, lang: Language, options: object) => { dates: unknown; publicationDate?: unknown };
  extractEntities: (text: string, structure: unknown, resources: Resources, options: { language: Language }) => unknown;
  rules: Array<{ run: (ctx: object) => unknown }>;
}

/** The bundle's entry: what the timing needs from the core at `core` (an absolute path). */
const entryFor = (core: string) => ['analyze:analyze', 'extractEntities:entities', 'extractDates:dates', 'parseStructure:structure', 'rules:checks']
  .map((x) => x.split(':'))
  .map(([name, mod]) => `export { ${name} } from ${JSON.stringify(path.join(core, mod))};`)
  .join('\n');

/** Bundles the core of `rev` (undefined: the working tree) and returns the bundle's path. */
function bundle(tmp: string, name: string, rev?: string): string {
  let src = path.join(repoRoot, 'server', 'src');
  if (rev) {
    const dir = path.join(tmp, name);
    fs.mkdirSync(dir, { recursive: true });
    execSync(`git archive ${rev} server/src/core | tar -x -C ${JSON.stringify(dir)}`, { cwd: repoRoot });
    // (the core imports the models folder's name lists: a link to the repo's)
    fs.symlinkSync(path.join(repoRoot, 'models'), path.join(dir, 'models'));
    src = path.join(dir, 'server', 'src');
  }
  // (the entry is written in the temp folder: nothing is written into the repo)
  const entry = path.join(tmp, `${name}-entry.ts`);
  fs.writeFileSync(entry, entryFor(path.join(src, 'core')));
  const outfile = path.join(tmp, `${name}.js`);
  esbuild.buildSync({ entryPoints: [entry], bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile, logLevel: 'warning' });
  return outfile;
}

function load(file: string): Core {
  delete require.cache[require.resolve(file)];
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(file) as Core;
}

interface Doc {
  text: string;
  spans: Record<string, TaggedSpan[]>;
}

/** The real models, loaded on the first `record`, for every corpus. */
let models: ReturnType<typeof loadNerModels> | undefined;

/** The documents with their taggers' spans per region, recorded once with the real models. */
function record(lang: Language, texts: readonly string[], core: Core): Doc[] {
  models ??= loadNerModels();
  return texts.map((text) => {
    const spans: Record<string, TaggedSpan[]> = {};
    const ner: NonNullable<Resources['ner']> = {};
    for (const [l, t] of Object.entries(models!.ner) as Array<[Language, NerTagger]>) {
      ner[l] = { language: l, tag: (x, from = 0, to = x.length) => (spans[`${l}:${from}:${to}`] = t.tag(x, from, to)) };
    }
    core.extractEntities(text, core.parseStructure(text), { ner }, { language: lang });
    return { text, spans };
  });
}

function replay(d: Doc): Resources {
  const tagger = (language: Language): NerTagger => ({
    language,
    tag: (_text, from = 0, to = _text.length) => (d.spans[`${language}:${from}:${to}`] ?? []).map((s) => ({ ...s })),
  });
  return { ner: { ar: tagger('ar'), en: tagger('en') } };
}

/**
 * The timed function of a piece over document i (drafts for the checks made first, by `prep`: for the new-text
 * figures another copy of the module, so that the timed one has not seen the second half's words when it is timed).
 */
function pieceOf(core: Core, piece: string, lang: Language, docs: readonly Doc[], prep: Core = core): (i: number) => unknown {
  const structures = docs.map((d) => core.parseStructure(d.text));
  switch (piece) {
    case 'whole':
      return (i) => core.analyze(docs[i].text, { language: 'auto' }, replay(docs[i]));
    case 'structure':
      return (i) => core.parseStructure(docs[i].text);
    case 'dates':
      return (i) => core.extractDates(docs[i].text, structures[i], lang, {});
    case 'entities':
      return (i) => core.extractEntities(docs[i].text, structures[i], replay(docs[i]), { language: lang });
    case 'checks': {
      const drafts = docs.map((d, i) => {
        const { dates, publicationDate } = prep.extractDates(d.text, structures[i], lang, {});
        const entities = prep.extractEntities(d.text, structures[i], replay(d), { language: lang });
        return { text: d.text, language: lang, structure: structures[i], entities, dates, ...(publicationDate ? { publicationDate } : {}) };
      });
      return (i) => {
        for (const r of core.rules) r.run({ article: drafts[i], options: {}, resources: {} });
      };
    }
    default:
      throw new Error(`unknown piece ${piece}`);
  }
}

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

function main(): void {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-pieces-'));
  try {
    const versions: Array<{ name: string; file: string }> = [{ name: 'tree', file: bundle(tmp, 'tree') }];
    if (against) versions.unshift({ name: against, file: bundle(tmp, 'against', against) });
    const recorder = load(versions[versions.length - 1].file);
    for (const c of corpora().filter((x) => x.name !== 'seeds' && (!onlyCorpus || x.lang === onlyCorpus))) {
      const lang = c.lang as Language;
      const docs = record(lang, c.docs, recorder);
      const half = docs.length >> 1;
      const words = c.words;
      const newWords = docs.slice(half).reduce((n, d) => n + countWords(d.text), 0);
      for (const piece of pieces) {
        const warm = versions.map((v) => {
          const f = pieceOf(load(v.file), piece, lang, docs);
          for (let k = 0; k < 3; k++) for (let i = 0; i < docs.length; i++) f(i);
          return f;
        });
        const tWarm: number[][] = versions.map(() => []);
        const tNew: number[][] = versions.map(() => []);
        for (let r = 0; r < rounds; r++) {
          const order = r % 2 ? versions.map((_, x) => x).reverse() : versions.map((_, x) => x);
          for (const x of order) {
            const t0 = cpuMs();
            for (let i = 0; i < docs.length; i++) warm[x](i);
            tWarm[x].push(cpuMs() - t0);
            if (!withNew) continue;
            const fresh = load(versions[x].file);
            const f = pieceOf(fresh, piece, lang, docs, piece === 'checks' ? load(versions[x].file) : fresh);
            for (let k = 0; k < 3; k++) for (let i = 0; i < half; i++) f(i);
            const t1 = cpuMs();
            for (let i = half; i < docs.length; i++) f(i);
            tNew[x].push(cpuMs() - t1);
          }
        }
        const us = (ms: number, w: number) => ((1000 * ms) / w).toFixed(3);
        const show = (t: number[][], w: number) => versions.map((v, x) => `${v.name} ${us(median(t[x]), w)}`).join(' | ')
          + (versions.length > 1 ? `  x${(median(t[0]) / median(t[1])).toFixed(3)} (rounds x${median(t[0].map((a, r) => a / t[1][r])).toFixed(3)})` : '');
        console.log(`${c.name} ${piece} warm (us/word): ${show(tWarm, words)}`);
        if (withNew) console.log(`${c.name} ${piece} new  (us/word): ${show(tNew, newWords)}`);
      }
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main();
