// Builds the name lists the name matcher ships (models/names-native-ar.json, models/names-sex-en.json)
// from ../shared/data/gazetteers (see models/README.md for sources and licences). Run: node scripts/build-name-lists.mjs
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const data = process.env.ARTICLE_LENS_DATA ?? path.resolve(root, '../shared/data');
const D = path.join(data, 'gazetteers');
const fold = (s) =>
  s.normalize('NFC').replace(/[\u064B-\u065F\u0670\u0640]/g, '').replace(/[أإآٱ]/g, 'ا').replace(/ى/g, 'ي').replace(/ة/g, 'ه').replace(/ی/g, 'ي').replace(/ک/g, 'ك');

const ar = fs.readFileSync(path.join(D, 'given-names-ar.tsv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split('\t')[1]);
const names = [...new Set(ar.map(fold).filter((s) => !/\s/.test(s) || s.startsWith('عبد')).map((s) => s.replace(/^عبد\s+/, 'عبد')))].sort();
fs.writeFileSync(
  path.join(root, 'models/names-native-ar.json'),
  JSON.stringify({ source: 'given-names-ar.tsv (Faker, MIT), orthographically folded', names }) + '\n',
);

const en = fs.readFileSync(path.join(D, 'given-names-en.tsv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split('\t'));
const m = new Map();
for (const [n, s, c] of en) {
  const k = n.toLowerCase();
  const e = m.get(k) ?? { M: 0, F: 0 };
  e[s] += Number(c);
  m.set(k, e);
}
const out = {};
for (const [n, e] of m) {
  const tot = e.M + e.F;
  if (tot < 2000) continue;
  out[n] = e.M / tot > 0.8 ? 'M' : e.F / tot > 0.8 ? 'F' : 'U';
}
fs.writeFileSync(
  path.join(root, 'models/names-sex-en.json'),
  JSON.stringify({ source: 'given-names-en.tsv (US SSA, public domain), names with >= 2000 births; M/F when >80% one sex, else U', names: out }) + '\n',
);
console.log(`native Arabic names: ${names.length}; English given names with sex: ${Object.keys(out).length}`);
