import type { Article, Finding, Severity } from '../types';
import type { AnalyzeOptions } from '../analyze';
import type { Resources } from '../resources';

/** What a check sees: the Article model without diagnostics, and the options of this analysis. */
export interface RuleContext {
  article: Omit<Article, 'diagnostics'>;
  options: AnalyzeOptions;
  resources: Resources;
}

/** One check. `codes` lists every diagnostic code it can produce (for settings and docs). */
export interface Rule {
  codes: readonly string[];
  /** Default severity per code; findings carry their own severity, which settings may override. */
  defaultSeverity: Severity;
  run(ctx: RuleContext): Finding[];
}
