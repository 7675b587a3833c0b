/**
 * `name.variant`: one name spelled two ways in one article (شويغو/شويجو, Gaddafi/Qaddafi), within one entity or
 * across entities of the same type that the linker kept apart. Every occurrence of a spelling other than the
 * reference (the style-book form when present, else the majority form, ties to the first used) is flagged.
 * Fixes edit only the name part (the mention span excludes attached clitics, so 'وشويجو' keeps its 'و'; after
 * 'لل' the article's elided alif stays elided, see names/match.ts writtenSpelling):
 * the style-book form, the majority form, then each other form. None is applied silently.
 * Severity: warning for transliteration variants, information for orthographic ones (أ/ا, ة/ه, ى/ي, tatweel),
 * which are frequent in edited copy (ANERcorp has إسرائيل and اسرائيل in one article).
 */
import { writtenSpelling } from '../names/match';
import { spellingGroups } from '../names/variants';
import { indexStylebook } from '../stylebook/model';
import type { Finding, Fix } from '../types';
import type { Rule } from './rule';

export const NAME_VARIANT = 'name.variant';

export interface NameVariantData {
  kind: 'orthographic' | 'transliteration';
  /** The spelling flagged here. */
  spelling: string;
  /** The spelling the article should use (style book, else majority). */
  reference: string;
  spellings: Array<{ text: string; count: number }>;
  /** Entity ids involved. */
  entities: string[];
  /** The style book's preferred form, when the style book lists this name. */
  stylebook?: string;
}

const quote = (s: string) => `'${s}'`;
const times = (n: number) => `${n}×`;

export const nameVariantRule: Rule = {
  codes: [NAME_VARIANT],
  defaultSeverity: 'warning',
  run({ article, options, caches }) {
    const lang = article.language;
    const groups = spellingGroups(article.entities, lang, {}, article.text, caches?.lines);
    if (groups.length === 0) return [];
    const sb = options.stylebook ? indexStylebook(options.stylebook) : undefined;
    const findings: Finding[] = [];
    for (const g of groups) {
      let styleForm: string | undefined;
      for (const s of g.spellings) {
        const hit = sb?.lookup(s.text, lang);
        if (hit) {
          styleForm = hit.entry.preferred;
          break;
        }
      }
      const byCount = [...g.spellings].sort((a, b) => b.count - a.count || a.first - b.first);
      const majority = byCount[0].text;
      const present = styleForm && g.spellings.some((s) => s.text === styleForm);
      const reference = present ? styleForm! : majority;
      const list = byCount.map((s) => `${quote(s.text)} (${times(s.count)})`).join(', ');
      const entities = [...new Set(g.occurrences.map((o) => article.entities[o.entity].id))];
      for (const o of g.occurrences) {
        if (o.text === reference) continue;
        // A spelling the style book lists as a variant is reported once, by name.stylebook.
        if (sb?.lookup(o.text, lang)?.entry.variants.includes(o.text)) continue;
        const fixes: Fix[] = [];
        const seen = new Set<string>([o.text]);
        const add = (text: string, title: string) => {
          if (seen.has(text)) return;
          seen.add(text);
          fixes.push({ title, edits: [{ start: o.start, end: o.end, newText: writtenSpelling(o.text, o.start, o.end, text) }], preferred: fixes.length === 0 });
        };
        if (styleForm) add(styleForm, `Use the style-book spelling ${quote(styleForm)}`);
        add(majority, `Use the majority spelling ${quote(majority)}`);
        for (const s of g.spellings) add(s.text, `Use ${quote(s.text)}`);
        const related = g.spellings
          .filter((s) => s.text !== o.text)
          .map((s) => {
            const first = g.occurrences.find((x) => x.text === s.text)!;
            return { start: first.start, end: first.end, message: `${quote(s.text)} (${times(s.count)}) here` };
          });
        const what = g.kind === 'orthographic' ? 'written two ways' : 'spelled two ways';
        const data: NameVariantData = {
          kind: g.kind,
          spelling: o.text,
          reference,
          spellings: g.spellings.map((s) => ({ text: s.text, count: s.count })),
          entities,
          ...(styleForm ? { stylebook: styleForm } : {}),
        };
        findings.push({
          code: NAME_VARIANT,
          // Writing conventions (hamza on alif, ة/ه, ى/ي, tatweel) are common in clean copy: information only.
          severity: g.kind === 'orthographic' ? 'information' : 'warning',
          start: o.start,
          end: o.end,
          message: `Name ${what}: ${list}${styleForm ? `; the style book prefers ${quote(styleForm)}` : ''}.`,
          related,
          fixes,
          data,
        });
      }
    }
    return findings;
  },
};
