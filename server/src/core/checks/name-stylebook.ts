/**
 * `name.stylebook`: a spelling the newsroom style book lists as a variant ('شويجو' where the book prefers 'شويغو').
 * The text is scanned for the listed spellings as whole words (Arabic clitics و ف ب ل ك ال… may precede them and
 * are kept by the fix). The style book holds plain strings only; they are escaped into one literal alternation,
 * so the scan stays linear and no user regular expression ever runs.
 */
import { indexStylebook, type Stylebook, type StylebookEntry } from '../stylebook/model';
import type { Finding, Language } from '../types';
import type { Rule } from './rule';

export const NAME_STYLEBOOK = 'name.stylebook';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\\/-]/g, '\\$&');

interface Compiled {
  re: RegExp;
  byVariant: Map<string, StylebookEntry>;
}
const cache = new WeakMap<Stylebook, Map<Language, Compiled | null>>();

function compile(sb: Stylebook, lang: Language): Compiled | null {
  let perLang = cache.get(sb);
  if (!perLang) cache.set(sb, (perLang = new Map()));
  if (perLang.has(lang)) return perLang.get(lang)!;
  const byVariant = new Map<string, StylebookEntry>();
  for (const e of indexStylebook(sb).entries) {
    if (e.language !== lang) continue;
    for (const v of e.variants) if (v && v !== e.preferred && !byVariant.has(v)) byVariant.set(v, e);
  }
  if (byVariant.size === 0) {
    perLang.set(lang, null);
    return null;
  }
  const alts = [...byVariant.keys()].sort((a, b) => b.length - a.length).map(escape).join('|');
  const prefix = lang === 'ar' ? '(?:[وف]?(?:[بلك]|ال|بال|لل|كال)?)' : '';
  const re = new RegExp(`(?<![\\p{L}\\p{M}\\p{N}])${prefix}(${alts})(?![\\p{L}\\p{M}\\p{N}])`, lang === 'en' ? 'gdu' : 'gdu');
  const c = { re, byVariant };
  perLang.set(lang, c);
  return c;
}

export const nameStylebookRule: Rule = {
  codes: [NAME_STYLEBOOK],
  defaultSeverity: 'warning',
  run({ article, options }) {
    const sb = options.stylebook;
    if (!sb) return [];
    const c = compile(sb, article.language);
    if (!c) return [];
    const out: Finding[] = [];
    c.re.lastIndex = 0;
    for (let m = c.re.exec(article.text); m; m = c.re.exec(article.text)) {
      const [s, e] = m.indices![1]!;
      const variant = m[1];
      const entry = c.byVariant.get(variant)!;
      out.push({
        code: NAME_STYLEBOOK,
        severity: 'warning',
        start: s,
        end: e,
        message: `The style book prefers '${entry.preferred}' to '${variant}'${entry.note ? ` (${entry.note})` : ''}.`,
        related: [],
        fixes: [{ title: `Use the style-book spelling '${entry.preferred}'`, edits: [{ start: s, end: e, newText: entry.preferred }], preferred: true }],
        data: { preferred: entry.preferred, variant },
      });
    }
    return out;
  },
};
