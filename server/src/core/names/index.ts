/**
 * Name consistency (issue 4), the pure part:
 * - match.ts      the variant matcher (nameVariant, tokenVariant, sameName, foldName, bucketKey)
 * - variants.ts   spelling groups of one article (within entities and across entities the linker kept apart)
 * - roles.ts      roles: parse, conflict test, the role written before a mention
 * - fixall.ts     fixAll (source.fixAll, 'Fix All Name Variants') and applyEdits
 * - workspace.ts  the cross-article index (name.variant-across, workspace symbols)
 * The checks are in ../checks/name-*.ts; the style book in ../stylebook/.
 */
export * from './match';
export { spellingGroups, NAME_TYPES } from './variants';
export type { SpellingGroup, NamePartOccurrence } from './variants';
export { parseRole, rolesConflict, roleBefore } from './roles';
export { fixAll, applyEdits } from './fixall';
export { WorkspaceNameIndex, NAME_VARIANT_ACROSS } from './workspace';
export type { AcrossFinding, WorkspaceSymbol } from './workspace';
