// `npm run eval:names`: measures name.variant on real news text.
//
// Documents: article-sized runs of consecutive sentences of ANERcorp (Arabic news; ~400 tokens each) and the
// documents of GUM (English; train + dev), rebuilt as text with their gold entity spans.
// Untouched documents: every name.variant finding is a false alarm (the corpora are edited text; a finding there is
// either a real inconsistency of the source or a false alarm; we count it as a false alarm).
// Planted documents: for every name part (person or place) that occurs at least twice in a document, one copy of
// the document with one non-first occurrence respelled: native Arabic names get an orthographic variant
// (أ/ا, ة/ه, ى/ي), other names one transliteration alternation (ك/ق/غ/ج, ف/ڤ, ب/پ, ت/ط, a long vowel dropped;
// English c/k/q/g, f/v, s/z, i/y, a doubled or undoubled consonant). Recall = share of plants flagged by a
// name.variant finding at the planted span.
//
// Entities, three ways:
//  - matcher: gold spans, each distinct mention text its own entity (no linking; the rule's cross-entity path),
//  - linker:  gold spans through the real linker (core/entities linkEntities),
//  - pipeline: the trained tagger + linker (analyze with loaded resources), when a tagger is available.
// Usage: npx tsx scripts/eval-names.ts [--limit N] [--lang ar|en] [--pipeline]
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../server/src/core/analyze';
import { linkEntities } from '../server/src/core/entities';
import { foldArabic, isNativeArabicName, tokenVariant } from '../server/src/core/names/match';
import type { NerTagger, NerType, Resources, TaggedSpan } from '../server/src/core/resources';
import { parseStructure } from '../server/src/core/structure';
import { nameVariantRule } from '../server/src/core/checks/name-variant';
import { nameFirstMentionRule } from '../server/src/core/checks/name-first-mention';
import { nameRoleConflictRule } from '../server/src/core/checks/name-role-conflict';
import type { Entity, Language } from '../server/src/core/types';

const root = path.resolve(__dirname, '..');
const data = process.env.ARTICLE_LENS_DATA ?? path.resolve(root, '../shared/data');
const args = process.argv.slice(2);
const limit = Number(args[args.indexOf('--limit') + 1]) || Infinity;
const onlyLang = args.includes('--lang') ? (args[args.indexOf('--lang') + 1] as Language) : undefined;
const wantPipeline = args.includes('--pipeline');

interface Doc {
  id: string;
  lang: Language;
  text: string;
  spans: TaggedSpan[];
  /** Share of the corpus before this document (for the held-out report). */
  position: number;
}

const TYPE: Record<string, NerType> = { PERS: 'person', PER: 'person', LOC: 'location', ORG: 'organization', MISC: 'misc' };

function buildDocs(sentences: Array<Array<[string, string]>>, lang: Language, idPrefix: string, docBreaks?: Set<number>, target = 400): Doc[] {
  const docs: Doc[] = [];
  let cur: Array<Array<[string, string]>> = [];
  let n = 0;
  const flush = (i: number) => {
    if (cur.length === 0) return;
    let text = '';
    const spans: TaggedSpan[] = [];
    cur.forEach((sent, si) => {
      if (si > 0) text += si % 5 === 0 || si === 1 ? '\n' : ' ';
      let open: { start: number; type: NerType } | undefined;
      let lastEnd = 0;
      const close = () => {
        if (open) spans.push({ start: open.start, end: lastEnd, type: open.type, text: text.slice(open.start, lastEnd) });
        open = undefined;
      };
      sent.forEach(([tok, tag], ti) => {
        if (ti > 0) text += ' ';
        const start = text.length;
        text += tok;
        if (tag.startsWith('B-') || (tag.startsWith('I-') && !open)) {
          close();
          open = { start, type: TYPE[tag.slice(2)] ?? 'misc' };
        } else if (tag === 'O') close();
        lastEnd = text.length;
      });
      close();
    });
    docs.push({ id: `${idPrefix}${docs.length}`, lang, text, spans, position: i / sentences.length });
    cur = [];
    n = 0;
  };
  sentences.forEach((s, i) => {
    if (docBreaks?.has(i)) flush(i);
    cur.push(s);
    n += s.length;
    if (!docBreaks && n >= target) flush(i);
  });
  flush(sentences.length);
  return docs;
}

function readAnercorp(): Doc[] {
  const lines = fs.readFileSync(path.join(data, 'anercorp/ANERCorp_CamelLab_train.txt'), 'utf8').split('\n');
  const sents: Array<Array<[string, string]>> = [];
  let cur: Array<[string, string]> = [];
  for (const l of lines) {
    const t = l.trim();
    if (!t) {
      if (cur.length) sents.push(cur);
      cur = [];
      continue;
    }
    const i = t.lastIndexOf(' ');
    cur.push([t.slice(0, i), t.slice(i + 1)]);
  }
  if (cur.length) sents.push(cur);
  return buildDocs(sents, 'ar', 'anercorp-');
}

function readGum(): Doc[] {
  const docs: Doc[] = [];
  for (const f of ['train.bio', 'dev.bio']) {
    const lines = fs.readFileSync(path.join(data, 'gum-en', f), 'utf8').split('\n');
    const sents: Array<Array<[string, string]>> = [];
    const breaks = new Set<number>();
    let cur: Array<[string, string]> = [];
    for (const l of lines) {
      if (l.startsWith('-DOCSTART-')) {
        if (cur.length) sents.push(cur);
        cur = [];
        breaks.add(sents.length);
        continue;
      }
      if (!l.trim()) {
        if (cur.length) sents.push(cur);
        cur = [];
        continue;
      }
      const [tok, , tag] = l.split('\t');
      cur.push([tok, tag ?? 'O']);
    }
    if (cur.length) sents.push(cur);
    docs.push(...buildDocs(sents, 'en', `gum-${f.replace('.bio', '')}-`, breaks));
  }
  return docs;
}

/** ANERcorp keeps clitics on tokens ('وبوش'): strip a leading و ف ب ل ك (or لل -> ال) when the rest is a known name. */
function stripClitics(docs: Doc[]): void {
  const bare = new Set<string>();
  for (const d of docs) for (const s of d.spans) bare.add(s.text.split(' ')[0]);
  for (const d of docs) {
    if (d.lang !== 'ar') continue;
    for (const s of d.spans) {
      const w = s.text;
      let cut = 0;
      if (/^[وف][بلك]/.test(w) && bare.has(w.split(' ')[0].slice(2))) cut = 2;
      else if (/^[وفبلك]/.test(w) && bare.has(w.split(' ')[0].slice(1)) && w.split(' ')[0].length > 3) cut = 1;
      else if (/^لل/.test(w) && bare.has('ا' + w.split(' ')[0].slice(1))) cut = 0; // 'للعراق': keep (the article is elided)
      s.start += cut;
      s.text = w.slice(cut);
    }
  }
}

// ---- variants to plant --------------------------------------------------------------------------------------
let seed = 42;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);

const AR_SUBS: Array<[string, string[]]> = [
  ['ك', ['ق', 'ج']], ['ق', ['ك', 'غ']], ['غ', ['ج', 'ق']], ['ج', ['غ']], ['ف', ['ڤ']], ['ب', ['پ']], ['ت', ['ط']], ['ط', ['ت']], ['س', ['ص']], ['ص', ['س']],
];
function arVariant(w: string): string | undefined {
  const f = foldArabic(w);
  const opts: string[] = [];
  // Native names and words with the article (العراق، الشرق) only vary in writing conventions; foreign names also
  // by transliteration (see names/match.ts). Plants follow the same model of how names vary.
  if (isNativeArabicName(f) || w.length < 4 || /^ال/.test(f)) {
    if (/^[أإآ]/.test(w)) opts.push('ا' + w.slice(1));
    if (/^ا/.test(w) && !/^ال/.test(w) && w.length > 3) opts.push('أ' + w.slice(1));
    if (/ة$/.test(w)) opts.push(w.slice(0, -1) + 'ه');
    if (/ى$/.test(w)) opts.push(w.slice(0, -1) + 'ي');
    if (/ي$/.test(w)) opts.push(w.slice(0, -1) + 'ى');
  } else {
    for (let i = 1; i < w.length; i++) for (const [a, bs] of AR_SUBS) if (w[i] === a) for (const b of bs) opts.push(w.slice(0, i) + b + w.slice(i + 1));
    for (let i = 1; i < w.length - 1; i++) if ('اوي'.includes(w[i]) && !'اوي'.includes(w[i - 1])) opts.push(w.slice(0, i) + w.slice(i + 1));
  }
  return opts.length ? opts[Math.floor(rand() * opts.length)] : undefined;
}
const EN_SUBS: Array<[string, string]> = [['c', 'k'], ['k', 'c'], ['g', 'q'], ['q', 'k'], ['f', 'v'], ['v', 'f'], ['s', 'z'], ['z', 's'], ['i', 'y'], ['y', 'i']];
function enVariant(w: string): string | undefined {
  if (w.length < 4 || !/^[A-Z][a-z]+$/.test(w)) return undefined;
  const opts: string[] = [];
  for (let i = 1; i < w.length; i++) for (const [a, b] of EN_SUBS) if (w[i] === a) opts.push(w.slice(0, i) + b + w.slice(i + 1));
  for (let i = 1; i < w.length - 1; i++) {
    if (w[i] === w[i + 1]) opts.push(w.slice(0, i) + w.slice(i + 1));
    else if (!'aeiouy'.includes(w[i]) && 'aeiouy'.includes(w[i - 1]) && i < w.length - 1) opts.push(w.slice(0, i + 1) + w[i] + w.slice(i + 1));
  }
  if (w.includes('ph')) opts.push(w.replace('ph', 'f'));
  return opts.length ? opts[Math.floor(rand() * opts.length)] : undefined;
}

// ---- entities ------------------------------------------------------------------------------------------------
type Mode = 'matcher' | 'linker' | 'pipeline';

function entitiesMatcher(spans: TaggedSpan[]): Entity[] {
  const by = new Map<string, Entity>();
  for (const s of spans) {
    const key = `${s.type}:${s.text}`;
    let e = by.get(key);
    if (!e) by.set(key, (e = { id: key, type: s.type, name: s.text, mentions: [], roles: [] }));
    e.mentions.push({ start: s.start, end: s.end, text: s.text });
  }
  return [...by.values()];
}

function findings(doc: { text: string; lang: Language; spans: TaggedSpan[] }, mode: Mode, resources?: Resources) {
  if (mode === 'pipeline') return analyze(doc.text, { language: doc.lang }, resources).diagnostics.filter((d) => d.code === 'name.variant');
  const structure = parseStructure(doc.text);
  const regions = [{ start: 0, end: doc.text.length }];
  const entities = mode === 'matcher' ? entitiesMatcher(doc.spans) : linkEntities({ text: doc.text, regions, spans: doc.spans }).entities;
  const article = { text: doc.text, language: doc.lang, structure, entities, dates: [] };
  return nameVariantRule.run({ article, options: {}, resources: {} });
}

interface Plant {
  doc: Doc;
  text: string;
  spans: TaggedSpan[];
  start: number;
  end: number;
  original: string;
  planted: string;
}

function plants(doc: Doc): Plant[] {
  // The same plants for a document in every mode and run: the generator is seeded from the document id.
  seed = [...doc.id].reduce((h, c) => (h * 31 + c.charCodeAt(0)) % 2147483647, 7);
  // A name that occurs at least twice: a mention text (person or place) found twice or more; one of its words is
  // respelled in a later mention. (A word shared by two different names, like a first name, is not a plant:
  // different people sharing a name part are not variants.)
  const byMention = new Map<string, TaggedSpan[]>();
  for (const s of doc.spans) {
    if (s.type !== 'person' && s.type !== 'location') continue;
    const l = byMention.get(s.text) ?? [];
    l.push(s);
    byMention.set(s.text, l);
  }
  const occ = new Map<string, Array<{ start: number; end: number }>>();
  for (const [mtext, list] of byMention) {
    if (list.length < 2) continue;
    const words = [...mtext.matchAll(/\S+/g)].filter((m) => /^\p{L}+$/u.test(m[0]));
    if (!words.length) continue;
    const m = words[Math.floor(rand() * words.length)];
    const w = m[0];
    if (occ.has(w)) continue;
    occ.set(w, list.map((s) => ({ start: s.start + m.index!, end: s.start + m.index! + w.length })));
  }
  const out: Plant[] = [];
  const words = new Set(doc.text.split(/\s+/));
  for (const [w, list] of occ) {
    if (list.length < 2) continue;
    // Not inside an 'عبد ال…' compound, and no hamza on the article (not a spelling anyone writes).
    if (doc.lang === 'ar' && /^ال/.test(w)) {
      const prev = doc.text.slice(Math.max(0, list[0].start - 4), list[0].start);
      if (/عبد\s$/.test(prev)) continue;
    }
    const v = doc.lang === 'ar' ? arVariant(w) : enVariant(w);
    if (!v || v === w || words.has(v)) continue;
    const at = list[1 + Math.floor(rand() * (list.length - 1))];
    const text = doc.text.slice(0, at.start) + v + doc.text.slice(at.end);
    const delta = v.length - w.length;
    const spans = doc.spans.map((s) => {
      if (s.end <= at.start) return s;
      if (s.start >= at.end) return { ...s, start: s.start + delta, end: s.end + delta };
      const t = text.slice(s.start, s.end + delta);
      return { ...s, end: s.end + delta, text: t };
    });
    out.push({ doc, text, spans, start: at.start, end: at.start + v.length, original: w, planted: v });
  }
  return out;
}

async function loadPipeline(): Promise<Resources | undefined> {
  try {
    const m = await import('../server/src/node/models');
    return { ner: m.loadNer() };
  } catch (e) {
    console.log(`pipeline: ${(e as Error).message}`);
    return undefined;
  }
}

async function main() {
  let docs: Doc[] = [];
  if (!onlyLang || onlyLang === 'ar') {
    const ar = readAnercorp();
    stripClitics(ar);
    docs.push(...ar);
  }
  if (!onlyLang || onlyLang === 'en') docs.push(...readGum());
  docs = docs.slice(0, limit);
  const modes: Mode[] = ['matcher', 'linker'];
  let resources: Resources | undefined;
  if (wantPipeline) {
    resources = await loadPipeline();
    if (resources?.ner && Object.keys(resources.ner).length) modes.push('pipeline');
    else console.log('pipeline: no tagger could be loaded; skipped');
  }
  const t0 = Date.now();
  const rows: string[] = [];
  const falseAlarmExamples: string[] = [];
  const missExamples: string[] = [];
  for (const lang of ['ar', 'en'] as const) {
    const ds = docs.filter((d) => d.lang === lang);
    if (!ds.length) continue;
    for (const mode of modes) {
      for (const part of ['all', 'held-out (last 10%)'] as const) {
        const sel = part === 'all' ? ds : ds.filter((d) => d.position >= 0.9 || d.id.startsWith('gum-dev'));
        let fa = 0;
        let ortho = 0;
        let docsWithFa = 0;
        let planted = 0;
        let hit = 0;
        let hitLoose = 0;
        for (const d of sel) {
          const all = findings({ text: d.text, lang, spans: d.spans }, mode, resources);
          const f = all.filter((x) => (x.data as { kind: string }).kind === 'transliteration');
          ortho += all.length - f.length;
          fa += f.length;
          if (f.length) docsWithFa++;
          if (part === 'all' && mode !== 'linker')
            for (const x of f) if (falseAlarmExamples.length < 120) falseAlarmExamples.push(`${mode} ${d.id} ${(x.data as { spellings: Array<{ text: string; count: number }> }).spellings.map((s) => `${s.text}×${s.count}`).join(' / ')}`);
          for (const p of plants(d)) {
            planted++;
            const pf = findings({ text: p.text, lang, spans: p.spans }, mode, resources);
            if (pf.some((x) => x.start === p.start && x.end === p.end)) hit++;
            else if (part === 'all' && (mode === 'matcher' || mode === 'pipeline') && missExamples.length < 60) missExamples.push(`${mode} ${d.id} ${p.original} -> ${p.planted}`);
            if (pf.some((x) => (x.start <= p.start && p.end <= x.end) || x.related.some((r) => r.start <= p.start && p.end <= r.end))) hitLoose++;
          }
        }
        rows.push(
          `${lang} ${mode.padEnd(8)} ${part.padEnd(19)} docs ${String(sel.length).padStart(4)}  warnings/doc ${(fa / sel.length).toFixed(3)} (${fa} in ${docsWithFa} docs; orthographic info ${(ortho / sel.length).toFixed(3)}/doc)  planted ${String(planted).padStart(4)}  recall ${(hit / Math.max(1, planted)).toFixed(3)} (pair found ${(hitLoose / Math.max(1, planted)).toFixed(3)})`,
        );
      }
    }
  }
  // The other name checks on the untouched documents (gold spans through the linker): every finding counted.
  for (const lang of ['ar', 'en'] as const) {
    const ds = docs.filter((d) => d.lang === lang);
    if (!ds.length) continue;
    const counts: Record<string, number> = { 'name.first-mention': 0, 'name.role-conflict': 0 };
    const examples: string[] = [];
    for (const d of ds) {
      const entities = linkEntities({ text: d.text, regions: [{ start: 0, end: d.text.length }], spans: d.spans }).entities;
      const article = { text: d.text, language: lang, structure: parseStructure(d.text), entities, dates: [] };
      for (const rule of [nameFirstMentionRule, nameRoleConflictRule])
        for (const f of rule.run({ article, options: {}, resources: {} })) {
          counts[f.code]++;
          if (examples.length < 12) examples.push(`${d.id} ${f.code}: ${f.message}`);
        }
    }
    rows.push(`${lang} linker   untouched: ${Object.entries(counts).map(([c, n]) => `${c} ${(n / ds.length).toFixed(3)}/doc (${n})`).join(', ')}`);
    if (examples.length) rows.push(...examples.map((e) => `    ${e}`));
  }
  console.log(rows.join('\n'));
  console.log(`\ntransliteration warnings on untouched documents (matcher and pipeline modes, up to 120):\n  ${falseAlarmExamples.join('\n  ')}`);
  console.log(`\nmissed plants (matcher and pipeline modes, up to 60):\n  ${missExamples.join('\n  ')}`);
  console.log(`\n${((Date.now() - t0) / 1000).toFixed(1)} s`);
  void tokenVariant;
}

main();
