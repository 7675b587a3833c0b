/**
 * What the analysis needs beyond the text: trained models and the style book. The core never reads files;
 * hosts (server, CLI, tests, bench) load these once (see server/src/node/) and pass them to `analyze`.
 */
import type { Language, Span } from './types';

export type NerType = 'person' | 'organization' | 'location' | 'misc';

/** A span the tagger recognized. Offsets exclude attached clitics (و، ب، ل، ال…). */
export interface TaggedSpan extends Span {
  type: NerType;
  text: string;
}

/** A trained sequence tagger for one language. Pure: text in, spans out. */
export interface NerTagger {
  readonly language: Language;
  /** Tag `text` (or its slice [from, to)); offsets are into `text`. */
  tag(text: string, from?: number, to?: number): TaggedSpan[];
}

export interface Resources {
  ner?: Partial<Record<Language, NerTagger>>;
}
