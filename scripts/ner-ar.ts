/**
 * Arabic tagger: training, evaluation and ablation on ANERcorp (`../shared/data/anercorp`, or $ARTICLE_LENS_DATA).
 *
 *   npm run train:ner [-- --lang ar] [--epochs N] [--bags N] [--prune W] [--seed N] [--update perceptron|pa --C c --aug]
 *       [--clusters] [--vocab-folds K] [--with flag,flag] -> models/gazetteer-ar.json, models/ner-ar.json (default features SHIPPED_FEATURES, learner SHIPPED_LEARNER;
 *       --with: FeatureConfig flags to switch on, e.g. passConf,skeleton;
 *       --clusters: with the word-cluster features; --vocab-folds: the vocabulary jackknifed over K folds, default 5;
 *       neither is shipped, docs/ner.md)
 *   npm run eval:ner  [-- --lang ar] [--ablation [--only 0,3] [--bags N] [--seeds 11,12,13,14] [--cv 5] [--vocab-folds K]]
 *       -> P/R/F1 per type on the dev split, confusion, speed (ablation: retrains each configuration; with --seeds, the
 *       mean over training orders; with --cv K, K-fold cross-validation over the training documents instead of the dev
 *       split)
 *
 * Dev split: the last 10% of the sentences of the train file; the shipped model never trains on them.
 * Documents: ANERcorp has no document marks; consecutive blocks of 20 sentences stand in for documents
 * (for the document-level features), the same in training and evaluation.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BASE_FEATURES, type FeatureConfig, FULL_FEATURES, SHIPPED_FEATURES } from '../server/src/core/ner/features-ar';
import type { ArabicGazetteerData } from '../server/src/core/ner/lexicon-ar';
import { spansFromBio } from '../server/src/core/ner/perceptron';
import { type ArabicModel, ArabicTagger, type ArSentence, type ArTrainOptions, trainArabicModel } from '../server/src/core/ner/tagger-ar';
import { normalizeArabic } from '../server/src/core/text/normalize';

const ROOT = path.resolve(__dirname, '..');
const DATA = process.env.ARTICLE_LENS_DATA ?? path.resolve(ROOT, '../shared/data');
export const AR_MODEL_PATH = path.join(ROOT, 'models', 'ner-ar.json');
export const AR_GAZ_PATH = path.join(ROOT, 'models', 'gazetteer-ar.json');
const TYPES = ['PER', 'LOC', 'ORG'] as const;
const DOC_SIZE = Number(process.env.AR_DOC_SIZE ?? 20);

export function readAnercorp(file = path.join(DATA, 'anercorp', 'ANERCorp_CamelLab_train.txt')): ArSentence[] {
  const out: ArSentence[] = [];
  let cur: ArSentence = { words: [], tags: [] };
  for (const raw of fs.readFileSync(file, 'utf8').split('\n')) {
    const line = raw.trim();
    if (!line) {
      if (cur.words.length) out.push(cur);
      cur = { words: [], tags: [] };
      continue;
    }
    const sp = line.lastIndexOf(' ');
    const w = line.slice(0, sp);
    let t = line.slice(sp + 1);
    if (t.endsWith('PERS')) t = t.slice(0, -1);
    cur.words.push(w);
    cur.tags.push(t);
  }
  if (cur.words.length) out.push(cur);
  return out;
}

export function chunkDocs(s: ArSentence[], size = DOC_SIZE): ArSentence[][] {
  const out: ArSentence[][] = [];
  for (let i = 0; i < s.length; i += size) out.push(s.slice(i, i + size));
  return out;
}

export function splitAnercorp(): { train: ArSentence[][]; dev: ArSentence[][] } {
  const all = readAnercorp();
  const cut = Math.floor(all.length * 0.9);
  return { train: chunkDocs(all.slice(0, cut)), dev: chunkDocs(all.slice(cut)) };
}

// ---------------------------------------------------------------------------------------------- gazetteer

function readTsv(file: string): Record<string, string>[] {
  const lines = fs.readFileSync(file, 'utf8').split('\n').filter(Boolean);
  const head = lines[0].split('\t');
  return lines.slice(1).map((l) => {
    const c = l.split('\t');
    return Object.fromEntries(head.map((h, i) => [h, c[i] ?? '']));
  });
}

const BASIC_AR = /^[\u0621-\u064a\u064b-\u0652\u0670\u0640 ]+$/;

/** The derived Arabic gazetteer (normalized, deduplicated, basic Arabic letters only). */
export function buildArabicGazetteer(dir = path.join(DATA, 'gazetteers')): ArabicGazetteerData {
  const norm = (s: string) => normalizeArabic(s.trim()).replace(/\s+/g, ' ');
  const uniq = (a: Iterable<string>) => [...new Set([...a].map(norm).filter((s) => s.length >= 2 && BASIC_AR.test(s)))].sort();
  const countries = readTsv(path.join(dir, 'countries.tsv')).flatMap((r) => r.arabic_names.split('|'));
  const places = readTsv(path.join(dir, 'places.tsv')).flatMap((r) => r.arabic_names.split('|'));
  const given = readTsv(path.join(dir, 'given-names-ar.tsv')).flatMap((r) => [r.name, r.name_plain]);
  const freq: string[] = [];
  const rare: string[] = [];
  const counts = new Map<string, number>();
  for (const r of readTsv(path.join(dir, 'person-name-tokens-en-ar.tsv'))) {
    const k = norm(r.arabic);
    counts.set(k, (counts.get(k) ?? 0) + Number(r.count || 0));
  }
  for (const [k, c] of counts) (c >= 5 ? freq : rare).push(k);
  const cset = new Set(uniq(countries));
  const orgs = readTsv(path.join(dir, 'organizations.tsv')).flatMap((r) => (r.name_ar ? r.name_ar.split('|') : []));
  return {
    format: 'article-lens-gazetteer-ar/1',
    countries: [...cset],
    places: uniq(places).filter((p) => !cset.has(p)),
    givenNames: uniq(given),
    nameTokensFrequent: uniq(freq).filter((s) => !s.includes(' ')),
    nameTokensRare: uniq(rare).filter((s) => !s.includes(' ')),
    organizations: uniq(orgs),
  };
}

// ---------------------------------------------------------------------------------------------- scoring

export interface Prf {
  tp: number;
  fp: number;
  fn: number;
  p: number;
  r: number;
  f: number;
}

const prf = (tp: number, fp: number, fn: number): Prf => {
  const p = tp + fp ? tp / (tp + fp) : 0;
  const r = tp + fn ? tp / (tp + fn) : 0;
  return { tp, fp, fn, p, r, f: p + r ? (2 * p * r) / (p + r) : 0 };
};

export interface Scores {
  byType: Record<string, Prf>;
  micro: Prf;
  macroF: number;
  /** token-level confusion: gold type -> predicted type -> tokens */
  confusion: Record<string, Record<string, number>>;
}

export function score(gold: string[][], pred: string[][]): Scores {
  const c: Record<string, [number, number, number]> = Object.fromEntries(TYPES.map((t) => [t, [0, 0, 0]]));
  const conf: Record<string, Record<string, number>> = {};
  const ALL = ['PER', 'LOC', 'ORG', 'MISC', 'O'];
  for (const g of ALL) conf[g] = Object.fromEntries(ALL.map((p) => [p, 0]));
  for (let k = 0; k < gold.length; k++) {
    const key = (s: { start: number; end: number; type: string }) => `${s.start}:${s.end}:${s.type}`;
    const gs = spansFromBio(gold[k]).filter((s) => (TYPES as readonly string[]).includes(s.type));
    const ps = spansFromBio(pred[k]).filter((s) => (TYPES as readonly string[]).includes(s.type));
    const gset = new Set(gs.map(key));
    const pset = new Set(ps.map(key));
    for (const s of ps) c[s.type][gset.has(key(s)) ? 0 : 1]++;
    for (const s of gs) if (!pset.has(key(s))) c[s.type][2]++;
    for (let i = 0; i < gold[k].length; i++) {
      const gt = gold[k][i] === 'O' ? 'O' : gold[k][i].slice(2);
      const pt = pred[k][i] === 'O' ? 'O' : pred[k][i].slice(2);
      conf[gt][pt]++;
    }
  }
  const byType = Object.fromEntries(TYPES.map((t) => [t, prf(...c[t])]));
  const tot = TYPES.reduce((a, t) => [a[0] + c[t][0], a[1] + c[t][1], a[2] + c[t][2]], [0, 0, 0]);
  return { byType, micro: prf(tot[0], tot[1], tot[2]), macroF: TYPES.reduce((a, t) => a + byType[t].f, 0) / TYPES.length, confusion: conf };
}

const pct = (x: number) => (100 * x).toFixed(1);

export function formatScores(s: Scores): string {
  const lines = ['type   P     R     F1    (tp/fp/fn)'];
  for (const t of TYPES) {
    const x = s.byType[t];
    lines.push(`${t.padEnd(5)}  ${pct(x.p)}  ${pct(x.r)}  ${pct(x.f)}  (${x.tp}/${x.fp}/${x.fn})`);
  }
  lines.push(`micro  ${pct(s.micro.p)}  ${pct(s.micro.r)}  ${pct(s.micro.f)}`);
  lines.push(`macro F1 ${pct(s.macroF)}`);
  lines.push('', 'token confusion (rows gold, columns predicted):', '       ' + Object.keys(s.confusion).map((k) => k.padStart(6)).join(''));
  for (const [g, row] of Object.entries(s.confusion)) lines.push(g.padEnd(7) + Object.values(row).map((v) => String(v).padStart(6)).join(''));
  return lines.join('\n');
}

function evalModel(model: ArabicModel, gaz: ArabicGazetteerData, dev: ArSentence[][]): { scores: Scores; tokPerSec: number; gold: string[][]; pred: string[][] } {
  const tagger = new ArabicTagger(model, gaz);
  const gold: string[][] = [];
  const pred: string[][] = [];
  const t0 = performance.now();
  let ntok = 0;
  for (const d of dev) {
    const p = tagger.tagWords(d.map((s) => s.words));
    d.forEach((s, i) => {
      gold.push(s.tags);
      pred.push(p[i]);
      ntok += s.words.length;
    });
  }
  const ms = performance.now() - t0;
  return { scores: score(gold, pred), tokPerSec: Math.round(ntok / (ms / 1000)), gold, pred };
}

function argValue(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
}

/** The shipped model's update rule: cost-augmented passive-aggressive, C = 0.01 (docs/ner.md; --update perceptron for the plain perceptron). */
export const SHIPPED_LEARNER: NonNullable<ArTrainOptions['learner']> = { update: 'pa', C: 0.01, costAugmented: true };

/** --update pa [--C 0.1] [--aug] [--entity-cost 1] [--bootstrap]: the learner's update rule (perceptron.ts TrainOptions). */
function learnerArgs(argv: string[]): ArTrainOptions['learner'] {
  const update = argValue(argv, '--update') as 'perceptron' | 'pa' | 'pa2' | undefined;
  const learner = update ? { update, C: Number(argValue(argv, '--C') ?? 0.1), costAugmented: argv.includes('--aug'), entityCost: Number(argValue(argv, '--entity-cost') ?? 1) } : undefined;
  return argv.includes('--bootstrap') ? { ...(learner ?? SHIPPED_LEARNER), bootstrap: true } : learner;
}

export function trainArabic(argv: string[]): void {
  const epochs = Number(argValue(argv, '--epochs') ?? 10);
  const t0 = performance.now();
  const gaz = buildArabicGazetteer();
  fs.mkdirSync(path.dirname(AR_GAZ_PATH), { recursive: true });
  fs.writeFileSync(AR_GAZ_PATH, JSON.stringify(gaz));
  const { train, dev } = splitAnercorp();
  console.log(`ANERcorp: ${train.flat().length} train sentences, ${dev.flat().length} dev sentences (never trained on)`);
  const bags = Number(argValue(argv, '--bags') ?? 5);
  const seed = Number(argValue(argv, '--seed') ?? 1);
  const learner = learnerArgs(argv) ?? SHIPPED_LEARNER;
  // Features whose largest |weight| is below this are left out of the saved model. PA weights are in units of C,
  // where 1.0 keeps the model at the perceptron model's size and load time (0.5: 7.9 MB, ~300 ms CPU to load).
  const prune = Number(argValue(argv, '--prune') ?? (learner.update === 'perceptron' ? 0.5 : 1));
  // --with passConf,edgeTrans: switch on FeatureConfig flags the shipped model leaves off (docs/ner.md, fifth to
  // seventh rounds); flag=N sets a number (edgeTrans,edgeSet=2; edgeSet needs one)
  const extra = Object.fromEntries((argValue(argv, '--with') ?? '').split(',').filter(Boolean).map((f) => (f.includes('=') ? [f.slice(0, f.indexOf('=')), Number(f.slice(f.indexOf('=') + 1))] : [f, true])));
  for (const f of Object.keys(extra)) {
    if (!Object.hasOwn(CONFIG_FLAGS, f)) throw new Error(`--with: no FeatureConfig flag ${f} (${Object.keys(CONFIG_FLAGS).join(', ')})`);
    if (f === 'phrasePost' || f === 'phraseRepair') throw new Error(`--with: ${f} is measured in evaluation only (tag() does not apply it; docs/ner.md, seventh round)`);
    if (f === 'edgeSet' && !(Number.isInteger(extra[f]) && extra[f] > 0)) throw new Error(`--with: edgeSet needs a code set, e.g. edgeSet=1 (got ${extra[f]})`);
  }
  const model = trainArabicModel(train, gaz, { features: { ...SHIPPED_FEATURES, ...(argv.includes('--clusters') ? { clusters: true } : {}), ...extra }, epochs, bags, prune, seed, learner, bagSplits: argv.includes('--bag-splits'), vocabFolds: Number(argValue(argv, '--vocab-folds') ?? 5), log: (m) => console.log('  ' + m) });
  fs.writeFileSync(AR_MODEL_PATH, JSON.stringify(model));
  console.log(`wrote ${path.relative(ROOT, AR_MODEL_PATH)} (${(fs.statSync(AR_MODEL_PATH).size / 1e6).toFixed(2)} MB) and ${path.relative(ROOT, AR_GAZ_PATH)} (${(fs.statSync(AR_GAZ_PATH).size / 1e6).toFixed(2)} MB) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const { scores } = evalModel(model, gaz, dev);
  console.log(formatScores(scores));
}

/** The full feature set before the organization, vocabulary-type, sports-document and document-head features. */
const FULL_2025: FeatureConfig = { ...FULL_FEATURES, vocabTypes: false, orgs: false, topic: false, docHeads: false };

/** Every FeatureConfig flag (the type makes the list complete), for checking --with: a misspelt flag would otherwise
 * train the shipped features without a word. */
const CONFIG_FLAGS: Record<keyof FeatureConfig, true> = {
  affixes: true, shape: true, ngrams: true, context2: true, pairs: true, triggers: true, nisba: true, gazetteer: true, document: true,
  twoPass: true, vocabulary: true, vocabTypes: true, affix4: true, stack: true, orgs: true, topic: true, docHeads: true, clusters: true,
  quotes: true, dateline: true, passConf: true, conj: true, skeleton: true, skeletonVocab: true, nameConn: true, nameRun: true,
  namePair: true, nameTriple: true, edgeTrans: true, edgeSet: true, docPhrase: true, phrasePost: true, phraseRepair: true, phraseElsewhere: true, charClass: true, charClassOnce: true, charClassName: true, charClassLR: true, charClassOwn: true,
};

export const ABLATION: [string, FeatureConfig][] = [
  ['base: word, normalized, stem, affixes, ±2 words', BASE_FEATURES],
  ['+ shape', { ...BASE_FEATURES, shape: true }],
  ['+ char trigrams', { ...BASE_FEATURES, shape: true, ngrams: true }],
  ['+ word pairs', { ...BASE_FEATURES, shape: true, ngrams: true, pairs: true }],
  ['+ triggers', { ...BASE_FEATURES, shape: true, ngrams: true, pairs: true, triggers: true }],
  ['+ nationality adjectives', { ...BASE_FEATURES, shape: true, ngrams: true, pairs: true, triggers: true, nisba: true }],
  ['+ gazetteers', { ...FULL_2025, document: false, twoPass: false }],
  ['+ document features', { ...FULL_2025, twoPass: false }],
  ['+ two-pass', { ...FULL_2025, vocabulary: false }],
  ['+ training-text vocabulary (out-of-vocabulary signal)', FULL_2025],
  ['+ vocabulary types (the type a seen word mostly had)', { ...FULL_2025, vocabTypes: true }],
  ['+ organizations (gazetteer, head complements)', { ...FULL_2025, vocabTypes: true, orgs: true }],
  ['+ sports documents', { ...FULL_2025, vocabTypes: true, orgs: true, topic: true }],
  ['+ document heads (shipped until the seventh round)', FULL_FEATURES],
  ['full - gazetteers', { ...FULL_FEATURES, gazetteer: false }],
  ['full - triggers', { ...FULL_FEATURES, triggers: false }],
  ['full - char trigrams', { ...FULL_FEATURES, ngrams: false }],
  ['full - vocabulary types', { ...FULL_FEATURES, vocabTypes: false }],
  ['full - organizations', { ...FULL_FEATURES, orgs: false }],
  ['full - sports documents', { ...FULL_FEATURES, topic: false }],
  ['full + word clusters', { ...FULL_FEATURES, clusters: true }],
  ['full + quotations (position inside « … »)', { ...FULL_FEATURES, quotes: true }],
  ['full + dateline', { ...FULL_FEATURES, dateline: true }],
  ['full + second-pass confidence', { ...FULL_FEATURES, passConf: true }],
  ['full + conjunctions (class x previous trigger, class x next nationality adjective)', { ...FULL_FEATURES, conj: true }],
  ['full + consonant-skeleton gazetteer match of unseen words', { ...FULL_FEATURES, skeleton: true }],
  ['full + second-pass confidence + skeleton', { ...FULL_FEATURES, passConf: true, skeleton: true }],
  ['full + second-pass confidence + skeleton + conjunctions', { ...FULL_FEATURES, passConf: true, skeleton: true, conj: true }],
  ['full + second-pass confidence + skeleton + skeleton match of training names', { ...FULL_FEATURES, passConf: true, skeleton: true, skeletonVocab: true }],
  ['full + name connectors and coordination', { ...FULL_FEATURES, nameConn: true }],
  ['full + name-run length and position', { ...FULL_FEATURES, nameRun: true }],
  ['full + name-class pairs', { ...FULL_FEATURES, namePair: true }],
  ['full + name connectors + run + pairs', { ...FULL_FEATURES, nameConn: true, nameRun: true, namePair: true }],
  ['full + second-pass confidence + skeleton + name-class pairs', { ...FULL_FEATURES, passConf: true, skeleton: true, namePair: true }],
  ['full + name-class pairs + name connectors', { ...FULL_FEATURES, namePair: true, nameConn: true }],
  ['full + name-class triples', { ...FULL_FEATURES, nameTriple: true }],
  ['full + skeleton + name-class pairs (shipped since the seventh round)', SHIPPED_FEATURES],
  ['full + edge transitions, classes of i and i-1 (edgeTrans, set 1)', { ...FULL_FEATURES, edgeTrans: true, edgeSet: 1 }],
  ['full + edge transitions, class pairs (edgeTrans, set 2)', { ...FULL_FEATURES, edgeTrans: true, edgeSet: 2 }],
  ['full + edge transitions, pairs and classes (edgeTrans, set 3)', { ...FULL_FEATURES, edgeTrans: true, edgeSet: 3 }],
  ['full + edge transitions (set 1) + name-class pairs', { ...FULL_FEATURES, edgeTrans: true, edgeSet: 1, namePair: true }],
  ['full + edge transitions, classes of i and i-1 only (edgeTrans, set 4)', { ...FULL_FEATURES, edgeTrans: true, edgeSet: 4 }],
  ['full + first-pass multi-word entities of the document (d2p)', { ...FULL_FEATURES, docPhrase: true }],
  ['full + multi-word entity propagation after the second pass', { ...FULL_FEATURES, phrasePost: true }],
  ['full + d2p + multi-word entity propagation', { ...FULL_FEATURES, docPhrase: true, phrasePost: true }],
  ['full + multi-word entity propagation to partly tagged repeats only', { ...FULL_FEATURES, phrasePost: true, phraseRepair: true }],
  ['full + d2p from the other occurrences only (the own first-pass span left out)', { ...FULL_FEATURES, docPhrase: true, phraseElsewhere: true }],
  ['full + character classifier of unseen words (jackknifed)', { ...FULL_FEATURES, charClass: true }],
  ['full + character classifier of unseen and once-seen words', { ...FULL_FEATURES, charClass: true, charClassOnce: true }],
  ['full + character classifier, name odds only (no type)', { ...FULL_FEATURES, charClass: true, charClassName: true }],
  ['full + character classifier as a logistic regression', { ...FULL_FEATURES, charClass: true, charClassLR: true }],
  ['full + character classifier + skeleton + name-class pairs', { ...FULL_FEATURES, charClass: true, skeleton: true, namePair: true }],
  ['full + character classifier, own feature only', { ...FULL_FEATURES, charClass: true, charClassOwn: true }],
  ['full + edge transitions (set 1) + skeleton', { ...FULL_FEATURES, edgeTrans: true, edgeSet: 1, skeleton: true }],
  ['full + edge transitions (set 1) + skeleton + second-pass confidence', { ...FULL_FEATURES, edgeTrans: true, edgeSet: 1, skeleton: true, passConf: true }],
];

export function evalArabic(argv: string[]): void {
  const { train, dev } = splitAnercorp();
  if (argv.includes('--ablation')) {
    const gaz = buildArabicGazetteer();
    const only = argValue(argv, '--only');
    const learner = learnerArgs(argv) ?? SHIPPED_LEARNER;
    // --C2 c: the second stage's C
    const learner2 = argValue(argv, '--C2') ? { ...learner, C: Number(argValue(argv, '--C2')) } : undefined;
    // --seeds 11,12,13,14: the mean of one run per training order (single runs differ by about a point)
    const seeds = (argValue(argv, '--seeds') ?? argValue(argv, '--seed') ?? '1').split(',').map(Number);
    const cv = Number(argValue(argv, '--cv') ?? 0);
    // What every configuration's training shares (--cv leaves out the dev-split options below: prune 0, no second C).
    const common = { epochs: Number(argValue(argv, '--epochs') ?? 10), bags: Number(argValue(argv, '--bags') ?? 1), learner, vocabFolds: Number(argValue(argv, '--vocab-folds') ?? 5) };
    const devOnly = { bagSplits: argv.includes('--bag-splits'), prune: Number(argValue(argv, '--prune') ?? 0), folds: Number(argValue(argv, '--folds') ?? 2), learner2 };
    console.log('| features | PER F1 | LOC F1 | ORG F1 | micro P | micro R | micro F1 | macro F1 |');
    console.log('|---|---|---|---|---|---|---|---|');
    ABLATION.forEach(([name, cfg], i) => {
      if (only && !only.split(',').includes(String(i))) return;
      // without cfg.orgs the organization names stay out of the gazetteer too
      const g = cfg.orgs ? gaz : { ...gaz, organizations: undefined };
      const m = { PER: 0, LOC: 0, ORG: 0, p: 0, r: 0, f: 0, macro: 0 };
      if (cv > 1) {
        // --cv K: K-fold cross-validation over the training documents only (dev untouched): document i in fold i mod K,
        // one single-bag model per fold (first seed), the held-out folds' spans scored together
        const gold: string[][] = [];
        const pred: string[][] = [];
        const folds: string[] = [];
        for (let f = 0; f < cv; f++) {
          const model = trainArabicModel(train.filter((_, i) => i % cv !== f), g, { ...common, features: cfg, seed: seeds[0], prune: 0 });
          const r = evalModel(model, g, train.filter((_, i) => i % cv === f));
          gold.push(...r.gold);
          pred.push(...r.pred);
          folds.push(pct(r.scores.micro.f));
        }
        const s = score(gold, pred);
        console.log(`  folds: ${folds.join(' ')}; micro F1 ${(100 * s.micro.f).toFixed(3)}`);
        console.log(`| ${name} (${cv}-fold CV on train) | ${pct(s.byType.PER.f)} | ${pct(s.byType.LOC.f)} | ${pct(s.byType.ORG.f)} | ${pct(s.micro.p)} | ${pct(s.micro.r)} | ${pct(s.micro.f)} | ${pct(s.macroF)} |`);
        return;
      }
      for (const seed of seeds) {
        const model = trainArabicModel(train, g, { ...common, ...devOnly, features: cfg, seed });
        const { scores: s } = evalModel(model, g, dev);
        m.PER += s.byType.PER.f / seeds.length;
        m.LOC += s.byType.LOC.f / seeds.length;
        m.ORG += s.byType.ORG.f / seeds.length;
        m.p += s.micro.p / seeds.length;
        m.r += s.micro.r / seeds.length;
        m.f += s.micro.f / seeds.length;
        m.macro += s.macroF / seeds.length;
        if (seeds.length > 1) console.log(`  seed ${seed}: micro ${pct(s.micro.f)} (PER ${pct(s.byType.PER.f)} LOC ${pct(s.byType.LOC.f)} ORG ${pct(s.byType.ORG.f)})`);
      }
      if (seeds.length > 1) console.log(`  mean micro F1 ${(100 * m.f).toFixed(3)}`);
      console.log(`| ${name} | ${pct(m.PER)} | ${pct(m.LOC)} | ${pct(m.ORG)} | ${pct(m.p)} | ${pct(m.r)} | ${pct(m.f)} | ${pct(m.macro)} |`);
    });
    return;
  }
  if (!fs.existsSync(AR_MODEL_PATH)) {
    console.error(`no model at ${path.relative(ROOT, AR_MODEL_PATH)}: run npm run train:ner first`);
    process.exitCode = 1;
    return;
  }
  const t0 = performance.now();
  const model = JSON.parse(fs.readFileSync(AR_MODEL_PATH, 'utf8')) as ArabicModel;
  const gaz = JSON.parse(fs.readFileSync(AR_GAZ_PATH, 'utf8')) as ArabicGazetteerData;
  new ArabicTagger(model, gaz);
  const loadMs = performance.now() - t0;
  const { scores, tokPerSec } = evalModel(model, gaz, dev);
  console.log(`ANERcorp dev split (last 10% of sentences, ${dev.flat().length} sentences), exact spans:`);
  console.log(formatScores(scores));
  console.log(`\nmodel load ${loadMs.toFixed(0)} ms; model ${(fs.statSync(AR_MODEL_PATH).size / 1e6).toFixed(2)} MB + gazetteer ${(fs.statSync(AR_GAZ_PATH).size / 1e6).toFixed(2)} MB; dev tagging ${tokPerSec} tokens/s (pre-tokenized, cold cache)`);
}

if (require.main === module) {
  const [cmd, ...rest] = process.argv.slice(2);
  if (cmd === 'train') trainArabic(rest);
  else evalArabic(rest);
}
