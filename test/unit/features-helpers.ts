/**
 * In-memory Articles for the feature adapters: the text's structure and dates come from the real core; entities are
 * given by the test (as the NER step would produce them), so each feature is tested alone. `$$CURSOR$$` marks the cursor.
 */
import { analyze } from '../../server/src/core/analyze';
import type { Article, Entity, EntityType, Finding } from '../../server/src/core/types';
import { Converter } from '../../server/src/features/convert';

export const CURSOR = '$$CURSOR$$';

export interface EntitySpec {
  type: EntityType;
  name: string;
  /** Spellings to find in the text (whole words, clitics before them allowed); longer ones first. */
  spellings: string[];
  roles?: string[];
}

const AR_CLITIC = /^[وفبلك]?(?:ال)?$/u;

/** Every occurrence of `s` not inside a longer spelling already taken, with at most a clitic before it. */
function occurrences(text: string, s: string, taken: Array<{ start: number; end: number }>): Array<{ start: number; end: number }> {
  const out: Array<{ start: number; end: number }> = [];
  for (let at = text.indexOf(s); at >= 0; at = text.indexOf(s, at + 1)) {
    const end = at + s.length;
    if (/[\p{L}]/u.test(text[end] ?? '')) continue;
    let w = at;
    while (w > 0 && /[\p{L}]/u.test(text[w - 1])) w--;
    if (!AR_CLITIC.test(text.slice(w, at))) continue;
    if (taken.some((t) => at < t.end && end > t.start)) continue;
    out.push({ start: at, end });
  }
  return out;
}

export function article(withCursor: string, specs: EntitySpec[] = [], options: Parameters<typeof analyze>[1] = {}, diagnostics?: Finding[]) {
  const offset = withCursor.indexOf(CURSOR);
  const text = withCursor.replace(CURSOR, '');
  const base = analyze(text, options);
  const taken: Array<{ start: number; end: number }> = [];
  const entities: Entity[] = specs.map((spec) => {
    const mentions = [...spec.spellings]
      .sort((a, b) => b.length - a.length)
      .flatMap((s) => {
        const occ = occurrences(text, s, taken);
        taken.push(...occ);
        return occ.map((o) => ({ ...o, text: s }));
      })
      .sort((a, b) => a.start - b.start);
    const roles = (spec.roles ?? []).map((r) => ({ start: text.indexOf(r), end: text.indexOf(r) + r.length, text: r }));
    return { id: `${spec.type}:${spec.name}`, type: spec.type, name: spec.name, mentions, roles };
  });
  const a: Article = { ...base, entities, diagnostics: diagnostics ?? base.diagnostics };
  return { article: a, text, offset, conv: new Converter('file:///test/article.txt', text) };
}

export const SEED_LIKE =
  'لافروف: سندعم التسوية السياسية في ليبيا\n' +
  'قال وزير الخارجية الروسي سيرغي لافروف، خلال استقباله المشير خليفة حفتر، إن موسكو تدعم التسوية.\n' +
  'وأكد لافروف، خلال اللقاء مع حفتر في مقر وزارة الخارجية الروسية بموسكو، أمس، أن روسيا تدعو إلى المصالحة.\n' +
  'وبحث حفتر مع وزير الدفاع الروسي سيرغي شويغو، الاثنين، الوضع. وقال ولافروف إن الحوار مهم.\n';

export const SEED_ENTITIES: EntitySpec[] = [
  { type: 'person', name: 'سيرغي لافروف', spellings: ['سيرغي لافروف', 'لافروف'], roles: ['وزير الخارجية الروسي'] },
  { type: 'person', name: 'خليفة حفتر', spellings: ['خليفة حفتر', 'حفتر'], roles: ['المشير'] },
  { type: 'location', name: 'موسكو', spellings: ['موسكو'] },
  { type: 'organization', name: 'وزارة الخارجية الروسية', spellings: ['وزارة الخارجية الروسية'] },
  { type: 'person', name: 'سيرغي شويغو', spellings: ['سيرغي شويغو'], roles: ['وزير الدفاع الروسي'] },
];

/** Put the cursor inside the `nth` occurrence of `needle` (after its first character). */
export function at(text: string, needle: string, nth = 0): string {
  let i = -1;
  for (let k = 0; k <= nth; k++) i = text.indexOf(needle, i + 1);
  if (i < 0) throw new Error(`${needle} not found`);
  return text.slice(0, i + 1) + CURSOR + text.slice(i + 1);
}
