/**
 * The entities step of the analysis: tag each prose region (headline, paragraphs) with the tagger of its own
 * language — a mixed article may have English and Arabic paragraphs — then link the spans into entities.
 */
import type { NerTagger, Resources, TaggedSpan } from '../resources';
import { detectLanguageIn } from '../text/language';
import { hasLetter } from '../text/tokenize';
import type { Entity, Language, Span, Structure } from '../types';
import { linkEntities } from './link';
import type { RegionTokenCache } from './tokens';

export { RegionTokenCache } from './tokens';

export { linkEntities } from './link';
export type { LinkInput, LinkResult } from './link';

/** Headline and paragraphs, in text order (front matter and blank lines are not prose). */
export function proseRegions(structure: Structure): Span[] {
  const out: Span[] = [];
  if (structure.headline) out.push({ start: structure.headline.start, end: structure.headline.end });
  for (const p of structure.paragraphs) out.push({ start: p.start, end: p.end });
  return out.sort((a, b) => a.start - b.start);
}

/**
 * The language of each region: the forced one when the user set it, else decided from the region's own letters
 * (a region with no letters takes the article's language).
 */
export function regionLanguages(text: string, regions: readonly Span[], articleLanguage: Language, forced?: Language): Language[] {
  return regions.map((r) => {
    if (forced) return forced;
    const end = Math.min(r.end, r.start + 4000);
    return hasLetter(text, r.start, end) ? detectLanguageIn(text, r.start, end) : articleLanguage;
  });
}

export interface EntityOptions {
  /** The article's language (decides regions without letters). */
  language: Language;
  /** Set when the user forced a language: every region is tagged as that language. */
  forcedLanguage?: Language;
  /** Re-analysis (core/analyze.ts Analyzer): unchanged regions are not tokenized again for linking. */
  tokenCache?: RegionTokenCache;
}

/** Tag every prose region with its language's tagger and link the result. Without taggers: no entities. */
export function extractEntities(text: string, structure: Structure, resources: Resources, options: EntityOptions): Entity[] {
  const regions = proseRegions(structure);
  if (regions.length === 0 || !resources.ner) return [];
  const langs = regionLanguages(text, regions, options.language, options.forcedLanguage);
  const spans: TaggedSpan[] = [];
  for (let i = 0; i < regions.length; i++) {
    const tagger: NerTagger | undefined = resources.ner[langs[i]];
    if (!tagger) continue;
    for (const s of tagger.tag(text, regions[i].start, regions[i].end)) spans.push(s);
  }
  return linkEntities({ text, regions, spans, tokenCache: options.tokenCache }).entities;
}
