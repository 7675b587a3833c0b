/**
 * The language server: LSP handlers only. Each handler finds the document, asks the core (through the
 * per-version cache) and converts the answer with a feature module (features/*). Nothing here analyzes text.
 *
 * Scheduling: an open document has one core `Analyzer` (re-analysis reuses unchanged parts); an analysis waits until
 * the changes already received are applied, so a superseded version is never analyzed; a document longer than
 * core/chunked.ts PIECEWISE_ABOVE is analyzed piece by piece between other messages (progress, cancelled by a newer
 * version or close; hover and symbols answered from the pieces done; one Analyzer per piece, so after an edit only
 * the changed piece is analyzed again). The workspace scan sends files to the host's
 * worker threads (node/indexer.ts) and keeps only their small summaries (features/summary.ts).
 *
 * Everything the server needs from outside comes in through `startServer(connection, { resources, host })`:
 * the loaded models (`Resources`, passed to `analyze`) and the file-system host (style book, workspace scan;
 * see node/host.ts). Without a host the server works on open documents only.
 */
import {
  CancellationToken,
  CodeActionKind,
  Connection,
  Diagnostic,
  DidChangeConfigurationNotification,
  DocumentSymbol,
  DocumentDiagnosticReport,
  DocumentDiagnosticReportKind,
  Hover,
  InitializeResult,
  ResponseError,
  SemanticTokens,
  SymbolInformation,
  SymbolKind,
  TextDocuments,
  TextDocumentSyncKind,
  WorkDoneProgressReporter,
  WorkDoneProgressServerReporter,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Analyzer, type AnalyzeOptions } from './core/analyze';
import { analyzeBounded, ChunkedAnalysis, DEFAULT_PIECE_CHARS, PIECEWISE_ABOVE, PieceAnalyzers } from './core/chunked';
import { WorkspaceNameIndex } from './core/names/workspace';
import type { Resources } from './core/resources';
import type { Stylebook } from './core/stylebook/model';
import { detectLanguage } from './core/text/language';
import type { Position } from './core/text/lines';
import type { Article, Finding, Severity } from './core/types';
import { codeActions, FIX_ALL_KIND, fixAllEdits } from './features/codeActions';
import { Converter, toDiagnostic } from './features/convert';
import { hover } from './features/hover';
import { localizeFinding } from './features/localize';
import { inlayHints } from './features/inlayHints';
import { documentHighlights, prepareRename, references, rename } from './features/navigation';
import { entityReport } from './features/report';
import { legend, semanticTokens } from './features/semanticTokens';
import { documentSymbols } from './features/symbols';
import { english, messages, type Messages } from './l10n';
import type { ServerHost, StylebookFileProblem } from './node/host';
import type { IndexOutcome } from './node/indexer';
import { articleOptions, fileName, indexFile, LinePositions } from './features/summary';
import {
  ArticleSummary,
  ArticleSummaryParams,
  CheckWorkspaceParams,
  CheckWorkspaceResult,
  defaultSettings,
  EntityReport,
  FixAllResult,
  InitializationOptions,
  Notifications,
  Requests,
  Settings,
} from './protocol';

interface Analysis {
  version: number;
  article: Article;
  conv: Converter;
  /** The pieces analyzed so far of a piecewise run still in progress (see `Run`): answers, but not diagnostics. */
  partial?: boolean;
  /** Results that depend only on this version, computed on first request (the Outline asks often, and is large). */
  symbols?: DocumentSymbol[];
  tokens?: SemanticTokens;
}

export interface ServerOptions {
  /** Where log lines go (defaults to the connection console). */
  log?: (msg: string) => void;
  /** Loaded models (NER taggers), passed to every `analyze`. */
  resources?: Resources;
  /** File access (style book, workspace indexing). main.ts passes the Node host. */
  host?: ServerHost;
}

/** UTF-8 byte length without Node's Buffer. */
function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

function mergeSettings(s: unknown): Settings {
  const o = s && typeof s === 'object' ? (s as Partial<Settings>) : {};
  return {
    ...defaultSettings,
    ...o,
    diagnostics: o.diagnostics && typeof o.diagnostics === 'object' ? o.diagnostics : {},
    workspaceIndex: { ...defaultSettings.workspaceIndex, ...(o.workspaceIndex && typeof o.workspaceIndex === 'object' ? o.workspaceIndex : {}) },
  };
}

export const TOO_LARGE = 'file.too-large';


/**
 * A piecewise analysis (core/chunked.ts) of one version of an open document longer than PIECEWISE_ABOVE, driven by
 * `drive` one piece per turn of the event loop, so requests are answered between pieces and a newer version
 * abandons the run.
 */
interface Run {
  uri: string;
  version: number;
  job: ChunkedAnalysis;
  conv: Converter;
  cancelled: boolean;
  /** The partial Analysis of `job.done` pieces, rebuilt when more pieces are done. */
  partial?: Analysis;
  partialPieces?: number;
  /** The complete Analysis, or undefined when the run was abandoned. */
  finished: Promise<Analysis | undefined>;
}

/** An Article with nothing in it but one information finding: the file is over `articleLens.maxFileSizeKB`. */
function tooLargeArticle(text: string, kb: number, limit: number, t: Messages): Article {
  const nl = text.indexOf('\n');
  const end = nl >= 0 ? nl : text.length;
  return {
    text,
    language: detectLanguage(text, 2000),
    structure: { paragraphs: [], quotations: [] },
    entities: [],
    dates: [],
    diagnostics: [{ code: TOO_LARGE, severity: 'information', start: 0, end: Math.min(end, 200), message: t('tooLarge', kb, limit), related: [], fixes: [] }],
  };
}

/** Scan outcomes that may wait behind a slow earlier file before the workspace scan gives out more jobs. */
const MAX_WAITING = 64;

export function startServer(connection: Connection, options: ServerOptions = {}): void {
  const log = options.log ?? ((m: string) => connection.console.log(m));
  const resources: Resources = options.resources ?? {};
  const host = options.host;
  const documents = new TextDocuments(TextDocument);
  const cache = new Map<string, Analysis>();
  const settingsByUri = new Map<string, Settings>();
  let globalSettings: Settings = defaultSettings;
  let hasConfiguration = false;
  let pullDiagnostics = false;
  let diagnosticRefresh = false;
  let semanticRefresh = false;
  let inlayRefresh = false;
  let progressSupport = false;
  let workspaceFoldersSupport = false;
  let trusted = true;
  let t: Messages = english;
  let locale: string | undefined;
  let htmlHover = false;
  let folders: string[] = [];
  /** The cross-article name index (workspace symbols, name.variant-across) and line indexes of indexed files. */
  const index = new WorkspaceNameIndex();
  const lineIndexes = new Map<string, { positionAt(offset: number): Position }>();
  let indexing: { cancel: () => void } | undefined;
  /**
   * Bumped whenever something besides a document's own text can change its diagnostics (settings, trust, style book,
   * another article entering the name index): a pull report's resultId is `version.generation`, and a client that
   * already holds that id gets 'unchanged'.
   */
  let generation = 0;
  /** Files whose diagnostics 'Check Workspace' pushed; once opened, a pulling client gets them by pull instead. */
  const pushedByScan = new Set<string>();

  /** Every handler goes through here: a failure is logged and answered with an empty result. */
  function runSafe<T>(name: string, empty: T, fn: () => T): T {
    try {
      return fn();
    } catch (e) {
      log(`[error] ${name}: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
      return empty;
    }
  }

  function folderOf(uri: string): string | undefined {
    let best: string | undefined;
    for (const f of folders) {
      const prefix = f.endsWith('/') ? f : f + '/';
      if (uri.startsWith(prefix) && (!best || f.length > best.length)) best = f;
    }
    return best;
  }

  function settingsFor(uri: string): Settings {
    return settingsByUri.get(uri) ?? globalSettings;
  }

  async function ensureSettings(uri: string): Promise<Settings> {
    const have = settingsByUri.get(uri);
    if (have || !hasConfiguration) return have ?? globalSettings;
    try {
      const s = mergeSettings(await connection.workspace.getConfiguration({ scopeUri: uri, section: 'articleLens' }));
      settingsByUri.set(uri, s);
      const cached = cache.get(uri);
      if (cached) cache.delete(uri); // analyzed with defaults before the settings arrived
      cancelRun(uri);
      return s;
    } catch (e) {
      log(`[warn] could not read settings: ${String(e)}`);
      return globalSettings;
    }
  }

  function stylebookFor(uri: string, s: Settings): Stylebook | undefined {
    if (!trusted || !host || !s.stylebookPath) return undefined;
    const folder = folderOf(uri);
    if (!folder) return undefined;
    const sb = host.stylebook(folder, s.stylebookPath);
    if (sb?.uri) publishStylebookProblems(sb.uri, sb.problems);
    return sb?.stylebook;
  }

  /** Problems of a style book file (and the dictionaries it imports) go to Problems, on those files. */
  const bookProblems = new Map<string, string>();
  function publishStylebookProblems(bookUri: string, problems: StylebookFileProblem[]): void {
    const byUri = new Map<string, Diagnostic[]>([[bookUri, []]]);
    for (const p of problems) {
      const list = byUri.get(p.uri) ?? [];
      list.push({
        range: { start: { line: p.line, character: p.character }, end: { line: p.line, character: p.character + 1 } },
        severity: p.severity === 'error' ? 1 : 2,
        code: 'stylebook.problem',
        source: 'Article Lens',
        message: p.message,
      });
      byUri.set(p.uri, list);
    }
    for (const [uri, diagnostics] of byUri) {
      const sig = JSON.stringify(diagnostics);
      if (bookProblems.get(uri) === sig) continue;
      bookProblems.set(uri, sig);
      if (diagnostics.length) log(`[warn] style book ${uri}: ${diagnostics.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.message}`).join('; ')}`);
      void connection.sendDiagnostics({ uri, diagnostics });
    }
  }

  function analyzeOptions(uri: string, s: Settings): AnalyzeOptions {
    return articleOptions(uri, s, stylebookFor(uri, s));
  }

  /**
   * What re-analysis of an open document reuses: one core `Analyzer` (re-analysis after an edit reuses what the
   * previous version computed of unchanged regions and lines; same result as `analyze`, see core/analyze.ts), or for
   * a document analyzed piece by piece one Analyzer per piece (core/chunked.ts PieceAnalyzers). One or the other,
   * whichever way the last version was analyzed; dropped when the document closes.
   */
  const reusable = new Map<string, Analyzer | PieceAnalyzers>();

  function reusableOf<T extends Analyzer | PieceAnalyzers>(uri: string, kind: new () => T): T {
    const r = reusable.get(uri);
    if (r instanceof kind) return r;
    const fresh = new kind();
    reusable.set(uri, fresh);
    return fresh;
  }

  function analyzeText(uri: string, text: string, s: Settings, analyzer?: Analyzer): Article {
    const bytes = utf8Length(text);
    if (bytes > s.maxFileSizeKB * 1024) return tooLargeArticle(text, Math.round(bytes / 1024), s.maxFileSizeKB, t);
    if (analyzer && text.length <= PIECEWISE_ABOVE) return analyzer.analyze(text, analyzeOptions(uri, s), resources);
    return analyzeBounded(text, analyzeOptions(uri, s), resources);
  }

  /** Piecewise runs in progress, by document URI (at most one each: a newer version cancels the older run). */
  const runs = new Map<string, Run>();

  function cancelRun(uri: string): void {
    const r = runs.get(uri);
    if (!r) return;
    r.cancelled = true;
    runs.delete(uri);
  }

  function partialOf(run: Run): Analysis {
    if (!run.partial || run.partialPieces !== run.job.done) {
      run.partial = { version: run.version, article: run.job.result(), conv: run.conv, partial: true };
      run.partialPieces = run.job.done;
    }
    return run.partial;
  }

  function startRun(uri: string, version: number, text: string, s: Settings): Run {
    cancelRun(uri);
    const run: Run = {
      uri,
      version,
      job: new ChunkedAnalysis(text, analyzeOptions(uri, s), resources, DEFAULT_PIECE_CHARS, reusableOf(uri, PieceAnalyzers)),
      conv: new Converter(uri, text),
      cancelled: false,
      finished: Promise.resolve(undefined),
    };
    runs.set(uri, run);
    run.finished = drive(run, s);
    return run;
  }

  /**
   * One piece per turn of the event loop (setImmediate), so hover, symbols and new changes are handled between
   * pieces; stops as soon as the document has a newer version, is closed, or settings changed. Progress goes to the
   * client when it supports server-initiated work-done progress. When complete: cached, indexed, and the client
   * told (pushed diagnostics, or a diagnostic refresh for a pulling client).
   */
  async function drive(run: Run, s: Settings): Promise<Analysis | undefined> {
    const stale = () => run.cancelled || documents.get(run.uri)?.version !== run.version;
    let reporter: WorkDoneProgressServerReporter | undefined;
    if (progressSupport) {
      try {
        reporter = await connection.window.createWorkDoneProgress();
        reporter.begin(`Article Lens: ${fileName(run.uri)}`, 0, `0/${run.job.pieces.length}`, false);
      } catch {
        reporter = undefined;
      }
    }
    let last = 0;
    try {
      for (;;) {
        await new Promise((res) => setImmediate(res));
        if (stale()) return undefined;
        if (run.job.step()) break;
        const now = Date.now();
        if (reporter && now - last > 100) {
          last = now;
          reporter.report(Math.floor((run.job.done * 100) / run.job.pieces.length), `${run.job.done}/${run.job.pieces.length}`);
        }
      }
    } catch (e) {
      log(`[error] analysis of ${run.uri}: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
      return undefined;
    } finally {
      reporter?.done();
      if (runs.get(run.uri) === run) runs.delete(run.uri);
    }
    if (stale()) return undefined;
    const a: Analysis = { version: run.version, article: run.job.result(), conv: run.conv };
    cache.set(run.uri, a);
    if (indexOn(s)) {
      toIndex.add(run.uri);
      generation++;
    }
    if (!pullDiagnostics) void publish(run.uri);
    else if (diagnosticRefresh) void connection.languages.diagnostics.refresh().catch(() => undefined);
    return a;
  }

  /**
   * The complete analysis of the document's current version: waits for a piecewise run (and for the run of any
   * newer version that replaces it); undefined when the document is closed or `cancelled()`.
   */
  async function complete(uri: string, cancelled: () => boolean): Promise<Analysis | undefined> {
    for (;;) {
      const a = get(uri);
      if (!a || !a.partial) return a;
      const run = runs.get(uri);
      if (!run) return undefined;
      await run.finished;
      if (cancelled()) return undefined;
    }
  }

  function indexOn(s: Settings): boolean {
    return trusted && s.workspaceIndex.enabled;
  }

  function get(uri: string): Analysis | undefined {
    const doc = documents.get(uri);
    if (!doc) return undefined;
    const cached = cache.get(uri);
    if (cached && cached.version === doc.version) return cached;
    const run = runs.get(uri);
    if (run && run.version === doc.version) return partialOf(run);
    const text = doc.getText();
    const s = settingsFor(uri);
    if (text.length > PIECEWISE_ABOVE && utf8Length(text) <= s.maxFileSizeKB * 1024) return partialOf(startRun(uri, doc.version, text, s));
    cancelRun(uri);
    const article = analyzeText(uri, text, s, reusableOf(uri, Analyzer));
    const a: Analysis = { version: doc.version, article, conv: new Converter(uri, text) };
    cache.set(uri, a);
    if (indexOn(s)) {
      toIndex.add(uri);
      generation++;
    }
    return a;
  }

  /**
   * Open documents whose latest analysis is not yet in the name index. Adding a long article to the index costs a few
   * milliseconds (~6 ms at 10k words), so it is done when the index is read (`flushIndex`), and not at all while no
   * other article could give this one a cross-file finding.
   */
  const toIndex = new Set<string>();
  function flushIndex(): void {
    for (const uri of toIndex) {
      const a = cache.get(uri);
      if (!a || a.partial) continue;
      index.set(uri, a.article);
      lineIndexes.set(uri, a.conv.index);
    }
    toIndex.clear();
  }

  /** Whether the name index has (or is about to have) an article other than `uri`. */
  function othersIndexed(uri: string): boolean {
    if (index.size > (index.has(uri) ? 1 : 0)) return true;
    for (const u of toIndex) if (u !== uri) return true;
    return false;
  }

  function rangeIn(uri: string, start: number, end: number) {
    const li = cache.get(uri)?.conv.index ?? lineIndexes.get(uri);
    if (!li) return undefined;
    return { start: li.positionAt(start), end: li.positionAt(end) };
  }

  function diagnosticsOf(uri: string, a: Analysis): Diagnostic[] {
    const s = settingsFor(uri);
    const out = a.article.diagnostics.map((f) => toDiagnostic(a.conv, localizeFinding(f, locale), a.version));
    if (indexOn(s) && othersIndexed(uri)) {
      flushIndex();
      for (const f of index.acrossFindings(uri)) {
        const sev = (s.diagnostics as Record<string, string>)[f.code];
        if (sev === 'off') continue;
        const finding: Finding = localizeFinding(sev ? { ...f, severity: sev as Severity } : f, locale);
        const elsewhere = f.relatedElsewhere.map((r) => ({ uri: r.uri, range: rangeIn(r.uri, r.start, r.end), message: r.message }));
        out.push(toDiagnostic(a.conv, finding, a.version, elsewhere));
      }
    }
    return out;
  }

  async function publish(uri: string): Promise<void> {
    if (pullDiagnostics) return;
    await ensureSettings(uri);
    const a = runSafe('diagnostics', undefined, () => get(uri));
    // A piecewise run publishes when it completes.
    if (!a || a.partial) return;
    const diagnostics = runSafe('diagnostics', [], () => diagnosticsOf(uri, a));
    void connection.sendDiagnostics({ uri, version: a.version, diagnostics });
  }

  /** After settings, trust or the style book changed: analyze again and let the editor ask again. */
  function refreshAll(): void {
    cache.clear();
    for (const uri of [...runs.keys()]) cancelRun(uri);
    generation++;
    if (pullDiagnostics) {
      if (diagnosticRefresh) void connection.languages.diagnostics.refresh().catch(() => undefined);
    } else for (const d of documents.all()) void publish(d.uri);
    if (semanticRefresh) void connection.languages.semanticTokens.refresh().catch(() => undefined);
    if (inlayRefresh) void connection.languages.inlayHint.refresh().catch(() => undefined);
  }

  async function loadGlobalSettings(): Promise<void> {
    if (!hasConfiguration) return;
    try {
      globalSettings = mergeSettings(await connection.workspace.getConfiguration({ section: 'articleLens' }));
    } catch (e) {
      log(`[warn] could not read settings: ${String(e)}`);
    }
  }

  /**
   * Scan the workspace folders: analyze every matching file that is not open, add its summary to the name index and
   * (when `publishTo`) send its diagnostics to Problems. Progress through `reporter`; stops when `cancelled()`.
   * With a host indexer (node/indexer.ts: worker threads when there is more than one core) the files are read and
   * analyzed off this thread, `queueDepth` jobs given at a time, and only their small summaries come back; without one
   * they are analyzed here, one at a time, yielding to other messages every 100 ms. Summaries enter the index in file
   * order whichever worker finished first, so the index is the same however the files were shared.
   */
  async function scanWorkspace(reporter: WorkDoneProgressReporter | undefined, cancelled: () => boolean, publishTo: boolean): Promise<CheckWorkspaceResult> {
    const result: CheckWorkspaceResult = { files: 0, diagnostics: 0, skipped: 0, cancelled: false };
    if (!host) return { ...result, reason: 'no file access' };
    if (!trusted) return { ...result, reason: 'untrusted workspace' };
    if (folders.length === 0) return { ...result, reason: 'no workspace folder' };
    const s0 = globalSettings;
    const uris: string[] = [];
    for (const f of folders) {
      uris.push(...(await host.listFiles(f, s0.workspaceIndex.include, s0.workspaceIndex.exclude, s0.workspaceIndex.maxFiles - uris.length, cancelled)));
    }
    reporter?.begin(t('indexing'), 0, t('indexed', 0, uris.length), true);
    let done = 0;
    let last = Date.now();
    const progress = () => {
      done++;
      if (Date.now() - last > 100 || done === uris.length) {
        last = Date.now();
        reporter?.report(Math.round((done * 100) / uris.length), t('indexed', done, uris.length));
      }
    };
    const accept = (uri: string, o: IndexOutcome | 'open') => {
      progress();
      if (o !== 'open' && 'skipped' in o) {
        if (o.skipped !== 'cancelled') result.skipped++;
        return;
      }
      result.files++;
      if (o === 'open' || documents.get(uri)) return; // open (or opened meanwhile): its own analysis is in the index
      index.set(uri, o.summary);
      generation++;
      lineIndexes.set(uri, new LinePositions(o.summary.lineStarts));
      if (publishTo && o.summary.diagnostics) {
        result.diagnostics += o.summary.diagnostics.length;
        pushedByScan.add(uri);
        void connection.sendDiagnostics({ uri, diagnostics: o.summary.diagnostics });
      }
    };
    // Outcomes wait here until every earlier file's has entered the index (file order, whichever thread finished first);
    // the scan gives out no new job while MAX_WAITING of them wait.
    const ready = new Map<number, IndexOutcome | 'open'>();
    let next = 0;
    const settle = (i: number, o: IndexOutcome | 'open') => {
      ready.set(i, o);
      for (let r = ready.get(next); r !== undefined; r = ready.get(next)) {
        ready.delete(next);
        accept(uris[next++], r);
      }
    };
    const pool = host.indexer?.(log);
    log(`[info] scanning ${uris.length} files on ${pool ? `${pool.threads} worker thread(s)` : 'the server thread'}`);
    try {
      const inFlight = new Set<Promise<void>>();
      for (let i = 0; i < uris.length; i++) {
        if (cancelled()) {
          result.cancelled = true;
          break;
        }
        const uri = uris[i];
        if (documents.get(uri)) {
          settle(i, 'open');
          continue;
        }
        if (pool) {
          const p: Promise<void> = pool.index({ uri, folder: folderOf(uri), settings: s0, withDiagnostics: publishTo, locale }).then((o) => {
            inFlight.delete(p);
            settle(i, o);
          });
          inFlight.add(p);
          // Bounded both ways: jobs given out, and outcomes waiting behind a slow earlier file (file order).
          while (inFlight.size >= pool.queueDepth || (ready.size >= MAX_WAITING && inFlight.size > 0)) await Promise.race(inFlight);
          continue;
        }
        settle(i, runSafe<IndexOutcome>('index', { skipped: 'analysis failed' }, () => indexFile(host!, uri, s0, (text) => analyzeText(uri, text, s0), publishTo, locale)));
        if (Date.now() - last > 100) await new Promise((res) => setImmediate(res));
      }
      if (result.cancelled) pool?.cancel();
      await Promise.all(inFlight);
    } finally {
      await pool?.dispose();
    }
    reporter?.done();
    return result;
  }

  async function startIndexing(): Promise<void> {
    indexing?.cancel();
    if (!host || !indexOn(globalSettings) || folders.length === 0) return;
    let stop = false;
    const me = { cancel: () => (stop = true) };
    indexing = me;
    let reporter: WorkDoneProgressServerReporter | undefined;
    if (progressSupport) {
      try {
        reporter = await connection.window.createWorkDoneProgress();
        reporter.token.onCancellationRequested(() => (stop = true));
      } catch {
        reporter = undefined;
      }
    }
    const r = await scanWorkspace(reporter, () => stop, false);
    if (indexing === me) indexing = undefined;
    log(`[info] workspace index: ${r.files} files${r.cancelled ? ' (cancelled)' : ''}, ${index.size} with names`);
    if (!r.cancelled) refreshAll();
  }

  connection.onInitialize((params): InitializeResult => {
    const caps = params.capabilities;
    hasConfiguration = !!caps.workspace?.configuration;
    pullDiagnostics = !!caps.textDocument?.diagnostic;
    diagnosticRefresh = !!caps.workspace?.diagnostics?.refreshSupport;
    semanticRefresh = !!caps.workspace?.semanticTokens?.refreshSupport;
    inlayRefresh = !!caps.workspace?.inlayHint?.refreshSupport;
    progressSupport = !!caps.window?.workDoneProgress;
    workspaceFoldersSupport = !!caps.workspace?.workspaceFolders;
    locale = params.locale;
    t = messages(locale);
    const init = (params.initializationOptions ?? {}) as InitializationOptions;
    trusted = init.trusted !== false;
    htmlHover = init.htmlHover === true;
    folders = (params.workspaceFolders ?? []).map((f) => f.uri);
    if (folders.length === 0 && params.rootUri) folders = [params.rootUri];
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        documentSymbolProvider: { label: 'Article Lens' },
        hoverProvider: true,
        documentHighlightProvider: true,
        referencesProvider: true,
        renameProvider: { prepareProvider: true },
        semanticTokensProvider: { legend, full: true, range: true },
        inlayHintProvider: true,
        workspaceSymbolProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
        ...(pullDiagnostics ? { diagnosticProvider: { identifier: 'articleLens', interFileDependencies: true, workspaceDiagnostics: false } } : {}),
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'article-lens', version: '0.1.0' },
    };
  });

  connection.onInitialized(async () => {
    if (hasConfiguration) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'articleLens' });
      await loadGlobalSettings();
    }
    if (workspaceFoldersSupport) {
      connection.workspace.onDidChangeWorkspaceFolders((e) => {
        folders = folders.filter((f) => !e.removed.some((r) => r.uri === f)).concat(e.added.map((a) => a.uri));
        void startIndexing();
      });
    }
    void startIndexing();
  });

  connection.onDidChangeConfiguration(async (change) => {
    const before = JSON.stringify(globalSettings.workspaceIndex);
    settingsByUri.clear();
    if (hasConfiguration) await loadGlobalSettings();
    else globalSettings = mergeSettings((change.settings as { articleLens?: unknown } | undefined)?.articleLens);
    refreshAll();
    // New globs or limits: index again (in the background, cancelling a scan in progress).
    if (JSON.stringify(globalSettings.workspaceIndex) !== before) void startIndexing();
  });

  connection.onDidChangeWatchedFiles(() => {
    host?.forget();
    refreshAll();
  });

  connection.onNotification(Notifications.trust, (p: { trusted?: boolean }) => {
    const was = trusted;
    trusted = p?.trusted !== false;
    if (was === trusted) return;
    if (!trusted) {
      indexing?.cancel();
      for (const u of [...lineIndexes.keys()]) if (!documents.get(u)) index.delete(u);
    }
    refreshAll();
    if (trusted) void startIndexing();
  });

  /**
   * Push mode: analyze once per burst of changes. vscode-jsonrpc handles one message per turn of the event loop
   * (setImmediate), so the analysis waits one turn and then as many more as the document keeps changing: changes
   * already read from the stream (fast typing, a multi-edit fix) are applied first, and a version that is already
   * superseded is never analyzed. Costs two turns of the event loop when nothing else is queued. A pull request
   * for diagnostics settles the same way.
   */
  function settle(uri: string): Promise<void> {
    return new Promise((resolve) => {
      let seen = documents.get(uri)?.version;
      const hop = (first: boolean) => {
        const v = documents.get(uri)?.version;
        if (v !== undefined && (first || v !== seen)) {
          seen = v;
          setImmediate(() => hop(false));
          return;
        }
        resolve();
      };
      setImmediate(() => hop(true));
    });
  }
  const scheduled = new Set<string>();
  function schedulePublish(uri: string): void {
    if (pullDiagnostics || scheduled.has(uri)) return;
    scheduled.add(uri);
    void settle(uri).then(() => {
      scheduled.delete(uri);
      if (documents.get(uri)) void publish(uri);
    });
  }

  documents.onDidOpen((e) => {
    if (pullDiagnostics && pushedByScan.delete(e.document.uri)) void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
    schedulePublish(e.document.uri);
  });
  documents.onDidChangeContent((e) => schedulePublish(e.document.uri));
  documents.onDidClose((e) => {
    flushIndex(); // the closed file stays in the index with its last analysis
    cache.delete(e.document.uri);
    cancelRun(e.document.uri);
    reusable.delete(e.document.uri);
    settingsByUri.delete(e.document.uri);
    if (!pullDiagnostics) void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  connection.languages.diagnostics.on(async (p, token) => {
    await ensureSettings(p.textDocument.uri);
    // As in push mode: changes already received are applied before analyzing (never a superseded version).
    await settle(p.textDocument.uri);
    // A piecewise run in progress: answer when it completes (other requests are answered meanwhile).
    const done = await complete(p.textDocument.uri, () => token.isCancellationRequested).catch(() => undefined);
    return runSafe<DocumentDiagnosticReport>('diagnostic', { kind: DocumentDiagnosticReportKind.Full, items: [] }, () => {
      const a = done && done.version === documents.get(p.textDocument.uri)?.version ? done : get(p.textDocument.uri);
      if (!a || a.partial) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
      const resultId = `${a.version}.${generation}`;
      if (p.previousResultId === resultId) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId };
      return { kind: DocumentDiagnosticReportKind.Full, resultId, items: diagnosticsOf(p.textDocument.uri, a) };
    });
  });

  connection.onDocumentSymbol((p) => runSafe('documentSymbol', [], () => {
    const a = get(p.textDocument.uri);
    if (!a) return [];
    return (a.symbols ??= documentSymbols(a.article, a.conv, t));
  }));

  connection.onHover((p) => runSafe<Hover | null>('hover', null, () => {
    const a = get(p.textDocument.uri);
    return a ? hover(a.article, a.conv, a.conv.offset(p.position), { html: htmlHover }) : null;
  }));

  connection.onDocumentHighlight((p) => runSafe('documentHighlight', [], () => {
    const a = get(p.textDocument.uri);
    return a ? documentHighlights(a.article, a.conv, a.conv.offset(p.position)) : [];
  }));

  connection.onReferences((p) => runSafe('references', [], () => {
    const a = get(p.textDocument.uri);
    return a ? references(a.article, a.conv, a.conv.offset(p.position), p.context.includeDeclaration) : [];
  }));

  connection.onPrepareRename((p) => runSafe('prepareRename', null, () => {
    const a = get(p.textDocument.uri);
    return a ? prepareRename(a.article, a.conv, a.conv.offset(p.position), t) : null;
  }));

  connection.onRenameRequest((p) => runSafe('rename', null, () => {
    const a = get(p.textDocument.uri);
    return a ? rename(a.article, a.conv, a.conv.offset(p.position), p.newName, t) : null;
  }));

  connection.languages.semanticTokens.on((p) => runSafe('semanticTokens', { data: [] }, () => {
    const a = get(p.textDocument.uri);
    if (!a || !settingsFor(p.textDocument.uri).semanticHighlighting) return { data: [] };
    return (a.tokens ??= semanticTokens(a.article, a.conv));
  }));

  connection.languages.semanticTokens.onRange((p) => runSafe('semanticTokens/range', { data: [] }, () => {
    const a = get(p.textDocument.uri);
    if (!a || !settingsFor(p.textDocument.uri).semanticHighlighting) return { data: [] };
    return semanticTokens(a.article, a.conv, { start: a.conv.offset(p.range.start), end: a.conv.offset(p.range.end) });
  }));

  connection.languages.inlayHint.on((p) => runSafe('inlayHint', [], () => {
    const a = get(p.textDocument.uri);
    if (!a || !settingsFor(p.textDocument.uri).inlayHints) return [];
    return inlayHints(a.article, a.conv, { start: a.conv.offset(p.range.start), end: a.conv.offset(p.range.end) });
  }));

  connection.onCodeAction((p) => runSafe('codeAction', [], () => {
    const a = get(p.textDocument.uri);
    return a ? codeActions(a.article, a.conv, a.version, p, t) : [];
  }));

  connection.onWorkspaceSymbol((p) => runSafe<SymbolInformation[]>('workspaceSymbol', [], () => {
    // Open documents first (their current text), then the rest of the index.
    for (const d of documents.all()) get(d.uri);
    flushIndex();
    const KIND: Record<string, SymbolKind> = { person: SymbolKind.Object, organization: SymbolKind.Class, location: SymbolKind.Module };
    return index.symbols(p.query).map((s) => ({
      name: s.name,
      kind: KIND[s.type] ?? SymbolKind.Constant,
      containerName: fileName(s.uri),
      location: { uri: s.uri, range: rangeIn(s.uri, s.start, s.end) ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } },
    }));
  }));

  connection.onRequest(Requests.articleSummary, (p: ArticleSummaryParams) => runSafe<ArticleSummary | null>('articleSummary', null, () => {
    const a = get(p.uri);
    if (!a) return null;
    const pd = a.article.publicationDate?.value;
    return {
      uri: p.uri,
      language: a.article.language,
      entityCount: a.article.entities.length,
      diagnosticCount: a.article.diagnostics.length,
      publicationDate: pd ? `${pd.year}-${String(pd.month).padStart(2, '0')}-${String(pd.day).padStart(2, '0')}` : undefined,
    };
  }));

  connection.onRequest(Requests.entityReport, (p: { uri: string }) => runSafe<EntityReport | null>('entityReport', null, () => {
    const a = get(p.uri);
    return a ? entityReport(a.article, a.conv, a.version) : null;
  }));

  connection.onRequest(Requests.fixAll, (p: { uri: string }) => runSafe<FixAllResult | null>('fixAll', null, () => {
    const a = get(p.uri);
    return a ? { version: a.version, edits: fixAllEdits(a.article, a.conv) } : null;
  }));

  connection.onRequest(Requests.checkWorkspace, async (p: CheckWorkspaceParams, token: CancellationToken) => {
    try {
      const reporter = p?.workDoneToken !== undefined ? connection.window.attachWorkDoneProgress(p.workDoneToken) : undefined;
      const r = await scanWorkspace(reporter, () => token.isCancellationRequested, true);
      // Open documents are in Problems already; count theirs too.
      for (const d of documents.all()) {
        const a = get(d.uri);
        if (a) r.diagnostics += diagnosticsOf(d.uri, a).length;
      }
      return r;
    } catch (e) {
      log(`[error] checkWorkspace: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
      return new ResponseError(-32803, String(e));
    }
  });

  documents.listen(connection);
  connection.listen();
}
