/**
 * The character classifier of word types (server/src/core/ner/charclass-ar.ts) measured alone, in the dev-like
 * condition of the jackknifed vocabulary: training document i is in vocabulary fold i mod 5; each fold's words the
 * other folds never saw (vocabulary class U) are scored by a classifier trained on the other folds' stem types, and
 * compared with what the vocabulary and gazetteer features say about the same tokens (the stem's training type,
 * else a gazetteer class). Dev is untouched.
 *
 *   npx tsx scripts/ner-ar-charclass.ts [--lr] [--alpha 0.1] [--min-types 2] [--max-count N] [--once]
 *   npx tsx scripts/ner-ar-charclass.ts --cv-unseen [flag,flag]   (error analysis on the 5-fold CV, below)
 */
import { CHAR_CLASSES, CharClassifier, trainCharClass, trainCharClassLR } from '../server/src/core/ner/charclass-ar';
import { charClassTypes, type FeatureConfig, FULL_FEATURES, kind, normalizedWord, wordInfo } from '../server/src/core/ner/features-ar';
import { ArabicLexicon, buildVocabulary } from '../server/src/core/ner/lexicon-ar';
import { spansFromBio } from '../server/src/core/ner/perceptron';
import { ArabicTagger, trainArabicModel } from '../server/src/core/ner/tagger-ar';
import { bareStem } from '../server/src/core/text/clitics';
import { buildArabicGazetteer, SHIPPED_LEARNER, splitAnercorp } from './ner-ar';

const argv = process.argv.slice(2);
const arg = (n: string) => {
  const i = argv.indexOf(n);
  return i >= 0 ? argv[i + 1] : undefined;
};
const { train } = splitAnercorp();
const gaz = buildArabicGazetteer();
const base = new ArabicLexicon(gaz);
const K = 5;
const T = [...CHAR_CLASSES];
const pct = (x: number) => (100 * x).toFixed(1);

/** The classifier alone on the held-out vocabulary folds (the module comment). */
function standalone(): void {
  /** confusion[gold][pred] per predictor */
  const conf: Record<string, number[][]> = {};
  const add = (who: string, g: number, p: number) => {
    conf[who] ??= T.map(() => T.map(() => 0));
    conf[who][g][p]++;
  };
  const buckets = new Map<string, number[]>();
  let nTok = 0;
  /** P(name) by the classifier, gold is a name, vocabulary + gazetteer say nothing */
  const scored: [number, boolean, boolean][] = [];
  let grams = 0;
  for (let f = 0; f < K; f++) {
    const rest = train.filter((_, i) => i % K !== f).flat();
    const held = train.filter((_, i) => i % K === f).flat();
    const vocab = buildVocabulary(rest);
    const lex = base.withVocabulary(vocab);
    const cj = (argv.includes('--lr') ? trainCharClassLR : trainCharClass)(charClassTypes(rest), { alpha: Number(arg('--alpha') ?? 0.1), minTypes: Number(arg('--min-types') ?? 2), maxCount: Number(arg('--max-count') ?? Infinity) });
    grams += cj.grams.split('\n').length / K;
    const cc = new CharClassifier(cj);
    const post = new Float64Array(5);
    for (const s of held) {
      s.words.forEach((w, i) => {
        const n = normalizedWord(w);
        if (kind(n) !== 'ar') return;
        const v = lex.vocab.get(n);
        if (!(v === undefined || (argv.includes('--once') && v === 'o'))) return;
        nTok++;
        const t = s.tags[i];
        const g = t === 'O' ? 4 : Math.max(0, T.indexOf(t.slice(2) as (typeof T)[number]));
        const bare = bareStem(n);
        const p = cc.posterior(bare, post);
        scored.push([cc.nameOdds(bare).odds, g < 4, false]);
        add('char classifier', g, p);
        const feat = cc.feature(bare);
        // what the vocabulary and gazetteer features say
        const own = wordInfo(w, lex, FULL_FEATURES).own;
        let bp = 4;
        const vbt = own.find((x) => x.startsWith('vbt='));
        const gz = own.filter((x) => x.startsWith('gz')).map((x) => x[3]);
        if (vbt && vbt.length > 5) bp = T.indexOf(vbt.slice(5) as (typeof T)[number]);
        else if (gz.some((x) => x === 'G' || x === 'N')) bp = 0;
        else if (gz.some((x) => x === 'C' || x === 'P')) bp = 1;
        else if (gz.includes('O')) bp = 2;
        else if (gz.includes('R')) bp = 0;
        add('vocabulary + gazetteer', g, bp);
        add('vocabulary + gazetteer, else char classifier', g, bp !== 4 ? bp : p);
        if (bp === 4) scored[scored.length - 1][2] = true;
        // the feature's value against the gold class (all unseen tokens, and where vocabulary + gazetteer say nothing)
        for (const key of bp === 4 ? [feat, 'residual ' + feat] : [feat]) {
          const b = buckets.get(key) ?? [0, 0, 0, 0, 0];
          b[g]++;
          buckets.set(key, b);
        }
        if (bp === 4) add('char classifier where vocabulary + gazetteer say nothing', g, p);
        if (bp === 4) add('(nothing: all O) where vocabulary + gazetteer say nothing', g, 4);
      });
    }
  }
  console.log(`${nTok} tokens of unseen words (vocabulary class U${argv.includes('--once') ? ' or o' : ''}) in the 5 held-out vocabulary folds; ${Math.round(grams)} n-grams kept per classifier`);
  for (const [who, m] of Object.entries(conf)) {
    let tot = 0;
    let ok = 0;
    let nn = 0;
    for (let g = 0; g < 5; g++) for (let p = 0; p < 5; p++) {
      tot += m[g][p];
      if (g === p) ok += m[g][p];
      if ((g === 4) === (p === 4)) nn += m[g][p];
    }
    const per = T.map((t, k) => {
      const tp = m[k][k];
      const pp = m.reduce((a, r) => a + r[k], 0);
      const gg = m[k].reduce((a, b) => a + b, 0);
      const P = pp ? tp / pp : 0;
      const R = gg ? tp / gg : 0;
      return `${t} P ${pct(P)} R ${pct(R)} F ${pct(P + R ? (2 * P * R) / (P + R) : 0)} (${gg})`;
    });
    // name vs non-name: P/R of 'a name' (any of PER/LOC/ORG/MISC)
    let tpN = 0, ppN = 0, ggN = 0;
    for (let g = 0; g < 5; g++) for (let p = 0; p < 5; p++) {
      if (g < 4 && p < 4) tpN += m[g][p];
      if (p < 4) ppN += m[g][p];
      if (g < 4) ggN += m[g][p];
    }
    console.log(`\n${who}: ${tot} tokens, accuracy ${pct(ok / tot)}, name vs non-name accuracy ${pct(nn / tot)} (name P ${pct(tpN / ppN)} R ${pct(tpN / ggN)})`);
    for (const l of per) console.log('  ' + l);
  }
  console.log('\nchar classifier feature -> tokens by gold class (PER LOC ORG MISC O):');
  for (const [f, c] of [...buckets].sort()) console.log(`  ${f} ${c.join(' ')}`);
  console.log(`\nname vs non-name by P(name) of the classifier, all unseen tokens: ${auc(scored)}`);
  console.log(`where vocabulary + gazetteer say nothing: ${auc(scored.filter((x) => x[2]))}`);
  const bins = argv.includes('--lr') ? [-1e9, -6, -5, -4, -3, -2.5, -2, -1.5, -1, -0.5, 0, 1, 2, 1e9] : [-1e9, -20, -15, -10, -5, -2.5, 0, 2.5, 5, 10, 15, 20, 1e9];
  for (const [what, xs] of [['all', scored], ['residual', scored.filter((x) => x[2])]] as const) {
    const parts: string[] = [];
    for (let b = 0; b + 1 < bins.length; b++) {
      const inb = xs.filter((x) => x[0] >= bins[b] && x[0] < bins[b + 1]);
      parts.push(`[${bins[b]},${bins[b + 1]}) ${inb.length} ${pct(inb.filter((x) => x[1]).length / inb.length)}`);
    }
    console.log(`P(name) bins, ${what}: ` + parts.join('; '));
  }
}

/** Area under the ROC curve of P(name) for name vs non-name, and precision at recall 25/50/75%. */
function auc(xs: [number, boolean, boolean][]): string {
  const a = [...xs].sort((x, y) => y[0] - x[0]);
  const P = a.filter((x) => x[1]).length;
  const N = a.length - P;
  let tp = 0;
  let fp = 0;
  let area = 0;
  const at: string[] = [];
  const marks = [0.25, 0.5, 0.75];
  for (const x of a) {
    if (x[1]) {
      tp++;
      if (marks.length && tp / P >= marks[0]) at.push(`P@R${100 * marks.shift()!} ${pct(tp / (tp + fp))}`);
    } else {
      fp++;
      area += tp;
    }
  }
  return `AUC ${(area / (P * N)).toFixed(3)} ${at.join(' ')} (${P} names of ${a.length})`;
}

/**
 * --cv-unseen [flag,flag]: error analysis on the 5-fold CV over the training documents (as `eval:ner --ablation --cv 5`,
 * order 11; dev untouched): recall of the gold PER/LOC/ORG spans of the held-out folds whose words were all never
 * seen in the fold's training documents, and of the others, for the full feature set the seventh-round rows build on
 * (FULL_FEATURES, shipped until that round) and with the flags on
 * (default charClass).
 */
function cvUnseen(flags: string[]): void {
  const CV = 5;
  const TY = ['PER', 'LOC', 'ORG'];
  const cfgs: [string, FeatureConfig][] = [['full', FULL_FEATURES], ['+ ' + flags.join(' + '), { ...FULL_FEATURES, ...Object.fromEntries(flags.map((f) => [f, true])) }]];
  // per config: type -> [found unseen, unseen, found seen, seen]; and predicted spans of unseen words that are wrong
  const res = cfgs.map(() => Object.fromEntries(TY.map((t) => [t, [0, 0, 0, 0]])) as Record<string, number[]>);
  const fps = cfgs.map(() => [0, 0]);
  for (let f = 0; f < CV; f++) {
    const tr = train.filter((_, i) => i % CV !== f);
    const held = train.filter((_, i) => i % CV === f);
    const vocab = buildVocabulary(tr.flat());
    const seen = new Set([...vocab.O, ...vocab.o, ...vocab.E, ...vocab.M]);
    const allUnseen = (ws: string[], s: number, e: number) => ws.slice(s, e).every((w) => !seen.has(normalizedWord(w).toLowerCase()));
    cfgs.forEach(([, cfg], c) => {
      const model = trainArabicModel(tr, gaz, { features: cfg, seed: 11, epochs: 10, bags: 1, learner: SHIPPED_LEARNER, vocabFolds: 5, prune: 0 });
      const tagger = new ArabicTagger(model, gaz);
      for (const d of held) {
        const pred = tagger.tagWords(d.map((s) => s.words));
        d.forEach((s, i) => {
          const key = (x: { start: number; end: number; type: string }) => `${x.start}:${x.end}:${x.type}`;
          const ps = spansFromBio(pred[i]).filter((x) => TY.includes(x.type));
          const gs = spansFromBio(s.tags).filter((x) => TY.includes(x.type));
          const pset = new Set(ps.map(key));
          const gset = new Set(gs.map(key));
          for (const g of gs) {
            const u = allUnseen(s.words, g.start, g.end) ? 0 : 2;
            res[c][g.type][u + 1]++;
            if (pset.has(key(g))) res[c][g.type][u]++;
          }
          for (const p of ps) if (allUnseen(s.words, p.start, p.end)) fps[c][gset.has(key(p)) ? 0 : 1]++;
        });
      }
    });
    console.log(`fold ${f + 1}/${CV} done`);
  }
  cfgs.forEach(([name], c) => {
    const r = res[c];
    console.log(`${name}: recall of unseen-word spans ` + TY.map((t) => `${t} ${pct(r[t][0] / r[t][1])} (${r[t][0]}/${r[t][1]})`).join(', ') + '; of the others ' + TY.map((t) => `${t} ${pct(r[t][2] / r[t][3])}`).join(', ') + `; predicted spans of unseen words ${fps[c][0] + fps[c][1]}, correct ${pct(fps[c][0] / (fps[c][0] + fps[c][1]))}`);
  });
}
if (argv.includes('--cv-unseen')) {
  const v = arg('--cv-unseen');
  cvUnseen(v && !v.startsWith('--') ? v.split(',') : ['charClass']);
} else standalone();
