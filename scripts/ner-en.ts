/**
 * English tagger: training and evaluation on the GUM-derived data (`../shared/data/gum-en`, or $ARTICLE_LENS_DATA).
 *
 *   npm run train:ner -- --lang en [--epochs N] [--runs N] [--two-stage] [--ablation] [--cv]   -> models/gazetteer-en.json, models/ner-en.json
 *   npm run eval:ner -- --lang en                              -> P/R/F1 per type, ours vs compromise, side by side
 *
 * `scripts/train-ner.ts` / `scripts/eval-ner.ts` dispatch here for `--lang en`; this file can also run alone:
 * `npx tsx scripts/ner-en.ts train|eval|ablation`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FULL_FEATURES, type FeatureConfig } from '../server/src/core/ner/features-en';
import { EnglishTagger, type EnglishModel, trainEnglishModel, type TrainSentence } from '../server/src/core/ner/tagger-en';
import type { EnglishGazetteerData } from '../server/src/core/ner/features-en';

const ROOT = path.resolve(__dirname, '..');
const DATA = process.env.ARTICLE_LENS_DATA ?? path.resolve(ROOT, '../shared/data');
const MODEL_PATH = path.join(ROOT, 'models', 'ner-en.json');
const GAZ_PATH = path.join(ROOT, 'models', 'gazetteer-en.json');
const TYPES = ['PER', 'LOC', 'ORG'] as const;

export interface BioDoc {
  name: string;
  sentences: { words: string[]; pos: string[]; tags: string[] }[];
}

/** Read a `token<TAB>POS<TAB>tag` file with `-DOCSTART-` lines (see gum-en/SOURCE.md). */
export function readBio(file: string): BioDoc[] {
  const docs: BioDoc[] = [];
  let doc: BioDoc | undefined;
  let cur: { words: string[]; pos: string[]; tags: string[] } = { words: [], pos: [], tags: [] };
  const flush = () => {
    if (cur.words.length && doc) doc.sentences.push(cur);
    cur = { words: [], pos: [], tags: [] };
  };
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (line.startsWith('-DOCSTART-')) {
      flush();
      doc = { name: line.slice(11).trim(), sentences: [] };
      docs.push(doc);
      continue;
    }
    if (!line.trim()) {
      flush();
      continue;
    }
    const [w, p, t] = line.split('\t');
    if (!doc) {
      doc = { name: '', sentences: [] };
      docs.push(doc);
    }
    cur.words.push(w);
    cur.pos.push(p);
    cur.tags.push(t ?? 'O');
  }
  flush();
  return docs;
}

// ---------------------------------------------------------------------------------------------- gazetteer

/** Country names newsrooms use besides GeoNames' official ones. */
const COUNTRY_ALIASES = [
  'America', 'United States of America', 'US', 'U.S.', 'USA', 'U.S.A.', 'Britain', 'Great Britain', 'UK', 'U.K.',
  'England', 'Scotland', 'Wales', 'Northern Ireland', 'Russia', 'Syria', 'Iran', 'South Korea', 'North Korea',
  'Korea', 'Vietnam', 'Laos', 'Bolivia', 'Venezuela', 'Tanzania', 'Moldova', 'Macedonia', 'North Macedonia',
  'Czech Republic', 'Czechia', 'Ivory Coast', 'Burma', 'Holland', 'the Netherlands', 'Palestine', 'Gaza',
  'West Bank', 'Taiwan', 'Vatican', 'Congo', 'DR Congo', 'UAE', 'Emirates', 'Soviet Union', 'USSR', 'Yugoslavia',
  'Tibet', 'Kurdistan', 'Europe', 'Asia', 'Africa', 'Antarctica', 'Australia', 'North America', 'South America',
  'Latin America', 'Middle East', 'Arctic', 'Caribbean', 'Balkans', 'Scandinavia', 'Siberia', 'Crimea', 'Darfur',
];

/** Nationality adjectives and demonyms (MISC or O in GUM, a strong 'not a person' signal). */
const DEMONYMS = [
  'American', 'Americans', 'British', 'English', 'Scottish', 'Welsh', 'Irish', 'French', 'German', 'Germans',
  'Italian', 'Italians', 'Spanish', 'Portuguese', 'Dutch', 'Belgian', 'Swiss', 'Austrian', 'Swedish', 'Norwegian',
  'Danish', 'Finnish', 'Polish', 'Czech', 'Slovak', 'Hungarian', 'Romanian', 'Bulgarian', 'Greek', 'Greeks',
  'Turkish', 'Turks', 'Russian', 'Russians', 'Ukrainian', 'Ukrainians', 'Belarusian', 'Serbian', 'Serbs',
  'Croatian', 'Bosnian', 'Albanian', 'Georgian', 'Armenian', 'Armenians', 'Azerbaijani', 'Kazakh', 'Uzbek',
  'Afghan', 'Afghans', 'Pakistani', 'Pakistanis', 'Indian', 'Indians', 'Bangladeshi', 'Sri Lankan', 'Nepali',
  'Chinese', 'Japanese', 'Korean', 'Koreans', 'Vietnamese', 'Thai', 'Filipino', 'Indonesian', 'Malaysian',
  'Australian', 'Australians', 'Canadian', 'Canadians', 'Mexican', 'Mexicans', 'Brazilian', 'Argentine',
  'Argentinian', 'Chilean', 'Colombian', 'Peruvian', 'Venezuelan', 'Cuban', 'Cubans', 'Haitian', 'Jamaican',
  'Arab', 'Arabs', 'Arabic', 'Libyan', 'Libyans', 'Egyptian', 'Egyptians', 'Tunisian', 'Algerian', 'Moroccan',
  'Sudanese', 'Syrian', 'Syrians', 'Iraqi', 'Iraqis', 'Iranian', 'Iranians', 'Persian', 'Kurdish', 'Kurds',
  'Lebanese', 'Jordanian', 'Palestinian', 'Palestinians', 'Israeli', 'Israelis', 'Saudi', 'Saudis', 'Yemeni',
  'Omani', 'Qatari', 'Kuwaiti', 'Emirati', 'Bahraini', 'Nigerian', 'Kenyan', 'Ethiopian', 'Somali', 'Ghanaian',
  'South African', 'Zimbabwean', 'Congolese', 'European', 'Europeans', 'Asian', 'Asians', 'African', 'Africans',
  'Western', 'Soviet', 'Jewish', 'Jews', 'Muslim', 'Muslims', 'Christian', 'Christians', 'Catholic', 'Catholics',
  'Protestant', 'Sunni', 'Shia', 'Shiite', 'Islamic', 'Buddhist', 'Hindu', 'Latin', 'Roman', 'Romans', 'Victorian',
  'Democrat', 'Democrats', 'Republican', 'Republicans', 'Democratic', 'Scots', 'Britons', 'Israeli', 'Taiwanese',
  'Mongolian', 'Tibetan', 'Maori', 'Native', 'Hispanic', 'Latino', 'Nordic', 'Slavic', 'Baltic', 'Celtic',
];

/** Organizations every news text names, beyond the international list (acronyms and short forms). */
const ORG_EXTRA = [
  'United Nations', 'UN', 'U.N.', 'UN Security Council', 'Security Council', 'NATO', 'EU', 'European Union',
  'Red Cross', 'Red Crescent', 'Kremlin', 'Pentagon', 'White House', 'State Department', 'Foreign Ministry',
  'Defence Ministry', 'Defense Ministry', 'Interior Ministry', 'House of Representatives', 'Senate', 'Congress',
  'Parliament', 'Duma', 'Knesset', 'Hamas', 'Hezbollah', 'Taliban', 'al-Qaeda', 'Al Qaeda', 'ISIS', 'ISIL',
  'Islamic State', 'FBI', 'CIA', 'NASA', 'BBC', 'CNN', 'Reuters', 'Associated Press', 'AP', 'AFP', 'Agence France-Presse',
  'Interfax', 'TASS', 'RIA Novosti', 'Izvestia', 'Pravda', 'Kommersant', 'Al Jazeera', 'Al Arabiya', 'New York Times',
  'Washington Post', 'Guardian', 'Wall Street Journal', 'Financial Times', 'Wikinews', 'Wikipedia', 'Google',
  'Microsoft', 'Apple', 'Facebook', 'Twitter', 'Amazon', 'IMF', 'World Bank', 'WHO', 'UNESCO', 'UNICEF', 'OPEC',
  'Arab League', 'African Union', 'Gazprom', 'Rosneft', 'Supreme Court', 'Labour', 'Labour Party',
  'Conservative Party', 'Democratic Party', 'Republican Party', 'Liberal Democrats', 'Bundestag',
];

function readTsv(file: string): Record<string, string>[] {
  const lines = fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.length > 0);
  const head = lines[0].split('\t');
  return lines.slice(1).map((l) => {
    const cells = l.split('\t');
    const row: Record<string, string> = {};
    head.forEach((h, i) => (row[h] = cells[i] ?? ''));
    return row;
  });
}

/** Coarse word classes from compromise's lexicon (MIT): a general English lexicon of ~24k words. */
function compromiseClasses(): Record<string, string> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const nlp = require('compromise') as { model(): { one: { lexicon: Record<string, string | string[]> } } };
  const lex = nlp.model().one.lexicon;
  const map: [RegExp, string][] = [
    [/^(?:FemaleName|MaleName|FirstName|LastName|Person|Honorific)$/, 'PER'],
    [/^(?:City|Country|Place|Region|Address)$/, 'LOC'],
    [/^(?:Organization|SportsTeam|School|Company)$/, 'ORG'],
    [/^(?:Actor|Title)$/, 'ROLE'],
    [/^(?:Demonym|Language|Religion)$/, 'DEM'],
    [/^(?:Gerund|PastTense|PresentTense|Infinitive|Participle|Verb|Modal|Copula|Auxiliary|PhrasalVerb)$/, 'V'],
    [/^(?:Adjective|Comparative|Superlative)$/, 'A'],
    [/^(?:Adverb)$/, 'R'],
    [/^(?:Plural|Singular|Noun|Uncountable|Unit|Currency)$/, 'N'],
    [/^(?:Preposition|Conjunction|Determiner|Pronoun|Possessive|QuestionWord)$/, 'F'],
  ];
  const out: Record<string, string> = {};
  for (const [w, tags] of Object.entries(lex)) {
    if (!/^[a-z][a-z'-]*$/.test(w)) continue;
    for (const t of ([] as string[]).concat(tags)) {
      const hit = map.find(([re]) => re.test(t));
      if (hit) {
        out[w] = hit[1];
        break;
      }
    }
  }
  return out;
}

/** Build `models/gazetteer-en.json` from `../shared/data/gazetteers/` (see models/README.md for sources). */
export function buildGazetteer(dataDir = DATA): EnglishGazetteerData {
  const g = path.join(dataDir, 'gazetteers');
  const given: Record<string, number> = {};
  for (const r of readTsv(path.join(g, 'given-names-en.tsv'))) {
    const c = Number(r.count);
    if (c < 500) continue;
    const b = c >= 100000 ? 4 : c >= 10000 ? 3 : c >= 2000 ? 2 : 1;
    given[r.name] = Math.max(given[r.name] ?? 0, b);
  }
  const nameTokens: Record<string, number> = {};
  for (const r of readTsv(path.join(g, 'person-name-tokens-en-ar.tsv'))) {
    const c = Number(r.count);
    if (c < 2 || !/^[a-z][a-z'-]+$/.test(r.english)) continue;
    nameTokens[r.english] = Math.max(nameTokens[r.english] ?? 0, c >= 20 ? 3 : c >= 5 ? 2 : 1);
  }
  const classes = compromiseClasses();
  const countries = new Set<string>(COUNTRY_ALIASES);
  for (const r of readTsv(path.join(g, 'countries.tsv'))) if (r.name) countries.add(r.name);
  const places: Record<string, number> = {};
  for (const r of readTsv(path.join(g, 'places.tsv'))) {
    const p = Number(r.population);
    if (!r.name || p < 50000) continue;
    if (!/^\p{Lu}/u.test(r.name)) continue;
    const b = p >= 1000000 ? 3 : p >= 200000 ? 2 : 1;
    places[r.name] = Math.max(places[r.name] ?? 0, b);
  }
  const organizations = new Set<string>(ORG_EXTRA);
  for (const r of readTsv(path.join(g, 'organizations.tsv'))) {
    if (r.name_en) organizations.add(r.name_en);
    for (const v of (r.en_variants ?? '').split('|')) if (v.trim()) organizations.add(v.trim());
  }
  return {
    given,
    nameTokens,
    classes,
    countries: [...countries].sort(),
    places,
    organizations: [...organizations].sort(),
    demonyms: [...new Set(DEMONYMS)].sort(),
  };
}

// ---------------------------------------------------------------------------------------------- evaluation

type Span3 = { s: number; e: number; t: string };

/** Exact spans of an IOB2 sequence (an I- after O or another type opens a span, as conlleval does). */
export function bioSpans(tags: readonly string[]): Span3[] {
  const out: Span3[] = [];
  let cur: Span3 | undefined;
  for (let i = 0; i <= tags.length; i++) {
    const t = i < tags.length ? tags[i] : 'O';
    const type = t === 'O' ? '' : t.slice(2);
    if (cur && (t === 'O' || t.startsWith('B-') || type !== cur.t)) {
      cur.e = i;
      out.push(cur);
      cur = undefined;
    }
    if (t !== 'O' && !cur) cur = { s: i, e: i + 1, t: type };
  }
  return out;
}

export interface Scores {
  perType: Record<string, { p: number; r: number; f: number; tp: number; fp: number; fn: number }>;
  micro: { p: number; r: number; f: number };
  macro: { p: number; r: number; f: number };
}

export function score(gold: readonly string[][], pred: readonly string[][], types: readonly string[] = TYPES): Scores {
  const c: Record<string, { tp: number; fp: number; fn: number }> = {};
  for (const t of types) c[t] = { tp: 0, fp: 0, fn: 0 };
  for (let k = 0; k < gold.length; k++) {
    const g = bioSpans(gold[k]).filter((s) => c[s.t]);
    const p = bioSpans(pred[k]).filter((s) => c[s.t]);
    const key = (s: Span3) => `${s.s}:${s.e}:${s.t}`;
    const gs = new Set(g.map(key));
    const ps = new Set(p.map(key));
    for (const s of p) (gs.has(key(s)) ? c[s.t].tp++ : c[s.t].fp++);
    for (const s of g) if (!ps.has(key(s))) c[s.t].fn++;
  }
  const prf = (tp: number, fp: number, fn: number) => {
    const p = tp + fp ? tp / (tp + fp) : 0;
    const r = tp + fn ? tp / (tp + fn) : 0;
    return { p, r, f: p + r ? (2 * p * r) / (p + r) : 0 };
  };
  const perType: Scores['perType'] = {};
  let TP = 0;
  let FP = 0;
  let FN = 0;
  for (const t of types) {
    perType[t] = { ...prf(c[t].tp, c[t].fp, c[t].fn), ...c[t] };
    TP += c[t].tp;
    FP += c[t].fp;
    FN += c[t].fn;
  }
  const macro = {
    p: types.reduce((a, t) => a + perType[t].p, 0) / types.length,
    r: types.reduce((a, t) => a + perType[t].r, 0) / types.length,
    f: types.reduce((a, t) => a + perType[t].f, 0) / types.length,
  };
  return { perType, micro: prf(TP, FP, FN), macro };
}

// ---------------------------------------------------------------------------------------------- training

function toTrain(docs: BioDoc[]): TrainSentence[][] {
  return docs.map((d) => d.sentences.map((s) => ({ words: s.words, tags: s.tags })));
}

function loadGazetteer(): EnglishGazetteerData {
  if (!fs.existsSync(GAZ_PATH)) fs.writeFileSync(GAZ_PATH, JSON.stringify(buildGazetteer()) + '\n');
  return JSON.parse(fs.readFileSync(GAZ_PATH, 'utf8')) as EnglishGazetteerData;
}

function argValue(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
}

/** Tag the dev documents with a model, one document at a time (document features see the whole document). */
export function predictDocs(tagger: EnglishTagger, docs: BioDoc[]): string[][] {
  const out: string[][] = [];
  for (const d of docs) for (const tags of tagger.tagSentences(d.sentences.map((s) => s.words))) out.push(tags);
  return out;
}

function fmt(x: number): string {
  return x.toFixed(3);
}

export function trainEnglish(argv: string[]): void {
  const epochs = Number(argValue(argv, '--epochs') ?? 12);
  const seed = Number(argValue(argv, '--seed') ?? 1);
  const runs = Number(argValue(argv, '--runs') ?? 4);
  const gaz = buildGazetteer();
  fs.writeFileSync(GAZ_PATH, JSON.stringify(gaz) + '\n');
  console.log(`gazetteer: ${Object.keys(gaz.given).length} given names, ${gaz.countries.length} countries, ${Object.keys(gaz.places).length} places, ${gaz.organizations.length} organizations -> ${path.relative(ROOT, GAZ_PATH)}`);
  const train = readBio(path.join(DATA, 'gum-en', 'train.bio'));
  if (argv.includes('--ablation')) return ablation(train, gaz, epochs, runs);
  if (argv.includes('--cv')) return crossValidate(train, gaz, epochs);
  const t0 = Date.now();
  const model = trainEnglishModel(toTrain(train), gaz, { epochs, seed, runs, features: FULL_FEATURES, twoStage: argv.includes('--two-stage') });
  fs.writeFileSync(MODEL_PATH, JSON.stringify(model) + '\n');
  console.log(`trained in ${((Date.now() - t0) / 1000).toFixed(1)} s: ${path.relative(ROOT, MODEL_PATH)} (${(fs.statSync(MODEL_PATH).size / 1e6).toFixed(2)} MB)`);
  evalEnglish([]);
}

/**
 * 4-fold cross-validation over the training documents (one run per fold): 3,582 entities instead of dev's 326, so
 * a steadier yardstick for deciding on a change than dev alone.
 */
function crossValidate(train: BioDoc[], gaz: EnglishGazetteerData, epochs: number): void {
  const folds = 4;
  const gold: string[][] = [];
  const pred: string[][] = [];
  for (let f = 0; f < folds; f++) {
    const model = trainEnglishModel(toTrain(train.filter((_, k) => k % folds !== f)), gaz, { epochs, runs: 1 });
    const tagger = new EnglishTagger(model, gaz);
    for (const d of train.filter((_, k) => k % folds === f)) {
      const p = tagger.tagSentences(d.sentences.map((s) => s.words));
      d.sentences.forEach((s, i) => {
        gold.push(s.tags);
        pred.push(p[i]);
      });
    }
  }
  const s = score(gold, pred);
  console.log(`4-fold CV on gum-en/train: micro P ${fmt(s.micro.p)} R ${fmt(s.micro.r)} F1 ${fmt(s.micro.f)}; PER ${fmt(s.perType.PER.f)} LOC ${fmt(s.perType.LOC.f)} ORG ${fmt(s.perType.ORG.f)}`);
}

function ablation(train: BioDoc[], gaz: EnglishGazetteerData, epochs: number, runs: number): void {
  const dev = readBio(path.join(DATA, 'gum-en', 'dev.bio'));
  const gold = dev.flatMap((d) => d.sentences.map((s) => s.tags));
  const off = (k: keyof FeatureConfig): FeatureConfig => ({ ...FULL_FEATURES, [k]: false });
  const rows: [string, FeatureConfig, boolean?][] = [
    ['word + context only', { word: true, context: true, shape: false, gazetteer: false, triggers: false, document: false }],
    ['+ shape/case/lexicon', { word: true, context: true, shape: true, gazetteer: false, triggers: false, document: false }],
    ['+ gazetteers', { word: true, context: true, shape: true, gazetteer: true, triggers: false, document: false }],
    ['+ triggers', { ...FULL_FEATURES, document: false }],
    ['+ document evidence (full)', FULL_FEATURES],
    ['full - shape', off('shape')],
    ['full - gazetteers', off('gazetteer')],
    ['full - triggers', off('triggers')],
    ['full - document evidence', off('document')],
    ['full + document stage (two-stage)', FULL_FEATURES, true],
  ];
  console.log('| features | P | R | F1 | PER | LOC | ORG |');
  console.log('|---|---|---|---|---|---|---|');
  for (const [name, cfg, two] of rows) {
    const model = trainEnglishModel(toTrain(train), gaz, { epochs, features: cfg, twoStage: two ?? false, runs });
    const tagger = new EnglishTagger(model, gaz);
    const s = score(gold, predictDocs(tagger, dev));
    console.log(`| ${name} | ${fmt(s.micro.p)} | ${fmt(s.micro.r)} | ${fmt(s.micro.f)} | ${fmt(s.perType.PER.f)} | ${fmt(s.perType.LOC.f)} | ${fmt(s.perType.ORG.f)} |`);
  }
}

/** compromise on the same dev text: its people/places/organizations, mapped back onto the dev tokens. */
function compromiseTags(docs: BioDoc[]): string[][] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const nlp = require('compromise') as (t: string) => { people(): Sel; places(): Sel; organizations(): Sel };
  type Sel = { out(kind: 'offset'): { offset: { start: number; length: number } }[] };
  const out: string[][] = [];
  for (const d of docs) {
    for (const s of d.sentences) {
      let text = '';
      const starts: number[] = [];
      for (const w of s.words) {
        if (text) text += ' ';
        starts.push(text.length);
        text += w;
      }
      const tags = s.words.map(() => 'O');
      const doc = nlp(text);
      const mark = (sel: Sel, type: string) => {
        for (const m of sel.out('offset')) {
          const a = m.offset.start;
          const b = a + m.offset.length;
          let first = true;
          for (let i = 0; i < s.words.length; i++) {
            const ws = starts[i];
            const we = ws + s.words[i].length;
            if (ws >= a && we <= b && tags[i] === 'O') {
              tags[i] = (first ? 'B-' : 'I-') + type;
              first = false;
            }
          }
        }
      };
      mark(doc.people(), 'PER');
      mark(doc.places(), 'LOC');
      mark(doc.organizations(), 'ORG');
      out.push(tags);
    }
  }
  return out;
}

/** Gold type x predicted type over spans with the same boundaries, plus missed (gold only) and spurious. */
function confusion(gold: readonly string[][], pred: readonly string[][]): string {
  const types = [...TYPES, 'MISC', '-'];
  const m = new Map<string, number>();
  const inc = (g: string, p: string) => m.set(g + '>' + p, (m.get(g + '>' + p) ?? 0) + 1);
  for (let k = 0; k < gold.length; k++) {
    const gs = new Map(bioSpans(gold[k]).map((s) => [`${s.s}:${s.e}`, s.t]));
    const ps = new Map(bioSpans(pred[k]).map((s) => [`${s.s}:${s.e}`, s.t]));
    for (const [key, t] of gs) inc(t, ps.get(key) ?? '-');
    for (const [key, t] of ps) if (!gs.has(key)) inc('-', t);
  }
  const rows = ['| gold \\ ours | ' + types.join(' | ') + ' |', '|---|' + types.map(() => '---|').join('')];
  for (const g of types) rows.push(`| ${g} | ` + types.map((p) => (g === '-' && p === '-' ? '' : String(m.get(g + '>' + p) ?? 0))).join(' | ') + ' |');
  return rows.join('\n');
}

export function evalEnglish(argv: string[]): void {
  if (argv.includes('--ablation')) return trainEnglish(argv);
  const dev = readBio(path.join(DATA, 'gum-en', 'dev.bio'));
  const gold = dev.flatMap((d) => d.sentences.map((s) => s.tags));
  const gaz = loadGazetteer();
  const t0 = Date.now();
  const model = JSON.parse(fs.readFileSync(MODEL_PATH, 'utf8')) as EnglishModel;
  const tagger = new EnglishTagger(model, gaz);
  const loadMs = Date.now() - t0;
  const pred = predictDocs(tagger, dev);
  const ours = score(gold, pred);
  const ntok = gold.reduce((a, s) => a + s.length, 0);
  let theirs: Scores | undefined;
  if (!argv.includes('--no-compromise')) {
    try {
      theirs = score(gold, compromiseTags(dev));
    } catch (e) {
      console.log(`compromise not available (${(e as Error).message}); install the devDependencies`);
    }
  }
  console.log(`English NER on gum-en/dev.bio: ${dev.length} documents, ${ntok} tokens; exact spans, PER/LOC/ORG`);
  console.log('| type | ours P | ours R | ours F1 | compromise P | compromise R | compromise F1 |');
  console.log('|---|---|---|---|---|---|---|');
  for (const t of [...TYPES, 'micro', 'macro']) {
    const o = t === 'micro' ? ours.micro : t === 'macro' ? ours.macro : ours.perType[t];
    const c = theirs ? (t === 'micro' ? theirs.micro : t === 'macro' ? theirs.macro : theirs.perType[t]) : undefined;
    console.log(`| ${t} | ${fmt(o.p)} | ${fmt(o.r)} | ${fmt(o.f)} | ${c ? fmt(c.p) : '-'} | ${c ? fmt(c.r) : '-'} | ${c ? fmt(c.f) : '-'} |`);
  }
  console.log('\nConfusion (ours; spans with the same boundaries; - = no span):');
  console.log(confusion(gold, pred));
  // Speed of the run-time path (raw text: tokenize, split, features, decode) on the dev documents, CPU time.
  const texts = dev.map((d) => d.sentences.map((s) => s.words.join(' ')).join('\n'));
  const rate: number[] = [];
  for (let r = 0; r < 6; r++) {
    const fresh = r === 0 ? new EnglishTagger(model, gaz) : tagger;
    const c = process.cpuUsage();
    for (const t of texts) fresh.tagDocument(t);
    const u = process.cpuUsage(c);
    rate.push(ntok / ((u.user + u.system) / 1e6));
  }
  const warm = rate.slice(1).sort((a, b) => a - b)[Math.floor((rate.length - 1) / 2)];
  console.log(`\nmodel load ${loadMs} ms (${(fs.statSync(MODEL_PATH).size / 1e6).toFixed(2)} MB + gazetteer ${(fs.statSync(GAZ_PATH).size / 1e6).toFixed(2)} MB); tagging raw dev text: ${Math.round(warm / 1000)}k tokens/s warm (median CPU time), ${Math.round(rate[0] / 1000)}k cold (first pass, fresh tagger)`);
}

if (require.main === module) {
  const [cmd, ...rest] = process.argv.slice(2);
  if (cmd === 'train') trainEnglish(rest);
  else if (cmd === 'ablation') trainEnglish(['--ablation', ...rest]);
  else evalEnglish(rest);
}
