/**
 * `name.first-mention`: the first mention of a person in the body (the headline is exempt) is a bare surname while
 * the full name only comes later ('قال لافروف … وأكد سيرغي لافروف'). Fix: write the full name at the first mention.
 */
import { foldName, nameParts } from '../names/match';
import type { Finding } from '../types';
import type { Rule } from './rule';

export const NAME_FIRST_MENTION = 'name.first-mention';

export const nameFirstMentionRule: Rule = {
  codes: [NAME_FIRST_MENTION],
  defaultSeverity: 'information',
  run({ article }) {
    const lang = article.language;
    const bodyStart = article.structure.headline?.end ?? 0;
    const out: Finding[] = [];
    for (const e of article.entities) {
      if (e.type !== 'person') continue;
      const body = e.mentions.filter((m) => m.start >= bodyStart);
      if (body.length < 2) continue;
      const first = body[0];
      const firstParts = nameParts(first.text, lang);
      if (firstParts.length !== 1) continue;
      const key = foldName(firstParts[0].text, lang);
      const full = body.find((m) => {
        const parts = nameParts(m.text, lang);
        return parts.length >= 2 && foldName(parts[parts.length - 1].text, lang) === key;
      });
      if (!full) continue;
      out.push({
        code: NAME_FIRST_MENTION,
        severity: 'information',
        start: first.start,
        end: first.end,
        message: `First mention in the body is the bare name '${first.text}'; the full name '${full.text}' only comes later.`,
        related: [{ start: full.start, end: full.end, message: `full name '${full.text}'` }],
        fixes: [{ title: `Write the full name '${full.text}' here`, edits: [{ start: first.start, end: first.end, newText: full.text }], preferred: true }],
        data: { entity: e.id, fullName: full.text, bare: first.text },
      });
    }
    return out;
  },
};
