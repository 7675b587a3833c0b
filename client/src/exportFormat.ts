/** 'Export Entities': the entity report as JSON or CSV (RFC 4180, UTF-8 with BOM so spreadsheet apps read Arabic). */
import type { EntityReport } from '../../server/src/protocol';

export function toJson(report: EntityReport, file: string): string {
  return JSON.stringify(
    {
      file,
      language: report.language,
      publicationDate: report.publicationDate ?? null,
      entities: report.entities.map((e) => ({
        type: e.type,
        name: e.name,
        spellings: e.spellings,
        roles: e.roles,
        mentions: e.mentions.map((m) => ({ start: m.start, end: m.end, line: m.line + 1, text: m.text })),
      })),
      dates: report.dates.map((d) => ({ text: d.text, kind: d.kind, date: d.iso ?? null, line: d.line + 1, start: d.start, end: d.end })),
    },
    null,
    2,
  ) + '\n';
}

function cell(s: string | number): string {
  const t = String(s);
  return /[",\r\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
}

export function toCsv(report: EntityReport): string {
  const rows: Array<Array<string | number>> = [['type', 'name', 'spellings', 'roles', 'mentions', 'first_line', 'date']];
  for (const e of report.entities) rows.push([e.type, e.name, e.spellings.join('; '), e.roles.join('; '), e.mentions.length, (e.mentions[0]?.line ?? 0) + 1, '']);
  for (const d of report.dates) rows.push(['date', d.text, '', '', 1, d.line + 1, d.iso ?? '']);
  return '\uFEFF' + rows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}
