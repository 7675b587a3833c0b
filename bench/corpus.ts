/**
 * Benchmark text: article-sized documents rebuilt at run time from ../shared/data (never copied into the repo).
 * - ar: ANERcorp (its sentences, 20 to an article, 3 to a paragraph, the first words of the first sentence as headline);
 *   ANERcorp keeps each source article's sentences together but marks no boundaries.
 * - en: gum-en train + dev, one article per `-DOCSTART-` document, detokenized.
 * - seeds: the files in seeds/.
 * Words are counted everywhere by the floor's own pass (`/[\p{L}\p{N}]+/gu`), so every words/s figure in the table
 * is on the same scale.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** bench/ (tsx) and dist/ (the bundle) are both one level below the repository root. */
export const repoRoot = path.resolve(__dirname, '..');
export const dataDir = process.env.ARTICLE_LENS_DATA ?? path.resolve(repoRoot, '..', 'shared', 'data');

const WORD = /[\p{L}\p{N}]+/gu;

export function countWords(text: string): number {
  let n = 0;
  WORD.lastIndex = 0;
  while (WORD.exec(text)) n++;
  return n;
}

export interface Corpus {
  name: string;
  lang: 'ar' | 'en';
  docs: string[];
  words: number;
}

const NO_SPACE_BEFORE = new Set(['.', ',', '،', '؛', ';', ':', '!', '?', '؟', ')', ']', '}', '%', "'s", "n't", "'re", "'ve", "'ll", "'d", "'m", "'", "''", '’s']);
const NO_SPACE_AFTER = new Set(['(', '[', '{', '$', '``', '#']);

function detok(tokens: string[]): string {
  let out = '';
  let glue = true;
  for (let t of tokens) {
    if (t === '``') t = '“';
    else if (t === "''") t = '”';
    else if (t === '-LRB-') t = '(';
    else if (t === '-RRB-') t = ')';
    const attach = NO_SPACE_BEFORE.has(t) || t === '”' || /^'[a-z]/i.test(t) && t.length <= 3;
    if (out && !glue && !attach) out += ' ';
    out += t;
    glue = NO_SPACE_AFTER.has(t) || t === '“';
  }
  return out;
}

function readSentences(file: string, sep: RegExp): { docs: string[][][] } {
  const docs: string[][][] = [[]];
  let cur: string[] = [];
  const flush = () => {
    if (cur.length) docs[docs.length - 1].push(cur);
    cur = [];
  };
  for (const line of fs.readFileSync(file, 'utf8').split(/\r?\n/)) {
    if (line.startsWith('-DOCSTART-')) {
      flush();
      if (docs[docs.length - 1].length) docs.push([]);
      continue;
    }
    if (!line.trim()) {
      flush();
      continue;
    }
    cur.push(line.split(sep)[0]);
  }
  flush();
  return { docs: docs.filter((d) => d.length) };
}

function article(sentences: string[][], headlineWords = 8): string {
  const head = sentences[0].filter((t) => /[\p{L}\p{N}]/u.test(t)).slice(0, headlineWords).join(' ');
  const paras: string[] = [];
  for (let i = 0; i < sentences.length; i += 3) paras.push(sentences.slice(i, i + 3).map(detok).join(' '));
  return `${head}\n${paras.join('\n\n')}\n`;
}

let cached: Corpus[] | undefined;

export function corpora(): Corpus[] {
  if (cached) return cached;
  const out: Corpus[] = [];
  const aner = readSentences(path.join(dataDir, 'anercorp', 'ANERCorp_CamelLab_train.txt'), /\s+/).docs.flat();
  const ar: string[] = [];
  for (let i = 0; i < aner.length; i += 20) ar.push(article(aner.slice(i, i + 20)));
  out.push(mk('ar (ANERcorp)', 'ar', ar));
  const en: string[] = [];
  for (const f of ['train.bio', 'dev.bio']) for (const d of readSentences(path.join(dataDir, 'gum-en', f), /\t/).docs) en.push(article(d));
  out.push(mk('en (GUM)', 'en', en));
  const seedDir = path.join(repoRoot, 'seeds');
  const seeds = fs.readdirSync(seedDir).filter((f) => f.endsWith('.txt')).sort().map((f) => fs.readFileSync(path.join(seedDir, f), 'utf8'));
  out.push(mk('seeds', /[\u0600-\u06ff]/.test(seeds[0] ?? '') ? 'ar' : 'en', seeds));
  return (cached = out);
}

function mk(name: string, lang: 'ar' | 'en', docs: string[]): Corpus {
  return { name, lang, docs, words: docs.reduce((s, d) => s + countWords(d), 0) };
}

/** One long article of about `words` words made of whole corpus articles (headlines kept as paragraphs). */
export function longArticle(lang: 'ar' | 'en', words: number): string {
  const c = corpora().find((x) => x.lang === lang && x.name !== 'seeds')!;
  const parts: string[] = [];
  let n = 0;
  for (let i = 0; n < words; i++) {
    const d = c.docs[i % c.docs.length];
    const w = countWords(d);
    if (n + w > words * 1.05 && n > 0) {
      // trim the last article to the remaining words, at a paragraph boundary when possible
      const paras = d.split('\n\n');
      let take = '';
      for (const p of paras) {
        if (n + countWords(take + p) > words) break;
        take += (take ? '\n\n' : '') + p;
      }
      if (take) parts.push(take);
      break;
    }
    parts.push(d.trimEnd());
    n += w;
  }
  return parts.join('\n\n') + '\n';
}

/** The start of every word of `text` (the floor's pass). */
export function wordStarts(text: string): number[] {
  const out: number[] = [];
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m; m = WORD.exec(text)) out.push(m.index);
  return out;
}

/**
 * The edit `npm run bench` latency and scripts/bench-edit.ts time: ' قال' or ' جديد' (alternately by `i`) typed at the
 * end of a random word, found from a random one of `starts` (the word starts before the first edit).
 */
export function typedEdit(text: string, starts: readonly number[], r: () => number, i: number): { at: number; insert: string; text: string } {
  WORD.lastIndex = starts[Math.floor(r() * starts.length)];
  const m = WORD.exec(text)!;
  const at = m.index + m[0].length;
  const insert = i % 2 ? ' جديد' : ' قال';
  return { at, insert, text: text.slice(0, at) + insert + text.slice(at) };
}

/** The p-th percentile of `xs` (nearest rank). */
export function pct(xs: readonly number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}

/** A seeded pseudo-random generator (same figures from run to run). */
export function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 0x100000000;
  };
}
