// Golden check for performance work on the linker and the name checks (core/entities, core/names, checks/name-*):
// their output must stay identical.
//
// Documents: the bench corpora (ANERcorp articles, GUM documents, the seeds; see bench/corpus.ts) plus two long
// Arabic articles (10k and 40k words). `--save` runs the real taggers once and stores, per document, the tagger
// spans of every region together with the entities and diagnostics of `analyze` in .cache/golden-names.json
// (git-ignored). Without `--save` the taggers are replaced by a replay of the stored spans, so the check isolates the
// linker and the checks from any change of the taggers, and every entity (id, type, name, mentions, roles) and
// every diagnostic (code, span, message, severity, fixes, data) is compared with the stored one. `--update` keeps the
// stored spans and stores the entities and diagnostics the current linker and checks give from them (after an
// intended change of their output, without re-running taggers that may be mid-change).
// Usage: npx tsx scripts/golden-names.ts [--save | --update] [--time]
import * as fs from 'node:fs';
import * as path from 'node:path';
import { corpora, longArticle, repoRoot } from '../bench/corpus';
import { analyze } from '../server/src/core/analyze';
import type { NerTagger, Resources, TaggedSpan } from '../server/src/core/resources';
import type { Language } from '../server/src/core/types';
import { loadNerModels } from '../server/src/node/models';

interface GoldenDoc {
  name: string;
  text: string;
  spans: Record<string, TaggedSpan[]>;
  entities: string;
  diagnostics: string;
}

const file = path.join(repoRoot, '.cache', 'golden-names.json');
const save = process.argv.includes('--save');
const update = process.argv.includes('--update');
const time = process.argv.includes('--time');

function docs(): Array<{ name: string; text: string }> {
  const out: Array<{ name: string; text: string }> = [];
  for (const c of corpora()) c.docs.forEach((text, i) => out.push({ name: `${c.name} #${i}`, text }));
  out.push({ name: 'ar long 10k', text: longArticle('ar', 10000) });
  out.push({ name: 'ar long 40k', text: longArticle('ar', 40000) });
  out.push({ name: 'en long 20k', text: longArticle('en', 20000) });
  return out;
}

/** Wraps a tagger (recording) or replays recorded spans, keyed by region. */
function recorder(real: NerTagger, spans: Record<string, TaggedSpan[]>): NerTagger {
  return {
    language: real.language,
    tag(text, from = 0, to = text.length) {
      const s = real.tag(text, from, to);
      spans[`${real.language}:${from}:${to}`] = s;
      return s;
    },
  };
}
function replay(language: Language, spans: Record<string, TaggedSpan[]>): NerTagger {
  return {
    language,
    tag(text, from = 0, to = text.length) {
      const s = spans[`${language}:${from}:${to}`];
      if (!s) throw new Error(`no recorded spans for ${language}:${from}:${to}`);
      return s;
    },
  };
}

const entitiesJson = (a: ReturnType<typeof analyze>) => JSON.stringify(a.entities);
const diagnosticsJson = (a: ReturnType<typeof analyze>) => JSON.stringify(a.diagnostics);

if (save) {
  const models = loadNerModels();
  const out: GoldenDoc[] = [];
  for (const d of docs()) {
    const spans: Record<string, TaggedSpan[]> = {};
    const res: Resources = { ner: {} };
    for (const [lang, t] of Object.entries(models.ner)) res.ner![lang as Language] = recorder(t!, spans);
    const a = analyze(d.text, { language: 'auto' }, res);
    out.push({ name: d.name, text: d.text, spans, entities: entitiesJson(a), diagnostics: diagnosticsJson(a) });
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(out));
  console.log(`saved ${out.length} documents to ${path.relative(repoRoot, file)}`);
} else {
  const golden = JSON.parse(fs.readFileSync(file, 'utf8')) as GoldenDoc[];
  let bad = 0;
  let entities = 0;
  let findings = 0;
  const t0 = performance.now();
  for (const g of golden) {
    const res: Resources = { ner: { ar: replay('ar', g.spans), en: replay('en', g.spans) } };
    const s = performance.now();
    const a = analyze(g.text, { language: 'auto' }, res);
    if (time && performance.now() - s > 50) console.log(`${g.name}: ${(performance.now() - s).toFixed(0)} ms`);
    entities += a.entities.length;
    findings += a.diagnostics.length;
    const e = entitiesJson(a);
    const di = diagnosticsJson(a);
    if (update) {
      g.entities = e;
      g.diagnostics = di;
    } else if (e !== g.entities || di !== g.diagnostics) {
      bad++;
      if (bad <= 5) {
        console.log(`DIFF ${g.name}: entities ${e === g.entities ? 'same' : 'differ'}, diagnostics ${di === g.diagnostics ? 'same' : 'differ'}`);
        if (e !== g.entities) {
          const x = JSON.parse(g.entities) as Array<{ id: string }>;
          const y = JSON.parse(e) as Array<{ id: string }>;
          console.log(`  expected ${x.length} entities, got ${y.length}; first differing:`, JSON.stringify(x.find((v, i) => JSON.stringify(v) !== JSON.stringify(y[i])))?.slice(0, 300));
        }
      }
    }
  }
  if (update) fs.writeFileSync(file, JSON.stringify(golden));
  console.log(`${golden.length} documents, ${entities} entities, ${findings} findings, ${update ? 'updated' : `${bad} differ`}; ${(performance.now() - t0).toFixed(0)} ms`);
  process.exit(bad ? 1 : 0);
}
