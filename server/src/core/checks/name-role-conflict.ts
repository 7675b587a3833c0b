/**
 * `name.role-conflict`: one person given two incompatible roles ('وزير الخارجية' … 'وزير الدفاع'). Roles come
 * from the linker (`Entity.roles`); when it gave none, the role written just before each mention is read.
 * Only same head + two different known portfolios conflict (see names/roles.ts). No fix: which role is wrong
 * (or whether the name is) is the editor's call.
 */
import { roleBefore, rolesConflict } from '../names/roles';
import type { Finding, Role } from '../types';
import type { Rule } from './rule';

export const NAME_ROLE_CONFLICT = 'name.role-conflict';

export const nameRoleConflictRule: Rule = {
  codes: [NAME_ROLE_CONFLICT],
  defaultSeverity: 'warning',
  run({ article }) {
    const lang = article.language;
    const out: Finding[] = [];
    for (const e of article.entities) {
      if (e.type !== 'person') continue;
      let roles: Role[] = e.roles;
      if (roles.length === 0) {
        roles = [];
        for (const m of e.mentions) {
          const r = roleBefore(article.text, m.start, lang);
          if (r && !roles.some((x) => x.start === r.start)) roles.push(r);
        }
      }
      for (let j = 1; j < roles.length; j++) {
        const earlier = roles.slice(0, j).find((r) => rolesConflict(r.text, roles[j].text, lang));
        if (!earlier) continue;
        out.push({
          code: NAME_ROLE_CONFLICT,
          severity: 'warning',
          start: roles[j].start,
          end: roles[j].end,
          message: `'${e.name}' is '${roles[j].text}' here but '${earlier.text}' earlier.`,
          related: [{ start: earlier.start, end: earlier.end, message: `'${earlier.text}'` }],
          fixes: [],
          data: { entity: e.id, name: e.name, roles: [earlier.text, roles[j].text] },
        });
      }
    }
    return out;
  },
};
