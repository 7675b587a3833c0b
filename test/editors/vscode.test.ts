/**
 * The product as a user sees it: real VS Code (code-server, installed by scripts/setup-editors.mjs) in headless
 * Chromium, with Article Lens installed from the .vsix that `npm run package` makes. Opens the Arabic seed, waits for the extension, reads the
 * Outline and hover cards from the page, and saves screenshots under test-results/. Every wait is on an element or
 * an event of the page; nothing sleeps for a fixed time.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { packageVsix } from '../manifest/vsix';
import { cliDiagnostics, cliEntities, entityAt, groupTitle, repoRoot, seedFile, type CliEntity } from './expected';

const seedName = path.basename(seedFile);
const shots = path.join(repoRoot, 'test-results');
const seedText = fs.readFileSync(seedFile, 'utf8');
const headline = seedText.split('\n')[0];

// Imported at run time: ESM helpers shared with scripts/start.mjs.
type CodeServer = { url: string; stop(): Promise<void>; output: string[] };
// The functions passed to page.evaluate/waitForFunction run in the browser; the project compiles without the DOM
// library (the core must not use it), so these names are declared here, for this module only.
declare const document: any;
declare const NodeFilter: any;

describe('editors: VS Code (code-server in headless Chromium)', function () {
  this.timeout(120_000);
  let workDir: string;
  let cs: CodeServer | undefined;
  let ctx: BrowserContext | undefined;
  let page: Page;
  let entities: CliEntity[];
  let seedsDir: string;
  /** An article with a planted wrong weekday (29 November 2016 was a Tuesday). */
  const planted = { name: 'planted_weekday.txt', text: 'محادثات في موسكو\nموسكو - التقى الوزيران يوم الجمعة 29 نوفمبر 2016 في مقر الوزارة.\n' };

  async function shot(name: string): Promise<void> {
    fs.mkdirSync(shots, { recursive: true });
    await page.screenshot({ path: path.join(shots, `vscode-${name}.png`) });
  }

  /** A smaller, clipped picture for the README (copied to docs/images/ by hand when it improves). */
  async function readmeShot(name: string, clip: { x: number; y: number; width: number; height: number }): Promise<void> {
    fs.mkdirSync(shots, { recursive: true });
    await page.screenshot({ path: path.join(shots, `readme-${name}.png`), clip });
  }

  async function runCommand(title: string): Promise<void> {
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill(`>${title}`);
    await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor();
    await page.keyboard.press('Enter');
    await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  }

  /** Hovers the middle of the first occurrence of `needle` on the editor line whose text starts like `lineStart`. */
  async function hoverText(lineStart: string, needle: string): Promise<string> {
    const box = await page.evaluate(({ lineStart, needle }) => {
      for (const line of Array.from<any>(document.querySelectorAll('.monaco-editor .view-lines .view-line'))) {
        if (!(line.textContent ?? '').replace(/\u00a0/g, ' ').startsWith(lineStart)) continue;
        const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          const i = (n.textContent ?? '').indexOf(needle);
          if (i < 0) continue;
          const r = document.createRange();
          r.setStart(n, i);
          r.setEnd(n, i + needle.length);
          const b = r.getBoundingClientRect();
          return { x: b.left + b.width / 2, y: b.top + b.height / 2 };
        }
      }
      return null;
    }, { lineStart, needle });
    assert.ok(box, `'${needle}' is visible in the editor`);
    // Move away first so a hover already showing for another word is replaced.
    await page.mouse.move(5, 5);
    await page.locator('.monaco-hover:visible').waitFor({ state: 'hidden' }).catch(() => undefined);
    await page.mouse.move(box.x, box.y, { steps: 4 });
    const hover = page.locator('.monaco-hover:visible .monaco-hover-content, .monaco-hover:visible .hover-contents').first();
    await hover.waitFor({ state: 'visible' });
    // The content arrives after the widget: wait until it holds more than the "Loading..." placeholder.
    await page.waitForFunction(() => {
      const el = Array.from<any>(document.querySelectorAll('.monaco-hover')).find((e) => e.offsetParent !== null);
      const t = el?.textContent ?? '';
      return t.length > 0 && !/^Loading/.test(t.trim());
    });
    return (await page.locator('.monaco-hover:visible').first().innerText()).trim();
  }

  before(async function () {
    const env = await import('../../scripts/editors-env.mjs');
    if (!fs.existsSync(env.codeServerBin) || !fs.existsSync(env.chromiumBin)) {
      throw new Error('code-server or chromium is missing: run `node scripts/setup-editors.mjs` (npm test does it first)');
    }
    for (const f of ['dist/extension.js', 'dist/server.js']) assert.ok(fs.existsSync(path.join(repoRoot, f)), `${f} is built (npm run build)`);
    entities = cliEntities(seedFile);
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'article-lens-vscode-'));
    // The workspace: a copy of seeds/ (named seeds, so the filenamePatterns make its .txt files articles) plus the
    // planted article.
    seedsDir = path.join(workDir, 'seeds');
    fs.cpSync(path.join(repoRoot, 'seeds'), seedsDir, { recursive: true });
    fs.writeFileSync(path.join(seedsDir, planted.name), planted.text);
    const { startCodeServer, installVsix } = await import('../../scripts/code-server.mjs');
    await installVsix(workDir, packageVsix());
    const installed = fs.readdirSync(path.join(workDir, 'extensions'));
    assert.ok(installed.some((d) => d.startsWith('article-lens.article-lens-')), `the .vsix installed: ${installed.join(', ')}`);
    cs = await startCodeServer({ workDir, folder: seedsDir, linkExtension: false, settings: { 'outline.collapseItems': 'alwaysCollapse', 'editor.wordWrap': 'on' } });
    const { chromium } = await import('playwright-core');
    ctx = await chromium.launchPersistentContext(path.join(workDir, 'browser'), {
      executablePath: env.chromiumBin,
      headless: true,
      viewport: { width: 1280, height: 860 },
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    page = ctx.pages()[0] ?? (await ctx.newPage());
    page.setDefaultTimeout(45_000);
    await page.goto(`${cs!.url}/?folder=${encodeURIComponent(seedsDir)}`);
    await page.locator('.monaco-workbench').waitFor();
  });

  after(async () => {
    await ctx?.close().catch(() => undefined);
    await cs?.stop();
    if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && page) {
      await shot(`failed-${(this.currentTest.title.split(':')[0] ?? 'test').replace(/\W+/g, '-')}`).catch(() => undefined);
      if (cs) console.log(cs.output.slice(-15).join('\n'));
    }
  });

  it('opens the seed as an Article and the extension activates (status bar item)', async () => {
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: seedName }).click();
    await page.locator('.monaco-editor .view-lines .view-line').first().waitFor();
    await page.locator('#status\\.editor\\.mode', { hasText: 'Article' }).waitFor();
    // The status bar item appears on activation and says 'Article Lens: …' in its label once the server answers.
    const item = page.locator('[id="article-lens.article-lens.articleLens.status"]');
    await item.waitFor();
    await page.waitForFunction(() => {
      const el = document.getElementById('article-lens.article-lens.articleLens.status');
      const label = el?.getAttribute('aria-label') ?? '';
      return /Article Lens/.test(label) && !/starting/.test(label);
    });
    const label = (await item.getAttribute('aria-label')) ?? '';
    const persons = entities.filter((e) => e.type !== 'date').length;
    if (/entities/.test(label)) {
      const n = Number(/(\d+) entities/.exec(label)?.[1]);
      assert.ok(Number.isInteger(n), `entity count in '${label}'`);
      assert.ok(n >= persons, `status bar counts ${n} entities, the CLI finds ${persons} non-date entities`);
    }
    await shot('1-activated');
  });

  it('the Outline shows the Structure group with the headline, and a group for each entity type the core finds', async () => {
    await runCommand('Focus on Outline View');
    // Collapse the folder section of the Explorer so the Outline gets the height of the side bar.
    const folders = page.locator('.pane-header', { hasText: 'seeds' }).first();
    if ((await folders.getAttribute('aria-expanded')) === 'true') await folders.click();
    const rows = page.locator('.outline-pane .monaco-list-row');
    await rows.filter({ hasText: 'Structure' }).first().waitFor();
    const wantGroups = ['Structure', ...new Set(entities.map((e) => groupTitle[e.type]))];
    await page.waitForFunction((want) => {
      const labels = Array.from<any>(document.querySelectorAll('.outline-pane .monaco-list-row[aria-level="1"]')).map((r) => String(r.textContent ?? ''));
      return want.every((w: string) => labels.some((l) => l.startsWith(w)));
    }, wantGroups);
    const top = (await page.locator('.outline-pane .monaco-list-row[aria-level="1"]').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
    for (const g of wantGroups) assert.ok(top.some((t) => t.startsWith(g)), `Outline group '${g}' in ${JSON.stringify(top)}`);

    // Open Structure: its first child is the headline.
    await rows.filter({ hasText: 'Structure' }).first().click();
    await page.keyboard.press('ArrowRight');
    const headRow = page.locator('.outline-pane .monaco-list-row[aria-level="2"]').first();
    await headRow.waitFor();
    const headText = (await headRow.innerText()).replace(/\s+/g, ' ');
    assert.ok(headText.includes(headline.slice(0, 20)), `first Structure entry is the headline: '${headText}'`);
    assert.ok(/headline/i.test(headText), `with detail 'headline': '${headText}'`);
    await page.keyboard.press('ArrowLeft');

    // Open each entity group in turn: its first entity (order of first appearance) is there by name.
    for (const type of ['person', 'organization', 'location'] as const) {
      const first = entities.find((e) => e.type === type);
      if (!first) continue;
      const group = rows.filter({ hasText: groupTitle[type] }).first();
      await group.click();
      await page.keyboard.press('ArrowRight');
      await page.locator('.outline-pane .monaco-list-row[aria-level="2"]', { hasText: first.name }).first().waitFor();
      await shot(`2-outline-${type}`);
      if (type === 'person') await readmeShot('outline', { x: 0, y: 0, width: 1280, height: 420 });
      await page.keyboard.press('ArrowLeft');
    }
    await rows.filter({ hasText: 'Structure' }).first().click();
    await page.keyboard.press('ArrowRight');
    await page.locator('.outline-pane .monaco-list-row[aria-level="2"]').first().waitFor();
    await shot('2-outline');
  });

  it('hovers: the headline card on a headline word, the entity card on a name', async () => {
    // Click into the editor so hovers go to it (the Outline had focus).
    await page.locator('.monaco-editor .view-lines').first().click({ position: { x: 10, y: 10 } });
    // A headline word that is no entity: the headline card (labels in the article's language: العنوان).
    const plain = headline.split(/[\s:،]+/).find((w) => w.length > 3 && !entityAt(entities, headline.indexOf(w)))!;
    const h1 = await hoverText(headline.slice(0, 10), plain);
    assert.match(h1, /العنوان|Headline/, `hover on '${plain}': ${h1}`);
    await shot('3-hover-headline');

    // The surname in the headline: the entity card when the core finds the person, else still the headline card.
    const at = headline.indexOf('لافروف');
    const person = entityAt(entities, at);
    const h2 = await hoverText(headline.slice(0, 10), 'لافروف');
    if (person) {
      assert.ok(h2.includes(person.name) || h2.includes('لافروف'), `hover on لافروف shows ${person.name}: ${h2}`);
    } else {
      assert.match(h2, /العنوان|Headline|لافروف/, `hover on لافروف: ${h2}`);
    }
    await shot('3-hover');
    await readmeShot('hover', { x: 0, y: 0, width: 1280, height: 300 });
  });

  it('diagnostics: the seed has as many warnings as the CLI finds; a wrong weekday is flagged, listed in Problems and fixed by its quick fix', async () => {
    const findings = cliDiagnostics(seedFile).filter((d) => d.severity === 'error' || d.severity === 'warning');
    const label = (await page.locator('#status\\.problems').getAttribute('aria-label')) ?? '';
    if (findings.length === 0) assert.match(label, /No Problems|^0|, 0 Warnings/i, `no warnings expected on the seed: '${label}'`);

    // The folder section was collapsed for the Outline: open it again.
    const folders = page.locator('.pane-header', { hasText: 'seeds' }).first();
    if ((await folders.getAttribute('aria-expanded')) !== 'true') await folders.click();
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: planted.name }).click();
    await page.locator('.tab.active', { hasText: planted.name }).waitFor();
    // The squiggle, then the Problems panel entry.
    await page.locator('.monaco-editor .squiggly-warning').first().waitFor();
    await runCommand('Problems: Focus on Problems View');
    const row = page.locator('.markers-panel .monaco-list-row', { hasText: 'الثلاثاء' }).first();
    await row.waitFor();
    const rowText = await row.innerText();
    assert.match(rowText, /date\.weekday-mismatch/, `Problems row shows the code: ${rowText}`);
    await shot('4-problems');

    // The quick fix on the date: the light bulb lists the fixes; the first writes the right weekday.
    await row.click();
    await page.keyboard.press('Enter');
    // The light bulb appears once the editor has the code actions for the selected range; it opens the same menu
    // as Ctrl+. (a key press could land before the editor has focus).
    const bulb = page.locator('.monaco-editor.focused .lightBulbWidget');
    await bulb.waitFor({ state: 'visible' });
    await bulb.click();
    const widget = page.locator('.action-widget:not(.action-list-submenu-panel)').first();
    await widget.waitFor({ state: 'visible' });
    const items = (await widget.locator('.monaco-list-row').allInnerTexts()).map((t) => t.trim());
    assert.ok(items.some((t) => t.includes('الثلاثاء')), `a fix writes الثلاثاء: ${JSON.stringify(items)}`);
    await shot('5-quick-fix');
    await readmeShot('quick-fix', { x: 352, y: 36, width: 928, height: 200 });
    await widget.locator('.monaco-list-row', { hasText: 'الثلاثاء' }).first().click();
    await page.waitForFunction(() => (document.querySelector('.monaco-editor.focused .view-lines')?.textContent ?? '').includes('الثلاثاء'));
    await page.locator('.monaco-editor .squiggly-warning').waitFor({ state: 'detached' });
    await page.locator('.markers-panel .monaco-list-row', { hasText: 'weekday-mismatch' }).waitFor({ state: 'detached' });
  });

  it('Show Entity Report opens the report beside the article, listing the people the core finds', async () => {
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: seedName }).click();
    await page.locator('.tab.active', { hasText: seedName }).waitFor();
    await runCommand('Article Lens: Show Entity Report');
    // A webview: an iframe (VS Code's host page) holding the extension's iframe.
    const frame = page.frameLocator('iframe.webview.ready').frameLocator('iframe');
    const body = frame.locator('body');
    await body.waitFor();
    const person = entities.find((e) => e.type === 'person');
    if (person) await frame.locator('body', { hasText: person.name }).waitFor();
    const text = await body.innerText();
    assert.ok(text.length > 20, `the report has content: ${text.slice(0, 200)}`);
    for (const e of entities.filter((x) => x.type === 'person').slice(0, 3)) assert.ok(text.includes(e.name), `${e.name} in the report`);
    await shot('6-report');
    await readmeShot('report', { x: 352, y: 36, width: 928, height: 560 });
  });
});
