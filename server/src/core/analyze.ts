/**
 * The one entry point of the core: text in, Article model out.
 * Used alike by the language server, the CLI, the tests and the benchmarks.
 *
 * `analyze` analyzes a text from scratch. `Analyzer` is the same analysis for a text that is edited and analyzed
 * again and again (the language server): it keeps what the previous analysis computed of unchanged parts and
 * always returns exactly what `analyze` would return for the same text, options and resources (a property test,
 * test/unit/analyzer.test.ts, holds the two deep-equal over random edit sequences). Reused:
 * - the whole result when the text, the options and the resources are the same as last time (a re-run on a
 *   settings change that does not change them, a second request for the same version);
 * - language, structure, dates and entities when only the severities or the style book changed (checks run again);
 * - the linker's tokens of every headline/paragraph whose text is unchanged, and per paragraph the words where its
 *   span repairs and its propagation can start (entities/tokens.ts RegionTokenCache, `select`);
 * - the dates found in every piece of text between two safe cuts (a blank line after a full stop that follows an
 *   Arabic letter, a closing bracket or a quote) whose text is unchanged (dates/parse.ts DateSegmentCache, SAFE_CUT;
 *   they are resolved again, against the publication date);
 * - the name.variant check's candidate words of every unchanged line, and which of them hit the article's names
 *   while those names are unchanged (names/variants.ts LineWordCache);
 * - texts over core/chunked.ts PIECEWISE_ABOVE are analyzed piece by piece by the server with one Analyzer per
 *   piece (chunked.ts PieceAnalyzers): an unchanged piece returns its previous result;
 * - the taggers cache their decoded sentences themselves (ner/), so unchanged sentences are not decoded again.
 * Linking, date resolution and checks are document-level (a name in one paragraph links and propagates to every
 * other), so they run again over the whole text; their per-word work is memoized (bounded) in their modules.
 * Bounded: an Analyzer holds the previous result and what it keeps of the previous text's regions and lines only.
 * Use one per document.
 */
import { rules } from './checks';
import type { CheckCaches } from './checks/rule';
import { DateSegmentCache, extractDates } from './dates';
import { extractEntities } from './entities';
import { RegionTokenCache } from './entities/tokens';
import { LineWordCache } from './names/variants';
import type { Resources } from './resources';
import { parseStructure } from './structure';
import { detectLanguage } from './text/language';
import type { Stylebook } from './stylebook/model';
import type { Article, DateValue, Finding, Language, Severity } from './types';

export interface AnalyzeOptions {
  /** The publication date, when the user set one (CLI `--date`, the 'Set Publication Date' command). */
  publicationDate?: DateValue;
  /** The file name (not a path is needed; a date in it may be the publication date). */
  fileName?: string;
  /** Force a language instead of detecting it. */
  language?: Language | 'auto';
  /** Per diagnostic code: a severity, or 'off'. */
  severities?: Record<string, Severity | 'off'>;
  /** The newsroom style book (parsed by core/stylebook, loaded by server/src/node/stylebook.ts). */
  stylebook?: Stylebook;
}

/** `resources` carries the loaded models (see server/src/node/); without them no entities are tagged. */
export function analyze(text: string, options: AnalyzeOptions = {}, resources: Resources = {}): Article {
  return run(text, options, resources);
}

/** What an Analyzer keeps for the draft between two analyses of one document. */
interface DraftCaches {
  tokens: RegionTokenCache;
  dates: DateSegmentCache;
}

function run(text: string, options: AnalyzeOptions, resources: Resources, drafts?: DraftCaches, caches?: CheckCaches): Article {
  return check(draftOf(text, options, resources, drafts), options, resources, caches);
}

/** Everything but the checks: language, structure, dates, entities. Depends on the options' language, date and file name only. */
function draftOf(text: string, options: AnalyzeOptions, resources: Resources, drafts?: DraftCaches): Omit<Article, 'diagnostics'> {
  const forcedLanguage = options.language && options.language !== 'auto' ? options.language : undefined;
  const language = forcedLanguage ?? detectLanguage(text);
  const structure = parseStructure(text);
  const { dates, publicationDate } = extractDates(text, structure, language, options, drafts?.dates);
  return {
    text,
    language,
    structure,
    entities: extractEntities(text, structure, resources, { language, forcedLanguage, tokenCache: drafts?.tokens }),
    dates,
    ...(publicationDate ? { publicationDate } : {}),
  };
}

/** The checks over a draft (they read it and never change it), with the options' severities and style book. */
function check(draft: Omit<Article, 'diagnostics'>, options: AnalyzeOptions, resources: Resources, caches?: CheckCaches): Article {
  const diagnostics: Finding[] = [];
  for (const rule of rules) {
    for (const f of rule.run({ article: draft, options, resources, caches })) {
      const sev = options.severities?.[f.code];
      if (sev === 'off') continue;
      if (sev) f.severity = sev;
      diagnostics.push(f);
    }
  }
  diagnostics.sort((a, b) => a.start - b.start || a.end - b.end);
  return { ...draft, diagnostics };
}

/** Same options for the draft (language, structure, dates, entities): language, publication date, file name. */
function sameDraftOptions(a: AnalyzeOptions, b: AnalyzeOptions): boolean {
  if (a.fileName !== b.fileName || (a.language ?? 'auto') !== (b.language ?? 'auto')) return false;
  const pa = a.publicationDate;
  const pb = b.publicationDate;
  return pa === pb || (!!pa && !!pb && pa.year === pb.year && pa.month === pb.month && pa.day === pb.day);
}

/** Same options for the checks too: equal severities, and the same style book object (a reloaded one is a new object). */
function sameOptions(a: AnalyzeOptions, b: AnalyzeOptions): boolean {
  if (!sameDraftOptions(a, b) || a.stylebook !== b.stylebook) return false;
  const sa = a.severities ?? {};
  const sb = b.severities ?? {};
  const ka = Object.keys(sa);
  if (ka.length !== Object.keys(sb).length) return false;
  for (const k of ka) if (sa[k] !== sb[k]) return false;
  return true;
}

/** The draft part of an Article (everything but the diagnostics). */
function draftPart(a: Article): Omit<Article, 'diagnostics'> {
  const { diagnostics: _d, ...draft } = a;
  return draft;
}

const sameResources = (a: Resources, b: Resources) => a === b || (a.ner?.ar === b.ner?.ar && a.ner?.en === b.ner?.en);

/**
 * Re-analysis of one document as it is edited (see the module comment). `analyze(text, options, resources)` returns
 * what the function `analyze` returns for the same arguments. The returned Article is shared with the next call
 * when nothing changed: treat it as read-only.
 */
export class Analyzer {
  private readonly drafts: DraftCaches = { tokens: new RegionTokenCache(), dates: new DateSegmentCache() };
  private readonly caches = { lines: new LineWordCache() };
  private last?: { text: string; options: AnalyzeOptions; resources: Resources; article: Article };

  analyze(text: string, options: AnalyzeOptions = {}, resources: Resources = {}): Article {
    const last = this.last;
    const same = !!last && last.text === text && sameResources(last.resources, resources);
    if (same && sameOptions(last.options, options)) return last.article;
    // Only the severities or the style book changed: the checks run again over the same draft.
    const article = same && sameDraftOptions(last.options, options)
      ? check(draftPart(last.article), options, resources, this.caches)
      : run(text, options, resources, this.drafts, this.caches);
    // The options are copied (a caller may change its object in place); the style book is kept by identity.
    this.last = {
      text,
      options: { ...options, ...(options.severities ? { severities: { ...options.severities } } : {}), ...(options.publicationDate ? { publicationDate: { ...options.publicationDate } } : {}) },
      resources,
      article,
    };
    return article;
  }

  /** Forget everything (a closed document; models reloaded). */
  clear(): void {
    this.last = undefined;
    this.drafts.tokens.clear();
    this.drafts.dates.clear();
    this.caches.lines.clear();
  }
}
