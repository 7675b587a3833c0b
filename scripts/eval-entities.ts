/**
 * What the document level (core/entities: linking, propagation, type vote, media rule) adds on top of a tagger,
 * measured on held-out data: exact word spans, PER/LOC/ORG, precision/recall/F1 before and after linking.
 *
 *   npx tsx scripts/eval-entities.ts [--lang ar|en] [--tagger model|gold] [--drop 0.3] [--seed 1] [--doc 15]
 *
 * - ar: the dev split of ANERcorp (the last 10% of the train file's sentences, which the tagger never trains on),
 *   cut into pseudo-articles of `--doc` consecutive sentences (ANERcorp keeps its articles' sentences together but
 *   marks no boundaries). en: gum-en/dev.bio, whose documents are marked.
 * - `--tagger gold --drop p`: a simulated tagger that returns the gold spans with a fraction p of them dropped at
 *   random, to measure propagation alone (how much of what a tagger misses the linker recovers, and at what precision).
 * - `--tagger model`: the trained tagger loaded by server/src/node/models.ts.
 *
 * Data is read from ../shared/data (or ARTICLE_LENS_DATA); nothing is written.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { linkEntities } from '../server/src/core/entities';
import type { NerTagger, NerType, TaggedSpan } from '../server/src/core/resources';
import type { Span } from '../server/src/core/types';

const args = process.argv.slice(2);
const opt = (name: string, dflt: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : dflt;
};
const lang = opt('lang', 'ar') as 'ar' | 'en';
const taggerKind = opt('tagger', 'gold');
const drop = Number(opt('drop', '0.3'));
let seed = Number(opt('seed', '1'));
const docSize = Number(opt('doc', '15'));
const dataDir = process.env.ARTICLE_LENS_DATA ?? path.resolve(__dirname, '../..', 'shared/data');

const TYPE: Record<string, NerType> = { PERS: 'person', PER: 'person', LOC: 'location', ORG: 'organization', MISC: 'misc' };
const EVAL_TYPES: NerType[] = ['person', 'location', 'organization'];

interface Sentence { words: string[]; tags: string[] }

function readBio(file: string, cols: 'two' | 'three'): Sentence[][] {
  const docs: Sentence[][] = [[]];
  let cur: Sentence = { words: [], tags: [] };
  const flush = () => {
    if (cur.words.length) docs[docs.length - 1].push(cur);
    cur = { words: [], tags: [] };
  };
  for (const line of fs.readFileSync(file, 'utf8').split(/\r?\n/)) {
    if (!line.trim()) {
      flush();
      continue;
    }
    const parts = cols === 'two' ? line.split(/\s+/) : line.split('\t');
    if (line.startsWith('-DOCSTART-')) {
      flush();
      if (docs[docs.length - 1].length) docs.push([]);
      continue;
    }
    cur.words.push(parts[0]);
    cur.tags.push(parts[parts.length - 1]);
  }
  flush();
  return docs.filter((d) => d.length);
}

function rand(): number {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed / 0x7fffffff;
}

interface Doc {
  text: string;
  regions: Span[];
  /** Word offsets. */
  words: Span[];
  /** Gold spans as word ranges. */
  gold: Array<{ w0: number; w1: number; type: NerType }>;
}

function buildDoc(sentences: Sentence[]): Doc {
  let text = '';
  const regions: Span[] = [];
  const words: Span[] = [];
  const gold: Doc['gold'] = [];
  for (const s of sentences) {
    if (text) text += '\n';
    const rs = text.length;
    let open: { w0: number; type: NerType } | undefined;
    const close = (w: number) => {
      if (open) gold.push({ w0: open.w0, w1: w, type: open.type });
      open = undefined;
    };
    s.words.forEach((w, i) => {
      if (i) text += ' ';
      const wi = words.length;
      words.push({ start: text.length, end: text.length + w.length });
      text += w;
      const tag = s.tags[i];
      if (tag === 'O' || !tag) close(wi);
      else if (tag.startsWith('B-') || !open || TYPE[tag.slice(2)] !== open.type) {
        close(wi);
        open = { w0: wi, type: TYPE[tag.slice(2)] ?? 'misc' };
      }
    });
    close(words.length);
    regions.push({ start: rs, end: text.length });
  }
  return { text, regions, words, gold };
}

function wordOf(words: Span[], offset: number): number {
  let lo = 0;
  let hi = words.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (words[mid].start <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

type Counts = Record<string, { tp: number; fp: number; fn: number }>;
const newCounts = (): Counts => Object.fromEntries(EVAL_TYPES.map((t) => [t, { tp: 0, fp: 0, fn: 0 }]));

function score(c: Counts, doc: Doc, spans: Array<{ start: number; end: number; type: string }>): void {
  const pred = new Set<string>();
  for (const s of spans) {
    if (!EVAL_TYPES.includes(s.type as NerType)) continue;
    pred.add(`${wordOf(doc.words, s.start)}:${wordOf(doc.words, s.end - 1) + 1}:${s.type}`);
  }
  const gold = new Set(doc.gold.filter((g) => EVAL_TYPES.includes(g.type)).map((g) => `${g.w0}:${g.w1}:${g.type}`));
  for (const p of pred) c[p.split(':')[2]][gold.has(p) ? 'tp' : 'fp']++;
  for (const g of gold) if (!pred.has(g)) c[g.split(':')[2]].fn++;
}

function prf(x: { tp: number; fp: number; fn: number }) {
  const p = x.tp / Math.max(1, x.tp + x.fp);
  const r = x.tp / Math.max(1, x.tp + x.fn);
  return { p, r, f: p + r ? (2 * p * r) / (p + r) : 0 };
}

function table(name: string, c: Counts): string {
  const micro = { tp: 0, fp: 0, fn: 0 };
  const rows = EVAL_TYPES.map((t) => {
    micro.tp += c[t].tp;
    micro.fp += c[t].fp;
    micro.fn += c[t].fn;
    const s = prf(c[t]);
    return `${t.padEnd(13)} P ${s.p.toFixed(3)}  R ${s.r.toFixed(3)}  F1 ${s.f.toFixed(3)}`;
  });
  const m = prf(micro);
  return [`${name}`, ...rows.map((r) => '  ' + r), `  ${'micro'.padEnd(13)} P ${m.p.toFixed(3)}  R ${m.r.toFixed(3)}  F1 ${m.f.toFixed(3)}`].join('\n');
}

/** `--verbose`: the spans the document level changed, marked + (right) or - (wrong) against the gold. */
function showChanges(doc: Doc, before: Array<{ start: number; end: number; type: string }>, after: Array<{ start: number; end: number; type: string }>): void {
  const key = (s: { start: number; end: number; type: string }) => `${wordOf(doc.words, s.start)}:${wordOf(doc.words, s.end - 1) + 1}:${s.type}`;
  const gold = new Set(doc.gold.map((g) => `${g.w0}:${g.w1}:${g.type}`));
  const b = new Map(before.filter((s) => EVAL_TYPES.includes(s.type as NerType)).map((s) => [key(s), s]));
  const a = new Map(after.filter((s) => EVAL_TYPES.includes(s.type as NerType)).map((s) => [key(s), s]));
  const show = (k: string, s: { start: number; end: number }) => {
    const [w0, w1] = k.split(':').map(Number);
    return `${doc.text.slice(doc.words[w0].start, doc.words[w1 - 1].end)} [${k.split(':')[2]}] …${doc.text.slice(Math.max(0, s.start - 25), s.end + 15).replace(/\n/g, ' ')}…`;
  };
  for (const [k, s] of a) if (!b.has(k)) console.log(`  added   ${gold.has(k) ? '+' : '-'} ${show(k, s)}`);
  for (const [k, s] of b) if (!a.has(k)) console.log(`  removed ${gold.has(k) ? '-' : '+'} ${show(k, s)}`);
}

async function loadTagger(): Promise<NerTagger | undefined> {
  if (taggerKind !== 'model') return undefined;
  const modelsPath = path.resolve(__dirname, '../server/src/node/models');
  const mod = (await import(modelsPath)) as { loadNer: () => Partial<Record<string, NerTagger>> | undefined };
  const t = mod.loadNer()?.[lang];
  if (!t) throw new Error(`no ${lang} tagger loaded`);
  return t;
}

async function main() {
  let docs: Sentence[][];
  if (lang === 'ar') {
    const all = readBio(path.join(dataDir, 'anercorp/ANERCorp_CamelLab_train.txt'), 'two')[0];
    const dev = all.slice(Math.floor(all.length * 0.9));
    docs = [];
    for (let i = 0; i < dev.length; i += docSize) docs.push(dev.slice(i, i + docSize));
  } else {
    docs = readBio(path.join(dataDir, 'gum-en/dev.bio'), 'three');
  }
  const tagger = await loadTagger();
  const before = newCounts();
  const after = newCounts();
  let propagated = 0;
  let propagatedRight = 0;
  let tokens = 0;
  let linkMs = 0;
  for (const sentences of docs) {
    const doc = buildDoc(sentences);
    tokens += doc.words.length;
    let spans: TaggedSpan[];
    if (tagger) {
      spans = doc.regions.flatMap((r) => tagger.tag(doc.text, r.start, r.end));
    } else {
      spans = doc.gold
        .filter(() => rand() >= drop)
        .map((g) => ({ start: doc.words[g.w0].start, end: doc.words[g.w1 - 1].end, type: g.type, text: doc.text.slice(doc.words[g.w0].start, doc.words[g.w1 - 1].end) }));
    }
    score(before, doc, spans);
    linkEntities({ text: doc.text, regions: doc.regions, spans }); // warm (first-call set-up is not linking speed)
    const t0 = performance.now();
    const r = linkEntities({ text: doc.text, regions: doc.regions, spans });
    linkMs += performance.now() - t0;
    const linked = r.mentions.map((m) => ({ start: m.start, end: m.end, type: m.entity >= 0 ? r.entities[m.entity].type : m.type }));
    score(after, doc, linked);
    if (args.includes('--verbose')) showChanges(doc, spans, linked);
    const goldSet = new Set(doc.gold.map((g) => `${g.w0}:${g.w1}:${g.type}`));
    for (const m of r.mentions) {
      if (m.source !== 'propagated') continue;
      const type = r.entities[m.entity]?.type ?? m.type;
      if (!EVAL_TYPES.includes(type as NerType)) continue;
      propagated++;
      if (goldSet.has(`${wordOf(doc.words, m.start)}:${wordOf(doc.words, m.end - 1) + 1}:${type}`)) propagatedRight++;
    }
  }
  const what = tagger ? `trained ${lang} tagger` : `gold spans with ${Math.round(drop * 100)}% dropped (seed ${opt('seed', '1')})`;
  console.log(`${lang === 'ar' ? 'ANERcorp dev split (last 10%)' : 'gum-en dev'}: ${docs.length} documents, ${tokens} words; tagger: ${what}`);
  console.log(table('tagger alone', before));
  console.log(table('tagger + document level (linking, propagation, span repairs)', after));
  console.log(`propagated mentions: ${propagated}, exactly right ${propagatedRight} (${((100 * propagatedRight) / Math.max(1, propagated)).toFixed(1)}%)`);
  console.log(`linking speed: ${Math.round(tokens / (linkMs / 1000)).toLocaleString('en')} words/s`);
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
