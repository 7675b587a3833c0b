/**
 * The server's file-system access (the language server itself stays free of Node built-ins so it can be driven
 * in memory): the style book of a document's workspace folder, the workspace scan for background indexing, and the
 * worker threads that analyze the scanned files (node/indexer.ts).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import type { Stylebook } from '../core/stylebook/model';
import { GlobSet } from '../glob';
import { type FileIndexer, indexThreads, workerIndexer } from './indexer';
import { loadStylebook } from './stylebook';

export interface StylebookFileProblem {
  /** URI of the file with the problem (the style book or a dictionary it imports). */
  uri: string;
  line: number;
  character: number;
  message: string;
  severity: 'error' | 'warning';
}

export interface HostStylebook {
  stylebook?: Stylebook;
  /** URI of the style book file that was read. */
  uri?: string;
  problems: StylebookFileProblem[];
}

export interface ServerHost {
  /** The style book for a document (`rel` resolved against the workspace folder containing it); undefined when none. */
  stylebook(folderUri: string, rel: string): HostStylebook | undefined;
  /** Files under a workspace folder matching the globs, as URIs; stops at `max` or when `cancelled()` says so. */
  listFiles(folderUri: string, include: readonly string[], exclude: readonly string[], max: number, cancelled: () => boolean): Promise<string[]>;
  /** Forget cached style books (a watched file changed). */
  forget(): void;
  /** Size in bytes, or undefined when unreadable. */
  size(uri: string): number | undefined;
  /** The file's text as UTF-8, or undefined when unreadable, binary or not valid UTF-8. */
  read(uri: string): string | undefined;
  /**
   * Worker threads for one workspace scan (node/indexer.ts), or undefined to analyze on the server's own thread
   * (one core, or no worker script). The scan disposes of it when done.
   */
  indexer?(log: (m: string) => void): FileIndexer | undefined;
}

export interface NodeHostOptions {
  /** The script a worker thread runs for indexing (the server bundle; main.ts passes its own file). */
  workerScript?: string;
}

const decoder = new TextDecoder('utf-8', { fatal: true });

export function nodeHost(options: NodeHostOptions = {}): ServerHost {
  const books = new Map<string, { mtime: number; value: ReturnType<ServerHost['stylebook']> }>();
  return {
    stylebook(folderUri, rel) {
      const root = URI.parse(folderUri);
      if (root.scheme !== 'file') return undefined;
      const file = path.resolve(root.fsPath, rel);
      let mtime = -1;
      for (const f of [file, file.replace(/\.json$/i, '.yaml'), file.replace(/\.json$/i, '.yml'), file.replace(/\.ya?ml$/i, '.json')]) {
        try {
          mtime = Math.max(mtime, fs.statSync(f).mtimeMs);
        } catch {
          /* absent */
        }
      }
      const cached = books.get(file);
      if (cached && cached.mtime === mtime) return cached.value;
      const loaded = loadStylebook(file);
      const value: HostStylebook | undefined = loaded.exists
        ? {
            stylebook: loaded.stylebook,
            uri: URI.file(loaded.file).toString(),
            problems: loaded.problems.map((p) => ({ uri: URI.file(p.file).toString(), line: p.line, character: p.character, message: p.message, severity: p.severity })),
          }
        : undefined;
      books.set(file, { mtime, value });
      return value;
    },
    forget() {
      books.clear();
    },
    async listFiles(folderUri, include, exclude, max, cancelled) {
      const root = URI.parse(folderUri);
      if (root.scheme !== 'file') return [];
      const globs = new GlobSet(include, exclude);
      const out: string[] = [];
      const stack = [''];
      let visited = 0;
      while (stack.length && out.length < max) {
        if (cancelled()) break;
        const rel = stack.pop()!;
        let entries: fs.Dirent[];
        try {
          entries = await fs.promises.readdir(path.join(root.fsPath, rel), { withFileTypes: true });
        } catch {
          continue;
        }
        entries.sort((a, b) => (a.name < b.name ? 1 : -1));
        for (const e of entries) {
          const r = rel ? `${rel}/${e.name}` : e.name;
          if (e.isDirectory()) {
            if (!globs.excludesDir(r)) stack.push(r);
          } else if (e.isFile() && globs.matches(r)) {
            out.push(URI.file(path.join(root.fsPath, r)).toString());
            if (out.length >= max) break;
          }
        }
        if (++visited % 50 === 0) await new Promise((res) => setImmediate(res));
      }
      return out.sort();
    },
    size(uri) {
      try {
        return fs.statSync(URI.parse(uri).fsPath).size;
      } catch {
        return undefined;
      }
    },
    indexer(log) {
      const threads = indexThreads();
      return options.workerScript && threads > 0 ? workerIndexer(options.workerScript, threads, { log }) : undefined;
    },
    read(uri) {
      try {
        const buf = fs.readFileSync(URI.parse(uri).fsPath);
        if (buf.includes(0)) return undefined;
        return decoder.decode(buf).replace(/^\uFEFF/, '');
      } catch {
        return undefined;
      }
    },
  };
}
