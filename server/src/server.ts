/**
 * The language server: LSP handlers only. Each handler finds the document, asks the core (through the
 * per-version cache) and converts the answer. Nothing here analyzes text.
 */
import {
  Connection,
  DidChangeConfigurationNotification,
  Hover,
  InitializeResult,
  TextDocuments,
  TextDocumentSyncKind,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze } from './core/analyze';
import type { Article, DateValue, Severity } from './core/types';
import { Converter, toDiagnostic } from './features/convert';
import { hover } from './features/hover';
import { documentSymbols } from './features/symbols';
import { ArticleSummary, ArticleSummaryParams, defaultSettings, Requests, Settings } from './protocol';

interface Analysis {
  version: number;
  article: Article;
  conv: Converter;
}

export interface ServerOptions {
  /** Where log lines go (defaults to the connection console). */
  log?: (msg: string) => void;
}

function parseDate(s: string | undefined): DateValue | undefined {
  const m = s ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(s.trim()) : null;
  return m ? { year: +m[1], month: +m[2], day: +m[3] } : undefined;
}

function fileName(uri: string): string {
  try {
    return decodeURIComponent(uri.slice(uri.lastIndexOf('/') + 1));
  } catch {
    return uri.slice(uri.lastIndexOf('/') + 1);
  }
}

export function startServer(connection: Connection, options: ServerOptions = {}): void {
  const log = options.log ?? ((m: string) => connection.console.log(m));
  const documents = new TextDocuments(TextDocument);
  const cache = new Map<string, Analysis>();
  let settings: Settings = defaultSettings;
  let hasConfiguration = false;

  /** Every handler goes through here: a failure is logged and answered with an empty result. */
  function runSafe<T>(name: string, empty: T, fn: () => T): T {
    try {
      return fn();
    } catch (e) {
      log(`[error] ${name}: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
      return empty;
    }
  }

  function get(uri: string): Analysis | undefined {
    const doc = documents.get(uri);
    if (!doc) return undefined;
    const cached = cache.get(uri);
    if (cached && cached.version === doc.version) return cached;
    const text = doc.getText();
    const article = analyze(text, {
      fileName: fileName(uri),
      publicationDate: parseDate(settings.publicationDate),
      severities: settings.diagnostics as Record<string, Severity | 'off'>,
    });
    const a: Analysis = { version: doc.version, article, conv: new Converter(uri, text) };
    cache.set(uri, a);
    return a;
  }

  function publish(uri: string): void {
    const a = runSafe('diagnostics', undefined, () => get(uri));
    if (!a) return;
    const diagnostics = runSafe('diagnostics', [], () => a.article.diagnostics.map((f) => toDiagnostic(a.conv, f)));
    void connection.sendDiagnostics({ uri, version: a.version, diagnostics });
  }

  async function loadSettings(): Promise<void> {
    if (!hasConfiguration) return;
    try {
      const s = await connection.workspace.getConfiguration({ section: 'articleLens' });
      settings = { ...defaultSettings, ...(s && typeof s === 'object' ? s : {}) };
    } catch (e) {
      log(`[warn] could not read settings: ${String(e)}`);
    }
  }

  connection.onInitialize((params): InitializeResult => {
    hasConfiguration = !!params.capabilities.workspace?.configuration;
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        documentSymbolProvider: { label: 'Article Lens' },
        hoverProvider: true,
      },
      serverInfo: { name: 'article-lens', version: '0.1.0' },
    };
  });

  connection.onInitialized(async () => {
    if (hasConfiguration) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'articleLens' });
      await loadSettings();
    }
  });

  connection.onDidChangeConfiguration(async () => {
    await loadSettings();
    cache.clear();
    for (const d of documents.all()) publish(d.uri);
  });

  documents.onDidOpen((e) => publish(e.document.uri));
  documents.onDidChangeContent((e) => publish(e.document.uri));
  documents.onDidClose((e) => {
    cache.delete(e.document.uri);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  connection.onDocumentSymbol((p) => runSafe('documentSymbol', [], () => {
    const a = get(p.textDocument.uri);
    return a ? documentSymbols(a.article, a.conv) : [];
  }));

  connection.onHover((p) => runSafe<Hover | null>('hover', null, () => {
    const a = get(p.textDocument.uri);
    return a ? hover(a.article, a.conv, a.conv.offset(p.position)) : null;
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

  documents.listen(connection);
  connection.listen();
}
