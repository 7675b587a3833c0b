/**
 * `npx tsx scripts/golden-ner.ts [--save]`: golden check for NER speed work. Tags the ANERcorp dev split (tagWords
 * and, joined as text, tag()), both seeds (whole text and paragraph by paragraph) with the shipped models, and
 * compares every span with the reference saved in .cache/golden-ner.json (`--save` writes the reference).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadNerModels } from '../server/src/node/models';
import type { ArabicTagger } from '../server/src/core/ner/tagger-ar';
import { splitAnercorp } from './ner-ar';

const ROOT = path.resolve(__dirname, '..');
const OUT = path.join(ROOT, '.cache', 'golden-ner.json');
const loaded = loadNerModels({ languages: ['ar', 'en'] });
const ar = loaded.ner.ar as ArabicTagger;
const en = loaded.ner.en!;
const res: Record<string, unknown> = {};
const { dev } = splitAnercorp();
res.devWords = dev.map((d) => ar.tagWords(d.map((s) => s.words)));
res.devText = dev.map((d) => {
  const text = d.map((s) => s.words.join(' ')).join('\n');
  return ar.tag(text);
});
for (const [name, tg, file] of [
  ['ar', ar, 'seeds/000_36fff38b519712a3.txt'],
  ['en', en, 'seeds/001_lavrov_haftar_en.txt'],
] as const) {
  const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
  res[name + 'Whole'] = tg.tag(text);
  const paras: unknown[] = [];
  let from = 0;
  for (;;) {
    const nl = text.indexOf('\n', from);
    const to = nl < 0 ? text.length : nl;
    if (to > from) paras.push(tg.tag(text, from, to));
    if (nl < 0) break;
    from = nl + 1;
  }
  res[name + 'Paras'] = paras;
  // an edit: one word changed in the middle, then tagged again
  const mid = text.indexOf(' ', text.length >> 1);
  const edited = text.slice(0, mid) + ' x' + text.slice(mid);
  res[name + 'Edited'] = tg.tag(edited);
}
const json = JSON.stringify(res);
if (process.argv.includes('--save')) {
  fs.mkdirSync(path.dirname(OUT), { recursive: true });
  fs.writeFileSync(OUT, json);
  console.log(`saved ${OUT} (${json.length} chars)`);
} else {
  const ref = JSON.parse(fs.readFileSync(OUT, 'utf8')) as Record<string, unknown>;
  let bad = 0;
  for (const k of Object.keys(ref)) {
    const a = JSON.stringify(ref[k]);
    const b = JSON.stringify(res[k]);
    if (a !== b) {
      bad++;
      console.log(`DIFFERS: ${k}`);
    } else console.log(`same: ${k} (${a.length} chars)`);
  }
  if (bad) process.exit(1);
  console.log('golden: identical');
}
