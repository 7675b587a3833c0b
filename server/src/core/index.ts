/** The public surface of the pure core. */
export { analyze } from './analyze';
export type { AnalyzeOptions } from './analyze';
export { parseStructure, splitLines } from './structure';
export { detectLanguage } from './text/language';
export { rules } from './checks';
export * from './types';
export { LineIndex } from './text/lines';
export type { Position } from './text/lines';
export type { NerTagger, NerType, Resources, TaggedSpan } from './resources';
export { extractEntities, linkEntities, proseRegions, regionLanguages } from './entities';
export type { LinkInput, LinkResult } from './entities';
export { nameVariant, tokenVariant, sameName, foldName } from './names/match';
export type { NameVariantMatch, VariantKind } from './names/match';
export { fixAll, applyEdits } from './names/fixall';
export { WorkspaceNameIndex, NAME_VARIANT_ACROSS } from './names/workspace';
export type { AcrossFinding, WorkspaceSymbol } from './names/workspace';
export { parseStylebook, stylebookFormat } from './stylebook/parse';
export type { Stylebook, StylebookEntry, StylebookProblem, StylebookParseResult } from './stylebook/model';
