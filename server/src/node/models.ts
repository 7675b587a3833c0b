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

/**
 * Typed arrays of an ArabicTagger that its constructor fills and nothing writes afterwards (tagger-ar.ts: the two
 * stages' weights, their row copies, the base and pair id tables; 12.3 of the Arabic model's 12.3 MB of array
 * buffers), by property path. The English model's are 0.7 MB and stay private.
 */
const AR_SHARED_TABLES = ['m1.w', 'm2.w', 'w0', 'w1', 'ownW', 'ownBits', 'ctxAt', 'ctxDest', 'ctxPos', 'ctxW', 'baseTab', 'pairTab', 'base.at', 'base.slots', 'pairRow.keys', 'pairRow.vals'];

/** Model tables in shared memory, by property path (see shareModelTables). */
export type SharedTables = Record<string, ArrayBufferView>;

type Table = ArrayBufferView & { length: number; set(a: ArrayLike<number>): void };

function sameBytes(a: ArrayBufferView, b: ArrayBufferView): boolean {
  return a.byteLength === b.byteLength && Buffer.compare(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), new Uint8Array(b.buffer, b.byteOffset, b.byteLength)) === 0;
}

/**
 * Moves the read-only model tables of `ner`'s Arabic tagger into shared memory, so the workspace-scan workers
 * (node/indexer.ts) hold one copy between them instead of one each: a table of `given` (another worker's, loaded from
 * the same model) is used in place of this tagger's own when it has the same type and bytes, any other is copied into
 * a SharedArrayBuffer. Returns the tables this tagger now uses and how many of them were given. The tagger reads the
 * same numbers either way, so its output does not change; no thread writes to them.
 */
export function shareModelTables(ner: Resources['ner'], given: SharedTables = {}): { tables: SharedTables; adopted: number } {
  const tables: SharedTables = {};
  let adopted = 0;
  const tagger = ner?.ar;
  if (!(tagger instanceof ArabicTagger)) return { tables, adopted };
  // The same array may sit at two paths (a stage's weights are also the tagger's w0/w1): replaced once, by identity.
  const replaced = new Map<ArrayBufferView, ArrayBufferView>();
  for (const p of AR_SHARED_TABLES) {
    const keys = p.split('.');
    let owner = tagger as unknown as Record<string, unknown> | undefined;
    for (const k of keys.slice(0, -1)) owner = owner?.[k] as Record<string, unknown> | undefined;
    const key = keys[keys.length - 1];
    const own = owner?.[key];
    if (!owner || !ArrayBuffer.isView(own) || own instanceof DataView) continue;
    let use = replaced.get(own);
    if (!use) {
      const g = given[p];
      if (g === own || (g && g.constructor === own.constructor && sameBytes(g, own))) {
        use = g;
        if (g !== own) adopted++;
      } else if (own.buffer instanceof SharedArrayBuffer) {
        use = own;
      } else {
        const Ctor = own.constructor as new (b: SharedArrayBuffer) => Table;
        const copy = new Ctor(new SharedArrayBuffer(own.byteLength));
        copy.set(own as unknown as ArrayLike<number>);
        use = copy;
      }
      replaced.set(own, use);
    }
    owner[key] = use;
    tables[p] = use;
  }
  return { tables, adopted };
}
