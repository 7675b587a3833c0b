import type { Rule } from './rule';

/** Every check of the core, in the order their findings are reported. One rule per file. */
export const rules: readonly Rule[] = [];

export type { Rule, RuleContext } from './rule';
