/**
 * The one entry point of the core: text in, Article model out.
 * Used alike by the language server, the CLI, the tests and the benchmarks.
 */
import { rules } from './checks';
import { extractDates } from './dates';
import { extractEntities } from './entities';
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
  const language = options.language && options.language !== 'auto' ? options.language : detectLanguage(text);
  const structure = parseStructure(text);
  const { dates, publicationDate } = extractDates(text, structure, language, options);
  const draft: Omit<Article, 'diagnostics'> = {
    text,
    language,
    structure,
    entities: extractEntities(text, structure, resources, { language, forcedLanguage: options.language && options.language !== 'auto' ? options.language : undefined }),
    dates,
    ...(publicationDate ? { publicationDate } : {}),
  };
  const diagnostics: Finding[] = [];
  for (const rule of rules) {
    for (const f of rule.run({ article: draft, options, resources })) {
      const sev = options.severities?.[f.code];
      if (sev === 'off') continue;
      if (sev) f.severity = sev;
      diagnostics.push(f);
    }
  }
  diagnostics.sort((a, b) => a.start - b.start || a.end - b.end);
  return { ...draft, diagnostics };
}
