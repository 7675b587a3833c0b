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
