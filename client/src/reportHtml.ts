/**
 * The entity report's HTML (pure, so it is unit-tested without VS Code): a table of entities and a timeline of the
 * article's resolved dates. Colours come from the theme's CSS variables (light, dark, high contrast); the page is
 * right-to-left for Arabic articles. A click on a row posts `{ type: 'reveal', start, end }` to the extension.
 */
import type { EntityReport } from '../../server/src/protocol';

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const LABELS = {
  en: { title: 'Entity report', entities: 'Entities', type: 'Type', name: 'Name', spellings: 'Spellings', mentions: 'Mentions', role: 'Role', timeline: 'Timeline', none: 'No entities found.', noDates: 'No dates found.', unresolved: 'unresolved', published: 'Published', person: 'Person', organization: 'Organization', location: 'Place', date: 'Date', misc: 'Other' },
  ar: { title: 'تقرير الكيانات', entities: 'الكيانات', type: 'النوع', name: 'الاسم', spellings: 'الكتابات', mentions: 'عدد الذكر', role: 'الصفة', timeline: 'الخط الزمني', none: 'لا كيانات.', noDates: 'لا تواريخ.', unresolved: 'غير محدد', published: 'تاريخ النشر', person: 'شخص', organization: 'منظمة', location: 'مكان', date: 'تاريخ', misc: 'أخرى' },
} as const;

/** The body of the report (rows carry data-start/data-end). */
export function reportBody(r: EntityReport): string {
  const L = LABELS[r.language];
  const rows = r.entities
    .map((e) => {
      const m = e.mentions[0];
      return `<tr class="row" tabindex="0" data-start="${m.start}" data-end="${m.end}" data-type="${e.type}">` +
        `<td><span class="badge ${e.type}">${escapeHtml(L[e.type])}</span></td><td class="name">${escapeHtml(e.name)}</td>` +
        `<td>${escapeHtml(e.spellings.join('، '))}</td><td class="num">${e.mentions.length}</td><td>${escapeHtml(e.roles.join('، '))}</td></tr>`;
    })
    .join('');
  const dates = [...r.dates].sort((a, b) => (a.iso && b.iso ? a.iso.localeCompare(b.iso) : a.iso ? -1 : b.iso ? 1 : a.start - b.start));
  const timeline = dates
    .map((d) => `<li class="row" tabindex="0" data-start="${d.start}" data-end="${d.end}"><span class="day">${escapeHtml(d.iso ?? L.unresolved)}</span> <span class="what">${escapeHtml(d.text)}</span>${d.label ? ` <span class="label">${escapeHtml(d.label)}</span>` : ''}</li>`)
    .join('');
  return `<h1>${escapeHtml(r.headline ?? L.title)}</h1>` +
    (r.publicationDate ? `<p class="pub">${L.published}: ${escapeHtml(r.publicationDate)}</p>` : '') +
    `<h2>${L.entities} (${r.entities.length})</h2>` +
    (rows ? `<table id="entities"><thead><tr><th>${L.type}</th><th>${L.name}</th><th>${L.spellings}</th><th>${L.mentions}</th><th>${L.role}</th></tr></thead><tbody>${rows}</tbody></table>` : `<p>${L.none}</p>`) +
    `<h2>${L.timeline} (${dates.length})</h2>` +
    (timeline ? `<ol id="timeline">${timeline}</ol>` : `<p>${L.noDates}</p>`);
}

export function reportHtml(r: EntityReport, nonce: string, cspSource: string): string {
  const lang = r.language;
  return `<!DOCTYPE html>
<html lang="${lang}" dir="${lang === 'ar' ? 'rtl' : 'ltr'}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${cspSource} 'nonce-${nonce}'; script-src 'nonce-${nonce}';">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${LABELS[lang].title}</title>
<style nonce="${nonce}">
  body { color: var(--vscode-foreground); background: var(--vscode-editor-background); font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); padding: 0 1em 1em; }
  h1 { font-size: 1.3em; } h2 { font-size: 1.1em; margin-top: 1.4em; }
  table { border-collapse: collapse; width: 100%; }
  th, td { text-align: start; padding: 4px 8px; border-bottom: 1px solid var(--vscode-panel-border, var(--vscode-contrastBorder, transparent)); }
  th { color: var(--vscode-descriptionForeground); font-weight: 600; }
  .row { cursor: pointer; }
  .row:hover, .row:focus { background: var(--vscode-list-hoverBackground); outline: 1px solid var(--vscode-focusBorder, transparent); }
  .num { text-align: end; }
  .badge { padding: 1px 6px; border-radius: 8px; background: var(--vscode-badge-background); color: var(--vscode-badge-foreground); }
  .badge.person { background: var(--vscode-charts-blue, var(--vscode-badge-background)); color: var(--vscode-editor-background); }
  .badge.organization { background: var(--vscode-charts-purple, var(--vscode-badge-background)); color: var(--vscode-editor-background); }
  .badge.location { background: var(--vscode-charts-green, var(--vscode-badge-background)); color: var(--vscode-editor-background); }
  body.vscode-high-contrast .badge, body.vscode-high-contrast-light .badge { background: transparent; color: var(--vscode-foreground); border: 1px solid var(--vscode-contrastBorder); }
  ol { list-style: none; padding: 0; border-inline-start: 2px solid var(--vscode-charts-blue, var(--vscode-foreground)); }
  li { padding: 4px 12px; }
  .day { font-family: var(--vscode-editor-font-family); color: var(--vscode-textLink-foreground); }
  .label, .pub { color: var(--vscode-descriptionForeground); }
</style>
</head>
<body>
<main id="report">${reportBody(r)}</main>
<script nonce="${nonce}">
  const vscode = acquireVsCodeApi();
  const main = document.getElementById('report');
  function reveal(el) {
    const row = el.closest('.row');
    if (row) vscode.postMessage({ type: 'reveal', start: Number(row.dataset.start), end: Number(row.dataset.end) });
  }
  main.addEventListener('click', (e) => reveal(e.target));
  main.addEventListener('keydown', (e) => { if (e.key === 'Enter') reveal(e.target); });
  window.addEventListener('message', (e) => {
    const m = e.data;
    if (m && m.type === 'update') {
      document.documentElement.lang = m.language;
      document.documentElement.dir = m.language === 'ar' ? 'rtl' : 'ltr';
      main.innerHTML = m.html;
    }
  });
</script>
</body>
</html>`;
}
