/**
 * Loads the trained NER models from the `models/` folder and returns `Resources['ner']`.
 * The folder is found by looking upward from `__dirname`, so this works from the esbuild bundle (`dist/`) and from
 * source under tsx (`server/src/node/`). A missing or broken model file leaves that language out (with a problem
 * message) instead of failing: analysis then runs without entities for it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { NerTagger, Resources } from '../core/resources';
import type { ArabicGazetteerData } from '../core/ner/lexicon-ar';
import { type ArabicModel, ArabicTagger } from '../core/ner/tagger-ar';
import type { EnglishGazetteerData } from '../core/ner/features-en';
import { type EnglishModel, EnglishTagger } from '../core/ner/tagger-en';
import type { Language } from '../core/types';

/** The nearest `models/` folder holding an `ner-*.json`, looking upward from `from`. */
export function findModelsDir(from: string = __dirname): string | undefined {
  let dir = path.resolve(from);
  for (;;) {
    const cand = path.join(dir, 'models');
    try {
      if (fs.statSync(cand).isDirectory() && fs.readdirSync(cand).some((f) => /^ner-[a-z]+\.json$/.test(f))) return cand;
    } catch {
      // not here
    }
    const up = path.dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

export interface LoadedModels {
  ner: NonNullable<Resources['ner']>;
  /** Load time per language, ms. */
  ms: Partial<Record<Language, number>>;
  problems: string[];
}

function readJson<T>(file: string): T {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
}

/** Load the taggers of `languages` (default ar and en) from `dir` (default: found from __dirname). */
export function loadNerModels(options: { dir?: string; languages?: Language[] } = {}): LoadedModels {
  const out: LoadedModels = { ner: {}, ms: {}, problems: [] };
  const dir = options.dir ?? findModelsDir();
  if (!dir) {
    out.problems.push('no models/ folder found: entity recognition is off');
    return out;
  }
  for (const lang of options.languages ?? (['ar', 'en'] as Language[])) {
    const modelFile = path.join(dir, `ner-${lang}.json`);
    const gazFile = path.join(dir, `gazetteer-${lang}.json`);
    if (!fs.existsSync(modelFile)) {
      out.problems.push(`no ${path.basename(modelFile)} in ${dir}`);
      continue;
    }
    const t0 = performance.now();
    try {
      let tagger: NerTagger;
      if (lang === 'ar') {
        const gaz = fs.existsSync(gazFile) ? readJson<ArabicGazetteerData>(gazFile) : undefined;
        tagger = new ArabicTagger(readJson<ArabicModel>(modelFile), gaz);
      } else {
        tagger = new EnglishTagger(readJson<EnglishModel>(modelFile), readJson<EnglishGazetteerData>(gazFile));
      }
      out.ner[lang] = tagger;
      out.ms[lang] = performance.now() - t0;
    } catch (e) {
      out.problems.push(`cannot load ${path.basename(modelFile)}: ${(e as Error).message}`);
    }
  }
  return out;
}

/** `Resources['ner']` with every model found (problems are dropped; use `loadNerModels` to see them). */
export function loadNer(dir?: string): Resources['ner'] {
  return loadNerModels({ dir }).ner;
}

/**
 * Taggers loaded on first use, once each: a CLI run or a server that only ever sees Arabic never pays for the
 * English model. `onProblem` hears why a model could not be loaded.
 */
export function lazyNer(options: { dir?: string; onProblem?: (problem: string) => void } = {}): NonNullable<Resources['ner']> {
  const cache: Partial<Record<Language, NerTagger | null>> = {};
  const get = (lang: Language): NerTagger | undefined => {
    if (!(lang in cache)) {
      const m = loadNerModels({ dir: options.dir, languages: [lang] });
      cache[lang] = m.ner[lang] ?? null;
      for (const p of m.problems) options.onProblem?.(p);
    }
    return cache[lang] ?? undefined;
  };
  return {
    get ar() {
      return get('ar');
    },
    get en() {
      return get('en');
    },
  };
}
