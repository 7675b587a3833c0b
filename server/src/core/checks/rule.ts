import type { Article, Finding, Severity } from '../types';
import type { AnalyzeOptions } from '../analyze';
import type { LineWordCache } from '../names/variants';
import type { Resources } from '../resources';

/** What a re-analysis (core/analyze.ts Analyzer) keeps for the checks between two analyses of one document. */
export interface CheckCaches {
  /** name.variant: the candidate words of unchanged lines, and which of them hit the names while these are unchanged. */
  lines?: LineWordCache;
}

/** What a check sees: the Article model without diagnostics, and the options of this analysis. */
export interface RuleContext {
  article: Omit<Article, 'diagnostics'>;
  options: AnalyzeOptions;
  resources: Resources;
  /** Set by a re-analysis only; a check gives the same findings with or without it. */
  caches?: CheckCaches;
}

/** One check. `codes` lists every diagnostic code it can produce (for settings and docs). */
export interface Rule {
  codes: readonly string[];
  /** Default severity per code; findings carry their own severity, which settings may override. */
  defaultSeverity: Severity;
  run(ctx: RuleContext): Finding[];
}
