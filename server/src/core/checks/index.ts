import type { Rule } from './rule';
import { nameFirstMentionRule } from './name-first-mention';
import { nameRoleConflictRule } from './name-role-conflict';
import { nameStylebookRule } from './name-stylebook';
import { nameVariantRule } from './name-variant';
import { dateWeekdayMismatchRule } from './date-weekday-mismatch';
import { dateInvalidRule } from './date-invalid';
import { dateHijriMismatchRule } from './date-hijri-mismatch';
import { dateMonthPairRule } from './date-month-pair';
import { dateRelativeConflictRule } from './date-relative-conflict';

/** Every check of the core, in the order their findings are reported. One rule per file. */
export const rules: readonly Rule[] = [
  nameVariantRule,
  nameFirstMentionRule,
  nameRoleConflictRule,
  nameStylebookRule,
  dateWeekdayMismatchRule, dateInvalidRule, dateHijriMismatchRule, dateMonthPairRule, dateRelativeConflictRule,
];

export type { Rule, RuleContext } from './rule';
