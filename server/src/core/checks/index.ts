import type { Rule } from './rule';
import { nameFirstMentionRule } from './name-first-mention';
import { nameRoleConflictRule } from './name-role-conflict';
import { nameStylebookRule } from './name-stylebook';
import { nameVariantRule } from './name-variant';

/** Every check of the core, in the order their findings are reported. One rule per file. */
export const rules: readonly Rule[] = [
  nameVariantRule,
  nameFirstMentionRule,
  nameRoleConflictRule,
  nameStylebookRule,
];

export type { Rule, RuleContext } from './rule';
