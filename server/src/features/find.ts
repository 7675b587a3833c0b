/** What is under the cursor: an entity mention or a date expression. Offsets are UTF-16, end exclusive. */
import type { Article, DateMention, Entity, Mention } from '../core/types';

/** A position touches a span when it is inside it or right after its last character (as editors place cursors). */
export const touches = (s: { start: number; end: number }, offset: number): boolean => offset >= s.start && offset <= s.end;

export interface EntityHit {
  entity: Entity;
  mention: Mention;
  index: number;
}

/** The entity mention under `offset` (a mention that strictly contains it wins over one that only ends there). */
export function entityAt(article: Article, offset: number): EntityHit | undefined {
  let best: EntityHit | undefined;
  for (const entity of article.entities) {
    entity.mentions.forEach((mention, index) => {
      if (!touches(mention, offset)) return;
      const strict = offset < mention.end;
      if (!best || (strict && offset === best.mention.end)) best = { entity, mention, index };
    });
  }
  return best;
}

export function dateAt(article: Article, offset: number): DateMention | undefined {
  let best: DateMention | undefined;
  for (const d of article.dates) {
    if (!touches(d, offset)) continue;
    if (!best || (offset < d.end && offset === best.end)) best = d;
  }
  return best;
}

export function isoDate(v: { year: number; month: number; day: number }): string {
  return `${String(v.year).padStart(4, '0')}-${String(v.month).padStart(2, '0')}-${String(v.day).padStart(2, '0')}`;
}

/** Other spellings of an entity (distinct mention texts other than the canonical name), in order of first use. */
export function spellings(entity: Entity): string[] {
  const out: string[] = [];
  for (const m of entity.mentions) if (m.text !== entity.name && !out.includes(m.text)) out.push(m.text);
  return out;
}
