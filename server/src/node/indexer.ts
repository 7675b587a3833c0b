/**
 * Workspace indexing off the main thread: a small pool of worker threads that read, analyze and summarize files
 * (features/summary.ts) for the server's workspace scan, so the open documents on the main thread keep answering.
 *
 * - Size: two workers on 2 or 3 cores, one fewer than the cores above that (at most 4), no worker on 1 core (the scan
 *   then analyzes on the main thread); `ARTICLE_LENS_INDEX_THREADS` overrides it (0: no workers). Each worker loads its
 *   own models and keeps its own word caches. On 2 cores the two workers use both, so a worker lowers its own OS
 *   priority (nice WORKER_NICE, Linux: per thread) and the main thread, which answers the editor, gets a core as soon
 *   as it has work.
 * - Memory: a worker is replaced by a fresh one when its live memory (V8 heap plus array buffers after its last full
 *   collection) passes 130 MB (its taggers' word caches grow with every new word of an archive) or after
 *   RECYCLE_AFTER files; workers exit when the scan that started them is over (`dispose`).
 *   `ARTICLE_LENS_INDEX_HEAP_MB` overrides the heap bound.
 * - What crosses threads: a job (URI, settings, folder) in, a FileSummary (name entities, line starts, and only for
 *   Check Workspace the LSP diagnostics) out.
 * - Cancellation: `cancel()` drops the jobs not yet sent (they resolve as skipped) and `dispose()` ends the workers.
 */
import * as os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { FileSummary } from '../features/summary';
import type { Settings } from '../protocol';

export interface IndexJob {
  uri: string;
  /** The workspace folder holding the file (its style book applies). */
  folder?: string;
  settings: Settings;
  /** Check Workspace: also the file's LSP diagnostics. */
  withDiagnostics: boolean;
  locale?: string;
}

/** A summary, or why the file was not indexed (unreadable, binary, over the size limit, analysis failed, cancelled). */
export type IndexOutcome = { summary: FileSummary } | { skipped: string };

export interface FileIndexer {
  readonly threads: number;
  /** How many jobs to keep given at once (the ones the workers analyze and the next ones: no worker waits). */
  readonly queueDepth: number;
  index(job: IndexJob): Promise<IndexOutcome>;
  /** Jobs not yet started resolve as skipped ('cancelled'). */
  cancel(): void;
  /** End the workers (jobs in flight resolve as skipped). */
  dispose(): Promise<void>;
}

export const WORKER_FLAG = 'articleLensIndexWorker';

export function indexThreads(): number {
  const env = process.env.ARTICLE_LENS_INDEX_THREADS;
  if (env !== undefined && env !== '' && Number.isFinite(Number(env))) return Math.max(0, Math.floor(Number(env)));
  const cores = os.availableParallelism();
  return cores < 2 ? 0 : Math.min(Math.max(cores - 1, 2), 4);
}

/** The OS priority (nice) of an index worker's thread: below the main thread's, which answers the editor. */
export const WORKER_NICE = 10;

/** Jobs given per worker at a time (FileIndexer.queueDepth): the one it analyzes and the next. */
const QUEUED_PER_WORKER = 2;

/** Files a worker analyzes before it is replaced, whatever its memory. */
const RECYCLE_AFTER = 5000;

/**
 * A worker's young generation, MB (V8 splits it into two semi-spaces and a large-object part: ~2.7 MB each). A worker
 * keeps what survives a file in its caches and drops the rest, so a bigger nursery only holds more garbage: on the
 * 10,000-file archive bench 16 -> 8 MB lowered one worker's peak RSS by ~14 MB (emulated worker, 5,000 files: 298 ->
 * 284 MB) for the same CPU within noise (19.6-23.6 s either way under load); 4 and 6 MB saved no more.
 */
const YOUNG_GENERATION_MB = 8;

interface Slot {
  worker: Worker;
  /** Being replaced: takes no more jobs. */
  retiring?: boolean;
  busy?: { id: number; job: IndexJob; resolve: (o: IndexOutcome) => void; retried?: boolean };
  done: number;
}

/** A pool running `script` (the server bundle; main.ts starts the worker side when WORKER_FLAG is in workerData). */
export function workerIndexer(script: string, threads: number, options: { log?: (m: string) => void } = {}): FileIndexer {
  const maxHeap = (Number(process.env.ARTICLE_LENS_INDEX_HEAP_MB) || 130) * 1048576;
  // Room above the recycle bound, so a worker is replaced before it can run out of heap.
  const oldGenMB = Math.round((maxHeap / 1048576) * 1.25);
  const queue: Array<{ job: IndexJob; resolve: (o: IndexOutcome) => void; retried?: boolean }> = [];
  const slots: Slot[] = [];
  let nextId = 1;
  let disposed = false;
  /** The largest live memory a worker reported (bytes), for the log line at `dispose`. */
  let maxLive = 0;

  function spawn(): Slot {
    // A bounded V8 heap: without one, V8 lets garbage pile up to several times the live size before a full collection.
    // The young generation (YOUNG_GENERATION_MB) is small: a worker's garbage is per file, its survivors are caches.
    const worker = new Worker(script, { workerData: { [WORKER_FLAG]: true }, resourceLimits: { maxOldGenerationSizeMb: oldGenMB, maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
    const slot: Slot = { worker, done: 0 };
    worker.on('message', (m: { id: number; outcome: IndexOutcome; heap: number }) => {
      const b = slot.busy;
      if (!b || b.id !== m.id) return;
      slot.busy = undefined;
      slot.done++;
      maxLive = Math.max(maxLive, m.heap);
      b.resolve(m.outcome);
      if ((slot.done >= RECYCLE_AFTER || m.heap > maxHeap) && !disposed) {
        // The old worker's memory is given back before the new one loads its models (no overlap at the peak).
        slot.retiring = true;
        options.log?.(`[info] index worker recycled after ${slot.done} files (heap ${Math.round(m.heap / 1048576)} MB)`);
        void worker.terminate().then(() => {
          const i = slots.indexOf(slot);
          if (i < 0 || disposed) return;
          slots[i] = spawn();
          pump();
        });
        return;
      }
      pump();
    });
    const fail = (why: string) => {
      const i = slots.indexOf(slot);
      if (i < 0) return;
      // The file in flight is tried once more on a fresh worker (a worker out of heap is not the file's fault).
      const b = slot.busy;
      if (b && !b.retried && !disposed) queue.unshift({ job: b.job, resolve: b.resolve, retried: true });
      else b?.resolve({ skipped: why });
      slot.busy = undefined;
      if (disposed) return;
      options.log?.(`[warn] index worker: ${why}`);
      slots[i] = spawn();
      pump();
    };
    worker.on('error', (e) => fail(e instanceof Error ? e.message : String(e)));
    worker.on('exit', (code) => {
      if (slots.includes(slot) && !disposed && !slot.retiring && code !== 0) fail(`exited with code ${code}`);
    });
    return slot;
  }

  function pump(): void {
    for (const slot of slots) {
      if (slot.busy || slot.retiring || queue.length === 0) continue;
      const { job, resolve, retried } = queue.shift()!;
      const id = nextId++;
      slot.busy = { id, job, resolve, retried };
      slot.worker.postMessage({ id, job });
    }
  }

  return {
    threads,
    queueDepth: threads * QUEUED_PER_WORKER,
    index(job) {
      if (disposed) return Promise.resolve({ skipped: 'cancelled' });
      if (slots.length < threads) slots.push(spawn());
      return new Promise<IndexOutcome>((resolve) => {
        queue.push({ job, resolve });
        pump();
      });
    },
    cancel() {
      for (const q of queue.splice(0)) q.resolve({ skipped: 'cancelled' });
    },
    async dispose() {
      if (!disposed && nextId > 1) {
        const mem = process.memoryUsage();
        const mb = (n: number) => Math.round(n / 1048576);
        options.log?.(`[info] index workers: largest live memory ${mb(maxLive)} MB; server thread: heap ${mb(mem.heapUsed)} of ${mb(mem.heapTotal)} MB, array buffers ${mb(mem.arrayBuffers)} MB, process RSS ${mb(mem.rss)} MB`);
      }
      disposed = true;
      this.cancel();
      const all = slots.splice(0);
      for (const s of all) s.busy?.resolve({ skipped: 'cancelled' });
      await Promise.all(all.map((s) => s.worker.terminate()));
    },
  };
}
